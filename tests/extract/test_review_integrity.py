"""Issue 10, hole 5: the two-person rule under attack (SQLite and PostgreSQL).

Each attack was reproduced on main before the fix: two spellings of one name counted
as two reviewers, the extractor could review their own figure, and a decision row
inserted or edited straight in the database passed ``verify``. Synthetic source,
hospital and text only (see conftest).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from transplant_audit.errors import ConfigError
from transplant_audit.extract import review as rv
from transplant_audit.extract.core import extract_candidates

from .conftest import SYN_HOSPITAL, SYN_SOURCE, SYN_TEXT, run


def _ledger_setup_rows(store) -> None:  # noqa: ANN001
    """The fixture adds its source and hospital without ledger entries; give them
    their entries so that ``verify`` of the untouched store passes."""
    from transplant_audit.evidence import ledger
    from transplant_audit.evidence.schema import Hospital, Source
    from transplant_audit.evidence.store import _text_row

    with store.session(write=True) as s:
        for name, model, key in (
            ("sources", Source, SYN_SOURCE),
            ("hospitals", Hospital, SYN_HOSPITAL),
        ):
            row = s.get(model, key)
            values = {c.name: getattr(row, c.name) for c in model.__table__.columns}
            ledger.append(
                s,
                "row_created",
                f"{name}/{key}",
                {"resource": name, "row": _text_row(name, values)},
            )


def _candidate(store, extractor: str | None = "carol") -> str:  # noqa: ANN001
    found = extract_candidates(SYN_TEXT)
    with store.session(write=True) as s:
        added, _ = rv.save_candidates(
            s,
            SYN_SOURCE,
            "sha256:" + "1" * 64,
            found,
            ["chars"] * len(found),
            [{"id": SYN_HOSPITAL, "name_zh": "东江市第一人民医院", "name_en": ""}],
            extracted_by=extractor,
        )
        return added[0].id


def _decide(store, cand: str, who: str, action: str = "accept") -> rv.Outcome:  # noqa: ANN001
    with store.session(write=True) as s:
        return rv.decide(s, cand, who, action, reason="no" if action == "reject" else None)


def _verify(store, tmp_path: Path) -> tuple[int, str]:  # noqa: ANN001
    """``transplant-audit verify`` on this store, in process: (exit code, output)."""
    r = run(tmp_path, "verify", "--home", str(tmp_path), "--db", store.url, ok=False)
    return r.returncode, r.stdout + r.stderr


def _tampering_fails_verify(store, tmp_path: Path, sql: str, params: dict, code: str) -> str:  # noqa: ANN001
    """``verify`` passes, ``sql`` edits the database behind the ledger's back, then ``verify``
    fails naming ``code``; its output is returned."""
    status, out = _verify(store, tmp_path)
    assert status == 0, out
    with store.engine.begin() as conn:
        conn.execute(text(sql), params)
    status, out = _verify(store, tmp_path)
    assert status == 1 and code in out, out
    return out


# --- identities ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("alice", "Alice"),
        ("alice", "alice\u200b"),
        ("alice", "\u200dal\u200cice\u2060"),
        ("alice", "\ufeffALICE"),
        ("alice", "\u202ealice\u202c"),
        ("alice", "ａｌｉｃｅ"),  # full-width letters: NFKC
        ("Straße", "STRASSE"),  # case-folded, not just lower-cased
    ],
)
def test_one_person_spelled_twice_leaves_the_figure_unverified(
    review_store,
    first: str,
    second: str,  # noqa: ANN001
) -> None:
    cand = _candidate(review_store)
    assert _decide(review_store, cand, first).status == "accepted"
    out = _decide(review_store, cand, second)
    assert out.status == "accepted" and len(out.accepted_by) == 1
    assert rv.review_state([rv.Decision(first, "reject", None, "x")]).status == "rejected"


def test_pure_rule_compares_identities() -> None:
    fig = {"hospital_id": "h", "indicator": "transplant_beds", "value": 1, "qualifier": "exact"}
    same = [rv.Decision("alice", "accept", fig), rv.Decision("Alice\u200b", "accept", fig)]
    assert rv.review_state(same).status == "accepted"
    two = [rv.Decision("alice", "accept", fig), rv.Decision("bob", "accept", fig)]
    assert rv.review_state(two).status == "verified"
    assert rv.review_state(two, extracted_by="BOB").status == "accepted"


@pytest.mark.parametrize("name", ["", "  ", "\u200b", "\u200b\u200c\u200d\u2060\ufeff", "\u202e"])
def test_an_empty_identity_is_refused(review_store, name: str) -> None:  # noqa: ANN001
    cand = _candidate(review_store)
    with pytest.raises(ConfigError, match="say who you are"):
        _decide(review_store, cand, name)
    with pytest.raises(ConfigError, match="say who you are"):
        rv.identity(name)


def test_the_extractor_cannot_review_their_own_figure(review_store) -> None:  # noqa: ANN001
    from transplant_audit.extract.review_schema import Candidate

    cand = _candidate(review_store, extractor="Carol")
    with review_store.session() as s:
        assert s.get(Candidate, cand).extracted_by == "carol"
        assert (
            rv.next_candidate(s, "carol\u200b") is None or rv.next_candidate(s, "carol").id != cand
        )
    with pytest.raises(ConfigError, match="extracted"):
        _decide(review_store, cand, "CAROL\u200b")
    _decide(review_store, cand, "alice")
    assert _decide(review_store, cand, "bob").status == "verified"


# --- decisions bound to the ledger -----------------------------------------------------------


INSERT_DECISION = (
    "INSERT INTO review_decisions (candidate_id, reviewer, action, figure, reason, "
    "decided_at) SELECT candidate_id, :who, action, figure, reason, decided_at "
    "FROM review_decisions WHERE candidate_id = :c"
)


def _insert_decision(store, cand: str, who: str) -> None:  # noqa: ANN001
    with store.engine.begin() as conn:
        conn.execute(text(INSERT_DECISION), {"who": who, "c": cand})


def test_a_decision_inserted_in_the_database_fails_verify(
    review_store,
    tmp_path: Path,  # noqa: ANN001
) -> None:
    _ledger_setup_rows(review_store)
    cand = _candidate(review_store)
    _decide(review_store, cand, "alice")
    params = {"who": "mallory", "c": cand}
    out = _tampering_fails_verify(review_store, tmp_path, INSERT_DECISION, params, "unledgered-row")
    assert "review_decisions row" in out


def test_a_decision_edited_in_the_database_fails_verify(
    review_store,
    tmp_path: Path,  # noqa: ANN001
) -> None:
    _ledger_setup_rows(review_store)
    cand = _candidate(review_store)
    _decide(review_store, cand, "alice")
    _decide(review_store, cand, "bob", "reject")
    sql = "UPDATE review_decisions SET action = 'accept' WHERE reviewer = 'bob'"
    _tampering_fails_verify(review_store, tmp_path, sql, {}, "row-mismatch")


def test_erasing_the_extractor_in_the_database_fails_verify(
    review_store,
    tmp_path: Path,  # noqa: ANN001
) -> None:
    _ledger_setup_rows(review_store)
    cand = _candidate(review_store)
    sql = "UPDATE candidates SET extracted_by = NULL WHERE id = :c"
    _tampering_fails_verify(review_store, tmp_path, sql, {"c": cand}, "extractor-mismatch")


def test_decisions_made_before_the_binding_are_bound_by_the_migration(tmp_path: Path) -> None:
    """A decision row in a store at revision 0003 (whose ledger entry, the old way,
    carried no row digest) is bound when the store is upgraded: ``verify`` passes, and
    a row inserted afterwards still fails it."""
    from alembic import command

    from transplant_audit.capture.verify import verify
    from transplant_audit.evidence.store import Store, alembic_config

    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    with Store.open(url=url) as store:
        _seed_source_and_hospital(store)
        cand = _candidate(store, extractor=None)
    command.downgrade(alembic_config(url), "0003")
    from sqlalchemy import create_engine

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO review_decisions (candidate_id, reviewer, action, figure, reason, "
                "decided_at) VALUES (:c, 'alice', 'reject', NULL, 'old', '2026-01-01')"
            ),
            {"c": cand},
        )
    engine.dispose()
    with Store.open(url=url) as store:
        report = verify(store, tmp_path)
        assert report.ok, report.to_dict()
        _insert_decision(store, cand, "mallory")
        report = verify(store, tmp_path)
    assert [f.code for f in report.mismatches] == ["unledgered-row"]


def _seed_source_and_hospital(store) -> None:  # noqa: ANN001
    from transplant_audit.evidence.schema import Hospital, Source

    with store.session(write=True) as s:
        s.add(
            Source(id=SYN_SOURCE, url="https://example.org/s", title="t", party="other", kind="web")
        )
        s.flush()
        s.add(
            Hospital(
                id=SYN_HOSPITAL,
                name_en="Synthetic",
                name_zh="东江市第一人民医院",
                province="",
                city="",
                military=False,
                source_id=SYN_SOURCE,
            )
        )
    _ledger_setup_rows(store)
