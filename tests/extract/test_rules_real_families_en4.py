"""English families of real-text mistakes fixed for issue 14 (fifth pass, ren4). Every
sentence here was written for these tests in the style of the family (synthetic test
material, not quotes from the real-text sets and not evidence). Each positive case names a
figure the rules before this pass missed or got wrong; each negative names one that must
stay out."""

from __future__ import annotations

import pytest

from transplant_audit.extract.core import extract_candidates

Figures = set[tuple[str, float, str]]
"""(indicator, value, qualifier)."""


def found(text: str) -> Figures:
    return {(c.indicator, round(c.value, 2), c.qualifier) for c in extract_candidates(text)}


FAMILIES: dict[str, list[tuple[str, Figures, Figures]]] = {}
"""Cases by family: (text, figures that must be found, figures that must not be)."""


# --- currency binding and money ranges ------------------------------------------------------


FAMILIES["currency_binding_and_money_ranges"] = [
    # Hong Kong dollars written with HK$ or in words are price_hkd, also in parentheses
    (
        "A liver transplant there costs 300,000 yuan (HK$340,000).",
        {("price_cny", 300000.0, "exact"), ("price_hkd", 340000.0, "exact")},
        set(),
    ),
    (
        "A kidney transplant across the border costs 40,000-60,000 Hong Kong dollars "
        "(5,100-7,700 dollars).",
        {
            ("price_hkd", 40000.0, "at_least"),
            ("price_hkd", 60000.0, "at_most"),
            ("price_usd", 5100.0, "at_least"),
            ("price_usd", 7700.0, "at_most"),
        },
        {("price_usd", 40000.0, "at_least")},
    ),
    # a currency before the low end of a range serves the high end too
    (
        "Typical cost of a liver transplant: USD 30,000 – 45,000 at a private hospital.",
        {("price_usd", 30000.0, "at_least"), ("price_usd", 45000.0, "at_most")},
        {("price_usd", 30000.0, "exact")},
    ),
    (
        "Patients from abroad paid US$15 000–25 000 for a kidney transplant.",
        {("price_usd", 15000.0, "at_least"), ("price_usd", 25000.0, "at_most")},
        {("price_usd", 15.0, "exact")},
    ),
    (
        "A kidney transplant costs HK$40,000-60,000 on the mainland.",
        {("price_hkd", 40000.0, "at_least"), ("price_hkd", 60000.0, "at_most")},
        set(),
    ),
    # a parallel price list: organs priced 'at' an amount, each with its converted amount
    (
        "The 2009 schedule lists hearts at 120,000 yuan ($17,600), kidneys at 70,000 yuan "
        "($10,300), and corneas at 30,000 yuan.",
        {
            ("price_cny", 120000.0, "exact"),
            ("price_usd", 17600.0, "exact"),
            ("price_cny", 70000.0, "exact"),
            ("price_usd", 10300.0, "exact"),
            ("price_cny", 30000.0, "exact"),
        },
        set(),
    ),
    # other dollars are no US dollars: S$, A$, Singapore dollars
    (
        "A kidney transplant cost him 90,000 yuan (S$19,000).",
        {("price_cny", 90000.0, "exact")},
        {("price_usd", 19000.0, "exact")},
    ),
    (
        "The operation in Sydney cost A$80,000.",
        set(),
        {("price_usd", 80000.0, "exact")},
    ),
    (
        "A kidney transplant there costs 20,000-30,000 Singapore dollars.",
        set(),
        {("price_usd", 20000.0, "at_least"), ("price_usd", 30000.0, "at_most")},
    ),
    # spaced digit groups need both ends of a range: a year then a count stays apart
    ("In 2019 2 149 patients waited.", set(), {("waitlist_size", 2019149.0, "exact")}),
    # organs 'at' a count of places are no price
    ("The hospital transplants kidneys at 3 sites.", set(), {("price_cny", 3.0, "exact")}),
]


CASES = [(name, *case) for name, cases in FAMILIES.items() for case in cases]


@pytest.mark.parametrize(
    ("family", "text", "present", "absent"),
    CASES,
    ids=[f"{name}-{i}" for i, (name, *_rest) in enumerate(CASES)],
)
def test_family(family: str, text: str, present: Figures, absent: Figures) -> None:
    assert present or absent, "a case must expect or exclude a figure"
    got = found(text)
    assert present <= got, (family, got)
    assert not (absent & got), (family, got)
