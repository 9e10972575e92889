"""Families of Chinese real-text mistakes (simplified and traditional) fixed for issue 14,
third rules pass. Every sentence here was written for these tests in the style of its
family (synthetic test material: not quoted from any page, not evidence). Each positive
case asserts a figure that the rules before this pass missed or labelled wrongly; each
negative case a number that must stay unextracted or keep its reading."""

from __future__ import annotations

import pytest

from transplant_audit.extract.core import extract_candidates

from .conftest import figure_pairs as pairs
from .conftest import figure_triples as found

# --- waits: a duration right after 等, half a year, ranges of durations ----------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 等 straight before the duration, with other words before 等
        ("该中心肾移植通常须等三星期。", {("wait_time_days", 21.0, "exact")}),
        (
            "肝移植病人一般等兩個月至三個月。",
            {("wait_time_days", 60.88, "at_least"), ("wait_time_days", 91.31, "at_most")},
        ),
        # half a year as a number, the low end of a range
        (
            "在本院肾移植一般要等半年到一年。",
            {("wait_time_days", 182.62, "at_least"), ("wait_time_days", 365.25, "at_most")},
        ),
        ("心臟移植平均要等半個月。", {("wait_time_days", 15.22, "exact")}),
        # a bare thousand before 多: 'a thousand-odd people waiting'
        ("全市千多名病人正在等候肝臟移植。", {("waitlist_size", 1000.0, "at_least")}),
    ],
)
def test_waits(text: str, expected: set[tuple[str, float, str]]) -> None:
    got = found(text)
    assert expected <= got, got


@pytest.mark.parametrize(
    "text",
    [
        "今年上半年医院完成门诊量三万人次。",  # 上半年 is a period, not a half-year wait
        "他在医院住了一个半月。",  # one patient's stay, no wait
        "等到下半年再说。",
    ],
)
def test_not_waits(text: str) -> None:
    assert not any(c.indicator == "wait_time_days" for c in extract_candidates(text)), found(text)


# --- ranks by volume in the country or the world ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "该院去年完成肝移植210例,在全国肝移植排名中列第17位。",
            ("volume_rank_national", 17.0, "exact"),
        ),
        ("近五年來,該院腎移植數量穩居全國首位。", ("volume_rank_national", 1.0, "exact")),
        (
            "中心每年的肺移植例数已进入全国前五位,手术成功率保持较高水平。",
            ("volume_rank_national", 5.0, "at_most"),
        ),
        ("这家医院的儿童肝移植年完成量连续五年居世界第一。", ("volume_rank_global", 1.0, "exact")),
    ],
)
def test_volume_ranks(text: str, expected: tuple[str, float, str]) -> None:
    got = found(text)
    assert expected in got, got


@pytest.mark.parametrize(
    "text",
    [
        # a rank of survival or quality, not of volume
        "该中心共完成肝移植900例,术后生存率在全国排名第一。",
        # an ordinal of a case: the world's second such operation
        "团队完成了世界第二例、全国第一例这种肝移植手术。",
        # a rank with no transplants in its sentence
        "医院门诊量去年达到300万人次,居全省第一、全国第三。",
        # a rank of donations, not of transplants
        "该省器官捐献数量连续三年居全国首位。",
    ],
)
def test_not_volume_ranks(text: str) -> None:
    got = found(text)
    assert not any(i.startswith("volume_rank") for i, _, _ in got), got


def test_top_n_is_a_rank_not_a_headcount() -> None:
    got = pairs("目前仍有八千多名病患在等待移植,等候人数前三名的器官为肾脏、肝脏及心脏。")
    assert ("waitlist_size", 8000.0) in got
    assert ("waitlist_size", 3.0) not in got, got


# --- first transplants: pioneering, a programme's start, 换心, Chinese and ROC years ----------


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("該院於2011年率先完成全省成人劈離式肝臟移植之案例。", 2011.0),
        ("1996年,团队率先在省内开始了针对儿童的肾移植手术。", 1996.0),
        ("某市医院1999年开展肺移植,2004年开展心脏移植。", 2004.0),
        ("医院自1991年完成第一例換心手術起,一直持续至今。", 1991.0),
        ("北部某醫院於2005年為病人施行第一台活體肝移植手術。", 2005.0),
        ("該中心自民國八十年進行第一例肝臟移植手術。", 1991.0),
        ("该院于一九八九年完成首例肾移植。", 1989.0),
        ("心臟移植的發展始於 1968 年,一位醫師完成了長期存活的病例。", 1968.0),
    ],
)
def test_first_transplant_years(text: str, year: float) -> None:
    got = pairs(text)
    assert ("first_transplant_year", year) in got, got


