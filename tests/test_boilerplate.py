"""Page furniture: the rules file's own examples, the block logic, and the sample articles in shared/seeds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker import boilerplate
from checker.boilerplate import classify_line, find_furniture, load_patterns, matches

PATTERNS = load_patterns()


def covered(text: str, furniture, start: int, end: int) -> bool:
    """Whether every non-blank character of text[start:end] lies in a furniture range."""
    return all(text[i].isspace() or any(a <= i < b for a, b in furniture) for i in range(start, end))


def touches(furniture, start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in furniture)


def span(text: str, needle: str) -> tuple[int, int]:
    i = text.index(needle)
    return i, i + len(needle)


# --- the rules file ---------------------------------------------------------------


def test_rules_file_has_unique_ids_descriptions_and_examples() -> None:
    ids = [p.id for p in PATTERNS]
    assert len(ids) == len(set(ids))
    for p in PATTERNS:
        assert p.description.strip()
        assert p.furniture and p.content


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.id)
def test_every_furniture_example_matches_its_pattern(pattern) -> None:
    langs = ["fr", "en"] if pattern.lang == "any" else [pattern.lang]
    for example in pattern.furniture:
        assert matches(pattern, example), example
        for lang in langs:
            assert classify_line(example, lang) is not None, (lang, example)
            assert find_furniture(example, lang) == ((0, len(example.rstrip())),), (lang, example)


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.id)
def test_no_pattern_marks_a_content_example(pattern) -> None:
    for example in pattern.content:
        for lang in ("fr", "en"):
            assert classify_line(example, lang) is None, (lang, example, classify_line(example, lang))


def test_a_broken_rules_file_is_reported_with_its_name(tmp_path) -> None:
    from checker.errors import RuleFileError

    bad = tmp_path / "boilerplate.yaml"
    bad.write_text("patterns:\n  - id: x\n    description: d\n    regex: '(unclosed'\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match="invalid regex") as info:
        load_patterns(str(bad))
    assert "boilerplate.yaml: pattern x" in str(info.value)


# --- block logic ------------------------------------------------------------------

ARTICLE_FR = """\
• Accueil
  • Économie
  • Monde
  • Sport
Mon Blog
  • Facebook
  • Instagram

La filière laitière dans le rouge

Lucie Ferrand

2024-02-12

Les échanges ont atteint 12 milliards d'euros en 2022, selon le ministère.

« Nous perdons de l'argent sur chaque litre », explique un éleveur de 54 ans installé dans l'Orne.

Source : (AGENCE OUEST)

  • Les producteurs de pommes face à la sécheresse
    2024-01-30

    Les producteurs de pommes face à la sécheresse

  • 12 fermes reprises par des jeunes en 2023
    2023-11-04

    12 fermes reprises par des jeunes en 2023

  • Facebook
  • Mentions légales
  • © 2024 Ouest Rural
