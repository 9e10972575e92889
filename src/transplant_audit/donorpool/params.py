"""The donor-pool model's sourced assumptions, drawn for Monte Carlo.

Every parameter is a row of the data package's ``assumptions`` resource whose
name starts with ``donorpool_`` (built from ``data-src/assumptions.csv``, each
with a distribution, unit, justification and sources). This module only knows
the names, reads them through the estimate's ``Assumption`` (one code path for
distributions), and turns draws into the arrays ``queue.py`` needs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from transplant_audit.errors import ConfigError, DataError
from transplant_audit.estimate.assumptions import (
    Assumption,
    apply_overrides,
    assumptions_from_frame,
)

PREFIX = "donorpool_"
ORGANS = ("kidney", "liver")
ABO_GROUPS = ("o", "a", "b", "ab")
HLA_RULES = ("none", "dr_le1", "dr0")
"""Kidney HLA rule: none (China's 2006 rules set no mismatch threshold), at most one
HLA-DR mismatch, or no HLA-DR mismatch."""

ORGANS_PER_DONOR = {"kidney": 2.0, "liver": 1.0}
"""Anatomy, not an assumption: a deceased donor has two kidneys and one liver
(split livers are not modelled, which can only lower the donors needed)."""

DAYS_PER_YEAR = 365.25


def required_names(organ: str, hla_rule: str) -> list[str]:
    """The assumption names one organ's model draws from."""
    if hla_rule not in HLA_RULES:
        raise ConfigError(f"--hla must be one of {', '.join(HLA_RULES)} (got {hla_rule!r})")
    if organ not in ORGANS:
        raise ConfigError(f"--organ must be one of {', '.join(ORGANS)} (got {organ!r})")
    names = [f"{PREFIX}abo_{g}_share" for g in ABO_GROUPS]
    names += [
        f"{PREFIX}discard_share_{organ}",
        f"{PREFIX}viability_hours_{organ}",
        f"{PREFIX}share_of_volume_{organ}",
        f"{PREFIX}living_donor_share_{organ}",
    ]
    if organ == "kidney":
        names += [f"{PREFIX}sensitised_share", f"{PREFIX}crossmatch_positive_if_sensitised"]
        if hla_rule != "none":
            names.append(f"{PREFIX}hla_{hla_rule}_probability")
    return names


def load_assumptions(
    frame: pd.DataFrame | None,
    overrides: Mapping[str, Mapping[str, object]] | None = None,
    *,
    file: str = "assumptions",
) -> dict[str, Assumption]:
    """The ``donorpool_*`` assumptions of the evidence, with overrides applied."""
    if frame is None or not len(frame):
        raise DataError(file, "the evidence has no assumptions; the donor-pool model needs them")
    mine = frame[frame["name"].astype(str).str.startswith(PREFIX)]
    found = assumptions_from_frame(mine.reset_index(drop=True), file=file)
    if overrides:
        found = apply_overrides(found, overrides, file="overrides")
    return found


def check_available(assumptions: Mapping[str, Assumption], names: list[str]) -> None:
    """Refuse to run with a missing parameter, naming it."""
    missing = [n for n in names if n not in assumptions]
    if missing:
        raise DataError(
            "assumptions",
            "missing donor-pool assumptions: " + ", ".join(missing),
            field="name",
        )


@dataclass(frozen=True)
class OrganDraws:
    """One organ's parameters, one value per draw (arrays of shape ``(D,)``, ``(D, 4)``)."""

    organ: str
    group_share: np.ndarray  # (D, 4) ABO shares O, A, B, AB, rows summing to 1
    organs_per_donor: np.ndarray  # usable organs per donor: anatomy x (1 - discard)
    compatibility: np.ndarray  # probability a waiting recipient of the right group can take it
    avail_years: np.ndarray  # how long an unmatched organ stays usable
    share_of_volume: np.ndarray  # this organ's share of all transplants
    deceased_share: np.ndarray  # share of this organ's transplants from deceased donors


def quantiles_to_draws(
    organ: str,
    hla_rule: str,
    assumptions: Mapping[str, Assumption],
    u: Mapping[str, np.ndarray],
    *,
    avail_days: float | None = None,
) -> OrganDraws:
    """Turn uniform numbers ``u[name]`` in (0, 1) into the model's arrays (inverse CDF)."""
    if hla_rule not in HLA_RULES:
        raise ConfigError(f"--hla must be one of {', '.join(HLA_RULES)} (got {hla_rule!r})")

    def val(name: str) -> np.ndarray:
        return np.asarray(assumptions[name].ppf(u[name]), dtype=float)

    abo = np.stack([val(f"{PREFIX}abo_{g}_share") for g in ABO_GROUPS], axis=1)
    abo = abo / abo.sum(axis=1, keepdims=True)
    usable = ORGANS_PER_DONOR[organ] * (1.0 - val(f"{PREFIX}discard_share_{organ}"))
    compat = np.ones_like(usable)
    if organ == "kidney":
        compat = 1.0 - val(f"{PREFIX}sensitised_share") * val(
            f"{PREFIX}crossmatch_positive_if_sensitised"
        )
        if hla_rule != "none":
            compat = compat * val(f"{PREFIX}hla_{hla_rule}_probability")
    if avail_days is not None:
        avail = np.full_like(usable, avail_days / DAYS_PER_YEAR)
    else:
        avail = val(f"{PREFIX}viability_hours_{organ}") / 24.0 / DAYS_PER_YEAR
    return OrganDraws(
        organ=organ,
        group_share=abo,
        organs_per_donor=usable,
        compatibility=compat,
        avail_years=avail,
        share_of_volume=val(f"{PREFIX}share_of_volume_{organ}"),
        deceased_share=1.0 - val(f"{PREFIX}living_donor_share_{organ}"),
    )


def uniform_numbers(names: list[str], draws: int, seed: int) -> dict[str, np.ndarray]:
    """Independent uniform numbers per assumption name, reproducible from ``seed``."""
    rng = np.random.default_rng(seed)
    return {n: rng.random(draws) for n in sorted(names)}
