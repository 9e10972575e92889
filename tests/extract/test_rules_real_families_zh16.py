"""Chinese counts up to a year, a peak year's count, a surgeon's list after a comma, a city
before 累计完成 and 15万五 (issue 14, helper zh16). Every sentence here was WRITTEN HERE for
these tests in the shape of the family (synthetic test material, not quotes from the
real-text sets and not evidence). Each positive case names the figure the rules must give;
each near miss names one that must not appear."""

from __future__ import annotations

import pytest

from transplant_audit.extract.core import extract_candidates

from .conftest import check_figures

IN_PERIOD = "transplants_in_period"
CUMULATIVE = "transplants_cumulative"
SURGEON_CUM = "surgeon_transplants_cumulative"
SURGEON_IN = "surgeon_transplants_in_period"

CASES = [
    # --- a total up to a year (2011年以前, 1999年前) is a running total ---------------------
    pytest.param(
        "据基金会统计,2009年以前,王立新至少完成1850例肾移植,260例肝移植。",
        {(SURGEON_CUM, 1850.0), (SURGEON_CUM, 260.0)},
        {(SURGEON_IN, 1850.0), (IN_PERIOD, 260.0), (CUMULATIVE, 260.0)},
        id="zh-before-year-surgeon-list",
    ),
    pytest.param(
        "1995年前,全省十多年的肾移植手术总共210例。",
        {(CUMULATIVE, 210.0)},
        {(IN_PERIOD, 210.0)},
        id="zh-bare-year-before-total",
    ),
    pytest.param(
        # near miss: 年前往 is 'went to in that year', no total up to a year
        "2003年前往德国进修,当年完成肝移植42例。",
        {(IN_PERIOD, 42.0)},
        {(CUMULATIVE, 42.0)},
        id="zh-year-went-abroad-not-before",
    ),
    pytest.param(
        # near miss: 年前三季度 is a year's first three quarters (前 before no comma nor 的)
        "2008年前三季度该院完成肝移植42例。",
        {(IN_PERIOD, 42.0)},
        {(CUMULATIVE, 42.0)},
        id="zh-year-first-quarters-not-before",
    ),
    pytest.param(
        # near miss: a per-year word after the year keeps the period's count
        "2000年以前,该院每年完成肾移植约60例。",
        {(IN_PERIOD, 60.0)},
        {(CUMULATIVE, 60.0)},
        id="zh-before-year-then-per-year",
    ),
    pytest.param(
        # near miss: a later year named in the sentence before the count dates the count
        "2000年以前,该院仅开展肾移植,2005年,完成肾移植60例。",
        {(IN_PERIOD, 60.0)},
        {(CUMULATIVE, 60.0)},
        id="zh-before-year-then-a-later-year",
    ),
    # --- a peak year's count is that year's, even after 到 -----------------------------------
    pytest.param(
        "2008年全国完成肾移植约六千例,到2010年达到历史最高峰,9千例。",
        {(IN_PERIOD, 9000.0)},
        {(CUMULATIVE, 9000.0)},
        id="zh-peak-year-after-dao",
    ),
    pytest.param(
        # near miss: a running total stays one when a peak is only mentioned before 累计
        "到2015年达到高峰后,该中心累计完成肝移植2400例。",
        {(CUMULATIVE, 2400.0)},
        {(IN_PERIOD, 2400.0)},
        id="zh-peak-then-running-total",
    ),
    # --- a per-year rate written with a slash --------------------------------------------------
    pytest.param(
        "从2016年起,该中心的肺移植数量翻了一番,从90多例/年,增加到180多例/年。",
        {(IN_PERIOD, 90.0), (IN_PERIOD, 180.0)},
        {(CUMULATIVE, 90.0), (CUMULATIVE, 180.0)},
        id="zh-per-year-slash",
    ),
    # --- a named surgeon stays the subject of later clauses of the sentence -----------------
    pytest.param(
        "截至2019年,赵明远施行肝移植940例,同时开展多器官联合移植,施行肝肾联合移植31例。",
        {(SURGEON_CUM, 940.0), (SURGEON_CUM, 31.0)},
        {(CUMULATIVE, 31.0)},
        id="zh-named-surgeon-later-clause",
    ),
    pytest.param(
        # near miss: a unit named after the surgeon takes the later count
        "赵明远施行首例肝移植后,该院肝移植中心累计完成肝移植1200例。",
        {(CUMULATIVE, 1200.0)},
        {(SURGEON_CUM, 1200.0)},
        id="zh-named-surgeon-then-unit",
    ),
    # --- a city opening on a surname's character is no surgeon ------------------------------
    pytest.param(
        "唐山累计完成肾移植手术420例。",
        {(CUMULATIVE, 420.0)},
        {(SURGEON_CUM, 420.0)},
        id="zh-city-tangshan-not-surgeon",
    ),
    pytest.param(
        "黄山累计完成肝移植手术35例。",
        {(CUMULATIVE, 35.0)},
        {(SURGEON_CUM, 35.0)},
        id="zh-city-huangshan-not-surgeon",
    ),
    pytest.param(
        # near miss: a person's name on the same surname stays the surgeon's
        "唐立群累计完成肾移植手术420例。",
        {(SURGEON_CUM, 420.0)},
        {(CUMULATIVE, 420.0)},
        id="zh-person-tang-surgeon",
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), CASES)
def test_zh16_families(text: str, present: set, absent: set) -> None:
    check_figures(text, present, absent)


