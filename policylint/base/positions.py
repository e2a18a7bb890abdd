"""Positions in a file, as findings carry them."""

from __future__ import annotations

from typing import NamedTuple


class Location(NamedTuple):
    """A span in a file: 1-based line and column; the end column is exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int
