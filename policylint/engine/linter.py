"""The linter core: read, parse, run each rule, stamp, suppress and sort findings.

Rules only yield Problems; this module turns them into Findings with the
rule's code, name and configured severity and the message rendered in the
reader's language (``base/messages``: the one place messages are translated),
isolates a crashing rule so the
others still run, applies inline suppressions and keeps output deterministic
(sorted by path, line, column, code).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, TypeVar

from policylint.base import regexes
from policylint.base.findings import Finding, Problem
from policylint.base.messages import AUTO, DEFAULT, Message, Words, render
from policylint.base.positions import Location
from policylint.base.rule import Rule
from policylint.engine import registry, suppressions
from policylint.parse import tree
from policylint.parse.comments import Comment
from policylint.parse.source import Source, UnreadableFile, decode
from policylint.rules.context import RuleContext, Settings, document_facts

if TYPE_CHECKING:
    from policylint.analyses.facts import Facts
    from policylint.parse.document import Document

_FILE_START = Location(0, 0, 0, 1)
T = TypeVar("T")


# Batches smaller than this are linted in this process: forking workers costs
# more than it saves on a handful of files (a pre-commit run).
PARALLEL_MIN_BYTES = 256 * 1024
# A notice this long (in characters) has its rules run in two processes when more
# than one core may be used (``halves``): the Article 13/14 and outdated-law rules
# (``TOPIC_FAMILIES``, which share the topic analysis) in one, the others in the other.
SPLIT_MIN_CHARS = 1_000_000
TOPIC_FAMILIES = ("PL5", "PL6")
_WORKER: tuple[Sequence[Rule], Settings] | None = None


def lint_files(
    paths: Sequence[str], rules: Sequence[Rule], settings: Settings, jobs: int | None = None
) -> list[Finding]:
    """Findings for many files, sorted; large batches use ``jobs`` processes.

    Workers are forked, so they inherit the prepared rules (YAML rules are
    closures and could not be pickled) and start without re-importing
    anything. Where fork is not available, or for small batches, the files
    are linted here, one after the other: the results are the same.
    """
    workers = jobs or os.cpu_count() or 1
    if workers > 1 and len(paths) > 1 and _total_size(paths) >= PARALLEL_MIN_BYTES:
        found = _in_parallel(paths, rules, settings, min(workers, len(paths)))
        if found is not None:
            return sort_findings(found)
    findings = sort_findings(
        f for path in paths for f in lint_file(path, rules, settings, workers=workers)
    )
    regexes.save()
    return findings


def _total_size(paths: Sequence[str]) -> int:
    total = 0
    for path in paths:
        with contextlib.suppress(OSError):
            total += os.stat(path).st_size
        if total >= PARALLEL_MIN_BYTES:
            break
    return total


def _in_parallel(
    paths: Sequence[str], rules: Sequence[Rule], settings: Settings, workers: int
) -> list[Finding] | None:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    global _WORKER
    _WORKER = (rules, settings)
    chunk = max(1, len(paths) // (workers * 8))
    batches = [paths[i : i + chunk] for i in range(0, len(paths), chunk)]
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            return [f for batch in pool.map(_lint_batch, batches) for f in batch]
    finally:
        _WORKER = None


def _lint_batch(paths: Sequence[str]) -> list[Finding]:
    assert _WORKER is not None
    rules, settings = _WORKER
    findings = [f for path in paths for f in lint_file(path, rules, settings)]
    regexes.save()  # what this worker compiled; forked, it has its own record
    return findings


def lint_file(
    path: str, rules: Sequence[Rule], settings: Settings, workers: int = 1
) -> list[Finding]:
    """Findings for one file; an unreadable file is one PL901 finding. With ``workers``
    over 1, a large file's rules run in two processes (``lint_document``)."""
    try:
        with open(path, "rb") as handle:
            limit = settings.max_file_size
            size = os.fstat(handle.fileno()).st_size
            if limit and size > limit:
                return _too_large(rules, path, size, limit, settings)
            data = handle.read()
    except OSError as exc:
        reason = Message("cannot read file: {reason}", reason=exc.strerror or exc)
        language = _reader(settings)
        return _core(rules, registry.FILE_UNREADABLE, path, _FILE_START, reason, language)
    return lint_bytes(path, data, rules, settings, workers)


def lint_bytes(
    path: str, data: bytes, rules: Sequence[Rule], settings: Settings, workers: int = 1
) -> list[Finding]:
    """Findings for the bytes of a file (standard input) reported as ``path``."""
    return lint_data(path, data, rules, settings, workers)[0]


