"""Pure ledger functions: canonical hashing, the chain check, Merkle roots and proofs.

All data here is synthetic (made up in the test).
"""

from __future__ import annotations

import hashlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transplant_audit.evidence import ledger
from transplant_audit.evidence.frames import COLUMNS
from transplant_audit.evidence.ledger import BatchData, EntryData


def _h(i: int) -> str:
    return "sha256:" + hashlib.sha256(f"entry {i}".encode()).hexdigest()


def _bottom_up_root(hashes: list[str]) -> str:
    """Independent oracle: level-by-level tree, an odd last node is promoted unchanged.

    RFC 9162's recursive split at the largest power of two gives the same tree.
    """
    level = [hashlib.sha256(b"\x00" + bytes.fromhex(h[7:])).digest() for h in hashes]
    if not level:
        return "sha256:" + hashlib.sha256(b"").hexdigest()
    while len(level) > 1:
        nxt = [
            hashlib.sha256(b"\x01" + level[i] + level[i + 1]).digest()
            for i in range(0, len(level) - 1, 2)
        ]
        if len(level) % 2:
            nxt.append(level[-1])
        level = nxt
    return "sha256:" + level[0].hex()


def _chain(n: int) -> list[EntryData]:
    prev = ledger.GENESIS
    out = []
    for seq in range(1, n + 1):
        payload = ledger.canonical_json({"resource": "observations", "n": seq, "zh": "肝移植"})
        text = payload.decode()
        pd = ledger.sha256_digest(payload)
        stamp = f"2026-11-23T03:00:{seq % 60:02d}.000000Z"
        eh = ledger.entry_hash(seq, prev, "observation_created", f"observations/o{seq}", pd, stamp)
        out.append(
            EntryData(
                seq, prev, "observation_created", f"observations/o{seq}", text, pd, stamp, eh, None
            )
        )
        prev = eh
    return out


def test_canonical_json_is_sorted_compact_utf8_and_rejects_nan():
    assert ledger.canonical_json({"b": 1, "a": "肝"}) == '{"a":"肝","b":1}'.encode()
    with pytest.raises(ValueError):
        ledger.canonical_json({"x": float("nan")})


def test_entry_hash_commits_to_every_field():
    base = ("sha256:" + "1" * 64, "source_added", "sources/src_1", "sha256:" + "2" * 64, "t")
    h = ledger.entry_hash(1, *base)
    assert h.startswith("sha256:") and len(h) == 71
    for i in range(len(base)):
        changed = list(base)
        changed[i] = changed[i] + "x"
        assert ledger.entry_hash(1, *changed) != h
    assert ledger.entry_hash(2, *base) != h
    expected = hashlib.sha256(
        json.dumps(
            {
                "seq": 1,
                "prev_hash": base[0],
                "kind": base[1],
                "subject": base[2],
                "payload_digest": base[3],
                "timestamp": base[4],
            },
            sort_keys=True,
            separators=(",", ":"),
        ).encode()
    ).hexdigest()
    assert h == "sha256:" + expected


@pytest.mark.parametrize("n", [0, 1, 2, 3, 4, 5, 7, 8, 9, 31, 33, 100])
def test_merkle_root_matches_bottom_up_oracle(n):
    hashes = [_h(i) for i in range(n)]
    assert ledger.merkle_root(hashes) == _bottom_up_root(hashes)


@settings(max_examples=60, deadline=None)
@given(n=st.integers(1, 80), data=st.data())
def test_every_inclusion_proof_verifies_and_a_wrong_one_does_not(n, data):
    hashes = [_h(i) for i in range(n)]
    root = ledger.merkle_root(hashes)
    i = data.draw(st.integers(0, n - 1))
    proof = ledger.inclusion_proof(hashes, i)
    assert len(proof) <= max(1, (n - 1).bit_length())
    assert ledger.verify_inclusion(hashes[i], i, n, proof, root)
    assert not ledger.verify_inclusion(_h(10_000), i, n, proof, root)
    if n > 1:
        assert not ledger.verify_inclusion(hashes[i], (i + 1) % n, n, proof, root)
        bad = list(proof)
        bad[0] = _h(20_000)
        assert not ledger.verify_inclusion(hashes[i], i, n, bad, root)
    assert not ledger.verify_inclusion(hashes[i], n, n, proof, root)


