"""Dates and periods: absolute, partial and relative, each kept at the precision it was written with.

"2021" is a year, "avril 2022" a month, "le 14 septembre" a day whose year
comes from the reference date (the article's publication date), "mardi" the
last Tuesday on or before it ("mardi prochain", "next Tuesday": the next one),
"à la fin de 2021" the end of a year and "d'ici la fin de l'année" the end of
the reference year; "le 23", "on the 18th" the nearest such day, "the 15th of
next month" a day of a month counted from the reference one, "cet été", "last
winter" three whole months.  Ranges are one period from the first day of their first
end to the last day of their second ("de 2019 à 2021", "du 3 au 5 mars",
"Jan-Feb 2017"), with the grain of their ends.  Counts from the reference date
("il y a trois jours", "in two weeks") and rolling windows ("the past five
years") are reckoned on the calendar.  Without a reference date, relative
expressions are still found but left unresolved (``date`` is None) rather than
guessed from today.  "after 2016", "depuis mars" keep their bound as the
mention's qualifier (after, since, before, until).  Recurrences ("every Monday",
"once a week", "weekly", "tous les jours") are date mentions qualified
"recurring" with no period: they name no one date, so no comparison takes them
for the date of an event and no figure beside them takes them for its period.

Clock times and parts of the day are kept with the day they are said with
("lundi à 16h", "tomorrow 8:00am", "demain soir", "at 3pm on Wednesday"): the
period gets ``start_time``/``end_time`` and a grain of hour, minute or second.
Alone ("à 16 heures", "between 4pm and 6pm", "ce soir") they are times of the
reference day.  Parts of the day are read as Recognizers-Text reads them ("ce
soir" 16:00-20:00, "tomorrow night" 20:00-23:59:59, "early morning" 08:00-10:00),
and a part said with an hour gives it its half ("sept heures du soir" is 19:00).
An hour written with a unit of duration is a time only with a cue ("à 16
heures", not "pendant 16 heures", "2h30 de route"); a bare number only in a
range or beside a part of the day ("5 to 6pm", "tonight around 7").

Every word comes from rules/lexicon/<lang>/dates.yaml.  Patterns run on an
accent-free copy of the text (same offsets), so "derniere" reads as "dernière".
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from text_to_num import text2num

from ..lexicon import Lexicon, fold
from ..models import GRAINS, Mention, Period

B = r"[\s\u00a0\u202f]+"
S = r"[\s\u00a0\u202f]*"
YEAR = r"(?:1[89]\d\d|20\d\d)"
# A day of the month in digits, with or without an ordinal suffix ("1er", "21st", "04th").
DAY_DIGITS = r"(?<![\d.,])[0-3]?\d(?:st|nd|rd|th|er)?(?!\w)"
# Two-digit years above the reference year's plus this margin are read in the previous century
# ("03/18/40" written in 2016 is 1940); without a reference date, this year stands in.
TWO_DIGIT_MARGIN = 10
NO_REFERENCE_YEAR = 2025
CI = re.IGNORECASE


# -- accents --------------------------------------------------------------------------------------
def _accent_table() -> dict[int, str]:
    table = {}
    for code in range(0xC0, 0x250):
        base = unicodedata.normalize("NFD", chr(code))[0]
        if base != chr(code) and base.isascii():
            table[code] = base
    return table


_ACCENTS = _accent_table()


def plain(text: str) -> str:
    """``text`` without accents, letter for letter, so that offsets do not move."""
    return text.translate(_ACCENTS)


def key(phrase: str) -> str:
    """The lookup form of a phrase: folded (case, blanks, apostrophes) and without accents."""
    return plain(fold(phrase))


def _literal(phrase: str) -> str:
    """A phrase as a regex: any blank for a space, either apostrophe for one."""
    return "".join(
        r"[\s\u00a0\u202f]+" if ch == " " else "['’]" if ch in "'’" else re.escape(ch) for ch in phrase
    )


def _alternation(phrases: list[str]) -> str:
    return "(?:" + "|".join(_literal(p) for p in sorted(phrases, key=len, reverse=True)) + ")"


def _accented(items: Iterable[Any]) -> str:
    """Like ``_words``, for matching the original text, accents kept."""
    phrases = sorted({str(w) for w in items if str(w)}, key=len, reverse=True)
    return rf"(?<!\w){_alternation(phrases)}(?!\w)" if phrases else r"(?!x)x"


def _words(items: Iterable[Any], boundary: bool = True) -> str:
    """An alternation of phrases (accents removed, longest first); with ``boundary``, a phrase may not
    start or end inside a word, except at an edge that is no letter ("mi-avril", "@9am")."""
    phrases = sorted({plain(str(w)) for w in items if str(w)}, key=len, reverse=True)
    if not phrases:
        return r"(?!x)x"
    if not boundary:
        return _alternation(phrases)
    # Phrases by whether each edge is a word character; one group per kind keeps the regex fast.
    groups: dict[tuple[bool, bool], list[str]] = {}
    for phrase in phrases:
        groups.setdefault((bool(re.match(r"\w", phrase)), bool(re.search(r"\w$", phrase))), []).append(phrase)
    parts = []
    for (word_start, word_end), members in sorted(groups.items()):
        body = _alternation(members)
        parts.append((r"(?<!\w)" if word_start else "") + body + (r"(?!\w)" if word_end else ""))
    return "(?:" + "|".join(parts) + ")"


def _table(raw: dict[str, Any] | None) -> dict[str, Any]:
    return {key(str(k)): v for k, v in (raw or {}).items()}


# -- patterns -------------------------------------------------------------------------------------
@dataclass
class DatePatterns:
    """The compiled date grammar of one language, and the word tables its matches are read with."""

    months: dict[str, int]
    seasons: dict[str, int]
    season_needs: dict[str, str]  # a season read only with a "modifier" (or year), or an "article"
    full_months: set[str]
    ambiguous_months: set[str]
    weekdays: dict[str, int]
    full_weekdays: set[str]
    day_words: dict[str, int]
    rel_days: dict[str, int]
    rel_periods: dict[str, tuple[str, int]]
    mod_before: dict[str, int]
    mod_after: dict[str, int]
    week_ordinals: dict[str, int]
    count_units: dict[str, str]
    count_before: dict[str, int]
    count_after: dict[str, int]
    count_one: set[str]
    rolling_before: dict[str, int]
    rolling_after: dict[str, int]
    qualifiers: dict[str, str]
    holidays: dict[str, str]
    quarters: dict[str, int]
    halves: dict[str, int]
    parts: dict[str, str]
    clock_before: set[str]
    range_leads: set[str]
    month_first: bool
    rel_months: dict[str, int]
    window_units: dict[str, str]
    portion_units: dict[str, str]
    portion_sides: dict[str, str]
    # Words one of which a text must hold (as a substring, lowercased, without accents) for a rare pattern
    # to be tried on it at all: a cheap test before a slow regex.
    guards: dict[str, tuple[str, ...]]
    anaphoric: set[str]
    clock: ClockWords
    regex: dict[str, re.Pattern[str]] = field(default_factory=dict)


def _rel_keys(r: dict[str, Any], grains: set[str]) -> list[str]:
    return [k for k, (grain, _offset) in r["relative_periods"].items() if grain in grains]


@lru_cache(maxsize=8)
def patterns_for(lex: Lexicon) -> DatePatterns:
    r = lex.raw
    months = _table(r["months"])
    longest: dict[int, int] = {}
    for word, number in months.items():
        longest[number] = max(longest.get(number, 0), len(word))
    weekdays = _table(r["weekdays"])
    abbreviations = _table(r.get("weekday_abbreviations"))
    p = DatePatterns(
        months=months,
        seasons=_table(r.get("seasons")),
        season_needs={
            key(w): need for need in ("modifier", "article") for w in r.get(f"season_needs_{need}", [])
        },
        full_months={w for w, n in months.items() if len(w) == longest[n]},
        ambiguous_months={key(w) for w in r.get("ambiguous_months", [])},
        weekdays={**abbreviations, **weekdays},
        full_weekdays=set(weekdays),
        day_words=_table(r.get("day_ordinals")),
        rel_days=_table(r["relative_days"]),
        rel_periods={k: (v[0], int(v[1])) for k, v in _table(r["relative_periods"]).items()},
        mod_before=_table(r.get("date_modifiers_before")),
        mod_after=_table(r.get("date_modifiers_after")),
        week_ordinals=_table(r.get("week_ordinals")),
        count_units=_table(r.get("count_units")),
        count_before=_table(r.get("count_before")),
        count_after=_table(r.get("count_after")),
        count_one={key(w) for w in r.get("count_one", [])},
        rolling_before=_table(r.get("rolling_before")),
        rolling_after=_table(r.get("rolling_after")),
        qualifiers=_table(r.get("date_qualifiers")),
        holidays=_table(r.get("holidays")),
        quarters=_table(r["quarters"]),
        halves=_table(r["halves"]),
        parts={key(w): kind for kind, words in r["part_of_year"].items() for w in words},
        clock_before={key(w) for w in r.get("clock", {}).get("before", [])},
        range_leads={key(w) for k in ("from", "between") for w in r.get("date_ranges", {}).get(k, [])},
        month_first=bool(r.get("date_month_first", False)),
        rel_months={key(k): int(v) for k, v in r.get("relative_months", {}).get("phrases", {}).items()},
        window_units=_table(r.get("date_windows", {}).get("units")),
        portion_units=_table(r.get("year_portions", {}).get("units")),
        guards=_guards(r),
        anaphoric={key(w) for w in r.get("anaphoric_relatives", [])},
        portion_sides={
            key(w): side
            for side in ("first", "last")
            for where in ("before", "after")
            for w in r.get("year_portions", {}).get(side, {}).get(where, [])
        },
        clock=_clock_words(r),
    )
    p.regex = _compile(lex, p)
    return p


def _guards(r: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    windows, portions = r.get("date_windows", {}), r.get("year_portions", {})

    def low(words: Iterable[Any]) -> tuple[str, ...]:
        return tuple(sorted({key(str(w)).split(" ")[0] for w in words if str(w)}))

    return {
        "night": low(w for w, n in r.get("day_part_words", {}).items() if n == "night"),
        "weekdays": low(r["weekdays"]),
        "portion": low(
            w
            for side in ("first", "last")
            for k in ("before", "after")
            for w in portions.get(side, {}).get(k, [])
        ),
        "fiscal": low(r.get("fiscal_year_codes", [])),
        "week_of": low(windows.get("week_of", [])),
        "window": low(windows.get("units", {})),
        "week_code": tuple(plain(str(w)) for w in r.get("week_codes", {}).get("codes", [])),
    }


def _has(p: DatePatterns, guard: str, low: str) -> bool:
    return any(w in low for w in p.guards[guard])


def _period_of_year(
    short: str, phrases: str, name: str, short_name: str, year_words: str, of: str, rel: str
) -> str:
    """A quarter or half and its year: "2019-Q1", "Q1 2019", "first quarter of 2019", "le premier trimestre de
    l'année prochaine", "next year's first quarter"."""
    year_after = rf"(?:{B}(?:(?:{of}){S})?(?:(?:{year_words}){B})?|-)(?P<year>{YEAR})(?!\d)"
    rel_after = rf"{B}(?:{of}){S}(?P<rel>{rel})"
    return (
        rf"(?P<year0>{YEAR})(?:-|{B})?(?P<{short_name}>{short})(?!\d)"
        rf"|(?:(?P<rel0>{rel})['’]s{B})?(?P<{name}>{phrases})(?:{year_after}|{rel_after})?(?!\d)"
    )


def _recurrence(r: dict[str, Any], count: str, wd_full: str, month: str, day: str, of: str) -> str:
    """ "every Monday", "each other week", "every two years", "tous les lundis soir", "every March 14",
    "tous les 14 juillet", "once a month", "Mondays", "Friday mornings", and a recurrence word alone
    ("weekly"; group ``word``: it may be a name or a noun)."""
    plural_days = _words([f"{w}s" for w in r["weekdays"]])
    plural_parts = _words(r.get("recurrence_parts", []))
    parts = _words(list(r.get("recurrence_parts", [])) + list(r.get("day_part_words", {})))
    days = rf"(?:{plural_days}|{wd_full})(?:{B}{parts})?"
    months = rf"{month}(?:{B}{day})?|{day}{B}(?:(?:{of}){S})?{month}"
    # "the first Monday of every month", "le premier dimanche de chaque mois".
    nth = _words(r.get("recurrence_nth", []))
    nth_day = rf"(?:(?:{_words(r.get('date_articles', []))}){B})?(?:{nth}){B}{wd_full}{B}(?:{of}){S}"
    between = _words(r.get("recurrence_between", []))
    return (
        rf"(?:{nth_day})?{_words(r.get('recurrence', []))}{B}(?:(?:{between}){B})?"
        rf"(?:(?:{count}){B})?(?:{_words(r.get('recurrence_units', []))}|{days}|{parts}|{months})"
        rf"|{_words(r.get('recurrence_once', []))}{B}{_words(r.get('recurrence_units', []))}"
        rf"|{plural_days}(?:{B}{parts})?|{wd_full}{B}{plural_parts}"
        rf"|(?P<word>{_words(r.get('recurrence_words', []))})"
    )


