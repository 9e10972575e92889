"""English families of real-text mistakes fixed for issue 14 (eighth pass, ren7). Every
sentence here was written for these tests in new words (synthetic test material, not quotes
from the real-text sets and not evidence). Each positive case names a figure the rules on
main before this pass (379807c) missed or got wrong; cases whose id starts with ``guard-``
already passed there and only guard the pass; negatives name figures that must stay out."""

from __future__ import annotations

import pytest

from .conftest import check_figures

WAIT = "waitlist_size"

# --- people who need or await an organ, named by any noun or tense (GUIDE.md: waiting lists)

NEED_CASES = [
    pytest.param(
        "Some 3 million adults live with kidney failure there, and 250,000 of them need kidney "
        "transplants.",
        {(WAIT, 250000.0)},
        set(),
        id="of-them-need",
    ),
    pytest.param(
        "Roughly 4,200 Australians were on a national registry awaiting an organ in June.",
        {(WAIT, 4200.0)},
        set(),
        id="demonym-on-a-registry-awaiting",
    ),
    pytest.param(
        "Only a fifth of the 21,000 Britons currently waiting for organs will get one soon.",
        {(WAIT, 21000.0)},
        set(),
        id="demonym-currently-waiting-for-organs",
    ),
    pytest.param(
        "Officials counted 9,000 people who need kidneys, while 3,800 needed liver transplants.",
        {(WAIT, 3800.0)},
        {("transplants_cumulative", 3800.0), ("transplants_in_period", 3800.0)},
        id="needed-past-tense-is-no-transplant",
    ),
    pytest.param(
        "The registry reported 7,500 awaiting kidney transplants across the province.",
        {(WAIT, 7500.0)},
        {("transplants_cumulative", 7500.0)},
        id="awaiting-between-number-and-counter",
    ),
    pytest.param(
        "About 52,000 Canadians are currently waiting for organs.",
        {(WAIT, 52000.0)},
        set(),
        id="guard-demonym-are-waiting",
    ),
    pytest.param(
        "The clinic said 40 of them needed a second operation after discharge.",
        set(),
        {(WAIT, 40.0)},
        id="no-organ-needed",
    ),
    pytest.param(
        "The old wing has 30 rooms that need new windows.",
        set(),
        {(WAIT, 30.0)},
        id="rooms-that-need-repair",
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), NEED_CASES)
def test_people_who_need_an_organ(text: str, present: set, absent: set) -> None:
    check_figures(text, present, absent)


# --- a footnote number glued after a full stop ends the sentence (tokenising) --------------

FOOTNOTE_CASES = [
    pytest.param(
        "The urology ward has finished over 640 kidney transplants so far.52 Dr. Ma's staff page "
        "says he has led more than 900 kidney transplants.",
        {("transplants_cumulative", 640.0), ("surgeon_transplants_cumulative", 900.0)},
        {("surgeon_transplants_cumulative", 640.0)},
        id="footnote-after-stop-ends-the-sentence",
    ),
    pytest.param(
        "Shenyang No.2 People's Hospital reports 1,400 beds in all.",
        {("total_beds", 1400.0)},
        set(),
        id="guard-no-dot-number-is-no-sentence-end",
    ),
    pytest.param(
        "Its liver transplant ward, shown in Fig.3 of the report, has 48 beds.",
        {("transplant_beds", 48.0)},
        set(),
        id="guard-fig-dot-number-is-no-sentence-end",
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), FOOTNOTE_CASES)
def test_footnote_after_full_stop(text: str, present: set, absent: set) -> None:
    check_figures(text, present, absent)


# --- people whom donated organs or transplants saved or helped are recipients -------------
# (GUIDE.md, "Recipients are transplants")

SAVED_CASES = [
    pytest.param(
        "Over 12,000 residents have donated organs after death since 2012, saving more than "
        "35,000 lives.",
        {("transplants_cumulative", 35000.0)},
        set(),
        id="donations-saving-lives",
    ),
    pytest.param(
        "The programme has run for 15 years and has helped 410 transplant patients.",
        {("transplants_cumulative", 410.0)},
        set(),
        id="helped-transplant-patients",
    ),
    pytest.param(
        "After its first donation in 2014, the province completed 800 donations, helping over "
        "1,900 patients with organ failure.",
        {("opo_donors", 800.0), ("transplants_cumulative", 1900.0)},
        set(),
        id="donations-helping-patients",
    ),
    pytest.param(
        "Asked about his work, the director said he has saved the lives of about 600 patients "
        "with his liver transplants.",
        {("surgeon_transplants_cumulative", 600.0)},
        {("transplants_cumulative", 600.0)},
        id="a-surgeons-transplants-saving-lives",
    ),
    pytest.param(
        "The new vaccine saved 3,000 lives last winter.",
        set(),
        {("transplants_cumulative", 3000.0), ("transplants_in_period", 3000.0)},
        id="lives-saved-without-organs",
    ),
    pytest.param(
        "The centre helped 47 hospitals in nine provinces start transplant programmes.",
        set(),
        {("transplants_cumulative", 47.0), ("transplants_in_period", 47.0)},
        id="helped-hospitals-are-no-recipients",
    ),
]


SAVED_CASES += [
    pytest.param(
        "Her liver and both kidneys were donated and helped four patients, the hospital said.",
        set(),
        {("transplants_cumulative", 4.0), ("opo_donors", 4.0)},
        id="one-donors-recipients-carry-no-figure",
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), SAVED_CASES)
def test_people_saved_by_organs(text: str, present: set, absent: set) -> None:
    check_figures(text, present, absent)
