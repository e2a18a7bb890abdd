"""The pre-commit hook, run for real: it lints privacy notices, never a README.

try-repo installs this checkout as the hook (with the uncommitted changes of
its tracked files; a new module not yet added to git is not part of it).
That install takes seconds (pre-commit-uv, in the test extras, makes it with
uv; ``DISABLE_PRE_COMMIT_UV_PATCH=1`` makes it with pip, as most users' pre-commit
does), so it happens once; the widening test uses a copy of the hook definition
run with ``language: system`` (no install).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import FIXTURES, ROOT, load_yaml

NOTICE = FIXTURES / "integrations" / "privacy.md"
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"
IDENTITY = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
            "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}  # fmt: skip

pytestmark = [
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
    pytest.mark.skipif(not PRE_COMMIT.exists(), reason="pip install -e '.[test]' for pre-commit"),
]


def git_repo(path: Path, files: dict[str, str]) -> dict[str, str]:
    """A git repository holding ``files`` (all added); the environment to run in."""
    env = {**os.environ, **IDENTITY, "PRE_COMMIT_HOME": str(path.parent / "pre-commit-home")}
    env.pop("GITHUB_ACTIONS", None)
    for name, text in files.items():
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_text(text, encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=path, check=True, env=env)
    subprocess.run(["git", "add", "."], cwd=path, check=True, env=env)
    return env


def notices() -> dict[str, str]:
    notice = NOTICE.read_text(encoding="utf-8")
    return {
        "README.md": "# Our project\n\nHow to build it.\n",  # no date: fails if linted
        "CHANGELOG.md": "# Changes\n\n## 1.0\n",
        "docs/privacy notice.md": notice,
        "docs/datenschutzerklärung.md": notice,
        "legal/privacy.txt": notice,
        "notes/fees.md": notice,  # not named like a notice
    }


def test_hook_lints_the_notices_and_not_the_readme(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    env = git_repo(repo, notices())
    # The hook's environment is built from nothing each run; bytecode for its packages
    # is made on first import instead of at install (the hook runs once here).
    env |= {"PIP_NO_COMPILE": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    result = subprocess.run(
        [str(PRE_COMMIT), "try-repo", str(ROOT), "policylint", "--all-files"],
        cwd=repo, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 1, result.stdout + result.stderr
    for name in ("docs/privacy notice.md", "docs/datenschutzerklärung.md", "legal/privacy.txt"):
        assert f"{name}:11:1: error: PL401" in result.stdout
    for name in ("README.md", "CHANGELOG.md", "notes/fees.md"):
        assert name not in result.stdout


def local_hooks(tmp_path: Path) -> tuple[str, Path]:
    """Our hooks as a repository pre-commit can use without installing (``language:
    system``, this environment's policylint, the reference date fixed); its revision."""
    hooks = load_yaml((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert [h["id"] for h in hooks] == ["policylint", "policylint-fix"]
    here = Path(sys.executable).parent / "policylint"
    for hook in hooks:
        hook["language"] = "system"
        hook["entry"] = hook["entry"].replace("policylint", f"{here}", 1) + " --today 2026-11-22"
    hooks_repo = tmp_path / "hooks"
    env = git_repo(hooks_repo, {".pre-commit-hooks.yaml": yaml.safe_dump(hooks)})
    subprocess.run(["git", "commit", "-qm", "hooks"], cwd=hooks_repo, check=True, env=env)
    rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=hooks_repo, env=env,
                         capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    return rev, hooks_repo


CHANGED = """# Privacy notice

Last updated: 1 October 2026

Acme Ltd is the controller. We keep your data for {years}.
"""


def test_a_staged_change_without_a_new_date_is_reported_and_the_fix_hook_bumps_it(
    tmp_path: Path,
) -> None:
    rev, hooks_repo = local_hooks(tmp_path)
    repo = tmp_path / "repo"
    env = git_repo(repo, {"privacy.md": CHANGED.format(years="one year")})
    subprocess.run(["git", "commit", "-qm", "notice"], cwd=repo, check=True, env=env)
    (repo / "privacy.md").write_text(CHANGED.format(years="two years"), encoding="utf-8")
    subprocess.run(["git", "add", "privacy.md"], cwd=repo, check=True, env=env)
    for hook in ("policylint", "policylint-fix"):
        config = {"repos": [{"repo": str(hooks_repo), "rev": rev, "hooks": [{"id": hook}]}]}
        (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
        run = subprocess.run(
            [str(PRE_COMMIT), "run", hook, "--files", "privacy.md"],
            cwd=repo, env=env, capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        assert run.returncode == 1, run.stdout + run.stderr
        if hook == "policylint":  # compared with HEAD: reported at the date
            assert "privacy.md:3:15: error: PL104 [*] The text changed since HEAD" in run.stdout
            assert "(changed sentences: 1)" in run.stdout
    assert "files were modified by this hook" in run.stdout
    assert (repo / "privacy.md").read_text(encoding="utf-8") == CHANGED.format(
        years="two years"
    ).replace("1 October 2026", "22 November 2026")


def test_widening_with_files_and_types_or_works_as_the_readme_says(tmp_path: Path) -> None:
    """A user's ``files:`` and ``types_or:`` replace the hook's defaults, as documented."""
    rev, hooks_repo = local_hooks(tmp_path)
    # The README's example: files: and types_or: together.
    widened = {"id": "policylint", "files": "^notes/", "types_or": ["markdown", "plain-text"]}
    config = {"repos": [{"repo": str(hooks_repo), "rev": rev, "hooks": [widened]}]}
    files = {**notices(), "notes/fees.txt": NOTICE.read_text(), ".pre-commit-config.yaml": ""}
    repo = tmp_path / "repo"
    env = git_repo(repo, files)
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    result = subprocess.run(
        [str(PRE_COMMIT), "run", "--all-files"],
        cwd=repo, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 1, result.stdout + result.stderr
    assert "notes/fees.md:11:1: error: PL401" in result.stdout
    assert "notes/fees.txt:11:1: error: PL401" in result.stdout
    assert "privacy" not in result.stdout
