"""The figure and date grammar, in French and English, on sentences written for these tests."""

from __future__ import annotations

import datetime as dt
import re

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
        ("between 3 and\n5 million tonnes", "en", 3e6, 5e6),  # a hard-wrapped line
    ],
)
def test_ranges(text, lang, low, high):
    m = [x for x in extract_text(text, lang, REF) if x.kind != "date"][0]
    assert m.qualifier == "range"
    assert (m.low, m.high) == (pytest.approx(low), pytest.approx(high))


@pytest.mark.parametrize(
    "text, lang",
    [("Toll:\n3 million\n- 12 arrests", "en"), ("Bilan :\n3 millions\n– 12 interpellations", "fr")],
)
def test_a_bullet_on_the_next_line_ends_no_range(text, lang):
    got = [(m.value, m.qualifier) for m in extract_text(text, lang, REF)]
    assert got == [(3e6, None), (12, None)]


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


def figures(text: str, lang: str) -> list:
    return [m for m in extract_text(text, lang, REF) if m.kind != "date"]


def reading(text: str, lang: str) -> list[tuple]:
    return [(m.text, m.kind, m.value, m.unit) for m in figures(text, lang)]


@pytest.mark.parametrize(
    "text, lang, span, seconds",
    [
        ("Il est parti pour 3heures.", "fr", "3heures", 3 * 3600),
        ("I'll leave for 3.5years.", "en", "3.5years", 3.5 * 31557600),
        ("The raid lasted 3h.", "en", "3h", 3 * 3600),
        ("Le chrono : 123,45 sec.", "fr", "123,45 sec", 123.45),
        ("The cold lasted 10D.", "en", "10D", 10 * 86400),
        ("Last year it shut for a two-year overhaul.", "en", "two-year", 2 * 31557600),
        ("A 24-hour strike began.", "en", "24-hour", 86400),
        ("The rock formed over one billion years.", "en", "one billion years", 1e9 * 31557600),
        ("Des millions d'années ont passé.", "fr", None, None),
        ("They booked 2 nights.", "en", "2 nights", 2 * 86400),
        ("Il a purgé 2 ans et demi.", "fr", "2 ans et demi", 2.5 * 31557600),
        ("Le procès a duré une semaine et demie.", "fr", "une semaine et demie", 1.5 * 604800),
        ("Le chantier a duré 3 jours et quart.", "fr", "3 jours et quart", 3.25 * 86400),
        ("He waited two years and a half.", "en", "two years and a half", 2.5 * 31557600),
        ("It took one hour and half.", "en", "one hour and half", 5400),
        ("Please book a ½ hour call.", "en", "½ hour", 1800),
    ],
)
def test_durations_glued_hyphenated_scaled_and_with_a_fraction(text, lang, span, seconds):
    found = [m for m in figures(text, lang) if m.kind == "duration"]
    if span is None:  # a scale alone counts nothing
        assert found == []
        return
    assert [(m.text, m.value) for m in found] == [(span, pytest.approx(seconds))]


@pytest.mark.parametrize(
    "text, lang, span, seconds",
    [
        ("I'll leave for an hour.", "en", "an hour", 3600),
        ("It rose 5% from a year earlier.", "en", "a year", 31557600),
        ("The promise is one year old.", "en", "one year", 31557600),
        ("Il est parti pendant un an.", "fr", "un an", 31557600),
        ("It happened due to a one second gap.", "en", "one second", 1),
    ],
)
def test_an_article_or_one_before_a_duration_counts_one(text, lang, span, seconds):
    found = [(m.text, m.value) for m in figures(text, lang) if m.kind == "duration"]
    assert found == [(span, pytest.approx(seconds))]


@pytest.mark.parametrize(
    "text, lang",
    [
        ("She is seeking a second term.", "en"),
        ("Elle se présente une seconde fois.", "fr"),
        ("They meet twice a day.", "en"),
        ("He earns $15 an hour.", "en"),
        ("It buys 2.4 billion gallons of jet fuel a year.", "en"),
        ("They observed a day of mourning.", "en"),
    ],
)
def test_articles_before_a_duration_in_a_rate_or_an_ordinal_count_nothing(text, lang):
    assert [m for m in figures(text, lang) if m.kind == "duration"] == []


