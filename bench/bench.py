"""Benchmark policylint against the Python floor and, where installed, its peers.

Usage:  python bench/bench.py [--files 2000] [--runs 5] [--quick]

Measures whole processes (start-up included), interleaved, and prints the
median of each with its ratio to the floor it is judged against:

* one file:   policylint check FILE   vs  python -c "import markdown_it"
* many files: policylint check DIR    vs  a bare serial markdown-it-py parse

each both cold (--no-cache: every file parsed and checked) and as a repeat
run over unchanged files (the results cache answers).
* linearity:  half the corpus vs the whole corpus
* memory:     peak RSS of the many-file run and of one 10 MB file

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
from corpus import generate  # noqa: E402

PY = sys.executable
PARSE = (
    "import sys, markdown_it\n"
    "md = markdown_it.MarkdownIt('commonmark').enable('table')\n"
    "for p in sys.argv[1:]:\n"
    "    md.parse(open(p, encoding='utf-8').read())\n"
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


def row(name: str, seconds: float, floor: float, extra: str = "") -> str:
    return f"  {name:<38} {seconds * 1000:>9.1f} ms  {seconds / floor:>6.2f}x  {extra}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="400 files, 3 runs")
    args = parser.parse_args()
    files, runs = (400, 3) if args.quick else (args.files, args.runs)
    lint = [*policylint(), "check", "--format", "json", "--today", "2026-11-22"]
    cold = [*lint, "--no-cache"]
    env_note = f"{os.cpu_count()} cores, Python {sys.version.split()[0]}"
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        corpus = generate(root / "corpus", files)
        half = root / "half"
        half.mkdir()
        for path in corpus[: files // 2]:
            (half / path.name).symlink_to(path)
        big = generate(root / "big", 0, large=10_000_000)[0]
        one = corpus[0]
        size = sum(p.stat().st_size for p in corpus) / 1e6
        print(f"policylint benchmark: {files} files, {size:.1f} MB; {env_note}; medians of {runs} runs")

        print("\nOne file (start-up dominates):")
        single = measure({
            "floor: python -c 'import markdown_it'": [PY, "-c", "import markdown_it"],
            "policylint check FILE (cached)": [*lint, str(one)],
            "policylint check FILE --no-cache": [*cold, str(one)],
            **({"markdownlint-cli2 FILE": ["markdownlint-cli2", str(one)]} if shutil.which("markdownlint-cli2") else {}),
            **({"pymarkdown scan FILE": ["pymarkdown", "scan", str(one)]} if shutil.which("pymarkdown") else {}),
        }, runs * 3)  # fmt: skip
        floor = single["floor: python -c 'import markdown_it'"][0]
        for name, (seconds, _) in single.items():
            print(row(name, seconds, floor))

        print("\nMany files (throughput dominates):")
        paths = [str(p) for p in corpus]
        many = measure({
            "floor: bare serial markdown-it parse": [PY, "-c", PARSE, *paths],
            "policylint check DIR (cached)": [*lint, str(root / "corpus")],
            "policylint check DIR --no-cache": [*cold, str(root / "corpus")],
            "policylint check DIR --no-cache --jobs 1": [*cold, "--jobs", "1", str(root / "corpus")],
            "policylint check HALF --no-cache": [*cold, str(half)],
        }, runs)  # fmt: skip
        floor = many["floor: bare serial markdown-it parse"][0]
        for name, (seconds, _) in many.items():
            print(row(name, seconds, floor, f"{size / seconds:.1f} MB/s" if "HALF" not in name else ""))
        whole = many["policylint check DIR --no-cache"][0]
        halfway = many["policylint check HALF --no-cache"][0]
        print(f"  linearity: whole / half = {whole / halfway:.2f} (2.00 is linear)")

        print("\nMemory (peak RSS):")
        print(f"  policylint check DIR ({size:.0f} MB)      {peak_rss([*cold, str(root / 'corpus')]) / 1024:>7.0f} MiB")
        print(f"  policylint check 10 MB file         {peak_rss([*cold, str(big)]) / 1024:>7.0f} MiB")
        seconds = measure({"big": [*cold, str(big)]}, 1)["big"][0]
        print(f"  10 MB file time                     {seconds:>7.2f} s")


if __name__ == "__main__":
    main()
