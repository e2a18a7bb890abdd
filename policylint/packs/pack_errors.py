"""What is wrong in a rule pack, and where: ``PackError`` and the line-keeping mapping.

Every mapping read from a pack is a ``LineMap`` that remembers its own line
and the line of each key, so that each check can name ``file:line``.
"""

from __future__ import annotations

from typing import Any


class PackError(Exception):
    """A rule pack that cannot be used: where, and what is wrong."""

    def __init__(self, path: str, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


class LineMap(dict[str, Any]):
    """A YAML mapping that remembers its own line and the line of each key."""

    line: int = 1
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        """The line of ``key``, or of the mapping when the key is absent."""
        return self.key_lines.get(key, self.line)


def check_keys(mapping: LineMap, allowed: tuple[str, ...], path: str, what: str) -> None:
    """Raise PackError at the first key of ``mapping`` not in ``allowed``, with a
    "did you mean" hint (``what`` names the mapping in the message)."""
    for key in mapping:
        if key not in allowed:
            import difflib  # only for a hint in an error message

            hint = difflib.get_close_matches(str(key), allowed, n=1)
            suggestion = (
                f" (did you mean {hint[0]!r}?)" if hint else f" (allowed: {', '.join(allowed)})"
            )
            raise PackError(
                path, mapping.line_of(key), f"unknown key {key!r} in {what}{suggestion}"
            )
