"""PL506-PL509 beyond the fixtures: every topic speaks the four languages, and the
rights the notice leaves out are named in the reader's language."""

from __future__ import annotations

import pytest

from policylint.engine import linter
from policylint.packs.builtin import builtin_topic_specs
from policylint.packs.topics import build_all
from policylint.rules.context import Settings
from tests.conftest import FIXTURES, TODAY, every_builtin_rule

TOPICS = (
    "transfers retention right-of-access right-to-rectification right-to-erasure "
    "right-to-restriction right-to-object right-to-portability consent-relied consent-withdrawal"
).split()
FOLDER = FIXTURES / "kinds" / "art13-transfers-rights"


@pytest.mark.parametrize("name", TOPICS)
def test_topic_speaks_every_language(name: str) -> None:
    topic = build_all(builtin_topic_specs())[name]
    assert {"en", "nl", "de", "fr"} <= topic.languages()
    assert {"en", "nl", "de", "fr"} <= set(topic.label)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "the right to rectification, the right to erasure"),
        ("nl", "het recht op rectificatie, het recht op gegevenswissing"),
        ("de", "das Recht auf Berichtigung, das Recht auf Löschung"),
        ("fr", "le droit de rectification, le droit à l'effacement"),
    ],
)
def test_missing_rights_named_in_the_readers_language(language: str, expected: str) -> None:
    settings = Settings(today=TODAY, message_language=language)
    found = linter.lint_file(str(FOLDER / "de-fehlt.md"), every_builtin_rule(), settings)
    (message,) = [f.message for f in found if f.code == "PL508"]
    assert expected in message
    assert "Auskunft" not in message and "access" not in message  # access is given
