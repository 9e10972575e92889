"""Attacks on the evidence manifest (issue 10, hole 4), on SYNTHETIC documents.

On the old main ``verify --manifest`` trusted the key printed inside the
manifest, accepted a manifest whose signature was removed, and never compared
capture URIs with the archive: a forged URI re-signed with another key verified.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from transplant_audit.capture import manifest as mf
from transplant_audit.cli import app

runner = CliRunner()

pytestmark = pytest.mark.skipif(
    not mf.have_signing(), reason="needs the 'cryptography' package (test extra)"
)


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=True)


@pytest.fixture()
def published(home: Path, docs: dict[str, Path], tmp_path: Path) -> tuple[Path, Path]:
    """A home with four captures (notes.txt twice: stored once), its manifest and public key."""
    for args in (
        (str(docs["notes.txt"]), str(docs["english.html"])),
        (str(docs["notes.txt"]), "--url", "https://example.org/synthetic/page"),
        (str(docs["gb18030.html"]),),
    ):
        r = run("capture", *args, "--home", str(home))
        assert r.exit_code == 0, r.output
    out, key = tmp_path / "m.json", tmp_path / "key.pem"
    r = run("manifest", "--out", str(out), "--public-key-out", str(key), "--home", str(home))
    assert r.exit_code == 0, r.output
    return out, key


def _verify(home: Path, manifest: Path, *extra: str) -> tuple[int, dict]:
    r = run("verify", "--manifest", str(manifest), "--home", str(home), "--json", *extra)
    return r.exit_code, json.loads(r.stdout) if r.stdout.strip() else {}


def _codes(report: dict, kind: str = "mismatches") -> set[str]:
    return {m["code"] for m in report.get(kind, [])}


def _resign_with_other_key(data: dict, tmp_path: Path) -> dict:
    data.pop("signature", None)
    data["signed_digest"] = mf.body_digest(data)
    return mf.sign(data, tmp_path / "attacker-home")


def test_genuine_manifest_verifies_with_the_pinned_key(home, published):
    manifest, key = published
    code, report = _verify(home, manifest, "--public-key", str(key))
    assert code == 0, report
    # the 64-hex form the manifest command prints works too
    hex_key = key.with_suffix(".hex")
    hex_key.write_text(json.loads(manifest.read_text())["signature"]["public_key"] + "\n")
    assert _verify(home, manifest, "--public-key", str(hex_key))[0] == 0


def test_without_a_pinned_key_a_notice_says_the_key_is_the_manifests_own(home, published):
    manifest, _ = published
    code, report = _verify(home, manifest)
    assert code == 0
    assert "signature-key-not-pinned" in _codes(report, "notices")


@pytest.mark.parametrize("store", [True, False], ids=["with-store", "archive-only"])
def test_forged_uri_resigned_with_another_key_fails(home, published, tmp_path, store):
    manifest, key = published
    data = json.loads(manifest.read_text())
    data["captures"][0]["uri"] = "https://forged.example/not-what-was-captured"
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps(_resign_with_other_key(data, tmp_path)))
    where = home
    if not store:  # a third party holding only the archive
        where = tmp_path / "archive-only"
        shutil.copytree(home / "archive", where / "archive")
    # the pinned key refuses the attacker's signature ...
    code, report = _verify(where, forged, "--public-key", str(key))
    assert code == 1
    assert "signature-wrong-key" in _codes(report)
    # ... and even without a pinned key the forged URI does not match the archive
    code, report = _verify(where, forged)
    assert code == 1, report
    assert "manifest-uri-mismatch" in _codes(report)


def test_forged_fields_of_a_deduplicated_capture_fail_against_the_store(home, published, tmp_path):
    manifest, _ = published
    data = json.loads(manifest.read_text())
    assert data["captures"][2]["digest"] == data["captures"][0]["digest"]  # stored once
    data["captures"][2]["uri"] = "https://forged.example/second-capture"
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps(_resign_with_other_key(data, tmp_path)))
    code, report = _verify(home, forged)
    assert code == 1
    assert "manifest-field-mismatch" in _codes(report)
    data["captures"][2]["uri"] = json.loads(manifest.read_text())["captures"][2]["uri"]
    data["captures"][3]["size"] = 1
    forged.write_text(json.dumps(_resign_with_other_key(data, tmp_path)))
    assert "manifest-field-mismatch" in _codes(_verify(home, forged)[1])


def test_a_dropped_capture_fails_the_count(home, published, tmp_path):
    manifest, _ = published
    data = json.loads(manifest.read_text())
    data["captures"].pop()
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps(_resign_with_other_key(data, tmp_path)))
    code, report = _verify(home, forged)
    assert code == 1
    assert "manifest-count-mismatch" in _codes(report)


def test_signature_stripped_fails_with_a_pinned_key(home, published, tmp_path):
    manifest, key = published
    data = json.loads(manifest.read_text())
    del data["signature"]
    stripped = tmp_path / "stripped.json"
    stripped.write_text(json.dumps(data))
    code, report = _verify(home, stripped, "--public-key", str(key))
    assert code == 1
    assert "manifest-unsigned" in _codes(report)
    # without a pinned key it is reported as unsigned (a notice), not silently accepted
    code, report = _verify(home, stripped)
    assert "manifest-unsigned" in _codes(report, "notices")
    r = run("verify", "--manifest", str(stripped), "--home", str(home))
    assert "unsigned" in r.stdout


def test_public_key_needs_a_manifest_and_a_real_key(home, published, tmp_path):
    _, key = published
    r = run("verify", "--public-key", str(key), "--home", str(home))
    assert r.exit_code != 0 and "--manifest" in str(r.exception)
    junk = tmp_path / "junk.pem"
    junk.write_text("not a key")
    r = run("verify", "--manifest", str(published[0]), "--public-key", str(junk))
    assert r.exit_code != 0 and "junk.pem" in str(r.exception)
