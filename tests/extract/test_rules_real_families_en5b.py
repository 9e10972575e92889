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


# --- a line break that wraps a sentence (text from PDFs, hard-wrapped pages) ends nothing ----

WRAP_CASES = [
    pytest.param(
        "At the end of March 2021, 2,950 people were\nlisted on organ waiting lists in the "
        "province, 1,870 of which were\nawaiting kidneys.",
        {("waitlist_size", 2950.0), ("waitlist_size", 1870.0)},
        set(),
        id="waiting-list-wrapped-after-the-verb",
    ),
    pytest.param(
        "In 1977, the\nfirst liver transplant in the region was\ncompleted by a local team.",
        {("first_transplant_year", 1977.0)},
        set(),
        id="first-wrapped-after-the-article",
    ),
    pytest.param(
        "The centre was founded in 1984.\nThe first lung transplant there took place in 1999.",
        {("first_transplant_year", 1999.0)},
        {("first_transplant_year", 1984.0)},
        id="guard-a-break-after-a-full-stop-still-ends-the-sentence",
    ),
    pytest.param(
        "Kidney transplant unit\nThe hospital has 640 beds.",
        {("total_beds", 640.0)},
        {("transplant_beds", 640.0)},
        id="guard-a-heading-line-stays-apart",
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), WRAP_CASES)
def test_a_wrapped_line_is_one_sentence(text: str, present: set, absent: set) -> None:
    check_figures(text, present, absent)


def test_unwrapping_keeps_every_offset() -> None:
    from transplant_audit.extract.numbers import normalize, unwrap_lines

    text = "organs available for\n\n\ntransplantation.\nThe end"
    norm = unwrap_lines(text, normalize(text))
    assert len(norm) == len(text)
    assert norm.index("transplantation") == text.index("transplantation")
    assert "for   transplantation.\nthe end" in norm


# --- staff counted for a unit: the unit the sentence (or 'It' after it) is about --------------

UNIT_STAFF_CASES = [
    pytest.param(
        "The liver transplant section of the surgery department is a provincial key "
        "discipline. It now has 52 beds and 48 employees, including 19 doctors.",
        {("transplant_staff", 48.0), (SURGEONS, 19.0), ("transplant_beds", 52.0)},
        {("staff_total", 48.0)},
        id="it-after-a-transplant-unit",
    ),
    pytest.param(
        "The department has 60 staff members on its payroll.",
        set(),
        {("staff_total", 60.0), ("transplant_staff", 60.0)},
        id="staff-of-a-department-never-tied-to-transplants",
    ),
    pytest.param(
        "Its Hepatobiliary Institute has three wards. Its medical team has 70 staff.",
        set(),
        {("staff_total", 70.0), ("medical_staff", 70.0)},
        id="its-team-after-a-unit-never-tied-to-transplants",
    ),
    pytest.param(
        "The hospital has 2,000 beds and 3,100 staff.",
        {("staff_total", 3100.0), ("total_beds", 2000.0)},
        set(),
        id="guard-a-hospital-keeps-its-staff",
    ),
    pytest.param(
        "The kidney transplant department has 40 staff.",
        {("transplant_staff", 40.0)},
        set(),
        id="guard-a-unit-named-for-transplants",
    ),
    pytest.param(
        "It was reported that the clinic has 120 staff.",
        {("staff_total", 120.0)},
        {("transplant_staff", 120.0)},
        id="guard-an-expletive-it-names-no-unit",
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), UNIT_STAFF_CASES)
def test_staff_of_the_unit_the_sentence_is_about(text: str, present: set, absent: set) -> None:
    check_figures(text, present, absent)


# --- 'It has N beds': the unit an earlier sentence opens with, past footnotes and 'It' -------

PRONOUN_UNIT_CASES = [
    pytest.param(
        "The thoracic department's main strength is lung surgery. 212This department has "
        "9 staff with senior titles. It has 64 beds.",
        {("department_beds", 64.0)},
        {("total_beds", 64.0)},
        id="footnote-number-glued-to-the-unit-sentence",
    ),
    pytest.param(
        "In 1995, the department performed the first liver transplant in the city. In 2003, "
        "it completed the first split-liver transplant. It has 150 beds and 8 operating rooms.",
        {("department_beds", 150.0), ("operating_rooms", 8.0)},
        {("total_beds", 150.0)},
        id="it-after-it-after-the-unit",
    ),
    pytest.param(
        "The kidney transplant ward opened a new wing in 2008. Since then, it has treated "
        "patients from abroad. It has 75 beds.",
        {("transplant_beds", 75.0)},
        {("total_beds", 75.0), ("department_beds", 75.0)},
        id="it-after-it-after-a-transplant-ward",
    ),
    pytest.param(
        "It has 150 beds and 8 operating rooms.",
        {("total_beds", 150.0)},
        set(),
        id="guard-no-unit-before-it",
    ),
    pytest.param(
        "The hospital was founded in 1950. In 1990, it merged with a college. It has 900 beds.",
        {("total_beds", 900.0)},
        {("department_beds", 900.0), ("transplant_beds", 900.0)},
        id="guard-it-after-a-hospital",
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), PRONOUN_UNIT_CASES)
def test_beds_of_the_unit_it_refers_to(text: str, present: set, absent: set) -> None:
    check_figures(text, present, absent)


# --- a rate of use of beds is bed occupancy (GUIDE.md: 'bed utilization rate') ---------------

BED_USE_CASES = [
    pytest.param(
        "The ward has 58 beds. The bed utilization rate exceeds 120%.",
        {("bed_occupancy_rate", 1.2)},
        set(),
        id="bed-utilization-rate",
    ),
    pytest.param(
        "The ward has 58 beds, and the utilization rate of these beds reached 115% last year.",
        {("bed_occupancy_rate", 1.15)},
        set(),
        id="utilization-rate-of-these-beds",
    ),
    pytest.param(
        "The department has 40 beds; in 2016, the utilization rate exceeded 125%.",
        {("bed_occupancy_rate", 1.25)},
        set(),
        id="utilization-rate-after-the-beds-sentence",
    ),
    pytest.param(
        "The centre has 30 beds. Its organ utilization rate was 85%.",
        set(),
        {("bed_occupancy_rate", 0.85)},
        id="guard-an-organ-utilization-rate",
    ),
    pytest.param(
        "The operating rooms' usage rate is 90%.",
        set(),
        {("bed_occupancy_rate", 0.9)},
        id="guard-a-usage-rate-with-no-beds",
    ),
    pytest.param(
        "Its bed occupancy rate was 95%.",
        {("bed_occupancy_rate", 0.95)},
        set(),
        id="guard-occupancy-named",
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), BED_USE_CASES)
def test_a_rate_of_use_of_beds(text: str, present: set, absent: set) -> None:
    check_figures(text, present, absent)
