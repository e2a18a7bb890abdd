"""How right policylint is on hand-labelled real notices.

    python bench/accuracy.py [FOLDER...] [--today YYYY-MM-DD] [--details]

Each FOLDER (default ``../shared/corpus``) holds notices and a
``labels.json`` (schema in the corpus README), directly or one level down
(``en/``, ``nl/``, ...). Every notice is linted with the built-in rules,
in this process, and each mission rule is scored at document level against
the labels, as the corpus README says:

- PL101 last-updated-missing: the notice has no last-updated date;
- PL102 last-updated-stale: the labelled date is more than 365 days before
  the reference date (a month-only date counts from its last day);
- PL201 contact-missing: no contact route of the controller;
- PL301 authority-missing: a UK or EU/EEA jurisdiction applies and no
  supervisory authority is named as the place to complain;
- PL302 authority-helpline-missing: the ICO or the AP is named without its
  phone number;
- PL303 authority-helpline-wrong: the label flags a wrong authority phone
  (its line is the line holding the first number of ``phone_text``, where
  the finding points, not the authority's name);
- PL401 fee-claim-unsupported: the notice claims an unsupported fee.

A label flagged as a judgement call is not scored for the rules it concerns
(the table in the corpus README). A notice in a language the built-in packs
do not cover is listed, not scored. Line accuracy: the share of true
positives, among those whose label gives a line, with a finding within one
line of it.

Prints one table per rule and language, then one summary line. With
``--details``, every false positive and false negative is listed with the
notice's id and the finding or label, which is what to read when fixing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from accuracy_items import (  # noqa: E402
    ITEMS,
    OUTDATED_NAMES,
    citations,
    dpo_positive,
    item_positive,
)

from policylint.base.findings import Finding  # noqa: E402
from policylint.engine import linter, registry  # noqa: E402
from policylint.rules.context import Settings  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
TODAY = dt.date(2026, 11, 22)  # the date the corpus labels are judged on
MAX_AGE_DAYS = 365
# Jurisdictions whose notices must name a supervisory authority (UK GDPR, EU/EEA GDPR).
GDPR_JURISDICTIONS = frozenset(
    "uk eu eea at be bg cy cz de dk ee es fi fr gr hr hu ie is it li lt lu lv mt nl no pl pt ro "
    "se si sk".split()
)

Label = Mapping[str, Any]


class Rule(NamedTuple):
    """How one mission rule is scored: positive label, skipping flags, labelled line."""

    code: str
    name: str
    positive: Callable[[Label], bool]
    skip_flags: frozenset[str]
    line: Callable[[Label], int | None]


def _stale(label: Label, today: dt.date) -> bool:
    last = label["last_updated"]
    if not last.get("present") or not last.get("date"):
        return False
    return (today - _date(last["date"])).days > MAX_AGE_DAYS


def _date(text: str) -> dt.date:
    """A labelled date; ``YYYY-MM`` is the month's last day (the newest it can be)."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    year, month = parts
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _helpline_missing(label: Label) -> bool:
    authority = label["authority"]
    return (
        bool(authority.get("named"))
        and authority.get("which") in ("ico", "ap")
        and not authority.get("phone")
    )


_NUMBER = re.compile(r"[+(\d][\d ().-]{5,}\d")


def _number_line(label: Label) -> int | None:
    """The first line at or after the authority's that holds the labelled phone number."""
    authority = label["authority"]
    first = _NUMBER.search(authority.get("phone_text") or "")
    if first is None or label.get("_path") is None:
        return authority.get("line")
    digits = re.sub(r"\D", "", first.group(0))
    lines = Path(label["_path"]).read_text(encoding="utf-8").splitlines()
    start = (authority.get("line") or 1) - 1
    for number, text in enumerate(lines[start:], start + 1):
        if digits in re.sub(r"\D", "", text):
            return number
    return authority.get("line")


