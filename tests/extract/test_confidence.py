"""A calibrated confidence for every candidate (issue 14, extract/confidence.py): in [0, 1],
from a monotone mapping fitted for the stored weights, beside candidates that stay exactly
what ``learned.extract`` gives; exposed by ``extract --json`` and ``--min-confidence``.
Sentences written here are synthetic test material, not evidence."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from transplant_audit.extract import confidence as cf
from transplant_audit.extract import learned

from .conftest import TOOLS, import_script, run, write_note

SYNTHETIC = (
    "The (fictional) Riverside hospital has 120 transplant beds and performed 300 kidney "
    "transplants in 2015. Patients waited 2 weeks. A liver transplant cost 250,000 yuan. "
    "（虚构）河畔医院2016年完成肝移植85例，床位1200张。"
)
"""Synthetic test material (an invented hospital)."""


@pytest.fixture(scope="module")
def tool():  # noqa: ANN201
    return import_script(TOOLS, "calibrate_extractor")


@pytest.mark.parametrize("method", learned.METHODS)
def test_every_candidate_has_a_confidence_in_0_1(method: str) -> None:
    items = cf.extract_confident(SYNTHETIC, method=method)
    assert len(items) >= 4
    assert all(q is not None and 0.0 <= q <= 1.0 for _, _, q in items)


@pytest.mark.parametrize("method", learned.METHODS)
def test_candidates_and_scores_are_unchanged(method: str) -> None:
    """The confidence is beside the candidates: the same candidates and scores, in order."""
    items = cf.extract_confident(SYNTHETIC, method=method)
    assert [(c, s) for c, s, _ in items] == learned.extract_scored(SYNTHETIC, method=method)


def test_origins_rules_and_added() -> None:
    """A rules candidate is read as the rules' (with the re-labeller's probability); one the
    span model alone proposed as added (span probability only)."""
    model = learned.load_model()
    rules = learned.extract(SYNTHETIC, method="rules")
    evs = cf.document_evidence(SYNTHETIC, rules, model=model)
    assert [e.origin for e in evs] == ["rules"] * len(rules)
    assert all(0.0 <= e.p_span <= 1.0 and 0.0 <= e.p_relabel <= 1.0 for e in evs)
    moved = replace(rules[0], start=rules[0].start, value=rules[0].value + 1)
    (ev,) = cf.document_evidence(SYNTHETIC, [moved], model=model)
    assert ev.origin == "added" and np.isnan(ev.p_relabel)


def test_stored_mapping_is_monotone_and_current() -> None:
    cal = cf.load_calibration()
    assert cal.current, "stale calibration: run python tools/calibrate_extractor.py"
    assert cal.combine in cf.COMBINES
    assert set(cal.curves) == set(cf.ORIGINS)
    grid = np.linspace(0, 1, 201)
    for origin in cf.ORIGINS:
        x, y = cal.curves[origin]
        assert np.all(np.diff(x) >= 0) and np.all(np.diff(y) >= 0)
        probs = [cal.probability(cf.Evidence(origin, float(g), float(g))) for g in grid]
        assert np.all(np.diff(probs) >= 0), origin
        assert min(probs) >= 0.0 and max(probs) <= 1.0
        assert max(probs) > min(probs)  # the mapping separates likely from unlikely


def test_a_mapping_that_is_not_monotone_is_refused() -> None:
    meta = {
        "combine": "mean",
        "model_digest": "sha256:x",
        "curves": {"rules": {"x": [0.1, 0.5, 0.9], "y": [0.2, 0.6, 0.4]}},
    }
    with pytest.raises(ValueError, match="not monotone"):
        cf.calibration_from(meta, "sha256:x")
    meta["curves"] = {"rules": {"x": [0.1, 0.9], "y": [0.2, 0.6]}}
    meta["combine"] = "max"
    with pytest.raises(ValueError, match="combine"):
        cf.calibration_from(meta, "sha256:x")


def test_mapping_for_other_weights_gives_no_confidence(tmp_path: Path) -> None:
    """The stored digest names the weights the mapping was fitted for; other weights make it
    stale, and a stale mapping is never applied."""
    stored = json.loads(cf.CALIBRATION_FILE.read_text(encoding="utf-8"))
    assert stored["model_digest"] == cf.model_digest(learned.MODEL_DIR)
    for name in cf.MODEL_FILES:
        (tmp_path / name).write_bytes((learned.MODEL_DIR / name).read_bytes())
    assert cf.model_digest(tmp_path) == stored["model_digest"]
    other = tmp_path / "retrained"
    other.mkdir()
    (other / "weights.npz").write_bytes((tmp_path / "weights.npz").read_bytes())
    (other / "model.json").write_bytes((tmp_path / "model.json").read_bytes() + b"\n")
    assert cf.model_digest(other) != stored["model_digest"]
    stale = cf.calibration_from(stored, cf.model_digest(other))
    assert not stale.current
    cands = learned.extract(SYNTHETIC, method="rules")
    assert cf.confidences(SYNTHETIC, cands, calibration=stale) == [None] * len(cands)


def test_calibration_tool_check_says_current(tool, capsys: pytest.CaptureFixture) -> None:  # noqa: ANN001
    """``tools/calibrate_extractor.py --check`` (weights digest and training-data digest)."""
    assert tool.main(["--check"]) == 0
    assert "current" in capsys.readouterr().out
    stored = json.loads(cf.CALIBRATION_FILE.read_text(encoding="utf-8"))
    assert stored["data_digest"] == tool.data_digest()


def test_reliability_and_thresholds_by_hand() -> None:
    conf = np.array([0.05, 0.15, 0.95, 0.95, 0.85, 0.55])
    right = np.array([0, 1, 1, 1, 0, 1])
    rows, ece = cf.reliability(conf, right)
    assert [(round(lo, 1), n) for lo, _, _, n in rows] == [
        (0.0, 1),
        (0.1, 1),
        (0.5, 1),
        (0.8, 1),
        (0.9, 2),
    ]
    # |0.05-0| + |0.15-1| + |0.55-1| + |0.85-0| + 2|0.95-1|, over 6
    assert ece == pytest.approx((0.05 + 0.85 + 0.45 + 0.85 + 0.1) / 6)
    assert cf.precision_recall_at(conf, right, 5, 0.9) == (1.0, 0.4, 2)
    p, r, n = cf.precision_recall_at(conf, right, 5, 0.5)
    assert (round(p, 4), r, n) == (0.75, 0.6, 4)
    assert cf.lowest_threshold(conf, right, 5, 0.9) == (0.86, 1.0, 0.4)
    assert cf.lowest_threshold(conf, np.zeros(6), 5, 0.9) is None


# --- the CLI ---------------------------------------------------------------------------------


def _note(tmp_path: Path) -> str:
    return write_note(tmp_path, SYNTHETIC)


@pytest.mark.parametrize("method", learned.METHODS)
def test_json_keeps_every_field_in_order_and_adds_confidence(tmp_path: Path, method: str) -> None:
    proc = run(tmp_path, "extract", _note(tmp_path), "--json", "--method", method)
    out = json.loads(proc.stdout)
    scored = learned.extract_scored(SYNTHETIC, method=method)
    assert len(out) == len(scored)
    for r, (c, s) in zip(out, scored, strict=True):
        before = [*c.to_dict(), "source", "locator", "candidate_id", "score", "method"]
        assert list(r) == [*before, "confidence"]
        assert {k: r[k] for k in c.to_dict()} == json.loads(json.dumps(c.to_dict()))
        assert r["score"] == (None if s is None else round(s, 4))
        assert 0.0 <= r["confidence"] <= 1.0


def test_min_confidence_drops_only_the_unlikely(tmp_path: Path) -> None:
    note = _note(tmp_path)
    every = json.loads(run(tmp_path, "extract", note, "--json").stdout)
    zero = json.loads(run(tmp_path, "extract", note, "--json", "--min-confidence", "0").stdout)
    assert zero == every
    confs = sorted(r["confidence"] for r in every)
    cut = (confs[0] + confs[-1]) / 2
    assert confs[0] < cut <= confs[-1]
    kept = json.loads(run(tmp_path, "extract", note, "--json", "--min-confidence", str(cut)).stdout)
    assert kept == [r for r in every if r["confidence"] >= cut]
    assert 0 < len(kept) < len(every)


@pytest.mark.parametrize("bad", ["-0.1", "1.5", "high"])
def test_min_confidence_out_of_range_is_a_usage_error(tmp_path: Path, bad: str) -> None:
    proc = run(tmp_path, "extract", _note(tmp_path), "--min-confidence", bad, ok=False)
    assert proc.returncode == 2
    assert "--min-confidence" in proc.stderr and "Traceback" not in proc.stderr
    assert proc.stdout == ""


def test_table_shows_the_confidence(tmp_path: Path) -> None:
    out = run(tmp_path, "extract", _note(tmp_path)).stdout
    assert "conf." in out
    every = json.loads(run(tmp_path, "extract", _note(tmp_path), "--json").stdout)
    assert f"{every[0]['confidence']:.2f}" in out


def test_stale_mapping_with_a_cut_is_one_line_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stored = json.loads(cf.CALIBRATION_FILE.read_text(encoding="utf-8"))
    stale = cf.calibration_from(stored, "sha256:other weights")
    monkeypatch.setattr(cf, "load_calibration", lambda *a, **k: stale)
    note = _note(tmp_path)
    proc = run(tmp_path, "extract", note, "--min-confidence", "0.5", ok=False)
    assert proc.returncode == 2
    assert "calibrate_extractor" in proc.stderr and "Traceback" not in proc.stderr
    out = run(tmp_path, "extract", note, "--json")
    assert {r["confidence"] for r in json.loads(out.stdout)} == {None}
    assert "stale" in out.stderr


# --- stored with the candidates, and the review order ------------------------------------------


def test_review_offers_the_likely_first(review_store) -> None:  # noqa: ANN001
    """Confidences stored with the candidates (SQLite and PostgreSQL); ``--by-confidence``
    order: most likely first, unknown last; the default order (position) is unchanged."""
    from transplant_audit.extract import review as rv
    from transplant_audit.extract.core import extract_candidates

    from .conftest import SYN_HOSPITAL, SYN_SOURCE, SYN_TEXT

    found = extract_candidates(SYN_TEXT)
    assert len(found) >= 2
    confs = [None] + [0.2 + 0.6 * i / len(found) for i in range(1, len(found))]
    with review_store.session(write=True) as s:
        hospitals = [{"id": SYN_HOSPITAL, "name_zh": "东江市第一人民医院", "name_en": ""}]
        added, _ = rv.save_candidates(
            s,
            SYN_SOURCE,
            "sha256:" + "1" * 64,
            found,
            ["chars"] * len(found),
            hospitals,
            confidences=confs,
        )
        ids = [r.id for r in added]
    with review_store.session() as s:
        by_place = [r.id for r in rv.list_candidates(s)]
        assert by_place == ids  # document order, as before
        ranked = rv.list_candidates(s, by_confidence=True)
        assert [r.confidence for r in ranked] == [*sorted(confs[1:], reverse=True), None]
        assert rv.next_candidate(s, "alice", by_confidence=True).id == ids[-1]
        assert rv.next_candidate(s, "alice").id == ids[0]


def test_extract_stores_the_confidence_and_review_lists_by_it(tmp_path: Path) -> None:
    (tmp_path / "note.txt").write_text(SYNTHETIC, encoding="utf-8")
    run(tmp_path, "capture", str(tmp_path / "note.txt"))
    listed = json.loads(run(tmp_path, "review", "--list", "--json").stdout)
    assert listed == []
    from transplant_audit.evidence.archive_schema import Capture
    from transplant_audit.evidence.store import Store

    with Store.open(home=tmp_path) as store, store.session() as s:
        (source,) = {c.source_id for c in s.query(Capture)}
    found = run(tmp_path, "extract", source, "--json", "--extractor", "carol").stdout
    conf = {r["candidate_id"]: r["confidence"] for r in json.loads(found)}
    listed = json.loads(run(tmp_path, "review", "--list", "--json", "--by-confidence").stdout)
    assert {r["candidate"]: r["confidence"] for r in listed} == conf
    got = [r["confidence"] for r in listed]
    assert got == sorted(got, reverse=True) and len(set(got)) > 1
    table = run(tmp_path, "review", "--list").stdout
    assert "conf." in table


def test_missing_or_broken_mapping(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No mapping file: no confidence (never a guess); a broken one: one line, exit 2."""
    assert not cf.load_calibration(tmp_path / "calibration.json").current
    broken = tmp_path / "broken" / "calibration.json"
    broken.parent.mkdir()
    broken.write_text('{"combine": "mean"}', encoding="utf-8")
    with pytest.raises(ValueError, match="not a confidence mapping"):
        cf.load_calibration(broken)
    load = cf.load_calibration
    monkeypatch.setattr(cf, "load_calibration", lambda *a, **k: load(broken))
    proc = run(tmp_path, "extract", _note(tmp_path), ok=False)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "not a confidence mapping" in proc.stderr


