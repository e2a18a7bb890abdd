"""The command line: ``main`` is the ``policylint`` console script.

A pre-commit hook starts policylint on every commit, and importing typer
costs 25-35 ms, a third of a one-file run. So ``main`` first reads
``check`` arguments with the fast parser (``cli/fastpath.parse_argv``) and
runs the check directly; anything else (help, another command, a value the
fast parser refuses) goes to the typer app in ``cli/app.py``. Both read the
one declaration of the options in ``engine/options.py``.

Exit status: 0 clean, 1 findings at or above the failing severity, 2 usage
or configuration errors.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> None:
    """Run policylint with ``argv`` (default: ``sys.argv[1:]``); exits with its status."""
    from policylint.engine import checking

    checking.quiet_start_and_exit()
    try:
        try:
            args = list(sys.argv[1:] if argv is None else argv)
            if args[:1] == ["check"]:
                from policylint.cli.fastpath import parse_argv

                options = parse_argv(args[1:])
                if options is not None:
                    sys.exit(checking.run(options))
            from policylint.cli.app import run_app

            run_app(args)
        finally:
            if not sys.stdout.closed:  # the language server closes it when the client exits
                sys.stdout.flush()  # here, so that a closed pipe is caught below, not at exit
    except BrokenPipeError:
        # The reader went away (``policylint check . | head -1``): end quietly, as the
        # Python docs recommend: point stdout at devnull so the exit flush cannot fail.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
    finally:
        gc.enable()
