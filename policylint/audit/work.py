"""The unit of work every engine runs: a batch of notices in, their results out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple, Protocol

from policylint.api import Linter
from policylint.audit import records


class Item(NamedTuple):
    """One notice to lint: its path as found, its bytes, and where its result goes."""

    path: str
    data: bytes
    key: str


def lint_batch(linter: Linter, items: Sequence[tuple[str, bytes]]) -> list[str]:
    """The result (``records.result``) of each (path, bytes) in ``items``, in order."""
    return [records.result(linter.lint_text(data, path)) for path, data in items]


class Engine(Protocol):
    """Runs ``lint_batch`` on batches somewhere: this machine's cores, a cluster."""

    def run(self, batches: Iterable[list[Item]]) -> Iterator[tuple[list[Item], list[str]]]:
        """Each batch with its results (one per item, in order), as batches finish."""
        ...

    def describe(self) -> str:
        """What runs the batches, for ``--verbose`` (``local, 8 processes``)."""
        ...

    def close(self) -> None:
        """Release what the engine holds (a cluster it started)."""
        ...
