"""``policylint audit``: records, resuming, the engines, the report, bad input.

The notices are written here, in our own words; the Dask test runs a real
LocalCluster with two workers.
"""

from __future__ import annotations

import json
import os
import pickle
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from policylint.api import Linter
from policylint.audit import records
from policylint.cli import main
from tests.conftest import TODAY, CheckRun

UK = """\
# Privacy notice

Last updated: 3 March 2023

Brightwater Kayaks Ltd is the controller of your personal data.
Write to privacy@brightwater.example with any question.

## Your rights

You can ask for a copy of your data. We charge a fee of £10 for every request.

## Complaints

You can complain to the Information Commissioner's Office (ICO).
"""

NL = """\
# Privacyverklaring

Laatst bijgewerkt: 12 januari 2026

Zeilschool De Wind B.V. is verwerkingsverantwoordelijke. Mail ons via info@dewind.example.

U kunt een klacht indienen bij de Autoriteit Persoonsgegevens.
"""

FAMILY = ["--select", "PL1,PL2,PL3,PL4", "--today", TODAY.isoformat()]


def audit(*args: str) -> tuple[int, str]:
    """Run ``policylint audit`` in this process: its exit status and standard error."""
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err), pytest.raises(SystemExit) as ended:
        main(["audit", *args])
    return int(ended.value.code or 0), err.getvalue()


def lines(out: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in (out / "notices.jsonl").read_text().splitlines()]


def archive(folder: Path, copies: int) -> Path:
    """``copies`` variants of the two notices, in year folders, no two the same bytes."""
    for i in range(copies):
        year = folder / str(2018 + i % 6)
        year.mkdir(parents=True, exist_ok=True)
        (year / f"uk-{i:03d}.md").write_text(UK.replace("Brightwater", f"Brightwater {i}"))
        (year / f"nl-{i:03d}.md").write_text(NL.replace("De Wind", f"De Wind {i}"))
    return folder


def test_records_hold_the_notice_and_the_findings_check_reports(
    tmp_path: Path, check_in: CheckRun
) -> None:
    (tmp_path / "in" / "2024-05").mkdir(parents=True)
    (tmp_path / "in" / "uk.md").write_text(UK)
    (tmp_path / "in" / "2024-05" / "privacy.md").write_text(NL)
    status, err = audit(*FAMILY, "--jobs", "1", str(tmp_path / "in"), "--out", str(tmp_path / "o"))
    assert status == 0, err
    nl, uk = lines(tmp_path / "o")
    assert [nl["path"], uk["path"]] == [
        str(tmp_path / "in" / p) for p in ("2024-05/privacy.md", "uk.md")
    ]
    assert (uk["language"], uk["jurisdictions"], uk["last_updated"], uk["snapshot"]) == (
        "en",
        ["UK"],
        "2023-03-03",
        None,
    )
    assert (nl["language"], nl["jurisdictions"], nl["last_updated"], nl["snapshot"]) == (
        "nl",
        ["NL"],
        "2026-01-12",
        "2024-05",
    )
    assert uk["size"] == len(UK.encode()) and len(str(uk["sha256"])) == 64
    found = [(f["code"], f["line"], f["column"]) for f in uk["findings"]]  # type: ignore[attr-defined]
    assert found == [("PL102", 3, 15), ("PL401", 10, 48), ("PL302", 14, 25)]
    assert "1360 days before 2026-11-22" in uk["findings"][0]["message"]  # type: ignore[index]
    assert [f["code"] for f in nl["findings"]] == ["PL302"]  # type: ignore[attr-defined]
    # The findings are check's --format json findings, without path and fix.
    _, shown, _ = check_in(tmp_path, "--format", "json", "--no-cache", *FAMILY[:2],
                           str(tmp_path / "in" / "uk.md"))  # fmt: skip
    expected = [{k: v for k, v in f.items() if k not in ("path", "fix")} for f in json.loads(shown)]
    assert uk["findings"] == expected


