"""The headline sentence for the calibrated estimate names only assumptions it draws.

The calibrated scenario is the capacity total times a posterior utilisation: it draws the
capacity model's assumptions and no utilisation assumption. On dd443ca the headline said
its interval was wide 'mainly because of' capacity_utilisation (the combined total's
driver). Here an assumption is drawn by the calibrated scenario when moving it alone
(5th to 95th percentile) moves the capacity total it scales. Real bundled data, read only.
"""

from __future__ import annotations

import pytest

from transplant_audit.estimate import estimate
from transplant_audit.evidence.load import load_evidence
from transplant_audit.report.model import Link, Notes, Para
from transplant_audit.report.sections.anchors import ASM
from transplant_audit.report.sections.context import EstimateContext
from transplant_audit.report.sections.headline import headline_section


@pytest.fixture(scope="module")
def headline():  # type: ignore[no-untyped-def]
    ev = load_evidence()
    est = estimate(ev, draws=200)
    ctx = EstimateContext(ev, est, Notes(), est.summary(drivers=2))
    section, _ = headline_section(ctx)
    return est, ctx.summary, section


def _named(section) -> tuple[str, list[str]]:  # type: ignore[no-untyped-def]
    """The summary paragraph's text and the assumptions it links to."""
    para = next(b for b in section.blocks if isinstance(b, Para))
    text = "".join(r if isinstance(r, str) else getattr(r, "text", "") for r in para.runs)
    links = [r.anchor for r in para.runs if isinstance(r, Link)]
    return text, [a[len(ASM) :] for a in links if a.startswith(ASM)]


def test_the_calibrated_sentence_names_only_assumptions_the_calibrated_scenario_draws(
    headline,
) -> None:
    est, summary, section = headline
    assert summary.scenario == "calibrated"
    text, named = _named(section)
    assert named, text  # the sentence does name its drivers
    swing = est.tornado(year=summary.sensitivity_year, scenario="capacity")
    drawn = set(swing.loc[swing["swing"] > 0, "assumption"])
    not_drawn = set(swing["assumption"]) - drawn
    assert "capacity_utilisation" in not_drawn  # the one the posterior replaces
    assert set(named) <= drawn, (named, text)
    for name in not_drawn:
        assert name not in text, (name, text)
    assert "posterior" in text
