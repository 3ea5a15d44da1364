"""Runs quantulum3 on English peer-suite cases and writes mentions in the checker's format.

Executed with the peers' virtual environment's python: JSONL cases on stdin ({id, text, lang}), one
JSONL line per case on stdout ({id, mentions, seconds[, error]}).  Each quantity quantulum3 finds
becomes a mention: currencies are money (ISO code), percentages percent, dimensionless values numbers,
time units durations in seconds, anything else a quantity with a unit pint reads ("kilometre / hour").
The conversion takes plain dicts so that this module imports without quantulum3 installed.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

# Time units -> seconds, with pint's calendar-average year and month (the checker's durations).
TIME_SECONDS = {
    "second": 1.0,
    "minute": 60.0,
    "hour": 3600.0,
    "day": 86400.0,
    "week": 604800.0,
    "month": 2629800.0,
    "year": 31557600.0,
}
# quantulum3 base unit names pint does not read as they are.
PINT_NAMES = {
    "degree Celsius": "degC",
    "degree fahrenheit": "degF",
    "degree Fahrenheit": "degF",
    "pound-mass": "pound",
    "dimensionless": "",
    "percentage": "percent",
}


def pint_spelling(dimensions: list[dict[str, Any]]) -> str | None:
    """quantulum3's unit dimensions [{base, power}] as one pint expression ("kilometre / hour ** 2")."""
    num, den = [], []
    for d in dimensions or []:
        base = PINT_NAMES.get(d.get("base", ""), d.get("base", ""))
        if not base:
            continue
        base = base.replace(" ", "_")
        power = d.get("power", 1)
        part = base if abs(power) == 1 else f"{base} ** {abs(power)}"
        (num if power > 0 else den).append(part)
    if not num and not den:
        return None
    text = " * ".join(num) if num else "1"
    return text + "".join(f" / {d}" for d in den)


def convert(quantity: dict[str, Any]) -> dict[str, Any]:
    """A quantity {surface, span, value, unit, entity, currency_code, dimensions} as a mention dict."""
    unit, entity = quantity.get("unit") or "", quantity.get("entity") or ""
    value = quantity.get("value")
    mention = {
        "start": quantity["span"][0],
        "end": quantity["span"][1],
        "text": quantity.get("surface"),
        "kind": "quantity",
        "value": value,
        "unit": None,
        "low": None,
        "high": None,
        "qualifier": None,
        "date": None,
    }
    if entity == "currency":
        mention.update(kind="money", unit=quantity.get("currency_code"))
    elif unit == "percentage":
        mention.update(kind="percent", unit="%")
    elif unit == "dimensionless" or (entity == "dimensionless" and not quantity.get("dimensions")):
        mention.update(kind="number")
    elif unit in TIME_SECONDS:
        seconds = None if value is None else value * TIME_SECONDS[unit]
        mention.update(kind="duration", value=seconds, unit="s")
    else:
        mention.update(unit=pint_spelling(quantity.get("dimensions") or []))
    return mention


def _plain(q: Any) -> dict[str, Any]:
    return {
        "surface": q.surface,
        "span": list(q.span),
        "value": q.value,
        "unit": q.unit.name,
        "entity": q.unit.entity.name if q.unit.entity else None,
        "currency_code": getattr(q.unit, "currency_code", None),
        "dimensions": [{"base": d.get("base"), "power": d.get("power", 1)} for d in q.unit.dimensions or []],
    }


def main() -> None:
    from importlib.metadata import version

    if sys.argv[1:] == ["--versions"]:
        print(json.dumps({"quantulum3": version("quantulum3")}))
        return
    import warnings

    warnings.filterwarnings("ignore")
    from quantulum3 import parser

    parser.parse("warm up 2 km")  # loads units, entities and the classifier before the clock starts
    for line in sys.stdin:
        if not line.strip():
            continue
        case = json.loads(line)
        try:
            start = time.perf_counter()
            found = parser.parse(case["text"])
            seconds = time.perf_counter() - start
            out = {"id": case["id"], "mentions": [convert(_plain(q)) for q in found], "seconds": seconds}
        except Exception as exc:  # one failing case must not stop the others
            out = {"id": case["id"], "mentions": [], "seconds": 0.0, "error": f"{type(exc).__name__}: {exc}"}
        print(json.dumps(out, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
