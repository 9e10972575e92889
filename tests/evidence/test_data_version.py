"""The data package's version (issue 18 item 12): stated, semver, and named by the changelog.

The packages edited here are copies of data/ in tmp_path with SYNTHETIC changes (a
made-up row, a changed value); they never enter data/.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import sys
from pathlib import Path

import pandas as pd
import pytest

from transplant_audit.errors import DataError
from transplant_audit.evidence.package import read_package, write_package

REPO = Path(__file__).resolve().parents[2]
SEMVER = re.compile(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)")


def _tool(name: str):
    spec = importlib.util.spec_from_file_location(name, REPO / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


changelog = _tool("data_changelog")


def test_datapackage_states_the_version_of_data_src_and_of_the_changelog() -> None:
    stated = json.loads((REPO / "data" / "datapackage.json").read_text("utf-8"))["version"]
    assert SEMVER.fullmatch(stated)
    assert (REPO / "data-src" / "VERSION").read_text("utf-8").strip() == stated
    newest = changelog.latest_version((REPO / "CHANGELOG-data.md").read_text("utf-8"))
    assert newest == stated, "CHANGELOG-data.md's newest entry must name data/'s version"
    assert changelog.version(REPO / "data") == stated


def test_version_survives_read_and_write(tmp_path: Path) -> None:
    evidence = read_package(REPO / "data", validate=False)
    assert evidence.version and SEMVER.fullmatch(evidence.version)
    out = write_package(evidence, tmp_path / "copy")
    assert json.loads((out / "datapackage.json").read_text("utf-8"))["version"] == evidence.version


def test_build_reads_version_and_refuses_a_malformed_one(tmp_path: Path) -> None:
    build = _tool("build_data_package")
    assert build.package_version(tmp_path) == ""  # no VERSION file: no version stated
    (tmp_path / "VERSION").write_text("2.3.4\n", "utf-8")
    assert build.package_version(tmp_path) == "2.3.4"
    (tmp_path / "VERSION").write_text("v2.3\n", "utf-8")
    with pytest.raises(DataError) as caught:
        build.package_version(tmp_path)
    assert caught.value.field == "version" and caught.value.row == 1
    assert "VERSION" in caught.value.file and "semantic version" in caught.value.reason


@pytest.mark.parametrize(
    ("old", "level", "expected"),
    [
        ("1.4.2", "major", "2.0.0"),
        ("1.4.2", "minor", "1.5.0"),
        ("1.4.2", "patch", "1.4.3"),
        ("1.4.2", "", "1.4.2"),
        ("923d64532636", "patch", "1.0.0"),
    ],
)
def test_next_version_follows_the_bump_rule(old: str, level: str, expected: str) -> None:
    assert changelog.next_version(old, level) == expected


@pytest.fixture()
def two_packages(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(REPO / "data", old)
    shutil.copytree(REPO / "data", new)
    return old, new


def _edit(root: Path, resource: str, fn) -> None:  # noqa: ANN001
    path = root / f"{resource}.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    fn(frame).to_csv(path, index=False, lineterminator="\n")


def test_changelog_lists_each_changed_figure_and_the_level(two_packages) -> None:  # noqa: ANN001
    old, new = two_packages
    tables = changelog.tables(old)
    assert changelog.level_of(changelog.diff_packages(tables, changelog.tables(new))) == ""
    first = tables["observations"].iloc[0]

    def change_value(frame: pd.DataFrame) -> pd.DataFrame:
        frame.loc[0, "value"] = "123456"  # synthetic change
        return frame

    _edit(new, "observations", change_value)
    entry = changelog.changelog_entry(
        tables, changelog.tables(new), "1.0.0", "1.0.1", changelog.DEFAULT_LIMIT
    )
    assert entry.startswith("## Data package 1.0.1 (since 1.0.0)")
    assert f"- id={first['id']}: value: {first['value']} → 123456" in entry
    diffs = changelog.diff_packages(tables, changelog.tables(new))
    assert changelog.level_of(diffs) == "patch"

    def add_row(frame: pd.DataFrame) -> pd.DataFrame:
        row = frame.iloc[[0]].copy()
        row["id"] = "obs_synthetic0"  # a made-up row
        return pd.concat([frame, row], ignore_index=True)

    _edit(new, "observations", add_row)
    assert changelog.level_of(changelog.diff_packages(tables, changelog.tables(new))) == "minor"
    _edit(new, "sources", lambda frame: frame.iloc[1:])
    diffs = changelog.diff_packages(tables, changelog.tables(new))
    assert changelog.level_of(diffs) == "major"
    entry = changelog.changelog_entry(tables, changelog.tables(new), "1.0.0", "2.0.0", 0)
    assert "- added: 1 rows, by source:" in entry  # over the limit: counted by source
    assert "### sources (0 added, 1 removed, 0 changed)" in entry
    assert "- removed: 1 rows (id " in entry  # sources have no source_id to count by


def test_entry_goes_before_the_newest_one() -> None:
    text = "# Data package changelog\n\nintro\n\n## Data package 1.0.0 (since abc)\n\n- x\n"
    out = changelog.insert_entry(text, "## Data package 1.1.0 (since 1.0.0)\n\n- y\n")
    assert changelog.latest_version(out) == "1.1.0"
    assert out.index("1.1.0") < out.index("## Data package 1.0.0")
    assert out.startswith("# Data package changelog\n\nintro\n\n")
