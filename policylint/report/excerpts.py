"""Source excerpts under a finding: the lines it covers, with the span underlined.

The file is read again only to show it (never parsed), decoded exactly as
the linter read it, so columns line up. Highlighting uses pygments'
Markdown lexer, imported only when colour is on.
"""

from __future__ import annotations

from policylint.base.findings import Finding
from policylint.parse.source import Source, UnreadableFile, decode

_MAX_LINES = 5


def read_source(path: str, encoding: str | None = None) -> Source | None:
    """The file decoded as the linter reads it, or None when it cannot be.

    ``encoding`` is the fallback the run was given (``--encoding``) for files
    that are not UTF-8 or UTF-16, as in ``decode``.
    """
    try:
        with open(path, "rb") as handle:
            return decode(path, handle.read(), encoding)
    except (OSError, UnreadableFile):
        return None


class Excerpts:
    """Renders the source lines of findings, coloured or plain."""

    def __init__(self, color: bool, encoding: str | None = None):
        self.color = color
        self.encoding = encoding  # the run's fallback encoding, to decode as the lint did
        self._sources: dict[str, Source | None] = {}  # per report: files change between runs

    def render(self, finding: Finding) -> str:
        """The excerpt block for one finding (empty when the file cannot be shown)."""
        if finding.path not in self._sources:
            self._sources[finding.path] = read_source(finding.path, self.encoding)
        source = self._sources[finding.path]
        if source is None or finding.line > source.line_count:
            return ""
        last = min(finding.end_line, finding.line + _MAX_LINES - 1, source.line_count)
        width = len(str(last))
        out = []
        for number in range(finding.line, last + 1):
            text = source.line_text(number - 1).expandtabs(1)
            start = finding.column if number == finding.line else 1
            end = finding.end_column if number == finding.end_line else len(text) + 1
            marks = " " * (start - 1) + "^" * max(1, end - start)
            out.append(f" {number:>{width}} | {self._highlight(text)}\n")
            out.append(f" {'':>{width}} | {self._mark(marks)}\n")
        return "".join(out)

    def _highlight(self, text: str) -> str:
        if not self.color:
            return text
        from pygments import highlight
        from pygments.formatters import TerminalFormatter
        from pygments.lexers import MarkdownLexer

        return str(highlight(text, MarkdownLexer(), TerminalFormatter())).rstrip("\n")

    def _mark(self, marks: str) -> str:
        return f"\033[31;1m{marks}\033[0m" if self.color else marks
