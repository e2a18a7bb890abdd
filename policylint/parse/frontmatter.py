"""Front matter: the ``---`` YAML or ``+++`` TOML block at the top of Jekyll/Hugo/MkDocs pages.

It holds metadata (``last_updated``, ``lang``, ``jurisdiction``), never prose,
so it is cut out before Markdown parsing. Hugo's TOML keys land in the same
``values`` as YAML keys, so the rules read ``lastmod`` or ``date`` alike.

Nearly every site's front matter is flat ``key: value`` lines (a title, a
date, a language). Those are read by ``_flat``, which accepts only values
whose YAML meaning is plain (a word-led string, an ISO date, a small integer,
a simply quoted string) and gives up on anything else, which PyYAML then
reads. Importing PyYAML costs ~20 ms, a fifth of a one-file run, so a hook
on a typical page never pays it. ``tests/test_frontmatter.py`` checks that
both readers agree.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from functools import lru_cache
from typing import Any, NamedTuple

from policylint.base.messages import Message
from policylint.base.prefilter import LazyPattern

_OPEN = re.compile(r"(---|\+\+\+)[ \t]*\n")
_CLOSE = {
    "---": re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE),
    "+++": re.compile(r"^\+\+\+[ \t]*$", re.MULTILINE),
}
_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:", re.MULTILINE)
# A TOML key at the top level: ``key =``, before the first ``[table]`` header.
_TOML_KEY = LazyPattern(r"^[ \t]*([A-Za-z0-9_-]+)[ \t]*=", re.MULTILINE)
_TOML_TIMESTAMP = LazyPattern(
    r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:\d\d)?"
)
_TOML_TABLE = LazyPattern(r"^[ \t]*\[", re.MULTILINE)
_TOML_ERROR_AT = LazyPattern(r"\s*\(at line (\d+), column \d+\)|\s*\(at end of document\)")


class FrontMatter(NamedTuple):
    """Parsed front matter: its values, the line of each top-level key, its extent.

    Lines are 0-based file lines (the opening ``---`` is line 0), as
    ``policylint.base.positions`` defines. ``error`` is set (and ``values``
    empty) when the YAML does not parse, ``error_line`` saying where; the body
    of the document is still linted.
    """

    values: dict[str, Any]
    key_lines: dict[str, int]
    last_line: int = 0  # the closing ``---`` line
    error: Message | None = None
    error_line: int = 0


def split(text: str) -> tuple[FrontMatter | None, str]:
    """Return the front matter (if any) and the text with those lines blanked.

    Blanking instead of removing keeps every line number of the body intact.
    """
    opening = _OPEN.match(text)
    if opening is None:
        return None, text
    fence = opening.group(1)
    close = _CLOSE[fence].search(text, text.index("\n") + 1)
    if close is None:
        return None, text
    inner = text[text.index("\n") + 1 : close.start()]
    last_line = text.count("\n", 0, close.start())
    matter = _parse_toml(inner, last_line) if fence == "+++" else _parse(inner, last_line)
    blanked = "\n" * last_line + text[close.end() :]
    return matter, blanked


def _parse(yaml_text: str, last_line: int) -> FrontMatter:
    key_lines = {
        m.group(1): yaml_text.count("\n", 0, m.start()) + 1 for m in _KEY.finditer(yaml_text)
    }
    flat = _flat(yaml_text)
    if flat is not None:
        return FrontMatter(flat, key_lines, last_line)
    import yaml  # only front matter that is more than flat lines pays for the loader

    try:
        values = read_yaml(yaml_text) if yaml_text.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0  # the YAML starts on line 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return FrontMatter(
            {},
            {},
            last_line,
            Message("front matter is not valid YAML: {problem}", problem=problem),
            line,
        )
    if not isinstance(values, dict):
        return FrontMatter({}, {}, last_line, Message("front matter is not a YAML mapping"), 1)
    return FrontMatter({str(k): v for k, v in values.items()}, key_lines, last_line)


def _parse_toml(toml_text: str, last_line: int) -> FrontMatter:
    """Hugo's ``+++`` front matter, read by the standard library's ``tomllib``.

    Only top-level keys get a line (those before the first ``[table]``): the
    rules look for ``lastmod``, ``date``, ``lang`` there.
    """
    import tomllib

    try:
        values = tomllib.loads(toml_text)
    except tomllib.TOMLDecodeError as exc:
        # tomllib says where in the TOML text (1-based), which starts on file line 1.
        found = _TOML_ERROR_AT.search(str(exc))
        line = int(found.group(1)) if found and found.group(1) else last_line
        problem = _TOML_ERROR_AT.sub("", str(exc))
        return FrontMatter(
            {},
            {},
            last_line,
            Message("front matter is not valid TOML: {problem}", problem=problem),
            line,
        )
    for key, value in values.items():
        if isinstance(value, str) and _TOML_TIMESTAMP.fullmatch(value):
            # Hugo reads a quoted timestamp as the date it names, as YAML reads
            # an unquoted one; an impossible one stays text for the date rules.
            with contextlib.suppress(ValueError):
                values[key] = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    table = _TOML_TABLE.search(toml_text)
    top = toml_text[: table.start()] if table else toml_text
    key_lines = {m.group(1): top.count("\n", 0, m.start()) + 1 for m in _TOML_KEY.finditer(top)}
    return FrontMatter(values, key_lines, last_line)


def read_yaml(yaml_text: str) -> Any:
    """PyYAML's safe reading, except that an impossible date stays text.

    ``date: 2023-02-29`` makes PyYAML raise a bare ValueError; kept as text,
    it reaches the date rules, which report it at its line as not a real date.
    """
    import yaml

    return yaml.load(yaml_text, Loader=_lenient_loader())


@lru_cache(maxsize=1)
def _lenient_loader() -> Any:
    import yaml

    base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ~10x faster

    class Loader(base):  # type: ignore[misc]
        pass

    def timestamp(loader: Any, node: Any) -> Any:
        try:
            return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
        except ValueError:
            return loader.construct_scalar(node)

    Loader.add_constructor("tag:yaml.org,2002:timestamp", timestamp)
    return Loader


_FLAT_LINE = re.compile(r"([A-Za-z_][\w-]*):(?: +(.*?))? *")
_WORD_LED = re.compile(r"[A-Za-z][^#:\t\r\\]*")
_ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d")
# Words YAML 1.1 (PyYAML) reads as booleans or null, not strings.
_KEYWORDS = frozenset(
    w
    for word in "yes no true false on off null".split()
    for w in (word, word.title(), word.upper())
)


def _flat(yaml_text: str) -> dict[str, Any] | None:
    """Flat ``key: value`` lines read as PyYAML would, or None when unsure."""
    values: dict[str, Any] = {}
    for line in yaml_text.split("\n"):
        if not line.strip(" ") or line.startswith("#"):
            continue
        match = _FLAT_LINE.fullmatch(line)
        if match is None or match.group(1) in _KEYWORDS:
            return None
        raw = match.group(2) or ""
        if not raw:
            return None  # null, or a nested block on the next lines: leave it to YAML
        value: Any
        if raw[0] in "\"'" and len(raw) >= 2 and raw[-1] == raw[0]:
            value = raw[1:-1]
            if raw[0] in value or "\\" in value:
                return None
        elif _ISO_DATE.fullmatch(raw):
            try:
                value = dt.date.fromisoformat(raw)
            except ValueError:
                value = raw  # as read_yaml keeps it
        elif raw.isdigit() and raw.isascii() and (raw == "0" or raw[0] != "0"):
            value = int(raw)
        elif _WORD_LED.fullmatch(raw) and raw not in _KEYWORDS:
            value = raw
        else:
            return None
        values[match.group(1)] = value
    return values
