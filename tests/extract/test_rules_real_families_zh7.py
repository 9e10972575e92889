"""Families of Chinese real-text mistakes (simplified and traditional) fixed for issue 14,
eighth rules pass (rzh7). Every sentence here was written for these tests in new words
(synthetic test material: not quoted from any page, not evidence). Each positive case asserts
a figure the rules of main before this pass (379807c) missed or labelled wrongly; cases whose
id starts with ``guard-`` already held on 379807c: they guard the pass, they do not show what
it added."""

from __future__ import annotations

import pytest

from .conftest import check_figures, figure_pairs_of, figure_triples
from .conftest import figure_pairs as pairs

# --- number grammar: 十几万 'ten-odd 万' is one amount, at least 100,000 -----------------


@pytest.mark.parametrize(
    ("text", "present"),
    [
        pytest.param(
            "为了给女儿换肺,这对夫妇四处借来十几万的手术费用。",
            ("price_cny", 100000.0, "at_least"),
            id="bare-wan-before-price-noun",
        ),
        pytest.param(
            "医生说换肾大约需要十几万,家里一时拿不出来。",
            ("price_cny", 100000.0, "at_least"),
            id="bare-wan-after-tx-needs",
        ),
        pytest.param(
            "醫生坦言換肝要十幾萬的費用,家屬只好向親友借錢。",
            ("price_cny", 100000.0, "at_least"),
            id="hant-bare-wan-price",
        ),
        pytest.param(
            "据估计,全国排队等候肾源的就有二十几万。",
            ("waitlist_size", 200000.0, "at_least"),
            id="bare-wan-waiting-persons",
        ),
        pytest.param(
            "那家医院的肝移植费用一般是十几万元。",
            ("price_cny", 100000.0, "at_least"),
            id="guard-ten-odd-wan-yuan",
        ),
        pytest.param(
            "據說當地等候換腎的病人有十幾萬人。",
            ("waitlist_size", 100000.0, "at_least"),
            id="guard-hant-ten-odd-wan-persons",
        ),
    ],
)
def test_ten_odd_wan_is_one_amount(text: str, present: tuple[str, float, str]) -> None:
    check_figures(text, {present}, set(), found=figure_triples)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("这个村子里有几十万只候鸟过冬。", id="guard-birds-not-money"),
        pytest.param("全省有十几万名小学生参加了这次活动。", id="guard-pupils-not-patients"),
    ],
)
def test_ten_odd_wan_without_a_figure_noun_stays_out(text: str) -> None:
    assert not pairs(text), pairs(text)


# --- money: 手术费 alone in a sentence is the price; a line of a bill is the fee ----------


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        pytest.param(
            "一个普通工人家庭,拿不出二十八万元的手术费。",
            ("price_cny", 280000.0),
            ("surgical_fee_cny", 280000.0),
            id="fee-alone-is-price",
        ),
        pytest.param(
            "家长在网上求助,孩子的肝移植手术费还差12万元。",
            ("price_cny", 120000.0),
            ("surgical_fee_cny", 120000.0),
            id="fee-before-amount-alone",
        ),
        pytest.param(
            "這名少年換心的手術費高達六十萬元,全靠善心人士捐助。",
            ("price_cny", 600000.0),
            ("surgical_fee_cny", 600000.0),
            id="hant-fee-alone-is-price",
        ),
        pytest.param(
            "住院期间,手术费约7万元,药费约4万元,住院费约1万元。",
            ("surgical_fee_cny", 70000.0),
            ("price_cny", 70000.0),
            id="guard-bill-broken-down",
        ),
        pytest.param(
            "账单上写着:肾源费15万元,手术费6万元。",
            ("surgical_fee_cny", 60000.0),
            ("price_cny", 60000.0),
            id="guard-fee-beside-organ-fee",
        ),
        pytest.param(
            "项目 | 金额\n手术费 | 9万元\n药费 | 3万元",
            ("surgical_fee_cny", 90000.0),
            ("price_cny", 90000.0),
            id="guard-table-row",
        ),
    ],
)
def test_operation_fee_alone_is_the_price(
    text: str, present: tuple[str, float], absent: tuple[str, float]
) -> None:
    check_figures(text, {present}, {absent})


