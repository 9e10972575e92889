"""Counts framed by a ranking, a per-week or per-month rate or a year of the Republic of China
calendar, read as a period's count rather than a running total (issue 14, helper x15). Every
sentence here was WRITTEN HERE for these tests in the shape of the family (synthetic test
material, not quotes from the real-text sets and not evidence). Each positive case names the
figure the rules must give; each near miss names one that must stay a running total."""

from __future__ import annotations

import pytest

from transplant_audit.evidence.vocabulary import Qualifier
from transplant_audit.extract.core import extract_candidates

from .conftest import check_figures

IN_PERIOD = "transplants_in_period"
CUMULATIVE = "transplants_cumulative"

CASES = [
    # --- a ranking of hospitals compares one period's counts --------------------------------
    pytest.param(
        "Among the centres, Northfield General performed the most heart transplants, "
        "at 54 cases, followed by Riverside Hospital at 48 cases.",
        {(IN_PERIOD, 54.0), (IN_PERIOD, 48.0)},
        {(CUMULATIVE, 54.0), (CUMULATIVE, 48.0)},
        id="en-performed-the-most",
    ),
    pytest.param(
        "Lakeside University Hospital topped the list with 93 kidney transplant cases.",
        {(IN_PERIOD, 93.0)},
        {(CUMULATIVE, 93.0)},
        id="en-topped-the-list",
    ),
    pytest.param(
        "肾脏移植方面由东港医院称霸,活体肾移植412例,远多于第2名西湖医院的287例。",
        {(IN_PERIOD, 412.0), (IN_PERIOD, 287.0)},
        {(CUMULATIVE, 412.0), (CUMULATIVE, 287.0)},
        id="zh-ranking-first-and-second",
    ),
    pytest.param(
        # near miss: a ranking with a running-total word stays a running total
        "东港医院累计完成肾移植3200例,在全省排名第一。",
        {(CUMULATIVE, 3200.0)},
        {(IN_PERIOD, 3200.0)},
        id="zh-ranking-with-running-total-word",
    ),
    pytest.param(
        # near miss: 'to date' keeps its running total even when the centre leads a list
        "The centre has performed the most liver transplants in the region, "
        "with 1,850 cases to date.",
        {(CUMULATIVE, 1850.0)},
        {(IN_PERIOD, 1850.0)},
        id="en-most-to-date",
    ),
    # --- a per-week or per-month rate is a period's count (like 每年) -----------------------
    pytest.param(
        "在本院,肾移植已是常规手术,我们每个星期都有四例活体肾移植。",
        {(IN_PERIOD, 4.0)},
        {(CUMULATIVE, 4.0)},
        id="zh-every-week",
    ),
    pytest.param(
        "該中心每月約有六例肝臟移植手術。",
        {(IN_PERIOD, 6.0)},
        {(CUMULATIVE, 6.0)},
        id="zh-hant-every-month",
    ),
    pytest.param(
        # near miss: 累计 in the clause keeps the running total
        "本院自开展肝移植以来累计完成860例,目前每周仍有手术。",
        {(CUMULATIVE, 860.0)},
        {(IN_PERIOD, 860.0)},
        id="zh-running-total-then-weekly",
    ),
    # --- a year of the Republic of China calendar names a period ----------------------------
    pytest.param(
        "根據器官捐贈協會的統計,民國八十八年的屍體腎臟移植僅有37例。",
        {(IN_PERIOD, 37.0)},
        {(CUMULATIVE, 37.0)},
        id="zh-hant-roc-year",
    ),
    pytest.param(
        "民國95年全台共完成肝臟移植212例。",
        {(IN_PERIOD, 212.0)},
        {(CUMULATIVE, 212.0)},
        id="zh-hant-roc-year-digits",
    ),
    pytest.param(
        # near miss: a programme's first operation dated to an ROC month opens a running total
        "本院自民國七十六年五月完成第一例肝臟移植,迄今已完成肝臟移植四百例。",
        {(CUMULATIVE, 400.0)},
        {(IN_PERIOD, 400.0)},
        id="zh-hant-roc-start-month-running-total",
    ),
]


