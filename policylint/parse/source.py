"""Decoded file text plus the index that turns character offsets into line:column.

Everything downstream (prose, sections, findings) speaks in offsets into
``Source.text``; only this module knows how offsets become a line and column
(0-based, columns in code points: the convention of ``policylint.base.positions``).
Newlines are normalised to ``\\n`` (one character per line break, as in the
file's own line count), and a byte-order mark is dropped, so columns count
characters of the line exactly as an editor shows them.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import NamedTuple

from policylint.base.messages import Message
from policylint.base.positions import Location

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class UnreadableFile(Exception):
    """The bytes of a file are not text policylint can read; the message says why.

    ``args[0]`` is that ``Message`` (``str(exc)`` is its English text).
    """


class Source(NamedTuple):
    """The text of one file and the start offset of each of its lines."""

    path: str
    text: str
    line_starts: tuple[int, ...]

    @classmethod
    def from_text(cls, path: str, text: str) -> Source:
        """Normalise newlines and index line starts."""
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        return cls(path, text, tuple(starts))

    @property
    def line_count(self) -> int:
        """Number of lines, counting a last line without a newline."""
        n = len(self.line_starts)
        return n - 1 if n > 1 and self.line_starts[-1] == len(self.text) else n

    def line_text(self, index: int) -> str:
        """The text of 0-based line ``index`` without its newline."""
        start = self.line_starts[index]
        end = (
            self.line_starts[index + 1] - 1 if index + 1 < len(self.line_starts) else len(self.text)
        )
        return self.text[start:end]

    def position(self, offset: int) -> tuple[int, int]:
        """0-based (line, column) of a character offset, clamped to the text."""
        offset = max(0, min(offset, len(self.text)))
        index = bisect_right(self.line_starts, offset) - 1
        return index, offset - self.line_starts[index]

    def text_at(self, location: Location) -> str:
        """The text a Location covers (newlines normalised), e.g. to check a fix's span."""
        start = self.line_starts[location.line] + location.column
        return self.text[start : self.line_starts[location.end_line] + location.end_column]

    def around(self, location: Location, width: int = 4) -> tuple[str, str]:
        """The ``width`` characters before a Location and those after it, on its lines
        (fewer at a line's start or end), e.g. to tell a word from part of a URL."""
        line = self.line_text(location.line)
        end_line = self.line_text(location.end_line)
        before = line[max(0, location.column - width) : location.column]
        return before, end_line[location.end_column : location.end_column + width]

    def location(self, start: int, end: int) -> Location:
        """The Location (0-based, end exclusive) covering offsets ``[start, end)``."""
        line, column = self.position(start)
        end_line, end_column = self.position(max(start, end))
        return Location(line, column, end_line, end_column)


def decode(path: str, data: bytes, fallback: str | None = None) -> Source:
    """Decode a file's bytes into a Source, or raise UnreadableFile saying why.

    UTF-8 with or without BOM is the format of docs repositories; UTF-16 only
    appears with a BOM (Windows editors), so it is decoded when the BOM says so.
    Anything else is reported rather than guessed at, unless the user names
    a ``fallback`` encoding (``--encoding latin-1``) for files that are not
    UTF-8.
    """
    if data.startswith(_UTF16_BOMS):
        try:
            return Source.from_text(path, data.decode("utf-16"))
        except UnicodeDecodeError as exc:
            raise UnreadableFile(
                Message("UTF-16 text with an invalid sequence at byte {at}", at=exc.start)
            ) from None
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
    if b"\x00" in data[:8192]:
        return _raise_binary(data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if fallback:
            try:
                return Source.from_text(path, data.decode(fallback))
            except UnicodeDecodeError:
                raise UnreadableFile(
                    Message("neither UTF-8 nor {encoding} text", encoding=fallback)
                ) from None
        bad = data[exc.start]
        raise UnreadableFile(
            Message(
                "not UTF-8 text: byte {byte} at offset {at} (save the file as UTF-8)",
                byte=f"0x{bad:02x}",
                at=exc.start,
            )
        ) from None
    return Source.from_text(path, text)


def _raise_binary(data: bytes) -> Source:
    nul = data.index(b"\x00")
    if nul < 2 and data[1 - nul : 2 - nul].isascii():
        raise UnreadableFile(
            Message(
                "binary file (NUL byte at offset {at}), not text; "
                "if it is UTF-16 text, save it as UTF-8 or with a byte-order mark",
                at=nul,
            )
        )
    raise UnreadableFile(Message("binary file (NUL byte at offset {at}), not text", at=nul))
