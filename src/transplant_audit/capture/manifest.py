"""The evidence manifest: a signed-digest JSON that a published report embeds.

It lists every capture (document digest, where its record sits in which WARC
file and the digest of the stored record bytes, URL or path, capture time), the
ledger's head entry and every batch's Merkle root, and a digest per data-package
resource over the row digests the ledger committed to: the data the report relies
on. A third party holding the archive (``HOME/archive/*.warc.gz``) and the
manifest can check every captured document without the store; with the store
they can also check the ledger and every row (``transplant-audit verify
--manifest FILE``).

``signed_digest`` is SHA-256 over the canonical JSON of the manifest without the
``signed_digest`` and ``signature`` fields, so any edit to the manifest shows.
When the ``cryptography`` package is installed, the manifest is also signed with
an Ed25519 key kept in ``HOME/keys/manifest_ed25519.pem`` (created on first use;
publish its public key, printed in the manifest, where readers can find it).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from transplant_audit import error_codes as codes
from transplant_audit.capture.verify import (
    MISMATCH,
    NOTICE,
    Finding,
    VerifyReport,
    VerifyState,
    committed_rows,
)
from transplant_audit.errors import ConfigError
from transplant_audit.evidence import ledger
from transplant_audit.evidence.frames import COLUMNS
from transplant_audit.fileerrors import create_bytes_exclusive, read_error, write_bytes_atomic

FORMAT = "transplant-audit-manifest/1"
KEY_FILE = "keys/manifest_ed25519.pem"


def evidence_digests(state: VerifyState, upto: int) -> dict[str, dict[str, Any]]:
    """Per resource: row count and SHA-256 over its sorted (subject, row_digest) pairs.

    Computed from the ledger's entries up to ``upto`` (the manifest's head), so it
    can be recomputed later even after the ledger has grown.
    """
    removed: set[str] = set()
    latest = committed_rows(state.entries, upto=upto, removed=removed)
    for subject in removed:
        latest.pop(subject, None)
    out: dict[str, dict[str, Any]] = {}
    for resource in COLUMNS:
        pairs = sorted(
            [subject, digest]
            for subject, (_, digest) in latest.items()
            if subject.partition("/")[0] == resource
        )
        out[resource] = {
            "rows": len(pairs),
            "digest": ledger.sha256_digest(ledger.canonical_json(pairs)),
        }
    return out


def body_digest(manifest: Mapping[str, Any]) -> str:
    """SHA-256 over the canonical JSON of the manifest minus its digest and signature."""
    body = {k: v for k, v in manifest.items() if k not in ("signed_digest", "signature")}
    return ledger.sha256_digest(ledger.canonical_json(body))


def build_manifest(state: VerifyState, *, created: str, store: str) -> dict[str, Any]:
    """The manifest of a verified state (pure). Call only after ``check_state`` passed."""
    head_seq = state.entries[-1].seq if state.entries else 0
    head_hash = state.entries[-1].entry_hash if state.entries else ledger.GENESIS
    records = {r["digest"]: r for r in state.rows.get("archive_records", [])}
    captures = []
    for cap in sorted(state.rows.get("captures", []), key=lambda c: int(c["id"])):
        rec = records.get(cap["digest"], {})
        captures.append(
            {
                "capture_id": int(cap["id"]),
                "uri": cap["uri"],
                "captured_at": cap["captured_at"],
                "source_id": cap.get("source_id"),
                "digest": cap["digest"],
                "size": int(rec.get("size", 0)),
                "media_type": rec.get("media_type"),
                "charset": rec.get("charset"),
                "warc_file": rec.get("warc_file"),
                "offset": int(rec.get("offset", 0)),
                "length": int(rec.get("length", 0)),
                "record_digest": rec.get("record_digest"),
                "warc_record_id": rec.get("record_id"),
            }
        )
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "created": created,
        "store": store,
        "ledger": {
            "head_seq": head_seq,
            "head_hash": head_hash,
            "batches": [
                {
                    "id": b.id,
                    "first_seq": b.first_seq,
                    "last_seq": b.last_seq,
                    "merkle_root": b.merkle_root,
                }
                for b in state.batches
            ],
        },
        "captures": captures,
        "evidence": evidence_digests(state, head_seq),
    }
    manifest["signed_digest"] = body_digest(manifest)
    return manifest


def have_signing() -> bool:
    try:
        import cryptography.hazmat.primitives.asymmetric.ed25519  # noqa: F401
    except ImportError:
        return False
    return True


def _load_or_create_key(home: Path) -> Any:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    path = home / KEY_FILE
    if path.exists():
        return _read_key(path)
    if not path.parent.is_dir():  # the key directory: the owner's only, whatever the umask
        path.parent.mkdir(parents=True, exist_ok=True)
        path.parent.chmod(0o700)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    if not create_bytes_exclusive(path, pem, secret=True):
        return _read_key(path)  # another run stored its key first: sign with that one
    return key


def _read_key(path: Path) -> Any:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ConfigError(f"{path}: not an Ed25519 private key")
    return key


def sign(manifest: dict[str, Any], home: Path) -> dict[str, Any]:
    """Add an Ed25519 signature over ``signed_digest`` (needs ``cryptography``)."""
    from cryptography.hazmat.primitives import serialization

    key = _load_or_create_key(home)
    public = key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    signature = key.sign(manifest["signed_digest"].encode("ascii"))
    return {
        **manifest,
        "signature": {
            "algorithm": "ed25519",
            "public_key": public.hex(),
            "signed": "the UTF-8 bytes of signed_digest",
            "value": signature.hex(),
        },
    }


def public_key_pem(home: Path) -> bytes:
    """The PEM public key of ``home``'s manifest signing key (to publish beside the manifest)."""
    from cryptography.hazmat.primitives import serialization

    key = _load_or_create_key(home)
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def load_public_key(path: Path) -> bytes:
    """Read a pinned Ed25519 public key: a PEM file, or the 64 hex digits a manifest prints.

    Returns the 32 raw key bytes. Raises ``DataError`` naming the file.
    """
    from transplant_audit.errors import DataError

    name = str(path)
    try:
        raw = Path(path).read_bytes()[:1_000_000]
    except OSError as exc:  # missing, a directory, a symlink loop, no permission
        raise read_error(name, exc) from exc
    text = raw.decode("ascii", "replace").strip()
    if len(text) == 64 and all(c in "0123456789abcdefABCDEF" for c in text):
        return bytes.fromhex(text)
    if not have_signing():
        raise ConfigError(
            "--public-key needs the 'cryptography' package (pip install cryptography)"
        )
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        key = serialization.load_pem_public_key(raw)
    except (ValueError, TypeError) as exc:
        raise DataError(
            file=name,
            reason="not an Ed25519 public key (want a PEM public key or 64 hex digits)",
            code=codes.BadPublicKey,
        ) from exc
    if not isinstance(key, Ed25519PublicKey):
        raise DataError(file=name, reason="not an Ed25519 public key", code=codes.BadPublicKey)
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _check_signature(manifest: Mapping[str, Any], pinned: bytes | None = None) -> list[Finding]:
    """Findings about the signature. With a pinned key, unsigned or another key is a mismatch."""
    sig = manifest.get("signature")
    if not sig:
        if pinned is not None:
            return [
                Finding(
                    MISMATCH,
                    "manifest-unsigned",
                    "manifest",
                    "the manifest carries no signature, but a public key was pinned",
                )
            ]
        return [
            Finding(
                NOTICE,
                "manifest-unsigned",
                "manifest",
                "the manifest is unsigned: its signed_digest shows edits only by someone who "
                "did not recompute it (pin a key with --public-key to require a signature)",
            )
        ]
    if not have_signing():
        if pinned is not None:
            raise ConfigError(
                "--public-key needs the 'cryptography' package (pip install cryptography)"
            )
        return [
            Finding(
                NOTICE,
                "signature-not-checked",
                "manifest",
                "the manifest is signed but the 'cryptography' package is not installed",
            )
        ]
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    findings: list[Finding] = []
    try:
        embedded = bytes.fromhex(sig["public_key"])
    except (ValueError, KeyError, TypeError):
        embedded = b""
    if pinned is not None and embedded != pinned:
        findings.append(
            Finding(
                MISMATCH,
                "signature-wrong-key",
                "manifest",
                f"the manifest names key {embedded.hex() or '(none)'}, not the pinned key "
                f"{pinned.hex()}",
            )
        )
    try:
        public = Ed25519PublicKey.from_public_bytes(pinned if pinned is not None else embedded)
        public.verify(bytes.fromhex(sig["value"]), str(manifest["signed_digest"]).encode("ascii"))
    except (InvalidSignature, ValueError, KeyError, TypeError):
        findings.append(
            Finding(
                MISMATCH,
                "signature-invalid",
                "manifest",
                "the Ed25519 signature does not verify"
                + (" with the pinned key" if pinned is not None else ""),
            )
        )
        return findings
    if pinned is None:
        findings.append(
            Finding(
                NOTICE,
                "signature-key-not-pinned",
                "manifest",
                "the signature verifies with the key the manifest itself names "
                f"({embedded.hex()}); anyone can re-sign with their own key, so pin the key "
                "you trust with --public-key FILE",
            )
        )
    return findings


