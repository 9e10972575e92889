"""The four JSON writers that had their own rule now go through ``jsonvalue.plain``.

``explain --json``, the workbench's job results, the PDF chart cache (key and render) and
the exhibit's JSON files each get values the old rules wrote as non-standard JSON
(``NaN``), as text (``np.int64(3)`` -> ``"3"``, ``np.bool_`` -> ``"True"``) or raised on.
Every document is read back with a parser that refuses NaN and Infinity. All values
here are SYNTHETIC.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from transplant_audit.cli import app


@dataclasses.dataclass
class _Interval:
    low: float
    high: np.float64


ODD = {
    "nan": math.nan,
    "inf": np.float64("inf"),
    "i": np.int64(3),
    "b": np.bool_(True),
    "na": pd.NA,
    "when": dt.datetime(2015, 6, 1, 8, 30),
    "stamp": pd.Timestamp("2016-01-02"),
    "interval": _Interval(1.5, np.float64("nan")),
}
"""Values a writer may be handed, and what strict JSON must hold for them (``PLAIN``)."""
PLAIN = {
    "nan": None,
    "inf": None,
    "i": 3,
    "b": True,
    "na": None,
    "when": "2015-06-01T08:30:00",
    "stamp": "2016-01-02T00:00:00",
    "interval": {"low": 1.5, "high": None},
}


def _refuse(token: str) -> Any:
    raise ValueError(f"not strict JSON: {token}")


def strict(text: str | bytes) -> Any:
    """``json.loads`` refusing NaN, Infinity and -Infinity."""
    return json.loads(text, parse_constant=_refuse)


def test_explain_json_is_strict(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The old writer used ``default=str`` with NaN allowed: ``NaN`` and ``"3"``."""
    from transplant_audit.estimate.result import EstimateResult

    original = EstimateResult.explain

    def explain(self: EstimateResult, hospital_id: str, year: int) -> dict[str, Any]:
        return original(self, hospital_id, year) | {"odd": ODD}

    monkeypatch.setattr(EstimateResult, "explain", explain)
    monkeypatch.setenv("TRANSPLANT_AUDIT_HOME", str(tmp_path / "home"))
    args = ["explain", "tianjin_first_central", "2010", "--draws", "50", "--json", "-"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, (result.output, result.exception)
    data = strict(result.stdout)
    assert data["odd"] == PLAIN
    assert data["hospital_id"] == "tianjin_first_central"


def _wait(store: Any, job_id: str) -> dict[str, Any]:
    """The job as ``GET /api/jobs/{id}`` shows it, once finished (or after 10 s), with the
    stored result text and error."""
    from transplant_audit.web.jobs import job_view
    from transplant_audit.web.schema import Job

    for _ in range(200):
        with store.session() as s:
            job = s.get(Job, job_id)
            view = job_view(job) | {"text": job.result, "error": job.error}
        if view["status"] in ("done", "failed"):
            break
        time.sleep(0.05)
    return view


def test_job_result_is_strict_and_an_unwritable_one_fails(tmp_path: Path) -> None:
    """The old runner wrote ``json.dumps(..., allow_nan=False, default=str)`` after the
    work, outside its ``try``: a NaN raised in the worker thread and left the job
    ``running`` for ever; numpy integers were stored as text."""
    from transplant_audit.evidence.store import Store
    from transplant_audit.web.jobs import JobRunner

    kinds = {"odd": lambda params, progress: {"odd": ODD}, "bad": lambda p, q: {"x": object()}}
    with Store.open(url=f"sqlite:///{tmp_path / 'store.sqlite'}") as store:
        runner = JobRunner(store, kinds)
        try:
            odd = _wait(store, runner.submit("odd", {}, "tester"))
            bad = _wait(store, runner.submit("bad", {}, "tester"))
        finally:
            runner.shutdown(wait=True)
    assert (odd["status"], odd["error"]) == ("done", None)
    assert strict(odd["text"]) == {"odd": PLAIN}
    assert odd["result"] == {"odd": PLAIN}
    assert (bad["status"], bad["error"]) == ("failed", "internal error (TypeError)")


SPEC = {
    "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
    "data": {"values": [{"x": 1, "y": 2.5, "ok": True}, {"x": 2, "y": None, "ok": False}]},
    "mark": "point",
    "encoding": {
        "x": {"field": "x", "type": "quantitative"},
        "y": {"field": "y", "type": "quantitative"},
    },
}
NUMPY_SPEC = SPEC | {
    "data": {
        "values": [
            {"x": np.int64(1), "y": np.float64(2.5), "ok": np.bool_(True)},
            {"x": np.int64(2), "y": np.float64("nan"), "ok": np.bool_(False)},
        ]
    }
}


def test_pdf_chart_cache_key_and_render_follow_the_rule(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The old key hashed ``default=str`` text (``"1"`` for np.int64(1), ``NaN``), so a spec
    and its plain form had different keys; vl-convert raised on numpy integers."""
    from transplant_audit.report import pdf

    monkeypatch.setenv("TRANSPLANT_AUDIT_CACHE_DIR", str(tmp_path / "cache"))
    assert pdf._png_cache_path(NUMPY_SPEC, "r") == pdf._png_cache_path(SPEC, "r")
    assert pdf._png_cache_path(SPEC, "r") != pdf._png_cache_path(SPEC, "other renderer")
    png = pdf.chart_png(NUMPY_SPEC)
    assert png.startswith(b"\x89PNG")
    assert len(list((tmp_path / "cache" / "charts").glob("*.png"))) == 1
    assert pdf.chart_png(SPEC) == png  # the same chart, read back from the cache


def test_exhibit_json_files_are_strict() -> None:
    """A candidate row holding NaN (PostgreSQL stores a float NaN) was written as ``NaN``."""
    from transplant_audit.capture.exhibit import ExhibitData, exhibit_files

    observation = {"id": "obs_synthetic", "indicator": "transplant_beds", "value": "86"}
    candidate = {"id": "cand_synthetic", "value": math.nan, "odd": ODD}
    data = ExhibitData(
        observation=observation,
        source=None,
        candidate=candidate,
        decisions=[],
        archive_record=None,
        captures=[],
        document=None,
        warc_record=None,
        entries=[],
        batches=[],
    )
    files = exhibit_files(data)
    review = strict(files["review.json"])
    assert review["candidate"] == {"id": "cand_synthetic", "value": None, "odd": PLAIN}
    figure = strict(files["figure.json"])
    assert figure["candidate"] == review["candidate"]
    assert figure["observation"] == observation
