"""The baseline: findings recorded once, so that a run reports only the new ones.

A team adopting policylint on notices it already has records today's
findings (``check --write-baseline FILE``) and from then on is told only of
findings that are not in that file (``check --baseline FILE``, or the config
key ``baseline``; the flag wins). In the flow this is the last filter: after
select/ignore, inline suppressions and ``per-file-ignores``, before the
report (``engine/checking``). The results cache keeps unfiltered findings, so
it stays valid whatever the baseline says.

The same finding is the same key, ``(path, code, sentence)``:

- ``path``: POSIX, relative to the baseline file's folder, so a run from the
  repository's top and a hook run from elsewhere agree;
- ``code``: the rule's code (codes never change; the name is kept for readers);
- ``sentence``: the normalised text of the sentence holding the finding's
  start (``parse/sentences``), so lines added above it, or its paragraph
  re-wrapped, keep it; never the line, nor the message (whose day counts
  change daily). A finding about the whole notice (something missing from
  it: PL101, PL201, PL301, PL501-PL513, ...) sits on the title line
  (``rules/context.document_location``); one whose span is exactly that
  place is keyed by ``WHOLE`` (``""``), not by the title's text, so editing
  the title or adding a line above it keeps it. A finding covering only part
  of the title line keeps the title's text.

An entry with ``count: n`` hides at most ``n`` current findings with its key
(the first ``n`` in output order); more are reported. An entry of a file
checked in this run with fewer findings than its count is stale: one
``PL908 baseline-entry-fixed`` (info) at line 1 of that file. An entry of a
file that no longer exists (deleted or renamed) is stale too: one PL908 at
the baseline file itself, at the entry's line; ``--write-baseline`` drops it,
so a new file at that path does not inherit its silence. Entries of files
that exist but were not checked in this run are never stale, and
``--write-baseline`` keeps them.

The file, version 1: UTF-8 JSON, one entry a line, sorted by (path, code,
sentence), keys in the order of ``FIELDS``, a final newline (``dumps``)::

    {
      "policylint-baseline": 1,
      "entries": [
        {"path": "docs/privacy.md", "code": "PL401", "rule": "fee-claim-unsupported", ...}
      ]
    }
"""

from __future__ import annotations

import json
import os
import stat
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, NamedTuple, NoReturn

from policylint.base.atomic import replace_file
from policylint.base.findings import Finding
from policylint.base.messages import AUTO, DEFAULT, Message, render
from policylint.engine.config import ConfigError
from policylint.engine.registry import BASELINE_ENTRY_FIXED

if TYPE_CHECKING:
    from policylint.engine.options import CheckOptions
    from policylint.engine.session import Session

VERSION = 1
"""The format version this policylint reads and writes."""
FIELDS = ("path", "code", "rule", "sentence", "count")
"""The keys of an entry, in the order they are written."""
WHOLE = ""
"""The sentence of a finding about the whole notice (its span is the document location)."""
_NEVER = frozenset({BASELINE_ENTRY_FIXED.code, "PL104"})
"""Never recorded, hidden or stale: PL908, and PL104 (about a change since a git base)."""
_SHOWN = 80  # characters of a sentence quoted in a PL908 message


class Key(NamedTuple):
    """What makes two findings the same: POSIX path (relative to the baseline's folder),
    rule code and normalised sentence."""

    path: str
    code: str
    sentence: str


class Entry(NamedTuple):
    """One entry: ``times`` (its ``count`` in the file, at least 1) findings of rule ``code``
    (named ``rule``) in one sentence of one file; ``path`` and ``sentence`` as in ``Key``."""

    path: str
    code: str
    rule: str
    sentence: str
    times: int

    @property
    def key(self) -> Key:
        """The key of the findings this entry hides."""
        return Key(self.path, self.code, self.sentence)


