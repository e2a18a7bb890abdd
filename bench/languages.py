"""How well policylint tells a notice's language, on whole notices and on short texts.

    python bench/languages.py [CORPUS] [--details] [--lingua]

CORPUS (default ``../shared/corpus``) holds ``en/``, ``nl/``, ``de/``, ``fr/``
with notices and a ``labels.json`` each (label ``language``). Three measures:

- whole notices: ``profile.language_of`` on each parsed notice (front matter
  included, as the linter sees it) against its label;
- short texts: from each notice, at run time, paragraphs of one to three
  sentences taken from its prose blocks (never stored), each detected alone;
  a window is only kept when it has enough words to be a sentence;
- other languages: short sentences in our own words (below) in the other
  languages of ``rules/languages.yaml``, which must not be read as en/nl/de/fr.

Prints accuracy per language and every confusion (``--details`` lists the
misread short texts). With ``--lingua``, ``lingua-language-detector`` (when
installed) is measured on the same texts, restricted to the languages of
languages.yaml, with its load time and time per text.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from policylint.analyses import profile
from policylint.packs.builtin import builtin
from policylint.parse import tree
from policylint.parse.source import decode

COVERED = ("en", "nl", "de", "fr")
# Short texts in our own words, in the languages the packs name but do not cover.
OTHERS = {
    "es": [
        "Tratamos sus datos personales para gestionar su pedido y atender sus consultas.",
        "Puede ejercer sus derechos de acceso y rectificación escribiendo a nuestra oficina.",
        "Conservamos la información mientras usted mantenga una cuenta con nosotros.",
        "No vendemos sus datos a terceros y solo los compartimos con el transportista.",
        "Si no está de acuerdo, puede presentar una reclamación ante la autoridad de control.",
    ],
    "it": [
        "Trattiamo i suoi dati personali per gestire l'ordine e rispondere alle richieste.",
        "Il titolare del trattamento è la società indicata in fondo a questa pagina.",
        "I dati sono conservati per il tempo necessario a fornire il servizio.",
        "Può chiedere in qualsiasi momento l'accesso ai dati o la loro cancellazione.",
        "Non cediamo i dati a terzi, salvo quando lo richiede la legge.",
    ],
    "pt": [
        "Tratamos os seus dados pessoais para processar a sua encomenda.",
        "Você pode pedir acesso aos dados que temos sobre si a qualquer momento.",
        "Não partilhamos as suas informações com terceiros sem o seu consentimento.",
        "Guardamos os dados apenas durante o tempo necessário para os fins indicados.",
        "Os nossos serviços usam cookies para lembrar as suas preferências.",
    ],
    "da": [
        "Vi behandler dine personoplysninger for at kunne levere din ordre.",
        "Du kan til enhver tid bede om indsigt i de oplysninger, vi har om dig.",
        "Vi gemmer ikke dine data længere end nødvendigt.",
        "Hvis du er utilfreds, kan du klage til Datatilsynet.",
        "Vores hjemmeside bruger cookies til at huske dine valg.",
    ],
    "sv": [
        "Vi behandlar dina personuppgifter för att kunna leverera din beställning.",
        "Du har rätt att begära ett utdrag över de uppgifter vi har om dig.",
        "Vi sparar inte dina uppgifter längre än vad som behövs.",
        "Om du är missnöjd kan du klaga hos Integritetsskyddsmyndigheten.",
        "Vår webbplats använder kakor för att komma ihåg dina val.",
    ],
    "pl": [
        "Przetwarzamy Twoje dane osobowe w celu realizacji zamówienia.",
        "Masz prawo dostępu do swoich danych oraz ich sprostowania.",
        "Nie przekazujemy danych osobom trzecim bez Twojej zgody.",
        "Dane przechowujemy tylko przez okres niezbędny do realizacji celu.",
        "Możesz wnieść skargę do Prezesa Urzędu Ochrony Danych Osobowych.",
    ],
}
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+(?=[\"'(«„]?[A-ZÀ-ÖØ-Þ0-9])")
_WORD = re.compile(r"[^\W\d_]{2,}")
_MIN_WORDS = 6  # a window with fewer letter words is a heading or a fragment, not a sentence
_PER_NOTICE = 30  # windows kept per notice, evenly spread over it

Detector = Callable[[str], str]


def notices(corpus: Path) -> Iterator[tuple[str, str, str]]:
    """(id, labelled language, text) of every labelled notice under ``corpus``."""
    for folder in sorted(p for p in corpus.iterdir() if (p / "labels.json").is_file()):
        for label in json.loads((folder / "labels.json").read_text(encoding="utf-8")):
            path = folder / f"{label['id']}.md"
            yield label["id"], label["language"], path.read_bytes().decode("utf-8", "replace")


def windows(text: str) -> list[str]:
    """Paragraphs of one to three sentences from the prose of ``text``, evenly spread."""
    doc = tree.parse(decode("notice.md", text.encode("utf-8")))
    found: list[str] = []
    for block in doc.blocks:
        if block.kind == "heading":
            continue
        sentences = [s for s in _SENTENCE_END.split(block.text) if s.strip()]
        for size in (1, 2, 3):
            for start in range(0, max(len(sentences) - size + 1, 0), size):
                chunk = " ".join(sentences[start : start + size])
                if len(_WORD.findall(chunk)) >= _MIN_WORDS:
                    found.append(chunk)
    step = max(len(found) / _PER_NOTICE, 1.0)
    return [found[int(i * step)] for i in range(min(len(found), _PER_NOTICE))]


def policylint_detector() -> Detector:
    """Detection as the linter does it: parse, then ``profile.language_of``."""
    knowledge = builtin()

    def detect(text: str) -> str:
        doc = tree.parse(decode("notice.md", text.encode("utf-8")))
        return profile.language_of(doc, knowledge)

    return detect


def lingua_detector() -> tuple[Detector, float]:
    """lingua restricted to the languages of languages.yaml, and its load time in seconds."""
    started = time.perf_counter()
    from lingua import IsoCode639_1, LanguageDetectorBuilder  # type: ignore[import-not-found]

    codes = [getattr(IsoCode639_1, code.upper()) for code in builtin().language_words]
    detector = LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()
    detector.detect_language_of("warm up the models")  # lingua loads models lazily
    loaded = time.perf_counter() - started

    def detect(text: str) -> str:
        found = detector.detect_language_of(text)
        return found.iso_code_639_1.name.lower() if found else "en"

    return detect, loaded


def evidence(lower: str) -> int:
    """The most distinctive words any language has in ``lower`` (below 2: the word test is
    unsure), counted as ``profile.detect_language`` counts them."""
    sample = profile._ADDRESS.sub(" ", lower[: profile._SAMPLE * profile._MAX_SAMPLES])
    present = set(sample.encode().translate(profile._BYTE_NON_LETTERS).split())
    return max(len(present & words) for words in builtin().language_words.values())


def hybrid_detector(lingua: Detector) -> Detector:
    """The word test, and lingua only where the word test is unsure."""
    knowledge = builtin()

    def detect(text: str) -> str:
        doc = tree.parse(decode("notice.md", text.encode("utf-8")))
        found = profile.language_of(doc, knowledge)
        return lingua(text) if evidence(doc.lower) < 2 else found

    return detect


def score(name: str, cases: list[tuple[str, str, str]], detect: Detector, details: bool) -> None:
    """Print accuracy per language and the confusions of ``detect`` on (id, label, text)."""
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    confusions: dict[tuple[str, str], list[str]] = defaultdict(list)
    started = time.perf_counter()
    for ident, label, text in cases:
        found = detect(text)
        total[label] += 1
        if found == label:
            right[label] += 1
        else:
            confusions[label, found].append(f"{ident}: {text[:160]!r}")
    spent = (time.perf_counter() - started) / max(len(cases), 1) * 1000
    cells = "  ".join(f"{lang} {right[lang]}/{total[lang]}" for lang in sorted(total))
    print(f"{name:<40} {cells}  ({spent:.2f} ms each)")
    for (label, found), items in sorted(confusions.items()):
        print(f"    {label} read as {found}: {len(items)}")
        for item in items if details else ():
            print(f"        {item}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default="../shared/corpus", type=Path)
    parser.add_argument("--details", action="store_true", help="list every misread text")
    parser.add_argument("--lingua", action="store_true", help="also measure lingua")
    args = parser.parse_args()
    whole = list(notices(args.corpus))
    short = [(ident, lang, w) for ident, lang, text in whole for w in windows(text)]
    others = [
        (f"{lang}{i}", lang, s) for lang, items in OTHERS.items() for i, s in enumerate(items)
    ]
    detectors: list[tuple[str, Detector]] = [("policylint", policylint_detector())]
    if args.lingua:
        detect, loaded = lingua_detector()
        print(f"lingua loaded in {loaded:.2f} s")
        detectors.append(("lingua", detect))
        detectors.append(("words, lingua if unsure", hybrid_detector(detect)))
    for name, detect in detectors:
        score(f"{name} whole notices", whole, detect, args.details)
        score(f"{name} short texts", short, detect, args.details)
        score(f"{name} other languages", others, detect, args.details)


if __name__ == "__main__":
    main()