@pytest.mark.parametrize(
    "text, lang, span, seconds, qualifier",
    [
        ("I'll leave for a few hours.", "en", "a few hours", 3 * 3600, "about"),
        ("Je pars pour quelques heures.", "fr", "quelques heures", 3 * 3600, "about"),
        ("Talks took several weeks.", "en", "several weeks", 3 * 604800, "about"),
        ("They worked all day.", "en", "all day", 86400, None),
        ("Ils ont manifesté toute la journée.", "fr", "toute la journée", 86400, None),
    ],
)
def test_durations_without_a_number(text, lang, span, seconds, qualifier):
    m = one(text, lang, "duration")
    assert (m.text, m.value, m.qualifier) == (span, pytest.approx(seconds), qualifier)


def test_a_vague_hundred_is_no_figure():
    assert figures("The wall stood for several hundred years.", "en") == []


@pytest.mark.parametrize(
    "text, lang, span, value, unit",
    [
        ("Its GDP is $2.174T.", "en", "$2.174T", 2.174e12, "USD"),
        ("I have €10M in savings.", "en", "€10M", 1e7, "EUR"),
        ("The club paid £5m for him.", "en", "£5m", 5e6, "GBP"),
        ("The target is US$ 1MM.", "en", "US$ 1MM", 1e6, "USD"),
        ("It costs me c $ 100 and fifty.", "en", "c $ 100 and fifty", 100.5, "CAD"),
    ],
)
def test_scale_letters_and_cents_beside_a_currency_symbol(text, lang, span, value, unit):
    m = one(text, lang, "money")
    assert (m.text, m.value, m.unit) == (span, pytest.approx(value), unit)


@pytest.mark.parametrize(
    "text, lang, span, low, high, unit",
    [
        ("Prices rose from $350 to $680.", "en", "from $350 to $680", 350, 680, "USD"),
        ("It costs between $5 and $10 million.", "en", "between $5 and $10 million", 5e6, 1e7, "USD"),
        ("An 8- to 16-meter telescope.", "en", "8- to 16-meter", 8, 16, "meter"),
    ],
)
def test_ranges_with_a_symbol_on_both_bounds_or_a_hanging_hyphen(text, lang, span, low, high, unit):
    m = figures(text, lang)[0]
    assert (m.text, m.qualifier, m.low, m.high, m.unit) == (span, "range", low, high, unit)


def test_a_bare_number_before_and_or_shares_the_unit_after_it():
    assert reading("They were given 45 and 50 mg ethanol.", "en") == [
        ("45", "quantity", 45, "milligram"),
        ("50 mg", "quantity", 50, "milligram"),
    ]
    found = figures("Il a prêté 2 millions pendant deux ou trois mois.", "fr")
    assert [(m.text, m.kind) for m in found][-2:] == [("deux", "duration"), ("trois mois", "duration")]


@pytest.mark.parametrize(
    "text, lang, span, value, unit",
    [
        ("The weight is 20 (kg)", "en", "20 (kg)", 20, "kilogram"),
        ("The door is 2 1/2 in thick.", "en", "2 1/2 in", 2.5, "inch"),
        ("The pencil is 2 in.", "en", "2 in", 2, "inch"),
        (
            "How to convert - 20 degrees fahrenheit?",
            "en",
            "- 20 degrees fahrenheit",
            -20,
            "degree_Fahrenheit",
        ),
        ("La température est 40 deg celsius.", "fr", "40 deg celsius", 40, "degree_Celsius"),
        ("Il faut plus de 10 1/2 mile de câble.", "fr", "10 1/2 mile", 10.5, "mile"),
    ],
)
def test_units_in_brackets_guarded_and_signed(text, lang, span, value, unit):
    m = one(text, lang, "quantity")
    assert (m.text, m.value, m.unit) == (span, pytest.approx(value), unit)


def test_an_article_before_a_spelled_unit_counts_one():
    assert reading("A kibibyte is 1024 bytes.", "en")[0] == ("A kibibyte", "quantity", 1, "kibibyte")


def test_in_is_a_preposition_and_a_dash_no_sign_before_a_distance():
    # "in" is no inch here: "one in 3 voters" is a share, a third.
    assert reading("One in 3 voters.", "en") == [("One in 3", "number", pytest.approx(1 / 3), None)]
    assert reading("The city - 20 km away - was hit.", "en") == [("20 km", "quantity", 20, "kilometer")]


