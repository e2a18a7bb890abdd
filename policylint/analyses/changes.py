"""What changed in a notice since its base version: the sentences PL104 compares.

A notice is compared with its base version (``engine/gitbase``) as the
rules read it: sentence by sentence of its prose, block by block. So
re-wrapping lines, whitespace, emphasis, list markers, a heading's style and
turning an address into a link (a link target that repeats the link's text)
change nothing; a changed word, an added or removed sentence, a new link
target does. The last-updated dates are masked before comparing, so
rewriting the date alone ("1 Oct 2026" as "1 October 2026") is no change of
text either.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from policylint.parse import tree
from policylint.parse.document import Document
from policylint.parse.prose import sentence_spans
from policylint.parse.source import UnreadableFile, decode

# An address: a URL, a mailto:/tel: target or a bare domain ("www.ico.org.uk"), with
# the punctuation after it apart.
_ADDRESS = re.compile(
    r"(?i)<?(?:(?:https?|ftp):/*|mailto:|tel:)?((?:www\.)?[\w@+-]+(?:\.[\w-]+)+(?:[/?#]\S*?)?)"
    r"(>?[.,;:)!?]*)$"
)
_SPACE_BEFORE = re.compile(r"\s+(?=[.,;:!?)])")
_DATE = "\u2060date\u2060"  # what a last-updated date is masked with


def base_document(path: str, data: bytes, encoding: str | None = None) -> Document | None:
    """The base version's bytes parsed as a notice, or None when they are not text."""
    try:
        return tree.parse(decode(path, data, encoding))
    except UnreadableFile:
        return None


def sentences(doc: Document, dates: Iterable[str] = ()) -> list[str]:
    """The sentences of ``doc``'s prose, as compared: block by block, whitespace runs
    folded, link targets that repeat their link's text dropped, ``dates`` (texts of the
    notice's last-updated dates) masked."""
    masked = sorted({d for d in dates if d}, key=len, reverse=True)
    found = []
    for block in doc.blocks:
        text = " ".join(_visible(block.text.split()))
        for date in masked:
            text = text.replace(date, _DATE)
        text = _SPACE_BEFORE.sub("", text)
        found += [text[start:end].strip() for start, end in sentence_spans(text)]
    return [sentence for sentence in found if sentence]


def _visible(words: list[str]) -> Iterable[str]:
    """The words as compared: an address written with or without its scheme or
    ``www.`` ("www.ico.org.uk", "<https://www.ico.org.uk>") is the same word, and a link
    target that only repeats the word before it ("privacy@acme.example
    mailto:privacy@acme.example") is dropped."""
    previous = ""
    for word in words:
        address = _ADDRESS.match(word)
        if address is None:
            yield word
        elif _core(word) != _core(previous):
            yield _core(word) + address.group(2)
        previous = word


def _core(word: str) -> str:
    """An address without its scheme, ``www.``, brackets, trailing slash and punctuation."""
    found = _ADDRESS.match(word)
    core = found.group(1) if found else word.strip("<>()[].,;:\"'")
    return core.lower().removeprefix("www.").rstrip("/")


def changed_sentences(old: list[str], new: list[str]) -> int:
    """How many sentences differ between two lists: inserted, deleted or replaced (the
    larger side of each replaced run)."""
    import difflib  # 5 ms: only when a notice is compared with its base

    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return sum(
        max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"
    )
