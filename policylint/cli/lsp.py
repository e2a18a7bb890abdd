"""``policylint lsp``: the requests and notifications the language server answers.

What it does, and how positions are converted, is in ``cli/lsp_server``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from lsprotocol import types

from policylint.cli.lsp_server import APPLY, SOURCE, PolicyServer, client_range, split_lines
from policylint.engine.live import Live

_WATCHED = ("**/.policylint.toml", "**/pyproject.toml", "**/*.yaml", "**/*.yml")


def serve(today: dt.date | None = None) -> None:
    """Run the server on standard input and output until the client says exit;
    ``today`` fixes the reference date (default: the date of each lint)."""
    import gc

    gc.enable()  # ``main`` keeps it off for one-shot runs; a server runs for hours
    build(Live(lambda: today) if today else None).start_io()


def build(live: Live | None = None) -> PolicyServer:
    """The server with its features registered (tests make one with their own ``Live``)."""
    server = PolicyServer(live)
    register(server)
    return server


def register(server: PolicyServer) -> None:
    """Register every feature on ``server``."""

    @server.feature(types.INITIALIZED)
    def initialized(ls: PolicyServer, _: types.InitializedParams) -> None:
        """Ask to hear of config and pack changes, where the client can watch files."""
        watch = ls.client_capabilities.workspace
        dynamic = watch and watch.did_change_watched_files
        if dynamic and dynamic.dynamic_registration:
            options = types.DidChangeWatchedFilesRegistrationOptions(
                watchers=[types.FileSystemWatcher(glob_pattern=g) for g in _WATCHED]
            )
            registration = types.Registration(
                id="policylint-config",
                method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=options,
            )
            ls.client_register_capability(types.RegistrationParams([registration]))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: PolicyServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.lint(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: PolicyServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.later(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: PolicyServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.lint(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: PolicyServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        waiting = ls.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        ls.found.pop(uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: PolicyServer, _: types.DidChangeWatchedFilesParams) -> None:
        """A config or pack changed: lint every open document again (``Live`` notices)."""
        ls.told.clear()
        for uri in list(ls.workspace.text_documents):
            ls.lint(uri)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(
        ls: PolicyServer, params: types.CodeActionParams
    ) -> list[types.CodeAction | types.Command]:
        """Each policylint diagnostic's fix, and a comment that disables its rule on its line."""
        uri = params.text_document.uri
        document = ls.workspace.get_text_document(uri)
        lines = split_lines(document.source)
        literal = _literals(ls)
        actions: list[types.CodeAction | types.Command] = []
        for diagnostic in params.context.diagnostics:
            data = diagnostic.data if isinstance(diagnostic.data, dict) else {}
            if diagnostic.source != SOURCE or "code" not in data:
                continue
            if "fix" in data:
                fix = data["fix"]
                edits = [
                    types.TextEdit(client_range(lines, document.position_codec, *e[:4]), e[4])
                    for e in fix["edits"]
                ]
                title = fix["title"] if fix["safe"] else f"{fix['title']} (unsafe: check it)"
                actions.append(_action(title, uri, edits, diagnostic, fix["safe"], literal))
            row = min(int(data["line"]), len(lines) - 1)
            end = len(lines[row].rstrip("\r\n"))
            at = client_range(lines, document.position_codec, row, end, row, end)
            comment = f" <!-- policylint-disable-line {data['code']} -->"
            title = f"Disable {data['code']} for this line"
            disable = [types.TextEdit(at, comment)]
            actions.append(_action(title, uri, disable, diagnostic, False, literal))
        return actions

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: PolicyServer, params: types.HoverParams) -> types.Hover | None:
        """The explanation of the rules whose findings the position is in."""
        uri = params.text_document.uri
        document = ls.workspace.get_text_document(uri)
        lines = split_lines(document.source)
        spot = (params.position.line, params.position.character)
        shown: list[str] = []
        for finding, doc in ls.found.get(uri, []):
            where = client_range(
                lines, document.position_codec, finding.line - 1, finding.column - 1,
                finding.end_line - 1, finding.end_column - 1,
            )  # fmt: skip
            inside = (where.start.line, where.start.character) <= spot
            if inside and spot <= (where.end.line, where.end.character) and doc not in shown:
                shown.append(doc)
        if not shown:
            return None
        content = types.MarkupContent(types.MarkupKind.Markdown, "\n\n---\n\n".join(shown))
        return types.Hover(contents=content)

    @server.command(APPLY)
    def apply(ls: PolicyServer, arguments: list[Any]) -> None:
        """A code action run as a command: apply its workspace edit."""
        edit = ls.protocol._converter.structure(arguments[0], types.WorkspaceEdit)
        ls.workspace_apply_edit(types.ApplyWorkspaceEditParams(edit=edit))


def _literals(ls: PolicyServer) -> bool:
    """Whether the client takes ``CodeAction`` literals (else commands are sent)."""
    document = ls.client_capabilities.text_document
    action = document.code_action if document else None
    return bool(action and action.code_action_literal_support)


def _action(
    title: str,
    uri: str,
    edits: list[types.TextEdit],
    diagnostic: types.Diagnostic,
    preferred: bool,
    literal: bool,
) -> types.CodeAction | types.Command:
    edit = types.WorkspaceEdit(changes={uri: edits})
    if not literal:
        return types.Command(title=title, command=APPLY, arguments=[edit])
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        edit=edit,
        is_preferred=preferred,
    )
