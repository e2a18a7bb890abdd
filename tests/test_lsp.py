"""``policylint lsp`` spoken to by a real LSP client (pytest-lsp) over a pipe.

The server runs as a subprocess, as an editor starts it. A notice whose fee
claim follows an emoji must get PL401 at the claim's UTF-16 range; an edit
that removes the claim clears it; a stale date's diagnostic offers the date
bump as a code action; hover explains the rule; shutdown and exit end the
process.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from policylint.base.findings import Finding
from policylint.engine import linter
from policylint.parse.source import decode
from policylint.rules.context import Settings
from tests.conftest import TODAY

NOTICE = """# Privacy notice 🍰

Last updated: 1 October 2024

Larkspur Bakery Ltd is the controller; write to privacy@larkspur.example.

🎂 We charge a fee of £10 for every subject access request.
"""
FEE = "We charge a fee of £10"
SERVER = ClientServerConfig(
    server_command=[sys.executable, "-m", "policylint", "lsp", "--today", "2026-11-22"]
)
"""How each client below starts the server: as an editor would, on a pipe."""


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    capabilities = types.ClientCapabilities(
        general=types.GeneralClientCapabilities(
            position_encodings=[types.PositionEncodingKind.Utf16]
        ),
        text_document=types.TextDocumentClientCapabilities(
            code_action=types.CodeActionClientCapabilities(
                code_action_literal_support=types.ClientCodeActionLiteralOptions(
                    code_action_kind=types.ClientCodeActionKindOptions(
                        value_set=[types.CodeActionKind.QuickFix]
                    )
                )
            )
        ),
    )
    await lsp_client.initialize_session(types.InitializeParams(capabilities=capabilities))
    yield
    await lsp_client.shutdown_session()


def lint_text(text: str) -> list[Finding]:
    """What ``policylint check`` finds in ``text`` (same date, default config)."""
    from policylint.engine import registry

    source = decode("privacy.md", text.encode("utf-8"))
    return linter.lint_source(source, registry.builtin_rules(), Settings(today=TODAY))


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


async def opened(client: LanguageClient, path: Path, text: str) -> list[types.Diagnostic]:
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return client.diagnostics[uri]


async def changed(
    client: LanguageClient, path: Path, text: str, version: int
) -> list[types.Diagnostic]:
    """Send the whole new text; the diagnostics published for it."""
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=path.as_uri(), version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return list(client.diagnostics[path.as_uri()])


async def actions_for(
    client: LanguageClient, path: Path, diagnostic: types.Diagnostic
) -> list[types.CodeAction | types.Command]:
    """The code actions the server offers for one of its diagnostics."""
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic]),
        )
    )
    return list(actions or [])


@pytest.mark.asyncio
async def test_a_fee_claim_after_an_emoji_is_at_its_utf16_range_and_goes_when_edited(
    client: LanguageClient, tmp_path: Path
) -> None:
    path = tmp_path / "privacy.md"
    found = await opened(client, path, NOTICE)
    (fee,) = [d for d in found if d.code == "PL401"]
    # The span the command line reports, in code points, as UTF-16 units: the emoji
    # before it is one code point and two UTF-16 units.
    (cli,) = [f for f in lint_text(NOTICE) if f.code == "PL401"]
    line = NOTICE.splitlines()[cli.line - 1]
    start, end = utf16(line[: cli.column - 1]), utf16(line[: cli.end_column - 1])
    assert start == cli.column  # one more than the code points: the emoji
    assert (fee.range.start.line, fee.range.start.character) == (cli.line - 1, start)
    assert (fee.range.end.line, fee.range.end.character) == (cli.end_line - 1, end)
    assert fee.source == "policylint" and fee.severity == types.DiagnosticSeverity.Error
    assert fee.code_description is not None and fee.code_description.href.startswith("http")
    edited = NOTICE.replace(FEE + " for every subject access request.", "Requests are free.")
    assert "PL401" not in {d.code for d in await changed(client, path, edited, 2)}


@pytest.mark.asyncio
async def test_the_stale_date_offers_the_date_bump_and_hover_explains_the_rule(
    client: LanguageClient, tmp_path: Path
) -> None:
    path = tmp_path / "privacy.md"
    found = await opened(client, path, NOTICE)
    (stale,) = [d for d in found if d.code == "PL102"]
    assert (stale.range.start.line, stale.range.start.character) == (2, 14)
    actions = await actions_for(client, path, stale)
    assert actions is not None
    titles = [a.title for a in actions]
    assert titles == [
        "Set the last-updated date to 22 November 2026 (unsafe: check it)",
        "Disable PL102 for this line",
    ]
    bump = actions[0]
    assert isinstance(bump, types.CodeAction) and bump.edit is not None
    assert bump.edit.changes is not None
    (edit,) = bump.edit.changes[path.as_uri()]
    assert edit.new_text == "22 November 2026"
    assert (edit.range.start.line, edit.range.start.character) == (2, 14)
    disable = actions[1]
    assert isinstance(disable, types.CodeAction) and disable.edit and disable.edit.changes
    assert disable.edit.changes[path.as_uri()][0].new_text == (
        " <!-- policylint-disable-line PL102 -->"
    )
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
            position=types.Position(line=2, character=16),
        )
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert hover.contents.value.startswith("**PL102 last-updated-stale** (warning)")


@pytest.mark.asyncio
async def test_a_file_the_config_excludes_gets_no_diagnostics(
    client: LanguageClient, tmp_path: Path
) -> None:
    (tmp_path / ".policylint.toml").write_text('exclude = ["drafts"]\n', encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    assert list(await opened(client, tmp_path / "drafts" / "privacy.md", NOTICE)) == []
    assert list(await opened(client, tmp_path / "privacy.md", NOTICE)) != []


@pytest_lsp.fixture(config=SERVER)
async def utf32_client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    capabilities = types.ClientCapabilities(
        general=types.GeneralClientCapabilities(
            position_encodings=[types.PositionEncodingKind.Utf32]
        )
    )
    result = await lsp_client.initialize_session(types.InitializeParams(capabilities=capabilities))
    assert result.capabilities.position_encoding == types.PositionEncodingKind.Utf32
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_a_client_counting_code_points_gets_the_command_lines_columns(
    utf32_client: LanguageClient, tmp_path: Path
) -> None:
    found = await opened(utf32_client, tmp_path / "privacy.md", NOTICE)
    (fee,) = [d for d in found if d.code == "PL401"]
    (cli,) = [f for f in lint_text(NOTICE) if f.code == "PL401"]
    assert (fee.range.start.character, fee.range.end.character) == (
        cli.column - 1,
        cli.end_column - 1,
    )


def test_a_plain_json_rpc_client_gets_pl401_and_the_server_exits_on_exit(
    tmp_path: Path,
) -> None:
    """The issue's own check, without any LSP library on the client side."""
    import json
    import subprocess
    import time

    server = subprocess.Popen(
        [sys.executable, "-m", "policylint", "lsp", "--today", "2026-11-22"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    assert server.stdin is not None and server.stdout is not None

    def send(message: dict[str, object]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)  # type: ignore[union-attr]
        server.stdin.flush()  # type: ignore[union-attr]

    def receive() -> dict[str, object]:
        length = 0
        while (header := server.stdout.readline().strip()) != b"":  # type: ignore[union-attr]
            if header.lower().startswith(b"content-length:"):
                length = int(header.split(b":")[1])
        assert length, "the server closed the pipe"
        message: dict[str, object] = json.loads(server.stdout.read(length))  # type: ignore[union-attr]
        return message

    def until(predicate: object) -> dict[str, object]:
        while True:
            message = receive()
            if predicate(message):  # type: ignore[operator]
                return message

    import threading

    watchdog = threading.Timer(30, server.kill)  # a silent server fails the test, never hangs it
    watchdog.start()
    try:
        send({"id": 1, "method": "initialize", "params": {
            "processId": None, "rootUri": None,
            "capabilities": {"general": {"positionEncodings": ["utf-16"]}},
        }})  # fmt: skip
        until(lambda m: m.get("id") == 1)
        send({"method": "initialized", "params": {}})
        path = tmp_path / "privacy.md"
        path.write_text(NOTICE, encoding="utf-8")
        item = {"uri": path.as_uri(), "languageId": "markdown", "version": 1, "text": NOTICE}
        started = time.monotonic()
        send({"method": "textDocument/didOpen", "params": {"textDocument": item}})
        published = until(lambda m: m.get("method") == "textDocument/publishDiagnostics")
        assert time.monotonic() - started < 5
        params = published["params"]
        assert isinstance(params, dict)
        (fee,) = [d for d in params["diagnostics"] if d["code"] == "PL401"]
        (cli,) = [f for f in lint_text(NOTICE) if f.code == "PL401"]
        line = NOTICE.splitlines()[cli.line - 1]
        assert fee["range"]["start"] == {"line": 6, "character": utf16(line[: cli.column - 1])}
        send({"id": 2, "method": "shutdown"})
        until(lambda m: m.get("id") == 2)
        send({"method": "exit"})
        assert server.wait(timeout=2) == 0
    finally:
        watchdog.cancel()
        if server.poll() is None:
            server.kill()


@pytest.mark.asyncio
async def test_applying_the_date_fix_clears_the_finding_even_under_a_non_ascii_path(
    client: LanguageClient, tmp_path: Path
) -> None:
    folder = tmp_path / "Datenschutzerklärung ü 数据"
    folder.mkdir()
    path = folder / "privacy.md"
    found = await opened(client, path, NOTICE)  # the URI is percent-encoded
    (stale,) = [d for d in found if d.code == "PL102"]
    actions = await actions_for(client, path, stale)
    assert actions and isinstance(actions[0], types.CodeAction) and actions[0].edit
    assert actions[0].edit.changes is not None
    (edit,) = actions[0].edit.changes[path.as_uri()]
    lines = NOTICE.split("\n")
    row = lines[edit.range.start.line]  # no emoji on the date's line: units are characters
    lines[edit.range.start.line] = (
        row[: edit.range.start.character] + edit.new_text + row[edit.range.end.character :]
    )
    assert "PL102" not in {d.code for d in await changed(client, path, "\n".join(lines), 2)}


@pytest.mark.asyncio
async def test_a_broken_config_is_one_diagnostic_at_the_top(
    client: LanguageClient, tmp_path: Path
) -> None:
    (tmp_path / ".policylint.toml").write_text("select = 3\n", encoding="utf-8")
    (broken,) = await opened(client, tmp_path / "privacy.md", NOTICE)
    assert broken.range.start == types.Position(0, 0)
    assert ".policylint.toml" in broken.message and "select" in broken.message


@pytest_lsp.fixture(config=SERVER)
async def plain_client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    await lsp_client.initialize_session(
        types.InitializeParams(capabilities=types.ClientCapabilities())
    )
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_a_client_without_code_action_literals_gets_commands_that_run(
    plain_client: LanguageClient, tmp_path: Path
) -> None:
    path = tmp_path / "privacy.md"
    found = await opened(plain_client, path, NOTICE)
    (stale,) = [d for d in found if d.code == "PL102"]
    actions = await actions_for(plain_client, path, stale)
    assert actions and all(isinstance(a, types.Command) for a in actions)
    command = actions[0]
    assert isinstance(command, types.Command)
    applied: list[types.ApplyWorkspaceEditParams] = []

    @plain_client.feature(types.WORKSPACE_APPLY_EDIT)
    def apply_edit(params: types.ApplyWorkspaceEditParams) -> types.ApplyWorkspaceEditResult:
        applied.append(params)
        return types.ApplyWorkspaceEditResult(applied=True)

    await plain_client.workspace_execute_command_async(
        types.ExecuteCommandParams(command=command.command, arguments=command.arguments)
    )
    for _ in range(50):
        if applied:
            break
        await asyncio.sleep(0.05)
    assert applied and applied[0].edit.changes is not None
    assert applied[0].edit.changes[path.as_uri()][0].new_text == "22 November 2026"
