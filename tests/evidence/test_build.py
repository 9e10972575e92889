"""tools/build_data_package.py: rebuilds data/ exactly, and its normalisation rules.

Tests that rebuild from the real compilation need ../shared/data and skip with a
reason when it is absent. Curated-input files made here (data-src copies in
tmp_path) are SYNTHETIC and say so.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from pathlib import Path

import pytest

from transplant_audit.errors import DataError
from transplant_audit.evidence.package import RESOURCES, source_id, write_package

REPO = Path(__file__).resolve().parents[2]
# the compiled figures sit beside the repository; a worktree elsewhere names them
SHARED = Path(os.environ.get("TRANSPLANT_AUDIT_SHARED_DATA", REPO.parent / "shared" / "data"))
needs_shared = pytest.mark.skipif(
    not (SHARED / "hospital_observations.csv").is_file(),
    reason=f"the compiled figures are not at {SHARED}",
)


def _load_tool():
    spec = importlib.util.spec_from_file_location(
        "build_data_package", REPO / "tools" / "build_data_package.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_data_package"] = module
    spec.loader.exec_module(module)
    return module


tool = _load_tool()


@needs_shared
def test_rebuild_reproduces_data_byte_for_byte(tmp_path: Path) -> None:
    evidence, excluded = tool.build(SHARED, REPO / "data-src")
    write_package(evidence, tmp_path)
    (tmp_path / "EXCLUDED.csv").write_bytes(tool.excluded_csv(excluded))
    names = [f"{n}.csv" for n in RESOURCES] + ["datapackage.json", "EXCLUDED.csv"]
    for name in names:
        assert (tmp_path / name).read_bytes() == (REPO / "data" / name).read_bytes(), (
            f"data/{name} is out of date: run python tools/build_data_package.py"
        )


@needs_shared
def test_build_is_deterministic(tmp_path: Path) -> None:
    for sub in ("a", "b"):
        evidence, _ = tool.build(SHARED, tmp_path / "no-src")
        write_package(evidence, tmp_path / sub)
    for name in [f"{n}.csv" for n in RESOURCES] + ["datapackage.json"]:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


@needs_shared
def test_normalisation_of_real_rows() -> None:
    evidence, excluded = tool.build(SHARED, REPO / "data-src")
    obs = evidence.observations
    # weeks and months become days, the wording stays in note
    waits = obs[obs["indicator"] == "wait_time_days"]
    assert len(waits) >= 29
    converted = waits[waits["note"].str.contains("converted to days")]
    assert any(abs(v - 21.0) < 1e-9 for v in converted["value"])  # 3 weeks
    assert any(abs(v - 30.4375) < 1e-9 for v in converted["value"])  # 1 month
    # licences split per organ, other multi-organ figures stay one 'multi' row
    lic = obs[(obs["indicator"] == "approved_transplant_licence")]
    assert "multi" not in set(lic["organ"])
    assert (obs["organ"] == "multi").sum() >= 10
    # every excluded row names file, row and a reason
    assert excluded and all(r["file"] and r["reason"] and int(r["row"]) >= 0 for r in excluded)
    assert {r["what"].split()[1] for r in excluded if r["file"] == "hospital_observations.csv"} >= {
        "transplant_categories"
    }
    # the hospital without a profile page keeps a source (from its observation)
    youan = evidence.hospitals.set_index("id").loc["bj_youan"]
    assert youan["source_id"] in set(evidence.sources["id"])


@needs_shared
def test_curated_url_without_source_row_is_an_error(tmp_path: Path) -> None:
    src = tmp_path / "data-src"
    src.mkdir()
    # synthetic curated input citing a URL that is in no source list
    (src / "reference_series.csv").write_text(
        "country,series,year,value,unit,source_url,locator,note\n"
        "Spain,deceased_donors,2015,1851,donors,"
        "https://example.org/synthetic/unknown,t. 1,synthetic\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as info:
        tool.build(SHARED, src)
    assert info.value.row == 2
    assert info.value.field == "source_url"
    assert info.value.file.endswith("reference_series.csv")
    assert info.value.code == "unknown-source-url"
    # the same URL listed in extra_sources.csv resolves
    (src / "extra_sources.csv").write_text(
        "url,title,publisher,party,published,retrieved,language,kind,note\n"
        "https://example.org/synthetic/unknown,Synthetic,Example,other,2020,,en,registry,synthetic\n",
        encoding="utf-8",
    )
    evidence, _ = tool.build(SHARED, src)
    ref = evidence.reference_series
    assert list(ref["source_id"]) == [source_id("https://example.org/synthetic/unknown")]
    row = evidence.sources.set_index("id").loc[source_id("https://example.org/synthetic/unknown")]
    assert row["kind"] == "registry" and row["published"] == "2020"


@needs_shared
def test_assumption_source_urls_resolve(tmp_path: Path) -> None:
    src = tmp_path / "data-src"
    src.mkdir()
    url = "https://endtransplantabuse.org/an-update-chapter-seven-volume-indicators/"
    # synthetic assumption row citing a real compiled URL
    (src / "assumptions.csv").write_text(
        "name,distribution,low,mode,high,unit,applies_to,justification,source_urls\n"
        f"syn_param,uniform,1,,2,fraction,all,synthetic test row,{url}\n",
        encoding="utf-8",
    )
    evidence, _ = tool.build(SHARED, src)
    assert list(evidence.assumptions["source_ids"]) == [source_id(url)]


def test_missing_shared_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DataError) as info:
        tool.build(tmp_path / "absent", tmp_path)
    assert info.value.code == "no-input"


@pytest.mark.parametrize(
    ("text", "start", "end", "as_of", "point"),
    [
        ("2010", "", "", "", "2010"),
        ("2003-2006", "2003", "2006", "", ""),
        ("2004-03", "", "", "", "2004-03"),
        ("2014-07 to 2021-03", "2014-07", "2021-03", "", ""),
        ("as of 2007-09", "", "", "2007-09", ""),
        ("phone inquiry reported 2024-06", "", "", "2024-06", ""),
        ("by 2005", "", "", "2005", ""),
        ("end 2016", "", "", "2016", ""),
        ("after 2006-09", "2006-09", "", "", ""),
        ("before 2019-10", "", "2019-10", "", ""),
        ("since 2000 (to profile date)", "2000", "", "", ""),
        ("week to 2014-01-30", "2014-01-24", "2014-01-30", "", ""),
        ("10 consecutive years to 2023", "2014", "2023", "", ""),
        ("c. 2019", "", "", "", "2019"),
        ("2005 (July)", "", "", "", "2005-07"),
        ("to 2016-05-05", "", "2016-05-05", "", ""),
        ("10th five-year plan", "2001", "2005", "", ""),
        ("2000s", "2000", "2009", "", ""),
        ("two years before profile date", "", "", "", ""),
    ],
)
def test_parse_period(text: str, start: str, end: str, as_of: str, point: str) -> None:
    p = tool.parse_period(text)
    assert (p.start, p.end, p.as_of, p.point) == (start, end, as_of, point)


def test_parse_period_marks_reworded_periods_unclean() -> None:
    assert tool.parse_period("2003-2006").clean
    assert tool.parse_period("as of 2007-09").clean
    assert not tool.parse_period("c. 2019").clean
    assert not tool.parse_period("at opening (date not stated)").clean


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (("'more than 48,000'",), "at_least"),
        (("'over 4,000' employees",), "at_least"),
        (("Qi Zhongquan participated >500",), "at_least"),
        (("'usually 70 or more' in 46 beds",), "at_least"),
        (("organ tx centre income, half year; expected >30M for 2004",), "exact"),
        (("source calls it '101% turnover rate'",), "exact"),
        (("'about one month'",), "approx"),
        (("Chen Xinguo participated in nearly 2,000 in 13 years",), "approx"),
        (("3-4 weeks (upper)",), "at_most"),
        (("lower end of stated 1-2 months",), "at_least"),
        (("later website: ~2,000; lower than 2013 figure",), "approx"),
        (("", "transplants (cumulative; '2.53余万')"), "at_least"),
        (("", "hospitals"), "exact"),
    ],
)
def test_qualifier_from_wording(texts: tuple[str, ...], expected: str) -> None:
    assert tool.qualifier_from(*texts) == expected


@pytest.mark.parametrize(
    ("url", "party", "kind"),
    [
        ("https://www.chinaorganharvest.org/hospitals/x/", "investigators", "report"),
        ("https://endtransplantabuse.org/an-update/", "investigators", "report"),
        ("https://www.globaltimes.cn/content/1.shtml", "state_media", "news"),
        ("https://global.chinadaily.com.cn/a/2017-08/04/x.htm", "state_media", "news"),
        ("https://bmcmedethics.biomedcentral.com/articles/1", "academic", "journal"),
        ("https://en.minghui.org/html/articles/1.html", "falun_gong_affiliated", "news"),
        ("https://unknown.example/page", "other", "web"),
    ],
)
def test_classify_url(url: str, party: str, kind: str) -> None:
    _, got_party, got_kind, _ = tool.classify_url(url)
    assert (got_party, got_kind) == (party, kind)


def test_url_date_and_french_profile() -> None:
    assert (
        tool.url_date("http://news.gscn.com.cn/system/2018/05/05/011943487.shtml") == "2018-05-05"
    )
    assert (
        tool.url_date("https://global.chinadaily.com.cn/china/2017-08/04/content_1.htm")
        == "2017-08-04"
    )
    assert tool.url_date("https://example.org/no/date/here") == ""
    assert tool.classify_url("https://www.chinaorganharvest.org/fr/hospitals/a/")[3] == "fr"


def test_cli_check_detects_stale_output(tmp_path: Path) -> None:
    if not (SHARED / "hospital_observations.csv").is_file():
        pytest.skip(f"the compiled figures are not at {SHARED}")
    out = tmp_path / "data"
    shutil.copytree(REPO / "data", out)
    assert tool.main(["--out", str(out), "--check"]) == 0
    (out / "claims.csv").write_bytes(b"stale\n")
    assert tool.main(["--out", str(out), "--check"]) == 1


def test_published_date_from_locator_only_for_dated_news() -> None:
    book = tool.SourceBook()
    news = "https://www.taiwannews.com.tw/en/news/4334184"
    report = "https://endtransplantabuse.org/an-update-chapter-eight-cover-up/image677-web/"
    for url, locator in (
        (news, "Taiwan News 2021-11-03, para 4"),
        (news, "para 4"),
        (report, "dept update 2015-03-31, image caption"),
    ):
        book.add_cited(url)
        book.note_locator(url, locator)
    book.apply_locator_dates()
    assert book.rows[source_id(news)]["published"] == "2021-11-03"
    assert "locator" in book.rows[source_id(news)]["note"]
    assert book.rows[source_id(report)]["published"] == ""  # a report, not a news page
    # two different dates for one page: no guess
    other = "https://praguemonitor.com/?p=1"
    book.add_cited(other)
    book.note_locator(other, "news report 2015-03-25, paras 1-3")
    book.note_locator(other, "news report 2015-03-26, para 4")
    book.apply_locator_dates()
    assert book.rows[source_id(other)]["published"] == ""


def _synthetic_shared(root: Path) -> Path:
    """A tiny SYNTHETIC stand-in for ../shared/data (invented hospitals and example.org URLs)."""
    root.mkdir(parents=True)
    u1, u2, u3 = (f"https://example.org/synthetic/{n}" for n in ("a", "b", "c"))
    files = {
        "hospitals.csv": (
            "hospital_key,name_en,province,city,organs_mentioned,approved,military,profile_url\n"
            f"syn_a,Synthetic A Hospital,Tianjin,Tianjin,liver;heart-lung;islet,unknown,yes,{u1}\n"
            "syn_b,Synthetic B Hospital,Beijing,Beijing,kidney,no,no,\n"
        ),
        "hospital_observations.csv": (
            "hospital_key,hospital_name_en,hospital_name_zh,province,city,indicator,organ,value,"
            "unit,period,source_url,locator,note\n"
            f"syn_a,A,合成甲,Tianjin,Tianjin,transplant_beds,,500,beds,as of 2006-09,{u2},p1,"
            "'more than 500'\n"
            f"syn_a,A,合成甲,Tianjin,Tianjin,transplant_beds,,500,beds,as of 2006-09,{u2},p1,"
            "'more than 500'\n"
            f"syn_a,A,,Tianjin,Tianjin,wait_time_weeks,liver,2,weeks,2003-2006,{u2},p2,\n"
            f"syn_a,A,,Tianjin,Tianjin,approved_transplant_licence,liver;kidney,1,flag,2007,{u1},"
            "intro,\n"
            f"syn_a,A,,Tianjin,Tianjin,transplant_categories,,9,types,,{u1},intro,\n"
            f"syn_a,A,,Tianjin,Tianjin,transplants_cumulative,spleen,3,transplants,,{u1},x,\n"
            f"syn_b,B,合成乙,Beijing,Beijing,transplants_in_period,liver;kidney,40,transplants,"
            f"2010,{u3},para 2,about 40\n"
        ),
        "national_figures.csv": (
            "quantity,year_or_period,value_low,value_high,unit,claimant,source_url,locator\n"
            f"transplants,2016,60000,100000,transplants/yr,Kilgour-Gutmann-Matas 2016,{u1},ch. 1\n"
            f"donors,2015,2766,2766,donors (about),official/Chinese government,{u3},para 1\n"
        ),
        "official_series_reported.csv": (
            "dataset,year,quantity,value,unit,source_url,locator\n"
            f"ext_national_deceased_donors,2017,deceased_donors,5135,donors,{u3},a\n"
            f"ext_national_deceased_donors,2017,deceased_donors_alt,5148,donors,{u2},b\n"
            f"ext_national_deceased_donors,2017,unmapped_quantity,1,donors,{u2},c\n"
        ),
        "official_2016_totals.csv": "dataset,year,quantity,value,unit,source_url,locator\n",
        "model_parameters.csv": (
            "parameter,value_low,value_high,unit,organ,period,scope,source_url,locator,note\n"
        ),
        "parameters_matching_tourism.csv": (
            "topic,quantity,value,unit,population_or_place,period,source_url,locator,note\n"
        ),
    }
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_build_from_synthetic_shared_folder(tmp_path: Path) -> None:
    shared = _synthetic_shared(tmp_path / "shared")
    evidence, excluded = tool.build(shared, tmp_path / "no-src")
    obs = evidence.observations.set_index("indicator", drop=False)
    # the duplicate row is left out with its line, the rest kept
    reasons = {(r["row"], r["reason"]) for r in excluded}
    assert ("3", "exact duplicate of row 2") in reasons
    assert any(r["row"] == "6" and "types" in r["reason"] for r in excluded)
    assert any(r["row"] == "7" and "organ 'spleen'" in r["reason"] for r in excluded)
    assert any(r["file"] == "official_series_reported.csv" and r["row"] == "4" for r in excluded)
    beds = evidence.observations[evidence.observations["indicator"] == "transplant_beds"]
    assert list(beds["qualifier"]) == ["at_least"] and list(beds["as_of"]) == ["2006-09"]
    wait = obs.loc["wait_time_days"]
    assert wait["value"] == 14.0 and (wait["period_start"], wait["period_end"]) == ("2003", "2006")
    lic = evidence.observations[evidence.observations["indicator"] == "approved_transplant_licence"]
    assert sorted(lic["organ"]) == ["kidney", "liver"]
    multi = obs.loc["transplants_in_period"]
    assert multi["organ"] == "multi" and multi["qualifier"] == "approx"
    assert (multi["period_start"], multi["period_end"]) == ("2010", "2010")
    hosp = evidence.hospitals.set_index("id")
    assert bool(hosp.loc["syn_a", "licensed"])  # unknown in hospitals.csv, flag 1 observed
    assert hosp.loc["syn_a", "licensed_organs"] == "kidney;liver"
    assert hosp.loc["syn_a", "licence_year"] == "2007"
    assert hosp.loc["syn_a", "organs_mentioned"] == "heart_lung;liver"
    assert "islet" in hosp.loc["syn_a", "note"]
    assert hosp.loc["syn_a", "name_zh"] == "合成甲"
    # no profile page: the source of its first observation
    assert hosp.loc["syn_b", "source_id"] == source_id("https://example.org/synthetic/c")
    claims = evidence.claims.set_index("quantity")
    assert claims.loc["transplants", "party"] == "investigators"
    assert claims.loc["transplants", "unit"] == "transplants/year"
    assert claims.loc["donors", "qualifier"] == "approx"
    off = evidence.official_series
    assert sorted(off["value"]) == [5135.0, 5148.0]
    assert set(off["series"]) == {"national_deceased_donors"}
    # what is written is a valid package
    from transplant_audit.evidence.package import validate_package

    out = write_package(evidence, tmp_path / "out")
    assert validate_package(out, frictionless=False) == []


@pytest.mark.parametrize(
    ("dataset", "quantity", "unit", "expected"),
    [
        (
            "ext_national_deceased_donors",
            "deceased_donors",
            "donors",
            ("national_deceased_donors", "exact", False),
        ),
        (
            "ext_national_deceased_donors",
            "deceased_donors_to_16Nov",
            "donors (partial year)",
            ("national_deceased_donors", "exact", True),
        ),
        (
            "ext_national_deceased_donors",
            "deceased_donors_Q1toQ3",
            "donors (partial year)",
            ("national_deceased_donors", "exact", True),
        ),
        (
            "ext_national_deceased_donors",
            "organs_donated_approx",
            "organs (approx, 'some')",
            ("national_organs_donated", "approx", False),
        ),
        (
            "ext_national_deceased_donors",
            "cumulative_donors_to_30Sep2016",
            "donors (cumulative)",
            ("national_deceased_donors_cumulative", "exact", False),
        ),
        (
            "ext_national_transplants",
            "transplants_total",
            "transplants",
            ("national_transplants", "exact", False),
        ),
        (
            "ext_national_transplants",
            "transplants_total_lower_bound",
            "transplants (lower bound, 'over')",
            ("national_transplants", "at_least", False),
        ),
        (
            "ext_redcross_website_counter",
            "transplants_at_7Apr2014",
            "transplants (cumulative)",
            ("redcross_counter_transplants_cumulative", "exact", False),
        ),
        (
            "ext_redcross_website_counter",
            "registrants_added_31Dec2015",
            "persons (one-day jump)",
            ("redcross_counter_registrants_added_one_day", "exact", True),
        ),
        (
            "ext_guangdong_redcross_donors",
            "deceased_donors",
            "donors",
            ("guangdong_redcross_donors", "exact", False),
        ),
        (
            "ext_redcross_registrations",
            "registrations_as_worded",
            "persons (CODAC; annual vs cumulative unclear in wording)",
            ("redcross_registrations", "exact", False),
        ),
        (
            "robertson2019_table7_transplant_totals",
            "lung_transplants",
            "organ transplants",
            ("national_transplants_lung", "exact", False),
        ),
    ],
)
def test_map_series(dataset: str, quantity: str, unit: str, expected: tuple) -> None:
    series, _, qualifier, partial, _ = tool.map_series(dataset, quantity, unit)
    assert (series, qualifier, partial) == expected


def test_map_series_unknown_is_none() -> None:
    assert tool.map_series("some_other_dataset", "deceased_donors", "donors") is None
    assert tool.map_series("ext_national_transplants", "mystery_count", "things") is None


@needs_shared
def test_curated_official_series_needs_known_urls(tmp_path: Path) -> None:
    src = tmp_path / "data-src"
    src.mkdir()
    # synthetic curated official figure
    (src / "official_series.csv").write_text(
        "dataset,year,quantity,value,unit,source_url,locator\n"
        "ext_national_deceased_donors,2030,deceased_donors,1,donors,"
        "https://example.org/synthetic/official,p. 1\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as info:
        tool.build(SHARED, src)
    assert (info.value.row, info.value.field, info.value.code) == (
        2,
        "source_url",
        "unknown-source-url",
    )


def test_curated_hospital_observations_and_claims(tmp_path: Path) -> None:
    shared = _synthetic_shared(tmp_path / "shared")
    src = tmp_path / "data-src"
    src.mkdir()
    header = (shared / "hospital_observations.csv").read_text(encoding="utf-8").splitlines()[0]
    new_url = "https://example.org/synthetic/new-profile"
    # synthetic figure added through data-src (../shared/data is read-only)
    row = f"syn_b,B,,Beijing,Beijing,total_beds,,1200,beds,2015,{new_url},intro,"
    (src / "hospital_observations.csv").write_text(f"{header}\n{row}\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        tool.build(shared, src)
    assert info.value.file == "data-src/hospital_observations.csv"
    assert (info.value.row, info.value.code) == (2, "unknown-source-url")
    (src / "extra_sources.csv").write_text(
        "url,title,publisher,party,published,retrieved,language,kind,note\n"
        f"{new_url},Synthetic profile,Example,investigators,2015,,en,report,synthetic\n",
        encoding="utf-8",
    )
    evidence, _ = tool.build(shared, src)
    beds = evidence.observations[evidence.observations["indicator"] == "total_beds"]
    assert list(beds["source_id"]) == [source_id(new_url)]
    assert list(beds["as_of"]) == ["2015"]
    # a hospital that does not exist is refused with the curated file's row
    bad = row.replace("syn_b", "syn_zeta", 1)
    (src / "hospital_observations.csv").write_text(f"{header}\n{bad}\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        tool.build(shared, src)
    assert (info.value.row, info.value.field, info.value.code) == (
        2,
        "hospital_key",
        "unknown-hospital",
    )
    # claims the same way
    (src / "hospital_observations.csv").unlink()
    (src / "national_figures.csv").write_text(
        "quantity,year_or_period,value_low,value_high,unit,claimant,source_url,locator\n"
        f"centres,2016,712,,hospitals,Synthetic news,{new_url},caption\n",
        encoding="utf-8",
    )
    evidence, _ = tool.build(shared, src)
    assert "centres" in set(evidence.claims["quantity"])


@pytest.mark.parametrize(
    ("url", "language"),
    [
        ("https://www.shsmu.edu.cn/english/info/1021/4760.htm", "en"),
        ("http://english.peopledaily.com.cn/200211/07/x.shtml", "en"),
        ("https://baike.example.cn/baike/w/%E8%82%BE%E7%A7%BB%E6%A4%8D", "zh"),
        ("http://www.jksb.com.cn/newspaper/Html/2013-06-10/13308.html", "zh"),
        ("https://bunshun.example.jp/articles/1", "ja"),
        ("https://unknown.example.org/page", ""),
    ],
)
def test_guess_language(url: str, language: str) -> None:
    assert tool.guess_language(url) == language
