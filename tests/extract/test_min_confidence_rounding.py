"""``--min-confidence`` compares what it prints (review rv9): the confidence is listed and
stored rounded to 4 places, so a candidate shown (and stored) as 0.7 must be kept by
``--min-confidence 0.7``; before, the cut read the unrounded 0.69996 and dropped it, so the
cut and a filter on the listed value disagreed. The mapping and the note are SYNTHETIC."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from transplant_audit.extract import confidence as cf

from .conftest import run, write_note


def test_the_cut_keeps_what_is_shown_at_the_threshold(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    flat = (np.array([0.0, 1.0]), np.array([0.69996, 0.69996]))
    mapping = cf.Calibration("span", {"rules": flat, "added": flat}, "sha256:synthetic")
    monkeypatch.setattr(cf, "load_calibration", lambda *a, **k: mapping)
    note = write_note(
        tmp_path, "The (fictional) Riverside hospital did 300 kidney transplants in 2015."
    )
    every = json.loads(run(tmp_path, "extract", note, "--json").stdout)
    assert every and {r["confidence"] for r in every} == {0.7}
    cut = json.loads(run(tmp_path, "extract", note, "--json", "--min-confidence", "0.7").stdout)
    assert cut == every
    above = run(tmp_path, "extract", note, "--json", "--min-confidence", "0.70001").stdout
    assert json.loads(above) == []
