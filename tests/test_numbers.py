"""Number atoms (checker/extract/numbers.py) and how the figure grammar builds on them, on sentences written
for these tests: fractions, a whole and a fraction, scales inside spelled numbers, negatives, spelled
decimals, exponents, dozens, Indian scales and scale letters."""

from __future__ import annotations

import pytest

from checker.extract import extract_text
from checker.extract.numbers import find_atoms, parse_digits, trigger_words
from checker.lexicon import load_lexicon


def atoms(text: str, lang: str) -> list[tuple[str, float]]:
    return [(text[a.start : a.end], a.value) for a in find_atoms(text, load_lexicon(lang))]


def figures(text: str, lang: str) -> list:
    return [m for m in extract_text(text, lang, None) if m.kind != "date"]


def only(text: str, lang: str):
    found = figures(text, lang)
    assert len(found) == 1, f"expected one figure in {text!r}, got {found}"
    return found[0]


def test_parse_digits_keeps_the_longest_valid_grouping():
    assert parse_digits("12 000", ",") == (12000.0, 1.0, 6)
    assert parse_digits("38,5", ",") == (38.5, 0.1, 4)
    assert parse_digits("1,300", ".") == (1300.0, 1.0, 5)
    assert parse_digits("1.250.000", ",") == (1250000.0, 1.0, 9)


@pytest.mark.parametrize(
    "text, lang, span, value",
    [
        ("Les deux tiers des adhérents ont voté pour.", "fr", "deux tiers", 2 / 3),
        ("Les trois quarts du budget vont à la santé.", "fr", "trois quarts", 0.75),
        ("Le parti a perdu un cinquième des sièges.", "fr", "un cinquième", 0.2),
        ("Il en reste un cinquieme.", "fr", "un cinquieme", 0.2),
        ("On a relevé quatre centièmes de seconde d'écart.", "fr", "quatre centièmes", 0.04),
        ("Un tiers des communes est concerné.", "fr", "Un tiers", 1 / 3),
        ("Two thirds of the members backed the plan.", "en", "Two thirds", 2 / 3),
        ("Close to three-quarters of the fleet is grounded.", "en", "three-quarters", 0.75),
        ("They kept five eighths of the stock.", "en", "five eighths", 0.625),
        ("The party lost a third of its seats.", "en", "a third", 1 / 3),
        ("Only one twenty-fifth of it was left.", "en", "one twenty-fifth", 0.04),
    ],
)
def test_fractions(text, lang, span, value):
    assert atoms(text, lang) == [(span, pytest.approx(value))]


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Il brigue un cinquième mandat.", "fr"),
        ("Elle est arrivée cinquième.", "fr"),
        ("Le match de demi-finale et les quarts de finale.", "fr"),
        ("Il jouera une demi-finale samedi.", "fr"),
        ("She is seeking a third term.", "en"),
        ("They hired a third-party auditor.", "en"),
        ("He finished second in the first round.", "en"),
        ("It was the fourth quarter.", "en"),
    ],
)
def test_ordinals_and_compound_nouns_are_no_fractions(text, lang):
    assert atoms(text, lang) == []


@pytest.mark.parametrize(
    "text, lang, span, value",
    [
        ("Elle a couru cinq et un quart de tour.", "fr", "cinq et un quart", 5.25),
        ("Le chantier a duré cent trois et deux tiers.", "fr", "cent trois et deux tiers", 103 + 2 / 3),
        ("The trip took one and a half.", "en", "one and a half", 1.5),
        ("It grew forty two and a third.", "en", "forty two and a third", 42 + 1 / 3),
    ],
)
def test_a_whole_and_a_fraction(text, lang, span, value):
    assert atoms(text, lang) == [(span, pytest.approx(value))]


