"""One sentence per family of real-text mistakes fixed for issue 14. The sentences are
written for these tests (synthetic test material, not quotes and not evidence); each
asserts a value and an indicator the old rules got wrong or missed."""

from __future__ import annotations

import pytest

from transplant_audit.extract.core import extract_candidates

from .conftest import figure_pairs as found


def check_found(
    text: str, expected: tuple[str, float] | None, absent: tuple[str, float] | None
) -> None:
    """``expected`` (indicator, value) is among the figures found in ``text``, ``absent`` is not."""
    assert expected or absent, "a case must expect or exclude a figure"
    got = found(text)
    if expected:
        assert expected in got, got
    if absent:
        assert absent not in got, got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the counter of a list's last item serves every item
        (
            "The centre performed 1,012 kidney and 338 liver transplants in 2006.",
            {("transplants_in_period", 1012.0), ("transplants_in_period", 338.0)},
        ),
        ("该省2016年至2018年完成器官捐献分别为120、150、210例。", {("opo_donors", 120.0)}),
        # a figure after a Chinese comma; 次 before 移植
        ("上个月共完成9次移植手术(两次心脏移植，4次肺移植)。", {("transplants_in_period", 4.0)}),
        # mixed numbers and digit-by-digit Taiwanese numbers
        ("目前共有1萬1600人正在等待器官移植。", {("waitlist_size", 11600.0)}),
        ("等待心臟移植的病友有三四五名。", {("waitlist_size", 345.0)}),
        # 'conducted' is not a CT device
        (
            "He has conducted more than 600 kidney transplants.",
            {("surgeon_transplants_cumulative", 600.0)},
        ),
        # donations are not transplants; bone marrow is not organ donation
        ("2019年全国完成公民逝世后器官捐献5818例。", {("opo_donors", 5818.0)}),
        # a range in parentheses before its noun
        (
            "Such cases are 5%-10% (3500-7000) of kidney transplants performed annually.",
            {("transplants_in_period", 3500.0), ("transplants_in_period", 7000.0)},
        ),
        # fractions in words
        (
            "The centre accounts for a sixth of all liver transplants in China.",
            {("national_share", 0.17)},
        ),
        # a table row reads its header
        ("Average waiting time\nCity Central Hospital | 2 weeks |", {("wait_time_days", 14.0)}),
        # traditional Chinese vocabulary: 換肝 is a transplant, 輪候 a wait
        ("該院去年換肝手術共120例。", {("transplants_in_period", 120.0)}),
    ],
)
def test_family_is_read(text: str, expected: set[tuple[str, float]]) -> None:
    assert expected <= found(text), found(text)


@pytest.mark.parametrize(
    ("text", "not_expected"),
    [
        # NT dollars in a Taiwanese story are not yuan
        ("台灣病患到大陸換肝，花費約八百萬元。", "price_cny"),
        # a year after 'in' is never an amount or a count
        (
            "The clinical use of cyclosporine in 1978 revolutionized transplantation.",
            "transplants_cumulative",
        ),
        # bone marrow donations are not organ donors
        ("中华骨髓库2023年实现捐献2157例。", "opo_donors"),
        # a change is not a count; a threshold is not a figure
        ("比2015年数量增加11例。", "transplants_in_period"),
        ("年手术数量平均大于75例的中心仅3家。", "transplants_in_period"),
        # a hypothetical is the writer's reasoning
        ("Doing 100 transplants each year would require no more than 10 beds.", "total_beds"),
    ],
)
def test_family_is_not_a_figure(text: str, not_expected: str) -> None:
    assert not_expected not in {c.indicator for c in extract_candidates(text)}