def check_manifest(
    manifest: Mapping[str, Any],
    state: VerifyState,
    *,
    archive_only: bool = False,
    public_key: bytes | None = None,
) -> VerifyReport:
    """Check a manifest against the archive (and the store's ledger unless ``archive_only``).

    ``public_key`` (32 raw Ed25519 bytes) pins the key the signature must verify with;
    without it the manifest's own key is used and a notice says so. Every capture's
    fields are compared with its WARC record (and with the store's rows when there
    is a store).
    """
    report = VerifyReport()
    if manifest.get("format") != FORMAT:
        report.findings.append(
            Finding(MISMATCH, "manifest-format", "manifest", f"not a {FORMAT} manifest")
        )
        return report
    recomputed = body_digest(manifest)
    if recomputed != manifest.get("signed_digest"):
        report.findings.append(
            Finding(
                MISMATCH,
                "manifest-digest-mismatch",
                "manifest",
                f"the manifest's content hashes to {recomputed}, its signed_digest says "
                f"{manifest.get('signed_digest')}: it was edited after it was made",
            )
        )
    report.findings.extend(_check_signature(manifest, public_key))
    if not archive_only:
        report.findings.extend(_check_captures_against_store(manifest, state))
        info = manifest.get("ledger", {})
        by_seq = {e.seq: e for e in state.entries}
        head_seq = int(info.get("head_seq", 0))
        head = by_seq.get(head_seq)
        if head_seq and (head is None or head.entry_hash != info.get("head_hash")):
            report.findings.append(
                Finding(
                    MISMATCH,
                    "manifest-head-mismatch",
                    f"ledger entry {head_seq}",
                    "the store's ledger does not contain the manifest's head entry "
                    f"{info.get('head_hash')}",
                )
            )
        batches = {b.id: b for b in state.batches}
        for mb in info.get("batches", []):
            b = batches.get(mb.get("id"))
            if b is None or (b.first_seq, b.last_seq, b.merkle_root) != (
                mb.get("first_seq"),
                mb.get("last_seq"),
                mb.get("merkle_root"),
            ):
                report.findings.append(
                    Finding(
                        MISMATCH,
                        "manifest-batch-mismatch",
                        f"ledger batch {mb.get('id')}",
                        "the store's batch differs from the manifest's root "
                        f"{mb.get('merkle_root')}",
                    )
                )
        now = evidence_digests(state, head_seq)
        for resource, want in (manifest.get("evidence") or {}).items():
            if now.get(resource) != want:
                report.findings.append(
                    Finding(
                        MISMATCH,
                        "manifest-evidence-mismatch",
                        f"resource {resource}",
                        f"the ledger's rows up to entry {head_seq} give {now.get(resource)}, "
                        f"the manifest says {want}",
                    )
                )
    from transplant_audit.capture.archive import scan_warc

    scans: dict[str, dict[int, Any]] = {}
    for cap in manifest.get("captures", []):
        name = cap.get("warc_file")
        where = f"capture {cap.get('capture_id')} ({cap.get('uri')})"
        if name not in state.warc_files:
            report.findings.append(
                Finding(MISMATCH, codes.MissingPath.code, where, f"archive/{name} is missing")
            )
            continue
        if name not in scans:
            with state.warc_files[name]() as fh:
                scans[name] = {r.offset: r for r in scan_warc(fh).records}
        rec = scans[name].get(_int(cap.get("offset")))
        if rec is None:
            report.findings.append(
                Finding(
                    MISMATCH,
                    "manifest-record-missing",
                    where,
                    f"no intact record at offset {cap.get('offset')} of archive/{name}",
                )
            )
        elif (rec.record_digest, rec.payload_digest, rec.length) != (
            cap.get("record_digest"),
            cap.get("digest"),
            cap.get("length"),
        ):
            report.findings.append(
                Finding(
                    MISMATCH,
                    "manifest-record-mismatch",
                    where,
                    f"the archived record hashes to {rec.record_digest} (document "
                    f"{rec.payload_digest}); the manifest says {cap.get('record_digest')} "
                    f"(document {cap.get('digest')})",
                )
            )
        else:
            report.findings.extend(_check_capture_fields(cap, rec, where))
    report.findings.extend(_check_first_captures(manifest, scans))
    report.counts["manifest_captures"] = len(manifest.get("captures", []))
    return report


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


