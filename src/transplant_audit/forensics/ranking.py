"""Rank a series among every reference-country window of the same length.

Robertson, Hinde & Lavee (BMC Medical Ethics 20:79, 2019) compared the fit of
China's deceased-donor counts with that of about 50 countries in the GODT
database. This module does the same on the bundled reference series (the GODT
country table plus national registries): every run of n consecutive years of
every reference series with at least n years gives one window, and each window
and the tested series get three statistics:

- ``adj_r2``: adjusted R² of a general quadratic (ordinary least squares, as in
  the paper);
- ``adj_r2_1p``: adjusted R² of the one-parameter quadratic a·(t − t0)² (t0
  fitted, k = 2);
- ``dispersion``: Pearson dispersion D around the best simple formula (the
  smoothness test's statistic), which measures residuals against counting noise.

R² rewards steep growth: the same residuals look smaller against a large total
variation, so a fast-growing real programme can out-rank a flat one without
being any less noisy. D does not depend on growth. Both are reported.

The empirical p-value of a rank is (1 + windows at least as extreme) / (1 +
windows). Windows overlap within a country, so it is a rank, not an exact
probability. Pure functions: frames and arrays in, dataclasses out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from transplant_audit.forensics import dispersion as dispmod
from transplant_audit.forensics import fits as fitmod
from transplant_audit.jsonvalue import plain

MEASURES: dict[str, tuple[str, bool]] = {
    "r2_rank_quadratic": ("adj_r2", True),
    "r2_rank_one_parameter": ("adj_r2_1p", True),
    "reference_ranking": ("dispersion", False),
}
"""Test name → (column of the ranking table, True when larger is 'more formula-like')."""

DEFAULT_UNITS: tuple[str, ...] = ("donors",)
"""Reference series used by default: deceased-donor counts, as the paper compared."""
DEFAULT_EXCLUDE: tuple[str, ...] = ("China",)
"""Countries left out of the reference set: the tested country itself."""
MIN_WINDOW = 5


@dataclass
class RankResult:
    """Where the tested series ranks on one measure among the reference windows."""

    test: str
    measure: str
    statistic: float
    windows: int
    countries: int
    as_extreme: int
    """Reference windows at least as formula-like as the tested series on this measure."""
    p_value: float
    rank: int
    """1 + windows strictly more formula-like."""
    best_reference: dict[str, object] = field(default_factory=dict)
    details: dict[str, object] = field(default_factory=dict)


def reference_windows(
    reference: pd.DataFrame | dispmod.ReferenceSet,
    n: int,
    *,
    units: tuple[str, ...] | None = DEFAULT_UNITS,
    exclude_countries: tuple[str, ...] = DEFAULT_EXCLUDE,
) -> tuple[pd.DataFrame, np.ndarray]:
    """Every run of ``n`` consecutive years of every reference series with at least ``n`` years.

    Returns (meta, values): meta has one row per window (country, series, dataset,
    start, end); values is n × windows. Windows whose values are all equal (no
    trend can be fitted, R² undefined) are left out.
    """
    metas: list[dict[str, object]] = []
    cols: list[np.ndarray] = []
    for (country, series, dataset), frame in dispmod.reference_frames(
        reference, units=units
    ).items():
        if country in exclude_countries or len(frame) < n:
            continue
        years = frame["year"].to_numpy(int)
        vals = frame["value"].to_numpy(float)
        for i in range(len(frame) - n + 1):
            if years[i + n - 1] - years[i] != n - 1:
                continue
            w = vals[i : i + n]
            if np.ptp(w) == 0:
                continue
            metas.append(
                {
                    "country": country,
                    "series": series,
                    "dataset": dataset,
                    "start": int(years[i]),
                    "end": int(years[i + n - 1]),
                }
            )
            cols.append(w)
    meta = pd.DataFrame(metas, columns=["country", "series", "dataset", "start", "end"])
    values = np.column_stack(cols) if cols else np.empty((n, 0))
    return meta, values


def window_statistics(years: np.ndarray, values: np.ndarray) -> pd.DataFrame:
    """adj_r2 (general quadratic), adj_r2_1p (a·(t − t0)²) and dispersion for every column."""
    t = np.asarray(years, float)
    ys = np.asarray(values, float)
    n = ys.shape[0]
    tss = np.sum((ys - ys.mean(axis=0)) ** 2, axis=0)
    rss_q = fitmod.quadratic_batch(t, ys)
    _, _, rss_1p = fitmod.profile_quadratic_1p(t, ys)
    return pd.DataFrame(
        {
            "adj_r2": fitmod.adjusted_r2(rss_q, tss, n, 3),
            "adj_r2_1p": fitmod.adjusted_r2(rss_1p, tss, n, 2),
            "dispersion": dispmod.batch_dispersion(t, ys),
        }
    )


def reference_window_statistics(
    reference: pd.DataFrame | dispmod.ReferenceSet,
    n: int,
    units: tuple[str, ...] | None = DEFAULT_UNITS,
    exclude_countries: tuple[str, ...] = DEFAULT_EXCLUDE,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(meta, statistics) of every reference window of ``n`` years (``reference_windows``,
    ``window_statistics``); computed once per length for a ``ReferenceSet``."""

    def compute() -> tuple[pd.DataFrame, pd.DataFrame]:
        meta, wins = reference_windows(
            reference, n, units=units, exclude_countries=exclude_countries
        )
        if not wins.shape[1]:
            return meta, pd.DataFrame(columns=["adj_r2", "adj_r2_1p", "dispersion"])
        return meta, window_statistics(np.arange(n, dtype=float), wins)

    if isinstance(reference, dispmod.ReferenceSet):
        return reference.memoised(("window_statistics", n, units, exclude_countries), compute)
    return compute()


