"""English families of real-text mistakes fixed for issue 14 (fifth pass, ren4). Every
sentence here was written for these tests in the style of the family (synthetic test
material, not quotes from the real-text sets and not evidence). Each positive case names a
figure the rules before this pass missed or got wrong; each negative names one that must
stay out."""

from __future__ import annotations

import pytest

from transplant_audit.extract.core import extract_candidates

from .conftest import check_figures
from .conftest import figure_triples as found

Figures = set[tuple[str, float, str]]
"""(indicator, value, qualifier)."""


_NO_RANK: Figures = {("volume_rank_national", 1.0, "exact"), ("volume_rank_global", 1.0, "exact")}

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
    # an organ or a transplant bought 'for' an amount, with its converted range
    (
        "You can buy a new liver across the border for 150,000-200,000 Hong Kong dollars "
        "(19,000-25,600 dollars), a broker said.",
        {
            ("price_hkd", 150000.0, "at_least"),
            ("price_hkd", 200000.0, "at_most"),
            ("price_usd", 19000.0, "at_least"),
            ("price_usd", 25600.0, "at_most"),
        },
        set(),
    ),
    ("The unit raised funds for 20,000 families.", set(), {("price_usd", 20000.0, "exact")}),
    # 'between X and Y' is a range
    (
        "A liver transplant costs between 250,000 and 300,000 yuan.",
        {("price_cny", 250000.0, "at_least"), ("price_cny", 300000.0, "at_most")},
        {("price_cny", 250000.0, "exact")},
    ),
    (
        "Patients paid between $40,000 and $60,000 for a kidney.",
        {("price_usd", 40000.0, "at_least"), ("price_usd", 60000.0, "at_most")},
        set(),
    ),
    # money that is no price of one transplant: paid to a donor, a total, one patient's bills
    (
        "The donors are paid US$1500 and more is negotiated.",
        set(),
        {("price_usd", 1500.0, "exact")},
    ),
    (
        "Five patients had lung transplants, with medical costs totaling more than 9 million "
        "yuan ($1.4 million).",
        set(),
        {("price_cny", 9000000.0, "at_least"), ("price_usd", 1400000.0, "exact")},
    ),
    (
        "Mr Wu has spent 60,000 yuan on medical fees since his kidney failed.",
        set(),
        {("price_cny", 60000.0, "exact")},
    ),
    ("A liver transplant costs 250,000 yuan.", {("price_cny", 250000.0, "exact")}, set()),
    # spaced digit groups need both ends of a range: a year then a count stays apart
    ("In 2019 2 149 patients waited.", set(), {("waitlist_size", 2019149.0, "exact")}),
    # organs 'at' a count of places are no price
    ("The hospital transplants kidneys at 3 sites.", set(), {("price_cny", 3.0, "exact")}),
]


# --- first years and founding years ---------------------------------------------------------


