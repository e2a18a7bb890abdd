"""Email addresses written to fool harvesters: ``name [at] host [dot] tld``.

Compiled from the ``obfuscated-at`` and ``obfuscated-dot`` words of
``rules/contacts.yaml`` into the pattern contact detection searches with
(``address``) and the cheap test a block must pass first (``marks``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, NamedTuple

from policylint.base.prefilter import Filtered, compile_filtered


class Obfuscation(NamedTuple):
    """What every obfuscated email address holds: its bracketed or capital "at" word.

    Searching a block for the address itself costs ~15 MB/s (a case-insensitive
    pattern that may start at any word), and the words the packs give for it
    ("at", "dot") are in nearly every block, so a block is searched only when it
    passes this test first.
    """

    bracketed: Filtered
    """A bracketed "at" word ("[at]", "( @ )"): case-insensitive in the word only,
    so ``re`` looks for the brackets with its fast scan for a set of characters."""
    shouted: tuple[str, ...]
    """The "at" words in capitals ("AT"), literal: found with ``in``."""

    def may_hold(self, text: str) -> bool:
        """False only when ``text`` cannot hold an obfuscated address."""
        return any(word in text for word in self.shouted) or bool(self.bracketed.search(text))


def address(contact: Mapping[str, Any]) -> Filtered:
    """``name [at] host [dot] tld`` and the like: a bracketed "at" word, then dotted parts.

    The "at" must be bracketed (a bare "at" is an ordinary word) or written
    in capitals as a word of its own, with the dots then written as capital
    words too (``name AT host DOT org DOT uk``: capitals alone would match
    shouted legal text such as "WRITE TO US AT OUR OFFICE. THANK YOU").
    Otherwise the dots may be bracketed, plain, or a spaced "dot" word once
    the "at" has shown the intent.
    """
    at_mark = _at_mark(contact)
    dot = "|".join(contact.get("obfuscated-dot", ["dot"]))
    dot_mark = rf"[\[({{]\s*(?:{dot}|\.)\s*[\])}}]|\.|\s(?:{dot})\s"
    at_caps = "|".join(_shouted_at(contact))
    dot_caps = "|".join(w.upper() for w in contact.get("obfuscated-dot", ["dot"]) if w.isalpha())
    shouted = rf"[\w.+-]+\s+(?-i:{at_caps})\s+[\w-]+(?:\s+(?-i:{dot_caps})\s+[\w-]+)+"
    return compile_filtered(
        rf"(?<![\w.+-])(?:[\w.+-]+\s*{at_mark}\s*[\w-]+(?:\s*(?:{dot_mark})\s*[\w-]+)+"
        rf"|{shouted})",
        re.IGNORECASE,
    )


def _at_mark(contact: Mapping[str, Any]) -> str:
    """The bracketed "at" of an obfuscated address (for a case-insensitive pattern)."""
    at = "|".join(contact.get("obfuscated-at", ["at", "@"]))
    return rf"[\[({{]\s*(?:{at})\s*[\])}}]"


def _shouted_at(contact: Mapping[str, Any]) -> list[str]:
    """The "at" words that may stand unbracketed, in capitals ("AT")."""
    return [w.upper() for w in contact.get("obfuscated-at", ["at"]) if w.isalpha()]


def marks(contact: Mapping[str, Any]) -> Obfuscation:
    """The test every match of ``address`` passes, from the same parts:
    a match holds its bracketed "at" or, when shouted, a capital "at" word."""
    # Without a letter word the capital branch needs none: "" lets every text through.
    shouted = tuple(_shouted_at(contact)) or ("",)
    return Obfuscation(compile_filtered(f"(?i:{_at_mark(contact)})", 0), shouted)