def test_calibration_tool_check_fails_when_the_training_data_moved(
    tool,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture,  # noqa: ANN001
) -> None:
    monkeypatch.setattr(tool.trainer, "data_digest", lambda: "sha256:new training data")
    assert tool.main(["--check"]) == 1
    assert "stale" in capsys.readouterr().out


def _row(set_name: str, fold: int = 0, right: bool = True, p: float = 0.5) -> dict:
    return {
        "fold": fold,
        "set": set_name,
        "language": "en",
        "origin": "rules",
        "p_span": p,
        "p_relabel": p,
        "right": right,
        "methods": ["default", "rules"],
    }


@pytest.mark.parametrize(
    "stray",
    ["dev", "heldout", "heldout9", "heldout10", "heldout11", "heldout12", "heldout30-check"],
)
def test_no_training_snippet_or_blind_set_reaches_the_fit(tool, stray: str) -> None:  # noqa: ANN001
    """The mapping is fitted on the judge's check halves only: a pair of a training set (a
    tune half is named like its set) or of a blind next set is refused, at the fit and at
    loading."""
    rows = [_row(s, k % 2, bool(k % 3)) for k, s in enumerate(tool.trainer.JUDGE_SETS * 4)]
    with pytest.raises(ValueError, match="check halves only"):
        tool.fit([*rows, _row(stray)], "sha256:x")
    with pytest.raises(ValueError, match="check halves only"):
        tool._only_check_halves([*tool.trainer.JUDGE_SETS, stray])


