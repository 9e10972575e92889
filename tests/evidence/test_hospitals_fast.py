"""`hospitals` reads the bundled CSV files directly once the package was validated (issue 18).

The direct path must list exactly what the pandas path lists, for every filter, and
must not import pandas; a store, or a package not yet validated, uses the pandas path.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from transplant_audit.cli import app
from transplant_audit.evidence import commands, load

FILTERS = [
    {},
    {"province": "tianjin"},
    {"province": " Shanghai "},
    {"indicator": "transplant_beds"},
    {"military": True},
    {"military": False, "licensed": True},
    {"licensed": False},
    {"province": "Nowhere"},
]


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TRANSPLANT_AUDIT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("TRANSPLANT_AUDIT_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("TRANSPLANT_AUDIT_DB", raising=False)
    return tmp_path / "cache"


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: ",".join(map(str, f.items())) or "all")
def test_csv_rows_list_the_same_hospitals_as_the_typed_frames(
    cache: Path, filters: dict[str, object]
) -> None:
    evidence = load.read_bundled()
    root = load.validated_bundled_dir()
    assert root is not None
    direct = commands.hospital_rows(
        load.read_rows(root, "hospitals"),
        load.read_rows(root, "observations", commands.HOSPITAL_OBSERVATION_COLUMNS),
        **filters,
    )
    typed = commands.hospital_table(evidence, **filters)
    assert direct == json.loads(typed.to_json(orient="records", force_ascii=False))
    if not filters:
        assert len(direct) == len(evidence.hospitals) > 100
        assert sum(r["observations"] for r in direct) > 500


def test_not_validated_means_no_direct_path(cache: Path) -> None:
    assert load.validated_bundled_dir() is None
    load.read_bundled()
    assert load.validated_bundled_dir() is not None


@pytest.mark.parametrize("args", [[], ["--json"], ["--province", "Tianjin"], ["--military"]])
def test_command_output_is_unchanged_by_the_direct_path(
    cache: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    runner = CliRunner()
    env = {"COLUMNS": "200"}
    first = runner.invoke(app, ["hospitals", *args], env=env)  # validates: pandas path
    assert first.exit_code == 0, first.output
    assert load.validated_bundled_dir() is not None
    direct = runner.invoke(app, ["hospitals", *args], env=env)
    assert direct.exit_code == 0, direct.output
    assert direct.output == first.output
    monkeypatch.setattr(load, "validated_bundled_dir", lambda: None)
    typed = runner.invoke(app, ["hospitals", *args], env=env)
    assert typed.output == direct.output


def test_listing_after_validation_does_not_import_pandas(cache: Path) -> None:
    load.read_bundled()  # the validation record the second command relies on
    code = (
        "import sys\n"
        "from transplant_audit.cli import app\n"
        "try:\n"
        "    app(['hospitals', '--province', 'Tianjin', '--json'])\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        "print('PANDAS' if 'pandas' in sys.modules else 'NO-PANDAS')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    *listing, verdict = out.stdout.strip().splitlines()
    assert verdict == "NO-PANDAS"
    rows = json.loads("\n".join(listing))
    assert rows and all(r["province"] == "Tianjin" for r in rows)
