"""``run_forensics``: every forensic test on the official series, as one result object.

The CLI (``transplant-audit forensics``), the report and users' scripts all call
this one function and get the same ``ForensicsResult``: a list of
``TestResult`` records (series, test, statistic, p-value, flagged, verdict in
plain words, caveats, details), the series tested, the formula fits and the
ranking among reference countries. Each test is one function in ``checks``;
this module only decides which tests run on which series.
"""

from __future__ import annotations

import hashlib
import math
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import pandas as pd

from transplant_audit.errors import DataError
from transplant_audit.evidence.frames import Evidence
from transplant_audit.forensics import dispersion as dispmod
from transplant_audit.forensics import fits as fitmod
from transplant_audit.forensics.checks import (
    DEFAULT_ALPHA,
    _series_caveats,
    conflict_result,
    constant_result,
    digit_results,
    equality_result,
    formula_fit_result,
    jump_result,
    prediction_result,
    ranking_results,
    ratio_result,
    smoothness_result,
    stale_rows_result,
    variant_range_result,
)
from transplant_audit.forensics.results import (
    RANGE_TESTS,
    TestResult,
    _clean,
    _quad_adj_r2,
    _refused,
    _variant_base,
    summary_frame,
)
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
DEFAULT_SIMS = 4000
CUMULATIVE_MARK = "_cumulative"
"""Series whose name contains this are running totals (data package convention)."""
APPROX_ASSUMPTION = "approx_relative_half_width"
"""The assumption whose upper bound is the tolerance for 'about' figures (see series.py)."""
STALE_COUNTRIES = ("China",)
"""Countries whose GODT rows get the stale-row test (the tested country)."""

__all__ = [
    "DEFAULT_ALPHA",
    "RANGE_TESTS",
    "ForensicsResult",
    "TestResult",
    "analyse_series",
    "run_forensics",
    "conflict_result",
    "digit_results",
    "equality_result",
    "jump_result",
    "ratio_result",
    "variant_range_result",
]


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

    def summary(self) -> pd.DataFrame:
        """One line per test (series, test, flagged, p, finding), flagged tests first."""
        return summary_frame(self.results)

    def summary_text(self) -> str:
        """The summary in words: how many tests, which were flagged, and the R² ranks."""
        flagged = self.flagged()
        lines = [
            f"{len(self.results)} tests on {len(self.series)} series; {len(flagged)} flagged "
            f"(alpha {self.settings.get('alpha')}, seed {self.settings.get('seed')})."
        ]
        lines += [f"FLAGGED {r.series} · {r.test}: {r.verdict.split('. ')[0]}." for r in flagged]
        return "\n".join(lines)

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
                    "dataset",
                    "start",
                    "end",
                    "n",
                    "adj_r2",
                    "adj_r2_1p",
                    "dispersion",
                    "tested",
                    "rank_adj_r2",
                    "rank_adj_r2_1p",
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


def analyse_series(
    sd: SeriesData,
    *,
    reference: pd.DataFrame | dispmod.ReferenceSet | None = None,
    ref_disp: dispmod.ReferenceDispersion | None = None,
    alpha: float = DEFAULT_ALPHA,
    n_sim: int = DEFAULT_SIMS,
    seed: int = DEFAULT_SEED,
    holdout: int = 2,
    t0: float | None = None,
    train_until: int | None = None,
) -> tuple[list[TestResult], dict[str, fitmod.FitResult], pd.DataFrame | None]:
    """Fits, smoothness, prediction, reference ranks and digit tests for one series."""
    refused = constant_result(sd)
    if refused is not None:
        return [refused, *([conflict_result(sd)] if sd.conflicts else [])], {}, None
    cav = _series_caveats(sd)
    fits = fitmod.fit_all(sd.years, sd.values, t0)
    out = [formula_fit_result(sd, fits, cav)]
    for noise in ("poisson", "overdispersed"):
        out.append(smoothness_result(sd, noise, ref_disp, cav, alpha=alpha, n_sim=n_sim, seed=seed))
    out.append(
        prediction_result(
            sd, ref_disp, cav, alpha=alpha, holdout=holdout, t0=t0, train_until=train_until
        )
    )
    ranks, table = ranking_results(sd, reference, cav, alpha=alpha)
    out.extend(ranks)
    out.extend(digit_results(sd.name, sd.values, alpha=alpha, seed=seed))
    if sd.conflicts:
        out.append(conflict_result(sd))
    return out, fits, table