FAMILIES["first_and_founding_years"] = [
    # a programme begun without a verb of performing, and a second kind in the same breath
    (
        "Its urology department started kidney transplants in 1996 and liver transplants in 2003.",
        {("first_transplant_year", 1996.0, "exact"), ("first_transplant_year", 2003.0, "exact")},
        set(),
    ),
    (
        "Since beginning living donor liver transplants in June 1999, the unit has grown.",
        {("first_transplant_year", 1999.0, "exact")},
        set(),
    ),
    # a first written as an abbreviation
    (
        "The first LT in the province was performed in Kunming in 1993.",
        {("first_transplant_year", 1993.0, "exact")},
        set(),
    ),
    # a technique first performed, or making its debut
    (
        "Pancreas transplantation was first performed in the region in 1982.",
        {("first_transplant_year", 1982.0, "exact")},
        set(),
    ),
    (
        "Split liver transplantation (SLT) has spread widely since its debut in 1988.",
        {("first_transplant_year", 1988.0, "exact")},
        set(),
    ),
    # a transplant done 'for the first time' or as the first cases in a year
    (
        "The hospital performed kidney transplantation for the first time in 1978.",
        {("first_transplant_year", 1978.0, "exact")},
        set(),
    ),
    (
        "The centre carried out liver transplants for the first three cases in 1995.",
        {("first_transplant_year", 1995.0, "exact")},
        set(),
    ),
    # one year dates the firsts of several organs, the plural 'first two heart transplants'
    # included; not 'its first hundred transplants'
    (
        "Its thoracic surgery department performed its first two heart transplants and first "
        "lung transplant in 2006.",
        {("first_transplant_year", 2006.0, "exact")},
        set(),
    ),
    (
        "In 2005, it completed its first hundred liver transplants.",
        set(),
        {("first_transplant_year", 2005.0, "exact")},
    ),
    # the first transplant *department* is a unit founded, not a first operation
    (
        "In 2007, the hospital set up its organ transplant department, the first complete "
        "transplant department in the city.",
        {("transplant_unit_founded_year", 2007.0, "exact")},
        {("first_transplant_year", 2007.0, "exact")},
    ),
    # 'established' misspelt on the page still founds the centre
    (
        "The Kidney Transplant Center of the hospital was establised in March 2006.",
        {("transplant_unit_founded_year", 2006.0, "exact")},
        set(),
    ),
    # 'for the first time' dates a first transplant only when one was performed
    (
        "The hospital was accredited for transplants for the first time in 2005.",
        set(),
        {("first_transplant_year", 2005.0, "exact")},
    ),
    (
        "Transplant numbers fell for the first time in 2020.",
        set(),
        {("first_transplant_year", 2020.0, "exact")},
    ),
    # beginning to regulate, ban or charge for transplants is no first transplant
    (
        "China began to regulate organ transplants in 2007.",
        set(),
        {("first_transplant_year", 2007.0, "exact")},
    ),
    (
        "The hospital began charging more for transplants in 2010.",
        set(),
        {("first_transplant_year", 2010.0, "exact")},
    ),
    (
        "China started banning organ transplants from prisoners in 2015.",
        set(),
        {("first_transplant_year", 2015.0, "exact")},
    ),
    # counts begun in a year are no first year
    (
        "It began 300 kidney transplants in 2010 alone.",
        set(),
        {("first_transplant_year", 2010.0, "exact")},
    ),
    (
        "It has performed 50 liver transplants since 2012 and 20 heart transplants in 2015.",
        set(),
        {("first_transplant_year", 2015.0, "exact"), ("first_transplant_year", 2012.0, "exact")},
    ),
]


# --- staff: senior titles and medical staff -------------------------------------------------


FAMILIES["staff_titles_and_medical_staff"] = [
    # ranks listed as the make-up of a staff are senior titles (the vocabulary's senior_staff:
    # chief and associate chief physicians), not a transplant unit's surgeons
    (
        "The clinic opened in 1990 and has 800 beds. Its staff includes 120 chief physicians, "
        "200 associate chief physicians and 30 doctoral advisors.",
        {("senior_staff", 120.0, "exact"), ("senior_staff", 200.0, "exact")},
        {("transplant_surgeons", 120.0, "exact"), ("transplant_surgeons", 200.0, "exact")},
    ),
    (
        "Its staff include 27 professors and chief surgeons and 45 associate chief surgeons.",
        {("senior_staff", 27.0, "exact"), ("senior_staff", 45.0, "exact")},
        {("transplant_surgeons", 27.0, "exact")},
    ),
    # people who 'hold' senior titles, like those 'with' them
    (
        "The division has 35 beds and 10 surgeons, among whom 8 hold senior and associate "
        "senior professional titles.",
        {("senior_staff", 8.0, "exact")},
        set(),
    ),
    ("4 staff members hold PhDs.", set(), {("senior_staff", 4.0, "exact")}),
    # medical or professional staff of a hospital are its medical staff
    (
        "It has 2,100 medical professional personnel and 3,000 beds.",
        {("medical_staff", 2100.0, "exact")},
        {("staff_total", 2100.0, "exact")},
    ),
    (
        "The hospital has more than 900 professional staff, including 80 with senior titles.",
        {("medical_staff", 900.0, "at_least"), ("senior_staff", 80.0, "exact")},
        {("staff_total", 900.0, "at_least")},
    ),
    # professionals of a transplant department are its staff
    (
        "The kidney transplant department has 40 beds and over 25 medical professionals.",
        {("transplant_staff", 25.0, "at_least")},
        set(),
    ),
    # a hospital's inpatients a year, named by the counter itself
    (
        "The hospital admits more than 80,000 inpatients a year.",
        {("inpatients_per_year", 80000.0, "at_least")},
        set(),
    ),
    (
        "The hospital had 120,000 discharges in 2015.",
        {("inpatients_per_year", 120000.0, "exact")},
        set(),
    ),
    ("It has 300 inpatients.", set(), {("inpatients_per_year", 300.0, "exact")}),
    # a unit's ranked surgeons stay its surgeons; all employees stay the hospital's staff
    (
        "The liver transplant unit was set up in 2004. It has 2 chief surgeons, 5 associate "
        "chief surgeons and 6 attending surgeons.",
        {("transplant_surgeons", 2.0, "exact"), ("transplant_surgeons", 5.0, "exact")},
        {("senior_staff", 2.0, "exact")},
    ),
    ("The hospital has 2,000 staff.", {("staff_total", 2000.0, "exact")}, set()),
]


