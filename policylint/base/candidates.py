"""Where a pattern's matches may start: its start literals, found lazily with ``str.find``.

``base/prefilter`` tries a pattern only at these places (``re.Pattern.match``
at each) instead of scanning every position with ``re``. The places come
one by one, so a search that needs one match reads the text only as far
as that match.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from heapq import heapify, heappop, heapreplace


def starts(
    lowered: str,
    prefixes: frozenset[str],
    pos: int,
    stop: int,
    required: Sequence[frozenset[str]] = (),
    width: int | None = None,
    word_start: bool = False,
) -> Iterator[int]:
    """Where any of ``prefixes`` occurs in ``lowered[pos:stop]``, in order, each place once:
    offsets into ``lowered`` (code points), lazily.

    With ``required`` (literal sets: every match holds a member of each) and
    ``width`` (the most characters a match spans; None: unbounded), only the
    places that have a member of each set at or after them, close enough to
    be in one match: a start without one, or with none within the widest
    match, cannot start one. A common first word with rarer ones further on
    ("data ... provided") is then tried only near the rarer ones, and the
    search ends where one of them does. ``word_start``: a match starts a word
    (its pattern begins with ``\\b`` or "not after a letter", and each prefix
    with a letter), so a place right after a letter is not one.
    """
    find = _word_find if word_start else _find
    heads = []  # a heap of (each prefix's next place, the prefix)
    for prefix in prefixes:
        at = find(lowered, prefix, pos, stop)
        if at != -1:
            heads.append((at, prefix))
    heapify(heads)
    aheads = [dict.fromkeys(literals, -1) for literals in required]  # each literal's next place
    afters = [-1] * len(aheads)  # per set: its nearest member at or after the current start
    while heads:
        start = heads[0][0]
        floor = start  # the first place a match may start, as the sets show it
        for k, ahead in enumerate(aheads):
            if afters[k] < start:
                afters[k] = _nearest(lowered, ahead, start, stop)
                if afters[k] == -1:
                    return  # that set's last member is behind: no match from here on
            if width is not None:
                floor = max(floor, afters[k] - width)
        if floor > start:
            _seek(lowered, heads, floor, stop, find)  # no match can start before
            continue
        yield start
        _seek(lowered, heads, start + 1, stop, find)


def _nearest(lowered: str, ahead: dict[str, int], start: int, stop: int) -> int:
    """The first place at or after ``start`` of any literal of ``ahead`` (each
    literal's next place, updated; a literal with none left is dropped), or -1."""
    for literal, at in list(ahead.items()):
        if at < start:
            at = lowered.find(literal, start, stop)
            if at == -1:
                del ahead[literal]  # none left: never looked for again
            else:
                ahead[literal] = at
    return min(ahead.values()) if ahead else -1


def _seek(
    lowered: str, heads: list[tuple[int, str]], start: int, stop: int, find: Callable[..., int]
) -> None:
    """Move each prefix's next place to its first at or after ``start`` (or drop it)."""
    while heads and heads[0][0] < start:
        prefix = heads[0][1]
        at = find(lowered, prefix, start, stop)
        if at == -1:
            heappop(heads)
        else:
            heapreplace(heads, (at, prefix))


def _find(lowered: str, literal: str, start: int, stop: int) -> int:
    return lowered.find(literal, start, stop)


def _word_find(lowered: str, literal: str, start: int, stop: int) -> int:
    """The first place of ``literal`` at or after ``start`` that is not after a letter."""
    at = lowered.find(literal, start, stop)
    while at > 0 and lowered[at - 1].isalpha():
        at = lowered.find(literal, at + 1, stop)
    return at
