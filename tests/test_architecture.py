"""The house rules of the package's shape (ARCHITECTURE.md), checked on every run.

- the stages are layers and no modules import each other in a circle,
  function-level imports included: import-linter's contracts in
  ``pyproject.toml`` (imports under ``if TYPE_CHECKING:`` do not count);
- no module over 400 lines; at most five Python files directly in
  ``policylint/``: the rest lives in the stage packages.
"""

from __future__ import annotations

import subprocess

from tests.conftest import ROOT
from tests.test_code_quality import _tool

PACKAGE = ROOT / "policylint"
STAGES = ["cli", "audit", "api", "engine", "report", "rules", "analyses", "parse", "packs", "base"]


def test_import_contracts_are_kept() -> None:
    result = subprocess.run(
        [_tool("lint-imports"), "--no-cache"],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken." in result.stdout


def test_the_layers_are_the_stages_in_order() -> None:
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    layers = next(c for c in config["contracts"] if c["type"] == "layers")
    assert layers["layers"] == STAGES
    assert config["exclude_type_checking_imports"] is True
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    # every stage is a package, and nothing else is, but for the library's one module
    assert packages == set(STAGES) - {"api"} and (PACKAGE / "api.py").is_file()


def test_no_module_is_over_400_lines() -> None:
    long = {
        str(path.relative_to(ROOT)): n
        for path in PACKAGE.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}


def test_at_most_five_python_files_at_the_top() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= 5, top
