"""Synthetic claims for measuring grouping and comparison at scale (a million claims and more).

Claims are drawn the way a news corpus produces them: many outlets report the
same quantity (a metric, a pair of countries, a year) with the same figure,
rounded differently, and a few get it wrong (a scale slip, a different
value, another year).  Deterministic by seed.
"""

from __future__ import annotations

import datetime as dt
import random

from ..models import Claim, Mention, Period

METRICS = (
    ("trade.bilateral", "money", "USD"),
    ("budget", "money", "EUR"),
    ("investment", "money", "USD"),
    ("exports", "money", "USD"),
    ("casualties.dead", "number", None),
    ("people.evacuated", "number", None),
    ("turnout", "percent", "%"),
)
ENTITIES = (
    "France",
    "Spain",
    "Germany",
    "Morocco",
    "Japan",
    "India",
    "Kazakhstan",
    "Uzbekistan",
    "Poland",
    "Romania",
    "Canada",
    "Turkey",
    "China",
    "Brazil",
    "Mexico",
    "Italy",
)


def precision_of(kind: str) -> float:
    return 1e8 if kind == "money" else 0.1


def synthetic_claims(
    n: int, seed: int = 11, claims_per_doc: int = 15, error_rate: float = 0.02
) -> list[Claim]:
    rng = random.Random(seed)
    truths: dict[tuple, float] = {}
    out: list[Claim] = []
    years = {y: Period(dt.date(y, 1, 1), dt.date(y, 12, 31), "year") for y in range(1990, 2030)}
    for i in range(n):
        metric, kind, unit = METRICS[rng.randrange(len(METRICS))]
        ents = tuple(sorted(rng.sample(ENTITIES, 2)))
        year = rng.randrange(1990, 2030)
        base = truths.get((metric, ents))
        if base is None:
            base = truths[(metric, ents)] = rng.uniform(1, 40) * (1e9 if kind == "money" else 1.0)
        # A steady 4 % a year: adjacent years stay plausible, as they mostly do in the news.
        truth = round(base * 1.04 ** (year - 1990) / precision_of(kind)) * precision_of(kind)
        value, precision = truth, precision_of(kind)
        roll = rng.random()
        if roll < error_rate / 2:
            value = truth / 1000  # a million/milliard slip
        elif roll < error_rate:
            value = truth * rng.uniform(1.2, 1.6)
        mention = Mention(0, 8, f"{value:g}", kind, float(value), unit, None, None, None, precision)
        out.append(
            Claim(
                f"syn-{i}",
                f"syn-doc-{i // claims_per_doc}",
                mention,
                "",
                0,
                metric,
                metric,
                ents,
                years[year],
                "reported",
                None,
            )
        )
    return out
