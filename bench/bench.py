"""Benchmark policylint against the Python floor and, where installed, its peers.

Usage:  python bench/bench.py [--files 2000] [--runs 5] [--quick] [--from DIR] [--synthetic]

The notices are made from real ones (``bench/realistic.py``: ../shared/seeds,
or the notices under ``--from DIR``, dressed in Markdown at the rates of
../shared/corpus); ``--synthetic`` uses the earlier corpus of ten fixed
sentences (``bench/corpus.py``), for comparing with figures taken on it.

Measures whole processes (start-up included), interleaved, and prints the
median of each with its ratio to the floor it is judged against:

* one file:   policylint check FILE   vs  python -c "import markdown_it"
* many files: policylint check DIR    vs  a bare serial markdown-it-py parse,
              and that parse on every core (the floor of a parallel run)

each both cold (--no-cache: every file parsed and checked) and as a repeat
run over unchanged files (the results cache answers).
* linearity:  half the corpus vs the whole corpus
* memory:     peak RSS of the many-file run and of one 10 MB file
* one 10 MB file: policylint check FILE vs its bare serial parse

markdownlint-cli2 and pymarkdown are timed too when they are on PATH.
Nothing here asserts; it reports (the test suite has no timing checks).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import contextlib

import corpus
import realistic

PY = sys.executable
PARSE = (
    "import sys, markdown_it\n"
    "md = markdown_it.MarkdownIt('commonmark').enable('table')\n"
    "for p in sys.argv[1:]:\n"
    "    md.parse(open(p, encoding='utf-8').read())\n"
)
# The same parse on every core: the files split into one share per process.
PARSE_ALL_CORES = (
    "import sys, os, markdown_it\n"
    "from concurrent.futures import ProcessPoolExecutor\n"
    "def parse(paths):\n"
    "    md = markdown_it.MarkdownIt('commonmark').enable('table')\n"
    "    for p in paths:\n"
    "        md.parse(open(p, encoding='utf-8').read())\n"
    "if __name__ == '__main__':\n"
    "    n, paths = os.cpu_count() or 1, sys.argv[1:]\n"
    "    with ProcessPoolExecutor(n) as pool:\n"
    "        list(pool.map(parse, [paths[i::n] for i in range(n)]))\n"
)


def policylint() -> list[str]:
    exe = Path(PY).parent / "policylint"
    return [str(exe)] if exe.exists() else [PY, "-m", "policylint"]


def timed(cmd: list[str]) -> tuple[float, int]:
    """Seconds and peak RSS (KiB) of one run of ``cmd``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(after, before)


def measure(commands: dict[str, list[str]], runs: int) -> dict[str, tuple[float, int]]:
    """Median seconds and peak memory per command, runs interleaved."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    peak: dict[str, int] = dict.fromkeys(commands, 0)
    for _ in range(runs):
        for name, cmd in commands.items():
            seconds, rss = timed(cmd)
            times[name].append(seconds)
            peak[name] = max(peak[name], rss)
    return {name: (statistics.median(ts), peak[name]) for name, ts in times.items()}


def peak_rss(cmd: list[str]) -> int:
    """Peak RSS in KiB of one run, measured alone (/usr/bin/time when available)."""
    if shutil.which("/usr/bin/time"):
        out = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], capture_output=True, text=True)
        return int(out.stderr.strip().splitlines()[-1])
    return timed(cmd)[1]


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found += [int(c) for c in (task / "children").read_text().split()]
    return found


def _pss_kib(pid: int) -> int:
    """Proportional set size: pages shared by forked workers count once overall."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def peak_tree_memory(cmd: list[str]) -> int | None:
    """Peak memory in KiB of a run and all its worker processes together (Linux).

    Samples the process tree every 5 ms and sums each process's PSS, so the
    pages forked workers share with their parent are not counted twice. None
    where /proc has no smaps_rollup (not Linux).
    """
    if not Path(f"/proc/{os.getpid()}/smaps_rollup").exists():
        return None
    peak = 0
    with subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as proc:
        while proc.poll() is None:
            pids, todo = [], [proc.pid]
            while todo:
                pid = todo.pop()
                pids.append(pid)
                todo += _children(pid)
            peak = max(peak, sum(_pss_kib(pid) for pid in pids))
            time.sleep(0.005)
    return peak


def peers(path: str) -> dict[str, list[str]]:
    """The peer linters installed here, each on ``path``."""
    found = {}
    if shutil.which("markdownlint-cli2"):
        found["markdownlint-cli2 FILE"] = ["markdownlint-cli2", path]
    if shutil.which("pymarkdown"):
        found["pymarkdown scan FILE"] = ["pymarkdown", "scan", path]
    return found


