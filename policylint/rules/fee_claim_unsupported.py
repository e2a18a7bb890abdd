"""The notice says a fee is charged for access or other data-protection requests.

Under the GDPR and the UK GDPR, a copy of your data and the exercise of your
other rights are free (Article 12(5), Article 15(3)); the CCPA likewise. A
"reasonable fee" is allowed only for manifestly unfounded or excessive
requests, or for further copies. Many notices still carry the old "£10 fee"
of the Data Protection Act 1998 or the Dutch "€ 4,50" of the Wbp, or a vague
"prescribed fee".

One mechanism, whatever the word order: a sentence with a fee word (a noun,
an amount or a verb: "fee", "charge", "£10", "payable") is a claim when a
request word is in the same sentence, in the sentence just before it (same
paragraph, list item or table row), in the section heading or in the table's
header row; unless either sentence denies the fee ("free of charge") or says
what else it is for (a delivery, a subscription), or the claim is limited to
the lawful cases. Table rows are judged one by one. The words are data in
``rules/fees.yaml``, per language.

Fires on:      You can obtain, for a prescribed fee, a copy of the personal data we hold.
Does not fire: We may charge a reasonable fee if a request is manifestly unfounded or excessive.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from policylint.base.findings import Problem
from policylint.base.messages import Message, Words
from policylint.base.prefilter import Filtered
from policylint.packs.knowledge import FeeLaws, FeeLexicon
from policylint.parse.document import Block, Document, Section
from policylint.parse.prose import sentence_spans
from policylint.rules.context import RuleContext

CODE, NAME, SEVERITY = "PL401", "fee-claim-unsupported", "error"
LANGUAGE_SPECIFIC = True  # reads the fee wording of the notice's language
OPTIONS: dict[str, object] = {}


def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    """Report each unqualified fee claim about a request, at the fee phrase."""
    profile = ctx.facts_of(doc).profile
    laws = ctx.knowledge.fee_laws
    english = _law(profile.jurisdictions, laws)
    if english is None:
        return
    # The law's name is data in every language messages are shown in (fee-laws: in-messages).
    law = Words(english, {lang: n[english] for lang, n in laws.in_messages.items() if english in n})
    fees = ctx.knowledge.fees
    lexicons = [
        fees[lang]
        for lang in dict.fromkeys([profile.language, "en"])
        if lang in fees and any(doc.may_hold(p) for p in fees[lang].words)
    ]
    if not lexicons:
        return
    candidates = {
        id(block) for lex in lexicons for pattern in lex.words for block in doc.blocks_with(pattern)
    }
    for section, block in _blocks_with_sections(doc):
        if id(block) not in candidates:
            continue
        heading = section.title if section.level else ""
        reported: set[int] = set()  # sentence starts: two languages, one finding
        for lexicon in lexicons:
            for start, problem in _claims(block, heading, lexicon, law):
                if start not in reported:
                    reported.add(start)
                    yield problem


def _law(jurisdictions: frozenset[str], laws: FeeLaws) -> str | None:
    """The law a finding cites; None when only laws that allow access fees apply."""
    for jurisdiction, law in laws.order:
        if jurisdiction in jurisdictions:
            return law
    return None if jurisdictions else laws.default


def _claims(
    block: Block, heading: str, lexicon: FeeLexicon, law: Words
) -> Iterator[tuple[int, Problem]]:
    """(sentence start, problem) for each claim in ``block``."""
    text, lowered = block.text, block.lower
    # The cheap tests first: the verbs are anchored at their literals, and most
    # candidate blocks hold only a fee word's letters ("payment providers").
    if not (
        lexicon.verbs.search(text, lowered=lowered) or _noun(lexicon, text, lowered, 0, len(text))
    ):
        return  # a fee word's letters, but no fee word
    if not lexicon.requests.search(text, lowered=lowered) and not (
        heading and lexicon.requests.search(heading)
    ):
        return  # a claim needs a request in its block (sentence, row, header) or heading
    units = _rows(block) if block.kind == "table" else [(0, len(text))]
    context = heading
    for number, (first, last) in enumerate(units):
        if block.kind == "table" and number == 0:
            context = f"{heading} {text[first:last]}"  # the header row names the columns
            continue
        spans = [(first + s, first + e) for s, e in sentence_spans(text[first:last])]
        for index, (start, end) in enumerate(spans):
            if _fee(lexicon, text, lowered, start, end) is None:
                continue
            if text[start:end].rstrip().endswith("?"):
                continue  # a question ("Do we charge a fee?") claims nothing
            scope = _scope(lexicon, text, lowered, spans, index, context)
            if scope is None or lexicon.past.search(text, scope, end, lowered):
                continue
            if scope < start and _free_or_other(lexicon, text, lowered, scope, start):
                continue  # the request sentence says it is free, or asks for goods
            # The lawful limit may follow in the next sentence ("This only applies
            # where ..."), unless that sentence makes a claim of its own.
            reach = end
            if index + 1 < len(spans) and _fee(lexicon, text, lowered, *spans[index + 1]) is None:
                reach = spans[index + 1][1]
            if lexicon.lawful.search(text, start, reach, lowered):
                continue
            fee = _undenied_fee(lexicon, text, lowered, start, end)
            if fee is None or lexicon.other.search(text, *_around(text, fee, start, end), lowered):
                continue  # no fee left, or a fee for something else ("a delivery charge")
            yield (
                start,
                Problem(
                    block.prose.location(fee.start(), fee.end()),
                    Message(
                        'Fee claimed for a request ("{fee}"): under {law} access and other '
                        "rights requests are free; remove the fee or limit it to manifestly "
                        "unfounded or excessive requests and further copies",
                        fee=fee.group(0),
                        law=law,
                    ),
                ),
            )


# A fee phrase opens at most this many characters before its literal ("for
# an administrative processing fee": "for", an article, two words) and ends
# at most _TAIL after it ("fee of EUR 1,000.00").
_LEAD = 60
_TAIL = 40


def _fee(
    lexicon: FeeLexicon, text: str, lowered: str, start: int, end: int
) -> re.Match[str] | None:
    """The sentence's first fee noun or amount, else its first fee verb."""
    return _noun(lexicon, text, lowered, start, end) or lexicon.verbs.search(
        text, start, end, lowered
    )


