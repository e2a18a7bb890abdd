"""The local engine: batches linted by a pool of processes, one per core.

Workers are forked where the system can (they start with the rules the
parent compiled); elsewhere they are spawned and compile the rules once
each, from the pickled ``Linter``'s configuration. With one job the
batches are linted in this process. Results come back in the order batches
finish; at most two batches per worker are in flight, so memory stays flat
however large the archive. A worker ends when its parent does (killed
with ``kill -9``, say), so none is left holding the output folder.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, BrokenExecutor, Future, ProcessPoolExecutor, wait

from policylint.api import Linter
from policylint.audit.store import AuditError
from policylint.audit.work import Item, lint_batch

_LINTER: Linter | None = None


class LocalEngine:
    """Lints batches of ``Item`` on ``jobs`` processes (None: one per core)."""

    def __init__(self, linter: Linter, jobs: int | None = None) -> None:
        self.linter = linter
        self.jobs = jobs or cores()

    def run(self, batches: Iterable[list[Item]]) -> Iterator[tuple[list[Item], list[str]]]:
        """Each batch with its results, as batches finish; raises AuditError when a worker
        dies (the system ran out of memory, say)."""
        try:
            yield from self._run(batches)
        except BrokenExecutor as exc:
            raise AuditError(
                f"a worker process died ({exc}): the notices recorded so far are kept; "
                "run again to go on (with fewer --jobs if memory ran out)"
            ) from None

    def _run(self, batches: Iterable[list[Item]]) -> Iterator[tuple[list[Item], list[str]]]:
        if self.jobs == 1:
            for batch in batches:
                yield batch, lint_batch(self.linter, [(i.path, i.data) for i in batch])
            return
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        with ProcessPoolExecutor(
            self.jobs, mp_context=context, initializer=_start, initargs=(self.linter,)
        ) as pool:
            pending: dict[Future[list[str]], list[Item]] = {}
            for batch in batches:
                pending[pool.submit(_lint, [(i.path, i.data) for i in batch])] = batch
                if len(pending) >= 2 * self.jobs:
                    yield from _finished(pending)
            while pending:
                yield from _finished(pending)

    def describe(self) -> str:
        """``local, N processes`` (``local, in this process`` with one job)."""
        return "local, in this process" if self.jobs == 1 else f"local, {self.jobs} processes"

    def close(self) -> None:
        """Nothing to release: the pool ends with ``run``."""


def cores() -> int:
    """The cores this process may run on (its CPU affinity where the system has one)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def _finished(
    pending: dict[Future[list[str]], list[Item]],
) -> Iterator[tuple[list[Item], list[str]]]:
    done, _ = wait(pending, return_when=FIRST_COMPLETED)
    for future in done:
        yield pending.pop(future), future.result()


def _start(linter: Linter) -> None:
    """In each worker: keep the Linter; leave Ctrl-C to the parent, which stops the run;
    end when the parent ends."""
    import gc
    import signal
    import threading

    global _LINTER
    _LINTER = linter
    gc.enable()  # the parent may have forked with it off (start-up)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_end_with, args=(parent.sentinel,), daemon=True).start()


def _end_with(sentinel: int) -> None:
    from multiprocessing.connection import wait as wait_for

    wait_for([sentinel])
    os._exit(1)


def _lint(items: Sequence[tuple[str, bytes]]) -> list[str]:
    assert _LINTER is not None
    return lint_batch(_LINTER, items)
