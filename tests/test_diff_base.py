"""PL104 and the base it compares with: a notice changed in git without a new date.

Run against real git repositories made in a temporary folder: the sentences
changed since ``--diff-base`` are counted, re-wrapping and Markdown
formatting are not changes, a moved date ends it, and a file outside a
repository, a new file, an unknown revision and a shallow clone are handled
with a message, never a traceback.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import CheckRun, warm_cache

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

NOTICE = """# Privacy notice

Last updated: 1 October 2026

Acme Ltd is the controller. We keep your data for one year. We never sell it.

You may ask us for a copy of your data at privacy@acme.example.
"""
IDENTITY = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
            "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}  # fmt: skip


def env_for(path: Path) -> dict[str, str]:
    env = {
        **os.environ,
        **IDENTITY,
        "POLICYLINT_CACHE_DIR": str(warm_cache(path / ".cache")),
        "NO_COLOR": "1",
    }
    for name in ("PRE_COMMIT", "PRE_COMMIT_FROM_REF", "GITHUB_ACTIONS", "GIT_DIR"):
        env.pop(name, None)
    return env


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env=env_for(repo), check=True, capture_output=True)


def committed(tmp_path: Path, text: str = NOTICE) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir(parents=True)
    git(repo, "init", "-q")
    (repo / "privacy.md").write_text(text, encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "notice")
    return repo


@pytest.fixture
def pl104(check_in: CheckRun) -> CheckRun:
    """``pl104(folder, *args, env=...)``: a run of PL104 alone, quiet -> (status, out, err)."""

    def run(folder: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
        return check_in(folder, "--select", "PL104", "-q", *args, env=env)

    return run


def edit(repo: Path, old: str, new: str) -> None:
    path = repo / "privacy.md"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_a_changed_sentence_under_an_unchanged_date_is_reported_at_the_date(
    tmp_path: Path, pl104: CheckRun
) -> None:
    repo = committed(tmp_path)
    edit(repo, "one year", "two years")
    status, out, err = pl104(repo, "--diff-base", "HEAD", "privacy.md")
    assert (status, err) == (1, "")
    assert out == (
        "privacy.md:3:15: error: PL104 [*] The text changed since HEAD (changed sentences: 1) "
        'but the last-updated date "1 October 2026" did not: update it '
        "[last-updated-not-bumped]\n"
    )
    edit(repo, "We never sell it.", "We never sell it. We share it with our bank.")
    assert "(changed sentences: 2)" in pl104(repo, "--diff-base", "HEAD", "privacy.md")[1]


def test_rewrapping_whitespace_and_markdown_formatting_are_not_changes(
    tmp_path: Path, pl104: CheckRun
) -> None:
    repo = committed(tmp_path)
    edit(repo, "controller. We keep", "controller.\nWe   keep")
    edit(repo, "We never sell it.", "We **never** sell it.")
    edit(repo, "privacy@acme.example.", "[privacy@acme.example](mailto:privacy@acme.example).")
    edit(repo, "# Privacy notice", "Privacy notice\n==============")
    assert pl104(repo, "--diff-base", "HEAD", "privacy.md") == (0, "", "")


def test_a_new_date_or_a_config_base_and_a_fix_that_sets_it(
    tmp_path: Path, pl104: CheckRun
) -> None:
    repo = committed(tmp_path)
    edit(repo, "one year", "two years")
    (repo / ".policylint.toml").write_text('diff-base = "HEAD"\n', encoding="utf-8")
    assert pl104(repo, "privacy.md")[0] == 1  # the config's base
    status, _, err = pl104(repo, "--fix", "privacy.md")
    assert (status, err) == (0, "")  # -q: no "fixed" line
    assert "Last updated: 22 November 2026" in (repo / "privacy.md").read_text(encoding="utf-8")
    assert pl104(repo, "privacy.md") == (0, "", "")  # the date moved with the text


def test_without_a_date_the_finding_is_on_line_1(tmp_path: Path, pl104: CheckRun) -> None:
    repo = committed(tmp_path, NOTICE.replace("Last updated: 1 October 2026\n\n", ""))
    edit(repo, "one year", "two years")
    out = pl104(repo, "--diff-base", "HEAD", "privacy.md")[1]
    assert out.startswith("privacy.md:1:1: error: PL104 The text changed since HEAD")
    assert "gives no last-updated date: add one" in out


def test_inside_pre_commit_the_staged_text_is_compared_with_head(
    tmp_path: Path, pl104: CheckRun
) -> None:
    repo = committed(tmp_path)
    edit(repo, "one year", "two years")
    assert pl104(repo, "privacy.md", env={"PRE_COMMIT": "1"})[0] == 1
    assert pl104(repo, "privacy.md")[0] == 0  # no base outside a hook without --diff-base


def test_new_files_files_outside_a_repository_and_a_first_commit_are_not_compared(
    tmp_path: Path, check_in: CheckRun
) -> None:
    repo = committed(tmp_path)
    (repo / "cookies-privacy.md").write_text(NOTICE, encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "privacy.md").write_text(NOTICE, encoding="utf-8")
    status, out, err = check_in(
        repo, "--select", "PL104", "--diff-base", "HEAD", "cookies-privacy.md",
        str(outside / "privacy.md"),
    )  # fmt: skip
    assert (status, out) == (0, "2 files checked, no problems.\n")
    assert sorted(err.splitlines()) == [  # without -v: the issue asks for a clear message
        f"policylint: note: {outside / 'privacy.md'}: not in a git repository; PL104 not checked",
        "policylint: note: cookies-privacy.md: new since HEAD; PL104 not checked",
    ]
    assert (
        check_in(repo, "-q", "--select", "PL104", "--diff-base", "HEAD", "cookies-privacy.md")[2]
        == ""
    )  # -q: quiet
    empty = tmp_path / "empty"
    empty.mkdir()
    git(empty, "init", "-q")
    (empty / "privacy.md").write_text(NOTICE, encoding="utf-8")
    assert check_in(empty, "--select", "PL104", "--diff-base", "HEAD", "privacy.md")[2] == (
        f"policylint: note: {empty.resolve()}: no commit yet; its files are new\n"
    )


def test_a_symlinked_notice_is_compared_as_the_file_it_points_to(
    tmp_path: Path, pl104: CheckRun
) -> None:
    repo = committed(tmp_path)
    (repo / "docs").mkdir()
    (repo / "docs" / "privacy.md").symlink_to("../privacy.md")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "link")
    assert pl104(repo, "--diff-base", "HEAD", "docs/privacy.md") == (0, "", "")
    edit(repo, "one year", "two years")
    assert "(changed sentences: 1)" in pl104(repo, "--diff-base", "HEAD", "docs/privacy.md")[1]


def test_the_flag_beats_pre_commit_and_pre_commit_beats_the_config(
    tmp_path: Path, pl104: CheckRun
) -> None:
    repo = committed(tmp_path)
    edit(repo, "one year", "two years")
    (repo / ".policylint.toml").write_text('diff-base = "origin/main"\n', encoding="utf-8")
    status, _, err = pl104(repo, "privacy.md")
    assert (status, err) == (
        2,
        f"policylint: error: {repo / '.policylint.toml'}: diff-base origin/main: "
        f"no such revision in {repo.resolve()}\n",
    )  # the config's base, blamed on the config
    assert pl104(repo, "privacy.md", env={"PRE_COMMIT": "1"})[0] == 1  # HEAD in the hook
    assert pl104(repo, "--diff-base", "HEAD", "privacy.md")[0] == 1
    assert pl104(repo, "--ignore", "PL104", "privacy.md")[0] == 0  # git not asked at all


def test_standard_input_is_compared_as_the_file_it_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pl104: CheckRun
) -> None:
    repo = committed(tmp_path)
    changed = NOTICE.replace("one year", "two years")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(changed.encode())))
    status, out, _ = pl104(repo, "--diff-base", "HEAD", "--stdin-filename", "privacy.md", "-")
    assert status == 1 and out.startswith("privacy.md:3:15: error: PL104")


def test_the_same_day_a_changed_link_target_and_a_reformatted_date(
    tmp_path: Path, pl104: CheckRun
) -> None:
    repo = committed(tmp_path, NOTICE.replace("1 October 2026", "22 November 2026"))
    edit(repo, "one year", "two years")
    assert pl104(repo, "--diff-base", "HEAD", "privacy.md")[0] == 0  # already says today
    repo2 = committed(tmp_path / "two")
    edit(repo2, "1 October 2026", "1 Oct 2026")
    assert pl104(repo2, "--diff-base", "HEAD", "privacy.md")[0] == 0  # the date alone
    edit(repo2, "privacy@acme.example.", "[our form](https://acme.example/form).")
    git(repo2, "commit", "-qam", "form")
    edit(repo2, "https://acme.example/form", "https://acme.example/new-form")
    assert "(changed sentences: 1)" in pl104(repo2, "--diff-base", "HEAD", "privacy.md")[1]
    edit(repo2, "1 Oct 2026", "1 September 2026")  # moved back: no update
    assert (
        'date "1 September 2026" is earlier than before ("1 Oct 2026")'
        in pl104(repo2, "--diff-base", "HEAD", "privacy.md")[1]
    )


def test_an_unknown_base_is_one_line_and_a_shallow_clone_says_how_to_fetch(
    tmp_path: Path, pl104: CheckRun
) -> None:
    repo = committed(tmp_path)
    status, out, err = pl104(repo, "--diff-base", "origin/main", "privacy.md")
    assert (status, out) == (2, "")
    assert err == f"policylint: error: --diff-base origin/main: no such revision in {repo}\n"
    edit(repo, "one year", "two years")
    git(repo, "commit", "-qam", "second")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    status, _, err = pl104(clone, "--diff-base", "HEAD~1", "privacy.md")
    assert status == 2
    assert "this clone is shallow: fetch the base first" in err
    assert "Traceback" not in err and err.count("\n") == 1


def test_a_baseline_never_records_nor_hides_pl104(tmp_path: Path, check_in: CheckRun) -> None:
    repo = committed(tmp_path)
    edit(repo, "one year", "two years")
    args = ("--select", "PL104", "--diff-base", "HEAD")
    written = check_in(repo, *args, "--write-baseline", "baseline.json", "privacy.md")
    assert written[2] == "policylint: wrote 0 baseline entries for 0 files to baseline.json\n"
    again = check_in(repo, *args, "--write-baseline", "baseline.json", "privacy.md")
    assert again[2] == "policylint: baseline.json unchanged: 0 baseline entries for 0 files\n"
    status, out, _ = check_in(repo, *args, "--baseline", "baseline.json", "privacy.md")
    assert status == 1 and "PL104" in out
