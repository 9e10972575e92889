"""Qualifiers (bounds, 'about'), duplicate sources, the variant cap and the year window.

Every frame here is SYNTHETIC except the last test, which reads the bundled data package.
"""

from __future__ import annotations

import dataclasses
import sys

import pandas as pd
import pytest

from transplant_audit.errors import DataError
from transplant_audit.forensics import run_forensics
from transplant_audit.forensics.series import (
    DEFAULT_APPROX_TOLERANCE,
    MAX_VARIANTS,
    find_conflicts,
    pick_variants,
    series_variants,
)

from .conftest import make_evidence, off_row

S = "synthetic_donors"
BASE = {2010: 40, 2011: 230, 2012: 580, 2013: 1100, 2014: 1770, 2015: 2600, 2016: 3590}


def _frame(extra: list[dict] = ()) -> pd.DataFrame:
    """SYNTHETIC official_series: one exact value a year from one source, plus ``extra``."""
    rows = [off_row(S, y, v, "src_1111111111") for y, v in BASE.items()]
    return make_evidence([*rows, *extra]).official_series


def test_bound_rows_are_never_tested_and_named_in_excluded() -> None:
    off = _frame(
        [
            off_row(S, 2016, 3500, "src_2222222222", qualifier="at_least"),  # consistent
            off_row(S, 2017, 4000, "src_2222222222", qualifier="at_least"),  # only a bound
        ]
    )
    (sd,) = series_variants(off, S)
    assert 2017 not in sd.years  # a year with only a bound is a gap
    assert sd.frame.loc[sd.frame.year == 2016, "value"].item() == 3590
    assert any("2016: more than / at least 3500" in e and "bound" in e for e in sd.excluded)
    assert any("2017" in e and "gap" in e for e in sd.excluded)
    assert sd.conflicts == []
    assert sd.variants_total == 1


@pytest.mark.parametrize(
    ("qualifier", "bound", "contradicts"),
    [("at_least", 3600, True), ("at_least", 3590, False), ("at_most", 3500, True)],
)
def test_bound_contradicting_an_exact_value_is_a_conflict(qualifier, bound, contradicts) -> None:
    off = _frame([off_row(S, 2016, bound, "src_2222222222", qualifier=qualifier)])
    (sd,) = series_variants(off, S)
    assert sd.frame.loc[sd.frame.year == 2016, "value"].item() == 3590  # never replaced
    kinds = [c.kind for c in sd.conflicts]
    assert kinds == (["bound"] if contradicts else [])
    if contradicts:
        res = run_forensics(make_evidence(off.to_dict("records")), [S], n_sim=200)
        agree = [r for r in res.results if r.test == "source_agreement"]
        assert agree and agree[0].flagged and "contradicts a stated bound" in agree[0].verdict


def test_approx_within_tolerance_is_dropped_outside_is_a_conflict() -> None:
    near = off_row(S, 2015, 2700, "src_2222222222", qualifier="approx")  # 3.8% from 2,600
    far = off_row(S, 2014, 2000, "src_2222222222", qualifier="approx")  # 11.5% from 1,770
    (sd,) = series_variants(_frame([near, far]), S)
    assert sd.variants_total == 1 and sd.choice == {}
    assert sd.frame.loc[sd.frame.year == 2015, "value"].item() == 2600
    assert sd.frame.loc[sd.frame.year == 2014, "value"].item() == 1770
    assert any("about 2700" in e and "corroborates the exact 2600" in e for e in sd.excluded)
    assert [(c.year, c.kind) for c in sd.conflicts] == [(2014, "approx")]
    # a wider tolerance makes the far one corroborate too
    (wide,) = series_variants(_frame([near, far]), S, approx_tolerance=0.2)
    assert wide.conflicts == []


def test_approx_only_year_keeps_its_value() -> None:
    off = _frame([off_row(S, 2017, 4700, "src_2222222222", qualifier="approx")])
    (sd,) = series_variants(off, S)
    assert sd.frame.loc[sd.frame.year == 2017, "value"].item() == 4700
    assert sd.approx_years == [2017]


