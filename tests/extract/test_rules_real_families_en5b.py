"""English families of real-text mistakes fixed for issue 14 (seventh pass, ren6). Every
sentence here was written for these tests in new words (synthetic test material, not quotes
from the real-text sets and not evidence). Each positive case names a figure the rules on
main before this pass (dd443ca) missed or got wrong; cases whose id starts with ``guard-``
already passed there and only guard the pass; negatives name figures that must stay out."""

from __future__ import annotations

import pytest

from .conftest import check_figures

SENIOR = "senior_staff"
SURGEONS = "transplant_surgeons"

# --- staff named by a senior title as a class (GUIDE.md: staff with senior titles) ----------

STAFF_CASES = [
    pytest.param(
        "The liver transplant unit employs 4 professors and 6 associate professors, plus 9 nurses.",
        {(SENIOR, 4.0), (SENIOR, 6.0), ("transplant_nurses", 9.0)},
        {(SURGEONS, 4.0), (SURGEONS, 6.0)},
        id="academic-ranks-of-a-transplant-unit",
    ),
    pytest.param(
        "Its kidney transplant ward counts 3 professors or associate professors among 11 doctors.",
        {(SENIOR, 3.0)},
        {(SURGEONS, 3.0)},
        id="professors-or-associate-professors",
    ),
    pytest.param(
        "The county hospital has 900 beds and 45 senior specialists on its payroll.",
        {(SENIOR, 45.0), ("total_beds", 900.0)},
        set(),
        id="senior-specialists-of-a-hospital",
    ),
    pytest.param(
        "This general hospital lists about 210 deputy chief physicians or above among its doctors.",
        {(SENIOR, 210.0)},
        set(),
        id="deputy-chief-or-above",
    ),
    pytest.param(
        "Kidney grafts are done by its urology team, whose roster shows 7 senior doctors.",
        {(SENIOR, 7.0)},
        {(SURGEONS, 7.0)},
        id="senior-doctors-of-a-transplant-team",
    ),
    # negatives and guards
    pytest.param(
        "The dermatology department now has 5 professors and 4 associate professors.",
        set(),
        {(SENIOR, 5.0), (SENIOR, 4.0), (SURGEONS, 5.0), (SURGEONS, 4.0)},
        id="guard-professors-of-a-department-never-tied-to-transplants",
    ),
    pytest.param(
        "The transplant centre has 3 chief physicians, 4 associate chief physicians and "
        "5 attending physicians.",
        {(SURGEONS, 3.0), (SURGEONS, 4.0), (SURGEONS, 5.0)},
        {(SENIOR, 3.0)},
        id="guard-clinical-ranks-of-a-transplant-centre-stay-surgeons",
    ),
    pytest.param(
        "Its urology department, which does kidney transplants, has 12 professors and chief "
        "surgeons and 8 associate professors and associate chief surgeons.",
        {(SURGEONS, 12.0), (SURGEONS, 8.0)},
        {(SENIOR, 12.0), (SENIOR, 8.0)},
        id="guard-academic-and-clinical-ranks-together-stay-surgeons",
    ),
    pytest.param(
        "A visiting professor gave 3 lectures on graft rejection to the transplant ward.",
        set(),
        {(SENIOR, 3.0), (SURGEONS, 3.0)},
        id="guard-lectures-by-a-professor-are-no-staff",
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), STAFF_CASES)
def test_staff_named_by_a_senior_title(text: str, present: set, absent: set) -> None:
    check_figures(text, present, absent)
