"""``estimate(evidence, ...)``: the public entry point (the CLI prints what it returns)."""

# ruff: noqa: N803, N806  (array dimensions use their usual capital letters: H, Y, D, HY)
from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from transplant_audit.errors import ConfigError, DataError
from transplant_audit.estimate import engine
from transplant_audit.estimate.assumptions import (
    Assumption,
    apply_overrides,
    assumptions_from_frame,
    check_complete,
    read_overrides,
)
from transplant_audit.estimate.result import ANNUAL_CLAIM_COLUMNS, EstimateResult
from transplant_audit.evidence.frames import Evidence

DEFAULT_SEED = 20160622
"""Fixed, documented default seed (the day the 2016 update was published: 22 June 2016)."""

CHUNK_CELLS = 2_000_000
"""Hospital-year x draw cells per chunk: bounds memory (about 25 MB per array)."""

KEEP_HOSPITAL_DRAWS = 1000
HOSPITAL_CELL_BUDGET = 3_000_000
"""Hospital-year x draw cells kept per method for per-hospital values: with many hospitals
fewer draws are kept (at least 200), so memory stays bounded (1,000 hospitals x 21 years:
200 draws)."""
THREADS = 2
"""Threads evaluating chunks (numpy releases the GIL); results do not depend on it."""
FAST_CHUNK = 20_000
"""Draws per chunk on the fast path (national totals only; about 60 MB of arrays)."""
KEEP_SPLIT_DRAWS = 5_000


def resolve_claim_bounds(
    assumptions: Mapping[str, Assumption], claims: pd.DataFrame
) -> tuple[dict[str, Assumption], list[str]]:
    """Take the bounds of centre-count assumptions from the claims they name.

    An assumption whose ``applies_to`` is ``claims:q1|q2`` gets low = the smallest
    and high = the largest value of the claims with those quantities (a uniform
    range spanning what the sources say). Without such claims the numbers in the
    assumption row stay, and a note says so.
    """
    out = dict(assumptions)
    notes: list[str] = []
    for name, a in assumptions.items():
        if not a.applies_to.startswith("claims:"):
            continue
        wanted = [q.strip() for q in a.applies_to[len("claims:") :].split("|") if q.strip()]
        sub = claims[claims["quantity"].astype(str).isin(wanted)] if len(claims) else claims
        if not len(sub):
            notes.append(
                f"assumption {name}: claims {', '.join(wanted)} not in the evidence; "
                "using its own bounds"
            )
            continue
        lows = pd.to_numeric(sub["value_low"], errors="coerce")
        highs = pd.to_numeric(sub["value_high"], errors="coerce").fillna(lows)
        lo, hi = float(lows.min()), float(highs.max())
        if (
            math.isnan(lo)
            or math.isnan(hi)
            or a.distribution not in ("uniform", "integer_uniform", "fixed")
        ):
            continue
        dist = "fixed" if lo == hi else a.distribution
        out[name] = replace(
            a, low=lo, high=hi, mode=(lo + hi) / 2 if dist != "fixed" else lo, distribution=dist
        )
        notes.append(
            f"assumption {name}: {dist}({lo:g}, {hi:g}) from claims "
            f"{', '.join(sorted(set(sub['id'].astype(str))))}"
        )
    return out, notes


def annual_claims(claims: pd.DataFrame, years: np.ndarray) -> pd.DataFrame:
    """All-organ transplants-per-year claims, one row per claim and year it covers."""
    cols = ANNUAL_CLAIM_COLUMNS
    if not len(claims):
        return pd.DataFrame(columns=cols)
    rows = []
    organ_words = ("liver", "kidney", "lung", "heart", "cornea", "pancrea")
    for rec in claims.to_dict("records"):
        unit = str(rec.get("unit") or "").lower()
        qty = str(rec.get("quantity") or "").lower()
        if "transplant" not in unit or not any(
            w in unit for w in ("/yr", "/year", "per year", "a year")
        ):
            continue
        if any(w in unit for w in ("cumulative", "forecast", "target")) or any(
            w in qty for w in organ_words
        ):
            continue
        if "expected" in qty:
            continue
        s = engine._parse_date(rec.get("period_start"), "start")
        e = engine._parse_date(rec.get("period_end"), "end")
        if math.isnan(s):
            continue
        if math.isnan(e):
            e = engine._parse_date(rec.get("period_start"), "end")
        lo = pd.to_numeric(rec.get("value_low"), errors="coerce")
        hi = pd.to_numeric(rec.get("value_high"), errors="coerce")
        hi = lo if pd.isna(hi) else hi
        for y in years:
            if s < y + 1 and e > y:
                rows.append(
                    {
                        "year": int(y),
                        "claim_id": str(rec.get("id")),
                        "quantity": rec.get("quantity"),
                        "claimant": rec.get("claimant"),
                        "party": rec.get("party"),
                        "value_low": float(lo),
                        "value_high": float(hi),
                        "value": float((lo + hi) / 2),
                        "source_id": rec.get("source_id"),
                        "locator": rec.get("locator"),
                    }
                )
    return pd.DataFrame(rows, columns=cols)


