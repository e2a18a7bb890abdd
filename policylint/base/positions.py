"""Positions in a file: the one convention policylint uses inside, and the one conversion out.

Inside, every position is 0-based and every range is end-exclusive:

- A line is the 0-based index of a line of ``Source.text`` (newlines
  normalised to ``\\n``; ``Source.line_text(line)`` is its text).
- A column is the 0-based index of a character within its line: a Python
  ``str`` index, counting code points (not bytes, not UTF-16 units).
- A range of whole lines (``Block``, ``RawBlock``) is half-open: a block on
  lines 3, 4 and 5 has ``line=3, end_line=6``.
- A ``Location`` is a half-open span of text positions: ``(line, column)`` is
  its first character, ``(end_line, end_column)`` the position just after its
  last (which may be the end of a line, ``column == len(line_text)``).
- A single line (``Section.line``, ``Comment.line``, ``Heading.line``,
  ``FrontMatter.key_lines``) is a 0-based index.

Users see 1-based lines and columns with an exclusive end column (editors,
SARIF, GitHub annotations). The conversion happens once, where a position
leaves the program: when the linter makes a ``Finding`` (``Location.one_based``),
when a finding's fix is written out (JSON, SARIF: its edits keep their 0-based
``Location`` until then) and when the parse tree is printed (``policylint
tree``, ``Section.as_dict``: ``one_based``). Nothing else adds or subtracts 1.
"""

from __future__ import annotations

from typing import NamedTuple


def one_based(index: int) -> int:
    """The 1-based number a user sees for a 0-based line or column index."""
    return index + 1


class Location(NamedTuple):
    """A half-open span of text: 0-based lines and columns (code points).

    ``(line, column)`` is the first character, ``(end_line, end_column)`` the
    position just after the last; see this module's docstring for the
    convention. Rules make them with ``Source.location(start, end)`` or
    ``Prose.location`` rather than by hand.
    """

    line: int
    column: int
    end_line: int
    end_column: int

    def one_based(self) -> tuple[int, int, int, int]:
        """``(line, column, end_line, end_column)`` as users see them: 1-based, end exclusive."""
        return (
            one_based(self.line),
            one_based(self.column),
            one_based(self.end_line),
            one_based(self.end_column),
        )
