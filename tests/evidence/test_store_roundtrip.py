"""Property: any package the writer can produce goes through the store unchanged, byte for byte.

Hypothesis varies the SYNTHETIC package's free text (commas, quotes, newlines,
Chinese, emoji) and numbers (tiny, huge, many digits) on both backends.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transplant_audit.evidence.frames import COLUMNS
from transplant_audit.evidence.store import Store

TEXT = st.lists(
    st.characters(blacklist_categories=("Cs", "Cc"))
    | st.sampled_from([",", '"', "\n", "\r\n", ";", "天津", "🫀", " "]),
    max_size=25,
).map("".join)
NUMBERS = st.floats(min_value=0, max_value=1e15, allow_nan=False, allow_infinity=False)


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    notes=st.lists(TEXT, min_size=5, max_size=5), values=st.lists(NUMBERS, min_size=5, max_size=5)
)
def test_import_then_export_gives_back_the_same_bytes(
    store: Store,
    syn,  # type: ignore[no-untyped-def]
    notes: list[str],
    values: list[float],
) -> None:
    obs = syn.frames()["observations"].copy()
    obs["note"] = notes
    obs["locator"] = list(reversed(notes))
    obs["value"] = values
    with tempfile.TemporaryDirectory() as tmp:
        package = syn.write(Path(tmp) / "pkg", {"observations": obs})
        store.import_package(package, validate=False)  # fidelity, not rules, is under test
        out = store.export_package(Path(tmp) / "out")
        for name in [*(f"{n}.csv" for n in COLUMNS), "datapackage.json"]:
            assert (out / name).read_bytes() == (package / name).read_bytes(), name
