"""A count of organ donations is a count of donors, not of transplants.

Found while gathering evidence (docs/gathering.md): '2018年共完成公民逝世后器官捐献6302例'
and an OPO's '100例公民逝世后器官捐献案例' were proposed as transplants and surgeries.
One donor gives several organs, so reading donations as transplants is a wrong figure.
"""

from transplant_audit.extract.core import extract_candidates


def _figures(text: str) -> list[tuple[str, float]]:
    return [(c.indicator, c.value) for c in extract_candidates(text, language="zh-Hans")]


def test_donations_before_the_count_are_donors() -> None:
    text = "2018年共完成公民逝世后器官捐献6302例,完成器官移植手术20201例。"
    assert _figures(text) == [("opo_donors", 6302.0), ("transplants_in_period", 20201.0)]


def test_donations_after_the_count_are_donors() -> None:
    text = "回顾性分析该院OPO办公室实现的全部100例公民逝世后器官捐献案例。"
    assert _figures(text) == [("opo_donors", 100.0)]


def test_a_transplant_from_a_living_donor_stays_a_transplant() -> None:
    assert _figures("该院今年完成亲属活体捐献肾移植50例。") == [("transplants_in_period", 50.0)]
