"""Period or running total, twelfth rules pass (x12p): families of real-text mistakes
(English and Chinese) where a count of transplants tied to a stretch of time was named a
running total (or a period, when the stretch is a day's hours: the most in one day). Every
sentence here was written for these tests in new words (synthetic test material: not quoted
from any page, not evidence). Each positive case asserts a figure the rules of main before
this pass (47c8502) labelled wrongly; cases whose id starts with ``guard-`` already held on
47c8502: they are the near misses that must stay running totals (or stay one-day counts,
concurrent counts)."""

from __future__ import annotations

import pytest

from .conftest import check_figures

IN = "transplants_in_period"
CUM = "transplants_cumulative"

# --- a stretch of a few days or hours: the transplants done in it are that stretch's ------


A_FEW_DAYS_ARE_A_PERIOD = [
    pytest.param(
        "The county hospital completed four kidney transplants in three days last spring.",
        (IN, 4.0),
        (CUM, 4.0),
        id="en-in-three-days",
    ),
    pytest.param(
        "Within 48 hours the team carried out five liver transplants.",
        (IN, 5.0),
        (CUM, 5.0),
        id="en-within-48-hours",
    ),
    pytest.param(
        "Over two consecutive days the hospital performed six kidney transplants.",
        (IN, 6.0),
        (CUM, 6.0),
        id="en-over-two-consecutive-days",
    ),
    pytest.param(
        "医疗队连续奋战3天3夜,完成4例肾移植手术。",
        (IN, 4.0),
        (CUM, 4.0),
        id="zh-days-and-nights",
    ),
    pytest.param(
        "该院两天之内完成了3例肝移植。",
        (IN, 3.0),
        (CUM, 3.0),
        id="zh-within-two-days",
    ),
    pytest.param(
        "移植团队48小时内完成肝移植2例、肾移植4例。",
        (IN, 4.0),
        (CUM, 4.0),
        id="zh-within-48-hours",
    ),
    pytest.param(
        "醫院連續五天完成了6例腎臟移植。",
        (IN, 6.0),
        (CUM, 6.0),
        id="hant-five-days-running",
    ),
    pytest.param(
        "The centre has performed 800 liver transplants, and patients leave hospital "
        "about ten days after surgery.",
        (CUM, 800.0),
        (IN, 800.0),
        id="guard-days-after-surgery-not-a-stretch",
    ),
    pytest.param(
        "该院已完成肝移植500例,患者术后3天即可下床。",
        (CUM, 500.0),
        (IN, 500.0),
        id="guard-zh-days-after-surgery",
    ),
    pytest.param(
        "该院一天内完成肝移植5例。",
        ("transplants_per_day_max", 5.0),
        (IN, 5.0),
        id="guard-zh-one-day-is-the-most-in-a-day",
    ),
]


# --- an ordinal counted within a named period written after it ----------------------------


AN_ORDINAL_OF_THE_YEAR_IS_THAT_YEARS = [
    pytest.param(
        "In November the centre performed its 140th transplant of the year.",
        (IN, 140.0),
        (CUM, 140.0),
        id="en-nth-of-the-year",
    ),
    pytest.param(
        "Surgeons there did the 12th liver transplant this month on Friday.",
        (IN, 12.0),
        (CUM, 12.0),
        id="en-nth-this-month",
    ),
    pytest.param(
        "The programme performed its 2,000th kidney transplant in 2019.",
        (CUM, 2000.0),
        (IN, 2000.0),
        id="guard-nth-in-a-year-passes-a-mark",
    ),
    pytest.param(
        "Last week the hospital marked its 1,500th transplant since the unit opened.",
        (CUM, 1500.0),
        (IN, 1500.0),
        id="guard-nth-since-opening",
    ),
]


# --- the later end of a change from a year's count: 从每年…发展到2004年… ---------------------


A_CHANGE_FROM_A_YEARS_COUNT_ENDS_IN_A_YEARS_COUNT = [
    pytest.param(
        "这家研究所从过去每年肾移植二十几例,发展到2006年突破五百例。",
        (IN, 500.0),
        (CUM, 500.0),
        id="zh-from-per-year-grew-to-a-year",
    ),
    pytest.param(
        "該院從以往每年肝移植數例,增加到2010年的120例。",
        (IN, 120.0),
        (CUM, 120.0),
        id="hant-from-per-year-rose-to-a-year",
    ),
    pytest.param(
        "这家研究所1992年开展肾移植,到2006年突破五百例。",
        (CUM, 500.0),
        (IN, 500.0),
        id="guard-by-a-year-is-a-running-total",
    ),
    pytest.param(
        "这家研究所从过去每年肾移植二十几例起步,到2006年底累计完成五百例。",
        (CUM, 500.0),
        (IN, 500.0),
        id="guard-a-year-end-running-total-after-a-rate",
    ),
]