def test_the_stored_mapping_was_fitted_on_check_halves_only(tool) -> None:  # noqa: ANN001
    stored = json.loads(cf.CALIBRATION_FILE.read_text(encoding="utf-8"))
    sets = {key.split(" ", 1)[1] for key in stored["pairs_by_set"]}
    assert sets == set(tool.trainer.JUDGE_SETS)
    assert "heldout30" not in tool.trainer.JUDGE_HALVES
    for origin, n in stored["examples"].items():
        fitted = [v for k, v in stored["pairs_by_set"].items() if k.startswith(origin + " ")]
        assert n["candidates"] == sum(v["candidates"] for v in fitted)


def test_check_halves_share_no_snippet_with_the_training_data(tool) -> None:  # noqa: ANN001
    trained_pages = {raw["url"] for _, raw in tool.trainer.real_records()}
    for name in tool.trainer.JUDGE_HALVES:
        for raw in tool.trainer.check_half(name):
            assert raw["url"] not in trained_pages, (name, "a check-half page is trained on")


def test_cross_fitting_never_uses_a_rows_own_fold(tool) -> None:  # noqa: ANN001
    """Fold 0's pairs are all true and fold 1's all false at the same raw score: each fold's
    cross-fitted confidence comes from the other fold alone."""
    rows = [_row("heldout4-check", 0, True) for _ in range(5)]
    rows += [_row("heldout5-check", 1, False) for _ in range(5)]
    conf = tool.cross_fit(rows, "span")
    assert conf[:5].tolist() == [0.0] * 5 and conf[5:].tolist() == [1.0] * 5


def test_calibration_tool_check_fails_when_a_check_half_moved(
    tool,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture,  # noqa: ANN001
) -> None:
    """The mapping's digest covers the snippets it is fitted on."""
    monkeypatch.setattr(tool.trainer, "check_half", lambda name: [{"id": name, "gold": []}])
    assert tool.main(["--check"]) == 1
    assert "stale" in capsys.readouterr().out
