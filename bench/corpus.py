"""A deterministic benchmark corpus: many ~10 KB privacy notices in several styles.

Styles follow what real notices look like: Markdown with front matter (a
docs site), plain text with blank-line paragraphs, hard-wrapped text with
numbered clauses, Dutch. Sentences are drawn from fixed lists with a seeded
random generator, so the same arguments always give the same bytes.
"""

from __future__ import annotations

import random
from pathlib import Path

EN = [
    "We collect your name, email address and postal address when you place an order.",
    "We use this information to deliver your order and to answer your questions.",
    "You can ask for a copy of the personal data we hold about you at any time.",
    "We keep order records for six years to meet our legal obligations.",
    "Our website uses cookies to remember your preferences and measure traffic.",
    "We share data with couriers and payment providers only as needed to serve you.",
    "Where we rely on consent, you can withdraw it at any time by emailing us.",
    "Transfers outside the UK are protected by the international data transfer agreement.",
    "If you are unhappy, you can complain to the Information Commissioner's Office.",
    "We review this notice every year and publish changes on this page.",
]
NL = [
    "Wij verwerken uw naam, adres en e-mailadres wanneer u een bestelling plaatst.",
    "Deze gegevens gebruiken wij om uw bestelling te leveren en vragen te beantwoorden.",
    "U heeft het recht om uw persoonsgegevens in te zien, te laten corrigeren of te verwijderen.",
    "Wij bewaren uw gegevens niet langer dan zeven jaar na de laatste bestelling.",
    "Onze website gebruikt cookies om het gebruik van de site te analyseren.",
    "Bent u niet tevreden, dan kunt u een klacht indienen bij de Autoriteit Persoonsgegevens.",
]
HEADINGS_EN = [
    "Who we are",
    "What we collect",
    "How we use it",
    "Your rights",
    "Cookies",
    "How long we keep it",
    "Sharing your data",
    "Complaints",
    "Contact us",
]
HEADINGS_NL = [
    "Wie zijn wij",
    "Welke gegevens",
    "Uw rechten",
    "Cookies",
    "Bewaartermijn",
    "Contact",
]


def _paragraphs(rng: random.Random, sentences: list[str], size: int) -> list[str]:
    out, n = [], 0
    while n < size:
        para = " ".join(rng.choice(sentences) for _ in range(rng.randint(2, 6)))
        out.append(para)
        n += len(para)
    return out


def markdown_site(rng: random.Random, size: int) -> str:
    parts = [
        "---\ntitle: Privacy notice\n"
        f"last_updated: 202{rng.randint(0, 6)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}\n---\n",
        "# Privacy notice\n",
        "Email privacy@example.com or call 020 7946 0000.\n",
    ]
    for para in _paragraphs(rng, EN, size):
        if rng.random() < 0.25:
            parts.append(f"## {rng.choice(HEADINGS_EN)}\n")
        parts.append(para + "\n")
    return "\n".join(parts)


def plain_text(rng: random.Random, size: int) -> str:
    parts = ["Privacy Notice", f"Last updated: {rng.randint(1, 28)} May 20{rng.randint(18, 26)}"]
    for para in _paragraphs(rng, EN, size):
        if rng.random() < 0.25:
            parts.append(rng.choice(HEADINGS_EN))
        parts.append(para)
    parts.append("Email: privacy@example.com\n\nTelephone: 0207 946 0000")
    return "\n\n".join(parts) + "\n"


def hard_wrapped(rng: random.Random, size: int) -> str:
    lines = ["Privacy Policy"]
    number = 0
    for para in _paragraphs(rng, EN, size):
        if rng.random() < 0.3:
            number += 1
            lines.append(f"{number}. {rng.choice(HEADINGS_EN)}")
        words = para.split()
        while words:
            take = rng.randint(5, 10)
            lines.append(" ".join(words[:take]))
            words = words[take:]
    return "\n".join(lines) + "\n"


def dutch(rng: random.Random, size: int) -> str:
    parts = ["Privacyverklaring Voorbeeld B.V."]
    for para in _paragraphs(rng, NL, size):
        if rng.random() < 0.25:
            parts.append(rng.choice(HEADINGS_NL))
        parts.append(para)
    parts.append("Voorbeeld B.V.\nDorpsstraat 1\n1234 AB Amsterdam\ninfo@voorbeeld.nl")
    parts.append(
        f"Datum afgifte: {rng.randint(1, 28)}-0{rng.randint(1, 9)}-20{rng.randint(18, 26)}"
    )
    return "\n\n".join(parts) + "\n"


STYLES = (markdown_site, plain_text, hard_wrapped, dutch)


def generate(
    folder: Path, files: int, size: int = 10_000, large: int = 0, seed: int = 7
) -> list[Path]:
    """Write ``files`` notices of about ``size`` characters (and one of ``large``)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(files):
        style = STYLES[i % len(STYLES)]
        path = folder / f"notice-{i:05d}.md"
        path.write_text(style(rng, size), encoding="utf-8")
        paths.append(path)
    if large:
        path = folder / "large.md"
        path.write_text(markdown_site(rng, large), encoding="utf-8")
        paths.append(path)
    return paths
