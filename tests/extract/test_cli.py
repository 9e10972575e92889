"""End to end through the command line: capture synthetic documents, extract them by
source id, review them with two people (SQLite store in a temporary home)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from .conftest import make_pdf, run

PAGE = (
    "<html><head><meta charset='gbk'><title>东江市第一人民医院（合成测试页）</title></head><body>"
    "<nav>首页 | 新闻</nav><article><p>东江市第一人民医院器官移植中心现有移植病床86张。</p>"
    "<p>截至2016年底累计完成肝移植1300余例。咨询电话：0752-2288123。</p></article></body></html>"
)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    h = tmp_path_factory.mktemp("home")
    (h / "page.html").write_bytes(PAGE.encode("gbk"))
    (h / "report.pdf").write_bytes(
        make_pdf(["Synthetic report.", "The centre had 95 transplant beds in 2015."])
    )
    run(h, "capture", str(h / "page.html"), str(h / "report.pdf"))
    return h


def _source_ids(home: Path) -> dict[str, str]:
    from transplant_audit.evidence.archive_schema import Capture
    from transplant_audit.evidence.store import Store

    with Store.open(home=home) as store, store.session() as s:
        return {Path(c.uri).name: c.source_id for c in s.query(Capture)}


def test_extract_plain_file_json(tmp_path: Path) -> None:
    p = tmp_path / "note.txt"
    p.write_text("该院至今已完成肝移植1200余例，床位使用率达112%。", encoding="utf-8")
    out = json.loads(run(tmp_path, "extract", str(p), "--json").stdout)
    assert [(r["indicator"], r["value"], r["qualifier"]) for r in out] == [
        ("transplants_cumulative", 1200, "at_least"),
        ("bed_occupancy_rate", 1.12, "exact"),
    ]
    for key in (
        "indicator",
        "organ",
        "value",
        "qualifier",
        "unit",
        "period",
        "start",
        "end",
        "snippet",
    ):
        assert key in out[0]
    assert out[0]["candidate_id"] is None  # not captured: not stored


def test_extract_errors_are_one_line(tmp_path: Path) -> None:
    proc = run(tmp_path, "extract", str(tmp_path / "missing.html"), ok=False)
    assert proc.returncode == 2
    assert "missing.html" in proc.stderr and "Traceback" not in proc.stderr
    bad = tmp_path / "locked.bin"
    bad.write_bytes(bytes(range(256)) * 50)
    proc = run(tmp_path, "extract", str(bad), ok=False)
    assert proc.returncode == 2 and "binary data" in proc.stderr


def test_extract_and_review_captured_sources(home: Path) -> None:
    ids = _source_ids(home)
    page, report = ids["page.html"], ids["report.pdf"]
    out = json.loads(run(home, "extract", page, report, "--json", "--extractor", "carol").stdout)
    by = {(r["source"], r["indicator"]): r for r in out}
    beds = by[(page, "transplant_beds")]
    assert beds["value"] == 86 and beds["hospital"] == "东江市第一人民医院"
    assert by[(page, "transplants_cumulative")]["as_of"] == "2016"
    pdf_beds = by[(report, "transplant_beds")]
    assert pdf_beds["locator"].startswith("page 2,")
    cand = beds["candidate_id"]

    # extracting again stores nothing new
    again = run(home, "extract", page, "--extractor", "carol")
    assert "0 new candidates" in again.stderr

    # two-person rule through the CLI
    proc = run(home, "review", "--reviewer", "alice", "--candidate", cand, "--accept", ok=False)
    assert proc.returncode == 2 and "which hospital" in proc.stderr
    first = json.loads(
        run(
            home,
            "review",
            "--reviewer",
            "alice",
            "--candidate",
            cand,
            "--accept",
            "--national",
            "--json",
        ).stdout
    )
    assert first["status"] == "accepted"
    same = json.loads(
        run(home, "review", "--reviewer", "alice", "--candidate", cand, "--accept", "--json").stdout
    )
    assert same["status"] == "accepted"
    second = json.loads(
        run(home, "review", "--reviewer", "bob", "--candidate", cand, "--accept", "--json").stdout
    )
    assert second["status"] == "verified" and second["accepted_by"] == ["alice", "bob"]

    other = by[(page, "transplants_cumulative")]["candidate_id"]
    run(home, "review", "--reviewer", "alice", "--candidate", other, "--accept", "--national")
    run(home, "review", "--reviewer", "bob", "--candidate", other, "--set", "value=1400")
    disputed = json.loads(run(home, "review", "--disputed", "--json").stdout)
    assert [d["candidate"] for d in disputed] == [other]
    assert "different figures" in disputed[0]["disagreement"]

    verify = run(home, "verify")
    assert "every digest matches" in verify.stdout + verify.stderr

    # reviewed observations export as a valid data package
    from transplant_audit.evidence.package import validate_package

    run(home, "export", str(home / "package"))
    assert validate_package(home / "package") == []
    rows = (home / "package" / "observations.csv").read_text(encoding="utf-8").splitlines()
    assert any(",verified," in r and "86" in r for r in rows[1:])
    assert any(",disputed," in r for r in rows[1:])


def test_two_person_rule_holds_through_the_command_line(tmp_path: Path) -> None:
    """Issue 10, hole 5 through the CLI: one person spelled twice is one reviewer, the
    extractor cannot review, and storing candidates needs the extractor's name."""
    (tmp_path / "page.html").write_bytes(PAGE.encode("gbk"))
    run(tmp_path, "capture", str(tmp_path / "page.html"))
    page = _source_ids(tmp_path)["page.html"]
    saved = os.environ.pop("TRANSPLANT_AUDIT_REVIEWER", None)
    try:
        proc = run(tmp_path, "extract", page, ok=False)
        assert proc.returncode == 2 and "--extractor" in proc.stderr
        out = json.loads(run(tmp_path, "extract", page, "--json", "--extractor", "Carol").stdout)
    finally:
        if saved is not None:
            os.environ["TRANSPLANT_AUDIT_REVIEWER"] = saved
    cand = next(r["candidate_id"] for r in out if r["indicator"] == "transplant_beds")
    review = ("review", "--candidate", cand, "--accept", "--json")
    first = run(tmp_path, *review, "--national", "--reviewer", "alice")
    assert json.loads(first.stdout)["status"] == "accepted"
    for same in ("Alice", "alice\u200b", "ALICE\u2060"):
        again = json.loads(run(tmp_path, *review, "--reviewer", same).stdout)
        assert again["status"] == "accepted" and again["accepted_by"] == ["alice"]
    proc = run(tmp_path, *review, "--reviewer", "carol\u200d", ok=False)
    assert proc.returncode == 2 and "extracted" in proc.stderr
    proc = run(tmp_path, *review, "--reviewer", "\u200b", ok=False)
    assert proc.returncode == 2 and "say who you are" in proc.stderr
    final = json.loads(run(tmp_path, *review, "--reviewer", "bob").stdout)
    assert final["status"] == "verified" and final["accepted_by"] == ["alice", "bob"]


def test_a_captured_file_is_read_from_disk_not_from_its_archive(tmp_path: Path) -> None:
    """Extracting a local file that was captured only looks its source id up: the archive's
    copy is not read (it used to be, up to 64 MiB), so the file extracts even with the
    archive's WARC gone, and is attributed to its source."""
    (tmp_path / "page.html").write_bytes(PAGE.encode("gbk"))
    run(tmp_path, "capture", str(tmp_path / "page.html"))
    page = _source_ids(tmp_path)["page.html"]
    warcs = [p for p in tmp_path.rglob("*.warc*") if p.is_file()]
    assert warcs
    for p in warcs:
        p.unlink()
    out = json.loads(
        run(
            tmp_path, "extract", str(tmp_path / "page.html"), "--json", "--extractor", "carol"
        ).stdout
    )
    assert {r["source"] for r in out} == {page}
    assert any(r["indicator"] == "transplant_beds" and r["value"] == 86 for r in out)
