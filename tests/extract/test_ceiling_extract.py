"""``benchmarks/ceiling_extract.py`` (perf15): its ``mask-first`` mode is an exit that must
keep the output, so the ratio it prints is that of a real change; its ``next-char`` mode
must spare tokens the counter steps (else its bound is the unchanged extractor's time)."""

from __future__ import annotations

import pytest

from transplant_audit.extract import core

from .conftest import load_benchmark


@pytest.fixture()
def ceiling():  # noqa: ANN201
    mod = load_benchmark("ceiling_extract")
    real = core._ordinal, core._is_masked
    yield mod
    core._ordinal, core._is_masked = real  # the modes wrap them: undone for other tests


def test_mask_first_keeps_the_output_and_drops_masked_tokens(ceiling) -> None:  # noqa: ANN001
    pages = ceiling.bench_extract_speed._pages("dense")[:2]
    modes = ceiling._Modes(ceiling._dropped_at_currency(pages))
    assert modes.dead  # the dense pages hold tokens with no unit
    modes.install()
    expected = ceiling._outputs(pages, modes)
    modes.mode = "mask-first"
    tested: list[bool] = []
    for page in pages:
        modes.masked.clear()
        assert core.extract_candidates(page) == expected[pages.index(page)]
        tested += modes.masked.values()
    assert any(tested) and not all(tested)  # some numbers were dropped early, not all
    assert _counter_steps(ceiling, pages, modes, "next-char") < _counter_steps(
        ceiling, pages, modes, "as-is"
    )


def _counter_steps(ceiling, pages: list[str], modes, mode: str) -> int:  # noqa: ANN001
    """How many tokens reach the counter steps in ``mode``."""
    real, calls = core._direct_counter, []

    def count(*args):  # noqa: ANN002, ANN202
        calls.append(1)
        return real(*args)

    modes.mode, core._direct_counter = mode, count
    try:
        ceiling._outputs(pages, modes)
    finally:
        core._direct_counter = real
    return len(calls)


def test_bad_rounds_exit_non_zero(ceiling) -> None:  # noqa: ANN001
    with pytest.raises(SystemExit) as exc:
        ceiling.main(["--rounds", "0"])
    assert exc.value.code == 2
