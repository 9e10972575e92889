"""Counts and their names (issue 14, the seventh rules pass, pc6): families of real-text
mistakes in naming a count and reading its range, period or subject. Every sentence here was
written for these tests in the style of its family (synthetic test material: not quoted from
any page, not evidence). Each positive case asserts a reading the rules before this pass (main
at dd443ca) got wrong; cases marked "guard" already passed there and guard the pass; negative
cases assert figures that must stay unextracted."""

from __future__ import annotations

import pytest

from .conftest import check_figures as check
from .conftest import figure_triples as triples

IN = "transplants_in_period"
CUM = "transplants_cumulative"
ORGANS = "opo_organs_utilised"
WAIT = "wait_time_days"
WAITLIST = "waitlist_size"


# --- a range whose high end alone carries the counter ---------------------------------------


@pytest.mark.parametrize(
    ("text", "present"),
    [
        (
            "Heart transplants at the two clinics have stayed between 14 and 22 a year.",
            {(IN, 14.0, "at_least"), (IN, 22.0, "at_most")},
        ),
        (
            "The number of pancreas transplants in the region was just 6 to 11 per year.",
            {(IN, 6.0, "at_least"), (IN, 11.0, "at_most")},
        ),
        (
            "Officials said roughly 250 to 310 kidneys, livers and lungs are recovered from "
            "deceased donors per year.",
            {(ORGANS, 250.0, "at_least"), (ORGANS, 310.0, "at_most")},
        ),
        # a table row: the low end 1 was dropped as a list number
        (
            "Provincial clinic | 1-3 weeks for a kidney",
            {(WAIT, 7.0, "at_least"), (WAIT, 21.0, "at_most")},
        ),
    ],
)
def test_range_low_end_takes_the_high_ends_counter(text: str, present: set) -> None:
    check(text, present, set(), triples)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # a year before 'to' dates the figure before it; it is no low end
        (
            "Lung transplants climbed from 40 in 2011 to 130 in 2016.",
            {(IN, 2011.0, "at_least")},
        ),
        # a running total is one figure, not the end of a range
        (
            "Patients aged 18 to 60 made up most of the 1,400 transplants done so far.",
            {(CUM, 18.0, "at_least"), (CUM, 60.0, "at_least")},
        ),
    ],
)
def test_range_low_end_negatives(text: str, absent: set) -> None:
    check(text, set(), absent, triples)


# --- Chinese: persons whose own clause says they had a transplant, after a waiting list ------


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        (
            "某縣醫院排隊等候換肝的病人約有450人,可是該院每年做完換肝手術的不過約40人。",
            {(WAITLIST, 450.0), (IN, 40.0)},
            {(WAITLIST, 40.0)},
        ),
        (
            "目前在名單上等待腎臟的病友約六千人,然而一年只有兩百多人幸運地得到腎臟。",
            {(WAITLIST, 6000.0), (IN, 200.0)},
            {(WAITLIST, 200.0)},
        ),
        (
            "省内排队等候换肾的尿毒症患者约一万二千人,去年得到肾脏的只有六百多人。",
            {(WAITLIST, 12000.0), (IN, 600.0)},
            {(WAITLIST, 600.0)},
        ),
        # 接收 (took in) a transplant: a synonym of 接受
        ("去年该院接收肝脏移植手术的患者约有260人。", {(IN, 260.0)}, set()),
    ],
)
def test_zh_clause_of_the_count_names_recipients(text: str, present: set, absent: set) -> None:
    check(text, present, absent)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # guard: held on dd443ca; staff who did the operations are no recipients
        ("该院完成肝移植手术的医生有12人。", set(), {(IN, 12.0), (CUM, 12.0)}),
        # guard: held on dd443ca; people waiting stay the waiting list
        (
            "等候肝移植的病人約有300人,其中等候超過兩年的約有90人。",
            {(WAITLIST, 300.0)},
            {(IN, 90.0)},
        ),
    ],
)
def test_zh_clause_of_the_count_guards(text: str, present: set, absent: set) -> None:
    check(text, present, absent)


# --- English: a count with no noun of its own, of the transplants named before it -----------


