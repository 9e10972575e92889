"""The report's donor-pool section on the bundled evidence."""

from __future__ import annotations

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