YEAR_REPORT_CASES = [
    # a year's report: 'have performed' is aspect inside the year named before it
    pytest.param(
        "Norway reached 31.2 donors per million in 2021. A total of 190 donors have "
        "performed 560 organ transplants.",
        {(IN_PERIOD, 560.0)},
        {(CUMULATIVE, 560.0)},
        id="en-year-in-sentence-before",
    ),
    pytest.param(
        "In 2021, the Eastbrook centre has performed 212 kidney transplants.",
        {(IN_PERIOD, 212.0)},
        {(CUMULATIVE, 212.0)},
        id="en-year-opening-the-sentence",
    ),
    pytest.param(
        # near miss: the year a centre opened starts its life: a running total
        "Its heart transplant unit, opened in 2004, has performed over 640 heart transplants.",
        {(CUMULATIVE, 640.0)},
        {(IN_PERIOD, 640.0)},
        id="en-opened-in-a-year-running-total",
    ),
    pytest.param(
        # near miss: a past perfect with a date is a total reached by then
        "According to an archived page from 2012, the Eastbrook centre had already "
        "performed over 2,600 kidney transplants.",
        {(CUMULATIVE, 2600.0)},
        {(IN_PERIOD, 2600.0)},
        id="en-past-perfect-as-of",
    ),
    pytest.param(
        # near miss: 'since its founding' keeps the running total
        "The unit did 140 liver transplants in 2020. Since its founding it has performed "
        "a total of 2,950 liver transplants.",
        {(CUMULATIVE, 2950.0), (IN_PERIOD, 140.0)},
        {(IN_PERIOD, 2950.0)},
        id="en-since-founding-total",
    ),
    pytest.param(
        # near miss: 'to date' in the clause keeps the running total
        "The unit did 140 liver transplants in 2020. To date it has performed 2,950 liver "
        "transplants.",
        {(CUMULATIVE, 2950.0)},
        {(IN_PERIOD, 2950.0)},
        id="en-to-date-after-a-year",
    ),
    # 到了2004年年底 is an as-of date like 到2004年底: the total reached by then
    pytest.param(
        "该院1998年开展肝移植,到了2010年年底,已经完成超过450例肝移植。",
        {(CUMULATIVE, 450.0)},
        {(IN_PERIOD, 450.0)},
        id="zh-daole-year-end-as-of",
    ),
    pytest.param(
        # near miss: a named whole year (全年) after it stays that year's count
        "到了2010年,该院全年完成肝移植120例。",
        {(IN_PERIOD, 120.0)},
        {(CUMULATIVE, 120.0)},
        id="zh-daole-year-whole-year",
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), YEAR_REPORT_CASES)
def test_year_report_aspect(text: str, present: set, absent: set) -> None:
    check_figures(text, present, absent)


SURGEON_CUMULATIVE = "surgeon_transplants_cumulative"

SURGEON_CASES = [
    # a surgeon quoted in the first person singular: his own running total, not the hospital's
    pytest.param(
        "李医师说,每周都有手术,“我已经做了五百多例肝移植了”。",
        {(SURGEON_CUMULATIVE, 500.0)},
        {(CUMULATIVE, 500.0), ("surgeon_transplants_in_period", 500.0)},
        id="zh-quoted-first-person",
    ),
    pytest.param(
        # near miss: 我院 (our hospital) speaks for the hospital
        "院长说:“我院已经做了300多例肝移植”。",
        {(CUMULATIVE, 300.0)},
        {(SURGEON_CUMULATIVE, 300.0)},
        id="zh-quoted-our-hospital",
    ),
    # a named surgeon's lifetime count (生前曾做过)
    pytest.param(
        "王志明生前曾做过上千例肾移植手术。",
        {(SURGEON_CUMULATIVE, 1000.0)},
        {(CUMULATIVE, 1000.0)},
        id="zh-named-surgeon-in-his-lifetime",
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), SURGEON_CASES)
def test_surgeon_own_running_total(text: str, present: set, absent: set) -> None:
    check_figures(text, present, absent)


@pytest.mark.parametrize(("text", "present", "absent"), CASES)
def test_period_or_running_total(text: str, present: set, absent: set) -> None:
    check_figures(text, present, absent)


# --- num15: two adjacent digits before a unit are "three or four hundred", a range -----------
# x15 reported 三四百 as not read; 三四百例 is read as 五六百例 is (core.adjacent_range,
# shared by the span stage): the low end at_least, the high end at_most (GUIDE.md's ranges).
# What x15 saw (heldout10: 有个三四百吧) has no counter and no transplant noun in its clause,
# and 300 written in digits there is not read either. Passes on 6d42512: pinned, not a fix.

ADJACENT_CASES = [
    ("他做了三四百例肾移植。", 300.0, 400.0),
    ("他做了五六百例肾移植。", 500.0, 600.0),
    ("这家医院每年完成七八十例肾移植。", 70.0, 80.0),
    ("这家医院每年完成一两千例肾移植。", 1000.0, 2000.0),
    ("去年完成腎移植三四百例。", 300.0, 400.0),
    ("累计完成肾移植三四万例。", 30000.0, 40000.0),
]


@pytest.mark.parametrize(("text", "low", "high"), ADJACENT_CASES)
def test_adjacent_digits_are_a_range(text: str, low: float, high: float) -> None:
    got = {(c.value, c.qualifier) for c in extract_candidates(text)}
    assert got == {(low, Qualifier.AT_LEAST), (high, Qualifier.AT_MOST)}


@pytest.mark.parametrize(
    "text",
    [
        "2014年三四月完成肾移植30例。",
        "该院排名第三四名,完成肾移植30例。",
        "三四年前完成肾移植30例。",
    ],
)
def test_adjacent_digits_in_a_date_or_an_ordinal_are_no_count(text: str) -> None:
    assert [c.value for c in extract_candidates(text)] == [30.0]
