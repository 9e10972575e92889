"""benchmarks/bench_stage_gain.py's arithmetic (its macro F1 is the trainer's, called): its
paired page bootstrap gives no gain for identical methods and a sure gain for a stage that
helps on every page. Synthetic counts written for the test, no real-text set is read."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from .conftest import import_script

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture(scope="module")
def bench():  # noqa: ANN201
    return import_script(BENCH, "bench_stage_gain")


def _counts(rows: list[list[tuple[int, int, int]]]) -> np.ndarray:
    return np.array(rows, dtype=np.int64)


def test_identical_methods_gain_nothing(bench) -> None:  # noqa: ANN001
    base = _counts([[(3, 1, 2), (1, 0, 1), (0, 0, 0)], [(2, 2, 0), (0, 1, 3), (4, 0, 0)]])
    observed, gain = bench.bootstrap_gain(base, base.copy(), rounds=200, seed=1)
    assert observed == 0.0
    assert np.all(gain == 0.0)


def test_a_stage_that_helps_on_every_page_gains_in_every_resample(bench) -> None:  # noqa: ANN001
    base = _counts([[(3, 1, 2), (1, 0, 1), (2, 1, 1)]] * 20)
    stage = _counts([[(4, 1, 1), (2, 0, 0), (3, 1, 0)]] * 20)  # one missed figure found per cell
    observed, gain = bench.bootstrap_gain(base, stage, rounds=200, seed=1)
    assert observed > 0
    assert np.all(gain > 0)
    assert gain.shape == (200,)


def test_resamples_differ_when_pages_disagree(bench) -> None:  # noqa: ANN001
    """A stage that helps on some pages and hurts on others: the replicates spread on both
    sides of zero (a bootstrap that ignored its resampling would repeat the observed gain)."""
    base = _counts(
        [[(3, 0, 1), (2, 0, 0), (2, 0, 0)]] * 10 + [[(4, 0, 0), (2, 0, 0), (2, 0, 0)]] * 10
    )
    stage = _counts(
        [[(4, 0, 0), (2, 0, 0), (2, 0, 0)]] * 10 + [[(3, 0, 1), (2, 0, 0), (2, 0, 0)]] * 10
    )
    observed, gain = bench.bootstrap_gain(base, stage, rounds=400, seed=3)
    assert observed == pytest.approx(0.0)
    assert (gain > 0).any() and (gain < 0).any()
