"""Issue 10, hole 6: attacks on import validation, each refused with nothing written.

On main, Frictionless validated the file ``datapackage.json`` names while import read
``<resource>.csv``, so a decoy path let any id in; ``$``-anchored patterns accepted an
id ending in a newline; removing ``hash`` turned the integrity check off silently; a
symlink out of the package was followed. SYNTHETIC package only (see conftest).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cli_process import cli_env, run_cli
from transplant_audit.errors import DataError
from transplant_audit.evidence.package import package_warnings, validate_package
from transplant_audit.evidence.store import Store

CYRILLIC_ID = "obs_0\u0430b1c2d3e4"  # U+0430 CYRILLIC SMALL LETTER A, looks like 'a'
SQL_ID = "obs_'; DROP TABLE observations;--"


def _with_bad_id(syn, path: Path, bad_id: str) -> Path:  # noqa: ANN001
    frames = syn.frames()
    obs = frames["observations"].copy()
    obs.loc[obs["id"] == syn.OBS["beds_b"], "id"] = bad_id
    return syn.write(path, {"observations": obs})


def _decoy(syn, tmp_path: Path, bad_id: str) -> Path:  # noqa: ANN001
    """A package whose descriptor sends validation to a valid decoy copy of observations,
    while observations.csv (what import reads) holds ``bad_id``."""
    good = syn.write(tmp_path / "good")
    pkg = _with_bad_id(syn, tmp_path / "attack", bad_id)
    (pkg / "decoy").mkdir()
    shutil.copy(good / "observations.csv", pkg / "decoy" / "observations.csv")
    desc = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    good_desc = json.loads((good / "datapackage.json").read_text(encoding="utf-8"))
    for res, good_res in zip(desc["resources"], good_desc["resources"], strict=True):
        if res["name"] == "observations":
            res.update(path="decoy/observations.csv", hash=good_res["hash"])
            res["bytes"] = good_res["bytes"]
    (pkg / "datapackage.json").write_text(json.dumps(desc, indent=2), encoding="utf-8")
    return pkg


def _refused(store: Store, pkg: Path) -> DataError:
    with pytest.raises(DataError) as info:
        store.import_package(pkg)
    assert sum(store.counts().values()) == 0  # nothing written
    return info.value


@pytest.mark.parametrize("bad_id", [CYRILLIC_ID, SQL_ID], ids=["cyrillic", "sql"])
def test_decoy_path_cannot_smuggle_an_id(syn, store: Store, tmp_path: Path, bad_id: str) -> None:  # noqa: ANN001
    pkg = _decoy(syn, tmp_path, bad_id)
    error = _refused(store, pkg)
    assert error.code in {"bad-pattern", "bad-resource-path", "hash-mismatch"}, str(error)
    codes = {e.code for e in validate_package(pkg)}
    assert {"bad-resource-path", "bad-pattern"} <= codes, codes


@pytest.mark.parametrize("bad_id", [CYRILLIC_ID, SQL_ID], ids=["cyrillic", "sql"])
def test_a_bad_id_in_the_file_is_refused(syn, store: Store, tmp_path: Path, bad_id: str) -> None:  # noqa: ANN001
    error = _refused(store, _with_bad_id(syn, tmp_path / "p", bad_id))
    assert (error.file, error.field) == ("observations.csv", "id")


def test_an_id_ending_in_a_newline_is_refused(syn, store: Store, tmp_path: Path) -> None:  # noqa: ANN001
    pkg = _with_bad_id(syn, tmp_path / "p", "obs_0123456789\n")
    assert '"obs_0123456789\n"' in (pkg / "observations.csv").read_text(encoding="utf-8")
    error = _refused(store, pkg)
    assert (error.code, error.field) == ("bad-pattern", "id"), str(error)


def test_a_removed_hash_is_said_and_a_wrong_hash_refused(
    syn,
    store: Store,
    tmp_path: Path,  # noqa: ANN001
) -> None:
    pkg = syn.write(tmp_path / "p")
    desc = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    for res in desc["resources"]:
        if res["name"] == "hospitals":
            del res["hash"]
    (pkg / "datapackage.json").write_text(json.dumps(desc, indent=2), encoding="utf-8")
    warnings = package_warnings(pkg)
    assert len(warnings) == 1 and "'hospitals' has no hash" in warnings[0]
    report = store.import_package(pkg)
    assert any("has no hash" in w for w in report.warnings)

    tampered = syn.write(tmp_path / "t")
    with open(tampered / "sources.csv", "ab") as fh:
        fh.write(b"\n")
    with pytest.raises(DataError) as info:
        Store.import_package(store, tampered)
    assert info.value.code == "hash-mismatch" and info.value.file == "sources.csv"


def test_validate_command_prints_the_missing_hash(syn, tmp_path: Path) -> None:  # noqa: ANN001
    pkg = syn.write(tmp_path / "p")
    desc = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    for res in desc["resources"]:
        res.pop("hash")
    (pkg / "datapackage.json").write_text(json.dumps(desc, indent=2), encoding="utf-8")
    proc = run_cli("validate", str(pkg), env=cli_env(COLUMNS="400"))
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.count("has no hash") == len(desc["resources"])
    assert "without a hash" in proc.stdout


def test_a_symlink_out_of_the_package_is_refused(
    syn,
    store: Store,
    tmp_path: Path,  # noqa: ANN001
) -> None:
    outside = syn.write(tmp_path / "outside")
    pkg = syn.write(tmp_path / "p")
    (pkg / "observations.csv").unlink()
    (pkg / "observations.csv").symlink_to(outside / "observations.csv")
    error = _refused(store, pkg)
    assert (error.code, error.file) == ("symlink-out", "observations.csv")
    assert [e.code for e in validate_package(pkg)] == ["symlink-out"]


def test_a_symlink_inside_the_package_is_followed(
    syn,
    store: Store,
    tmp_path: Path,  # noqa: ANN001
) -> None:
    pkg = syn.write(tmp_path / "p")
    (pkg / "copies").mkdir()
    (pkg / "observations.csv").rename(pkg / "copies" / "observations.csv")
    (pkg / "observations.csv").symlink_to(pkg / "copies" / "observations.csv")
    assert store.import_package(pkg).added["observations"] == len(syn.frames()["observations"])
