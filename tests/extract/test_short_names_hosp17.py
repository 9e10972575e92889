"""Hospitals' pinyin short names derived from data/hospitals.csv (extract/short_names.py,
tools/build_en_hospital_short_names.py), not a hand list (issue 14, helper hosp17): 'Zhong Nan'
or 'Yu Huang Ding' before a count's verb is a hospital, not a surgeon. Every sentence and csv
row here was WRITTEN HERE for these tests (synthetic test material, not quotes from the
real-text sets and not evidence). The hospitals in WHOSE are NOT in the former hand list of 19
(en16's 'Ren Ji', 'Fu Wai', ...): only the derivation knows them."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from transplant_audit.extract import short_names as sn

from .conftest import check_figures

ROOT = Path(__file__).resolve().parents[2]
TOOL = ROOT / "tools" / "build_en_hospital_short_names.py"
IN_PERIOD = "transplants_in_period"
CUMULATIVE = "transplants_cumulative"
S_PERIOD = "surgeon_transplants_in_period"
S_CUMULATIVE = "surgeon_transplants_cumulative"
FORMER_HAND_LIST = (
    "ren ji|fu wai|zhong shan|xi jing|tong ji|rui jin|hua shan|xiang ya|qi lu|hua xi|xie he"
    "|chang zheng|chang hai|nan fang|zhu jiang|an zhen|tian tan|xin hua|xuan wu"
)

WHOSE = [
    # --- hospitals the register names, absent from the former hand list: the hospital's ----
    pytest.param(
        "Zhong Nan has performed more than 600 kidney transplants since 2010.",
        {(CUMULATIVE, 600.0)},
        {(S_CUMULATIVE, 600.0)},
        id="zhong-nan-running-total",
    ),
    pytest.param(
        "Yu Huang Ding performed 120 kidney transplants last year.",
        {(IN_PERIOD, 120.0)},
        {(S_PERIOD, 120.0)},
        id="yu-huang-ding-three-syllables",
    ),
    pytest.param(
        "Li Hui Li has completed 300 liver transplants.",
        {(CUMULATIVE, 300.0)},
        {(S_CUMULATIVE, 300.0)},
        id="li-hui-li-last-syllable-a-surname",
    ),
    pytest.param(
        "Zhong Nan opened a new ward in 2008 and has performed 1,500 kidney transplants.",
        {(CUMULATIVE, 1500.0)},
        {(S_CUMULATIVE, 1500.0)},
        id="zhong-nan-opens-the-sentence",
    ),
    # the next two passed before too (qian fo, sheng: no surname + name before the verb); they
    # guard the derived names should the surname list grow
    pytest.param(
        "Qian Fo Shan has performed 900 liver transplants.",
        {(CUMULATIVE, 900.0)},
        {(S_CUMULATIVE, 900.0)},
        id="qian-fo-shan",
    ),
    pytest.param(
        "Sheng Jing carried out 250 kidney transplants in 2015.",
        {(IN_PERIOD, 250.0)},
        {(S_PERIOD, 250.0)},
        id="sheng-jing",
    ),
    # --- near misses: a person by name stays the surgeon -----------------------------------
    pytest.param(
        "Dr Zheng Shusen has performed more than 1,000 liver transplants.",
        {(S_CUMULATIVE, 1000.0)},
        {(CUMULATIVE, 1000.0)},
        id="doctor-by-name",
    ),
    pytest.param(
        "Shen Zhongyang performed 150 liver transplants in 2005.",
        {(S_PERIOD, 150.0)},
        {(IN_PERIOD, 150.0)},
        id="surgeon-by-name-in-a-year",
    ),
    pytest.param(
        "Ren Jie has performed 800 kidney transplants.",
        {(S_CUMULATIVE, 800.0)},
        {(CUMULATIVE, 800.0)},
        id="person-whose-name-starts-like-a-hospital",
    ),
    pytest.param(  # a surname and a joined given name: how a person is written
        "Li Huili has performed 400 liver transplants.",
        {(S_CUMULATIVE, 400.0)},
        {(CUMULATIVE, 400.0)},
        id="person-named-like-a-three-syllable-hospital",
    ),
    pytest.param(  # 'ren ji' ends inside 'xiren ji': a short name is whole words only
        "Xiren Ji has performed 500 kidney transplants.",
        {(S_CUMULATIVE, 500.0)},
        {(CUMULATIVE, 500.0)},
        id="short-name-inside-a-longer-given-name",
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), WHOSE)
def test_whose_count(text: str, present: set, absent: set) -> None:
    check_figures(text, present, absent)


def test_whose_hospitals_are_not_the_former_hand_list() -> None:
    """The hospital cases test the derivation: none is one of the former 19."""
    alternatives = FORMER_HAND_LIST.replace(" ", r"\s")
    old = re.compile(rf"(?<![a-z])(?:{alternatives})(?![a-z])")
    hospitals = [p.values[0] for p in WHOSE[:6]]
    assert [t for t in hospitals if old.search(t.lower())] == []


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("renji", ("ren", "ji")),
        ("Fuwai", ("fu", "wai")),
        ("qianfoshan", ("qian", "fo", "shan")),
        ("shengjing", ("sheng", "jing")),
        ("yuhuangding", ("yu", "huang", "ding")),
        ("xiangya", ("xiang", "ya")),
        ("xian", ("xian",)),  # Xi'an needs the apostrophe: a vowel opens no inner syllable
        ("changan", ("chan", "gan")),
        ("anzhen", ("an", "zhen")),
        ("china", ("chi", "na")),  # why NOT_PINYIN exists
        ("changgung", None),  # Wade-Giles; 'ng' is an interjection, no part of a name
        ("hospital", None),
        ("union", None),
        ("friendship", None),
        ("second", None),  # an ordinal or rank before 'Hospital' is no pinyin, so never a name
        ("general", None),
        ("central", None),
    ],
)
def test_split_syllables(word: str, syllables: tuple[str, ...] | None) -> None:
    assert sn.split_syllables(word, sn.pinyin_syllables()) == syllables


def _rows(text: str) -> list[dict[str, str | None]]:
    return list(csv.DictReader(io.StringIO(text)))


HEADER = "id,name_en,province,city,source_id,aliases\n"


def test_derivation_takes_the_word_before_hospital() -> None:
    rows = _rows(
        HEADER + "a,Shanghai Renji Hospital (SJTU),Shanghai,Shanghai,s1,\n"
        "b,Wuxi Hospital,Jiangsu,Wuxi,s2,\n"  # the row's own city: a place, not a name
        "c,Second Xiangya Hospital of CSU,Hunan,Changsha,s3,Xiangya Hospital\n"
        "d,West China Hospital,Sichuan,Chengdu,s4,\n"  # English
        "e,Ningbo Lihuili Hospital,Zhejiang,Ningbo,s5,Lihuili Hospital;Ningbo Medical Center\n"
        "f,Jiangsu Hua Hospital,Jiangsu,Nanjing,s6,\n"  # one syllable: a surname, not a name
    )
    got = sn.short_names_from_rows(rows, sn.pinyin_syllables())
    assert got == [
        {"name": "lihuili", "syllables": ["li", "hui", "li"], "hospitals": ["e"]},
        {"name": "renji", "syllables": ["ren", "ji"], "hospitals": ["a"]},
        {"name": "xiangya", "syllables": ["xiang", "ya"], "hospitals": ["c"]},
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (HEADER + "a,Renji Hospital,Shanghai\n", r"row 2 \('a'\): lacks city"),
        (HEADER + "a,Renji Hospital,Shanghai,Shanghai,s1,,extra\n", "more fields than"),
        (HEADER + "a,,Shanghai,Shanghai,s1,\n", "empty id/name_en"),
        ("id,province,city\na,Shanghai,Shanghai\n", "lacks name_en"),
    ],
)
def test_derivation_refuses_a_malformed_row(text: str, message: str) -> None:
    with pytest.raises(sn.ShortNameError, match=message):
        sn.short_names_from_rows(_rows(text), sn.pinyin_syllables())


def test_tool_refuses_a_malformed_register(tmp_path: Path) -> None:
    bad = tmp_path / "hospitals.csv"
    bad.write_text(HEADER + "a,Renji Hospital,Shanghai,Shanghai,s1\nb,,Hunan,Changsha,s2,\n")
    run = subprocess.run(
        [sys.executable, str(TOOL), "--register", str(bad), "--check"],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "src")},
    )
    assert run.returncode == 2
    assert "row 3" in run.stderr and "empty id/name_en" in run.stderr


def test_shipped_names_are_the_registers_derivation() -> None:
    """The shipped file is what the register gives today (edit the register, re-derive)."""
    run = subprocess.run(
        [sys.executable, str(TOOL), "--check"],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "src")},
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_hand_kept_names_are_only_those_the_register_does_not_give() -> None:
    derived = set(sn.parse_short_names(sn.SHORT_NAMES_FILE.read_text(encoding="utf-8")))
    assert derived.isdisjoint(sn.KEPT_BY_HAND)
    every = {" ".join(n) for n in sn.en_hospital_short_names()}
    assert set(FORMER_HAND_LIST.split("|")) <= every  # none of the 19 was lost


def test_pattern_takes_every_syllable_spaced() -> None:
    rx = re.compile(sn.short_name_pattern([("ren", "ji"), ("li", "hui", "li")]))
    assert rx.search("ren ji has") and rx.search("li hui li has")
    assert not rx.search("li huili has") and not rx.search("ren jie has")
    with pytest.raises(sn.ShortNameError):
        sn.short_name_pattern([])


def test_syllable_inventory_refuses_a_truncated_file() -> None:
    doc = json.loads(sn.SYLLABLES_FILE.read_text(encoding="utf-8"))
    assert doc["count"] >= sn.MIN_SYLLABLES
    doc["syllables"], doc["count"] = doc["syllables"][:100], 100
    with pytest.raises(sn.ShortNameError, match="only 100 syllables"):
        sn.parse_syllables(json.dumps(doc))
    del doc["provenance"]["source"]
    with pytest.raises(sn.ShortNameError, match="provenance lacks source"):
        sn.parse_syllables(json.dumps(doc))


def _without_fo(doc: dict) -> None:
    doc["syllables"].remove("fo")
    doc["count"] -= 1


def _not_a_syllable(doc: dict) -> None:
    doc["syllables"][0] = "Zhong1"


def _count_off(doc: dict) -> None:
    doc["count"] += 1


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (_without_fo, "lacks fo"),
        (_not_a_syllable, "1 entries are no syllable"),
        (_count_off, "count 426 != 425"),
    ],
)
def test_syllable_inventory_refuses_a_wrong_file(edit, message: str) -> None:  # noqa: ANN001
    doc = json.loads(sn.SYLLABLES_FILE.read_text(encoding="utf-8"))
    edit(doc)
    with pytest.raises(sn.ShortNameError, match=message):
        sn.parse_syllables(json.dumps(doc))


def test_short_names_file_refuses_a_wrong_entry() -> None:
    doc = json.loads(sn.SHORT_NAMES_FILE.read_text(encoding="utf-8"))
    assert len(sn.parse_short_names(json.dumps(doc))) == doc["count"]
    doc["names"].append(doc["names"][0])
    doc["count"] += 1
    with pytest.raises(sn.ShortNameError, match="count"):  # a name twice
        sn.parse_short_names(json.dumps(doc))
    doc["names"][-1] = {**doc["names"][0], "name": "renjie"}  # not its syllables joined
    with pytest.raises(sn.ShortNameError, match="malformed entry"):
        sn.parse_short_names(json.dumps(doc))
    with pytest.raises(sn.ShortNameError, match="not a JSON object"):
        sn.parse_short_names("[]")


PINYIN_MIRROR = Path("/work/.mirror/mozillazg+pinyin-data/repo")


@pytest.mark.skipif(not PINYIN_MIRROR.exists(), reason="no clone of mozillazg/pinyin-data here")
def test_shipped_syllables_are_the_sources_derivation() -> None:
    tool = ROOT / "tools" / "build_pinyin_syllables.py"
    run = subprocess.run(
        [sys.executable, str(tool), "--repo", str(PINYIN_MIRROR), "--check"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr
