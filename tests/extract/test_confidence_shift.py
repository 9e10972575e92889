"""The confidence mapping under a shift between sets (conf16): leave-one-set-out figures and
the shrink toward the fitted precision that ``tools/calibrate_extractor.py`` chooses by them.

Every world here is SYNTHETIC, written in the test with a known shift: candidates with a
raw score and a label drawn from a stated chance, grouped into invented sets. No real text,
no figure of any set is read, except the stored mapping's own entry at the end.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import numpy as np
import pytest

from transplant_audit.extract import confidence as cf

from .conftest import TOOLS, import_script


@pytest.fixture(scope="module")
def tool():  # noqa: ANN201
    return import_script(TOOLS, "calibrate_extractor")


def world(
    chance: Callable[[np.ndarray], np.ndarray], sets: list[str], n: int, seed: int
) -> list[dict]:
    """Synthetic rows: in each of ``sets``, ``n`` rules candidates with a raw (span) score
    uniform in [0, 1] and a label true with ``chance(score)``."""
    rng = np.random.default_rng(seed)
    rows = []
    for s in sets:
        x = rng.random(n)
        right = rng.random(n) < chance(x)
        rows += [
            {
                "set": s,
                "origin": "rules",
                "p_span": float(a),
                "p_relabel": float("nan"),
                "right": bool(b),
                "methods": ["default"],
            }
            for a, b in zip(x, right, strict=True)
        ]
    return rows


def easy(x: np.ndarray) -> np.ndarray:
    """An easy set: the score is the chance itself."""
    return x


def hard(x: np.ndarray) -> np.ndarray:
    """A hard set: the same mean precision (0.5), but the score says far less."""
    return 0.35 + 0.3 * x


def flat(x: np.ndarray) -> np.ndarray:
    """A set where the score says nothing: every candidate is right half the time."""
    return np.full_like(x, 0.5)


def set_ece(rows: list[dict], conf: np.ndarray, name: str) -> float:
    m = np.array([r["set"] == name for r in rows])
    right = np.array([float(r["right"]) for r in rows])
    return cf.reliability(conf[m], right[m])[1]


def test_fitted_on_easy_sets_the_curve_is_over_confident_on_a_hard_one_and_a_shrink_helps(
    tool,  # noqa: ANN001
) -> None:
    rows = world(easy, ["easy1", "easy2", "easy3"], 400, 1) + world(hard, ["hard"], 400, 2)
    fitted = [r for r in rows if r["set"] != "hard"]
    curves = tool._fit_curves(fitted, "span")
    targets = tool.shrink_targets(fitted)
    hard_rows = [r for r in rows if r["set"] == "hard"]
    right = np.array([float(r["right"]) for r in hard_rows])
    eces = {}
    for w in (1.0, 0.5):
        cal = cf.Calibration("span", curves, "", shrink=w, targets=targets)
        conf = np.array([cal.probability(tool._evidence(r)) for r in hard_rows])
        top = conf >= 0.8
        eces[w] = cf.reliability(conf, right)[1]
        if w == 1.0:  # the known shift: the top of the curve promises far more than holds
            assert conf[top].mean() - right[top].mean() > 0.1
    assert eces[1.0] > 0.1
    assert eces[0.5] < eces[1.0] - 0.05


@pytest.mark.parametrize("shrink", [1.0, 0.5])
def test_leave_one_set_out_never_maps_a_set_by_its_own_labels(tool, shrink: float) -> None:  # noqa: ANN001
    """A set whose labels all flip maps exactly as before: its curve, and under a shrink the
    precision it is pulled toward, are fitted without it."""
    rows = world(easy, ["a", "b", "c"], 200, 3)
    flipped = [{**r, "right": not r["right"]} if r["set"] == "c" else r for r in rows]
    before = tool.leave_one_set_out(rows, "span", shrink)
    after = tool.leave_one_set_out(flipped, "span", shrink)
    c = np.array([r["set"] == "c" for r in rows])
    assert np.array_equal(before[c], after[c])
    assert not np.array_equal(before[~c], after[~c])


def test_per_set_figures_count_only_the_methods_candidates(tool) -> None:  # noqa: ANN001
    """Candidates the default method does not keep (learned-only ones here, all wrong) are no
    part of the default's per-set figures, nor of the mean the shrink is chosen by."""
    rows = world(easy, ["a", "b"], 100, 6)
    other = [{**r, "methods": ["learned"], "right": False} for r in world(easy, ["a"], 50, 7)]
    conf = np.array([r["p_span"] for r in rows + other])
    got = tool.per_set_figures(rows + other, conf)
    assert got == tool.per_set_figures(rows, conf[: len(rows)])
    assert got["sets"]["a"]["candidates"] == 100
    assert tool.per_set_figures(rows + other, conf, "learned")["sets"]["a"]["candidates"] == 50


