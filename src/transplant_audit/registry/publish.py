"""The released tables (pure): suppressed counts and country-level medians.

The tables are released together (year x destination country x organ and all its
margins) and suppressed together (``suppress``), so no combination of them narrows a
suppressed cell to fewer than ``MIN_COUNT`` values. Medians of waiting time and price are
given only by year and destination country, only for released cells of at least
``MIN_COUNT`` cases and from at least ``MIN_COUNT`` values; never by hospital or city.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from transplant_audit.registry.suppress import MIN_COUNT, suppress

RULE = (
    f"Cells of 1 to {MIN_COUNT - 1} cases are suppressed, and further cells are suppressed "
    f"until no suppressed cell can be narrowed to fewer than {MIN_COUNT} values from all "
    "released tables together (checked by linear programming). Zeros are shown."
)


@dataclass(frozen=True)
class Release:
    dims: tuple[str, ...]
    categories: tuple[tuple[Any, ...], ...]
    cube: np.ndarray
    suppressed: np.ndarray

    def table(self, by: Sequence[str]) -> list[dict[str, Any]]:
        """The cells of the table on axes ``by`` (a subset of ``dims``; empty: the total)."""
        unknown = [b for b in by if b not in self.dims]
        if unknown or len(set(by)) != len(by):
            raise ValueError(f"by must name distinct axes of {', '.join(self.dims)}")
        ranges = [
            range(len(c)) if d in by else [len(c)]
            for d, c in zip(self.dims, self.categories, strict=True)
        ]
        out = []
        for idx in np.ndindex(*[len(r) for r in ranges]):
            full = tuple(r[i] for r, i in zip(ranges, idx, strict=True))
            cell: dict[str, Any] = {
                d: self.categories[a][full[a]] for a, d in enumerate(self.dims) if d in by
            }
            hidden = bool(self.suppressed[full])
            cell["count"] = None if hidden else int(self.cube[full])
            cell["suppressed"] = hidden
            out.append(cell)
        return out

    def margin_tables(self) -> dict[str, list[dict[str, Any]]]:
        """Every released table, keyed by its axes joined with '_x_' ('total' for none)."""
        import itertools

        out = {}
        for k in range(len(self.dims), -1, -1):
            for by in itertools.combinations(self.dims, k):
                out["_x_".join(by) or "total"] = self.table(by)
        return out

    def released_count(self, year: Any, country: Any) -> int | None:
        """The released count of a year x country cell (None if suppressed or absent)."""
        try:
            y = self.categories[0].index(year)
            c = self.categories[1].index(country)
        except ValueError:
            return None
        full = (y, c, len(self.categories[2]))
        return None if self.suppressed[full] else int(self.cube[full])


def release(dims: tuple[str, ...], categories: tuple[tuple[Any, ...], ...],
            inner: np.ndarray) -> Release:  # fmt: skip
    cube, sup = suppress(inner)
    return Release(dims, categories, cube, sup)


def medians(rel: Release, values: Iterable[Sequence[Any]]) -> list[dict[str, Any]]:
    """Median actual waiting time and price (per currency) by year and destination country,
    only for released cells of >= MIN_COUNT cases and from >= MIN_COUNT values."""
    waits: dict[tuple, list[float]] = defaultdict(list)
    prices: dict[tuple, list[float]] = defaultdict(list)
    for year, country, wait, price, currency in values:
        if wait is not None:
            waits[(year, country)].append(float(wait))
        if price is not None and currency:
            prices[(year, country, currency)].append(float(price))
    out = []
    for (year, country, currency), vals in sorted(prices.items()):
        n = rel.released_count(year, country)
        if n is not None and n >= MIN_COUNT and len(vals) >= MIN_COUNT:
            out.append({"year": year, "destination_country": country, "measure": "price_paid",
                        "unit": currency, "median": statistics.median(vals)})  # fmt: skip
    for (year, country), vals in sorted(waits.items()):
        n = rel.released_count(year, country)
        if n is not None and n >= MIN_COUNT and len(vals) >= MIN_COUNT:
            out.append({"year": year, "destination_country": country,
                        "measure": "wait_actual_days", "unit": "days",
                        "median": statistics.median(vals)})  # fmt: skip
    return out