def evidence_years(evidence: Evidence) -> tuple[int, int]:
    """(first, last) year the model can report: 2000 to the latest dated hospital figure."""
    obs = evidence.observations
    used = obs[
        obs["indicator"].isin(
            [
                "transplant_beds",
                "department_beds",
                "transplant_surgeons",
                "transplants_in_period",
                "transplants_cumulative",
                "transplants_per_year",
                "revenue_cny",
            ]
        )
    ]
    latest = engine.START_YEAR
    for col in ("as_of", "period_end", "period_start"):
        if col in used:
            ys = [engine._parse_date(v, "mid") for v in used[col]]
            ys = [math.floor(y) for y in ys if not math.isnan(y)]
            if ys:
                latest = max(latest, max(ys))
    return engine.START_YEAR, int(latest)


def parse_years(spec: str | Sequence[int] | None, bounds: tuple[int, int]) -> np.ndarray:
    """``"2005-2015"``, ``"2010"``, a sequence of years or ``None`` (all) -> array of years.

    Years outside the evidence raise ``ConfigError``.
    """
    lo, hi = bounds
    if spec is None:
        return np.arange(lo, hi + 1)
    if isinstance(spec, str):
        parts = spec.replace("..", "-").split("-")
        try:
            a = int(parts[0])
            b = int(parts[1]) if len(parts) > 1 and parts[1] else a
        except ValueError:
            raise ConfigError(f"--years '{spec}': expected A-B, e.g. 2000-2020") from None
    else:
        ys = [int(y) for y in spec]
        if not ys:
            raise ConfigError("years: empty list")
        a, b = min(ys), max(ys)
    if a > b:
        raise ConfigError(f"years {a}-{b}: the first year is after the last")
    if a < lo or b > hi:
        raise ConfigError(f"years {a}-{b} are outside the evidence, which covers {lo}-{hi}")
    return np.arange(a, b + 1)


def inputs_digest(
    evidence: Evidence, assumptions: Mapping[str, Assumption], settings: Mapping[str, Any]
) -> str:
    """``sha256:<hex>`` over the evidence (its digest, or its frames), assumptions and settings."""
    h = hashlib.sha256()
    if evidence.digest:
        h.update(evidence.digest.encode())
    else:
        for name in ("hospitals", "observations", "sources", "claims", "assumptions"):
            frame = evidence.frame(name)
            h.update(name.encode())
            h.update(frame.to_csv(index=False).encode())
    payload = {
        "assumptions": {
            n: [a.distribution, a.low, a.mode, a.high, a.unit]
            for n, a in sorted(assumptions.items())
        },
        "settings": dict(settings),
    }
    h.update(json.dumps(payload, sort_keys=True, default=str).encode())
    return "sha256:" + h.hexdigest()


CARRY_BACK_PREFIX = "carry_back_years:"
"""An assumption ``carry_back_years:<hospital_id>`` lets that hospital's earliest bed and staff
figures describe it that many years before their date (it needs a source like any other)."""
CALIBRATION_ASSUMPTIONS = ("disclosure_share", "utilisation_geometric_mean")
"""Priors of the calibrated model (calibrate.py); the Monte Carlo engine never draws them."""
RETIRED = {
    "carry_window_years": "figures now carry forward only, from their date until a newer one",
}


