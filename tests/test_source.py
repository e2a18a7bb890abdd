"""Reading files: encodings, newlines and the offset -> line:column index."""

from __future__ import annotations

import pytest

from policylint.parse.source import Source, UnreadableFile, decode


def test_positions_are_zero_based_and_count_characters() -> None:
    src = Source.from_text("f", "ab\ncdé\n\nx")
    assert src.position(0) == (0, 0)
    assert src.position(3) == (1, 0)
    assert src.position(5) == (1, 2)  # é is one column
    assert src.position(6) == (1, 3)  # the end of the line: one past its last character
    assert src.position(8) == (3, 0)
    assert src.line_count == 4


def test_crlf_and_lone_cr_keep_line_numbers() -> None:
    src = decode("f", b"one\r\ntwo\rthree\r\n")
    assert src.text == "one\ntwo\nthree\n"
    assert src.line_count == 3
    assert src.position(src.text.index("three")) == (2, 0)


def test_utf8_bom_is_dropped_so_columns_match_the_editor() -> None:
    src = decode("f", b"\xef\xbb\xbfHello")
    assert src.text == "Hello"
    assert src.position(0) == (0, 0)


def test_utf16_with_bom_is_decoded() -> None:
    src = decode("f", "Privacy\nnotice".encode("utf-16"))
    assert src.text == "Privacy\nnotice"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"caf\xe9 ok", "not UTF-8 text: byte 0xe9 at offset 3"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file (NUL byte at offset 8)"),
    ],
)
def test_unreadable_bytes_say_why(data: bytes, message: str) -> None:
    with pytest.raises(UnreadableFile, match=message.replace("(", r"\(").replace(")", r"\)")):
        decode("f", data)


def test_location_end_is_exclusive() -> None:
    src = Source.from_text("f", "Contact us\nby email")
    loc = src.location(11, 13)  # "by"
    assert (loc.line, loc.column, loc.end_line, loc.end_column) == (1, 0, 1, 2)
    assert loc.one_based() == (2, 1, 2, 3)  # as a finding shows it
