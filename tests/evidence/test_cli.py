"""The evidence commands through Typer's CliRunner, plus one run of the installed console script.

Read-only commands run on the bundled data/ package (real, sourced figures);
import/export use the SYNTHETIC package from conftest.py.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from transplant_audit.cli import app
from transplant_audit.errors import ConfigError
from transplant_audit.evidence.frames import COLUMNS
from transplant_audit.evidence.package import read_package

pytestmark = pytest.mark.usefixtures("quick_validation")

runner = CliRunner()


@pytest.fixture()
def env(
    tmp_path: Path,
    bundled,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> dict[str, str | None]:
    """A fresh, empty home (so commands read the bundled package) and a wide terminal.

    The bundled package is read once per module (``load_evidence``'s fallback,
    ``read_bundled``, is itself tested in test_store.py).
    """
    from transplant_audit.evidence import load

    monkeypatch.setattr(load, "read_bundled", lambda: bundled)
    return {
        "TRANSPLANT_AUDIT_HOME": str(tmp_path / "home"),
        "TRANSPLANT_AUDIT_DB": None,
        "COLUMNS": "250",
    }


@pytest.fixture(scope="module")
def bundled(bundled_dir: Path):  # type: ignore[no-untyped-def]
    from functools import partial

    from transplant_audit.evidence import package

    original = package.validate_package
    package.validate_package = partial(original, frictionless=False)
    try:
        return read_package(bundled_dir)
    finally:
        package.validate_package = original


def invoke(args: list[str], env: dict[str, str | None]):  # type: ignore[no-untyped-def]
    return runner.invoke(app, args, env=env)


def test_every_command_explains_itself(env: dict[str, str | None]) -> None:
    for command, words in {
        "import": "all or nothing",
        "export": "byte",
        "validate": "Frictionless",
        "hospitals": "--province",
        "show": "side by side",
        "sources": "--party",
    }.items():
        result = invoke([command, "--help"], env)
        assert result.exit_code == 0, result.output
        assert words in result.output, (command, result.output)
        if command not in ("validate",):
            assert "--home" in result.output and "--db" in result.output


def test_hospitals_filters_by_province(env: dict[str, str | None], bundled) -> None:  # type: ignore[no-untyped-def]
    result = invoke(["hospitals", "--province", "tianjin", "--json"], env)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    expected = set(bundled.hospitals.loc[bundled.hospitals["province"] == "Tianjin", "id"])
    assert {r["id"] for r in rows} == expected
    assert "tianjin_first_central" in expected


def test_hospitals_filters_by_indicator_and_counts(env: dict[str, str | None], bundled) -> None:  # type: ignore[no-untyped-def]
    result = invoke(["hospitals", "--indicator", "transplant_beds", "--json"], env)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    obs = bundled.observations
    with_beds = set(obs.loc[obs["indicator"] == "transplant_beds", "hospital_id"]) - {"national"}
    assert {r["id"] for r in rows} == with_beds
    for r in rows:
        mine = obs[obs["hospital_id"] == r["id"]]
        assert r["observations"] == len(mine)
        assert r["sources"] == mine["source_id"].nunique()


def test_military_and_civilian_split_the_hospitals(env: dict[str, str | None], bundled) -> None:  # type: ignore[no-untyped-def]
    military = json.loads(invoke(["hospitals", "--military", "--json"], env).output)
    civilian = json.loads(invoke(["hospitals", "--civilian", "--json"], env).output)
    assert military and civilian
    assert all(r["military"] is True for r in military)
    assert all(r["military"] is False for r in civilian)
    assert len(military) + len(civilian) == len(bundled.hospitals)
    licensed = json.loads(invoke(["hospitals", "--licensed", "--json"], env).output)
    assert licensed and all(r["licensed"] is True for r in licensed)
    not_licensed = json.loads(invoke(["hospitals", "--not-licensed", "--json"], env).output)
    assert all(r["licensed"] is False for r in not_licensed)  # 'unknown' is neither
    unknown = (bundled.hospitals["licensed"] == "unknown").sum()
    assert unknown and len(licensed) + len(not_licensed) + unknown == len(bundled.hospitals)


def test_hospitals_table_is_readable(env: dict[str, str | None]) -> None:
    result = invoke(["hospitals", "--province", "Tianjin"], env)
    assert result.exit_code == 0
    assert "Tianjin First Central Hospital" in result.output
    assert "evidence from" in result.output


def test_unknown_indicator_is_a_config_error(env: dict[str, str | None]) -> None:
    result = invoke(["hospitals", "--indicator", "transplant_bedz"], env)
    assert isinstance(result.exception, ConfigError)
    assert "unknown indicator 'transplant_bedz'" in str(result.exception)


def test_show_lists_every_sourced_figure_of_a_large_centre(
    env: dict[str, str | None],
    bundled,  # type: ignore[no-untyped-def]
) -> None:
    result = invoke(["show", "Tianjin First Central"], env)
    assert result.exit_code == 0, result.output
    out = result.output
    obs = bundled.observations[bundled.observations["hospital_id"] == "tianjin_first_central"]
    assert f"{len(obs)} observations" in out
    sources = bundled.sources.set_index("id")
    for sid in obs["source_id"].unique():
        assert sources.loc[sid, "url"] in out
    for locator in obs["locator"].dropna().unique():
        assert locator in out
    assert "conflicting figures, side by side" in out  # 500 vs 700 transplant beds
    assert "700" in out and "500" in out


def test_show_finds_by_chinese_name_and_id(env: dict[str, str | None]) -> None:
    by_zh = json.loads(invoke(["show", "天津市第一中心医院", "--json"], env).output)
    by_id = json.loads(invoke(["show", "tianjin_first_central", "--json"], env).output)
    assert by_zh["hospital"]["id"] == by_id["hospital"]["id"] == "tianjin_first_central"
    assert len(by_zh["observations"]) == len(by_id["observations"]) > 0
    values = {o["value"] for o in by_id["observations"] if o["indicator"] == "transplant_beds"}
    assert {500.0, 700.0} <= values
    conflict_ids = {o["id"] for group in by_id["conflicts"] for o in group}
    assert conflict_ids  # both sides of the disagreement are kept


def test_show_ambiguous_and_unknown_names(env: dict[str, str | None]) -> None:
    ambiguous = invoke(["show", "Tianjin"], env)
    assert isinstance(ambiguous.exception, ConfigError)
    assert "matches" in str(ambiguous.exception)
    assert "tianjin_first_central" in str(ambiguous.exception)
    unknown = invoke(["show", "no such hospital anywhere"], env)
    assert isinstance(unknown.exception, ConfigError)
    assert "no hospital matches" in str(unknown.exception)


def test_show_national(env: dict[str, str | None], bundled) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(invoke(["show", "national", "--json"], env).output)
    expected = (bundled.observations["hospital_id"] == "national").sum()
    assert len(data["observations"]) == expected


def test_sources_by_party(env: dict[str, str | None], bundled) -> None:  # type: ignore[no-untyped-def]
    rows = json.loads(invoke(["sources", "--party", "state_media", "--json"], env).output)
    expected = (bundled.sources["party"] == "state_media").sum()
    assert len(rows) == expected > 0
    assert all(r["party"] == "state_media" for r in rows)
    cited = sum(r["rows"] for r in json.loads(invoke(["sources", "--json"], env).output))
    assert cited >= len(bundled.observations)
    bad = invoke(["sources", "--party", "aliens"], env)
    assert isinstance(bad.exception, ConfigError)


def test_validate_counts_resources_and_rows(
    env: dict[str, str | None],
    bundled_dir: Path,
    bundled,  # type: ignore[no-untyped-def]
) -> None:
    result = invoke(["validate", str(bundled_dir)], env)
    assert result.exit_code == 0, result.output
    rows = sum(len(bundled.frame(n)) for n in COLUMNS)
    assert f"valid: {len(COLUMNS)} resources, {rows} rows" in result.output


def test_import_then_export_through_the_cli(
    env: dict[str, str | None],
    synthetic_package: Path,
    tmp_path: Path,
) -> None:
    first = invoke(["import", str(synthetic_package)], env)
    assert first.exit_code == 0, first.output
    assert "16 added, 0 changed, 0 unchanged" in first.output  # 2 of them licences
    second = invoke(["import", str(synthetic_package), "--json"], env)
    report = json.loads(second.output)
    assert sum(report["added"].values()) == 0 and sum(report["changed"].values()) == 0
    assert report["store"].endswith("store.sqlite")

    out = tmp_path / "exported"
    result = invoke(["export", str(out)], env)
    assert result.exit_code == 0, result.output
    for name in [*(f"{n}.csv" for n in COLUMNS), "datapackage.json"]:
        assert (out / name).read_bytes() == (synthetic_package / name).read_bytes()

    # after an import, read commands use the store, not the bundled package
    shown = json.loads(invoke(["hospitals", "--json"], env).output)
    assert {r["id"] for r in shown} == {"syn_alpha", "syn_beta"}


def test_home_and_db_options_choose_the_store(synthetic_package: Path, tmp_path: Path) -> None:
    env = {"TRANSPLANT_AUDIT_HOME": None, "TRANSPLANT_AUDIT_DB": None, "COLUMNS": "200"}
    home = tmp_path / "case-a"
    assert invoke(["import", str(synthetic_package), "--home", str(home)], env).exit_code == 0
    assert (home / "store.sqlite").is_file()
    url = f"sqlite:///{tmp_path / 'elsewhere.sqlite'}"
    assert invoke(["import", str(synthetic_package), "--db", url], env).exit_code == 0
    listed = json.loads(invoke(["hospitals", "--db", url, "--json"], env).output)
    assert len(listed) == 2


@pytest.mark.skipif(shutil.which("transplant-audit") is None, reason="console script not installed")
def test_console_script_bad_import_exits_2_with_one_line(
    syn,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    frames = syn.frames()
    obs = frames["observations"].copy()
    obs.loc[obs["id"] == syn.OBS["beds_b"], "value"] = "4.5"  # occupancy above 3
    bad = syn.write(tmp_path / "bad", {"observations": obs})
    env = {k: v for k, v in os.environ.items() if k != "TRANSPLANT_AUDIT_DB"}
    env["TRANSPLANT_AUDIT_HOME"] = str(tmp_path / "home")
    proc = subprocess.run(
        [shutil.which("transplant-audit") or "transplant-audit", "import", str(bad)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 2, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    assert "observations.csv, row" in lines[0]
    assert "field 'value'" in lines[0]
    assert "cannot exceed 3" in lines[0]
    assert "Traceback" not in proc.stderr