@pytest.mark.parametrize(
    "text",
    [
        # a milestone count, not a first
        "该院1993年率先在全省突破肾移植手术500例。",
        # a programme year that dates a count
        "2012年开展肝移植86例,手术成功率较高。",
        # a year in Chinese numerals with no first transplant
        "一九九八年医院新建了门诊大楼。",
    ],
)
def test_not_first_transplant_years(text: str) -> None:
    got = pairs(text)
    assert not any(i == "first_transplant_year" for i, _ in got), got


def test_founded_transplant_discipline() -> None:
    got = pairs("2002年,他组建了省内第一个移植专业学科。")
    assert ("transplant_unit_founded_year", 2002.0) in got, got


def test_traditional_running_total_leijī() -> None:
    got = pairs("該中心自1990年開展肝臟移植,目前累積完成612例。")
    assert ("transplants_cumulative", 612.0) in got, got


# --- periods: a named period closes the counts after it; Chinese spans that are periods ------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 全年 scopes the sentence; 已达 is aspect, not a running total
        (
            "截至2020年12月31日,全年器官捐献已达1,204例,移植手术达3,318例。",
            ("transplants_in_period", 3318.0),
        ),
        ("在过去3年,该院分别完成肝移植88及95宗。", ("transplants_in_period", 88.0)),
        ("本院同期的活體腎移植由12宗減至6宗。", ("transplants_in_period", 6.0)),
        ("据报道,该医院肝移植手术1年有260多例。", ("transplants_in_period", 260.0)),
        ("中心成立后第一周就完成了肝移植手术3例。", ("transplants_in_period", 3.0)),
        (
            "今年该科已突破150例肾移植,移植肾存活率已达到98%,另为DCD供肾实施了5例肾移植手术。",
            ("transplants_in_period", 5.0),
        ),
    ],
)
def test_periods(text: str, expected: tuple[str, float]) -> None:
    got = pairs(text)
    assert expected in got, got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a true running total stays one even after a named year
        ("该中心2001年成立以来,累计已完成肾移植1,500例。", ("transplants_cumulative", 1500.0)),
        ("截至2019年底,该院已完成肝移植800余例。", ("transplants_cumulative", 800.0)),
    ],
)
def test_running_totals_kept(text: str, expected: tuple[str, float]) -> None:
    got = pairs(text)
    assert expected in got, got


# --- donation or transplant: the count's own noun decides --------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        (
            "截至9月底,今年全省已实现器官捐献210例,完成650例器官移植手术。",
            ("transplants_in_period", 650.0),
            ("opo_donors", 650.0),
        ),
        (
            "近年市民對器官捐贈的觀念已有改善,今年上半年已進行三十一宗腎臟移植手術。",
            ("transplants_in_period", 31.0),
            ("opo_donors", 31.0),
        ),
        # donation after cardiac death is a donation, not an outcome
        ("到去年底,全省已實施85例心臟死亡後器官捐獻。", ("opo_donors", 85.0), None),
        # organs counted with 只
        ("试点以来共实施器官捐献40例,其中捐献肾脏76只。", ("opo_organs_utilised", 76.0), None),
    ],
)
def test_donation_or_transplant(
    text: str, expected: tuple[str, float], absent: tuple[str, float] | None
) -> None:
    got = pairs(text)
    assert expected in got, got
    if absent:
        assert absent not in got, got


def test_donations_stay_donations() -> None:
    got = pairs("2020年全省完成公民逝世后器官捐献120例。")
    assert ("opo_donors", 120.0) in got, got
    assert not any(i.startswith("transplants") for i, _ in got), got


# --- people waiting and people who received a transplant ------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a patient noun straight after the number is the counter
        ("全省每年约有5万患者等移植,供体严重不足。", ("waitlist_size", 50000.0)),
        ("據了解,該院就有兩千病人在苦候腎源。", ("waitlist_size", 2000.0)),
        # cases waiting
        ("截至今年6月底,就有1800多宗等候移植個案。", ("waitlist_size", 1800.0)),
        # 1万487: the units after 万
        ("國內器官移植等候者已累計有1萬356位。", ("waitlist_size", 10356.0)),
        # recipients counted as transplants
        ("器捐近三年受贈人數共 1,420人,較過去成長。", ("transplants_in_period", 1420.0)),
        ("全港去年只有五十二人獲安排進行移植手術。", ("transplants_in_period", 52.0)),
    ],
)
def test_people_waiting_and_recipients(text: str, expected: tuple[str, float]) -> None:
    got = pairs(text)
    assert expected in got, got


