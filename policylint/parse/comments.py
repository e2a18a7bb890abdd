"""HTML comments: never prose, but where inline suppressions live.

markdown-it gives whole HTML blocks; comments inside a paragraph are found
here in the paragraph's source, outside code spans.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

from policylint.base.prefilter import LazyPattern


class Comment(NamedTuple):
    """An HTML comment: where its ``<!--`` is (0-based line and column) and its text.

    Positions follow ``policylint.base.positions``.
    """

    line: int
    text: str
    column: int = 0


_COMMENT = LazyPattern(r"<!--.*?-->", re.DOTALL)
_CODE_SPAN = LazyPattern(r"(`+).*?\1", re.DOTALL)


def inline_comments(first: int, last: int, text: str, starts: list[int]) -> list[Comment]:
    """HTML comments inside a paragraph on lines ``[first, last)``, found in its source.

    ``starts`` are the 0-based offsets of the lines of ``text``.

    Comments inside code spans are not comments; a comment that is never
    closed is text, as CommonMark says.
    """
    begin = starts[first]
    stop = starts[last] if last < len(starts) else len(text)
    segment = text[begin:stop]
    code = [m.span() for m in _CODE_SPAN.finditer(segment)] if "`" in segment else []
    found = []
    for match in _COMMENT.finditer(segment):
        if any(a <= match.start() < b for a, b in code):
            continue
        at = begin + match.start()
        line = bisect_right(starts, at) - 1
        found.append(Comment(line, match.group(0), at - starts[line]))
    return found
