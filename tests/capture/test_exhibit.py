"""``transplant-audit exhibit`` (issue 10, hole 11) on a SYNTHETIC captured page.

The exhibit of a captured, extracted, twice-reviewed figure is checked here without
the toolkit's code: hashlib for every digest, gzip for the WARC record, and an
RFC 9162 inclusion-proof check written out below.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from transplant_audit.cli import app

PAGE = (
    "<html><head><meta charset='utf-8'><title>东江市第一人民医院（合成测试页）</title></head>"
    "<body><article><p>东江市第一人民医院器官移植中心现有移植病床86张。</p></article></body></html>"
)

runner = CliRunner()


def run(home: Path, *args: str, code: int = 0):  # noqa: ANN201
    result = runner.invoke(app, [*args, "--home", str(home)], catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result


@pytest.fixture()
def reviewed(tmp_path: Path) -> tuple[Path, str]:
    """A home whose store holds a captured page, its extracted beds figure and the two
    reviews that verified it. Returns (home, observation id)."""
    home = tmp_path / "home"
    home.mkdir()
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    sid = json.loads(run(home, "capture", str(page), "--json").stdout)[0]["source_id"]
    found = json.loads(run(home, "extract", sid, "--json", "--extractor", "carol").stdout)
    cand = next(f["candidate_id"] for f in found if f["indicator"] == "transplant_beds")
    for who in ("alice", "bob"):
        out = run(
            home,
            "review",
            "--reviewer",
            who,
            "--candidate",
            cand,
            "--accept",
            "--national",
            "--json",
        )
    assert json.loads(out.stdout)["status"] == "verified"
    from transplant_audit.extract.review import observation_id

    return home, observation_id(cand)


def main(*args: str) -> tuple[int, str]:
    """``transplant-audit ARGS`` as the console script runs it (our errors: exit 2)."""
    import contextlib
    import io

    from transplant_audit import cli

    buf, argv = io.StringIO(), sys.argv
    sys.argv = ["transplant-audit", *args]
    try:
        with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(buf):
            try:
                cli.main()
                code = 0
            except SystemExit as exc:
                code = int(exc.code or 0)
    finally:
        sys.argv = argv
    return code, buf.getvalue()


def _sha(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def _included(entry_hash: str, index: int, size: int, path: list[str], root: str) -> bool:
    """RFC 9162 section 2.1.3.2, written independently of transplant_audit.evidence.ledger."""

    def raw(d: str) -> bytes:
        assert d.startswith("sha256:")
        return bytes.fromhex(d[7:])

    fn, sn = index, size - 1
    r = hashlib.sha256(b"\x00" + raw(entry_hash)).digest()
    for p in path:
        if sn == 0:
            return False
        if fn % 2 == 1 or fn == sn:
            r = hashlib.sha256(b"\x01" + raw(p) + r).digest()
            while fn % 2 == 0 and fn != 0:
                fn //= 2
                sn //= 2
        else:
            r = hashlib.sha256(b"\x01" + r + raw(p)).digest()
        fn //= 2
        sn //= 2
    return sn == 0 and r == raw(root)


def test_exhibit_digests_and_proofs_check_independently(reviewed, tmp_path: Path) -> None:  # noqa: ANN001
    home, obs_id = reviewed
    out = tmp_path / "exhibit"
    result = run(home, "exhibit", obs_id, "--out", str(out))
    assert "with its archived source" in result.output

    figure = json.loads((out / "figure.json").read_text(encoding="utf-8"))
    assert figure["observation"]["id"] == obs_id
    assert figure["observation"]["status"] == "verified"
    assert figure["observation"]["value"] == "86"
    # the document is the captured bytes, and the WARC record holds them
    doc = (out / "source" / "document.html").read_bytes()
    assert doc == PAGE.encode("utf-8")
    capture = json.loads((out / "source" / "capture.json").read_text(encoding="utf-8"))
    record = capture["archive_record"]
    assert _sha(doc) == record["digest"]
    warc = (out / "source" / "record.warc.gz").read_bytes()
    assert _sha(warc) == record["record_digest"]
    unzipped = gzip.decompress(warc)
    assert unzipped.startswith(b"WARC/1.") and unzipped.rstrip(b"\r\n").endswith(doc)
    # two review decisions by two people
    review = json.loads((out / "review.json").read_text(encoding="utf-8"))
    assert [d["reviewer"] for d in review["decisions"]] == ["alice", "bob"]
    assert review["candidate"]["extracted_by"] == "carol"

    entries = json.loads((out / "ledger" / "entries.json").read_text(encoding="utf-8"))
    kinds = [e["kind"] for e in entries]
    for kind in ("observation_created", "observation_verified", "candidate_extracted"):
        assert kind in kinds
    assert kinds.count("review_decision") == 2
    latest_digest: dict[str, str] = {}
    for e in entries:
        payload = (out / e["payload_file"]).read_bytes()
        assert _sha(payload) == e["payload_digest"]
        fields = {k: e[k] for k in ("seq", "prev_hash", "kind", "subject", "payload_digest")}
        canonical = json.dumps(
            {**fields, "timestamp": e["timestamp"]},
            sort_keys=True,
            separators=(",", ":"),
            ensure_ascii=False,
        ).encode()
        assert (out / e["entry_file"]).read_bytes() == canonical
        assert _sha(canonical) == e["entry_hash"]
        p = e["proof"]
        assert _included(e["entry_hash"], p["index"], p["size"], p["path"], p["merkle_root"])
        assert not _included(e["entry_hash"], p["index"], p["size"], p["path"], _sha(b"x"))
        row_digest = json.loads(payload).get("row_digest")
        if row_digest:
            latest_digest[e["subject"]] = row_digest
        assert f"`{p['merkle_root']}`" in (out / "README.md").read_text(encoding="utf-8")
    # every row file hashes to the digest its latest ledger entry committed to
    assert (
        _sha((out / "rows" / "observation.json").read_bytes())
        == latest_digest[f"observations/{obs_id}"]
    )
    for d in review["decisions"]:
        row = (out / "rows" / f"review_decision-{d['id']}.json").read_bytes()
        assert _sha(row) == latest_digest[f"review_decisions/{d['id']}"]
    assert figure["row_digests"]["rows/observation.json"] == latest_digest[f"observations/{obs_id}"]
    # SHA256SUMS lists every other file, in sha256sum's format
    sums = (out / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    listed = {line.split("  ", 1)[1]: line.split("  ", 1)[0] for line in sums}
    files = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert set(listed) == files - {"SHA256SUMS"}
    for name, hexdigest in listed.items():
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == hexdigest
    # the shipped stdlib checker agrees, run as a reader would
    proc = subprocess.run(
        [sys.executable, "check_proofs.py"], cwd=out, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0 and "all entries check" in proc.stdout, proc.stdout + proc.stderr


def test_unknown_id_gets_a_suggestion_and_nothing_is_written(reviewed, tmp_path: Path) -> None:  # noqa: ANN001
    home, obs_id = reviewed
    out = tmp_path / "exhibit"
    typo = obs_id[:-1] + ("0" if obs_id[-1] != "0" else "1")
    code, output = main("exhibit", typo, "--out", str(out), "--home", str(home))
    assert code == 2
    assert f"did you mean {obs_id}" in output
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".exhibit")]


def test_a_non_empty_directory_is_refused(reviewed, tmp_path: Path) -> None:  # noqa: ANN001
    home, obs_id = reviewed
    out = tmp_path / "busy"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    code, output = main("exhibit", obs_id, "--out", str(out), "--home", str(home))
    assert code == 2 and "not empty" in output
    assert [p.name for p in out.iterdir()] == ["keep.txt"]


def test_uncaptured_source_is_said_with_its_url(tmp_path: Path) -> None:
    """A figure imported from a package (its source never captured)."""
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "evidence" / "conftest.py"
    spec = importlib.util.spec_from_file_location("evidence_synthetic", path)
    assert spec is not None and spec.loader is not None
    syn = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(syn)
    OBS, SYN_URLS, write_synthetic_package = syn.OBS, syn.SYN_URLS, syn.write_synthetic_package  # noqa: N806
    home = tmp_path / "home"
    home.mkdir()
    pkg = write_synthetic_package(tmp_path / "pkg")
    run(home, "import", str(pkg))
    out = tmp_path / "exhibit"
    run(home, "exhibit", OBS["beds_b"], "--out", str(out))
    note = (out / "source" / "NOT-CAPTURED.txt").read_text(encoding="utf-8")
    assert "not captured" in note and any(u in note for u in SYN_URLS)
    assert json.loads((out / "review.json").read_text(encoding="utf-8"))["decisions"] == []