def test_copies_are_linted_once_and_a_second_run_lints_only_what_changed(tmp_path: Path) -> None:
    notices = archive(tmp_path / "in", 3)
    (notices / "copy.md").write_text((notices / "2018" / "uk-000.md").read_text())
    out = str(tmp_path / "o")
    status, err = audit(*FAMILY, "--jobs", "1", str(notices), "--out", out)
    assert status == 0 and "7 notices (6 linted, 1 copy of another, 0 already recorded)" in err
    first = (tmp_path / "o" / "notices.jsonl").read_bytes()
    copy = next(r for r in lines(tmp_path / "o") if str(r["path"]).endswith("copy.md"))
    assert copy["findings"] and copy["snapshot"] is None  # its own path: no year folder
    (notices / "2019" / "nl-001.md").write_text(NL.replace("12 januari 2026", "1 mei 2019"))
    status, err = audit(*FAMILY, "--jobs", "1", str(notices), "--out", out)
    assert status == 0 and "7 notices (1 linted, 6 already recorded)" in err
    changed = next(r for r in lines(tmp_path / "o") if str(r["path"]).endswith("nl-001.md"))
    assert changed["last_updated"] == "2019-05-01"
    assert [f["code"] for f in changed["findings"]] == ["PL102", "PL302"]  # type: ignore[attr-defined]
    (notices / "2019" / "nl-001.md").write_text(NL.replace("De Wind", "De Wind 1"))
    audit(*FAMILY, "--jobs", "1", str(notices), "--out", out)
    assert (tmp_path / "o" / "notices.jsonl").read_bytes() == first
    (notices / "copy.md").unlink()  # gone from the archive: gone from the records
    status, err = audit(*FAMILY, "--jobs", "1", str(notices), "--out", out)
    assert "6 notices (0 linted, 6 already recorded)" in err
    assert [r["path"] for r in lines(tmp_path / "o")] == [
        str(notices / f"{2018 + i}" / f"{kind}-{i:03d}.md")
        for i in range(3)
        for kind in ("nl", "uk")
    ]


def test_per_file_ignores_apply_to_each_path_of_one_content(tmp_path: Path) -> None:
    notices = tmp_path / "in"
    (notices / "legacy").mkdir(parents=True)
    (notices / "uk.md").write_text(UK)
    (notices / "legacy" / "uk.md").write_text(UK)
    config = tmp_path / ".policylint.toml"
    config.write_text('[per-file-ignores]\n"**/legacy/*.md" = ["PL401"]\n')
    status, err = audit(*FAMILY, "--config", str(config), "--jobs", "1", str(notices),
                        "--out", str(tmp_path / "o"))  # fmt: skip
    assert status == 0 and "(2 linted, 0 already recorded)" in err, err
    legacy, plain = lines(tmp_path / "o")
    assert legacy["sha256"] == plain["sha256"]
    assert [f["code"] for f in plain["findings"]] == ["PL102", "PL401", "PL302"]  # type: ignore[attr-defined]
    assert [f["code"] for f in legacy["findings"]] == ["PL102", "PL302"]  # type: ignore[attr-defined]


def test_a_file_over_max_file_size_is_recorded_unread(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "big.md").write_text(UK * 40)
    status, err = audit(*FAMILY, "--max-file-size", "10KB", "--jobs", "1", str(tmp_path / "in"),
                        "--out", str(tmp_path / "o"))  # fmt: skip
    assert status == 0, err
    [big] = lines(tmp_path / "o")
    assert big["size"] == len(UK.encode()) * 40 and len(str(big["sha256"])) == 64
    assert [f["code"] for f in big["findings"]] == ["PL906"]  # type: ignore[attr-defined]
    assert big["language"] is None


