"""The report's second process (report/background.py): same results, errors cross over.

The evidence used for the analyse() comparison is the SYNTHETIC package of conftest.py.
"""

from __future__ import annotations

import multiprocessing
import os

import pytest

from transplant_audit.errors import ConfigError, DataError
from transplant_audit.report import analyses as build
from transplant_audit.report import background

from .conftest import make_synthetic_evidence

needs_fork = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods() or (os.cpu_count() or 1) < 2,
    reason="no fork or one core here",
)


@pytest.fixture(autouse=True)
def _idle_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever else runs here, these tests see an idle machine (load 0)."""
    monkeypatch.setattr(background, "_load", lambda: 0.0)


def _pid() -> int:
    return os.getpid()


def _raise(exc: BaseException) -> None:
    raise exc


@needs_fork
def test_work_runs_in_another_process_and_its_result_comes_back() -> None:
    assert background.start(_pid).result() != os.getpid()
    assert background.start(sorted, [3, 1, 2]).result() == [1, 2, 3]


def test_one_process_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(background.PROCESSES_ENV, "1")
    assert not background.can_fork()
    assert background.start(_pid).result() == os.getpid()


@needs_fork
@pytest.mark.parametrize(
    "exc",
    [
        ConfigError("--seed: not a number"),
        DataError(file="official_series.csv", reason="gap", row=4, field="year", code="gap"),
    ],
)
def test_errors_in_the_child_are_raised_here_with_their_type(exc: Exception) -> None:
    with pytest.raises(type(exc)) as caught:
        background.start(_raise, exc).result()
    assert str(caught.value) == str(exc)
    if isinstance(exc, DataError):
        assert (caught.value.row, caught.value.field, caught.value.code) == (4, "year", "gap")


class UnpicklableError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.callback = lambda: None  # a lambda cannot be pickled


def _raise_unpicklable() -> None:
    raise UnpicklableError("cannot cross")


@needs_fork
def test_unpicklable_errors_still_arrive_with_their_message() -> None:
    with pytest.raises(RuntimeError, match="UnpicklableError: cannot cross"):
        background.start(_raise_unpicklable).result()


@needs_fork
def test_analyse_gives_the_same_results_in_one_or_two_processes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Only the SIDE_FIELDS come from the second process (the donor pool runs here in both)."""
    evidence = make_synthetic_evidence()
    started: list[background.Pending] = []
    real_start = background.start

    def start(fn, *args):  # noqa: ANN001, ANN202 - records the pending work
        started.append(real_start(fn, *args))
        return started[-1]

    monkeypatch.setattr(background, "start", start)
    two = build.analyse(evidence, draws=200, seed=3)
    assert started and started[0]._process is not None  # really a second process
    monkeypatch.setenv(background.PROCESSES_ENV, "1")
    one = build.analyse(evidence, draws=200, seed=3)
    assert started[1]._process is None  # really one process
    for name in build.SIDE_FIELDS:
        a, b = getattr(one, name), getattr(two, name)
        if hasattr(a, "to_records"):
            assert a.to_records() == b.to_records(), name
        else:
            assert a == b, name
    assert one.forensics is not None and one.forensics.to_records()  # the tests really ran
    assert one.estimate_error == two.estimate_error


class _FakeResult:
    """SYNTHETIC stand-in for an estimate result: records the calls, can fail one."""

    def __init__(self, failing: str = "") -> None:
        self.failing, self.calls = failing, []

    def _call(self, name: str) -> str:
        self.calls.append(name)
        if name == self.failing:
            raise ValueError(f"{name} failed")
        return name

    def sensitivity(self) -> str:
        return self._call("sensitivity")

    def tornado(self) -> str:
        return self._call("tornado")


def test_warm_sensitivity_asks_for_both_and_leaves_a_failure_to_the_section() -> None:
    ok = _FakeResult()
    build.warm_sensitivity(ok)
    assert ok.calls == ["sensitivity", "tornado"]
    failing = _FakeResult(failing="sensitivity")
    build.warm_sensitivity(failing)  # no raise here: the checks section meets it again
    assert failing.calls == ["sensitivity", "tornado"]
    with pytest.raises(ValueError, match="sensitivity failed"):
        failing.sensitivity()


@needs_fork
def test_cancel_stops_the_second_process() -> None:
    import time

    pending = background.start(time.sleep, 60)
    assert pending.running
    t = time.perf_counter()
    pending.cancel()
    assert not pending.running and time.perf_counter() - t < 10


@needs_fork
def test_a_failing_estimate_stops_the_second_process(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    started: list[background.Pending] = []
    real_start = background.start

    def start(fn, *args):  # noqa: ANN001, ANN202 - records the pending work
        started.append(real_start(time.sleep, 60))
        return started[-1]

    def bad_estimate(*args: object, **kwargs: object) -> None:
        raise ConfigError("--seed: not a number")

    import transplant_audit.estimate as est_mod

    monkeypatch.setattr(background, "start", start)
    monkeypatch.setattr(est_mod, "estimate", bad_estimate)
    with pytest.raises(ConfigError):
        build.analyse(make_synthetic_evidence(), draws=200, seed=3)
    assert started and not started[0].running
    assert started[0]._process.exitcode is not None  # ended, not left behind


def test_outside_the_main_thread_everything_runs_here() -> None:
    import threading

    seen: list[int] = []
    worker = threading.Thread(target=lambda: seen.append(background.start(_pid).result()))
    worker.start()
    worker.join()
    assert seen == [os.getpid()]


@needs_fork
def test_not_running_once_the_result_was_taken() -> None:
    pending = background.start(sorted, [2, 1])
    assert pending.result() == [1, 2]
    assert not pending.running
    pending.cancel()  # nothing left to stop: no error


@needs_fork
def test_a_busy_machine_does_the_work_in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    cores = os.cpu_count() or 1
    monkeypatch.setattr(background, "_load", lambda: cores - 0.4)  # no core about free
    assert not background.can_fork()
    assert background.start(_pid).result() == os.getpid()
    monkeypatch.setattr(background, "_load", lambda: cores - 0.6)
    assert background.can_fork()