def ranking_table(
    reference: pd.DataFrame | dispmod.ReferenceSet,
    tested_name: str,
    years: np.ndarray,
    values: np.ndarray,
    *,
    units: tuple[str, ...] | None = DEFAULT_UNITS,
    exclude_countries: tuple[str, ...] = DEFAULT_EXCLUDE,
) -> pd.DataFrame:
    """The tested series and every reference window of its length, with the three statistics.

    Columns: country, series, dataset, start, end, n, adj_r2, adj_r2_1p,
    dispersion, tested, rank_adj_r2, rank_adj_r2_1p, rank_dispersion (1 = most
    formula-like). Best adjusted R² first.
    """
    y = np.asarray(values, float)
    n = len(y)
    meta, stats_r = reference_window_statistics(reference, n, units, exclude_countries)
    tested = pd.DataFrame(
        [
            {
                "country": "(tested)",
                "series": tested_name,
                "dataset": "",
                "start": int(years[0]),
                "end": int(years[-1]),
            }
        ]
    )
    stats_t = window_statistics(years, y[:, None])
    table = pd.concat(
        [
            pd.concat([tested, stats_t], axis=1).assign(tested=True),
            pd.concat([meta, stats_r], axis=1).assign(tested=False),
        ],
        ignore_index=True,
    )
    table.insert(5, "n", n)
    for col, high in (("adj_r2", True), ("adj_r2_1p", True), ("dispersion", False)):
        table[f"rank_{col}"] = (
            table[col].rank(ascending=not high, method="min", na_option="bottom").astype(int)
        )
    return table.sort_values("adj_r2", ascending=False, kind="stable").reset_index(drop=True)


def rank(table: pd.DataFrame, test: str) -> RankResult:
    """The tested row's rank on the measure of ``test`` (see ``MEASURES``)."""
    col, high = MEASURES[test]
    row = table[table["tested"]].iloc[0]
    refs = table[~table["tested"]].dropna(subset=[col])
    stat = float(row[col])
    vals = refs[col].to_numpy(float)
    if high:
        extreme = int(np.sum(vals >= stat))
        strictly = int(np.sum(vals > stat))
        best = refs.sort_values(col, ascending=False, kind="stable")
    else:
        extreme = int(np.sum(vals <= stat))
        strictly = int(np.sum(vals < stat))
        best = refs.sort_values(col, ascending=True, kind="stable")
    windows = len(refs)
    best_ref = (
        {k: plain(best.iloc[0][k]) for k in ("country", "series", "start", "end", col)}
        if windows
        else {}
    )
    return RankResult(
        test=test,
        measure=col,
        statistic=stat,
        windows=windows,
        countries=int(refs["country"].nunique()),
        as_extreme=extreme,
        p_value=(1 + extreme) / (1 + windows),
        rank=1 + strictly,
        best_reference=best_ref,
        details={
            "reference_countries": int(refs["country"].nunique()),
            "reference_windows": windows,
            "window_years": int(row["n"]),
            "datasets": sorted({str(d) for d in refs["dataset"]}),
        },
    )
