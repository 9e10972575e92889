"""A stored confidence mapping is checked when it is read, not when a candidate meets it
(review rv9): a point that is NaN or infinite, a probability outside [0, 1], or no curve for
rules candidates (the curve every origin falls back to) is a broken mapping, refused as one
line, never a NaN confidence in ``--json`` or a traceback in the middle of an extraction.
The mappings here are synthetic test material."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from transplant_audit.extract import confidence as cf
from transplant_audit.extract import learned

from .conftest import run, write_note

GOOD = {
    "combine": "mean",
    "model_digest": "sha256:x",
    "curves": {
        "rules": {"x": [0.0, 0.5, 1.0], "y": [0.1, 0.5, 0.9]},
        "added": {"x": [0.0, 1.0], "y": [0.0, 0.8]},
    },
}


def _with(origin: str, axis: str, values: list[float]) -> dict:
    meta = json.loads(json.dumps(GOOD))
    meta["curves"][origin][axis] = values
    return meta


def test_the_synthetic_good_mapping_is_read() -> None:
    cal = cf.calibration_from(GOOD, "sha256:x")
    assert cal.current
    assert cal.probability(cf.Evidence("rules", 0.5, 0.5)) == pytest.approx(0.5)


@pytest.mark.parametrize(
    "meta",
    [
        _with("rules", "y", [0.1, float("nan"), 0.9]),
        _with("rules", "x", [0.0, float("nan"), 1.0]),
        _with("added", "x", [0.0, float("inf")]),
        _with("rules", "y", [-0.4, 0.0, 0.4]),
        _with("rules", "y", [0.5, 1.0, 6.0]),
        {**GOOD, "curves": {"added": GOOD["curves"]["added"]}},
        {**GOOD, "curves": {}},
        {**GOOD, "curves": []},
        _with("rules", "x", [[0.0], [0.5], [1.0]]),
    ],
    ids=[
        "nan-y",
        "nan-x",
        "inf-x",
        "negative-y",
        "y-above-1",
        "no-rules",
        "no-curves",
        "curves-a-list",
        "x-nested",
    ],
)
def test_a_broken_mapping_is_refused_when_read(meta: dict) -> None:
    with pytest.raises(ValueError, match="calibration"):
        cf.calibration_from(meta, "sha256:x")


def test_nan_in_the_stored_mapping_is_one_line_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """json.dumps writes NaN, and json.loads reads it back: without the check every
    candidate near that point printed ``"confidence": NaN`` (not JSON) and was dropped by
    any --min-confidence."""
    broken = tmp_path / "model" / "calibration.json"
    broken.parent.mkdir()
    for name in cf.MODEL_FILES:  # the stored weights beside it, so only the mapping is wrong
        (broken.parent / name).symlink_to(learned.MODEL_DIR / name)
    meta = _with("rules", "y", [0.1, float("nan"), 0.9])
    meta["model_digest"] = cf.model_digest(learned.MODEL_DIR)  # current: it would be applied
    broken.write_text(json.dumps(meta), "utf-8")
    with pytest.raises(ValueError, match="not a confidence mapping"):
        cf.load_calibration(broken)
    load = cf.load_calibration
    monkeypatch.setattr(cf, "load_calibration", lambda *a, **k: load(broken))
    note = write_note(
        tmp_path, "The (fictional) Riverside hospital did 300 kidney transplants in 2015."
    )
    proc = run(tmp_path, "extract", note, "--json", ok=False)
    assert proc.returncode == 2
    assert "not a confidence mapping" in proc.stderr
    assert "Traceback" not in proc.stderr and "NaN" not in proc.stdout
