"""benchmarks/bench_language_pairs.py's cross-fitting, on counts written for the test."""

from __future__ import annotations

import numpy as np

from .conftest import TOOLS, import_script, load_benchmark

NEVER = 1.01


def test_a_pair_per_language_takes_each_languages_own_best() -> None:
    """Three sets alike. Keep 0.1 is better in English (P 0.875 R 0.7 against 0.5 / 0.5),
    keep 0.5 in simplified Chinese (the same the other way), both alike in traditional: the
    one pair ties and goes to the smaller keep, 0.1, for every language; a pair per language
    gives English 0.1 and simplified Chinese 0.5."""
    bench, trainer = load_benchmark("bench_language_pairs"), import_script(TOOLS, "train_extractor")
    low, high = (0.1, NEVER), (0.5, NEVER)
    good, bad, even = (7, 1, 3), (5, 5, 5), (7, 3, 3)
    per_set = {
        low: np.array([[good, bad, even]] * 3, dtype=np.int64),
        high: np.array([[bad, good, even]] * 3, dtype=np.int64),
    }
    one = bench.cross_fitted(trainer, per_set)
    assert np.array_equal(one, per_set[low].sum(axis=0))
    each = bench.per_language(trainer, per_set)
    assert each.tolist() == [[21, 3, 9], [21, 3, 9], [21, 9, 9]]
    assert trainer.macro_f_default(trainer.tallies_of(each)) > trainer.macro_f_default(
        trainer.tallies_of(one)
    )
