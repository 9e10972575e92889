"""Counts and their names (issue 14, the seventh rules pass, pc6): families of real-text
mistakes in naming a count and reading its range, period or subject. Every sentence here was
written for these tests in the style of its family (synthetic test material: not quoted from
any page, not evidence). Each positive case asserts a reading the rules before this pass (main
at dd443ca) got wrong; cases marked "guard" already passed there and guard the pass; negative
cases assert figures that must stay unextracted."""

from __future__ import annotations

import pytest

from .conftest import check_figures as check
from .conftest import figure_triples as triples

IN = "transplants_in_period"
CUM = "transplants_cumulative"
ORGANS = "opo_organs_utilised"
WAIT = "wait_time_days"
WAITLIST = "waitlist_size"


# --- a range whose high end alone carries the counter ---------------------------------------


@pytest.mark.parametrize(
    ("text", "present"),
    [
        (
            "Heart transplants at the two clinics have stayed between 14 and 22 a year.",
            {(IN, 14.0, "at_least"), (IN, 22.0, "at_most")},
        ),
        (
            "The number of pancreas transplants in the region was just 6 to 11 per year.",
            {(IN, 6.0, "at_least"), (IN, 11.0, "at_most")},
        ),
        (
            "Officials said roughly 250 to 310 kidneys, livers and lungs are recovered from "
            "deceased donors per year.",
            {(ORGANS, 250.0, "at_least"), (ORGANS, 310.0, "at_most")},
        ),
        # a table row: the low end 1 was dropped as a list number
        (
            "Provincial clinic | 1-3 weeks for a kidney",
            {(WAIT, 7.0, "at_least"), (WAIT, 21.0, "at_most")},
        ),
    ],
)
def test_range_low_end_takes_the_high_ends_counter(text: str, present: set) -> None:
    check(text, present, set(), triples)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # a year before 'to' dates the figure before it; it is no low end
        (
            "Lung transplants climbed from 40 in 2011 to 130 in 2016.",
            {(IN, 2011.0, "at_least")},
        ),
        # a running total is one figure, not the end of a range
        (
            "Patients aged 18 to 60 made up most of the 1,400 transplants done so far.",
            {(CUM, 18.0, "at_least"), (CUM, 60.0, "at_least")},
        ),
    ],
)
def test_range_low_end_negatives(text: str, absent: set) -> None:
    check(text, set(), absent, triples)


# --- Chinese: persons whose own clause says they had a transplant, after a waiting list ------


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        (
            "某縣醫院排隊等候換肝的病人約有450人,可是該院每年做完換肝手術的不過約40人。",
            {(WAITLIST, 450.0), (IN, 40.0)},
            {(WAITLIST, 40.0)},
        ),
        (
            "目前在名單上等待腎臟的病友約六千人,然而一年只有兩百多人幸運地得到腎臟。",
            {(WAITLIST, 6000.0), (IN, 200.0)},
            {(WAITLIST, 200.0)},
        ),
        (
            "省内排队等候换肾的尿毒症患者约一万二千人,去年得到肾脏的只有六百多人。",
            {(WAITLIST, 12000.0), (IN, 600.0)},
            {(WAITLIST, 600.0)},
        ),
        # 接收 (took in) a transplant: a synonym of 接受
        ("去年该院接收肝脏移植手术的患者约有260人。", {(IN, 260.0)}, set()),
    ],
)
def test_zh_clause_of_the_count_names_recipients(text: str, present: set, absent: set) -> None:
    check(text, present, absent)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # guard: held on dd443ca; staff who did the operations are no recipients
        ("该院完成肝移植手术的医生有12人。", set(), {(IN, 12.0), (CUM, 12.0)}),
        # guard: held on dd443ca; people waiting stay the waiting list
        (
            "等候肝移植的病人約有300人,其中等候超過兩年的約有90人。",
            {(WAITLIST, 300.0)},
            {(IN, 90.0)},
        ),
    ],
)
def test_zh_clause_of_the_count_guards(text: str, present: set, absent: set) -> None:
    check(text, present, absent)
