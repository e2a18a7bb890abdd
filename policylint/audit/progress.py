"""The progress bar on a terminal: files done, MB/s, time left (rich's progress display)."""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import Any


class Progress:
    """Counts notices and bytes done; draws a bar on standard error when ``shown``.

    Redrawn at most ten times a second, from the caller's thread (no
    refresh thread: the local engine forks workers).
    """

    def __init__(self, files: int, size: int, shown: bool) -> None:
        self.files, self.done = files, 0
        self._bar: Any = None
        self._drawn = 0.0
        if not shown:
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            TextColumn,
            TimeRemainingColumn,
            TransferSpeedColumn,
        )
        from rich.progress import Progress as Bar

        self._bar = Bar(
            TextColumn("auditing"),
            BarColumn(),
            TextColumn("{task.fields[done]:,}/{task.fields[files]:,} notices"),
            TransferSpeedColumn(),
            TimeRemainingColumn(),
            console=Console(file=sys.stderr, force_terminal=True),
            auto_refresh=False,
            transient=True,
        )
        self._task = self._bar.add_task("audit", total=size, done=0, files=files)

    def __enter__(self) -> Progress:
        if self._bar is not None:
            self._bar.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.stop()

    def advance(self, files: int, size: int) -> None:
        """``files`` more notices of ``size`` bytes in all are recorded."""
        self.done += files
        if self._bar is None:
            return
        self._bar.update(self._task, advance=size, done=self.done)
        now = time.monotonic()
        if now - self._drawn >= 0.1 or self.done == self.files:
            self._drawn = now
            self._bar.refresh()
