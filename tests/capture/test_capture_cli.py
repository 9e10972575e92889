"""capture, verify, manifest and ledger through the CLI, on synthetic documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from transplant_audit.cli import app
from transplant_audit.errors import DataError

runner = CliRunner()


def run(*args: str):
    result = runner.invoke(app, list(args), catch_exceptions=True)
    return result


def _capture(home: Path, *paths: Path, extra: tuple[str, ...] = ()):
    result = run("capture", *map(str, paths), "--home", str(home), "--json", *extra)
    assert result.exit_code == 0, (result.output, result.exception)
    return json.loads(result.stdout)


def test_capture_verify_manifest_round_trip(home, docs, tmp_path):
    out = _capture(home, *docs.values(), extra=("--note", "synthetic test pages"))
    assert len(out) == len(docs)
    assert {o["media_type"] for o in out} >= {"text/html", "application/pdf", "image/png"}
    by_name = {Path(o["uri"]).name: o for o in out}
    assert by_name["big5.html"]["charset"] == "big5"
    assert by_name["report.pdf"]["charset"] is None
    # same bytes again: stored once, a new capture attached to the same source
    again = _capture(home, docs["gb2312.html"])[0]
    assert again["deduplicated"] and again["digest"] == by_name["gb2312.html"]["digest"]
    assert again["source_id"] == by_name["gb2312.html"]["source_id"]
    warcs = list((home / "archive").glob("*.warc.gz"))
    assert len(warcs) == 1
    size_before = warcs[0].stat().st_size
    _capture(home, docs["gb2312.html"])
    assert warcs[0].stat().st_size == size_before

    result = run("verify", "--home", str(home))
    assert result.exit_code == 0, result.output
    assert "verified" in result.output

    manifest = tmp_path / "manifest.json"
    result = run("manifest", "--out", str(manifest), "--home", str(home))
    assert result.exit_code == 0, result.output
    data = json.loads(manifest.read_text())
    assert data["signed_digest"].startswith("sha256:")
    assert len(data["captures"]) == len(docs) + 2
    assert data["ledger"]["head_seq"] > 0 and data["ledger"]["batches"]
    assert run("verify", "--manifest", str(manifest), "--home", str(home)).exit_code == 0

    # an edited manifest is caught
    data["captures"][0]["uri"] = "file:///somewhere/else.html"
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps(data))
    result = run("verify", "--manifest", str(forged), "--home", str(home))
    assert result.exit_code == 1
    assert "manifest-digest-mismatch" in result.output

    # a third party with only the archive and the manifest
    third = tmp_path / "third-party"
    third.mkdir()
    (third / "archive").mkdir()
    for w in warcs:
        (third / "archive" / w.name).write_bytes(w.read_bytes())
    result = run("verify", "--manifest", str(manifest), "--home", str(third))
    assert result.exit_code == 0, result.output
    assert "archive only" in result.output
    raw = bytearray((third / "archive" / warcs[0].name).read_bytes())
    raw[len(raw) // 2] ^= 0x01
    (third / "archive" / warcs[0].name).write_bytes(bytes(raw))
    assert run("verify", "--manifest", str(manifest), "--home", str(third)).exit_code == 1


def test_capture_with_url_and_source_id_attach_to_sources(home, docs):
    url = "https://example.org/synthetic/hospital-page"
    first = _capture(home, docs["gbk.html"], extra=("--url", url, "--party", "hospital"))[0]
    assert first["source_action"] == "created" and first["uri"] == url
    from transplant_audit.evidence.package import source_id

    assert first["source_id"] == source_id(url)
    second = _capture(home, docs["gb18030.html"], extra=("--source-id", first["source_id"]))[0]
    assert second["source_id"] == first["source_id"] and second["source_action"] == "linked"
    result = run(
        "capture", str(docs["notes.txt"]), "--home", str(home), "--source-id", "src_0000000000"
    )
    assert result.exit_code != 0
    assert isinstance(result.exception, DataError) and result.exception.code == "unknown-source"
    assert run("verify", "--home", str(home)).exit_code == 0


def test_ledger_command_shows_entries_and_proofs(home, docs):
    _capture(home, docs["notes.txt"])
    result = run("ledger", "--home", str(home), "--json", "--tail", "2")
    entries = json.loads(result.stdout)
    assert [e["kind"] for e in entries] == ["source_added", "capture_added"]
    result = run("ledger", "--home", str(home), "--proof", "1")
    proof = json.loads(result.stdout)
    from transplant_audit.evidence import ledger

    assert ledger.verify_inclusion(
        proof["entry_hash"], proof["index"], proof["size"], proof["proof"], proof["merkle_root"]
    )


def _state_of(home: Path) -> tuple[list[str], int]:
    archive = home / "archive"
    files = sorted(p.name for p in archive.glob("*")) if archive.exists() else []
    from transplant_audit.evidence import ledger
    from transplant_audit.evidence.store import Store

    with Store.open(home=home) as st, st.session() as s:
        return files, ledger.head(s)[0]


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda d: d / "empty.txt", "empty-file"),
        (lambda d: d, "not-a-file"),
        (lambda d: d / "does-not-exist.html", "missing-path"),
        (lambda d: d / "junk.txt", "undecodable-charset"),
    ],
    ids=["zero-byte", "directory", "missing", "undecodable"],
)
def test_bad_input_is_a_clear_error_and_nothing_is_written(home, docs, tmp_path, make, code):
    import random

    bad_dir = tmp_path / "bad"
    bad_dir.mkdir()
    (bad_dir / "empty.txt").write_bytes(b"")
    rng = random.Random(7)
    (bad_dir / "junk.txt").write_bytes(bytes(rng.randrange(128, 256) for _ in range(5000)))
    _capture(home, docs["notes.txt"])
    before = _state_of(home)
    size = (home / "archive" / "ta-00001.warc.gz").stat().st_size
    # the bad input comes second: the good first one must not be written either
    result = run("capture", str(docs["english.html"]), str(make(bad_dir)), "--home", str(home))
    assert result.exit_code != 0
    assert isinstance(result.exception, DataError)
    assert result.exception.code == code
    assert str(make(bad_dir)) in str(result.exception)
    assert _state_of(home) == before
    assert (home / "archive" / "ta-00001.warc.gz").stat().st_size == size
    assert run("verify", "--home", str(home)).exit_code == 0


def test_undecodable_file_can_be_kept_as_binary(home, tmp_path):
    import random

    rng = random.Random(3)
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(rng.randrange(128, 256) for _ in range(5000)))
    out = _capture(home, junk, extra=("--binary",))[0]
    assert out["media_type"] == "application/octet-stream" and out["charset"] is None


def test_verify_exit_code_1_and_first_mismatch_on_tampered_record(home, docs):
    _capture(home, docs["gb2312.html"], docs["big5.html"])
    warc = home / "archive" / "ta-00001.warc.gz"
    raw = bytearray(warc.read_bytes())
    raw[-20] ^= 0x10  # inside the second record's compressed bytes
    warc.write_bytes(bytes(raw))
    result = run("verify", "--home", str(home), "--json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert not report["ok"]
    assert report["mismatches"][0]["where"].startswith("archive/ta-00001.warc.gz")
    result = run("verify", "--home", str(home))
    assert result.exit_code == 1 and "MISMATCH" in result.output


def test_manifest_refuses_when_verify_fails(home, docs, tmp_path):
    _capture(home, docs["notes.txt"])
    warc = home / "archive" / "ta-00001.warc.gz"
    raw = bytearray(warc.read_bytes())
    raw[30] ^= 0x01
    warc.write_bytes(bytes(raw))
    out = tmp_path / "m.json"
    result = run("manifest", "--out", str(out), "--home", str(home))
    assert result.exit_code != 0 and not out.exists()


def test_old_manifest_still_verifies_after_more_captures_but_not_after_rewriting(
    home, docs, tmp_path
):
    _capture(home, docs["gb2312.html"], docs["report.pdf"])
    manifest = tmp_path / "m.json"
    assert run("manifest", "--out", str(manifest), "--home", str(home)).exit_code == 0
    _capture(home, docs["big5.html"])  # the ledger grows: the old manifest must still hold
    assert run("verify", "--manifest", str(manifest), "--home", str(home)).exit_code == 0
    # rewrite history consistently from the manifest's head on: recompute the
    # head entry's hash and every later link, so the chain itself checks out
    from sqlalchemy import text

    from transplant_audit.evidence import ledger
    from transplant_audit.evidence.store import Store

    head = json.loads(manifest.read_text())["ledger"]["head_seq"]
    with Store.open(home=home) as st, st.session(write=True) as s:
        rows = s.execute(text("SELECT * FROM ledger_entries ORDER BY seq")).mappings().all()
        prev = ledger.GENESIS
        for r in rows:
            stamp = r["timestamp"] + ("0" if r["seq"] == head else "")
            h = ledger.entry_hash(
                r["seq"], prev, r["kind"], r["subject"], r["payload_digest"], stamp
            )
            s.execute(
                text(
                    "UPDATE ledger_entries SET prev_hash=:p, timestamp=:t, entry_hash=:h "
                    "WHERE seq=:s"
                ),
                {"p": prev, "t": stamp, "h": h, "s": r["seq"]},
            )
            prev = h
        entries = ledger.load_entries(s)
        for b in ledger.load_batches(s):
            root = ledger.merkle_root(
                [e.entry_hash for e in entries if b.first_seq <= e.seq <= b.last_seq]
            )
            s.execute(
                text("UPDATE ledger_batches SET merkle_root=:r WHERE id=:i"), {"r": root, "i": b.id}
            )
    assert run("verify", "--home", str(home)).exit_code == 0  # self-consistent forgery...
    result = run("verify", "--manifest", str(manifest), "--home", str(home), "--json")
    assert result.exit_code == 1  # ...but the published manifest exposes it
    codes = {m["code"] for m in json.loads(result.stdout)["mismatches"]}
    assert {"manifest-head-mismatch", "manifest-batch-mismatch"} <= codes


def test_manifest_signature_when_cryptography_is_installed(home, docs, tmp_path):
    from transplant_audit.capture import manifest as mf

    if not mf.have_signing():
        pytest.skip("the optional 'cryptography' package is not installed: no Ed25519 signature")
    _capture(home, docs["notes.txt"])
    out = tmp_path / "m.json"
    assert run("manifest", "--out", str(out), "--home", str(home)).exit_code == 0
    data = json.loads(out.read_text())
    assert data["signature"]["algorithm"] == "ed25519"
    assert (home / "keys" / "manifest_ed25519.pem").stat().st_mode & 0o077 == 0
    # a second manifest is signed with the same key
    out2 = tmp_path / "m2.json"
    assert run("manifest", "--out", str(out2), "--home", str(home)).exit_code == 0
    assert (
        json.loads(out2.read_text())["signature"]["public_key"] == data["signature"]["public_key"]
    )
    value = bytearray.fromhex(data["signature"]["value"])
    value[0] ^= 1
    data["signature"]["value"] = value.hex()
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps(data))
    result = run("verify", "--manifest", str(forged), "--home", str(home), "--json")
    assert result.exit_code == 1
    assert [m["code"] for m in json.loads(result.stdout)["mismatches"]] == ["signature-invalid"]
    nosign = tmp_path / "plain.json"
    assert run("manifest", "--out", str(nosign), "--home", str(home), "--no-sign").exit_code == 0
    assert "signature" not in json.loads(nosign.read_text())


def test_damaged_text_in_the_sqlite_store_is_a_mismatch_not_a_crash(home, docs):
    import sqlite3

    _capture(home, docs["notes.txt"])
    db = sqlite3.connect(home / "store.sqlite")
    with db:
        db.execute("UPDATE captures SET note = CAST(x'e8a8ff' AS TEXT) WHERE id = 1")
    db.close()
    result = run("verify", "--home", str(home), "--json")
    assert result.exit_code == 1, result.output
    assert json.loads(result.stdout)["mismatches"][0]["where"] == "captures row 1"
    db = sqlite3.connect(home / "store.sqlite")
    with db:
        db.execute("UPDATE captures SET note = NULL WHERE id = 1")
        db.execute("UPDATE ledger_entries SET payload = CAST(x'7bff7d' AS TEXT) WHERE seq = 1")
    db.close()
    result = run("verify", "--home", str(home), "--json")
    assert result.exit_code == 1, result.output
    assert json.loads(result.stdout)["mismatches"][0]["where"] == "ledger entry 1"


def test_verify_reports_a_missing_warc_with_the_catalogue_code(home, docs, tmp_path):
    """A missing WARC is reported as `missing-path`, the catalogue's code; `missing-file`
    was merged into it and no command may emit it any more (docs/errors.md)."""
    from transplant_audit import error_codes as codes

    _capture(home, docs["gb2312.html"])
    manifest = tmp_path / "m.json"
    assert run("manifest", "--out", str(manifest), "--home", str(home)).exit_code == 0
    (home / "archive" / "ta-00001.warc.gz").unlink()
    for args in (
        ("verify", "--home", str(home)),
        ("verify", "--manifest", str(manifest), "--home", str(home)),
    ):
        result = run(*args, "--json")
        assert result.exit_code == 1, result.output
        found = {m["code"] for m in json.loads(result.stdout)["mismatches"]}
        assert codes.MissingPath.code in found, found
        assert not found & set(codes.MERGED), found
        text = run(*args).output
        assert "[missing-path]" in text and "[missing-file]" not in text