def test_check_chain_accepts_a_good_chain_and_names_the_first_bad_entry():
    entries = _chain(12)
    assert ledger.check_chain(entries) is None
    e = entries[5]
    tampered = list(entries)
    tampered[5] = EntryData(**{**e.__dict__, "kind": "observation_edited"})
    problem = ledger.check_chain(tampered)
    assert problem is not None and problem.code == "entry-hash-mismatch"
    assert problem.where == "ledger entry 6"
    tampered = list(entries)
    tampered[7] = EntryData(**{**entries[7].__dict__, "payload": entries[7].payload + " "})
    assert ledger.check_chain(tampered).code == "payload-digest-mismatch"
    assert ledger.check_chain(entries[:3] + entries[4:]).code == "seq-gap"


def test_check_chain_catches_a_consistently_rehashed_entry_by_its_link():
    """Rewriting an entry and recomputing its own hash still breaks the next link."""
    entries = _chain(5)
    e = entries[2]
    payload = ledger.canonical_json({"resource": "observations", "n": 999}).decode()
    pd = ledger.sha256_digest(payload.encode())
    eh = ledger.entry_hash(e.seq, e.prev_hash, e.kind, e.subject, pd, e.timestamp)
    forged = EntryData(e.seq, e.prev_hash, e.kind, e.subject, payload, pd, e.timestamp, eh)
    problem = ledger.check_chain(entries[:2] + [forged] + entries[3:])
    assert problem.code == "chain-broken" and problem.where == "ledger entry 4"


def test_check_batches_recomputes_roots():
    entries = _chain(10)
    entries = [EntryData(**{**e.__dict__, "batch_id": 1 if e.seq <= 6 else 2}) for e in entries]
    roots = [
        ledger.merkle_root([e.entry_hash for e in entries[:6]]),
        ledger.merkle_root([e.entry_hash for e in entries[6:]]),
    ]
    batches = [BatchData(1, 1, 6, roots[0]), BatchData(2, 7, 10, roots[1])]
    assert ledger.check_batches(entries, batches) is None
    wrong = [batches[0], BatchData(2, 7, 10, roots[0])]
    assert ledger.check_batches(entries, wrong).code == "batch-root-mismatch"
    assert ledger.check_batches(entries, [batches[1]]).code == "batch-gap"


def test_row_digest_uses_package_columns_only():
    row = {
        c: ""
        for c in (
            "id",
            "url",
            "title",
            "publisher",
            "party",
            "published",
            "retrieved",
            "language",
            "kind",
            "digest",
            "note",
        )
    }
    row["id"] = "src_0123456789"
    d = ledger.row_digest("sources", row)
    assert ledger.row_digest("sources", {**row, "position": "7"}) == d
    assert ledger.row_digest("sources", {**row, "title": "x"}) != d


def _package_text(value: float) -> str:
    """How the data package writes a number: whole numbers without ``.0``, else shortest repr."""
    return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)


@settings(max_examples=200, deadline=None)
@given(
    value=st.floats(allow_nan=False, allow_infinity=False),
    other=st.floats(allow_nan=False, allow_infinity=False),
)
def test_row_digest_is_the_same_for_typed_and_text_rows_and_changes_with_the_value(value, other):
    """A row read from SQLite/PostgreSQL (typed) and from the CSV (text) give one digest."""
    base = {c: "" for c in COLUMNS["observations"]}
    base.update(
        id="obs_0123456789",
        hospital_id="national",
        indicator="transplant_beds",
        source_id="src_0123456789",
        period_start="2016",
    )
    typed = {**base, "value": value, "hospital_id": None, "note": None}
    text = {**base, "value": _package_text(value)}
    assert ledger.row_digest("observations", typed) == ledger.row_digest("observations", text)
    if other != value:  # -0.0 == 0.0: the same figure
        assert ledger.row_digest("observations", {**typed, "value": other}) != ledger.row_digest(
            "observations", typed
        )
