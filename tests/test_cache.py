"""The on-disk caches: reuse when inputs are unchanged, recompute when anything changes."""

from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, warm_cache

STALE = FIXTURES / "rules" / "en" / "stale-month.md"
PROBE = (
    "import sys\n"
    "from policylint.cli import main\n"
    "try:\n"
    "    main(sys.argv[1:])\n"
    "except SystemExit as exit:\n"
    "    code = exit.code\n"
    "heavy = ('markdown_it', 'policylint.rules.fee_claim_unsupported',"
    " 'policylint.parse.document')\n"
    "loaded = [m for m in heavy if m in sys.modules]\n"
    "print('LOADED', ','.join(loaded), 'EXIT', code)\n"
)


def run(cache: Path, *args: str) -> tuple[str, list[str]]:
    if not cache.parent.is_file():  # a cache that cannot be made is a case of its own
        warm_cache(cache)
    env = {**os.environ, "POLICYLINT_CACHE_DIR": str(cache), "NO_COLOR": "1"}
    out = subprocess.run(
        [sys.executable, "-c", PROBE, "check", "-f", "text", *args],
        capture_output=True, text=True, env=env, check=True,
    ).stdout  # fmt: skip
    *report, probe = out.splitlines()
    return "\n".join(report), probe.split()[1].split(",") if probe.split()[1] != "EXIT" else []


def test_an_unchanged_file_is_not_parsed_again(tmp_path: Path) -> None:
    policy = tmp_path / "privacy.md"
    policy.write_bytes(STALE.read_bytes())
    first, loaded_first = run(tmp_path / "cache", "--today", "2026-11-22", str(policy))
    second, loaded_second = run(tmp_path / "cache", "--today", "2026-11-22", str(policy))
    assert first == second
    assert "PL102" in first
    # The first run parsed the file (a plain-text notice needs no markdown-it).
    assert "policylint.parse.document" in loaded_first
    assert loaded_second == []  # neither markdown-it nor any rule was imported


