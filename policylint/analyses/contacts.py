"""Ways to reach the organisation: email, phone, postal address, contact form.

An authority's details are not the organisation's (see ``authorities``).
Links count wherever they are written: a link destination is kept in the
prose (``[send us a message](/contact/)`` reads "send us a message
/contact/"), so absolute, ``www.`` and relative destinations, autolinks and
``mailto:`` addresses are all found in the text; a reference-style link's
destination stands in its definition (``[c]: /contact``), which the parser
makes a block of its own when a link uses it. Talk of "contact forms" without a link
or an address is no way in.
Details shown in a code block (``Document.code``) reach the reader too, so
they are looked for there as well as in the prose.
``organisation_contacts`` yields the cheap kinds first, so a rule that only
needs to know whether there is one stops at the first email address and
never loads the phone-number library.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import chain, pairwise
from typing import NamedTuple

from policylint.analyses import authorities, authority_numbers
from policylint.analyses.authorities import Mention, Ranges
from policylint.analyses.phones import Phone
from policylint.analyses.profile import Profile
from policylint.base.positions import Location
from policylint.base.prefilter import compile_filtered
from policylint.packs.knowledge import Knowledge
from policylint.parse.document import Block, Document
from policylint.parse.prose import sentence_at

_EMAIL = compile_filtered(
    r"(?<![\w.+-])[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b", 0
)
# Absolute and www. addresses, and relative link destinations ("/contact/",
# "../contact.html", "contact.html"), which only stand alone in prose after a
# space or bracket ("and/or" and "24/7" are not paths).
_URL = compile_filtered(
    r"(?:https?://|www\.)[^\s<>()\"']+[^\s<>()\"'.,;:!?]"
    r"|(?<![^\s(\[])\.{0,2}/[\w-][^\s<>()\"']*[^\s<>()\"'.,;:!?]"
    r"|(?<![^\s(\[])[\w-]+\.(?:html?|php|aspx?)\b"
)


class ContactPoint(NamedTuple):
    """One way to reach the organisation, and where it is written."""

    kind: str  # "email" | "form" | "postal" | "phone"
    text: str
    location: Location


def organisation_contacts(
    doc: Document,
    knowledge: Knowledge,
    profile: Profile,
    named_in: list[Mention],
    contexts: Callable[[], Ranges],
    phones_of: Callable[[Block], list[Phone]],
) -> Iterator[ContactPoint]:
    """The organisation's contact details, cheapest kinds first (``Facts.organisation_contacts``).

    ``named_in`` are the authorities' mentions; ``contexts`` gives the ranges
    of their details (``authorities.contexts``), only asked for a detail in a
    block that names one; ``phones_of`` gives the phone numbers of a block.
    """
    regions = profile.regions
    named = {id(m.block) for m in named_in}
    listed = _listed_under_name(doc, named_in) if named_in else set()

    def theirs(block: Block, start: int, text: str, phone_key: str | None = None) -> bool:
        if authority_numbers.owner_by_data(knowledge, text, phone_key, regions) is not None:
            return True
        if id(block) in listed:
            return True
        if id(block) not in named:
            return False  # no authority named in this block: nothing is given for one
        return authorities.owner_by_context(contexts(), block, start) is not None

    for block, m in chain(
        doc.matches(_EMAIL), doc.code_matches(_EMAIL), _obfuscated(doc, knowledge)
    ):
        if not theirs(block, m.start(), m.group(0)):
            yield ContactPoint("email", m.group(0), block.prose.location(m.start(), m.end()))
    for block, m in _urls(doc):
        url = m.group(0)
        before = block.text[max(0, m.start() - 40) : m.start()]
        words = knowledge.contact_form_words
        is_form = knowledge.contact_form_url.search(_path(url)) or (
            words is not None and words.search(before)
        )
        if is_form and _written_as_link(doc, block, m) and not theirs(block, m.start(), url):
            yield ContactPoint("form", url, block.prose.location(m.start(), m.end()))
    previous: dict[int, Block] = {}
    # A notice that answers to other law gives a US address for its hosts and the
    # services it embeds (GitHub, Twitter, Google in California), not its own.
    foreign_us = bool(profile.jurisdictions) and "US" not in profile.jurisdictions
    for postcode in knowledge.postcodes.values():
        for block, m in chain(doc.matches(postcode), doc.code_matches(postcode)):
            if foreign_us and _US_ADDRESS.search(block.text, max(0, m.start() - 4), m.end() + 60):
                continue  # part of a US address: a state and ZIP code at or just after it
            if not previous:
                previous = {id(b): a for a, b in pairwise(doc.blocks)}
            prior = previous.get(id(block))
            if not theirs(block, m.start(), m.group(0)) and not _provider_address(
                knowledge, block, m.start(), prior
            ):
                yield ContactPoint("postal", m.group(0), block.prose.location(m.start(), m.end()))
    for block in chain(doc.blocks_with_digits, doc.code):  # phone numbers are digits
        for phone in phones_of(block):
            if not theirs(block, phone.start, phone.text, phone.key):
                yield ContactPoint(
                    "phone", phone.text, block.prose.location(phone.start, phone.end)
                )


NAME_LINE = 100
"""The longest line (characters of prose) that can stand as an authority's name over its
details."""
NAME_LINE_ITEMS = 6
"""The most list items under such a line taken as the authority's details."""


