"""Find an article's publication date in its text, and parse the dates written in metadata.

When a file carries no date in its metadata, the page it was copied from often
did: a byline date alone on a line at the top ("2024-03-18"), "Publié le 6
avril 2023", "Published April 6, 2023", or an update line ("Mis à jour le
13/04/2023", "Dernière mise à jour à 07h40 le 21/09").  Only such lines near
the top count: a date inside a sentence of the article ("le 12 novembre à
Vilnius") says when something happened, not when the article was published, and
dates further down belong to related-article lists.  A day and month without
a year gives no date but a note, so the report can say the year is unknown.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from collections.abc import Sequence

from .boilerplate import is_body_paragraph, is_date_line, looks_like_headline, split_lines

MONTHS = {
    "janvier": 1, "janv": 1, "january": 1, "jan": 1,
    "février": 2, "fevrier": 2, "févr": 2, "fevr": 2, "february": 2, "feb": 2,
    "mars": 3, "march": 3, "mar": 3,
    "avril": 4, "avr": 4, "april": 4, "apr": 4,
    "mai": 5, "may": 5,
    "juin": 6, "june": 6, "jun": 6,
    "juillet": 7, "juil": 7, "july": 7, "jul": 7,
    "août": 8, "aout": 8, "august": 8, "aug": 8,
    "septembre": 9, "september": 9, "sept": 9, "sep": 9,
    "octobre": 10, "october": 10, "oct": 10,
    "novembre": 11, "november": 11, "nov": 11,
    "décembre": 12, "decembre": 12, "december": 12, "déc": 12, "dec": 12,
}  # fmt: skip

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})(?![\d])")
# Day and month with a year ("06/04/2023", "6.4.23"), or without one, then only with "/" ("13/04").
_NUMERIC = re.compile(r"(?<![\d/.])(\d{1,2})(?:([/.-])(\d{1,2})\2(\d{4}|\d{2})|/(\d{1,2}))(?![\d/])")
_DAY_MONTH = re.compile(
    rf"\b(\d{{1,2}})(?:er|st|nd|rd|th)?\s+({_MONTH})\b\.?(?:,?\s+(\d{{4}}))?", re.IGNORECASE
)
_MONTH_DAY = re.compile(
    rf"\b({_MONTH})\b\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?", re.IGNORECASE
)

_PUBLISHED = re.compile(
    r"^(?:publié|paru|posté|mis\s+en\s+ligne|published|posted|first\s+published)\b", re.IGNORECASE
)
_UPDATED = re.compile(
    r"^(?:dernière\s+)?(?:mise?\s+à\s+jour|màj|modifié|actualisé)\b|^(?:last\s+)?(?:updated|modified)\b",
    re.IGNORECASE,
)

# How far down a byline can be: past the article's second paragraph, dates are the article's;
# furniture lines (a long menu) do not count towards the limit of lines.
_MAX_BODY_PARAGRAPHS = 2
_MAX_LINES = 12

_Found = tuple[dt.date | None, tuple[int, int] | None]


def _make(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _full_year(y: str) -> int:
    n = int(y)
    if len(y) == 2:
        n += 2000 if n < 70 else 1900
    return n


def _day_month(a: int, b: int, lang: str | None) -> tuple[int, int]:
    """(day, month) of a numeric date: day first in French, month first in English, unless impossible."""
    if a <= 12 and (b > 12 or lang == "en"):
        return b, a
    return a, b


def find_date(s: str, lang: str | None = None) -> _Found:
    """The first date written in ``s``: (date, None), (None, (day, month)) without a year, or (None, None)."""
    found: list[tuple[int, _Found]] = []
    for m in _ISO.finditer(s):
        found.append((m.start(), (_make(int(m[1]), int(m[2]), int(m[3])), None)))
    for m in _NUMERIC.finditer(s):
        if m[4]:
            day, month = _day_month(int(m[1]), int(m[3]), lang)
            found.append((m.start(), (_make(_full_year(m[4]), month, day), None)))
        else:
            day, month = _day_month(int(m[1]), int(m[5]), lang)
            if _make(2000, month, day):  # a leap year, so that 29/02 is accepted
                found.append((m.start(), (None, (day, month))))
    for m in _DAY_MONTH.finditer(s):
        found.append((m.start(), _with_year(int(m[1]), MONTHS[m[2].lower()], m[3])))
    for m in _MONTH_DAY.finditer(s):
        found.append((m.start(), _with_year(int(m[2]), MONTHS[m[1].lower()], m[3])))
    for _, result in sorted(found, key=lambda f: f[0]):
        if result[0] or result[1]:
            return result
    return None, None


def _with_year(day: int, month: int, year: str | None) -> _Found:
    if year:
        return _make(int(year), month, day), None
    return (None, (day, month)) if _make(2000, month, day) else (None, None)


def parse_date(value: str | dt.date, lang: str | None = None) -> dt.date | None:
    """A full date from a metadata value ("2023-04-06", "6 avril 2023", "April 6, 2023", odd formats)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    value = str(value).strip()
    if not value:
        return None
    date, _ = find_date(value, lang)
    if date:
        return date
    import dateparser  # slow to import; only odd formats need it

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = dateparser.parse(
            value,
            languages=[lang] if lang in ("fr", "en") else ["fr", "en"],
            # No relative dates ("hier"): they would be read relative to today, not to the article.
            settings={
                "REQUIRE_PARTS": ["day", "month", "year"],
                "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
            },
        )
    return parsed.date() if parsed else None


def partial_note(day: int, month: int) -> str:
    return f"{day:02d}/{month:02d} (day and month only; year unknown)"


def find_published(
    text: str, lang: str, furniture: Sequence[tuple[int, int]] = ()
) -> tuple[dt.date | None, str | None]:
    """The publication date written near the top of ``text``, and a note when it is partial or an update.

    ``furniture`` (ranges from ``boilerplate.find_furniture``) tells bylines
    from the article's paragraphs.  Returns (None, None) when there is none.
    """
    published: list[_Found] = []
    bare: list[_Found] = []
    updated: list[_Found] = []
    paragraphs = 0
    lines = [ln for ln in split_lines(text) if ln.body]
    seen = 0
    for n, line in enumerate(lines):
        in_furniture = any(a < line.end and line.start < b for a, b in furniture)
        if not in_furniture:
            seen += 1
            if seen > _MAX_LINES:
                break
        if not in_furniture and is_body_paragraph(line.body) and not looks_like_headline(line.body):
            paragraphs += 1
            if paragraphs > _MAX_BODY_PARAGRAPHS:
                break
            continue  # a sentence of the article is not a byline
        # A date under a bullet item is the date of a listed (related) article.
        if line.bullet or (n > 0 and lines[n - 1].bullet):
            continue
        if _PUBLISHED.search(line.body):
            published.append(find_date(line.body, lang))
        elif _UPDATED.search(line.body):
            updated.append(find_date(line.body, lang))
        elif is_date_line(line.raw):
            bare.append(find_date(line.body, lang))
    for found, note in ((published, None), (bare, None), (updated, "date of the last update")):
        for date, _ in found:
            if date:
                return date, note
    for _, partial in published + bare + updated:
        if partial:
            return None, partial_note(*partial)
    return None, None
