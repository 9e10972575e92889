"""Report section: the donor pool implied by waiting times (pure: results in, blocks out)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from transplant_audit.report import charts
from transplant_audit.report.model import Figure, Notes, Para, Section, Table, Unavailable


@dataclass
class DonorPoolInputs:
    """What the section shows, computed by the report's analysis step."""

    curve: pd.DataFrame  # model.wait_curve rows
    official_donors: pd.DataFrame  # label, donors, year, claim_id, source_id
    volumes: dict[str, float]
    volume_claims: dict[str, tuple[str, str]]  # label -> (claim id, source id)
    assumptions: list[str]
    waitlist: dict[str, object] = field(default_factory=dict)  # value, claim, source, rows


def _row(curve: pd.DataFrame, label: str, organ: str, wait: float) -> pd.Series:
    sel = curve[
        (curve["label"] == label) & (curve["organ"] == organ) & (curve["wait_days"] == wait)
    ]
    return sel.iloc[0]


def donorpool_section(inp: DonorPoolInputs | None, notes: Notes, error: str | None) -> Section:
    sec = Section("donorpool", "The donor pool implied by waiting times")
    if inp is None:
        return sec.add(Unavailable("donor-pool model", error or "the model was not run"))
    asm_ref = notes.cite(
        "Donor-pool model parameters (blood-group shares, crossmatch, discard, organ "
        "viability, organ shares, living-donor shares)",
        assumptions=inp.assumptions,
    )
    sec.add(
        Para(
            [
                "Hospitals advertised waits of days to weeks for a matched kidney or liver. "
                "A matching model (recipients get blood-group-identical organs, a crossmatch "
                "must be negative, a deceased donor's organs are usable for hours) gives the "
                "deceased donors a year that a given volume and mean wait would need. Only "
                "rates of populations enter; no person is modelled.",
                asm_ref,
            ]
        )
    )
    lines = []
    for label, (claim_id, source_id) in inp.volume_claims.items():
        if label not in set(inp.curve["label"]):
            continue
        ref = notes.cite(f"Volume '{label}' (claim {claim_id})", sources=[source_id])
        k = _row(inp.curve, label, "kidney", 7.0)
        lines += [
            f"At the volume '{label}' ({inp.volumes[label]:,.0f} transplants a year) "
            "a 7-day mean wait for a kidney needs about "
            f"{k['donors_per_year_median']:,.0f} deceased donors a year "
            f"(90% interval {k['donors_per_year_p05']:,.0f} to {k['donors_per_year_p95']:,.0f})",
            ref,
            ". ",
        ]
    for r in inp.official_donors.itertuples():
        ref = notes.cite(
            f"Official deceased donors {r.year} (claim {r.claim_id})", sources=[r.source_id]
        )
        lines += [
            f"The official count of deceased donors was {r.donors:,.0f} in {r.year}",
            ref,
            ". ",
        ]
    if lines:
        sec.add(Para(lines))
    sec.add(
        Para(
            [
                "Within one volume the wait changes the donors needed only a little: in a "
                "steady state the supply must just exceed demand. What matters is whether "
                "donors can keep up with the volume at all; where they cannot, there is no "
                "steady state and the queue grows every year (transplant-audit donorpool "
                "--donors N --volume V gives that growth)."
            ],
            kind="caveat",
        )
    )
    if inp.waitlist:
        w = inp.waitlist
        ref = notes.cite(f"Patients waiting (claim {w['claim']})", sources=[str(w["source"])])
        sec.add(
            Para(
                [
                    f"With {float(w['value']):,.0f} patients waiting",
                    ref,
                    ", a first-come queue served at capacity (Little's law) would give a "
                    f"7-day wait only with about {float(w['kidney_7']):,.0f} deceased donors a "
                    "year for kidneys alone; waits that short imply recipients who do not "
                    "queue behind the registered list.",
                ]
            )
        )
    sec.add(
        Figure(
            name="donorpool_curve",
            title="Deceased donors a year needed against mean wait",
            spec=charts.donor_curve(
                inp.curve,
                inp.official_donors[["label", "donors"]],
                "Lines: median donors a year by volume and organ; bands: 90% intervals; "
                "dashed rules: official deceased donors.",
            ),
            data=inp.curve,
            alt=(
                "Line chart, waiting time on a log axis against donors a year on a log axis, "
                "one line per volume and organ, with the official donor counts as rules."
            ),
        ),
        Table(
            name="donorpool_rows",
            title="Donors a year needed (median and 90% interval)",
            data=inp.curve.round(0),
        ),
    )
    return sec
