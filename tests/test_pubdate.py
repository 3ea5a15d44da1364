"""Publication dates: bylines near the top count, dates in the article or in related lists do not."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from checker.boilerplate import find_furniture
from checker.pubdate import find_date, find_published, parse_date

BODY_FR = (
    "Les ventes de tracteurs ont reculé de 8 % en 2023, selon le syndicat des constructeurs.\n"
    "Le marché devrait se stabiliser l'an prochain, estime son président.\n"
)
BODY_EN = (
    "Tractor sales fell 8% in 2023, according to the manufacturers' association.\n"
    "The market should stabilise next year, its chairman said.\n"
)


def published(text: str, lang: str = "fr"):
    return find_published(text, lang, find_furniture(text, lang))


def test_iso_date_alone_on_a_line_under_the_title_is_the_publication_date() -> None:
    text = "Le marché du tracteur en berne\n\nMarc Olivier\n\n2024-03-18\n\n" + BODY_FR
    assert published(text) == (dt.date(2024, 3, 18), None)


def test_french_publie_le_line_gives_the_date() -> None:
    assert published("Publié le 6 avril 2023 à 10h12\n" + BODY_FR) == (dt.date(2023, 4, 6), None)


def test_english_published_line_gives_the_date() -> None:
    text = "Tractor market slumps\nPublished April 6, 2023\n" + BODY_EN
    assert published(text, "en") == (dt.date(2023, 4, 6), None)


def test_update_line_with_day_and_month_only_gives_a_note_and_no_date() -> None:
    date, note = published("Dernière mise à jour à 07h40 le 21/09\n" + BODY_FR)
    assert date is None
    assert note == "21/09 (day and month only; year unknown)"


def test_update_line_with_a_full_date_gives_the_date_and_says_it_is_an_update() -> None:
    date, note = published("Mis à jour le 13/04/2023\n" + BODY_FR)
    assert date == dt.date(2023, 4, 13)
    assert note and "update" in note


def test_publication_line_wins_over_update_line() -> None:
    text = "Mis à jour le 20/04/2023\nPublié le 13/04/2023\n" + BODY_FR
    assert published(text)[0] == dt.date(2023, 4, 13)


def test_a_date_in_a_sentence_of_the_article_is_not_a_publication_date() -> None:
    text = (
        "Le président a reçu son homologue le 12 novembre à Vilnius, où ils ont signé 12 accords.\n" + BODY_FR
    )
    assert published(text) == (None, None)


def test_a_sentence_starting_with_publie_le_is_not_a_byline() -> None:
    text = (
        "Publié le 3 mars 2022, le rapport de la Cour chiffrait les pertes à 2 milliards d'euros.\n" + BODY_FR
    )
    assert published(text) == (None, None)


def test_dates_of_a_related_articles_list_at_the_bottom_are_not_taken() -> None:
    text = (
        "Le marché du tracteur en berne\n\n"
        + BODY_FR
        + "Les concessionnaires ont supprimé 300 emplois depuis janvier, selon la fédération.\n\n"
        + "  • Les moissonneuses plus chères\n    2025-03-06\n\n    Les moissonneuses plus chères\n"
    )
    assert published(text) == (None, None)


def test_a_date_under_a_bullet_near_the_top_belongs_to_the_listed_article() -> None:
    text = "  • Les semences plus chères\n    2022-01-05\n\n" + BODY_FR
    assert published(text) == (None, None)


def test_dates_far_below_the_first_paragraphs_are_not_bylines() -> None:
    text = BODY_FR + BODY_FR.replace("tracteurs", "moissonneuses") + "2023-05-01\n"
    assert published(text) == (None, None)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2023-04-06", dt.date(2023, 4, 6)),
        ("2023-04-06T10:00:00Z", dt.date(2023, 4, 6)),
        ("6 avril 2023", dt.date(2023, 4, 6)),
        ("1er mars 2022", dt.date(2022, 3, 1)),
        ("April 6, 2023", dt.date(2023, 4, 6)),
        ("Thu, 06 Apr 2023 10:00:00 GMT", dt.date(2023, 4, 6)),
        ("jeudi 6 avril 2023 10h30", dt.date(2023, 4, 6)),
        ("2023/04/06", dt.date(2023, 4, 6)),
        (dt.date(2023, 4, 6), dt.date(2023, 4, 6)),
    ],
)
def test_metadata_dates_in_common_formats_are_parsed(value, expected) -> None:
    assert parse_date(value, "fr") == expected


def test_relative_and_unreadable_metadata_dates_give_nothing() -> None:
    # "yesterday" would be read relative to today, not to the article.
    assert parse_date("hier", "fr") is None
    assert parse_date("yesterday", "en") is None
    assert parse_date("bientôt", "fr") is None
    assert parse_date("", "fr") is None


def test_numeric_dates_are_day_first_in_french_and_month_first_in_english_unless_impossible() -> None:
    assert parse_date("06/04/2023", "fr") == dt.date(2023, 4, 6)
    assert parse_date("06/04/2023", "en") == dt.date(2023, 6, 4)
    assert parse_date("25/04/2023", "en") == dt.date(2023, 4, 25)
    assert parse_date("04/25/2023", "fr") == dt.date(2023, 4, 25)


def test_find_date_reports_day_and_month_without_year() -> None:
    assert find_date("à 18h05 le 17/10", "fr") == (None, (17, 10))
    assert find_date("le 31/02", "fr") == (None, None)  # not a day of the calendar


def seed(seeds: Path, prefix: str) -> str:
    """The text of the seed file named ``<prefix>_*.txt`` (``seeds`` is the shared fixture)."""
    found = sorted(seeds.glob(f"{prefix}_*.txt"))
    if not found:
        pytest.skip(f"seed file {prefix}_*.txt not found in {seeds}")
    return found[0].read_text(encoding="utf-8")


def test_seed_002_update_line_gives_day_and_month_only(seeds: Path) -> None:
    date, note = published(seed(seeds, "002"))
    assert date is None and note and note.endswith("(day and month only; year unknown)")


def test_seed_003_byline_date_under_the_author_is_found_not_the_related_dates(seeds: Path) -> None:
    text = seed(seeds, "003")
    date, _ = published(text)
    # The byline date is the first ISO date of the file; the related list's dates come later.
    first_iso = next(ln.strip() for ln in text.splitlines() if re.fullmatch(r"\d{4}-\d{2}-\d{2}", ln.strip()))
    assert date == dt.date.fromisoformat(first_iso)


def test_seed_001_caption_date_is_not_a_publication_date(seeds: Path) -> None:
    assert published(seed(seeds, "001")) == (None, None)
