"""bench_extract.py names the held-out sets from the trainer's ``HALF_SETS``, not a list of
its own: a set joined by halves is scored by ``--values`` with its halves, and a half of a
set not tuned on by half (heldout2, a blind set) is no name ``load_realtext`` knows."""

from __future__ import annotations

import pytest

from .conftest import load_benchmark


def test_value_only_sets_follow_the_trainers_half_sets() -> None:
    bench = load_benchmark("bench_extract")
    names = bench.value_only_sets()
    for name in bench._trainer().HALF_SETS:
        n = name.removeprefix("heldout")
        assert {name, f"h{n}-tune", f"h{n}-check"} <= set(names), name
    assert names[-4:] == ["heldout2", "heldout", "dev", "dev2"]


def test_a_half_of_a_set_not_tuned_by_half_is_refused() -> None:
    bench = load_benchmark("bench_extract")
    assert "heldout2" not in bench._trainer().HALF_SETS
    with pytest.raises(FileNotFoundError):
        bench.load_realtext("h2-tune")