def hide(
    prepared: Session,
    options: CheckOptions,
    findings: list[Finding],
    files: Sequence[str],
    texts: Mapping[str, bytes],
) -> tuple[list[Finding], int]:
    """The findings the run's baseline does not hide, with a PL908 per stale entry, sorted;
    and how many it hid. ``texts`` holds the bytes of files not on disk (standard input)."""
    file, where = _chosen(prepared, options)
    entries = read(file, where)
    folder = _folder(file)
    allowed = Counter({entry.key: entry.times for entry in entries})
    used: Counter[Key] = Counter()
    kept: list[Finding] = []
    for finding, key in zip(findings, keys(prepared, findings, folder, texts), strict=True):
        if used[key] < allowed[key] and finding.code not in _NEVER:
            used[key] += 1
        else:
            kept.append(finding)
    shown = {_key_path(path, folder): path for path in files}
    live = [e for e in entries if e.code not in _NEVER]
    stale = [(e, used[e.key]) for e in live if e.path in shown and used[e.key] < e.times]
    stale.sort(key=lambda item: item[0].key)
    gone = sorted(e for e in entries if e.path not in shown and _gone(folder, e.path))
    if stale or gone:
        kept += _fixed(prepared, file, stale, gone, shown)
    kept.sort(key=Finding.sort_key)
    hidden = sum(used.values())
    if options.verbose:
        counts = f"{_entries(len(entries))}, {hidden} findings hidden"
        counts += f", {len(stale) + len(gone)} stale"
        print(f"policylint: baseline {file}: {counts}", file=sys.stderr)
    return kept, hidden


def record(
    prepared: Session,
    file: Path,
    findings: Sequence[Finding],
    files: Sequence[str],
    texts: Mapping[str, bytes],
) -> str:
    """Write the findings of the run into the baseline ``file``; what was written, in words.

    Entries of ``file`` for files not checked in this run are kept while the
    file exists; PL908 is never recorded. Raises ConfigError when the old file
    cannot be read or the new one cannot be written.
    """
    where = "--write-baseline"
    old = read(file, where) if os.path.lexists(file) else []
    folder = _folder(file)
    checked = {_key_path(path, folder) for path in files}
    findings = [f for f in findings if f.code not in _NEVER]
    counts: Counter[Key] = Counter()
    names: dict[Key, str] = {}
    for finding, key in zip(findings, keys(prepared, findings, folder, texts), strict=True):
        counts[key] += 1
        names[key] = finding.rule
    entries = [Entry(k.path, k.code, names[k], k.sentence, n) for k, n in counts.items()]
    entries += [e for e in old if e.path not in checked and not _gone(folder, e.path)]
    written = save(file, dumps(entries), where)
    paths = len({entry.path for entry in entries})
    what = f"{_entries(len(entries))} for {paths} file{'s' * (paths != 1)}"
    return f"wrote {what} to {file}" if written else f"{file} unchanged: {what}"


def _entries(n: int) -> str:
    return f"{n} baseline entr{'y' if n == 1 else 'ies'}"


def keys(
    prepared: Session, findings: Sequence[Finding], folder: str, texts: Mapping[str, bytes]
) -> list[Key]:
    """The key of each finding, in order; each file with findings is read and parsed once.

    A finding whose span is exactly the document location gets ``WHOLE``. A
    file that cannot be read or decoded, or is over ``max-file-size``, has no
    sentences: its findings get ``""``.
    """
    from policylint.parse.sentences import Sentences
    from policylint.rules.context import document_location

    by_path: dict[str, list[int]] = {}
    for index, finding in enumerate(findings):
        by_path.setdefault(finding.path, []).append(index)
    found: list[Key] = [Key("", "", "")] * len(findings)
    limit, encoding = prepared.config.max_file_size, prepared.config.encoding
    for path, indices in by_path.items():
        sentences = Sentences.of_file(path, texts.get(path), limit, encoding)
        key_path = _key_path(path, folder)
        whole = document_location(sentences.doc).one_based() if sentences else None
        for index in indices:
            finding = findings[index]
            span = (finding.line, finding.column, finding.end_line, finding.end_column)
            if sentences is None or span == whole:
                sentence = WHOLE
            else:
                sentence = sentences.at(finding.line - 1, finding.column - 1)
            found[index] = Key(key_path, finding.code, sentence)
    return found


