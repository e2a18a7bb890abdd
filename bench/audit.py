"""Benchmark ``policylint audit`` against ``check`` and a bare parse on the same notices.

Usage:  python bench/audit.py [--files 2000] [--runs 3] [--dask] [--keep DIR]

Makes ``--files`` notices from real ones (``bench/realistic.py``), spread
over year folders (``2016/`` ... ``2025/``) as an archive keeps its
snapshots, then times whole processes, interleaved, and prints the median
files per second of each:

* ``check --no-cache -qq DIR`` (every core; nothing printed)
* ``audit --fresh -q DIR --out OUT`` (local engine, every core), and with
  ``--dask`` the same on a LocalCluster (``--engine dask``)
* the floor: markdown-it-py parsing every file, on every core

and the peak resident memory of each command's largest process (main or
worker, ``getrusage``), in MiB. Nothing here asserts; it reports.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import realistic

POLICYLINT = [sys.executable, "-m", "policylint"]
FLOOR = """
import sys, os
from concurrent.futures import ProcessPoolExecutor
from markdown_it import MarkdownIt
def parse(paths):
    md = MarkdownIt("commonmark")
    for p in paths:
        md.parse(open(p, encoding="utf-8").read())
paths = [os.path.join(d, f) for d, _, fs in os.walk(sys.argv[1]) for f in fs if f.endswith(".md")]
n = os.cpu_count() or 1
with ProcessPoolExecutor(n) as pool:
    list(pool.map(parse, [paths[i::n] for i in range(n)]))
"""


def make(folder: Path, files: int) -> int:
    """Write the notices into year folders; their total size in bytes."""
    flat = folder / "flat"
    paths = realistic.generate(flat, files)
    total = 0
    for i, path in enumerate(paths):
        year = folder / str(2016 + i % 10)
        year.mkdir(exist_ok=True)
        total += path.stat().st_size
        path.rename(year / path.name)
    flat.rmdir()
    return total


def timed(command: list[str]) -> tuple[float, int]:
    """Seconds, and the peak RSS in KiB of the command's largest process (main or worker)."""
    script = (
        "import resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)\n"
        "seconds = time.perf_counter() - start\n"
        "print(seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, *command], check=True, capture_output=True, text=True
    ).stdout.split()
    return float(out[0]), int(out[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dask", action="store_true", help="time --engine dask too")
    parser.add_argument("--keep", type=Path, help="make the notices here and keep them")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="policylint-audit-bench-"))
    notices, out = work / "notices", work / "out"
    if not notices.exists():
        size = make(notices, args.files)
    else:
        size = sum(p.stat().st_size for p in notices.rglob("*.md"))
    today = ["--today", "2026-11-22"]
    commands = {
        "check": [*POLICYLINT, "check", "--no-cache", "-qq", "--exit-zero", *today, str(notices)],
        "audit (local)": [
            *POLICYLINT,
            "audit",
            "--fresh",
            "-q",
            *today,
            str(notices),
            "--out",
            str(out),
        ],
        "parse floor": [sys.executable, "-c", FLOOR, str(notices)],
    }
    if args.dask:
        commands["audit (dask)"] = [*commands["audit (local)"], "--engine", "dask"]
    seconds: dict[str, list[float]] = {name: [] for name in commands}
    memory: dict[str, int] = {}
    for _ in range(args.runs):
        for name, command in commands.items():
            took, peak = timed(command)
            seconds[name].append(took)
            memory[name] = max(memory.get(name, 0), peak)
    print(f"{args.files} notices, {size / 1e6:.1f} MB, {os.cpu_count()} cores, "
          f"median of {args.runs} runs")  # fmt: skip
    check = statistics.median(seconds["check"])
    for name, runs in seconds.items():
        median = statistics.median(runs)
        rate = args.files / median
        speed = size / 1e6 / median
        peak = memory[name] / 1024
        print(f"  {name:<14} {median:6.2f} s  {rate:7.0f} files/s  {speed:5.1f} MB/s"
              f"  {check / median:4.2f}x check  peak RSS {peak:.0f} MiB")  # fmt: skip
    if args.keep is None:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
