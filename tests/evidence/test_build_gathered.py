"""The build's coverage inputs: bed scopes, derived official rows, and data-src/gathered.

The gathered files written here are SYNTHETIC (invented hospitals, example.org URLs,
made-up figures) in tmp_path; they are built on top of the real compilation in
../shared/data, and never enter data/.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from pathlib import Path

import pytest

from transplant_audit.errors import DataError
from transplant_audit.evidence.package import source_id
from transplant_audit.evidence.vocabulary import BED_INDICATORS, bed_scope_problem

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("TRANSPLANT_AUDIT_SHARED_DATA", REPO.parent / "shared" / "data"))
pytestmark = pytest.mark.skipif(
    not (SHARED / "hospital_observations.csv").is_file(),
    reason=f"the compiled figures are not at {SHARED}",
)


def _load_tool():  # type: ignore[no-untyped-def]
    if "build_data_package" in sys.modules:
        return sys.modules["build_data_package"]
    spec = importlib.util.spec_from_file_location(
        "build_data_package", REPO / "tools" / "build_data_package.py"
    )
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules["build_data_package"] = module
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


tool = _load_tool()

URL_A = "https://example.org/synthetic/licence-list-2007"
URL_B = "https://example.org/synthetic/hospital-news"
SOURCES = (
    "url,title,publisher,party,published,retrieved,language,kind,digest,note\n"
    f"{URL_A},Synthetic list,Example Ministry,chinese_official,2007,2026-12-01,zh,"
    f"official_statement,sha256:{'a' * 64},synthetic\n"
    f"{URL_B},Synthetic news,Example Daily,state_media,2015-03-02,2026-12-01,zh,news,,synthetic\n"
)
HOSPITALS = (
    "hospital_key,name_en,name_zh,province,city,military,aliases,note\n"
    "syn_new,Synthetic New Hospital,合成新医院,Hebei,Shijiazhuang,false,,synthetic\n"
    "syn_renamed,Synthetic Renamed PLA Hospital,,Beijing,Beijing,true,pla_153;No. 153,synthetic\n"
    "syn_listed,Synthetic Listed Hospital,,Hebei,Baoding,false,,synthetic\n"
)
OBS_HEADER = (
    "hospital_key,indicator,organ,period_start,period_end,as_of,value,qualifier,unit,"
    "bed_scope,source_url,locator,status,note\n"
)
OBSERVATIONS = OBS_HEADER + (
    f"syn_new,transplant_beds,kidney,,,2015,40,exact,beds,transplant_ward,{URL_B},para 2,"
    "extracted,synthetic\n"
    f"syn_new,transplant_beds,kidney,,,2015,40,exact,beds,transplant_ward,{URL_B},para 2,"
    "extracted,synthetic duplicate\n"
    f"syn_new,transplant_beds,kidney,,,2015,60,exact,beds,transplant_ward,{URL_A},item 3,"
    "extracted,synthetic conflict\n"
    f"syn_renamed,transplants_in_period,kidney,2014,2014,,120,at_least,transplants,,{URL_B},"
    "para 4,extracted,synthetic\n"
    f"pla_460,transplants_in_period,liver,2004,2004,,33,exact,transplants,,{URL_B},"
    "para 5,extracted,synthetic: keyed by a former hospital's key\n"
)
LICENCES = (
    "hospital_key,organ,list_name,list_year,licensed,source_url,locator,note\n"
    f"syn_new,kidney,Synthetic 2007 list,2007,true,{URL_A},item 3,synthetic\n"
    f"syn_listed,liver,Synthetic 2007 list,2007,true,{URL_A},item 9,synthetic\n"
    f"syn_listed,liver,Synthetic 2007 list,2007,true,{URL_A},item 9,synthetic duplicate\n"
    f"air_force_general,,Synthetic 2007 list,2007,false,{URL_A},whole list,synthetic\n"
)


def _drop_dates_of_gathered_sources(src: Path) -> None:
    """The real gathered sources are replaced by synthetic ones here, so the publication
    dates recorded for them (data-src/source_dates.csv) would name URLs that are no source,
    which the build rightly refuses: drop those rows from the copy."""
    import csv

    real = {
        r["url"]
        for r in csv.DictReader((src / "gathered" / "sources.csv").open("r", encoding="utf-8"))
    }
    dates = src / "source_dates.csv"
    with dates.open("r", encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        fields, rows = reader.fieldnames, [r for r in reader if r["url"] not in real]
    with dates.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)  # type: ignore[arg-type]
        writer.writeheader()
        writer.writerows(rows)


def _src(tmp_path: Path, **files: str) -> Path:
    """A copy of data-src with synthetic gathered files (name -> CSV text)."""
    src = tmp_path / "data-src"
    shutil.copytree(REPO / "data-src", src)
    gathered = src / "gathered"
    _drop_dates_of_gathered_sources(src)
    shutil.rmtree(gathered, ignore_errors=True)
    gathered.mkdir()
    defaults = {
        "sources": SOURCES,
        "hospitals": HOSPITALS,
        "observations": OBSERVATIONS,
        "licences": LICENCES,
    }
    for name, text in (defaults | files).items():
        (gathered / f"{name}.csv").write_text(text, encoding="utf-8")
    return src


@pytest.fixture(scope="module")
def real():  # type: ignore[no-untyped-def]
    return tool.build(SHARED, REPO / "data-src")[0]


@pytest.fixture(scope="module")
def built_gathered(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return tool.build(SHARED, _src(tmp_path_factory.mktemp("g")))


@pytest.fixture(scope="module")
def with_gathered(built_gathered):  # type: ignore[no-untyped-def]
    return built_gathered[0]


def test_merged_duplicates_are_listed_in_excluded(built_gathered) -> None:  # type: ignore[no-untyped-def]
    merged = [r for r in built_gathered[1] if r["file"].startswith("data-src/gathered/")]
    assert {(r["file"], r["row"], r["reason"]) for r in merged} == {
        ("data-src/gathered/observations.csv", "3", "duplicate of row 2, merged"),
        ("data-src/gathered/licences.csv", "4", "duplicate of row 3, merged"),
    }


def test_every_bed_figure_has_a_consistent_scope(real) -> None:  # type: ignore[no-untyped-def]
    obs = real.observations
    beds = obs[obs["indicator"].isin(BED_INDICATORS)]
    assert len(beds) >= 160
    assert all(
        bed_scope_problem(i, s) is None
        for i, s in zip(beds["indicator"], beds["bed_scope"], strict=True)
    )
    assert (obs.loc[~obs["indicator"].isin(BED_INDICATORS), "bed_scope"] == "").all()
    assert (beds["bed_scope"] == "unknown").mean() <= 0.05
    # the figures the issue names are not transplant beds
    big = beds.set_index(["hospital_id", "value"])["bed_scope"]
    assert big[("jnu_first", 1300.0)] == "building"
    assert big[("wuhan_union", 1050.0)] == "building"
    assert big[("csu_xiangya3", 1000.0)] == "building"
    assert big[("lanzhou_mil_general", 900.0)] == "building"
    assert big[("pku_third", 470.0)] == "building"
    assert big[("pla_180", 180.0)] == "other_department"  # an eye hospital
    assert beds["note"].str.contains("bed scope").sum() >= 150


def test_derived_2012_and_stated_2013(real) -> None:  # type: ignore[no-untyped-def]
    off = real.official_series
    donors = off[off["series"] == "national_deceased_donors"]
    row = donors[donors["year"] == 2012].iloc[0]
    assert row["value"] == 426 and bool(row["derived"])
    assert "1441" in row["note"] and "- 849" in row["note"] and "= 426" in row["note"]
    assert 849 in set(donors.loc[donors["year"] == 2013, "value"])
    assert int(off["derived"].astype(bool).sum()) == 1


def test_licensed_is_never_empty(real) -> None:  # type: ignore[no-untyped-def]
    assert set(real.hospitals["licensed"]) <= {"true", "false", "unknown"}


def test_gathered_rows_enter_the_package(with_gathered) -> None:  # type: ignore[no-untyped-def]
    hosp = with_gathered.hospitals.set_index("id")
    obs = with_gathered.observations
    # a new hospital: sourced by its first figure, licensed from the list
    assert hosp.loc["syn_new", "licensed"] == "true"
    assert hosp.loc["syn_new", "source_id"] == source_id(URL_B)
    assert hosp.loc["syn_listed", "licensed"] == "true"  # on a list, no figure: still a row
    assert hosp.loc["syn_listed", "licensed_organs"] == "liver"
    assert hosp.loc["air_force_general", "licensed"] == "false"  # absent from the list
    # duplicates merged, conflicts kept side by side
    beds = obs[(obs["hospital_id"] == "syn_new") & (obs["indicator"] == "transplant_beds")]
    assert sorted(beds["value"]) == [40.0, 60.0]
    assert len(with_gathered.licences) == 3
    # the renamed hospital is one row: its observations go to the existing id
    assert "syn_renamed" not in hosp.index
    assert "syn_renamed" in hosp.loc["pla_153", "aliases"].split(";")
    renamed = obs[(obs["hospital_id"] == "pla_153") & (obs["value"] == 120.0)]
    assert list(renamed["qualifier"]) == ["at_least"]
    # a former key listed in data-src/hospital_aliases.csv resolves to today's hospital
    assert hosp.loc["pla_153", "aliases"].startswith("pla_460;PLA No. 460 Hospital")
    former = obs[(obs["hospital_id"] == "pla_153") & (obs["value"] == 33.0)]
    assert list(former["organ"]) == ["liver"]
    # the captured page's digest reaches the source row
    src = with_gathered.sources.set_index("id")
    assert src.loc[source_id(URL_A), "digest"] == "sha256:" + "a" * 64


@pytest.mark.parametrize(
    ("file", "row", "field", "text"),
    [
        (
            "observations",
            2,
            "hospital_key",
            OBS_HEADER + f"syn_nowhere,transplant_beds,,,,2015,1,exact,beds,unknown,{URL_B},p,,\n",
        ),
        (
            "observations",
            2,
            "bed_scope",
            OBS_HEADER + f"syn_new,transplant_beds,,,,2015,1,exact,beds,,{URL_B},p,,\n",
        ),
        (
            "observations",
            2,
            "bed_scope",
            OBS_HEADER
            + f"syn_new,transplant_beds,,,,2015,1,exact,beds,whole_hospital,{URL_B},p,,\n",
        ),
        (  # a day the calendar has not (2015-02-30) is refused, as in source_dates.csv
            "observations",
            2,
            "as_of",
            OBS_HEADER
            + f"syn_new,transplant_beds,,,,2015-02-30,1,exact,beds,unknown,{URL_B},p,,\n",
        ),
        (
            "observations",
            2,
            "unit",
            OBS_HEADER + f"syn_new,transplant_beds,,,,2015,1,exact,rooms,unknown,{URL_B},p,,\n",
        ),
        (
            "observations",
            2,
            "source_url",
            OBS_HEADER + "syn_new,transplant_beds,,,,2015,1,exact,beds,unknown,"
            "https://example.org/synthetic/uncited,p,,\n",
        ),
        (
            "observations",
            2,
            "locator",
            OBS_HEADER + f"syn_new,transplant_beds,,,,2015,1,exact,beds,unknown,{URL_B},,,\n",
        ),
        (
            "licences",
            2,
            "licensed",
            "hospital_key,organ,list_name,list_year,licensed,source_url,locator,note\n"
            f"syn_new,kidney,Synthetic list,2007,maybe,{URL_A},item 1,\n",
        ),
        (
            "hospitals",
            2,
            "military",
            "hospital_key,name_en,name_zh,province,city,military,aliases,note\n"
            "syn_new,Synthetic New Hospital,,Hebei,Shijiazhuang,no,,\n",
        ),
    ],
)
def test_bad_gathered_row_is_one_clear_error(
    tmp_path: Path, file: str, row: int, field: str, text: str
) -> None:
    extra = {"licences": LICENCES.splitlines()[0] + "\n"} if file == "observations" else {}
    with pytest.raises(DataError) as info:
        tool.build(SHARED, _src(tmp_path, **({file: text} | extra)))
    error = info.value
    assert (error.file, error.row, error.field) == (f"data-src/gathered/{file}.csv", row, field)
    assert "\n" not in str(error)


def test_hospital_nothing_cites_is_refused(tmp_path: Path) -> None:
    src = _src(
        tmp_path,
        observations=OBS_HEADER,
        licences=LICENCES.splitlines()[0] + "\n",
    )
    with pytest.raises(DataError) as info:
        tool.build(SHARED, src)
    assert info.value.field == "hospital_key" and info.value.code == "missing-source-id"


def test_stale_bed_scope_mapping_is_refused(tmp_path: Path) -> None:
    src = _src(tmp_path)
    path = src / "bed_scopes.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = "obs_ffffffffff" + lines[1][len("obs_ffffffffff") :]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        tool.build(SHARED, src)
    assert (info.value.file, info.value.row, info.value.field) == (
        "data-src/bed_scopes.csv",
        2,
        "observation_id",
    )


def test_publisher_table_is_data_and_checked(tmp_path: Path) -> None:
    table = tool.load_publishers(REPO / "data-src" / "publishers.csv")
    assert len(table) >= 100 and table[0][0] == "chinaorganharvest.org"
    assert tool.classify_url("https://www.chinaorganharvest.org/x", table)[1] == "investigators"
    bad = tmp_path / "publishers.csv"
    bad.write_text(
        ",".join(tool.PUBLISHERS_HEADER) + "\nexample.org,Synthetic,aliens,web,en,,synthetic\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as info:
        tool.load_publishers(bad)
    assert (info.value.row, info.value.field, info.value.code) == (2, "party", "unknown-party")
