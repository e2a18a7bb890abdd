"""A benchmark corpus made from real notices: their sentences, in Markdown as real repos keep it.

``../shared/seeds`` (five real notices, plain text) are the default source;
``bench.py --from DIR`` reads any folder of notices instead; a bare clone
without either uses the repository's own fixture notices. Each generated
notice takes one source notice's paragraphs in order (a random part of it,
another notice of the same language's paragraphs after it when it is too short
for the size drawn), and dresses them as the notices of ``../shared/corpus``
are dressed, at the same rates per KB (measured on its 62 notices,
2026-12-01):

| per KB of text | corpus | here |
| --- | --- | --- |
| ATX headings | 1.22 | each heading-like paragraph (setext one time in eight) |
| bullet / numbered list items | 1.65 / 0.34 | paragraphs split into items at those rates |
| inline links / bold / emphasis / code | 0.44 / 0.76 / 0.09 / 0.03 | words wrapped at those rates |
| table rows | 0.13 | a retention table in one notice in three |
| HTML tags | 0.47 | a paragraph in ``<p>`` now and then |

Front matter in three notices of four (as in the corpus, 46 of 62); sizes
drawn around the corpus's (median 7.8 KB, mean 9.4 KB). One notice in ten is
left as plain text, one in ten hard-wrapped, as pasted notices are. Company
names, addresses and dates are varied, so no two notices are the same bytes.
The same arguments always give the same bytes (a seeded generator).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
FALLBACK = ROOT / "fixtures"

# Rates per 1,000 characters, from ../shared/corpus (see the table above).
LINKS, BOLD, EMPHASIS, CODE = 0.44, 0.76, 0.09, 0.03
BULLETS, NUMBERED = 1.65, 0.34
HTML_PARAGRAPHS = 0.12  # <p>...</p>: four tags' worth of the 0.47 per KB
FRONT_MATTER, TABLE, SETEXT = 0.75, 0.33, 0.125
PLAIN, WRAPPED = 0.10, 0.10

COMPANIES = ["Northwind", "Contoso", "Fabrikam", "Tailspin", "Adatum", "Litware", "Proseware"]
SUFFIXES = ["Ltd", "B.V.", "GmbH", "SAS", "Limited", "Inc."]
MONTHS = "January February March April May June July August September October November December"


def sources(folder: Path | None = None) -> list[list[str]]:
    """The paragraphs of each source notice (at least one), in order."""
    if folder is None:
        folder = SEEDS if SEEDS.is_dir() else FALLBACK
    found = []
    for path in sorted(folder.rglob("*")):
        if path.suffix not in (".txt", ".md") or path.name in ("EXPECTED.md", "README.md"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
        text = re.sub(r"\A(?:---|\+\+\+)\n.*?\n(?:---|\+\+\+)\n", "", text, flags=re.S)
        paragraphs = [" ".join(p.split()) for p in re.split(r"\n[ \t]*\n", text) if p.strip()]
        if sum(map(len, paragraphs)) > 1500:
            found.append(paragraphs)
    if not found:
        raise SystemExit(f"bench: no notices of 1.5 KB or more under {folder}")
    return found


def _heading_like(paragraph: str) -> bool:
    return len(paragraph) < 80 and not paragraph.rstrip().endswith((".", ":", ";", ","))


def _inline(rng: random.Random, paragraph: str) -> str:
    """Wrap words in links, bold, emphasis and code at the corpus's rates."""
    words = paragraph.split(" ")
    per_word = len(paragraph) / max(len(words), 1) / 1000
    out = []
    for word in words:
        roll = rng.random()
        if not word.isalpha():
            out.append(word)
        elif roll < LINKS * per_word:
            out.append(f"[{word}](https://www.example.org/{word.lower()})")
        elif roll < (LINKS + BOLD) * per_word:
            out.append(f"**{word}**")
        elif roll < (LINKS + BOLD + EMPHASIS) * per_word:
            out.append(f"*{word}*")
        elif roll < (LINKS + BOLD + EMPHASIS + CODE) * per_word:
            out.append(f"`{word}`")
        else:
            out.append(word)
    return " ".join(out)


def _vary(rng: random.Random, text: str, company: str) -> str:
    """Another company's notice: names and years changed."""
    text = re.sub(r"\b[A-Z][a-zA-Z]+ (?:Ltd|B\.V\.|GmbH|SAS|Limited|Inc\.)", company, text)
    return re.sub(r"\b20[12]\d\b", lambda m: str(rng.randint(2016, 2026)), text)