def _content_type(media_type: Any, charset: Any) -> str:
    return str(media_type) + (f"; charset={charset}" if charset else "")


def _check_capture_fields(cap: Mapping[str, Any], rec: Any, where: str) -> list[Finding]:
    """A manifest capture's record fields against the WARC record they name."""
    h = rec.headers
    pairs = {
        "size": (cap.get("size"), rec.payload_size),
        "media_type/charset": (
            _content_type(cap.get("media_type"), cap.get("charset")),
            h.get("Content-Type"),
        ),
        "warc_record_id": (cap.get("warc_record_id"), h.get("WARC-Record-ID")),
    }
    return [
        Finding(
            MISMATCH,
            "manifest-field-mismatch",
            where,
            f"the manifest's {name} is {mine!r}, the archived record says {theirs!r}",
        )
        for name, (mine, theirs) in pairs.items()
        if mine != theirs
    ]


def _check_first_captures(
    manifest: Mapping[str, Any], scans: Mapping[str, Mapping[int, Any]]
) -> list[Finding]:
    """The first capture of each record must carry the record's own URI and date.

    Later captures of the same bytes are stored once (deduplicated), so only the
    capture that wrote the record can be compared with its WARC-Target-URI and
    WARC-Date; a forged URI or date on it shows here even without a store.
    """
    first: dict[tuple[str, int], Mapping[str, Any]] = {}
    for cap in manifest.get("captures", []):
        key = (str(cap.get("warc_file")), _int(cap.get("offset")))
        if key not in first or _int(cap.get("capture_id")) < _int(first[key].get("capture_id")):
            first[key] = cap
    findings = []
    for (name, offset), cap in sorted(first.items()):
        rec = scans.get(name, {}).get(offset)
        if rec is None:
            continue
        mine = (cap.get("uri"), cap.get("captured_at"))
        theirs = (rec.headers.get("WARC-Target-URI"), rec.headers.get("WARC-Date"))
        if mine != theirs:
            findings.append(
                Finding(
                    MISMATCH,
                    "manifest-uri-mismatch",
                    f"capture {cap.get('capture_id')}",
                    f"the manifest says {mine[0]!r} at {mine[1]}; the archived record "
                    f"says {theirs[0]!r} at {theirs[1]}",
                )
            )
    return findings