@pytest.mark.parametrize(
    "text, lang, span, value",
    [
        # After a hundred or a scale, "and" and a tens word go on with the numerator.
        ("It split into two hundred and sixty fifths.", "en", "two hundred and sixty fifths", 52),
        ("They cut three hundred and forty-four eighths.", "en", "three hundred and forty-four eighths", 43),
        # "and" and a units word still join a whole and a fraction, and so does "and" after a tens word.
        ("It rose by one hundred and two thirds.", "en", "one hundred and two thirds", 100 + 2 / 3),
        ("It rose forty and two fifths.", "en", "forty and two fifths", 40.4),
        ("one hundred and sixty and three fifths", "en", "one hundred and sixty and three fifths", 160.6),
        # Without "and", a tens word before a units ordinal is the denominator's, after a numerator.
        ("It is one hundred twenty sixths.", "en", "one hundred twenty sixths", 100 / 26),
        ("Only two twenty fifths remain.", "en", "two twenty fifths", 2 / 25),
        ("one hundred fifty-sixths", "en", "one hundred fifty-sixths", 100 / 56),
        # Alone, the tens word is the numerator.
        ("That makes sixty fifths.", "en", "sixty fifths", 12),
        # An English hyphen joins tens and units only: "hundred-fifths" are fifths of the hundreds before.
        ("seventy - five hundred-fifths", "en", "seventy - five hundred-fifths", 1500),
        ("two one hundred sixths", "en", "two one hundred sixths", 2 / 106),
        # French hyphenates its compound numbers: a tens word is the denominator's only when hyphen-bound.
        ("Il faut deux cent quarante cinquièmes.", "fr", "deux cent quarante cinquièmes", 48),
        ("Il reste trois trente-cinquièmes.", "fr", "trois trente-cinquièmes", 3 / 35),
        ("Il en reste un cent-cinquième.", "fr", "un cent-cinquième", 1 / 105),
    ],
)
def test_where_the_numerator_of_a_spelled_fraction_ends(text, lang, span, value):
    assert atoms(text, lang) == [(span, pytest.approx(value))]


@pytest.mark.parametrize(
    "text, lang, value",
    [
        ("La ville compte un million et demi d'habitants.", "fr", 1.5e6),
        ("Le fonds pèse 4 milliards et demi.", "fr", 4.5e9),
        ("Un demi-million de visiteurs sont attendus.", "fr", 5e5),
        ("La région a perdu six millions et deux tiers.", "fr", 6e6 + 2e6 / 3),
        ("Nearly two and a half million people fled.", "en", 2.5e6),
        ("The city has 3 million and a half residents.", "en", 3.5e6),
        ("Half a million homes lost power.", "en", 5e5),
        ("They raised half a billion.", "en", 5e8),
        ("Turnout was two thirds of a million.", "en", 2e6 / 3),
        ("The debt is one billion and a half million.", "en", 1.0005e9),
    ],
)
def test_halves_and_fractions_of_scales(text, lang, value):
    assert only(text, lang).value == pytest.approx(value)


@pytest.mark.parametrize(
    "text, lang, value",
    [
        ("La commune a reçu trois millions deux cent mille euros.", "fr", 3.2e6),
        ("Le compteur affiche trois million sept.", "fr", 3000007),
        ("The total was twenty-one trillion three hundred.", "en", 21e12 + 300),
        ("It came to one million two thousand two hundred three.", "en", 1002203),
        ("They counted 4 thousand 3 hundred and 21 votes.", "en", 4321),
        ("The hall holds 322 hundred seats.", "en", 32200),
        ("The state spent 6 crore and two hundred.", "en", 60000200),
        ("The plan costs three lakh crore.", "en", 3e12),
        ("About 13 lakh people signed up.", "en", 1.3e6),
    ],
)
def test_scales_inside_a_number(text, lang, value):
    assert only(text, lang).value == pytest.approx(value)


def test_a_number_ending_in_a_scale_leaves_it_to_the_figure_grammar():
    money = only("Le projet coûte deux millions de dollars.", "fr")
    assert (money.kind, money.value, money.unit, money.precision) == ("money", 2e6, "USD", 1e6)
    euros = only("Il faudra trois milliards d'euros.", "fr")
    assert (euros.kind, euros.value, euros.unit) == ("money", 3e9, "EUR")
    people = only("Un million de personnes ont manifesté.", "fr")
    assert (people.value, people.counted) == (1e6, "person")
    thousand = only("Ils étaient mille milliards.", "fr")
    assert thousand.value == pytest.approx(1e12)
    a_million = only("A million people marched.", "en")
    assert a_million.value == 1e6


@pytest.mark.parametrize(
    "text, lang, low, high",
    [
        ("Entre deux et trois millions de personnes sont touchées.", "fr", 2e6, 3e6),
        ("Between two and three million people were affected.", "en", 2e6, 3e6),
        ("Between one hundred and two hundred boats sank.", "en", 100, 200),
        ("Entre cent et deux cents bateaux ont coulé.", "fr", 100, 200),
    ],
)
def test_ranges_still_read_two_numbers(text, lang, low, high):
    m = only(text, lang)
    assert m.qualifier == "range"
    assert (m.low, m.high) == (pytest.approx(low), pytest.approx(high))


