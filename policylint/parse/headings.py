"""Headings in notices that have no Markdown headings.

Most real privacy notices are pasted from a web page or a PDF: no ``#``, often
no blank lines, sentences hard-wrapped mid-phrase. This module reads the lines
of top-level paragraphs and decides which ones are headings:

* numbered headings: ``1. Introduction`` ... ``11. Complaints`` (top-level
  numbers must run in sequence, so an ordinary numbered list or a table of
  contents is not mistaken for structure);
* numbered sub-clauses: ``4.1. Providing ...``, ``1.3a When we ...`` nest under
  their parent. A clause whose text is a sentence (``1.2 We may also monitor
  and record any``) becomes a section titled by its number, and its text stays
  body prose;
* plain-line headings: a short line that starts with a capital, has no closing
  sentence punctuation (a question is fine), holds no address, email or phone
  number, does not end in the first part of a number its next line goes on
  with, and is followed by body text. Inside running text it must also not
  continue the previous line, nor directly follow another heading (that line
  starts the heading's body), nor, when it is long (``RUN_ON_WORDS`` words or
  more), stop mid-sentence itself: a long line ending in a word that ends
  neither a sentence nor a heading ("... im Abschnitt „Kontakt“ in dieser") is
  a sentence the wrap cut, and so is the line after it;
* the title: the first line of the document, when it is heading-shaped.

The evidence is the shape of the line and of its neighbours; no language
model, no list of expected titles. Inference runs only when the document has
at most one Markdown heading: an author who wrote headings chose the structure.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import NamedTuple

from policylint.base.prefilter import LazyPattern
from policylint.parse.blocks import RawBlock

_NUMBERED = LazyPattern(
    r"(?P<num>\d{1,2}(?:\.\d{1,2}){0,2})(?P<dot>\.)?(?P<letter>[a-z])?(?:[ \t]+(?P<rest>.*)|$)"
)
_WORD = LazyPattern(r"[^\W\d_]+")
_SENTENCE_BREAK = LazyPattern(r"[^\W\d_]{2}[.!?;:][ \t]")
_CONTACTISH = LazyPattern(r"@|://|\bwww\.|\d{5}|\d[\d ]{6,}\d")
_ABBREVIATION_END = LazyPattern(r"(?:\b[A-Za-z]\.){2,}$")
_LABEL = LazyPattern(r"[^\W\d_][\w ’'/-]{0,30}:[ \t]*\S")
_BULLETS = "•·▪●◦■‣⁃►➢✓-*+"
_LONGEST = 100  # characters in a heading line
_OPENERS = "\"“‘'(["


@cache
def _words() -> tuple[frozenset[str], frozenset[str]]:
    """Words that cannot end a sentence, and words that commonly open one (lowercase):
    ``continuing-words`` and ``sentence-openers`` of ``rules/languages.yaml``."""
    from policylint.packs.builtin import builtin

    knowledge = builtin()
    return knowledge.continuing_words, knowledge.sentence_openers


@cache
def _dangling() -> frozenset[str]:
    """Words that end neither a sentence nor a heading (lowercase): ``dangling-words`` of
    ``rules/languages.yaml``."""
    from policylint.packs.builtin import builtin

    return builtin().dangling_words


class Heading(NamedTuple):
    """An inferred heading on one line.

    ``kind`` is "title", "numbered", "clause" or "plain". A clause keeps its
    text as body: ``body_from`` is where that text starts in the line with its
    indent stripped. Lines and columns are 0-based (``policylint.base.positions``).
    """

    line: int  # 0-based
    level: int
    kind: str
    title: str
    number: str | None = None
    body_from: int | None = None


def _ends_sentence(text: str) -> bool:
    return text[-1] in ".,;:!" and not _ABBREVIATION_END.search(text)


def _heading_shaped(text: str) -> bool:
    """A short, capitalised line with no sentence punctuation and no contact data."""
    if not text or len(text) > _LONGEST or not text[0].isupper():
        return False
    if len(text.split()) > 12 or _ends_sentence(text):
        return False
    if _SENTENCE_BREAK.search(text) or _CONTACTISH.search(text):
        return False
    return any(len(word) >= 3 for word in _WORD.findall(text))


def _body_like(text: str) -> bool:
    """A line that starts text: a sentence, a bullet, a ``Label: value`` line."""
    first = text[0]
    if not (first.isupper() or first.isdigit() or first in _BULLETS or first in _OPENERS):
        return False
    if text[-1] in ".!?:;)" or _LABEL.match(text):
        return True
    return sum(1 for word in _WORD.findall(text) if not word.isupper()) >= 3


def _continues(text: str) -> bool:
    """The line stops mid-sentence, so the next line carries on from it."""
    if text[-1] in ",-–—(/&:":
        return True
    words = _WORD.findall(text[-20:])
    return bool(words) and text[-1].isalpha() and words[-1].lower() in _words()[0]


RUN_ON_WORDS = 8
"""Words a line needs before its last word is read as a sentence cut by the wrap: short
headings may end in anything ("Who I am", "How to log in", "Appendix A")."""


def _dangles(text: str) -> bool:
    """A long line ending in a word that ends neither a sentence nor a heading ("... in
    dieser", "... on the"): the wrap cut a sentence there."""
    if len(text.split()) < RUN_ON_WORDS or not text[-1].isalpha():
        return False
    words = _WORD.findall(text[-20:])
    return bool(words) and words[-1].lower() in _dangling()


def _splits_a_name(text: str, following: str) -> bool:
    """A long line ending in a capitalised word whose next line goes on with one."""
    words = text.split()
    first = following.split()[0].strip(",.;:()\"'“‘")
    return (
        len(words) >= 6
        and words[-1][:1].isupper()
        and first[:1].isupper()
        and first.lower() not in _words()[1]
    )


def _splits_a_number(text: str, following: str) -> bool:
    """A line ending in digits whose next line goes on with more ("Our helpline is 0303 /
    123 1113."): a number broken by the wrap. "3.1 Scope" below "Section 3" is a clause."""
    first = following.split()[0].rstrip(".,;:)")
    return text[-1].isdigit() and first.isdigit()


class _Lines:
    """Stripped source lines with next/previous non-blank look-ups.

    Lines are stripped of all whitespace, so a blank line is an empty one.
    """

    def __init__(self, body: str):
        self.text = [line.strip() for line in body.split("\n")]
        self.count = len(self.text)

    def prev(self, i: int) -> int | None:
        i -= 1
        while i >= 0 and not self.text[i]:
            i -= 1
        return i if i >= 0 else None

    def next(self, i: int) -> int | None:
        i += 1
        while i < self.count and not self.text[i]:
            i += 1
        return i if i < self.count else None


def infer(body: str, blocks: Sequence[RawBlock]) -> dict[int, Heading]:
    """Inferred headings by 0-based line, for the lines of candidate blocks.

    ``body`` is the document text with front matter blanked out.
    """
    lines = _Lines(body)
    found: dict[int, Heading] = {}
    first_text = next((i for i, text in enumerate(lines.text) if text), None)
    numbers: list[int] = []  # the current clause path, e.g. [4, 1]
    for block in blocks:
        if not block.top:
            continue
        for i in range(block.start, min(block.end, lines.count)):
            text = lines.text[i]
            # A heading starts with its number or a capital, and a plain one is
            # short (``_heading_shaped``): most lines of running text are
            # ruled out here without a call.
            if not text:
                continue
            if text[0].isdigit():  # a superset of the \d that _NUMBERED starts with
                heading = _numbered(lines, i, numbers, found)
            elif text[0].isupper() and len(text) <= _LONGEST:
                heading = _plain(lines, i, found, is_first=i == first_text, numbered=bool(numbers))
            else:
                continue
            if heading is not None:
                found[i] = heading
    return found


def _numbered(
    lines: _Lines, i: int, numbers: list[int], found: dict[int, Heading]
) -> Heading | None:
    text = lines.text[i]
    match = _NUMBERED.match(text)
    if match is None:
        return None
    parts = [int(p) for p in match["num"].split(".")]
    rest = (match["rest"] or "").strip()
    letter = match["letter"] or ""
    nxt = lines.next(i)
    prv = lines.prev(i)
    if len(parts) == 1:
        if not match["dot"] or letter or parts[0] != (numbers[0] if numbers else 0) + 1:
            return None
        if not _heading_shaped(rest) or nxt is None:
            return None
        if prv is not None and lines.text[prv].endswith(":"):
            return None  # "You may: 1. ask ..." is a list, not a section
        sibling = _NUMBERED.match(lines.text[nxt])
        if sibling and sibling["dot"] and sibling["num"] == str(parts[0] + 1):
            return None  # two numbered lines in a row: a list or a table of contents
        numbers[:] = parts
        return Heading(i, 1, "numbered", text, match["num"])
    # A sub-clause must continue the current clause path: 4.1 only inside 4.
    depth = len(parts)
    if not numbers or parts[: depth - 1] != numbers[: depth - 1] or len(numbers) < depth - 1:
        return None
    last = numbers[depth - 1] if len(numbers) >= depth else 0
    step = parts[-1] - last
    if not (0 < step <= 2 or (step == 0 and letter)):
        return None
    numbers[:] = parts
    number = match["num"] + letter
    titled = (
        _heading_shaped(rest)
        and nxt is not None
        and (_body_like(lines.text[nxt]) or lines.text[nxt][0].isdigit())
    )
    if titled:
        return Heading(i, depth, "numbered", text, number)
    body_from = match.start("rest") if rest else None
    return Heading(i, depth, "clause", number, number, body_from)


def _plain(
    lines: _Lines, i: int, found: dict[int, Heading], *, is_first: bool, numbered: bool
) -> Heading | None:
    text = lines.text[i]
    if not _heading_shaped(text):
        return None
    nxt = lines.next(i)
    if nxt is None:
        return None
    if is_first:
        return Heading(i, 1, "title", text)
    prv = lines.prev(i)
    level = 2 if numbered else 1
    if prv is not None and lines.text[prv].endswith(":"):
        return None  # the line is what the colon announced (an address, a name)
    standalone = (i == 0 or not lines.text[i - 1]) and (
        i + 1 >= lines.count or not lines.text[i + 1]
    )
    if standalone:
        return Heading(i, level, "plain", text)
    if prv is not None and (
        prv in found or _continues(lines.text[prv]) or _dangles(lines.text[prv])
    ):
        return None  # in running text, the line after a heading (or a cut one) starts its body
    if _dangles(text):
        return None  # "... können Sie dem Abschnitt „Kontakt“ in dieser" runs on into its next line
    following = lines.text[nxt]
    if _splits_a_name(text, following) or _splits_a_number(text, following):
        return None
    if text.endswith("?"):
        ok = following[0].isupper() or following[0] in _BULLETS
    else:
        ok = _body_like(following)
    return Heading(i, level, "plain", text) if ok else None