def split_carry_back(
    assumptions: Mapping[str, Assumption],
) -> tuple[dict[str, Assumption], dict[str, float], list[str]]:
    """Take the per-hospital backward-carry assumptions, the calibrated model's priors and
    retired names out of the set the Monte Carlo engine draws.

    Returns (engine assumptions, hospital id -> years back (median), notes).
    """
    out: dict[str, Assumption] = {}
    back: dict[str, float] = {}
    notes: list[str] = []
    for name, a in assumptions.items():
        if name in CALIBRATION_ASSUMPTIONS:
            continue
        if name.startswith(CARRY_BACK_PREFIX):
            hid = name[len(CARRY_BACK_PREFIX) :]
            back[hid] = float(a.median)
            notes.append(
                f"assumption {name}: {hid}'s earliest figures carried {a.median:g} years back"
            )
        elif name in RETIRED:
            notes.append(f"assumption {name}: no longer used; {RETIRED[name]}")
        else:
            out[name] = a
    return out, back, notes


def load_assumptions(
    evidence: Evidence, overrides: Mapping[str, Mapping[str, object]] | str | Path | None = None
) -> tuple[dict[str, Assumption], list[str]]:
    """The evidence's assumptions, bounded by the claims they name, with overrides applied."""
    frame = evidence.assumptions
    if frame is None or not len(frame):
        raise DataError(
            "assumptions", "the evidence has no assumptions; the model cannot run without them"
        )
    # The donor-pool model's parameters share the resource; the estimate never uses them.
    frame = frame[~frame["name"].astype(str).str.startswith("donorpool_")]
    base = assumptions_from_frame(frame.reset_index(drop=True))
    base, notes = resolve_claim_bounds(base, evidence.claims)
    file = "overrides"
    if isinstance(overrides, (str, Path)):
        file = str(overrides)
        overrides = read_overrides(overrides)
    merged = apply_overrides(base, overrides, file=file)
    check_complete(merged)
    engine.check_fixed(merged)
    return merged, notes


ALIASES = {"flat_prior": "combined"}
"""``flat_prior`` names today's Monte Carlo with the flat utilisation prior (``combined``)."""
ALL_SCENARIOS = (*engine.SCENARIOS, "calibrated", "cohrc2018")


def calibration_inputs(
    evidence: Evidence, assumptions: Mapping[str, Assumption], table_options: Mapping[str, Any]
) -> Any:
    """The calibrated model's data (all evidence years; a fixed Monte Carlo pass)."""
    from transplant_audit.estimate import calibrated

    lo, hi = evidence_years(evidence)
    return calibrated.calibration_data(
        evidence, assumptions, np.arange(lo, hi + 1), **table_options
    )


def _claim_value(claims: pd.DataFrame, quantity: str) -> tuple[float, str] | None:
    """(value, claim id) of the first claim with ``quantity`` (its low end), if any."""
    sub = claims[claims["quantity"].astype(str) == quantity] if len(claims) else claims
    if not len(sub):
        return None
    rec = sub.sort_values("id").iloc[0]
    return float(pd.to_numeric(rec["value_low"])), str(rec["id"])


def _add_investigators(
    result: EstimateResult,
    evidence: Evidence,
    assumptions: Mapping[str, Assumption],
    seed: int,
    asked: Sequence[str],
) -> None:
    """The ``cohrc2018`` scenario (when asked for) and the ``investigators`` rows: each
    method's result next to its published headline, the missing input and the value it
    would need (arithmetic on the published figure, never an input)."""
    from transplant_audit.estimate import investigators as inv

    n = _claim_value(evidence.claims, inv.COHRC_HOSPITALS_QUANTITY)
    head = _claim_value(evidence.claims, inv.COHRC_HEADLINE_QUANTITY)
    if n is None or head is None:
        return
    rng = np.random.default_rng(seed + 2018)
    params = engine.draw_params(assumptions, rng, min(result.draws, 10_000))
    draws = inv.cohrc2018(params, n[0], result.years)
    need = inv.cohrc2018_needed_beds(params, n[0], head[0])
    yi = (
        len(result.years) - 1
        if 2016 not in set(result.years.tolist())
        else int(np.nonzero(result.years == 2016)[0][0])
    )
    result.investigators = [
        {
            "scenario": "cohrc2018",
            "published_claim_id": head[1],
            "published_value": head[0],
            "hospitals": n[0],
            "hospitals_claim_id": n[1],
            "year": int(result.years[yi]),
            "median": float(np.median(draws[yi])),
            "p05": float(np.quantile(draws[yi], 0.05)),
            "p95": float(np.quantile(draws[yi], 0.95)),
            "missing_input": inv.COHRC_MISSING,
            "used_instead": "licence_minimum_transplant_beds "
            f"({assumptions['licence_minimum_transplant_beds'].describe()})",
            "needed_value_name": "minimum transplant beds per approved centre",
            "needed_value_median": float(np.median(need)),
            "needed_value_p05": float(np.quantile(need, 0.05)),
            "needed_value_p95": float(np.quantile(need, 0.95)),
        }
    ]
    if "cohrc2018" in asked:
        result.scenarios = (*result.scenarios, "cohrc2018")
        result.national_draws["cohrc2018"] = draws
        result.imputed_draws["cohrc2018"] = draws  # every centre is at the assumed minimum


