"""Every migration's downgrade, one step at a time, on a store holding a row in every table,
run the way the store runs migrations (its own connection: SQLite with foreign keys on,
PostgreSQL under the advisory lock). The 0008 downgrade once rebuilt ``candidates`` in
batch mode and failed once a candidate had a review decision (rv9); this walks every
revision down to base, checks each step keeps the rows of the tables it leaves, and comes
back up to the schema the models declare. All rows are SYNTHETIC."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from test_migrations import schema_differences

from transplant_audit.evidence.all_tables import metadata
from transplant_audit.evidence.store import (
    Store,
    alembic_config,
    current_revisions,
    head_revisions,
)

_AT = "2026-01-01T00:00:00+00:00"
_SRC = "src_synthetic_0001"
_ROWS: dict[str, list[dict[str, Any]]] = {
    "sources": [
        {"id": _SRC, "url": "https://example.org/synthetic/a", "party": "hospital", "kind": "news"}
    ],
    "assumptions": [
        {
            "name": "syn_assumption",
            "distribution": "fixed",
            "unit": "fraction",
            "justification": "synthetic",
            "source_ids": _SRC,
        }
    ],
    "assumption_sources": [{"assumption_name": "syn_assumption", "source_id": _SRC}],
    "imports": [
        {
            "id": 1,
            "imported_at": _AT,
            "origin": "synthetic",
            "digest": "sha256:0",
            "added": 1,
            "changed": 0,
            "unchanged": 0,
        }
    ],
    "package_meta": [{"key": "syn", "value": "1"}],
    "hospitals": [
        {
            "id": "syn_h",
            "name_en": "Synthetic Hospital",
            "military": False,
            "licensed": "true",
            "source_id": _SRC,
        }
    ],
    "observations": [
        {
            "id": "obs_syn",
            "hospital_id": "syn_h",
            "indicator": "transplant_beds",
            "value": 100.0,
            "qualifier": "exact",
            "unit": "beds",
            "source_id": _SRC,
            "status": "extracted",
            "bed_scope": "unknown",
        }
    ],
    "official_series": [
        {
            "id": "off_syn",
            "series": "deceased_donors",
            "year": 2015,
            "value": 1.0,
            "unit": "donors",
            "qualifier": "exact",
            "partial_year": False,
            "source_id": _SRC,
            "derived": False,
        }
    ],
    "claims": [
        {
            "id": "clm_syn",
            "quantity": "transplants_per_year",
            "claimant": "Synthetic",
            "party": "investigators",
            "value_low": 1.0,
            "unit": "transplants",
            "qualifier": "approx",
            "source_id": _SRC,
        }
    ],
    "reference_series": [
        {
            "id": "ref_syn",
            "country": "Spain",
            "series": "deceased_donors",
            "year": 2015,
            "value": 1.0,
            "unit": "donors",
            "source_id": _SRC,
        }
    ],
    "licences": [
        {
            "id": "lic_syn",
            "hospital_id": "syn_h",
            "list_name": "synthetic list",
            "licensed": True,
            "source_id": _SRC,
        }
    ],
    "archive_records": [
        {
            "digest": "sha256:1",
            "warc_file": "a.warc.gz",
            "offset": 0,
            "length": 1,
            "record_digest": "sha256:2",
            "size": 1,
            "media_type": "text/plain",
            "target_uri": "https://example.org/synthetic/a",
            "warc_date": _AT,
            "record_id": "<urn:uuid:0>",
        }
    ],
    "captures": [
        {
            "id": 1,
            "digest": "sha256:1",
            "uri": "https://example.org/synthetic/a",
            "captured_at": _AT,
            "source_id": _SRC,
        }
    ],
    "ledger_entries": [
        {
            "seq": 1,
            "prev_hash": "0",
            "kind": "synthetic",
            "subject": "x",
            "payload": "{}",
            "payload_digest": "sha256:3",
            "timestamp": _AT,
            "entry_hash": "sha256:4",
            "batch_id": 1,
        }
    ],
    "ledger_batches": [
        {"id": 1, "first_seq": 1, "last_seq": 1, "merkle_root": "sha256:5", "sealed_at": _AT}
    ],
    "candidates": [
        {
            "id": "cand_syn",
            "source_id": _SRC,
            "digest": "sha256:1",
            "indicator": "transplant_beds",
            "value": 100.0,
            "qualifier": "exact",
            "unit": "beds",
            "span_start": 0,
            "span_end": 3,
            "stated": "100",
            "snippet": "100 beds",
            "snippet_start": 0,
            "hospital_id": "syn_h",
            "language": "en",
            "status": "accepted",
            "observation_id": "obs_syn",
            "extracted_at": _AT,
            "extracted_by": "carol",
            "confidence": 0.5,
        }
    ],
    "review_decisions": [
        {
            "id": 1,
            "candidate_id": "cand_syn",
            "reviewer": "alice",
            "action": "accept",
            "decided_at": _AT,
        }
    ],
    "accounts": [
        {
            "id": 1,
            "username": "alice",
            "role": "admin",
            "password_hash": "x",
            "disabled": False,
            "created_at": _AT,
            "password_changed_at": _AT,
        }
    ],
    "web_sessions": [
        {
            "token_hash": "t",
            "account_id": 1,
            "csrf_token": "c",
            "created_at": 1.0,
            "last_seen": 1.0,
        }
    ],
    "security_log": [{"id": 1, "at": 1.0, "event": "login", "username": "alice"}],
    "jobs": [
        {
            "id": "job1",
            "kind": "extract",
            "status": "done",
            "progress": 1.0,
            "params": "{}",
            "created_by": "alice",
            "created_at": _AT,
        }
    ],
    "registry_cases": [
        {
            "case_id": f"case{i}",
            "pseudonym": "p",
            "reporting_centre": "c",
            "birth_year": 1970,
            "sex": "female",
            "organ": "kidney",
            "transplant_month": "2015-01",
            "year": 2015,
            "destination_country": "CN",
            "broker_involved": "no",
            "donor_type_stated": "unknown",
            "information_source": "patient",
            "reported_by": "alice",
            "reported_at": _AT,
            "deleted": False,
        }
        for i in (1, 2)
    ],
    "registry_reporter_centres": [{"username": "alice", "centre": "c"}],
    "registry_near_duplicates": [
        {"id": 1, "case_id": "case1", "other_case_id": "case2", "status": "open"}
    ],
}


def _counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as conn:
        present = set(sa.inspect(conn).get_table_names())
        return {
            name: conn.execute(sa.select(sa.func.count()).select_from(sa.table(name))).scalar_one()
            for name in sorted(present - {"alembic_version"})
        }


def _fill(store: Store) -> None:
    with store._write_engine.begin() as conn:
        for table in metadata.sorted_tables:
            conn.execute(sa.insert(table), _ROWS[table.name])


def _migrate(store: Store, direction: str, target: str) -> None:
    from alembic import command

    with store._write_engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        getattr(command, direction)(cfg, target)


def test_every_table_has_a_row() -> None:
    assert set(_ROWS) == set(metadata.tables)


def test_each_downgrade_step_keeps_the_other_tables_rows_and_upgrades_again(
    store_url: str,
) -> None:
    from alembic.script import ScriptDirectory

    chain = [r.revision for r in ScriptDirectory.from_config(alembic_config()).walk_revisions()]
    assert {chain[0]} == head_revisions() and len(chain) >= 8
    with Store.open(url=store_url) as store:
        _fill(store)
        full = _counts(store)
        assert set(full) == set(_ROWS) and all(full.values())
        for below in [*chain[1:], None]:
            _migrate(store, "downgrade", "-1")
            assert current_revisions(store.engine) == ({below} if below else set())
            left = _counts(store)
            assert left == {name: full[name] for name in left}, below
        assert left == {}
        _migrate(store, "upgrade", "heads")
        _fill(store)
        assert _counts(store) == full
    assert schema_differences(store_url, metadata) == []