@pytest.mark.parametrize(
    ("text", "present"),
    [
        (
            "In 1999 the country reported 900 heart transplants; five years later the yearly "
            "number had climbed to 1,650.",
            {(IN, 900.0), (IN, 1650.0)},
        ),
        (
            "Surgeons there did 55 liver transplants in 2010. Officials say the number of such "
            "operations fell to 31 last year.",
            {(IN, 55.0), (IN, 31.0)},
        ),
        (
            "The number of pancreas transplants in 2014 (37) was well below that of 2013.",
            {(IN, 37.0)},
        ),
        (
            "The annual number of lung transplants has risen to over 60 lately.",
            {(IN, 60.0)},
        ),
    ],
)
def test_en_count_with_no_noun_counts_the_transplants_before(text: str, present: set) -> None:
    check(text, present, set())


def test_en_count_with_no_noun_guard() -> None:
    """Guard: held on dd443ca (the noun is in the same sentence, read by another rule)."""
    check(
        "Only 40 kidney transplants took place there in 2001, but the number of these "
        "surgeries jumped to 700 in 2006.",
        {(IN, 40.0), (IN, 700.0)},
        set(),
    )


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # the last noun counted before is centres, not transplants
        (
            "Heart transplants began in 1985 at 4 transplant centres; the annual number of "
            "such centres rose to 30 by 2010.",
            {(IN, 30.0), (CUM, 30.0)},
        ),
        # a multiple, not a count
        (
            "There were 200 liver transplants in 1998; the number in 2001 was 6 times higher.",
            {(IN, 6.0), (CUM, 6.0)},
        ),
        # a bare 'the number was' may count anything: donors named in an agency's title
        (
            "The National Transplant Authority reports donors each year. In 2012 the number "
            "was 410.",
            {(IN, 410.0), (CUM, 410.0)},
        ),
    ],
)
def test_en_count_with_no_noun_negatives(text: str, absent: set) -> None:
    check(text, set(), absent)


# --- a bare count of cases or operations continues the counts stated before it -------------

DONORS = "opo_donors"
SURGERIES = "surgeries_per_year"


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        (
            "去年全市完成器官捐献60多例,其中上半年25例,创历年新高。今年前九个月已突破70例。",
            {(DONORS, 60.0), (DONORS, 25.0), (DONORS, 70.0)},
            {(SURGERIES, 25.0), (SURGERIES, 70.0)},
        ),
        (
            "Across the whole country fewer than 15 kidney transplants are carried out each "
            "year, according to the ministry's latest annual review. In our own province only "
            "two operations took place last year.",
            {(IN, 15.0), (IN, 2.0)},
            {(SURGERIES, 2.0)},
        ),
        (
            "There were 2,310 OT performed nationally in 2018, slightly fewer than the year "
            "before. The capital's share rose from 20% in 2016 (420 cases) to 25% in 2018 "
            "(578 cases).",
            {(IN, 420.0), (IN, 578.0)},
            set(),
        ),
    ],
)
def test_bare_count_continues_the_counts_before(text: str, present: set, absent: set) -> None:
    check(text, present, absent)


def test_bare_count_after_bone_marrow_donations_is_no_organ_donor() -> None:
    """Guard: held on dd443ca; a bone-marrow donation count before is no organ donation."""
    check(
        "中华骨髓库去年实现捐献2157例,今年突破2000例。", set(), {(DONORS, 2157.0), (DONORS, 2000.0)}
    )


# --- Chinese firsts said with 第一次 / 第一个 of a success or of the human operation --------

FIRST = "first_transplant_year"


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("1958年,某位外科医生完成了第一次成功的肝移植手术。", 1958.0),
        ("第一个人类肺移植是1963年由某医生完成的。", 1963.0),
        ("1966年,該院完成了第一次成功的腎移植手術,患者存活了三年。", 1966.0),
    ],
)
def test_zh_first_said_with_first_time_or_first_one(text: str, year: float) -> None:
    check(text, {(FIRST, year)}, set())


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # guard: held on dd443ca; a first centre is a founded unit, not a first operation
        ("2001年该省成立了第一个肝移植中心。", {(FIRST, 2001.0)}),
        # guard: held on dd443ca; one patient's first transplant dates no programme's first
        ("该患者2009年第一次移植后出现排斥,2015年再次接受肾移植。", {(FIRST, 2009.0)}),
    ],
)
def test_zh_first_time_negatives(text: str, absent: set) -> None:
    check(text, set(), absent)