def _noun(
    lexicon: FeeLexicon, text: str, lowered: str, start: int, end: int
) -> re.Match[str] | None:
    """``lexicon.fees.search`` over ``text[start:end]``, run only near its literals.

    A fee phrase may open with any word ("an administration fee"), so the
    pattern cannot be anchored at a literal, and scanning whole blocks with
    it was the rule's largest cost. Every match holds one of the pattern's
    literals ("fee", "£") and lies within ``_LEAD`` before and ``_TAIL`` after it, so
    only the stretches of text around the literals are searched, in order.
    """
    pattern = lexicon.fees
    if pattern.literals is None or len(lowered) != len(text):
        return pattern.search(text, start, end, lowered)
    searched = start
    for at, literal_end in _literal_spans(lowered, pattern.literals, start, end):
        if at < searched:
            continue
        window = max(searched, _words_back(lowered, at, max(start, at - _LEAD)))
        stop = lowered.find(" ", min(end, literal_end + _TAIL), end)  # never cut a word
        stop = end if stop == -1 else stop
        found = _search_window(lexicon, text, lowered, window, stop)
        if found is not None:
            return found
        searched = stop
    return None


def _search_window(
    lexicon: FeeLexicon, text: str, lowered: str, start: int, end: int
) -> re.Match[str] | None:
    """``lexicon.fees.search(text, start, end)``, with only the alternatives that can match.

    Most windows hold a literal of one cheap alternative ("payment" of
    "payment of") and none of the costly ones that may open with any word
    ("an administration fee"), which are then not run. A match lies inside
    the window, so an alternative none of whose literals is there cannot
    match; dropping it from the alternation leaves the leftmost match the same.
    """
    parts = lexicon.fee_parts
    if not parts:
        return lexicon.fees.search(text, start, end, lowered)
    stretch = lowered[start:end]
    chosen = tuple(index for index, part in enumerate(parts) if part.may_match(stretch))
    if not chosen:
        return None
    if len(chosen) == len(parts):
        return lexicon.fees.search(text, start, end, lowered)
    return _alternatives(parts, chosen).search(text, start, end)


@cache
def _alternatives(parts: tuple[Filtered, ...], chosen: tuple[int, ...]) -> re.Pattern[str]:
    """The alternation of ``parts[i]`` for ``i`` in ``chosen``, as ``compile_any`` joins them."""
    return re.compile("|".join(f"(?:{parts[i].pattern})" for i in chosen), parts[0].flags)


def _words_back(lowered: str, at: int, floor: int, words: int = 5) -> int:
    """Where the ``words``-th word before offset ``at`` starts (not before ``floor``).

    A fee phrase leads with at most "for", an article and two words before
    its literal, so its match starts no earlier than that.
    """
    for _ in range(words):
        if at - 1 <= floor:
            return floor
        space = lowered.rfind(" ", floor, at - 1)
        if space == -1:
            return floor
        at = space + 1
    return at


