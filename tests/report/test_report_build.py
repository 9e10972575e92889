"""Unit tests of the report builder on SYNTHETIC evidence and synthetic result stand-ins (fast)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from transplant_audit.errors import ConfigError, ReportSectionError
from transplant_audit.report import build as build_mod
from transplant_audit.report.build import Analyses, assemble, write_report
from transplant_audit.report.html import render_html
from transplant_audit.report.model import Figure, Headline, Para, Ref, Unavailable

from .conftest import FakeEstimate, FakeForensics, make_synthetic_donorpool, make_synthetic_evidence


@pytest.fixture(scope="module")
def full_report():
    return assemble(
        make_synthetic_evidence(),
        Analyses(
            estimate=FakeEstimate(),
            forensics=FakeForensics(),
            donorpool=make_synthetic_donorpool(),
        ),
        draws=500,
        seed=7,
    )


@pytest.fixture(scope="module")
def full_html(full_report) -> str:
    return render_html(full_report, version="test", command="transplant-audit report")


def test_every_section_is_built_and_nothing_is_unavailable(full_report) -> None:
    ids = [s.id for s in full_report.sections]
    for wanted in (
        "headline",
        "evidence",
        "coverage",
        "official",
        "national",
        "breakdowns",
        "hospitals",
        "checks",
        "forensics",
        "methods",
        "appendix-sources",
        "appendix-observations",
    ):
        assert wanted in ids
    assert full_report.unavailable() == [], full_report.unavailable()
    names = {f.name for f in full_report.figures()}
    assert {"national_series", "cumulative", "by_organ", "by_licence", "sobol", "tornado"} <= names
    assert any(n.startswith("fit_") for n in names)


def test_coverage_section_states_the_imputed_share_and_the_table(full_report) -> None:
    sec = next(s for s in full_report.sections if s.id == "coverage")
    text = " ".join(str(r) for b in sec.blocks if hasattr(b, "runs") for r in b.runs)
    assert "30.0% of the 2016 combined estimate is imputed" in text
    (table,) = [b for b in sec.blocks if getattr(b, "name", "") == "coverage_by_province"]
    total = table.data.iloc[-1]
    assert (total["province"], total["hospitals"]) == (
        "all",
        len(make_synthetic_evidence().hospitals),
    )


def test_headline_uses_the_official_claim_and_the_estimate(full_report) -> None:
    head = next(b for b in full_report.sections[0].blocks if isinstance(b, Headline))
    values = {i.label: i.value for i in head.items}
    # synthetic combined median for 2018 = 1.2 * 10000 * 1.4 = 16,800; official claim 20,000
    assert values["Estimated transplants in 2018"] == "16,800"
    assert values["Claimed by Chinese officials for 2018"] == "20,000"
    assert values["Ratio"] == "0.8×"
    assert "16,800" in full_report.headline_text[0]
    assert all(any(isinstance(r, Ref) for r in i.detail) for i in head.items)


def test_notes_are_numbered_in_reading_order_and_all_used(full_report) -> None:
    seen: list[int] = []
    for sec in full_report.sections:
        for b in sec.blocks:
            runs = []
            if isinstance(b, Para):
                runs = b.runs
            elif isinstance(b, Headline):
                runs = [r for i in b.items for r in i.detail]
            elif isinstance(b, Figure):
                runs = b.caption
            for r in runs:
                if isinstance(r, Ref) and r.number not in seen:
                    seen.append(r.number)
    assert seen[:5] == [1, 2, 3, 4, 5]
    assert [n.number for n in full_report.notes.items] == list(
        range(1, len(full_report.notes.items) + 1)
    )


def test_every_internal_link_has_a_target(full_html: str) -> None:
    ids = set(re.findall(r'\sid="([^"]+)"', full_html))
    hrefs = set(re.findall(r'href="#([^"]+)"', full_html))
    missing = sorted(h for h in hrefs if h not in ids)
    assert missing == []
    # the estimate's note links to the observations and the assumption it used
    assert 'href="#obs-obs_0001"' in full_html and 'id="obs-obs_0001"' in full_html
    assert 'href="#asm-occupancy_rate"' in full_html and 'id="asm-occupancy_rate"' in full_html
    assert 'id="src_aaaaaaaaaa"' in full_html


def test_html_is_self_contained(full_html: str) -> None:
    assert not re.search(r"<script[^>]+\bsrc=", full_html)
    assert not re.search(r"<link[^>]+rel=\"?stylesheet", full_html)
    assert "@import" not in full_html
    assert not re.search(r"url\(\s*['\"]?https?:", full_html)
    assert "default-src 'none'" in full_html  # the browser enforces "no network"
    assert "vegaEmbed" in full_html
    assert full_html.count('class="chart"') == len(
        re.findall(r'<script type="application/json" id="spec-', full_html)
    )


def test_data_dir_holds_every_chart_table_and_inputs(tmp_path: Path, full_report) -> None:
    files = write_report(full_report, tmp_path / "out", pdf=False)
    data = files.data
    for fig in full_report.figures():
        csv = data / f"{fig.name}.csv"
        assert csv.is_file() and (data / f"{fig.name}.json").is_file()
        back = pd.read_csv(csv)
        assert list(back.columns) == [str(c) for c in fig.data.columns]
        assert len(back) == len(fig.data)
    inputs = json.loads((data / "inputs.json").read_text())
    assert inputs["seed"] == 7 and inputs["draws"] == 500
    assert inputs["data_package_digest"].startswith("sha256:")
    assert inputs["inputs_digest"] == "sha256:" + "1" * 64
    assert {a["name"] for a in inputs["assumptions"]} == {"occupancy_rate", "length_of_stay_days"}
    notes = json.loads((data / "notes.json").read_text())
    assert len(notes) == len(full_report.notes.items)


def test_missing_upstream_results_degrade_to_visible_boxes(tmp_path: Path) -> None:
    rep = assemble(
        make_synthetic_evidence(),
        Analyses(estimate_error="DataError: no assumptions", forensics_error="ImportError: nope"),
        draws=500,
        seed=None,
    )
    boxes = rep.unavailable()
    assert any("no assumptions" in b.reason for b in boxes)
    assert any("nope" in b.reason for b in boxes)
    assert rep.problems and rep.headline_text == []
    files = write_report(rep, tmp_path / "r", pdf=False)
    html = files.html.read_text()
    assert "Not available: estimate" in html and "no assumptions" in html
    assert "coverage_by_year" in html  # evidence sections still there


def test_a_broken_result_method_fails_the_report_naming_the_section() -> None:
    class Broken(FakeEstimate):
        def by_organ(self) -> pd.DataFrame:
            return pd.DataFrame({"organ": ["kidney"]})  # lacks the interval columns

    with pytest.raises(ReportSectionError) as err:
        assemble(make_synthetic_evidence(), Analyses(estimate=Broken()), draws=500, seed=7)
    assert err.value.section == "breakdowns"
    assert "report section 'breakdowns' failed: KeyError" in str(err.value)
    assert "estimate.by_organ() has no column(s) scenario" in str(err.value)
    assert isinstance(err.value.__cause__, KeyError)


def test_evidence_not_enough_for_a_model_is_a_box_but_a_bug_is_raised(monkeypatch) -> None:
    """NotEstimableError/DataError become a 'not available' reason; any other error stops."""
    import transplant_audit.estimate as est_mod
    from transplant_audit.errors import NotEstimableError

    ev = make_synthetic_evidence()
    from transplant_audit.report import analyses as analyses_mod

    monkeypatch.setattr(analyses_mod, "run_forensics_skipping", lambda e: (FakeForensics(), {}))
    monkeypatch.setattr(analyses_mod, "run_forensics_window", lambda e: None)

    def not_estimable(*a, **k):  # noqa: ANN002, ANN003, ANN202
        raise NotEstimableError("no hospital has a figure (synthetic)")

    monkeypatch.setattr(est_mod, "estimate", not_estimable)
    analyses = build_mod.analyse(ev, draws=200, seed=1)
    assert analyses.estimate is None
    assert analyses.estimate_error == "NotEstimableError: no hospital has a figure (synthetic)"
    assert analyses.donorpool is None
    assert "yearly volume" in str(analyses.donorpool_error)  # NotEstimableError: a box

    def bug(*a, **k):  # noqa: ANN002, ANN003, ANN202
        raise ZeroDivisionError("a bug (synthetic)")

    monkeypatch.setattr(est_mod, "estimate", bug)
    with pytest.raises(ZeroDivisionError):
        build_mod.analyse(ev, draws=200, seed=1)


def test_version_without_package_metadata(monkeypatch) -> None:
    import importlib.metadata as md

    def missing(name: str) -> str:
        raise md.PackageNotFoundError(name)

    monkeypatch.setattr(md, "version", missing)
    assert build_mod.version() == "0+unknown"


def test_failed_write_leaves_previous_report_untouched(
    tmp_path: Path, full_report, monkeypatch
) -> None:
    out = tmp_path / "report"
    write_report(full_report, out, pdf=False)
    before = (out / "index.html").read_bytes()

    def boom(*args, **kwargs):
        raise RuntimeError("disk full (simulated)")

    import transplant_audit.report.pdf as pdf_mod

    monkeypatch.setattr(pdf_mod, "render_pdf", boom)
    with pytest.raises(RuntimeError):
        write_report(full_report, out, pdf=True)
    assert (out / "index.html").read_bytes() == before
    assert not (out / "report.pdf").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]  # no temp dirs left


def test_refuses_to_replace_an_unrelated_directory(tmp_path: Path, full_report) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.docx").write_text("not a report")
    with pytest.raises(ConfigError, match="not empty"):
        write_report(full_report, out, pdf=False)
    assert (out / "thesis.docx").exists()


def test_too_few_draws_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="draws"):
        build_mod.build_report(make_synthetic_evidence(), tmp_path / "x", draws=10)


def test_unavailable_box_is_rendered_with_reason() -> None:
    from transplant_audit.report.html import render_block

    html = render_block(Unavailable("thing", "because <reasons>"))
    assert "Not available: thing" in html and "because &lt;reasons&gt;" in html


def test_hospital_derivation_links_its_observations_and_assumptions(full_report) -> None:
    from transplant_audit.report.model import Derivation, Link, runs_text

    every = {
        b.anchor: b for s in full_report.sections for b in s.blocks if isinstance(b, Derivation)
    }
    derivs = {k: v for k, v in every.items() if k.startswith("derivation-")}
    assert set(derivs) == {"derivation-h_alpha", "derivation-h_beta", "derivation-h_gamma"}
    d = derivs["derivation-h_alpha"]
    # lines shared by every hospital are stated once, in a block the derivation links to
    shared = [
        every[r.anchor] for line in d.lines for r in line if getattr(r, "anchor", "") in every
    ]
    lines = d.lines + [line for block in shared for line in block.lines]
    text = "\n".join(runs_text(line) for line in lines)
    assert "licensed: yes" in text and "military: no" in text
    assert "bed capacity: median 880 (90% interval 600–1,200)" in text
    anchors = {r.anchor for line in lines for r in line if isinstance(r, Link)}
    assert {"obs-obs_0001", "src_bbbbbbbbbb", "asm-occupancy_rate", "src_dddddddddd"} <= anchors


def _conflicted_evidence():
    """SYNTHETIC: one series with 5 conflicting years (32 combinations) beside the usual one."""
    import dataclasses

    ev = make_synthetic_evidence()
    rows = []
    for year in range(2010, 2016):
        for k, value in enumerate((100 + 10 * year % 7, 105 + 10 * year % 7)):
            if year == 2015 and k:
                continue
            rows.append(
                {
                    "id": f"x_{year}_{k}",
                    "series": "synthetic_conflicted",
                    "year": year,
                    "value": float(value),
                    "unit": "donors",
                    "qualifier": "exact",
                    "partial_year": False,
                    "source_id": "src_cccccccccc" if k else "src_aaaaaaaaaa",
                    "locator": "synthetic",
                    "note": "synthetic",
                }
            )
    official = pd.concat([ev.official_series, pd.DataFrame(rows)], ignore_index=True)
    return dataclasses.replace(ev, official_series=official)


def test_too_many_conflict_versions_are_tested_as_a_subset_not_refused() -> None:
    """SYNTHETIC: 32 combinations exceed the cap; 16 are tested and the range is reported."""
    from transplant_audit.report.build import run_forensics_skipping

    ev = _conflicted_evidence()
    fr, skipped = run_forensics_skipping(ev)
    assert skipped == {}
    tested = {r.series for r in fr.results if r.test == "formula_fit"}
    assert len([s for s in tested if s.startswith("synthetic_conflicted[")]) == 16
    summary = [r for r in fr.results if r.test == "variant_range"]
    assert summary and "of 32 combinations" in summary[0].verdict
    rep = assemble(ev, Analyses(forensics=fr, skipped_series=skipped), draws=500, seed=7)
    assert not [b for b in rep.unavailable() if "synthetic_conflicted" in b.what]
    tables = {t.name for s in rep.sections for t in s.blocks if hasattr(t, "data")}
    assert "forensic_variant_ranges" in tables


def test_forensics_leaves_out_a_refused_series_and_names_it(monkeypatch) -> None:
    """SYNTHETIC: a series run_forensics refuses is left out and named; the others run."""
    import transplant_audit.forensics as fmod
    from transplant_audit.errors import DataError
    from transplant_audit.report.build import run_forensics_skipping

    ev = _conflicted_evidence()
    real = fmod.run_forensics

    def refusing(evidence, names=None, **kw):  # noqa: ANN001, ANN202
        if names is None or "synthetic_conflicted" in names:
            raise DataError("official_series.csv", "synthetic_conflicted: refused (synthetic)")
        return real(evidence, names, **kw)

    monkeypatch.setattr(fmod, "run_forensics", refusing)
    fr, skipped = run_forensics_skipping(ev)
    assert list(skipped) == ["synthetic_conflicted"]
    assert "synthetic_deceased_donors" in {r.series for r in fr.results}
    rep = assemble(ev, Analyses(forensics=fr, skipped_series=skipped), draws=500, seed=7)
    boxes = [b.what for b in rep.unavailable()]
    assert "forensic tests of series 'synthetic_conflicted'" in boxes


def test_links_to_missing_targets_become_text() -> None:
    from transplant_audit.report.html import unlink_dangling

    html = '<p id="here">x</p><a href="#here">ok</a> <a href="#hospital-national">national</a>'
    assert unlink_dangling(html) == '<p id="here">x</p><a href="#here">ok</a> national'


def test_repeated_long_evidence_lists_point_back_to_the_first_note(full_report, full_html) -> None:
    notes = full_report.notes
    first, *later = [n for n in notes.items if n.observations]
    assert notes.same_as(first) is None
    assert later and all(
        notes.same_as(n) == first.number
        for n in later
        if (n.observations, n.assumptions, n.sources)
        == (first.observations, first.assumptions, first.sources)
    )
    assert f'as <a href="#note-{first.number}">note {first.number}</a>' in full_html


def test_manifest_is_embedded_and_named(tmp_path: Path) -> None:
    from transplant_audit.report.build import attach_manifest

    rep = assemble(make_synthetic_evidence(), Analyses(), draws=500, seed=7)
    attach_manifest(rep, {"signed_digest": "sha256:" + "2" * 64, "captures": []})  # synthetic
    files = write_report(rep, tmp_path / "r", pdf=False)
    assert json.loads((files.data / "manifest.json").read_text())["captures"] == []
    inputs = json.loads((files.data / "inputs.json").read_text())
    assert inputs["evidence_manifest"]["signed_digest"] == "sha256:" + "2" * 64
    assert "transplant-audit verify --manifest data/manifest.json" in files.html.read_text()


def test_paper_window_and_full_series_are_both_shown() -> None:
    """SYNTHETIC national_deceased_donors 2010–2024 with a bound, an 'about' figure and a
    conflict: the report tests the full series and, labelled, the paper's 2010–2018 window."""
    import dataclasses

    from transplant_audit.report.build import run_forensics_skipping, run_forensics_window

    ev = make_synthetic_evidence()
    values = {2010: 40, 2011: 230, 2012: 580, 2013: 1100, 2014: 1770, 2015: 2600}
    values |= {2016: 3590, 2017: 4740, 2018: 6050, 2019: 5900, 2020: 5200, 2021: 5400}
    values |= {2022: 5700, 2023: 6300, 2024: 6800}
    rows = [(y, v, "exact", "src_cccccccccc") for y, v in values.items()]
    rows += [
        (2017, 4753, "exact", "src_aaaaaaaaaa"),  # a genuine conflict: 2 versions
        (2018, 6000, "at_least", "src_aaaaaaaaaa"),  # a consistent bound
        (2015, 2500, "approx", "src_aaaaaaaaaa"),  # corroborates 2,600
    ]
    extra = pd.DataFrame(
        [
            {
                "id": f"nd_{i}",
                "series": "national_deceased_donors",
                "year": y,
                "value": float(v),
                "unit": "donors",
                "qualifier": q,
                "partial_year": False,
                "source_id": src,
                "locator": "synthetic",
                "note": "synthetic",
            }
            for i, (y, v, q, src) in enumerate(rows)
        ]
    )
    ev = dataclasses.replace(
        ev, official_series=pd.concat([ev.official_series, extra], ignore_index=True)
    )
    fr, skipped = run_forensics_skipping(ev)
    window = run_forensics_window(ev)
    assert skipped == {} and window is not None
    assert window.settings["years"] == [2010, 2018]
    assert all(int(f["year"].max()) <= 2018 for f in window.series.values())
    assert any(n.startswith("national_deceased_donors[") for n in fr.series)
    rep = assemble(ev, Analyses(forensics=fr, forensics_window=window), draws=500, seed=7)
    ids = [s.id for s in rep.sections]
    assert ids.index("forensics") + 1 == ids.index("forensics-window")
    win = rep.sections[ids.index("forensics-window")]
    assert "2010–2018" in win.title
    assert "Robertson" in "".join(r for r in win.blocks[0].runs if isinstance(r, str))
    tables = {b.name: b.data for b in win.blocks if hasattr(b, "data")}
    tested = tables["forensic_tests_window"]
    assert tested["series"].str.contains(r"\(2010–2018\)").all()
    assert {"formula_fit", "too_smooth_poisson", "reference_ranking"} <= set(tested["test"])
    assert "forensic_variant_ranges_window" in tables
    full = rep.sections[ids.index("forensics")]
    full_tests = next(b.data for b in full.blocks if getattr(b, "name", "") == "forensic_tests")
    assert full_tests["series"].str.startswith("national_deceased_donors[").any()
    assert not [b for b in rep.unavailable() if "forensic" in b.what]


