"""The two directions of the donor-pool model, with uncertainty and sensitivity.

* ``implied_donors``: given a yearly transplant volume and a mean waiting time,
  the deceased donors a year that the matching model needs, and the standing
  pool of donors that are available at any moment (Little's law: donors a year
  x how long a donor's organs stay usable).
* ``waits_from_donors``: given donors a year (e.g. the official 2,766 in 2015)
  and a volume, whether a steady state exists and, if so, the mean wait; if not,
  how many recipients a year are added to the queue.

Pure: assumptions (``Assumption`` objects) and numbers in, a result out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from transplant_audit.donorpool import queue
from transplant_audit.donorpool.params import (
    DAYS_PER_YEAR,
    OrganDraws,
    check_available,
    quantiles_to_draws,
    required_names,
    uniform_numbers,
)
from transplant_audit.errors import ConfigError
from transplant_audit.estimate.assumptions import Assumption

DEFAULT_SEED = 20150101
PERCENTILES = (5.0, 50.0, 95.0)


@dataclass
class DonorPoolResult:
    """Rows of one run (the JSON rows of ``donorpool``) and what produced them."""

    kind: str  # "implied_donors" or "waits_from_donors"
    rows: list[dict[str, object]]
    assumptions_used: list[str]
    settings: dict[str, object]
    sensitivity: list[dict[str, object]] = field(default_factory=list)

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows)

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "rows": self.rows,
            "assumptions_used": self.assumptions_used,
            "settings": self.settings,
            "sensitivity": self.sensitivity,
        }


def _pct(values: np.ndarray) -> tuple[float | None, float | None, float | None]:
    """5th, 50th, 95th percentiles; ``None`` where the value is infinite (no steady state)."""
    # inverted_cdf picks observed values, so infinite ones (no steady state) stay infinite
    out = np.percentile(values, PERCENTILES, method="inverted_cdf")
    return tuple(float(x) if np.isfinite(x) else None for x in out)  # type: ignore[return-value]


def _interval(name: str, values: np.ndarray) -> dict[str, float | None]:
    """``{name}_median``, ``{name}_p05`` and ``{name}_p95`` of the draws."""
    p05, median, p95 = _pct(values)
    return {f"{name}_median": median, f"{name}_p05": p05, f"{name}_p95": p95}


def _validate_common(draws: int, volume: float, what: str = "the transplant volume") -> None:
    if draws < 10:
        raise ConfigError(f"--draws must be at least 10 (got {draws})")
    _positive(volume, what)


def _positive(value: float, what: str) -> None:
    if not np.isfinite(value) or value <= 0:
        raise ConfigError(f"{what} must be a positive number (got {value})")


def _organ_draws(
    organ: str,
    assumptions: Mapping[str, Assumption],
    draws: int,
    seed: int,
    hla_rule: str,
    avail_days: float | None,
) -> tuple[OrganDraws, list[str]]:
    names = required_names(organ, hla_rule)
    check_available(assumptions, names)
    u = uniform_numbers(names, draws, seed)
    return quantiles_to_draws(organ, hla_rule, assumptions, u, avail_days=avail_days), names


def implied_donors(
    assumptions: Mapping[str, Assumption],
    *,
    organs: Sequence[str],
    wait_days: Sequence[float],
    volume: float,
    year: int | None = None,
    draws: int = 10_000,
    seed: int = DEFAULT_SEED,
    hla_rule: str = "none",
    avail_days: float | None = None,
    organ_volumes: Mapping[str, float] | None = None,
    waitlist: float | None = None,
) -> DonorPoolResult:
    """Donors a year and standing pool needed for ``volume`` transplants at each mean wait.

    ``volume`` counts transplants of all organs a year; each organ's part is its
    sourced share (or ``organ_volumes[organ]`` when given, e.g. the estimate's own
    split), and only the deceased-donor part needs donors.

    With ``waitlist`` (patients already waiting, all organs; split like the volume),
    the system is taken to be at capacity, as voluntary systems are: a first-come
    wait of ``w`` needs ``waitlist / w`` usable organs a year (Little's law).
    """
    _validate_common(draws, volume)
    if waitlist is not None:
        _positive(waitlist, "the waiting list")
    for w in wait_days:
        if not np.isfinite(w) or w <= 0:
            raise ConfigError(f"--wait-days must be a positive number of days (got {w})")
    rows: list[dict[str, object]] = []
    used: set[str] = set()
    for organ in organs:
        d, names = _organ_draws(organ, assumptions, draws, seed, hla_rule, avail_days)
        used.update(names)
        organ_volume = _organ_volume(volume, d, organ_volumes)
        deceased_volume = organ_volume * d.deceased_share
        if waitlist is None:
            by_wait = queue.donors_for_waits(
                [w / DAYS_PER_YEAR for w in wait_days],
                deceased_volume,
                d.group_share,
                d.organs_per_donor,
                d.compatibility,
                d.avail_years,
            )
        for i, w in enumerate(wait_days):
            if waitlist is not None:
                supply = queue.supply_for_backlog_wait(
                    waitlist * d.share_of_volume, w / DAYS_PER_YEAR
                )
                donors = supply / d.organs_per_donor
            else:
                donors = by_wait[i]
            rows.append(
                {
                    "organ": organ,
                    "year": year,
                    "wait_days": float(w),
                    "volume": float(np.median(organ_volume)),
                    **_interval("donors_per_year", donors),
                    **_interval("pool", donors * d.avail_years),
                }
            )
    return DonorPoolResult(
        kind="implied_donors",
        rows=rows,
        assumptions_used=sorted(used),
        settings=_settings(draws, seed, hla_rule, avail_days, volume) | {"waitlist": waitlist},
    )


def waits_from_donors(
    assumptions: Mapping[str, Assumption],
    *,
    organs: Sequence[str],
    donors: float,
    volume: float,
    year: int | None = None,
    draws: int = 10_000,
    seed: int = DEFAULT_SEED,
    hla_rule: str = "none",
    avail_days: float | None = None,
) -> DonorPoolResult:
    """Mean waits that ``donors`` deceased donors a year would give for ``volume`` transplants."""
    _validate_common(draws, volume)
    if not np.isfinite(donors) or donors <= 0:
        raise ConfigError(f"--donors must be a positive number (got {donors})")
    rows: list[dict[str, object]] = []
    used: set[str] = set()
    for organ in organs:
        d, names = _organ_draws(organ, assumptions, draws, seed, hla_rule, avail_days)
        used.update(names)
        organ_volume = _organ_volume(volume, d, None)
        deceased_volume = organ_volume * d.deceased_share
        donor_rate = np.full(draws, float(donors))
        wait = queue.system_wait_years(
            donor_rate,
            deceased_volume,
            d.group_share,
            d.organs_per_donor,
            d.compatibility,
            d.avail_years,
        )
        growth = queue.backlog_growth(
            donor_rate, deceased_volume, d.group_share, d.organs_per_donor
        )
        steady = np.isfinite(wait)
        growth_stats = _interval("backlog_growth_per_year", growth)
        rows.append(
            {
                "organ": organ,
                "year": year,
                "donors_per_year": float(donors),
                "volume": float(np.median(organ_volume)),
                "steady_state": bool(steady.mean() >= 0.5),
                "steady_state_share": float(steady.mean()),
                **_interval("wait_days", wait * DAYS_PER_YEAR),
                "backlog_growth_per_year": growth_stats.pop("backlog_growth_per_year_median"),
                **growth_stats,
            }
        )
    return DonorPoolResult(
        kind="waits_from_donors",
        rows=rows,
        assumptions_used=sorted(used),
        settings=_settings(draws, seed, hla_rule, avail_days, volume) | {"donors": donors},
    )


def wait_at_capacity(
    assumptions: Mapping[str, Assumption],
    *,
    organ: str,
    donors: float,
    waitlist: float,
    draws: int = 10_000,
    seed: int = DEFAULT_SEED,
) -> dict[str, object]:
    """Mean wait (days) for a country whose queue is long: ``waitlist`` over the organ supply.

    The supply is ``donors`` x usable organs per donor (anatomy x (1 - discard)),
    drawn from the sourced assumptions. Used to check the model on a voluntary
    donation country against its published waiting time.
    """
    _validate_common(draws, waitlist, "the waiting list")
    _positive(donors, "the donors a year")
    d, names = _organ_draws(organ, assumptions, draws, seed, "none", None)
    supply = donors * d.organs_per_donor
    wait = queue.backlog_wait_years(np.full(draws, waitlist), supply) * DAYS_PER_YEAR
    return {
        "organ": organ,
        "donors_per_year": donors,
        "waitlist": waitlist,
        **_interval("wait_days", wait),
        **_interval("organs_per_year", supply),
        "assumptions_used": [n for n in names if "discard" in n],
    }


def _organ_volume(
    volume: float, d: OrganDraws, organ_volumes: Mapping[str, float] | None
) -> np.ndarray:
    if organ_volumes is not None and d.organ in organ_volumes:
        given = float(organ_volumes[d.organ])
        if not np.isfinite(given) or given <= 0:
            raise ConfigError(f"the {d.organ} volume must be a positive number (got {given})")
        return np.full(d.share_of_volume.shape, given)
    return volume * d.share_of_volume


def _settings(
    draws: int, seed: int, hla_rule: str, avail_days: float | None, volume: float
) -> dict[str, object]:
    return {
        "draws": draws,
        "seed": seed,
        "hla_rule": hla_rule,
        "availability_days": avail_days,
        "volume_all_organs": volume,
    }


def wait_curve(
    assumptions: Mapping[str, Assumption],
    *,
    volumes: Mapping[str, float],
    wait_days: Sequence[float] = (2, 7, 14, 30, 90, 365),
    organs: Sequence[str] = ("kidney", "liver"),
    draws: int = 400,
    seed: int = DEFAULT_SEED,
) -> pd.DataFrame:
    """Donors a year needed against mean wait, for each named volume (the report's chart).

    Columns: label, volume, organ, wait_days, donors_per_year_median, _p05, _p95.
    """
    rows = []
    for label, volume in volumes.items():
        res = implied_donors(
            assumptions, organs=organs, wait_days=wait_days, volume=volume, draws=draws, seed=seed
        )
        for r in res.rows:
            rows.append(
                {
                    "label": label,
                    "volume_all_organs": volume,
                    "organ": r["organ"],
                    "wait_days": r["wait_days"],
                    "donors_per_year_median": r["donors_per_year_median"],
                    "donors_per_year_p05": r["donors_per_year_p05"],
                    "donors_per_year_p95": r["donors_per_year_p95"],
                }
            )
    return pd.DataFrame(rows)
