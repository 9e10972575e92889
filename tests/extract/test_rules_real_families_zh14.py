"""Families of Chinese real-text mistakes (simplified and traditional) fixed for issue 14,
fourteenth rules pass (zh14), read on the tune halves of heldout3 to heldout10 (and dev, dev2,
held-out v1, heldout2) only. Every sentence here was written for these tests in new words
(synthetic test sentences in the family's shape, not quoted from any page, not evidence; the
names are invented). Each positive case asserts a figure the rules of main before this pass
(aed41d1) labelled wrongly; ``near-`` cases are near misses that must keep their reading."""

from __future__ import annotations

import pytest

from .conftest import check_figures

# --- a person by name as the subject of the count: the surgeon's own running total ---------


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        pytest.param(
            "据院方介绍,到2019年底吕文博累计完成了近八千例肾移植手术。",
            {("surgeon_transplants_cumulative", 8000.0)},
            {("transplants_cumulative", 8000.0)},
            id="name-cumulative-word-verb",
        ),
        pytest.param(
            "在省人民医院,韦海明至少完成2300例肝移植。",
            {("surgeon_transplants_cumulative", 2300.0)},
            {("transplants_cumulative", 2300.0)},
            id="name-at-least-verb",
        ),
        pytest.param(
            "報道說,孟德生「十多年來共完成腎移植手術達910例,存活率很高。",
            {("surgeon_transplants_cumulative", 910.0)},
            {("transplants_cumulative", 910.0)},
            id="hant-name-quote-years-since",
        ),
        pytest.param(
            "資料顯示,截至2016年邵啟明已經施行肝臟移植640例。",
            {("surgeon_transplants_cumulative", 640.0)},
            {("transplants_cumulative", 640.0)},
            id="hant-name-already-performed",
        ),
        pytest.param(
            "到2020年,江苏省累计完成肝移植4300例。",
            {("transplants_cumulative", 4300.0)},
            {("surgeon_transplants_cumulative", 4300.0)},
            id="near-province-is-no-name",
        ),
        pytest.param(
            "沈阳累计完成肾移植手术2100例。",
            {("transplants_cumulative", 2100.0)},
            {("surgeon_transplants_cumulative", 2100.0)},
            id="near-city-is-no-name",
        ),
        pytest.param(
            "近年來,高醫已完成肝臟移植350例。",
            {("transplants_cumulative", 350.0)},
            {("surgeon_transplants_cumulative", 350.0)},
            id="near-hospital-short-name",
        ),
        pytest.param(
            "该中心成立以来,陆续完成肾移植手术1500例。",
            {("transplants_cumulative", 1500.0)},
            {("surgeon_transplants_cumulative", 1500.0)},
            id="near-adverb-opening-on-surname",
        ),
        pytest.param(
            "田志军带领团队已完成肝移植800例。",
            {("transplants_cumulative", 800.0)},
            {("surgeon_transplants_cumulative", 800.0)},
            id="near-named-leader-team-count",
        ),
    ],
)
def test_named_person_subject(text: str, present: set, absent: set) -> None:
    check_figures(text, present, absent)


# --- 今年71岁: an age is not the period of the counts ---------------------------------------


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        pytest.param(
            "今年68岁的该院前院长回忆,移植中心完成肾移植2400例。",
            {("transplants_cumulative", 2400.0)},
            {("transplants_in_period", 2400.0)},
            id="age-this-year-is-no-period",
        ),
        pytest.param(
            "今年68歲的老院長是省內換腎最多的醫生,完成腎移植2400例。",
            {("transplants_cumulative", 2400.0)},
            {("transplants_in_period", 2400.0)},
            id="hant-age-opening-the-sentence",
        ),
        pytest.param(
            "當年45歲的主任帶來新技術,中心完成肝臟移植700例。",
            {("transplants_cumulative", 700.0)},
            {("transplants_in_period", 700.0)},
            id="hant-age-that-year-is-no-period",
        ),
        pytest.param(
            "今年该中心完成肝移植86例。",
            {("transplants_in_period", 86.0)},
            {("transplants_cumulative", 86.0)},
            id="near-this-year-still-a-period",
        ),
    ],
)
def test_age_is_no_period(text: str, present: set, absent: set) -> None:
    check_figures(text, present, absent)


# --- a span of dates, then 先后 'one after another': the span's count, not a running total ---


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        pytest.param(
            "2016年至2019年,该院先后完成肝移植420例。",
            {("transplants_in_period", 420.0)},
            {("transplants_cumulative", 420.0)},
            id="year-span-then-one-after-another",
        ),
        pytest.param(
            "2011年底至2012年9月間,涉案的黑診所先後實施11次腎臟移植手術。",
            {("transplants_in_period", 11.0)},
            {("transplants_cumulative", 11.0)},
            id="hant-span-from-year-end",
        ),
        pytest.param(
            "2014年末至2015年,该团伙组织实施了7次肾脏移植手术。",
            {("transplants_in_period", 7.0)},
            {("transplants_cumulative", 7.0)},
            id="span-from-year-end-no-adverb",
        ),
        pytest.param(
            "该院先后完成肝移植420例。",
            {("transplants_cumulative", 420.0)},
            {("transplants_in_period", 420.0)},
            id="near-one-after-another-alone-is-a-total",
        ),
        pytest.param(
            "自2003年以来,该院先后完成肝移植420例。",
            {("transplants_cumulative", 420.0)},
            {("transplants_in_period", 420.0)},
            id="near-since-keeps-the-running-total",
        ),
    ],
)
def test_span_then_in_sequence(text: str, present: set, absent: set) -> None:
    check_figures(text, present, absent)