def _literal_spans(
    lowered: str, literals: frozenset[str], start: int, end: int
) -> list[tuple[int, int]]:
    """The literals in ``lowered[start:end]`` as one left-to-right scan finds them: at
    each place the longest ("charges" over "charge"), never overlapping the one before.

    ``str.find`` per literal: a regex alternation of them scanned the whole block at a
    fraction of the speed.
    """
    longest: dict[int, int] = {}  # start: end of the longest literal there
    for literal in literals:
        at = lowered.find(literal, start, end)
        while at != -1:
            stop = at + len(literal)
            if longest.get(at, -1) < stop:
                longest[at] = stop
            at = lowered.find(literal, at + 1, end)
    spans: list[tuple[int, int]] = []
    reached = start
    for at in sorted(longest):
        if at >= reached:
            reached = longest[at]
            spans.append((at, reached))
    return spans


def _free_or_other(lexicon: FeeLexicon, text: str, lowered: str, start: int, end: int) -> bool:
    """Whether the request sentence ``text[start:end]`` says it is free, or its
    request is for something else ("request a refund", "order a replacement
    card"): another purpose counts next to the request word only, so "write
    to our Customer Services team" does not excuse the fee that follows."""
    if lexicon.denials.search(text, start, end, lowered):
        return True
    request = lexicon.requests.search(text, start, end, lowered)
    if request is None:
        return False
    near = _around(text, request, start, end, before=2, after=3)
    return lexicon.other.search(text, *near, lowered) is not None


def _around(
    text: str, fee: re.Match[str], start: int, end: int, before: int = 4, after: int = 6
) -> tuple[int, int]:
    """The fee phrase with up to ``before`` words before it and ``after`` after, within
    ``start:end`` (offsets into ``text``).

    What a fee is for stands next to it ("our delivery charge", "a fee for
    postage"); a word further off ("write to the Membership Secretary and
    pay the statutory fee") names something else.
    """
    head = re.compile(rf"(?:\S+\s+){{0,{before}}}\Z").search(text, start, fee.start())
    tail = re.compile(rf"(?:\s+\S+){{0,{after}}}").match(text, fee.end(), end)
    return (head.start() if head else fee.start()), (tail.end() if tail else fee.end())


def _undenied_fee(
    lexicon: FeeLexicon, text: str, lowered: str, start: int, end: int
) -> re.Match[str] | None:
    """The first fee of a clause of ``text[start:end]`` that does not deny it.

    A denial speaks for its own clause: in "Corrections cost nothing, but a
    fee is payable for access" the second clause still claims a fee.
    """
    cuts = [m.start() for m in lexicon.clause_breaks.finditer(text, start, end, lowered)]
    for first, last in zip([start, *cuts], [*cuts, end], strict=True):
        fee = _fee(lexicon, text, lowered, first, last)
        if fee is not None and not lexicon.denials.search(text, first, last, lowered):
            return fee
    return None


def _scope(
    lexicon: FeeLexicon,
    text: str,
    lowered: str,
    spans: list[tuple[int, int]],
    index: int,
    context: str,
) -> int | None:
    """Where the claim's request is said: this sentence's start, the one before's, or
    this sentence's when the heading supplies it; None when no request is in reach."""
    start, end = spans[index]
    if lexicon.requests.search(text, start, end, lowered):
        return start
    if index and lexicon.requests.search(text, *spans[index - 1], lowered):
        return spans[index - 1][0]
    if context and lexicon.requests.search(context):
        return start
    return None


def _rows(block: Block) -> list[tuple[int, int]]:
    """``(start, end)`` in ``block.text`` of each table row (one source line each).

    Rows are joined by one folded space, which stands at the end of the
    earlier row's line; the character after it is on the next line.
    """
    text, prose = block.text, block.prose
    rows: list[tuple[int, int]] = []
    start, line = 0, block.line
    at = text.find(" ")
    while at != -1:
        after = prose.source.position(prose.offset(at + 1))[0]
        if after != line:
            rows.append((start, at))
            start, line = at + 1, after
        at = text.find(" ", at + 1)
    rows.append((start, len(text)))
    return rows


def _blocks_with_sections(doc: Document) -> Iterator[tuple[Section, Block]]:
    for section in [doc.root, *doc.sections()]:
        for block in section.blocks:
            yield section, block