def _listed_under_name(doc: Document, named_in: list[Mention]) -> set[int]:
    """The list items (by id) right under a short line that is little more than an
    authority's name: "**CNIL (Commission Nationale de l'Informatique et des Libertés)**"
    over "- Site web : ...", "- Adresse : 3 Place de Fontenoy ...". Each item is the
    authority's detail, though it does not name the authority itself. Not under a line
    that says more ("Write to us or to the CNIL:"): at least half of it is the name."""
    covered: dict[int, int] = {}
    for mention in named_in:
        key = id(mention.block)
        covered[key] = covered.get(key, 0) + mention.end - mention.start
    found: set[int] = set()
    blocks = doc.blocks
    for index, block in enumerate(blocks):
        size = len(block.text)
        if id(block) not in covered or block.kind == "list_item" or size > NAME_LINE:
            continue
        if 2 * covered[id(block)] < size:
            continue
        for below in blocks[index + 1 : index + 1 + NAME_LINE_ITEMS]:
            if below.kind != "list_item":
                break
            found.add(id(below))
    return found


# A US state (or DC) and its ZIP code, on one line: "San Francisco, CA 94107" (not
# Delaware's "DE": "DE 10115 Berlin" is German); or a ZIP code and the country.
_US_ADDRESS = re.compile(
    r"\b(?:A[KLRZ]|C[AOT]|DC|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|RI"
    r"|S[CD]|T[NX]|UT|V[AT]|W[AIVY])[ \t]+\d{5}(?:-\d{4})?\b"
    r"|\b\d{5}(?:-\d{4})?,?[ \t]+(?:USA|U\.S\.A\.|United States|[ÉE]tats-Unis|Vereinigte Staaten"
    r"|Verenigde Staten)\b"
)


def _provider_address(knowledge: Knowledge, block: Block, at: int, before: Block | None) -> bool:
    """Whether the address at ``block.text[at]`` is a service provider's (``third-party``).

    Its sentence names a provider, or the sentence before it does and ends in a
    colon (the last of the block ``before`` when the address opens its block).
    """
    words = knowledge.third_party
    start, end = sentence_at(block.text, at)
    if words.search(block.text, start, end, block.lower):
        return True
    lead = block if start > 0 else before
    if lead is None:
        return False
    first, last = sentence_at(lead.text, (start if lead is block else len(lead.text)) - 1)
    introduces = lead.text[first:last].rstrip().endswith(":")
    return introduces and words.search(lead.text, first, last, lead.lower) is not None