def test_a_series_without_fits_is_left_out_of_the_charts_by_design() -> None:
    """SYNTHETIC: ForensicsResult.fits raises KeyError for a series that is not fit-tested
    (running totals, rates); that series gets no chart and no fit row, the others do."""
    from transplant_audit.report.sections.forensics import fit_chart_blocks
    from transplant_audit.report.sections.window import paper_window_section

    class RunningTotal(FakeForensics):
        def __init__(self) -> None:
            super().__init__()
            self.series["synthetic_running_total"] = self.series["synthetic_deceased_donors"]

        def fit_results(self, name: str) -> dict:
            if name == "synthetic_running_total":
                raise KeyError(f"no fits for {name!r}")
            return super().fit_results(name)

    fr = RunningTotal()
    ev = make_synthetic_evidence()
    notes = build_mod.Notes()
    charts = fit_chart_blocks(ev, fr, notes)
    assert [b.name for b in charts] == ["fit_synthetic_deceased_donors"]
    window = paper_window_section(ev, fr, notes)
    (fits,) = [b for b in window.blocks if getattr(b, "name", "") == "forensic_fits_window"]
    assert set(fits.data["series"]) == {"synthetic_deceased_donors"}


def test_claims_table_keeps_the_qualifier() -> None:
    """An 'at least' claim must not read as an exact figure (the qualifier was once dropped)."""
    from transplant_audit.report.model import Notes, Table
    from transplant_audit.report.sections.official import official_and_claims

    ev = make_synthetic_evidence()
    sec = official_and_claims(ev, Notes())
    (table,) = [b for b in sec.blocks if isinstance(b, Table) and b.name == "claims"]
    assert list(table.data["qualifier"]) == list(ev.claims["qualifier"])