# --- whose count: a unit named after the person is the subject ---------------------------------


def test_unit_after_person_is_the_subject() -> None:
    got = pairs("从1980年某教授完成省内第一例肾移植手术至今,泌尿外科已累计完成肾移植2600例。")
    assert ("transplants_cumulative", 2600.0) in got, got
    assert ("surgeon_transplants_cumulative", 2600.0) not in got, got


def test_person_still_the_subject_without_a_unit() -> None:
    got = pairs("某教授从医三十年,亲自主刀完成肝移植1200余例。")
    assert ("surgeon_transplants_cumulative", 1200.0) in got, got


# --- targets, forecasts and rules' thresholds are no figures ------------------------------------


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("規劃目標包括器官移植增加到一年八萬例。", ("transplants_in_period", 80000.0)),
        ("新规定三年内肝臟移植少於五例的醫院將被撤銷資格。", ("transplants_in_period", 5.0)),
        ("预计明年全省肾移植将达到900例。", ("transplants_in_period", 900.0)),
    ],
)
def test_targets_are_not_figures(text: str, absent: tuple[str, float]) -> None:
    got = pairs(text)
    assert absent not in got, got


# --- shares of the national count ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("该团队共完成肝移植3100例。占全国总例数的12.5%。", ("national_share", 0.12)),
        ("该院完成肾移植近万例,约占国内总例数的五分之一。", ("national_share", 0.2)),
    ],
)
def test_national_shares(text: str, expected: tuple[str, float]) -> None:
    got = pairs(text)
    assert expected in got, got


# --- year-by-column tables -------------------------------------------------------------------


def test_year_by_column_table_one_cell_per_line() -> None:
    cells = ["年份", "肝移植", "活体肾移植", "术后1年\n存活率", "2017", "58", "12", "96%"]
    cells += ["2018", "61", "0", "97%"]
    text = "\n|\n".join(cells) + "\n|"
    got = {(c.indicator, c.value, c.organ, c.period) for c in extract_candidates(text)}
    assert ("transplants_in_period", 58.0, "liver", "2017") in got, got
    assert ("transplants_in_period", 12.0, "kidney", "2017") in got, got
    assert ("transplants_in_period", 61.0, "liver", "2018") in got, got
    assert not any(v == 0.0 or p == "" for _, v, _, p in got), got  # zero cell, rate column


def test_year_by_column_table_one_row_per_line() -> None:
    text = "历年手术量\n年度 | 心脏移植 | 平均住院日 |\n2019 | 14 | 21 |\n2020 | 9 | 19 |\n"
    got = pairs(text)
    assert {("transplants_in_period", 14.0), ("transplants_in_period", 9.0)} <= got, got
    assert ("transplants_in_period", 21.0) not in got, got  # a mean, not a count


def test_table_without_a_year_column_is_not_read_as_one() -> None:
    text = "科室 | 床位 | 医生 |\n肝移植科 | 40 | 12 |\n肾移植科 | 36 | 10 |\n"
    got = pairs(text)
    assert not any(i == "transplants_in_period" for i, _ in got), got


# --- money: a multiplier written once after a range; cost-breakdown lines --------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "在该院做肾移植,费用一般为8-12万元。",
            {("price_cny", 80000.0, "at_least"), ("price_cny", 120000.0, "at_most")},
        ),
        (
            "肝移植手術當天花費約四到七萬元。",
            {("surgical_fee_cny", 40000.0, "at_least"), ("surgical_fee_cny", 70000.0, "at_most")},
        ),
    ],
)
def test_range_multiplier_serves_both_ends(
    text: str, expected: set[tuple[str, float, str]]
) -> None:
    got = found(text)
    assert expected <= got, got


def test_range_with_both_multipliers_unchanged() -> None:
    got = found("肾移植费用约5万-9万元。")
    assert {("price_cny", 50000.0, "at_least"), ("price_cny", 90000.0, "at_most")} <= got, got


def test_cost_breakdown_keeps_only_the_operation() -> None:
    text = (
        "肾移植费用明细\n项目 | 费用 |\n术前检查费用 | 0.5万~1万元 |\n手术费用 | 6万~9万元 |\n"
        "术后住院费用 | 2万~4万元 |\n抗排斥药物费用 | 1万元/年 |"
    )
    got = pairs(text)
    assert {("surgical_fee_cny", 60000.0), ("surgical_fee_cny", 90000.0)} <= got, got
    assert not any(v in (5000.0, 20000.0, 40000.0) for _, v in got), got


