"""The report's donor-pool section on the bundled evidence."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from transplant_audit.errors import NotEstimableError
from transplant_audit.evidence.package import read_package
from transplant_audit.report.build import run_donorpool
from transplant_audit.report.donorpool_section import donorpool_section
from transplant_audit.report.model import Figure, Notes, Para, Unavailable


def test_section_marks_official_and_investigators_volumes(bundled_dir) -> None:  # type: ignore[no-untyped-def]
    inputs = run_donorpool(read_package(bundled_dir))
    assert "official 2015" in inputs.volumes and inputs.volumes["official 2015"] == 10057
    assert any("Kilgour" in k for k in inputs.volumes)
    assert set(inputs.official_donors["year"]) >= {"2015"}
    notes = Notes()
    sec = donorpool_section(inputs, notes, None)
    figs = [b for b in sec.blocks if isinstance(b, Figure)]
    assert figs and figs[0].spec["layer"]
    text = " ".join(
        r for b in sec.blocks if isinstance(b, Para) for r in b.runs if isinstance(r, str)
    )
    assert "2,766" in text
    assert any(n.assumptions for n in notes.items)


def test_missing_model_is_a_visible_box() -> None:
    sec = donorpool_section(None, Notes(), "ValueError: no claims")
    assert isinstance(sec.blocks[0], Unavailable)
    assert "no claims" in sec.blocks[0].reason


def _with_claims(bundled_dir, extra: list[dict], reverse: bool = False):  # type: ignore[no-untyped-def]
    ev = read_package(bundled_dir)
    claims = pd.concat([ev.claims, pd.DataFrame(extra)], ignore_index=True)
    if reverse:
        claims = claims.iloc[::-1].reset_index(drop=True)
    return dataclasses.replace(ev, claims=claims)


def test_inputs_do_not_depend_on_claim_order(bundled_dir) -> None:  # type: ignore[no-untyped-def]
    """A second claim stating the same 2015 volume is the same figure: the section cites the
    lowest claim id whatever the order of the rows."""
    ev = _with_claims(bundled_dir, [])
    base = ev.claims[
        (ev.claims["quantity"] == "transplants_performed")
        & (ev.claims["period_start"].astype(str).str[:4] == "2015")
    ].iloc[0]
    twin = dict(base, id="clm_0000000000", source_id="src_twin")
    forward = run_donorpool(_with_claims(bundled_dir, [twin]))
    reverse = run_donorpool(_with_claims(bundled_dir, [twin], reverse=True))
    assert forward.volume_claims["official 2015"][0] == "clm_0000000000"
    assert reverse.volume_claims == forward.volume_claims
    assert list(reverse.official_donors["claim_id"]) == list(forward.official_donors["claim_id"])


def test_disagreeing_claims_are_named_not_picked(bundled_dir) -> None:  # type: ignore[no-untyped-def]
    ev = read_package(bundled_dir)
    base = ev.claims[ev.claims["quantity"] == "transplant_waiting_list"].iloc[0]
    other = dict(base, id="clm_ffffffffff", value_low="300000", value_high="300000")
    with pytest.raises(NotEstimableError) as err:
        run_donorpool(_with_claims(bundled_dir, [other]))
    assert base["id"] in str(err.value) and "clm_ffffffffff = 300000" in str(err.value)
