"""Number forms the parser (extract/patterns.py ``NUMBER_RE``, core ``token_value``) reads
that it once left unread, so no span and no rule could hold their figure
(tools/figure_loss.py, class a). Sentences written here are synthetic test material, not
evidence."""

from __future__ import annotations

import pytest

from transplant_audit.extract import core, learned
from transplant_audit.extract import patterns as pat
from transplant_audit.extract.numbers import normalize


def tokens(text: str) -> dict[str, float]:
    """Every number the parser reads in ``text`` (normalised), with its value."""
    return {m.group(0): core.token_value(m) for m in pat.NUMBER_RE.finditer(normalize(text))}


# --- half of a whole ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "token"),
    [
        ("It performed more than half of all liver transplants in the province.", "half"),
        ("该院完成了全省一半以上的肝移植手术。", "一半"),
        ("該院完成了全省半數以上的肝移植手術。", "半数"),
    ],
)
def test_half_of_a_whole_is_fifty_per_cent(text: str, token: str) -> None:
    assert tokens(text)[token] == 50.0
    _, norm, spans = learned.document_spans(text)
    (sp,) = [sp for sp in spans if norm[sp.start : sp.end] == token]
    assert learned.value_as(sp, "provincial_share") == 0.5


@pytest.mark.parametrize(
    ("text", "token", "value"),
    [
        ("He waited half a year.", "half a", 0.5),  # a duration, read as before
        ("等了一个半月。", "一", 1.0),  # 一个半月: one and a half months, not 'half'
        ("等了半年。", "半", 0.5),
    ],
)
def test_half_of_a_time_is_read_as_before(text: str, token: str, value: float) -> None:
    assert tokens(text)[token] == value


def test_half_without_of_is_no_number() -> None:
    assert "half" not in tokens("Half the patients were discharged.")


# --- a multiplier after the number's measure word or number words -----------------------------


@pytest.mark.parametrize(
    ("text", "token", "value"),
    [
        (
            "The hospital invested nearly one billion yuan in its transplant centre.",
            "one billion",
            1e9,
        ),
        ("某医院一年器官移植收入20个亿。", "20个亿", 2e9),
        ("該院投資兩個億元興建移植中心。", "两个亿", 2e8),
        ("投资3个多亿。", "3个多亿", 3e8),
    ],
)
def test_a_multiplier_after_the_measure_word_scales_the_number(
    text: str, token: str, value: float
) -> None:
    assert tokens(text)[token] == value


@pytest.mark.parametrize(
    ("text", "token", "value"),
    [("等了两个月。", "两", 2.0), ("共有20个人等待。", "20", 20.0)],
)
def test_a_measure_word_before_no_multiplier_ends_the_number(
    text: str, token: str, value: float
) -> None:
    assert tokens(text)[token] == value


# --- a space inside a number, put there by a page's layout -----------------------------------


@pytest.mark.parametrize(
    ("text", "token", "value"),
    [
        ("等待腎臟移植者超過五 千人。", "五 千", 5000.0),
        ("全国等待者超过三 万人。", "三 万", 30000.0),
        # English digits split by a space were read already (patterns.ARABIC): the same family
        ("There were 12 154 kidney transplant candidates.", "12 154", 12154.0),
    ],
)
def test_a_space_before_the_unit_stays_inside_the_number(
    text: str, token: str, value: float
) -> None:
    assert tokens(text)[token] == value


def test_a_space_before_a_lone_unit_splits_two_numbers() -> None:
    assert list(tokens("第五 十")) == ["五", "十"]
