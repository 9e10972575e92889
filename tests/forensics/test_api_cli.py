"""run_forensics, its JSON records, charts and the CLI, on synthetic evidence and files."""

from __future__ import annotations

import json
import sys

import numpy as np
import pandas as pd

from transplant_audit.forensics import ForensicsResult, run_forensics, series_from_mapping
from transplant_audit.forensics.charts import fit_chart, ranking_chart

RECORD_KEYS = {"series", "test", "statistic", "p_value", "flagged", "verdict", "caveats"}


def test_run_forensics_on_synthetic_evidence(synthetic_evidence) -> None:
    res = run_forensics(synthetic_evidence, n_sim=500)
    assert isinstance(res, ForensicsResult)
    names = set(res.series)
    assert "national_deceased_donors[2010=40,2017=4740]" in names
    assert len([n for n in names if n.startswith("national_deceased_donors[")]) == 4
    by = {(r.series, r.test): r for r in res.results}
    v = "national_deceased_donors[2010=40,2017=4740]"
    assert by[(v, "source_agreement")].flagged
    # the synthetic series sits almost on a quadratic: too smooth for counts
    assert by[(v, "too_smooth_poisson")].flagged
    assert by[(v, "too_smooth_poisson")].p_value < 0.01
    # every conflict variant is tested on its own
    for var in [n for n in names if n.startswith("national_deceased_donors[")]:
        assert (var, "too_smooth_poisson") in by
    # digit tests on 9 values are refused with a reason
    assert by[(v, "benford_first_digit")].verdict.startswith("Not run")
    # organs = 3 x donors exactly: the ratio is too steady
    ratio = [
        r
        for r in res.results
        if r.test == "ratio_constancy_poisson" and r.series.endswith("[2010=40,2017=4740]")
    ]
    assert ratio and ratio[0].flagged
    # the one-day jump of exactly 25,000 is flagged although the row is a partial year
    jump = by[("redcross_counter_registrants_added_one_day", "counter_jumps")]
    assert jump.flagged and "25,000" in jump.verdict
    # rates are not count-tested
    assert by[("national_deceased_donors_pmp", "formula_fit")].verdict.startswith("Not run")
    # no reference series: the overdispersed test says why it did not run
    assert "reference" in by[(v, "too_smooth_overdispersed")].verdict
    recs = res.to_records()
    assert all(set(r) == RECORD_KEYS for r in recs)
    json.dumps(recs)  # serialisable
    fits = res.fits(v)
    assert {"year", "value", "linear", "quadratic", "quadratic_1p", "cubic", "exponential"} <= set(
        fits.columns
    )


def test_extra_series_and_charts() -> None:
    sd = series_from_mapping("synthetic", {y: 50 * (y - 2008) ** 2 for y in range(2010, 2019)})
    res = run_forensics(None, [], extra_series=[sd], n_sim=300)
    assert {r.test for r in res.results} >= {
        "formula_fit",
        "too_smooth_poisson",
        "prediction_holdout",
    }
    spec = fit_chart(res, "synthetic").to_dict()
    assert "vconcat" in spec
    ranking_chart(res).to_dict()


def test_conflict_rule_stop_raises(synthetic_evidence) -> None:
    import pytest

    from transplant_audit.errors import DataError

    with pytest.raises(DataError):
        run_forensics(synthetic_evidence, ["national_deceased_donors"], conflict_rule="stop")


def _cli(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    """Run ``transplant-audit forensics ARGS`` in-process through the real entry point."""
    from transplant_audit import cli

    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setattr(sys, "argv", ["transplant-audit", "forensics", *args])
    code = 0
    try:
        cli.main()
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_csv_json_and_bad_input(tmp_path, monkeypatch, capsys) -> None:
    good = tmp_path / "series.csv"
    rng = np.random.default_rng(0)
    vals = np.round(80 * (np.arange(2010, 2019) - 2009.3) ** 2)  # synthetic formula data
    pd.DataFrame({"year": range(2010, 2019), "value": vals.astype(int)}).to_csv(good, index=False)
    out = tmp_path / "out.json"
    charts = tmp_path / "charts"
    code, stdout, stderr = _cli(
        monkeypatch,
        capsys,
        "--csv",
        str(good),
        "--json",
        str(out),
        "--charts",
        str(charts),
        "--sims",
        "300",
    )
    assert code == 0, stderr
    assert "too_smooth_poisson" in stdout
    payload = json.loads(out.read_text())
    recs = payload["results"]
    smooth = [r for r in recs if r["test"] == "too_smooth_poisson"][0]
    assert smooth["flagged"] is True and set(smooth) == RECORD_KEYS
    assert (charts / "series.html").is_file()
    bad = tmp_path / "bad.csv"
    bad.write_text("year,value\n2010,5\n2011,6\n2011,7\n2013,9\n")
    code, stdout, stderr = _cli(monkeypatch, capsys, "--csv", str(bad))
    assert code == 2
    assert "row 4" in stderr and "appears twice" in stderr
    assert rng is not None


def test_train_until_sets_the_prediction_window() -> None:
    sd = series_from_mapping("synthetic", {y: 50 * (y - 2008) ** 2 for y in range(2010, 2019)})
    res = run_forensics(None, [], extra_series=[sd], n_sim=200, train_until=2014)
    pred = [r for r in res.results if r.test == "prediction_holdout"][0]
    assert pred.details["train_years"] == [2010, 2011, 2012, 2013, 2014]
    assert pred.details["test_years"] == [2015, 2016, 2017, 2018]
    assert pred.flagged  # exact formula data predicted exactly: too good for counts
    assert res.settings["train_until"] == 2014


def test_unknown_pair_series_is_an_error(synthetic_evidence) -> None:
    import pytest

    from transplant_audit.errors import DataError

    with pytest.raises(DataError) as err:
        run_forensics(
            synthetic_evidence, equal_pairs=[("national_deceased_donors", "nope")], n_sim=100
        )
    assert "nope" in str(err.value)
