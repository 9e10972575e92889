"""The evidence store on SQLite and PostgreSQL: import, idempotency, updates, export, frames.

Packages used here are the SYNTHETIC one from conftest.py, plus the bundled
data/ package for the byte-for-byte round trip.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandas.testing as pdt
import pytest
from sqlalchemy import func, inspect, select

from transplant_audit.errors import ConfigError, DataError
from transplant_audit.evidence.frames import COLUMNS
from transplant_audit.evidence.package import read_package
from transplant_audit.evidence.schema import RESOURCE_MODELS, AssumptionSource, Observation
from transplant_audit.evidence.store import Store

pytestmark = pytest.mark.usefixtures("quick_validation")


def dump(store: Store) -> dict[str, list[tuple]]:
    """Every row of every core table, sorted, for before/after comparisons."""
    out = {}
    with store.session() as s:
        for name, model in RESOURCE_MODELS.items():
            rows = s.execute(select(model.__table__)).all()
            out[name] = sorted(tuple(r) for r in rows)
        out["assumption_sources"] = sorted(
            tuple(r) for r in s.execute(select(AssumptionSource.__table__)).all()
        )
    return out


def files_of(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(path.iterdir())}


def test_import_adds_every_row_then_is_idempotent(
    syn, store: Store, synthetic_package: Path
) -> None:
    first = store.import_package(synthetic_package)
    assert first.added == syn.rows
    assert first.total_changed == 0 and first.total_unchanged == 0
    assert store.counts() == syn.rows
    before = dump(store)

    second = store.import_package(synthetic_package)
    assert second.total_added == 0
    assert second.total_changed == 0
    assert second.unchanged == syn.rows
    assert dump(store) == before


def test_changed_rows_are_updated_and_counted(
    syn, store: Store, synthetic_package: Path, tmp_path: Path
) -> None:
    store.import_package(synthetic_package)
    frames = syn.frames()
    obs = frames["observations"].copy()
    obs.loc[obs["id"] == syn.OBS["beds_a_1"], "value"] = "550"
    obs.loc[obs["id"] == syn.OBS["beds_a_1"], "status"] = "verified"
    hospitals = frames["hospitals"].copy()
    hospitals.loc[hospitals["id"] == "syn_beta", "licensed"] = "unknown"
    edited = syn.write(tmp_path / "edited", {"observations": obs, "hospitals": hospitals})

    report = store.import_package(edited)
    assert report.changed == {
        "sources": 0,
        "hospitals": 1,
        "observations": 1,
        "official_series": 0,
        "claims": 0,
        "assumptions": 0,
        "reference_series": 0,
        "licences": 0,
    }
    assert report.total_added == 0
    assert report.total_unchanged == sum(syn.rows.values()) - 2
    with store.session() as s:
        row = s.get(Observation, syn.OBS["beds_a_1"])
        # an import never raises a status: 'verified' needs two-person review here
        assert row is not None and row.value == 550.0 and row.status == "extracted"
    assert report.lowered == [syn.OBS["beds_a_1"]]
    assert "imported as extracted" in report.warnings[0]
    out = store.export_package(tmp_path / "out")
    obs.loc[obs["id"] == syn.OBS["beds_a_1"], "status"] = "extracted"
    expected = syn.write(tmp_path / "expected", {"observations": obs, "hospitals": hospitals})
    assert files_of(out) == files_of(expected)


def test_import_never_raises_a_status(syn, store: Store, tmp_path: Path) -> None:
    """Hole 5c: a package row marked verified, with no review behind it, is imported as
    extracted (new row); a row the store already verified by review stays verified."""
    frames = syn.frames()
    obs = frames["observations"].copy()
    obs["status"] = "verified"
    claimed = syn.write(tmp_path / "claimed", {"observations": obs})
    report = store.import_package(claimed)
    with store.session() as s:
        statuses = {o.status for o in s.query(Observation)}
    assert statuses == {"extracted"}
    assert sorted(report.lowered) == sorted(obs["id"])
    with store.session(write=True) as s:  # as if two reviewers verified it in this store
        s.get(Observation, syn.OBS["tx_a"]).status = "verified"
    store.import_package(claimed)
    with store.session() as s:
        assert s.get(Observation, syn.OBS["tx_a"]).status == "verified"
        assert s.get(Observation, syn.OBS["beds_b"]).status == "extracted"


def test_rows_missing_from_a_later_package_are_kept(
    syn, store: Store, synthetic_package: Path, tmp_path: Path
) -> None:
    store.import_package(synthetic_package)
    frames = syn.frames()
    fewer = frames["observations"][frames["observations"]["id"] != syn.OBS["tx_a"]]
    smaller = syn.write(tmp_path / "smaller", {"observations": fewer})
    report = store.import_package(smaller)
    assert report.kept["observations"] == 1
    assert store.counts()["observations"] == syn.rows["observations"]


def test_national_observations_have_no_hospital_row(
    syn, store: Store, synthetic_package: Path
) -> None:
    store.import_package(synthetic_package)
    with store.session() as s:
        national = s.get(Observation, syn.OBS["national"])
        assert national is not None and national.hospital_id is None
        assert national.year == 2010
        tx = s.get(Observation, syn.OBS["tx_a"])
        assert tx is not None and tx.hospital_id == "syn_alpha" and tx.year == 2005
        links = s.execute(select(AssumptionSource.source_id)).scalars().all()
        assert sorted(links) == sorted([syn.S1, syn.S2])
    ev = store.evidence()
    row = ev.observations[ev.observations["id"] == syn.OBS["national"]].iloc[0]
    assert row["hospital_id"] == "national"


def test_synthetic_export_is_byte_identical(
    store: Store, synthetic_package: Path, tmp_path: Path
) -> None:
    store.import_package(synthetic_package)
    out = store.export_package(tmp_path / "exported")
    assert files_of(out) == files_of(synthetic_package)
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert leftovers == []


def test_bundled_package_round_trips_byte_for_byte(
    store: Store, bundled_dir: Path, tmp_path: Path
) -> None:
    report = store.import_package(bundled_dir)
    assert report.total_added > 0
    out = store.export_package(tmp_path / "exported")
    original = {f"{n}.csv": (bundled_dir / f"{n}.csv").read_bytes() for n in COLUMNS}
    original["datapackage.json"] = (bundled_dir / "datapackage.json").read_bytes()
    exported = files_of(out)
    for name, data in original.items():
        assert exported[name] == data, f"{name} differs after import + export"
    again = store.import_package(out)
    assert again.total_added == 0 and again.total_changed == 0


def test_export_builds_each_csv_once(
    store: Store, synthetic_package: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The export built every CSV twice (once for the digest that keeps the release's
    version, once to write it); it builds each once and writes the same bytes."""
    from transplant_audit.evidence import package

    store.import_package(synthetic_package)
    built: list[str] = []
    encode = package._csv_text

    def counting(name: str, frame: pd.DataFrame) -> str:
        built.append(name)
        return encode(name, frame)

    monkeypatch.setattr(package, "_csv_text", counting)
    out = store.export_package(tmp_path / "exported")
    assert sorted(built) == sorted(COLUMNS)
    assert files_of(out) == files_of(synthetic_package)


