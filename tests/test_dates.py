"""Dates and periods in French and English news, on sentences written for these tests.

The reference date (the article's publication date) is Thursday 6 April 2023 unless a test says otherwise.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from checker.extract import extract_text
from checker.lexicon import alternation, load_lexicon
from checker.models import Document, Period
from checker.pipeline import check_documents

REF = dt.date(2023, 4, 6)  # a Thursday


def dates(text: str, lang: str, ref: dt.date | None = REF):
    return [m for m in extract_text(text, lang, ref) if m.kind == "date"]


def one_date(text: str, lang: str, ref: dt.date | None = REF):
    found = dates(text, lang, ref)
    assert len(found) == 1, f"expected one date in {text!r}, got {[m.text for m in found]}"
    return found[0]


def reading(text: str, lang: str, ref: dt.date | None = REF) -> tuple[str, str, str]:
    p = one_date(text, lang, ref).date
    assert p is not None, text
    return p.start.isoformat(), p.end.isoformat(), p.grain


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        # Precision as written.
        ("Les ventes ont reculé en 2021.", "fr", ("2021-01-01", "2021-12-31", "year")),
        ("Sales fell in April 2022.", "en", ("2022-04-01", "2022-04-30", "month")),
        ("La réunion du 1er mai 2021 a été reportée.", "fr", ("2021-05-01", "2021-05-01", "day")),
        ("The talks began on the 2nd of May, 2019.", "en", ("2019-05-02", "2019-05-02", "day")),
        ("The deal closed on Dec. 31, 1994.", "en", ("1994-12-31", "1994-12-31", "day")),
        ("Le rapport, publié le 12.04.2022, est sévère.", "fr", ("2022-04-12", "2022-04-12", "day")),
        ("Le fichier est daté du 2022/04/12.", "fr", ("2022-04-12", "2022-04-12", "day")),
        ("The filing, dated 05-Aug-2016, was late.", "en", ("2016-08-05", "2016-08-05", "day")),
        ("Le scrutin du 15.05.99 a été annulé.", "fr", ("1999-05-15", "1999-05-15", "day")),
        ("Output rose 3% in Q1 2023.", "en", ("2023-01-01", "2023-03-31", "quarter")),
        ("Le chiffre d'affaires du 2023-T2 progresse.", "fr", ("2023-04-01", "2023-06-30", "quarter")),
        ("The 2019-H2 figures were revised.", "en", ("2019-07-01", "2019-12-31", "half")),
        ("The city grew fast in the 1990s.", "en", ("1990-01-01", "1999-12-31", "decade")),
        ("La ville a décliné dans les années 80.", "fr", ("1980-01-01", "1989-12-31", "decade")),
        ("Imports jumped in week 12.", "en", ("2023-03-20", "2023-03-26", "week")),
        ("Le pic a été atteint la première semaine de mai.", "fr", ("2023-05-01", "2023-05-07", "week")),
    ],
)
def test_a_date_keeps_the_precision_it_was_written_with(text, lang, expected):
    assert reading(text, lang) == expected


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        # A bare weekday is the last one on or before the reference date; a future marker makes it the next.
        ("Le ministre s'est exprimé mardi.", "fr", "2023-04-04"),
        ("The minister spoke on Thursday.", "en", "2023-04-06"),
        ("Le vote aura lieu lundi prochain.", "fr", "2023-04-10"),
        ("The vote will be held next Thursday.", "en", "2023-04-13"),
        ("Il l'avait annoncé vendredi dernier.", "fr", "2023-03-31"),
        ("Ce dimanche, les électeurs votent.", "fr", "2023-04-09"),
        ("The hearing is set for Tuesday of next week.", "en", "2023-04-11"),
        ("Le sommet s'ouvre le mardi de la semaine prochaine.", "fr", "2023-04-11"),
        ("The report is due the day after tomorrow.", "en", "2023-04-08"),
        ("Les résultats seront connus dans deux semaines.", "fr", "2023-04-20"),
        ("The plant closed three months ago.", "en", "2023-01-06"),
        ("L'usine a fermé il y a un an.", "fr", "2022-04-06"),
        ("Sales peaked on Christmas Eve.", "en", "2022-12-24"),
        ("Le lundi de Pâques 2024 sera férié.", "fr", "2024-04-01"),
    ],
)
def test_relative_days_resolve_against_the_reference_date(text, lang, expected):
    start, end, grain = reading(text, lang)
    assert (start, grain) == (expected, "day") and start == end


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("Exports rose next month, the ministry expects.", "en", ("2023-05-01", "2023-05-31", "month")),
        ("Prices fell last quarter.", "en", ("2023-01-01", "2023-03-31", "quarter")),
        ("Le trimestre prochain sera difficile.", "fr", ("2023-07-01", "2023-09-30", "quarter")),
        ("La semaine derniere, le prix a baissé.", "fr", ("2023-03-27", "2023-04-02", "week")),
        ("Le salon ouvre ce week-end.", "fr", ("2023-04-08", "2023-04-09", "day")),
        ("The festival returns this September.", "en", ("2023-09-01", "2023-09-30", "month")),
        ("Les ventes avaient chuté en mai dernier.", "fr", ("2022-05-01", "2022-05-31", "month")),
        ("La réforme entrera en vigueur en mars prochain.", "fr", ("2024-03-01", "2024-03-31", "month")),
        ("Prices have doubled over the past five years.", "en", ("2018-04-06", "2023-04-05", "day")),
        (
            "Au cours des trois derniers mois, l'inflation a ralenti.",
            "fr",
            ("2023-01-06", "2023-04-05", "day"),
        ),
    ],
)
def test_relative_periods_resolve_against_the_reference_date(text, lang, expected):
    assert reading(text, lang) == expected


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("Between 2019 and 2021, exports doubled.", "en", ("2019-01-01", "2021-12-31", "year")),
        ("Son mandat court de 2020 à 2026.", "fr", ("2020-01-01", "2026-12-31", "year")),
        ("The 2021-22 season was cut short.", "en", ("2021-01-01", "2022-12-31", "year")),
        ("Le salon se tient du 3 au 5 mars.", "fr", ("2023-03-03", "2023-03-05", "day")),
        ("The strike ran from May 5 to May 9.", "en", ("2023-05-05", "2023-05-09", "day")),
        ("The summit is on November 18-20, 2015.", "en", ("2015-11-18", "2015-11-20", "day")),
        ("Du 28 février au 3 mars 2022, le trafic a été coupé.", "fr", ("2022-02-28", "2022-03-03", "day")),
        ("Entre janvier et mars 2021, le chômage a baissé.", "fr", ("2021-01-01", "2021-03-31", "month")),
        ("Traffic fell in Nov-Feb 2017.", "en", ("2016-11-01", "2017-02-28", "month")),
        ("The audit covers 10/1/2018 - 10/7/2018.", "en", ("2018-10-01", "2018-10-07", "day")),
    ],
)
def test_a_range_is_one_period_with_the_grain_of_its_ends(text, lang, expected):
    assert reading(text, lang) == expected


def test_relative_dates_stay_unresolved_without_a_reference_date():
    for text, lang in [
        ("Le vote aura lieu lundi prochain.", "fr"),
        ("The plant closed three months ago.", "en"),
        ("Prices fell last quarter.", "en"),
        ("Le salon se tient du 3 au 5 mars.", "fr"),
    ]:
        assert one_date(text, lang, ref=None).date is None, text
    # Absolute dates need no reference date.
    assert one_date("Between 2019 and 2021, exports doubled.", "en", ref=None).date is not None


def test_a_bound_before_a_date_is_its_qualifier():
    assert one_date("Le chômage baisse depuis 2019.", "fr").qualifier == "since"
    assert one_date("Emissions must halve by 2030.", "en").qualifier == "until"
    assert one_date("Sales rose after 2016.", "en").qualifier == "after"
    # "des" is an article, not "dès".
    assert one_date("La ville a décliné dans des années 1980 difficiles.", "fr").qualifier is None


def test_a_year_followed_by_a_unit_or_a_count_is_a_figure():
    found = extract_text("L'usine emploie 2023 personnes et a produit 14 % de plus le 14 mars.", "fr", REF)
    kinds = [(m.text, m.kind) for m in found]
    assert ("2023", "number") in kinds
    assert ("14 %", "percent") in kinds
    assert ("le 14 mars", "date") in kinds


@pytest.mark.parametrize(
    "text, lang, money, year",
    [
        ("The fine rose to $2000 in 2019.", "en", "$2000", "2019"),
        ("A fee of USD 2020 was charged in 2021.", "en", "USD 2020", "2021"),
        ("Une prime de € 1990 versée en 2019.", "fr", "€ 1990", "2019"),
    ],
)
def test_a_year_after_a_currency_is_money(text, lang, money, year):
    found = [(m.text, m.kind) for m in extract_text(text, lang, REF)]
    assert (money, "money") in found
    assert [t for t, k in found if k == "date"] == [year]


def test_a_clock_time_beside_a_day_is_part_of_the_date_not_a_figure():
    found = extract_text("La réunion aura lieu le 14 mars à 16 heures.", "fr", REF)
    assert [(m.text, m.kind) for m in found] == [("le 14 mars à 16 heures", "date")]
    assert found[0].date.to_dict() == {
        "start": "2023-03-14T16:00:00",
        "end": "2023-03-14T16:00:00",
        "grain": "hour",
    }
    found = extract_text("Shares fell at 3pm on Wednesday.", "en", REF)
    assert [(m.text, m.kind) for m in found] == [("3pm on Wednesday", "date")]
    assert (found[0].date.start, found[0].date.start_time) == (dt.date(2023, 4, 5), dt.time(15))


def test_words_that_look_like_dates_but_are_not():
    # "may" the verb, "May" the month only with a capital or a number beside it.
    assert dates("This may take longer than expected.", "en") == []
    assert reading("The vote is in May.", "en")[2] == "month"
    # A fraction is no date unless a date word comes before it.
    assert dates("Les 3/4 des électeurs ont voté.", "fr") == []
    assert reading("Le scrutin est fixé au 3/4.", "fr")[0] == "2023-04-03"
    # A recurrence is no date of its own (see the recurrence tests); opening days are no dates.
    assert [(m.text, m.date) for m in dates("Chaque lundi, 300 personnes se rassemblent.", "fr")] == [
        ("Chaque lundi", None)
    ]
    assert dates("The shop is open Monday to Friday.", "en") == []
    # A weekday followed by a count: the number is the count.
    found = extract_text("On Sunday 14 people died.", "en", REF)
    assert [(m.text, m.kind) for m in found] == [("On Sunday", "date"), ("14", "number")]
    # "the highest in 10 years" is a window, not a date ten years ahead.
    assert dates("Prices hit their highest level in 10 years.", "en") == []
    # "trois ans plus tard" counts from an event of the story: a duration, not a date.
    found = extract_text("Il a été réélu trois ans plus tard.", "fr", REF)
    assert [m.kind for m in found] == ["duration"]


def test_accents_and_case_do_not_matter():
    assert reading("La semaine derniere", "fr") == reading("la semaine dernière", "fr")
    assert reading("EN FEVRIER 2022", "fr") == ("2022-02-01", "2022-02-28", "month")


def test_two_digit_years_are_read_around_the_reference_date():
    assert reading("Le 23/06/18, il a signé.", "fr")[0] == "2018-06-23"
    assert reading("She was born on 03/18/40.", "en")[0] == "1940-03-18"


def test_a_day_without_year_is_the_nearest_one_unless_the_text_says_last():
    assert reading("Le 5 mai, la loi sera votée.", "fr")[0] == "2023-05-05"
    assert reading("Le 5 mai dernier, la loi a été votée.", "fr")[0] == "2022-05-05"


def test_a_quarter_or_month_of_a_relative_year():
    assert reading("Au premier trimestre de l'année prochaine, l'activité reprendra.", "fr")[:2] == (
        "2024-01-01",
        "2024-03-31",
    )
    assert reading("Growth should pick up in March next year.", "en") == ("2024-03-01", "2024-03-31", "month")


def test_now_is_only_one_end_of_a_range():
    assert reading("Prices will rise between now and May 15.", "en") == ("2023-04-06", "2023-05-15", "day")
    assert dates("Prices are rising now.", "en") == []


# -- clock times and parts of the day


def clock(text: str, lang: str, ref: dt.date | None = REF) -> tuple[str, str, str]:
    p = one_date(text, lang, ref).date
    assert p is not None, text
    d = p.to_dict()
    return d["start"], d["end"], d["grain"]


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        # Alone, a time is one of the reference day.
        ("La réunion commence à 16h.", "fr", ("2023-04-06T16:00:00", "2023-04-06T16:00:00", "hour")),
        ("Le train de 7h42 a été supprimé.", "fr", ("2023-04-06T07:42:00", "2023-04-06T07:42:00", "minute")),
        (
            "Dès 7 h 30, les électeurs attendaient.",
            "fr",
            ("2023-04-06T07:30:00", "2023-04-06T07:30:00", "minute"),
        ),
        ("Il est vingt heures.", "fr", ("2023-04-06T20:00:00", "2023-04-06T20:00:00", "hour")),
        (
            "Rendez-vous à sept heures et vingt-sept minutes.",
            "fr",
            ("2023-04-06T07:27:00",) * 2 + ("minute",),
        ),
        ("Rendez-vous à huit heures moins le quart.", "fr", ("2023-04-06T07:45:00",) * 2 + ("minute",)),
        ("Vers 3 heures du matin, le feu a été maîtrisé.", "fr", ("2023-04-06T03:00:00",) * 2 + ("hour",)),
        ("Rendez-vous à sept heures du soir.", "fr", ("2023-04-06T19:00:00",) * 2 + ("hour",)),
        ("Polls close at 8pm.", "en", ("2023-04-06T20:00:00", "2023-04-06T20:00:00", "hour")),
        ("The alarm rang at 7:56:30 pm.", "en", ("2023-04-06T19:56:30", "2023-04-06T19:56:30", "second")),
        (
            "The vote opens at half past eight.",
            "en",
            ("2023-04-06T08:30:00", "2023-04-06T08:30:00", "minute"),
        ),
        ("Doors close at a quarter to nine.", "en", ("2023-04-06T08:45:00", "2023-04-06T08:45:00", "minute")),
        ("The vote is at 10 past 9 tonight.", "en", ("2023-04-06T21:10:00", "2023-04-06T21:10:00", "minute")),
        ("At 5 in the afternoon, crowds gathered.", "en", ("2023-04-06T17:00:00",) * 2 + ("hour",)),
        # With the day said beside it.
        ("La réunion est prévue lundi à 16h.", "fr", ("2023-04-03T16:00:00", "2023-04-03T16:00:00", "hour")),
        ("Il reviendra demain à 8 h 15.", "fr", ("2023-04-07T08:15:00", "2023-04-07T08:15:00", "minute")),
        ("Le bureau rouvre lundi midi.", "fr", ("2023-04-03T12:00:00", "2023-04-03T12:00:00", "hour")),
        ("I'll go back tomorrow 8:00am.", "en", ("2023-04-07T08:00:00", "2023-04-07T08:00:00", "minute")),
        ("The meeting starts at 9:30 a.m. on Tuesday.", "en", ("2023-04-04T09:30:00",) * 2 + ("minute",)),
        ("Protesters gathered at noon on Friday.", "en", ("2023-03-31T12:00:00",) * 2 + ("hour",)),
        ("She left last night at 8.", "en", ("2023-04-05T20:00:00", "2023-04-05T20:00:00", "hour")),
        ("I'll go back tonight around 3.", "en", ("2023-04-06T03:00:00", "2023-04-06T03:00:00", "hour")),
        ("They met at 4 this afternoon.", "en", ("2023-04-06T16:00:00", "2023-04-06T16:00:00", "hour")),
        # Ranges of times: the half of the day written on one end goes to the other when it keeps them in
        # order; a range past midnight ends the next day.
        (
            "La réunion est prévue lundi de 10h à 12h.",
            "fr",
            ("2023-04-03T10:00:00", "2023-04-03T12:00:00", "hour"),
        ),
        (
            "Je serai là entre 5 du matin et 6 apres-midi.",
            "fr",
            ("2023-04-06T05:00:00", "2023-04-06T18:00:00", "hour"),
        ),
        (
            "Du lundi 8h au mardi 18h, la route est fermée.",
            "fr",
            ("2023-04-03T08:00:00", "2023-04-04T18:00:00", "hour"),
        ),
        ("I'll be out between 4pm and 6pm.", "en", ("2023-04-06T16:00:00", "2023-04-06T18:00:00", "hour")),
        ("I'll be out 5 to 6pm.", "en", ("2023-04-06T17:00:00", "2023-04-06T18:00:00", "hour")),
        ("I'll be out from 2:30 to 2:15 pm.", "en", ("2023-04-06T02:30:00", "2023-04-06T14:15:00", "minute")),
        ("The curfew runs from 10pm to 6am.", "en", ("2023-04-06T22:00:00", "2023-04-07T06:00:00", "hour")),
        (
            "Where were you from 8am-3 yesterday afternoon?",
            "en",
            ("2023-04-05T08:00:00", "2023-04-05T15:00:00", "hour"),
        ),
        # Parts of the day, as Recognizers-Text reads them.
        ("Le président parlera ce soir.", "fr", ("2023-04-06T16:00:00", "2023-04-06T20:00:00", "hour")),
        ("Le vote aura lieu demain matin.", "fr", ("2023-04-07T08:00:00", "2023-04-07T12:00:00", "hour")),
        (
            "Le bilan publié mardi soir est lourd.",
            "fr",
            ("2023-04-04T16:00:00", "2023-04-04T20:00:00", "hour"),
        ),
        ("Il reviendra demain nuit.", "fr", ("2023-04-07T20:00:00", "2023-04-07T23:59:59", "hour")),
        (
            "Le feu a repris lundi en fin de matinée.",
            "fr",
            ("2023-04-03T10:00:00", "2023-04-03T12:00:00", "hour"),
        ),
        ("I'll go back next monday afternoon.", "en", ("2023-04-10T12:00:00", "2023-04-10T16:00:00", "hour")),
        ("Let's meet later this afternoon.", "en", ("2023-04-06T14:00:00", "2023-04-06T16:00:00", "hour")),
        ("Let's meet early this evening.", "en", ("2023-04-06T16:00:00", "2023-04-06T18:00:00", "hour")),
        # The end of a day is its last second.
        ("Il reviendra fin de demain.", "fr", ("2023-04-07T23:59:59", "2023-04-07T23:59:59", "second")),
        ("The deal must be signed by the end of tomorrow.", "en", ("2023-04-07T23:59:59",) * 2 + ("second",)),
    ],
)
def test_clock_times_and_parts_of_the_day(text, lang, expected):
    assert clock(text, lang) == expected


def test_a_time_is_no_figure_and_the_figures_around_it_stay():
    found = extract_text("À 16 heures, le bilan était de 12 morts.", "fr", REF)
    assert [(m.text, m.kind) for m in found] == [("16 heures", "date"), ("12", "number")]
    found = extract_text("Il est arrivé à 8 heures et deux policiers l'attendaient.", "fr", REF)
    assert found[0].date.start_time == dt.time(8)  # "deux" counts the policemen, it is no minute


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Il a passé 14 heures en garde à vue.", "fr"),
        ("Les négociations ont duré plus de 16 heures.", "fr"),
        ("Il a été entendu pendant 8 heures.", "fr"),
        ("Le marathon a été couru en 2h05.", "fr"),
        ("Il a fallu 2h30 de route pour rejoindre Lyon.", "fr"),
        ("Il travaille 35 heures par semaine.", "fr"),
        ("Les 24 heures du Mans sont une course.", "fr"),
        ("Le Canal du Midi attire 2 millions de visiteurs.", "fr"),
        ("He was questioned for 14 hours.", "en"),
        ("Mortgages were at 6.45 percent.", "en"),
        ("Shares closed at 6.45.", "en"),
        ("Article 9a of the treaty was invoked.", "en"),
        ("The aspect ratio is 16:9.", "en"),
        ("The 2:1 vote passed easily.", "en"),
        ("He killed 10 in the morning attack.", "en"),
        ("They met in building 4 at 10 to discuss.", "en"),
        ("At the end of the day, voters decide.", "en"),
        ("Five to seven people were injured.", "en"),
    ],
)
def test_durations_and_numbers_are_no_clock_times(text, lang):
    assert not [m for m in dates(text, lang) if m.date is not None and m.date.has_time], text


def test_a_time_without_a_reference_date_is_found_but_unresolved():
    assert one_date("La réunion commence à 16 heures.", "fr", ref=None).date is None
    p = one_date("The summit opens on May 5, 2021 at 9am.", "en", ref=None).date
    assert (p.start, p.start_time, p.grain) == (dt.date(2021, 5, 5), dt.time(9), "hour")


def test_a_bound_before_a_time_is_its_qualifier():
    assert one_date("Shall we leave before 2.30pm?", "en").qualifier == "before"
    assert one_date("I am feeling sick after around 3:30pm.", "en").qualifier == "after"
    assert one_date("La route est fermée jusqu'à 18h.", "fr").qualifier == "until"


def test_periods_with_times_round_trip_and_compare_by_day():
    p = one_date("Le président parlera ce soir.", "fr").date
    assert Period.from_dict(p.to_dict()) == p
    assert p.label == "2023-04-06 16:00..20:00"
    assert p.dates_only() == Period(REF, REF, "day")
    assert p.overlaps(Period(REF, REF, "day"))
    # Without times a period keeps its old shape.
    day = one_date("Le 14 mars 2023, il pleuvait.", "fr").date
    assert day.to_dict() == {"start": "2023-03-14", "end": "2023-03-14", "grain": "day"}
    assert Period.from_dict(day.to_dict()) == day and day.dates_only() is day


# -- recurrences


def recurring(text: str, lang: str, ref: dt.date | None = REF) -> list[str]:
    found = [m for m in dates(text, lang, ref) if m.qualifier == "recurring"]
    assert all(m.date is None for m in found), text
    return [m.text for m in found]


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("The 12 ministers meet every Monday.", "en", ["every Monday"]),
        ("Inspectors visit the 40 sites once a month.", "en", ["once a month"]),
        ("The 3 envoys report every other Friday.", "en", ["every other Friday"]),
        ("Elections are held every four years in the 27 states.", "en", ["every four years"]),
        ("The 5 trains leave at 7am each day.", "en", ["7am each day"]),
        ("The market opens Saturdays at 8am, with 200 stalls.", "en", ["Saturdays at 8am"]),
        ("The 2 clinics are closed on Friday mornings.", "en", ["Friday mornings"]),
        ("The 3 ministers now meet weekly.", "en", ["weekly"]),
        ("A fee of $20 is paid annually.", "en", ["annually"]),
        ("The parade has been held every July 4 for 200 years.", "en", ["every July 4"]),
        (
            "The 3 museums are free on the first Sunday of every month.",
            "en",
            ["the first Sunday of every month"],
        ),
        (
            "Les 3 musées sont gratuits le premier dimanche de chaque mois.",
            "fr",
            ["le premier dimanche de chaque mois"],
        ),
        # Each weekday joined to a recurring one recurs too, with the time said with it.
        (
            "The 4 members meet every Tuesday and Thursday at 10am.",
            "en",
            ["every Tuesday", "Thursday at 10am"],
        ),
        ("Le conseil des 12 ministres se réunit chaque lundi.", "fr", ["chaque lundi"]),
        ("Les 3 navettes partent tous les jours à 16 heures.", "fr", ["tous les jours à 16 heures"]),
        ("Le bilan des 5 experts paraît toutes les trois semaines.", "fr", ["toutes les trois semaines"]),
        ("Les 27 États se retrouvent une fois par an.", "fr", ["une fois par an"]),
        ("Le marché des 200 exposants se tient les samedis.", "fr", ["samedis"]),
        ("Le défilé a lieu tous les 14 juillet.", "fr", ["tous les 14 juillet"]),
        ("Les 12 élus publient un rapport annuel.", "fr", ["annuel"]),
        (
            "Les 9 lignes circulent chaque lundi, mercredi et vendredi.",
            "fr",
            ["chaque lundi", "mercredi", "vendredi"],
        ),
    ],
)
def test_a_recurrence_is_a_date_mention_without_a_period(text, lang, expected):
    assert recurring(text, lang) == expected


@pytest.mark.parametrize(
    "text, lang",
    [
        # A rate of a figure, a noun, a name: no recurrence.
        ("Exports reached $40 billion a year.", "en"),
        ("He trains three times a week, 5 hours a day.", "en"),
        ("The Daily Mail sold 900,000 copies.", "en"),
        ("L'hebdomadaire Le Point a vendu 300 000 exemplaires.", "fr"),
        ("Au quotidien, 40 bénévoles se relaient.", "fr"),
        ("Il travaille 35 heures par semaine.", "fr"),
        ("Ils se voient deux fois par mois depuis 2019.", "fr"),
    ],
)
def test_rates_nouns_and_names_are_no_recurrences(text, lang):
    assert recurring(text, lang) == []


def test_a_rate_keeps_its_figure():
    found = extract_text("Ils se voient deux fois par mois.", "fr", REF)
    assert [(m.text, m.kind) for m in found] == [("deux", "number")]
    found = extract_text("The plant makes 40 billion a year.", "en", REF)
    assert [(m.text, m.kind) for m in found] == [("40 billion", "number")]


def _doc(i: int, text: str, lang: str) -> Document:
    return Document(id=f"d{i}", path=f"d{i}.txt", text=text, lang=lang, published=REF, outlet=f"Outlet {i}")


def test_a_recurrence_dates_no_event_and_gives_no_period_to_a_figure():
    fr = "Le sommet entre le Kazakhstan et l'Ouzbékistan se tient {} à Samarcande."
    en = "The summit between Kazakhstan and Uzbekistan is held {} in Samarkand."
    # The same event on two days is a finding; two yearly dates that differ are not an event's date.
    once = check_documents([_doc(1, fr.format("le 14 mars"), "fr"), _doc(2, en.format("on March 15"), "en")])
    assert [f.rule for f in once.findings] == ["date-mismatch"]
    yearly = check_documents(
        [_doc(1, fr.format("chaque 14 mars"), "fr"), _doc(2, en.format("every March 15"), "en")]
    )
    assert yearly.findings == []
    # A recurrence is no claim to check (context.is_noise).
    assert [c.text for c in yearly.claims] == []
    # A figure beside a recurrence takes no period from it.
    result = check_documents([_doc(3, "Exports to Kazakhstan reach $40 million every month.", "en")])
    money = [c for c in result.claims if c.kind == "money"]
    assert money and money[0].period is None


@pytest.mark.parametrize(
    "text, lang",
    [("The 3 ministers meet weekly", "en"), ("Les ministres se voient tous les jours.", "fr")],
)
def test_a_recurrence_is_read_in_a_sentence_without_digits(text, lang):
    # Only the trigger words let a digit-less sentence reach the date grammar.
    plain = text.replace("3 ", "")
    assert [m.qualifier for m in extract_text(plain, lang, REF) if m.kind == "date"] == ["recurring"]


@pytest.mark.parametrize(
    "text, lang, periods",
    [
        ("Unemployment in France rose to 4.3% in March, the highest since October 2021.", "en", ["2023-03"]),
        ("Le chômage en France atteint 4,3 %, son plus haut niveau depuis octobre 2021.", "fr", [None]),
        ("Le chômage en France a baissé de 2 points depuis 2019, à 7,1 % en 2022.", "fr", ["2022", "2022"]),
    ],
)
def test_a_date_that_starts_a_span_is_no_period_of_a_figure(text, lang, periods):
    result = check_documents([_doc(4, text, lang)])
    figures = [c for c in result.claims if c.kind == "percent"]
    assert [c.period.label if c.period else None for c in figures] == periods


def test_the_trigger_words_wake_the_grammar_on_every_recurrence():
    for lang in ("fr", "en"):
        raw = load_lexicon(lang).raw
        anchors = re.compile(alternation(raw["trigger_words"]), re.IGNORECASE)
        phrases = [*raw["recurrence"], *raw["recurrence_once"], *raw["recurrence_words"]]
        phrases += [f"{w}s" for w in raw["weekdays"]]
        assert [p for p in phrases if not anchors.search(p)] == [], lang


# -- a day of the month alone, a day of a relative month, a day in words


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        # The day of that number nearest the reference date, in its month or the one before or after.
        ("The vote is set for the 18th, 3 officials said.", "en", ("the 18th", "2023-04-18")),
        ("Polls close on 29th - the last of 3 days.", "en", ("29th", "2023-03-29")),
        ("Le scrutin aura lieu le 23.", "fr", ("23", "2023-03-23")),
        ("Le procès s'ouvre le 12 à Paris.", "fr", ("12", "2023-04-12")),
        # A day and month in words after the month.
        ("The ferry sails again May twenty nine", "en", ("May twenty nine", "2023-05-29")),
        ("We meet on february twenty second.", "en", ("february twenty second", "2023-02-22")),
    ],
)
def test_a_day_said_alone_is_in_the_month_nearest_the_reference_date(text, lang, expected):
    found = one_date(text, lang)
    assert (found.text, found.date.start.isoformat()) == expected
    assert found.date.grain == "day"


@pytest.mark.parametrize(
    "text, lang",
    [
        ("He won on the 18th hole.", "en"),
        ("Brick houses of the 18th century stand there.", "en"),
        ("Le 15 de France a gagné.", "fr"),
        ("Le 7 a marqué deux buts.", "fr"),
        ("La ligne 3 passe au 12.", "fr"),
        ("In May twenty nine people died.", "en"),
    ],
)
def test_numbers_that_are_no_days_of_the_month(text, lang):
    assert [m for m in dates(text, lang) if m.date and m.date.grain == "day"] == []


def test_a_bound_before_a_day_alone_is_its_qualifier():
    assert one_date("Registrations stay open until the 18th.", "en").qualifier == "until"
    assert one_date("Les inscriptions sont ouvertes jusqu'au 18.", "fr").qualifier == "until"
    assert one_date("We will come back after the 15th day of June.", "en").qualifier == "after"


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("Payments resume on the 15th of next month.", "en", ("2023-05-15", "2023-05-15")),
        ("We will be out from 4-23 in next month.", "en", ("2023-05-04", "2023-05-23")),
        ("Deliver before the twenty-sixth day of the month.", "en", ("2023-04-26", "2023-04-26")),
        ("La paie sera versée le 15 du mois prochain.", "fr", ("2023-05-15", "2023-05-15")),
        ("Le musée ferme du 4 au 23 du mois dernier.", "fr", ("2023-03-04", "2023-03-23")),
    ],
)
def test_days_of_a_month_counted_from_the_reference_month(text, lang, expected):
    start, end, grain = reading(text, lang)
    assert ((start, end), grain) == (expected, "day")


def test_a_count_of_months_is_no_day_of_a_relative_month():
    found = extract_text("She will turn 15 next month.", "en", REF)
    assert [(m.text, m.kind) for m in found] == [("15", "number"), ("next month", "date")]


# -- seasons


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        # Three whole months: the season the reference date is in or nearest to, the last or the next one.
        ("Sales rose 5% this summer.", "en", ("this summer", "2023-06-01", "2023-08-31")),
        ("Sales rose 5% last winter.", "en", ("last winter", "2022-12-01", "2023-02-28")),
        ("Output fell 3% in the summer of 2019.", "en", ("the summer of 2019", "2019-06-01", "2019-08-31")),
        ("Winter 2022 cost 40 lives.", "en", ("Winter 2022", "2021-12-01", "2022-02-28")),
        ("Les ventes ont bondi de 5 % cet été.", "fr", ("cet été", "2023-06-01", "2023-08-31")),
        ("L'hiver dernier, 12 personnes sont mortes.", "fr", ("L'hiver dernier", "2022-12-01", "2023-02-28")),
        (
            "Les travaux dureront jusqu'à l'automne 2024, 3 ans.",
            "fr",
            ("l'automne 2024", "2024-09-01", "2024-11-30"),
        ),
    ],
)
def test_a_season_is_three_whole_months(text, lang, expected):
    found = one_date(text, lang)
    assert (found.text, found.date.start.isoformat(), found.date.end.isoformat()) == expected
    assert found.date.grain == "month"


@pytest.mark.parametrize(
    "text, lang",
    [
        ("The Summer Olympics drew 4 billion viewers.", "en"),
        ("Prices could see this fall in 2 weeks.", "en"),
        ("La meilleure année a été 2019.", "fr"),
        ("Le printemps arabe a fait 3 morts.", "fr"),
    ],
)
def test_names_and_verbs_are_no_seasons(text, lang):
    assert [m for m in dates(text, lang) if m.date and m.date.grain == "month"] == []


# -- more days and times


def test_a_weekday_joined_to_a_dated_one_is_in_its_week():
    found = dates("The 2 teams meet next week Mon or Tue, officials said.", "en")
    assert [(m.text, m.date.start.isoformat()) for m in found] == [
        ("next week Mon", "2023-04-10"),
        ("Tue", "2023-04-11"),
    ]
    found = dates("Le vote aura lieu lundi prochain ou mardi.", "fr")
    assert [m.date.start.isoformat() for m in found] == ["2023-04-10", "2023-04-11"]
    # An abbreviation alone is no weekday.
    assert dates("The Sun sold 3 million copies.", "en") == []


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("I will leave in two days from today.", "en", ("in two days from today", "2023-04-08", "day")),
        ("The fair ran from 5/1-5/7, 2020.", "en", ("from 5/1-5/7, 2020", "2020-05-01", "day")),
        ("The fair ran from Sep.1st to Sep.5th.", "en", ("from Sep.1st to Sep.5th", "2023-09-01", "day")),
        ("I drank a coffee on tues the 4th 7pm.", "en", ("tues the 4th 7pm", "2023-04-04", "hour")),
        (
            "Book a room for Monday 10 between 9:30 and 11:00.",
            "en",
            ("Monday 10 between 9:30 and 11:00", "2023-04-10", "minute"),
        ),
        (
            "Let's meet on march eighteenth nine thirty.",
            "en",
            ("march eighteenth nine thirty", "2023-03-18", "minute"),
        ),
    ],
)
def test_more_ways_of_writing_a_day(text, lang, expected):
    found = one_date(text, lang)
    assert (found.text, found.date.start.isoformat(), found.date.grain) == expected


def test_a_time_after_from_is_where_something_starts():
    assert one_date("The office is open from 7:00 am.", "en").qualifier == "since"
    assert one_date("The office is open from 7:00 am to 5pm.", "en").qualifier is None


def test_a_day_that_is_not_on_the_calendar_is_one_date_without_a_period():
    found = dates("They said to meet on feb 30 2019 at 17:20.", "en")
    assert [(m.text, m.date) for m in found] == [("feb 30 2019 at 17:20", None)]


def test_an_ordinal_after_a_month_and_a_comma_needs_an_end():
    assert one_date("Inflation hit 8% in May, the second highest.", "en").date.grain == "month"
    assert one_date("On May the second, 40 people left.", "en").date.start == dt.date(2023, 5, 2)


# -- red-team pass on news copy: periods of figures ----------------------------------------------------------


def span(text: str, lang: str, ref: dt.date | None = REF) -> tuple[str, str, str, str]:
    found = one_date(text, lang, ref)
    assert found.date is not None, text
    return found.text, found.date.start.isoformat(), found.date.end.isoformat(), found.date.grain


@pytest.mark.parametrize(
    "text, lang, ref, expected",
    [
        # A quarter or half without its year is the nearest one: written in January, the last third quarter.
        (
            "La dette atteignait 3 000 milliards à la fin du troisième trimestre.",
            "fr",
            dt.date(2024, 1, 30),
            ("2023-07-01", "2023-09-30", "quarter"),
        ),
        (
            "In the fourth quarter, sales rose 2.3%.",
            "en",
            dt.date(2024, 5, 2),
            ("2023-10-01", "2023-12-31", "quarter"),
        ),
        (
            "Les ventes ont crû de 4 % au deuxième trimestre.",
            "fr",
            dt.date(2024, 10, 1),
            ("2024-04-01", "2024-06-30", "quarter"),
        ),
        (
            "Margins held up in the first half.",
            "en",
            dt.date(2024, 3, 12),
            ("2024-01-01", "2024-06-30", "half"),
        ),
        # So is a month with a part of it: "fin décembre" written in January.
        (
            "La société a été placée en redressement fin décembre.",
            "fr",
            dt.date(2024, 1, 8),
            ("2023-12-01", "2023-12-31", "month"),
        ),
        (
            "The season peaked in late December.",
            "en",
            dt.date(2024, 3, 28),
            ("2023-12-01", "2023-12-31", "month"),
        ),
        (
            "La décision est attendue début février.",
            "fr",
            dt.date(2024, 1, 8),
            ("2024-02-01", "2024-02-29", "month"),
        ),
    ],
)
def test_a_period_without_its_year_is_the_nearest_one(text, lang, ref, expected):
    assert reading(text, lang, ref) == expected


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        # "à" and "de" fused with "le".
        (
            "Le chômage est stable par rapport au trimestre précédent.",
            "fr",
            ("au trimestre précédent", "2023-01-01", "2023-03-31", "quarter"),
        ),
        (
            "Les prix du mois dernier ont baissé de 2 %.",
            "fr",
            ("du mois dernier", "2023-03-01", "2023-03-31", "month"),
        ),
        # A modifier after a phrase of the end of a period, a part of a relative year.
        (
            "À la fin de l'année dernière, le stock atteignait 3 tonnes.",
            "fr",
            ("À la fin de l'année dernière", "2022-12-31", "2022-12-31", "year-end"),
        ),
        (
            "La fin du mois prochain sera chargée.",
            "fr",
            ("La fin du mois prochain", "2023-05-01", "2023-05-31", "month"),
        ),
        (
            "Au début de l'année dernière, 300 postes ont été créés.",
            "fr",
            ("Au début de l'année dernière", "2022-01-01", "2022-03-31", "quarter"),
        ),
        (
            "The plant closed by the end of last year.",
            "en",
            ("by the end of last year", "2022-12-31", "2022-12-31", "year-end"),
        ),
        ("Hiring slowed early last year.", "en", ("early last year", "2022-01-01", "2022-03-31", "quarter")),
        (
            "Shares have tripled since the start of the year.",
            "en",
            ("since the start of the year", "2023-01-01", "2023-12-31", "year"),
        ),
    ],
)
def test_relative_periods_as_news_writes_them(text, lang, expected):
    assert span(text, lang) == expected


@pytest.mark.parametrize(
    "text, lang, ref, expected",
    [
        (
            "Le chômage a crû de 3,9 % au quatrième trimestre 2024, soit 116 000 de plus qu'au trimestre "
            "précédent.",
            "fr",
            dt.date(2025, 1, 15),
            [("2024-10-01", "quarter"), ("2024-07-01", "quarter")],
        ),
        (
            "Arrêté le 14 mars, il a été libéré le lendemain.",
            "fr",
            dt.date(2024, 3, 20),
            [("2024-03-14", "day"), ("2024-03-15", "day")],
        ),
        (
            "Sales rose 4% in 2023, after falling 2% the previous year.",
            "en",
            dt.date(2024, 3, 20),
            [("2023-01-01", "year"), ("2022-01-01", "year")],
        ),
        (
            "The suspect was arrested on March 3 and charged the next day.",
            "en",
            dt.date(2024, 3, 20),
            [("2024-03-03", "day"), ("2024-03-04", "day")],
        ),
        # Without a date of its grain in the text, or before "de", it counts from the reference date.
        (
            "Le chômage est stable par rapport au trimestre précédent, en 2024.",
            "fr",
            dt.date(2024, 3, 20),
            [("2023-10-01", "quarter"), ("2024-01-01", "year")],
        ),
        (
            "Il est arrivé le 3 mars, la veille de son départ.",
            "fr",
            dt.date(2024, 3, 20),
            [("2024-03-03", "day"), ("2024-03-19", "day")],
        ),
    ],
)
def test_previous_and_next_count_from_the_story_s_date(text, lang, ref, expected):
    assert [(m.date.start.isoformat(), m.date.grain) for m in dates(text, lang, ref)] == expected


@pytest.mark.parametrize(
    "text, lang, ref, expected",
    [
        (
            "Les faits se sont produits dans la nuit de samedi à dimanche.",
            "fr",
            dt.date(2023, 11, 20),
            ("nuit de samedi à dimanche", "2023-11-18", "2023-11-19", "day"),
        ),
        (
            "La tempête a frappé dans la nuit du 1er au 2 novembre.",
            "fr",
            dt.date(2024, 2, 14),
            ("dans la nuit du 1er au 2 novembre", "2023-11-01", "2023-11-02", "day"),
        ),
        (
            "Le festival a lieu du samedi 7 au dimanche 8 septembre.",
            "fr",
            dt.date(2024, 9, 3),
            ("du samedi 7 au dimanche 8 septembre", "2024-09-07", "2024-09-08", "day"),
        ),
        (
            "The fair runs from Friday 6 to Sunday 8 September.",
            "en",
            dt.date(2024, 9, 3),
            ("from Friday 6 to Sunday 8 September", "2024-09-06", "2024-09-08", "day"),
        ),
    ],
)
def test_a_night_or_a_range_of_dated_weekdays(text, lang, ref, expected):
    assert span(text, lang, ref) == expected


def test_weekdays_that_do_not_follow_each_other_are_no_night():
    assert dates("Ouvert du lundi au vendredi.", "fr") == []
    assert dates("La nuit de lundi à mercredi a été longue.", "fr") == []  # opening days, as before


@pytest.mark.parametrize(
    "text, lang, ref, expected",
    [
        (
            "Le gazole coûtait 1,79 euro en moyenne la semaine du 29 janvier.",
            "fr",
            dt.date(2024, 2, 5),
            ("la semaine du 29 janvier", "2024-01-29", "2024-02-04", "week"),
        ),
        (
            "Prices rose in the week of May 15.",
            "en",
            REF,
            ("the week of May 15", "2023-05-15", "2023-05-21", "week"),
        ),
        (
            "Claims fell to 222,000 in the week ending 11 May.",
            "en",
            dt.date(2024, 5, 17),
            ("week ending 11 May", "2024-05-05", "2024-05-11", "week"),
        ),
        (
            "Revenue fell 2% in the three months to May 31.",
            "en",
            dt.date(2024, 6, 28),
            ("three months to May 31", "2024-03-01", "2024-05-31", "month"),
        ),
        (
            "Deaths dropped 10% in the 12 months through April.",
            "en",
            dt.date(2024, 9, 26),
            ("12 months through April", "2023-05-01", "2024-04-30", "month"),
        ),
        (
            "Profit rose for the year ended Dec. 31, 2023.",
            "en",
            REF,
            ("year ended Dec. 31, 2023", "2023-01-01", "2023-12-31", "year"),
        ),
        (
            "Results for the three months ending July 28 are due.",
            "en",
            dt.date(2024, 8, 21),
            ("three months ending July 28", "2024-04-29", "2024-07-28", "day"),
        ),
        (
            "Les trois mois clos le 30 juin 2024 ont été bons.",
            "fr",
            REF,
            ("trois mois clos le 30 juin 2024", "2024-04-01", "2024-06-30", "quarter"),
        ),
        (
            "Pour l'exercice clos le 31 mars 2024, le bénéfice recule.",
            "fr",
            REF,
            ("exercice clos le 31 mars 2024", "2023-04-01", "2024-03-31", "month"),
        ),
    ],
)
def test_windows_named_by_the_day_they_hold_or_end_on(text, lang, ref, expected):
    assert span(text, lang, ref) == expected


def test_a_shift_is_no_window():
    assert span("The vote was postponed by two weeks to May 5.", "en")[0] == "May 5"
    assert span("Le vote a été reporté de trois mois au 30 juin.", "fr")[0] == "30 juin"


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        (
            "Sur les neuf premiers mois de l'année, les ventes ont chuté de 30 %.",
            "fr",
            ("les neuf premiers mois de l'année", "2023-01-01", "2023-09-30", "month"),
        ),
        (
            "Au cours des six premiers mois de 2024, la banque a gagné 3 milliards.",
            "fr",
            ("des six premiers mois de 2024", "2024-01-01", "2024-06-30", "half"),
        ),
        (
            "Output in the first three months of the year grew 1.6%.",
            "en",
            ("the first three months of the year", "2023-01-01", "2023-03-31", "quarter"),
        ),
        (
            "Hiring slowed in the last two months of last year.",
            "en",
            ("the last two months of last year", "2022-11-01", "2022-12-31", "month"),
        ),
    ],
)
def test_months_counted_from_the_start_or_end_of_a_year(text, lang, expected):
    assert span(text, lang) == expected


def test_a_rolling_window_is_still_one_without_a_year():
    assert span("Les trois derniers mois ont été durs.", "fr")[1:] == ("2023-01-06", "2023-04-05", "day")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The company raised its FY2024 guidance.", ("FY2024", "2024-01-01", "2024-12-31", "year")),
        ("The FY25 outlook calls for $8 billion.", ("FY25", "2025-01-01", "2025-12-31", "year")),
        (
            "In the first half of fiscal 2025, sales grew 11%.",
            ("first half of fiscal 2025", "2025-01-01", "2025-06-30", "half"),
        ),
    ],
)
def test_fiscal_years(text, expected):
    assert span(text, "en") == expected


def test_no_fiscal_year_in_other_codes():
    assert dates("The FY2 program was cut.", "en") == []


@pytest.mark.parametrize(
    "text, lang, ref, expected",
    [
        (
            "Black Friday online sales hit a record.",
            "en",
            dt.date(2024, 12, 2),
            ("Black Friday", "2024-11-29"),
        ),
        (
            "Cyber Monday is expected to bring in $13 billion.",
            "en",
            dt.date(2024, 11, 26),
            ("Cyber Monday", "2024-12-02"),
        ),
        (
            "Le Black Friday a généré 1,2 milliard d'euros.",
            "fr",
            dt.date(2024, 11, 26),
            ("Black Friday", "2024-11-29"),
        ),
        (
            "Le 11-Novembre, le président a présidé la cérémonie.",
            "fr",
            dt.date(2024, 11, 12),
            ("Le 11-Novembre", "2024-11-11"),
        ),
        ("Le 8-Mai 1945 marque la fin de la guerre en Europe.", "fr", REF, ("Le 8-Mai 1945", "1945-05-08")),
    ],
)
def test_more_holidays(text, lang, ref, expected):
    found = one_date(text, lang, ref)
    assert (found.text, found.date.start.isoformat()) == expected


def test_names_that_are_no_dates():
    assert dates("Twenty-two years after 9/11, families gathered at ground zero.", "en") == []
    assert dates("Cinquante-six ans après Mai 68, les universités sont mobilisées.", "fr") == []
    assert dates("Le Printemps de Bourges accueille 200 000 spectateurs.", "fr") == []
    # Not inside a longer date.
    assert span("The meeting on 9/11/2024 was short.", "en")[1] == "2024-09-11"
    assert span("Le marché du 24/7/2023 a fermé.", "fr")[1] == "2023-07-24"


def test_a_time_said_in_local_time_keeps_its_day():
    found = one_date("Polls closed at 7 p.m. local time on Tuesday.", "en", dt.date(2024, 11, 6))
    assert (found.text, found.date.start.isoformat(), found.date.start_time) == (
        "7 p.m. local time on Tuesday",
        "2024-11-05",
        dt.time(19, 0),
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        ("En semaine 11, le taux était de 98 cas, contre 134 en S10.", ["semaine 11", "S10"]),
        ("Le pic en S03 2024 a été fort.", ["S03 2024"]),
        # A code needs a cue or a year; "S1", "S2" are halves.
        ("La Galaxy S10 coûte 300 euros.", []),
        ("Au S1 2024, le chiffre d'affaires a crû.", ["S1 2024"]),
    ],
)
def test_week_codes(text, expected):
    assert [m.text for m in dates(text, "fr", dt.date(2024, 3, 22))] == expected


def test_a_week_code_is_a_week():
    assert reading("Contre 134 en S10.", "fr", dt.date(2024, 3, 22)) == ("2024-03-04", "2024-03-10", "week")


def test_an_annual_change_is_no_recurrence():
    found = dates(
        "L'inflation a ralenti à 2,9 % en glissement annuel en février.", "fr", dt.date(2024, 2, 28)
    )
    assert [m.text for m in found] == ["février"]
    assert [m.qualifier for m in dates("Le magazine paraît de façon mensuelle.", "fr")] == ["recurring"]
