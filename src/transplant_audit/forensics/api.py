"""``run_forensics``: every forensic test on the official series, as one result object.

The CLI (``transplant-audit forensics``), the report and users' scripts all call
this one function and get the same ``ForensicsResult``: a list of
``TestResult`` records (series, test, statistic, p-value, flagged, verdict in
plain words, caveats, details), the series tested, the formula fits and the
ranking among reference countries.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd

from transplant_audit.errors import DataError
from transplant_audit.evidence.frames import Evidence
from transplant_audit.forensics import digits as digmod
from transplant_audit.forensics import dispersion as dispmod
from transplant_audit.forensics import fits as fitmod
from transplant_audit.forensics import ratios as ratmod
from transplant_audit.forensics.series import (
    DEFAULT_APPROX_TOLERANCE,
    MIN_POINTS,
    Conflict,
    SeriesData,
    check_window,
    official_series_names,
    series_variants,
)

DEFAULT_SEED = dispmod.DEFAULT_SEED
DEFAULT_ALPHA = 0.05
"""Nominal false-positive rate of every test that gives a p-value."""
DEFAULT_SIMS = 4000
CUMULATIVE_MARK = "_cumulative"
APPROX_ASSUMPTION = "approx_relative_half_width"
"""The assumption whose upper bound is the tolerance for 'about' figures (see series.py)."""
RANGE_TESTS = (
    "formula_fit",
    "too_smooth_poisson",
    "too_smooth_overdispersed",
    "prediction_holdout",
    "reference_ranking",
)
"""Tests whose statistics and p-values are summarised across conflict variants."""
"""Series whose name contains this are running totals (data package convention)."""


@dataclass
class TestResult:
    """One test on one series. ``flagged`` is True when the test finds the series suspicious."""

    __test__ = False  # not a pytest class

    series: str
    test: str
    statistic: float | None
    p_value: float | None
    flagged: bool
    verdict: str
    caveats: list[str] = field(default_factory=list)
    details: dict[str, object] = field(default_factory=dict)

    def to_record(self, with_details: bool = False) -> dict[str, object]:
        rec: dict[str, object] = {
            "series": self.series,
            "test": self.test,
            "statistic": _clean(self.statistic),
            "p_value": _clean(self.p_value),
            "flagged": bool(self.flagged),
            "verdict": self.verdict,
            "caveats": list(self.caveats),
        }
        if with_details:
            rec["details"] = _jsonable(self.details)
        return rec


def _clean(x: float | None) -> float | None:
    if x is None:
        return None
    x = float(x)
    return x if math.isfinite(x) else None


def _jsonable(obj: object) -> object:
    if isinstance(obj, dict):
        return {str(k): _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_jsonable(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return [_jsonable(v) for v in obj.tolist()]
    if isinstance(obj, np.integer):
        return int(obj)
    if isinstance(obj, float | np.floating):
        return _clean(float(obj))
    if isinstance(obj, pd.DataFrame):
        return [_jsonable(r) for r in obj.to_dict(orient="records")]
    return obj


@dataclass
class ForensicsResult:
    """Everything ``run_forensics`` found. ``results`` holds one ``TestResult`` per test."""

    results: list[TestResult]
    series: dict[str, pd.DataFrame]
    """Tested series (each conflict variant under its own name) → year, value."""
    series_data: dict[str, SeriesData] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    reference: dispmod.ReferenceDispersion | None = None
    settings: dict[str, object] = field(default_factory=dict)
    _fits: dict[str, dict[str, fitmod.FitResult]] = field(default_factory=dict, repr=False)
    _rankings: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)

    def to_records(self, with_details: bool = False) -> list[dict[str, object]]:
        """One dict per test: series, test, statistic, p_value, flagged, verdict, caveats."""
        return [r.to_record(with_details) for r in self.results]

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.to_records())

    def flagged(self) -> list[TestResult]:
        return [r for r in self.results if r.flagged]

    def fit_results(self, name: str) -> dict[str, fitmod.FitResult]:
        if name not in self._fits:
            raise KeyError(f"no fits for {name!r}; fitted: {sorted(self._fits)}")
        return self._fits[name]

    def fits(self, name: str) -> pd.DataFrame:
        """Columns year, value and one fitted column per formula that could be fitted."""
        frame = self.series[name].copy()
        for formula, f in self.fit_results(name).items():
            if f.ok:
                frame[formula] = f.fitted
        return frame

    def fit_summary(self, name: str) -> pd.DataFrame:
        """One row per formula: k, R², adjusted R², AIC, parameters."""
        return fitmod.fits_table(self.fit_results(name))

    def reference_ranking(self, name: str | None = None) -> pd.DataFrame:
        """Where the tested series ranks among reference-country windows (quadratic fit).

        With no ``name``, the first series that has a ranking.
        """
        if not self._rankings:
            return pd.DataFrame(
                columns=[
                    "country",
                    "series",
                    "start",
                    "end",
                    "n",
                    "adj_r2",
                    "dispersion",
                    "tested",
                    "rank_adj_r2",
                    "rank_dispersion",
                ]
            )
        if name is None:
            name = next(iter(self._rankings))
        return self._rankings[name]

    def sources(self, name: str) -> list[str]:
        sd = self.series_data.get(name)
        return list(sd.source_ids) if sd else []

    def variant_ranges(self, base: str | None = None) -> pd.DataFrame:
        """Per series and test: how many variants, and the min–max of statistic and p-value.

        ``base`` is the series name without the variant choices (e.g.
        ``national_deceased_donors``); None gives every series.
        """
        rows = []
        for r in self.results:
            if r.test not in RANGE_TESTS:
                continue
            b = _variant_base(r.series)
            if base is not None and b != base:
                continue
            rows.append(
                {
                    "series": b,
                    "test": r.test,
                    "statistic": _clean(r.statistic),
                    "p_value": _clean(r.p_value),
                    "adj_r2_quadratic": _clean(_quad_adj_r2(r)),
                    "flagged": r.flagged,
                }
            )
        cols = [
            "series",
            "test",
            "variants",
            "statistic_min",
            "statistic_max",
            "p_min",
            "p_max",
            "adj_r2_quadratic_min",
            "adj_r2_quadratic_max",
            "flagged_in",
        ]
        if not rows:
            return pd.DataFrame(columns=cols)
        df = pd.DataFrame(rows)
        out = (
            df.groupby(["series", "test"], sort=False)
            .agg(
                variants=("test", "size"),
                statistic_min=("statistic", "min"),
                statistic_max=("statistic", "max"),
                p_min=("p_value", "min"),
                p_max=("p_value", "max"),
                adj_r2_quadratic_min=("adj_r2_quadratic", "min"),
                adj_r2_quadratic_max=("adj_r2_quadratic", "max"),
                flagged_in=("flagged", "sum"),
            )
            .reset_index()
        )
        return out[cols]


def _variant_base(name: str) -> str:
    """``national_deceased_donors[2010=34,2017=5148]`` → ``national_deceased_donors``."""
    return str(name).split("[")[0].strip()


def _quad_adj_r2(r: TestResult) -> float | None:
    """Adjusted R² of the general quadratic in a formula_fit or reference_ranking result."""
    if r.test == "reference_ranking":
        v = r.details.get("adj_r2")
        return None if v is None else float(v)  # type: ignore[arg-type]
    if r.test == "formula_fit":
        for row in r.details.get("fits", []) or []:  # type: ignore[union-attr]
            if row.get("formula") == "quadratic":
                return float(row.get("adj_r2"))
    return None


# ------------------------------------------------------------------ verdict words


def _p(p: float | None) -> str:
    if p is None:
        return "n/a"
    return "< 0.0001" if p < 1e-4 else f"{p:.4f}" if p < 0.01 else f"{p:.3f}"


def _refused(series: str, test: str, reason: str, **details: object) -> TestResult:
    return TestResult(
        series, test, None, None, False, f"Not run: {reason}.", [reason], dict(details)
    )


# ------------------------------------------------------------------ per-series tests


def analyse_series(
    sd: SeriesData,
    *,
    reference: pd.DataFrame | None = None,
    ref_disp: dispmod.ReferenceDispersion | None = None,
    alpha: float = DEFAULT_ALPHA,
    n_sim: int = DEFAULT_SIMS,
    seed: int = DEFAULT_SEED,
    holdout: int = 2,
    t0: float | None = None,
    train_until: int | None = None,
) -> tuple[list[TestResult], dict[str, fitmod.FitResult], pd.DataFrame | None]:
    """Fits, smoothness, prediction, reference ranking and digit tests for one series."""
    name = sd.name
    out: list[TestResult] = []
    years, values = sd.years, sd.values
    n = len(values)
    base_caveats = _series_caveats(sd)

    # formula fits
    fits = fitmod.fit_all(years, values, t0)
    best = fitmod.best_fit(fits)
    quad = fits["quadratic"]
    q1 = fits["quadratic_1p"]
    table = fitmod.fits_table(fits)
    out.append(
        TestResult(
            name,
            "formula_fit",
            best.adj_r2,
            None,
            False,
            f"Best formula by AIC: {best.formula} ({fitmod.FORMULA_TEXT[best.formula]}), adjusted "
            f"R² {best.adj_r2:.5f}; general quadratic adjusted R² {quad.adj_r2:.5f}; one-parameter "
            f"quadratic a·(t − {q1.params.get('t0', float('nan')):.2f})² "
            f"adjusted R² {q1.adj_r2:.5f}. "
            "A close fit alone proves nothing: growing programmes are smooth; see the smoothness "
            "and ranking tests.",
            list(base_caveats),
            {"fits": table.to_dict(orient="records"), "best": best.formula, "n": n},
        )
    )

    # too smooth: Poisson and overdispersed
    for noise in ("poisson", "overdispersed"):
        test = f"too_smooth_{noise}"
        if n < 5:
            out.append(_refused(name, test, f"{n} years; the smoothness test needs at least 5"))
            continue
        if noise == "overdispersed" and ref_disp is None:
            out.append(
                _refused(
                    name,
                    test,
                    "no reference series of 5 or more consecutive years "
                    "to estimate real-world noise",
                )
            )
            continue
        cv = ref_disp.cv if (noise == "overdispersed" and ref_disp) else 0.0
        sm = dispmod.smoothness_test(years, values, cv=cv, n_sim=n_sim, seed=seed)
        ratio = sm.residual_sd / sm.expected_sd if sm.expected_sd > 0 else float("nan")
        flagged = sm.p_value < alpha
        noise_words = (
            "Poisson counting noise alone"
            if noise == "poisson"
            else f"counts with the year-to-year noise of real registries (cv {cv:.3f}, "
            f"the {ref_disp.quantile:.0%} quantile over {len(ref_disp.per_series)} "
            "reference series)"
            if ref_disp
            else ""
        )
        if flagged:
            verdict = (
                f"Too smooth: the residuals around the {sm.formula} fit are {ratio:.2g} "
                f"times the size {noise_words} would give (dispersion {sm.dispersion:.3g} "
                f"vs about {sm.expected_dispersion:.3g} expected); only {_p(sm.p_value)} of "
                "simulated real series are this smooth."
            )
        else:
            verdict = (
                f"Consistent with {noise_words}: residuals around the {sm.formula} fit are "
                f"{ratio:.2g} times the expected size (dispersion {sm.dispersion:.3g}, "
                f"p = {_p(sm.p_value)})."
            )
        cav = list(base_caveats)
        if n < 8:
            cav.append(f"only {n} years: the test can detect only extreme smoothness")
        if noise == "poisson":
            cav.append(
                "Poisson is the least noise real counts can have; passing it is weak "
                "evidence of genuineness"
            )
        else:
            cav.append(
                "the reference cv is a conservative (low) quantile; real series of this "
                "size usually vary more"
            )
        out.append(
            TestResult(
                name,
                test,
                sm.dispersion,
                sm.p_value,
                flagged,
                verdict,
                cav,
                {
                    "formula": sm.formula,
                    "cv": sm.cv,
                    "n_sim": sm.n_sim,
                    "seed": sm.seed,
                    "expected_dispersion": sm.expected_dispersion,
                    "residual_sd": sm.residual_sd,
                    "expected_sd": sm.expected_sd,
                    "simulated_quantiles": sm.details.get("d_sim_quantiles", {}),
                },
            )
        )

    # forward prediction
    test = "prediction_holdout"
    if train_until is not None:
        holdout = int(np.sum(years > train_until))
    if n - holdout < 4 or holdout < 1:
        out.append(
            _refused(
                name, test, f"{n} years; needs at least 4 training years plus {holdout} held out"
            )
        )
    else:
        train_fits = fitmod.fit_all(years[:-holdout], values[:-holdout], t0)
        candidates = {k: v for k, v in train_fits.items() if k != "cubic"}
        formula = fitmod.best_fit(candidates).formula
        cv = ref_disp.cv if ref_disp else None
        pred = fitmod.predict_forward(years, values, formula, holdout, t0, cv)
        p_used = pred.p_lower_overdispersed if cv is not None else pred.p_lower_poisson
        flagged = bool(p_used is not None and p_used < alpha)
        errs = ", ".join(
            f"{y}: {a:,.0f} vs predicted {p:,.1f}"
            for y, a, p in zip(pred.test_years, pred.actual, pred.predicted, strict=True)
        )
        noise = "real-registry noise" if cv is not None else "Poisson noise"
        verdict = (
            f"{formula} fitted to {pred.train_years[0]}–{pred.train_years[-1]} predicts "
            f"{errs}. "
            + (
                f"The later years are closer to the formula than {noise} allows (p = {_p(p_used)})."
                if flagged
                else f"Prediction errors are within what {noise} allows (p = {_p(p_used)})."
            )
        )
        out.append(
            TestResult(
                name,
                test,
                pred.chi2_overdispersed if cv is not None else pred.chi2_poisson,
                p_used,
                flagged,
                verdict,
                [
                    *base_caveats,
                    "a formula chosen after seeing the data predicts better than one "
                    "fixed in advance; the paper's one-parameter quadratic was found on 2010–2016",
                ],
                {
                    "formula": formula,
                    "train_years": pred.train_years,
                    "test_years": pred.test_years,
                    "actual": pred.actual.tolist(),
                    "predicted": pred.predicted.tolist(),
                    "z_poisson": pred.z_poisson.tolist(),
                    "p_poisson": pred.p_lower_poisson,
                    "p_overdispersed": pred.p_lower_overdispersed,
                    "cv": cv,
                },
            )
        )

    # ranking among reference countries
    ranking = None
    test = "reference_ranking"
    if reference is None or reference.empty:
        out.append(_refused(name, test, "no reference series bundled"))
    else:
        ranking = dispmod.reference_ranking(reference, name, years, values)
        refs = ranking[~ranking["tested"]]
        if refs.empty:
            out.append(_refused(name, test, "no reference series with 5 or more consecutive years"))
            ranking = None
        else:
            row = ranking[ranking["tested"]].iloc[0]
            better = int(np.sum(refs["adj_r2"] >= row["adj_r2"]))
            smoother = int(np.sum(refs["dispersion"] <= row["dispersion"]))
            n_ref = len(refs)
            countries = refs["country"].nunique()
            p_emp = (1 + smoother) / (1 + n_ref)
            flagged = p_emp < alpha
            verdict = (
                f"Among {n_ref} windows of {int(row['n'])} consecutive years from {countries} "
                f"reference countries, {better} fit a general quadratic as well as this series "
                f"(adjusted R² {row['adj_r2']:.5f}) and {smoother} lie as close to it relative "
                f"to count noise (dispersion {row['dispersion']:.3g}). "
                + (
                    "This series is smoother than nearly all real registry series."
                    if flagged
                    else "This series is not unusual among them."
                )
            )
            out.append(
                TestResult(
                    name,
                    test,
                    float(row["dispersion"]),
                    p_emp,
                    flagged,
                    verdict,
                    [
                        *base_caveats,
                        "reference windows overlap within a country, so they are not "
                        "independent; the p-value is an empirical rank, not an exact probability",
                    ],
                    {
                        "adj_r2": float(row["adj_r2"]),
                        "n_reference_windows": n_ref,
                        "n_reference_countries": int(countries),
                        "windows_fitting_as_well": better,
                        "windows_as_smooth": smoother,
                        "best_reference": refs.iloc[0][
                            ["country", "series", "start", "end", "adj_r2"]
                        ].to_dict(),
                    },
                )
            )

    # digits of this series alone (usually too few: refused with the reason)
    out.extend(digit_results(name, values, alpha=alpha, seed=seed))
    # conflicts between sources
    if sd.conflicts:
        out.append(conflict_result(sd))
    return out, fits, ranking


def _series_caveats(sd: SeriesData) -> list[str]:
    cav = []
    if sd.window is not None:
        cav.append(
            f"years {sd.window[0]}–{sd.window[1]} only"
            + (
                f"; not tested: {', '.join(map(str, sd.outside_window))}"
                if sd.outside_window
                else ""
            )
        )
    if sd.choice:
        cav.append(
            "conflict variant: " + ", ".join(f"{y} = {v:,.0f}" for y, v in sd.choice.items())
        )
    if sd.variants_note:
        cav.append(sd.variants_note)
    g = sd.gaps()
    if g:
        cav.append(
            f"missing years {g}: formulas are fitted to the years given, nothing is filled in"
        )
    if sd.approx_years:
        cav.append(f"approximate values ('about') for {sd.approx_years}")
    cav.extend(f"left out: {e}" for e in sd.excluded)
    return cav


def conflict_result(sd: SeriesData) -> TestResult:
    """Sources that state different values for the same year of the same series."""
    words = "; ".join(c.describe() for c in sd.conflicts)
    kinds = {c.kind for c in sd.conflicts}
    how = []
    if "values" in kinds:
        how.append("each version of a year with different exact values is tested separately")
    if kinds & {"bound", "approx"}:
        how.append(
            "bounds ('more than') and 'about' figures are never tested as counts, so their "
            "contradiction with the exact value is reported here only"
        )
    years = sorted({c.year for c in sd.conflicts})
    return TestResult(
        sd.name,
        "source_agreement",
        float(len(years)),
        None,
        True,
        f"Sources disagree for {len(years)} year(s): {words}. "
        + "; ".join(h[0].upper() + h[1:] for h in how)
        + "; the disagreement itself is a finding.",
        [],
        {"conflicts": [asdict(c) for c in sd.conflicts]},
    )


def variant_range_result(
    base: str,
    variants: Sequence[str],
    results: Sequence[TestResult],
    note: str = "",
    total: int | None = None,
) -> TestResult:
    """The range of each main test's statistic and p-value across the variants of one series."""
    parts = []
    for test in RANGE_TESTS:
        rs = [r for r in results if r.test == test and r.series in variants]
        stats = [r.statistic for r in rs if r.statistic is not None]
        ps = [r.p_value for r in rs if r.p_value is not None]
        if not rs or not stats:
            continue
        txt = f"{test}: statistic {min(stats):.4g}–{max(stats):.4g}"
        if ps:
            txt += f", p {_p(min(ps))}–{_p(max(ps))}"
        if test in ("formula_fit", "reference_ranking"):
            q = [x for x in (_quad_adj_r2(r) for r in rs) if x is not None]
            if q:
                txt += f", quadratic adjusted R² {min(q):.5f}–{max(q):.5f}"
        flagged = sum(r.flagged for r in rs)
        txt += f", flagged in {flagged} of {len(rs)}"
        parts.append(txt)
    shown = total if total is not None else len(variants)
    verdict = (
        f"Across the {len(variants)} tested versions of {base}"
        + (f" (of {shown} combinations)" if shown != len(variants) else "")
        + ": "
        + ("; ".join(parts) if parts else "no test gave a statistic")
        + "."
    )
    return TestResult(
        base,
        "variant_range",
        float(len(variants)),
        None,
        False,
        verdict,
        [note] if note else [],
        {"variants": list(variants), "combinations": shown},
    )