@pytest.mark.parametrize(
    "text, lang, span, value",
    [
        ("Un électeur sur trois s'est abstenu, soit 1 sur 3.", "fr", "1 sur 3", 1 / 3),
        ("Le taux est de un sur cent vingt cinq.", "fr", "un sur cent vingt cinq", 0.008),
        ("Roughly one out of four.", "en", "one out of four", 0.25),
        ("The ratio is 2000 over 3.", "en", "2000 over 3", 2000 / 3),
    ],
)
def test_over_fractions(text, lang, span, value):
    found = [(t, v) for t, v in atoms(text, lang) if t == span]
    assert found == [(span, pytest.approx(value))]


def test_over_is_no_fraction_before_a_noun():
    assert [m.text for m in figures("Le chantier s'étale sur 3 ans.", "fr")] == ["3 ans"]
    assert ("3", 3.0) in atoms("Profit rose 2 over 3 years.", "en")


@pytest.mark.parametrize(
    "text, lang, span, value",
    [
        ("La température est tombée à -7,5 °C.", "fr", "-7,5 °C", -7.5),
        ("Il a fait moins douze degrés.", "fr", "moins douze degrés", -12),
        ("Le solde est de −3 millions.", "fr", "−3 millions", -3e6),
        ("The reading was minus five point five.", "en", "minus five point five", -5.5),
        ("Its margin was negative 2 percent.", "en", "negative 2 percent", -2),
    ],
)
def test_negative_numbers(text, lang, span, value):
    m = only(text, lang)
    assert (m.text, m.value) == (span, pytest.approx(value))


@pytest.mark.parametrize(
    "text, lang, value, qualifier",
    [
        ("Au moins cinq personnes sont mortes.", "fr", 5, "at_least"),
        ("Plus ou moins 3 points.", "fr", 3, None),
        ("Il reste trois moins deux.", "fr", None, None),
        ("It moved plus or minus 4 percent.", "en", 4, None),
    ],
)
def test_minus_words_that_are_no_sign(text, lang, value, qualifier):
    found = figures(text, lang)
    assert all((m.value or 0) >= 0 for m in found)
    if value is not None:
        assert (found[0].value, found[0].qualifier) == (value, qualifier)


def test_a_hyphen_between_numbers_is_no_minus_sign():
    assert [a[1] for a in atoms("COVID-19 et 10 -15", "fr")] == [19.0, 10.0, 15.0]
    assert only("10-15% of voters", "en").low == 10


@pytest.mark.parametrize(
    "text, lang, span, value",
    [
        ("- 2 3/4", "en", "- 2 3/4", -2.75),
        ("− 15 k", "fr", "− 15 k", -15000),
        ("Solde du mois :\n  - 7,5  \nFin.", "fr", "- 7,5", -7.5),
        ("Change:\n- forty-two\n", "en", "- forty-two", -42),
    ],
)
def test_a_spaced_minus_opening_a_line_with_only_the_number_is_a_sign(text, lang, span, value):
    assert atoms(text, lang) == [(span, pytest.approx(value))]


def test_a_spaced_minus_before_a_scale_word_ending_the_line_is_a_sign():
    assert only("Variation :\n- 4 millions", "fr").value == pytest.approx(-4e6)


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        # A list bullet: words follow the number on its line.
        ("- 7 blessés dans la collision", "fr", [("7", 7)]),
        ("Toll so far:\n- 15 arrests\n- 4 injured officers", "en", [("15", 15), ("4", 4)]),
        # Not at the start of a line.
        ("Il a noté - 5", "fr", [("5", 5)]),
    ],
)
def test_a_spaced_minus_before_words_or_inside_a_line_is_no_sign(text, lang, expected):
    assert atoms(text, lang) == [(span, pytest.approx(value)) for span, value in expected]


def test_the_hour_idiom_is_no_negative_duration():
    found = figures("Rendez-vous à huit heures moins vingt-trois minutes.", "fr")
    assert all((m.value or 0) >= 0 for m in found)


