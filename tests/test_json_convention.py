"""One JSON convention (issue 10, hole 10): ``--json PATH`` also takes ``-`` for stdout.

``estimate``, ``explain`` and ``forensics`` write JSON to a file; with ``--json -``
stdout holds that JSON alone (tables and progress go to stderr). Commands that
print JSON keep their ``--json`` flag. On the old main ``--json -`` wrote a file
named '-'.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from transplant_audit.cli import app

runner = CliRunner()


@pytest.mark.parametrize(
    ("args", "key"),
    [
        (["estimate", "--draws", "50", "--no-sensitivity"], "national"),
        (["explain", "tianjin_first_central", "2010", "--draws", "50"], "hospital_id"),
        (["forensics", "--all"], "results"),
    ],
    ids=["estimate", "explain", "forensics"],
)
def test_json_dash_writes_only_json_to_stdout(
    args: list[str], key: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TRANSPLANT_AUDIT_HOME", str(tmp_path / "home"))
    result = runner.invoke(app, [*args, "--json", "-"])
    assert result.exit_code == 0, (result.output, result.exception)
    data = json.loads(result.stdout)  # stdout is exactly one JSON document
    assert key in data
    assert not (tmp_path / "-").exists()
    assert os.listdir(tmp_path) in ([], ["home"])
    # a path still writes the file, and the human output is back on stdout
    out = tmp_path / "r.json"
    result = runner.invoke(app, [*args, "--json", str(out)])
    assert result.exit_code == 0
    assert key in json.loads(out.read_text(encoding="utf-8"))
    assert f"wrote {out}" in result.stdout.replace("\n", "")


def test_flag_form_still_prints_json(tmp_path: Path) -> None:
    result = runner.invoke(app, ["verify", "--home", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    assert "ok" in json.loads(result.stdout)