# --- 次 after the transplants it counts (肾脏移植手术9次) ------------------------------------


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        pytest.param(
            "2017年3月至6月,该黑诊所进行非法肾脏移植手术12次。",
            {("transplants_in_period", 12.0)},
            set(),
            id="transplant-noun-then-times",
        ),
        pytest.param(
            "去年該院共施行肝臟移植手術27次。",
            {("transplants_in_period", 27.0)},
            set(),
            id="hant-transplant-noun-then-times",
        ),
        pytest.param(
            "患者肾移植术后出血,接受手术2次。",
            set(),
            {("transplants_in_period", 2.0), ("transplants_cumulative", 2.0)},
            id="near-one-patients-operations",
        ),
        pytest.param(
            "他三次担任移植学会主席。",
            set(),
            {("transplants_in_period", 3.0), ("transplants_cumulative", 3.0)},
            id="near-times-of-something-else",
        ),
    ],
)
def test_times_after_transplants(text: str, present: set, absent: set) -> None:
    check_figures(text, present, absent)


# --- persons named by the transplant they had (做器官移植的人数, 能做角膜移植的人) -----------


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        pytest.param(
            "据估计,每年出国做肾脏移植的人数约有600人。",
            {("transplants_in_period", 600.0)},
            set(),
            id="trip-for-transplant-persons-yearly",
        ),
        pytest.param(
            "該國眼疾患者眾多,但每年能做角膜移植的人還不到3000人。",
            {("transplants_in_period", 3000.0)},
            set(),
            id="hant-could-have-cornea-transplant-persons",
        ),
        pytest.param(
            "外国人在华移植肝脏的人数每年也在300人以上。",
            {("transplants_in_period", 300.0)},
            set(),
            id="transplanted-persons-number-yearly",
        ),
        pytest.param(
            "该院肝移植后存活的人数有420人。",
            set(),
            {("transplants_in_period", 420.0), ("transplants_cumulative", 420.0)},
            id="near-survivors-are-no-transplants",
        ),
        pytest.param(
            "全省等待肾移植的人数有3100人。",
            {("waitlist_size", 3100.0)},
            {("transplants_in_period", 3100.0), ("transplants_cumulative", 3100.0)},
            id="near-waiting-persons",
        ),
    ],
)
def test_persons_named_by_their_transplant(text: str, present: set, absent: set) -> None:
    check_figures(text, present, absent)


# --- a clause with no subject continuing a person the sentence (or the one before) opened on --


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        pytest.param(
            "韦立新院士长期从事肝移植研究。截至2015年6月,已经成功施行肝脏移植830例。",
            {("surgeon_transplants_cumulative", 830.0)},
            {("transplants_cumulative", 830.0)},
            id="previous-sentence-opens-on-named-academician",
        ),
        pytest.param(
            "現年68歲孟德生,被譽為本地換腎先驅。自1990年完成首例至今,累積超過1900例手術。",
            {("surgeon_transplants_cumulative", 1900.0)},
            {("transplants_cumulative", 1900.0)},
            id="hant-aged-name-then-running-total",
        ),
        pytest.param(
            "其主刀醫生是邵啟明,現任某醫院副院長,僅腎移植就完成三千一百多例。",
            {("surgeon_transplants_cumulative", 3100.0)},
            {("transplants_cumulative", 3100.0)},
            id="hant-surgeon-named-by-role",
        ),
        pytest.param(
            "今年66岁的吕文博是省内换肝最多的医生,完成近900例肝脏移植手术。",
            {("surgeon_transplants_cumulative", 900.0)},
            {("transplants_in_period", 900.0), ("transplants_cumulative", 900.0)},
            id="aged-name-is-the-topic",
        ),
        pytest.param(
            "田志军带领团队攻坚克难,完成了800例肝移植。",
            {("transplants_cumulative", 800.0)},
            {("surgeon_transplants_cumulative", 800.0)},
            id="near-named-leader-of-a-team",
        ),
        pytest.param(
            "韦立新院士来院指导。该院截至2015年6月,已经成功施行肝脏移植830例。",
            {("transplants_cumulative", 830.0)},
            {("surgeon_transplants_cumulative", 830.0)},
            id="near-unit-subject-of-its-own",
        ),
        pytest.param(
            "江苏省人民医院是省内最大的移植中心,已完成肝移植1200例。",
            {("transplants_cumulative", 1200.0)},
            {("surgeon_transplants_cumulative", 1200.0)},
            id="near-hospital-opens-the-sentence",
        ),
        pytest.param(
            "沈阳是老工业基地。截至2015年,已经完成肾移植2100例。",
            {("transplants_cumulative", 2100.0)},
            {("surgeon_transplants_cumulative", 2100.0)},
            id="near-place-opens-like-a-name",
        ),
        pytest.param(
            "孟德生院長指出,該院配合政策推廣器官捐贈,2023年完成87例大愛移植。",
            {("transplants_in_period", 87.0)},
            {("surgeon_transplants_in_period", 87.0)},
            id="near-hant-speaker-is-not-the-doer",
        ),
    ],
)
def test_person_topic_continued(text: str, present: set, absent: set) -> None:
    check_figures(text, present, absent)
