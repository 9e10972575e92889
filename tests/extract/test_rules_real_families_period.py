"""A count for a period or a running total (issue 14, the period pass): families of real-text
mistakes fixed in ``extract/period.py``. Every sentence here was written for these tests in
the style of its family (synthetic test material: not quoted from any page, not evidence).
Each positive case asserts a reading that the rules before this pass got wrong; each
negative case a reading that must stay as it was."""

from __future__ import annotations

import pytest

from transplant_audit.extract.core import extract_candidates
from transplant_audit.extract.period import PeriodView, decide

from .conftest import check_figures as check
from .conftest import figure_pairs as pairs

IN = "transplants_in_period"
CUM = "transplants_cumulative"


# --- spans of dates (with months) are periods, not an as-of date ---------------------------


@pytest.mark.parametrize(
    ("text", "indicator", "value"),
    [
        ("2005年7月至2012年12月本院共完成心脏移植手术86例。", IN, 86),
        ("2003年1月到2011年6月間，該院共施行肝臟移植手術215例。", IN, 215),
        (
            "From 1 July 2009 to 31 December 2015, our unit carried out 640 kidney transplants.",
            IN,
            640,
        ),
        (
            "Between March 2004 and June 2010, the centre had performed 412 liver transplants.",
            IN,
            412,
        ),
    ],
)
def test_a_span_of_dates_is_a_period(text: str, indicator: str, value: float) -> None:
    other = CUM if indicator == IN else IN
    check(text, {(indicator, value)}, {(other, value)})


# --- a total up to a year (before 1980, 1980年以前) is a running total ----------------------


@pytest.mark.parametrize(
    "text",
    [
        "1990年以前全国仅开展肝移植30例。",
        "1988年之前，台灣共完成腎臟移植手術約200例。",
        # English read this already (no year cue, a bare count); kept as a guard
        "Before 1992 the hospital had done about 75 kidney transplants.",
    ],
)
def test_a_total_before_a_year_is_running(text: str) -> None:
    got = pairs(text)
    assert any(i == CUM for i, _ in got), (text, got)
    assert not any(i == IN for i, _ in got), (text, got)


# --- a span from the programme's first operation is its life so far ------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "The country's first liver transplant was done in 1977. Between 1977 and 1990, about "
            "60 liver transplants were performed.",
            60,
        ),
        ("该院于1978年完成首例肾移植。1978年至1995年共完成肾移植120例。", 120),
        ("本院1984年完成首例腎臟移植，1984年至1990年間共完成腎臟移植45例。", 45),
    ],
)
def test_a_span_from_the_first_operation_is_running(text: str, value: float) -> None:
    check(text, {(CUM, value)}, {(IN, value)})


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # the span starts after the first operation: a period (GUIDE.md, "From the start")
        (
            "The country's first liver transplant was done in 1977. Between 1985 and 1990, about "
            "60 liver transplants were performed.",
            60,
        ),
        ("该院于1978年完成首例肾移植。1990年至1995年共完成肾移植120例。", 120),
        ("本院1984年完成首例腎臟移植，1986年至1990年間共完成腎臟移植45例。", 45),
    ],
)
def test_a_span_after_the_first_operation_stays_a_period(text: str, value: float) -> None:
    check(text, {(IN, value)}, {(CUM, value)})


# --- a sentence with no cue continues the counts of the sentence before ---------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "In 2016 the centre performed 1,200 kidney transplants. Another 300 liver "
            "transplants were done by its second team.",
            300,
        ),
        ("2016年该院完成肾移植1200例。肝移植手术另有300例。", 300),
        ("2017年該院完成腎臟移植320例。肝臟移植亦有150例。", 150),
    ],
)
def test_a_bare_count_continues_the_period_before(text: str, value: float) -> None:
    check(text, {(IN, value)}, {(CUM, value)})


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # the sentence before names a year but states no count: nothing to continue
        ("The hospital was founded in 1998. It has performed 3,000 kidney transplants.", 3000),
        # the sentence before is a running total: the default stays
        ("该院至今已完成肾移植3000例。肝移植手术另有800例。", 800),
        # a programme's start in the sentence before is no period of a count
        ("1996年該院完成首例肝臟移植，當年僅1例。肝臟移植手術共有520例。", 520),
    ],
)
def test_a_bare_count_after_no_period_stays_running(text: str, value: float) -> None:
    check(text, {(CUM, value)}, {(IN, value)})


# --- one clause, two statements: each count reads the cue of its own part -------------------


