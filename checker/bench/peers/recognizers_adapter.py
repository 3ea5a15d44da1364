"""Runs Microsoft Recognizers-Text (Python) on peer-suite cases and writes mentions in the checker's format.

Executed with the peers' virtual environment's python: JSONL cases on stdin ({id, text, lang, source,
reference_date}), one JSONL line per case on stdout ({id, mentions, seconds[, error]}).  The model is
the one the case's spec file names (CurrencyModel -> currency, DateTimeModelCalendarMode -> datetime in
calendar mode, as the peer's own Python test runner chooses options); quantulum3 cases, which expect
every kind of quantity, get the union of the number-with-unit, percentage and number models.  The
conversion functions take plain dicts so that this module imports without the peer installed.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
import time
from typing import Any

# Spec file stem -> model name.
MODELS = {
    "CurrencyModel": "currency",
    "NumberModel": "number",
    "PercentModel": "percentage",
    "DimensionModel": "dimension",
    "TemperatureModel": "temperature",
    "AgeModel": "age",
}
# For suites written for quantulum3: the models whose union covers its notion of quantity, most
# specific first (a plain number inside "2 km" is dropped); "duration" is the datetime model's
# durations only ("three days"), which the number-with-unit models do not read.
QUANTITY_UNION = ("currency", "dimension", "temperature", "age", "duration", "percentage", "number")
# DateTime spec suffix -> DateTimeOptions member, as the peer's Python test runner maps them (others: NONE).
DATETIME_OPTIONS = {"CalendarMode": "CALENDAR", "SplitDateAndTime": "SPLIT_DATE_AND_TIME"}

# Currency names the peer resolves without an ISO code (English and French) -> ISO 4217.  Generic names
# (Dollar, Pound, Livre, Franc, Cent) have none, as in the suites.
CURRENCY_CODES = {
    "united states dollar": "USD",
    "dollar états-unis": "USD",
    "dollar américain": "USD",
    "canadian dollar": "CAD",
    "dollar canadien": "CAD",
    "australian dollar": "AUD",
    "dollar australien": "AUD",
    "hong kong dollar": "HKD",
    "dollar de hong kong": "HKD",
    "euro": "EUR",
    "japanese yen": "JPY",
    "yen japonais": "JPY",
    "chinese yuan": "CNY",
    "yuan chinois": "CNY",
    "swiss franc": "CHF",
    "franc suisse": "CHF",
    "finnish markka": "FIM",
    "mark finlandais": "FIM",
    "netherlands guilder": "NLG",
    "florins néerlandais": "NLG",
    "british pound": "GBP",
    "pound sterling": "GBP",
    "livre sterling": "GBP",
    "costa rican colón": "CRC",
    "georgian lari": "GEL",
    "lao kip": "LAK",
    "sri lankan rupee": "LKR",
    "mexican peso": "MXN",
}
# Dimension and temperature unit names (English and French) -> a spelling pint reads.
UNITS = {
    "pound": "lb",
    "livre": "lb",
    "ounce": "oz",
    "onces": "fluid_ounce",
    "milliliter": "mL",
    "millilitre": "mL",
    "liter": "L",
    "litre": "L",
    "inch": "inch",
    "pouce": "inch",
    "mile": "mi",
    "miles": "mi",
    "barrel": "oil_barrel",
    "baril": "oil_barrel",
    "foot": "ft",
    "pied": "ft",
    "pieds": "ft",
    "acre": "acre",
    "gallon": "gal",
    "cubic foot": "ft ** 3",
    "pieds cube": "ft ** 3",
    "square meter": "m ** 2",
    "mètre carré": "m ** 2",
    "square kilometer": "km ** 2",
    "kilomètre carré": "km ** 2",
    "ton": "ton",
    "metric ton": "t",
    "tonne": "t",
    "tonne métrique": "t",
    "bit": "bit",
    "megabit": "Mbit",
    "megabyte": "MB",
    "mile per hour": "mph",
    "miles par heure": "mph",
    "kilometer per hour": "km/h",
    "kilomètre par heure": "km/h",
    "meter": "m",
    "mètre": "m",
    "mètres": "m",
    "kilometer": "km",
    "kilomètre": "km",
    "kilomètres": "km",
    "millimeter": "mm",
    "millimètre": "mm",
    "millimètres": "mm",
    "centimeter": "cm",
    "centimètre": "cm",
    "centimètres": "cm",
    "decimeter": "dm",
    "décimètre": "dm",
    "décimètres": "dm",
    "hectomètre": "hm",
    "picometer": "pm",
    "kilogram": "kg",
    "kilogramme": "kg",
    "gram": "g",
    "gramme": "g",
    "microgram": "µg",
    "microgramme": "µg",
    "c": "degC",
    "f": "degF",
    "k": "kelvin",
    "kelvin": "kelvin",
    "degree": "degree",
    "degré": "degree",
}
# Age units -> seconds, with pint's calendar-average year and month (the checker's durations).
AGE_SECONDS = {
    "year": 31557600.0,
    "ans": 31557600.0,
    "month": 2629800.0,
    "mois": 2629800.0,
    "week": 604800.0,
    "semaines": 604800.0,
    "day": 86400.0,
    "jour": 86400.0,
}
_DURATION = re.compile(
    r"^P(?:([\d.]+)Y)?(?:([\d.]+)M)?(?:([\d.]+)W)?(?:([\d.]+)D)?(?:T(?:([\d.]+)H)?(?:([\d.]+)M)?(?:([\d.]+)S)?)?$"
)
_DURATION_SECONDS = (31557600.0, 2629800.0, 604800.0, 86400.0, 3600.0, 60.0, 1.0)


def spec_model(source: str) -> tuple[str, str | None]:
    """(model, datetime option) for a case's source ("repo:Specs/.../CurrencyModel.json")."""
    if "quantulum3" in source:
        return "quantity-union", None
    stem = source.rsplit("/", 1)[-1].removesuffix(".json")
    if stem.startswith("DateTimeModel"):
        return "datetime", DATETIME_OPTIONS.get(stem.removeprefix("DateTimeModel"), "NONE")
    return MODELS.get(stem, "number"), None


