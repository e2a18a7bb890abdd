"""Where a notice names a supervisory authority, and which details are its.

A phone number, address or website belongs to an authority when it is one
the packs list for it (its helpline, a number it used to publish, its
postcode, its site), or when the sentence gives it *for* the authority:
after its name, before the sentence turns back to the organisation ("us",
"our", "ons"), or in the next sentence when that one starts by pointing back
("Their telephone number is ..."). A coordinated clause ("..., or get advice
from Citizens Advice on ...") ends the authority's details once it has been
given a number, or when that clause names someone else. A sentence that
tells the reader to contact the organisation before naming the authority
("contact us before you go to the ICO: write to ...") gives the
organisation's details. Everything else, even a number printed right below,
is the organisation's.

An authority is *offered as the place to complain* (``complaint_mentions``)
when the sentence naming it, the sentence before, the next one when it
refers back, or its section's heading uses a complaint word of the packs;
one cited only for registration, breach reports or guidance is not.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from typing import NamedTuple

from policylint.analyses import phones
from policylint.analyses.profile import Profile
from policylint.base.positions import Location
from policylint.base.prefilter import Filtered, LazyPattern, fold
from policylint.packs.knowledge import Authority, AuthorityContext, Knowledge
from policylint.parse.document import Block, Document, Section
from policylint.parse.prose import sentence_spans

_CAPITALISED = LazyPattern(r"\b[A-Z][a-z]")


Ranges = dict[int, list[tuple[int, int, Authority]]]
"""Per block (by id), the prose ranges ``[start, stop)`` in which details are given for an
authority (``contexts``)."""


class Sentences:
    """``sentence_spans`` of blocks' texts, kept for one document.

    ``complaint_mentions`` and ``contexts`` split the same blocks; other
    rules' texts may push them out of ``sentence_spans``'s small memo between.
    """

    def __init__(self) -> None:
        self._spans: dict[int, list[tuple[int, int]]] = {}

    def __call__(self, block: Block) -> list[tuple[int, int]]:
        """The ``(start, end)`` prose offsets of the sentences of ``block``, in order."""
        spans = self._spans.get(id(block))
        if spans is None:
            spans = self._spans[id(block)] = sentence_spans(block.text)
        return spans


class Mention(NamedTuple):
    """An authority named in a block, at prose offsets ``[start, end)``."""

    authority: Authority
    block: Block
    start: int
    end: int

    @property
    def location(self) -> Location:
        """Where the name is in the file."""
        return self.block.prose.location(self.start, self.end)


def mentions(doc: Document, knowledge: Knowledge) -> list[Mention]:
    """Every mention of every known authority, in document order (``Facts.authority_mentions``)."""
    found: list[Mention] = []
    for authority in knowledge.authorities:
        if not doc.may_hold(authority.names):
            continue
        parts = authority.name_parts or (authority.names,)
        present = [(i, part) for i, part in enumerate(parts) if doc.may_hold(part)]
        if len(present) == len(parts) or len(present) == 1:
            # The combined pattern runs only where its literals are; one part alone needs
            # no merging. Only a few names' literals present: search with those alone.
            pattern = authority.names if len(present) == len(parts) else present[0][1]
            found += [Mention(authority, b, m.start(), m.end()) for b, m in doc.matches(pattern)]
            continue
        candidates = sorted(
            ((index, block, m) for index, part in present for block, m in doc.matches(part)),
            key=lambda item: (id(item[1]), item[2].start(), item[0]),
        )
        # As the combined pattern would: leftmost first, the first name listed at a tie,
        # and no two mentions of one authority overlapping.
        taken_until: dict[int, int] = {}
        for _, block, m in candidates:
            if m.start() >= taken_until.get(id(block), -1):
                found.append(Mention(authority, block, m.start(), m.end()))
                taken_until[id(block)] = m.end()
    order = {id(block): index for index, block in enumerate(doc.blocks)}
    found.sort(key=lambda m: (order[id(m.block)], m.start))
    return found


def complaint_mentions(
    doc: Document,
    knowledge: Knowledge,
    named_in: Callable[[], list[Mention]],
    sentences: Sentences,
) -> list[Mention]:
    """The mentions that offer the authority as the place to complain (``Facts``).

    A complaint word (of any language in the packs) in the sentence
    of the mention, the sentence before it (in the block, or the last one of
    the block before in the same section: "you can complain to:" above the
    name), the sentence after it when that one refers back ("You can lodge a
    complaint with them"), or the title of the section the block is in.
    ``named_in`` gives the mentions (``mentions``); it is only asked when the
    notice holds a complaint word.
    """
    words = knowledge.complaint_words
    found: list[Mention] = []
    named = named_in() if doc.may_hold(words) else []
    if named:
        places = _places(doc, {id(m.block) for m in named})
        said: dict[tuple[int, int, int] | str, bool] = {}
        for mention in named:
            if _offered(
                mention, places, words, said, sentences, knowledge.authority_context.refers_back
            ):
                found.append(mention)
    return found


# The block before (in the same section) and the headings over a block.
_Place = tuple[Block | None, tuple[str, ...]]


def _places(doc: Document, wanted: set[int]) -> dict[int, _Place]:
    """For the blocks in ``wanted`` (by id): the block before it, and the headings over it.

    The headings are its section's title and the title of the section that
    holds that one ("Complaints" over "Information Commissioner's Office").
    A heading block has no block before; the heading over it is its parent's.
    A block outside every heading (before the first) has neither.
    Only the blocks that name an authority are wanted: a notice has many more.
    """
    places: dict[int, _Place] = {}

    def visit(section: Section, parent: str) -> None:
        heading = section.heading
        if heading is not None and id(heading) in wanted:
            places[id(heading)] = (None, (parent,))
        blocks = section.blocks
        headings = (section.title, parent)
        for index, block in enumerate(blocks):
            if id(block) in wanted:
                places[id(block)] = (blocks[index - 1] if index > 0 else None, headings)
        for child in section.children:
            visit(child, section.title)

    for top in doc.root.children:
        visit(top, "")
    return places


def _offered(
    mention: Mention,
    places: dict[int, _Place],
    words: Filtered,
    said: dict[tuple[int, int, int] | str, bool],
    sentences: Sentences,
    refers_back: re.Pattern[str],
) -> bool:
    """Whether a complaint word is in the texts that say what a mention is for.

    Those are its sentence, the one before (or the last of the block
    before), the next one when it refers back, and the headings over it.
    The headings come first: they need no sentence splitting and are
    shared by every mention of a section. ``said`` keeps each text's answer
    (mentions share sentences and headings).
    """
    before, headings = places.get(id(mention.block), (None, ()))
    for heading in headings:
        if heading not in said:
            said[heading] = _says(words, heading)
        if said[heading]:
            return True
    block = mention.block
    text = block.text
    spans = sentences(block) or [(0, len(text))]
    index = max(bisect_right(spans, (mention.start, len(text) + 1)) - 1, 0)
    if _says_in(words, block, *spans[index], said):
        return True
    if index > 0:
        if _says_in(words, block, *spans[index - 1], said):
            return True
    elif before is not None:
        last = sentences(before)[-1][0] if before.text else 0
        if _says_in(words, before, last, len(before.text), said):
            return True
    if index + 1 < len(spans):
        start, end = spans[index + 1]
        after = text[start:end]
        if refers_back.search(after) and _says_in(words, block, start, end, said):
            return True
    return False


def _says(words: Filtered, text: str) -> bool:
    """Whether ``text`` holds a complaint word.

    Its literals are tested first. Then a plain search: on a sentence,
    trying the pattern at each of its ~30 start literals ("an", "not")
    costs more than one scan.
    """
    return words.may_match(fold(text)) and words.search(text) is not None


def _says_in(
    words: Filtered,
    block: Block,
    start: int,
    end: int,
    said: dict[tuple[int, int, int] | str, bool],
) -> bool:
    """``_says`` of ``block.text[start:end]``, remembered in ``said``."""
    key = (id(block), start, end)
    answer = said.get(key)
    if answer is None:
        answer = said[key] = _says(words, block.text[start:end])
    return answer


def generic_mention(doc: Document, knowledge: Knowledge, profile: Profile) -> Location | None:
    """Where the notice points to "a supervisory authority" without naming one."""
    for lang in dict.fromkeys([profile.language, "en"]):
        pattern = knowledge.generic_authority.get(lang)
        if pattern is None or not doc.may_hold(pattern):
            continue
        for block in doc.blocks_with(pattern):
            match = pattern.search(block.text, lowered=block.lower)
            if match:
                return block.prose.location(match.start(), match.end())
    return None


def contexts(knowledge: Knowledge, named: list[Mention], sentences: Sentences) -> Ranges:
    """Per block (by id), the prose ranges in which details are given for an authority.

    Only blocks that name an authority (``named``: ``mentions``) have any.
    """
    ranges: Ranges = {}
    for mention in named:
        text = mention.block.text
        spans = sentences(mention.block)
        index = bisect_right(spans, (mention.start, len(text) + 1)) - 1
        if index < 0 or not spans[index][0] <= mention.start < spans[index][1]:
            continue
        begin, end = spans[index]
        if _directed_to_organisation(knowledge, text, begin, mention.start):
            continue  # "contact us before you go to the ICO: write to ...": ours
        context = knowledge.authority_context
        stop = _cut(context, text, mention.end, end)
        if stop == end and index + 1 < len(spans):
            nxt_start, nxt_end = spans[index + 1]
            if knowledge.authority_context.points_back.match(text, nxt_start):
                stop = _cut(context, text, nxt_start + 1, nxt_end)
        stop = _other_party(context, text, mention.end, stop)
        ranges.setdefault(id(mention.block), []).append((mention.start, stop, mention.authority))
    return ranges


def _directed_to_organisation(knowledge: Knowledge, text: str, begin: int, name: int) -> bool:
    """Whether the sentence tells the reader to contact the organisation before the
    name, with no clause break between ("contact us or complain to the ICO on ...")."""
    directive = knowledge.organisation_directive
    if not directive.may_match(fold(text[begin:name])):
        return False  # none of its words before the name: the regex need not scan
    last = None
    for match in directive.finditer(text, begin, name):
        last = match  # the one nearest the name
    if last is None:
        return False
    return knowledge.authority_context.next_clause.search(text, last.end(), name) is None


def _cut(context: AuthorityContext, text: str, start: int, end: int) -> int:
    organisation = context.organisation.search(text, start, end)
    return organisation.start() if organisation else end


def _other_party(context: AuthorityContext, text: str, start: int, stop: int) -> int:
    """Where the authority's details end at a coordinated clause that moves on.

    "complain to the ICO on 0303 123 1113, or get advice from Citizens
    Advice on 0808 ...": once a number has been given, or when the next
    clause names someone (a capitalised word before its first digit), that
    clause is not about the authority. "on 0303 ... or 01625 ..." goes on.
    """
    for joint in context.next_clause.finditer(text, start, stop):
        after = text[joint.end() : stop]
        if after[:1].isdigit() or after[:1] in "+(":
            continue  # "0303 123 1113 or 01625 545745": more numbers for it
        if any(True for _ in phones.candidates(text[start : joint.start()])):
            return joint.start()
        digit = next((i for i, c in enumerate(after) if c.isdigit()), len(after))
        # German capitalises every noun: after its "und"/"oder" a capital says nobody new.
        if _CAPITALISED.search(after, 0, digit) and not context.joint_capitalised.fullmatch(
            joint.group()
        ):
            return joint.start()
    return stop


def owner_by_context(ranges: Ranges, block: Block, offset: int) -> Authority | None:
    """The authority a detail at ``offset`` of ``block`` is given for, if any."""
    for start, stop, authority in ranges.get(id(block), ()):
        if start <= offset < stop:
            return authority
    return None
