"""Sensitivity sample points evaluated in smaller chunks give the same indices.

Every point is evaluated on its own; the chunk only bounds the size of the arrays. The last
bits of a float may still differ with the chunk (vectorised sums and BLAS group terms by the
arrays' shape: on numpy 2.4 a 700-point chunk moved Sobol indices by 7e-18, and a loaded CI
run saw the 4,096-point chunk differ too), so the indices are compared to 1e-12, far below
the 2-decimal precision any report prints, and the names and order exactly.
"""

from __future__ import annotations

import pandas as pd
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
        for got, want in (
            (result.sensitivity(n=256), whole_sobol),
            (result.tornado(), whole_tornado),
        ):
            # names, order and dtypes exactly; numbers to rtol 1e-9 / atol 1e-12
            pd.testing.assert_frame_equal(got, want, check_exact=False, rtol=1e-9, atol=1e-12)
    assert len(whole_sobol) > 5 and whole_sobol["ST"].max() > 0
