"""The values the learned step's number spans read (extract/learned.py ``number_spans``,
``value_as``): families of figures the readable training snippets lost before any naming,
because no span read their number or a span read it with another value
(tools/figure_loss.py). Sentences written here are synthetic test material, not evidence."""

from __future__ import annotations

import pytest

from transplant_audit.extract import learned


def spans_of(text: str) -> dict[str, learned.Span]:
    """The spans of ``text`` by the number they read (its normalised text)."""
    _, norm, spans = learned.document_spans(text)
    return {norm[sp.start : sp.end]: sp for sp in spans}


# --- a calendar year read with the counter 年 ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number", "indicator", "year"),
    [
        (
            "1963年，一名医生进行了全世界第一次肝移植的尝试。",
            "1963",
            "first_transplant_year",
            1963.0,
        ),
        ("本院於1995年成立器官移植小組。", "1995", "transplant_unit_founded_year", 1995.0),
        ("2003 年第一次做肝臟移植,當時只有我一個人會做。", "2003", "first_transplant_year", 2003.0),
        # English writes no counter after a year: read as it was (the family is Chinese)
        (
            "The unit was founded in 2004 and has grown since.",
            "2004",
            "transplant_unit_founded_year",
            2004.0,
        ),
    ],
)
def test_a_year_with_its_counter_is_a_year(
    text: str, number: str, indicator: str, year: float
) -> None:
    assert learned.value_as(spans_of(text)[number], indicator) == year


def test_a_long_wait_in_years_is_no_calendar_year() -> None:
    sp = spans_of("有的病人等了20年。")["20"]
    assert learned.value_as(sp, "first_transplant_year") is None
    assert learned.value_as(sp, "wait_time_days") == pytest.approx(20 * 365.25)


def test_a_calendar_year_has_no_time_counter() -> None:
    """2019年 is a year, as the rules read it (core._MAX_WAIT_YEARS): no wait of 2,019 years,
    and a span the model adds ends at the year, as the rules' candidate does."""
    sp = spans_of("该院2019年成立移植中心。")["2019"]
    assert (sp.uclass, sp.stated_unit, sp.yearlike) == ("", "", True)
    assert learned.value_as(sp, "wait_time_days") is None


# --- a range's low end shares the multiplier written after its high end ----------------------


@pytest.mark.parametrize(
    ("text", "low", "value"),
    [
        ("亲属肾移植费用一般在6-8万。", "6", 60000.0),
        ("肝移植費用約6至8萬元。", "6", 60000.0),
        ("每年数量已达6-10万例。", "6", 60000.0),
        ("The operation costs 2 to 3 million yuan.", "2", 2e6),
    ],
)
def test_a_range_low_end_takes_the_high_ends_multiplier(text: str, low: str, value: float) -> None:
    assert spans_of(text)[low].raw == value


@pytest.mark.parametrize(
    ("text", "low", "value"),
    [
        ("2008-10万例", "2008", 2008.0),  # no range: the 'low end' would pass the high end
        ("费用6万-8万元。", "6万", 60000.0),  # the low end has its own
        ("between 20 and 30 thousand", "20", 20.0),  # 'and' is no range word
    ],
)
def test_a_low_end_keeps_its_own_value(text: str, low: str, value: float) -> None:
    assert spans_of(text)[low].raw == value


# --- a time unit abbreviated after the number -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number", "days"),
    [
        ("Median waits: liver 2 yrs; kidney 3 yrs.", "2", 2 * 365.25),
        ("Patients waited 6 mos on average.", "6", 6 * 30.4375),
        ("术后住院时间平均21 d。", "21", 21.0),
        ("術後住院時間平均8 d。", "8", 8.0),
    ],
)
def test_an_abbreviated_time_unit_is_read(text: str, number: str, days: float) -> None:
    assert learned.value_as(spans_of(text)[number], "wait_time_days") == pytest.approx(days)


@pytest.mark.parametrize("text", ["A 3d model of the liver.", "3d打印的肝脏模型。"])
def test_a_d_glued_to_the_number_is_no_day(text: str) -> None:
    assert learned.value_as(spans_of(text)["3"], "wait_time_days") is None


# --- a year said digit by digit, or by its last two digits ----------------------------------


@pytest.mark.parametrize(
    ("text", "number", "year"),
    [
        ("我们医院肝移植从九五年开始。", "九五", 1995.0),
        ("自一六年有關法規頒佈後,相關工作才有所進展。", "一六", 2016.0),
        ("该院九八年完成首例肝移植。", "九八", 1998.0),
        ("〇八年该院开展了首例肝移植。", "〇八", 2008.0),  # the parser reads 〇八 as 8
        ("在一九六七年十二月,巴納德醫師完成首例心臟移植。", "一九六七", 1967.0),
        ("二〇一六年该院成立移植中心。", "二〇一六", 2016.0),
    ],
)
def test_a_year_said_digit_by_digit_is_read(text: str, number: str, year: float) -> None:
    sp = spans_of(text)[number]
    assert learned.value_as(sp, "first_transplant_year") == year


@pytest.mark.parametrize(
    ("text", "number", "value"),
    [
        ("等了一两年。", "一两", 2.0),  # consecutive digits: a range, 'one or two years'
        ("三五年后再做。", "三五", 5.0),  # the idiom 'three to five years'
        ("等了三四年。", "三四", 4.0),  # consecutive digits, no year 1934
    ],
)
def test_a_range_of_years_stays_a_range(text: str, number: str, value: float) -> None:
    sp = spans_of(text)[number]
    assert (sp.raw, sp.stated_unit) == (value, "years")


def test_two_digits_before_no_year_are_no_number() -> None:
    assert "九五" not in spans_of("九五成的病人恢复良好。")


# --- a duration said in years and months ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number", "days"),
    [
        # no wait cue: the rules name none of these, the span alone reads the duration
        ("In the United States: liver 2 years and 3 months; kidney 4 years.", "2", 2.25 * 365.25),
        ("在美国,肝脏:两年三个月;肾脏:四年。", "两", (2 + 3 / 12) * 365.25),
        ("在美國,腎臟:三年零一個月;心臟:八個月。", "三", (3 + 1 / 12) * 365.25),
    ],
)
def test_years_and_months_are_one_wait(text: str, number: str, days: float) -> None:
    assert learned.value_as(spans_of(text)[number], "wait_time_days") == pytest.approx(days)


def test_months_after_a_comma_are_another_figure() -> None:
    sp = spans_of("等了两年，三个月后才手术。")["两"]
    assert learned.value_as(sp, "wait_time_days") == pytest.approx(2 * 365.25)
