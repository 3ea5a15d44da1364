"""Extraction: every figure of a text as a ``Mention`` (money, number, percent, quantity, date, duration).

``extract_text`` is the one entry point, used by ``checker check`` sentence by
sentence and by ``checker extract`` case by case: dates are found first (so
"2021" in "à la fin de 2021" is a year, not a count), then the figure grammar
reads the remaining numbers.  All words come from rules/lexicon/.
"""

from __future__ import annotations

import datetime as dt
import re

from ..lexicon import load_lexicon
from ..models import Mention
from .dates import find_dates
from .figures import build_figures

# A cheap test that a sentence can hold a figure at all (digits, or a number/date word): sentences
# without one skip the whole grammar.
_DIGIT = re.compile(r"\d")


def extract_text(text: str, lang: str, reference_date: dt.date | None = None) -> list[Mention]:
    """All mentions in ``text`` with offsets into ``text``, sorted by position."""
    lex = load_lexicon(lang)
    dates = find_dates(text, lex, reference_date)
    figures = build_figures(text, lex, [(m.start, m.end) for m in dates])
    out = sorted(dates + figures, key=lambda m: (m.start, m.end))
    return out


__all__ = ["extract_text"]
