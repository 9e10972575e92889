"""Forensics v2 (issue 13): reference ranks over the GODT table, two-sided prediction
verdict, stale rows, ratio and cross-consistency, constant series, summary first.

Series built here are SYNTHETIC unless they quote sourced figures: the completed
official deceased-donor series uses the figures quoted in issue 13 (2010: 34; 2011:
132; 2012 ≈ 426 derived from the 2010–2013 total 1,441 minus 34, 132 and 2013's 849;
2014: 1,700; 2015: 2,766; 2016: 4,080; 2017: 5,146; 2018: 6,302), each sourced in
data/official_series.csv or ../shared/data/official_series_additions.csv.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from cli_process import SRC, run_cli
from transplant_audit.evidence.package import read_package
from transplant_audit.forensics import run_forensics, series_from_mapping
from transplant_audit.forensics.checks import (
    equality_result,
    prediction_result,
    ratio_result,
    stale_rows_result,
)
from transplant_audit.forensics.stale import p_equal, stale_rows

REPO = Path(__file__).resolve().parents[2]
YEARS = list(range(2010, 2019))
COMPLETED = dict(zip(YEARS, [34, 132, 426, 849, 1700, 2766, 4080, 5146, 6302], strict=True))


@pytest.fixture(scope="module")
def evidence():  # noqa: ANN201
    return read_package(REPO / "data")


def _records(result, test: str) -> list:  # noqa: ANN001
    return [r for r in result.results if r.test == test]


def _cli(*args: str, tmp: Path) -> subprocess.CompletedProcess:
    # a bare environment: PATH, PYTHONPATH and COLUMNS only
    env = {"PYTHONPATH": SRC, "PATH": "/usr/bin:/bin", "COLUMNS": "200"}
    return run_cli("forensics", *args, env=env, cwd=tmp)


def test_formula_series_ranks_first_and_is_flagged_via_cli(tmp_path: Path) -> None:
    """round(117·t²), t = 1..9 (SYNTHETIC): first among ≥ 50 GODT countries, flagged."""
    csv = tmp_path / "formula.csv"
    t = np.arange(1, 10)
    pd.DataFrame({"year": YEARS, "value": np.round(117 * t**2).astype(int)}).to_csv(
        csv, index=False
    )
    out = tmp_path / "out.json"
    proc = _cli("--csv", str(csv), "--json", str(out), "--details", "--sims", "200", tmp=tmp_path)
    assert proc.returncode == 0, proc.stderr
    recs = {r["test"]: r for r in json.loads(out.read_text())["results"]}
    rank = recs["reference_ranking"]
    assert rank["details"]["reference_countries"] >= 50
    assert rank["details"]["reference_windows"] >= rank["details"]["reference_countries"]
    assert rank["details"]["rank"] == 1 and rank["flagged"]
    for test in ("r2_rank_quadratic", "r2_rank_one_parameter"):
        assert recs[test]["details"]["rank"] == 1
        assert recs[test]["details"]["reference_countries"] >= 50
    # summary first: the summary table is printed before anything else
    assert proc.stdout.lstrip().startswith("Summary")


def test_negative_binomial_series_are_rarely_flagged(evidence) -> None:  # noqa: ANN001
    """10 SYNTHETIC NB series, mean 117·t², size 30 (seeds 0–9): at most 2 flagged by rank."""
    t = np.arange(1, 10)
    mu = 117.0 * t**2
    flagged = any_flag = 0
    for seed in range(10):
        y = np.random.default_rng(seed).negative_binomial(30, 30 / (30 + mu))
        sd = series_from_mapping(f"nb{seed}", dict(zip(YEARS, y.tolist(), strict=True)))
        res = run_forensics(evidence, [], extra_series=[sd], n_sim=200)
        flagged += _records(res, "reference_ranking")[0].flagged
        any_flag += any(r.flagged for r in res.results)
        assert not any(r.flagged for r in _records(res, "r2_rank_quadratic"))
    assert flagged <= 2 and any_flag <= 2


def test_national_series_has_r2_ranks_next_to_dispersion(evidence) -> None:  # noqa: ANN001
    res = run_forensics(evidence, ["national_deceased_donors"], years=(2010, 2018), n_sim=200)
    tests = [r.test for r in res.results if r.series.startswith("national_deceased_donors")]
    for test in ("r2_rank_quadratic", "r2_rank_one_parameter", "reference_ranking"):
        assert test in tests
    q = _records(res, "r2_rank_quadratic")[0]
    assert q.details["reference_windows"] > 100 and q.details["paper_measure"]
    assert "R² rewards steep growth" in q.verdict
    # the summary folds the conflict versions: one line per series and test, flagged first
    summary = res.summary()
    assert not summary.duplicated(["series", "test"]).any()
    n_versions = len({r.series for r in _records(res, "formula_fit")})
    assert n_versions > 1
    row = summary[summary["test"] == "r2_rank_quadratic"].iloc[0]
    assert row["flagged_in"] == f"0 of {n_versions}"
    assert list(summary["flagged"]) == sorted(summary["flagged"], reverse=True)


def test_prediction_verdict_is_two_sided() -> None:
    """2010–2016 fit on the completed (sourced) series predicts 2017 far above 5,146."""
    sd = series_from_mapping("completed", {y: v for y, v in COMPLETED.items() if y <= 2017})
    r = prediction_result(sd, None, [], alpha=0.05, holdout=1, t0=None, train_until=2016)
    assert not r.flagged
    assert "far larger than Poisson noise allows" in r.verdict
    assert "within" not in r.verdict
    assert r.details["z"][0] < -5  # issue 13 quotes z = −6.5 for the quadratic prediction
    assert "further confirmatory data" in " ".join(r.caveats)
    # and a series read off the formula is flagged on the lower tail (SYNTHETIC)
    exact = series_from_mapping("exact", {y: 117 * (y - 2009) ** 2 for y in YEARS})
    r2 = prediction_result(exact, None, [], alpha=0.05, holdout=2, t0=None, train_until=None)
    assert r2.flagged and "closer to the formula" in r2.verdict


def test_stale_rows_in_godt_china(evidence) -> None:  # noqa: ANN001
    res = run_forensics(evidence, None, n_sim=200)
    stale = _records(res, "stale_rows")
    assert len(stale) == 1 and stale[0].flagged
    assert [2010, 2014] in [list(x) for x in stale[0].details["runs"]]
    assert stale[0].p_value < 1e-20


def test_stale_rows_chance_and_no_false_alarm() -> None:
    # P(X = Y) for Poisson(μ): exact for μ = 1 is e^-2·I0(2) = 0.30851...
    assert abs(float(p_equal(1.0)) - 0.308508) < 1e-5
    rng = np.random.default_rng(1)  # SYNTHETIC counts: no repeats expected
    frame = pd.DataFrame(
        {"year": range(2000, 2015), "a": rng.poisson(3000, 15), "b": rng.poisson(900, 15)}
    )
    r = stale_rows(frame)
    assert r.runs == [] and r.p_value == 1.0
    assert not stale_rows_result("synthetic", frame, alpha=0.05).flagged


def test_ratio_constancy_flags_a_fixed_ratio_only() -> None:
    """Liver = round(0.45·kidney) every year (SYNTHETIC) is steadier than counts allow."""
    kidney = {y: 2000 + 600 * i for i, y in enumerate(YEARS)}
    fixed = series_from_mapping("liver", {y: round(0.45 * v) for y, v in kidney.items()})
    kid = series_from_mapping("kidney", kidney)
    assert ratio_result("liver / kidney", fixed, kid, "binomial", 0.05).flagged
    rng = np.random.default_rng(3)
    drawn = series_from_mapping("liver", {y: int(rng.binomial(v, 0.45)) for y, v in kidney.items()})
    assert not ratio_result("liver / kidney", drawn, kid, "binomial", 0.05).flagged


def test_cross_consistency_red_cross_vs_cotrs() -> None:
    """Two SYNTHETIC versions of one count that should match differ in one year."""
    cotrs = series_from_mapping("cotrs", {2014: 1700, 2015: 2766, 2016: 4080, 2017: 5146})
    redcross = series_from_mapping("redcross", {2014: 1700, 2015: 2766, 2016: 4080, 2017: 5135})
    r = equality_result(cotrs, redcross)
    assert r.flagged and r.statistic == 1.0 and "2017" in r.verdict


@pytest.mark.parametrize("value", [0, 7])
def test_constant_series_is_not_testable(tmp_path: Path, value: int) -> None:
    csv = tmp_path / "flat.csv"
    pd.DataFrame({"year": YEARS, "value": [value] * 9}).to_csv(csv, index=False)
    out = tmp_path / "out.json"
    proc = _cli("--csv", str(csv), "--json", str(out), "--sims", "200", tmp=tmp_path)
    assert proc.returncode == 0, proc.stderr
    recs = json.loads(out.read_text())["results"]
    assert len(recs) == 1 and recs[0]["verdict"].startswith("Not run: not testable")
    assert not any(r["flagged"] for r in recs)
    assert "too smooth" not in proc.stdout.lower()


def test_completed_series_with_derived_rows(evidence) -> None:  # noqa: ANN001
    """The official series completed with 2013 (849) and the derived 2012 (426), as the
    coverage work adds them (rows marked ``derived``): quoted figures of issue 13."""
    from dataclasses import replace

    from tests.forensics.conftest import off_row

    rows = [off_row("national_deceased_donors", y, v) for y, v in COMPLETED.items()]
    official = pd.DataFrame(rows)
    official["derived"] = [y == 2012 for y in COMPLETED]
    ev = replace(evidence, official_series=official)
    res = run_forensics(ev, ["national_deceased_donors"], years=(2010, 2016), n_sim=400)
    smooth = _records(res, "too_smooth_poisson")[0]
    assert abs(smooth.statistic - 5.06) < 0.01 and smooth.p_value > 0.9  # issue: D = 5.06
    assert any("derived, not stated" in c and "2012" in c for c in smooth.caveats)
    q = _records(res, "r2_rank_quadratic")[0]
    assert q.details["rank"] == 1 and q.details["reference_countries"] >= 50
    full = run_forensics(ev, ["national_deceased_donors"], years=(2010, 2018), n_sim=400)
    assert abs(_records(full, "too_smooth_poisson")[0].statistic - 11.5) < 0.1  # issue: 11.5


def test_reference_noise_is_not_degenerate(evidence) -> None:  # noqa: ANN001
    """The pooled reference cv is above 0 for every window length the official series use,
    so the overdispersed test is not a copy of the Poisson one."""
    from transplant_audit.forensics import dispersion

    ref = dispersion.ReferenceSet(evidence.reference_series)
    for n in (5, 7, 9, 11):
        rd = dispersion.reference_dispersion(ref, n)
        assert rd is not None and 0.001 < rd.cv < 0.5, (n, rd and rd.cv)
        assert rd.n_windows >= len(rd.per_series) >= 30
        assert "pooled" in rd.describe()
    sd = series_from_mapping("completed", COMPLETED)
    res = run_forensics(evidence, [], extra_series=[sd], n_sim=400)
    pois = _records(res, "too_smooth_poisson")[0]
    over = _records(res, "too_smooth_overdispersed")[0]
    assert over.p_value is not None
    assert over.details["expected_dispersion"] > pois.details["expected_dispersion"] * 1.2


def test_all_json_has_r2_ranks_next_to_dispersion(tmp_path: Path) -> None:
    """`forensics --all --json PATH`: r2_rank_* beside reference_ranking for the national series."""
    out = tmp_path / "all.json"
    proc = _cli("--all", "--json", str(out), "--details", "--sims", "200", tmp=tmp_path)
    assert proc.returncode == 0, proc.stderr
    recs = json.loads(out.read_text())["results"]
    national = [r for r in recs if r["series"].startswith("national_deceased_donors[")]
    for name in {r["series"] for r in national}:
        tests = [r["test"] for r in national if r["series"] == name]
        i = tests.index("reference_ranking")
        assert tests[i - 2 : i] == ["r2_rank_quadratic", "r2_rank_one_parameter"]
    ranks = [r for r in national if r["test"] == "r2_rank_quadratic"]
    # the full series has 13 values: fewer countries report 13 consecutive years to GODT
    assert ranks and all(r["details"]["reference_countries"] >= 40 for r in ranks)
    assert all(r["details"]["reference_windows"] >= 150 for r in ranks)
    assert any(r["test"] == "stale_rows" and r["flagged"] for r in recs)


def test_json_to_stdout_keeps_the_summary_off_stdout(tmp_path: Path) -> None:
    csv = tmp_path / "s.csv"
    pd.DataFrame({"year": YEARS, "value": list(COMPLETED.values())}).to_csv(csv, index=False)
    proc = _cli("--csv", str(csv), "--json", "-", "--sims", "200", tmp=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)["results"]) >= 10
    assert "Summary" in proc.stderr
