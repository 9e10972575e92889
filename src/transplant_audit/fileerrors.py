"""One place that turns an ``OSError`` on a user-given path into a one-line ``DataError``.

Reading: a directory, a symlink loop or a file the user may not read. Writing: an output
path that is a directory, or that lies under a file. Each becomes ``DataError`` naming the
path and the system's reason (the CLI prints one line, exit 2) instead of a traceback.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from transplant_audit import error_codes as codes
from transplant_audit.errors import DataError


def read_error(path: str | os.PathLike[str], exc: OSError) -> DataError:
    """The error for ``exc`` raised while opening ``path`` to read it."""
    if isinstance(exc, FileNotFoundError):
        return DataError(str(path), "no such file", code=codes.MissingPath)
    if isinstance(exc, IsADirectoryError) or Path(path).is_dir():
        return DataError(str(path), "is a directory, not a file", code=codes.NotAFile)
    return DataError(str(path), f"cannot be read: {exc.strerror or exc}", code=codes.Unreadable)


def write_error(path: str | os.PathLike[str], exc: OSError) -> DataError:
    """The error for ``exc`` raised while writing the output ``path``."""
    reason = "is a directory" if Path(path).is_dir() else (exc.strerror or str(exc))
    return DataError(str(path), f"cannot write the output: {reason}", code=codes.CannotWrite)


def write_bytes_atomic(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """Write bytes to a temp file beside ``path``, fsync, then rename.

    ``mode``: the file's permissions (default: the temp file's own, 0o600). A path that
    cannot be written (a directory, under a file) is one ``cannot-write`` line naming
    it, with no temp file left.
    """
    path = Path(path)
    if path.is_dir():
        raise write_error(path, IsADirectoryError(21, "is a directory"))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    except OSError as exc:
        raise write_error(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise write_error(path, exc) from None
        raise
