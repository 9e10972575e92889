"""Evidence as the workbench shows it: cached frames, and records built from them.

The frames are those of ``Store.evidence()``; they are re-read when the ledger's
head moves (every change to evidence is a ledger entry), so all requests between
two changes share one copy. Filtering and conflicts reuse the functions behind
the ``hospitals`` and ``show`` commands, so the CLI and the web agree.
"""

from __future__ import annotations

import math
import threading
from typing import Any

import pandas as pd
from sqlalchemy import func, select

from transplant_audit.evidence.frames import Evidence


class EvidenceCache:
    """The store's evidence, re-read only when the ledger has grown."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self._key: int | None = None
        self._evidence: Evidence | None = None
        self._tables: dict[str, Any] = {}
        self._lock = threading.RLock()

    def _ledger_size(self) -> int:
        from transplant_audit.evidence.archive_schema import LedgerEntry

        with self.store.session() as s:
            return int(s.scalar(select(func.max(LedgerEntry.seq))) or 0)

    def get(self) -> Evidence:
        key = self._ledger_size()
        with self._lock:
            if self._evidence is None or key != self._key:
                self._evidence = self.store.evidence()
                self._tables = {}
                self._key = key
            return self._evidence

    def hospital_table(self) -> pd.DataFrame:
        """All hospitals with their counts (the ``hospitals`` command's table), cached."""
        from transplant_audit.evidence.commands import hospital_table

        evidence = self.get()
        with self._lock:
            if "hospitals" not in self._tables:
                self._tables["hospitals"] = hospital_table(evidence)
            return self._tables["hospitals"]

    def memo(self, key: str, make: Any) -> Any:
        """``make()`` once per version of the evidence (results derived from it only)."""
        self.get()
        with self._lock:
            if key not in self._tables:
                self._tables[key] = make()
            return self._tables[key]


def clean(value: Any) -> Any:
    """A cell as JSON: NA and NaN become None, numpy scalars become Python ones."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{k: clean(v) for k, v in row.items()} for row in frame.to_dict("records")]


def filter_hospitals(
    cache: EvidenceCache,
    *,
    q: str | None = None,
    province: str | None = None,
    licensed: bool | None = None,
    military: bool | None = None,
    evidence_kind: str | None = None,
) -> pd.DataFrame:
    """Hospitals matching every given filter. ``evidence_kind`` is an indicator
    (transplant_beds, transplants_in_period, ...); ``q`` matches id or either name."""
    from transplant_audit.evidence.commands import hospital_table

    if evidence_kind:
        table = hospital_table(cache.get(), indicator=evidence_kind)
    else:
        table = cache.hospital_table()
    if province:
        table = table[table["province"].str.casefold() == province.strip().casefold()]
    if licensed is not None:
        table = table[table["licensed"].map(lambda v: v is licensed).astype(bool)]
    if military is not None:
        table = table[table["military"].map(lambda v: v is military).astype(bool)]
    if q:
        needle = q.strip().casefold()
        hit = (
            table["id"].str.casefold().str.contains(needle, regex=False)
            | table["name_en"].str.casefold().str.contains(needle, regex=False)
            | table["name_zh"].str.contains(q.strip(), regex=False)
        )
        table = table[hit.astype(bool)]
    return table


def provinces(cache: EvidenceCache) -> list[str]:
    return cache.memo(
        "provinces", lambda: sorted({p for p in cache.hospital_table()["province"] if p})
    )


def hospital_page(
    cache: EvidenceCache, limit: int, offset: int, **filters: Any
) -> tuple[list[dict[str, Any]], int]:
    """(rows ``offset .. offset+limit`` as JSON records, total) of the filtered hospitals;
    without filters the records of the whole table are built once per evidence version."""
    if not any(v is not None and v != "" for v in filters.values()):
        rows = cache.memo("hospital_records", lambda: records(cache.hospital_table()))
        return rows[offset : offset + limit], len(rows)
    table = filter_hospitals(cache, **filters)
    return records(table.iloc[offset : offset + limit]), len(table)


def hospital_detail(cache: EvidenceCache, hospital_id: str) -> dict[str, Any] | None:
    """One hospital with every figure (source, locator), conflicts side by side, sources."""
    return cache.memo(f"hospital:{hospital_id}", lambda: _hospital_detail(cache, hospital_id))


def _hospital_detail(cache: EvidenceCache, hospital_id: str) -> dict[str, Any] | None:
    from transplant_audit.evidence.commands import conflicting_figures, hospital_observations

    evidence = cache.get()
    hospitals = evidence.hospitals
    row = hospitals[hospitals["id"].astype(str) == hospital_id]
    if row.empty:
        return None
    obs = hospital_observations(evidence, hospital_id)
    source_ids = set(obs["source_id"].astype(str)) | {str(row.iloc[0]["source_id"])}
    src = evidence.sources[evidence.sources["id"].astype(str).isin(source_ids)]
    return {
        "hospital": records(row)[0],
        "observations": records(obs),
        "conflicts": [records(g) for g in conflicting_figures(obs)],
        "sources": records(src.sort_values("id")),
    }


def source_detail(cache: EvidenceCache, store: Any, source_id: str) -> dict[str, Any] | None:
    """One source, how many rows cite it, and its archived copies (captures), if any."""
    from transplant_audit.evidence.archive_schema import Capture
    from transplant_audit.evidence.commands import source_table

    evidence = cache.get()
    table = source_table(evidence)
    row = table[table["id"] == source_id]
    if row.empty:
        return None
    full = evidence.sources[evidence.sources["id"].astype(str) == source_id]
    out = records(full)[0]
    out["rows"] = int(row.iloc[0]["rows"])
    with store.session() as s:
        caps = s.execute(
            select(Capture).where(Capture.source_id == source_id).order_by(Capture.id)
        ).scalars()
        out["captures"] = [
            {"digest": c.digest, "captured_at": getattr(c, "captured_at", None)} for c in caps
        ]
    return out
