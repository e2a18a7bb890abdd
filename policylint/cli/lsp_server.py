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
  UTF-16 by default, UTF-8 or UTF-32 when the client offers them).
  ``Positions`` converts with one table of units per line, built once per
  lint: pygls's codec walks the line for every position, which took seconds
  on a long pasted line with hundreds of findings.
"""

from __future__ import annotations

import asyncio
import inspect
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, NamedTuple

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

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


class Found(NamedTuple):
    """A finding as last published: its range as the client counts, and its rule's doc."""

    finding: Finding
    range: types.Range
    doc: str


class PolicyServer(LanguageServer):
    """The server: pygls's, with the open documents, their last findings and pending lints."""

    def __init__(self, live: Live | None = None) -> None:
        super().__init__("policylint", __version__, types.TextDocumentSyncKind.Full)
        self.live = live or Live()
        self.opened: set[str] = set()  # URIs as the client spells them
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.found: dict[str, list[Found]] = {}
        self.told: set[str] = set()  # configuration errors already shown
        self.linting = ThreadPoolExecutor(1, thread_name_prefix="policylint-lint")
        self.running: set[asyncio.Future[None]] = set()

    def lint(self, uri: str) -> None:
        """Lint the document's current text, off the event loop, and publish its
        diagnostics unless the text changed meanwhile (a newer lint is on its way)."""
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        path = to_fs_path(uri)
        if path is None or uri not in self.opened:
            return  # untitled: and other schemes have no config or include to go by
        task = asyncio.ensure_future(self._lint(uri, Path(path)))
        self.running.add(task)  # held until done: the loop keeps only weak references
        task.add_done_callback(self.running.discard)

    async def _lint(self, uri: str, path: Path) -> None:
        document = self.workspace.get_text_document(uri)
        text, version = document.source, document.version
        loop = asyncio.get_running_loop()
        try:
            # One worker thread: lints run one at a time (the rules' caches are shared),
            # while the loop goes on answering hovers and code actions.
            linted = await loop.run_in_executor(
                self.linting, self.live.lint, path, text, self.folder_of(path)
            )
        except Exception as exc:  # a broken config or pack: say so where the user looks
            self._broken(uri, f"policylint: {exc}", version)
            return
        current = self.workspace.get_text_document(uri)
        if uri not in self.opened or current.version != version:
            return  # closed, or changed while this lint ran
        self.told.clear()
        findings = [] if linted is None else linted.findings
        rules = {} if linted is None else {r.code: r for r in linted.session.all_rules}
        positions = Positions(text, self.position_encoding)
        self.found[uri] = [Found(f, positions.range(f), _doc(rules.get(f.code))) for f in findings]
        diagnostics = [
            _diagnostic(one, rules.get(one.finding.code), version) for one in self.found[uri]
        ]
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
        )

    def _broken(self, uri: str, message: str, version: int | None) -> None:
        """A config or pack that cannot be used: one diagnostic at the top of the document
        (old findings would drift as the text changes), and the message shown once."""
        self.found.pop(uri, None)
        where = types.Range(types.Position(0, 0), types.Position(0, 1))
        broken = types.Diagnostic(where, message, types.DiagnosticSeverity.Error, source=SOURCE)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[broken], version=version)
        )
        if message not in self.told:
            self.told.add(message)
            self.window_show_message(types.ShowMessageParams(types.MessageType.Error, message))

    @property
    def position_encoding(self) -> str:
        """The encoding positions are counted in, as agreed at initialisation."""
        chosen = self.server_capabilities.position_encoding
        return str(chosen or types.PositionEncodingKind.Utf16)

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


class Positions:
    """Code-point positions (policylint's) as the client counts them.

    ``encoding`` is an LSP ``PositionEncodingKind``: "utf-16", "utf-8" or
    "utf-32". Each line's running count of units is built on first use, so a
    long line with many findings costs one pass.
    """

    def __init__(self, text: str, encoding: str) -> None:
        self.lines = [line.rstrip("\r\n") for line in split_lines(text)]
        self.encoding = encoding
        self._units: dict[int, list[int]] = {}

    def position(self, line: int, column: int) -> types.Position:
        """A 0-based code-point position, clamped to the text, in the client's units."""
        line = min(max(line, 0), len(self.lines) - 1)
        text = self.lines[line]
        column = min(max(column, 0), len(text))
        if self.encoding == types.PositionEncodingKind.Utf32:
            return types.Position(line, column)
        units = self._units.get(line)
        if units is None:
            units = self._units[line] = [0]
            size = _utf8 if self.encoding == types.PositionEncodingKind.Utf8 else _utf16
            for char in text:
                units.append(units[-1] + size(char))
        return types.Position(line, units[column])

    def range(self, finding: Finding) -> types.Range:
        """A finding's span (1-based, end exclusive) as a client range."""
        return types.Range(
            self.position(finding.line - 1, finding.column - 1),
            self.position(finding.end_line - 1, finding.end_column - 1),
        )

    def edit(self, line: int, column: int, end_line: int, end_column: int) -> types.Range:
        """A 0-based code-point span (a fix's edit) as a client range."""
        return types.Range(self.position(line, column), self.position(end_line, end_column))


def _utf16(char: str) -> int:
    return 2 if ord(char) > 0xFFFF else 1


def _utf8(char: str) -> int:
    return len(char.encode("utf-8", "surrogatepass"))


def split_lines(text: str) -> list[str]:
    """Lines with their breaks, broken where policylint breaks them (not at U+2028)."""
    starts = [0, *(m.end() for m in _NEWLINE.finditer(text))]
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)] or [""]


def _diagnostic(found: Found, rule: Any, version: int | None) -> types.Diagnostic:
    finding = found.finding
    data: dict[str, Any] = {"code": finding.code, "line": finding.line - 1, "version": version}
    if finding.fix is not None:
        data["fix"] = {
            "title": finding.fix.message,
            "safe": finding.fix.safe,
            "edits": [[*e.location, e.text] for e in finding.fix.edits],
        }
    # The rule's documentation: policylint's for its own rules (a pack rule's url is the
    # law it applies); a user pack rule's own url, if it gives one.
    url = HOME if finding.code.startswith("PL") else getattr(rule, "url", None)
    return types.Diagnostic(
        range=found.range,
        message=finding.message,
        severity=_SEVERITY[finding.severity],
        code=finding.code,
        code_description=types.CodeDescription(href=url) if url else None,
        source=SOURCE,
        data=data,
    )


def _doc(rule: Any) -> str:
    if rule is None:
        return ""
    head = f"**{rule.code} {rule.name}** ({rule.severity})\n\n"
    more = f"\n\nMore: {rule.url}" if rule.url else ""
    return head + inspect.cleandoc(rule.doc or "") + more
