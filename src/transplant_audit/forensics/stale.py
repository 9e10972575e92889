"""Stale rows: the same figures in every column, year after year.

GODT's rows for China repeat the same kidney, liver, heart and lung transplant
figures for 2010–2014 (and for 2008–2009). Real annual counts almost never
repeat exactly: two independent Poisson counts of mean μ are equal with
probability e^(−2μ)·I₀(2μ) ≈ 1/(2√(πμ)) (I₀ the modified Bessel function), and
all k columns of a row equal the previous year's with the product of those
chances. A run of r repeated rows has chance at most the product over its
r pairs, times the number of places such a run could start (a union bound).
A repeat is most likely a carry-forward of old figures, not a new count: a
data-quality finding about the table, not a claim of fabrication.

Pure: a frame in, a dataclass out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import special


@dataclass
class StaleRows:
    """Runs of years whose every column repeats the previous year's value."""

    columns: list[str]
    runs: list[tuple[int, int]]
    """(first year, last year) of each run of identical rows (at least two years)."""
    longest: int
    """Repeated pairs in the longest run (0: no repeat)."""
    p_value: float
    """Chance of a run that long anywhere in the table under Poisson counting noise."""
    details: dict[str, object] = field(default_factory=dict)


def p_equal(mu: np.ndarray | float) -> np.ndarray:
    """P(X = Y) for independent X, Y ~ Poisson(μ): e^(−2μ)·I₀(2μ) (1 at μ = 0)."""
    return special.ive(0, 2 * np.asarray(mu, float))


def stale_rows(frame: pd.DataFrame, min_columns: int = 1) -> StaleRows:
    """Find runs of consecutive years where every value column equals the year before.

    ``frame``: a ``year`` column and one column per count series; a cell that is
    missing in either year breaks the comparison (nothing is filled in). Rows
    with fewer than ``min_columns`` values are not compared.
    """
    f = frame.sort_values("year").reset_index(drop=True)
    cols = [c for c in f.columns if c != "year"]
    vals = f[cols].to_numpy(float)
    years = f["year"].to_numpy(int)
    pair_p: list[float] = []
    same: list[bool] = []
    for i in range(1, len(f)):
        a, b = vals[i - 1], vals[i]
        ok = ~np.isnan(a) & ~np.isnan(b)
        consecutive = years[i] - years[i - 1] == 1
        equal = bool(consecutive and ok.sum() >= min_columns and np.all(a[ok] == b[ok]))
        same.append(equal)
        pair_p.append(float(np.prod(p_equal(a[ok]))) if equal else 1.0)
    runs: list[tuple[int, int]] = []
    best_len, best_p = 0, 1.0
    i = 0
    while i < len(same):
        if not same[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(same) and same[j + 1]:
            j += 1
        runs.append((int(years[i]), int(years[j + 1])))
        length = j - i + 1
        chance = float(np.prod(pair_p[i : j + 1]))
        if length > best_len or (length == best_len and chance < best_p):
            best_len, best_p = length, chance
        i = j + 1
    comparable = max(len(same) - best_len + 1, 1)
    p = min(1.0, comparable * best_p) if best_len else 1.0
    return StaleRows(
        columns=cols,
        runs=runs,
        longest=best_len,
        p_value=p,
        details={"pair_chances": dict(zip(years[1:].tolist(), pair_p, strict=True))},
    )