@pytest.mark.parametrize(
    "text, lang, span, value, precision",
    [
        ("deux cent virgule trois", "fr", "deux cent virgule trois", 200.3, 0.1),
        ("deux cent virgule cinquante deux", "fr", "deux cent virgule cinquante deux", 200.52, 0.01),
        ("two hundred point zero three", "en", "two hundred point zero three", 200.03, 0.01),
        ("nine point nought four", "en", "nine point nought four", 9.04, 0.01),
    ],
)
def test_spelled_decimals(text, lang, span, value, precision):
    m = only(text, lang)
    assert (m.text, m.value, m.precision) == (span, pytest.approx(value), pytest.approx(precision))


def test_a_point_with_no_digits_after_is_no_decimal():
    assert [m.text for m in figures("They unveiled a five point plan.", "en")] == ["five"]


@pytest.mark.parametrize(
    "text, lang, span, value",
    [
        ("Un écart de ,08 seulement.", "fr", ",08", 0.08),
        ("A gap of .08 only.", "en", ".08", 0.08),
        ("Soit 1,2e6 particules.", "fr", "1,2e6", 1.2e6),
        ("Roughly 3.5e-2 of it.", "en", "3.5e-2", 0.035),
        ("Le facteur vaut 2,5^-1.", "fr", "2,5^-1", 0.4),
        ("It is 2^10.", "en", "2^10", 1024),
    ],
)
def test_leading_decimal_marks_and_exponents(text, lang, span, value):
    assert atoms(text, lang) == [(span, pytest.approx(value))]


@pytest.mark.parametrize(
    "text, lang, value",
    [
        ("Il a vendu trois douzaines d'huîtres.", "fr", 36),
        ("Il en a vendu 2 douzaines.", "fr", 24),
        ("Une douzaine de blessés ont été soignés.", "fr", 12),
        ("A dozen analysts agreed.", "en", 12),
        ("Half a dozen ministers resigned.", "en", 6),
        ("They ordered 5 dozen.", "en", 60),
    ],
)
def test_dozens(text, lang, value):
    assert only(text, lang).value == pytest.approx(value)


@pytest.mark.parametrize(
    "text, lang, span, value",
    [
        ("Une prime de 10k par salarié.", "fr", "10k", 1e4),
        ("Il y a 2,33 k abonnés.", "fr", "2,33 k", 2330),
        ("Le disque fait 10G.", "fr", "10G", 1e10),
        ("The app has 1.2b users.", "en", "1.2b", 1.2e9),
        ("It earned $5b last year.", "en", "$5b", 5e9),
        ("Une prime de 10 k€.", "fr", "10 k€", 1e4),
    ],
)
def test_scale_letters(text, lang, span, value):
    m = only(text, lang)
    assert (m.text, m.value) == (span, pytest.approx(value))


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Le réseau 5G arrive.", "fr"),
        ("A new 4K screen.", "en"),
    ],
)
def test_scale_letters_after_one_digit_name_a_generation_or_a_resolution(text, lang):
    assert figures(text, lang) == []


def test_metres_stay_metres():
    m = only("La vague mesurait 10 m.", "fr")
    assert (m.kind, m.value) == ("quantity", 10)


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("It charged a $5 fee.", "en", [("$5", 5)]),
        ("Revenue was $1.17 billion a year earlier.", "en", [("$1.17 billion", 1.17e9)]),
        ("Il a pris un café et une pomme.", "fr", []),
        ("Un vent glacial souffle.", "fr", []),
    ],
)
def test_articles_are_no_numbers_alone(text, lang, expected):
    assert [(m.text, m.value) for m in figures(text, lang)] == expected


def test_slashes():
    assert atoms("Les 3/4 des sondés.", "fr") == [("3/4", 0.75)]
    assert atoms("Il a couru 2 1/4 tours.", "fr") == [("2 1/4", 2.25)]
    assert atoms("-4/5", "en") == [("-4/5", -0.8)]
    # No proper fraction: two numbers.
    assert atoms("Open 24/7.", "en") == [("24", 24.0), ("7", 7.0)]


def test_atoms_that_hold_a_scale_say_so():
    found = find_atoms("de 3,5 milliards à 4 milliards et demi, 10k", load_lexicon("fr"))
    assert [(a.value, a.scaled) for a in found] == [(3.5, False), (4.5e9, True), (1e4, True)]


def test_precision_of_spelled_numbers():
    assert only("deux tiers", "fr").precision == pytest.approx(1 / 3)
    assert only("trois millions deux cent mille", "fr").precision == pytest.approx(1)
    assert only("un million et demi", "fr").precision == pytest.approx(5e5)
    assert only("38,5 milliards", "fr").precision == pytest.approx(1e8)


