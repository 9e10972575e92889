"""perf21's speed-ups (issue 14) give what the plain forms gave: the rules' number scan kept
for the span stage is that text's own scan, and the span model's CSR scoring is the gather
and ``np.add.reduceat`` it replaced, bit for bit. Texts are SYNTHETIC."""

from __future__ import annotations

import numpy as np

from transplant_audit.extract import core, learned
from transplant_audit.extract import patterns as pat

EN = "In 2019 the centre performed 1,203 kidney transplants and 45 liver transplants."
ZH = "该院2019年共完成肾移植一千二百零三例，肝移植四十五例，等待时间约三个月。"
EN_MOVED = EN.replace("1,203 kidney", "kidney 1,203")
"""As long as EN, its number elsewhere: a scan kept by the text's length would be EN's."""
ZH_HANT = "該院2019年共完成腎移植一千二百零三例，肝移植四十五例。"


def _spans(found: list) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in found]


def test_number_tokens_is_the_texts_own_scan() -> None:
    assert len(EN_MOVED) == len(EN) and EN_MOVED != EN
    for text in (EN, ZH, ZH_HANT, EN, EN_MOVED, EN, EN + "\n" + ZH, ""):
        fresh = list(pat.NUMBER_RE.finditer(text))
        kept = core.number_tokens(text)
        assert _spans(kept) == _spans(fresh)
        again = "".join(list(text))  # an equal string, another object: the kept list
        assert core.number_tokens(again) is kept


def _reduceat_softmax(model: learned.Model, rows: np.ndarray, ids: np.ndarray, n: int):
    """``learned._softmax`` as it was before perf21 (gather, then ``np.add.reduceat``)."""
    logits = np.tile(model.intercept, (n, 1))
    if len(ids):
        width = np.int64(len(model.index))
        pairs = np.sort(rows * width + ids)
        pairs = pairs[learned._run_starts(pairs)]
        rows, ids = np.divmod(pairs, width)
        starts = np.flatnonzero(learned._run_starts(rows))
        logits[rows[starts]] += np.add.reduceat(model.weights[ids], starts, axis=0)
    logits -= logits.max(axis=1, keepdims=True)
    np.exp(logits, out=logits)
    logits /= logits.sum(axis=1, keepdims=True)
    return logits


def test_csr_softmax_equals_reduceat_bit_for_bit() -> None:
    model = learned.load_model()
    rng = np.random.default_rng(21)  # SYNTHETIC rows: repeats, empty rows, any order
    width = len(model.index)
    for n in (1, 3, 40):
        size = int(rng.integers(0, 60 * n))
        rows = rng.integers(0, n, size=size)
        ids = rng.integers(0, width, size=size)
        if size:
            rows, ids = np.concatenate([rows, rows[:5]]), np.concatenate([ids, ids[:5]])
        got = learned._softmax(model, rows, ids, n)
        want = _reduceat_softmax(model, rows, ids, n)
        assert got.tobytes() == want.tobytes()


def test_csr_softmax_on_real_features() -> None:
    model = learned.load_model()
    for text in (EN, ZH):
        doc = learned.Document.of(text)
        spans = [learned.read_span(doc.norm, sp) for sp in doc.numbers]
        cp = np.frombuffer(doc.norm.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        cues = learned.cue_positions(doc.norm, spans)
        rows, ids = learned._span_ids(model, doc.norm, cp, spans, doc.lang, cues)
        assert len(ids) > 0
        got = learned._softmax(model, rows, ids, len(spans))
        want = _reduceat_softmax(model, rows, ids, len(spans))
        assert got.tobytes() == want.tobytes()