# --- Chinese: persons counted by a running total right after the transplant of the sentence --


@pytest.mark.parametrize(
    ("text", "present"),
    [
        ("該院心臟移植個案中,18歲以下者累計41人。", {(CUM, 41.0)}),
        ("肝臟移植部分,則累計完成260位。", {(CUM, 260.0)}),
        ("該院腎臟移植累計完成850人次。", {(CUM, 850.0)}),
        # a span of years that does not start the programme keeps the count in its period
        ("从2003年到2012年,全省肾移植累计个案1900人次。", {(IN, 1900.0)}),
    ],
)
def test_zh_running_total_of_persons_after_a_transplant(text: str, present: set) -> None:
    check(text, present, set())


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # guard: held on dd443ca; the waiting list named in the clause before
        (
            "全市等候肝臟移植的病人中,以成人最多,共五百二十人。",
            {(WAITLIST, 520.0)},
            {(CUM, 520.0), (IN, 520.0)},
        ),
        # guard: held on dd443ca; patients followed up are no recipients counted
        ("该院开展肝移植以来,累计随访患者900人。", set(), {(CUM, 900.0), (IN, 900.0)}),
        # guard: held on dd443ca; donors stay donors
        (
            "该院开展肾移植以来,累计捐献器官的家庭有300人。",
            {(DONORS, 300.0)},
            {(CUM, 300.0)},
        ),
    ],
)
def test_zh_running_total_of_persons_guards(text: str, present: set, absent: set) -> None:
    check(text, present, absent)


# --- Chinese study cohorts with neither a centre nor a span are no figures -------------------


@pytest.mark.parametrize(
    "text",
    [
        "方法:回顾性分析本组120例肝移植患者的临床资料。",
        "目的:前瞻性观察入选的64例肾移植受者术后血压的变化。",
        "男18例,女9例,均为回顾性纳入的肝移植术后患者。",
    ],
)
def test_zh_unsited_study_cohort_is_no_figure(text: str) -> None:
    found = {indicator for indicator, _ in triples_pairs(text)}
    assert not found & {IN, CUM, DONORS, ORGANS}, (text, found)


def test_zh_cohort_with_centre_and_span_stays() -> None:
    """Guard: held on dd443ca; a centre and a span make a cohort a figure (GUIDE.md)."""
    check(
        "方法:回顾性分析2010年1月至2015年12月某市第一医院完成的86例肾移植的临床资料。",
        {(IN, 86.0)},
        set(),
    )


def triples_pairs(text: str) -> set[tuple[str, float]]:
    """(indicator, value) of every candidate in ``text``."""
    return {(indicator, value) for indicator, value, _ in triples(text)}


# --- English: persons counted by what they did (had, underwent, went abroad for) a transplant,
# and a window of recent years ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "present"),
    [
        (
            "About 800 Malaysians a year are believed to have had kidney transplants in India.",
            {(IN, 800.0, "approx")},
        ),
        (
            "Every year about 250 Taiwanese go to China for kidney transplants.",
            {(IN, 250.0, "approx")},
        ),
        (
            "Between 60 and 90 Omanis have undergone kidney transplants overseas in recent years.",
            {(IN, 60.0, "at_least"), (IN, 90.0, "at_most")},
        ),
        (
            "The clinic has performed 35 liver transplants in recent years.",
            {(IN, 35.0, "exact")},
        ),
        # the persons' own counter read, their travel for a transplant after it
        (
            "Roughly 45 liver patients travel abroad every year for transplants.",
            {(IN, 45.0, "approx")},
        ),
    ],
)
def test_en_recipients_by_what_they_did(text: str, present: set) -> None:
    check(text, present, set(), triples)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # guard: held on dd443ca; residents who had one, no period: a running total
        (
            "About 1,000 residents had undergone a transplant over the border, the minister said.",
            {(CUM, 1000.0)},
            set(),
        ),
        # guard: held on dd443ca; staff sent abroad for training are no recipients
        (
            "About 30 trainees a year go to Europe for transplant fellowships.",
            set(),
            {(IN, 30.0), (CUM, 30.0)},
        ),
    ],
)
def test_en_recipients_guards(text: str, present: set, absent: set) -> None:
    check(text, present, absent)