# --- lists of (year, count) pairs keep their first item's indicator ---------------------------


def test_year_count_list_keeps_the_first_items_indicator() -> None:
    text = (
        "自试点以来,该省公民逝世后器官捐献逐年增加:"
        "2015年21例,2016年48例,2017年97例,2018年大幅增加到150例。"
    )
    got = pairs(text)
    assert {("opo_donors", 97.0), ("opo_donors", 150.0)} <= got, got
    assert not any(i == "surgeries_per_year" for i, _ in got), got


def test_list_item_with_its_own_noun_keeps_it() -> None:
    got = pairs("2019年全省完成器官捐献180例,2020年完成肝移植手术320例。")
    assert ("opo_donors", 180.0) in got, got
    assert ("transplants_in_period", 320.0) in got, got


# --- number words and vocabulary: 多万, 十几, 礼拜, 总计, 捐出, 到今年8月, 获得新生 ---


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全省每年約有20多萬患者等待器官移植。", ("waitlist_size", 200000.0, "at_least")),
        (
            "至2005年全国肾移植累计已达3.1余万例次。",
            ("transplants_cumulative", 31000.0, "at_least"),
        ),
        ("在那邊換腎只要等兩個禮拜。", ("wait_time_days", 14.0, "exact")),
        ("當時肝移植病房只有二十幾張病床。", ("transplant_beds", 20.0, "at_least")),
        ("該院肝移植總計完成460例。", ("transplants_cumulative", 460.0, "exact")),
        ("第二百例心臟移植,代表有兩百人捐出了他們的心臟。", ("opo_donors", 200.0, "exact")),
        ("到今年6月,該院已完成肝臟移植412例。", ("transplants_cumulative", 412.0, "exact")),
        (
            "至今年3月累計器官捐獻300例,1,012位器官衰竭患者獲得新生。",
            ("transplants_cumulative", 1012.0, "exact"),
        ),
        ("该院营收2015年8.2亿元,2018年迅速增至21亿元。", ("revenue_cny", 2.1e9, "exact")),
    ],
)
def test_vocabulary(text: str, expected: tuple[str, float, str]) -> None:
    got = found(text)
    assert expected in got, got


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("大陸床位數最多的醫院在河南。", ("total_beds", 6.0)),  # 陆 of 大陆 is no 6
        ("活動將向市民派發八萬張器官捐贈卡。", ("total_beds", 80000.0)),  # cards, not beds
        ("每10萬人中,該國約有30名器官捐贈者。", ("opo_donors", 30.0)),  # a rate
        ("在每8位等待的患者中,仅有1位能等到器官。", ("waitlist_size", 1.0)),  # a ratio
        # patients given a new life by transplants the sentence already counted
        ("团队一天完成三台肺移植手术,三位病人获得新生。", ("transplants_cumulative", 3.0)),
        ("器官捐贈讓數十名病患重獲新生。", ("transplants_cumulative", 10.0)),  # 'dozens'
        ("該院占全國現有移植中心的三分之一。", ("national_share", 0.33)),  # a share of centres
    ],
)
def test_vocabulary_non_figures(text: str, absent: tuple[str, float]) -> None:
    got = pairs(text)
    assert absent not in got, got


# --- waits in cells and list items on lines of their own, and after a heading with a colon ----


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("醫院\n\n等候時間\n\n北方某醫院\n\n3週", {("wait_time_days", 21.0)}),
        (
            "換腎的等待時間:\n- 甲醫院:兩週\n- 乙醫院:一個月",
            {("wait_time_days", 14.0), ("wait_time_days", 30.44)},
        ),
        ("等候時間:肝臟2至3週,腎臟1個月。", {("wait_time_days", 30.44)}),
    ],
)
def test_waits_in_cells_and_lists(text: str, expected: set[tuple[str, float]]) -> None:
    got = pairs(text)
    assert expected <= got, got


def test_short_line_without_a_wait_heading_is_no_wait() -> None:
    got = pairs("他去年因肺炎住進醫院\n\n3天\n\n後來出院了")
    assert not any(i == "wait_time_days" for i, _ in got), got


# --- Hong Kong dollars; patients transplanted at the same time ----------------------------------