def test_pinyin_glosses_are_read_past_and_spans_point_into_the_original() -> None:
    text = "2019年上半年,我國(guó)完成公民逝世后器官捐獻(xiàn)2757例。"
    cands = [c for c in extract_candidates(text) if c.indicator == "opo_donors"]
    assert [c.value for c in cands] == [2757.0]
    c = cands[0]
    assert text[c.start : c.end] == c.stated == "2757例"
    assert c.snippet[c.start - c.snippet_start :].startswith("2757例")


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        # a person as the subject makes the count a surgeon's own
        (
            "Deputy director Wang has participated in around 1,500 kidney transplants.",
            ("surgeon_transplants_cumulative", 1500.0),
            ("transplants_cumulative", 1500.0),
        ),
        ("据报道,某教授就完成800多例肝移植。", ("surgeon_transplants_cumulative", 800.0), None),
        # rank, not degree, makes senior staff
        ("The unit has 40 staff with senior titles.", ("senior_staff", 40.0), None),
        ("The unit has 7 staff members with PhDs.", None, ("staff_total", 7.0)),
        # registered as waiting is a waiting list; those who got a transplant are a count
        (
            "去年登记等待肾移植的病人有五二一人,得到肾移植的病人有六十人。",
            ("waitlist_size", 521.0),
            ("waitlist_size", 60.0),
        ),
        (
            "去年登记等待肾移植的病人有五二一人,得到肾移植的病人有六十人。",
            ("transplants_in_period", 60.0),
            None,
        ),
        # people who died waiting, per-million rates, lives saved and coordinators
        ("该市去年有12名患者在等待肝移植期间死亡。", None, ("waitlist_size", 12.0)),
        ("每100万人只有3.5人在死后捐出器官。", None, ("opo_donors", 3.5)),
        ("捐献的器官挽救了2万余人的生命。", None, ("opo_donors", 20000.0)),
        ("该省现有器官捐献协调员300多人。", None, ("opo_donors", 300.0)),
        ("There were 40 potential donors during the study.", None, ("opo_donors", 40.0)),
        # a transplant of a donated organ is a transplant, not a donation
        (
            "该院一日内进行3宗器官捐赠移植手术。",
            ("transplants_per_day_max", 3.0),
            ("opo_donors", 3.0),
        ),
        # 'already performed' and 'as of end of YEAR' are running totals
        (
            "By 1990 the department had already performed 45 kidney transplants.",
            ("transplants_cumulative", 45.0),
            ("transplants_in_period", 45.0),
        ),
        # COVID-19 is a name, not 19 patients
        (
            "Six COVID-19 patients underwent lung transplants.",
            None,
            ("transplants_cumulative", 19.0),
        ),
    ],
)
def test_second_dev_set_families(
    text: str, expected: tuple[str, float] | None, absent: tuple[str, float] | None
) -> None:
    check_found(text, expected, absent)


def test_ranked_surgeons_and_subset_by_one_doctor() -> None:
    """Synthetic sentences: ranks list a unit's surgeons; 'N of which ... by one doctor' is
    that surgeon's share of the count before it."""
    # (GUIDE, heldout4: the text ties the unit to transplantation, else its staff stay out)
    got = found(
        "The kidney transplant ward opened in 2001. "
        "It has 4 chief surgeons, 3 associate chief surgeons and 7 attending surgeons."
    )
    assert {("transplant_surgeons", 4.0), ("transplant_surgeons", 7.0)} <= got, got
    got = found(
        "The city performed 300 liver transplants in 2019, 120 of which were done by one doctor."
    )
    assert ("surgeon_transplants_in_period", 120.0) in got, got
    # the hospital as the subject: its chief physicians are no transplant surgeons
    got = found("The hospital has 320 chief physicians.")
    assert ("transplant_surgeons", 320.0) not in got, got


def test_adjacent_digit_ranges_and_bare_transplant_noun() -> None:
    """Synthetic sentences: two consecutive Chinese digits are a range (两三 too since rzh6,
    following the guide notes; 两三天就有 still yields no wait: what then happened is an
    anecdote); a number straight before 移植 counts transplants."""
    got = found("该省每年完成器官捐献约七八百例。")
    assert {("opo_donors", 700.0), ("opo_donors", 800.0)} <= got, got
    got = found("医生说等肝源大概三四周。")
    assert {("wait_time_days", 21.0), ("wait_time_days", 28.0)} <= got, got
    assert not found("医生说肾源两三天就有。") & {("wait_time_days", 2.0)}
    got = found("2018年全国完成2.1万器官移植。")
    assert ("transplants_in_period", 21000.0) in got, got


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        # English phrasings: 'a further N', 'have had', concurrent in the noun phrase
        (
            "The centre did 200 liver transplants in 2009. A further 40 were done in 2010.",
            ("transplants_in_period", 40.0),
            None,
        ),
        (
            "So far, 2,300 patients have had liver transplants here.",
            ("transplants_cumulative", 2300.0),
            None,
        ),
        (
            "The unit can run 3 simultaneous liver transplants.",
            ("concurrent_transplant_capacity", 3.0),
            ("transplants_cumulative", 3.0),
        ),
        # most in one day written with a digit
        ("该院1天完成6台肝移植。", ("transplants_per_day_max", 6.0), None),
        # outcomes, 'first two', study periods and rates are no figures
        ("其中只有3例肺移植患者术后长期生存。", None, ("transplants_cumulative", 3.0)),
        (
            "It performed its first two heart transplants in 2004.",
            None,
            ("transplants_in_period", 2.0),
        ),
        (
            "There were 9 donors during the 18-month study period.",
            None,
            ("wait_time_days", 547.875),
        ),
        ("每100万人只有4.2人在死后捐出器官。", None, ("waitlist_size", 1000000.0)),
    ],
)
def test_phrasings_and_non_figures(
    text: str, expected: tuple[str, float] | None, absent: tuple[str, float] | None
) -> None:
    check_found(text, expected, absent)