# --- organs counted: given by donors, made available, given out, counted one by one ---------


@pytest.mark.parametrize(
    ("text", "present"),
    [
        (
            "There were 900 donors giving more than 2,600 organs in 2019, the ministry said.",
            {(DONORS, 900.0), (ORGANS, 2600.0)},
        ),
        (
            "Only about 60 livers are available in a year, according to the foundation.",
            {(ORGANS, 60.0)},
        ),
        ("该省去年实现角膜捐献70例,捐献角膜138枚。", {(DONORS, 70.0), (ORGANS, 138.0)}),
        ("眼庫去年分發120片眼角膜,仍有90人輪候。", {(ORGANS, 120.0), (WAITLIST, 90.0)}),
    ],
)
def test_organs_counted(text: str, present: set) -> None:
    check(text, present, set())


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # guard: held on dd443ca; organs per donor are a ratio
        ("Each donor gave an average of 3 organs last year.", {(ORGANS, 3.0)}),
        # guard: held on dd443ca; an eye bank giving out leaflets gives out no organs
        ("眼库去年分发300份宣传单。", {(ORGANS, 300.0)}),
    ],
)
def test_organs_counted_negatives(text: str, absent: set) -> None:
    check(text, set(), absent)


def test_zh_measure_word_before_the_organ_is_one_event() -> None:
    """枚 before its noun (两枚捐献的肝脏) counts one event's organs, not a tally."""
    check("日前,某医院完成一组劈离式肝移植,两枚捐献的肝脏分别植入3人体内。", set(), {(ORGANS, 2.0)})


# --- donor counts that are a registry or a rate --------------------------------------------


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        (
            "The national organ donor list holds only about 90,000 people, compared to 20 "
            "million in Spain.",
            {(DONORS, 20000000.0), (DONORS, 90000.0)},
        ),
        (
            "The region has fewer than three organ donations for every one million people.",
            {(DONORS, 1000000.0)},
        ),
        (
            "The donation rate rose from 4.2 to 6.9 donors per million population in 2015.",
            {(DONORS, 4.2), (DONORS, 6.9)},
        ),
    ],
)
def test_donor_registry_and_rates_are_no_donors(text: str, absent: set) -> None:
    check(text, set(), absent)


def test_donor_counts_of_two_years_stay() -> None:
    """Guard: held on dd443ca; a count and its year before stay donors."""
    check(
        "There were 1,200 deceased donors in 2018, up from 900 in 2017.",
        {(DONORS, 1200.0), (DONORS, 900.0)},
        set(),
    )


# --- English firsts of several organs, their years said 'respectively' ---------------------


@pytest.mark.parametrize(
    ("text", "years"),
    [
        (
            "In Singapore, the first kidney, liver and heart transplants were performed in 1970, "
            "1990 and 1994 respectively.",
            (1970.0, 1990.0, 1994.0),
        ),
        (
            "The first successful kidney, liver and lung transplants in the region were achieved "
            "in 1972, 1988, and 1999, respectively.",
            (1972.0, 1988.0, 1999.0),
        ),
    ],
)
def test_en_firsts_respectively(text: str, years: tuple[float, ...]) -> None:
    check(text, {(FIRST, y) for y in years}, set())


def test_en_firsts_respectively_skip_a_year_with_no_organ() -> None:
    """Bone marrow named in the list has no organ: its year is no transplant's first."""
    check(
        "In Singapore, the first kidney, liver and bone marrow transplants were performed in "
        "1970, 1990 and 1994 respectively.",
        {(FIRST, 1970.0), (FIRST, 1990.0)},
        {(FIRST, 1994.0)},
    )
