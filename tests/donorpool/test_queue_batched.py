"""donors_for_waits (several waits bisected together) equals donors_for_wait wait by wait.

The draws below are SYNTHETIC numbers in plausible ranges, not data.
"""

from __future__ import annotations

import numpy as np

from transplant_audit.donorpool import queue


def test_batched_waits_give_exactly_the_per_wait_donors() -> None:
    rng = np.random.default_rng(7)
    d = 300
    volume = rng.uniform(2_000, 60_000, d)
    share = rng.dirichlet([4, 3, 2, 1], d)
    organs = rng.uniform(1.5, 2.2, d)
    compat = rng.uniform(0.2, 0.9, d)
    avail = rng.uniform(0.5, 3.0, d) / 365.0
    waits = [2 / 365, 7 / 365, 30 / 365, 1.0]
    batched = queue.donors_for_waits(waits, volume, share, organs, compat, avail)
    assert batched.shape == (len(waits), d)
    for i, w in enumerate(waits):
        one = queue.donors_for_wait(w, volume, share, organs, compat, avail)
        assert np.array_equal(batched[i], one)
    assert np.all(np.diff(np.median(batched, axis=1)) < 0)  # longer waits need fewer donors


def test_scalar_draw_parameters_are_spread_over_the_draws() -> None:
    share = np.tile([0.4, 0.3, 0.2, 0.1], (5, 1))
    batched = queue.donors_for_waits([0.1, 0.5], np.full(5, 1_000.0), share, 2.0, 0.5, 0.01)
    one = queue.donors_for_wait(0.5, np.full(5, 1_000.0), share, 2.0, 0.5, 0.01)
    assert np.array_equal(batched[1], one)