# --- recipients told as the outcome of donations: sight given back, lives renewed ----------


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        pytest.param(
            "本市眼库成立至今,已有三百多位市民捐出角膜,让700余名角膜病患者重见光明。",
            ("transplants_cumulative", 700.0),
            ("opo_donors", 700.0),
            id="sight-back-after-donor-tally",
        ),
        pytest.param(
            "这家眼科医院接受了412名捐献者的角膜,帮助九百多名病人重获光明。",
            ("transplants_cumulative", 900.0),
            ("opo_donors", 900.0),
            id="regain-light-running",
        ),
        pytest.param(
            "該眼庫歷年來接受捐贈角膜五百餘片,使一千二百多位病患恢復光明。",
            ("transplants_cumulative", 1200.0),
            ("opo_donors", 1200.0),
            id="hant-light-restored",
        ),
        pytest.param(
            "截至本月,全市实现器官捐献88例;实现角膜捐献40例,使75名患者重见光明。",
            ("transplants_cumulative", 75.0),
            ("transplants_in_period", 75.0),
            id="as-of-before-semicolon",
        ),
        pytest.param(
            "全区已累计完成器官捐献120例,使310名器官衰竭患者获得新生。",
            ("transplants_cumulative", 310.0),
            ("opo_donors", 310.0),
            id="guard-running-new-life",
        ),
        pytest.param(
            "今年上半年,该院完成器官捐献9例,让26名患者获得新生。",
            ("transplants_in_period", 26.0),
            ("transplants_cumulative", 26.0),
            id="guard-named-period-new-life",
        ),
    ],
)
def test_recipients_helped_by_donations(
    text: str, present: tuple[str, float], absent: tuple[str, float]
) -> None:
    check_figures(text, {present}, {absent})


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("他们签下捐献志愿书,愿把光明留在人间。", id="guard-pledge-no-count"),
        pytest.param(
            "两位老人登上山顶,看着城市渐渐恢复光明。", id="guard-city-lights-not-patients"
        ),
    ],
)
def test_light_words_without_recipients_stay_out(text: str) -> None:
    assert not figure_pairs_of(text, "transplants"), pairs(text)


# --- ordinal donors: the Nth donor is N donors; the first donor (a person) is one ----------


@pytest.mark.parametrize(
    ("text", "present"),
    [
        pytest.param(
            "这位退休教师成为该县今年第三位器官捐献者。",
            ("opo_donors", 3.0),
            id="third-donor-this-year",
        ),
        pytest.param(
            "他是這座城市有史以來第十二位遺愛人間的器官捐贈者。",
            ("opo_donors", 12.0),
            id="hant-twelfth-donor",
        ),
        pytest.param(
            "那名货车司机成了本市首位公民逝世后器官捐献者。",
            ("opo_donors", 1.0),
            id="first-donor-person",
        ),
        pytest.param(
            "上周,省人民医院迎来了第240位器官捐献者。",
            ("opo_donors", 240.0),
            id="arabic-ordinal-donor",
        ),
        pytest.param(
            "这位老人成为全区第一位无偿的“大爱供者”。",
            ("opo_donors", 1.0),
            id="first-great-love-donor",
        ),
    ],
)
def test_ordinal_donors_are_counted(text: str, present: tuple[str, float]) -> None:
    check_figures(text, {present}, set())


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        pytest.param(
            "该院去年完成省内首例公民逝世后器官捐献心脏移植手术。",
            ("opo_donors", 1.0),
            id="guard-first-donation-operation",
        ),
        pytest.param(
            "医院上月实施了首例亲属活体捐献肝移植。",
            ("opo_donors", 1.0),
            id="guard-first-living-donation",
        ),
        pytest.param(
            "该市上周实现了首例在地器官捐献,意义重大。",
            ("opo_donors", 1.0),
            id="guard-first-donation-act-milestone",
        ),
        pytest.param(
            "该中心近日完成第800例公民逝世后器官捐献肝移植手术。",
            ("opo_donors", 800.0),
            id="guard-nth-donation-operation",
        ),
        pytest.param(
            "这家医院的捐献数量排在全国第二位。",
            ("opo_donors", 2.0),
            id="guard-rank-not-ordinal-donor",
        ),
        pytest.param(
            "他是该院第一位肾移植受者。",
            ("opo_donors", 1.0),
            id="guard-first-recipient-no-donor",
        ),
    ],
)
def test_firsts_that_are_no_donor_count(text: str, absent: tuple[str, float]) -> None:
    check_figures(text, set(), {absent})


# --- one donation: the organs and recipients of one donor carry no figure (GUIDE) ----------


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        pytest.param(
            "这名外卖骑手捐献的1个肝脏、2个肾脏,让3名等待移植的患者获得新生。",
            {("opo_organs_utilised", 2.0), ("transplants_cumulative", 3.0)},
            id="one-donor-organs-and-recipients",
        ),
        pytest.param(
            "一位退休教师去世后捐出心脏和两个肾脏,帮助五名病人重获新生。",
            {("transplants_cumulative", 5.0), ("transplants_in_period", 5.0)},
            id="one-teacher-five-recipients",
        ),
        pytest.param(
            "死者家屬同意捐出他的多個器官,至少拯救四名病患。",
            {("transplants_cumulative", 4.0), ("transplants_in_period", 4.0)},
            id="hant-family-of-the-dead",
        ),
    ],
)
def test_one_donations_organs_are_no_figure(text: str, absent: set) -> None:
    check_figures(text, set(), absent)


@pytest.mark.parametrize(
    ("text", "present"),
    [
        pytest.param(
            "这名志愿者捐献后,全市累计已有120人捐献器官,让360名患者获得新生。",
            ("transplants_cumulative", 360.0),
            id="guard-running-total-after-one-donor",
        ),
        pytest.param(
            "中國對器官捐贈限定是腦死或心死者都可捐,現大陸每年器官移植約1萬例。",
            ("transplants_in_period", 10000.0),
            id="guard-the-dead-in-general",
        ),
    ],
)
def test_counts_beside_one_donor_that_stay(text: str, present: tuple[str, float]) -> None:
    check_figures(text, {present}, set())
