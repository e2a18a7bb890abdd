"""Front matter: the ``---`` YAML block at the top of Jekyll/Hugo/MkDocs pages.

It holds metadata (``last_updated``, ``lang``, ``jurisdiction``), never prose,
so it is cut out before Markdown parsing. PyYAML is imported only for files
that have front matter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_OPEN = re.compile(r"---[ \t]*\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:", re.MULTILINE)


@dataclass(frozen=True)
class FrontMatter:
    """Parsed front matter: its values, the line of each top-level key, its extent.

    ``error`` is set (and ``values`` empty) when the YAML does not parse; the
    body of the document is still linted.
    """

    values: dict[str, Any]
    key_lines: dict[str, int] = field(default_factory=dict)
    last_line: int = 0  # 0-based index of the closing ``---`` line
    error: str | None = None
    error_line: int = 1


def split(text: str) -> tuple[FrontMatter | None, str]:
    """Return the front matter (if any) and the text with those lines blanked.

    Blanking instead of removing keeps every line number of the body intact.
    """
    if not _OPEN.match(text):
        return None, text
    close = _CLOSE.search(text, text.index("\n") + 1)
    if close is None:
        return None, text
    yaml_text = text[text.index("\n") + 1 : close.start()]
    last_line = text.count("\n", 0, close.start())
    matter = _parse(yaml_text, last_line)
    blanked = "\n" * last_line + text[close.end() :]
    return matter, blanked


def _parse(yaml_text: str, last_line: int) -> FrontMatter:
    import yaml  # only files with front matter pay for the YAML loader

    key_lines = {
        m.group(1): yaml_text.count("\n", 0, m.start()) + 2 for m in _KEY.finditer(yaml_text)
    }
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ~10x faster
    try:
        values = yaml.load(yaml_text, Loader=loader) if yaml_text.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return FrontMatter({}, {}, last_line, f"front matter is not valid YAML: {problem}", line)
    if not isinstance(values, dict):
        return FrontMatter({}, {}, last_line, "front matter is not a YAML mapping", 2)
    return FrontMatter({str(k): v for k, v in values.items()}, key_lines, last_line)
