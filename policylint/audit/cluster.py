"""The Dask engine: batches linted on a ``dask.distributed`` cluster.

``Client(ADDRESS)`` joins a running scheduler; without an address a
``LocalCluster`` (one single-threaded worker process per core) is started
and stopped with the run. A worker plugin compiles the rules once per
worker, from the pickled ``Linter``'s configuration, and checks that the
worker computes the same settings fingerprint as this process: a worker
with another policylint version, other packs or another config would make
other findings, and is refused with a clear error rather than trusted.
Batches carry the notices' bytes, so workers need no shared file system
(but need policylint, and any ``--rules`` packs and config at the same
paths). Results stream back as batches finish; at most a few batches per
worker are in flight.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import CancelledError
from typing import Any

from distributed import Client, Future, KilledWorker, LocalCluster, WorkerPlugin, wait

from policylint.api import Linter
from policylint.audit.local import cores
from policylint.audit.store import AuditError
from policylint.audit.work import Item, lint_batch

WAIT_FOR_WORKERS = 60
"""Seconds to wait for a scheduler without workers to get one."""
_LINTERS: dict[str, Linter] = {}
"""In each worker: the Linter of each run's settings fingerprint, set by the plugin."""


class DaskEngine:
    """Lints batches of ``Item`` on the cluster at ``scheduler`` (None: a local one).

    Raises AuditError when the scheduler cannot be reached, or a worker cannot
    compile the same rules.
    """

    def __init__(self, linter: Linter, scheduler: str | None, jobs: int | None = None) -> None:
        self.fingerprint = linter.session.settings_key()
        self.cluster: LocalCluster | None = None
        self.plugin = f"policylint-rules-{self.fingerprint}"
        """One plugin per settings: a cluster kept running serves runs with other settings."""
        try:
            self._join(scheduler, jobs)
            self.client.register_plugin(_Rules(linter, self.fingerprint), name=self.plugin)
        except AuditError:
            self.close()
            raise
        except Exception as exc:  # raised on a worker, re-raised here: say which and why
            self.close()
            raise AuditError(f"a Dask worker cannot run these rules: {exc}") from None
        except BaseException:  # Ctrl-C
            self.close()
            raise

    def _join(self, scheduler: str | None, jobs: int | None) -> None:
        if not scheduler:
            try:
                self.cluster = _local_cluster(jobs or cores())
                self.client: Client = Client(self.cluster)
            except Exception as exc:  # distributed raises RuntimeError, OSError...
                raise AuditError(f"cannot start a local Dask cluster: {exc}") from None
            return
        try:
            # Waits distributed.comm.timeouts.connect (Dask's config; 30 s by default).
            self.client = Client(scheduler)
        except Exception as exc:  # OSError, TimeoutError, ValueError, TypeError (tls://)...
            raise AuditError(f"--scheduler {scheduler}: cannot reach it: {exc}") from None
        try:
            self.client.wait_for_workers(1, timeout=WAIT_FOR_WORKERS)
        except TimeoutError:
            why = f"no worker joined it within {WAIT_FOR_WORKERS} s"
            raise AuditError(f"--scheduler {scheduler}: {why}") from None

    def describe(self) -> str:
        """``dask, N workers at ADDRESS``."""
        started = " (a local cluster)" if self.cluster is not None else ""
        address = self.client.scheduler_info().get("address", "?")
        return f"dask, {self.workers()} workers at {address}{started}"

    def workers(self) -> int:
        """How many workers the cluster has now."""
        return max(1, len(self.client.nthreads()))

    def run(self, batches: Iterable[list[Item]]) -> Iterator[tuple[list[Item], list[str]]]:
        """Each batch with its results, as batches finish; raises AuditError when the
        cluster fails (what was recorded before is kept)."""
        try:
            yield from self._run(batches)
        except (OSError, TimeoutError, KilledWorker, CancelledError) as exc:  # lost workers
            raise AuditError(
                f"the Dask cluster failed: {type(exc).__name__}: {exc} "
                "(the notices recorded so far are kept: run again to go on)"
            ) from None

    def _run(self, batches: Iterable[list[Item]]) -> Iterator[tuple[list[Item], list[str]]]:
        pending: dict[Future[list[str]], list[Item]] = {}
        limit = 3 * self.workers()
        for batch in batches:
            pending[self._submit(batch)] = batch
            if len(pending) >= limit:
                yield from self._finished(pending)
        while pending:
            yield from self._finished(pending)

    def _finished(
        self, pending: dict[Future[list[str]], list[Item]]
    ) -> Iterator[tuple[list[Item], list[str]]]:
        """The batches that finish next; raises AuditError when the cluster has had no
        worker for ``WAIT_FOR_WORKERS`` seconds (Dask would wait for one for ever)."""
        alone_since: float | None = None
        while True:
            try:
                done, _ = wait(list(pending), timeout=5, return_when="FIRST_COMPLETED")
                break
            except TimeoutError:
                if self.client.scheduler_info().get("workers"):
                    alone_since = None
                    continue
                alone_since = alone_since or time.monotonic()
                if time.monotonic() - alone_since > WAIT_FOR_WORKERS:
                    raise AuditError(
                        f"the Dask cluster has had no worker for {WAIT_FOR_WORKERS} s "
                        "(the notices recorded so far are kept: run again to go on)"
                    ) from None
        for future in done:
            yield pending.pop(future), future.result()

    def _submit(self, batch: list[Item]) -> Future[list[str]]:
        items = [(i.path, i.data) for i in batch]
        return self.client.submit(_lint, self.fingerprint, items, pure=False)

    def close(self) -> None:
        """Leave the cluster; stop it when this run started it."""
        client = getattr(self, "client", None)
        if client is not None:
            if self.cluster is None:  # a cluster kept running: leave no plugin behind
                with contextlib.suppress(Exception):
                    client.unregister_worker_plugin(self.plugin)
            client.close()
        if self.cluster is not None:
            self.cluster.close()


