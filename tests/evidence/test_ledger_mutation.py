"""Mutation test: 1,000 seeded one-byte changes, each must make verify fail.

Each mutation flips one byte of a random archived WARC record, of a random
observation's value (its 8-byte float) or of a random field of a random ledger
entry. The evidence is the SYNTHETIC package of this directory's conftest plus
synthetic documents captured into a temporary home. The state is loaded from
the store once; mutations are made on in-memory copies and checked with the
pure ``check_state``, which is exactly what ``transplant-audit verify`` runs on
the loaded state. A few mutations are also made on disk and in the database and
checked through the CLI path, to show the in-memory copies are faithful.
"""

from __future__ import annotations

import dataclasses
import io
import random
import struct
from pathlib import Path

import pytest
from sqlalchemy import text

from transplant_audit.capture import service
from transplant_audit.capture.verify import VerifyState, check_state, load_state, verify

N_MUTATIONS = 1000
ENTRY_FIELDS = (
    "seq",
    "prev_hash",
    "kind",
    "subject",
    "payload",
    "payload_digest",
    "timestamp",
    "entry_hash",
    "batch_id",
)


def _documents(directory: Path) -> list[Path]:
    """Synthetic pages and files (GB2312, Big5, UTF-8 HTML, a PDF-like file)."""
    directory.mkdir()
    zh = "器官移植中心：本院开展肝移植约 {} 例。"
    docs = {
        "a.html": (
            '<html><head><meta charset="gb2312"><title>甲</title></head><body>'
            + zh.format(300) * 30
            + "</body></html>"
        ).encode("gb2312"),
        "b.html": (
            "<html><head><meta charset='big5'></head><body>"
            "器官移植中心：肝移植約 120 例。</body></html>"
        ).encode("big5"),
        "c.html": b"<html><body>Synthetic English page: about 500 transplants.</body></html>",
        "d.pdf": b"%PDF-1.4\n" + bytes(range(256)) * 8 + b"%%EOF\n",
        "e.txt": ("synthetic notes 肝 " * 200).encode(),
    }
    out = []
    for name, data in docs.items():
        (directory / name).write_bytes(data)
        out.append(directory / name)
    return out


@pytest.fixture()
def loaded(tmp_path, synthetic_package, quick_validation):
    from transplant_audit.evidence.store import Store

    home = tmp_path / "home"
    store = Store.open(home=home)
    store.import_package(synthetic_package)
    service.capture(store, home, [str(p) for p in _documents(tmp_path / "docs")])
    yield store, home
    store.close()


def _flip_byte(data: bytes, rng: random.Random) -> bytes:
    b = bytearray(data)
    b[rng.randrange(len(b))] ^= rng.randrange(1, 256)
    return bytes(b)


def _flip_text(value: str, rng: random.Random) -> str:
    raw = _flip_byte(value.encode("utf-8"), rng)
    return raw.decode("utf-8", "surrogateescape")


def _flip_int(value: int, rng: random.Random) -> int:
    return struct.unpack("<q", _flip_byte(struct.pack("<q", value), rng))[0]


def mutate(
    state: VerifyState, warcs: dict[str, bytes], rng: random.Random, target: str
) -> VerifyState:
    """A copy of ``state`` with exactly one byte changed in the chosen kind of target."""
    rows = dict(state.rows)
    files = dict(state.warc_files)
    entries = state.entries
    if target == "record":
        rec = rng.choice(state.rows["archive_records"])
        name, offset, length = rec["warc_file"], int(rec["offset"]), int(rec["length"])
        data = bytearray(warcs[name])
        data[offset + rng.randrange(length)] ^= rng.randrange(1, 256)
        frozen = bytes(data)
        files[name] = lambda: io.BytesIO(frozen)
    elif target == "observation":
        obs = list(rows["observations"])
        i = rng.randrange(len(obs))
        packed = _flip_byte(struct.pack("<d", float(obs[i]["value"])), rng)
        obs[i] = {**obs[i], "value": struct.unpack("<d", packed)[0]}
        rows["observations"] = obs
    else:
        entries = list(state.entries)
        i = rng.randrange(len(entries))
        name = rng.choice(ENTRY_FIELDS)
        old = getattr(entries[i], name)
        new = _flip_int(old, rng) if isinstance(old, int) else _flip_text(old, rng)
        entries[i] = dataclasses.replace(entries[i], **{name: new})
    return VerifyState(entries=entries, batches=state.batches, rows=rows, warc_files=files)


def test_every_one_of_1000_single_byte_mutations_is_caught(loaded, capsys):
    store, home = loaded
    state = load_state(store, home)
    assert check_state(state).ok, check_state(state).first_mismatch
    warcs = {}
    for name, opener in state.warc_files.items():
        with opener() as fh:
            warcs[name] = fh.read()
    caught: dict[str, int] = {"record": 0, "observation": 0, "ledger": 0}
    tried: dict[str, int] = dict.fromkeys(caught, 0)
    missed = []
    for seed in range(N_MUTATIONS):
        rng = random.Random(seed)
        target = ("record", "observation", "ledger")[seed % 3]
        tried[target] += 1
        report = check_state(mutate(state, warcs, rng, target))
        if report.ok:
            missed.append((seed, target))
        else:
            caught[target] += 1
    total = sum(caught.values())
    with capsys.disabled():
        print(
            f"\nmutation score: {total}/{N_MUTATIONS} caught "
            f"(WARC records {caught['record']}/{tried['record']}, observation values "
            f"{caught['observation']}/{tried['observation']}, ledger entries "
            f"{caught['ledger']}/{tried['ledger']})"
        )
    assert not missed, f"mutations verify did not catch (seed, target): {missed[:10]}"
    assert total == N_MUTATIONS


def test_mutations_on_disk_and_in_the_database_are_caught_by_verify(loaded):
    store, home = loaded
    assert verify(store, home).ok
    rng = random.Random(2026)
    warc = home / "archive" / "ta-00001.warc.gz"
    original = warc.read_bytes()
    for _ in range(5):
        warc.write_bytes(_flip_byte(original, rng))
        assert not verify(store, home).ok
    warc.write_bytes(original)
    assert verify(store, home).ok
    with store.session(write=True) as s:
        s.execute(text("UPDATE ledger_entries SET timestamp = timestamp || 'x' WHERE seq = 3"))
    report = verify(store, home)
    assert report.first_mismatch.code == "entry-hash-mismatch"
    assert report.first_mismatch.where == "ledger entry 3"
