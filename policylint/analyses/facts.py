"""What the analyses found in one document, each computed once for every rule that reads it.

The linter core builds one ``Facts`` per linted document and hands it to the
rules (``RuleContext.facts_of``). Each analysis is a ``cached_property``: the
first rule that reads it computes it, the others get the same value. The
analyses themselves live in their modules (``profile``, ``dates``,
``authorities``, ``contacts``); this class keeps their results and hands each
analysis the results of the others it needs.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property

from policylint.analyses import (
    authorities,
    authority_numbers,
    contacts,
    dates,
    phones,
    profile,
    topics,
)
from policylint.analyses.authorities import Mention, Ranges
from policylint.analyses.authority_numbers import GivenPhone
from policylint.analyses.contacts import ContactPoint
from policylint.analyses.dates import LastUpdated
from policylint.analyses.phones import Phone
from policylint.analyses.profile import Profile
from policylint.base.positions import Location
from policylint.packs.knowledge import Knowledge
from policylint.packs.topics import Topic
from policylint.parse.document import Block, Document


class Facts:
    """The analyses of ``doc`` with the pack data ``knowledge``, computed on first read.

    ``language`` and ``jurisdictions`` override what the document says or
    its text suggests (the ``--language`` and ``--jurisdiction`` settings);
    None (or no jurisdictions) leaves them to be found.
    """

    def __init__(
        self,
        doc: Document,
        knowledge: Knowledge,
        language: str | None = None,
        jurisdictions: frozenset[str] | None = None,
    ) -> None:
        self.doc = doc
        self.knowledge = knowledge
        self._language_setting = language
        self._jurisdictions_setting = jurisdictions
        self._sentences = authorities.Sentences()
        self._phones: dict[int, list[Phone]] = {}  # by id of the block
        self._topics: dict[str, Location | None] = {}  # by topic name

    def __repr__(self) -> str:
        return f"Facts({self.doc!r})"

    @cached_property
    def language(self) -> str:
        """The document's language code (``profile.language_of``).

        The linter core reads it to skip language-specific rules, before any rule runs.
        """
        return profile.language_of(self.doc, self.knowledge, self._language_setting)

    @cached_property
    def profile(self) -> Profile:
        """The document's language and jurisdictions (``profile.of``)."""
        return profile.of(self.doc, self.language, self.knowledge, self._jurisdictions_setting)

    @cached_property
    def last_updated(self) -> LastUpdated:
        """Every last-updated date in the front matter and the body (``dates.last_updated``)."""
        return dates.last_updated(self.doc, self.knowledge, self.profile)

    @cached_property
    def authority_mentions(self) -> list[Mention]:
        """Every mention of a known authority, in document order (``authorities.mentions``)."""
        return authorities.mentions(self.doc, self.knowledge)

    @cached_property
    def complaint_mentions(self) -> list[Mention]:
        """The mentions offering the authority as the place to complain, in document order."""
        return authorities.complaint_mentions(
            self.doc, self.knowledge, lambda: self.authority_mentions, self._sentences
        )

    @cached_property
    def authority_contexts(self) -> Ranges:
        """Per block (by id), the ranges of an authority's details (``authorities.contexts``)."""
        return authorities.contexts(self.knowledge, self.authority_mentions, self._sentences)

    @cached_property
    def authority_phones(self) -> list[GivenPhone]:
        """The phone numbers given for an authority, in document order."""
        return authority_numbers.phones_given(
            self.doc, self.knowledge, self.profile, self.authority_contexts
        )

    @cached_property
    def prose_text(self) -> topics.ProseText:
        """The prose of every block that is not a heading, as one text (``topics.prose_text``)."""
        return topics.prose_text(self.doc)

    def prepare(self) -> None:
        """Make now the analyses nearly every rule reads (``profile``, ``prose_text``):
        before a fork (``engine/halves``), so that both processes start with them."""
        self.profile  # noqa: B018  # a cached property: reading it makes it
        self.prose_text  # noqa: B018

    def topic(self, topic: Topic) -> Location | None:
        """Where the document names ``topic`` in its language (``topics.first_mention``),
        or None; kept by name."""
        if topic.name not in self._topics:
            self._topics[topic.name] = topics.first_mention(
                self.doc, topic, self.language, self.prose_text
            )
        return self._topics[topic.name]

    def phones(self, block: Block) -> list[Phone]:
        """The phone numbers in ``block`` (``phones.find`` in the profile's regions), kept."""
        found = self._phones.get(id(block))
        if found is None:
            found = self._phones[id(block)] = list(phones.find(block.text, self.profile.regions))
        return found

    def organisation_contacts(self) -> Iterator[ContactPoint]:
        """The organisation's contact details, cheapest kinds first.

        Not kept: it is a generator, so a rule that needs only one stops at
        the first (and never loads the phone-number library for an email).
        """
        return contacts.organisation_contacts(
            self.doc,
            self.knowledge,
            self.profile,
            self.authority_mentions,
            lambda: self.authority_contexts,
            self.phones,
        )
