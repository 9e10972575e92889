"""Bulk import of case reports from CSV (all-or-nothing; store edge of the registry).

Every row is validated (``core.CaseIn``) and checked for duplicates, within the file and
against the store, before anything is written; the first problem stops the import with
one line naming the file, row and field. Values are never echoed: a row may hold a
national identifier or birth date.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlalchemy import insert, select

from transplant_audit.errors import DataError
from transplant_audit.evidence import ledger
from transplant_audit.limits import REGISTRY_CSV_BYTES
from transplant_audit.registry.core import CaseIn, case_record, classify
from transplant_audit.registry.schema import RegistryCase, RegistryNearDuplicate
from transplant_audit.registry.store import _norm, _now, hospital_index, new_case_id

COLUMNS = tuple(CaseIn.model_fields)


def _error(file: str, reason: str, row: int | None = None, field: str | None = None) -> DataError:
    return DataError(file, reason, row=row, field=field, value=None, code="registry-import")


def read_rows(path: Path) -> list[dict[str, str]]:
    """The CSV's rows (header checked against the case fields)."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > REGISTRY_CSV_BYTES.value():
            raise REGISTRY_CSV_BYTES.exceeded(name, f"{size:,} bytes", code="registry-import")
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise _error(name, f"cannot read the file as UTF-8 ({type(exc).__name__})") from exc
    reader = csv.DictReader(text.splitlines())
    header = reader.fieldnames or []
    unknown = [c for c in header if c not in COLUMNS]
    if unknown:
        raise _error(name, f"unknown column; columns are: {', '.join(COLUMNS)}", 1, unknown[0])
    for required in ("national_id", "birth_date", "organ", "transplant_month",
                     "destination_country", "reporting_centre"):  # fmt: skip
        if required not in header:
            raise _error(name, "required column is missing", 1, required)
    rows = list(reader)
    if not rows:
        raise _error(name, "the file has no case rows")
    return rows


def _validate(name: str, line: int, raw: dict[str, str | None]) -> CaseIn:
    if None in raw:
        raise _error(name, "the row has more cells than the header", line)
    data = {k: v for k, v in raw.items() if v not in (None, "")}
    try:
        return CaseIn.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err.get("loc", ())) or None
        raise _error(name, str(err.get("msg", "invalid")), line, field) from None


def import_cases(
    session: Any,
    path: Path,
    key: bytes,
    by: str,
    progress: Callable[[int], None] | None = None,
) -> dict[str, int]:
    """Validate every row, then store them all in the caller's transaction."""
    name = str(path)
    rows = read_rows(path)
    existing: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for cid, pseu, organ, month in session.execute(
        select(RegistryCase.case_id, RegistryCase.pseudonym, RegistryCase.organ,
               RegistryCase.transplant_month).where(RegistryCase.deleted.is_(False))
    ):  # fmt: skip
        existing.setdefault((pseu, organ), []).append((cid, month))
    hospitals = hospital_index(session)
    now = _now()
    cases: list[dict[str, Any]] = []
    near: list[dict[str, Any]] = []
    first_row: dict[str, int] = {}
    for line, raw in enumerate(rows, start=2):
        case = _validate(name, line, raw)
        record = case_record(case, key, case.reporting_centre or "")
        same = existing.get((record["pseudonym"], record["organ"]), ())
        match = classify(record["transplant_month"], same)
        if match.kind == "duplicate":
            other = match.case_ids[0]
            where = f"row {first_row[other]} of this file" if other in first_row else other
            raise _error(name, f"duplicate of {where} (same patient, organ and month)", line)
        case_id = new_case_id()
        first_row[case_id] = line
        hospital = hospitals.get(_norm(record.get("destination_hospital")))
        cases.append({**record, "case_id": case_id, "hospital_id": hospital, "reported_by": by,
                      "reported_at": now, "deleted": False, "deleted_reason": None})  # fmt: skip
        near.extend({"case_id": case_id, "other_case_id": o, "status": "open"}
                    for o in match.case_ids)  # fmt: skip
        existing.setdefault((record["pseudonym"], record["organ"]), []).append(
            (case_id, record["transplant_month"])
        )
        if progress:
            progress(1)
    session.execute(insert(RegistryCase), cases)
    if near:
        session.execute(insert(RegistryNearDuplicate), near)
    ledger.append(session, "registry_import", f"registry_imports/{path.name}", {
        "by": by, "file_sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "case_ids": [c["case_id"] for c in cases], "near_duplicates": len(near)})  # fmt: skip
    return {"cases": len(cases), "near_duplicates": len(near)}