@pytest.mark.parametrize(
    ("text", "period_value", "total_value"),
    [
        (
            "He said the unit performs 400 kidney transplants every year and has performed "
            "over 9,000 kidney transplants so far.",
            400,
            9000,
        ),
        ("该中心每年开展肝移植100余例而累计已完成肝移植2000例。", 100, 2000),
        ("該院每年完成腎臟移植約80例但累計已完成腎臟移植1500例。", 80, 1500),
    ],
)
def test_each_part_of_a_clause_reads_its_own_cue(
    text: str, period_value: float, total_value: float
) -> None:
    check(text, {(IN, period_value), (CUM, total_value)}, {(CUM, period_value)})


def test_a_per_year_rate_before_names_no_period_to_continue() -> None:
    """年均/每年 in the sentence before is a rate, not a named period: a surgeon's career
    count after it stays a running total."""
    text = "该科每年开展肝移植150例左右。科主任从事肝移植工作25年，主刀完成肝移植2000余例。"
    got = pairs(text)
    assert ("surgeon_transplants_cumulative", 2000) in got, got
    assert ("surgeon_transplants_in_period", 2000) not in got, got


# --- English tense, short named periods, as-of dates without a year --------------------------


@pytest.mark.parametrize(
    ("text", "indicator", "value"),
    [
        # a past event in the simple past, with no other cue, is one period's count
        ("There were 1,845 kidney transplants, with a one-year graft survival of 95%.", IN, 1845),
        ("Meanwhile, 420 liver transplants were also performed in the region.", IN, 420),
        # the perfect stays a running total
        ("The region has performed 4,200 liver transplants.", CUM, 4200),
        # a named week or month
        ("In the week before the holiday, the ward performed 9 kidney transplants.", IN, 9),
        ("During that month the team carried out 14 liver transplants.", IN, 14),
        # an as-of date without its year dates a running total; its 'this year' names no period
        ("The country has processed 8,300 organ transplants till June 30 this year.", CUM, 8300),
        # (a guard: read right before this pass too)
        ("As of March 1, the centre had done 2,150 kidney transplants.", CUM, 2150),
    ],
)
def test_english_tense_and_dates(text: str, indicator: str, value: float) -> None:
    other = CUM if indicator == IN else IN
    check(text, {(indicator, value)}, {(other, value)})


# --- Chinese: a total as it stands now, marks passed with their year, a part before ';' ------


@pytest.mark.parametrize(
    ("text", "indicator", "value"),
    [
        ("2006年该院完成首例胰肾联合移植,目前全院共完成胰肾联合移植36例。", CUM, 36),
        ("2009年本院完成首例心臟移植,目前本院共完成心臟移植58例。", CUM, 58),
        ("该院率先突破肝移植500例(2001年)、1000例(2006年)、1500例(2010年)。", CUM, 1000),
        ("該院先後突破腎臟移植1000例(1995年)、2000例(2003年)。", CUM, 2000),
        ("2019年,全省器官捐献数量居全国第三位;完成器官移植手术突破三千例。", IN, 3000),
        ("2020年,本院器官捐贈人數居全台第一;完成肝臟移植手術逾百例。", IN, 100),
    ],
)
def test_chinese_present_totals_dated_marks_and_semicolons(
    text: str, indicator: str, value: float
) -> None:
    other = CUM if indicator == IN else IN
    check(text, {(indicator, value)}, {(other, value)})


def test_a_period_count_with_now_and_a_year_stays_a_period() -> None:
    """目前每年...: a per-year rate said now is still a period's count."""
    check("该院目前每年开展肾移植约300例。", {(IN, 300)}, {(CUM, 300)})


# --- donors and organs used: the same decision sets a period or an as-of date ---------------


def dates(text: str, indicator: str) -> set[tuple[float, str, str]]:
    return {
        (c.value, c.period, c.as_of) for c in extract_candidates(text) if c.indicator == indicator
    }


@pytest.mark.parametrize(
    ("text", "indicator", "expected"),
    [
        (
            "2019年全省完成公民逝世后器官捐献580例，捐献器官1700个。",
            "opo_donors",
            (580, "2019", ""),
        ),
        (
            "2019年全省完成公民逝世后器官捐献580例，捐献器官1700个。",
            "opo_organs_utilised",
            (1700, "2019", ""),
        ),
        ("2020年全台完成器官捐贈150例。", "opo_donors", (150, "2020", "")),
        (
            "In 2021 the province recorded 480 deceased organ donors.",
            "opo_donors",
            (480, "2021", ""),
        ),
        ("该省每年器官捐献约300例。", "opo_donors", (300, "P1Y", "")),
        # running totals: an as-of date, no period
        ("截至2022年底，全国累计完成器官捐献4.5万例。", "opo_donors", (45000, "", "2022")),
        (
            "By the end of 2020, the country had recorded 9,000 cases of organ donation.",
            "opo_donors",
            (9000, "", "2020"),
        ),
    ],
)
def test_donors_and_organs_take_a_period_or_an_as_of_date(
    text: str, indicator: str, expected: tuple[float, str, str]
) -> None:
    assert expected in dates(text, indicator), (text, dates(text, indicator))