def _compile(lex: Lexicon, p: DatePatterns) -> dict[str, re.Pattern[str]]:
    r = lex.raw
    ranges = r.get("date_ranges", {})
    month = _words(r["months"])
    # A month that may touch the digits of its day ("Dec31", "mar4").
    month_glued = rf"(?<!\w){_words(r['months'], boundary=False)}(?![^\W\d_])"
    month_full = _words(p.full_months)
    wd_full = _words(r["weekdays"])
    wd_any = rf"{_words(list(r['weekdays']) + list(r.get('weekday_abbreviations', {})))}\.?"
    day = rf"(?:{DAY_DIGITS}|{_words(r.get('day_ordinals', {}))})"
    art = _words(r.get("date_articles", []))
    of = _words(r.get("date_of", []))
    year_join = _words(r.get("date_year_joiners", []))
    year_words = _words(r.get("date_year_words", []))
    # Where a year may follow a day or month: "May 5, 2021", "5 mai 2021", "28 june in 2020", "April of '87".
    year_tail = (
        rf"(?:(?:{S},{S}|{B}(?:{year_join}){B}|{B})(?P<year>{YEAR})(?!\d)"
        rf"|{S}(?:(?:{of}){B}|['’])(?P<yy>\d\d)(?![\w%€$£]|{S}[%€$£]|{B}\w))?"
    )
    mod_after = _words(r.get("date_modifiers_after", {}))
    mod_tail = rf"(?:{B}(?P<mod>{mod_after}))?"
    to_words = [w for w in ranges.get("to", []) if w[:1].isalpha()]
    to_marks = [w for w in ranges.get("to", []) if not w[:1].isalpha()]
    to = rf"(?:{S}{_words(to_marks, boundary=False)}{S}|{B}{_words(to_words)}{B})"
    and_ = rf"{B}{_words(ranges.get('and', []))}{B}"
    between = _words(ranges.get("between", []))
    from_ = _words(ranges.get("from", []))
    lead = rf"(?:(?P<btw>{between}){B}|(?P<frm>{from_}){B})?"
    join = rf"(?(btw){and_}|{to})"
    week_rel = _words(_rel_keys(r, {"week"}))
    month_year_rel = _words(_rel_keys(r, {"month", "year"}))
    year_rel = _words(_rel_keys(r, {"year"}))
    mod_before = _words(r.get("date_modifiers_before", {}))
    ends = _words([w for ws in r["part_of_year"].values() for w in ws])
    q_all = _words(r["quarters"])
    q_short = _words([k for k in r["quarters"] if " " not in str(k)])
    h_all = _words(r["halves"])
    h_short = _words([k for k in r["halves"] if " " not in str(k)])
    units = _words(r.get("count_units", {}))
    number_words = _words(r.get("number_words", []), boundary=False)
    joiners = "|".join(
        re.escape(j).replace(r"\ ", B) for j in sorted(r.get("number_joiners", []), key=len, reverse=True)
    )
    spelled = rf"(?<![\w-])(?:{number_words})(?:(?:{joiners})(?:{number_words}))*(?![\w-])"
    count = rf"(?:(?<![\d.,])\d{{1,3}}(?![\d.,]\d)|{spelled})"
    count_or_one = rf"(?:{count}|{_words(r.get('count_one', []))})"
    day_noun = rf"(?:{B}{_words(r.get('day_nouns', []))})?"
    alt = _words(r.get("weekday_alternatives", []))
    rel_months = r.get("relative_months", {})
    rel_phrases = [str(k) for k in rel_months.get("phrases", {})]
    # Phrases of more than one word may follow a range of days without a joiner ("4-23 mois prochain").
    rel_multi = [k for k in rel_phrases if not re.fullmatch(r"[^\W\d_]+", k)]
    lone = r.get("lone_day", {})
    lone_suffix = "(?:st|nd|rd|th)" if lone.get("suffix") else "(?:er)?"
    decades = r.get("decades", {})
    windows = r.get("date_windows", {})
    week_codes = r.get("week_codes", {})
    code_words = _words(week_codes.get("codes", []), boundary=False)
    portions = r.get("year_portions", {})
    portion_before = _words(
        [w for side in ("first", "last") for w in portions.get(side, {}).get("before", [])]
    )
    portion_after = _words([w for side in ("first", "last") for w in portions.get(side, {}).get("after", [])])
    decade_after = _words(decades.get("after", []), boundary=False) if decades.get("after") else None
    rx = {
        "recurrence": _recurrence(r, count, wd_full, month_full, day, of),
        # Cheap tests run before the patterns they guard, which are slow to fail everywhere.
        "recurrence_guard": _words(
            [*r.get("recurrence", []), *r.get("recurrence_once", []), *r.get("recurrence_words", [])]
            + [f"{w}s" for w in r["weekdays"]]
            + (list(r["weekdays"]) if r.get("recurrence_parts") else [])
        ),
        "rel_month_guard": _words(rel_phrases),
        "season_guard": _words(r.get("seasons", {})),
        "recurrence_not_after": rf"(?:{_words(r.get('recurrence_not_after', []))}){S}$",
        # "du lundi au vendredi", "Monday to Friday": opening days, not two dates.
        "weekday_range": rf"{lead}{wd_full}{join}{wd_full}",
        "holiday": (
            rf"(?:(?P<mod>{mod_before}){B})?(?P<h>{_words(r.get('holidays', {}))})"
            rf"(?:{S},?{S}(?P<year>{YEAR})(?!\d)|{B}(?:{of}){S}(?P<rel>{year_rel}))?"
        ),
        "tokens": (
            rf"(?<![\w/.-])(?P<a>\d{{1,4}}|{month_glued})(?P<s>[-/.])(?P<b>\d{{1,4}}|{month_glued})\.?(?P=s)"
            rf"(?P<c>\d{{1,4}}|{month_glued})(?![\w/]|[-.]\w)"
            rf"|(?<![\w/.-])(?:(?P<m1>{month_glued})(?P<s1>[-/])(?P<x1>\d{{1,4}})"
            rf"|(?P<x2>\d{{4}})(?P<s2>[-/])(?P<m2>{month_glued}))(?![\w/]|[-.]\d|{S}\d)"
        ),
        "iso": (
            rf"(?<![\d.,/])(?<!\d-)(?P<year>{YEAR})(?P<s>[-/.])(?P<month>[01]?\d)(?P=s)(?P<day>[0-3]?\d)"
            r"(?!\d|[.,/]\d)"
        ),
        "iso_week": rf"(?<![\w-])(?P<year>{YEAR})-?W(?P<week>[0-5]\d)(?!\w)",
        "compact": rf"(?<![\d.,])(?P<year>{YEAR})(?P<month>[01]\d)(?P<day>[0-3]\d)(?!\d|[.,]\d)",
        "spaced": (
            rf"(?<![\d.,])(?<!\d )(?P<year>{YEAR}) (?P<month>[01]\d) (?P<day>[0-3]\d)(?! ?\d)"
            rf"|(?<![\d.,])(?<!\d )(?P<day2>[0-3]\d) (?P<month2>[01]\d) (?P<year2>{YEAR}|\d\d)(?! ?\d)"
        ),
        "day_range": (
            rf"{lead}(?:(?:{art}){B})?(?P<d1>{day}){join}(?:(?:{art}){B})?(?P<d2>{day}){B}(?:(?:{of}){S})?"
            rf"(?P<month>{month})\.?{year_tail}"
        ),
        # "(du) samedi 7 au dimanche 8 septembre" (run only where a weekday is; the word before it is read
        # by "before_from").
        "day_range_wd": (
            rf"(?<!\w){wd_full},?{B}(?P<d1>{day})(?P<and>{and_})?(?(and)|{to})(?:(?:{art}){B})?{wd_full},?{B}"
            rf"(?P<d2>{day}){B}(?:(?:{of}){S})?(?P<month>{month})\.?{year_tail}"
        ),
        # "la nuit de samedi à dimanche": the two days of one night.
        "night_range": (
            rf"(?<!\w)(?:{_words([w for w, n in r.get('day_part_words', {}).items() if n == 'night'])}){B}"
            rf"(?:{of}){S}(?P<wd1>{wd_full}){to}(?P<wd2>{wd_full})(?!\w)"
        ),
        "day_range_md": rf"{lead}(?P<month>{month})\.?{B}(?P<d1>{day}){join}(?P<d2>{day}){year_tail}",
        "month_range": (
            rf"{lead}(?P<m1>{month})\.?{join}(?P<m2>{month})\.?"
            rf"(?:(?:{S},{S}|{B}(?:{year_join}){B}|{B})(?P<year>{YEAR})(?!\d))?"
        ),
        "year_range": (
            rf"{lead}(?<![\d.,/-])(?P<y1>{YEAR})(?P<j>{join}|/)(?P<y2>{YEAR}|\d\d)(?!\w|[.,/-]\d)"
        ),
        "nth_week": (
            rf"(?:(?:{art}){B})?(?P<ord>{_words(r.get('week_ordinals', {}))}){B}"
            rf"{_words(r.get('week_words', []))}{B}(?:{of}){S}"
            rf"(?:(?P<month>{month})\.?(?:{B}(?P<year>{YEAR}))?|(?P<year2>{YEAR})"
            rf"|(?P<rel>{month_year_rel}))"
        ),
        "week_of_weekday": (
            rf"(?P<week>{week_rel}){S}(?:[-–,]{S}|(?:{_words(r.get('weekday_joiners', []))}){B})?"
            rf"(?P<wd>{wd_any})"
            rf"|(?:(?:{art}){B})?(?P<wd2>{wd_full}){B}(?:{of}){S}(?P<week2>{week_rel})"
        ),
        "mod_weekday": (
            rf"(?P<mod>{mod_before}){B}(?P<wd>{wd_full})"
            rf"|(?:(?:{art}){B})?(?P<wd2>{wd_full}){B}(?P<mod2>{mod_after})"
        ),
        "month_day": (
            rf"(?:(?P<wd>{wd_any}),?{B})?(?P<month>{month_glued})\.?(?P<comma>,?{B}|(?<=[^\W\d_]|\.)(?=\d))"
            rf"(?:(?P<art>{art}){B})?(?P<day>{day}|(?<=[^\W\d_]\.)[0-3]?\d(?:st|nd|rd|th)(?!\w)){year_tail}"
        ),
        "day_month": (
            rf"(?:(?P<wd>{wd_any}),?{B})?(?:(?P<art>{art}){B})?(?P<day>{day}){day_noun}{B}(?:(?P<of>{of}){S})?"
            rf"(?P<month>{month})\.?{year_tail}{mod_tail}"
        ),
        # A day or days of a month named from the reference month: "the 15th of next month", "du 4 au 23 du
        # mois prochain"; one word ("mois") or one day without its article needs a joiner.
        "day_rel_month": (
            rf"{lead}(?:(?P<art>{art}){B})?(?P<d1>{day})(?:{join}(?:(?:{art}){B})?(?P<d2>{day}))?{day_noun}"
            rf"(?:{B}(?P<joiner>{_words(rel_months.get('joiners', []))}){S}(?P<rel>{_words(rel_phrases)})"
            rf"|{B}(?P<rel2>{_words(rel_multi)}))"
        ),
        # A second weekday after a dated or recurring one: "next week Mon or Tue", "every Monday and Friday".
        "weekday_more": rf"{S}(?:,{S}(?:(?:{alt}){B})?|{B}(?:{alt}){B})(?P<wd>{wd_any})(?!\w)",
        "weekday_in": wd_any,
        # A day of the month alone: "on the 18th", "le 23"; the word before it is left out of the span.
        "lone_day": (
            rf"(?<!\w)(?:{_words(lone.get('before', []))}){B}(?P<d>(?:(?P<art>{art}){B})?(?<![\d.,])"
            rf"(?P<day>[0-3]?\d){lone_suffix}(?!\w))"
            rf"(?={S}(?:$|[.;:!?)\]](?!\d)|,(?!\d)|[-–—]{B})|{B}(?P<after>[^\W\d_]))"
        ),
        # The words a lone day may have after it, with accents ("le 23 à 10h", not "le 7 a marqué").
        "lone_day_after": rf"{B}{_accented(lone.get('after', []))}{B}",
        # A month and a day in words after it ("May twenty nine", "february twenty second"); what may follow
        # is checked by "spelled_day_end".
        "month_spelled_day": (
            rf"(?P<month>{month_full})\.?{B}"
            rf"(?P<day>{_words(r.get('day_ordinals', {}))}|{spelled})"
        ),
        "spelled_day_end": (
            rf"{S}(?:$|[.;:!?)\]](?!\d)|,)|{B}(?:{_words(r.get('clock', {}).get('before', []))}){B}"
            rf"|{B}\d{{1,2}}(?:[:.]\d\d|{_half_rx(r, None)})(?!\d)"
        ),
        # No number after the day but a time ("tues the 4th 7pm"): "Sunday 14 000".
        "weekday_day": (
            rf"(?P<wd>{wd_any}),?{B}(?:(?P<art>{art}){B})?(?P<day>{day})"
            rf"(?![\w/:-]|\.\d|{S}(?!\d\d?(?::[0-5]\d)?{_half_rx(r, None)}|\d\d?:[0-5]\d)\d)"
        ),
        "count": (
            rf"(?P<pre>{_words(r.get('count_before', {}))}){B}(?P<n>{count_or_one}){B}(?P<unit>{units})"
            rf"(?:{B}(?P<post0>{_words(r.get('count_after', {}))}))?"
            rf"|(?P<n2>{count_or_one}){B}(?P<unit2>{units}){B}(?P<post>{_words(r.get('count_after', {}))})"
        ),
        "rolling": (
            rf"(?:(?:{art}){B})?(?P<pre>{_words(r.get('rolling_before', {}))}){B}(?P<n>{count}){B}"
            rf"(?P<unit>{units})"
            rf"|(?:(?:{art}){B})?(?P<n2>{count}){B}(?P<post>{_words(r.get('rolling_after', {}))}){B}"
            rf"(?P<unit2>{units})"
        ),
        # "les neuf premiers mois de l'année", "the first six months of 2023", "the last three months of
        # 2022".
        "year_portion": (
            rf"(?:(?:{art}){B})?(?:(?P<side>{portion_before}){B}(?P<n>{count})"
            rf"|(?P<n2>{count}){B}(?P<side2>{portion_after})){B}"
            rf"(?P<unit>{_words(portions.get('units', {}))}){B}"
            rf"(?:{of}){S}(?:(?P<year>{YEAR})(?!\d)|(?P<rel>{year_rel})|(?P<cur>{year_words}))(?!\w)"
        ),
        "quarter": _period_of_year(q_short, q_all, "q", "qs", year_words, of, year_rel),
        "half": _period_of_year(h_short, h_all, "h", "hs", year_words, of, year_rel),
        # "FY2024", "FY25", "FY 2023-24": a fiscal year by the calendar year it is named after.
        "fiscal_year": (
            rf"(?<![\w-])(?:{_words(r.get('fiscal_year_codes', []), boundary=False)}){S}"
            rf"(?P<y>{YEAR}|\d\d)(?:[-/](?P<y2>{YEAR}|\d\d))?(?!\w|[.,/-]\d)"
        ),
        "part_year": rf"(?P<part>{ends}){S}(?:(?:{year_words}){B})?(?P<year>{YEAR})(?!\d)",
        # Around a relative period: "à la fin de l'année dernière", "by the end of last year".
        "part_before": rf"(?P<part>{ends}){S}(?:(?:{of}){S})?$",
        "mod_after": rf"{B}(?P<mod>{mod_after})(?!\w)",
        "after_of": rf"{B}(?:{of})(?!\w)",
        "month_year": (
            rf"(?:(?P<part>{ends}){S}(?:(?:{of}){S})?)?(?P<month>{month})\.?"
            rf"(?:{S}[,/-]{S}|{B}(?:(?:{of}){B})?)(?P<year>{YEAR})(?!\d)"
            rf"|(?P<year2>{YEAR}){B}(?P<month3>{month_full})(?!{S}\d)"
            rf"|(?P<part2>{ends}){S}(?:(?:{of}){S})?(?P<month2>{month})(?!\w)"
        ),
        "mod_month": (
            rf"(?P<mod>{mod_before}){B}(?P<month>{month_full})(?!{S}\d)"
            rf"|(?P<month2>{month_full}){B}(?P<mod2>{mod_after})"
            rf"|(?P<month3>{month_full}){B}(?:(?:{of}){S})?(?P<rel>{year_rel})"
        ),
        "decade": (
            rf"(?:(?P<pre>{_words(decades.get('before', []))}){S})?(?P<apo>['’])?"
            r"(?P<y>(?:1[89]|20)?\d0)(?!\d)"
            + (rf"(?P<suf>{decade_after})?(?!\w)" if decade_after else r"(?!\w)")
        ),
        "season": (
            rf"(?:(?P<mod>{mod_before}){B}|(?P<art>{_words(r.get('season_articles', []))}){S})?"
            rf"(?P<s>{_words(r.get('seasons', {}))})(?:{B}(?P<mod2>{mod_after}))?"
            rf"(?:(?:{S},{S}|{B}(?:(?:{of}){B})?)(?P<year>{YEAR})(?!\d))?"
        ),
        "rel_period": _words(r["relative_periods"]),
        "rel_day": _words(r["relative_days"]),
        "now": _words(ranges.get("now", [])),
        # A window named by a day it holds or ends on: "la semaine du 29 janvier", "the three months to May
        # 31", "l'exercice clos le 31 mars"; matched on the text before that day.
        "week_of": rf"(?:(?:{art}){B})?{_words(windows.get('week_of', []))}{B}$",
        # The end of "window_ending", tested first: it fails fast where that one would try every count.
        "window_tail": (
            rf"(?<!\w){_words(windows.get('units', {}))}{B}(?:{_words(windows.get('ending', []))})"
            rf"(?:{B}(?:{_words(windows.get('joiners', []))}))?{B}$"
        ),
        "window_ending": (
            rf"(?P<shift>(?<!\w)(?:{_words(windows.get('shifts', []))}){B})?"
            rf"(?:(?:{art}){B})?(?:(?P<n>{count}){B})?(?P<unit>{_words(windows.get('units', {}))}){B}"
            rf"(?:{_words(windows.get('ending', []))})(?:{B}(?:{_words(windows.get('joiners', []))}))?{B}$"
        ),
        "week_number": (
            rf"(?<![\w-]){_words(r.get('week_words', []))}{S}(?P<n>\d{{1,2}})(?!\d|[.,]\d)"
            rf"(?:{B}(?:{of}){S}(?P<year>{YEAR})(?!\d))?"
        ),
        # "en S12", "contre 134 en S10", "S12 2024": a week number written as a code, after a cue or before
        # a year.
        "week_code": (
            rf"(?<![\w-])(?-i:{code_words})(?P<n>\d{{1,2}})(?:(?:-|/|{B})(?P<year>{YEAR}))?(?![\w-])"
        ),
        "week_code_cue": rf"(?<!\w)(?:{_words(week_codes.get('before', []))}){B}$",
        # A lone weekday keeps the "on"/"le" before it in its span, as it always has.
        "weekday": rf"(?:{_words(r.get('weekday_joiners', []))}{B})?(?P<wd>{wd_full})",
        "numeric": (
            r"(?<![\d/.,])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)"
            rf"(?:/(?P<year>\d{{4}}|\d{{2}})|,{S}(?P<cyear>{YEAR}))?(?![\d/]|[.,]\d)"
            r"|(?<![\d.,/])(?P<a2>[0-3]?\d)(?P<s>[-.])(?P<b2>[0-3]?\d)(?P=s)(?P<year2>\d{4}|\d\d)(?!\d|[.,/]\d)"
        ),
        "month_number_year": (
            rf"(?<![\d.,/-])(?P<m>[01]?\d)[-/](?P<year>{YEAR})(?!\d|[.,/-]\d)"
            rf"|(?<![\d.,/-])(?P<year2>{YEAR})-(?P<m2>[01]?\d)(?!\d|[.,/-]\d)"
        ),
        "bare_month": (
            rf"{_words(r.get('bare_month_prepositions', []))}{B}(?P<month>{month_full})(?![\w'’-]|{S}\d)"
        ),
        "year": rf"(?<![\d.,\w/-])(?P<year>{YEAR})(?![\d\w]|[.,]\d|/\d)",
        # Around a date: what comes before it or joins it to another date.
        "gap_to": rf"{to}",
        "gap_and": and_,
        "before_between": rf"(?:{between}){B}$",
        "before_from": rf"(?:{from_}|{between}){B}$",
        # Matched with accents on the original text: "dès 2023" is a bound, "des années 2000" is not.
        "qualifier": rf"(?:{_accented(r.get('date_qualifiers', {}))}){B}$",
        # A clock word right before a time, read past by the qualifier: "after around 3:30pm".
        "trailing_cue": rf"{_accented(r.get('clock', {}).get('before', []))}{B}$",
        "open_from": rf"{_accented(r.get('clock', {}).get('open_from', []))}{B}$",
        # Not inside a longer number or date: "24/7" is no date, "le 24/7/2023" is one.
        "not_dates": rf"(?<![\w/.-]){_words(r.get('not_dates', []), boundary=False)}(?![\w/]|[.-]\d)",
        "window_cue": _words(r.get("count_window_cues", [])),
        "slash_cue": rf"(?:{_words(r.get('slash_date_cues', []))}|{wd_any}),?{B}$",
    }
    rx.update(_clock_sources(r, spelled, number_words, mod_before))
    return {name: re.compile(src, CI) for name, src in rx.items()}


