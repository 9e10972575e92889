"""Sensitivity sample points evaluated in smaller chunks give exactly the same indices.

(Every point is evaluated on its own; the chunk only bounds the size of the arrays.)
"""

from __future__ import annotations

import pytest

import transplant_audit.estimate as est_mod
from transplant_audit.estimate import sensitivity
from transplant_audit.evidence.load import read_bundled


@pytest.fixture(scope="module")
def result():  # noqa: ANN201
    return est_mod.estimate(read_bundled(), draws=500)


def test_chunk_size_does_not_change_sobol_or_tornado(result, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(sensitivity, "CHUNK", 20_000)  # one call for all points
    whole_sobol = result.sensitivity(n=256)
    whole_tornado = result.tornado()
    for chunk in (4_096, 700):
        result._cache.clear()
        monkeypatch.setattr(sensitivity, "CHUNK", chunk)
        assert result.sensitivity(n=256).equals(whole_sobol), chunk
        assert result.tornado().equals(whole_tornado), chunk
    assert len(whole_sobol) > 5 and whole_sobol["ST"].max() > 0
