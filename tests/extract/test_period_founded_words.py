"""The last N years counted from a founding are the programme's whole life: a running total,
not a count of a period (period._years_back, GUIDE.md "Running totals over a programme's whole
life"). 6b13745 built period._FOUNDED_RE on patterns.FOUNDED_CUE_RE, which added 建立, 组建,
创立, 挂牌, 'set up' and 'created' to its founding words; no test covered them. Each case below
is read transplants_in_period with the list before 6b13745. Synthetic sentences."""

from __future__ import annotations

import pytest

from .conftest import check_figures

IN_PERIOD = "transplants_in_period"
CUMULATIVE = "transplants_cumulative"

FOUNDED = [
    ("该中心2005年建立。十年来,共完成肾移植300例。", 300.0, "jianli"),
    ("移植科于2008年组建。十年来,共完成肝移植200例。", 200.0, "zujian"),
    ("该院2010年创立移植中心。八年来,共完成肾移植150例。", 150.0, "chuangli"),
    ("器官移植中心2012年挂牌。五年来,共完成肾移植120例。", 120.0, "guapai"),
    ("该院移植中心挂牌运行,八年来完成肾移植150例。", 150.0, "guapai-same-sentence"),
    ("The unit was set up in 2010. 八年来完成肾移植150例。", 150.0, "set-up"),
    ("The centre was created in 2010. 八年来完成肾移植150例。", 150.0, "created"),
]


@pytest.mark.parametrize(("text", "value"), [c[:2] for c in FOUNDED], ids=[c[2] for c in FOUNDED])
def test_years_since_a_founding_are_a_running_total(text: str, value: float) -> None:
    check_figures(text, {(CUMULATIVE, value)}, {(IN_PERIOD, value)})


def test_near_miss_years_with_no_founding_are_a_period() -> None:
    check_figures("十年来,该院共完成肾移植300例。", {(IN_PERIOD, 300.0)}, {(CUMULATIVE, 300.0)})