def stale_results(
    reference: pd.DataFrame | dispmod.ReferenceSet, *, alpha: float
) -> list[TestResult]:
    """The stale-row test on the GODT rows of each country in ``STALE_COUNTRIES``."""
    out = []
    if reference is None or reference.empty:
        return out
    frames = dispmod.reference_frames(reference)
    for country in STALE_COUNTRIES:
        parts = {
            series: f.set_index("year")["value"]
            for (c, series, dataset), f in frames.items()
            if c == country and dataset == "GODT"
        }
        if not parts:
            continue
        wide = pd.DataFrame(parts).sort_index().rename_axis("year").reset_index()
        out.append(stale_rows_result(f"GODT {country} (all organ columns)", wide, alpha=alpha))
    return out


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
    reference_quantile: float | None = None,
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
    ``holdout`` years. The overdispersed null uses the pooled reference cv (or, with
    ``reference_quantile``, that quantile of the per-series cv²) of the
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
    names = official_series_names(official) if series_names is None else list(series_names)
    variants = _build_variants(
        official, names, extra_series, window, tolerance, conflict_rule, prefer_sources
    )
    units = {nm: _unit(official, nm) for nm in names}
    pairs = default_ratio_pairs(names, units) if ratio_pairs is None else list(ratio_pairs)
    _check_pairs([*pairs, *equal_pairs], variants)
    run = _Run(
        official=official,
        reference=reference_set(
            evidence.reference_series if evidence is not None else pd.DataFrame()
        ),
        kwargs={
            "alpha": alpha,
            "n_sim": n_sim,
            "seed": seed,
            "holdout": holdout,
            "t0": t0,
            "train_until": train_until,
        },
        quantile=reference_quantile,
    )
    results = _series_results(run, variants, progress)
    if len(names) > 1:  # digits over every official value together (one per series and year)
        results.extend(
            digit_results(
                "all official series (pooled)",
                _pooled_values(official, names, variants),
                alpha=alpha,
                seed=seed,
            )
        )
    if series_names is None:  # stale (carried-forward) rows of the tested country in GODT
        results.extend(stale_results(run.reference, alpha=alpha))
    results.extend(_pair_results(pairs, equal_pairs, variants, alpha))
    settings = {
        **_settings(run),
        "conflict_rule": conflict_rule,
        "prefer_sources": list(prefer_sources),
        "reference_quantile": reference_quantile,
        "years": list(window) if window is not None else None,
        "approx_tolerance": tolerance,
        "evidence_digest": getattr(evidence, "digest", "") if evidence else "",
        "reference_noise": _reference_noise(run),
    }
    return _forensics_result(results, variants, run, settings)


def _settings(run: _Run) -> dict[str, object]:
    """The test options of a run, in the order the output lists them."""
    return {k: run.kwargs[k] for k in ("alpha", "n_sim", "seed", "holdout", "train_until", "t0")}


def _reference_noise(run: _Run) -> dict[int, str]:
    """Per series length, the reference noise the smoothness test used (or why none)."""
    return {
        n: (r.describe() if r is not None else "none (no reference series that long)")
        for n, r in sorted(run.ref_cache.items())
    }


def _series_results(
    run: _Run,
    variants: dict[str, list[SeriesData]],
    progress: Callable[[int, int], None] | None,
) -> list[TestResult]:
    """Every test of every series variant, and the spread of verdicts across variants."""
    results: list[TestResult] = []
    total = sum(len(v) for v in variants.values())
    done = 0
    for base, vs in variants.items():
        for sd in vs:
            results.extend(run.series_results(base, sd))
            done += 1
            if progress:
                progress(done, total)
        if len(vs) > 1:
            results.append(
                variant_range_result(
                    _variant_base(vs[0].name),
                    [sd.name for sd in vs],
                    results,
                    vs[0].variants_note,
                    vs[0].variants_total,
                )
            )
    return results


def _forensics_result(
    results: list[TestResult],
    variants: dict[str, list[SeriesData]],
    run: _Run,
    settings: dict[str, object],
) -> ForensicsResult:
    """The results with the series tested, their conflicts, the reference and the fits."""
    return ForensicsResult(
        results=results,
        series={name: sd.frame for vs in variants.values() for sd in vs for name in [sd.name]},
        series_data={sd.name: sd for vs in variants.values() for sd in vs},
        conflicts=list(
            dict.fromkeys(c for vs in variants.values() for sd in vs for c in sd.conflicts)
        ),
        reference=next((r for r in run.ref_cache.values() if r is not None), None),
        settings=settings,
        _fits=run.fits,
        _rankings=run.rankings,
    )


_REFERENCE_SETS: OrderedDict[str, dispmod.ReferenceSet] = OrderedDict()
_MAX_REFERENCE_SETS = 2


