"""Whether a predicted mention gives the value a peer suite expects: numbers, units and dates.

``value_agrees(mention, expected)`` is the one rule the extraction benchmark applies to every matched pair,
for the project and for the peers alike.  A mention is a dict in the format of ``checker extract``
({kind, value, unit, qualifier, date: {start, end, grain}}, where start and end are ISO days or, for a
reading stated to the clock, ISO date-times "2016-11-07T16:00:00"; peers may give ``iso`` instead for a
clock-time reading).  An expected item is a peer-suite answer ({value, unit, iso_value}).  Values agree
to 1e-6 relative; units are compared through pint after a small table maps the suites' spellings ("m2",
"°C", "bbl") to pint's; dates agree when they name the same day, week, month, year, interval, time of
day or duration at the precision the suite states.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

import pint

REL_TOL = 1e-6
# Conversions through pint (°C -> K, s -> year) leave float noise far below any written digit.
ABS_TOL = 1e-9

# Suite spellings pint reads differently or not at all.  None: the suite names no scale (Recognizers'
# bare "degrees"), so only the value is compared.
UNIT_ALIASES: dict[str, str | None] = {
    "°C": "degC",
    "°F": "degF",
    "°": None,
    "fl oz": "fluid_ounce",
    "ac": "acre",  # pint reads "ac" as atto-speed-of-light
    "bbl": "oil_barrel",  # the suites' barrel is the 42-gallon oil barrel, pint's "bbl" is not
    "tbsp": "tablespoon",
}
# "m2", "km3", "ft3": a unit symbol followed by its power.
_POWER = re.compile(r"^([A-Za-zµ]+)([23])$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")
# Qualifiers that open a date interval on one side ("after 2010", "before 2018").
AFTER = frozenset({"after", "since", "more_than", "at_least"})
BEFORE = frozenset({"before", "until", "less_than", "at_most", "up_to"})
_ISO_DURATION = re.compile(
    r"^P(?:(?P<Y>[\d.]+)Y)?(?:(?P<M>[\d.]+)M)?(?:(?P<W>[\d.]+)W)?(?:(?P<D>[\d.]+)D)?"
    r"(?:T(?:(?P<H>[\d.]+)H)?(?:(?P<TM>[\d.]+)M)?(?:(?P<S>[\d.]+)S)?)?$"
)
# Seconds per ISO 8601 duration designator, with pint's calendar-average year and month, the same the
# extractor uses ("3 years" -> 3 x 365.25 days), so that P3Y means three years whatever the day count.
DURATION_SECONDS = {
    "Y": 31557600.0,
    "M": 2629800.0,
    "W": 604800.0,
    "D": 86400.0,
    "H": 3600.0,
    "TM": 60.0,
    "S": 1.0,
}


@functools.lru_cache(maxsize=1)
def registry() -> pint.UnitRegistry:
    return pint.UnitRegistry()


def close(a: float, b: float) -> bool:
    """True when ``a`` and ``b`` agree to 1e-6 relative (or both are within float noise of zero)."""
    return abs(a - b) <= max(REL_TOL * max(abs(a), abs(b)), ABS_TOL)


@functools.lru_cache(maxsize=512)
def pint_unit(spelling: str | None) -> Any | None:
    """The pint unit for a suite or project spelling, or None when there is none or pint cannot read it."""
    if not spelling:
        return None
    name = UNIT_ALIASES.get(spelling, spelling)
    if name is None:
        return None
    power = _POWER.match(name)
    if power:
        name = f"{power.group(1)} ** {power.group(2)}"
    try:
        return registry().Unit(name)
    except Exception:  # pint raises several types for unreadable names
        return None


def convert(value: float, source: str | None, target: str | None) -> float | None:
    """``value`` in unit ``source`` expressed in unit ``target``; None when pint cannot convert."""
    src, dst = pint_unit(source), pint_unit(target)
    if src is None or dst is None:
        return None
    try:
        return float(registry().Quantity(value, src).to(dst).magnitude)
    except Exception:  # DimensionalityError, or an offset unit pint refuses to multiply
        return None


def units_equivalent(a: str | None, b: str | None) -> bool:
    """Same unit under two spellings: identical strings, or pint units equal at 0 and 1 ("km" == "kilometer").

    Two points so that offset units count: °C and K have the same size but not the same zero.
    """
    if a == b:
        return True
    zero, one = convert(0.0, a, b), convert(1.0, a, b)
    return zero is not None and one is not None and close(zero, 0.0) and close(one, 1.0)


def is_currency(unit: str | None) -> bool:
    return bool(unit and _CURRENCY.match(unit))


def iso_duration_seconds(iso: str) -> float | None:
    """Seconds in an ISO 8601 duration ("PT24H" -> 86400, "P1.25Y" -> 1.25 years); None if unreadable."""
    m = _ISO_DURATION.match(iso)
    if not m or iso in ("P", "PT"):
        return None
    return sum(float(v) * DURATION_SECONDS[k] for k, v in m.groupdict().items() if v)


def value_agrees(mention: dict[str, Any], expected: dict[str, Any]) -> bool:
    """Whether ``mention`` reads the value, unit and date ``expected`` states.

    - an ``iso_value`` is compared as a date, interval or duration (``date_agrees``);
    - no value and no ``iso_value`` (span-only tests: ranges, bare units, ambiguous dates): the span
      match alone counts as a value match;
    - otherwise the values must agree to 1e-6 relative and, where the expected unit is not null, the
      unit too: ISO 4217 codes and "%" literally, physical units through pint, our value being
      converted into the expected unit first (so "5 years" held in seconds agrees with 5 "year");
      a duration beside a unitless value is read in years (the suites' bare ages, "age 87").
    """
    iso = expected.get("iso_value")
    if iso:
        return date_agrees(mention, iso)
    want = expected.get("value")
    if want is None:
        return True
    got = mention.get("value")
    if got is None:
        return False
    unit = expected.get("unit")
    if unit is None and mention.get("kind") == "duration":
        # A unitless expected value beside our duration is an age given bare ("age 87"): in years.
        unit = "year"
    if unit is None or (unit in UNIT_ALIASES and UNIT_ALIASES[unit] is None):
        return close(float(got), float(want))
    if unit == "%" or is_currency(unit):
        return mention.get("unit") == unit and close(float(got), float(want))
    converted = convert(float(got), mention.get("unit"), unit)
    return converted is not None and close(converted, float(want))


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text[:10]) if text else None


def _next(day: dt.date | None) -> dt.date | None:
    return day + dt.timedelta(days=1) if day else None


def date_agrees(mention: dict[str, Any], iso: str) -> bool:
    """Whether the mention's reading names the date, interval or duration of ``iso`` at its grain.

    - "P..." durations: the mention's value converted to seconds equals the ISO duration, counted with
      calendar-average years and months (the suites' own seconds use 365-day years and 30-day months;
      comparing at the stated grain means "3 years" is right whatever the day count);
    - anything with a clock time ("YYYY-MM-DDTHH:MM:SS", "HH:MM:SS", ranges of them, open or closed):
      a reading stated to the clock (``clock_agrees``), or a peer's reading with the same ISO string
      (``mention["iso"]``);
    - a reading stated to the clock never agrees with a day, week, month or year: the suite states a
      coarser grain;
    - "YYYY-MM-DD": a reading of that single day;
    - "YYYY-MM" / "YYYY": a reading at month / year grain of that month / year (or one covering exactly it);
    - "YYYY-Www": a reading at week grain starting in that ISO week;
    - "S/E" intervals: same first day, and last day E or the day before (the suites write E both ways),
      or, for a range of months, E the first day of our last month ("Jan-Feb 2017" -> .../2017-02-01);
    - open intervals "S/.." and "../E": an open reading with that bound, or a closed one qualified by
      "after"/"since" (resp. "before"/"until") whose bound gives it ("after 2010" -> 2011-01-01/..).
    """
    if iso.startswith("P"):
        seconds = iso_duration_seconds(iso)
        value = mention.get("value")
        if seconds is None or value is None:
            return False
        got = float(value) if mention.get("unit") in (None, "s") else convert(value, mention["unit"], "s")
        return got is not None and close(got, seconds)
    if ":" in iso:
        return mention.get("iso") == iso if mention.get("iso") else clock_agrees(mention, iso)
    date = mention.get("date") or {}
    if _has_time(date.get("start")) or _has_time(date.get("end")):
        return False
    start, end = _day(date.get("start")), _day(date.get("end"))
    grain = date.get("grain")
    qualifier = mention.get("qualifier")
    if "/" in iso:
        first, last = iso.split("/", 1)
        if first != ".." and last != "..":
            a, b = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
            # A range of months may end on the first day of its last month ("Jan-Feb 2017" ->
            # 2017-01-01/2017-02-01): the suite names that month.
            months = grain == "month" and end is not None and b.day == 1 and end.replace(day=1) == b
            return start == a and (end in (b, b - dt.timedelta(days=1)) or months)
        if last == "..":
            a = dt.date.fromisoformat(first)
            if end is None:
                return start == a
            return qualifier in AFTER and a in (start, _next(end))
        b = dt.date.fromisoformat(last)
        if start is None:
            return b in (end, _next(end))
        return qualifier in BEFORE and b in (start, _next(end))
    if start is None or end is None:
        return False
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso):
        return start == end == dt.date.fromisoformat(iso)
    if re.fullmatch(r"\d{4}-W\d{2}", iso):
        year, week = int(iso[:4]), int(iso[6:])
        return grain == "week" and start.isocalendar()[:2] == (year, week)
    if re.fullmatch(r"\d{4}-\d{2}", iso):
        first_day = dt.date(int(iso[:4]), int(iso[5:]), 1)
        last_day = _next_month(first_day) - dt.timedelta(days=1)
        return (grain == "month" and start.strftime("%Y-%m") == iso) or (start, end) == (first_day, last_day)
    if re.fullmatch(r"\d{4}", iso):
        year = int(iso)
        whole = (start, end) == (dt.date(year, 1, 1), dt.date(year, 12, 31))
        return (grain == "year" and start.year == year) or whole
    return False


def _has_time(stamp: str | None) -> bool:
    return bool(stamp) and "T" in stamp


def _at(ours: str | None, theirs: str) -> bool:
    """Whether our stamp names the suite's point: a date-time exactly, a time of day ("HH:MM:SS") on any
    day, a day ("YYYY-MM-DD") only when we state no time either."""
    if not ours:
        return False
    if "T" in theirs or "T" not in ours:
        return ours == theirs
    return ":" in theirs and ours.split("T", 1)[1] == theirs


def clock_agrees(mention: dict[str, Any], iso: str) -> bool:
    """A reading stated to the clock against a suite's time, date-time or range of them.

    - "T" / "HH:MM:SS": a point in time (start and end the same), the same date-time or time of day;
    - "S/E": the same first and last moments ("16:00:00/20:00:00" for "this evening");
    - "S/..", "../E": a point or range qualified "after"/"since" (resp. "before"/"until") whose first
      moment is the bound ("after 3:30pm" -> "15:30:00/..", "before lunch" ->
      "../11:00:00").
    """
    date = mention.get("date") or {}
    start, end = date.get("start"), date.get("end")
    if not (_has_time(start) or _has_time(end)):
        return False
    qualifier = mention.get("qualifier")
    if "/" not in iso:
        return start == end and _at(start, iso)
    first, last = iso.split("/", 1)
    if first != ".." and last != "..":
        return _at(start, first) and _at(end, last)
    if last == "..":
        return qualifier in AFTER and _at(start, first)
    return qualifier in BEFORE and _at(start, last)


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
