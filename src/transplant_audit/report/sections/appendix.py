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

SOURCE_COLUMNS = [
    "id",
    "title",
    "publisher",
    "url",
    "party",
    "kind",
    "published",
    "retrieved",
    "digest",
]
HOSPITAL_COLUMNS = [
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
OBSERVATION_COLUMNS = [
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
    "bed_scope",
    "status",
    "source_id",
    "locator",
]


def appendix(ev: Evidence, notes: Notes) -> list[Section]:
    """The evidence appendix: every source, hospital and observation, each with its own anchor."""
    return [_sources(ev), _hospitals(ev), _observations(ev)]


def _sources(ev: Evidence) -> Section:
    src = ev.sources[SOURCE_COLUMNS].copy()
    src["digest"] = src["digest"].map(lambda d: "" if is_missing(d) else str(d))
    return Section(SOURCES_ANCHOR, "Appendix A: sources").add(
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


def _hospitals(ev: Evidence) -> Section:
    return Section(HOSP_ANCHOR, "Appendix B: hospitals").add(
        Table(
            name="hospitals",
            title="Hospitals",
            data=ev.hospitals[HOSPITAL_COLUMNS].copy(),
            sortable=True,
            anchors={"id": HOSP},
            links={"source_id": ""},
        )
    )


def _observations(ev: Evidence) -> Section:
    obs = ev.observations[OBSERVATION_COLUMNS].copy()
    return Section(OBS_ANCHOR, "Appendix C: observations").add(
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