def reference_set(frame: pd.DataFrame) -> dispmod.ReferenceSet:
    """The ``ReferenceSet`` of a reference table, shared by runs on the same content.

    A report runs the tests twice (all years, then the paper's window) against the same
    reference; sharing the set shares its per-length window fits. Keyed by a hash of
    the table's content (index, columns and values), so a changed table, or another data
    directory's, gets its own; equal content (from another directory or the store) shares
    one. The set holds its own copy of the table: a caller's frame edited in place after a
    run must not change what a later run on the original content is answered from.
    """
    digest = hashlib.sha256(
        pd.util.hash_pandas_object(frame, index=True).to_numpy().tobytes()
        + "\0".join(map(str, frame.columns)).encode()
    ).hexdigest()
    if digest not in _REFERENCE_SETS:
        _REFERENCE_SETS[digest] = dispmod.ReferenceSet(frame.copy())
        while len(_REFERENCE_SETS) > _MAX_REFERENCE_SETS:
            _REFERENCE_SETS.popitem(last=False)
    _REFERENCE_SETS.move_to_end(digest)
    return _REFERENCE_SETS[digest]


@dataclass
class _Run:
    """What every series of one run shares: the evidence, the reference and the options."""

    official: pd.DataFrame
    reference: dispmod.ReferenceSet
    kwargs: dict[str, object]
    quantile: float | None = None
    ref_cache: dict[int, dispmod.ReferenceDispersion | None] = field(default_factory=dict)
    fits: dict[str, dict[str, fitmod.FitResult]] = field(default_factory=dict)
    rankings: dict[str, pd.DataFrame] = field(default_factory=dict)

    def series_results(self, base: str, sd: SeriesData) -> list[TestResult]:
        """The tests that apply to one series (or variant), chosen by what it is."""
        official = self.official
        if CUMULATIVE_MARK in base:
            return [jump_result(sd), *([conflict_result(sd)] if sd.conflicts else [])]
        if _is_increment(official, base):
            return [jump_result(_increment_series(official, base), increments=True)]
        if _is_rate(official, base):
            reason = "a rate, not a count: the count tests do not apply"
            return [_refused(sd.name, "formula_fit", reason)]
        n = len(sd.values)
        if n < MIN_POINTS:
            reason = f"{n} year(s); the tests need at least {MIN_POINTS}"
            out = [_refused(sd.name, "formula_fit", reason, years=sd.years.tolist())]
            return out + ([conflict_result(sd)] if sd.conflicts else [])
        if n not in self.ref_cache:
            self.ref_cache[n] = dispmod.reference_dispersion(self.reference, n, self.quantile)
        res, f, rk = analyse_series(
            sd, reference=self.reference, ref_disp=self.ref_cache[n], **self.kwargs
        )
        self.fits[sd.name] = f
        if rk is not None:
            self.rankings[sd.name] = rk
        return res


def _unique_conflicts(variants: dict[str, list[SeriesData]]) -> list[Conflict]:
    out: list[Conflict] = []
    for vs in variants.values():
        for sd in vs:
            out.extend(c for c in sd.conflicts if c not in out)
    return out


def _build_variants(
    official: pd.DataFrame,
    names: Sequence[str],
    extra_series: Sequence[SeriesData],
    window: tuple[int, int] | None,
    tolerance: float,
    conflict_rule: str,
    prefer_sources: Sequence[str],
) -> dict[str, list[SeriesData]]:
    """Each named official series (every conflict variant separately) and the extra series."""
    variants: dict[str, list[SeriesData]] = {}
    for nm in names:
        variants[nm] = series_variants(
            official,
            nm,
            rule=conflict_rule,
            prefer_sources=prefer_sources,
            counts=not _is_rate(official, nm),
            min_points=0,
            approx_tolerance=tolerance,
            years=window,
            label_window=window is not None,
            running_total=CUMULATIVE_MARK in nm,
        )
    for sd in extra_series:
        variants[sd.name] = [_windowed(sd, window)]
    return variants


def _check_pairs(pairs: Sequence[tuple[str, ...]], variants: dict[str, list[SeriesData]]) -> None:
    for a, b, *_ in pairs:
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


def _pooled_values(
    official: pd.DataFrame, names: Sequence[str], variants: dict[str, list[SeriesData]]
) -> list[float]:
    """One value per official count series and year (a conflicting year's values left out)."""
    values: dict[tuple[str, int], float] = {}
    for nm in names:
        if _is_rate(official, nm) or CUMULATIVE_MARK in nm:
            continue
        for sd in variants.get(nm, []):
            for y, v in zip(sd.years, sd.values, strict=True):
                if not sd.choice or int(y) not in sd.choice:
                    values[(nm, int(y))] = float(v)
    return list(values.values())


def _pair_results(
    pairs: Sequence[tuple[str, str, str]],
    equal_pairs: Sequence[tuple[str, str]],
    variants: dict[str, list[SeriesData]],
    alpha: float,
) -> list[TestResult]:
    """Ratio constancy and cross-consistency for every variant of each pair."""
    out = []
    for a, b, model in pairs:
        for va in variants.get(a, []):
            for vb in variants.get(b, []):
                out.append(ratio_result(f"{va.name} / {vb.name}", va, vb, model, alpha))
    for a, b in equal_pairs:
        for va in variants.get(a, []):
            for vb in variants.get(b, []):
                out.append(equality_result(va, vb))
    return out


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