def _local_cluster(workers: int) -> LocalCluster:
    """A cluster of ``workers`` single-threaded worker processes on this machine.

    They start with Ctrl-C ignored (an ignored signal stays ignored in a
    child), so an interrupted run ends with one message, not a traceback
    from each worker. Here it is ignored only while they start, and blocked
    meanwhile too: Linux keeps a blocked signal pending even when it is
    ignored, so a Ctrl-C pressed during the start arrives when it ends.
    """
    import signal
    from multiprocessing import resource_tracker

    resource_tracker.ensure_running()  # it unblocks SIGINT in the thread that starts it
    mask = getattr(signal, "pthread_sigmask", None)
    if mask is not None:
        mask(signal.SIG_BLOCK, {signal.SIGINT})
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        return LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            dashboard_address=":0",  # a free port: 8787 (the default) may be taken
            silence_logs=logging.CRITICAL,
        )
    finally:
        signal.signal(signal.SIGINT, previous)
        if mask is not None:
            mask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _lint(fingerprint: str, items: Sequence[tuple[str, bytes]]) -> list[str]:
    linter = _LINTERS.get(fingerprint)
    if linter is None:  # a worker that joined without the plugin: should not happen
        raise RuntimeError("policylint's rules were not prepared on this worker")
    return lint_batch(linter, items)


class _Rules(WorkerPlugin):  # type: ignore[misc]  # Dask is read as Any (pyproject.toml)
    """Compiles the rules on each worker once (unpickling the Linter does) and checks them."""

    idempotent = True

    def __init__(self, linter: Linter, fingerprint: str) -> None:
        self.linter = linter
        self.fingerprint = fingerprint

    def setup(self, worker: Any) -> None:
        from policylint import __version__

        found = self.linter.session.settings_key()
        if found != self.fingerprint:
            raise RuntimeError(
                f"worker {worker.address} (policylint {__version__}) has other rules, packs "
                "or config than the client: install the same policylint and files on every worker"
            )
        _LINTERS[self.fingerprint] = self.linter

    def teardown(self, worker: Any) -> None:
        _LINTERS.pop(self.fingerprint, None)
