"""Replacing a file atomically: the one way policylint writes a user's file.

The new bytes go to a temporary file in the same folder, which is then
renamed over the file (``os.replace``), so an interrupted run leaves the old
file or the new one, never part of each. A file that exists keeps its
permission bits; a new one gets those the umask allows (``mkstemp`` alone
would make it readable by its owner only). A symlink is followed: the file
it points to is replaced, the link stays.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def replace_file(path: str | Path, data: bytes) -> None:
    """Write ``data`` as the whole content of ``path``; raises OSError (a folder that is
    not writable, a full disk)."""
    target = os.path.realpath(path)
    folder = os.path.dirname(target)
    os.makedirs(folder, exist_ok=True)
    try:
        mode = os.stat(target).st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    handle, temporary = tempfile.mkstemp(
        dir=folder, prefix=f".{os.path.basename(target)}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