# --- the pure decision: each cue class, in all three languages, with its reason --------------


def view(left: str, right: str, previous: str = "") -> PeriodView:
    """A view of one count: ``left`` and ``right`` are its sentence (normalized: lower case,
    simplified characters) before and after the figure, split into clauses at a comma."""
    lc = left.rsplit(",", 1)[-1]
    rc = right.split(",", 1)[0]
    return PeriodView(
        clause=lc + " " + rc,
        left_clause=lc,
        sentence=left + right,
        sentence_left=left,
        sentence_right=right,
        tail=rc,
        previous=previous,
    )


@pytest.mark.parametrize(
    ("v", "kind", "reason"),
    [
        # a span of dates with months
        (view("2005年7月至2012年12月本院共完成心脏移植", "例。"), IN, "span of years"),
        (view("between may 2001 and june 2009 the unit did ", " liver transplants."), IN, "span"),
        # a named period or a per-year word
        (view("去年该院完成肝移植", "例。"), IN, "named period"),
        (view("该院每年完成肝移植", "例。"), IN, "per-year"),
        (view("the centre performs ", " kidney transplants annually."), IN, "per-year"),
        # running-total words
        (view("该院累计完成肝移植", "例。"), CUM, "running-total word"),
        (view("the centre has performed ", " kidney transplants to date."), CUM, "running-total"),
        # a total before a year
        (view("1985年以前全国共完成肾移植", "例。"), CUM, "up to a year"),
        # both kinds in one clause: each part its own
        (
            view("the unit performs 400 a year and has performed ", " so far."),
            CUM,
            "its part of the clause",
        ),
        (view("该院每年完成", "例而累计已完成3000例。"), IN, "its part of the clause"),
        # the sentence before: a named period of counts, or no count at all
        (view("肝移植另有", "例。", previous="2016年该院完成肾移植1200例"), IN, "sentence before"),
        (view("肝移植另有", "例。", previous="该院始建于1958年"), CUM, "no cue"),
        # English tense
        (view("there were ", " liver transplants."), IN, "simple past"),
        (view("the country has done ", " liver transplants."), CUM, "running-total"),
    ],
)
def test_decide_names_its_cue(v: PeriodView, kind: str, reason: str) -> None:
    got = decide(v)
    assert (got.kind, reason in got.reason) == (kind.removeprefix("transplants_"), True), got


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("今年以来，该院已完成肝移植120例。", 120),
        ("今年以來，本院已完成腎臟移植46例。", 46),
        ("So far this year, the hospital has performed 85 kidney transplants.", 85),
        ("The hospital has performed 85 kidney transplants so far this year.", 85),
    ],
)
def test_a_named_period_so_far_counts_that_period(text: str, value: float) -> None:
    """今年以来 / so far this year: the running-total word is bound to a named period."""
    check(text, {(IN, value)}, {(CUM, value)})


@pytest.mark.parametrize(
    ("text", "value", "period"),
    [
        ("2016年该院完成肾移植1200例。肝移植手术另有300例。", 300, "2016"),
        ("2010年至2015年該院完成腎臟移植1200例。肝臟移植另有300例。", 300, "2010/2015"),
        (
            "In 2016 the centre performed 1,200 kidney transplants. Another 300 liver "
            "transplants were done by its second team.",
            300,
            "2016",
        ),
    ],
)
def test_a_count_continuing_the_sentence_before_takes_its_period(
    text: str, value: float, period: str
) -> None:
    got = {(c.value, c.period) for c in extract_candidates(text) if c.indicator == IN}
    assert (value, period) in got, (text, got)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一季度，该院共完成肝移植120例。", 120),
        ("上週本院共完成腎臟移植4例。", 4),
        ("In the first quarter, the centre carried out a total of 96 kidney transplants.", 96),
    ],
)
def test_a_named_quarter_or_week_is_a_period(text: str, value: float) -> None:
    check(text, {(IN, value)}, {(CUM, value)})
