"""A 200 MB file is captured and verified with bounded memory (measured in a child process).

The file is SYNTHETIC: a sparse file of 200 MB (zeros, no disk blocks) with a
short text header. The child resets its peak-RSS counter (``/proc/self/clear_refs``)
before the work, so ``VmHWM`` afterwards is the peak of the capture (or verify)
alone; the growth over the starting RSS must stay far below the file's size.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import time
from pathlib import Path

import pytest

SIZE = 200 * 1024 * 1024
MAX_GROWTH_MB = 64


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise LookupError(field)


def _child(home: str, path: str, queue) -> None:  # type: ignore[no-untyped-def]
    from transplant_audit.capture import service
    from transplant_audit.capture.verify import verify
    from transplant_audit.evidence.store import Store

    store = Store.open(home=home)
    out = {}
    for step in ("capture", "verify"):
        Path("/proc/self/clear_refs").write_text("5")
        start = _status_kb("VmRSS")
        t0 = time.perf_counter()
        if step == "capture":
            result = service.capture(store, Path(home), [path])[0]
            out["size"] = result.size
        else:
            report = verify(store, Path(home))
            out["ok"] = report.ok
        out[step] = {
            "seconds": time.perf_counter() - t0,
            "growth_mb": (_status_kb("VmHWM") - start) / 1024,
        }
    store.close()
    queue.put(out)


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/clear_refs").exists(), reason="needs Linux /proc")
def test_200_mb_file_is_streamed_with_bounded_memory(tmp_path, capsys):
    big = tmp_path / "big-synthetic.bin"
    with open(big, "wb") as fh:
        fh.write(b"synthetic 200 MB test file\n")
        fh.truncate(SIZE)  # sparse: the rest reads as zeros
    home = tmp_path / "home"
    ctx = mp.get_context("fork")
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(str(home), str(big), queue))
    proc.start()
    out = queue.get(timeout=300)
    proc.join(60)
    assert proc.exitcode == 0
    assert out["size"] == SIZE and out["ok"]
    with capsys.disabled():
        for step in ("capture", "verify"):
            print(
                f"\n200 MB {step}: {out[step]['seconds']:.2f} s, peak RSS growth "
                f"{out[step]['growth_mb']:.1f} MB (bound {MAX_GROWTH_MB} MB)"
            )
    assert out["capture"]["growth_mb"] < MAX_GROWTH_MB
    assert out["verify"]["growth_mb"] < MAX_GROWTH_MB
    assert os.path.getsize(home / "archive" / "ta-00001.warc.gz") < SIZE  # zeros compress