def digit_results(
    name: str, values: Sequence[float] | np.ndarray, *, alpha: float, seed: int
) -> list[TestResult]:
    """Benford first and second digit and last-digit tests as ``TestResult`` records."""
    out = []
    for res in (
        digmod.benford_test(values, "first", alpha=alpha, seed=seed),
        digmod.benford_test(values, "second", alpha=alpha, seed=seed),
        digmod.last_digit_test(values, alpha=alpha, seed=seed),
    ):
        if not res.ran:
            out.append(_refused(name, res.test, res.refused, n=res.n))
            continue
        if res.test.startswith("benford"):
            words = (
                f"{res.n} values; chi-square {res.chi2:.2f}, p = {_p(res.p_value)} "
                f"({res.p_method}); MAD {res.mad:.4f}: {res.conformity} (Nigrini)."
            )
            which = "Leading" if "first" in res.test else "Second"
            verdict = (
                f"{which} digits depart from Benford's law: "
                if res.flagged
                else f"{which} digits are consistent with Benford's law: "
            ) + words
            stat = res.mad
        else:
            words = (
                f"{res.n} values; chi-square {res.chi2:.2f}, p = {_p(res.p_value)} "
                f"({res.p_method})."
            )
            verdict = (
                "Last digits are not uniform: "
                if res.flagged
                else "Last digits are consistent with uniform: "
            ) + words
            stat = res.chi2
        out.append(
            TestResult(
                name,
                res.test,
                stat,
                res.p_value,
                res.flagged,
                verdict,
                list(res.caveats),
                {
                    "n": res.n,
                    "observed": res.observed,
                    "expected": res.expected,
                    "chi2": res.chi2,
                    "mad": res.mad,
                    "conformity": res.conformity,
                    "p_method": res.p_method,
                },
            )
        )
    return out