def rules(today: dt.date) -> list[Rule]:
    """The mission rules and how each is scored."""
    date_flags = frozenset({"date_unlabelled", "date_templated"})
    authority_flags = frozenset(
        {"ambiguous_authority", "jurisdiction_implicit", "authority_generic"}
    )
    return [
        Rule(
            "PL101", "last-updated-missing", lambda x: not x["last_updated"]["present"],
            date_flags, lambda x: None,
        ),
        Rule(
            "PL102", "last-updated-stale", lambda x: _stale(x, today),
            date_flags | {"fm_date_differs"}, lambda x: x["last_updated"].get("line"),
        ),
        Rule(
            "PL201", "contact-missing", lambda x: not x["contact"]["present"],
            frozenset({"ambiguous_contact", "contact_templated"}), lambda x: None,
        ),
        Rule(
            "PL301", "authority-missing",
            lambda x: bool(GDPR_JURISDICTIONS & set(x["jurisdiction"]))
            and not x["authority"]["named"],
            authority_flags, lambda x: None,
        ),
        Rule(
            "PL302", "authority-helpline-missing", _helpline_missing,
            frozenset({"ambiguous_authority"}), lambda x: x["authority"].get("line"),
        ),
        Rule(
            "PL303", "authority-helpline-wrong",
            lambda x: "wrong_authority_phone" in x["flags"] and "old_ico_number" not in x["flags"],
            frozenset({"ambiguous_authority"}), _number_line,
        ),
        Rule(
            "PL401", "fee-claim-unsupported", lambda x: bool(x["fee_claim"]["unsupported"]),
            frozenset({"fee_qualified_borderline"}), lambda x: x["fee_claim"].get("line"),
        ),
        *(
            Rule(code, name, item_positive(key, when), flags, lambda x: None)
            for code, name, key, flags, when in ITEMS
        ),
        Rule(
            "PL513", "dpo-contact-missing", dpo_positive, frozenset({"dpo_borderline"}),
            lambda x: None,
        ),
    ]  # fmt: skip


class Score:
    """Counts for one rule in one language."""

    def __init__(self) -> None:
        self.tp = self.fp = self.fn = self.tn = self.skipped = 0
        self.lines_checked = self.lines_right = 0

    def add(self, other: Score) -> None:
        for name, value in vars(other).items():
            setattr(self, name, getattr(self, name) + value)

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def line_accuracy(self) -> float | None:
        return self.lines_right / self.lines_checked if self.lines_checked else None


def labelled_folders(folders: Sequence[Path]) -> Iterator[Path]:
    """Every folder holding a labels.json: the folders themselves or their children."""
    for folder in folders:
        if (folder / "labels.json").is_file():
            yield folder
        else:
            yield from sorted(p.parent for p in folder.glob("*/labels.json"))


def covered_languages() -> frozenset[str]:
    """Languages the built-in packs have date labels for (what the rules can read)."""
    from policylint.packs.builtin import builtin

    return frozenset(builtin().date_labels)


def score(
    folders: Sequence[Path], today: dt.date
) -> tuple[dict[tuple[str, str], Score], list[str], list[str], int]:
    """Scores per (rule code, language), the misses, the unscored notices, notices scored."""
    every = registry.load_all(plugins=False)
    settings = Settings(today=today)
    covered = covered_languages()
    scored = rules(today)
    scores: dict[tuple[str, str], Score] = defaultdict(Score)
    misses: list[str] = []
    unscored: list[str] = []
    count = 0
    for folder in labelled_folders(folders):
        for label in json.loads((folder / "labels.json").read_text(encoding="utf-8")):
            path = folder / f"{label['id']}.md"
            label = {**label, "_path": str(path)}
            language = label.get("language", "?")
            if language not in covered:
                unscored.append(f"{label['id']} ({language}): language not covered yet")
                continue
            count += 1
            findings = linter.lint_file(str(path), every, settings)
            by_code: dict[str, list[Finding]] = defaultdict(list)
            for finding in findings:
                by_code[finding.code].append(finding)
            for rule in scored:
                _score_one(rule, label, by_code[rule.code], scores[rule.code, language], misses)
            _score_citations(label, by_code, scores, language, misses)
    return scores, misses, unscored, count


def _score_one(
    rule: Rule, label: Label, found: list[Finding], into: Score, misses: list[str]
) -> None:
    where = label["id"]
    if rule.skip_flags & set(label.get("flags", ())):
        into.skipped += 1
        return
    expected = rule.positive(label)
    if expected and found:
        into.tp += 1
        line = rule.line(label)
        if line is not None:
            into.lines_checked += 1
            if any(abs(f.line - line) <= 1 for f in found):
                into.lines_right += 1
            else:
                misses.append(
                    f"LINE {rule.code} {where}: labelled {line}, found {[f.line for f in found]}"
                )
    elif expected:
        into.fn += 1
        misses.append(f"FN   {rule.code} {where}: {_what_label_says(rule, label)}")
    elif found:
        into.fp += 1
        first = found[0]
        misses.append(f"FP   {rule.code} {where}:{first.line}:{first.column}: {first.message}")
    else:
        into.tn += 1


