"""The state of ``policylint lsp`` and what it sends: diagnostics, ranges, rule docs.

Built on pygls (with lsprotocol's types), as vale-ls and ruff's server give
their users: diagnostics as the notice is written, its fixes one click away.

- Diagnostics are pushed on open and save, on change after a pause
  (``DEBOUNCE``: 200 ms since the last keystroke), and cleared on close.
  Each has the finding's range (the span ``check`` reports, not the line),
  severity, ``code`` (PL401), ``source`` "policylint", the message and
  ``codeDescription.href`` (the rule's documentation).
- The configuration of a document is found as the command line finds it
  and compiled once (``engine/live``); a change to it or to its packs is
  noticed at the next lint, and a watched-files notification relints the
  open documents. A file ``include``/``exclude`` leave out gets no
  diagnostics.
- Code actions: each finding's fix (``--fix``'s; an unsafe one says so in
  its title and is not preferred) and "Disable PLxxx for this line", which
  appends a ``policylint-disable-line`` comment. As ``CodeAction`` literals
  with edits when the client supports them, else as commands the server
  carries out with ``workspace/applyEdit``.
- Hover on a diagnostic's range: the rule's explanation.
- Positions: policylint counts columns in code points on lines broken at
  ``\\r\\n``, ``\\r`` and ``\\n``; they are converted to the encoding the
  client and server agreed on at initialisation (``positionEncoding``:
  UTF-16 by default, UTF-8 or UTF-32 when the client offers them) with
  pygls's ``PositionCodec``.
"""

from __future__ import annotations

import asyncio
import inspect
import re
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path
from pygls.workspace import ServerTextPosition, ServerTextRange

from policylint import __version__
from policylint.base.findings import Finding, Severity
from policylint.engine.live import Live

DEBOUNCE = 0.2  # seconds of quiet after a change before a document is linted again
SOURCE = "policylint"
HOME = "https://github.com/policylint/policylint/blob/main/README.md#rules"
APPLY = "policylint.applyEdit"  # the command behind code actions for clients without literals
_NEWLINE = re.compile(r"\r\n|\r|\n")
_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


class PolicyServer(LanguageServer):
    """The server: pygls's, with the documents' last findings and pending lints."""

    def __init__(self, live: Live | None = None) -> None:
        super().__init__("policylint", __version__, types.TextDocumentSyncKind.Full)
        self.live = live or Live()
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.found: dict[str, list[tuple[Finding, str]]] = {}  # uri -> (finding, rule doc)
        self.told: set[str] = set()  # configuration errors already shown

    def lint(self, uri: str) -> None:
        """Lint the document's current text and publish its diagnostics."""
        self.pending.pop(uri, None)
        path = to_fs_path(uri)
        if path is None or uri not in self.workspace.text_documents:
            return
        document = self.workspace.get_text_document(uri)
        try:
            linted = self.live.lint(Path(path), document.source, self.folder_of(Path(path)))
        except Exception as exc:  # a broken config or pack: say it once, keep serving
            message = f"policylint: {exc}"
            if message not in self.told:
                self.told.add(message)
                self.window_show_message(types.ShowMessageParams(types.MessageType.Error, message))
            return
        findings = [] if linted is None else linted.findings
        docs = {} if linted is None else {r.code: r for r in linted.session.all_rules}
        lines = split_lines(document.source)
        codec = document.position_codec
        self.found[uri] = [(f, _doc(docs.get(f.code))) for f in findings]
        diagnostics = [_diagnostic(f, docs.get(f.code), lines, codec) for f in findings]
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri, diagnostics=diagnostics, version=document.version
            )
        )

    def folder_of(self, path: Path) -> Path | None:
        """The innermost workspace folder holding ``path`` (the command line's working
        directory, for finding the config), or None outside every folder."""
        best: Path | None = None
        for folder in self.workspace.folders.values():
            root = to_fs_path(folder.uri)
            if root and path.is_relative_to(root) and (best is None or len(root) > len(str(best))):
                best = Path(root)
        return best

    def later(self, uri: str) -> None:
        """Lint ``uri`` once no change has come for ``DEBOUNCE`` seconds."""
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        self.pending[uri] = asyncio.get_running_loop().call_later(DEBOUNCE, self.lint, uri)


def split_lines(text: str) -> list[str]:
    """Lines with their breaks, broken where policylint breaks them (not at U+2028)."""
    starts = [0, *(m.end() for m in _NEWLINE.finditer(text))]
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)] or [""]


def client_range(
    lines: list[str], codec: Any, line: int, column: int, end_line: int, end_column: int
) -> types.Range:
    """A 0-based code-point range as the client counts it; clamped to the text."""
    last = len(lines) - 1

    def point(row: int, col: int) -> ServerTextPosition:
        row = min(max(row, 0), last)
        width = len(lines[row].rstrip("\r\n"))
        return ServerTextPosition(row, min(max(col, 0), width))

    span = ServerTextRange(point(line, column), point(end_line, end_column))
    result: types.Range = codec.range_to_client_units(lines, span)
    return result


def _diagnostic(finding: Finding, rule: Any, lines: list[str], codec: Any) -> types.Diagnostic:
    where = client_range(
        lines, codec, finding.line - 1, finding.column - 1, finding.end_line - 1,
        finding.end_column - 1,
    )  # fmt: skip
    data: dict[str, Any] = {"code": finding.code, "line": finding.line - 1}
    if finding.fix is not None:
        data["fix"] = {
            "title": finding.fix.message,
            "safe": finding.fix.safe,
            "edits": [[*e.location, e.text] for e in finding.fix.edits],
        }
    url = getattr(rule, "url", None) or HOME
    return types.Diagnostic(
        range=where,
        message=finding.message,
        severity=_SEVERITY[finding.severity],
        code=finding.code,
        code_description=types.CodeDescription(href=url),
        source=SOURCE,
        data=data,
    )


def _doc(rule: Any) -> str:
    if rule is None:
        return ""
    head = f"**{rule.code} {rule.name}** ({rule.severity})\n\n"
    more = f"\n\nMore: {rule.url}" if rule.url else ""
    return head + inspect.cleandoc(rule.doc or "") + more
