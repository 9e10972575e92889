"""English families of real-text mistakes fixed for issue 14 (sixth pass, ren5). Every
sentence here was written for these tests in the style of the family (synthetic test
material, not quotes from the real-text sets and not evidence). Each positive case names a
figure the rules before this pass missed or got wrong; each negative names one that must
stay out. Tests marked "guard: held before this pass" already passed on 797c54d (the code
before this pass, checked with these files): they guard the pass, they do not show what it
added."""

from __future__ import annotations

from .conftest import figure_pairs as found
from .conftest import figure_pairs_of, first_years

# --- first years: each kind a first names, the same year, the first case --------------------


def test_a_first_naming_two_kinds_gives_one_year_each() -> None:
    text = (
        "Dr. Lee performed the region's first kidney transplant in 1972, and the first "
        "liver transplant and lung transplant followed in 1986."
    )
    assert first_years(text) == [(1972.0, "kidney"), (1986.0, "liver"), (1986.0, "lung")]


def test_kinds_begun_in_a_list_are_one_first_each_but_not_the_others() -> None:
    text = (
        "Surgeons at the centre started performing kidney transplants in 1995. That year "
        "it also began carrying out heart, lung, and other multi-organ transplants."
    )
    assert first_years(text) == [(1995.0, "heart"), (1995.0, "kidney"), (1995.0, "lung")]


def test_in_the_same_year_takes_the_year_of_the_sentence_before() -> None:
    text = (
        "In 2004, the hospital opened a new surgical building. Its staff grew quickly. "
        "In the same year, it completed the first liver transplant in the county."
    )
    assert ("first_transplant_year", 2004.0) in found(text)


def test_the_first_successful_case_of_the_transplantation_named() -> None:
    text = (
        "Heart transplantation was not offered in the city until the first successful case "
        "was carried out at a provincial hospital in May 1998."
    )
    assert ("first_transplant_year", 1998.0) in found(text)


# guard: held before this pass (passes on 797c54d); not a positive it added
def test_a_compound_or_combined_kind_stays_one_first() -> None:
    for text in (
        "In 2009 the team did the first combined heart-liver transplantation in the province.",
        "In 2011 it completed the province's first kidney and pancreas transplant.",
        "In 2013 it did the first kidney transplant after cardiac death in the city.",
    ):
        assert len(first_years(text)) == 1, text


# guard: held before this pass (passes on 797c54d); not a positive it added
def test_no_first_without_a_first_or_a_year() -> None:
    text = (
        "In 2004, the hospital opened a new surgical building. In the same year, it "
        "completed 120 liver transplants."
    )
    assert not first_years(text)
    assert not first_years("The kidney transplant team held its first case conference in 2015.")


# --- waiting lists: seeking, registered for, and the parts counted after --------------------


def test_people_seeking_or_registered_for_a_transplant_are_a_waiting_list() -> None:
    assert ("waitlist_size", 7300.0) in found(
        "Of the 7,300 patients seeking an organ transplant in the state, 6,900 are for kidneys."
    )
    assert ("waitlist_size", 6900.0) in found(
        "Of the 7,300 patients seeking an organ transplant in the state, 6,900 are for kidneys."
    )
    assert ("waitlist_size", 4100.0) in found(
        "Over 4,100 patients are registered with the regional network for a kidney transplant."
    )


def test_parts_of_a_waiting_list_counted_after_it() -> None:
    text = (
        "Roughly 2,900 patients are on the waiting list in the (fictional) region. Among "
        "them, 2,200 need kidneys, 480 livers and 150 corneas."
    )
    assert {("waitlist_size", v) for v in (2900.0, 2200.0, 480.0, 150.0)} <= found(text)
    text = (
        "On 1 March, 860 people were listed on transplant waiting lists in the region, 610 of "
        "which were awaiting kidney transplants."
    )
    assert {("waitlist_size", 860.0), ("waitlist_size", 610.0)} <= found(text)


# guard: held before this pass (passes on 797c54d); not a positive it added
def test_numbers_after_a_waiting_list_that_are_no_part_of_it() -> None:
    text = (
        "About 1,400 people were on the waiting list, 120 of whom died last year. Surgeons "
        "transplanted 350 kidneys and 90 livers."
    )
    pairs = found(text)
    assert ("waitlist_size", 1400.0) in pairs
    assert not {("waitlist_size", v) for v in (120.0, 350.0, 90.0)} & pairs
    assert ("waitlist_size", 5.0) not in found(
        "Some 3,000 patients are waiting for a liver; 5 hospitals in the city do the operation."
    )


