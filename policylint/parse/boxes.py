"""MkDocs admonitions and content tabs: boxes whose indented body is prose.

``!!! note "Title"``, collapsible ``???`` / ``???+`` and tabs ``=== "Tab"`` put
their body four columns in, which Markdown would read as a code block.
``opened`` dedents the bodies before the parse and gives the titles as blocks.
"""

from __future__ import annotations

from policylint.base.prefilter import LazyPattern

# MkDocs admonitions (``!!! note "Title"``, collapsible ``???`` / ``???+``) and
# content tabs (``=== "Tab"``): a marker line whose indented body is prose.
_BOX = LazyPattern(
    r"^([ \t]*)(?:(?:!!!|\?\?\?\+?)[ \t]+[\w-]+(?:[ \t]+[\w-]+)*[ \t]*(?=\"|$)|===!?[ \t]+(?=\"))"
    r"(?:\"([^\"\n]*)\")?[ \t]*$"  # a tab needs its title: "===" alone underlines a heading
)
MARKS = ("!!!", "???", "===")


def opened(text: str) -> tuple[str, list[tuple[int, int, int]]]:
    """``text`` with admonition and tab bodies dedented, and their titles: (0-based
    line, start column, end column) of each quoted title.

    A body line loses four columns of indent, moved to its end, and a marker
    line becomes blank: every line keeps its length, so offsets into ``text``
    (comments, HTML runs) stay exact. Nested boxes are dedented in turn.
    """
    lines = text.split("\n")
    titles: list[tuple[int, int, int]] = []
    for i, line in enumerate(lines):
        if not line.lstrip(" \t").startswith(MARKS):
            continue
        match = _BOX.match(line)
        if match is None:
            continue
        indent = match.group(1)
        body = indent + "    "
        j = i + 1
        while j < len(lines) and not lines[j].strip(" \t"):
            j += 1
        if j >= len(lines) or not (lines[j].startswith(body) or lines[j].startswith(indent + "\t")):
            continue  # a title with no indented body: leave the line alone
        if match.group(2) is not None and match.group(2).strip():
            column = match.start(2)
            titles.append((i, column, match.end(2)))
        lines[i] = " " * len(line)
        for k in range(i + 1, len(lines)):
            current = lines[k]
            if current.startswith(body):
                lines[k] = indent + current[len(body) :] + "    "
            elif current.startswith(indent + "\t"):
                lines[k] = indent + current[len(indent) + 1 :] + " "
            elif current.strip(" \t"):
                break
    return "\n".join(lines), titles
