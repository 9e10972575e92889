"""The place-name gazetteer (extract/places.py, model/zh_places.json): a city or county that
opens on a surname character is no surgeon (issue 14, helper place16). Every sentence here was
WRITTEN HERE for these tests (synthetic test material, not quotes from the real-text sets and
not evidence). The cities chosen are NOT in zh16's hand list of patterns.ZH_NOT_NAMES_RE, so
only the gazetteer can tell them from a person."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from transplant_audit.extract import patterns as pat
from transplant_audit.extract.places import (
    GAZETTEER,
    GazetteerError,
    is_zh_place,
    load_gazetteer,
    parse_gazetteer,
    zh_places,
)

from .conftest import TOOLS, check_figures, import_script

TOOL = TOOLS / "build_zh_places.py"
SOURCE_MIRROR = Path("/work/.mirror/modood+Administrative-divisions-of-China/repo")
CUMULATIVE = "transplants_cumulative"
SURGEON_CUM = "surgeon_transplants_cumulative"

CASES = [
    # --- cities and counties absent from zh16's list: a region's or hospital's total -------
    pytest.param("武威累计完成肾移植手术316例。", {(CUMULATIVE, 316.0)}, {(SURGEON_CUM, 316.0)}),
    pytest.param("钟祥累计完成肝移植87例。", {(CUMULATIVE, 87.0)}, {(SURGEON_CUM, 87.0)}),
    pytest.param("高邮累计完成肾移植手术58例。", {(CUMULATIVE, 58.0)}, {(SURGEON_CUM, 58.0)}),
    pytest.param("石河子累计完成肾移植手术205例。", {(CUMULATIVE, 205.0)}, {(SURGEON_CUM, 205.0)}),
    pytest.param(  # traditional script: normalized to 金门 before the rules read it
        "金門累計完成腎移植手術12例。", {(CUMULATIVE, 12.0)}, {(SURGEON_CUM, 12.0)}
    ),
    # --- a person named like a county stays a person where a title says so -------------------
    pytest.param(  # 江山 is a county-level city (浙江省江山市)
        "江山教授累计完成肝移植手术500余例。", {(SURGEON_CUM, 500.0)}, {(CUMULATIVE, 500.0)}
    ),
    pytest.param(  # 石林 is a county (云南省石林彝族自治县): a title before it
        "报道称,主任:石林累计完成肾移植手术1200例。",
        {(SURGEON_CUM, 1200.0)},
        {(CUMULATIVE, 1200.0)},
    ),
    pytest.param(  # near miss: with no title the county's bare name is read as the place
        "报道称,石林累计完成肾移植手术1200例。", {(CUMULATIVE, 1200.0)}, {(SURGEON_CUM, 1200.0)}
    ),
    pytest.param(  # 龙泉 is a county-level city (浙江省龙泉市): a title after it, as the topic
        "龙泉教授在移植科工作三十年。已经成功施行肾移植1029例。",
        {(SURGEON_CUM, 1029.0)},
        {(CUMULATIVE, 1029.0)},
    ),
    pytest.param(  # an age before it makes the topic a person
        "现年62岁的龙泉在移植科工作三十年。已经成功施行肾移植1029例。",
        {(SURGEON_CUM, 1029.0)},
        {(CUMULATIVE, 1029.0)},
    ),
    pytest.param(  # near miss: the place as the topic, no age, no title
        "美丽的龙泉在浙江。已经成功施行肾移植1029例。",
        {(CUMULATIVE, 1029.0)},
        {(SURGEON_CUM, 1029.0)},
    ),
    pytest.param(  # a longer name opening on a place (黄岩) is a person's
        "黄岩峰累计完成肾移植手术640例。", {(SURGEON_CUM, 640.0)}, {(CUMULATIVE, 640.0)}
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), CASES)
def test_places_are_not_surgeons(text: str, present: set, absent: set) -> None:
    check_figures(text, present, absent)


def test_zh16_hand_list_cities_are_in_the_gazetteer_not_the_pattern() -> None:
    for city in ("唐山", "黄山", "许昌", "江门", "邵阳", "龙岩", "白山", "石家庄", "秦皇岛"):
        assert is_zh_place(city), city
        assert not pat.ZH_NOT_NAMES_RE.search(city), city
    assert not is_zh_place("唐立群") and not is_zh_place("黄岩峰")


def _tool():  # noqa: ANN202
    return import_script(TOOLS, "build_zh_places")


def test_shipped_gazetteer_provenance_matches_the_tool() -> None:
    doc = json.loads(GAZETTEER.read_text(encoding="utf-8"))
    tool = _tool()
    assert doc["provenance"] == tool.PROVENANCE
    assert doc["provenance"]["commit"] == tool.SOURCE_COMMIT
    assert doc["count"] == len(zh_places()) == len(doc["names"])
    assert doc["names"] == sorted(doc["names"])


@pytest.mark.parametrize(
    ("full", "bare"),
    [
        ("唐山市", "唐山"),
        ("延边朝鲜族自治州", "延边"),
        ("恩施土家族苗族自治州", "恩施"),
        ("博尔塔拉蒙古自治州", "博尔塔拉"),
        ("内蒙古自治区", "内蒙古"),
        ("西藏自治区", "西藏"),
        ("阿里地区", "阿里"),
        ("香港特别行政区", "香港"),
        ("城区", None),
    ],
)
def test_bare_names(full: str, bare: str | None) -> None:
    assert _tool().bare_name(full) == bare


def test_derive_drops_placeholders_and_zones() -> None:
    names = _tool().derive(["市辖区", "郑州经济技术开发区", "许昌市", "许昌县", "江山市"])
    assert names == ["江山", "许昌"]


@pytest.mark.skipif(not SOURCE_MIRROR.is_dir(), reason="no clone of the source here")
def test_shipped_file_equals_the_derivation() -> None:
    run = subprocess.run(
        [sys.executable, str(TOOL), "--repo", str(SOURCE_MIRROR), "--check"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def _doc(names: list, **over: object) -> str:
    prov = {k: "x" for k in ("source", "commit", "publisher", "licence", "derived_by")}
    doc = {"provenance": prov, "count": len(names), "names": names, **over}
    return json.dumps(doc, ensure_ascii=False)


GOOD = sorted(zh_places())


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "not JSON"),
        (json.dumps({"names": "唐山"}), "no list of 'names'"),
        (_doc(GOOD, provenance={"source": "x"}), "provenance lacks commit"),
        (_doc(["唐山", "许昌", "北京"]), "only 3 names"),
        (_doc([*GOOD, "唐山|.*"]), "no place name"),
        (_doc([*GOOD, "x" * 3]), "no place name"),
        (_doc([*GOOD, 7]), "no place name"),
        (_doc(GOOD, count=5), "count 5"),
        (_doc([*GOOD, "唐山"]), f"count {len(GOOD) + 1} != {len(GOOD)} names"),
        (_doc([n for n in GOOD if n != "北京"]), "lacks 北京"),
    ],
)
def test_hostile_or_short_gazetteer_refused(text: str, message: str) -> None:
    with pytest.raises(GazetteerError, match=message.replace("|", r"\|")):
        parse_gazetteer(text, "test")


def test_missing_gazetteer_file_refused(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="cannot read"):
        load_gazetteer(tmp_path / "none.json")
    gbk = tmp_path / "gbk.json"
    gbk.write_bytes(_doc(GOOD).encode("gbk"))
    with pytest.raises(GazetteerError, match="cannot read"):
        load_gazetteer(gbk)
    assert load_gazetteer() == zh_places()
