"""Applying fixes: edits onto a file's own bytes, shown as a diff or written atomically.

Rules attach fixes to findings (``base/fixes``) with positions in the
normalised text every rule reads. Here they go back onto the file as it is:
the same encoding (UTF-8 with or without a byte-order mark, UTF-16 with its
mark, or the run's ``--encoding``), the same line endings (an edit that
inserts a line break gets the file's own), and nothing else touched. A fix's
edits are applied together or not at all; a fix that overlaps one already
taken waits for the next pass (``check --fix`` lints the file again and
repeats, as ruff does). A file is replaced atomically (``base/atomic``).
"""

from __future__ import annotations

import difflib
import os
import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

from policylint.base.atomic import replace_file
from policylint.base.findings import Finding
from policylint.base.fixes import Fix

if TYPE_CHECKING:
    from policylint.engine.options import CheckOptions
    from policylint.engine.session import Session

_NEWLINE = re.compile(r"\r\n|\r|\n")
_UTF8_BOM = b"\xef\xbb\xbf"
_BOMS = ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"), (_UTF8_BOM, "utf-8"))


class Fixed(NamedTuple):
    """One file's bytes before and after, and how many fixes were applied."""

    path: str
    before: bytes
    after: bytes
    applied: int


def wanted(
    findings: Iterable[Finding], unsafe: bool, done: frozenset[tuple[str, str, Fix]] = frozenset()
) -> dict[str, list[tuple[str, Fix]]]:
    """The fixes to apply, by path, each with its rule's code: safe ones, and unsafe ones
    too when ``unsafe``; none already applied to the file with the same edits' texts
    (``done``: path, code, fix), so a fix whose result its own rule reports again is not
    applied over and over."""
    by_path: dict[str, list[tuple[str, Fix]]] = {}
    for finding in findings:
        fix = finding.fix
        if fix is None or not fix.edits or not (fix.safe or unsafe):
            continue
        if not any(_same(finding.path, finding.code, fix, d) for d in done):
            by_path.setdefault(finding.path, []).append((finding.code, fix))
    return by_path


def _same(path: str, code: str, fix: Fix, done: tuple[str, str, Fix]) -> bool:
    texts = [e.text for e in fix.edits]
    return (path, code) == done[:2] and texts == [e.text for e in done[2].edits]


def apply(data: bytes, fixes: Sequence[Fix], fallback: str | None = None) -> tuple[bytes, int]:
    """``data`` with as many of ``fixes`` as do not overlap; and how many were applied.

    Raises UnicodeDecodeError as ``applied`` does.
    """
    new, taken = applied(data, fixes, fallback)
    return new, len(taken)


def applied(
    data: bytes, fixes: Sequence[Fix], fallback: str | None = None
) -> tuple[bytes, list[Fix]]:
    """``data`` with as many of ``fixes`` as do not overlap, and those fixes.

    Raises UnicodeDecodeError if the bytes are not text in the encoding they
    were linted with (they changed since).
    """
    bom, encoding, text = _decoded(data, fallback)
    starts = [0, *(m.end() for m in _NEWLINE.finditer(text))]
    first = _NEWLINE.search(text)
    newline = first.group(0) if first else "\n"
    taken: list[tuple[int, int, str]] = []
    used: list[Fix] = []
    for fix in sorted(fixes, key=lambda f: min(e.location[:2] for e in f.edits)):
        spans = []
        for edit in fix.edits:
            loc = edit.location
            if loc.end_line >= len(starts) or loc.line >= len(starts):
                break
            start, end = starts[loc.line] + loc.column, starts[loc.end_line] + loc.end_column
            spans.append((start, end, edit.text.replace("\n", newline)))
        else:
            if not any(_overlaps(span, other) for span in spans for other in taken):
                taken += spans
                used.append(fix)
    for start, end, new in sorted(taken, reverse=True):
        text = text[:start] + new + text[end:]
    return bom + text.encode(encoding), used


def _overlaps(a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
    """Two edits touch the same text (two insertions at one place count too)."""
    return (a[0] < b[1] and b[0] < a[1]) or a[0] == b[0]


def _decoded(data: bytes, fallback: str | None) -> tuple[bytes, str, str]:
    """(byte-order mark, encoding, text) as ``parse/source.decode`` reads the bytes;
    raises UnicodeDecodeError."""
    bom, encoding = b"", "utf-8"
    for mark, name in _BOMS:
        if data.startswith(mark):
            bom, encoding = mark, name
            break
    body = data[len(bom) :]
    try:
        return bom, encoding, body.decode(encoding)
    except UnicodeDecodeError:
        if bom or not fallback:
            raise
        return bom, fallback, body.decode(fallback)


def unified_diff(fixed: Fixed, fallback: str | None = None) -> str:
    """The change as a unified diff (``--- a/path``, ``+++ b/path``), text decoded as linted."""

    def lines(data: bytes) -> list[str]:
        text = _decoded(data, fallback)[2]
        ends = [m.end() for m in _NEWLINE.finditer(text)]  # the line breaks the linter counts
        starts = [0, *ends]
        if starts[-1] == len(text):
            starts.pop()
        return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]

    name = fixed.path.replace(os.sep, "/")
    diff = difflib.unified_diff(lines(fixed.before), lines(fixed.after), f"a/{name}", f"b/{name}")
    return "".join(
        line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
        for line in diff
    )


