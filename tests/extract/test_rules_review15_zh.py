"""Look-alikes of the zh14 person rules (review rv15a): words that open on a surname character
and stand where a person's name would, but name a season, a place or the manner of a unit's
work; and zh14 guards no test could fail. SYNTHETIC sentences written for these tests (not
quoted from any page, not evidence; the names are invented). Each look-alike case failed on
main 6dd53d8 (the count was read as a surgeon's); each guard case passes there and fails with
its guard removed (checked by mutating the code locally); the counts before 次 gave no
figure there."""

from __future__ import annotations

import pytest

from .conftest import check_figures


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        pytest.param(
            "夏季,共完成肾移植100例。",
            {("transplants_cumulative", 100.0)},
            {("surgeon_transplants_cumulative", 100.0)},
            id="season-then-comma",
        ),
        pytest.param(
            "黄山在全省率先开展器官移植。截至2019年,累计完成肾移植300例。",
            {("transplants_cumulative", 300.0)},
            {("surgeon_transplants_cumulative", 300.0)},
            id="place-opens-the-sentence-before",
        ),
    ],
)
def test_untitled_word_before_zai_or_comma_is_no_topic(
    text: str, present: set, absent: set
) -> None:
    """ZH_PERSON_TOPIC_RE: a name with no title is a topic only after an age or a 的
    (现年75岁某某, 今年71岁的某某是; test_rules_real_families_zh14 keeps those)."""
    check_figures(text, present, absent)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        pytest.param(
            "2019年,高质量完成肾移植手术300例。",
            {("transplants_in_period", 300.0)},
            {("surgeon_transplants_in_period", 300.0)},
            id="high-quality",
        ),
        pytest.param(
            "2019年,高效完成肝移植120例。",
            {("transplants_in_period", 120.0)},
            {("surgeon_transplants_in_period", 120.0)},
            id="efficiently",
        ),
        pytest.param(
            "去年,严格实施肾移植手术150例。",
            {("transplants_in_period", 150.0)},
            {("surgeon_transplants_in_period", 150.0)},
            id="strictly",
        ),
    ],
)
def test_manner_word_before_the_verb_is_no_name(text: str, present: set, absent: set) -> None:
    """ZH_NAMED_SUBJECT_RE takes a surname-led word right before 完成 or 实施 for a name;
    ZH_NOT_NAMES_RE refuses the manner words."""
    check_figures(text, present, absent)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        pytest.param(
            "田志军教授带领团队攻坚克难,完成了800例肝移植。",
            {("transplants_cumulative", 800.0)},
            {("surgeon_transplants_cumulative", 800.0)},
            id="guard-titled-topic-leads-a-team",
        ),
        pytest.param(
            "韦立新院士长期从事肝移植研究。截至2015年6月,我院已经成功施行肝脏移植830例。",
            {("transplants_cumulative", 830.0)},
            {("surgeon_transplants_cumulative", 830.0)},
            id="guard-clause-names-its-unit",
        ),
        pytest.param(
            "每年去国外做肾移植的只有约30人。",
            {("transplants_in_period", 30.0)},
            set(),
            id="guard-bare-zuo-recipients",
        ),
    ],
)
def test_zh14_guards(text: str, present: set, absent: set) -> None:
    """_zh_person_topic's team and clause-subject exits; 做 among the verbs of
    ZH_CLAUSE_DID_TX_BEFORE_RE (persons who had a transplant, counted as transplants)."""
    check_figures(text, present, absent)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        pytest.param("该院肾脏移植手术达3万次。", 30000.0, id="wan"),
        pytest.param("累计完成肾脏移植手术1万200次。", 10200.0, id="wan-tail"),
    ],
)
def test_times_after_a_named_transplant_with_wan(text: str, value: float) -> None:
    """counters._TX_BEFORE_TIMES_RE reads the number before 次 in every numeral character
    (numbers.ZH_NUMERAL_CHARS), 万 included: on 6dd53d8 its own list lacked 万, so these
    counts of transplants gave no figure."""
    check_figures(text, {("transplants_cumulative", value)}, set())