def _add_calibrated(
    result: EstimateResult,
    evidence: Evidence,
    all_assumptions: Mapping[str, Assumption],
    assumptions: Mapping[str, Assumption],
    nat: Mapping[str, np.ndarray],
    imp: Mapping[str, np.ndarray],
    *,
    fit: bool,
    table_options: Mapping[str, Any],
) -> None:
    """Add the calibrated scenario (stored posterior, or a fit when asked for) to ``result``."""
    from transplant_audit.estimate import calibrated

    if not fit and not calibrated.BUNDLED_POSTERIOR.exists():
        result.notes.append("calibrated scenario: no stored posterior; ask for it to fit one")
        return
    missing = [n for n in CALIBRATION_ASSUMPTIONS if n not in all_assumptions]
    if missing and not fit:
        result.notes.append(f"calibrated scenario: assumptions {', '.join(missing)} missing")
        return
    priors = calibrated.priors_from(all_assumptions)
    data = calibration_inputs(evidence, assumptions, table_options)
    cal = calibrated.posterior_for(data, priors, fit=fit)
    result.notes.extend(cal.notes)
    result.calibration = calibrated.summary(cal, nat["capacity"], result.years)
    draws = calibrated.scenario_draws(cal, nat["capacity"], nat["documented"])
    if draws is None:
        return
    result.scenarios = (*result.scenarios, "calibrated")
    result.national_draws["calibrated"] = draws
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.nan_to_num(imp["capacity"] / nat["capacity"])
    result.imputed_draws["calibrated"] = draws * share
    result.validation = list(cal.posterior.validation) if cal.posterior is not None else []