def _score_citations(
    label: Label,
    by_code: Mapping[str, list[Finding]],
    scores: dict[tuple[str, str], Score],
    language: str,
    misses: list[str],
) -> None:
    """Outdated citations, one by one: a finding within one line of each labelled one."""
    expected = citations(label)
    for code in OUTDATED_NAMES:
        into = scores[code, language]
        wanted = [(line, text) for c, line, text in expected if c == code]
        found = list(by_code.get(code, ()))
        for line, text in wanted:
            near = next((f for f in found if abs(f.line - line) <= 1), None)
            if near is None:
                into.fn += 1
                misses.append(f"FN   {code} {label['id']}:{line}: {text[:120]!r}")
            else:
                into.tp += 1
                found.remove(near)
        for finding in found:
            if any(abs(finding.line - line) <= 1 for line, _ in wanted):
                continue  # a second finding on a labelled citation
            into.fp += 1
            misses.append(f"FP   {code} {label['id']}:{finding.line}: {finding.message}")


def _what_label_says(rule: Rule, label: Label) -> str:
    if rule.code in ("PL102", "PL101"):
        last = label["last_updated"]
        return f"date {last.get('date')} at line {last.get('line')}: {last.get('text', '')!r}"
    if rule.code == "PL401":
        fee = label["fee_claim"]
        return f"line {fee.get('line')}: {fee.get('text', '')!r}"
    if rule.code.startswith("PL3"):
        return f"authority {label['authority']} jurisdiction {label['jurisdiction']}"
    return label.get("notes", "")[:200]


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def table(scores: Mapping[tuple[str, str], Score], today: dt.date) -> list[str]:
    """Markdown rows: one per rule and language, then the rule over all languages."""
    rows = [
        "| rule | language | TP | FP | FN | TN | skipped | precision | recall | line accuracy |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    named = [(rule.code, rule.name) for rule in rules(today)] + list(OUTDATED_NAMES.items())
    for code, name in named:
        languages = sorted(lang for c, lang in scores if c == code)
        total = Score()
        for lang in languages:
            s = scores[code, lang]
            total.add(s)
            rows.append(_row(f"{code} {name}", lang, s))
        if len(languages) > 1:
            rows.append(_row(f"{code} {name}", "all", total))
    return rows


def _row(rule: str, language: str, s: Score) -> str:
    return (
        f"| {rule} | {language} | {s.tp} | {s.fp} | {s.fn} | {s.tn} | {s.skipped} | "
        f"{_fmt(s.precision)} | {_fmt(s.recall)} | {_fmt(s.line_accuracy)} |"
    )


def summary(scores: Mapping[tuple[str, str], Score], count: int, seconds: float) -> str:
    """One line: notices scored, the worst precision, recall and line accuracy of any rule."""
    per_rule: dict[str, Score] = defaultdict(Score)
    for (code, _), s in scores.items():
        per_rule[code].add(s)
    worst = {
        what: min(
            (
                (getattr(s, what), code)
                for code, s in per_rule.items()
                if getattr(s, what) is not None
            ),
            default=(None, "-"),
        )
        for what in ("precision", "recall", "line_accuracy")
    }
    parts = [f"{what.replace('_', ' ')} {_fmt(v)} ({code})" for what, (v, code) in worst.items()]
    return f"summary: {count} notices scored in {seconds:.1f} s; worst " + ", worst ".join(parts)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path, default=[DEFAULT_CORPUS])
    parser.add_argument("--today", type=dt.date.fromisoformat, default=TODAY)
    parser.add_argument("--details", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    missing = [str(f) for f in args.folders if not f.is_dir()]
    if missing:
        print(f"accuracy: no such folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    unlabelled = [str(f) for f in args.folders if not any(labelled_folders([f]))]
    if unlabelled:
        names = ", ".join(unlabelled)
        print(f"accuracy: no labels.json in or below: {names}", file=sys.stderr)
        return 2
    start = time.perf_counter()
    scores, misses, unscored, count = score(args.folders, args.today)
    seconds = time.perf_counter() - start
    print("\n".join(table(scores, args.today)))
    if unscored:
        print("\nnot scored:")
        print("\n".join(f"  {line}" for line in unscored))
    if args.details and misses:
        print("\nmisses:")
        print("\n".join(f"  {line}" for line in sorted(misses)))
    print()
    print(summary(scores, count, seconds))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