_STORE_CAPTURE_FIELDS = ("uri", "captured_at", "source_id", "digest")
_STORE_RECORD_FIELDS = {
    "size": "size",
    "media_type": "media_type",
    "charset": "charset",
    "warc_file": "warc_file",
    "offset": "offset",
    "length": "length",
    "record_digest": "record_digest",
    "warc_record_id": "record_id",
}


def _same(a: Any, b: Any) -> bool:
    return ("" if a is None else str(a)) == ("" if b is None else str(b))


def _check_captures_against_store(manifest: Mapping[str, Any], state: VerifyState) -> list[Finding]:
    """Every manifest capture equals the store's (ledger-checked) rows; counts agree."""
    captures = {str(c.get("id")): c for c in state.rows.get("captures", [])}
    records = {str(r.get("digest")): r for r in state.rows.get("archive_records", [])}
    findings: list[Finding] = []
    listed = manifest.get("captures", [])
    head = _int((manifest.get("ledger") or {}).get("head_seq"))
    committed = {
        subject
        for subject in committed_rows(state.entries, upto=head)
        if subject.partition("/")[0] == "captures"
    }
    if len(listed) != len(committed):
        findings.append(
            Finding(
                MISMATCH,
                "manifest-count-mismatch",
                "manifest",
                f"the manifest lists {len(listed)} captures; the ledger up to entry {head} "
                f"committed to {len(committed)}",
            )
        )
    for cap in listed:
        where = f"capture {cap.get('capture_id')} ({cap.get('uri')})"
        row = captures.get(str(cap.get("capture_id")))
        if row is None:
            findings.append(
                Finding(MISMATCH, "manifest-capture-unknown", where, "no such capture in the store")
            )
            continue
        wrong = [f for f in _STORE_CAPTURE_FIELDS if not _same(cap.get(f), row.get(f))]
        rec = records.get(str(cap.get("digest")), {})
        wrong += [m for m, r in _STORE_RECORD_FIELDS.items() if not _same(cap.get(m), rec.get(r))]
        if wrong:
            findings.append(
                Finding(
                    MISMATCH,
                    "manifest-field-mismatch",
                    where,
                    f"the manifest's {', '.join(wrong)} differ from the store's ledgered rows",
                )
            )
    return findings