def ratio_result(
    label: str, num: SeriesData, den: SeriesData, model: str, alpha: float
) -> TestResult:
    """Constancy of num/den across the years both series have."""
    test = f"ratio_constancy_{model}"
    m = num.frame.merge(den.frame, on="year", suffixes=("_n", "_d"))
    m = m[m["value_d"] > 0]
    if len(m) < 3:
        return _refused(label, test, f"only {len(m)} years in common")
    r = ratmod.ratio_constancy(
        m["year"].to_numpy(), m["value_n"].to_numpy(), m["value_d"].to_numpy(), model
    )
    flagged = r.p_lower < alpha
    shown = ", ".join(f"{y}: {v:.3f}" for y, v in zip(r.years, r.ratios, strict=True))
    verdict = (
        f"Ratio {num.name} / {den.name} by year: {shown} (pooled {r.pooled_ratio:.3f}). "
        + (
            "It is steadier than independent counts allow"
            if flagged
            else "Its year-to-year variation is at least what counting noise gives"
        )
        + f" (chi-square {r.chi2:.2f} on {r.df} df, lower-tail p = {_p(r.p_lower)}, "
        f"upper-tail p = {_p(r.p_upper)})."
    )
    cav = []
    if model == "poisson":
        cav.append(
            "Poisson variation assumes independent counts; organs per donor are bounded "
            "(a donor gives at most about 8), so real variation can be smaller: check a "
            "lower-tail flag with the binomial model or a sourced per-donor variance"
        )
    if r.p_upper < alpha:
        cav.append(
            "the ratio varies more than counting noise: usual for real data where "
            "practice changes, and not in itself suspicious"
        )
    return TestResult(
        label,
        test,
        r.chi2,
        r.p_lower,
        flagged,
        verdict,
        cav,
        {
            "years": r.years,
            "ratios": r.ratios,
            "pooled_ratio": r.pooled_ratio,
            "df": r.df,
            "p_upper": r.p_upper,
            "model": model,
        },
    )


