"""``policylint lsp``: the requests and notifications the language server answers.

What it does, and how positions are converted, is in ``cli/lsp_server``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from lsprotocol import types

from policylint.cli.lsp_server import APPLY, SOURCE, PolicyServer, Positions
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
        """Lint a document as soon as it is opened."""
        ls.opened.add(params.text_document.uri)
        ls.lint(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: PolicyServer, params: types.DidChangeTextDocumentParams) -> None:
        """Lint it again once the typing pauses (``DEBOUNCE``)."""
        ls.later(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: PolicyServer, params: types.DidSaveTextDocumentParams) -> None:
        """Lint it at once on save."""
        ls.lint(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: PolicyServer, params: types.DidCloseTextDocumentParams) -> None:
        """Forget it and clear its diagnostics."""
        uri = params.text_document.uri
        ls.opened.discard(uri)
        waiting = ls.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        ls.found.pop(uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: PolicyServer, _: types.DidChangeWatchedFilesParams) -> None:
        """A config or pack changed: lint every open document again (``Live`` notices)."""
        ls.told.clear()
        for uri in sorted(ls.opened):
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
        if uri not in ls.opened:
            return []
        document = ls.workspace.get_text_document(uri)
        positions = Positions(document.source, ls.position_encoding)
        literal = _literals(ls)
        actions: list[types.CodeAction | types.Command] = []
        for diagnostic in params.context.diagnostics:
            data = diagnostic.data if isinstance(diagnostic.data, dict) else {}
            if diagnostic.source != SOURCE or "code" not in data:
                continue
            if data.get("version") != document.version:
                continue  # linted before the last change: its positions no longer hold
            try:
                actions += _actions_for(diagnostic, data, uri, positions, literal)
            except (KeyError, TypeError, ValueError, IndexError):
                continue  # data a client mangled: no action rather than an error
        return actions

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: PolicyServer, params: types.HoverParams) -> types.Hover | None:
        """The explanation of the rules whose findings the position is in."""
        spot = (params.position.line, params.position.character)
        shown: list[str] = []
        for one in ls.found.get(params.text_document.uri, []):
            start, end = one.range.start, one.range.end
            inside = (start.line, start.character) <= spot < (end.line, end.character)
            if inside and one.doc and one.doc not in shown:
                shown.append(one.doc)
        if not shown:
            return None
        content = types.MarkupContent(types.MarkupKind.Markdown, "\n\n---\n\n".join(shown))
        return types.Hover(contents=content)

    @server.command(APPLY)
    def apply(ls: PolicyServer, edit: types.WorkspaceEdit) -> None:
        """A code action run as a command (a client without literals): apply its edit."""
        ls.workspace_apply_edit(types.ApplyWorkspaceEditParams(edit=edit))


_HARD_BREAK = re.compile(r"(?:  +|\\)$")  # a Markdown hard line break ending the line


def _actions_for(
    diagnostic: types.Diagnostic,
    data: dict[str, Any],
    uri: str,
    positions: Positions,
    literal: bool,
) -> list[types.CodeAction | types.Command]:
    """The finding's fix (if any) and a suppression comment for its rule.

    The comment goes at the end of the finding's line (before a hard line
    break), or, for a finding about the whole notice (its range is a whole
    line) or one in the front matter, a table or a code span, at the top
    (after the front matter) as ``disable-file`` (a ``disable-line``
    comment there would change the value, do nothing or be shown as code).
    """
    found: list[types.CodeAction | types.Command] = []
    code = str(data["code"])
    if "fix" in data:
        fix = data["fix"]
        edits = [types.TextEdit(positions.edit(*e[:4]), e[4]) for e in fix["edits"]]
        title = fix["title"] if fix["safe"] else f"{fix['title']} (unsafe: check it)"
        found.append(_action(title, uri, edits, diagnostic, bool(fix["safe"]), literal))
    row = min(int(data["line"]), len(positions.lines) - 1)
    line = positions.lines[row]
    start, end = diagnostic.range.start, diagnostic.range.end
    whole = start == types.Position(row, 0) and end == positions.position(row, len(line))
    if whole or _in_front_matter(positions.lines, row) or "|" in line or "`" in line:
        top = _after_front_matter(positions.lines)
        at = positions.edit(top, 0, top, 0)
        edit = types.TextEdit(at, f"<!-- policylint-disable-file {code} -->\n\n")
        title = f"Disable {code} for this file"
    else:
        hard = _HARD_BREAK.search(line)
        column = hard.start() if hard else len(line)
        at = positions.edit(row, column, row, column)
        edit = types.TextEdit(at, f" <!-- policylint-disable-line {code} -->")
        title = f"Disable {code} for this line"
    found.append(_action(title, uri, [edit], diagnostic, False, literal))
    return found


def _front_matter_end(lines: list[str]) -> int:
    """The index of the line closing the front matter, or -1 when there is none."""
    if not lines or lines[0].strip() not in ("---", "+++"):
        return -1
    fence = lines[0].strip()
    return next((i for i in range(1, len(lines)) if lines[i].strip() in (fence, "...")), -1)


def _in_front_matter(lines: list[str], row: int) -> bool:
    return row <= _front_matter_end(lines)


def _after_front_matter(lines: list[str]) -> int:
    return _front_matter_end(lines) + 1


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
    """A quick fix as a ``CodeAction`` literal, or as a command for older clients."""
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