def test_a_shrink_is_chosen_where_the_score_does_not_carry_to_a_new_set(tool) -> None:  # noqa: ANN001
    """Nine sets where the score says nothing: the isotonic curve of eight still finds steps
    (noise), so every left-out set is better served by the fitted precision. (Seeds 0-5 of
    this world all chose a shrink when it was written; the test keeps one.)"""
    rows = world(flat, [f"s{i}" for i in range(9)], 60, 4)
    weight, figures = tool.choose_shrink(rows, "span")
    assert weight < 1.0
    assert tool.mean_ece(figures[weight]) < tool.mean_ece(figures[1.0])
    loso = tool.leave_one_set_out(rows, "span", weight)
    alone = tool.leave_one_set_out(rows, "span", 1.0)
    assert (
        tool.per_set_figures(rows, loso)["mean ECE"] < tool.per_set_figures(rows, alone)["mean ECE"]
    )


def test_no_shrink_where_every_set_follows_the_same_curve(tool) -> None:  # noqa: ANN001
    rows = world(easy, [f"s{i}" for i in range(9)], 300, 5)
    weight, figures = tool.choose_shrink(rows, "span")
    assert weight == 1.0
    assert tool.mean_ece(figures[0.5]) > tool.mean_ece(figures[1.0]) + 0.05


def test_a_fall_within_the_spread_of_the_sets_is_not_kept(tool) -> None:  # noqa: ANN001
    """A weight lower on the mean but higher on most sets: the bootstrap of the sets refuses
    it (conf16's first fit refused the check halves' 0.9 so; the refit for the retrained
    model, e082117, kept it: lower on five sets of nine, but in 97% of 2,000 resamples; the
    refit after heldout12's check half joined refused it again: 0.0886 -> 0.0858)."""
    figures = {
        1.0: {"a": [0.10, 100], "b": [0.10, 100], "c": [0.10, 100], "d": [0.10, 100]},
        0.9: {"a": [0.01, 100], "b": [0.11, 100], "c": [0.11, 100], "d": [0.11, 100]},
    }
    assert tool.mean_ece(figures[0.9]) < tool.mean_ece(figures[1.0])
    assert tool.keep_rule(figures) == 1.0
    figures[0.9] = {k: [v[0] - 0.02, v[1]] for k, v in figures[1.0].items()}
    assert tool.keep_rule(figures) == 0.9


@pytest.mark.parametrize(
    "shift",
    [
        {"shrink": 0.0, "targets": {"rules": 0.7}},
        {"shrink": 1.5, "targets": {"rules": 0.7}},
        {"shrink": float("nan"), "targets": {"rules": 0.7}},
        {"shrink": 0.8, "targets": {}},
        {"shrink": 0.8, "targets": {"rules": 1.2}},
        ["not", "a", "mapping"],
    ],
)
def test_a_broken_shift_is_refused(shift: object) -> None:
    meta = {
        "combine": "span",
        "curves": {"rules": {"x": [0.0, 1.0], "y": [0.2, 0.9]}},
        "model_digest": "",
        "shift": shift,
    }
    with pytest.raises(ValueError, match="calibration"):
        cf.calibration_from(meta, "")


def test_a_stored_shrink_pulls_toward_its_target_and_stays_monotone() -> None:
    meta = {
        "combine": "span",
        "curves": {"rules": {"x": [0.0, 1.0], "y": [0.1, 0.9]}},
        "model_digest": "",
        "shift": {"shrink": 0.5, "targets": {"rules": 0.7}},
    }
    cal = cf.calibration_from(meta, "")
    got = [cal.probability(cf.Evidence("rules", x)) for x in (0.0, 0.5, 1.0)]
    assert got == pytest.approx([0.4, 0.6, 0.8])


def test_check_refuses_a_stored_shrink_its_figures_do_not_choose(tool) -> None:  # noqa: ANN001
    stored = json.loads(tool.OUT.read_text(encoding="utf-8"))
    assert tool.shift_problem(stored) is None
    chosen = stored["shift"]["shrink"]
    other = next(w for w in tool.SHRINK_GRID if w != chosen)
    tampered = {**stored, "shift": {**stored["shift"], "shrink": other}}
    assert "not the one its figures choose" in str(tool.shift_problem(tampered))
    gone = {k: v for k, v in stored.items() if k != "shift"}
    assert tool.shift_problem(gone) == "no leave-one-set-out shrink stored"
    grid = dict(stored["shift"]["loso_set_ece_by_shrink"])
    grid.pop("0.5")
    moved = {**stored, "shift": {**stored["shift"], "loso_set_ece_by_shrink": grid}}
    assert tool.shift_problem(moved) == "the shrink was chosen on another grid"