# --- waits: one person's wait, and the time to get something other than an organ ----------


def test_one_named_or_singular_persons_wait_is_an_anecdote() -> None:
    for text in (
        "Doctors found a matching kidney after Tan waited only ten days, the paper said.",
        "The retired teacher has been on the kidney waiting list at City Hospital for three years.",
    ):
        assert not figure_pairs_of(text, "wait_time_days"), text


def test_the_time_to_get_test_results_is_no_wait() -> None:
    text = (
        "If a heart transplant suits you, we arrange the checks; you will obtain the results "
        "in one or two days."
    )
    assert not figure_pairs_of(text, "wait_time_days")


# guard: held before this pass (passes on 797c54d); not a positive it added
def test_stated_waits_stay_waits() -> None:
    assert ("wait_time_days", 91.31) in found(
        "Patients waited an average of three months for a kidney at the centre in 2019."
    )
    assert ("wait_time_days", 730.5) in found(
        "Patients who have been on the waiting list for more than two years get priority."
    )
    assert ("wait_time_days", 7.0) in found(
        "Once the results of the matching tests are in, it takes a week to get a liver."
    )


# --- money: half a million, and the organ bought named after a converted amount -----------


def test_half_a_million_and_the_organ_named_after_the_parentheses() -> None:
    text = "It is half a million yuan (about $72,000) for one kidney [transplant], she said."
    assert {("price_cny", 500000.0), ("price_usd", 72000.0)} <= found(text)
    text = "Foreigners pay 300,000 yuan ($43,000) for a liver at the clinic."
    assert {("price_cny", 300000.0), ("price_usd", 43000.0)} <= found(text)


# guard: held before this pass (passes on 797c54d); not a positive it added
def test_an_amount_for_transplant_research_or_a_centre_is_no_price() -> None:
    for text in (
        "A businessman gave 2 million yuan (about $290,000) for organ transplant research.",
        "The foundation gave 80 million yuan ($11.5 million) for a kidney transplant centre.",
    ):
        assert not figure_pairs_of(text, "price"), text


# --- beds: the owner named outside the clause, and the next item's ICU cue -----------------


def test_it_has_beds_after_a_sentence_opening_with_a_unit() -> None:
    text = (
        "The kidney transplant section of the urology department, led by Dr. Ma, is a key "
        "specialty of the province. It currently has 64 open beds and 40 staff."
    )
    assert ("transplant_beds", 64.0) in found(text)
    text = "The cardiology department was rated a key specialty in 2005. It has 60 beds."
    assert ("department_beds", 60.0) in found(text)


def test_the_icu_cue_of_the_next_item_is_not_this_ones() -> None:
    text = "Its Liver Transplant Center has 48 open beds and 10 intensive care beds."
    assert {("transplant_beds", 48.0), ("icu_beds", 10.0)} <= found(text)
    assert ("icu_beds", 48.0) not in found(text)


def test_beds_of_a_building() -> None:
    text = "In 2010 the hospital built a 15-story surgical building with 700 beds."
    assert ("department_beds", 700.0) in found(text)
    text = (
        "In 2008, the city's Kidney Transplant Center moved into a new building. The new "
        "building has 300 beds."
    )
    assert ("transplant_beds", 300.0) in found(text)


# guard: held before this pass (passes on 797c54d); not a positive it added
def test_the_hospitals_beds_stay_the_hospitals() -> None:
    assert ("total_beds", 2400.0) in found(
        "The hospital is a provincial key hospital. It has 2,400 beds."
    )
    assert ("total_beds", 1800.0) in found(
        "The hospital opened a new inpatient building in 2015 and has 1,800 beds."
    )


# --- staff: ranked surgeons of a unit the text does not tie to transplantation --------------


def test_ranked_staff_of_a_department_not_tied_to_transplantation() -> None:
    text = (
        "Its orthopaedics department has led the region for years. It currently has 4 chief "
        "surgeons, 7 associate chief surgeons and 12 attending surgeons."
    )
    assert not figure_pairs_of(text, "transplant_surgeons")


