"""How the Article 13/14 items (PL501-PL513) and outdated citations (PL6xx) are scored.

Document level for the items, as the corpus README says: a PL5xx rule should
fire when the GDPR or the UK GDPR applies and the labelled item is not given,
and (for the conditional ones) when its condition holds:

- PL504 legitimate-interests-unstated: the lawful bases are given, legitimate
  interests is among them (no ``li_not_relied``) and the interest is not
  stated; also not scored where the lawful bases are a judgement call;
- PL509 consent-withdrawal-missing: consent is relied on (no
  ``consent_not_relied``) and withdrawal is not mentioned;
- PL512 data-source-missing: some data comes from elsewhere (no ``art14_na``)
  and its source is not given;
- PL513 dpo-contact-missing: a DPO is named without a way to reach them
  (``dpo_name_only``).

A flag ``<item>_borderline`` leaves that item out for the notice.

Outdated citations are scored per citation: a finding of the kind's rule
within one line of a labelled citation is a true positive, any other finding
of a PL6xx rule a false positive, a labelled citation no finding matches a
false negative. A retired authority number is PL605 only: PL303 is scored on
``wrong_authority_phone`` without ``old_ico_number``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

Label = Mapping[str, Any]

GDPR_JURISDICTIONS = frozenset(
    "uk eu eea at be bg cy cz de dk ee es fi fr gr hr hu ie is it li lt lu lv mt nl no pl pt ro "
    "se si sk".split()
)

# (code, name, label key, flags that leave it unscored, extra condition for a positive)
ITEMS: list[tuple[str, str, str, frozenset[str], Callable[[Label], bool]]] = []


def _item(
    code: str,
    name: str,
    key: str,
    flags: tuple[str, ...] = (),
    when: Callable[[Label], bool] = lambda label: True,
) -> None:
    ITEMS.append((code, name, key, frozenset({f"{key}_borderline", *flags}), when))


def _flag(name: str) -> Callable[[Label], bool]:
    return lambda label: name not in label.get("flags", ())


def _given(key: str) -> Callable[[Label], bool]:
    return lambda label: bool(label["art13"][key]["present"])


_item("PL501", "controller-identity-missing", "controller_identity", ("controller_borderline",))
_item("PL502", "purposes-missing", "purposes")
_item("PL503", "legal-basis-missing", "legal_basis")
_item(
    "PL504", "legitimate-interests-unstated", "legitimate_interests",
    ("legal_basis_borderline", "li_borderline"),
    lambda x: _given("legal_basis")(x) and _flag("li_not_relied")(x),
)  # fmt: skip
_item("PL505", "recipients-missing", "recipients")
_item("PL506", "transfers-missing", "transfers")
_item("PL507", "retention-missing", "retention")
_item("PL508", "rights-missing", "rights")
_item("PL509", "consent-withdrawal-missing", "withdraw_consent", (), _flag("consent_not_relied"))
_item("PL510", "statutory-requirement-missing", "statutory_requirement", ("statutory_borderline",))
_item("PL511", "automated-decisions-missing", "automated_decisions", ("adm_borderline",))
_item("PL512", "data-source-missing", "source", (), _flag("art14_na"))


def item_positive(key: str, when: Callable[[Label], bool]) -> Callable[[Label], bool]:
    """Whether a rule on ``key`` should fire on a labelled notice."""

    def positive(label: Label) -> bool:
        if not GDPR_JURISDICTIONS & set(label["jurisdiction"]):
            return False
        return not label["art13"][key]["present"] and when(label)

    return positive


def dpo_positive(label: Label) -> bool:
    """PL513: a DPO is named, with no way to reach them."""
    return (
        bool(GDPR_JURISDICTIONS & set(label["jurisdiction"]))
        and bool(label["art13"]["dpo"]["present"])
        and "dpo_name_only" in label.get("flags", ())
    )


OUTDATED = {
    "privacy_shield": "PL601",
    "safe_harbor": "PL601",
    "dpa_1998": "PL602",
    "directive_95_46": "PL602",
    "ie_dpa_1988_2003": "PL602",
    "wbp": "PL602",
    "tmg": "PL602",
    "ttdsg": "PL602",
    "bdsg_old": "PL602",
    "tkg_2003": "PL602",
    "loi_78_only": "PL602",
    "loi_78_old_articles": "PL602",
    "cbp": "PL603",
    "art29_wp": "PL603",
    "sar_fee_10": "PL604",
    "sar_40_days": "PL604",
    "old_ico_contact": "PL605",
    "old_authority_contact": "PL605",
}
OUTDATED_NAMES = {
    "PL601": "transfer-framework-invalid",
    "PL602": "law-repealed",
    "PL603": "authority-renamed",
    "PL604": "access-terms-outdated",
    "PL605": "authority-contact-outdated",
}


def citations(label: Label) -> list[tuple[str, int, str]]:
    """(rule code, line, text) of each labelled outdated citation."""
    return [
        (OUTDATED[entry["kind"]], int(entry["line"]), entry.get("text", ""))
        for entry in label.get("outdated", ())
        if entry.get("kind") in OUTDATED
    ]
