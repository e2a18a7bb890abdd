"""Two halves of one job on two cores: a forked child does one, this process the other.

A single large notice is parsed once; its rules then run in two groups at the
same time (``linter.lint_document``). The child is forked after the parse and
the shared analyses, so it starts with the document and the facts already
made, runs its half, and sends back what it found, pickled, through a pipe.
Nothing else crosses: the results are the same as running both halves here,
in the same order (``tests/test_halves.py`` compares them).

Where fork is not available or fails (a container's process limit), or the
child fails for any reason (killed, out of memory, a result that does not
pickle), the second half is run here after the first: a slower run, never a
different one. A child that hangs holds the run up: the halves are the rules'
own work, which has no time limit in one process either.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def in_two(first: Callable[[], list[T]], second: Callable[[], list[T]]) -> list[T]:
    """``first() + second()``, with ``second`` run in a forked child while ``first``
    runs here. Raises what ``first`` raises; ``second``'s errors make it run here."""
    if not hasattr(os, "fork"):
        return first() + second()
    try:
        reader, writer = os.pipe()
    except OSError:  # out of file descriptors
        return first() + second()
    try:
        pid = os.fork()
    except OSError:  # no process to be had (a container's limit): both halves here
        os.close(reader)
        os.close(writer)
        return first() + second()
    if pid == 0:  # the child: its half, pickled to the pipe, then gone without cleanup
        code = 1
        try:
            os.close(reader)
            data = pickle.dumps(second(), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(writer, "wb") as out:
                out.write(data)
            code = 0
        finally:
            os._exit(code)
    os.close(writer)
    try:
        mine = first()
    finally:
        with os.fdopen(reader, "rb") as pipe:
            data = pipe.read()  # read before waiting: a full pipe would block the child
        _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) == 0:
        try:
            theirs: list[T] = pickle.loads(data)
            return mine + theirs
        except Exception:  # a damaged result: do the half again here
            pass
    return mine + second()
