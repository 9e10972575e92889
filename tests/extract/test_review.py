"""Two-person review: the pure rule, and its store work on SQLite and PostgreSQL
(synthetic source, hospital and text)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from transplant_audit.errors import ConfigError
from transplant_audit.extract import review as rv
from transplant_audit.extract.core import extract_candidates

from .conftest import SYN_HOSPITAL, SYN_SOURCE, SYN_TEXT

FIG = {
    "hospital_id": "h1",
    "indicator": "transplant_beds",
    "organ": "",
    "value": 86,
    "qualifier": "exact",
    "unit": "beds",
    "period": "",
    "as_of": "",
}


def acc(who: str, **changes: object) -> rv.Decision:
    return rv.Decision(who, "accept", {**FIG, **changes})


def rej(who: str) -> rv.Decision:
    return rv.Decision(who, "reject", None, "not a figure")


# --- the rule ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("decisions", "status"),
    [
        ([], "pending"),
        ([acc("alice")], "accepted"),
        ([acc("alice"), acc("alice")], "accepted"),  # one person twice is still one
        ([acc("alice"), acc("bob")], "verified"),
        ([acc("alice"), acc("bob", value=88)], "disputed"),
        ([acc("alice"), rej("bob")], "disputed"),
        ([acc("alice"), rej("bob"), acc("bob")], "verified"),  # bob changed his mind
        ([acc("alice"), acc("bob"), rej("carol")], "disputed"),
        ([rej("alice")], "rejected"),
        ([rej("alice"), rej("bob")], "rejected"),
        ([acc("alice"), rej("alice")], "rejected"),  # latest decision counts
        ([acc("alice", value=86.0000000000001), acc("bob")], "verified"),  # same figure
    ],
)
def test_review_rule(decisions: list[rv.Decision], status: str) -> None:
    assert rv.review_state(decisions).status == status


def test_disagreement_is_described() -> None:
    out = rv.review_state([acc("alice"), acc("bob", value=88), rej("carol")])
    assert "rejected by carol" in out.disagreement
    assert "different figures" in out.disagreement
    assert out.figure is not None and out.figure["value"] == 86


decision = st.builds(
    lambda who, kind, value: acc(who, value=value) if kind else rej(who),
    st.sampled_from(["alice", "bob", "carol"]),
    st.booleans(),
    st.sampled_from([86, 88]),
)


@settings(max_examples=120, deadline=None)
@given(st.lists(decision, max_size=8))
def test_verified_needs_two_different_people_agreeing(decisions: list[rv.Decision]) -> None:
    out = rv.review_state(decisions)
    latest = {d.reviewer: d for d in decisions}
    if out.status == "verified":
        accepted = [d for d in latest.values() if d.action == "accept"]
        assert len({d.reviewer for d in accepted}) >= 2
        assert len({d.figure["value"] for d in accepted}) == 1
        assert all(d.action == "accept" for d in latest.values())
    one_person = [d for d in decisions if d.reviewer == "alice"]
    assert rv.review_state(one_person).status in ("pending", "accepted", "rejected")


def test_validate_figure_messages() -> None:
    with pytest.raises(ConfigError, match="which hospital"):
        rv.validate_figure({**FIG, "hospital_id": ""}, ["h1"])
    with pytest.raises(ConfigError, match="not in the store"):
        rv.validate_figure({**FIG, "hospital_id": "nope"}, ["h1"])
    with pytest.raises(ConfigError, match="vocabulary"):
        rv.validate_figure({**FIG, "indicator": "beds"}, ["h1"])
    with pytest.raises(ConfigError, match="positive"):
        rv.validate_figure({**FIG, "value": -3}, ["h1"])
    with pytest.raises(ConfigError, match="period"):
        rv.validate_figure({**FIG, "period": "last year"}, ["h1"])
    f = rv.validate_figure({**FIG, "indicator": "wait_time_days", "unit": "weeks"}, ["h1"])
    assert f["unit"] == "days"  # the unit follows the indicator


def test_match_hospital() -> None:
    hs = [
        {
            "id": "a",
            "name_zh": "东江市第一人民医院",
            "name_en": "Dongjiang First People's Hospital",
        },
        {"id": "b", "name_zh": "西岭市中心医院", "name_en": "Xiling Central Hospital"},
    ]
    assert rv.match_hospital("東江市第一人民醫院", hs) == "a"
    assert rv.match_hospital("Xiling Central Hospital", hs) == "b"
    assert rv.match_hospital("医院", hs) is None
    assert rv.match_hospital("", hs) is None


# --- in the store -----------------------------------------------------------------------------


def _ledger_kinds(session) -> list[str]:  # noqa: ANN001
    from transplant_audit.evidence.archive_schema import LedgerEntry

    return list(session.execute(select(LedgerEntry.kind).order_by(LedgerEntry.seq)).scalars())


def _save(store) -> list[str]:  # noqa: ANN001
    found = extract_candidates(SYN_TEXT)
    with store.session(write=True) as s:
        hospitals = [{"id": SYN_HOSPITAL, "name_zh": "东江市第一人民医院", "name_en": ""}]
        added, known = rv.save_candidates(
            s, SYN_SOURCE, "sha256:" + "0" * 64, found, ["chars"] * len(found), hospitals
        )
        assert known == 0
        ids = [r.id for r in added]
    with store.session(write=True) as s:  # the same bytes again add nothing
        again, known = rv.save_candidates(
            s, SYN_SOURCE, "sha256:" + "0" * 64, found, ["chars"] * len(found), hospitals
        )
        assert (again, known) == ([], len(found))
    return ids


def test_two_person_rule_in_the_store(review_store) -> None:  # noqa: ANN001
    from transplant_audit.evidence import ledger
    from transplant_audit.evidence.schema import Observation
    from transplant_audit.extract.review_schema import Candidate

    beds, cumulative = _save(review_store)
    with review_store.session() as s:
        assert s.get(Candidate, beds).hospital_id == SYN_HOSPITAL  # matched by name
        assert s.get(Candidate, beds).status == "pending"
        assert rv.next_candidate(s, "alice").id == beds

    with review_store.session(write=True) as s:
        assert rv.decide(s, beds, "alice", "accept").status == "accepted"
    with review_store.session(write=True) as s:
        assert rv.decide(s, beds, "alice", "accept").status == "accepted"
    with review_store.session() as s:
        obs = s.get(Observation, rv.observation_id(beds))
        assert (obs.status, obs.value, obs.hospital_id) == ("extracted", 86, SYN_HOSPITAL)
        assert rv.next_candidate(s, "alice").id == cumulative  # alice has decided on beds
        assert rv.next_candidate(s, "bob").id == beds  # bob is asked to be the second
    with review_store.session(write=True) as s:
        out = rv.decide(s, beds, "bob", "accept")
    assert (out.status, out.accepted_by) == ("verified", ("alice", "bob"))
    with review_store.session() as s:
        assert s.get(Observation, rv.observation_id(beds)).status == "verified"

    # disagreement on the other candidate, then resolution
    with review_store.session(write=True) as s:
        rv.decide(s, cumulative, "alice", "accept")
    with review_store.session(write=True) as s:
        out = rv.decide(s, cumulative, "bob", "edit", changes={"value": 1400})
    assert out.status == "disputed"
    with review_store.session() as s:
        assert s.get(Observation, rv.observation_id(cumulative)).status == "disputed"
        assert [c.id for c in rv.list_candidates(s, "disputed")] == [cumulative]
    with review_store.session(write=True) as s:  # both reject: the observation is retracted
        rv.decide(s, cumulative, "alice", "reject", reason="running total of another centre")
        out = rv.decide(s, cumulative, "bob", "reject", reason="agree")
    assert out.status == "rejected"
    with review_store.session() as s:
        assert s.get(Observation, rv.observation_id(cumulative)) is None
        kinds = _ledger_kinds(s)
        assert ledger.check_chain(ledger.load_entries(s)) is None
    assert kinds.count("candidate_extracted") == 2
    assert kinds.count("review_decision") == 7
    for k in (
        "observation_created",
        "observation_verified",
        "observation_disputed",
        "observation_retracted",
    ):
        assert k in kinds, k


def test_a_refused_decision_writes_nothing(review_store) -> None:  # noqa: ANN001
    from transplant_audit.evidence.archive_schema import LedgerEntry
    from transplant_audit.extract.review_schema import ReviewDecision

    beds, _ = _save(review_store)
    with review_store.session() as s:
        before = s.execute(select(func.count()).select_from(LedgerEntry)).scalar()
    for kwargs in (
        {"action": "accept", "changes": {"hospital_id": "no_such_hospital"}},
        {"action": "reject", "reason": "  "},
        {"action": "edit", "changes": {"qualifier": "roughly"}},
    ):
        with pytest.raises(ConfigError), review_store.session(write=True) as s:
            rv.decide(s, beds, "alice", **kwargs)
    with pytest.raises(ConfigError, match="who you are"), review_store.session(write=True) as s:
        rv.decide(s, beds, " ", "accept")
    with review_store.session() as s:
        assert s.execute(select(func.count()).select_from(LedgerEntry)).scalar() == before
        assert s.execute(select(func.count()).select_from(ReviewDecision)).scalar() == 0
