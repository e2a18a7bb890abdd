"""The VS Code extension (editors/vscode) and the README's editor set-ups.

The manifest, the source and the README are checked everywhere. Where node and the
extension's packages are installed (`npm ci` in editors/vscode), the extension is also
compiled and run: its compiled code, with the real vscode-languageclient, is activated against
a stand-in for the `vscode` module (editors/vscode/test/run-extension.js) and a fake
`policylint` that records how it was started; and it is packaged into a .vsix with vsce.
POLICYLINT_VSCODE=1 runs `npm ci` first when the packages are missing (about 40 s).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

EXT = ROOT / "editors" / "vscode"
MODULES = EXT / "node_modules"
MANIFEST = json.loads((EXT / "package.json").read_text(encoding="utf-8"))
SOURCE = (EXT / "src" / "extension.ts").read_text(encoding="utf-8")
INSTALL_HINT = "pip install 'policylint[lsp]'"


def _editors_section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split("\n### Editors\n", 1)[1].split("\n## ", 1)[0]


def _blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```$", text, re.MULTILINE | re.DOTALL)


# -- the manifest and the source, everywhere --------------------------------------------------


def test_manifest_names_the_extension_and_what_it_runs_on() -> None:
    assert MANIFEST["name"] == "policylint"
    assert MANIFEST["publisher"] == "policylint"
    assert MANIFEST["license"] == "MIT"
    assert MANIFEST["repository"]["url"].endswith("/policylint")
    assert MANIFEST["engines"]["vscode"] == "^1.82.0"
    assert MANIFEST["main"] == "./out/extension.js"
    assert MANIFEST["activationEvents"] == ["onLanguage:markdown"]
    # vscode-languageclient 9 is the one for engines ^1.82; vsce refuses @types/vscode newer
    # than the engine.
    assert MANIFEST["dependencies"]["vscode-languageclient"].startswith("^9.")
    assert MANIFEST["devDependencies"]["@types/vscode"] == "~1.82.0"
    lock = json.loads((EXT / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"]["node_modules/vscode-languageclient"]["version"].startswith("9.")


def test_manifest_contributes_the_two_settings() -> None:
    properties = MANIFEST["contributes"]["configuration"]["properties"]
    assert set(properties) == {"policylint.path", "policylint.trace.server"}
    assert properties["policylint.path"]["type"] == "string"
    assert properties["policylint.path"]["default"] == "policylint"
    trace = properties["policylint.trace.server"]
    assert trace["enum"] == ["off", "messages", "verbose"]
    assert trace["default"] == "off"
    # A workspace that is not trusted cannot choose the program VS Code runs.
    untrusted = MANIFEST["capabilities"]["untrustedWorkspaces"]
    assert untrusted["restrictedConfigurations"] == ["policylint.path"]


def test_source_starts_policylint_lsp_on_markdown_files() -> None:
    code = re.sub(r"//.*", "", SOURCE)
    assert "get<string>('path') || 'policylint'" in code
    assert "const serverOptions: ServerOptions = { command, args: ['lsp'] };" in code
    # With transport: TransportKind.stdio, vscode-languageclient 9 appends "--stdio" to the
    # arguments; stdio is its default without it.
    assert "transport" not in code.lower()
    assert "documentSelector: [{ scheme: 'file', language: 'markdown' }]" in code
    # The client id gives the trace setting its name: policylint.trace.server.
    assert "new PolicylintClient('policylint', 'policylint'," in code
    assert INSTALL_HINT in code and '"policylint.path"' in code


def test_build_output_is_neither_committed_nor_packaged() -> None:
    ignored = (EXT / ".gitignore").read_text(encoding="utf-8").split()
    assert {"node_modules/", "out/", "*.vsix"} <= set(ignored)
    packaged_not = (EXT / ".vscodeignore").read_text(encoding="utf-8").split()
    assert {"src/**", "test/**", "tsconfig.json"} <= set(packaged_not)


# -- the README --------------------------------------------------------------------------------


def test_readme_keeps_the_problem_matcher_task() -> None:
    (task,) = _blocks(_editors_section(), "json")
    matcher = json.loads(task)["tasks"][0]["problemMatcher"]
    pattern = re.compile(matcher["pattern"]["regexp"])
    found = pattern.match("docs/privacy.md:3:15: warning: PL102 Date is old")
    assert found is not None and found.group(5) == "PL102"


def test_readme_sets_up_every_editor_with_policylint_lsp() -> None:
    section = _editors_section()
    assert INSTALL_HINT in section
    assert "npx @vscode/vsce package" in section and "Install from VSIX" in section
    assert "POLICYLINT_VSCODE=1" in section
    native, lspconfig = _blocks(section, "lua")  # Neovim 0.11+, then 0.10 with nvim-lspconfig
    assert "vim.lsp.config('policylint', {" in native and "vim.lsp.enable('policylint')" in native
    assert "root_markers = { '.policylint.toml', 'pyproject.toml', '.git' }" in native
    assert "configs.policylint = {" in lspconfig
    assert "root_pattern('.policylint.toml', 'pyproject.toml', '.git')" in lspconfig
    for lua in (native, lspconfig):
        assert "cmd = { 'policylint', 'lsp' }" in lua and "filetypes = { 'markdown' }" in lua
    (helix,) = _blocks(section, "toml")
    config = tomllib.loads(helix)
    assert config["language-server"]["policylint"] == {"command": "policylint", "args": ["lsp"]}
    (markdown,) = config["language"]
    assert markdown["name"] == "markdown" and "policylint" in markdown["language-servers"]
    (elisp,) = _blocks(section, "elisp")
    assert "(add-to-list 'eglot-server-programs\n" in elisp
    assert '(markdown-mode . ("policylint" "lsp"))' in elisp


# -- compiled and run: needs node and the extension's packages ----------------------------------


def _installed() -> bool:
    return all(
        (MODULES / part).exists()
        for part in (
            ".package-lock.json",  # written last by npm
            "typescript/bin/tsc",
            "vscode-languageclient/node.js",
            "@vscode/vsce/vsce",
        )
    )


def _node_modules() -> Path:
    for tool in ("node", "npm"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not on PATH")
    if _installed():
        return MODULES
    if os.environ.get("POLICYLINT_VSCODE") != "1":
        pytest.skip(
            "editors/vscode/node_modules is missing: `npm ci` there, "
            "or POLICYLINT_VSCODE=1 to install it (~40 s)"
        )
    # xdist workers install once, one after the other.
    key = hashlib.sha1(str(EXT).encode()).hexdigest()[:12]
    lock = Path(tempfile.gettempdir()) / f"policylint-vscode-npm-{key}.lock"
    with lock.open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        if not _installed():
            subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=EXT, check=True)
    return MODULES


@pytest.fixture(scope="session")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The extension compiled by tsc, with type checking, into a folder of its own."""
    modules = _node_modules()
    out = tmp_path_factory.mktemp("vscode-out")
    tsc = [
        "node",
        str(modules / "typescript" / "bin" / "tsc"),
        "-p",
        str(EXT),
        "--outDir",
        str(out),
    ]
    result = subprocess.run(tsc, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (out / "extension.js").is_file()
    return out


# A `policylint` that records its arguments and the LSP methods it receives, then answers
# `initialize` and `shutdown` like the real server; FAKE_MODE=crash exits at once with an error,
# FAKE_MODE=exit-after-start exits once initialized.
FAKE_SERVER = r"""
import json, os, sys

log = open(os.environ["FAKE_LOG"], "a")
def note(line):
    log.write(line + "\n")
    log.flush()

note("argv " + json.dumps(sys.argv[1:]))
mode = os.environ.get("FAKE_MODE", "")
if mode == "crash":
    sys.stderr.write("policylint lsp: pygls is not installed\n")
    sys.exit(2)
stdin, stdout = sys.stdin.buffer, sys.stdout.buffer

def receive():
    length = 0
    while True:
        line = stdin.readline()
        if not line:
            return None
        if not line.strip():
            break
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    return json.loads(stdin.read(length))

def answer(message, result):
    body = json.dumps({"jsonrpc": "2.0", "id": message["id"], "result": result}).encode()
    stdout.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
    stdout.flush()

while (message := receive()) is not None:
    method = message.get("method", "")
    note("method " + method)
    if method == "initialize":
        encodings = message["params"]["capabilities"].get("general", {}).get("positionEncodings")
        note("positionEncodings " + json.dumps(encodings))
        answer(message, {"capabilities": {"textDocumentSync": 1, "hoverProvider": True}})
    elif method == "initialized" and mode == "exit-after-start":
        sys.exit(3)
    elif method == "shutdown":
        answer(message, None)
    elif method == "exit":
        sys.exit(0)
"""


class Run:
    """What one activation showed the user, and what the fake server saw."""

    def __init__(self, report: dict[str, Any], log: list[str]) -> None:
        self.errors: list[str] = report["shown"]["error"]
        self.notifications = [m for kind in report["shown"].values() for m in kind]
        self.output: str = report["output"]
        self.starts = [json.loads(line[5:]) for line in log if line.startswith("argv ")]
        self.methods = [line[7:] for line in log if line.startswith("method ")]
        self.log = log


@pytest.fixture
def activate(compiled: Path, tmp_path: Path) -> Iterator[Any]:
    fake = tmp_path / "bin" / "policylint"
    fake.parent.mkdir()
    fake.write_text(f"#!{sys.executable}\n{FAKE_SERVER}", encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    log = tmp_path / "server.log"

    def run(settings: dict[str, Any] | None = None, mode: str = "", settle_ms: int = 500) -> Run:
        settings = {"path": str(fake), "settleMs": settle_ms, **(settings or {})}
        env = {**os.environ, "NODE_PATH": str(MODULES), "FAKE_LOG": str(log), "FAKE_MODE": mode}
        harness = EXT / "test" / "run-extension.js"
        result = subprocess.run(
            ["node", str(harness), str(compiled), json.dumps(settings)],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
        return Run(json.loads(result.stdout), lines)

    yield run


def test_extension_starts_policylint_with_lsp_only(activate: Any) -> None:
    run = activate()
    assert run.starts == [["lsp"]]  # no "--stdio" or anything else a server would refuse
    assert run.methods == ["initialize", "initialized", "shutdown", "exit"]
    # vscode-languageclient 9 offers UTF-16 only: the server must answer with it.
    assert 'positionEncodings ["utf-16"]' in run.log
    assert run.notifications == []


def test_a_missing_executable_gives_one_message(activate: Any, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "policylint"
    run = activate({"path": str(missing), "settleMs": 10_000})
    assert run.starts == []
    (message,) = run.notifications
    assert message == run.errors[0]
    assert f'"{missing} lsp"' in message
    assert INSTALL_HINT in message and '"policylint.path"' in message
    assert "ENOENT" in run.output  # the reason, for "Show Output"


def test_a_server_that_exits_at_start_gives_one_message_and_is_not_restarted(
    activate: Any,
) -> None:
    run = activate(mode="crash", settle_ms=10_000)
    assert run.starts == [["lsp"]]
    (message,) = run.notifications
    assert INSTALL_HINT in message
    assert "pygls is not installed" in run.output  # the server's own words


def test_a_server_that_stops_once_running_is_restarted(activate: Any) -> None:
    # The client's own policy once the server has started: up to 4 restarts in 3 minutes.
    run = activate(mode="exit-after-start", settle_ms=10_000)
    assert len(run.starts) == 5
    (message,) = run.notifications
    assert "crashed 5 times" in message


def test_trace_setting_logs_the_protocol(activate: Any) -> None:
    quiet = activate()
    assert "Sending request 'initialize" not in quiet.output
    traced = activate({"trace.server": "messages"})
    assert "Sending request 'initialize" in traced.output


def test_packages_into_a_vsix(tmp_path: Path) -> None:
    modules = _node_modules()
    # A copy, so that vsce's prepublish compile writes nothing into the repository.
    work = tmp_path / "vscode"
    shutil.copytree(EXT, work, ignore=shutil.ignore_patterns("node_modules", "out", "*.vsix"))
    (work / "node_modules").symlink_to(modules, target_is_directory=True)
    vsix = tmp_path / "dist" / "policylint.vsix"
    vsix.parent.mkdir()
    vsce = [
        "node",
        str(modules / "@vscode" / "vsce" / "vsce"),
        "package",
        "--out",
        str(vsix),
    ]
    result = subprocess.run(vsce, cwd=work, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stdout + result.stderr
    names = zipfile.ZipFile(vsix).namelist()
    assert "extension/out/extension.js" in names
    assert "extension/LICENSE.txt" in names
    assert "extension/node_modules/vscode-languageclient/lib/node/main.js" in names
    assert not [n for n in names if n.startswith(("extension/src/", "extension/test/"))]
    # Only the runtime dependencies: not the compiler, the types or vsce itself.
    assert not [n for n in names if "/typescript/" in n or "/@vscode/vsce" in n or "@types" in n]
    manifest = json.loads(zipfile.ZipFile(vsix).read("extension/package.json"))
    assert manifest["contributes"] == MANIFEST["contributes"]