def preflight() -> str:
    """The parser policylint will use; exits when this Python cannot run the floor or
    policylint (every timed command would fail and the figures would mean nothing)."""
    checks = {
        "markdown-it-py (the floor)": [PY, "-c", "import markdown_it"],
        "policylint": [*policylint(), "--version"],
    }
    for name, cmd in checks.items():
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise SystemExit(
                f"bench: {name} does not run with {PY}: install policylint in this Python "
                f"(the README: .venv/bin/python bench/bench.py)\n{done.stderr.strip()[-300:]}"
            )
    name = "from policylint.parse.pyrs_tokens import parser_name; print(parser_name())"
    return subprocess.run([PY, "-c", name], capture_output=True, text=True).stdout.strip()


def row(name: str, seconds: float, floor: float, extra: str = "") -> str:
    return f"  {name:<42} {seconds * 1000:>9.1f} ms  {seconds / floor:>6.2f}x  {extra}"


def main() -> None:
    # A user's runs read cached bytecode; an environment that turns it off (some CI images
    # and sandboxes set PYTHONDONTWRITEBYTECODE) would make every figure include compiling
    # policylint's sources. The warm-up runs write it.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="400 files, 3 runs")
    parser.add_argument("--from", dest="source", type=Path, help="make notices from these")
    parser.add_argument("--synthetic", action="store_true", help="the ten-sentence corpus")
    args = parser.parse_args()
    files, runs = (400, 3) if args.quick else (args.files, args.runs)
    lint = [*policylint(), "check", "--format", "json", "--today", "2026-11-22"]
    cold = [*lint, "--no-cache"]
    parser_in_use = preflight()
    env_note = f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, {parser_in_use}"
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        if args.synthetic:
            notices = corpus.generate(root / "corpus", files)
            big = corpus.generate(root / "big", 0, large=10_000_000)[0]
        else:
            notices = realistic.generate(root / "corpus", files, source=args.source)
            big = realistic.generate(root / "big", 0, large=10_000_000, source=args.source)[0]
        half = root / "half"
        half.mkdir()
        for path in notices[: files // 2]:
            # Hard links: a directory walk never follows a symlink out of its folder.
            os.link(path, half / path.name)
        one = notices[0]
        size = sum(p.stat().st_size for p in notices) / 1e6
        made = "synthetic" if args.synthetic else f"from {args.source or realistic.SEEDS.name}"
        print(f"policylint benchmark: {files} files ({made}), {size:.1f} MB; {env_note}; ", end="")
        print(f"medians of {runs} runs")

        print("\nOne file (start-up dominates):")
        single = measure({
            "floor: python -c 'import markdown_it'": [PY, "-c", "import markdown_it"],
            "policylint check FILE (cached)": [*lint, str(one)],
            "policylint check FILE --no-cache": [*cold, str(one)],
            **peers(str(one)),
        }, runs * 3)  # fmt: skip
        floor = single["floor: python -c 'import markdown_it'"][0]
        for name, (seconds, _) in single.items():
            print(row(name, seconds, floor))

        print("\nMany files (throughput dominates):")
        paths = [str(p) for p in notices]
        many = measure({
            "floor: bare serial markdown-it parse": [PY, "-c", PARSE, *paths],
            "floor: the same parse on all cores": [PY, "-c", PARSE_ALL_CORES, *paths],
            "policylint check DIR (cached)": [*lint, str(root / "corpus")],
            "policylint check DIR --no-cache": [*cold, str(root / "corpus")],
            "policylint check DIR --no-cache --jobs 1": [*cold, "--jobs=1", str(root / "corpus")],
            "policylint check HALF --no-cache": [*cold, str(half)],
        }, runs)  # fmt: skip
        floor = many["floor: bare serial markdown-it parse"][0]
        for name, (seconds, _) in many.items():
            print(
                row(
                    name, seconds, floor, f"{size / seconds:.1f} MB/s" if "HALF" not in name else ""
                )
            )
        whole = many["policylint check DIR --no-cache"][0]
        halfway = many["policylint check HALF --no-cache"][0]
        start = single["policylint check FILE --no-cache"][0]
        print(
            f"  linearity: whole / half = {whole / halfway:.2f} (2.00 is linear); "
            f"less one start-up each: {(whole - start) / (halfway - start):.2f}"
        )

        print("\nMemory (peak):")
        tree = [*cold, str(root / "corpus")]
        print(f"  policylint check DIR, RSS of the main process {peak_rss(tree) / 1024:>9.0f} MiB")
        together = peak_tree_memory(tree)
        if together is not None:
            print(f"  same, main process and workers together (PSS) {together / 1024:>7.0f} MiB")
        print(f"  policylint check 10 MB file, RSS {peak_rss([*cold, str(big)]) / 1024:>22.0f} MiB")
        print("\nOne 10 MB file:")
        large = measure({
            "floor: bare serial markdown-it parse": [PY, "-c", PARSE, str(big)],
            "policylint check FILE --no-cache": [*cold, str(big)],
        }, 1)  # fmt: skip
        floor = large["floor: bare serial markdown-it parse"][0]
        for name, (seconds, _) in large.items():
            print(row(name, seconds, floor))


if __name__ == "__main__":
    main()