# --- volume ranks: superlatives and the rank's own clause -----------------------------------


FAMILIES["volume_rank_superlatives_and_clause_scope"] = [
    # a rank in the country next to one in the province: each read in its own clause
    (
        "Its liver transplantation ranked 9th among 150 accredited hospitals in China and 3rd "
        "in the province in 2013.",
        {("volume_rank_national", 9.0, "exact")},
        {("volume_rank_national", 3.0, "exact")},
    ),
    # superlatives of volume with a scope are rank 1
    (
        "The hospital is the unit with the most kidney transplants from deceased donors in the "
        "country.",
        {("volume_rank_national", 1.0, "exact")},
        set(),
    ),
    (
        "Addenbrooke's is Britain's busiest transplant centre.",
        {("volume_rank_national", 1.0, "exact")},
        set(),
    ),
    (
        "It performed the largest number of liver transplants in the world in 2015.",
        {("volume_rank_global", 1.0, "exact")},
        set(),
    ),
    (
        "St Mary's is the UK's largest organ transplant centre, carrying out hundreds of "
        "transplants each year.",
        {("volume_rank_national", 1.0, "exact")},
        set(),
    ),
    (
        "The hospital completed 1,236 liver transplants in 2018, the most of any hospital in the "
        "world.",
        {("volume_rank_global", 1.0, "exact")},
        set(),
    ),
    # 'largest' without saying by what, 'one of the biggest', no scope, another scope: no rank
    ("It is the largest transplant centre in the country.", set(), _NO_RANK),
    (
        "It is one of the biggest organ transplant centers in China, performing 900 "
        "operations a year.",
        set(),
        _NO_RANK,
    ),
    ("The hospital with the most transplants in the province was honoured.", set(), _NO_RANK),
    ("China performs the most transplants in Asia.", set(), _NO_RANK),
    ("China has the largest number of executions in the world.", set(), _NO_RANK),
    ("The most common transplant in the country is the kidney.", set(), _NO_RANK),
]


# --- beds: whose beds, and beds not yet in use ----------------------------------------------


FAMILIES["beds_subject_and_planned"] = [
    # a sentence whose subject is the hospital counts the hospital's beds, whatever unit it
    # names on the way
    (
        "This hospital runs the largest cancer center in the county and has over 3,100 open beds.",
        {("total_beds", 3100.0, "at_least")},
        {("department_beds", 3100.0, "at_least")},
    ),
    # a building's beds that will be put into use later are planned beds
    (
        "Its new inpatient building with 800 beds will be put into use by the end of 2018.",
        {("total_beds_planned", 800.0, "exact")},
        {("total_beds", 800.0, "exact")},
    ),
    # a unit that is the subject keeps its own beds
    ("The transplant center has 60 beds.", {("transplant_beds", 60.0, "exact")}, set()),
    (
        "The hospital's kidney transplant ward has 45 beds.",
        {("transplant_beds", 45.0, "exact")},
        {("total_beds", 45.0, "exact")},
    ),
]