# --- 截至 before a year in Chinese numerals is an as-of date, like 截至2014年 ------------------


AS_OF_A_YEAR_IN_CHINESE_NUMERALS_IS_A_RUNNING_TOTAL = [
    pytest.param(
        "据初步统计,截至二零一六年三月,这些医院至少完成肝移植三万二千例。",
        (CUM, 32000.0),
        (IN, 32000.0),
        id="zh-as-of-a-year-in-chinese-numerals",
    ),
    pytest.param(
        "據不完全統計,截止二零一五年,該地區醫院至少完成腎移植八千例。",
        (CUM, 8000.0),
        (IN, 8000.0),
        id="hant-as-of-a-year-in-chinese-numerals",
    ),
    pytest.param(
        "二零一六年,这家医院完成肝移植三百例。",
        (IN, 300.0),
        (CUM, 300.0),
        id="guard-a-year-in-chinese-numerals-is-a-period",
    ),
]


# --- N年来: the last N years named by their number, not a programme's life ------------------


THE_LAST_N_YEARS_ARE_A_PERIOD = [
    pytest.param(
        "不过有几家区域医院,十年来肝脏移植不到八例。",
        (IN, 8.0),
        (CUM, 8.0),
        id="zh-ten-years-back",
    ),
    pytest.param(
        "該院6年來腎臟移植不到九例。",
        (IN, 9.0),
        (CUM, 9.0),
        id="hant-six-years-back",
    ),
    pytest.param(
        "该院2005年完成本省首例肝移植,十年来肝移植已累计完成九百例。",
        (CUM, 900.0),
        (IN, 900.0),
        id="guard-years-since-the-first-operation",
    ),
    pytest.param(
        "该院2006年完成首例肾移植,十年来肾移植已经突破七百例。",
        (CUM, 700.0),
        (IN, 700.0),
        id="guard-years-back-passing-a-mark-after-a-first",
    ),
    pytest.param(
        "该院移植中心成立于2004年。十年来共完成肝移植六百例。",
        (CUM, 600.0),
        (IN, 600.0),
        id="guard-years-since-founding",
    ),
]


# --- several transplants within a day's hours or fewer: the most in one day ----------------


A_DAYS_HOURS_ARE_THE_MOST_IN_A_DAY = [
    pytest.param(
        "据报道,该院移植团队十五小时内完成了四台肝移植手术。",
        ("transplants_per_day_max", 4.0),
        (IN, 4.0),
        id="zh-fifteen-hours",
    ),
    pytest.param(
        "Within 18 hours the team carried out three liver transplants.",
        ("transplants_per_day_max", 3.0),
        (IN, 3.0),
        id="en-within-eighteen-hours",
    ),
    pytest.param(
        "該院十二個小時內同時完成了3台心臟移植手術。",
        ("concurrent_transplant_capacity", 3.0),
        ("transplants_per_day_max", 3.0),
        id="guard-hant-hours-at-the-same-time-are-concurrent",
    ),
    pytest.param(
        "该院已完成肝移植300例,患者术后24小时内即可拔管。",
        (CUM, 300.0),
        ("transplants_per_day_max", 300.0),
        id="guard-hours-after-surgery",
    ),
]


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        *A_FEW_DAYS_ARE_A_PERIOD,
        *AN_ORDINAL_OF_THE_YEAR_IS_THAT_YEARS,
        *A_CHANGE_FROM_A_YEARS_COUNT_ENDS_IN_A_YEARS_COUNT,
        *AS_OF_A_YEAR_IN_CHINESE_NUMERALS_IS_A_RUNNING_TOTAL,
        *THE_LAST_N_YEARS_ARE_A_PERIOD,
        *A_DAYS_HOURS_ARE_THE_MOST_IN_A_DAY,
    ],
)
def test_period_or_running_total(
    text: str, present: tuple[str, float], absent: tuple[str, float]
) -> None:
    check_figures(text, {present}, {absent})