def lint_data(
    path: str, data: bytes, rules: Sequence[Rule], settings: Settings, workers: int = 1
) -> tuple[list[Finding], Facts | None]:
    """``lint_bytes``, with the analyses of the notice (None when it has no text
    or could not be decoded): what ``policylint.api`` and ``audit`` record."""
    limit = settings.max_file_size
    if limit and len(data) > limit:
        return _too_large(rules, path, len(data), limit, settings), None
    try:
        source = decode(path, data, settings.encoding)
    except UnreadableFile as exc:
        why = exc.args[0]
        language = _reader(settings)
        return _core(rules, registry.FILE_UNREADABLE, path, _FILE_START, why, language), None
    return lint_document(source, rules, settings, workers)


def _too_large(
    rules: Sequence[Rule], path: str, size: int, limit: int, settings: Settings
) -> list[Finding]:
    message = Message(
        "{size} is over max-file-size ({limit}): not linted; raise max-file-size to lint it",
        size=_size(size),
        limit=_size(limit),
    )
    return _core(rules, registry.FILE_TOO_LARGE, path, _FILE_START, message, _reader(settings))


def _reader(settings: Settings, facts: Facts | None = None) -> str:
    """The language to show messages in: the one asked for, or with ``auto`` the
    notice's (English when there is no text to tell it by)."""
    wanted = settings.message_language
    if wanted != AUTO:
        return wanted
    return facts.language if facts is not None else DEFAULT


def lint_source(source: Source, rules: Sequence[Rule], settings: Settings) -> list[Finding]:
    """Findings for already-decoded text."""
    return lint_document(source, rules, settings)[0]


def lint_document(
    source: Source, rules: Sequence[Rule], settings: Settings, workers: int = 1
) -> tuple[list[Finding], Facts | None]:
    """Findings for already-decoded text, and its analyses (None when it has no text).

    With ``workers`` over 1 and a text of ``SPLIT_MIN_CHARS`` or more, the rules run
    in two groups at once, one in a forked process (``halves``): the same findings.
    """
    doc = tree.parse(source)
    path = source.path
    findings: list[Finding] = []
    # The analyses shared by the rules, each made once (none without text).
    facts = document_facts(doc, settings) if doc.blocks else None
    language = _reader(settings, facts)
    matter = doc.front_matter
    if matter is not None and matter.error:
        where = Location(matter.error_line, 0, matter.error_line, 1)
        invalid = registry.FRONT_MATTER_INVALID
        findings += _core(rules, invalid, path, where, matter.error, language)
    if facts is None:
        message = (
            Message("the file is empty: nothing to lint")
            if not source.text.strip()
            else Message("the file has no text: nothing to lint")
        )
        findings += _core(rules, registry.FILE_EMPTY, path, _FILE_START, message, language)
        return findings, None
    running, skipped = _by_language(facts, rules)
    if skipped:
        findings += _core(rules, registry.LANGUAGE_UNSUPPORTED, path, *skipped, language)

    order = {id(rule): index for index, rule in enumerate(running)}

    def run(group: Sequence[Rule]) -> list[tuple[int, Finding]]:
        # Each finding with its rule's place, so that the halves merge in rule order.
        return [
            (order[id(rule)], finding)
            for rule in group
            for finding in _checked([rule], doc, facts, settings, rules, language)
        ]

    topical = [r for r in running if r.code.startswith(TOPIC_FAMILIES)]
    others = [r for r in running if not r.code.startswith(TOPIC_FAMILIES)]
    if workers > 1 and len(source.text) >= SPLIT_MIN_CHARS and topical and others:
        # One large notice on two cores; the analyses both halves read are made
        # before the fork, and the child keeps the regexes it compiled.
        facts.prepare()
        from policylint.engine import halves

        merged = halves.in_two(lambda: run(others), lambda: _saving(run, topical))
        merged.sort(key=lambda item: item[0])  # stable: each rule's own order kept
    else:
        merged = run(running)
    findings += [finding for _, finding in merged]
    findings = _suppress(doc.comments, source, findings, rules, settings, running, language)
    findings.sort(key=Finding.sort_key)
    return findings, facts


def _saving(run: Callable[[Sequence[Rule]], list[T]], group: Sequence[Rule]) -> list[T]:
    """``run(group)``, then the regexes compiled meanwhile kept in the start-up cache
    (``base/regexes``): a forked half has its own record, which would be lost."""
    found = run(group)
    regexes.save()
    return found


