"""The evidence as read-only pandas frames: the one hand-over to the pure core.

``Evidence`` is what estimate/, forensics/ and report/ receive. It is built
either from a data package directory (``package.read_package``) or from the
store (``store.Store.evidence()``); both give the same columns, in the order
listed in ``COLUMNS``. Computations never open files or the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

# Resource name -> column order. The data package's table schemas
# (data/datapackage.json) and the store's tables use exactly these names.
COLUMNS: dict[str, list[str]] = {
    "sources": [
        "id",
        "url",
        "title",
        "publisher",
        "party",
        "published",
        "retrieved",
        "language",
        "kind",
        "digest",
        "note",
    ],
    "hospitals": [
        "id",
        "name_en",
        "name_zh",
        "province",
        "city",
        "military",
        "licensed",
        "licensed_organs",
        "licence_year",
        "organs_mentioned",
        "source_id",
        "note",
        "aliases",
    ],
    "observations": [
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
        "source_id",
        "locator",
        "status",
        "note",
        "bed_scope",
    ],
    "official_series": [
        "id",
        "series",
        "year",
        "value",
        "unit",
        "qualifier",
        "partial_year",
        "source_id",
        "locator",
        "note",
        "derived",
    ],
    "claims": [
        "id",
        "quantity",
        "claimant",
        "party",
        "period_start",
        "period_end",
        "value_low",
        "value_high",
        "unit",
        "qualifier",
        "source_id",
        "locator",
        "note",
    ],
    "assumptions": [
        "name",
        "distribution",
        "low",
        "mode",
        "high",
        "unit",
        "applies_to",
        "justification",
        "source_ids",
    ],
    "reference_series": [
        "id",
        "country",
        "series",
        "year",
        "value",
        "unit",
        "source_id",
        "locator",
        "note",
    ],
    "licences": [
        "id",
        "hospital_id",
        "organ",
        "list_name",
        "list_year",
        "licensed",
        "source_id",
        "locator",
        "note",
    ],
}

OPTIONAL_RESOURCES: frozenset[str] = frozenset({"reference_series", "licences"})
"""Resources a package may lack (older packages): read as empty."""

NATIONAL = "national"
"""``hospital_id`` of an observation that is about China as a whole."""


@dataclass(frozen=True)
class Evidence:
    """All resources of one data package or store, as DataFrames (treat as read-only)."""

    sources: pd.DataFrame
    hospitals: pd.DataFrame
    observations: pd.DataFrame
    official_series: pd.DataFrame
    claims: pd.DataFrame
    assumptions: pd.DataFrame
    reference_series: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=COLUMNS["reference_series"])
    )
    licences: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=COLUMNS["licences"])
    )
    origin: str = ""
    """Where it came from (package path or store URL, password removed)."""
    digest: str = ""
    """``sha256:<hex>`` over the package's resources, when known."""
    version: str = ""
    """The data package's release (``version`` of datapackage.json, semver), when it has one."""

    def frame(self, name: str) -> pd.DataFrame:
        return getattr(self, name)


GATHERED_COLUMNS: dict[str, list[str]] = {
    "sources": [c for c in COLUMNS["sources"] if c != "id"],  # the build gives the id
    "hospitals": [
        "hospital_key",
        "name_en",
        "name_zh",
        "province",
        "city",
        "military",
        "aliases",
        "note",
    ],
    "observations": [
        "hospital_key",
        "indicator",
        "organ",
        "period_start",
        "period_end",
        "as_of",
        "value",
        "qualifier",
        "unit",
        "bed_scope",
        "source_url",
        "locator",
        "status",
        "note",
    ],
    "licences": [
        "hospital_key",
        "organ",
        "list_name",
        "list_year",
        "licensed",
        "source_url",
        "locator",
        "note",
    ],
}
"""Columns of the contract files in ``data-src/gathered/`` (written by ``tools/gather``, read
by ``tools/build_data_package.py``)."""