def equality_result(a: SeriesData, b: SeriesData, tolerance: float = 0.0) -> TestResult:
    """Two series that should be identical, compared year by year."""
    label = f"{a.name} = {b.name}"
    try:
        r = ratmod.cross_consistency(a.frame, b.frame, tolerance)
    except ValueError as exc:
        return _refused(label, "cross_consistency", str(exc))
    flagged = bool(r.mismatched_years)
    shown = "; ".join(
        f"{y}: {x:,.0f} vs {z:,.0f}"
        for y, x, z in zip(r.years, r.a, r.b, strict=True)
        if y in r.mismatched_years
    )
    verdict = (
        f"They differ in {len(r.mismatched_years)} of {len(r.years)} common years "
        f"({shown}); largest gap {r.max_rel_diff:.1%}."
        if flagged
        else f"They agree in all {len(r.years)} common years."
    )
    return TestResult(
        label,
        "cross_consistency",
        float(len(r.mismatched_years)),
        None,
        flagged,
        verdict,
        [],
        asdict(r),
    )


def jump_result(sd: SeriesData, increments: bool = False) -> TestResult:
    """Falls and round-number jumps in a running counter (or in stated increments)."""
    f = sd.frame
    if increments:
        inc = f["value"].to_numpy(float)
        labels = [str(y) for y in f["year"]]
    else:
        inc = np.diff(f["value"].to_numpy(float))
        ys = f["year"].tolist()
        labels = [f"{a}→{b}" for a, b in zip(ys[:-1], ys[1:], strict=True)]
    if len(inc) == 0:
        return _refused(sd.name, "counter_jumps", "fewer than two values of the running total")
    r = ratmod.counter_jumps(inc, labels)
    rounded_note = []
    if sd.approx_years and not increments and r.round_jumps:
        # an 'about' figure is rounded by its source: a jump to or from one is round by
        # construction, so only jumps between exact figures count as round
        approx = set(sd.approx_years)
        ys = f["year"].tolist()
        exact_inc = [
            (lab, v)
            for lab, v, a, b in zip(labels, inc, ys[:-1], ys[1:], strict=True)
            if a not in approx and b not in approx
        ]
        exact_labels = {lab for lab, _ in exact_inc}
        dropped = [j for j in r.round_jumps if j.split(":")[0] not in exact_labels]
        r.round_jumps = [j for j in r.round_jumps if j.split(":")[0] in exact_labels]
        zeros = [ratmod.trailing_zeros(v) if abs(v) >= 1000 else 0 for _, v in exact_inc]
        zmax = max(zeros, default=0)
        r.max_trailing_zeros = zmax
        r.p_round = float(1 - (1 - 10.0**-zmax) ** len(exact_inc)) if zmax > 0 else 1.0
        if dropped:
            rounded_note.append(
                f"round jumps to or from approximate ('about') figures are not counted as "
                f"round ({'; '.join(dropped)}): the source rounded those figures"
            )
    flagged = bool(r.falls) or (bool(r.round_jumps) and r.p_round < DEFAULT_ALPHA)
    parts = []
    if r.falls:
        parts.append(f"the running total falls ({'; '.join(r.falls)}), which a count cannot do")
    if r.round_jumps:
        parts.append(
            f"round-number jumps ({'; '.join(r.round_jumps)}); chance that one of "
            f"{len(inc)} real increments ends in {r.max_trailing_zeros} zeros: "
            f"{_p(r.p_round)}"
        )
    if r.outliers:
        parts.append(f"outsized jumps ({'; '.join(r.outliers)})")
    verdict = (
        ("Suspicious: " + "; ".join(parts) + ".")
        if parts
        else (f"No falls, round-number or outsized jumps among {len(inc)} increments.")
    )
    return TestResult(
        sd.name,
        "counter_jumps",
        float(r.max_trailing_zeros),
        r.p_round,
        flagged,
        verdict,
        _series_caveats(sd)
        + rounded_note
        + (
            [
                "a stated jump is often reported because it looked round; the chance figure "
                "ignores that selection and shows only how rare such an increment is"
            ]
            if increments
            else []
        ),
        asdict(r),
    )


