"""Suppression of the registry's released tables (pure: arrays in, arrays out).

The release is one table, year x destination country x organ, and all its margins
(year x country, year x organ, country x organ, year, country, organ, total). All of
them are cells of one *extended cube*: each axis gets one more index, "all", holding
the sum along that axis. Every line of the cube (fix all indices but one) obeys
``sum(inner cells) = the "all" cell``; those are all the equations a reader has.

Rule (docs/registry.md):

1. Primary: every cell, inner or margin, with a count from 1 to ``MIN_COUNT - 1`` is
   suppressed. Zeros are shown.
2. Complementary: a line with exactly one suppressed cell would give it away by
   subtraction, so the smallest positive shown cell of that line is suppressed too.
3. Audit: a linear programme bounds every suppressed cell from the shown cells and the
   line equations (scipy's HiGHS); while some suppressed cell can be narrowed to fewer
   than ``MIN_COUNT`` integer values, the smallest positive shown cell of a line through
   it is suppressed too, and the audit runs again.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_matrix

MIN_COUNT = 5
"""Cells with fewer cases than this (but not zero) are not published; a suppressed cell
must keep at least this many possible values. Policy of the registry, stated in
docs/registry.md (the common 'rule of five' of health statistics)."""


def extend(inner: np.ndarray) -> np.ndarray:
    """The extended cube: each axis one longer, the last index holding the axis sum."""
    cube = np.asarray(inner, dtype=np.int64)
    for axis in range(cube.ndim):
        cube = np.concatenate([cube, cube.sum(axis=axis, keepdims=True)], axis=axis)
    return cube


def lines(shape: tuple[int, ...]) -> list[np.ndarray]:
    """Every line of an extended cube as flat indices, the last being its "all" cell."""
    flat = np.arange(int(np.prod(shape))).reshape(shape)
    return [
        row
        for axis in range(len(shape))
        for row in np.moveaxis(flat, axis, -1).reshape(-1, shape[axis])
    ]


@dataclass(frozen=True)
class Bounds:
    """Interval of a suppressed cell from the released tables (flat index into the cube)."""

    cell: int
    low: float
    high: float

    def values(self) -> float:
        """How many integers the cell can still be (inf when unbounded)."""
        if math.isinf(self.high):
            return math.inf
        return math.floor(self.high + 1e-6) - math.ceil(self.low - 1e-6) + 1


def _components(unknown: np.ndarray, eqs: list[np.ndarray], flat_sup: np.ndarray) -> list:
    """Groups of suppressed cells linked by shared lines (independent linear programmes)."""
    parent = {int(c): int(c) for c in unknown}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for idx in eqs:
        hidden = [int(i) for i in idx if flat_sup[i]]
        for other in hidden[1:]:
            parent[find(other)] = find(hidden[0])
    groups: dict[int, list[int]] = {}
    for c in parent:
        groups.setdefault(find(c), []).append(c)
    return list(groups.values())


def _group_bounds(
    group: list[int],
    eqs: list[np.ndarray],
    flat_counts: np.ndarray,
    flat_sup: np.ndarray,
    min_count: int | None,
) -> list[Bounds]:
    members = set(group)
    col = {c: j for j, c in enumerate(group)}
    rows, cols, vals, rhs = [], [], [], []
    for idx in eqs:
        if not any(int(i) in members for i in idx):
            continue
        r = len(rhs)
        known = 0
        for pos, i in enumerate(idx):
            sign = -1 if pos == len(idx) - 1 else 1
            if flat_sup[i]:
                rows.append(r)
                cols.append(col[int(i)])
                vals.append(sign)
            else:
                known += sign * int(flat_counts[i])
        rhs.append(-known)
    a_eq = coo_matrix((vals, (rows, cols)), shape=(len(rhs), len(group))).tocsr()
    out = []
    for j, cell in enumerate(group):
        c = np.zeros(len(group))
        c[j] = 1.0
        hi = linprog(-c, A_eq=a_eq, b_eq=rhs, bounds=(0, None), method="highs")
        high = math.inf if hi.status == 3 else -hi.fun
        if min_count is not None and high >= flat_counts[cell] + min_count - 1:
            out.append(Bounds(cell, float(flat_counts[cell]), high))  # wide enough upwards
            continue
        lo = linprog(c, A_eq=a_eq, b_eq=rhs, bounds=(0, None), method="highs")
        out.append(Bounds(cell, lo.fun, high))
    return out


def bound_cells(
    cube: np.ndarray,
    suppressed: np.ndarray,
    line_list: list,
    *,
    min_count: int | None = None,
    cache: dict | None = None,
) -> list[Bounds]:
    """Lowest and highest value of every suppressed cell consistent with the shown cells
    and the line equations (cells >= 0), by linear programming (one per linked group).

    With ``min_count``, a cell that can rise ``min_count - 1`` above its true value is not
    bounded below (its low is reported as the true value: enough to show it is safe)."""
    flat_counts = cube.ravel()
    flat_sup = suppressed.ravel()
    unknown = np.flatnonzero(flat_sup)
    eqs = [idx for idx in line_list if flat_sup[idx].any()]
    out: list[Bounds] = []
    for group in _components(unknown, eqs, flat_sup):
        key = frozenset(group)
        if cache is not None and key in cache:
            out.extend(cache[key])
            continue
        found = _group_bounds(group, eqs, flat_counts, flat_sup, min_count)
        if cache is not None:
            cache[key] = found
        out.extend(found)
    return out


def _smallest_shown(cube: np.ndarray, suppressed: np.ndarray, idx: np.ndarray) -> int | None:
    flat_counts, flat_sup = cube.ravel(), suppressed.ravel()
    choices = [int(i) for i in idx if not flat_sup[i] and flat_counts[i] > 0]
    return min(choices, key=lambda i: (flat_counts[i], i)) if choices else None


def _line_rule(cube: np.ndarray, sup: np.ndarray, line_list: list) -> bool:
    changed = False
    flat_sup = sup.ravel()
    for idx in line_list:
        if int(flat_sup[idx].sum()) == 1:
            pick = _smallest_shown(cube, sup, idx)
            if pick is not None:
                flat_sup[pick] = True
                changed = True
    return changed


def suppress(inner: np.ndarray, min_count: int = MIN_COUNT) -> tuple[np.ndarray, np.ndarray]:
    """The extended cube of ``inner`` counts and its suppression mask (see the module)."""
    cube = extend(inner)
    sup = (cube >= 1) & (cube < min_count)
    line_list = list(lines(cube.shape))
    by_cell: dict[int, list[np.ndarray]] = {}
    for idx in line_list:
        for i in idx:
            by_cell.setdefault(int(i), []).append(idx)
    cache: dict = {}
    while True:
        if _line_rule(cube, sup, line_list):
            continue
        audit = bound_cells(cube, sup, line_list, min_count=min_count, cache=cache)
        narrow = [b for b in audit if b.values() < min_count]
        if not narrow:
            return cube, sup
        added = False
        for b in narrow:
            picks = [_smallest_shown(cube, sup, idx) for idx in by_cell[b.cell]]
            picks = [p for p in picks if p is not None]
            if not picks:  # every line through it is hidden or zero: widen anywhere
                shown = np.flatnonzero(~sup.ravel() & (cube.ravel() > 0))
                if shown.size == 0:
                    continue
                picks = [int(shown[np.argmin(cube.ravel()[shown])])]
            best = min(picks, key=lambda i: (cube.ravel()[i], i))
            sup.ravel()[best] = True
            added = True
        if not added:  # cannot happen: with every positive cell hidden, none is bounded
            raise RuntimeError("cannot protect the suppressed cells")