def test_clock_times_and_identifiers_are_no_figures():
    assert figures("I arrived at 2.13 am.", "en") == []
    assert figures("The scp2-173m unit reached 1 fb−1.", "en")[0].text == "1"
    assert figures("Cluster MACS J1149.5+6663 is far.", "en") == []


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("percent of 10", "en", [("percent of 10", "percent", 10, "%")]),
        ("pourcentage de vingt", "fr", [("pourcentage de vingt", "percent", 20, "%")]),
        (
            "It was twenty percent of ten.",
            "en",
            [("twenty percent", "percent", 20, "%"), ("ten", "number", 10, None)],
        ),
        ("The percent of 10 people.", "en", [("10", "number", 10, None)]),
    ],
)
def test_a_percent_word_before_a_number_that_ends_the_phrase(text, lang, expected):
    assert reading(text, lang) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("A grid of 2.123 pm.", [("2.123 pm", "quantity", 2.123, "picometer")]),
        ("Its lattice has a spacing of 3.5 pm.", [("3.5 pm", "quantity", 3.5, "picometer")]),
        ("A width of 4.2 am was measured.", [("4.2 am", "quantity", 4.2, "attometer")]),
        ("The vote closes at 2.30 pm.", []),
        ("The polls shut at 9 pm on Sunday.", []),
        ("It ended at 4.5 pm.", []),
    ],
)
def test_pm_and_am_are_lengths_only_after_a_length_or_with_three_decimals(text, expected):
    assert [r for r in reading(text, "en") if r[1] != "date"] == expected


@pytest.mark.parametrize(
    "text, lang, span, value, unit",
    [
        ("The fare rose by one dollar.", "en", "one dollar", 1, "USD"),
        ("They minted a one-euro coin.", "en", "one-euro", 1, "EUR"),
        ("The trail runs for one mile.", "en", "one mile", 1, "mile"),
    ],
)
def test_one_before_a_unit_counts_in_a_sentence_without_digits(text, lang, span, value, unit):
    assert reading(text, lang) == [(span, "money" if unit in ("USD", "EUR") else "quantity", value, unit)]


@pytest.mark.parametrize(
    "text, lang",
    [
        ("One of them left early.", "en"),
        ("You could see it coming a mile away.", "en"),
        ("Il a mis un pied dans la porte.", "fr"),
    ],
)
def test_articles_and_a_lone_one_wake_no_figure_in_a_sentence_without_digits(text, lang):
    assert figures(text, lang) == []


@pytest.mark.parametrize(
    "text, lang, span, years, qualifier",
    [
        ("The driver, aged 87, was unhurt.", "en", "87", 87, None),
        ("She retired at the age of sixty.", "en", "sixty", 60, None),
        ("Pensions start at age 67 there.", "en", "67", 67, None),
        ("Residents aged over 65 were moved.", "en", "65", 65, "more_than"),
        ("Un homme âgé de 87 a été blessé.", "fr", "87", 87, None),
        ("Elle a arrêté à l'âge de 40.", "fr", "40", 40, None),
        ("He died aged 12 years after the war.", "en", "12 years", 12, None),
    ],
)
def test_a_number_after_an_age_word_is_years(text, lang, span, years, qualifier):
    m = one(text, lang, "duration")
    assert (m.text, m.value, m.unit, m.qualifier) == (span, pytest.approx(years * 31557600), "s", qualifier)


