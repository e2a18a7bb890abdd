"""Dates in tables: a "document control" table's key and value cells (``key_value_dates``),
and the row a table label stands in (``row_at``), for ``analyses/dates``.

Split from ``date_clues``, whose clause and label helpers these reuse.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache

from policylint.analyses.date_clues import VERSION_NUMBER, Span, words
from policylint.packs.knowledge import DateEvents, Knowledge
from policylint.parse.document import Block, Document


@lru_cache(maxsize=64)
def table_rows(block: Block) -> list[list[tuple[int, int]]]:
    """The cells of each row of a table block, as ``(start, end)`` spans of its text.

    Cells are found from the pipes of the source lines; the prose offset map
    turns them into text positions (offsets grow with text positions).
    """
    text, prose, source = block.text, block.prose, block.prose.source

    def at(offset: int) -> int:  # the first text position at or after a source offset
        return bisect_left(range(len(text)), offset, key=prose.offset)

    rows: list[list[tuple[int, int]]] = []
    for line in range(block.line, block.end_line):
        begin = source.line_starts[line]
        raw = source.line_text(line)
        pipes = [begin + i for i, char in enumerate(raw) if char == "|"]
        edges = [begin, *pipes, begin + len(raw)]
        cells = [(at(a), at(b)) for a, b in itertools.pairwise(edges)]
        cells = [(a, b) for a, b in cells if text[a:b].strip()]
        if cells:
            rows.append(cells)
    return rows


def row_at(block: Block, index: int) -> tuple[int, int]:
    """The span of the table row holding text position ``index``: a row says one thing."""
    for row in table_rows(block):
        if row[0][0] <= index < row[-1][1]:
            return row[0][0], row[-1][1]
    return 0, len(block.text)


def key_value_dates(
    doc: Document, knowledge: Knowledge, languages: list[str], pattern: re.Pattern[str]
) -> Iterator[Span]:
    """Dates in the value cells of table rows whose key cell is a date label.

    A "document control" table: | Version | 4.0 – 30 November 2025 |,
    | Last reviewed | 01/10/2025 |. The key cell must hold a date noun
    ("date", "version") or a date-event word and nothing but label words and
    connectors ("from", "on"), so "Previous version", "Next review due" or
    "Date of birth" never date the notice.
    """
    lexicons = [lex for lex in (knowledge.date_events.get(lang) for lang in languages) if lex]
    for block in doc.blocks_with_digits:
        if block.kind != "table":
            continue
        text = block.text
        for row in table_rows(block):
            key = text[row[0][0] : row[0][1]]
            if len(row) > 1 and any(_date_key(key, lexicon) for lexicon in lexicons):
                date = pattern.search(text, row[1][0], row[-1][1])
                if date is not None:
                    yield Span(block, date.start(), date.end())


def _date_key(key: str, lexicon: DateEvents) -> bool:
    """``key`` (a table cell) labels a date of the notice: see ``key_value_dates``."""
    if not (lexicon.key_words.search(key) or lexicon.events.search(key)):
        return False
    rest = lexicon.key_words.regex.sub(" ", lexicon.events.regex.sub(" ", key))
    return all(
        word.lower() in lexicon.label_words
        or word.lower() in lexicon.key_connectors
        or VERSION_NUMBER.fullmatch(word)
        for word in words(rest)
    )
