"""Dates and periods: absolute, partial and relative, each kept at the precision it was written with.

"2021" is a year, "avril 2022" a month, "le 14 septembre" a day whose year
comes from the reference date (the article's publication date), "mardi" the
last Tuesday on or before it, "à la fin de 2021" the end of a year and "d'ici
la fin de l'année" the end of the reference year.  Expressions counted from
the reference date ("il y a trois jours", "3 days ago") are read with
dateparser.  Without a reference date, relative expressions are still found
but left unresolved (``date`` is None) rather than guessed from today.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

import dateparser

from ..lexicon import Lexicon, alternation, fold
from ..models import Mention, Period

B = r"[\s\u00a0\u202f]+"


@dataclass
class DatePatterns:
    iso: re.Pattern[str]
    numeric: re.Pattern[str]
    day_month: re.Pattern[str]
    month_day: re.Pattern[str] | None
    month_year: re.Pattern[str]
    part_year: re.Pattern[str]
    quarter: re.Pattern[str]
    half: re.Pattern[str]
    rel_day: re.Pattern[str]
    rel_period: re.Pattern[str]
    weekday: re.Pattern[str]
    ago: re.Pattern[str]
    year: re.Pattern[str]


@lru_cache(maxsize=8)
def patterns_for(lex: Lexicon) -> DatePatterns:
    r = lex.raw
    month = alternation(lex.months.keys())
    month_abbrev_dot = rf"(?:{month})\.?"
    weekday = alternation(lex.weekdays.keys())
    first = alternation(r.get("first_day", []), boundary=False)
    day = rf"(?:{first}|\d{{1,2}}(?:st|nd|rd|th|er)?)"
    year = r"(?:1[89]\d\d|20\d\d)"
    ends = alternation(sum((list(v) for v in r["part_of_year"].values()), []))
    ci = re.IGNORECASE
    month_day = None
    if lex.lang == "en":
        month_day = re.compile(
            rf"(?:(?P<wd>{weekday}),?{B})?(?P<month>{month_abbrev_dot}){B}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)"
            rf"(?:,?{B}(?P<year>{year}))?(?!\d)",
            ci,
        )
    return DatePatterns(
        iso=re.compile(rf"(?<!\d)(?P<year>{year})-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?!\d)"),
        numeric=re.compile(r"(?<![\d/])(?P<a>[0-3]?\d)/(?P<b>[01]?\d)(?:/(?P<year>\d{4}|\d{2}))?(?![\d/])"),
        day_month=re.compile(
            rf"(?:(?P<wd>{weekday}){B})?(?:(?:le|the){B})?(?P<day>{day}){B}(?:of{B})?(?P<month>{month_abbrev_dot})"
            rf"(?:,?{B}(?P<year>{year}))?(?!\d)",
            ci,
        ),
        month_day=month_day,
        month_year=re.compile(
            rf"(?:(?P<part>{ends}){B}?(?:d['’]|de{B}|of{B})?)?(?P<month>{month}){B}(?:de{B}|of{B})?(?P<year>{year})(?!\d)"
            rf"|(?:(?P<part2>{ends}){B}?(?:d['’]|de{B}|of{B})?)(?P<month2>{month})(?!\w)",
            ci,
        ),
        part_year=re.compile(
            rf"(?P<part>{ends}){B}?(?:l['’]année{B}|the{B}year{B})?(?P<year>{year})(?!\d)", ci
        ),
        quarter=re.compile(
            rf"(?P<q>{alternation(r['quarters'].keys())})(?:{B}(?:de{B}|d['’]|of{B})?(?:l['’]année{B})?(?P<year>{year}))?",
            ci,
        ),
        half=re.compile(
            rf"(?P<h>{alternation(r['halves'].keys())})(?:{B}(?:de{B}|of{B})?(?P<year>{year}))?", ci
        ),
        rel_day=re.compile(alternation(r["relative_days"].keys()), ci),
        rel_period=re.compile(alternation(r["relative_periods"].keys()), ci),
        weekday=re.compile(rf"(?:(?:on|le|ce){B})?(?P<wd>{weekday})(?:{B}(?:dernier|passé|prochain))?", ci),
        ago=re.compile(
            rf"(?:il{B}y{B}a|dans){B}\S+(?:{B}\S+)?{B}(?:jours?|semaines?|mois|ans?|années?)(?!\w)"
            rf"|\S+(?:{B}\S+)?{B}(?:days?|weeks?|months?|years?){B}(?:ago|later|from{B}now)(?!\w)"
            rf"|in{B}\S+{B}(?:days?|weeks?|months?|years?)(?!\w)",
            ci,
        ),
        year=re.compile(rf"(?<![\d.,\w/-])(?P<year>{year})(?![\d\w]|[.,]\d|/\d)"),
    )


def _day(text: str) -> int:
    digits = re.match(r"\d+", text)
    return int(digits.group(0)) if digits else 1  # "1er", "premier", "first"


def _month_period(year: int, month: int) -> Period:
    last = calendar.monthrange(year, month)[1]
    return Period(dt.date(year, month, 1), dt.date(year, month, last), "month")


def _year_period(year: int) -> Period:
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _infer_year(month: int, day: int, ref: dt.date | None) -> int | None:
    """A day and month without a year: the occurrence nearest the reference date."""
    if ref is None:
        return None
    best = None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        d = _safe_date(y, month, day)
        if d and (best is None or abs((d - ref).days) < abs((best - ref).days)):
            best = d
    return best.year if best else None


class _Collector:
    def __init__(self, text: str) -> None:
        self.text = text
        self.found: list[Mention] = []

    def free(self, start: int, end: int) -> bool:
        return all(m.end <= start or end <= m.start for m in self.found)

    def add(self, start: int, end: int, period: Period | None) -> None:
        if start < end and self.free(start, end):
            self.found.append(Mention(start, end, self.text[start:end], "date", None, date=period))


def find_dates(text: str, lex: Lexicon, ref: dt.date | None) -> list[Mention]:
    """Dates and periods of ``text``, longest expressions first, not overlapping."""
    p = patterns_for(lex)
    c = _Collector(text)
    r = lex.raw
    for m in p.iso.finditer(text):
        d = _safe_date(int(m["year"]), int(m["month"]), int(m["day"]))
        if d:
            c.add(m.start(), m.end(), Period(d, d, "day"))
    if p.month_day:
        for m in p.month_day.finditer(text):
            _add_day(c, m, lex, ref)
    for m in p.day_month.finditer(text):
        _add_day(c, m, lex, ref)
    for m in p.month_year.finditer(text):
        month_word = m["month"] or m["month2"]
        month = lex.months.get(fold(month_word).rstrip("."))
        if not month:
            continue
        year = int(m["year"]) if m["year"] else (ref.year if ref else None)
        c.add(m.start(), m.end(), _month_period(year, month) if year else None)
    for m in p.quarter.finditer(text):
        q = _lookup(r["quarters"], m["q"])
        year = int(m["year"]) if m["year"] else (ref.year if ref else None)
        period = None
        if year and q:
            start = dt.date(year, 3 * q - 2, 1)
            end_month = 3 * q
            period = Period(
                start, dt.date(year, end_month, calendar.monthrange(year, end_month)[1]), "quarter"
            )
        c.add(m.start(), m.end(), period)
    for m in p.half.finditer(text):
        h = _lookup(r["halves"], m["h"])
        year = int(m["year"]) if m["year"] else (ref.year if ref else None)
        period = None
        if year and h:
            period = Period(
                dt.date(year, 1 if h == 1 else 7, 1),
                dt.date(year, 6 if h == 1 else 12, 30 if h == 1 else 31),
                "half",
            )
        c.add(m.start(), m.end(), period)
    for m in p.part_year.finditer(text):
        part = _part_kind(r, m["part"])
        year = int(m["year"])
        c.add(m.start(), m.end(), _part_period(part, year))
    for m in p.rel_period.finditer(text):
        grain, offset = _lookup(r["relative_periods"], m.group(0))
        c.add(m.start(), m.end(), _relative_period(grain, int(offset), ref))
    for m in p.rel_day.finditer(text):
        offset = _lookup(r["relative_days"], m.group(0))
        period = None
        if ref is not None:
            d = ref + dt.timedelta(days=int(offset))
            period = Period(d, d, "day")
        c.add(m.start(), m.end(), period)
    for m in p.ago.finditer(text):
        period = _parse_ago(m.group(0), lex.lang, ref)
        if period is not None or ref is None:
            c.add(m.start(), m.end(), period)
    for m in p.weekday.finditer(text):
        wd = lex.weekdays[fold(m["wd"])]
        period = None
        if ref is not None:
            d = ref - dt.timedelta(days=(ref.weekday() - wd) % 7)
            period = Period(d, d, "day")
        c.add(m.start(), m.end(), period)
    for m in p.numeric.finditer(text):
        _add_numeric(c, m, lex, ref)
    for m in p.year.finditer(text):
        if _year_context_ok(text, m.start(), m.end(), lex):
            c.add(m.start(), m.end(), _year_period(int(m["year"])))
    c.found.sort(key=lambda x: x.start)
    return c.found


def _lookup(table: dict, phrase: str):
    folded = fold(phrase)
    for key, value in table.items():
        if fold(str(key)) == folded:
            return value
    return None


def _part_kind(r: dict, phrase: str) -> str:
    folded = fold(phrase)
    for kind, phrases in r["part_of_year"].items():
        if any(fold(x) == folded for x in phrases):
            return kind
    return "end"


def _part_period(part: str, year: int) -> Period:
    if part == "end":
        d = dt.date(year, 12, 31)
        return Period(d, d, "year-end")
    if part == "start":
        return Period(dt.date(year, 1, 1), dt.date(year, 3, 31), "quarter")
    return Period(dt.date(year, 4, 1), dt.date(year, 9, 30), "half")


def _relative_period(grain: str, offset: int, ref: dt.date | None) -> Period | None:
    if ref is None:
        return None
    if grain in ("year", "year-end"):
        y = ref.year + offset
        if grain == "year-end":
            d = dt.date(y, 12, 31)
            return Period(d, d, "year-end")
        return _year_period(y)
    if grain == "month":
        month_index = ref.year * 12 + ref.month - 1 + offset
        return _month_period(month_index // 12, month_index % 12 + 1)
    if grain == "week":
        monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=offset)
        return Period(monday, monday + dt.timedelta(days=6), "week")
    return None


def _add_day(c: _Collector, m: re.Match[str], lex: Lexicon, ref: dt.date | None) -> None:
    month = lex.months.get(fold(m["month"]).rstrip("."))
    if not month:
        return
    day = _day(m["day"])
    if not 1 <= day <= 31:
        return
    year = int(m["year"]) if m["year"] else _infer_year(month, day, ref)
    d = _safe_date(year, month, day) if year else None
    if year and d is None:
        return
    c.add(m.start(), m.end(), Period(d, d, "day") if d else None)


def _add_numeric(c: _Collector, m: re.Match[str], lex: Lexicon, ref: dt.date | None) -> None:
    a, b = int(m["a"]), int(m["b"])
    # French writes day/month; English copy is read month/day unless the first number cannot be a month.
    day, month = (a, b) if lex.lang == "fr" or a > 12 else (b, a)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return
    if m["year"]:
        year = int(m["year"])
        if year < 100:
            year += 2000
    else:
        year = _infer_year(month, day, ref)
    d = _safe_date(year, month, day) if year else None
    c.add(m.start(), m.end(), Period(d, d, "day") if d else None)


def _parse_ago(phrase: str, lang: str, ref: dt.date | None) -> Period | None:
    if ref is None:
        return None
    base = dt.datetime.combine(ref, dt.time(12, 0))
    parsed = dateparser.parse(
        phrase, languages=[lang], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
    )
    if parsed is None:
        return None
    d = parsed.date()
    return Period(d, d, "day")


def _year_context_ok(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """A bare 1800-2099 number is a year unless a unit, currency, percent or count follows it."""
    after = text[end : end + 24].lower()
    if re.match(r"[\s\u00a0\u202f]*(%|€|\$|£|pour cent|percent|per cent)", after):
        return False
    nxt = re.match(r"[\s\u00a0\u202f]+(?:de[\s\u00a0\u202f]+|d['’]|of[\s\u00a0\u202f]+)?([\w'’-]+)", after)
    if nxt:
        word = fold(nxt.group(1))
        if (
            word in lex.counted
            or word in lex.units
            or word in lex.currencies
            or word in lex.scales
            or word in lex.durations
        ):
            return False
    return True