def test_changes_to_the_file_the_date_or_the_options_are_seen(tmp_path: Path) -> None:
    policy = tmp_path / "privacy.md"
    policy.write_bytes(STALE.read_bytes())
    cache = tmp_path / "cache"
    run(cache, "--today", "2026-11-22", str(policy))
    assert "PL102" not in run(cache, "--today", "2018-06-01", str(policy))[0]
    assert "PL102" not in run(cache, "--today", "2026-11-22", "--ignore", "PL102", str(policy))[0]
    policy.write_text(policy.read_text().replace("May 2018", "October 2026"))
    assert "PL102" not in run(cache, "--today", "2026-11-22", str(policy))[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_is_read_once_and_linted_not_taken_for_empty(tmp_path: Path) -> None:
    # "policylint check <(cat notice.md)": a pipe can be read only once, so the cache
    # must not read it for its key before the linter does.
    fifo = tmp_path / "notice.pipe"
    os.mkfifo(fifo)
    text = STALE.read_bytes()

    def feed() -> None:
        with open(fifo, "wb") as pipe:
            pipe.write(text)

    cache = tmp_path / "cache"
    warm_cache(cache)
    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    env = {**os.environ, "POLICYLINT_CACHE_DIR": str(cache), "NO_COLOR": "1"}
    # Read twice, the second open would wait for a writer that is gone: a timeout, not a hang.
    report = subprocess.run(
        [sys.executable, "-m", "policylint", "check", "--today", "2026-11-22", str(fifo)],
        capture_output=True, text=True, env=env, timeout=60,
    ).stdout  # fmt: skip
    assert "PL905" not in report
    assert "PL102" in report


def test_a_corrupt_or_foreign_cache_is_ignored(tmp_path: Path) -> None:
    policy = tmp_path / "privacy.md"
    policy.write_bytes(STALE.read_bytes())
    cache = tmp_path / "cache"
    expected = run(cache, "--today", "2026-11-22", str(policy))[0]
    for entry in [*cache.glob("*.json"), *cache.glob("*.marshal")]:
        entry.write_text("{not json")
    assert run(cache, "--today", "2026-11-22", str(policy))[0] == expected
    for entry in cache.glob("results-*.json"):
        key = json.loads(entry.read_text())["key"]
        entry.write_text(json.dumps({"key": key, "value": {"x": [["bad"]]}}))
    assert run(cache, "--today", "2026-11-22", str(policy))[0] == expected
    # A start-up entry under the right key but with damaged contents.
    knowledge = cache / "knowledge.marshal"
    key, value = marshal.loads(knowledge.read_bytes())
    value["literals"] = [["bad"]]
    knowledge.write_bytes(marshal.dumps((key, value)))
    assert run(cache, "--no-cache", "--today", "2026-11-22", str(policy))[0] == expected


def test_no_cache_and_an_unwritable_cache_still_lint(tmp_path: Path) -> None:
    policy = tmp_path / "privacy.md"
    policy.write_bytes(STALE.read_bytes())
    blocked = tmp_path / "file-not-dir"
    blocked.write_text("")
    expected = run(tmp_path / "cache", "--today", "2026-11-22", str(policy))[0]
    assert run(blocked / "cache", "--today", "2026-11-22", str(policy))[0] == expected
    report, loaded = run(tmp_path / "cache", "--no-cache", "--today", "2026-11-22", str(policy))
    assert report == expected and "policylint.parse.document" in loaded


def test_parallel_and_serial_runs_agree(tmp_path: Path) -> None:
    """A folder just large enough to take the parallel path gives the same findings
    on 1 and 2 processes."""
    from policylint.engine import linter

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    sources = sorted((FIXTURES / "rules").rglob("*.md"))
    size = sum(s.stat().st_size for s in sources)
    # Each file holds several fixtures one after another: enough files for batches, few
    # enough that the run is not all per-file overhead.
    for i in range(linter.PARALLEL_MIN_BYTES // size + 1):
        for k in range(0, len(sources), 8):
            text = b"\n\n".join(s.read_bytes() for s in sources[k : k + 8])
            (corpus / f"{i:02d}-{k:03d}.md").write_bytes(text)
    assert sum(p.stat().st_size for p in corpus.iterdir()) > linter.PARALLEL_MIN_BYTES
    args = ["--no-cache", "--today", "2026-11-22", "-f", "json", str(corpus)]
    serial = run(tmp_path / "c", "--jobs", "1", *args)[0]
    assert len(json.loads(serial)) > 100
    for jobs in ("2",):
        assert run(tmp_path / "c", "--jobs", jobs, *args)[0] == serial, jobs


def test_large_batches_really_take_the_parallel_path(tmp_path: Path) -> None:
    """The CLI test above would also pass if the pool silently fell back to serial."""
    import datetime as dt
    import multiprocessing

    from policylint.engine import linter, registry
    from policylint.rules.context import Settings

    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork on this platform: batches are linted serially by design")
    paths = [str(p) for p in sorted((FIXTURES / "rules").rglob("*.md"))]
    rules = registry.builtin_rules()
    settings = Settings(today=dt.date(2026, 11, 22))
    parallel = linter._in_parallel(paths, rules, settings, 2)
    assert parallel is not None
    serial = [f for path in paths for f in linter.lint_file(path, rules, settings)]
    assert linter.sort_findings(parallel) == linter.sort_findings(serial)
    assert len(serial) > 20


KEYS = (
    "import datetime as dt, sys\n"
    "from policylint.base import cache\n"
    "from policylint.engine import session\n"
    "print(cache.stamp(['knowledge']))\n"
    "print(session.prepare(today=dt.date(2026, 11, 22), plugins=False, lazy=True).fingerprint())\n"
)


EDITED = (
    "base/prefilter.py",
    "rules/fee_claim_unsupported.py",
    "locale/de/LC_MESSAGES/policylint.mo",
)


def test_an_edit_to_any_module_changes_both_cache_keys(tmp_path: Path) -> None:
    """The start-up cache and the results cache are keyed by the package's code and
    catalogues: an edit to a module of each kind (``EDITED``), one after the other,
    changes both keys each time."""
    import shutil

    package = Path(__file__).resolve().parents[1] / "policylint"
    copy = tmp_path / "policylint"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    if not (copy / "packs" / "shipped").is_dir():  # a checkout: the packs are beside it
        shutil.copytree(package.parent / "rules", copy / "packs" / "shipped")
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "POLICYLINT_CACHE_DIR": str(tmp_path / "c")}

    def keys() -> list[str]:
        run = [sys.executable, "-c", KEYS]
        return subprocess.run(run, env=env, cwd=tmp_path, capture_output=True, text=True,
                              check=True).stdout.splitlines()  # fmt: skip

    before = keys()
    assert keys() == before  # the same code: the same keys
    for module in EDITED:
        edited = copy / module
        edited.write_bytes(edited.read_bytes() + b"\n# an edit\n")
        after = keys()
        assert after[0] != before[0] and after[1] != before[1], module
        before = after
