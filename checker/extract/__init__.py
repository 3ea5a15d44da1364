"""Extraction: every figure of a text as a ``Mention`` (money, number, percent, quantity, date, duration).

``extract_text`` is the one entry point, used by ``checker check`` sentence by
sentence and by ``checker extract`` case by case: dates are found first (so
"2021" in "à la fin de 2021" is a year, not a count), then the figure grammar
reads the remaining numbers.  All words come from rules/lexicon/.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache

from ..lexicon import Lexicon, alternation, load_lexicon, load_yaml, trie_alternation
from ..models import Mention
from ..paths import rules_dir
from .dates import find_dates
from .figures import build_figures, not_figure_spans
from .numbers import trigger_words

DATE_ANCHORS = (
    "months",
    "weekdays",
    "relative_days",
    "relative_periods",
    "quarters",
    "halves",
    "holidays",
    "named_times",
    "day_part_words",
    "day_end_phrases",
    "trigger_words",
)


def _words(value: object) -> list[str]:
    """Every string in a lexicon entry (keys and values of mappings, items of lists)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [w for k, v in value.items() for w in _words(k) + _words(v)]
    if isinstance(value, list):
        return [w for v in value for w in _words(v)]
    return []


_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=8)
def _trigger(lex: Lexicon) -> re.Pattern[str]:
    """A cheap test that a text can hold a figure: a digit (``_DIGIT``), or a number, scale or date word.

    Most sentences of an article have none and skip the whole grammar.  Articles ("un", "a") are left
    out: alone they are no figure, and with a scale the scale word triggers.
    """
    weak = {w.lower() for w in lex.raw.get("weak_words", [])}
    words = [w for w in _words(lex.raw.get("number_words", [])) if w.lower() not in weak]
    words += list(lex.scales) + trigger_words(lex)
    # The words of dates.yaml that name a date or period on their own; modifiers ("ce", "dernier") and
    # prepositions ("en") matter only next to one of these or to digits.
    dates = load_yaml(rules_dir() / "lexicon" / lex.lang / "dates.yaml") or {}
    for key in DATE_ANCHORS:
        words += _words(dates.get(key, {}))
    words = [w for w in words if len(w) > 1 or not w.isalpha()]
    words += [_strip_accents(w) for w in words]  # copy is often typed without accents
    # "il y a un an", "a year ago": an article before a unit of time counts as a number there.
    articles = alternation(sorted(weak))
    units = alternation(_words(dates.get("count_units", {})))
    # Digits are tested first and apart (``_DIGIT``); the words as a prefix tree, which the regex engine
    # walks letter by letter instead of trying hundreds of alternatives at every position.
    pattern = rf"(?<!\w){trie_alternation(words)}(?!\w)|{articles}\s+{units}"
    # "one mile", "a one-yen bid": a numeral that is no trigger alone before a unit or currency name.
    numerals = lex.raw.get("unit_numerals") or []
    if numerals:
        pattern += rf"|{alternation(numerals)}[\s-]+{alternation(list(lex.units) + list(lex.currencies))}"
    return re.compile(pattern, re.IGNORECASE)


def _strip_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def extract_text(text: str, lang: str, reference_date: dt.date | None = None) -> list[Mention]:
    """All mentions in ``text`` with offsets into ``text``, sorted by position."""
    lex = load_lexicon(lang)
    if not _DIGIT.search(text) and not _trigger(lex).search(text):
        return []
    dates = find_dates(text, lex, reference_date)
    # "la loi n° 2023-270", "call 020 7946 2019": no figure, and no date, inside a reference or phone number.
    spans = not_figure_spans(text, lex)
    if spans:
        dates = [d for d in dates if not any(s < d.end and d.start < e for s, e in spans)]
    figures = build_figures(text, lex, [(m.start, m.end) for m in dates], spans)
    out = sorted(dates + figures, key=lambda m: (m.start, m.end))
    return out


__all__ = ["extract_text"]
