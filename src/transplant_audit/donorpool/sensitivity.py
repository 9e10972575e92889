"""Sobol indices of the implied donors a year, per organ, with SALib (as the estimate does)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from transplant_audit.donorpool import queue
from transplant_audit.donorpool.params import (
    DAYS_PER_YEAR,
    check_available,
    quantiles_to_draws,
    required_names,
)
from transplant_audit.estimate.assumptions import Assumption


def sobol_indices(
    assumptions: Mapping[str, Assumption],
    *,
    organs: Sequence[str],
    wait_days: float,
    volume: float,
    hla_rule: str = "none",
    avail_days: float | None = None,
    base_samples: int = 256,
    seed: int = 0,
    **_: object,
) -> list[dict[str, object]]:
    """First-order (S1) and total (ST) Sobol indices of donors a year for each varying assumption.

    Sampling is done on the unit cube and mapped through each assumption's quantile
    function, so the indices refer to the assumptions' own distributions.
    """
    from SALib.analyze import sobol
    from SALib.sample import sobol as sobol_sample

    out: list[dict[str, object]] = []
    for organ in organs:
        names = required_names(organ, hla_rule)
        check_available(assumptions, names)
        varying = [n for n in names if assumptions[n].varies]
        if avail_days is not None:
            varying = [n for n in varying if not n.startswith("donorpool_viability_hours_")]
        if not varying:
            continue
        problem = {
            "num_vars": len(varying),
            "names": varying,
            "bounds": [[0.0, 1.0]] * len(varying),
        }
        x = sobol_sample.sample(problem, base_samples, calc_second_order=False, seed=seed)
        x = np.clip(x, 1e-9, 1 - 1e-9)
        u = {n: np.full(len(x), 0.5) for n in names}
        for j, n in enumerate(varying):
            u[n] = x[:, j]
        d = quantiles_to_draws(organ, hla_rule, assumptions, u, avail_days=avail_days)
        deceased = volume * d.share_of_volume * d.deceased_share
        y = queue.donors_for_wait(
            wait_days / DAYS_PER_YEAR,
            deceased,
            d.group_share,
            d.organs_per_donor,
            d.compatibility,
            d.avail_years,
        )
        res = sobol.analyze(problem, y, calc_second_order=False, seed=seed)
        for j, n in enumerate(varying):
            out.append(
                {
                    "organ": organ,
                    "assumption": n,
                    "S1": float(res["S1"][j]),
                    "ST": float(res["ST"][j]),
                    "ST_conf": float(res["ST_conf"][j]),
                }
            )
    return out
