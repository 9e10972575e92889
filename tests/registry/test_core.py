"""Pure rules of the registry. Every case, identifier and count here is SYNTHETIC."""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pytest

from transplant_audit.registry.core import classify, identifier_reason, pseudonym
from transplant_audit.registry.suppress import MIN_COUNT, bound_cells, lines, suppress

KEY = bytes(range(32))


def test_pseudonym_is_keyed_and_normalised() -> None:
    p = pseudonym(KEY, "a123-456 789", date(1970, 1, 2))
    assert p == pseudonym(KEY, "A123456789", date(1970, 1, 2))
    assert p != pseudonym(KEY, "A123456789", date(1970, 1, 3))
    assert p != pseudonym(bytes(32), "A123456789", date(1970, 1, 2))
    assert len(p) == 64 and "123456789" not in p


@pytest.mark.parametrize(
    "text", ["id A123456789", "born 1970-01-02", "1970年1月2日", "tel 0912-345-678", "x@y.org"]
)
def test_identifier_like_text_is_flagged(text: str) -> None:
    reason = identifier_reason(text)
    assert reason and text not in reason


@pytest.mark.parametrize("text", ["told 30 days, waited 12", "Tianjin", "kidney, 2 weeks"])
def test_ordinary_text_passes(text: str) -> None:
    assert identifier_reason(text) is None


def test_duplicate_rules() -> None:
    stored = [("c1", "2020-01"), ("c2", "2019-06")]
    assert classify("2020-01", stored).kind == "duplicate"
    assert classify("2020-01", stored).case_ids == ("c1",)
    assert classify("2020-03", stored).case_ids == ("c1",)
    assert classify("2019-12", stored).kind == "near"
    assert classify("2020-04", stored).kind == "new"
    assert classify("2019-08", stored).case_ids == ("c2",)


def _values(b) -> float:  # type: ignore[no-untyped-def]
    return b.values()


@pytest.mark.parametrize("seed", range(6))
def test_suppression_leaves_every_hidden_cell_five_values(seed: int) -> None:
    """Random SYNTHETIC cubes (sparse, so many small cells): no shown cell is 1-4, and the
    full two-sided LP bounds every hidden cell to at least MIN_COUNT integer values."""
    rng = np.random.default_rng(seed)
    inner = rng.poisson(rng.gamma(0.6, 12, size=(3, 4, 3)))
    cube, sup = suppress(inner)
    shown = cube[~sup]
    assert not ((shown >= 1) & (shown < MIN_COUNT)).any()
    assert ((cube >= 1) & (cube < MIN_COUNT) <= sup).all()
    for b in bound_cells(cube, sup, lines(cube.shape)):
        assert b.low <= cube.ravel()[b.cell] <= b.high
        assert _values(b) >= MIN_COUNT, b


def test_single_small_cell_gets_a_complement() -> None:
    inner = np.array([[[3, 20], [30, 40]]])
    cube, sup = suppress(inner)
    assert sup[0, 0, 0]
    assert sup.sum() >= 4  # a lone hidden cell would be found by subtraction
    assert not math.isnan(float(cube.sum()))