def test_an_age_range_and_numbers_that_are_no_age():
    m = one("Voters aged between 18 and 24 stayed home.", "en", "duration")
    year = 31557600
    assert (m.qualifier, m.low, m.high) == ("range", pytest.approx(18 * year), pytest.approx(24 * year))
    assert reading("Ice Age 2 opened in cinemas.", "en") == [("2", "number", 2, None)]
    assert reading("The average age, 45, rose again.", "en") == [("45", "number", 45, None)]


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ('They sell a 55" television.', "en", [('55"', "quantity", 55, "inch")]),
        ('The pipe is 3 " wide.', "en", [('3 "', "quantity", 3, "inch")]),
        ('Il a acheté un écran de 27" hier.', "fr", [('27"', "quantity", 27, "inch")]),
        ('He said "we hired 500".', "en", [("500", "number", 500, None)]),
        ('"We hired 500" he said.', "en", [("500", "number", 500, None)]),
        ('They won 10 "best of" awards.', "en", [("10", "number", 10, None)]),
        ('It is 10 " tall " enough.', "en", [("10", "number", 10, None)]),
        ('It cost $ 48 " at the time.', "en", [("$ 48", "money", 48, "USD")]),
    ],
)
def test_a_double_quote_after_a_number_is_inches_unless_it_pairs_with_another(text, lang, expected):
    assert reading(text, lang) == expected


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("Temperatures reached 34C on Monday.", "en", [("34C", "quantity", 34, "degree_Celsius")]),
        (
            "It was 30C (86F) in Seville.",
            "en",
            [("30C", "quantity", 30, "degree_Celsius"), ("86F", "quantity", 86, "degree_Fahrenheit")],
        ),
        ("Overnight lows of -5C are expected.", "en", [("-5C", "quantity", -5, "degree_Celsius")]),
        ("La canicule a porté le thermomètre à 41C.", "fr", [("41C", "quantity", 41, "degree_Celsius")]),
        ("Seat 14C was empty.", "en", []),
        ("Le pain coûtait 5F pendant la vague de chaleur.", "fr", []),
    ],
)
def test_a_glued_temperature_letter_counts_where_the_text_speaks_of_temperature(text, lang, expected):
    assert reading(text, lang) == expected


@pytest.mark.parametrize(
    "text, lang, span, value, unit, precision",
    [
        ("It weighs 3.20±0.05 kg.", "en", "3.20±0.05 kg", 3.2, "kilogram", 0.1),
        ("A dose of 5 mg +/- 2 mg was given.", "en", "5 mg +/- 2 mg", 5, "milligram", 4),
        ("Le colis pèse 2,5 ± 0,1 kg.", "fr", "2,5 ± 0,1 kg", 2.5, "kilogram", 0.2),
        ("Support stood at 52% ± 3%.", "en", "52% ± 3%", 52, "%", 6),
    ],
)
def test_a_value_and_its_margin_are_one_figure(text, lang, span, value, unit, precision):
    m = one(text, lang)
    assert (m.text, m.value, m.unit) == (span, pytest.approx(value), unit)
    assert m.precision == pytest.approx(precision)


def test_a_margin_alone_stays_a_figure():
    assert reading("The poll has a margin of error of ±3 points.", "en") == [("3", "number", 3, None)]


@pytest.mark.parametrize(
    "text, lang, span",
    [
        ("Atoms were cooled to near absolute zero.", "en", "absolute zero"),
        ("Le gaz approche du zéro absolu.", "fr", "zéro absolu"),
    ],
)
def test_absolute_zero_is_zero_kelvin(text, lang, span):
    assert reading(text, lang) == [(span, "quantity", 0, "kelvin")]


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("It was one real problem for 2 years.", "en", [("2 years", "duration", 2 * 31557600, "s")]),
        ("By 2024 one won the race.", "en", []),
        (
            "Le film a connu un franc succès en 12 semaines.",
            "fr",
            [("12 semaines", "duration", 12 * 604800, "s")],
        ),
        ("Il coûte 5 francs.", "fr", [("5 francs", "money", 5, "FRF")]),
        ("A coffee costs 4,500 won.", "en", [("4,500 won", "money", 4500, "KRW")]),
        ("It cost two million won.", "en", [("two million won", "money", 2e6, "KRW")]),
    ],
)
def test_currency_names_that_are_words_need_digits_or_a_scale(text, lang, expected):
    assert reading(text, lang) == expected


def test_settlers_are_counted_and_no_costa_rican_money():
    m = one("Douze colons ont été arrêtés.", "fr")
    assert (m.kind, m.value, m.counted) == ("number", 12, "settler")
    assert one("Twelve settlers were arrested.", "en").counted == "settler"


def test_the_trigger_word_tree_matches_exactly_its_words():
    from checker.lexicon import trie_alternation

    words = ["mars", "mai", "mardi", "ma", "l'été", "fin de mois", "%"]
    pattern = re.compile(rf"^(?:{trie_alternation(words)})$", re.IGNORECASE)
    for word in words + ["MARDI", "l’été", "fin  de\u00a0mois"]:
        assert pattern.match(word), word
    for other in ["m", "mar", "mardis", "lete", "fin de", "", "ma rs"]:
        assert not pattern.match(other), other
    assert trie_alternation([]) == r"(?!x)x"


