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
    p = p.dates_only()  # "14 mars à 16h" is the 14th of March for comparing
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


PeriodKey = tuple[str, dt.date] | None
BlockKey = tuple[frozenset[str], PeriodKey]

# Blocks with at most this many claims are compared all against all; larger ones by sorted neighbours.
SMALL_BLOCK = 12


def period_key(p: Period | None) -> PeriodKey:
    c = comparable_period(p)
    return (c.grain, c.start) if c else None


def _shift(key: PeriodKey, claims_period: Period | None, step: int) -> PeriodKey:
    """The key of the period just before (-1) or after (+1) ``claims_period``, same grain."""
    c = comparable_period(claims_period)
    if c is None:
        return None
    if step > 0:
        nxt = c.end + dt.timedelta(days=1)
        return (c.grain, nxt)
    prev_end = c.start - dt.timedelta(days=1)
    if c.grain == "day":
        return (c.grain, prev_end)
    if c.grain == "month":
        return (c.grain, prev_end.replace(day=1))
    if c.grain == "year":
        return (c.grain, dt.date(prev_end.year, 1, 1))
    if c.grain == "quarter":
        return (c.grain, dt.date(prev_end.year, prev_end.month - 2, 1))
    if c.grain == "half":
        return (c.grain, dt.date(prev_end.year, prev_end.month - 5, 1))
    if c.grain == "week":
        return (c.grain, c.start - dt.timedelta(days=7))
    return None


def build_groups(claims: list[Claim]) -> list[Group]:
    """One group per (metric concept, dimension) holding claims from at least two documents."""
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


def _subsets(entities: frozenset[str]) -> list[frozenset[str]]:
    items = sorted(entities)
    out = []
    for mask in range(1 << len(items)):
        out.append(frozenset(x for i, x in enumerate(items) if mask >> i & 1))
    return out


def candidate_pairs(group: Group) -> Iterator[Pair]:
    """Pairs of claims from different documents with compatible entities, found block by block.

    Claims are blocked by (entity set, period).  A block is compared with itself, with the blocks of
    its entity subsets (same, adjacent or unknown period) and with its own adjacent periods; there
    are few such blocks per claim, so the work grows with the number of claims, not its square.
    """
    blocks: dict[BlockKey, list[Claim]] = defaultdict(list)
    periods_of: dict[frozenset[str], set[PeriodKey]] = defaultdict(set)
    for c in group.claims:
        ents = frozenset(c.entities)
        # A date claim's period is its value: events on different days must meet, so dates block by
        # entity only.
        key = None if group.dimension == "date" else period_key(c.period)
        blocks[(ents, key)].append(c)
        periods_of[ents].add(key)
    seen: set[tuple[BlockKey, BlockKey]] = set()
    for (ents, pkey), members in sorted(blocks.items(), key=_block_order):
        sample = members[0].period
        targets: list[BlockKey] = []
        for sub in _subsets(ents):
            if pkey is None:
                # An undated block meets every period of its entity subsets (its own: dated side does it).
                targets += [
                    (sub, q)
                    for q in sorted(periods_of.get(sub, ()), key=_pkey_order)
                    if sub != ents or q is None
                ]
            else:
                targets += [(sub, pkey), (sub, None), (sub, _shift(pkey, sample, 1))]
                if sub != ents:
                    targets.append((sub, _shift(pkey, sample, -1)))
        for target in targets:
            other = blocks.get(target)
            if other is None:
                continue
            pair_key = (
                ((ents, pkey), target)
                if _block_order(((ents, pkey), None)) <= _block_order((target, None))
                else (target, (ents, pkey))
            )
            if pair_key in seen:
                continue
            seen.add(pair_key)
            yield from _pairs_between(group, members, other, same=target == (ents, pkey))


def _pkey_order(key: PeriodKey) -> tuple:
    return ("", dt.date.min) if key is None else key


def _block_order(item: tuple[BlockKey, object]) -> tuple:
    (ents, pkey), _ = item
    return (sorted(ents), _pkey_order(pkey))


def _value(c: Claim) -> float:
    m = c.mention
    if m.value is not None:
        return m.value * base_factor(c)
    if m.low is not None and m.high is not None:
        return (m.low + m.high) / 2 * base_factor(c)
    if m.date is not None:
        return float(m.date.start.toordinal())
    return 0.0


def _pairs_between(group: Group, a: list[Claim], b: list[Claim], same: bool) -> Iterator[Pair]:
    if same:
        if len(a) <= SMALL_BLOCK:
            for i, x in enumerate(a):
                for y in a[i + 1 :]:
                    if x.doc_id != y.doc_id:
                        yield Pair(x, y, period_relation(x.period, y.period), group)
            return
        pool = [(x, 0) for x in a]
    else:
        if len(a) + len(b) <= SMALL_BLOCK:
            for x in a:
                for y in b:
                    if x.doc_id != y.doc_id:
                        yield Pair(x, y, period_relation(x.period, y.period), group)
            return
        pool = [(x, 0) for x in a] + [(y, 1) for y in b]
    # Large blocks: sorted by value, each claim meets the next one from another document (and side):
    # any disagreement inside the block shows between some neighbours.
    pool.sort(key=lambda t: (_value(t[0]), t[0].doc_id, t[0].start))
    for i, (x, side) in enumerate(pool):
        for y, other_side in pool[i + 1 : i + 1 + 8]:
            if y.doc_id != x.doc_id and (same or side != other_side):
                yield Pair(x, y, period_relation(x.period, y.period), group)
                break