def test_tolerance_comes_from_the_assumption_when_present() -> None:
    far = off_row(S, 2014, 2000, "src_2222222222", qualifier="approx")  # 11.5% off
    ev = make_evidence(_frame([far]).to_dict("records"))
    assert run_forensics(ev, [S], n_sim=200).settings["approx_tolerance"] == pytest.approx(
        DEFAULT_APPROX_TOLERANCE
    )
    asm = pd.DataFrame(
        [{"name": "approx_relative_half_width", "distribution": "uniform", "low": 0, "high": 0.2}]
    ).reindex(columns=ev.assumptions.columns)
    res = run_forensics(dataclasses.replace(ev, assumptions=asm), [S], n_sim=200)
    assert res.settings["approx_tolerance"] == pytest.approx(0.2)
    assert not [r for r in res.results if r.test == "source_agreement"]


def test_identical_values_from_two_sources_are_not_a_conflict() -> None:
    off = _frame([off_row(S, 2010, 40, "src_2222222222"), off_row(S, 2013, 1100, "src_3333")])
    vs = series_variants(off, S)
    assert len(vs) == 1 and vs[0].conflicts == []
    assert find_conflicts(off, S) == []
    assert {"src_1111111111", "src_2222222222", "src_3333"} <= set(vs[0].source_ids)


def test_only_different_exact_values_make_variants() -> None:
    off = _frame(
        [
            off_row(S, 2010, 63, "src_2222222222"),
            off_row(S, 2016, 3580, "src_2222222222"),
            off_row(S, 2016, 3595, "src_3333333333"),
            off_row(S, 2016, 3600, "src_4444444444", qualifier="at_least"),  # contradicts
            off_row(S, 2015, 2500, "src_4444444444", qualifier="approx"),  # corroborates
        ]
    )
    vs = series_variants(off, S)
    assert len(vs) == 2 * 3
    assert {c.kind for c in vs[0].conflicts} == {"values", "bound"}


def test_cap_fallback_includes_the_extremes_and_is_deterministic() -> None:
    options = {2010 + i: [10.0 + i, 20.0 + i] for i in range(6)}  # 64 combinations
    options[2016] = [35.0, 30.0, 33.0]  # unsorted on purpose: 192 combinations
    picked, total = pick_variants(options)
    again, _ = pick_variants(options)
    assert total == 192 and len(picked) == MAX_VARIANTS
    assert picked == again
    lowest = {y: min(v) for y, v in options.items()}
    highest = {y: max(v) for y, v in options.items()}
    assert lowest in picked and highest in picked
    assert len({tuple(sorted(c.items())) for c in picked}) == MAX_VARIANTS
    # on a series: no refusal, the subset and its seed named in the caveats
    extra = [off_row(S, y, v + 5, "src_2222222222") for y, v in BASE.items() if y < 2015]
    extra += [off_row(S, 2016, 3600, "src_3333333333")]
    vs = series_variants(_frame(extra), S)
    assert len(vs) == MAX_VARIANTS and vs[0].variants_total == 64
    assert "the all-lowest, the all-highest" in vs[0].variants_note
    res = run_forensics(make_evidence(_frame(extra).to_dict("records")), [S], n_sim=200)
    fit = [r for r in res.results if r.test == "formula_fit"]
    assert len(fit) == MAX_VARIANTS
    assert any("exceed the cap" in c for c in fit[0].caveats)
    ranges = res.variant_ranges(S)
    assert set(ranges["variants"]) == {MAX_VARIANTS}
    ran = ranges.dropna(subset=["statistic_min"])
    assert len(ran) >= 3 and (ran["statistic_min"] <= ran["statistic_max"]).all()
    summary = [r for r in res.results if r.test == "variant_range"]
    assert len(summary) == 1 and "of 64 combinations" in summary[0].verdict


