"""Dates and periods in French and English news, on sentences written for these tests.

The reference date (the article's publication date) is Thursday 6 April 2023 unless a test says otherwise.
"""

from __future__ import annotations

import datetime as dt

import pytest

from checker.extract import extract_text
from checker.models import Period

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
    # A recurrence and opening days are no dates.
    assert dates("Chaque lundi, 300 personnes se rassemblent.", "fr") == []
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
