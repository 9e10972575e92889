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


def test_a_frame_changed_after_a_run_does_not_change_the_shared_set(
    reference: pd.DataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The shared set kept the caller's frame itself: a frame edited in place after a run
    (evidence changed in the same process) changed the set that a later run on the
    original content got from the cache, and its windows were split from the edited
    rows. The set now holds its own copy. SYNTHETIC edit of the bundled reference."""
    from collections import OrderedDict

    monkeypatch.setattr(api, "_REFERENCE_SETS", OrderedDict())
    edited = reference.copy()
    api.reference_set(edited)
    edited.loc[edited.index[0], "value"] = 1e9  # changed after the run, in place
    again = api.reference_set(reference.copy())  # a later run on the original content
    pd.testing.assert_frame_equal(again.table, reference)
    direct = dispmod.reference_frames(reference)
    shared = dispmod.reference_frames(again)
    assert shared.keys() == direct.keys()
    for key, frame in direct.items():
        pd.testing.assert_frame_equal(shared[key], frame, obj=str(key))


def test_a_second_data_directory_in_the_same_process_gets_its_own_answer(
    reference: pd.DataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two data packages in one process: a run on the second, after a run on the first,
    equals a run on the second alone (the key is the content, so this held before the copy
    too). The second's reference is the bundled one without the rows of the country with
    most rows (a SYNTHETIC change)."""
    import dataclasses
    from collections import OrderedDict

    from transplant_audit.evidence.load import read_bundled
    from transplant_audit.forensics import run_forensics

    first = read_bundled()
    ref = first.reference_series
    most = ref["country"].value_counts().index[0]
    second = dataclasses.replace(first, reference_series=ref[ref["country"] != most])

    def answer(evidence: object) -> list[dict[str, object]]:
        run = run_forensics(evidence, ["national_deceased_donors"], n_sim=200)
        return [*run.to_records(with_details=True), run.settings["reference_noise"]]

    monkeypatch.setattr(api, "_REFERENCE_SETS", OrderedDict())
    alone = answer(second)
    monkeypatch.setattr(api, "_REFERENCE_SETS", OrderedDict())
    assert answer(first) != alone  # the dropped rows change the answer
    assert answer(second) == alone