# --- waits: one person's wait is an anecdote -------------------------------------------------


FAMILIES["one_persons_wait"] = [
    (
        "In one case, a patient waited only four days for a liver.",
        set(),
        {("wait_time_days", 4.0, "exact")},
    ),
    (
        "Nothing changed for three years while she waited on the list.",
        set(),
        {("wait_time_days", 1095.75, "exact")},
    ),
    (
        '"I have been waiting here for almost two years," the man told reporters.',
        set(),
        {("wait_time_days", 730.5, "approx")},
    ),
    # 'and a half' belongs to the number, also at the low end of a range
    (
        "The average time a patient spends on the waiting list for a kidney is between two and "
        "a half to three years.",
        {("wait_time_days", 913.12, "at_least"), ("wait_time_days", 1095.75, "at_most")},
        {("wait_time_days", 730.5, "at_least")},
    ),
    (
        "Patients wait two and a half years on average for a kidney.",
        {("wait_time_days", 913.12, "exact")},
        set(),
    ),
    ("He scored two and a half points.", set(), {("wait_time_days", 913.12, "exact")}),
    # the time it takes to arrange an organ is a wait
    (
        "A liver costs $40,000 and takes only two weeks to arrange.",
        {("wait_time_days", 14.0, "exact"), ("price_usd", 40000.0, "exact")},
        set(),
    ),
    # a clause naming only another organ repeats the sentence's measure
    (
        "The waiting time for a kidney is 2-4 weeks, for a liver 1-2 weeks.",
        {("wait_time_days", 7.0, "at_least"), ("wait_time_days", 14.0, "at_most")},
        set(),
    ),
    (
        "The wait for a heart is three months, for a lung 1 to 2 months.",
        {("wait_time_days", 30.44, "at_least"), ("wait_time_days", 60.88, "at_most")},
        set(),
    ),
    (
        "The centre has 20 beds, for a liver ward 12 of them.",
        set(),
        {("wait_time_days", 12.0, "exact")},
    ),
    # what patients in general wait, or a hospital states, stays a wait
    (
        "He said foreign patients wait only one week for a kidney at the hospital.",
        {("wait_time_days", 7.0, "exact")},
        set(),
    ),
    (
        "The average wait for a kidney in the US is 3 years.",
        {("wait_time_days", 1095.75, "exact")},
        set(),
    ),
]


# --- organs: transplanted organs are transplants; donated ones read past a parenthesis ------


FAMILIES["organs_transplanted_and_donated"] = [
    (
        "Investigators concluded that over 50,000 organs are transplanted each year in Chinese "
        "hospitals.",
        {("transplants_in_period", 50000.0, "at_least")},
        {("opo_organs_utilised", 50000.0, "at_least")},
    ),
    (
        "In 2012, 280 kidneys were transplanted at the centre.",
        {("transplants_in_period", 280.0, "exact")},
        set(),
    ),
    (
        "In that year, 900 livers (and 2,100 organs in all) were donated to the network.",
        {("opo_organs_utilised", 900.0, "exact"), ("opo_organs_utilised", 2100.0, "exact")},
        set(),
    ),
    # donor organs, and the organs a count of transplants involved
    (
        "Between 2001 and 2004, at least 40 donor livers came from brain-dead adults.",
        {("opo_organs_utilised", 40.0, "at_least")},
        set(),
    ),
    (
        "The country has processed 10,500 organ transplants involving 29,000 organs so far.",
        {("opo_organs_utilised", 29000.0, "exact")},
        set(),
    ),
    # donated and transplanted: the organs an OPO gave stay organs utilised
    (
        "In 2015, 5,000 organs were donated and transplanted.",
        {("opo_organs_utilised", 5000.0, "exact")},
        {("transplants_in_period", 5000.0, "exact")},
    ),
]


# --- page furniture: footnote marks and storeys ---------------------------------------------