# ------------------------------------------------------------------ entry point


def default_ratio_pairs(names: Iterable[str], units: dict[str, str]) -> list[tuple[str, str, str]]:
    """(numerator, denominator, model) pairs to test, found from series names and units.

    Organs per donor: a series in unit ``organs`` over a series in unit
    ``donors`` whose names share everything before the quantity word.
    """
    names = list(names)
    pairs = []
    for a in names:
        if units.get(a, "") != "organs" or CUMULATIVE_MARK in a:
            continue
        for b in names:
            if units.get(b, "") == "donors" and CUMULATIVE_MARK not in b and _stem(a) == _stem(b):
                pairs.append((a, b, "poisson"))
    return pairs


def _stem(name: str) -> str:
    """The geography a series is about: its first word (national, guangdong, ...)."""
    return name.split("_")[0]


def run_forensics(
    evidence: Evidence | None,
    series_names: Sequence[str] | None = None,
    *,
    extra_series: Sequence[SeriesData] = (),
    conflict_rule: str = "each",
    prefer_sources: Sequence[str] = (),
    ratio_pairs: Sequence[tuple[str, str, str]] | None = None,
    equal_pairs: Sequence[tuple[str, str]] = (),
    alpha: float = DEFAULT_ALPHA,
    n_sim: int = DEFAULT_SIMS,
    seed: int = DEFAULT_SEED,
    holdout: int = 2,
    t0: float | None = None,
    train_until: int | None = None,
    reference_quantile: float = 0.25,
    years: tuple[int, int] | None = None,
    approx_tolerance: float | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ForensicsResult:
    """Run every forensic test on official series of ``evidence`` (and on ``extra_series``).

    ``series_names`` None means every series in ``official_series``; pass ``[]``
    to test only ``extra_series`` (e.g. CSV files). Conflicting values for one
    year follow ``conflict_rule`` (``each``: test every variant; ``stop``:
    raise a ``DataError`` listing them; ``source``: use ``prefer_sources`` in
    order). ``ratio_pairs`` (numerator, denominator, model) default to organs
    per donor pairs found by unit; ``equal_pairs`` are series that should be
    identical. ``train_until`` (a year) fits the prediction test on the years
    up to it and predicts every later year, instead of holding out the last
    ``holdout`` years. The overdispersed null uses the ``reference_quantile`` of the
    reference series' noise. ``years=(first, last)`` tests only those years of every
    series (the others are named in the caveats; official series are then labelled
    "name (first–last)"). ``approx_tolerance`` is the relative half-width within which an
    'about' figure corroborates an exact one; None reads the upper bound of the
    ``approx_relative_half_width`` assumption from the evidence, else
    ``DEFAULT_APPROX_TOLERANCE`` (10%). ``progress(done, total)`` is called per series.
    """
    window = check_window(years)
    tolerance = (
        approx_tolerance if approx_tolerance is not None else approx_tolerance_from(evidence)
    )
    official = evidence.official_series if evidence is not None else pd.DataFrame()
    reference = evidence.reference_series if evidence is not None else pd.DataFrame()
    names = official_series_names(official) if series_names is None else list(series_names)

    # build the series (each conflict variant separately)
    variants: dict[str, list[SeriesData]] = {}
    for nm in names:
        counts = not _is_rate(official, nm)
        variants[nm] = series_variants(
            official,
            nm,
            rule=conflict_rule,
            prefer_sources=prefer_sources,
            counts=counts,
            min_points=0,
            approx_tolerance=tolerance,
            years=window,
            label_window=window is not None,
            running_total=CUMULATIVE_MARK in nm,
        )
    for sd in extra_series:
        variants[sd.name] = [_windowed(sd, window)]

    units = {nm: _unit(official, nm) for nm in names}
    pairs = default_ratio_pairs(names, units) if ratio_pairs is None else list(ratio_pairs)
    for a, b, *_ in [*pairs, *equal_pairs]:
        for nm in (a, b):
            if nm not in variants:
                raise DataError(
                    "official_series.csv",
                    f"ratio/equality pair names an unknown series '{nm}' (known: "
                    f"{', '.join(sorted(variants)) or 'none'})",
                    field="series",
                    value=nm,
                    code="unknown-series",
                )
    results: list[TestResult] = []
    series: dict[str, pd.DataFrame] = {}
    series_data: dict[str, SeriesData] = {}
    fits: dict[str, dict[str, fitmod.FitResult]] = {}
    rankings: dict[str, pd.DataFrame] = {}
    conflicts: list[Conflict] = []
    ref_cache: dict[int, dispmod.ReferenceDispersion | None] = {}
    all_values: dict[tuple[str, int], float] = {}

    total = sum(len(v) for v in variants.values())
    done = 0
    for base, vs in variants.items():
        for sd in vs:
            series[sd.name] = sd.frame
            series_data[sd.name] = sd
            for c in sd.conflicts:
                if c not in conflicts:
                    conflicts.append(c)
            for y, v in zip(sd.years, sd.values, strict=True):
                if not sd.choice or int(y) not in sd.choice:
                    all_values[(base, int(y))] = float(v)
            if CUMULATIVE_MARK in base:
                results.append(jump_result(sd))
                if sd.conflicts:
                    results.append(conflict_result(sd))
            elif _is_increment(official, base):
                results.append(jump_result(_increment_series(official, base), increments=True))
            elif _is_rate(official, base):
                results.append(
                    _refused(
                        sd.name, "formula_fit", "a rate, not a count: the count tests do not apply"
                    )
                )
            elif len(sd.values) < MIN_POINTS:
                results.append(
                    _refused(
                        sd.name,
                        "formula_fit",
                        f"{len(sd.values)} year(s); the tests need at least {MIN_POINTS}",
                        years=sd.years.tolist(),
                    )
                )
                if sd.conflicts:
                    results.append(conflict_result(sd))
            else:
                n = len(sd.values)
                if n not in ref_cache:
                    ref_cache[n] = dispmod.reference_dispersion(reference, n, reference_quantile)
                res, f, rk = analyse_series(
                    sd,
                    reference=reference,
                    ref_disp=ref_cache[n],
                    alpha=alpha,
                    n_sim=n_sim,
                    seed=seed,
                    holdout=holdout,
                    t0=t0,
                    train_until=train_until,
                )
                results.extend(res)
                fits[sd.name] = f
                if rk is not None:
                    rankings[sd.name] = rk
            done += 1
            if progress:
                progress(done, total)
        if len(vs) > 1:
            names_v = [sd.name for sd in vs]
            results.append(
                variant_range_result(
                    _variant_base(vs[0].name),
                    names_v,
                    results,
                    vs[0].variants_note,
                    vs[0].variants_total,
                )
            )

    # digits over every official value together (one value per series and year)
    if len(names) > 1:
        pooled = [
            v
            for (nm, _), v in all_values.items()
            if nm in names and not _is_rate(official, nm) and CUMULATIVE_MARK not in nm
        ]
        results.extend(
            digit_results("all official series (pooled)", pooled, alpha=alpha, seed=seed)
        )

    # ratios and cross-consistency
    for a, b, model in pairs:
        for va in variants.get(a, []):
            for vb in variants.get(b, []):
                results.append(ratio_result(f"{va.name} / {vb.name}", va, vb, model, alpha))
    for a, b in equal_pairs:
        for va in variants.get(a, []):
            for vb in variants.get(b, []):
                results.append(equality_result(va, vb))

    settings = {
        "alpha": alpha,
        "n_sim": n_sim,
        "seed": seed,
        "holdout": holdout,
        "train_until": train_until,
        "t0": t0,
        "conflict_rule": conflict_rule,
        "prefer_sources": list(prefer_sources),
        "reference_quantile": reference_quantile,
        "years": list(window) if window is not None else None,
        "approx_tolerance": tolerance,
        "evidence_digest": getattr(evidence, "digest", "") if evidence else "",
    }
    ref_any = next((r for r in ref_cache.values() if r is not None), None)
    return ForensicsResult(
        results=results,
        series=series,
        series_data=series_data,
        conflicts=conflicts,
        reference=ref_any,
        settings=settings,
        _fits=fits,
        _rankings=rankings,
    )


def approx_tolerance_from(evidence: Evidence | None) -> float:
    """Upper bound of the ``approx_relative_half_width`` assumption, else the default (10%)."""
    asm = getattr(evidence, "assumptions", None) if evidence is not None else None
    if asm is None or asm.empty or "name" not in asm.columns:
        return DEFAULT_APPROX_TOLERANCE
    rows = asm[asm["name"].astype(str) == APPROX_ASSUMPTION]
    if rows.empty:
        return DEFAULT_APPROX_TOLERANCE
    try:
        high = float(rows.iloc[0]["high"])
    except (TypeError, ValueError):
        return DEFAULT_APPROX_TOLERANCE
    return high if math.isfinite(high) and 0 < high < 1 else DEFAULT_APPROX_TOLERANCE


def _windowed(sd: SeriesData, window: tuple[int, int] | None) -> SeriesData:
    """A user's series restricted to the year window (the left-out years recorded)."""
    if window is None:
        return sd
    f = sd.frame
    inside = f["year"].between(window[0], window[1])
    from dataclasses import replace

    return replace(
        sd,
        frame=f[inside].reset_index(drop=True),
        window=window,
        outside_window=sorted(int(y) for y in f.loc[~inside, "year"]),
    )


def _rows(official: pd.DataFrame, name: str) -> pd.DataFrame:
    if official is None or official.empty:
        return pd.DataFrame()
    return official[official["series"].astype(str) == name]


def _unit(official: pd.DataFrame, name: str) -> str:
    rows = _rows(official, name)
    if rows.empty or "unit" not in rows:
        return ""
    units = rows["unit"].dropna().astype(str).unique()
    return str(units[0]) if len(units) else ""


def _is_rate(official: pd.DataFrame, name: str) -> bool:
    """Series whose values are not whole counts (per-million rates, shares)."""
    unit = _unit(official, name).lower()
    return any(w in unit for w in ("pmp", "per million", "fraction", "percent", "rate", "ratio"))


def _is_increment(official: pd.DataFrame, name: str) -> bool:
    """Series whose values are stated one-off increments of a counter (e.g. added in one day)."""
    rows = _rows(official, name)
    text = (
        name.lower()
        + " "
        + " ".join(rows.get("note", pd.Series(dtype=str)).dropna().astype(str).str.lower())
    )
    return "one_day" in text or "one-day" in text or "added in one day" in text


def _increment_series(official: pd.DataFrame, name: str) -> SeriesData:
    """Every stated increment of a counter (one-day jumps are partial years by nature)."""
    rows = _rows(official, name)
    frame = pd.DataFrame(
        {
            "year": rows["year"].astype(int).to_numpy(),
            "value": rows["value"].astype(float).to_numpy(),
        }
    )
    return SeriesData(
        name=name,
        frame=frame.reset_index(drop=True),
        source_ids=sorted({str(s) for s in rows["source_id"].dropna()}),
        locators=[str(x) for x in rows["locator"].dropna()],
    )


def check_series_names(evidence: Evidence, names: Iterable[str]) -> None:
    """Raise a ``DataError`` naming the unknown series and listing the known ones."""
    known = set(official_series_names(evidence.official_series))
    for nm in names:
        if nm not in known:
            raise DataError(
                "official_series.csv",
                f"no series named '{nm}' (known: {', '.join(sorted(known)) or 'none'})",
                field="series",
                value=nm,
                code="unknown-series",
            )
