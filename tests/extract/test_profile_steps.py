"""``benchmarks/profile_steps.py`` (perf17): its wrapped steps must keep the output and be
undone on leaving, and every step it names must still be a function of ``core`` (a renamed
step fails here instead of vanishing from the table)."""

from __future__ import annotations

import pytest

from transplant_audit.extract import core

from .conftest import load_benchmark


@pytest.fixture()
def steps():  # noqa: ANN201
    return load_benchmark("profile_steps")


def test_every_step_is_a_function_of_core(steps) -> None:  # noqa: ANN001
    for name in steps.STEPS:
        assert callable(getattr(core, name)), name


def test_wrapped_steps_keep_the_output_and_are_undone(steps) -> None:  # noqa: ANN001
    pages = steps.bench_extract_speed._pages("dense")[:2]
    expected = [core.extract_candidates(p) for p in pages]
    real = {name: getattr(core, name) for name in steps.STEPS}
    real_mask = core._GateIndex._build, core._REJECT_STEPS
    with steps.instrumented() as (seconds, calls):
        got = [core.extract_candidates(p) for p in pages]
    assert got == expected
    assert calls["_token"] > calls["_emit"] > 0  # the loop ran through the wrappers
    assert calls["mask: gate index"] == len(pages)  # dense pages build the index at once
    assert {name: getattr(core, name) for name in steps.STEPS} == real
    assert (core._GateIndex._build, core._REJECT_STEPS) == real_mask


def test_profile_rejects_no_pages(steps) -> None:  # noqa: ANN001
    with pytest.raises(ValueError, match="pages"):
        steps.profile([], 1)
