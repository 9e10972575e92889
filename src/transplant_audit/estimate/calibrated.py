"""The calibrated scenario at the edge: its inputs from the evidence, the stored posterior, the
fit when no stored posterior matches, and the rows of the result (``calibrate.py`` is the core).

The posterior for the bundled data ships in the package (``posterior_bundled.npz``), keyed by
the digest of the calibration inputs, priors and sampler settings; ``python
tools/build_posterior.py`` rebuilds it (with the leave-one-hospital-out and synthetic-truth
validation) when the data change, and a test checks that it matches the current data.
"""

# ruff: noqa: N806
from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from transplant_audit.errors import ConfigError
from transplant_audit.estimate import calibrate as core
from transplant_audit.estimate import engine
from transplant_audit.estimate.assumptions import Assumption
from transplant_audit.evidence.frames import Evidence

BUNDLED_POSTERIOR = Path(__file__).with_name("posterior_bundled.npz")
SAMPLER = {"warmup": 1000, "samples": 1000, "chains": 2, "seed": 0}
"""Sampler settings of the stored fit (part of its digest)."""
CALIBRATION_SEED = 20160622
CALIBRATION_DRAWS = 500
"""Monte Carlo draws behind each hospital-year's capacity in the calibration (fixed, so the
calibration inputs do not depend on the user's --seed or --draws)."""
DISCLOSURE_GRID = (0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0)


@dataclass
class Calibration:
    """What the result carries about the calibrated scenario."""

    posterior: core.Posterior | None
    data: core.CalibrationData | None
    priors: core.Priors | None
    digest: str = ""
    source: str = ""  # "bundled", "fitted" or why there is none
    notes: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------- storage (I/O)
def save_posterior(post: core.Posterior, path: Path) -> None:
    arrays = {k: getattr(post, k) for k in ("log_d", "mu_u", "tau", "sigma", "log_u")}
    meta = {
        "hospital_ids": list(post.hospital_ids),
        "rhat": post.rhat,
        "ess": post.ess,
        "seconds": post.seconds,
        "digest": post.digest,
        "model": core.MODEL_VERSION,
        "validation": post.validation,
    }
    np.savez_compressed(
        path,
        meta=np.array(json.dumps(meta)),
        **{k: v.astype(np.float32) for k, v in arrays.items()},
    )


def load_posterior(path: Path) -> core.Posterior | None:
    if not path.exists():
        return None
    with np.load(path, allow_pickle=False) as z:
        meta = json.loads(str(z["meta"]))
        arr = {k: z[k].astype(float) for k in ("log_d", "mu_u", "tau", "sigma", "log_u")}
    return core.Posterior(
        **arr,
        hospital_ids=tuple(meta["hospital_ids"]),
        rhat=meta["rhat"],
        ess=meta["ess"],
        seconds=meta["seconds"],
        digest=meta["digest"],
        validation=meta.get("validation", []),
    )


# ---------------------------------------------------------------------- inputs
def priors_from(assumptions: Mapping[str, Assumption]) -> core.Priors:
    """The calibrated model's priors from the assumptions ``disclosure_share`` (lognormal,
    low/high = 5th/95th percentiles) and ``utilisation_geometric_mean`` (uniform)."""
    d = assumptions.get("disclosure_share")
    u = assumptions.get("utilisation_geometric_mean")
    if d is None or u is None:
        raise ConfigError(
            "the calibrated scenario needs the assumptions disclosure_share and "
            "utilisation_geometric_mean"
        )
    if d.distribution != "lognormal" or u.distribution != "uniform":
        raise ConfigError(
            "disclosure_share must be lognormal and utilisation_geometric_mean uniform "
            f"(got {d.distribution}, {u.distribution})"
        )
    return core.Priors(d.low, d.high, u.low, u.high)


def calibration_data(
    evidence: Evidence,
    assumptions: Mapping[str, Assumption],
    years: np.ndarray,
    **table_options: Any,
) -> core.CalibrationData:
    """Hospital-years with an own count and a capacity, over all evidence years, from a fixed
    Monte Carlo pass (``CALIBRATION_DRAWS`` draws, ``CALIBRATION_SEED``)."""
    table = engine.build_table(evidence, years, **table_options)
    prep = engine.prepare(table, assumptions["licensing_year"].median)
    rng = np.random.default_rng(CALIBRATION_SEED)
    params = engine.draw_params(assumptions, rng, CALIBRATION_DRAWS)
    u = rng.random((len(table.figures), CALIBRATION_DRAWS), dtype=np.float32)
    out = engine.simulate(prep, params, u, keep_per_hy=True)
    return core.calibration_data(
        out.per_hy["documented"], out.per_hy["capacity"], table.hospital_ids, table.years
    )


def posterior_for(
    data: core.CalibrationData, priors: core.Priors, *, fit: bool, path: Path = BUNDLED_POSTERIOR
) -> Calibration:
    """The stored posterior when its digest matches, else a new fit when ``fit``, else none."""
    digest = core.data_digest(data, priors, SAMPLER)
    stored = load_posterior(path)
    if stored is not None and stored.digest == digest:
        return Calibration(stored, data, priors, digest, "bundled")
    if not fit:
        why = (
            "no stored posterior matches these inputs (run tools/build_posterior.py or ask for "
            "--scenario calibrated to fit one)"
        )
        return Calibration(None, data, priors, digest, why, [f"calibrated scenario: {why}"])
    post = core.fit(data, priors, **SAMPLER)
    post.digest = digest
    return Calibration(post, data, priors, digest, "fitted")


# ---------------------------------------------------------------------- result rows
def scenario_draws(
    cal: Calibration, capacity: np.ndarray, documented: np.ndarray
) -> np.ndarray | None:
    """(Y, D) national draws of the calibrated scenario (refuses a non-converged fit)."""
    if cal.posterior is None:
        return None
    cal.posterior.require_converged()
    return core.calibrated_national(capacity, documented, cal.posterior, seed=CALIBRATION_SEED)


def summary(cal: Calibration, capacity: np.ndarray, years: np.ndarray) -> dict[str, Any]:
    """The ``calibration`` block of ``--json``: priors, diagnostics, disclosure curve."""
    post = cal.posterior
    out: dict[str, Any] = {"source": cal.source, "digest": cal.digest}
    if cal.priors is not None:
        out["priors"] = cal.priors.as_dict()
    if cal.data is not None:
        out["hospitals"] = len(cal.data.hospital_ids)
        out["hospital_years"] = len(cal.data)
    if post is None:
        return out
    u = post.mean_utilisation()
    out.update(
        {
            "diagnostics": post.diagnostics(),
            "converged": post.converged,
            "fit_seconds": post.seconds,
            "disclosure_median": float(np.exp(np.median(post.log_d))),
            "mean_utilisation_median": float(np.median(u)),
            "mean_utilisation_p05": float(np.quantile(u, 0.05)),
            "mean_utilisation_p95": float(np.quantile(u, 0.95)),
            "disclosure_curve": core.disclosure_curve(
                capacity, post, np.array(DISCLOSURE_GRID), years
            ),
        }
    )
    return out
