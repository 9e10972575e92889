"""``explain`` lists its assumptions in the same order in every process.

The qualifier assumptions were read from a set of strings, whose order follows Python's
per-process hash seed: ``explain --json`` of the same hospital-year came out with
``at_least_max_uplift`` and ``at_most_max_shortfall`` swapped between runs (hash seeds
0 and 4 give the two orders on the old code). Each seed runs in its own process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

SCRIPT = """
import json
from transplant_audit.estimate.api import estimate
from transplant_audit.evidence.load import load_evidence

result = estimate(load_evidence(), draws=100, years="2010-2010")
d = result.explain("tianjin_first_central", 2010)
print(json.dumps([a["name"] for a in d["assumptions"]]))
"""


def _names(seed: str) -> list[str]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_assumption_order_does_not_follow_the_hash_seed() -> None:
    first, second = _names("0"), _names("4")
    assert first == second
    # the beds' floor and the occupancy's floor and ceiling (drawn together as one 'approx'
    # figure): both qualifiers' assumptions, sorted
    quals = [n for n in first if n.startswith(("approx_", "at_least_", "at_most_"))]
    assert quals == ["approx_relative_half_width", "at_least_max_uplift"]
