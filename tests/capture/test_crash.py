"""Crash safety: SIGKILL a capturing child process; archive and ledger still verify.

The child captures synthetic files one by one and prints ``ACK <digest>`` after
each capture returns (committed: acknowledged). The parent kills it with SIGKILL
(a) in the middle of writing a WARC record, (b) after the record is fsync-ed but
before the database commit, and (c) at random moments during a run of captures.
Every time: verify passes (the interrupted capture is at most a notice), every
acknowledged capture is in the store and the archive, and the next capture moves
the unacknowledged tail to quarantine and leaves a clean archive.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import random
import signal
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from transplant_audit.cli import app


def _child(home: str, mode: str, files: list[str], write_fd: int) -> None:
    """The capturing child (forked, so it starts at once). Reports on the pipe."""
    from transplant_audit.capture import archive, service
    from transplant_audit.evidence.store import Store

    out = os.fdopen(write_fd, "w", buffering=1)
    store = Store.open(home=home)
    hook = None
    if mode == "mid-write":
        original = archive._HashingCounter._emit

        def slow_emit(self, data):  # type: ignore[no-untyped-def]
            original(self, data)
            if self.count > 50_000:
                self.out.flush()
                out.write("WRITING\n")
                time.sleep(60)

        archive._HashingCounter._emit = slow_emit
    elif mode == "before-commit":

        def hook(ref):  # type: ignore[no-untyped-def]
            out.write(f"ARCHIVED {ref.digest}\n")
            time.sleep(60)

    for f in files:
        items = [service.prepare(f)]
        results = service.capture_prepared(
            store, archive.Archive(Path(home)), items, after_archive=hook
        )
        out.write(f"ACK {results[0].digest}\n")
    out.write("DONE\n")
    out.close()
    os._exit(0)


class Child:
    """A forked capturing child and the read end of its report pipe."""

    def __init__(self, home: Path, mode: str, files: list[Path]) -> None:
        read_fd, write_fd = os.pipe()
        ctx = mp.get_context("fork")
        self.proc = ctx.Process(
            target=_child, args=(str(home), mode, [str(f) for f in files], write_fd)
        )
        self.proc.start()
        os.close(write_fd)
        self.stdout = os.fdopen(read_fd, "r")
        self.pid = self.proc.pid

    def poll(self) -> int | None:
        return self.proc.exitcode

    def wait(self, timeout: float) -> int | None:
        self.proc.join(timeout)
        return self.proc.exitcode


def _synthetic_files(directory: Path, n: int, size: int, seed: int) -> list[Path]:
    """Synthetic files of random bytes (incompressible, so writes take a while)."""
    directory.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    out = []
    for i in range(n):
        p = directory / f"synthetic-{seed}-{i}.bin"
        p.write_bytes(rng.randbytes(size))
        out.append(p)
    return out


def _start(home: Path, mode: str, files: list[Path]) -> Child:
    return Child(home, mode, files)


def _read_until(proc: Child, word: str, acks: list[str], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            raise AssertionError(f"child ended before {word!r} (exit {proc.wait(30)})")
        parts = line.split()
        if parts and parts[0] == "ACK":
            acks.append(parts[1])
        if parts and parts[0] == word:
            return
    raise AssertionError(f"no {word!r} within {timeout} s")


def _kill(proc: Child, acks: list[str], may_have_finished: bool = False) -> None:
    """SIGKILL the child. ``may_have_finished``: the child may have exited on its own between
    the caller's poll() and the kill (a race on a loaded machine); a clean exit is then as
    good as a kill for the test."""
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(30)
    for line in proc.stdout.read().splitlines():  # anything acknowledged before the kill
        if line.startswith("ACK "):
            acks.append(line.split()[1])
    allowed = {-signal.SIGKILL, 0} if may_have_finished else {-signal.SIGKILL}
    assert proc.poll() in allowed


def _verify(home: Path) -> dict:
    result = CliRunner().invoke(app, ["verify", "--home", str(home), "--json"])
    report = json.loads(result.stdout)
    assert result.exit_code == 0, report["mismatches"]
    return report


def _captured_digests(home: Path) -> set[str]:
    from sqlalchemy import select

    from transplant_audit.evidence.archive_schema import Capture
    from transplant_audit.evidence.store import Store

    with Store.open(home=home) as st, st.session() as s:
        return set(s.execute(select(Capture.digest)).scalars())


def _capture_again(home: Path, tmp_path: Path) -> None:
    extra = _synthetic_files(tmp_path / "after", 1, 1000, seed=99)[0]
    result = CliRunner().invoke(app, ["capture", str(extra), "--home", str(home)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("mode", "signal_word", "notice"),
    [
        ("mid-write", "WRITING", "unacknowledged-tail"),
        ("before-commit", "ARCHIVED", "unacknowledged-record"),
    ],
)
def test_sigkill_mid_capture_loses_nothing_acknowledged(tmp_path, mode, signal_word, notice):
    home = tmp_path / "home"
    files = _synthetic_files(tmp_path / "in", 3, 200_000, seed=1)
    first = _synthetic_files(tmp_path / "in0", 1, 2_000, seed=2)
    acks: list[str] = []
    # one capture completes normally, then the child is killed inside the next
    proc = _start(home, "normal", first)
    _read_until(proc, "DONE", acks)
    proc.wait(30)
    proc = _start(home, mode, files)
    _read_until(proc, signal_word, acks)
    _kill(proc, acks)
    assert len(acks) == 1

    report = _verify(home)
    assert [n["code"] for n in report["notices"]] == [notice]
    assert set(acks) <= _captured_digests(home)

    _capture_again(home, tmp_path)
    report = _verify(home)
    assert report["notices"] == []
    assert list((home / "archive" / "quarantine").glob("*.tail"))
    assert set(acks) <= _captured_digests(home)


def test_sigkill_at_random_moments_keeps_archive_and_ledger_valid(tmp_path):
    home = tmp_path / "home"
    rng = random.Random(11)
    acks: list[str] = []
    for round_ in range(3):
        files = _synthetic_files(tmp_path / f"r{round_}", 4, 300_000, seed=100 + round_)
        proc = _start(home, "normal", files)
        _read_until(proc, "ACK", acks)  # at least one capture acknowledged per round
        time.sleep(rng.uniform(0.0, 0.3))
        if proc.poll() is None:
            _kill(proc, acks, may_have_finished=True)
        else:
            for line in proc.stdout.read().splitlines():
                if line.startswith("ACK "):
                    acks.append(line.split()[1])
        _verify(home)
        assert set(acks) <= _captured_digests(home)
    assert len(acks) >= 3
