"""The evidence appendix: every source, hospital and observation, each with its own anchor."""

from __future__ import annotations

from transplant_audit.evidence.frames import Evidence
from transplant_audit.report.fmt import is_missing, num
from transplant_audit.report.model import Notes, Para, Section, Table
from transplant_audit.report.sections.anchors import (
    HOSP,
    HOSP_ANCHOR,
    OBS,
    OBS_ANCHOR,
    SOURCES_ANCHOR,
)


def appendix(ev: Evidence, notes: Notes) -> list[Section]:
    """The evidence appendix: every source, hospital and observation, each with its own anchor."""
    src = ev.sources[
        ["id", "title", "publisher", "url", "party", "kind", "published", "retrieved", "digest"]
    ].copy()
    src["digest"] = src["digest"].map(lambda d: "" if is_missing(d) else str(d))
    sources = Section(SOURCES_ANCHOR, "Appendix A: sources").add(
        Para(
            [
                f"All {num(len(src))} sources. A digest (sha256) is shown where the page or file "
                "was archived; the archived copy proves what the page said when it was captured."
            ]
        ),
        Table(
            name="sources",
            title="Sources",
            data=src,
            sortable=True,
            anchors={"id": ""},
            urls=("url",),
        ),
    )
    hosp = ev.hospitals[
        [
            "id",
            "name_en",
            "name_zh",
            "province",
            "city",
            "military",
            "licensed",
            "licensed_organs",
            "source_id",
        ]
    ].copy()
    hospitals = Section(HOSP_ANCHOR, "Appendix B: hospitals").add(
        Table(
            name="hospitals",
            title="Hospitals",
            data=hosp,
            sortable=True,
            anchors={"id": HOSP},
            links={"source_id": ""},
        )
    )
    obs = ev.observations[
        [
            "id",
            "hospital_id",
            "indicator",
            "organ",
            "period_start",
            "period_end",
            "as_of",
            "value",
            "qualifier",
            "unit",
            "status",
            "source_id",
            "locator",
        ]
    ].copy()
    observations = Section(OBS_ANCHOR, "Appendix C: observations").add(
        Para(
            [
                f"All {num(len(obs))} observations: one stated figure each, with its source and "
                "where in the source it is (locator)."
            ]
        ),
        Table(
            name="observations",
            title="Observations",
            data=obs,
            sortable=True,
            anchors={"id": OBS},
            links={"source_id": "", "hospital_id": HOSP},
            max_rows_pdf=None,
        ),
    )
    return [sources, hospitals, observations]