PASSES = 10
"""Most passes of fix-and-lint-again per run (ruff stops at 100; notices need one or two)."""


def fix_all(
    findings: Sequence[Finding],
    unsafe: bool,
    relint: Callable[[Mapping[str, bytes]], list[Finding]],
    fallback: str | None = None,
    known: Mapping[str, bytes] | None = None,
) -> tuple[list[Finding], list[Fixed], list[str]]:
    """Apply fixes in passes until none is left to apply; nothing is written here.

    ``relint`` lints changed texts (path -> bytes) and returns their
    findings, filtered as the run filters; ``known`` holds texts not on disk
    (standard input). Returns the findings left, each changed file
    (``Fixed``, sorted by path) and one-line errors for files that could not
    be read or decoded again (those are left as they were).
    """
    texts = dict(known or {})
    originals: dict[str, bytes] = {}
    counts: dict[str, int] = {}
    errors: list[str] = []
    left = list(findings)
    done: frozenset[tuple[str, str, Fix]] = frozenset()
    todo = wanted(left, unsafe)
    for _ in range(PASSES):
        changed: dict[str, bytes] = {}
        for path, pairs in sorted(todo.items()):
            try:
                data = texts[path] if path in texts else _read(path)
                new, used = applied(data, [fix for _, fix in pairs], fallback)
            except (OSError, UnicodeDecodeError) as exc:
                reason = exc.strerror if isinstance(exc, OSError) else "no longer decodes"
                errors.append(f"{path}: not fixed: {reason or exc}")
                continue
            done |= {(path, code, fix) for code, fix in pairs if any(fix is u for u in used)}
            if used and new != data:
                originals.setdefault(path, data)
                texts[path] = changed[path] = new
                counts[path] = counts.get(path, 0) + len(used)
        if not changed:
            break
        fresh = relint(changed)
        left = [f for f in left if f.path not in changed] + fresh
        todo = wanted(fresh, unsafe, done)
    fixed = [Fixed(p, originals[p], texts[p], counts[p]) for p in sorted(originals)]
    return left, fixed, errors


def _read(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def run(
    prepared: Session, options: CheckOptions, findings: list[Finding], piped: Mapping[str, bytes]
) -> tuple[list[Finding], int | None]:
    """``check --fix`` / ``--diff``: the findings left to report, or the exit status when
    nothing more is to be reported (``--diff``: 1 when there is something to fix).

    ``--diff`` prints a unified diff per file (to ``--output-file`` when given)
    and changes no notice. ``--fix``
    writes each changed file atomically, or, for standard input (``piped``),
    prints the fixed text on standard output (the report then goes to
    standard error). Messages go to standard error.
    """
    from policylint.engine import linter

    config = prepared.config
    unsafe = options.unsafe_fixes if options.unsafe_fixes is not None else config.unsafe_fixes

    def relint(changed: Mapping[str, bytes]) -> list[Finding]:
        rules, settings = prepared.rules, prepared.settings
        fresh = [
            f
            for path, data in changed.items()
            for f in linter.lint_bytes(path, data, rules, settings)
        ]
        return prepared.ignored_here(fresh)

    left, fixed, errors = fix_all(findings, unsafe, relint, config.encoding, piped)
    for error in errors:
        print(f"policylint: error: {error}", file=sys.stderr)
    total = sum(f.applied for f in fixed)
    files = f"{len(fixed)} file{'s' if len(fixed) != 1 else ''}"
    if options.diff:
        diff = "".join(unified_diff(one, config.encoding) for one in fixed)
        if options.output_file is not None:
            try:
                replace_file(options.output_file, diff.encode("utf-8"))
            except OSError as exc:
                from policylint.engine.config import ConfigError

                why = exc.strerror or exc
                raise ConfigError(
                    f"--output-file: cannot write {options.output_file}: {why}"
                ) from None
        else:
            sys.stdout.write(diff)
        if not options.quiet:
            print(f"policylint: would fix {total} finding{'s' if total != 1 else ''} in {files}",
                  file=sys.stderr)  # fmt: skip
        return left, 1 if fixed else 0
    failed: set[str] = set()
    for one in fixed:
        if one.path in piped:
            sys.stdout.buffer.write(one.after)
            continue
        try:
            replace_file(one.path, one.after)
        except OSError as exc:
            failed.add(one.path)
            total -= one.applied
            print(f"policylint: error: {one.path}: cannot write the fix: {exc.strerror or exc}",
                  file=sys.stderr)  # fmt: skip
    if failed:  # what was reported for those files still holds
        left = [f for f in left if f.path not in failed] + [f for f in findings if f.path in failed]
        fixed = [one for one in fixed if one.path not in failed]
        files = f"{len(fixed)} file{'s' if len(fixed) != 1 else ''}"
    for path, data in piped.items():
        if path not in {one.path for one in fixed}:
            sys.stdout.buffer.write(data)  # nothing to fix: the text passes through unchanged
    if fixed and not options.quiet:
        print(f"policylint: fixed {total} finding{'s' if total != 1 else ''} in {files}",
              file=sys.stderr)  # fmt: skip
    return left, None