# -- arithmetic on the calendar -------------------------------------------------------------------
def _day(text: str, words: dict[str, int]) -> int | None:
    digits = re.match(r"\d+", text)
    if digits:
        return int(digits.group(0))
    return words.get(key(text))


def _month_period(year: int, month: int) -> Period:
    return Period(dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]), "month")


def _year_period(year: int) -> Period:
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")


def _quarter_period(year: int, q: int) -> Period:
    end_month = 3 * q
    end = dt.date(year, end_month, calendar.monthrange(year, end_month)[1])
    return Period(dt.date(year, end_month - 2, 1), end, "quarter")


def _half_period(year: int, h: int) -> Period:
    if h == 1:
        return Period(dt.date(year, 1, 1), dt.date(year, 6, 30), "half")
    return Period(dt.date(year, 7, 1), dt.date(year, 12, 31), "half")


def _week_period(monday: dt.date) -> Period:
    return Period(monday, monday + dt.timedelta(days=6), "week")


def _day_period(d: dt.date) -> Period:
    return Period(d, d, "day")


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _add_months(d: dt.date, months: int) -> dt.date:
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def _shift(ref: dt.date, unit: str, n: int) -> dt.date:
    if unit == "day":
        return ref + dt.timedelta(days=n)
    if unit == "week":
        return ref + dt.timedelta(weeks=n)
    if unit == "fortnight":
        return ref + dt.timedelta(weeks=2 * n)
    if unit == "month":
        return _add_months(ref, n)
    return _add_months(ref, 12 * n)


def _two_digit_year(yy: int, ref: dt.date | None) -> int:
    base = ref.year if ref else NO_REFERENCE_YEAR
    return 2000 + yy if 2000 + yy <= base + TWO_DIGIT_MARGIN else 1900 + yy


def _nearest_year(month: int, day: int, ref: dt.date | None, direction: int = 0) -> int | None:
    """The year of the occurrence of a day and month nearest the reference date (or the previous or next
    one when ``direction`` is -1 or 1), skipping years without that day (29 February)."""
    if ref is None:
        return None
    candidates = [(y, _safe_date(y, month, day)) for y in range(ref.year - 4, ref.year + 5)]
    dated = [(y, d) for y, d in candidates if d is not None]
    if direction < 0:
        dated = [(y, d) for y, d in dated if d < ref]
    elif direction > 0:
        dated = [(y, d) for y, d in dated if d > ref]
    if not dated:
        return None
    # Ties go to the past: news reports more than it announces.
    return min(dated, key=lambda yd: (abs((yd[1] - ref).days), yd[1] > ref))[0]


def _nearest_month_year(month: int, ref: dt.date | None, direction: int = 0) -> int | None:
    if ref is None:
        return None
    if direction == 0:
        here = ref.year * 12 + ref.month - 1
        # Ties (six months either way) go to the past.
        return min((ref.year - 1, ref.year, ref.year + 1), key=lambda y: (abs(y * 12 + month - 1 - here), y))
    if direction > 0:
        return ref.year if month > ref.month else ref.year + 1
    return ref.year if month < ref.month else ref.year - 1


def _nearest_period_year(build: Any, number: int, ref: dt.date) -> int:
    """The year of the quarter or half ``number`` nearest the reference date (the one it falls in, if
    any): "au troisième trimestre" written in January is the last one, not the coming one. Ties go to
    the past."""

    def distance(year: int) -> tuple[int, bool]:
        period = build(year, number)
        return max((period.start - ref).days, (ref - period.end).days, 0), period.start > ref

    return min((ref.year - 1, ref.year, ref.year + 1), key=distance)