def read(file: Path, where: str) -> list[Entry]:
    """The entries of a baseline file, those with the same key merged (counts added).

    Raises ConfigError naming ``where`` (the flag or config key), the file and
    the problem: missing, unreadable, not JSON, another version, a bad entry.
    """

    def fail(problem: str) -> NoReturn:
        raise ConfigError(f"{where}: {file}: {problem}")

    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        fail("no such baseline file (check --write-baseline FILE makes one)")
    except OSError as exc:
        fail(f"cannot read: {exc.strerror or exc}")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        fail("not UTF-8 text")
    except json.JSONDecodeError as exc:
        fail(f"invalid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}")
    if not isinstance(data, dict) or "policylint-baseline" not in data:
        fail('not a policylint baseline (no "policylint-baseline" version)')
    version = data["policylint-baseline"]
    if type(version) is not int or version != VERSION:
        fail(f"baseline format {version!r} is not supported (this policylint reads {VERSION})")
    unknown = sorted(set(data) - {"policylint-baseline", "entries"})
    if unknown:
        fail(f"unknown key {unknown[0]!r}")
    if not isinstance(data.get("entries"), list):
        fail("'entries' must be a list")
    merged: dict[Key, Entry] = {}
    for number, item in enumerate(data["entries"], 1):
        entry = _entry(item)
        if isinstance(entry, str):
            fail(f"entry {number}: {entry}")
        same = merged.get(entry.key)
        merged[entry.key] = same._replace(times=same.times + entry.times) if same else entry
    return list(merged.values())


def _entry(item: Any) -> Entry | str:
    """The entry ``item`` describes, or what is wrong with it."""
    if not isinstance(item, dict):
        return "must be an object"
    missing = [name for name in FIELDS if name not in item]
    if missing:
        return f"{missing[0]!r} is missing"
    unknown = sorted(set(item) - set(FIELDS))
    if unknown:
        return f"unknown key {unknown[0]!r}"
    for name in FIELDS[:-1]:
        if not isinstance(item[name], str):
            return f"{name!r} must be a string"
    if type(item["count"]) is not int or item["count"] < 1:
        return "'count' must be a whole number, at least 1"
    return Entry(*(item[name] for name in FIELDS))


def dumps(entries: Sequence[Entry]) -> str:
    """The text of a baseline file: sorted entries, one a line (a diff shows each entry
    added, removed or recounted as one line), keys in ``FIELDS`` order, final newline."""
    ordered = sorted(entries, key=lambda entry: entry.key)
    lines = [json.dumps(dict(zip(FIELDS, e, strict=True)), ensure_ascii=False) for e in ordered]
    body = "[\n    " + ",\n    ".join(lines) + "\n  ]" if lines else "[]"
    return f'{{\n  "policylint-baseline": {VERSION},\n  "entries": {body}\n}}\n'


def save(file: Path, text: str, where: str) -> bool:
    """Write ``text`` (UTF-8, newlines as written) to ``file`` atomically (``base/atomic``);
    whether it changed. An unchanged file is left alone (and its modification time)."""
    data = text.encode("utf-8")
    try:
        if file.is_file() and file.read_bytes() == data:
            return False
        replace_file(file, data)
        return True
    except OSError as exc:
        raise ConfigError(f"{where}: cannot write {file}: {exc.strerror or exc}") from None


def _chosen(prepared: Session, options: CheckOptions) -> tuple[Path, str]:
    """The baseline file of the run and who named it (for errors): the flag, else the config."""
    if options.baseline is not None:
        return options.baseline, "--baseline"
    assert prepared.config.baseline is not None
    return prepared.config.baseline, prepared.config.where("baseline")


