"""One function per forensic test: series in, a ``TestResult`` (statistic, p, verdict) out.

The computing lives in the test-family modules (``fits``, ``dispersion``,
``ranking``, ``digits``, ``ratios``, ``stale``); these functions call them and
word the outcome. ``api.run_forensics`` only chooses which tests to run. Pure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict

import numpy as np
import pandas as pd
from scipy import stats

from transplant_audit.forensics import digits as digmod
from transplant_audit.forensics import dispersion as dispmod
from transplant_audit.forensics import fits as fitmod
from transplant_audit.forensics import ranking as rankmod
from transplant_audit.forensics import ratios as ratmod
from transplant_audit.forensics import stale as stalemod
from transplant_audit.forensics.results import (
    RANGE_TESTS,
    TestResult,
    _p,
    _quad_adj_r2,
    _refused,
)
from transplant_audit.forensics.series import SeriesData

DEFAULT_ALPHA = 0.05
"""Nominal false-positive rate of every test that gives a p-value."""

RHL_URL = "https://bmcmedethics.biomedcentral.com/articles/10.1186/s12910-019-0406-6"
RHL_ONE_PARAMETER = (
    "Robertson, Hinde & Lavee's abstract says the formula 'first appeared to be a general "
    "quadratic, but with further confirmatory data was discovered to be a simpler "
    f"one-parameter quadratic' ({RHL_URL}): it was chosen after seeing later years, so its "
    "fit to those years is not an out-of-sample prediction"
)


def _peq(p: float | None) -> str:
    """'p = 0.031' or 'p < 0.0001'."""
    txt = _p(p)
    return f"p {txt}" if txt.startswith("<") else f"p = {txt}"


def constant_result(sd: SeriesData) -> TestResult | None:
    """'Not testable' for a series whose values are all equal (all zero included), else None.

    A constant series has no trend to fit and no spread to compare with counting
    noise: any smoothness verdict on it would be an artefact of the arithmetic.
    """
    vals = np.asarray(sd.values, float)
    if len(vals) == 0 or np.ptp(vals) > 0:
        return None
    what = "zero" if vals[0] == 0 else f"{vals[0]:,.0f}"
    return _refused(
        sd.name,
        "formula_fit",
        f"not testable: all {len(vals)} values are {what}; a constant series has no trend "
        "and no spread to compare with counting noise",
        n=len(vals),
    )


def formula_fit_result(
    sd: SeriesData, fits: dict[str, fitmod.FitResult], caveats: list[str]
) -> TestResult:
    """Every formula's fit (never flagged: a close fit alone proves nothing)."""
    best = fitmod.best_fit(fits)
    quad, q1 = fits["quadratic"], fits["quadratic_1p"]
    return TestResult(
        sd.name,
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
        list(caveats),
        {
            "fits": fitmod.fits_table(fits).to_dict(orient="records"),
            "best": best.formula,
            "n": len(sd.values),
        },
    )