def _monday(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def _weekday_date(wd: int, ref: dt.date, direction: int | None) -> dt.date:
    """None: on or before ``ref``; 1: strictly after; -1: strictly before; 0: in the week of ``ref``."""
    if direction is None:
        return ref - dt.timedelta(days=(ref.weekday() - wd) % 7)
    if direction > 0:
        return ref + dt.timedelta(days=(wd - ref.weekday() - 1) % 7 + 1)
    if direction < 0:
        return ref - dt.timedelta(days=(ref.weekday() - wd - 1) % 7 + 1)
    return _monday(ref) + dt.timedelta(days=wd)


def _nth_week(start: dt.date, end: dt.date, n: int) -> Period | None:
    """The n-th Monday-to-Sunday week whose Thursday falls between ``start`` and ``end`` (the ISO rule;
    -1 is the last one)."""
    first_thursday = start + dt.timedelta(days=(3 - start.weekday()) % 7)
    weeks = []
    thursday = first_thursday
    while thursday <= end:
        weeks.append(thursday - dt.timedelta(days=3))
        thursday += dt.timedelta(weeks=1)
    if not weeks or n == 0 or abs(n) > len(weeks):
        return None
    return _week_period(weeks[n - 1] if n > 0 else weeks[n])


def _easter(year: int) -> dt.date:
    """Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    j = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * j) // 451
    month, day = divmod(h + j - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _holiday(rule: str, year: int, weekdays: dict[str, int]) -> dt.date | None:
    """A holiday's date in ``year``: "MM-DD", "easter+N" or "MM-weekday-N" (-1: the last one), maybe with
    days after it ("11-thursday-4+1": the day after the fourth Thursday of November)."""
    m = re.fullmatch(r"easter([+-]\d+)", rule)
    if m:
        return _easter(year) + dt.timedelta(days=int(m.group(1)))
    m = re.fullmatch(r"(\d\d)-([a-z]+)-(-?\d)([+-]\d+)?", rule)
    if m:
        month, wd, n = int(m.group(1)), weekdays[key(m.group(2))], int(m.group(3))
        shift = dt.timedelta(days=int(m.group(4) or 0))
        days = [
            d
            for d in range(1, calendar.monthrange(year, month)[1] + 1)
            if dt.date(year, month, d).weekday() == wd
        ]
        return dt.date(year, month, days[n - 1] if n > 0 else days[n]) + shift
    month, day = (int(x) for x in rule.split("-"))
    return _safe_date(year, month, day)


def _relative_period(grain: str, offset: int, ref: dt.date | None) -> Period | None:
    if ref is None:
        return None
    if grain == "year":
        return _year_period(ref.year + offset)
    if grain == "year-end":
        d = dt.date(ref.year + offset, 12, 31)
        return Period(d, d, "year-end")
    if grain == "month":
        first = _add_months(ref.replace(day=1), offset)
        return _month_period(first.year, first.month)
    if grain == "week":
        return _week_period(_monday(ref) + dt.timedelta(weeks=offset))
    if grain == "quarter":
        index = ref.year * 4 + (ref.month - 1) // 3 + offset
        return _quarter_period(index // 4, index % 4 + 1)
    if grain == "half":
        index = ref.year * 2 + (ref.month - 1) // 6 + offset
        return _half_period(index // 2, index % 2 + 1)
    if grain == "weekend":
        # Early in the week "the weekend" is the one just past; from Wednesday on, the coming one.
        saturday = _monday(ref) + dt.timedelta(days=5 - (7 if ref.weekday() < 2 else 0) + 7 * offset)
        return Period(saturday, saturday + dt.timedelta(days=1), "day")
    return None


# -- collecting -----------------------------------------------------------------------------------
@dataclass
class _Item:
    start: int
    end: int
    period: Period | None
    # False when the year was not written but taken from the reference date: a range may correct it.
    year_known: bool = True
    month: int | None = None
    day: int | None = None
    qualifier: str | None = None
    now: bool = False  # "now": kept only as one end of a range
    weekday_only: bool = False  # a lone weekday, which a following day may absorb
    part: str | None = None  # a part of the day said with it ("demain soir"), or that it is ("le matin")
    part_half: int = 0  # 1: the first half of the part ("early morning"), 2: the second
    times: _Times | None = None  # the clock time or range said with it
    day_end: bool = False  # "fin de demain": the last second of the day
    recurring: bool = False  # "every Monday", "weekly": no one date, so no period
    # (grain, offset, part of the year) of a phrase that counts from another date of the text ("le lendemain")
    anaphora: tuple[str, int, str | None] | None = None


class _Collector:
    """The dates found so far, longest expressions first; later matches may not overlap them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.items: list[_Item] = []
        self.blocked: list[tuple[int, int]] = []

    def free(self, start: int, end: int) -> bool:
        spans = [(i.start, i.end) for i in self.items] + self.blocked
        return all(e <= start or end <= s for s, e in spans)

    def add(self, start: int, end: int, period: Period | None, **info: Any) -> bool:
        if start < end and self.free(start, end):
            self.items.append(_Item(start, end, period, **info))
            return True
        return False


def _month_ok(p: DatePatterns, word: str, beside_number: bool) -> bool:
    """ "May", "March": a month when capitalised or beside a day or year, not "this may take"."""
    return beside_number or key(word) not in p.ambiguous_months or word[:1].isupper()


def _after_is_figure(text: str, end: int, lex: Lexicon) -> bool:
    """A unit, currency, percent or counted noun right after ``end``: the number there is a figure."""
    return not _year_context_ok(text, end, end, lex)


def find_dates(text: str, lex: Lexicon, ref: dt.date | None) -> list[Mention]:
    """Dates and periods of ``text``, longest expressions first, not overlapping."""
    p = patterns_for(lex)
    flat = plain(text)
    c = _Collector(text)
    rx = p.regex
    _recurrences(c, p, flat)
    _night_ranges(c, p, flat, ref)
    for name in ("weekday_range", "not_dates"):
        c.blocked += [(m.start(), m.end()) for m in rx[name].finditer(flat) if m.end() > m.start()]
    _holidays(c, p, flat, ref)
    _numeric_shapes(c, p, flat, ref)
    _ranges(c, p, lex, flat, ref)
    _weeks(c, p, flat, ref)
    _days(c, p, lex, flat, ref)
    _weekday_alternatives(c, p, flat)
    _counts(c, p, lex, flat, ref)
    _periods(c, p, lex, flat, ref)
    _relatives(c, p, flat, ref)
    _lone_numbers(c, p, lex, flat, ref)
    for m in rx["bare_month"].finditer(flat):
        word = text[m.start("month") : m.end("month")]
        if _month_ok(p, word, False):
            month = p.months[key(word)]
            year = _nearest_month_year(month, ref)
            c.add(m.start("month"), m.end(), _month_period(year, month) if year else None, year_known=False)
    for m in rx["year"].finditer(flat):
        if _year_context_ok(text, m.start(), m.end(), lex):
            c.add(m.start(), m.end(), _year_period(int(m["year"])))
    _resolve_anaphora(c)
    items = _merge_ranges(c, p, flat)
    for item in items:
        # "le 1er avril.": the full stop ends the sentence unless it ends an abbreviation ("Jan.").
        word = re.search(r"([^\W\d_]+)\.$", flat[item.start : item.end])
        if word and (key(word.group(1)) in p.full_months or key(word.group(1)) in p.full_weekdays):
            item.end -= 1
    _windows(items, p, lex, flat)
    items = _attach_times(items, c, p, lex, flat, ref)
    _qualify(items, p, text)
    return [
        Mention(i.start, i.end, text[i.start : i.end], "date", None, qualifier=i.qualifier, date=i.period)
        for i in items
        if not i.now
    ]


def _windows(items: list[_Item], p: DatePatterns, lex: Lexicon, flat: str) -> None:
    """ "la semaine du 29 janvier", "the week of May 13": the Monday-to-Sunday week holding that day; "the
    week ending 11 May", "the three months to May 31", "the 12 months through April", "l'exercice clos le
    31 mars": the weeks or months up to that day or month (a whole week, month, quarter, half or year when
    they make one)."""
    rx = p.regex
    for item in items:
        period = item.period
        if period is None or period.has_time or item.weekday_only or period.grain not in ("day", "month"):
            continue
        if period.grain == "day" and period.start != period.end:
            continue
        before = flat[max(0, item.start - 40) : item.start]
        low = before.lower()
        week = rx["week_of"].search(before) if period.grain == "day" and _has(p, "week_of", low) else None
        if week:
            item.period = _week_period(_monday(period.start))
            item.start -= len(before) - week.start()
            continue
        if not _has(p, "window", low) or not rx["window_tail"].search(before, max(0, len(before) - 25)):
            continue
        m = rx["window_ending"].search(before)
        if not m or m["shift"]:
            continue  # "postponed by two weeks to May 5" moves a date
        n = _count_value(m["n"], p, lex.lang) if m["n"] else 1
        unit = p.window_units[key(m["unit"])]
        if not n or (m["n"] and unit not in ("week", "month")) or (n > 1 and unit == "week" and not m["n"]):
            continue
        end = period.end
        if unit == "week":
            start = end - dt.timedelta(days=7 * n - 1)
            grain = "week" if n == 1 else "day"
        else:
            start = _add_months(
                end + dt.timedelta(days=1), -n * {"month": 1, "quarter": 3, "half": 6}.get(unit, 12)
            )
            grain = _months_grain(start, end)
        item.period = Period(start, end, grain)
        item.start -= len(before) - (m.start("n") if m["n"] else m.start("unit"))


def _counted(
    m: re.Match[str], before: dict[str, int], after: dict[str, int]
) -> tuple[tuple[int, int], str, int]:
    """The count's span, unit and direction of "in 3 days" (``before`` words) or "3 days ago" (``after``)."""
    if m["pre"]:
        return m.span("n"), m["unit"], before[key(m["pre"])]
    return m.span("n2"), m["unit2"], after[key(m["post"])]


def _months_grain(start: dt.date, end: dt.date) -> str:
    """The grain of a span of days: a calendar year, half or quarter when it is one, "month" for whole
    months, else "day"."""
    if start.day != 1 or (end + dt.timedelta(days=1)).day != 1:
        return "day"
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if months == 12 and start.month == 1:
        return "year"
    if months == 6 and start.month in (1, 7):
        return "half"
    if months == 3 and start.month % 3 == 1:
        return "quarter"
    return "month"


def _recurrences(c: _Collector, p: DatePatterns, flat: str) -> None:
    """ "every Monday", "once a week", "weekly", "tous les jours": mentions qualified "recurring", without a
    period, found before any date so that "Monday" in "every Monday" is no date of its own."""
    if not p.regex["recurrence_guard"].search(flat):
        return
    for m in p.regex["recurrence"].finditer(flat):
        if m["word"] and not _recurrence_word_ok(p, c.text, flat, m.start(), m.end()):
            continue
        if not c.add(m.start(), m.end(), None, recurring=True, qualifier="recurring"):
            continue
        # "every Monday and Thursday", "chaque lundi, mercredi et vendredi": each weekday recurs.
        if not p.regex["weekday_in"].search(flat, m.start(), m.end()):
            continue
        more = p.regex["weekday_more"].match(flat, m.end())
        while more and c.add(more.start("wd"), more.end("wd"), None, recurring=True, qualifier="recurring"):
            more = p.regex["weekday_more"].match(flat, more.end())


def _night_ranges(c: _Collector, p: DatePatterns, flat: str, ref: dt.date | None) -> None:
    """ "dans la nuit de samedi à dimanche": the night between two weekdays that follow each other, as
    those two days (the first one the last on or before the reference date); "du lundi au vendredi" stays
    no date."""
    if not _has(p, "night", flat.lower()):
        return
    for m in p.regex["night_range"].finditer(flat):
        first, second = p.weekdays[key(m["wd1"])], p.weekdays[key(m["wd2"])]
        if second != (first + 1) % 7:
            continue
        period = None
        if ref is not None:
            day = _weekday_date(first, ref, None)
            period = Period(day, day + dt.timedelta(days=1), "day")
        c.add(m.start(), m.end(), period)


def _recurrence_word_ok(p: DatePatterns, text: str, flat: str, start: int, end: int) -> bool:
    """ "weekly", "hebdomadaire" alone: not a noun ("l'hebdomadaire Le Point") nor part of a name ("the Daily
    Mail", "Weekly Standard": a capital on it and on a word beside it)."""
    if p.regex["recurrence_not_after"].search(flat, max(0, start - 12), start):
        return False
    if not text[start].isupper():
        return True
    before = re.search(r"([^\W\d_])[\w'’-]*[\s\u00a0\u202f]+$", text[max(0, start - 40) : start])
    after = re.match(r"[\s\u00a0\u202f]+([^\W\d_])", text[end:])
    return not any(m and m.group(1).isupper() for m in (before, after))


def _holidays(c: _Collector, p: DatePatterns, flat: str, ref: dt.date | None) -> None:
    for m in p.regex["holiday"].finditer(flat):
        rule = p.holidays[key(m["h"])]
        period = None
        if m["year"]:
            d = _holiday(rule, int(m["year"]), p.weekdays)
            period = _day_period(d) if d else None
        elif ref is not None:
            year = ref.year
            if m["rel"]:
                year += p.rel_periods[key(m["rel"])][1]
            direction = p.mod_before.get(key(m["mod"])) if m["mod"] else None
            dates = [d for y in (year - 1, year, year + 1) if (d := _holiday(rule, y, p.weekdays))]
            if m["rel"] or direction == 0:
                pick = _holiday(rule, year, p.weekdays)
            elif direction:
                later = [d for d in dates if (d - ref).days * direction > 0]
                pick = min(later, key=lambda d: abs((d - ref).days)) if later else None
            else:
                pick = min(dates, key=lambda d: (abs((d - ref).days), d > ref))
            period = _day_period(pick) if pick else None
        c.add(m.start(), m.end(), period)


def _numeric_shapes(c: _Collector, p: DatePatterns, flat: str, ref: dt.date | None) -> None:
    """Dates written with separators and a month name or a four-digit year: ISO, "05-Aug-2016",
    "2019/aug/01", "20170302", "2016 10 16", "Dec-2018", ISO weeks."""
    rx = p.regex
    for m in rx["iso"].finditer(flat):
        d = _safe_date(int(m["year"]), int(m["month"]), int(m["day"]))
        if d:
            c.add(m.start(), m.end(), _day_period(d))
    for m in rx["iso_week"].finditer(flat):
        week = int(m["week"])
        try:
            monday = dt.date.fromisocalendar(int(m["year"]), week, 1)
        except ValueError:
            continue
        c.add(m.start(), m.end(), _week_period(monday))
    for m in rx["tokens"].finditer(flat):
        _add_tokens(c, p, m, ref)
    for m in rx["compact"].finditer(flat):
        d = _safe_date(int(m["year"]), int(m["month"]), int(m["day"]))
        if d:
            c.add(m.start(), m.end(), _day_period(d))
    for m in rx["spaced"].finditer(flat):
        if m["year"]:
            y, mo, d = int(m["year"]), int(m["month"]), int(m["day"])
        else:
            y, mo, d = int(m["year2"]), int(m["month2"]), int(m["day2"])
            y = _two_digit_year(y, ref) if y < 100 else y
        day = _safe_date(y, mo, d)
        if day:
            c.add(m.start(), m.end(), _day_period(day))


def _add_tokens(c: _Collector, p: DatePatterns, m: re.Match[str], ref: dt.date | None) -> None:
    if m["a"]:
        tokens = [m["a"], m["b"], m["c"]]
        names = [t for t in tokens if not t.isdigit()]
        years = [t for t in tokens if t.isdigit() and len(t) == 4]
        days = [t for t in tokens if t.isdigit() and len(t) <= 2]
        if len(names) != 1 or len(years) != 1 or len(days) != 1:
            return
        d = _safe_date(int(years[0]), p.months[key(names[0])], int(days[0]))
        if d:
            c.add(m.start(), m.end(), _day_period(d))
        return
    name, number, sep = (m["m1"], m["x1"], m["s1"]) if m["m1"] else (m["m2"], m["x2"], m["s2"])
    month = p.months[key(name)]
    if len(number) == 4 and re.fullmatch(YEAR, number):
        c.add(m.start(), m.end(), _month_period(int(number), month))
    elif len(number) <= 2 and sep == "/" and m["m1"]:
        # "Oct/2": a day of a month, the year from the reference date.
        day = int(number)
        year = _nearest_year(month, day, ref)
        d = _safe_date(year, month, day) if year else None
        if 1 <= day <= 31:
            c.add(m.start(), m.end(), _day_period(d) if d else None, year_known=False, month=month, day=day)


def _ranges(c: _Collector, p: DatePatterns, lex: Lexicon, flat: str, ref: dt.date | None) -> None:
    """Ranges written as one expression: "du 3 au 5 mars", "November 18-20", "Jan-Feb 2017", "2019-2021"."""
    rx = p.regex
    text = c.text
    _days_of_relative_months(c, p, flat, ref)
    for name in ("day_range", "day_range_wd", "day_range_md"):
        if name == "day_range_md" and not p.month_first:
            continue
        if name == "day_range_wd" and not _has(p, "weekdays", flat.lower()):
            continue
        for m in rx[name].finditer(flat):
            start = m.start()
            if name == "day_range_wd":
                lead = rx["before_from"].search(flat, max(0, start - 12), start)
                if m["and"] and not (lead and rx["before_between"].search(flat, max(0, start - 12), start)):
                    continue  # "samedi 7 et dimanche 8 septembre": two dates; "entre samedi 7 et ..." one
                start = lead.start() if lead else start
            d1, d2 = _day(m["d1"], p.day_words), _day(m["d2"], p.day_words)
            month = p.months[key(m["month"])]
            if not (d1 and d2 and 1 <= d1 < d2 <= 31):
                continue
            if _after_is_figure(text, m.end("d2"), lex):
                continue  # a unit or count after the second number: a figure range
            year, known = _year_of(m, p, ref, month, d1)
            if year is None:
                c.add(start, m.end(), None)
                continue
            a, b = _safe_date(year, month, d1), _safe_date(year, month, d2)
            if a and b:
                c.add(start, m.end(), Period(a, b, "day"), year_known=known)
    for m in rx["month_range"].finditer(flat):
        m1, m2 = p.months[key(m["m1"])], p.months[key(m["m2"])]
        words = (text[m.start("m1") : m.end("m1")], text[m.start("m2") : m.end("m2")])
        if m1 == m2 or not (m["year"] or m["btw"] or m["frm"]):
            continue
        if not all(_month_ok(p, w, bool(m["year"])) for w in words):
            continue
        year = int(m["year"]) if m["year"] else (ref.year if ref else None)
        if year is None:
            c.add(m.start(), m.end(), None)
            continue
        # "Nov-Feb 2017": the year belongs to the second month.
        first_year = year - 1 if m1 > m2 else year
        period = Period(_month_period(first_year, m1).start, _month_period(year, m2).end, "month")
        c.add(m.start(), m.end(), period, year_known=bool(m["year"]))
    for m in rx["year_range"].finditer(flat):
        y1, raw2 = int(m["y1"]), m["y2"]
        if len(raw2) == 2:
            if m["j"].strip()[:1].isalpha():
                continue  # "2019 to 20 people"
            y2 = y1 // 100 * 100 + int(raw2)
        else:
            y2 = int(raw2)
        if not y1 < y2 <= y1 + 100 or not _year_context_ok(text, m.start("y2"), m.end(), lex):
            continue
        c.add(m.start(), m.end(), Period(dt.date(y1, 1, 1), dt.date(y2, 12, 31), "year"))


def _year_of(
    m: re.Match[str], p: DatePatterns, ref: dt.date | None, month: int, day: int
) -> tuple[int | None, bool]:
    """The year of a day-and-month match and whether it was written; "le 5 mai dernier" is the last one."""
    if m["year"]:
        return int(m["year"]), True
    if m["yy"]:
        return _two_digit_year(int(m["yy"]), ref), True
    direction = 0
    if "mod" in m.re.groupindex and m["mod"]:
        direction = 1 if p.mod_after.get(key(m["mod"]), 0) > 0 else -1
    return _nearest_year(month, day, ref, direction), False


def _weeks(c: _Collector, p: DatePatterns, flat: str, ref: dt.date | None) -> None:
    rx = p.regex
    for m in rx["nth_week"].finditer(flat):
        n = p.week_ordinals[key(m["ord"])]
        period = None
        if m["month"]:
            month = p.months[key(m["month"])]
            year = int(m["year"]) if m["year"] else (ref.year if ref else None)
            if year:
                mp = _month_period(year, month)
                period = _nth_week(mp.start, mp.end, n)
        elif m["year2"]:
            y = int(m["year2"])
            period = _nth_week(dt.date(y, 1, 1), dt.date(y, 12, 31), n)
        else:
            within = _relative_period(*p.rel_periods[key(m["rel"])], ref)
            if within:
                period = _nth_week(within.start, within.end, n)
        c.add(m.start(), m.end(), period)
    for m in rx["week_of_weekday"].finditer(flat):
        week, wd = (m["week"], m["wd"]) if m["week"] else (m["week2"], m["wd2"])
        period = None
        if ref is not None:
            offset = p.rel_periods[key(week)][1]
            wd_number = p.weekdays[key(wd.rstrip("."))]
            period = _day_period(_monday(ref) + dt.timedelta(weeks=offset, days=wd_number))
        c.add(m.start(), m.end(), period)
    for m in rx["mod_weekday"].finditer(flat):
        wd, mod = (m["wd"], m["mod"]) if m["wd"] else (m["wd2"], m["mod2"])
        direction = p.mod_before[key(mod)] if m["wd"] else p.mod_after[key(mod)]
        period = _day_period(_weekday_date(p.weekdays[key(wd)], ref, direction)) if ref else None
        c.add(m.start(), m.end(), period)


def _days(c: _Collector, p: DatePatterns, lex: Lexicon, flat: str, ref: dt.date | None) -> None:
    rx = p.regex
    if p.month_first:
        for m in rx["month_day"].finditer(flat):
            _add_day(c, p, lex, m, ref)
    for m in rx["day_month"].finditer(flat):
        _add_day(c, p, lex, m, ref)
    for m in rx["month_spelled_day"].finditer(flat):
        _add_spelled_day(c, p, lex, m, ref)
    for m in rx["weekday_day"].finditer(flat):
        _add_weekday_day(c, p, m, ref)
    for m in rx["lone_day"].finditer(flat):
        day = int(m["day"])
        if m["after"] and not rx["lone_day_after"].match(c.text, m.end("d")):
            continue  # "on the 4th floor", "le 15 de France"
        if 1 <= day <= 31:
            d = _nearest_day(day, ref)
            c.add(m.start("d"), m.end("d"), _day_period(d) if d else None, year_known=False)


def _weekday_alternatives(c: _Collector, p: DatePatterns, flat: str) -> None:
    """ "next week Mon or Tue", "lundi prochain ou mardi": a weekday joined to a dated one is in its week."""
    for item in list(c.items):
        period = item.period
        if period is None or period.grain != "day" or period.start != period.end:
            continue
        said = p.regex["weekday_in"].search(flat, item.start, item.end)
        more = p.regex["weekday_more"].match(flat, item.end) if said else None
        if said and more:
            shift = p.weekdays[key(more["wd"].rstrip("."))] - p.weekdays[key(said.group(0).rstrip("."))]
            c.add(more.start("wd"), more.end("wd"), _day_period(period.start + dt.timedelta(days=shift)))


def _nearest_day(day: int, ref: dt.date | None) -> dt.date | None:
    """The day of that number nearest the reference date: in its month or the month before or after."""
    if ref is None:
        return None
    first = ref.replace(day=1)
    days = [_safe_date(m.year, m.month, day) for m in (_add_months(first, k) for k in (-1, 0, 1))]
    dated = [d for d in days if d is not None]
    # Ties go to the past, as for a day and month.
    return min(dated, key=lambda d: (abs((d - ref).days), d > ref)) if dated else None


def _add_spelled_day(
    c: _Collector, p: DatePatterns, lex: Lexicon, m: re.Match[str], ref: dt.date | None
) -> None:
    """ "May twenty nine", "february twenty second 3:30": a month and its day in words, when nothing but
    punctuation or a time follows ("In May twenty nine people died" is a count); after an ordinal, a time in
    words too ("march eighteenth nine thirty")."""
    text, flat = c.text, m.string
    word = key(m["day"])
    day = p.day_words.get(word) or _count_value(m["day"], p, lex.lang)
    # An ordinal is as good as a number beside "may" or "march" ("march eighteenth"), a cardinal is not.
    ordinal = word in p.day_words
    if not day or not 1 <= day <= 31 or not _month_ok(p, text[m.start("month") : m.end("month")], ordinal):
        return
    if not p.regex["spelled_day_end"].match(flat, m.end()):
        after = re.match(rf"{B}", flat[m.end() :])
        spelled_time = ordinal and after and p.regex["clock_spelled"].match(flat, m.end() + after.end())
        if not spelled_time:
            return
    month = p.months[key(m["month"])]
    year = _nearest_year(month, day, ref)
    d = _safe_date(year, month, day) if year else None
    c.add(m.start(), m.end(), _day_period(d) if d else None, year_known=False, month=month, day=day)


def _days_of_relative_months(c: _Collector, p: DatePatterns, flat: str, ref: dt.date | None) -> None:
    """ "the 15th of next month", "from 4-23 in next month", "le 15 du mois prochain": a day or days of a
    month counted from the reference month."""
    if not p.regex["rel_month_guard"].search(flat):
        return
    for m in p.regex["day_rel_month"].finditer(flat):
        d1 = _day(m["d1"], p.day_words)
        d2 = _day(m["d2"], p.day_words) if m["d2"] else d1
        spelled = not m["d1"][:1].isdigit()
        if not (d1 and d2 and 1 <= d1 <= d2 <= 31) or (m["d2"] and d1 == d2):
            continue
        if (not m["d2"] and not (m["art"] or m["joiner"])) or (spelled and not m["art"]):
            continue  # "turn 15 next month", "second next month"
        period = None
        if ref is not None:
            first = _add_months(ref.replace(day=1), p.rel_months[key(m["rel"] or m["rel2"])])
            a, b = _safe_date(first.year, first.month, d1), _safe_date(first.year, first.month, d2)
            period = Period(a, b, "day") if a and b else None
        c.add(m.start(), m.end(), period)


def _add_day(c: _Collector, p: DatePatterns, lex: Lexicon, m: re.Match[str], ref: dt.date | None) -> None:
    text = c.text
    month = p.months[key(m["month"])]
    day_text = m["day"]
    day = _day(day_text, p.day_words)
    if day is None or not 1 <= day <= 31:
        return
    spelled = not day_text[:1].isdigit()
    has_suffix = bool(re.search(r"[a-z]$", day_text, CI))
    if spelled and not (m["art"] or ("of" in m.re.groupindex and m["of"])):
        return  # "second March" is no date; "the second of March" is
    if not _month_ok(p, text[m.start("month") : m.end("month")], not spelled):
        return
    if "comma" in m.re.groupindex and "," in (m["comma"] or "") and not (has_suffix or spelled):
        return  # "In October, 5 people died"
    if (
        spelled
        and "comma" in m.re.groupindex
        and not m["year"]
        and not p.regex["spelled_day_end"].match(m.string, m.end())
    ):
        return  # "in May, the second highest"; not "on May the second, ..."
    figure = _after_is_figure(text, m.end("day"), lex) and not _part_follows(p, m.string, m.end("day"))
    if not spelled and figure and "comma" in m.re.groupindex:
        return  # "May 5 percent"; not "mar4 night"
    end = m.end()
    if m["year"] and not _year_context_ok(text, m.start("year"), m.end("year"), lex):
        # "May 5 2000 people": the number is a count, the date ends before it.
        end = len(text[: m.start("year")].rstrip(" ,\u00a0\u202f"))
        year, known = _nearest_year(month, day, ref), False
    else:
        year, known = _year_of(m, p, ref, month, day)
    d = _safe_date(year, month, day) if year else None
    if year and d is None and known:
        c.add(m.start(), end, None)  # "30 February 2021": a date, but not a day of the calendar
        return
    c.add(m.start(), end, _day_period(d) if d else None, year_known=known, month=month, day=day)


def _add_weekday_day(c: _Collector, p: DatePatterns, m: re.Match[str], ref: dt.date | None) -> None:
    """ "Mon 13th", "tuesday the eleventh", "lundi 21": the day of that number and weekday nearest the
    reference date; a bare number needs a suffix, an article, nothing but punctuation or a time after it
    ("Monday 21 at 9", "Monday 21 between 9 and 11"; "Sunday 14 people died" is no date)."""
    text = c.text
    day_text = m["day"]
    day = _day(day_text, p.day_words)
    if day is None or not 1 <= day <= 31:
        return
    if day_text.isdigit() and not m["art"]:
        after = text[m.end() :]
        nxt = re.match(rf"{B}([^\W\d_]+)", after)
        if nxt and key(nxt.group(1)) not in p.clock_before and key(nxt.group(1)) not in p.range_leads:
            return
        if not nxt and not re.match(r"\s*(?:[^\w\s]|$)", after):
            return
    period = None
    if ref is not None:
        wd = p.weekdays[key(m["wd"].rstrip("."))]
        options = []
        for shift in range(-6, 7):
            first = _add_months(ref.replace(day=1), shift)
            d = _safe_date(first.year, first.month, day)
            if d and d.weekday() == wd:
                options.append(d)
        if options:
            period = _day_period(min(options, key=lambda d: abs((d - ref).days)))
    c.add(m.start(), m.end(), period)


def _count_value(phrase: str, p: DatePatterns, lang: str) -> int | None:
    folded = fold(phrase)
    if folded.isdigit():
        return int(folded)
    if key(folded) in p.count_one:
        return 1
    try:
        return int(text2num(folded.replace("-et-", " et "), lang))
    except (ValueError, TypeError, IndexError, KeyError):
        return None


def _counts(c: _Collector, p: DatePatterns, lex: Lexicon, flat: str, ref: dt.date | None) -> None:
    """ "il y a trois jours", "in two weeks", "3 days from today": a day; "the past five years", "les
    trois derniers mois": the days from then to the reference date (or from it to then)."""
    text = c.text
    portions = p.regex["year_portion"].finditer(flat) if _has(p, "portion", flat.lower()) else ()
    for m in portions:
        n = _count_value(m["n"] or m["n2"], p, lex.lang)
        if not n or n > 52:
            continue
        period = None
        year = int(m["year"]) if m["year"] else None
        if year is None and ref is not None:
            year = ref.year + (p.rel_periods[key(m["rel"])][1] if m["rel"] else 0)
        if year is not None:
            unit = p.portion_units[key(m["unit"])]
            first = p.portion_sides[key(m["side"] or m["side2"])] == "first"
            edge = dt.date(year, 1, 1) if first else dt.date(year + 1, 1, 1)
            other = _shift(edge, unit, n if first else -n)
            start, end = (
                (edge, other - dt.timedelta(days=1)) if first else (other, edge - dt.timedelta(days=1))
            )
            period = Period(start, end, _months_grain(start, end) if unit == "month" else "day")
        c.add(m.start(), m.end(), period)
    for m in p.regex["count"].finditer(flat):
        n_span, unit, sign = _counted(m, p.count_before, p.count_after)
        n = _count_value(text[n_span[0] : n_span[1]], p, lex.lang)
        if n is None:
            continue
        if m["pre"] and _window_cue(p, flat, m.start()):
            continue  # "the highest in 10 years": a window, not a date
        if m["post0"] and p.count_after[key(m["post0"])] != sign:
            continue  # "in two days from today" says it twice; "in two days ago" is no date
        period = _day_period(_shift(ref, p.count_units[key(unit)], sign * n)) if ref else None
        c.add(m.start(), m.end(), period)
    for m in p.regex["rolling"].finditer(flat):
        n_span, unit, sign = _counted(m, p.rolling_before, p.rolling_after)
        n = _count_value(text[n_span[0] : n_span[1]], p, lex.lang)
        if not n:
            continue
        period = None
        if ref is not None:
            other = _shift(ref, p.count_units[key(unit)], sign * n)
            one = dt.timedelta(days=1)
            period = Period(ref + one, other, "day") if sign > 0 else Period(other, ref - one, "day")
        c.add(m.start(), m.end(), period)


def _window_cue(p: DatePatterns, flat: str, start: int) -> bool:
    return bool(p.regex["window_cue"].search(flat, max(0, start - 40), start))


def _periods(c: _Collector, p: DatePatterns, lex: Lexicon, flat: str, ref: dt.date | None) -> None:
    rx = p.regex
    text = c.text
    for name, table, build in (
        ("quarter", p.quarters, _quarter_period),
        ("half", p.halves, _half_period),
    ):
        short = "qs" if name == "quarter" else "hs"
        long_ = "q" if name == "quarter" else "h"
        for m in rx[name].finditer(flat):
            if m["year0"]:
                year, number = int(m["year0"]), table[key(m[short])]
            else:
                phrase = key(m[long_])
                rel = m["rel"] or m["rel0"]
                if not (m["year"] or rel) and phrase in p.rel_periods:
                    continue  # "last quarter" alone is the previous quarter, read below
                number = table[phrase]
                if m["year"]:
                    year = int(m["year"])
                elif ref is None:
                    year = None
                elif rel:
                    year = ref.year + p.rel_periods[key(rel)][1]
                else:
                    year = _nearest_period_year(build, number, ref)
            c.add(m.start(), m.end(), build(year, number) if year else None)
    fiscal = (
        rx["fiscal_year"].finditer(flat) if p.guards["fiscal"] and _has(p, "fiscal", flat.lower()) else ()
    )
    for m in fiscal:
        years = [int(y) if len(y) == 4 else _two_digit_year(int(y), ref) for y in (m["y"], m["y2"]) if y]
        if len(years) == 2 and not years[0] < years[1] <= years[0] + 1:
            continue
        c.add(m.start(), m.end(), Period(dt.date(years[0], 1, 1), dt.date(years[-1], 12, 31), "year"))
    for m in rx["part_year"].finditer(flat):
        c.add(m.start(), m.end(), _part_period(p.parts.get(key(m["part"]), "end"), int(m["year"])))
    for m in rx["decade"].finditer(flat):
        _add_decade(c, lex, m, ref)
    _seasons(c, p, flat, ref)
    for m in rx["month_year"].finditer(flat):
        group = "month3" if m["year2"] else ("month" if m["month"] else "month2")
        if m["year2"]:
            year, known = int(m["year2"]), True
        elif m["year"]:
            year, known = int(m["year"]), True
        else:
            # "fin décembre" written in January is the December just past.
            known, year = False, _nearest_month_year(p.months[key(m[group])], ref)
        if not _month_ok(p, text[m.start(group) : m.end(group)], known):
            continue
        month = p.months[key(m[group])]
        if m["year"] and not _year_context_ok(text, m.start("year"), m.end("year"), lex):
            continue
        c.add(m.start(), m.end(), _month_period(year, month) if year else None, year_known=known, month=month)
    for m in rx["mod_month"].finditer(flat):
        group = "month" if m["month"] else ("month2" if m["month2"] else "month3")
        if not _month_ok(p, text[m.start(group) : m.end(group)], False):
            continue
        month = p.months[key(m[group])]
        year = None
        if ref is not None and m["rel"]:
            year = ref.year + p.rel_periods[key(m["rel"])][1]  # "en mars de l'année prochaine"
        elif ref is not None:
            direction = p.mod_before[key(m["mod"])] if m["month"] else p.mod_after[key(m["mod2"])]
            year = ref.year if direction == 0 else _nearest_month_year(month, ref, direction)
        c.add(m.start(), m.end(), _month_period(year, month) if year else None)


def _seasons(c: _Collector, p: DatePatterns, flat: str, ref: dt.date | None) -> None:
    """ "this summer", "l'hiver dernier", "summer 2022", "au printemps": three whole months."""
    text = c.text
    if not p.regex["season_guard"].search(flat):
        return
    for m in p.regex["season"].finditer(flat):
        need = p.season_needs.get(key(m["s"]))
        moved = bool(m["mod"] or m["mod2"])
        if not (moved or m["year"]) and (
            need == "modifier" or not m["art"] or not text[m.start("s")].islower()
        ):
            continue  # "summer camp", "the fall of Rome", "the Summer Olympics"
        if need == "article" and not (moved or m["art"]):
            continue  # "a été 2019"
        first = p.seasons[key(m["s"])]
        period = None
        if m["year"]:
            year = int(m["year"])
            period = _season_period(first, year - 1 if first == 12 else year)
        elif ref is not None:
            direction = p.mod_before[key(m["mod"])] if m["mod"] else p.mod_after.get(key(m["mod2"] or ""), 0)
            period = _season_near(first, ref, direction)
        c.add(m.start(), m.end(), period)


def _season_period(first: int, year: int) -> Period:
    start = dt.date(year, first, 1)
    last = _add_months(start, 2)
    return Period(start, last.replace(day=calendar.monthrange(last.year, last.month)[1]), "month")


def _season_near(first: int, ref: dt.date, direction: int) -> Period | None:
    """The season nearest the reference date (the one it falls in, if any), or the next or last one."""
    options = [_season_period(first, y) for y in range(ref.year - 2, ref.year + 2)]
    if direction > 0:
        return min((s for s in options if s.start > ref), key=lambda s: s.start, default=None)
    if direction < 0:
        return max((s for s in options if s.end < ref), key=lambda s: s.end, default=None)

    def distance(s: Period) -> tuple[int, bool]:
        # Ties go to the past, as for days.
        return max((s.start - ref).days, (ref - s.end).days, 0), s.start > ref

    return min(options, key=distance)


def _add_decade(c: _Collector, lex: Lexicon, m: re.Match[str], ref: dt.date | None) -> None:
    """ "the 1990s", "the '90s", "les années 90": a four-digit decade needs its suffix or a word before it;
    a two-digit one both a word (or an apostrophe) and, in English, the suffix."""
    digits = m["y"]
    has_after = bool(lex.raw.get("decades", {}).get("after"))
    suffix = "suf" in m.re.groupindex and m["suf"]
    if has_after and not suffix:
        return
    if not (m["pre"] or suffix):
        return
    if len(digits) == 2:
        if not (m["pre"] or m["apo"]):
            return
        base = ref.year if ref else NO_REFERENCE_YEAR
        year = 2000 + int(digits) if 2000 + int(digits) <= base else 1900 + int(digits)
    else:
        year = int(digits)
    c.add(m.start(), m.end(), Period(dt.date(year, 1, 1), dt.date(year + 9, 12, 31), "decade"))


def _part_period(part: str, year: int) -> Period:
    if part == "end":
        d = dt.date(year, 12, 31)
        return Period(d, d, "year-end")
    if part == "start":
        return Period(dt.date(year, 1, 1), dt.date(year, 3, 31), "quarter")
    return Period(dt.date(year, 4, 1), dt.date(year, 9, 30), "half")


def _relatives(c: _Collector, p: DatePatterns, flat: str, ref: dt.date | None) -> None:
    rx = p.regex
    for m in rx["rel_period"].finditer(flat):
        phrase = key(m.group(0))
        grain, offset = p.rel_periods[phrase]
        start, end = m.start(), m.end()
        # "fin de l'année dernière", "la fin du mois prochain": a modifier after a phrase that has none.
        mod = rx["mod_after"].match(flat, end)
        if mod and not any(phrase.endswith(" " + w) for w in p.mod_after):
            offset += 1 if p.mod_after[key(mod["mod"])] > 0 else -1
            end = mod.end()
        period = _relative_period(grain, offset, ref)
        # "au début de l'année dernière", "by the end of last year": a part of that year.
        part = rx["part_before"].search(flat, max(0, start - 25), start) if grain == "year" else None
        kind = p.parts.get(key(part["part"]), "end") if part else None
        if kind and period is not None:
            period = _part_period(kind, period.start.year)
        if part:
            start = part.start()
        c.add(start, end, period, anaphora=_anaphora(p, phrase, grain, offset, kind, flat, end))
    for m in rx["rel_day"].finditer(flat):
        phrase = key(m.group(0))
        offset = p.rel_days[phrase]
        period = _day_period(ref + dt.timedelta(days=offset)) if ref else None
        anaphora = _anaphora(p, phrase, "day", offset, None, flat, m.end())
        c.add(m.start(), m.end(), period, part=_phrase_part(p, phrase), anaphora=anaphora)
    for m in rx["now"].finditer(flat):
        c.add(m.start(), m.end(), _day_period(ref) if ref else None, now=True)


def _anaphora(
    p: DatePatterns, phrase: str, grain: str, offset: int, part: str | None, flat: str, end: int
) -> tuple[str, int, str | None] | None:
    """How an anaphoric phrase counts from another date of the text: not before "de", "of" ("la veille de
    son départ" counts from the departure, which is no date)."""
    if phrase not in p.anaphoric or p.regex["after_of"].match(flat, end):
        return None
    return grain, offset, part


def _resolve_anaphora(c: _Collector) -> None:
    """ "au quatrième trimestre 2024, 116 000 de plus qu'au trimestre précédent", "arrêté le 14 mars, il est
    libéré le lendemain": a phrase that counts from the story's date rather than the reference date
    (``anaphoric_relatives``) counts from a date of its grain in the same text (the last one before it, else
    the first after it), when there is one."""
    for item in c.items:
        if item.anaphora is None:
            continue
        grain, offset, part = item.anaphora
        grains = ("year", "year-end") if grain == "year" else (grain,)
        dated = [
            i
            for i in c.items
            if i.anaphora is None
            and i.period is not None
            and i.period.grain in grains
            and (grain != "day" or i.period.start == i.period.end)
        ]
        before = [i for i in dated if i.end <= item.start]
        after = [i for i in dated if i.start >= item.end]
        anchor = (
            max(before, key=lambda i: i.end) if before else min(after, key=lambda i: i.start, default=None)
        )
        if anchor is None or anchor.period is None:
            continue
        if grain == "day":
            item.period = _day_period(anchor.period.start + dt.timedelta(days=offset))
            continue
        period = _relative_period(grain, offset, anchor.period.start)
        if part and period is not None:
            period = _part_period(part, period.start.year)
        item.period = period


def _lone_numbers(c: _Collector, p: DatePatterns, lex: Lexicon, flat: str, ref: dt.date | None) -> None:
    rx = p.regex
    text = c.text
    for m in rx["week_number"].finditer(flat):
        n = int(m["n"])
        year = int(m["year"]) if m["year"] else (ref.year if ref else None)
        if not 1 <= n <= 53:
            continue
        period = None
        if year:
            try:
                period = _week_period(dt.date.fromisocalendar(year, n, 1))
            except ValueError:
                continue
        c.add(m.start(), m.end(), period)
    glued = [f"{code}{d}" for code in p.guards["week_code"] for d in "0123456789"]
    codes = rx["week_code"].finditer(flat) if any(g in flat for g in glued) else ()
    for m in codes:
        n = int(m["n"])
        cue = rx["week_code_cue"].search(flat, max(0, m.start() - 25), m.start())
        if not (cue or m["year"]) or not 1 <= n <= 53:
            continue
        year = int(m["year"]) if m["year"] else (ref.year if ref else None)
        period = None
        if year:
            try:
                period = _week_period(dt.date.fromisocalendar(year, n, 1))
            except ValueError:
                continue
        c.add(m.start(), m.end(), period)
    for m in rx["weekday"].finditer(flat):
        wd = p.weekdays[key(m["wd"])]
        period = _day_period(_weekday_date(wd, ref, None)) if ref else None
        c.add(m.start(), m.end(), period, weekday_only=True)
    for m in rx["numeric"].finditer(flat):
        _add_numeric(c, p, lex, m, ref)
    for m in rx["month_number_year"].finditer(flat):
        month, year = (int(m["m"]), int(m["year"])) if m["m"] else (int(m["m2"]), int(m["year2"]))
        if 1 <= month <= 12 and _year_context_ok(text, m.end() - 4, m.end(), lex):
            c.add(m.start(), m.end(), _month_period(year, month))


def _add_numeric(c: _Collector, p: DatePatterns, lex: Lexicon, m: re.Match[str], ref: dt.date | None) -> None:
    if m["a"]:
        # "5/7, 2020": the year after a comma, unless the number is a figure ("5/7, 2020 people").
        cyear = (
            m["cyear"] if m["cyear"] and _year_context_ok(c.text, m.start("cyear"), m.end(), lex) else None
        )
        a, b, raw_year = int(m["a"]), int(m["b"]), m["year"] or cyear
        end = m.end() if m["year"] or cyear else m.end("b")
        month_first = p.month_first
    else:
        a, b, raw_year, end = int(m["a2"]), int(m["b2"]), m["year2"], m.end()
        # Dots are the European way of writing dates: day first whatever the language.
        month_first = p.month_first and m["s"] == "-"
    day, month = (b, a) if month_first and a <= 12 else (a, b)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return
    if m["a"] and not raw_year and a < b <= 10 and not m["a"].startswith("0"):
        # "3/4" is a fraction unless a date word comes before it ("le 3/4", "on 3/4").
        if not p.regex["slash_cue"].search(plain(c.text[max(0, m.start() - 30) : m.start()])):
            return
    if raw_year:
        year = int(raw_year)
        if year < 100:
            year = _two_digit_year(year, ref)
        known = True
    else:
        year, known = _nearest_year(month, day, ref), False
    d = _safe_date(year, month, day) if year else None
    if known and d is None:
        c.add(m.start(), end, None)  # "29/2/2019": a date, but not a day of the calendar
        return
    c.add(m.start(), end, _day_period(d) if d else None, year_known=known, month=month, day=day)


# -- clock times and parts of the day -------------------------------------------------------------
@dataclass
class ClockWords:
    """The word tables clock times and parts of the day are read with (keys as ``key`` gives them)."""

    am: set[str]
    pm: set[str]
    named: dict[str, tuple[int, int]]
    hours: dict[str, int]
    fractions: dict[str, int]
    past: set[str]
    to: set[str]
    minus: set[str]
    part_words: dict[str, str]
    part_times: dict[str, tuple[dt.time, dt.time, str]]
    part_articles: set[str]
    part_links: set[str]
    part_early: set[str]
    part_late: set[str]


def _clock_words(r: dict[str, Any]) -> ClockWords:
    clock, parts = r.get("clock", {}), r.get("day_parts", {})
    times = {
        name: (dt.time.fromisoformat(first), dt.time.fromisoformat(last), half)
        for name, (first, last, half) in (parts.get("times") or {}).items()
    }
    return ClockWords(
        am={key(w) for w in clock.get("am", [])},
        pm={key(w) for w in clock.get("pm", [])},
        named={key(w): (int(v[:2]), int(v[3:5])) for w, v in (r.get("named_times") or {}).items()},
        hours=_table(clock.get("hours")),
        fractions=_table(clock.get("fractions")),
        past={key(w) for w in clock.get("past", [])},
        to={key(w) for w in clock.get("to", [])},
        minus={key(w) for w in clock.get("minus", [])},
        part_words=_table(r.get("day_part_words")),
        part_times=times,
        part_articles={key(w) for w in parts.get("articles", [])},
        part_links={key(w) for w in parts.get("links", [])},
        part_early={key(w) for w in parts.get("early", [])},
        part_late={key(w) for w in parts.get("late", [])},
    )


def _half_rx(r: dict[str, Any], group: str | None) -> str:
    """ "pm", "p.m.", "a . m ." after a time (``group`` names the match); one-letter halves ("9a", "7p") must
    touch the digits."""
    clock = r.get("clock", {})
    words = [str(w) for w in clock.get("am", []) + clock.get("pm", [])]
    multi, single = [w for w in words if len(w) > 1], [w for w in words if len(w) == 1]
    g1, g2 = (f"(?P<{group}>", f"(?P<{group}1>") if group else ("(?:", "(?:")
    alts = [rf"\.?{S}{g1}{_words(multi, boundary=False)})"]
    if single:
        alts.append(rf"(?<=\d){g2}{_words(single, boundary=False)})\.?")
    return rf"(?:{'|'.join(alts)})(?![^\W_])"


def _clock_sources(r: dict[str, Any], spelled: str, number_words: str, mod_before: str) -> dict[str, str]:
    """The clock-time and part-of-day patterns (run on the accent-free text)."""
    clock, parts = r.get("clock", {}), r.get("day_parts", {})
    marks = _words(clock.get("marks", []), boundary=False)
    minute_words = _words(clock.get("minute_words", []))
    fractions = _words(clock.get("fractions", {}))
    hours = _words(clock.get("hours", {}))
    twelve = _words([w for w, n in (clock.get("hours") or {}).items() if n == 12])
    ish = _words(clock.get("approximate", []), boundary=False)
    named = _words(r.get("named_times", {}), boundary=False)
    half = _half_rx(r, None)
    # Time zones follow a time as written, capitals and all ("9 p.m. ET", "0900 GMT", "heure de Paris").
    zones = clock.get("zones", [])
    zone = rf"(?:{S}\(?(?-i:{_alternation([plain(z) for z in zones])})\)?(?![\w]))" if zones else r"(?!x)x"
    minute = rf"(?:{fractions}|{spelled}|\d{{1,2}}(?!\d))"

    def tail(g: str) -> str:
        """Minutes after an hour mark: "16 h 30", "et quart", "moins le quart", "seize heures trente"."""
        return (
            rf"(?P<{g}tail>{S}(?P<{g}mm>[0-5]\d)(?!\d)"
            rf"|{B}(?P<{g}pl>{_words(clock.get('plus', []))}){B}(?P<{g}pv>{minute})(?:{B}{minute_words})?"
            rf"|{B}(?P<{g}mi>{_words(clock.get('minus', []))}){B}(?P<{g}mv>{minute})(?:{B}{minute_words})?"
            rf"|{B}(?P<{g}sv>{spelled})(?:{B}{minute_words})?)?"
        )

    spelled_minutes = rf"(?:{number_words})(?:(?:-|{B})(?:{number_words}))?(?![\w-])"
    join = rf"(?:(?<=['’]){S}|{B})"
    part_words = _words(r.get("day_part_words", {}))
    arts = _words([*parts.get("articles", []), *parts.get("links", []), *parts.get("before_day", [])])
    pre = _words(list(parts.get("early", [])) + list(parts.get("late", [])))
    return {
        "clock_digits": (
            r"(?<![\w:/+])(?<!\d[.,])"
            rf"(?:(?P<hm>[0-2]?\d[0-5]\d)(?={half}|{zone})"
            rf"|(?P<h>[0-2]?\d)(?::(?P<mi>[0-5]\d)(?::(?P<se>[0-5]\d))?|\.(?P<md>[0-5]\d)"
            rf"|{S}(?P<mk>{marks})(?![^\W\d_]){tail('t')})?)"
            rf"(?:{_half_rx(r, 'ap')})?(?P<ish>{ish})?(?P<zone>{zone})?(?![\w:]|[.,]\d)"
        ),
        "clock_spelled": (
            rf"(?<![\w-])(?:(?P<sg>{spelled}){S}(?P<sgk>{marks})(?![^\W\d_]){tail('u')}"
            rf"|(?P<sh>{hours})(?:(?:{B}|-)(?P<sm>{spelled_minutes})(?:{B}{minute_words})?)?(?:{S}(?P<sk>{marks}))?)"
            rf"(?:{_half_rx(r, 'sap')})?(?:{zone})?(?![\w-])"
        ),
        "clock_past": (
            rf"(?<![\w-])(?P<pv>{fractions}|{spelled}|\d{{1,2}})(?:{B}(?P<pw>{minute_words}))?{B}"
            rf"(?P<pd>{_words(list(clock.get('past', [])) + list(clock.get('to', [])))}){B}"
            rf"(?P<ph>{hours}|\d{{1,2}}(?![\d:.]))(?:{S}(?P<pk>{marks}))?(?:{_half_rx(r, 'pap')})?(?:{zone})?"
            r"(?![\w-])"
        ),
        "clock_named": (
            rf"(?<![\w-])(?:(?P<n12>12|{twelve})(?:{B}|-))?(?P<nn>{named})"
            rf"(?P<nish>{ish})?(?![\w-]){tail('n')}"
        ),
        "day_part": (
            rf"(?<![\w-])(?:(?P<a1>{arts}){join})?(?:(?P<pre>{pre}){join})?"
            rf"(?:(?P<mod>{mod_before}){B}|(?P<a2>{arts}){join})?(?P<w>{part_words})(?![\w-])"
        ),
        "part_pre": rf"(?:{pre}){B}$",
        "day_end": rf"(?:{_words(r.get('day_end', []))}){B}$",
        "day_end_phrase": _words(r.get("day_end_phrases", [])),
        # Around a time: what ties it to a day, a cue that makes an hour a time of day, or a duration.
        "date_time_gap": rf"(?:{S},)?{S}(?:(?:{_words(clock.get('before', []))}){S})?",
        "time_date_gap": rf"{S},?{S}(?:(?:{_words(clock.get('after', []))}){B})?",
        "part_date_gap": rf"{B}(?:{_words(r.get('date_of', []))}){S}",
        "bare_link": rf"{S}(?:(?:{_words(clock.get('before', []))}){S})",
        "clock_cue": rf"{_accented(clock.get('cues', []))}{S}$",
        # "16h : ..." opening a text or a line, as live blogs write.
        "line_start": r"(?:^|\n)[\W_]*$",
        "clock_duration_cue": rf"{_accented(clock.get('duration_cues', []))}{B}$",
        "after_unit": rf"{B}(?:{_words(r.get('date_of', []))}){S}[^\W\d_]",
    }


@dataclass
class _Clock:
    """A time of day as written: the hour on the dial, the half of the day if stated, how surely a time."""

    start: int
    end: int
    hour: int
    minute: int = 0
    second: int = 0
    half: str | None = None  # "am" / "pm" as written
    h24: bool = False  # written on the 24-hour clock ("16h", "08:00") or a named time
    grain: str = "hour"
    # 2: a time on its own ("16:30", "4pm", "half past eight"); 1: after a cue or beside a day ("à 16 heures",
    # "at five-thirty"); 0: a bare number, a time only in a range or beside a part of the day or a day.
    strength: int = 2
    hint: str | None = None  # the half given by a part of the day said with it ("du soir")

    def time(self, hint: str | None = None) -> dt.time:
        hour, hint = self.hour, self.hint or hint
        if self.half == "am":
            hour = 0 if hour == 12 else hour
        elif self.half == "pm":
            hour = hour if hour >= 12 else hour + 12
        elif not self.h24 and hint == "night" and hour == 12:
            hour = 0
        elif not self.h24 and hour < 12 and (hint == "pm" or (hint == "night" and hour >= 6)):
            hour += 12
        return dt.time(hour % 24, self.minute, self.second)


@dataclass
class _Times:
    """One clock time or a range of two ("de 14h à 16h"), with the span of text it covers."""

    start: int
    end: int
    first: _Clock
    last: _Clock | None = None
    lead: bool = False  # opened by "from", "entre"...
    strength: int = -1  # as for _Clock; a single time's own by default

    def __post_init__(self) -> None:
        if self.strength < 0:
            self.strength = self.first.strength

    def read(self, hint: str | None) -> tuple[dt.time, dt.time, str]:
        last = self.last or self.first
        grains = [self.first.grain, last.grain]
        grain = next(g for g in Period.TIME_GRAINS if g in grains)
        return self.first.time(hint), last.time(hint), grain


@dataclass
class _Part:
    """A part of the day in the text: "ce soir", "in the morning", "du matin", "soir" after a day."""

    start: int
    end: int
    name: str
    alone: bool  # a time on its own ("dans la soirée", "in the evening"), not only beside a day or an hour
    link: bool  # written to follow an hour ("du soir", "in the evening")
    article: bool  # with an article, so it may come before its day ("le matin du 14 juillet")
    half: int = 0  # 1: its first half ("early morning"), 2: its second ("late afternoon")
    offset: int | None = None  # days from the reference date its modifier names ("last evening": -1)
    used: bool = False


def _part_times(p: DatePatterns, name: str, half: int) -> tuple[dt.time, dt.time]:
    first, last, _hint = p.clock.part_times[name]
    if not half:
        return first, last
    a, b = (t.hour * 3600 + t.minute * 60 + t.second for t in (first, last))
    middle = (a + b + 1) // 2
    mid = dt.time(middle // 3600, middle // 60 % 60, middle % 60)
    return (first, mid) if half == 1 else (mid, last)


def _phrase_part(p: DatePatterns, phrase: str) -> str | None:
    """The part of the day a relative-day phrase ends with ("hier soir" -> evening, "tonight" -> night)."""
    for word, name in p.clock.part_words.items():
        if phrase == word or phrase.endswith(" " + word):
            return name
    return None


def _half_of(m: re.Match[str], group: str, p: DatePatterns) -> str | None:
    written = m[group]
    if not written and group + "1" in m.re.groupindex:
        written = m[group + "1"]
    if not written:
        return None
    k = key(written)
    return "am" if k in p.clock.am else "pm" if k in p.clock.pm else None


def _minute_value(word: str, p: DatePatterns, lang: str) -> int | None:
    k = key(word)
    if k in p.clock.fractions:
        return int(p.clock.fractions[k])
    if k.isdigit():
        return int(k)
    try:
        return int(text2num(k.replace("-et-", " et "), lang))
    except (ValueError, TypeError, IndexError, KeyError):
        return None


def _spelled_hour(word: str, p: DatePatterns, lang: str) -> int | None:
    k = key(word)
    if k.isdigit():
        return int(k)
    if k in p.clock.hours:
        return int(p.clock.hours[k])
    try:
        return int(text2num(k.replace("-et-", " et "), lang))
    except (ValueError, TypeError, IndexError, KeyError):
        return None


def _read_tail(
    m: re.Match[str], g: str, p: DatePatterns, lex: Lexicon, text: str, hour: int
) -> tuple[int, int, int] | None:
    """(hour, minute, end) from the minutes after an hour mark, or None when there are none (or they are a
    figure: "à 16 heures vingt manifestants")."""
    if not m[g + "tail"]:
        return None
    end = m.end(g + "tail")
    if m[g + "mm"]:
        return hour, int(m[g + "mm"]), end
    word = m[g + "pv"] or m[g + "mv"] or m[g + "sv"]
    value = _minute_value(word, p, lex.lang)
    if value is None or not 1 <= value <= 59 or _after_is_figure(text, end, lex):
        return None
    if m[g + "sv"] and value < 10:
        return None  # "à 16 heures trois personnes": "trois" is a count
    if m[g + "mv"]:
        return (hour - 1) % 24, 60 - value, end
    return hour, value, end


def _mark_is_duration(word: str | None, lex: Lexicon) -> bool:
    """ "heures", "h": a mark that is also a unit of duration ("3 heures" may be a time or a duration)."""
    return bool(word) and fold(word) in lex.durations


def _read_digits(m: re.Match[str], p: DatePatterns, lex: Lexicon, text: str) -> _Clock | None:
    half = _half_of(m, "ap", p)
    end = m.end()
    minute = second = 0
    grain, strength = "hour", 2
    if m["hm"]:
        hour, minute, grain = int(m["hm"][:-2]), int(m["hm"][-2:]), "minute"
        if not half and len(m["hm"]) < 4:
            return None  # "0900 GMT" is a time, "930 GMT" a number
    else:
        hour = int(m["h"])
        if m["mi"]:
            minute, grain = int(m["mi"]), "minute"
            if m["se"]:
                second, grain = int(m["se"]), "second"
        elif m["md"]:
            minute, grain = int(m["md"]), "minute"
            strength = 2 if half else 0  # "8.30pm"; "9.30" alone may be a price or a score
        elif m["mk"]:
            tail = _read_tail(m, "t", p, lex, text, hour)
            if tail:
                hour, minute, end = tail
                grain = "minute"
            elif m["ttail"]:
                end, half = m.end("mk"), None
            if not tail and _mark_is_duration(m["mk"], lex):
                strength = 1  # "16 heures", "16h": a time after a cue ("à 16 heures"), else maybe a duration
        elif not (half or m["ish"]):
            strength = 0
            if m["zone"]:
                end = m.start("zone")  # "5 pt": a bare number, the zone no zone
        elif "ap1" in m.re.groupindex and m["ap1"]:
            strength = 1  # "9a": a time after a cue ("at 9a"), not in "Article 9a"
    if hour > 23 or (half and not 1 <= hour <= 12):
        return None
    h24 = hour > 12 or hour == 0 or (m["h"] or "").startswith("0")
    return _Clock(m.start(), end, hour, minute, second, half, h24, grain, strength)


def _read_spelled(m: re.Match[str], p: DatePatterns, lex: Lexicon, text: str) -> _Clock | None:
    half = _half_of(m, "sap", p)
    end = m.end()
    minute, grain = 0, "hour"
    if m["sh"]:
        hour = _spelled_hour(m["sh"], p, lex.lang)
        strength = 2 if (half or m["sk"]) else 0
        if m["sm"]:
            value = _minute_value(m["sm"], p, lex.lang)
            if value is None or not 10 <= value <= 59:
                return None  # "one thirty", "two forty five"; not "one two"
            minute, grain, strength = value, "minute", max(strength, 1)
    else:
        hour = _spelled_hour(m["sg"], p, lex.lang)
        strength = 1 if _mark_is_duration(m["sgk"], lex) else 2
        tail = _read_tail(m, "u", p, lex, text, hour or 0) if hour is not None else None
        if tail:
            hour, minute, end = tail
            grain, strength = "minute", 2
        elif m["utail"]:
            end, half = m.end("sgk"), None
    if hour is None or hour > 23 or (half and not 1 <= hour <= 12):
        return None
    return _Clock(m.start(), end, hour, minute, 0, half, hour > 12 or hour == 0, grain, strength)


def _read_past(m: re.Match[str], p: DatePatterns, lex: Lexicon, text: str) -> _Clock | None:
    """ "half past eight", "ten past 9", "20 min past eight", "quarter to nine"."""
    if _clock_figure_after(p, lex, text, m.string, m.end()):
        return None  # "5 after 7 years"
    value = _minute_value(m["pv"], p, lex.lang)
    hour = _spelled_hour(m["ph"], p, lex.lang)
    to = key(m["pd"]) in p.clock.to
    if to and not (key(m["pv"]) in p.clock.fractions or m["pw"]):
        return None  # "5 to 7" is a range
    if value is None or hour is None or not 1 <= value <= 59 or hour > 23:
        return None
    hour, minute = ((hour - 1) % 24, 60 - value) if to else (hour, value)
    half = _half_of(m, "pap", p)
    return _Clock(m.start(), m.end(), hour, minute, 0, half, hour > 12, "minute", 2)


def _part_follows(p: DatePatterns, flat: str, end: int) -> bool:
    """Whether a part of the day comes right after ``end`` ("du soir", "in the evening")."""
    return bool(p.regex["day_part"].match(flat, end + len(flat[end:]) - len(flat[end:].lstrip())))


def _clock_figure_after(p: DatePatterns, lex: Lexicon, text: str, flat: str, end: int) -> bool:
    """A unit or count after a time makes its number a figure ("à 8 ans"), a part of the day does not ("9 in
    the evening": "in" is no inch there)."""
    return not _part_follows(p, flat, end) and _after_is_figure(text, end, lex)


def _read_named(m: re.Match[str], p: DatePatterns, lex: Lexicon, text: str) -> _Clock | None:
    """ "midi", "minuit et quart", "12 noon", "noonish"."""
    hour, minute = p.clock.named[key(m["nn"])]
    start = m.start() if m["n12"] else m.start("nn")
    end, grain = m.end("nish") if m["nish"] else m.end("nn"), "hour"
    tail = _read_tail(m, "n", p, lex, text, hour)
    if tail:
        hour, minute, end = tail
        grain = "minute"
    # A capital makes a place or a title of it ("le Midi", "Midnight Express") unless a cue comes before.
    strength = 2 if text[m.start("nn")].islower() else 1
    return _Clock(start, end, hour, minute, 0, None, True, grain, strength)


def _find_clocks(p: DatePatterns, lex: Lexicon, text: str, flat: str) -> list[_Clock]:
    """Every clock time of the text, longest first, not overlapping; durations ("pendant 2h30", "3 heures
    de route") are left out."""
    rx = p.regex
    found: list[_Clock] = []
    for name, reader in (("clock_digits", _read_digits), ("clock_spelled", _read_spelled)):
        found += [k for m in rx[name].finditer(flat) if (k := reader(m, p, lex, text))]
    found += [k for m in rx["clock_past"].finditer(flat) if (k := _read_past(m, p, lex, text))]
    found += [k for m in rx["clock_named"].finditer(flat) if (k := _read_named(m, p, lex, text))]
    found.sort(key=lambda k: (k.start - k.end, k.start))
    out: list[_Clock] = []
    for k in found:
        if all(o.end <= k.start or k.end <= o.start for o in out) and not _clock_is_duration(
            k, p, lex, text, flat
        ):
            out.append(k)
    return sorted(out, key=lambda k: k.start)


def _clock_is_duration(k: _Clock, p: DatePatterns, lex: Lexicon, text: str, flat: str) -> bool:
    """ "pendant 2h30", "en 3 heures", "2h30 de route": hours written with a unit of duration that a duration
    cue precedes, or a noun follows ("de route"; not "du soir")."""
    words = re.findall(r"[^\W\d_]+", text[k.start : k.end])
    if not any(fold(w) in lex.durations for w in words):
        return False
    if p.regex["clock_duration_cue"].search(text, max(0, k.start - 30), k.start):
        return True
    return bool(p.regex["after_unit"].match(flat, k.end)) and not _part_follows(p, flat, k.end)


def _find_parts(p: DatePatterns, flat: str) -> list[_Part]:
    out = []
    for m in p.regex["day_part"].finditer(flat):
        name = p.clock.part_words[key(m["w"])]
        if name not in p.clock.part_times:
            continue
        arts = [key(a) for a in (m["a1"], m["a2"]) if a]
        pre = key(m["pre"]) if m["pre"] else None
        half = 1 if pre in p.clock.part_early else 2 if pre in p.clock.part_late else 0
        offset = p.mod_before[key(m["mod"])] if m["mod"] else None
        alone = any(a in p.clock.part_articles for a in arts) or bool(m["mod"] or m["pre"])
        link = any(a in p.clock.part_links for a in arts)
        out.append(_Part(m.start(), m.end(), name, alone, link, bool(arts), half, offset))
    return out


def _single_day(item: _Item) -> bool:
    """A day a time can be said with: one day, or a relative day not resolved for want of a reference."""
    if item.now:
        return False
    period = item.period
    return period is None or (period.grain == "day" and period.start == period.end)


def _attach_times(
    items: list[_Item], c: _Collector, p: DatePatterns, lex: Lexicon, flat: str, ref: dt.date | None
) -> list[_Item]:
    """Clock times and parts of the day: with the day beside them ("lundi à 16h", "tomorrow evening", "at
    3pm on Wednesday"), or alone on the reference day ("à 16 heures", "ce soir", "between 4pm and 6pm")."""
    text, rx = c.text, p.regex
    taken = [(i.start, i.end) for i in items] + c.blocked

    def free(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
        return all(e <= start or end <= s for s, e in spans)

    clocks = [k for k in _find_clocks(p, lex, text, flat) if free(k.start, k.end, taken)]
    parts = [
        q for q in _find_parts(p, flat) if free(q.start, q.end, taken + [(k.start, k.end) for k in clocks])
    ]

    # An hour and the part of the day said after it: "sept heures du soir", "3 in the morning".
    for q in parts:
        k = next(
            (k for k in clocks if k.end <= q.start and not flat[k.end : q.start].strip(" \u00a0\u202f")), None
        )
        if k is None or (k.strength == 0 and q.alone and not q.link):
            continue
        k.hint, k.end, q.used = p.clock.part_times[q.name][2], q.end, True
        # "sept heures du soir", "one in the morning", "at 5 in the afternoon" are times; "3 matin" one
        # beside a cue or a day; a bare number needs a cue ("He killed 10 in the morning attack").
        cue = rx["clock_cue"].search(text, max(0, k.start - 30), k.start) or rx["before_from"].search(
            flat, max(0, k.start - 30), k.start
        )
        if k.strength or cue or not flat[k.start].isdigit():
            k.strength = max(k.strength, 2 if q.link else 1)

    times = _clock_ranges(clocks, p, text, flat)

    # A part of the day after a day ("demain soir", "next monday afternoon"), or before it ("le matin du 14
    # juillet"); "early", "late" before a day with its part ("later this afternoon"); "fin de demain".
    for item in items:
        if not _single_day(item):
            # "dans la nuit du 1er au 2 novembre": the part joins the span of the days, which stay the period.
            q = next((q for q in reversed(parts) if q.end <= item.start and not q.used), None)
            days = item.period is None or item.period.grain == "day"
            gap = rx["part_date_gap"].fullmatch(flat, q.end, item.start) if q else None
            if q and not gap and not flat[q.end : item.start].strip(" \u00a0\u202f"):
                gap = rx["part_date_gap"].match(flat, q.end)  # "du" opens the range: "la nuit du 1er au 2"
            if q and days and q.article and gap:
                item.start, q.used = q.start, True
            continue
        for q in parts:
            if q.used or q.offset is not None:
                continue
            if q.start >= item.end and not flat[item.end : q.start].strip(" ,\u00a0\u202f"):
                item.part, item.part_half, item.end, q.used = q.name, q.half, q.end, True
                break
            if q.end <= item.start and q.article and rx["part_date_gap"].fullmatch(flat, q.end, item.start):
                item.part, item.part_half, item.start, q.used = q.name, q.half, q.start, True
                break
        if item.part:
            pre = rx["part_pre"].search(flat, max(0, item.start - 20), item.start)
            if pre and not item.part_half:
                word = key(pre.group(0))
                item.part_half = 1 if word in p.clock.part_early else 2
                item.start = pre.start()
        end = rx["day_end"].search(flat, max(0, item.start - 20), item.start)
        if end and not item.part:
            item.day_end, item.start = True, end.start()
    for m in rx["day_end_phrase"].finditer(flat):
        if free(m.start(), m.end(), taken + [(i.start, i.end) for i in items]):
            items.append(_Item(m.start(), m.end(), _day_period(ref) if ref else None, day_end=True))
    # A part of the day on its own is one of the reference day ("ce soir" is a relative day already).
    for q in parts:
        if q.alone and not q.used:
            day = ref + dt.timedelta(days=q.offset or 0) if ref else None
            items.append(
                _Item(q.start, q.end, _day_period(day) if day else None, part=q.name, part_half=q.half)
            )
    items.sort(key=lambda i: i.start)

    # A time with the day before or after it, else alone on the reference day when it is surely a time.
    for t in times:
        if _day_for(t, items, p, lex, text, flat):
            continue
        cue = rx["clock_cue"].search(text, max(0, t.start - 30), t.start) or (
            text[t.start].isdigit() and rx["line_start"].search(text, 0, t.start)
        )
        if t.strength == 2 or (t.strength == 1 and (t.lead or cue)):
            items.append(_Item(t.start, t.end, _day_period(ref) if ref else None, times=t))
    items.sort(key=lambda i: i.start)
    for item in items:
        _set_times(item, p)
    return _merge_time_ranges(items, p, flat)


def _day_for(t: _Times, items: list[_Item], p: DatePatterns, lex: Lexicon, text: str, flat: str) -> bool:
    """Whether the time ``t`` goes with the day just before it ("lundi à 16h", "tonight around 7") or just
    after it ("at 3pm on Wednesday", "10, tonight"); that day's span and times then include it."""
    rx = p.regex
    days = [i for i in items if i.times is None and (i.period is None or i.period.grain == "day")]
    before = next((i for i in reversed(days) if i.end <= t.start), None)
    if before is not None and rx["date_time_gap"].fullmatch(flat, before.end, t.start):
        cue = rx["bare_link"].search(flat, before.end, t.start)
        if (t.strength > 0 or cue or before.part) and not _clock_figure_after(p, lex, text, flat, t.end):
            return _join(before, t, t.end)
    after = next((i for i in days if i.start >= t.end), None)
    if after is not None and rx["time_date_gap"].fullmatch(flat, t.end, after.start):
        # A bare hour before a day needs a cue or a comma, and the part of the day: "at 4 this afternoon",
        # "10, tonight"; not "building 4 this afternoon".
        cue = rx["clock_cue"].search(text, max(0, t.start - 30), t.start) or "," in flat[t.end : after.start]
        if t.strength > 0 or (after.part and cue):
            return _join(after, t, t.start)
    return False


def _join(item: _Item, t: _Times, edge: int) -> bool:
    if _single_day(item):
        item.times = t
    # A time beside several days ("du 3 au 5 mars de 10h à 18h") stays in their span, the period is the days.
    item.start, item.end = min(item.start, edge), max(item.end, edge)
    return True


def _clock_ranges(clocks: list[_Clock], p: DatePatterns, text: str, flat: str) -> list[_Times]:
    """Clock times alone or as ranges: "de 14h à 16h", "5 to 6pm", "between 4pm and 5pm"."""
    rx = p.regex
    out: list[_Times] = []
    i = 0
    while i < len(clocks):
        a = clocks[i]
        b = clocks[i + 1] if i + 1 < len(clocks) else None
        if b is not None:
            gap = flat[a.end : b.start]
            before = flat[max(0, a.start - 30) : a.start]
            between = rx["before_between"].search(before)
            joined = rx["gap_to"].fullmatch(gap) or (between and rx["gap_and"].fullmatch(gap))
            lead = rx["before_from"].search(before)
            # A part of the day said with an end makes a range of bare hours ("entre 17 et 18 apres-midi")
            # a time after a cue; two bare numbers are one only beside a day and its part ("Monday
            # morning 6-8").
            strength = max(a.strength, b.strength, 1 if (a.hint or b.hint) else 0)
            cue = rx["clock_cue"].search(text, max(0, a.start - 30), a.start)
            if joined and (strength != 1 or lead or cue):
                _share_half(a, b)
                start = a.start - len(lead.group(0)) if lead else a.start
                out.append(_Times(start, b.end, a, b, lead=bool(lead), strength=strength))
                i += 2
                continue
        out.append(_Times(a.start, a.end, a))
        i += 1
    return out


def _share_half(a: _Clock, b: _Clock) -> None:
    """ "5 to 6pm": the first end takes the second's half when that keeps it first ("2:30 to 2:15 pm" stays
    2:30); "8am-3": the second takes the first's, or the other half when it would come before it; a part of
    the day said with one end goes to the other ("between 5 and 6 in the afternoon")."""
    if b.half and not (a.half or a.hint or a.h24):
        if replace(a, half=b.half).time() <= b.time():
            a.half = b.half
    elif a.half and not (b.half or b.hint or b.h24):
        b.half = a.half if replace(b, half=a.half).time() >= a.time() else ("pm" if a.half == "am" else "am")
    if b.hint and not (a.hint or a.half) and replace(a, hint=b.hint).time() <= b.time():
        a.hint = b.hint
    elif a.hint and not (b.hint or b.half):
        b.hint = a.hint


def _set_times(item: _Item, p: DatePatterns) -> None:
    """The period of a day with its times: a clock time or range, a part of the day, or the day's end."""
    period = item.period
    if period is None or not (item.times or item.part or item.day_end) or not _single_day(item):
        return
    day = period.start
    if item.times:
        hint = p.clock.part_times[item.part][2] if item.part else None
        first, last, grain = item.times.read(hint)
        end = day + dt.timedelta(days=1) if last < first else day
        item.period = Period(day, end, grain, first, last)
    elif item.part:
        first, last = _part_times(p, item.part, item.part_half)
        item.period = Period(day, day, "hour", first, last)
    else:
        item.period = Period(day, day, "second", dt.time(23, 59, 59), dt.time(23, 59, 59))


def _merge_time_ranges(items: list[_Item], p: DatePatterns, flat: str) -> list[_Item]:
    """ "du lundi 8h au mardi 18h": two date-times joined as one range."""
    out: list[_Item] = []
    for item in items:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.period is not None
            and item.period is not None
            and prev.period.has_time
            and item.period.has_time
            and p.regex["gap_to"].fullmatch(flat, prev.end, item.start)
            and (item.period.end, item.period.end_time) > (prev.period.start, prev.period.start_time)
        ):
            grains = (prev.period.grain, item.period.grain)
            grain = next(g for g in Period.TIME_GRAINS if g in grains)
            a, b = prev.period, item.period
            prev.period = Period(a.start, b.end, grain, a.start_time, b.end_time)
            prev.end = item.end
            continue
        out.append(item)
    return out


# -- after collecting -----------------------------------------------------------------------------
def _merge_ranges(c: _Collector, p: DatePatterns, flat: str) -> list[_Item]:
    """Two dates joined by "to", "-", "au" (or "between ... and") become one period from the first day
    of the first to the last day of the second; a year written only on the second end goes to both."""
    items = sorted(c.items, key=lambda i: i.start)
    out: list[_Item] = []
    i = 0
    while i < len(items):
        a = items[i]
        b = items[i + 1] if i + 1 < len(items) else None
        merged = _merge_pair(a, b, p, flat) if b else None
        if merged:
            out.append(merged)
            i += 2
            continue
        out.append(a)
        i += 1
    return _absorb_weekdays(out, flat)


def _merge_pair(a: _Item, b: _Item, p: DatePatterns, flat: str) -> _Item | None:
    rx = p.regex
    gap = flat[a.end : b.start]
    before = flat[max(0, a.start - 30) : a.start]
    between = rx["before_between"].search(before)
    if rx["gap_and"].fullmatch(gap):
        if not between:
            return None
    elif not rx["gap_to"].fullmatch(gap):
        return None
    if a.weekday_only or b.weekday_only or a.recurring or b.recurring or (a.now and b.now):
        return None
    pa, pb = a.period, b.period
    lead = rx["before_from"].search(before)
    start = a.start - len(lead.group(0)) if lead else a.start
    if pa is None or pb is None:
        if (pa is None) != (pb is None) and not (a.now or b.now):
            return None
        return _Item(start, b.end, None)
    if not a.year_known and b.year_known and a.month and a.day:
        year = pb.end.year
        d = _safe_date(year, a.month, a.day)
        if d and d > pb.end:
            d = _safe_date(year - 1, a.month, a.day)
        if d is None:
            return _Item(start, b.end, None)  # "29/2-1/3/2019": no such first day
        pa = _day_period(d)
    elif not a.year_known and b.year_known and a.month and pa.grain == "month":
        year = pb.end.year if a.month <= pb.end.month else pb.end.year - 1
        pa = _month_period(year, a.month)
    elif a.year_known and not b.year_known and b.month and b.day:
        d = _safe_date(pa.start.year, b.month, b.day)
        if d and d < pa.start:
            d = _safe_date(pa.start.year + 1, b.month, b.day)
        if d:
            pb = _day_period(d)
    elif not a.year_known and not b.year_known and pb.end < pa.start and b.month and b.day:
        d = _safe_date(pb.end.year + 1, b.month, b.day)
        if d:
            pb = _day_period(d)
    if pb.end < pa.start:
        return None
    grain = pa.grain if pa.grain == pb.grain else GRAINS[min(GRAINS.index(pa.grain), GRAINS.index(pb.grain))]
    return _Item(start, b.end, Period(pa.start, pb.end, grain))


def _absorb_weekdays(items: list[_Item], flat: str) -> list[_Item]:
    """ "samedi 23/06/18", "Friday 7/6": a weekday just before a day is part of it."""
    out: list[_Item] = []
    for item in items:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.weekday_only
            and not item.weekday_only
            and re.fullmatch(r"\.?,?[\s\u00a0\u202f]+", flat[prev.end : item.start])
            and (item.period is None or item.period.grain == "day")
        ):
            item.start = prev.start
            out[-1] = item
            continue
        out.append(item)
    return out


def _qualify(items: list[_Item], p: DatePatterns, text: str) -> None:
    """ "after 2016", "depuis mars", "by the end of the month": the bound goes to the qualifier."""
    for item in items:
        if item.now or item.recurring:
            continue
        before = text[max(0, item.start - 30) : item.start]
        m = p.regex["qualifier"].search(before)
        cue = p.regex["trailing_cue"].search(before) if item.period and item.period.has_time else None
        if not m and cue:
            m = p.regex["qualifier"].search(before[: cue.start()])  # "after around 3:30pm"
        if m:
            item.qualifier = p.qualifiers.get(key(m.group(0)))
        elif item.period and item.period.has_time and p.regex["open_from"].search(before):
            item.qualifier = "since"  # "open from 9am"


@lru_cache(maxsize=8)
def _currency_before(symbols: frozenset[str]) -> re.Pattern[str]:
    """A currency symbol or code ending right before a number ("$2000", "USD 2000", "€ 2020")."""
    alts = "|".join(re.escape(s) for s in sorted(symbols, key=len, reverse=True))
    return re.compile(rf"(?<![A-Za-z])(?:{alts})[\s\u00a0\u202f]?$")


def _year_context_ok(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """A bare 1800-2099 number is a year unless a currency stands before it or a unit, currency,
    percent or count follows it."""
    if _currency_before(frozenset(lex.currency_symbols)).search(text[max(0, start - 5) : start]):
        return False
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