def _folder(file: Path) -> str:
    return os.path.dirname(os.path.abspath(file))


def _key_path(path: str, folder: str) -> str:
    """``path`` (as the run reports it) as a baseline names it: POSIX, relative to ``folder``."""
    if path == "-":
        return path  # standard input without --stdin-filename: no place on disk
    absolute = os.path.abspath(path)
    try:
        return PurePath(os.path.relpath(absolute, folder)).as_posix()
    except ValueError:  # another drive (Windows): no relative path exists
        return PurePath(absolute).as_posix()


def _gone(folder: str, path: str) -> bool:
    """Whether the file an entry names (``path``, relative to ``folder``) no longer exists:
    nothing (or a folder) is there. Standard input (``-``) and a file that cannot be looked
    at (no permission) are not gone."""
    if path == "-":
        return False
    try:
        return stat.S_ISDIR(os.stat(os.path.join(folder, path)).st_mode)
    except (FileNotFoundError, NotADirectoryError):
        return True
    except OSError:
        return False


def _lines(file: Path, entries: Sequence[Entry]) -> dict[Key, int]:
    """The 1-based line of ``file`` where each of ``entries`` is written, for those written
    on a line of their own (as ``dumps`` writes them); the first such line of a key."""
    wanted = {entry.key for entry in entries}
    found: dict[Key, int] = {}
    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return found
    for number, line in enumerate(text.splitlines(), 1):
        try:
            entry = _entry(json.loads(line.strip().rstrip(",")))
        except json.JSONDecodeError:  # the lines around the entries: braces, the version
            continue
        if isinstance(entry, Entry) and entry.key in wanted:
            found.setdefault(entry.key, number)
    return found


def _fixed(
    prepared: Session,
    file: Path,
    stale: Sequence[tuple[Entry, int]],
    gone: Sequence[Entry],
    shown: Mapping[str, str],
) -> list[Finding]:
    """One PL908 finding per stale entry; none when the configuration turns PL908 off.

    An entry of a checked file (in ``stale``, with the number of findings it
    still hides) is reported at line 1 of that file as the run names it
    (``shown``); an entry of a file that no longer exists (``gone``) at its
    1-based line of the baseline ``file`` (1 when it is not on a line of its own).
    """
    rule = next((r for r in prepared.rules if r.code == BASELINE_ENTRY_FIXED.code), None)
    if rule is None:
        return []
    language = prepared.config.message_language or DEFAULT
    language = DEFAULT if language == AUTO else language  # no notice was analysed to tell
    placed: list[tuple[str, int, Message]] = []
    for entry, left in stale:
        values = _values(entry)
        message = (
            Message('baseline entry fixed, remove it: {code} {name} "{sentence}"', **values)
            if not left
            else Message(
                "baseline entry partly fixed, lower its count to {left}: "
                '{code} {name} "{sentence}"',
                left=left,
                **values,
            )
        )
        placed.append((shown[entry.path], 1, message))
    lines = _lines(file, gone) if gone else {}
    for entry in gone:
        message = Message(
            "baseline entry for a file that no longer exists, remove it: "
            '{path} {code} {name} "{sentence}"',
            path=entry.path,
            **_values(entry),
        )
        placed.append((str(file), lines.get(entry.key, 1), message))
    found = [
        Finding(path, line, 1, line, 2, rule.code, rule.name, rule.severity, render(m, language))
        for path, line, m in placed
    ]
    return prepared.ignored_here(found)


def _values(entry: Entry) -> dict[str, str]:
    """An entry's code, rule name and sentence (shortened to ``_SHOWN`` characters) for a
    PL908 message."""
    sentence = entry.sentence
    if len(sentence) > _SHOWN:
        sentence = sentence[: _SHOWN - 3].rstrip() + "..."
    return {"code": entry.code, "name": entry.rule, "sentence": sentence}