# guard: held before this pass (passes on 797c54d); not a positive it added
def test_ranked_staff_of_a_transplant_unit_stay_surgeons() -> None:
    text = (
        "The liver transplant center opened in 2003. It has 3 chief surgeons, 5 associate "
        "chief surgeons and 9 attending surgeons."
    )
    assert {("transplant_surgeons", v) for v in (3.0, 5.0, 9.0)} <= found(text)
    text = (
        "Its urology department has 6 chief surgeons and 9 attending surgeons. In 1985, it "
        "carried out the first kidney transplant in the region."
    )
    assert {("transplant_surgeons", 6.0), ("transplant_surgeons", 9.0)} <= found(text)


# --- donors and organs: the sentence's topic, a listed range, 'from less than' --------------


def test_people_counted_in_a_sentence_about_the_number_of_donors() -> None:
    text = (
        "The number of donors fell sharply last winter, compared with the 12 to 18 people "
        "per month in earlier years, an official said."
    )
    assert {("opo_donors", 12.0), ("opo_donors", 18.0)} <= found(text)


def test_organs_listed_before_the_verb_of_donation() -> None:
    text = "About 90 to 110 livers, kidneys and hearts are donated each year on the island."
    assert ("opo_organs_utilised", 110.0) in found(text)


def test_a_change_from_less_than_a_count() -> None:
    text = "The number of donors fell from less than 80 in 2015 to 30 in 2016."
    assert {("opo_donors", 80.0), ("opo_donors", 30.0)} <= found(text)


# guard: held before this pass (passes on 797c54d); not a positive it added
def test_people_near_donors_that_are_not_donors() -> None:
    text = (
        "The number of donors rose in 2018, and 40 people were trained as donation "
        "coordinators by the transplant centre."
    )
    assert ("opo_donors", 40.0) not in found(text)
    text = "About 90 to 110 livers, kidneys and hearts are transplanted each year on the island."
    assert ("opo_organs_utilised", 110.0) not in found(text)


def test_a_first_read_with_the_and_of_the_one_before_is_not_read_again() -> None:
    text = (
        "The hospital performed its first heart transplant in 1995, its first lung transplant "
        "in 2001 and its first liver transplant in 2003."
    )
    assert first_years(text) == [(1995.0, "heart"), (2001.0, "lung"), (2003.0, "liver")]
    text = (
        "Dr. Wang carried out the province's first liver transplant in 1996 and the first "
        "kidney-pancreas transplant in 2003."
    )
    assert first_years(text) == [(1996.0, "liver"), (2003.0, "pancreas_kidney")]


# --- stays: how long an operation lasted, and one patient's stay -----------------------------


def test_an_operation_that_lasted_and_one_patients_stay_are_no_stay() -> None:
    text = "The operation lasted 9 hours and the girl stayed in hospital for 16 days."
    assert not figure_pairs_of(text, "avg_length_of_stay_days")


# guard: held before this pass (passes on 797c54d); not a positive it added
def test_a_typical_stay_stays() -> None:
    text = "Patients stay in hospital for about 3 weeks after a kidney transplant."
    assert ("avg_length_of_stay_days", 21.0) in found(text)


# --- a continued count of beds is beds, not transplants ---------------------------------------


def test_beds_continued_from_one_count_to_another() -> None:
    text = "The hospital expanded its transplant beds from 40 to 120 in 2006."
    pairs = found(text)
    assert {("transplant_beds", 40.0), ("transplant_beds", 120.0)} <= pairs
    assert not {p for p in pairs if p[0].startswith("transplants_")}
    text = "The centre performed 150 kidney transplants in 2009 and 210 in 2010."
    assert ("transplants_in_period", 210.0) in found(text)


# --- price lists led by organs -----------------------------------------------------------------


def test_items_of_a_price_list_led_by_organs() -> None:
    text = "Its price list: kidney US$55,000; liver US$90,000-120,000; heart US$140,000."
    assert {
        ("price_usd", 55000.0),
        ("price_usd", 90000.0),
        ("price_usd", 120000.0),
        ("price_usd", 140000.0),
    } <= found(text)


# guard: held before this pass (passes on 797c54d); not a positive it added
def test_an_amount_after_a_price_that_no_organ_leads_is_no_price() -> None:
    text = "A kidney cost US$55,000 there; the hospital earned US$9 million from foreigners."
    assert ("price_usd", 9000000.0) not in found(text)