def _scenarios(scenarios: Sequence[str] | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(the scenarios asked for, the engine scenarios to report); a bad name is a ConfigError."""
    asked = tuple(ALIASES.get(s, s) for s in scenarios) if scenarios else ()
    bad = [s for s in asked if s not in ALL_SCENARIOS]
    if bad:
        raise ConfigError(
            f"unknown scenario(s) {', '.join(bad)}; use "
            f"{', '.join(ALL_SCENARIOS)} (flat_prior is combined)"
        )
    scen = tuple(s for s in asked if s in engine.SCENARIOS) or (
        engine.SCENARIOS if not asked else ()
    )
    return asked, scen


@dataclass
class _ChunkPlan:
    """Where each chunk of draws starts, its size, and which draws are kept in detail.

    The first ``k_split`` draws (kept for splits; the first ``k_hosp`` also for
    per-hospital values) run through the full engine; the rest need national totals
    only and run through the fast path in larger chunks (the same model as matrix
    products; tests/estimate/test_fastpath.py)."""

    starts: list[int]
    sizes: list[int]
    k_split: int
    k_hosp: int
    fast: Any  # FastModel or None

    @classmethod
    def for_table(cls, prep: engine.Prepared, draws: int) -> _ChunkPlan:
        table = prep.table
        HY = max(table.n_hosp * table.n_years, 1)
        chunk = int(max(64, min(draws, CHUNK_CELLS // HY)))
        k_split = min(draws, KEEP_SPLIT_DRAWS)
        k_hosp = min(draws, KEEP_HOSPITAL_DRAWS, max(200, HOSPITAL_CELL_BUDGET // HY))
        starts = list(range(0, min(draws, k_split), chunk))
        sizes = [min(chunk, min(draws, k_split) - s0) for s0 in starts]
        fast = None
        if draws > k_split:
            from transplant_audit.estimate.fastpath import FastModel

            fast = FastModel.build(prep)
            for s0 in range(k_split, draws, FAST_CHUNK):
                starts.append(s0)
                sizes.append(min(FAST_CHUNK, draws - s0))
        return cls(starts, sizes, k_split, k_hosp, fast)

    def run(
        self, prep: engine.Prepared, start: int, params: dict[str, np.ndarray], u: np.ndarray
    ) -> tuple[int, engine.ChunkOut]:
        """Evaluate one chunk (on the fast path when its draws are not kept in detail)."""
        if start >= self.k_split and self.fast is not None:
            return start, self.fast.national(params, u)
        return start, engine.simulate(prep, params, u, keep_per_hy=start < self.k_hosp, light=False)


@dataclass
class _Draws:
    """The chunks' outputs put together: national and imputed totals of every draw, and
    splits, organs and per-hospital values of the draws kept in detail."""

    plan: _ChunkPlan
    nat: dict[str, np.ndarray]
    imp: dict[str, np.ndarray]
    splits: dict[str, list[np.ndarray]] = field(default_factory=dict)
    organs: dict[str, list[np.ndarray]] = field(default_factory=dict)
    hy: dict[str, list[np.ndarray]] = field(default_factory=dict)

    @classmethod
    def empty(cls, plan: _ChunkPlan, n_years: int, draws: int) -> _Draws:
        nat = {s: np.empty((n_years, draws)) for s in engine.SCENARIOS}
        imp = {s: np.empty((n_years, draws)) for s in engine.SCENARIOS}
        return cls(plan, nat, imp)

    def collect(self, start: int, out: engine.ChunkOut) -> int:
        """Store one chunk's output; returns its number of draws."""
        n = out.national["documented"].shape[1]
        for s in engine.SCENARIOS:
            self.nat[s][:, start : start + n] = out.national[s]
            self.imp[s][:, start : start + n] = out.imputed[s]
        if start < self.plan.k_split:
            take = min(n, self.plan.k_split - start)
            for k, v in out.strata.items():
                self.splits.setdefault(k, []).append(v[:, :take])
            for k, v in out.organ.items():
                self.organs.setdefault(k, []).append(v[:, :take])
        if start < self.plan.k_hosp:
            take = min(n, self.plan.k_hosp - start)
            for k, v in out.per_hy.items():
                self.hy.setdefault(k, []).append(v[:, :take])
        return n


def _run_chunks(
    prep: engine.Prepared,
    assumptions: Mapping[str, Assumption],
    rng: np.random.Generator,
    out: _Draws,
    draws: int,
    progress: Callable[[int, int], None] | None,
) -> None:
    """Chunks are drawn in order from one generator (so results never depend on
    threading), then evaluated by a small thread pool: numpy releases the GIL."""
    plan = out.plan
    F = len(prep.table.figures)
    workers = max(1, min(THREADS, len(plan.starts)))
    done = 0

    def finish(fut: Any) -> None:
        nonlocal done
        done += out.collect(*fut.result())
        if progress is not None:
            progress(done, draws)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        pending = []
        for start, n in zip(plan.starts, plan.sizes, strict=True):
            params = engine.draw_params(assumptions, rng, n)
            u = rng.random((F, n), dtype=np.float32)
            pending.append(pool.submit(plan.run, prep, start, params, u))
            if len(pending) >= 2 * workers:
                finish(pending.pop(0))
        for fut in pending:
            finish(fut)


def _concat(d: dict[str, list[np.ndarray]], scen: tuple[str, ...]) -> dict[str, np.ndarray]:
    """Each key's chunks side by side, for the reported scenarios (and unscoped keys)."""
    return {
        k: np.concatenate(v, axis=1)
        for k, v in d.items()
        if k.split(":")[0] in scen or ":" not in k
    }


def _sensitivity_runner(
    result: EstimateResult,
    prep: engine.Prepared,
    assumptions: Mapping[str, Assumption],
    year_arr: np.ndarray,
    seed: int,
) -> Callable[..., Any]:
    """``run(kind, year=None, **kw)`` in one estimated year: ``"sobol_runs"`` gives the
    Sobol design and model runs (``EstimateResult.sensitivity`` takes every scenario's
    indices from it), anything else the tornado table."""
    from transplant_audit.estimate import sensitivity

    def run_sensitivity(kind: str, **kw: Any) -> Any:
        year = kw.pop("year", None)
        year = result.sensitivity_year() if year is None else int(year)
        if year not in set(int(y) for y in year_arr):
            raise ConfigError(f"sensitivity year {year} is not among the estimated years")
        yi = int(np.nonzero(year_arr == year)[0][0])
        if kind == "sobol_runs":
            return sensitivity.sobol_runs(prep, assumptions, yi, seed=seed, **kw)
        return sensitivity.tornado(prep, assumptions, yi, **kw)

    return run_sensitivity


def _make_result(
    evidence: Evidence,
    prep: engine.Prepared,
    out: _Draws,
    assumptions: dict[str, Assumption],
    scen: tuple[str, ...],
    notes: list[str],
    draws: int,
    seed: int,
    include_disputed: bool,
) -> EstimateResult:
    """The result of the flat-prior scenarios, with the claims and the inputs digest."""
    table = prep.table
    year_arr = table.years
    settings = {
        "draws": draws,
        "seed": seed,
        "years": [int(year_arr[0]), int(year_arr[-1])],
        "scenarios": list(scen),
        "include_disputed": include_disputed,
    }
    return EstimateResult(
        years=year_arr,
        scenarios=scen,
        draws=draws,
        seed=seed,
        assumptions=assumptions,
        national_draws={s: out.nat[s] for s in scen},
        imputed_draws={s: out.imp[s] for s in scen},
        split_draws=_concat(out.splits, scen),
        organ_draws=_concat(out.organs, scen),
        hy_draws=_concat(out.hy, scen),
        prepared=prep,
        claims=annual_claims(evidence.claims, year_arr),
        evidence_sources=evidence.sources,
        observations=evidence.observations,
        inputs_digest=inputs_digest(evidence, assumptions, settings),
        notes=notes + table.notes,
        capacity_total_draws=out.nat["capacity"],
        disputed_left_out=table.n_disputed,
    )


def estimate(
    evidence: Evidence,
    *,
    draws: int = 10_000,
    seed: int = DEFAULT_SEED,
    years: str | Sequence[int] | None = None,
    scenarios: Sequence[str] | None = None,
    overrides: Mapping[str, Mapping[str, object]] | str | Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    include_disputed: bool = False,
) -> EstimateResult:
    """Monte Carlo estimate of transplant volume per year from hospital evidence.

    ``draws`` Monte Carlo draws (seeded: the same seed gives identical output),
    ``years`` "A-B" within 2000..latest year with evidence, ``scenarios`` a subset
    of documented/capacity/combined, ``overrides`` name -> fields (or a YAML/CSV
    path), ``progress(done, total)`` called after each chunk of draws,
    ``include_disputed`` keeps figures a reviewer disputed (left out by default).
    """
    if draws < 1:
        raise ConfigError(f"draws must be at least 1 (got {draws})")
    asked, scen = _scenarios(scenarios)
    all_assumptions, notes = load_assumptions(evidence, overrides)
    assumptions, carry_back, more = split_carry_back(all_assumptions)
    notes += more
    year_arr = parse_years(years, evidence_years(evidence))
    table = engine.build_table(
        evidence, year_arr, include_disputed=include_disputed, carry_back=carry_back
    )
    prep = engine.prepare(table, assumptions["licensing_year"].median)
    out = _Draws.empty(_ChunkPlan.for_table(prep, draws), len(year_arr), draws)
    _run_chunks(prep, assumptions, np.random.default_rng(seed), out, draws, progress)
    result = _make_result(
        evidence, prep, out, assumptions, scen, notes, draws, seed, include_disputed
    )
    _add_investigators(result, evidence, assumptions, seed, asked)
    if not asked or "calibrated" in asked:
        _add_calibrated(
            result,
            evidence,
            all_assumptions,
            assumptions,
            out.nat,
            out.imp,
            fit="calibrated" in asked,
            table_options={"include_disputed": include_disputed, "carry_back": carry_back},
        )
    result._sensitivity_fn = _sensitivity_runner(result, prep, assumptions, year_arr, seed)
    return result