def test_sentences_without_digits_or_figure_words_skip_the_grammar():
    assert extract_text("Le conseil s'est réuni hier soir sans conclure.", "fr", REF) != []  # "hier soir"
    assert extract_text("Le conseil s'est réuni sans conclure.", "fr", REF) == []
    assert [m.value for m in extract_text("They walked one mile.", "en", REF)] == [1.0]


# --- Red-team pass on news copy: scores, references, page furniture, rates, shares ---------------------


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Le PSG s'est imposé 3-1 face à Lyon, et Marseille a fait 2-2 à Nice.", "fr"),
        ("The bill passed the Senate 51-49, and the court ruled by a 6-3 majority.", "en"),
        ("Manchester City beat Arsenal 4-1 on the day.", "en"),
    ],
)
def test_a_score_or_a_tally_is_no_range_and_no_figure(text, lang):
    assert figures(text, lang) == []


def test_a_hyphen_range_still_reads_when_it_rises():
    assert reading("Entre 10-15 % des électeurs.", "fr") == [("Entre 10-15 %", "percent", None, "%")]
    m = one("Google holds 10-15 exabytes.", "en")
    assert (m.low, m.high) == (10, 15)
    m = one("Il fera entre -5 et -10 °C cette nuit.", "fr", "quantity")
    assert (m.low, m.high, m.unit) == (-10, -5, "degree_Celsius")


def test_a_falling_pair_is_a_change_of_two_figures_not_a_range():
    assert reading("Le chômage est passé de 7,5 % à 7,1 %.", "fr") == [
        ("7,5 %", "percent", 7.5, "%"),
        ("7,1 %", "percent", 7.1, "%"),
    ]


def test_by_then_to_is_a_change_then_a_level():
    assert reading("Jobless claims fell by 12,000 to 210,000.", "en") == [
        ("12,000", "number", 12000, None),
        ("210,000", "number", 210000, None),
    ]
    # "from ... to" still makes a range
    assert one("Prices rose from 10 to 15 dollars.", "en").high == 15


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Le gouvernement a recouru à l'article 49.3 de la Constitution.", "fr"),
        ("Il est poursuivi au titre de l'article L. 432-12 du code pénal.", "fr"),
        ("La loi n° 2023-270 a été promulguée.", "fr"),
        ("He was charged under Section 1030 of the act.", "en"),
        ("Under Article 50 of the treaty, talks began.", "en"),
        ("The No. 10 seed lost.", "en"),
    ],
)
def test_a_reference_number_names_a_thing_and_counts_nothing(text, lang):
    assert [m for m in extract_text(text, lang, REF)] == []


def test_a_count_after_a_reference_like_word_used_otherwise_stays():
    assert reading("Les 3 articles de loi coûtent 5 millions d'euros.", "fr")[1][2] == 5e6
    assert reading("The report runs to 300 pages.", "en") == [("300", "number", 300, None)]


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Pour tout renseignement, appelez le 01 45 67 89 10.", "fr"),
        ("Appelez le +33 1 45 67 89 10.", "fr"),
        ("Écrivez au 12, rue de la Paix, 75002 Paris.", "fr"),
        ("Lecture 3 min.", "fr"),
        ("Temps de lecture : 4 minutes", "fr"),
        ("For more information call 020 7946 0958.", "en"),
        ("Call +1 (202) 555-0143 or 202-555-0143.", "en"),
        ("Write to 10 Downing Street.", "en"),
        ("4 min read", "en"),
    ],
)
def test_page_furniture_holds_no_figure(text, lang):
    assert figures(text, lang) == []


def test_a_postcode_needs_its_comma_and_a_street_number_its_street():
    assert reading("Il y avait 75002 manifestants.", "fr") == [("75002", "number", 75002, None)]
    assert reading("He walked 10 miles down the street.", "en") == [("10 miles", "quantity", 10, "mile")]


def test_a_price_per_unit_is_no_quantity_of_one():
    assert reading("Brent rose to $92 a barrel.", "en") == [("$92", "money", 92, "USD")]
    assert reading("Gas hit $3.95 a gallon.", "en") == [("$3.95", "money", 3.95, "USD")]


