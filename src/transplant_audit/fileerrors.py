"""One place that turns an ``OSError`` on a user-given path into a one-line ``DataError``.

Reading: a directory, a symlink loop or a file the user may not read. Writing: an output
path that is a directory, or that lies under a file. Each becomes ``DataError`` naming the
path and the system's reason (the CLI prints one line, exit 2) instead of a traceback.
"""

from __future__ import annotations

import os
import secrets
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


def _is_dir(path: str | os.PathLike[str]) -> bool:
    """``Path.is_dir``, False where ``stat`` itself fails (EACCES on a directory that may
    not be searched, ENAMETOOLONG): ``Path.is_dir`` raises those."""
    try:
        return Path(path).is_dir()
    except OSError:
        return False


def write_error(path: str | os.PathLike[str], exc: OSError) -> DataError:
    """The error for ``exc`` raised while writing the output ``path``."""
    reason = "is a directory" if _is_dir(path) else (exc.strerror or str(exc))
    return DataError(str(path), f"cannot write the output: {reason}", code=codes.CannotWrite)


SECRET_MODE = 0o600
"""A secret's permissions (signing keys, pseudonym keys, anything under a key path),
whatever the umask. Every other output follows the umask like any file the user creates."""


def _open_temp(path: Path, *, secret: bool) -> tuple[int, Path]:
    """Create an empty temp file beside ``path``: 0o666 less the umask, or 0o600 if secret.

    ``os.open`` lets the kernel apply the umask (``tempfile.mkstemp`` always makes 0o600,
    and reading the umask means setting it, which races with other threads).
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = path.parent / f".{path.name}.{secrets.token_hex(6)}"
        try:
            fd = os.open(tmp, flags, SECRET_MODE if secret else 0o666)
        except FileExistsError:
            continue
        if secret:
            os.fchmod(fd, SECRET_MODE)  # exact, even under a umask that drops owner bits
        return fd, tmp
    raise FileExistsError(17, "no free temporary name", str(path.parent))


def temp_dir_beside(target: Path, label: str = "tmp") -> Path:
    """A new empty directory beside ``target`` (to be renamed onto it once filled).

    Its mode is 0o777 less the umask, as for any directory the user makes
    (``tempfile.mkdtemp`` makes 0o700, which a renamed output directory would keep).
    ``target``'s parent directories are made first; a parent that is a file or cannot be
    written is one ``cannot-write`` line naming ``target``.
    """
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(100):
            tmp = target.parent / f".{target.name}.{label}-{secrets.token_hex(6)}"
            try:
                os.mkdir(tmp, 0o777)
            except FileExistsError:
                continue
            return tmp
        raise FileExistsError(17, "no free temporary name", str(target.parent))
    except OSError as exc:
        raise write_error(target, exc) from None


def _write_temp(path: Path, data: bytes, *, secret: bool) -> Path:
    """``data`` in a fresh fsynced temp file beside ``path`` (made with its parent
    directories); a failure removes the temp file and is one ``cannot-write`` line naming
    ``path``."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = _open_temp(path, secret=secret)
    except OSError as exc:
        raise write_error(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise write_error(path, exc) from None
        raise
    return tmp


def write_bytes_atomic(path: Path, data: bytes, *, secret: bool = False) -> None:
    """Write bytes to a temp file beside ``path``, fsync, then rename.

    The file follows the umask (0o644 under umask 022), as an output the user asked for;
    ``secret=True`` makes it 0o600 whatever the umask (keys). A path that cannot be
    written (a directory, under a file) is one ``cannot-write`` line naming it, with no
    temp file left.
    """
    path = Path(path)
    if _is_dir(path):
        raise write_error(path, IsADirectoryError(21, "is a directory"))
    tmp = _write_temp(path, data, secret=secret)
    try:
        os.replace(tmp, path)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise write_error(path, exc) from None
        raise


def write_cache_atomic(path: Path, data: bytes) -> bool:
    """Keep ``data`` at ``path`` if possible, as ``write_bytes_atomic`` does, for a cache:
    a failure (a cache directory that cannot be written, a full disk) is swallowed, since
    a cache is rebuilt next time. False when nothing was kept; either way no half-written
    or temp file is left."""
    try:
        write_bytes_atomic(path, data)
    except DataError:
        return False
    return True


def create_bytes_exclusive(path: Path, data: bytes, *, secret: bool = False) -> bool:
    """Create ``path`` holding ``data`` unless it exists already; True when this call made it.

    The bytes go to a temp file beside ``path`` first (fsynced), which is then hard-linked
    to ``path``: the link fails if ``path`` exists, so a file another process created
    meanwhile is never replaced, and ``path`` is never seen empty or half-written (a
    failed write leaves nothing). For keys: ``secret=True`` makes it 0o600 whatever the
    umask. An error is one ``cannot-write`` line naming ``path``.
    """
    path = Path(path)
    tmp = _write_temp(path, data, secret=secret)
    try:
        os.link(tmp, path)
    except FileExistsError:
        return False
    except OSError as exc:
        raise write_error(path, exc) from None
    finally:
        tmp.unlink(missing_ok=True)
    return True