def _markdown(rng: random.Random, paragraphs: list[str], size: int) -> str:
    parts: list[str] = []
    if rng.random() < FRONT_MATTER:
        date = f"202{rng.randint(0, 6)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        parts.append(f"---\ntitle: Privacy notice\nlast_updated: {date}\n---")
    parts.append(f"# {paragraphs[0]}" if _heading_like(paragraphs[0]) else "# Privacy notice")
    per_paragraph = sum(map(len, paragraphs)) / max(len(paragraphs), 1) / 1000
    table_at = rng.randrange(len(paragraphs)) if rng.random() < TABLE else -1
    for i, paragraph in enumerate(paragraphs[1:], 1):
        if _heading_like(paragraph):
            if rng.random() < SETEXT:
                parts.append(f"{paragraph}\n{'-' * len(paragraph)}")
            else:
                parts.append(f"{'#' * rng.choice((2, 2, 3))} {paragraph}")
            continue
        roll = rng.random()
        sentences = re.split(r"(?<=[.;:])\s+(?=[A-Z])", paragraph)
        if len(sentences) > 1 and roll < (BULLETS / 3) * per_paragraph:
            parts.append("\n".join(f"- {_inline(rng, s)}" for s in sentences))
        elif len(sentences) > 1 and roll < (BULLETS / 3 + NUMBERED / 2) * per_paragraph:
            parts.append("\n".join(f"{n}. {_inline(rng, s)}" for n, s in enumerate(sentences, 1)))
        elif roll < (BULLETS / 3 + NUMBERED / 2 + HTML_PARAGRAPHS) * per_paragraph:
            parts.append(f"<p>{paragraph}</p>")
        else:
            parts.append(_inline(rng, paragraph))
        if i == table_at:
            rows = [f"| {w} | {rng.randint(1, 10)} years |" for w in ("Orders", "Accounts", "CVs")]
            parts.append("| Record | Kept for |\n| --- | --- |\n" + "\n".join(rows))
    return "\n\n".join(parts) + "\n"


def _plain(rng: random.Random, paragraphs: list[str], size: int) -> str:
    return "\n\n".join(paragraphs) + "\n"


def _wrapped(rng: random.Random, paragraphs: list[str], size: int) -> str:
    lines, number = [], 0
    for paragraph in paragraphs:
        if _heading_like(paragraph):
            number += 1
            lines.append(f"{number}. {paragraph}")
            continue
        words = paragraph.split()
        while words:
            take = rng.randint(9, 14)
            lines.append(" ".join(words[:take]))
            words = words[take:]
    return "\n".join(lines) + "\n"


def _size(rng: random.Random) -> int:
    """A notice size like the corpus's: median ~7.8 KB, a long tail."""
    return int(min(max(rng.lognormvariate(8.95, 0.55), 1500), 40_000))


def _take(rng: random.Random, pool: list[list[str]], size: int) -> list[str]:
    """Paragraphs in order from a random source (others after it when short)."""
    first = rng.randrange(len(pool))
    chosen, total = [], 0
    for k in range(len(pool)):
        source = pool[(first + k) % len(pool)]
        start = rng.randrange(max(len(source) // 4, 1)) if k == 0 else 0
        for paragraph in source[start:]:
            chosen.append(paragraph)
            total += len(paragraph)
            if total >= size:
                return chosen
    return chosen


def generate(
    folder: Path,
    files: int,
    large: int = 0,
    seed: int = 7,
    source: Path | None = None,
) -> list[Path]:
    """Write ``files`` notices (and one of about ``large`` characters: many notices'
    sections one after another) made from the notices under ``source``."""
    rng = random.Random(seed)
    pool = sources(source)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(files):
        company = f"{rng.choice(COMPANIES)} {rng.choice(SUFFIXES)}"
        paragraphs = [_vary(rng, p, company) for p in _take(rng, pool, _size(rng))]
        roll = rng.random()
        style = _plain if roll < PLAIN else _wrapped if roll < PLAIN + WRAPPED else _markdown
        path = folder / f"notice-{i:05d}.md"
        path.write_text(style(rng, paragraphs, 0), encoding="utf-8")
        paths.append(path)
    if large:
        parts, total = [], 0
        while total < large:
            company = f"{rng.choice(COMPANIES)} {rng.choice(SUFFIXES)}"
            part = _markdown(rng, [_vary(rng, p, company) for p in _take(rng, pool, 9000)], 0)
            parts.append(part.split("---\n", 2)[-1] if part.startswith("---") else part)
            total += len(parts[-1])
        path = folder / "large.md"
        path.write_text("\n".join(parts), encoding="utf-8")
        paths.append(path)
    return paths
