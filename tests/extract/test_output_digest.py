"""The extractor's full output (every field of every candidate, by the rules, the combined
method and the learned method, the default) on every text in the repository matches the
committed digest (issue 14: speed-ups must not change output).

A deliberate change of output regenerates the digest in the same commit:
``python benchmarks/extract_digest.py --write``; ``--dump FILE`` before and after gives a
diff of the candidates that changed."""

from __future__ import annotations

import json

from .conftest import load_benchmark


def _module():  # noqa: ANN202
    return load_benchmark("extract_digest")


def test_output_matches_committed_digest() -> None:
    mod = _module()
    expected = json.loads(mod.DIGEST_FILE.read_text(encoding="utf-8"))
    actual = mod.digests()
    sets = {"corpus", "realtext", "realtext-pages", "bench-dense", "bench-typical"}
    sets |= {"heldout-halves"}
    assert set(expected) == sets | {m + name for name in sets for m in ("combined/", "learned/")}
    assert mod.differences(expected, actual) == [], (
        "extractor output changed; if meant, run python benchmarks/extract_digest.py --write"
    )


def test_digest_sees_a_changed_field() -> None:
    mod = _module()
    texts = {"one": ["该院共完成肝移植1200例。"]}
    before = mod.digests(texts)
    assert before["one"]["candidates"] == 1
    assert before["combined/one"]["candidates"] >= 1
    assert before["learned/one"]["candidates"] >= 1
    other = mod.digests({"one": ["该院共完成肝移植1201例。"]})
    assert mod.differences(before, other) != []


def test_heldout_halves_cover_every_half_set() -> None:
    """The trainer's data are hashed: heldout2 and both halves of every set in HALF_SETS."""
    mod = _module()
    bench = load_benchmark("bench_extract")
    names = bench._trainer().HALF_SETS
    want = len(bench.load_realtext("heldout2"))
    for name in names:
        n = name.removeprefix("heldout")
        want += len(bench.load_realtext(f"h{n}-tune")) + len(bench.load_realtext(f"h{n}-check"))
    assert len(names) >= 11
    assert len(mod._heldout_halves()) == want


def test_digest_ignores_last_bit_differences_of_a_score_but_not_a_real_change(
    monkeypatch,  # noqa: ANN001
) -> None:
    """np.exp's float64 results differ in the last bits between CPUs (AVX-512 or not): the
    same decisions must give the same digest on both, a score moved by 1e-6 must not."""
    mod = _module()
    text = "该院共完成肝移植1200例。"
    real = list(mod.learned.extract_scored(text, method="learned"))
    assert real

    def shifted(by: float):  # noqa: ANN202
        def fake(t: str, method: str = "learned"):  # noqa: ANN202
            return [(c, min(1.0, p * (1 + by))) for c, p in real]

        return fake

    base = json.dumps(list(mod.records([text], "learned")), sort_keys=True)
    monkeypatch.setattr(mod.learned, "extract_scored", shifted(4e-16))
    assert json.dumps(list(mod.records([text], "learned")), sort_keys=True) == base
    monkeypatch.setattr(mod.learned, "extract_scored", shifted(-1e-6))
    assert json.dumps(list(mod.records([text], "learned")), sort_keys=True) != base
