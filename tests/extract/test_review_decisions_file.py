"""review --decisions FILE: many reviewer decisions in one run, all or nothing.

The page here is SYNTHETIC test text written for this test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from transplant_audit.evidence.frames import NATIONAL

from .conftest import run

PAGE = "合成测试页面:该院现有床位1200张,累计完成肾移植300余例。\n"


@pytest.fixture()
def home(tmp_path: Path) -> Path:
    h = tmp_path / "home"
    h.mkdir()
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    assert (
        run(h, "capture", str(tmp_path / "page.txt"), "--url", "https://example.invalid/p")[0] == 0
    )
    return h


def _candidates(home: Path) -> dict[str, str]:
    """indicator → candidate id, extracting the captured page first."""
    from transplant_audit.evidence.archive_schema import Capture
    from transplant_audit.evidence.store import Store
    from transplant_audit.extract.review_schema import Candidate

    with Store.open(home=home) as store, store.session() as s:
        sid = s.query(Capture).one().source_id
    assert run(home, "extract", sid, "--extractor", "extractor-x")[0] == 0
    with Store.open(home=home) as store, store.session() as s:
        return {c.indicator: c.id for c in s.query(Candidate)}


def _statuses(home: Path) -> dict[str, str]:
    from transplant_audit.evidence.store import Store
    from transplant_audit.extract.review_schema import Candidate

    with Store.open(home=home) as store, store.session() as s:
        return {c.indicator: c.status for c in s.query(Candidate)}


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "decisions.csv"
    p.write_text("candidate,action,hospital,set,reason\n" + text, encoding="utf-8")
    return p


def test_a_decisions_file_is_applied_in_one_run(home: Path, tmp_path: Path) -> None:
    c = _candidates(home)
    assert set(c) == {"total_beds", "transplants_cumulative"}
    f = _write(
        tmp_path,
        f"{c['total_beds']},e,{NATIONAL},qualifier=approx,synthetic check\n"
        f"{c['transplants_cumulative']},r,,,synthetic rejection\n",
    )
    out = run(home, "review", "--decisions", str(f), "--reviewer", "tester").stdout
    assert "2 decisions by tester applied" in out
    assert _statuses(home) == {"total_beds": "accepted", "transplants_cumulative": "rejected"}


def test_a_bad_row_stops_the_file_and_nothing_is_applied(home: Path, tmp_path: Path) -> None:
    c = _candidates(home)
    f = _write(
        tmp_path,
        f"{c['total_beds']},a,{NATIONAL},,\n{c['transplants_cumulative']},r,,,\n",
    )
    code, _, err = run(home, "review", "--decisions", str(f), "--reviewer", "tester", ok=False)
    assert code == 2
    assert "decisions.csv, row 3, field 'reason'" in err
    assert set(_statuses(home).values()) == {"pending"}


def test_a_refused_decision_rolls_back_the_whole_file(home: Path, tmp_path: Path) -> None:
    c = _candidates(home)
    f = _write(
        tmp_path,
        f"{c['total_beds']},a,{NATIONAL},,\n{c['transplants_cumulative']},a,no_such_hospital,,\n",
    )
    code, _, err = run(home, "review", "--decisions", str(f), "--reviewer", "tester", ok=False)
    assert code == 2
    assert "row 3" in err and "no_such_hospital" in err
    assert set(_statuses(home).values()) == {"pending"}
    assert run(home, "verify")[0] == 0
