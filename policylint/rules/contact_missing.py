"""The notice gives no way to reach the organisation.

People must be able to ask about their data and exercise their rights, so a
notice must say how to reach whoever is responsible: an email address, a
phone number, a postal address (a UK, Dutch, French, Belgian or Luxembourg
postcode, a PO box or a French "CS"/"BP" box) or a link
to a contact page (absolute, relative or reference-style, or an autolink); a
``mailto:`` link and an obfuscated address ("name [at] host [dot] com") are
email addresses. Talk of "contact forms" without a link is not a way in. A
supervisory authority's details do not count: they reach the regulator, not
the organisation. "Raise a ticket in the customer
portal" without an address or link is not a way in for someone who is not
a customer.

Fires on:      If you have questions, raise a support ticket in the portal.
Does not fire: Email us at privacy@example.com.
"""

from __future__ import annotations

from collections.abc import Iterator

from policylint.base.findings import Problem
from policylint.base.messages import Message
from policylint.parse.document import Document
from policylint.rules.context import RuleContext, document_location

CODE, NAME, SEVERITY = "PL201", "contact-missing", "error"
LANGUAGE_SPECIFIC = True  # reads contact-form wording and postcodes of the languages covered
OPTIONS: dict[str, object] = {}


def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    """Report once, at the title, when no contact detail of the organisation is found."""
    found = ctx.facts_of(doc).organisation_contacts()
    if next(found, None) is None:
        yield Problem(
            document_location(doc),
            Message(
                "No way to contact the organisation: add an email address, phone number, "
                "postal address or contact-form link"
            ),
        )