def test_official_table_says_which_figures_are_partial_or_derived() -> None:
    """A figure for part of a year, or computed from other rows, must not read as reported."""
    from dataclasses import replace

    from transplant_audit.report.model import Notes, Table
    from transplant_audit.report.sections.official import official_and_claims

    ev = make_synthetic_evidence()
    off = ev.official_series.copy()
    off["partial_year"] = [True] + [False] * (len(off) - 1)
    off["derived"] = [False] * (len(off) - 1) + [True]
    sec = official_and_claims(replace(ev, official_series=off), Notes())
    (table,) = [b for b in sec.blocks if isinstance(b, Table) and b.name.startswith("official")]
    cols = ["series", "year", "partial_year", "derived"]
    shown = sorted(map(tuple, table.data[cols].astype(str).values.tolist()))
    assert shown == sorted(map(tuple, off[cols].astype(str).values.tolist()))  # on their rows


def test_observations_appendix_says_what_a_bed_count_covers() -> None:
    """A bed figure is shown with its bed_scope (a department's beds are not transplant beds)."""
    from dataclasses import replace

    from transplant_audit.report.model import Notes, Table
    from transplant_audit.report.sections.appendix import appendix

    ev = make_synthetic_evidence()
    obs = ev.observations.copy()
    obs["bed_scope"] = ["other_department"] + [None] * (len(obs) - 1)
    sections = appendix(replace(ev, observations=obs), Notes())
    (table,) = [b for s in sections for b in s.blocks if isinstance(b, Table)][2:]
    assert table.name == "observations"
    assert list(table.data["bed_scope"]) == list(obs["bed_scope"])