def test_a_path_that_is_not_utf8_is_recorded(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    name = os.fsdecode(b"caf\xe9.md")  # Latin-1 bytes, as old archives have
    (folder / name).write_text(UK)
    status, err = audit(*FAMILY, "--jobs", "1", str(folder), "--out", str(tmp_path / "o"))
    assert status == 0, err
    text = (tmp_path / "o" / "notices.jsonl").read_text(encoding="utf-8")
    assert '"path":"' + str(folder) + '/caf\\udce9.md"' in text
    assert lines(tmp_path / "o")[0]["path"] == str(folder / name)
    listed = tmp_path / "list.txt"
    listed.write_bytes(os.fsencode(folder / name) + b"\n")
    status, err = audit(*FAMILY, "--jobs", "1", "--from", str(listed), "--out", str(tmp_path / "o"))
    assert status == 0 and "(0 linted, 1 already recorded)" in err, err
    # Named on the command line (in the report's header) and too large (recorded unread).
    status, err = audit(*FAMILY, "--max-file-size", "100", "--jobs", "1", str(folder / name),
                        "--out", str(tmp_path / "big"))  # fmt: skip
    assert status == 0, err
    assert [f["code"] for f in lines(tmp_path / "big")[0]["findings"]] == ["PL906"]  # type: ignore[attr-defined]
    assert "caf\\udce9.md" in (tmp_path / "big" / "report.html").read_text()


def test_only_an_unfinished_run_passes_on_its_reference_date(tmp_path: Path) -> None:
    from policylint.audit.store import Store, recorded_today

    with Store(tmp_path / "o", "settings", "2026-10-01"):
        pass  # killed before its outputs: unfinished
    assert recorded_today(tmp_path / "o") == "2026-10-01"
    with Store(tmp_path / "o", "settings", "2026-10-01") as store:
        store.finished()
    assert recorded_today(tmp_path / "o") is None


def test_killed_and_started_again_records_every_notice_once(tmp_path: Path) -> None:
    notices = archive(tmp_path / "in", 150)
    command = [sys.executable, "-m", "policylint", "audit", *FAMILY, "--jobs", "2", "-q",
               str(notices), "--out"]  # fmt: skip
    assert (
        audit(*FAMILY, "-q", "--jobs", "1", str(notices), "--out", str(tmp_path / "whole"))[0] == 0
    )
    state = tmp_path / "cut" / "audit.sqlite"
    running = subprocess.Popen([*command, str(tmp_path / "cut")])
    recorded = 0
    while running.poll() is None and recorded < 100:
        time.sleep(0.02)
        try:
            with sqlite3.connect(state) as db:
                recorded = db.execute("SELECT count(*) FROM notices").fetchone()[0]
        except sqlite3.Error:
            recorded = 0  # not created yet
    running.send_signal(signal.SIGKILL)  # the workers are not told: they must end by themselves
    running.wait()
    assert 0 < recorded < 300, "the run must be killed part of the way"
    assert not (tmp_path / "cut" / "notices.jsonl").exists()
    finished = subprocess.run([*command[:-1], "--out", str(tmp_path / "cut")],
                              capture_output=True, text=True)  # fmt: skip
    assert finished.returncode == 0, finished.stderr
    whole = (tmp_path / "whole" / "notices.jsonl").read_bytes()
    assert (tmp_path / "cut" / "notices.jsonl").read_bytes() == whole
    assert (tmp_path / "cut" / "report.html").read_bytes() == (
        tmp_path / "whole" / "report.html"
    ).read_bytes()
    paths = [r["path"] for r in lines(tmp_path / "cut")]
    assert len(paths) == len(set(paths)) == 300


def test_dask_on_a_local_cluster_gives_the_records_of_the_local_engine(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    import dask

    notices = archive(tmp_path / "in", 20)
    status, err = audit(*FAMILY, "--jobs", "1", str(notices), "--out", str(tmp_path / "local"))
    assert status == 0, err
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, dashboard_address=":0", silence_logs=50
    ) as cluster:
        status, err = audit(*FAMILY, "--engine", "dask", "--scheduler", cluster.scheduler_address,
                            str(notices), "--out", str(tmp_path / "dask"))  # fmt: skip
        assert status == 0, err
        assert "40 notices (40 linted" in err
        # The same cluster serves a run with other settings.
        status, err = audit("--select", "PL4", "--today", TODAY.isoformat(), "--engine", "dask",
                            "--scheduler", cluster.scheduler_address, str(notices),
                            "--out", str(tmp_path / "other"))  # fmt: skip
        assert status == 0, err
    local = (tmp_path / "local" / "notices.jsonl").read_bytes()
    assert (tmp_path / "dask" / "notices.jsonl").read_bytes() == local
    assert {f["code"] for r in lines(tmp_path / "other") for f in r["findings"]} == {"PL401"}  # type: ignore[attr-defined]
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        status, err = audit("--engine", "dask", "--scheduler", "tcp://127.0.0.1:9", "--out",
                            str(tmp_path / "nowhere"), str(notices))  # fmt: skip
    assert status == 2 and "--scheduler tcp://127.0.0.1:9: cannot reach it" in err
    assert not (tmp_path / "nowhere").exists()  # an unreachable cluster leaves no state


def test_a_scheduler_without_workers_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    distributed = pytest.importorskip("distributed")
    from policylint.audit import cluster

    monkeypatch.setattr(cluster, "WAIT_FOR_WORKERS", 1)
    (tmp_path / "uk.md").write_text(UK)
    with distributed.LocalCluster(n_workers=0, dashboard_address=":0", silence_logs=50) as empty:
        status, err = audit("--engine", "dask", "--scheduler", empty.scheduler_address,
                            str(tmp_path / "uk.md"), "--out", str(tmp_path / "o"))  # fmt: skip
    assert (status, err) == (
        2, f"policylint: error: --scheduler {empty.scheduler_address}: no worker joined it "
        "within 1 s\n",
    )  # fmt: skip


def test_report_is_one_page_with_its_charts_and_no_network(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    status, err = audit(*FAMILY, "--jobs", "1", str(archive(tmp_path / "in", 4)),
                        "--out", str(tmp_path / "o"))  # fmt: skip
    assert status == 0, err
    page = (tmp_path / "o" / "report.html").read_text()
    assert page.count("<svg") == 5  # findings, ages, languages, jurisdictions, over time
    for fetch in ("<script", "<link", "<img", "src=", "@import"):
        assert fetch not in page
    assert re.findall(r"url\((?!#)", page) == []  # only the SVG's own clip paths
    for words in ("8</b>notices", "Over time", "PL302", "authority-helpline-missing"):
        assert words in page


def test_parquet_holds_the_same_records(tmp_path: Path) -> None:
    pandas = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    out = tmp_path / "o"
    status, err = audit(*FAMILY, "--jobs", "1", "--table", "parquet",
                        str(archive(tmp_path / "in", 2)), "--out", str(out))  # fmt: skip
    assert status == 0, err
    table = pandas.read_parquet(out / "notices.parquet")
    frame = pandas.read_json(out / "notices.jsonl", lines=True)
    assert list(table["path"]) == list(frame["path"])
    assert [list(f["code"] for f in row) for row in table["findings"]] == [
        [f["code"] for f in row] for row in frame["findings"]
    ]


def test_bad_input_is_one_line_each_and_the_rest_is_audited(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "uk.md").write_text(UK)
    (folder / "binary.md").write_bytes(b"\x00\x01\xff" * 50)
    listed = tmp_path / "list.txt"
    listed.write_text(
        f"# notices\n{folder / 'uk.md'}\n\n{folder / 'binary.md'}\n{folder / 'gone.md'}\n"
    )
    status, err = audit(*FAMILY, "--jobs", "1", "--from", str(listed), "--out", str(tmp_path / "o"))
    assert status == 2
    assert f"policylint: error: {folder / 'gone.md'}: no such file or directory" in err
    binary, uk = lines(tmp_path / "o")
    assert [f["code"] for f in binary["findings"]] == ["PL901"]  # type: ignore[attr-defined]
    assert binary["language"] is None and uk["language"] == "en"
    status, err = audit("--today", "2026-11-01", "--jobs", "1", str(folder / "uk.md"),
                        "--out", str(tmp_path / "o"))  # fmt: skip
    assert status == 2 and "made with other settings" in err and "--fresh" in err
    assert len(err.strip().splitlines()) == 1
    status, err = audit("--fresh", "--today", "2026-11-01", "--jobs", "1", str(folder / "uk.md"),
                        "--out", str(tmp_path / "o"))  # fmt: skip
    assert status == 0 and len(lines(tmp_path / "o")) == 1
    (tmp_path / "junk").mkdir()
    (tmp_path / "junk" / "audit.sqlite").write_text("not a database\n" * 100)
    status, err = audit("--jobs", "1", str(folder / "uk.md"), "--out", str(tmp_path / "junk"))
    assert status == 2 and "audit.sqlite: not an audit's state" in err
    status, err = audit(str(folder))
    assert status == 2 and "audit needs --out DIR" in err
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing yet\n")
    status, err = audit("--from", str(empty), "--out", str(tmp_path / "none"))
    assert status == 0 and "audited 0 notices" in err and lines(tmp_path / "none") == []


def test_parquet_without_pyarrow_is_refused_before_any_linting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "pyarrow" else real(name, *a)
    )
    (tmp_path / "uk.md").write_text(UK)
    status, err = audit("--table", "parquet", str(tmp_path / "uk.md"), "--out", str(tmp_path / "o"))
    assert (status, err) == (2, "policylint: error: --table parquet needs pyarrow: "
                                "pip install 'policylint[parquet]'\n")  # fmt: skip
    assert not (tmp_path / "o").exists()


def test_a_second_audit_into_the_same_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "uk.md").write_text(UK)
    holder = (
        "import sys; from pathlib import Path; from policylint.audit.store import Store\n"
        "with Store(Path(sys.argv[1]), 'settings', '2026-11-22'):\n"
        "    print('held', flush=True); sys.stdin.read()\n"
    )
    other = subprocess.Popen([sys.executable, "-c", holder, str(tmp_path / "o")],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert other.stdout is not None and other.stdout.readline() == "held\n"
        status, err = audit(str(tmp_path / "uk.md"), "--out", str(tmp_path / "o"))
    finally:
        other.communicate("")
    assert status == 2 and err.endswith(
        f"{tmp_path / 'o'}: another audit is writing to this folder\n"
    )


def test_the_library_call_lints_a_text_and_pickles_as_its_configuration() -> None:
    linter = Linter(today=TODAY, select=["PL1", "PL4"], config=None)
    notice = linter.lint_text(UK, path="uk.md")
    assert [(f.code, f.line) for f in notice.findings] == [("PL102", 3), ("PL401", 10)]
    assert (notice.language, notice.jurisdictions, notice.last_updated) == (
        "en",
        ("UK",),
        "2023-03-03",
    )
    again = pickle.loads(pickle.dumps(linter))
    assert again.lint_text(UK, path="uk.md") == notice == pickle.loads(pickle.dumps(notice))
    assert again.session.settings_key() == linter.session.settings_key()
    reordered = Linter(today=TODAY, select=["PL4", "PL1"], config=None)
    assert reordered.session.settings_key() == linter.session.settings_key()
    other = Linter(today=TODAY, select=["PL4"], config=None)
    assert other.session.settings_key() != linter.session.settings_key()


@pytest.mark.parametrize(
    ("path", "snapshot"),
    [
        ("archive/2019/A/example.com.md", "2019"),
        ("sites/acme/2021-03/privacy.md", "2021-03"),
        ("crawl/20190315/privacy.md", "2019-03-15"),
        ("2018/policies/privacy-2020_07_01.md", "2020-07-01"),
        ("docs/privacy.md", None),
        ("v12019/privacy.md", None),
        ("2019-13-01/privacy.md", "2019"),
        ("cache/9f2c2019ab/privacy.md", None),
        ("crawl-2023/site/privacy.md", "2023"),
        ("corpus/2017B/privacy.md", "2017"),
    ],
)
def test_the_snapshot_date_is_the_last_date_in_the_path(path: str, snapshot: str | None) -> None:
    assert records.path_snapshot(path) == snapshot


def test_without_a_terminal_there_is_no_progress_bar(tmp_path: Path) -> None:
    (tmp_path / "uk.md").write_text(UK)
    status, err = audit("--jobs", "1", str(tmp_path / "uk.md"), "--out", str(tmp_path / "o"))
    assert status == 0 and err.startswith("policylint: audited 1 notice (1 linted")
    assert len(err.splitlines()) == 1
    status, err = audit("--progress", "-v", "--jobs", "1", str(tmp_path / "uk.md"),
                        "--out", str(tmp_path / "o"))  # fmt: skip
    assert "auditing" in err and "1/1 notices" in err
    assert "engine: local, in this process; 1 notice recorded in" in err
    assert audit("-q", str(tmp_path / "uk.md"), "--out", str(tmp_path / "o")) == (0, "")