def test_the_base_of_a_rate_is_no_figure():
    assert reading("320 cases per 100,000 people.", "en") == [("320", "number", 320, None)]
    assert reading("250 cas pour 100 000 habitants.", "fr") == [("250", "number", 250, None)]
    # not a round base, or a sum: a figure
    assert reading("He sold it for 100,000 dollars.", "en") == [("100,000 dollars", "money", 100000, "USD")]
    assert reading("Un lit pour 350 patients.", "fr")[-1][2] == 350


@pytest.mark.parametrize(
    "text, span, value, counted",
    [
        ("Les inondations ont fait une vingtaine de morts.", "une vingtaine", 20, "dead"),
        ("Un millier de pompiers sont mobilisés.", "Un millier", 1000, "firefighter"),
        ("Ils étaient une trentaine.", "une trentaine", 30, None),
        ("Deux centaines de maisons ont brûlé.", "Deux centaines", 200, "house"),
    ],
)
def test_french_round_counts_are_approximate(text, span, value, counted):
    m = one(text, "fr")
    assert (m.text, m.value, m.qualifier, m.counted) == (span, value, "about", counted)


def test_a_round_count_word_used_otherwise_is_no_figure():
    assert figures("Le pays a imposé une quarantaine aux voyageurs.", "fr") == []
    # an explicit qualifier wins
    assert one("Plus d'une centaine de blessés.", "fr").qualifier == "more_than"


@pytest.mark.parametrize(
    "text, lang, span, kind, value, unit",
    [
        (
            "Rates rose by a quarter of a percentage point.",
            "en",
            "a quarter of a percentage point",
            "percent",
            0.25,
            "pp",
        ),
        ("Rates rose by half a percentage point.", "en", "half a percentage point", "percent", 0.5, "pp"),
        ("The wait was half an hour.", "en", "half an hour", "duration", 1800, "s"),
        ("The bank made a half-point cut, its rate now 4 %.", "en", "a half-point", "percent", 0.5, "pp"),
        (
            "La BCE a relevé ses taux d'un quart de point de pourcentage.",
            "fr",
            "un quart de point de pourcentage",
            "percent",
            0.25,
            "pp",
        ),
        ("Il a attendu trois quarts d'heure.", "fr", "trois quarts d'heure", "duration", 2700, "s"),
        ("Il a attendu une demi-heure.", "fr", "une demi-heure", "duration", 1800, "s"),
    ],
)
def test_a_spelled_fraction_of_a_unit(text, lang, span, kind, value, unit):
    m = [x for x in figures(text, lang) if x.kind == kind][0]
    assert (m.text, m.value, m.unit) == (span, pytest.approx(value), unit)


def test_a_fraction_of_something_else_stays_a_share():
    assert reading("A third of the vote.", "en") == [("A third", "number", pytest.approx(1 / 3), None)]
    assert reading("Une demi-finale.", "fr") == []
    assert reading("A 3-point shot.", "en") == [("3", "number", 3, None)]


@pytest.mark.parametrize(
    "text, lang, span, value",
    [
        ("Nearly nine in ten Americans say so.", "en", "nine in ten", 0.9),
        ("One in five have skipped meals.", "en", "One in five", 0.2),
        ("The risk is 1 in 1,000.", "en", "1 in 1,000", 0.001),
        ("Un sur cinq dit avoir renoncé.", "fr", "Un sur cinq", 0.2),
    ],
)
def test_a_ratio_before_a_word(text, lang, span, value):
    m = one(text, lang)
    assert (m.text, m.value) == (span, pytest.approx(value))


def test_no_ratio_across_a_year_a_duration_or_a_large_whole():
    assert [m.text for m in figures("He won 5 in 2020.", "en")] == ["5"]
    assert [m.text for m in figures("Il a plu 1 sur 3 ans.", "fr")] == ["1", "3 ans"]
    assert [m.text for m in figures("They took 3 in 450 cases.", "en")] == ["3", "450"]


def test_durations_in_falling_units_side_by_side_are_one():
    assert reading("Il a couru en 2 h 05 min.", "fr") == [("2 h 05 min", "duration", 7500, "s")]
    assert reading("She held on for 1 minute 30 seconds.", "en") == [
        ("1 minute 30 seconds", "duration", 90, "s")
    ]
    # rising units, or a list, stay apart
    assert len(figures("It took 3 hours 2 days.", "en")) == 2
