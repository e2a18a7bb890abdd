"""Messages that can be read in the reader's language.

A rule yields ``Problem(location, message)``; ``message`` is a plain string
(plugins, YAML rules: shown as written) or a ``Message``: an English template
with named placeholders and its values, ``Message("{days} days before
{today}", days=600, today="2026-11-22")``. The core renders it once, when it
stamps the finding (``engine/linter``), in the language the run asks for
(``--message-language``), so rules never know the reader's language.

The template is the gettext msgid: ``pybabel extract -k Message -k
translatable`` finds every template in the code, translators write ``policylint/locale/<lang>/
LC_MESSAGES/policylint.po`` (compiled to ``.mo``, committed and shipped), and
``render`` looks each template up with the standard library's ``gettext``.
English needs no catalogue: the default path imports nothing and reads no file.

A value is shown with ``str``, except a ``Message`` (rendered in the same
language: a clause chosen by the rule, such as "the supervisory authority of
the reader's country"), ``Words`` (a value whose words are data, given per
language by the packs: a law's name) and ``Conjunction`` (values joined with
the language's "and").
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gettext import NullTranslations
    from pathlib import Path

DEFAULT = "en"
"""The language of the templates themselves."""
AUTO = "auto"
"""``--message-language auto``: each notice's findings in the notice's language."""
DOMAIN = "policylint"


class Message:
    """An English template with named placeholders and their values; ``str()`` is English."""

    __slots__ = ("template", "values")

    def __init__(self, template: str, /, **values: object) -> None:
        self.template = template
        self.values: Mapping[str, object] = values

    def __str__(self) -> str:
        return render(self, DEFAULT)

    def __repr__(self) -> str:
        return f"Message({self.template!r}, **{self.values!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Message):
            return NotImplemented
        return (self.template, dict(self.values)) == (other.template, dict(other.values))

    def __hash__(self) -> int:
        return hash(self.template)


def translatable(template: str) -> str:
    """``template`` unchanged: marks a template kept for later ``Message(template, ...)``
    so that ``pybabel extract -k Message -k translatable`` finds it."""
    return template


# Plain classes, not NamedTuples: this module is imported on every run, and
# creating a NamedTuple class costs more than the rest of the module.
class Words:
    """A value whose words are data: ``english``, and its form in other languages."""

    __slots__ = ("by_language", "english")

    def __init__(self, english: str, by_language: Mapping[str, str]) -> None:
        self.english = english
        self.by_language = by_language


class PackMessage(Message):
    """A message a rule pack gives per language: ``{"en": ..., "nl": ...}``.

    Its placeholders (``{missing}``, ``{name}``, ...) are replaced by name
    and nothing else in the text is interpreted, so a pack's message may hold
    braces of its own. A language the pack does not give is shown in English.
    """

    __slots__ = ("by_language",)

    def __init__(self, by_language: Mapping[str, str], /, **values: object) -> None:
        super().__init__(by_language["en"], **values)
        self.by_language = by_language


class Conjunction:
    """Values shown one after the other, joined with the language's "and"."""

    __slots__ = ("items",)

    def __init__(self, items: tuple[object, ...]) -> None:
        self.items = items


def render(message: str | Message, language: str) -> str:
    """``message`` as text in ``language`` (a code; English when it has no catalogue).

    A template whose translation is missing, or whose translation names a
    placeholder the template does not have, is shown in English rather than
    failing: a finding is never lost to a catalogue mistake (the tests keep
    the shipped catalogues complete and their placeholders equal).
    """
    if isinstance(message, str):
        return message
    values = {name: _value(value, language) for name, value in message.values.items()}
    if isinstance(message, PackMessage):
        text = message.by_language.get(language, message.template)
        for name, value in values.items():
            text = text.replace("{" + name + "}", str(value))
        return text[:1].upper() + text[1:]  # "{name} ..." begins a sentence
    if language != DEFAULT:
        translated = _catalogue(language).gettext(message.template)
        if translated != message.template:
            try:
                return translated.format_map(values)
            except (KeyError, IndexError, ValueError):
                pass
    return message.template.format_map(values)


def _value(value: object, language: str) -> object:
    if isinstance(value, Message):
        return render(value, language)
    if isinstance(value, Words):
        return value.by_language.get(language, value.english)
    if isinstance(value, Conjunction):
        items = [str(_value(item, language)) for item in value.items]
        if len(items) < 2:
            return items[0] if items else ""
        # "a, b and c": the commas are the same in the four languages, the "and" is not.
        head = ", ".join(items[:-1])
        return render(Message("{left} and {right}", left=head, right=items[-1]), language)
    return value


def locale_dir() -> Path:
    """The folder of the catalogues: ``<lang>/LC_MESSAGES/policylint.mo`` for each language."""
    from pathlib import Path

    return Path(__file__).resolve().parent.parent / "locale"


def languages() -> tuple[str, ...]:
    """English and every language with a compiled catalogue, sorted (reads the folder)."""
    found = {DEFAULT}
    locale = locale_dir()
    if locale.is_dir():
        for folder in locale.iterdir():
            if (folder / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file():
                found.add(folder.name)
    return tuple(sorted(found))


@cache
def _catalogue(language: str) -> NullTranslations:
    """The compiled catalogue of ``language``; an empty one when there is none."""
    import gettext

    return gettext.translation(DOMAIN, locale_dir(), [language], fallback=True)