def parse_number(text: Any, lang: str) -> float | None:
    """The peer's resolution value as a float ("0,2" in French, "4.2e+08", "100%")."""
    if text is None:
        return None
    s = str(text).strip().rstrip("%").replace("\u00a0", "").replace(" ", "")
    s = s.replace(",", ".") if lang == "fr" else s.replace(",", "")
    try:
        return float(s)
    except ValueError:
        return None


def unit_spelling(name: str) -> str | None:
    """A pint spelling for the peer's unit name: from the table, else built from the words ("square
    mile" -> "mile ** 2", "terabyte"); None for the peer's generic names ("volume unit")."""
    name = name.strip().lower()
    if name in UNITS:
        return UNITS[name]
    if not name or name.endswith(" unit"):
        return None
    for word, power in (("square ", 2), ("cubic ", 3)):
        if name.startswith(word):
            return f"{name.removeprefix(word).replace(' ', '_')} ** {power}"
    return " / ".join(part.strip().replace(" ", "_") for part in name.split(" per "))


def duration_seconds(timex: str) -> float | None:
    """Seconds in a timex duration ("PT1.5H", "P3Y"), with calendar-average years and months."""
    m = _DURATION.match(timex or "")
    if not m or not any(m.groups()):
        return None
    return sum(float(v) * k for v, k in zip(m.groups(), _DURATION_SECONDS, strict=True) if v)


def _mention(result: dict[str, Any], kind: str, **fields: Any) -> dict[str, Any]:
    return {
        "start": result["start"],
        "end": result["end"],
        "text": result["text"],
        "kind": kind,
        "value": fields.get("value"),
        "unit": fields.get("unit"),
        "low": None,
        "high": None,
        "qualifier": fields.get("qualifier"),
        "date": fields.get("date"),
        **({"iso": fields["iso"]} if fields.get("iso") else {}),
    }


def convert(result: dict[str, Any], lang: str) -> dict[str, Any] | None:
    """A peer result {text, start, end (exclusive), type_name, resolution} as a checker mention dict."""
    type_name = result.get("type_name") or ""
    res = result.get("resolution") or {}
    if type_name.startswith("datetimeV2"):
        return convert_datetime(result, type_name.split(".", 1)[1], res)
    value = parse_number(res.get("value"), lang)
    unit_name = str(res.get("unit") or "").strip().lower()
    if type_name == "currency":
        code = res.get("isoCurrency") or CURRENCY_CODES.get(unit_name)
        return _mention(result, "money", value=value, unit=code)
    if type_name in ("dimension", "temperature"):
        return _mention(result, "quantity", value=value, unit=unit_spelling(unit_name))
    if type_name == "age":
        seconds = AGE_SECONDS.get(unit_name)
        if seconds is None or value is None:
            return _mention(result, "duration", value=None, unit="s")
        return _mention(result, "duration", value=value * seconds, unit="s")
    if type_name == "percentage":
        return _mention(result, "percent", value=value, unit="%")
    if type_name in ("number", "ordinal"):
        return _mention(result, "number", value=value)
    return None


def _day(text: str | None, shift: int = 0) -> str | None:
    try:
        day = dt.date.fromisoformat(str(text)[:10])
    except ValueError:  # None, "not resolved"
        return None
    return (day + dt.timedelta(days=shift)).isoformat()


def _stamp(text: str | None) -> str:
    return text.replace(" ", "T") if text else ".."