# --- what a donor got, a wait told of one person, people trained ------------------------------


def test_what_the_donor_received_is_no_price() -> None:
    text = "The broker charged him $65,000 for a kidney, of which the donor received $4,000."
    pairs = found(text)
    assert ("price_usd", 65000.0) in pairs
    assert ("price_usd", 4000.0) not in pairs


def test_a_wait_before_the_person_who_received_the_organ() -> None:
    text = "After waiting four years on dialysis, he received a kidney in 2016."
    assert not figure_pairs_of(text, "wait_time_days")


def test_people_trained_are_no_staff() -> None:
    pairs = found("The centre has trained more than 200 transplant surgeons since 2000.")
    assert ("transplant_surgeons", 200.0) not in pairs
    assert ("transplant_surgeons", 12.0) in found("The transplant center has 12 trained surgeons.")


# --- first years: programmes begun with the subject first, pioneers, first in a place --------


def test_programmes_begun_pioneered_or_first_in_a_place() -> None:
    for text, year in (
        ("The hospital's liver transplant program began in 1986.", 1986.0),
        ("Kidney transplantation at the hospital started in 1979.", 1979.0),
        ("The hospital pioneered lung transplantation in the region in 2002.", 2002.0),
        ("It became the first in the city to perform heart transplants in 2005.", 2005.0),
    ):
        assert ("first_transplant_year", year) in found(text), text


def test_a_year_opening_the_next_coordinated_phrase_dates_that_phrase() -> None:
    text = (
        "In 1999 it carried out the first kidney transplant and in 2004 the first liver "
        "transplant in the county."
    )
    assert first_years(text) == [(1999.0, "kidney"), (2004.0, "liver")]


def test_a_unit_approved_in_a_year_is_founded() -> None:
    text = "In 2006, the hospital's transplant center was formally approved by the ministry."
    assert ("transplant_unit_founded_year", 2006.0) in found(text)


# guard: held before this pass (passes on 797c54d); not a positive it added
def test_a_programme_that_began_to_grow_has_no_first() -> None:
    text = "The transplant program began to expand in 2007 and did 250 operations that year."
    assert not first_years(text)


# --- a date after a bare number is not its unit ------------------------------------------------


def test_last_year_after_a_count_is_a_date_not_a_duration() -> None:
    text = "The number of people waiting for a liver rose to 3,900 last year."
    assert ("waitlist_size", 3900.0) in found(text)
    text = "Donations in the province reached 640 last year."
    assert ("opo_donors", 640.0) in found(text)
    assert ("wait_time_days", 365.25) in found("Patients there wait about a year for a kidney.")


def test_the_icu_cue_of_the_item_before_is_not_this_ones() -> None:
    pairs = found("The hospital has 52 ICU beds and 2,100 beds in total.")
    assert {("icu_beds", 52.0), ("total_beds", 2100.0)} <= pairs
    assert ("icu_beds", 2100.0) not in pairs


# --- shares: of a count of transplants named a few words after ------------------------------


def test_a_share_of_the_countrys_transplants() -> None:
    text = "The hospital accounts for about 12% of China's kidney transplants."
    assert ("national_share", 0.12) in found(text)
    text = "About 12% of the country's patients die within a year after their transplants."
    assert not figure_pairs_of(text, "national_share")


# --- waits: how long the donor was in a state ------------------------------------------------


def test_how_long_a_donor_was_kept_is_no_wait() -> None:
    text = "The donor was kept on a ventilator for three days before the operation."
    assert not figure_pairs_of(text, "wait_time_days")
    assert ("wait_time_days", 10.0) in found("A suitable donor was quickly located in 10 days.")
    assert ("wait_time_days", 14.0) in found("A donor was found within two weeks.")


# guard: held before this pass (passes on 797c54d); not a positive it added
def test_a_history_that_began_with_a_first_gives_its_year_once() -> None:
    text = (
        "Transplantation in the region began with the first kidney transplant from a living "
        "donor in 1974, and the first deceased donor transplant followed in 1983."
    )
    assert [y for y, _ in first_years(text)].count(1974.0) == 1


# --- tables: rows without outer bars, and a price column -------------------------------------


