"""Jurisdiction codes: which values name a jurisdiction, and how they are normalised.

Rules and packs speak of ``UK``, ``NL``, ``EU`` (every other EU/EEA member
state), ``US`` and other ISO 3166-1 alpha-2 codes. The EU/EEA members are those
of the EEA Agreement's parties (EU 27 plus Iceland, Liechtenstein, Norway);
source: europa.eu "Countries" and the EFTA "EEA Agreement" pages, checked
2026-11-30.
"""

from __future__ import annotations

import re

# UK and NL are GDPR-style regimes; the other EU/EEA members are "EU".
GDPR_STYLE = frozenset({"UK", "NL", "EU"})
EU_MEMBERS = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "HU",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
        "IS",
        "LI",
        "NO",
    ]
)
ALIASES = {"GB": "UK", "EEA": "EU", "NETHERLANDS": "NL", "USA": "US"}


def normalise_jurisdiction(value: str) -> str:
    """``"gb"`` -> ``"UK"``, ``"de"`` -> ``"EU"``; other codes upper-cased."""
    code = ALIASES.get(value.strip().upper(), value.strip().upper())
    return "EU" if code in EU_MEMBERS else code


def is_jurisdiction(value: str) -> bool:
    """UK, EU, EEA, US, a name policylint knows (Netherlands) or an ISO 3166 country code.

    The country codes are the regions of Google's libphonenumber data (the
    ``phonenumbers`` package, imported only when a jurisdiction is given), so
    a typo such as "UJ" or a language code such as "EN" is refused rather
    than silently turning rules off.
    """
    value = value.strip().upper()
    if value in ALIASES or value in ("EEA", "EU", "UK"):
        return True
    if not re.fullmatch(r"[A-Z]{2}", value):
        return False
    import phonenumbers

    return value in phonenumbers.SUPPORTED_REGIONS