FAMILIES["footnote_marks_and_storeys"] = [
    # a footnote mark between a full stop and the next sentence's capital is no count
    (
        "Its first combined transplant was carried out in 2004. 318 In 2009, it opened a "
        "research institute.",
        set(),
        {("transplants_in_period", 318.0, "exact"), ("transplants_cumulative", 318.0, "exact")},
    ),
    # floors of a building are no transplants
    (
        "Its 12-story organ transplantation building opened in 2008.",
        set(),
        {("transplants_in_period", 12.0, "exact"), ("transplants_cumulative", 12.0, "exact")},
    ),
    # a bare count dated by a year, in a sentence about transplants, still counts
    (
        "The centre did 150 transplants in 2004 and 600 in 2006.",
        {("transplants_in_period", 600.0, "exact")},
        set(),
    ),
]


# --- changes 'from X to Y', and people on a list --------------------------------------------


FAMILIES["change_from_to_and_people_on_a_list"] = [
    # both states of a change are figures of the noun counted, and no range
    (
        "The number of patients registered on the liver transplant list this year fell by 6% "
        "from 1,240 to 1,166.",
        {("waitlist_size", 1240.0, "exact"), ("waitlist_size", 1166.0, "exact")},
        set(),
    ),
    (
        "The number of deceased donors rose from 320 to 410.",
        {("opo_donors", 320.0, "exact"), ("opo_donors", 410.0, "exact")},
        {("opo_donors", 320.0, "at_least"), ("opo_donors", 410.0, "at_most")},
    ),
    # a range 'from X to Y' without a verb of change stays a range
    (
        "Waits range from 2 to 4 weeks for a kidney.",
        {("wait_time_days", 14.0, "at_least"), ("wait_time_days", 28.0, "at_most")},
        set(),
    ),
]


# --- donors: people who became donors, donations by kind, the number of donors --------------


FAMILIES["donors_by_kind_and_people_who_became_donors"] = [
    (
        "More than 25 people became donors after they died.",
        {("opo_donors", 25.0, "at_least")},
        set(),
    ),
    (
        "During the period, 140 cases of DBD and 40 cases of DCD were completed.",
        {("opo_donors", 140.0, "exact"), ("opo_donors", 40.0, "exact")},
        {("transplants_cumulative", 140.0, "exact"), ("transplants_in_period", 140.0, "exact")},
    ),
    (
        "The total number of donors exceeded 4,000 in 2019.",
        {("opo_donors", 4000.0, "at_least")},
        set(),
    ),
    (
        "The total number of OD exceed 4,000 in 2019.",
        {("opo_donors", 4000.0, "exact")},
        set(),
    ),
    # a rate per million and people who died waiting are no counts
    (
        "Spain has the highest donation rate in the world, with 46.3 donors per million "
        "population.",
        set(),
        {("opo_donors", 46.3, "exact")},
    ),
    (
        "Each day, 17 people die waiting for a transplant.",
        set(),
        {("waitlist_size", 17.0, "exact")},
    ),
    # living donors alone and registered donors are no donors in the vocabulary's sense
    ("The number of living donors exceeded 900.", set(), {("opo_donors", 900.0, "at_least")}),
    (
        "The number of registered donors exceeded 900,000.",
        set(),
        {("opo_donors", 900000.0, "at_least")},
    ),
]


# --- one event: its rooms and people are no unit's figures ----------------------------------


FAMILIES["rooms_and_people_of_one_event"] = [
    (
        "According to a local report, more than 40 doctors carried out 5 transplant surgeries "
        "in 5 operating rooms simultaneously at the hospital on that day.",
        set(),
        {("transplant_surgeons", 40.0, "at_least"), ("operating_rooms", 5.0, "exact")},
    ),
    (
        "Two liver transplants were performed simultaneously in three operating rooms on May 2.",
        set(),
        {("operating_rooms", 3.0, "exact")},
    ),
    (
        "The hospital performed four transplants at the same time on June 3, 2006, with more "
        "than 20 medical staff.",
        set(),
        {("transplant_staff", 20.0, "at_least"), ("staff_total", 20.0, "at_least")},
    ),
    # what a unit has stays
    (
        "The transplant center has 6 operating rooms and 12 surgeons.",
        {("operating_rooms", 6.0, "exact"), ("transplant_surgeons", 12.0, "exact")},
        set(),
    ),
]


