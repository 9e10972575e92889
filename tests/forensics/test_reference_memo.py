"""Reference windows are fitted once per length and shared between runs (issue 18 item 9).

The memoised path must give exactly what the direct computation gives, on the bundled
reference series (GODT and registries).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from transplant_audit.evidence.load import read_bundled
from transplant_audit.forensics import api
from transplant_audit.forensics import dispersion as dispmod
from transplant_audit.forensics import ranking as rankmod


@pytest.fixture(scope="module")
def reference() -> pd.DataFrame:
    return read_bundled().reference_series


def test_memoised_reference_dispersion_equals_the_direct_one(reference: pd.DataFrame) -> None:
    shared = dispmod.ReferenceSet(reference)
    for n in (7, 9):
        direct = dispmod.reference_dispersion(reference, n)
        memo = dispmod.reference_dispersion(shared, n)
        assert memo is dispmod.reference_dispersion(shared, n)  # computed once
        assert memo.cv == direct.cv and memo.n_windows == direct.n_windows > 100
        pd.testing.assert_frame_equal(memo.per_series, direct.per_series)


def test_memoised_ranking_table_equals_the_direct_one(reference: pd.DataFrame) -> None:
    shared = dispmod.ReferenceSet(reference)
    years = np.arange(2010, 2019)
    values = np.array([34, 63, 426, 849, 1702, 2766, 4080, 5146, 6302], float)
    direct = rankmod.ranking_table(reference, "synthetic test series", years, values)
    first = rankmod.ranking_table(shared, "synthetic test series", years, values)
    again = rankmod.ranking_table(shared, "another synthetic series", years, values * 2)
    pd.testing.assert_frame_equal(first, direct)
    assert len(again) == len(first) > 100
    assert ("window_statistics", 9, rankmod.DEFAULT_UNITS, rankmod.DEFAULT_EXCLUDE) in shared._memo


def test_runs_on_the_same_reference_content_share_one_set(reference: pd.DataFrame) -> None:
    first = api.reference_set(reference)
    assert api.reference_set(reference.copy()) is first  # same content, another frame
    changed = reference.copy()
    changed.loc[changed.index[0], "value"] = 1e9  # a synthetic change
    assert api.reference_set(changed) is not first