"""


def test_menu_social_bullets_and_label_between_them_are_furniture() -> None:
    fur = find_furniture(ARTICLE_FR, "fr")
    start = ARTICLE_FR.index("• Accueil")
    end = span(ARTICLE_FR, "• Instagram")[1]
    assert covered(ARTICLE_FR, fur, start, end)


def test_news_paragraphs_and_title_are_never_furniture() -> None:
    fur = find_furniture(ARTICLE_FR, "fr")
    for needle in (
        "Les échanges ont atteint 12 milliards d'euros en 2022, selon le ministère.",
        "« Nous perdons de l'argent sur chaque litre »",
        "La filière laitière dans le rouge",
    ):
        assert not touches(fur, *span(ARTICLE_FR, needle)), needle


def test_author_and_date_lines_near_the_top_are_furniture() -> None:
    fur = find_furniture(ARTICLE_FR, "fr")
    assert covered(ARTICLE_FR, fur, *span(ARTICLE_FR, "Lucie Ferrand"))
    assert covered(ARTICLE_FR, fur, *span(ARTICLE_FR, "2024-02-12"))


def test_trailing_related_articles_with_dates_and_repeated_titles_are_furniture() -> None:
    fur = find_furniture(ARTICLE_FR, "fr")
    start = ARTICLE_FR.index("Source : (AGENCE OUEST)")
    assert covered(ARTICLE_FR, fur, start, len(ARTICLE_FR))
    # The figures in related titles ("12 fermes ... en 2023") are inside the furniture.
    for m in re.finditer(r"12 fermes", ARTICLE_FR):
        assert covered(ARTICLE_FR, fur, m.start(), m.end())


def test_a_list_of_figures_inside_the_article_is_content() -> None:
    text = (
        "Le bilan de la saison\n\n"
        "La station a accueilli 1,2 million de skieurs cet hiver, un record selon le maire.\n"
        "Les chiffres clés :\n"
        "- 1,2 million de skieurs\n"
        "- 34 remontées mécaniques\n"
        "- 18 % de neige artificielle\n"
        "La saison prochaine débutera le 7 décembre.\n"
    )
    fur = find_furniture(text, "fr")
    assert not touches(fur, *span(text, "- 34 remontées mécaniques"))
    assert not touches(fur, *span(text, "La station a accueilli"))


def test_a_line_repeated_after_the_title_is_furniture_but_the_title_is_not() -> None:
    text = (
        "Grain prices hit a two-year low\n"
        "Wheat futures fell 3% on Monday to their lowest level since 2022, traders said.\n"
        "Grain prices hit a two-year low\n"
    )
    fur = find_furniture(text, "en")
    first = text.index("Grain prices")
    second = text.index("Grain prices", first + 1)
    assert not touches(fur, first, first + 10)
    assert covered(text, fur, second, len(text))


def test_related_heading_marks_the_list_below_it() -> None:
    text = (
        "Wheat futures fell 3% on Monday to their lowest level since 2022, traders said.\n"
        "Related articles\n"
        "Farmers plant 10% less maize\n"
        "Fertiliser costs double in a year\n"
    )
    fur = find_furniture(text, "en")
    assert covered(text, fur, text.index("Related"), len(text))
    assert not touches(fur, *span(text, "Wheat futures fell 3%"))


def test_ranges_are_sorted_merged_and_point_into_the_text() -> None:
    text = "Partager\r\nFacebook\r\n\r\nLe port a traité 4 millions de conteneurs en 2023, un record.\r\n"
    fur = find_furniture(text, "fr")
    assert fur == ((0, len("Partager\r\nFacebook")),)


def test_merge_ranges_joins_overlaps_and_whitespace_gaps() -> None:
    text = "ab  cd|ef"
    assert boilerplate.merge_ranges([(4, 6), (0, 2)], text) == ((0, 6),)
    assert boilerplate.merge_ranges([(0, 2), (7, 9)], text) == ((0, 2), (7, 9))
    assert boilerplate.merge_ranges([(0, 3), (2, 5)]) == ((0, 5),)


# --- the sample articles in shared/seeds (read at run time, never copied) ------------


def seed(seeds: Path, prefix: str) -> str:
    """The text of the seed file named ``<prefix>_*.txt`` (``seeds`` is the shared fixture)."""
    found = sorted(seeds.glob(f"{prefix}_*.txt"))
    if not found:
        pytest.skip(f"seed file {prefix}_*.txt not found in {seeds}")
    return found[0].read_text(encoding="utf-8")


def lines_of(text: str):
    return [(m.start(), m.end(), m.group()) for m in re.finditer(r"[^\n]+", text)]


def is_caption(line: str) -> bool:
    # The photo caption under the date line ends with an agency credit, and is furniture.
    return bool(re.search(r"/dpa\s*$", line))


def test_seed_003_top_menu_and_trailing_related_block_are_furniture_not_the_article(seeds: Path) -> None:
    text = seed(seeds, "003")
    fur = find_furniture(text, "fr")
    lines = lines_of(text)
    bullets = [ln for ln in lines if ln[2].lstrip().startswith("•")]
    source = next(ln for ln in lines if ln[2].startswith("Source:"))
    top = [ln for ln in bullets if ln[0] < source[0]]
    # From the first menu bullet down to the last social bullet before the headline.
    assert text[top[0][0] :].startswith("• magazine")
    assert covered(text, fur, top[0][0], top[-1][1])
    # Everything from the source line to the end: related titles, their dates, repeats, legal links.
    assert covered(text, fur, source[0], len(text))
    for needle in ("20 forêts", "plus de 20 ans", "15 ans", "2025-03-06", "© 2023 Copyright"):
        for m in re.finditer(re.escape(needle), text):
            assert covered(text, fur, m.start(), m.end()), needle
    # The article's paragraphs (long lines between the menu and the source line) are untouched.
    paragraphs = [ln for ln in lines if top[-1][1] < ln[0] < source[0] and len(ln[2].split()) >= 20]
    assert len(paragraphs) >= 5
    for start, end, _ in paragraphs:
        if not is_caption(text[start:end]):
            assert not touches(fur, start, end), text[start : start + 40]


def test_seed_000_call_to_join_on_social_networks_is_the_only_furniture(seeds: Path) -> None:
    text = seed(seeds, "000")
    fur = find_furniture(text, "fr")
    last = lines_of(text)[-1]
    assert last[2].startswith("Rejoignez")
    assert fur == ((last[0], last[1]),)


def test_seed_001_link_lines_photo_caption_and_credits_are_furniture(seeds: Path) -> None:
    text = seed(seeds, "001")
    fur = find_furniture(text, "fr")
    lines = lines_of(text)
    marked = [ln for ln in lines if covered(text, fur, ln[0], ln[1])]
    for ln in lines:
        shaped = ln[2].startswith((">>", "Photo :")) or ln[2].rstrip().endswith("|")
        if shaped:
            assert ln in marked, ln[2][:40]
    body = [ln for ln in lines if ln not in marked]
    assert len(body) >= 5
    assert all(len(ln[2].split()) >= 15 for ln in body)
    assert not any(touches(fur, ln[0], ln[1]) for ln in body)


def test_seed_002_update_line_is_furniture_and_the_article_is_not(seeds: Path) -> None:
    text = seed(seeds, "002")
    fur = find_furniture(text, "fr")
    lines = lines_of(text)
    assert lines[0][2].startswith("Dernière mise à jour")
    assert fur == ((lines[0][0], lines[0][1]),)


def test_a_capped_word_count_answers_the_same_comparisons():
    line = "one two  three\tfour five six seven"
    assert boilerplate.words(line) == 7
    assert boilerplate.words(line, 3) == 4  # counted up to cap + 1: "more than 3"
    assert boilerplate.words(line, 7) == 7 and boilerplate.words(line, 10) == 7
    assert boilerplate.words("", 3) == 0
