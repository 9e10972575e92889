"""Run one part of the report's work in a second process while this one runs the rest.

The report's analyses are independent: the estimate, its sensitivity and the donor pool
in this process, the forensic tests in a forked child (``start``), so on two cores they
take the time of the longer, not of both. The child's result (or the exception it raised)
comes back pickled; ``Pending.result()`` returns it or raises it here. Where a fork
is not available (Windows, macOS's default), on one core, when the machine is busy (load
average above cores - 0.5), outside the main thread (the web server's report jobs), or
with ``TRANSPLANT_AUDIT_PROCESSES=1``, the work runs in this process when its result is
asked for, with the same result.
"""

from __future__ import annotations

import os
import pickle
import traceback
from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")

PROCESSES_ENV = "TRANSPLANT_AUDIT_PROCESSES"
"""Set to 1 to run everything in one process."""
FREE_CORE_MARGIN = 0.5
"""A second process is started only when the load average leaves at least about one core
free (load below cores - 0.5): on 2 cores busy with other work it made the report slower
(measured 2026-12-05 00:08, load 2.1-2.8: 11.45 s in two processes, 8.75 s in one)."""
JOIN_SECONDS = 10.0
"""How long the child may take to exit once its result arrived."""


def can_fork() -> bool:
    """True when a second process can share the work: the fork start method, 2+ cores with
    one about free (``FREE_CORE_MARGIN``), not turned off, and called from the main thread (a
    server's job threads, whose process has other threads holding who knows which locks, do
    all the work in their own process)."""
    import multiprocessing
    import threading

    if os.environ.get(PROCESSES_ENV, "").strip() == "1":
        return False
    if threading.current_thread() is not threading.main_thread():
        return False
    cores = os.cpu_count() or 1
    if cores < 2 or _load() > cores - FREE_CORE_MARGIN:
        return False
    return "fork" in multiprocessing.get_all_start_methods()


def _load() -> float:
    """The one-minute load average (0 where the system does not report it)."""
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return 0.0


class Pending(Generic[T]):
    """The result of ``start``: ``result()`` waits for it, or runs the work if nothing did."""

    def __init__(self, fn: Callable[..., T], args: tuple[Any, ...]) -> None:
        self._fn, self._args = fn, args
        self._process: Any = None
        self._receive: Any = None

    @property
    def running(self) -> bool:
        """True while a second process is still working on it."""
        if self._process is None or self._receive.closed:
            return False
        return self._process.is_alive() and not self._receive.poll()

    def result(self) -> T:
        if self._process is None:
            return self._fn(*self._args)
        try:
            outcome, value = self._receive.recv()
        except EOFError:
            self._process.join()
            raise RuntimeError(
                f"the report's second process ended without a result "
                f"(exit code {self._process.exitcode}); "
                f"run with {PROCESSES_ENV}=1 to do all the work in one process"
            ) from None
        finally:
            self._receive.close()
        self._process.join(timeout=JOIN_SECONDS)
        if self._process.is_alive():  # sent its result but did not exit: not needed any more
            self._process.terminate()
            self._process.join()
        if outcome == "raise":
            raise value
        return value

    def cancel(self) -> None:
        """Stop the second process (when this one fails before asking for the result)."""
        if self._process is not None and self._process.is_alive():
            self._process.terminate()
            self._process.join()


def _call(fn: Callable[..., T], args: tuple[Any, ...]) -> tuple[str, Any]:
    """("ok", result) or ("raise", exception), the exception made picklable."""
    try:
        return "ok", fn(*args)
    except BaseException as exc:  # noqa: BLE001 - handed to the parent, which raises it
        return "raise", _picklable(exc)


def _picklable(exc: BaseException) -> BaseException:
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:  # noqa: BLE001 - an exception that cannot cross processes
        text = "".join(traceback.format_exception(exc))
        return RuntimeError(f"{type(exc).__name__}: {exc}\n{text}")


def _child(send: Any, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
    """In the forked child: run, then send the outcome (a result that cannot be pickled is
    sent as the error it raises)."""
    outcome = _call(fn, args)
    try:
        send.send(outcome)
    except Exception as exc:  # noqa: BLE001 - the result itself cannot be pickled
        send.send(("raise", _picklable(exc)))
    finally:
        send.close()
        # Leave at once: no flushing of streams whose locks a thread of the parent (a
        # progress bar) may have held at the fork, no exit handlers of the parent.
        os._exit(0)


def start(fn: Callable[..., T], *args: Any) -> Pending[T]:
    """Start ``fn(*args)`` in a forked child when ``can_fork()``; see the module docstring.

    The child inherits ``args`` (nothing is copied up front); the result and any exception
    must be picklable (no closures). The child never writes to this process's streams and
    leaves with ``os._exit``, so a helper thread such as a progress bar is not in its way.
    """
    pending: Pending[T] = Pending(fn, args)
    if not can_fork():
        return pending
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(send, fn, args), daemon=True)
    process.start()
    send.close()  # the child holds the sending end now
    pending._process, pending._receive = process, receive
    return pending