def test_rows_of_a_table_without_outer_bars() -> None:
    text = "Hospital | Waiting time\nCity Hospital | 3 weeks\nProvincial Hospital | 2 months"
    assert {("wait_time_days", 21.0), ("wait_time_days", 60.88)} <= found(text)


def test_values_under_a_price_column() -> None:
    text = "Organ | Price (US$)\nKidney | 58,000\nHeart | 125,000"
    assert {("price_usd", 58000.0), ("price_usd", 125000.0)} <= found(text)
    text = "| Organ | Cost in yuan |\n| Liver | 300,000 |"
    assert ("price_cny", 300000.0) in found(text)


# guard: held before this pass (passes on 797c54d); not a positive it added
def test_a_single_bar_in_prose_is_no_table() -> None:
    text = "News | Health\nThe city hospital said patients wait 3 weeks at most for a kidney."
    assert ("wait_time_days", 21.0) in found(text)
    assert not found("Site map | Contact\n120 | 300")


def test_a_label_on_the_next_line_is_not_the_values_unit() -> None:
    pairs = found("Beds: 1,500\nTransplant beds: 60")
    assert {("total_beds", 1500.0), ("transplant_beds", 60.0)} <= pairs
    assert ("transplant_beds", 1500.0) not in pairs


def test_a_first_conference_journal_law_or_paper_is_no_first_transplant() -> None:
    for text in (
        "The first national conference on organ transplantation was held in 1986.",
        "In 2004, the first issue of the journal Transplant Research appeared.",
        "The hospital published its first transplant research paper in 1983.",
        "The first transplant law was passed in 2008.",
        "The first case of transplant tourism was reported in 2006.",
    ):
        assert not first_years(text), text
    assert first_years("Its first living donor kidney transplantation took place in 1991.")


# --- waiting lists: in need of, demand at; a ratio's denominator -------------------------------


def test_people_in_need_of_a_transplant_and_the_demand() -> None:
    assert ("waitlist_size", 250000.0) in found(
        "Each year about 250,000 patients in the country are in need of an organ transplant."
    )
    assert ("waitlist_size", 40000.0) in found(
        "The annual demand for kidneys is estimated at 40,000."
    )


def test_one_in_n_is_a_ratio() -> None:
    text = "Only one in 25 patients who need a transplant receives one."
    assert not {p for p in found(text) if p[1] == 25.0}


def test_a_staff_of_n() -> None:
    text = "The kidney transplant center has a staff of 64, including 18 surgeons."
    assert {("transplant_staff", 64.0), ("transplant_surgeons", 18.0)} <= found(text)
    assert not found("A team of 12 carried out the operation in 2011.")


def test_people_who_donated_and_organs_that_donations_gave() -> None:
    text = "Last year, 3,870 citizens donated organs after death, enabling 11,000 transplants."
    pairs = found(text)
    assert ("opo_donors", 3870.0) in pairs
    assert ("opo_organs_utilised", 3870.0) not in pairs
    text = "The OPO coordinated 380 deceased donations, resulting in 1,050 organs."
    assert {("opo_donors", 380.0), ("opo_organs_utilised", 1050.0)} <= found(text)
    assert not found("Each donor provides on average 2.9 organs.")


def test_an_answer_after_a_question_about_the_wait() -> None:
    text = "How long is the wait for a kidney? Usually two to four weeks."
    assert {("wait_time_days", 14.0), ("wait_time_days", 28.0)} <= found(text)
    text = "Is the hospital far from the airport? About two hours by car."
    assert not figure_pairs_of(text, "wait_time_days")


def test_other_lines_of_the_costs_are_no_price() -> None:
    text = "The transplant costs 250,000 yuan, while anti-rejection drugs cost 40,000 yuan a year."
    pairs = found(text)
    assert ("price_cny", 250000.0) in pairs
    assert ("price_cny", 40000.0) not in pairs
    text = "A kidney transplant, including drugs and tests, costs 210,000 yuan."
    assert ("price_cny", 210000.0) in found(text)


def test_a_unit_founded_in_a_year_opening_the_sentence() -> None:
    text = "Established in 1996, the Kidney Transplant Center has 70 beds."
    assert ("transplant_unit_founded_year", 1996.0) in found(text)
    text = "Opened in 1998, the hospital's new building has 900 beds."
    assert not figure_pairs_of(text, "transplant_unit_founded_year")