# --- transplant counts written without 'transplants' ----------------------------------------


def _any_count(value: float) -> Figures:
    """A transplant count of ``value``, whichever period reading the rules give it (the
    period-versus-running-total decision is not this family's)."""
    return {
        ("transplants_in_period", value, "exact"),
        ("transplants_cumulative", value, "exact"),
    }


FAMILIES["transplant_counts_without_the_word"] = [
    # recipients receiving a transplant, also as an abbreviation (LT, LDLT)
    (
        "Methods: A total of 1,210 recipients receiving kidney transplantation at our center "
        "from 2010 to 2016 were included.",
        {("transplants_in_period", 1210.0, "exact")},
        set(),
    ),
    (
        "During this period, 2,050 recipient patients received LT from 1,990 donors.",
        {("transplants_in_period", 2050.0, "exact")},
        set(),
    ),
    # grafts are transplants
    (
        "Between 2001 and 2010, we performed 180 renal transplants, including 40 grafts from "
        "ECDs and 140 grafts from SCDs.",
        {("transplants_in_period", 40.0, "exact"), ("transplants_in_period", 140.0, "exact")},
        set(),
    ),
    # a bare number per year in a sentence about transplantation
    (
        "Instead of 8,000 a year, the real volume of organ transplantation is far higher.",
        {("transplants_in_period", 8000.0, "exact")},
        set(),
    ),
    # ordinal operations in a text about transplants are running totals
    (
        "The centre has done liver transplants since 1992. The 7,000th surgery was completed "
        "in May.",
        {("transplants_cumulative", 7000.0, "exact")},
        set(),
    ),
    (
        'It also marked the 300th "split" liver transplant case.',
        {("transplants_cumulative", 300.0, "exact")},
        set(),
    ),
    ("The 100th operation of the year at the eye clinic.", set(), _any_count(100.0)),
    ("She finished 5th in the race.", set(), _any_count(5.0)),
    # recipients of the transplant the sentence named
    (
        "Some 300,000 patients need transplants every year in China, but only about 10,000 "
        "receive one.",
        {("transplants_in_period", 10000.0, "approx")},
        set(),
    ),
    ("He had 3 cars and got one.", set(), _any_count(3.0)),
    # a list of organs joined by commas: the last item's noun serves each count
    (
        "Israel performed 500 transplants in 2019, including 300 kidney, 120 liver and 50 heart "
        "transplants.",
        {("transplants_in_period", 300.0, "exact"), ("transplants_in_period", 120.0, "exact")},
        set(),
    ),
    (
        "It ranked 5 nationally, 30 surgeons work there.",
        set(),
        {("transplant_surgeons", 5.0, "exact")},
    ),
    # a hospital's surgical volume written before a bare number
    (
        "It has 2,729 beds and an annual surgical volume of 98,000.",
        {("surgeries_per_year", 98000.0, "exact")},
        set(),
    ),
    ("The surgical volume of 2019 was low.", set(), {("surgeries_per_year", 2019.0, "exact")}),
    # per year, but no transplants in the sentence
    ("The hospital sees 90,000 outpatients a year.", set(), _any_count(90000.0)),
    ("The city adds 8,000 a year to its population.", set(), _any_count(8000.0)),
]


CASES = [(name, *case) for name, cases in FAMILIES.items() for case in cases]


def test_one_year_dates_the_firsts_of_two_organs() -> None:
    got = [
        (c.indicator, c.value, c.organ)
        for c in extract_candidates(
            "Its thoracic surgery department performed its first two heart transplants and "
            "first lung transplant in 2006."
        )
    ]
    assert ("first_transplant_year", 2006.0, "heart") in got, got
    assert ("first_transplant_year", 2006.0, "lung") in got, got


@pytest.mark.parametrize(
    ("family", "text", "present", "absent"),
    CASES,
    ids=[f"{name}-{i}" for i, (name, *_rest) in enumerate(CASES)],
)
def test_family(family: str, text: str, present: Figures, absent: Figures) -> None:
    check_figures(text, present, absent, found)