def _obfuscated(doc: Document, knowledge: Knowledge) -> Iterator[tuple[Block, re.Match[str]]]:
    """The obfuscated addresses of the prose, then of the code blocks.

    The same as ``doc.matches`` and ``doc.code_matches`` of the pattern; a
    block is only searched when it holds a bracketed or capital "at", and
    the prose is first tested as a whole (most notices hold neither). The
    pattern's own literals ("at", "dot") are no help: they are in nearly
    every block, and ``doc.blocks_with`` would visit each of their hundreds
    of occurrences.
    """
    pattern, marks = knowledge.obfuscated_email, knowledge.obfuscated_marks
    prose = doc.blocks if marks.may_hold("\n".join(b.text for b in doc.blocks)) else []
    for block in chain(prose, doc.code):
        if marks.may_hold(block.text):
            for match in pattern.finditer(block.text, lowered=block.lower):
                yield block, match


def _urls(doc: Document) -> Iterator[tuple[Block, re.Match[str]]]:
    """The matches of ``_URL`` in the prose, then in the code blocks.

    The same as ``doc.matches`` and ``doc.code_matches``, but the pattern is
    tried only where a match can start (``_url_starts``): a pattern that may
    start with any word runs at ~15 MB/s over the whole text.
    """
    match_at = _URL.regex.match
    for block in chain(doc.blocks_with(_URL), doc.code):
        text, lowered = block.text, block.lower
        if not _URL.may_match(lowered):
            continue
        if len(lowered) != len(text):  # a letter folded to two: offsets would shift
            yield from ((block, found) for found in _URL.regex.finditer(text))
            continue
        resume = 0  # finditer's way: after a match, the next starts at its end
        for start in _url_starts(lowered):  # _URL ignores case: look in the folded text
            if start >= resume:
                found = match_at(text, start)
                if found is not None:
                    resume = found.end()
                    yield block, found


def _url_starts(text: str) -> list[int]:
    r"""Every offset of ``text`` where a match of ``_URL`` may start, in order.

    Each branch of the pattern starts at a literal or a fixed distance before
    one: "http" or "www."; a "/" or the one or two dots before it; or the
    word before ".htm", ".php", ".asp" (the run of ``[\w-]`` characters, as
    ``\w`` counts them: ``str.isalnum`` or "_").
    """
    starts: set[int] = set()
    for literal in ("http", "www.", "/", ".htm", ".php", ".asp"):
        at = text.find(literal)
        while at != -1:
            if literal == "/":  # "/contact", "./contact", "../contact"
                starts.add(at)
                if text[max(at - 1, 0) : at] == ".":
                    starts.add(at - 1)
                if text[max(at - 2, 0) : at] == "..":
                    starts.add(at - 2)
            elif literal.startswith("."):
                begin = at
                while begin > 0 and (text[begin - 1].isalnum() or text[begin - 1] in "_-"):
                    begin -= 1
                starts.add(begin)
            else:
                starts.add(at)
            at = text.find(literal, at + 1)
    return sorted(starts)


def _written_as_link(doc: Document, block: Block, match: re.Match[str]) -> bool:
    """An absolute address, or a relative one the source writes as a link destination.

    A relative path is only a way in as a link: "(/contact/)" in
    ``[text](/contact/)``, ``href="/contact"``; "bevestigings- /aanmeldingsformulier"
    is a word.
    """
    url = match.group(0)
    if "//" in url or url.lower().startswith("www."):
        return True
    at = block.prose.offset(match.start())
    return doc.source.text[at - 1 : at] in ("(", "<", '"', "'", "=")


def _path(url: str) -> str:
    """The path of an address: after the host of an absolute one, all of a relative one."""
    if url.startswith(("/", ".")) or ("//" not in url and not url.lower().startswith("www.")):
        return url
    return url.split("//", 1)[-1].partition("/")[2]