def _checked(
    group: Sequence[Rule],
    doc: Document,
    facts: Facts,
    settings: Settings,
    rules: Sequence[Rule],
    language: str,
) -> list[Finding]:
    """The findings of each rule of ``group`` on ``doc``, in order; a rule that raises
    is one PL903 finding, and the others still run."""
    findings: list[Finding] = []
    path = doc.path
    for rule in group:
        if rule.check is None:
            continue
        ctx = RuleContext(rule.options, settings, facts)
        try:
            findings.extend(_stamp(rule, path, p, language) for p in rule.check(doc, ctx))
        except Exception as exc:  # a bug in one rule must not hide the others' findings
            message = Message(
                "rule {code} {name} failed on this file: {error}: {detail} "
                "(this is a bug in policylint; please report it)",
                code=rule.code,
                name=rule.name,
                error=type(exc).__name__,
                detail=exc,
            )
            findings += _core(rules, registry.RULE_CRASHED, path, _FILE_START, message, language)
    return findings


def _by_language(
    facts: Facts, rules: Sequence[Rule]
) -> tuple[Sequence[Rule], tuple[Location, Message] | None]:
    """The rules to run, and where and why language-specific ones were skipped.

    A rule that reads wording (``Rule.language_specific``) would misread a
    notice in a language the packs have no phrases for, so on such a notice
    it is skipped and PL907 says so. The language is only looked at when a
    rule depends on it.
    """
    specific = [r for r in rules if r.language_specific and r.check is not None]
    if not specific:
        return rules, None
    from policylint.analyses import profile
    from policylint.rules.context import document_location

    knowledge = facts.knowledge
    language = facts.language
    if language in knowledge.covered_languages:
        return rules, None
    english = profile.language_name(language, knowledge)
    name = Words(english, knowledge.language_names_in.get(language, {}))
    message = Message(
        "Notice is in {name} ({language}), which the built-in rules do not cover yet: "
        "skipped {codes}",
        name=name,
        language=language,
        codes=_code_ranges([r.code for r in specific]),
    )
    where = document_location(facts.doc)
    return [r for r in rules if not r.language_specific], (where, message)


def _code_ranges(codes: Sequence[str]) -> str:
    """``PL101, PL102, PL103, PL201`` as ``PL101-PL103, PL201``: runs of consecutive codes."""
    import re

    runs: list[list[str]] = []
    previous: tuple[str, int] | None = None
    for code in codes:
        match = re.fullmatch(r"([A-Z]+)(\d+)", code)
        key = (match.group(1), int(match.group(2))) if match else None
        if runs and key and previous and key == (previous[0], previous[1] + 1):
            runs[-1].append(code)
        else:
            runs.append([code])
        previous = key
    return ", ".join(r[0] if len(r) < 3 else f"{r[0]}-{r[-1]}" for r in runs)


def _suppress(
    comments: Sequence[Comment],
    source: Source,
    findings: list[Finding],
    rules: Sequence[Rule],
    settings: Settings,
    ran: Sequence[Rule],
    language: str,
) -> list[Finding]:
    """Drop findings silenced by comments; report comments that silenced nothing.

    Only a comment naming a rule that ``ran`` can be unused: one naming a rule
    skipped on this file (PL907) may be needed once the rule runs.
    """
    directives = suppressions.parse(comments, source.line_count) if comments else []
    if not directives:
        return findings
    active = frozenset(r.code for r in ran) | frozenset(r.name for r in ran)
    known = settings.known_rules or frozenset(k for r in rules for k in (r.code, r.name))
    kept, unused = suppressions.apply(findings, directives, active, known)
    for problem in unused:
        where = problem.location
        unused_rule = registry.UNUSED_SUPPRESSION
        kept += _core(rules, unused_rule, source.path, where, problem.message, language)
    return kept


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def _core(
    rules: Sequence[Rule],
    core: Rule,
    path: str,
    where: Location,
    message: str | Message,
    language: str,
) -> list[Finding]:
    """A finding of the core itself, unless the configuration turned that code off."""
    rule = next((r for r in rules if r.code == core.code), None)
    return [_stamp(rule, path, Problem(where, message), language)] if rule else []


def _stamp(rule: Rule, path: str, problem: Problem, language: str) -> Finding:
    """The Finding of ``problem``: its 0-based Location becomes the 1-based position
    shown, its message is rendered in ``language``."""
    fix = problem.fix
    if fix is not None:
        fix = fix._replace(message=render(fix.message, language))
    return Finding(
        path, *problem.location.one_based(), rule.code, rule.name, rule.severity,
        render(problem.message, language), fix,
    )  # fmt: skip


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """All findings of a run in output order."""
    return sorted(findings, key=Finding.sort_key)