def make_manifest(store: Any, home: Path, *, sign_it: bool = True) -> dict[str, Any]:
    """Verify, seal the ledger and build the manifest of ``store`` and ``home``'s archive.

    The Python API behind ``transplant-audit manifest`` (a report can embed the
    result). Raises ``TransplantAuditError`` naming the first mismatch when verify
    fails, so no manifest is ever made of evidence that does not check out.
    Signs with Ed25519 when ``sign_it`` and ``cryptography`` is installed.
    """
    from datetime import UTC, datetime

    from transplant_audit.capture.verify import check_state, load_state
    from transplant_audit.errors import TransplantAuditError

    with store.session(write=True) as s:
        ledger.seal(s)
    state = load_state(store, home)
    report = check_state(state)
    first = report.first_mismatch
    if first is not None:
        raise TransplantAuditError(
            f"verify finds a mismatch, so no manifest was made: {first.line()}"
        )
    data = build_manifest(
        state,
        created=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        store=store.display_url,
    )
    if sign_it and have_signing():
        data = sign(data, home)
    return data


def write_json_atomic(path: Path, data: Mapping[str, Any]) -> None:
    """Write JSON to a temp file beside ``path``, fsync, then rename (never half-written)."""
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    write_bytes_atomic(path, text.encode("utf-8"))


def read_manifest(path: Path) -> dict[str, Any]:
    from transplant_audit.errors import DataError

    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:  # missing, a directory, a symlink loop, no permission
        raise read_error(path, exc) from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise DataError(
            file=str(path), reason=f"not valid JSON ({exc})", code=codes.BadManifest
        ) from exc
    if not isinstance(data, dict):
        raise DataError(file=str(path), reason="not a JSON object", code=codes.BadManifest)
    return data