def convert_datetime(result: dict[str, Any], kind: str, res: dict[str, Any]) -> dict[str, Any]:
    """A datetimeV2 result: dates and ranges as {start, end, grain} (end inclusive), durations in seconds,
    clock times as an ISO string in the suites' format; recurrences carry no reading."""
    values = res.get("values") or [{}]
    v = values[0]
    timex = str(v.get("timex") or "")
    mod = v.get("Mod")
    if kind == "duration":
        return _mention(result, "duration", value=duration_seconds(timex), unit="s")
    if kind == "date":
        day = _day(v.get("value"))
        date = {"start": day, "end": day, "grain": "day"} if day else None
        return _mention(result, "date", date=date)
    if kind == "daterange":
        if v.get("start") and not v.get("end"):
            date = {"start": _day(v["start"]), "end": None, "grain": "open"}
            return _mention(result, "date", date=date, qualifier=mod or "after")
        if v.get("end") and not v.get("start"):
            # The peer's end is exclusive: "before 2018" ends 2018-01-01.
            date = {"start": None, "end": _day(v["end"], -1), "grain": "open"}
            return _mention(result, "date", date=date, qualifier=mod or "before")
        if re.fullmatch(r"\d{4}", timex):
            grain = "year"
        elif re.fullmatch(r"\d{4}-\d{2}", timex):
            grain = "month"
        elif re.fullmatch(r"\d{4}-W\d{2}", timex):
            grain = "week"
        else:
            grain = "range"
        date = {"start": _day(v.get("start")), "end": _day(v.get("end"), -1), "grain": grain}
        return _mention(result, "date", date=date, qualifier=mod)
    if kind in ("time", "datetime"):
        stamp = v.get("value")
        day = _day(stamp) if stamp and "-" in stamp else None
        date = {"start": day, "end": day, "grain": "day"} if day else None
        return _mention(result, "date", date=date, iso=_stamp(stamp) if stamp else None)
    if kind in ("timerange", "datetimerange"):
        iso = f"{_stamp(v.get('start'))}/{_stamp(v.get('end'))}"
        return _mention(result, "date", iso=iso if iso != "../.." else None, qualifier=mod)
    return _mention(result, "date")


def union(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Keep results in order, dropping any that overlaps one already kept."""
    kept: list[dict[str, Any]] = []
    for r in results:
        if all(r["end"] <= k["start"] or k["end"] <= r["start"] for k in kept):
            kept.append(r)
    return sorted(kept, key=lambda r: (r["start"], r["end"]))


class Runner:
    """Builds each (model, culture, option) once and runs it on cases."""

    def __init__(self) -> None:
        self._models: dict[tuple[str, str, str | None], Any] = {}

    def model(self, name: str, culture: str, option: str | None) -> Any:
        key = (name, culture, option)
        if key not in self._models:
            self._models[key] = _build(name, culture, option)
        return self._models[key]

    def run(self, case: dict[str, Any]) -> tuple[list[dict[str, Any]], float]:
        from recognizers_text import Culture

        lang = case.get("lang") or "en"
        culture = Culture.French if lang == "fr" else Culture.English
        name, option = spec_model(case.get("source") or "")
        names = QUANTITY_UNION if name == "quantity-union" else (name,)
        models = [self.model(n, culture, option) for n in names]  # built before the clock starts
        reference = _reference(case.get("reference_date"))
        text = case["text"]
        start = time.perf_counter()
        raw = []
        for n, model in zip(names, models, strict=True):
            found = model.parse(text, reference) if n in ("datetime", "duration") else model.parse(text)
            found = [r for r in found or [] if n != "duration" or r.type_name == "datetimeV2.duration"]
            raw += [_plain(r) for r in found]
        seconds = time.perf_counter() - start
        if len(names) > 1:
            raw = union(raw)
        mentions = [m for m in (convert(r, lang) for r in raw) if m]
        return mentions, seconds


def _plain(r: Any) -> dict[str, Any]:
    # The peer's end offset is inclusive.
    return {
        "text": r.text,
        "start": r.start,
        "end": r.end + 1,
        "type_name": r.type_name,
        "resolution": r.resolution,
    }


def _reference(value: Any) -> dt.datetime:
    if not value:
        return dt.datetime.now()
    return dt.datetime.fromisoformat(str(value)[:19])


def _build(name: str, culture: str, option: str | None) -> Any:
    if name in ("datetime", "duration"):
        from recognizers_date_time import DateTimeOptions, DateTimeRecognizer

        return DateTimeRecognizer(culture, DateTimeOptions[option or "NONE"]).get_datetime_model(culture)
    if name in ("number", "percentage"):
        from recognizers_number import NumberRecognizer

        recognizer = NumberRecognizer(culture)
        return (
            recognizer.get_number_model(culture)
            if name == "number"
            else recognizer.get_percentage_model(culture)
        )
    from recognizers_number_with_unit import NumberWithUnitRecognizer

    return getattr(NumberWithUnitRecognizer(culture), f"get_{name}_model")(culture)


def versions() -> dict[str, str]:
    from importlib.metadata import version

    return {"recognizers-text-suite": version("recognizers-text-suite")}


def main() -> None:
    if sys.argv[1:] == ["--versions"]:
        print(json.dumps(versions()))
        return
    runner = Runner()
    for line in sys.stdin:
        if not line.strip():
            continue
        case = json.loads(line)
        try:
            mentions, seconds = runner.run(case)
            out = {"id": case["id"], "mentions": mentions, "seconds": seconds}
        except Exception as exc:  # one failing case must not stop the others
            out = {"id": case["id"], "mentions": [], "seconds": 0.0, "error": f"{type(exc).__name__}: {exc}"}
        print(json.dumps(out, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