def test_trigger_words_name_the_fraction_words():
    words = set(trigger_words(load_lexicon("fr")))
    assert {"tiers", "cinquième", "cinquieme", "cinquièmes", "moins"} <= words
    assert {"half", "thirds", "minus"} <= set(trigger_words(load_lexicon("en")))


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        # No grouping reads the whole run: a list of numbers, the valid grouping at its start kept.
        ("Ping 192.168.1.2 now.", "en", [("192", 192), ("168", 168), ("1", 1), ("2", 2)]),
        ("Ping 192.168.1.2 now.", "fr", [("192.168", 192168), ("1", 1), ("2", 2)]),
        ("Exercises 22,24,26,31.", "en", [("22", 22), ("24", 24), ("26", 26), ("31", 31)]),
        # Cut at a blank, the rest is read again from its start.
        ("In 2019 300 people left.", "en", [("2019", 2019), ("300", 300)]),
    ],
)
def test_digit_runs_no_grouping_reads_are_lists(text, lang, expected):
    assert atoms(text, lang) == [(span, pytest.approx(value)) for span, value in expected]


@pytest.mark.parametrize(
    "text, lang, span, value",
    [
        ("Add ½ tbsp of salt.", "en", "½", 0.5),
        ("It took 2½ years.", "en", "2½", 2.5),
        ("Un facteur de 2,48×10−5 seulement.", "fr", "2,48×10−5", 2.48e-5),
        ("It holds 8x2^10 bits.", "en", "8x2^10", 8192),
        ("The density is 5.5x10-3 here.", "en", "5.5x10-3", 5.5e-3),
        ("It is 1.5×10⁹ years old.", "en", "1.5×10⁹", 1.5e9),
        ("Light covers 3 × 10^8 m.", "en", "3 × 10^8", 3e8),
    ],
)
def test_vulgar_fractions_and_powers_of_ten(text, lang, span, value):
    assert atoms(text, lang) == [(span, pytest.approx(value))]


def test_a_size_and_an_exponent_are_no_powers_of_ten():
    assert figures("A 2x10 board.", "en") == []  # glued letters make no figure
    assert [m.text for m in figures("Exposed to 20 J/m^2.", "en")] == ["20"]
    assert atoms("The number 1/0 is no value.", "en") == []


@pytest.mark.parametrize(
    "text, lang, value",
    [
        ("naught point five", "en", 0.5),
        ("La proportion est de 1 sur vingt-un.", "fr", 1 / 21),
        ("Il a septante-un ans.", "fr", 71 * 31557600),
    ],
)
def test_spelling_variants_text2num_does_not_read(text, lang, value):
    assert only(text, lang).value == pytest.approx(value)


def test_a_capital_m_is_a_million_after_two_digits_and_not_a_company():
    assert only("The app has 10M users.", "en").value == 1e7
    assert only("It reached 1,674,200.5 M.", "en").value == pytest.approx(1.6742005e12)
    assert figures("3M said it would appeal.", "en") == []
    assert (only("The 100m race.", "en").kind, only("The 100m race.", "en").unit) == ("quantity", "meter")


def test_an_article_before_a_word_starting_like_a_joiner():
    # "a decade" is no "a de cade": the article counts one before the duration.
    m = only("It grew in a decade.", "en")
    assert (m.kind, m.value) == ("duration", 315576000)


def test_trigger_words_name_the_phrases_that_count_without_a_number():
    en = set(trigger_words(load_lexicon("en")))
    assert {"½", "an hour", "few hours", "all day", "penny"} <= en
    fr = set(trigger_words(load_lexicon("fr")))
    assert {"une heure", "quelques heures", "toute la journée"} <= fr


def test_context_keeps_a_spelled_share_as_a_claim():
    from checker.context import is_noise
    from checker.models import Mention

    lex = load_lexicon("fr")
    share = Mention(start=0, end=12, text="trois quarts", kind="number", value=0.75, unit=None)
    two = Mention(start=0, end=4, text="deux", kind="number", value=2.0, unit=None)
    assert not is_noise(share, lex)
    assert is_noise(two, lex)


def test_round_count_nouns_and_ratios_as_atoms():
    # the article is the atom; the figure grammar applies the round-count scale after it
    assert atoms("une vingtaine de morts", "fr") == [("une", 1.0)]
    assert atoms("one in five", "en") == [("one in five", 0.2)]
    assert atoms("5 in 2020", "en") == [("5", 5.0), ("2020", 2020.0)]