def test_window_restricts_the_tested_years() -> None:
    off = _frame(
        [
            off_row(S, 2017, 4740, "src_1111111111"),
            off_row(S, 2018, 6050, "src_1111111111"),
            off_row(S, 2018, 6000, "src_2222222222"),  # conflict outside the window
        ]
    )
    ev = make_evidence(off.to_dict("records"))
    res = run_forensics(ev, [S], years=(2011, 2016), n_sim=200)
    (name,) = res.series
    assert name == f"{S} (2011–2016)"
    assert res.series[name]["year"].tolist() == list(range(2011, 2017))
    fit = next(r for r in res.results if r.test == "formula_fit")
    assert any("not tested: 2010, 2017, 2018" in c for c in fit.caveats)
    assert res.conflicts == []  # the 2018 conflict lies outside the window
    assert res.settings["years"] == [2011, 2016]
    with pytest.raises(DataError):
        run_forensics(ev, [S], years=(2018, 2011))


def test_cli_years_option(monkeypatch, capsys, tmp_path) -> None:
    """SYNTHETIC CSV series through the CLI with --years."""
    from transplant_audit import cli

    path = tmp_path / "s.csv"
    pd.DataFrame({"year": list(BASE), "value": list(BASE.values())}).to_csv(path, index=False)
    monkeypatch.setenv("COLUMNS", "200")
    # The forensics console is created once, at import, with the width COLUMNS had then: under
    # pytest-xdist another test may import it first at 80 columns, and the summary table then
    # wraps "not tested: ..." inside its cell. Widen that console for this test.
    from transplant_audit.forensics import commands as forensics_commands

    monkeypatch.setattr(forensics_commands.console, "width", 200)
    for years, code_wanted in (("2011-2015", 0), ("2015-2011", 2), ("x", 2)):
        monkeypatch.setattr(
            sys,
            "argv",
            [
                "transplant-audit",
                "forensics",
                "--csv",
                str(path),
                "--years",
                years,
                "--sims",
                "200",
                "--verbose",
            ],
        )
        code = 0
        try:
            cli.main()
        except SystemExit as exc:
            code = int(exc.code or 0)
        out, err = capsys.readouterr()
        assert code == code_wanted, err
        if code == 0:
            assert "not tested: 2010, 2016" in out


def test_bundled_deceased_donors_are_tested_not_refused() -> None:
    """The bundled data package (real, sourced figures): at most 16 variants, all tested."""
    from transplant_audit.evidence.package import read_package
    from transplant_audit.paths import bundled_package_dir

    ev = read_package(bundled_package_dir())
    name = "national_deceased_donors"
    vs = series_variants(ev.official_series, name)
    assert 1 <= len(vs) <= MAX_VARIANTS
    assert vs[0].variants_total == len(vs)  # no subset needed
    assert all(v.frame["year"].is_unique for v in vs)
    res = run_forensics(ev, [name], n_sim=200)
    fits = [r for r in res.results if r.test == "formula_fit"]
    assert len(fits) == len(vs) and all(r.statistic is not None for r in fits)
    window = run_forensics(ev, [name], years=(2010, 2018), n_sim=200)
    assert all(int(f["year"].max()) <= 2018 for f in window.series.values())


@pytest.mark.parametrize(("qualifier", "flagged"), [("approx", False), ("exact", True)])
def test_round_jump_between_about_figures_is_not_a_round_jump(qualifier, flagged) -> None:
    """SYNTHETIC running total: 'about 33,000' then 'about 44,000' is round by rounding."""
    name = "synthetic_donors_cumulative"
    rows = [
        off_row(name, 2016, 8866, "src_1111111111"),
        off_row(name, 2017, 14861, "src_1111111111"),
        off_row(name, 2020, 33000, "src_2222222222", qualifier=qualifier),
        off_row(name, 2023, 44000, "src_3333333333", qualifier=qualifier),
        off_row(name, 2021, 33000, "src_4444444444", qualifier="at_least"),
    ]
    res = run_forensics(make_evidence(rows), [name], n_sim=200)
    (jumps,) = [r for r in res.results if r.test == "counter_jumps"]
    assert jumps.flagged is flagged
    assert res.series[name]["year"].tolist() == [2016, 2017, 2020, 2023]  # bound left out
    if not flagged:
        assert any("not counted as round" in c for c in jumps.caveats)
