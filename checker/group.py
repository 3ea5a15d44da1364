"""Groups claims about the same quantity, across documents and languages.

A claim is comparable only when it has a metric concept.  Claims are blocked by
(metric concept, dimension): the same concept measured in the same currency,
the same physical dimension (tonnes and kilograms together, converted with
pint), percentages or percentage points, counts, or dates.  Within a block, a
pair is a candidate when the two claims come from different documents and
their entities are compatible (one set contains the other, with parents:
"Valencia" sits inside "Spain").  The relation of their periods (same,
adjacent, unknown) is worked out here once, for every rule to use.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from .models import Claim, Period

FLOW_GRAINS = {"year-end": "year"}


@dataclass(frozen=True)
class Group:
    key: str
    metric_id: str
    dimension: str
    claims: tuple[Claim, ...]


@dataclass(frozen=True)
class Pair:
    a: Claim
    b: Claim
    relation: str  # same, adjacent, unknown-one, unknown-both, other
    group: Group


@lru_cache(maxsize=1)
def _ureg():
    import pint

    return pint.UnitRegistry()


@lru_cache(maxsize=256)
def _dimension_of(unit: str) -> tuple[str, float]:
    """Pint's dimensionality of ``unit`` and the factor to its base units."""
    ureg = _ureg()
    q = ureg.Quantity(1.0, unit)
    base = q.to_base_units()
    return str(base.units), float(base.magnitude)


@lru_cache(maxsize=1)
def _minor_units() -> dict[str, tuple[str, float]]:
    from .lexicon import load_lexicon

    return load_lexicon("en").minor_units


def dimension(claim: Claim) -> str | None:
    m = claim.mention
    if m.kind == "money":
        return f"money:{_minor_units().get(m.unit or '', (m.unit, 1.0))[0]}"
    if m.kind == "percent":
        return f"percent:{m.unit}"
    if m.kind == "quantity" and m.unit:
        try:
            return f"quantity:{_dimension_of(m.unit)[0]}"
        except Exception:  # an unknown unit makes the claim incomparable, not the run fail
            return None
    if m.kind == "number":
        return "count"
    if m.kind == "date":
        return "date"
    if m.kind == "duration":
        return "duration"
    return None


def base_factor(claim: Claim) -> float:
    """Factor that brings the claim's value to base units (1 for anything but quantities)."""
    m = claim.mention
    if m.kind == "quantity" and m.unit:
        return _dimension_of(m.unit)[1]
    if m.kind == "money" and m.unit in _minor_units():
        return _minor_units()[m.unit][1]
    return 1.0


def comparable_period(p: Period | None) -> Period | None:
    """The period a flow figure covers: "à la fin de 2021" reports the year 2021."""
    if p is None:
        return None
    if p.grain == "year-end":
        return Period(dt.date(p.start.year, 1, 1), dt.date(p.start.year, 12, 31), "year")
    return p


def period_relation(a: Period | None, b: Period | None) -> str:
    a, b = comparable_period(a), comparable_period(b)
    if a is None and b is None:
        return "unknown-both"
    if a is None or b is None:
        return "unknown-one"
    if a == b:
        return "same"
    if a.grain == b.grain:
        first, second = (a, b) if a.start <= b.start else (b, a)
        if (second.start - first.end).days == 1:
            return "adjacent"
        if a.grain == "day" and a.overlaps(b):
            return "same"
    return "other"


def entities_compatible(a: Claim, b: Claim) -> bool:
    ea, eb = set(a.entities), set(b.entities)
    if not ea or not eb:
        return True
    return ea <= eb or eb <= ea


def build_groups(claims: list[Claim]) -> list[Group]:
    blocks: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for c in claims:
        if not c.metric_id:
            continue
        dim = dimension(c)
        if dim is None:
            continue
        blocks[(c.metric_id, dim)].append(c)
    groups = []
    for (metric_id, dim), members in sorted(blocks.items()):
        if len({c.doc_id for c in members}) < 2:
            continue
        groups.append(Group(f"{metric_id}|{dim}", metric_id, dim, tuple(members)))
    return groups


def candidate_pairs(group: Group) -> Iterator[Pair]:
    claims = group.claims
    for i, a in enumerate(claims):
        for b in claims[i + 1 :]:
            if a.doc_id == b.doc_id or not entities_compatible(a, b):
                continue
            yield Pair(a, b, period_relation(a.period, b.period), group)
