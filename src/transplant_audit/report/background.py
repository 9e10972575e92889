"""Run one part of the report's work in a second process while this one runs the rest.

The report's analyses are independent: the estimate in this process, the forensic
tests and the donor pool in a forked child (``start``), so on two cores they take
the time of the longer, not of both. The child's result (or the exception it raised)
comes back pickled; ``Pending.result()`` returns it or raises it here. Where a fork
is not available (Windows, macOS's default), on one core, or with
``TRANSPLANT_AUDIT_PROCESSES=1``, the work runs in this process when its result is
asked for, with the same result.
"""

from __future__ import annotations

import os
import pickle
import traceback
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, Generic, TypeVar

T = TypeVar("T")

PROCESSES_ENV = "TRANSPLANT_AUDIT_PROCESSES"
"""Set to 1 to run everything in one process."""


def can_fork() -> bool:
    """True when a second process can share the work (fork start method, 2+ cores, allowed)."""
    import multiprocessing

    if os.environ.get(PROCESSES_ENV, "").strip() == "1":
        return False
    if (os.cpu_count() or 1) < 2:
        return False
    return "fork" in multiprocessing.get_all_start_methods()


class Pending(Generic[T]):
    """The result of ``start``: ``result()`` waits for it, or runs the work if nothing did."""

    def __init__(self, fn: Callable[..., T], args: tuple[Any, ...]) -> None:
        self._fn, self._args = fn, args
        self._future: Future | None = None
        self._pool: Any = None

    @property
    def running(self) -> bool:
        """True while a second process is still working on it."""
        return self._future is not None and not self._future.done()

    def result(self) -> T:
        if self._future is None:
            return self._fn(*self._args)
        try:
            outcome, value = self._future.result()
        finally:
            self._pool.shutdown(wait=True)
        if outcome == "raise":
            raise value
        return value


def _call(fn: Callable[..., T], args: tuple[Any, ...]) -> tuple[str, Any]:
    """In the child: ("ok", result) or ("raise", exception), the exception made picklable."""
    try:
        return "ok", fn(*args)
    except BaseException as exc:  # noqa: BLE001 - handed to the parent, which raises it
        try:
            pickle.loads(pickle.dumps(exc))
            return "raise", exc
        except Exception:  # noqa: BLE001 - an exception that cannot cross processes
            text = "".join(traceback.format_exception(exc))
            return "raise", RuntimeError(f"{type(exc).__name__}: {exc}\n{text}")


def start(fn: Callable[..., T], *args: Any) -> Pending[T]:
    """Start ``fn(*args)`` in a forked child when ``can_fork()``; see the module docstring.

    ``fn`` and its result must be picklable (a module-level function; results without
    closures). Call it before this process starts threads of its own.
    """
    pending: Pending[T] = Pending(fn, args)
    if not can_fork():
        return pending
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
    pending._pool = pool
    pending._future = pool.submit(_call, fn, args)
    return pending