def smoothness_result(
    sd: SeriesData,
    noise: str,
    ref_disp: dispmod.ReferenceDispersion | None,
    caveats: list[str],
    *,
    alpha: float,
    n_sim: int,
    seed: int,
) -> TestResult:
    """Too smooth for counts? Dispersion against Poisson or real-registry noise."""
    name, years, values = sd.name, sd.years, sd.values
    n = len(values)
    test = f"too_smooth_{noise}"
    if n < 5:
        return _refused(name, test, f"{n} years; the smoothness test needs at least 5")
    if noise == "overdispersed" and (ref_disp is None or ref_disp.cv <= 0):
        return _refused(
            name,
            test,
            "no reference estimate of real-world noise above Poisson "
            "(the Poisson test already covers this case)",
        )
    cv = ref_disp.cv if (noise == "overdispersed" and ref_disp) else 0.0
    sm = dispmod.smoothness_test(years, values, cv=cv, n_sim=n_sim, seed=seed)
    ratio = sm.residual_sd / sm.expected_sd if sm.expected_sd > 0 else float("nan")
    flagged = sm.p_value < alpha
    noise_words = (
        "Poisson counting noise alone"
        if noise == "poisson"
        else f"counts with the year-to-year noise of real registries ({ref_disp.describe()})"
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
            f"Not too smooth: consistent with {noise_words}, or noisier; residuals around the "
            f"{sm.formula} fit are {ratio:.2g} times the expected size (dispersion "
            f"{sm.dispersion:.3g} vs about {sm.expected_dispersion:.3g}, p = {_p(sm.p_value)})."
        )
    cav = list(caveats)
    if n < 8:
        cav.append(f"only {n} years: the test can detect only extreme smoothness")
    if noise == "poisson":
        cav.append(
            "Poisson is the least noise real counts can have; passing it is weak "
            "evidence of genuineness"
        )
    else:
        cav.append(
            "the reference cv is estimated from reference deceased-donor series around their own "
            "best simple formula; growth that no simple formula follows adds to it, and a "
            "programme in a phase of change can vary more"
        )
    return TestResult(
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


def prediction_result(
    sd: SeriesData,
    ref_disp: dispmod.ReferenceDispersion | None,
    caveats: list[str],
    *,
    alpha: float,
    holdout: int,
    t0: float | None,
    train_until: int | None,
) -> TestResult:
    """A fit on the early years predicts the later ones: two-sided verdict.

    Flagged only when the errors are smaller than noise allows (lower tail: the
    later years look read off the formula). Errors far larger than noise are
    said in words (the later years depart from the formula), never as 'within
    noise'.
    """
    name, years, values = sd.name, sd.years, sd.values
    n = len(values)
    test = "prediction_holdout"
    if train_until is not None:
        holdout = int(np.sum(years > train_until))
    if n - holdout < 4 or holdout < 1:
        return _refused(
            name, test, f"{n} years; needs at least 4 training years plus {holdout} held out"
        )
    train_fits = fitmod.fit_all(years[:-holdout], values[:-holdout], t0)
    candidates = {k: v for k, v in train_fits.items() if k != "cubic"}
    formula = fitmod.best_fit(candidates).formula
    cv = ref_disp.cv if ref_disp and ref_disp.cv > 0 else None
    pred = fitmod.predict_forward(years, values, formula, holdout, t0, cv)
    p_lower = pred.p_lower_overdispersed if cv is not None else pred.p_lower_poisson
    chi2 = pred.chi2_overdispersed if cv is not None else pred.chi2_poisson
    z = pred.z_overdispersed if cv is not None else pred.z_poisson
    p_upper = float(stats.chi2.sf(chi2, holdout))
    flagged = bool(p_lower is not None and p_lower < alpha)
    errs = ", ".join(
        f"{y}: {a:,.0f} vs predicted {p:,.0f} (z = {zz:+.1f})"
        for y, a, p, zz in zip(pred.test_years, pred.actual, pred.predicted, z, strict=True)
    )
    noise = "real-registry noise" if cv is not None else "Poisson noise"
    if flagged:
        words = f"The later years are closer to the formula than {noise} allows"
        p_txt = f"lower-tail {_peq(p_lower)}"
    elif p_upper < alpha:
        words = (
            f"The prediction errors are far larger than {noise} allows: the later years "
            "depart from the formula (not a sign of formula-made numbers)"
        )
        p_txt = f"upper-tail {_peq(p_upper)}"
    else:
        words = f"Prediction errors are within what {noise} allows"
        p_txt = f"lower-tail {_peq(p_lower)}, upper-tail {_peq(p_upper)}"
    verdict = (
        f"{formula} fitted to {pred.train_years[0]}–{pred.train_years[-1]} predicts {errs}. "
        f"{words} ({p_txt})."
    )
    return TestResult(
        name,
        test,
        chi2,
        p_lower,
        flagged,
        verdict,
        [
            *caveats,
            "a formula chosen after seeing the data predicts better than one fixed in "
            "advance; " + RHL_ONE_PARAMETER,
        ],
        {
            "formula": formula,
            "train_years": pred.train_years,
            "test_years": pred.test_years,
            "actual": pred.actual.tolist(),
            "predicted": pred.predicted.tolist(),
            "z": np.asarray(z).tolist(),
            "z_poisson": pred.z_poisson.tolist(),
            "p_lower": p_lower,
            "p_upper": p_upper,
            "p_poisson": pred.p_lower_poisson,
            "p_overdispersed": pred.p_lower_overdispersed,
            "cv": cv,
        },
    )


_RANK_WORDS = {
    "r2_rank_quadratic": "a general quadratic",
    "r2_rank_one_parameter": "the one-parameter quadratic a·(t − t0)²",
}


def ranking_results(
    sd: SeriesData,
    reference: pd.DataFrame | dispmod.ReferenceSet | None,
    caveats: list[str],
    *,
    alpha: float,
) -> tuple[list[TestResult], pd.DataFrame | None]:
    """The paper's R² ranks (quadratic, one-parameter) and the dispersion rank.

    Only the dispersion rank can flag: R² rewards steep growth (the same
    residuals are small against a large total variation), so a growing real
    programme out-ranks flat ones on R² without being less noisy. The R² ranks
    are reported with their empirical p so the paper's result is never hidden.
    """
    name = sd.name
    tests = list(rankmod.MEASURES)
    if reference is None or reference.empty:
        return [_refused(name, t, "no reference series bundled") for t in tests], None
    if len(sd.values) < rankmod.MIN_WINDOW:
        reason = (
            f"{len(sd.values)} years; ranking needs at least {rankmod.MIN_WINDOW} (a quadratic "
            "through fewer points says nothing)"
        )
        return [_refused(name, t, reason) for t in tests], None
    table = rankmod.ranking_table(reference, name, sd.years, sd.values)
    if not (~table["tested"]).any():
        reason = f"no reference series with {len(sd.values)} or more consecutive years"
        return [_refused(name, t, reason) for t in tests], None
    out = []
    cav = [
        *caveats,
        "reference windows overlap within a country, so they are not independent; the "
        "p-value is an empirical rank, not an exact probability",
    ]
    disp = rankmod.rank(table, "reference_ranking")
    r2q = rankmod.rank(table, "r2_rank_quadratic")
    for test in tests:
        rk = rankmod.rank(table, test)
        n_years = rk.details["window_years"]
        where = (
            f"Among {rk.windows} windows of {n_years} consecutive years from {rk.countries} "
            "reference countries"
        )
        details = {
            **rk.details,
            "rank": rk.rank,
            "as_extreme": rk.as_extreme,
            "best_reference": rk.best_reference,
        }
        if test == "reference_ranking":
            flagged = rk.p_value < alpha
            verdict = (
                f"{where}, {rk.as_extreme} lie as close to their trend relative to count noise "
                f"(dispersion {rk.statistic:.3g}; empirical p = {_p(rk.p_value)}). "
                + (
                    "This series is smoother than nearly all real registry series."
                    if flagged
                    else "On this measure the series is not unusually smooth."
                )
                + f" (Adjusted R² of a general quadratic: {r2q.statistic:.5f}, rank "
                f"{r2q.rank} of {r2q.windows + 1}.)"
            )
            details["adj_r2"] = r2q.statistic
        else:
            flagged = False
            first = "ranks first" if rk.rank == 1 else f"ranks {rk.rank}"
            verdict = (
                f"{where}, {rk.as_extreme} fit {_RANK_WORDS[test]} as well as this series "
                f"(adjusted R² {rk.statistic:.5f}): it {first} (empirical p = "
                f"{_p(rk.p_value)}), the paper's measure. R² rewards steep growth, so this "
                f"rank is reported, not flagged; the dispersion rank ({disp.as_extreme} of "
                f"{disp.windows} windows as smooth) measures the residuals against count noise."
            )
            details["paper_measure"] = True
        out.append(TestResult(name, test, rk.statistic, rk.p_value, flagged, verdict, cav, details))
    return out, table


def stale_rows_result(label: str, frame: pd.DataFrame, *, alpha: float) -> TestResult:
    """Identical multi-column rows in consecutive years (a carry-forward), with their chance."""
    test = "stale_rows"
    if len(frame) < 2:
        return _refused(label, test, "fewer than two years")
    r = stalemod.stale_rows(frame)
    flagged = r.longest > 0 and r.p_value < alpha
    runs = "; ".join(f"{a}–{b}" for a, b in r.runs)
    verdict = (
        f"Every figure ({', '.join(r.columns)}) repeats unchanged in {runs}: the longest run "
        f"has {r.longest} repeated year(s); chance under counting noise {_p(r.p_value)}. "
        "Most likely old figures carried forward, not new counts: do not use those years as "
        "a series."
        if r.runs
        else f"No year repeats the previous year's figures in all of {', '.join(r.columns)}."
    )
    return TestResult(
        label,
        test,
        float(r.longest),
        r.p_value,
        flagged,
        verdict,
        ["a repeat is a data-quality finding about the table, not a claim of fabrication"],
        {"runs": r.runs, "columns": r.columns, **r.details},
    )


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
    if sd.derived_years:
        cav.append(
            f"derived, not stated by any source: {sd.derived_years} (computed from stated "
            "figures, e.g. a multi-year total minus the stated years; see the row's note)"
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
