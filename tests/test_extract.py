"""The figure and date grammar, in French and English, on sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.extract import extract_text

from .conftest import REF


def one(text: str, lang: str, kind: str | None = None, ref: dt.date | None = REF):
    found = [m for m in extract_text(text, lang, ref) if kind is None or m.kind == kind]
    assert len(found) == 1, f"expected one {kind or 'mention'} in {text!r}, got {found}"
    m = found[0]
    assert text[m.start : m.end] == m.text
    return m


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("Les échanges ont atteint 380 millions de dollars américains.", 380e6, "USD"),
        ("Un record de plus de 40 milliards d'USD est attendu.", 40e9, "USD"),
        ("Le budget est de 38,5 milliards d'euros.", 38.5e9, "EUR"),
        ("Il a investi 2,5 Md€ dans le projet.", 2.5e9, "EUR"),
        ("Une prime de 10 k€ par salarié.", 10e3, "EUR"),
        ("Un contrat de 5 M$ a été signé.", 5e6, "USD"),
        ("La dette atteint 1 billion d'euros.", 1e12, "EUR"),
        ("La facture s'élève à 12\u202f000 euros.", 12000, "EUR"),
        ("Le coût est de deux millions de francs suisses.", 2e6, "CHF"),
    ],
)
def test_french_money(text, value, unit):
    m = one(text, "fr", "money")
    assert m.value == pytest.approx(value) or m.low == pytest.approx(value)
    assert m.unit == unit


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("Trade reached $4.2 billion last year.", 4.2e9, "USD"),
        ("The fund holds €5bn in bonds.", 5e9, "EUR"),
        ("It paid USD 1.5 million in fines.", 1.5e6, "USD"),
        ("The bill came to £2,000.", 2000, "GBP"),
        ("A grant of 3 trillion yen was approved.", 3e12, "JPY"),
    ],
)
def test_english_money(text, value, unit):
    m = one(text, "en", "money")
    assert m.value == pytest.approx(value)
    assert m.unit == unit


def test_french_billion_is_ten_to_the_twelve_and_english_billion_ten_to_the_nine():
    assert one("une dette de 2 billions d'euros", "fr", "money").value == pytest.approx(2e12)
    assert one("a debt of 2 billion euros", "en", "money").value == pytest.approx(2e9)


def test_qualifiers_become_bounds():
    more = one("plus de 40 milliards d'USD", "fr", "money")
    assert (more.qualifier, more.low, more.high) == ("more_than", 40e9, None)
    upto = one("up to 15% of the vote", "en", "percent")
    assert (upto.qualifier, upto.low, upto.high) == ("up_to", None, 15)
    about = one("près de 1,3 million de sinistrés", "fr", "number")
    assert about.qualifier == "about" and about.value == pytest.approx(1.3e6)
    nearly = one("nearly 1,300 people", "en", "number")
    assert nearly.qualifier == "about" and nearly.value == 1300


@pytest.mark.parametrize(
    "text, lang, low, high",
    [
        ("entre 40 et 45 milliards d'euros", "fr", 40e9, 45e9),
        ("de 10 à 15 %", "fr", 10, 15),
        ("10-15% of voters", "en", 10, 15),
        ("between 3 and 5 million tonnes", "en", 3e6, 5e6),
    ],
)
def test_ranges(text, lang, low, high):
    m = [x for x in extract_text(text, lang, REF) if x.kind != "date"][0]
    assert m.qualifier == "range"
    assert (m.low, m.high) == (pytest.approx(low), pytest.approx(high))


def test_precision_is_the_step_of_the_last_written_digit():
    assert one("38 milliards d'euros", "fr", "money").precision == pytest.approx(1e9)
    assert one("38,5 milliards d'euros", "fr", "money").precision == pytest.approx(1e8)
    assert one("1.27 million people", "en", "number").precision == pytest.approx(1e4)


def test_percent_and_percentage_points():
    assert one("une hausse de 33 %", "fr", "percent").unit == "%"
    assert one("33 pour cent des électeurs", "fr", "percent").value == 33
    pts = one("turnout fell 3 percentage points", "en", "percent")
    assert pts.unit == "pp" and pts.value == 3


@pytest.mark.parametrize(
    "text, lang, value, unit",
    [
        ("40 milliards de m³ de gaz", "fr", 40e9, "meter ** 3"),
        ("120 km de digues", "fr", 120, "kilometer"),
        ("2 millions de barils par jour", "fr", 2e6, "oil_barrel"),
        ("5 million tonnes of grain", "en", 5e6, "metric_ton"),
        ("a 29km stretch", "en", 29, "kilometer"),
    ],
)
def test_quantities_with_units(text, lang, value, unit):
    m = one(text, lang, "quantity")
    assert m.value == pytest.approx(value) and m.unit == unit


def test_counts_record_what_is_counted():
    assert one("79 corps ont été retrouvés", "fr", "number").counted == "body"
    assert one("Seventy-nine bodies were found", "en", "number").value == 79
    assert one("trente-deux morts", "fr", "number").value == 32
    assert one("12 000 personnes évacuées", "fr", "number").value == 12000


def test_durations_in_seconds():
    m = one("une réunion de trois heures", "fr", "duration")
    assert m.value == 3 * 3600 and m.unit == "s"


@pytest.mark.parametrize(
    "text, lang, start, grain",
    [
        ("le 14 septembre 2021", "fr", "2021-09-14", "day"),
        ("à la fin de 2021", "fr", "2021-12-31", "year-end"),
        ("en avril 2022", "fr", "2022-04-01", "month"),
        ("mardi", "fr", "2023-04-04", "day"),
        ("la veille", "fr", "2023-04-05", "day"),
        ("d'ici la fin de l'année", "fr", "2023-12-31", "year-end"),
        ("au premier trimestre 2023", "fr", "2023-01-01", "quarter"),
        ("13/04/2022", "fr", "2022-04-13", "day"),
        ("September 14, 2021", "en", "2021-09-14", "day"),
        ("on Tuesday", "en", "2023-04-04", "day"),
        ("yesterday", "en", "2023-04-05", "day"),
        ("in the first quarter of 2023", "en", "2023-01-01", "quarter"),
        ("three days ago", "en", "2023-04-03", "day"),
        ("il y a trois jours", "fr", "2023-04-03", "day"),
    ],
)
def test_dates_resolve_against_the_reference_date_and_keep_their_grain(text, lang, start, grain):
    m = one(text, lang, "date")
    assert m.date is not None, text
    assert (m.date.start.isoformat(), m.date.grain) == (start, grain)


def test_a_year_is_a_date_not_a_count():
    found = extract_text("Les échanges ont progressé en 2021.", "fr", REF)
    assert [m.kind for m in found] == ["date"]
    assert found[0].date.grain == "year"


def test_relative_dates_stay_unresolved_without_a_reference_date():
    m = one("d'ici la fin de l'année", "fr", "date", ref=None)
    assert m.date is None


def test_ordinals_times_and_glued_letters_are_not_figures():
    assert extract_text("le 2e trimestre", "fr", REF)[0].kind == "date"
    assert [m for m in extract_text("Mise à jour à 08h53, modèle A4", "fr", REF) if m.kind != "date"] == []


def test_small_spelled_numbers_and_articles_need_a_scale_to_count():
    assert [m.value for m in extract_text("un million de personnes", "fr", REF)] == [1e6]
    assert extract_text("un homme est venu", "fr", REF) == []
