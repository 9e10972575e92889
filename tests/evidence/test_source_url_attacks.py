"""A data package whose source URL is script (x7's adversarial audit).

On main ``import DIR`` stored a source URL ``javascript:alert(document.cookie)//`` or
``data:text/html,...`` without a word; the workbench then made it a live link. The
package rules now accept only absolute http(s) URLs (the rule ``capture --url`` and the
report use, ``transplant_audit.urls``), with one line naming file, row, field and reason,
exit 2, and nothing imported. The package is the bundled one with one URL replaced:
a SYNTHETIC attack.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from transplant_audit.paths import bundled_package_dir

SCRIPT = shutil.which("transplant-audit")


def _package_with_url(dest: Path, url: str) -> Path:
    shutil.copytree(bundled_package_dir(), dest)
    desc = json.loads((dest / "datapackage.json").read_text("utf-8"))
    for res in desc["resources"]:  # the edit below changes the bytes: drop hash and size
        res.pop("hash", None)
        res.pop("bytes", None)
    (dest / "datapackage.json").write_text(json.dumps(desc, indent=1), "utf-8")
    with (dest / "sources.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    rows[1][rows[0].index("url")] = url
    with (dest / "sources.csv").open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    return dest


@pytest.mark.parametrize(
    "url", ["javascript:alert(document.cookie)//", "data:text/html,<script>alert(1)</script>"]
)
def test_a_script_source_url_is_refused_and_nothing_imported(tmp_path: Path, url: str) -> None:
    assert SCRIPT is not None, "transplant-audit console script not on PATH"
    pkg = _package_with_url(tmp_path / "pkg", url)
    env = {**os.environ, "TRANSPLANT_AUDIT_HOME": str(tmp_path / "home")}
    r = subprocess.run(
        [SCRIPT, "import", str(pkg)], env=env, capture_output=True, text=True, timeout=300
    )
    assert r.returncode == 2, r.stdout + r.stderr
    assert "Traceback" not in r.stderr
    assert "sources.csv" in r.stderr and "row 2" in r.stderr and "field 'url'" in r.stderr
    assert "[bad-url]" in r.stderr
    h = subprocess.run(
        [SCRIPT, "hospitals", "--json"], env=env, capture_output=True, text=True, timeout=300
    )
    assert h.returncode == 0 and "tianjin_first_central" in h.stdout  # the bundled fallback
    assert not (tmp_path / "home" / "store.sqlite").exists() or "javascript" not in (
        tmp_path / "home" / "store.sqlite"
    ).read_bytes().decode("latin-1")


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("file:///home/reviewer/captures/report.pdf", True),  # what `capture PATH` records
        ("https://example.org/a", True),
        ("file:///tmp/a b.pdf", False),  # whitespace
        ("file://host/share/a.pdf", False),  # a remote file share is not a captured path
        ("javascript:alert(1)//", False),
        ("data:text/html,<script>alert(1)</script>", False),
    ],
)
def test_source_urls_a_package_accepts(tmp_path: Path, url: str, ok: bool) -> None:
    """A package exported after capturing a local document names it by its file:// URI and
    must validate (``export`` then ``validate_package``); script schemes stay refused."""
    from transplant_audit.evidence.package import validate_package

    problems = validate_package(_package_with_url(tmp_path / "pkg", url))
    assert (problems == []) is ok, problems
    if not ok:
        assert [e.code for e in problems] == ["bad-url"]
