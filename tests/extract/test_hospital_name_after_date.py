"""A hospital name written straight after a date keeps the date's unit out of the name.

Found while gathering evidence (docs/gathering.md): a journal abstract read
"2021年3月复旦大学附属中山医院OPO办公室" and the extractor named the hospital
"月复旦大学附属中山医院", which matches no hospital in the store.
"""

from transplant_audit.extract.core import find_hospitals


def test_month_of_a_date_is_not_part_of_the_hospital_name() -> None:
    text = "回顾性分析2014年7月至2021年3月复旦大学附属中山医院OPO办公室实现的全部案例"
    names = [name for _, name in find_hospitals(text)]
    assert names == ["复旦大学附属中山医院"]


def test_year_and_day_units_after_digits_are_trimmed_too() -> None:
    assert [n for _, n in find_hospitals("2015年天津市第一中心医院")] == ["天津市第一中心医院"]
    assert [n for _, n in find_hospitals("5月3日湘雅医院")] == ["湘雅医院"]


def test_a_name_containing_ri_is_kept_whole() -> None:
    # 日 inside a name (not after a digit) stays: 中日友好医院
    assert [n for _, n in find_hospitals("据中日友好医院介绍")] == ["中日友好医院"]