def test_evidence_frames_equal_read_package(store: Store, synthetic_package: Path) -> None:
    store.import_package(synthetic_package)
    from_store = store.evidence()
    from_package = read_package(synthetic_package)
    for name in COLUMNS:
        pdt.assert_frame_equal(from_store.frame(name), from_package.frame(name), obj=name)
    assert from_store.digest == from_package.digest
    assert from_store.origin.startswith(("sqlite", "postgresql"))
    assert "ta_test:ta_test@" not in from_store.origin  # password hidden


def test_export_refuses_a_non_empty_directory_unless_overwrite(
    store: Store, synthetic_package: Path, tmp_path: Path
) -> None:
    store.import_package(synthetic_package)
    target = tmp_path / "busy"
    target.mkdir()
    (target / "keep.txt").write_text("user's file", encoding="utf-8")
    with pytest.raises(ConfigError, match="not empty"):
        store.export_package(target)
    assert (target / "keep.txt").is_file()
    store.export_package(target, overwrite=True)
    assert not (target / "keep.txt").exists()
    assert files_of(target) == files_of(synthetic_package)


def test_empty_store_exports_a_package_with_headers_only(store: Store, tmp_path: Path) -> None:
    out = store.export_package(tmp_path / "empty")
    header = (out / "observations.csv").read_text(encoding="utf-8")
    assert header == ",".join(COLUMNS["observations"]) + "\n"
    assert store.has_import() is False


def test_schema_has_the_lookup_indexes(store: Store) -> None:
    insp = inspect(store.engine)
    indexes = {ix["name"]: ix["column_names"] for ix in insp.get_indexes("observations")}
    assert indexes["ix_observations_hospital_indicator_year"] == [
        "hospital_id",
        "indicator",
        "year",
    ]
    fks = {fk["referred_table"] for fk in insp.get_foreign_keys("observations")}
    assert fks == {"hospitals", "sources"}
    assert {"id"} == set(insp.get_pk_constraint("sources")["constrained_columns"])


