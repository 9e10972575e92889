"""The report records the data package's version next to its digest (issue 18 item 12).

The evidence is the SYNTHETIC package of conftest.py, given a made-up version.
"""

from __future__ import annotations

import dataclasses

from transplant_audit.report.build import Analyses, assemble
from transplant_audit.report.html import render_html

from .conftest import FakeEstimate, FakeForensics, make_synthetic_evidence


def test_inputs_and_html_name_the_data_package_version() -> None:
    evidence = dataclasses.replace(make_synthetic_evidence(), version="9.8.7")
    analyses = Analyses(estimate=FakeEstimate(), forensics=FakeForensics())
    report = assemble(evidence, analyses, draws=500, seed=7)
    assert report.inputs["data_package_version"] == "9.8.7"
    assert "data package version (9.8.7)" in render_html(
        report, version="test", command="transplant-audit report"
    )
    unversioned = assemble(make_synthetic_evidence(), analyses, draws=500, seed=7)
    assert unversioned.inputs["data_package_version"] is None