def test_yuan_in_a_hong_kong_story_is_hong_kong_dollars() -> None:
    got = pairs("香港一名病人轉到內地醫院換肝,家人急需籌集約120萬元手術費。")
    assert ("price_hkd", 1200000.0) in got, got
    assert not any(i.endswith("_cny") for i, _ in got), got


def test_yuan_with_rmb_in_a_hong_kong_story_stays_rmb() -> None:
    got = pairs("香港病人到內地換腎,費用約人民幣20萬元。")
    assert ("price_cny", 200000.0) in got, got


def test_patients_transplanted_at_the_same_time() -> None:
    got = pairs("昨日上午,四位尿毒症病人同时在该院接受肾移植手术。")
    assert ("concurrent_transplant_capacity", 4.0) in got, got


# --- waits: a sentence about a waiting time; one patient's wait; 头半年 is a period ------------


def test_duration_after_a_waiting_time_noun() -> None:
    got = pairs("在本港,等候腎臟移植的平均輪候時間為最長,達52個月。")
    assert ("wait_time_days", 1582.75) in got, got


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("僅今年頭半年,該院已進行二十一宗腎臟移植手術。", ("wait_time_days", 182.62)),
        # a change 'to last year's', not an as-of date
        (
            "美國的配對腎移植由2005年的3宗上升至去年的300多宗。",
            ("transplants_cumulative", 300.0),
        ),
    ],
)
def test_not_a_wait_nor_a_running_total(text: str, absent: tuple[str, float]) -> None:
    got = pairs(text)
    assert absent not in got, got


# --- milestones, back-references, times that are not operations, targets undone by a contrast --


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        (
            "该院在2018年成为省内首家肾移植例数突破3000例的中心。",
            ("transplants_cumulative", 3000.0),
            ("transplants_in_period", 3000.0),
        ),
        (
            "今年该院肝移植手术已突破150例。",
            ("transplants_in_period", 150.0),
            ("transplants_cumulative", 150.0),
        ),
        (
            "按人口计,全省每年肾移植应超过2000例,但去年全省只完成了640例。",
            ("transplants_in_period", 640.0),
            ("transplants_in_period", 2000.0),
        ),
    ],
)
def test_milestones_and_targets(
    text: str, expected: tuple[str, float], absent: tuple[str, float]
) -> None:
    got = pairs(text)
    assert expected in got, got
    assert absent not in got, got


def test_back_reference_is_not_a_second_figure() -> None:
    cands = extract_candidates("该院至今完成肝移植820例。这820例手术中,活体肝移植35例。")
    assert [c.value for c in cands if c.value == 820.0] == [820.0], cands


def test_times_something_else_was_done_are_not_operations() -> None:
    got = pairs("他曾三次担任器官移植领域国家重点项目的首席科学家。")
    assert not any(v == 3.0 for _, v in got), got


# --- tables written one cell per line, separated by blank lines --------------------------------


def test_cell_per_line_table_founded_year_and_count_after_transplant_noun() -> None:
    text = "某某軍區總醫院\n\n某某醫院器官移植中心\n\n1996\n\n1996年開展肝移植57"
    got = pairs(text)
    assert ("transplant_unit_founded_year", 1996.0) in got, got
    assert ("transplants_in_period", 57.0) in got, got


def test_year_cell_under_an_ordinary_line_is_no_founding() -> None:
    got = pairs("醫院簡介\n\n門診大樓\n\n1996\n\n本院肝移植例數逐年增加。")
    assert not any(i == "transplant_unit_founded_year" for i, _ in got), got


# --- patients a hospital transplanted; 轮候 as a wait; one person's wait is an anecdote -------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("自2003年以來,該院已為近2100名患者實施了腎移植手術。", ("transplants_cumulative", 2100.0)),
        ("去年该院为86位患者成功进行了肝移植。", ("transplants_in_period", 86.0)),
        ("在本港輪候換肝的時間中位數約為4年。", ("wait_time_days", 1461.0)),
    ],
)
def test_patients_transplanted_and_queue_waits(text: str, expected: tuple[str, float]) -> None:
    got = pairs(text)
    assert expected in got, got


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("该院为300名患者提供了免费体检。", ("transplants_cumulative", 300.0)),
        ("目前三名受贈者均已出院,其中一名受贈者輪候腎臟6年。", ("wait_time_days", 2191.5)),
    ],
)
def test_not_transplants_nor_waits(text: str, absent: tuple[str, float]) -> None:
    got = pairs(text)
    assert absent not in got, got
