"""Where a pattern's matches may start: its start literals, found lazily with ``str.find``.

``base/prefilter`` tries a pattern only at these places (``re.Pattern.match``
at each) instead of scanning every position with ``re``. The places come
one by one, so a search that needs one match reads the text only as far
as that match.
"""

from __future__ import annotations

from collections.abc import Iterator


def starts(
    lowered: str,
    prefixes: frozenset[str],
    pos: int,
    stop: int,
    required: frozenset[str] | None = None,
    width: int | None = None,
) -> Iterator[int]:
    """Where any of ``prefixes`` occurs in ``lowered[pos:stop]``, in order, each place once:
    offsets into ``lowered`` (code points), lazily.

    With ``required`` (literals one of which every match holds) and ``width``
    (the most characters a match spans; None: unbounded), only the places
    that have one of them at or after them, close enough to be in one
    match: every match holds a required literal, so a start with none after
    it, or none within the widest match, cannot start one. A common first
    word with a rarer one further on ("data ... provided") is then tried
    only near the rarer one, and the search ends where the rarer one does.
    """
    heads = {}  # each prefix's next place
    for prefix in prefixes:
        at = lowered.find(prefix, pos, stop)
        if at != -1:
            heads[prefix] = at
    ahead = dict.fromkeys(required, -1) if required else None
    after = -1  # the nearest required literal at or after the current start
    while heads:
        start = min(heads.values())
        if ahead is not None:
            if after < start:
                after = _nearest(lowered, ahead, start, stop)
                if after == -1:
                    return
            if width is not None and after - start > width:
                _seek(lowered, heads, after - width, stop)  # no match can start before
                continue
        yield start
        _seek(lowered, heads, start + 1, stop)


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


def _seek(lowered: str, heads: dict[str, int], start: int, stop: int) -> None:
    """Move each prefix's next place to its first at or after ``start`` (or drop it)."""
    for prefix, at in list(heads.items()):
        if at < start:
            at = lowered.find(prefix, start, stop)
            if at == -1:
                del heads[prefix]
            else:
                heads[prefix] = at