def test_ledger_gets_one_entry_per_added_or_changed_row(
    syn, store: Store, synthetic_package: Path
) -> None:
    pytest.importorskip("transplant_audit.evidence.ledger")
    from transplant_audit.evidence.archive_schema import LedgerEntry

    store.import_package(synthetic_package)
    store.import_package(synthetic_package)
    with store.session() as s:
        kinds = s.execute(select(LedgerEntry.kind, func.count()).group_by(LedgerEntry.kind)).all()
    by_kind = dict(kinds)
    assert by_kind["observation_created"] == syn.rows["observations"]
    assert by_kind["source_added"] == syn.rows["sources"]
    assert sum(by_kind.values()) == sum(syn.rows.values())


def test_open_creates_the_home_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TRANSPLANT_AUDIT_DB", raising=False)
    home = tmp_path / "deep" / "investigation"
    with Store.open(home=home) as store:
        assert store.backend == "sqlite"
        assert store.counts()["observations"] == 0
    assert (home / "store.sqlite").is_file()


def test_unsupported_url_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unsupported database URL"):
        Store.open(url="mysql://nobody@localhost/x")


def test_import_of_a_missing_directory_names_it(store: Store, tmp_path: Path) -> None:
    with pytest.raises(DataError, match="not a directory"):
        store.import_package(tmp_path / "nope")


def test_load_evidence_prefers_an_imported_store(
    syn, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, synthetic_package: Path, bundled_dir: Path
) -> None:
    from transplant_audit.evidence.load import load_evidence

    monkeypatch.delenv("TRANSPLANT_AUDIT_DB", raising=False)
    home = tmp_path / "home"
    bundled = load_evidence(home=home)
    assert Path(bundled.origin).resolve() == bundled_dir.resolve()
    assert not home.exists(), "reading evidence must not create a store"

    with Store.open(home=home) as store:
        pass
    assert Path(load_evidence(home=home).origin).resolve() == bundled_dir.resolve()

    with Store.open(home=home) as store:
        store.import_package(synthetic_package)
    ev = load_evidence(home=home)
    assert ev.origin.startswith("sqlite:///")
    assert len(ev.observations) == syn.rows["observations"]
    assert isinstance(ev.hospitals, pd.DataFrame)


def test_unreachable_database_is_one_clear_config_error() -> None:
    with pytest.raises(ConfigError, match=r"cannot open the store at .*:\*\*\*@127\.0\.0\.1:1/"):
        Store.open(url="postgresql+psycopg://someone:secret@127.0.0.1:1/nowhere")


def test_export_states_the_version_only_while_the_store_is_that_release(
    store: Store, bundled_dir: Path, tmp_path: Path
) -> None:
    """A store that holds exactly the imported package keeps its release's version; once its
    content differs (another digest) it is no longer that release and states none."""
    import json

    from sqlalchemy import text

    store.import_package(bundled_dir)
    stated = json.loads((bundled_dir / "datapackage.json").read_text("utf-8"))["version"]
    assert stated and store.evidence().version == stated
    out = store.export_package(tmp_path / "same")
    assert json.loads((out / "datapackage.json").read_text("utf-8"))["version"] == stated
    with store.session(write=True) as s:  # the store now differs from the release
        edit = "SET note = COALESCE(note, '') || ' (edited)'"
        s.execute(text(f"UPDATE sources {edit} WHERE id = (SELECT min(id) FROM sources)"))
    assert store.evidence().version == ""
    out = store.export_package(tmp_path / "edited")
    assert "version" not in json.loads((out / "datapackage.json").read_text("utf-8"))


def test_a_re_release_with_the_same_rows_states_its_own_version(
    store: Store, bundled_dir: Path, tmp_path: Path
) -> None:
    """Importing a package whose rows the store already holds changes no row, but the store
    now holds that release: it states the new version, not the one imported before."""
    import json
    import shutil

    store.import_package(bundled_dir)
    again = tmp_path / "rerelease"
    shutil.copytree(bundled_dir, again)
    meta = json.loads((again / "datapackage.json").read_text("utf-8"))
    meta["version"] = "99.0.1"
    (again / "datapackage.json").write_text(json.dumps(meta, indent=1), "utf-8")
    report = store.import_package(again)
    assert report.total_added == 0 and report.total_changed == 0
    assert store.evidence().version == "99.0.1"