def _values(text: str) -> list[float]:
    return [c.value for c in extract_candidates(text)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("该病人的手术费用约15万五。", 155000.0),  # 万五 as in 一万五: 15万 and 5千
        ("手术费用大概15万五左右,由家属筹集。", 155000.0),
        ("手术费用约一万五。", 15000.0),
        ("手术费用约15万元。", 150000.0),
    ],
)
def test_wan_then_one_digit_read_whole(text: str, value: float) -> None:
    assert _values(text) == [value]


@pytest.mark.parametrize(
    "text",
    [
        "器官买卖每个收费20万一个。",  # 20万 then 一个 'each': no 万一
        "每次移植收费30万一次。",
    ],
)
def test_wan_then_measure_word_not_read_as_tail(text: str) -> None:
    values = _values(text)
    assert values and all(v in (200000.0, 300000.0) for v in values), values


WAIT = "wait_time_days"


@pytest.mark.parametrize(
    ("text", "present"),
    [
        # a duration followed by what the hospital can then do is the wait for an organ
        ("江北医院肝移植科主任:两个月左右能安排手术。", {(WAIT, 60.88)}),
        ("东港医院心脏移植中心:5天到10天可以安排手术。", {(WAIT, 5.0), (WAIT, 10.0)}),
        ("北山医院肝移植一般一个月左右安排手术。", {(WAIT, 30.44)}),  # 安排手术 with no 能/可
        ("需要肾移植的病人在三周之内,就可以找到配型合适的肾源。", {(WAIT, 21.0)}),
        ("西湖医院肝移植办公室医生:一般3-4个星期就应该可以做了。", {(WAIT, 21.0), (WAIT, 28.0)}),
        # 她 is the one told, not the one waiting: the hospital's claim
        ("医院告诉她只要两周就能找到合适的肾源,肾移植费用另计。", {(WAIT, 14.0)}),
    ],
)
def test_zh_wait_then_what_can_be_done(text: str, present: set) -> None:
    check_figures(text, present, set())


@pytest.mark.parametrize(
    "text",
    [
        "肾移植患者术后两周就可以出院。",  # a stay after the operation, no wait
        "两个月左右能安排体检。",  # no transplant in the sentence
        "她等了两周就做上了肾移植手术。",  # one patient's wait, told by what then happened
        "他已等待肾移植四个多月。",  # one person's wait, 他 its subject
    ],
)
def test_zh_duration_then_other_action_no_wait(text: str) -> None:
    assert all(c.indicator != WAIT for c in extract_candidates(text)), text


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # a surgeon's count of another kind of surgery is no count of transplants
        (
            "从医二十五年,孙立平开展肝移植后,累计实施胆道手术6000余例,临床肝移植820例。",
            {(SURGEON_CUM, 820.0)},
            {(SURGEON_CUM, 6000.0), (CUMULATIVE, 6000.0)},
        ),
        (
            "他开展肾移植多年,从医35载操刀上万台泌尿外科手术,肾移植也超过了600例。",
            {(SURGEON_CUM, 600.0)},
            {(SURGEON_CUM, 10000.0)},
        ),
        (
            "该院肝移植中心成绩突出;此外,普通外科每年完成三四级手术超过1200台。",
            {("surgeries_per_year", 1200.0)},
            {(IN_PERIOD, 1200.0)},
        ),
        # near misses: the noun names a transplant, or 这样的手术 points back to transplants
        (
            "孙立平累计实施肝移植手术820例。",
            {(SURGEON_CUM, 820.0)},
            set(),
        ),
        (  # a donation's operation (捐献手术) is no other surgery: the donors' count
            "该院累计实施器官捐献手术120例。",
            {("opo_donors", 120.0)},
            set(),
        ),
        (
            "我们每个星期都有两例活体肾移植手术。到目前为止,我们总共完成了九百多例这样的手术。",
            {(CUMULATIVE, 900.0)},
            set(),
        ),
    ],
)
def test_zh_other_surgery_not_transplants(text: str, present: set, absent: set) -> None:
    check_figures(text, present, absent)


FIRST_YEAR = "first_transplant_year"


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # a year in another clause of the first's sentence dates its own event
        (
            "主刀医生陈思远2006年毕业于医学院,2013年获外科专科资格,曾参与全省首例儿童肝移植。",
            {(FIRST_YEAR, 2006.0), (FIRST_YEAR, 2013.0)},
        ),
        (
            "他提到2019年成立的病友联盟,多次呼吁关注器官移植,议员首次提出器官移植旅游议题。",
            {(FIRST_YEAR, 2019.0)},
        ),
        (
            "本省于2023年3月1日开始实施新的《器官移植管理办法》,对活体移植作出规定。"
            "办法实施后,我院完成了首例亲属间活体肝移植。",
            {(FIRST_YEAR, 2023.0)},
        ),
    ],
)
def test_zh_year_of_another_event_is_no_first(text: str, absent: set) -> None:
    check_figures(text, set(), absent)


@pytest.mark.parametrize(
    ("text", "present"),
    [
        # near misses: the year dates the first itself, in its clause or the sentence before
        ("2006年,该院完成全省首例儿童肝移植。", {(FIRST_YEAR, 2006.0)}),
        (
            "2008年6月,东港医院成功进行肝肾联合移植。该手术为全省首例肝肾联合移植。",
            {(FIRST_YEAR, 2008.0)},
        ),
    ],
)
def test_zh_year_of_the_first_kept(text: str, present: set) -> None:
    check_figures(text, present, set())
