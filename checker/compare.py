"""Applies the comparison rules to candidate pairs and writes findings a journalist can act on.

Each check reads its rule's parameters and answers, for one pair of claims,
either None (no contradiction) or a message and details.  Rules are tried in
priority order and the first that flags a pair explains it: a million/milliard
slip is reported once, as a slip, not also as a value mismatch and an
implausible change.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .group import Group, Pair, base_factor, candidate_pairs, comparable_period
from .lexicon import metric_spec
from .models import Claim, Document, Finding, stable_id
from .rules import Rule

LOWER = {"more_than", "at_least"}
UPPER = {"less_than", "at_most", "up_to"}


@dataclass
class Verdict:
    message: str
    details: dict[str, Any]
    severity: str | None = None


Check = Callable[[Rule, Pair, "Describer"], Verdict | None]
CHECKS: dict[str, Check] = {}


def check(name: str) -> Callable[[Check], Check]:
    def register(fn: Check) -> Check:
        CHECKS[name] = fn
        return fn

    return register


# -- numbers ----------------------------------------------------------------
def interval(c: Claim, approx_tolerance: float = 0.05) -> tuple[float, float] | None:
    """What the claim's text allows: value +/- half its last digit, bounds, approximation."""
    m = c.mention
    f = base_factor(c)
    half = (m.precision or 0.0) / 2
    if m.qualifier == "range" and m.low is not None and m.high is not None:
        lo, hi = m.low - half, m.high + half
    elif m.value is None:
        return None
    elif m.qualifier in LOWER:
        lo, hi = m.value - (half if m.qualifier == "at_least" else 0.0), math.inf
    elif m.qualifier in UPPER:
        lo, hi = -math.inf, m.value + (half if m.qualifier != "less_than" else 0.0)
    else:
        lo, hi = m.value - half, m.value + half
    if m.qualifier == "about" and m.value is not None:
        lo = min(lo, m.value * (1 - approx_tolerance))
        hi = max(hi, m.value * (1 + approx_tolerance))
    return lo * f, hi * f


def central(c: Claim) -> float | None:
    m = c.mention
    f = base_factor(c)
    if m.value is not None:
        return m.value * f
    if m.low is not None and m.high is not None:
        return (m.low + m.high) / 2 * f
    return None


def overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    # Open intervals: 79 (78.5-79.5) and 78 (77.5-78.5) only touch, so they disagree.
    return a[0] < b[1] and b[0] < a[1]


class Describer:
    """Says in plain words which claim is which, for the messages."""

    def __init__(self, docs: dict[str, Document]) -> None:
        self.docs = docs

    def source(self, c: Claim) -> str:
        d = self.docs.get(c.doc_id)
        if d is None:
            return c.doc_id
        name = d.outlet or d.title or Path(d.path).name
        when = d.published.isoformat() if d.published else "date unknown"
        return f"{name} ({when})"

    def claim(self, c: Claim, with_speaker: bool = True) -> str:
        bits = [f"\u201c{c.text}\u201d"]
        if c.mention.qualifier in LOWER:
            bits[0] = f"more than {bits[0]}"
        elif c.mention.qualifier in UPPER:
            bits[0] = f"at most {bits[0]}"
        elif c.mention.qualifier == "about":
            bits[0] = f"about {bits[0]}"
        if c.period:
            bits.append(
                f"for {comparable_period(c.period).label if c.mention.kind != 'date' else c.period.label}"
            )
        elif c.mention.kind != "date":
            bits.append("period not stated")
        if c.modality != "reported":
            bits.append(f"a {c.modality}")
        who = f", said by {c.speaker}" if c.speaker and with_speaker else ""
        return (
            f"{' '.join(bits[:1])} ({', '.join(bits[1:])}) in {self.source(c)}{who}"
            if len(bits) > 1
            else (f"{bits[0]} in {self.source(c)}{who}")
        )

    @staticmethod
    def what(pair: Pair) -> str:
        a = pair.a
        metric = a.metric or pair.group.metric_id
        ents = sorted(set(a.entities) | set(pair.b.entities))
        return f"{metric} ({', '.join(ents)})" if ents else metric


def _ordered(pair: Pair) -> tuple[Claim, Claim]:
    """Earlier period first, then document order, so messages read chronologically."""

    def key(c: Claim) -> tuple:
        p = comparable_period(c.period)
        return (p.start.isoformat() if p else "9999", c.doc_id, c.start)

    return tuple(sorted((pair.a, pair.b), key=key))  # type: ignore[return-value]


# -- checks -----------------------------------------------------------------
SCALE_HINTS = {
    2: "million/milliard confusion with a shifted digit, or a misplaced decimal mark",
    3: "million/milliard, thousand/million or billion/trillion confusion",
    6: "units counted as millions, or millions as trillions",
}


def _growth_note(a: Claim, b: Claim) -> str:
    """What a growth rate stated beside the earlier figure says about the later one."""
    va, vb = central(a), central(b)
    if a.growth is None or not va or not vb:
        return ""
    change = vb / va - 1
    return (
        f" The earlier figure is stated with a change of {a.growth:+.0%}; the later one would mean "
        f"{change:+,.0%}."
    )


@check("scale_slip")
def scale_slip(rule: Rule, pair: Pair, say: Describer) -> Verdict | None:
    va, vb = central(pair.a), central(pair.b)
    if not va or not vb or va <= 0 or vb <= 0:
        return None
    ratio = max(va, vb) / min(va, vb)
    factor = float(rule.param("factor", 1.6))
    for power in rule.param("powers", [2, 3, 6]):
        target = 10.0 ** int(power)
        if target / factor <= ratio <= target * factor:
            a, b = _ordered(pair)
            when = "the same period" if pair.relation == "same" else "figures this close in time"
            msg = (
                f"Probable scale slip in {say.what(pair)}: {say.claim(a)}; {say.claim(b)}. The two are a "
                f"factor of about {ratio:,.0f} apart (close to 10^{power}); such a gap between {when} almost "
                f"always means one article has the wrong scale word ({SCALE_HINTS.get(int(power), 'scale')})."
            )
            msg += _growth_note(a, b)
            return Verdict(msg, {"ratio": round(ratio, 3), "power": int(power), "relation": pair.relation})
    return None


@check("value_mismatch")
def value_mismatch(rule: Rule, pair: Pair, say: Describer) -> Verdict | None:
    if rule.param("same_modality", True) and pair.a.modality != pair.b.modality:
        return None
    if rule.param("speakers") == "different":
        if not (pair.a.speaker and pair.b.speaker and pair.a.speaker != pair.b.speaker):
            return None
    elif pair.a.speaker and pair.b.speaker and pair.a.speaker != pair.b.speaker:
        return None  # two named sources disagreeing is a disputed figure, not a slip
    tol = float(rule.param("approx_tolerance", 0.05))
    ia, ib = interval(pair.a, tol), interval(pair.b, tol)
    if ia is None or ib is None or overlap(ia, ib):
        return None
    va, vb = central(pair.a), central(pair.b)
    gap = abs(va - vb) / max(abs(va), abs(vb)) if va and vb else 1.0
    severity = rule.param("high_gap_severity", "high") if gap >= float(rule.param("high_gap", 0.1)) else None
    a, b = _ordered(pair)
    if rule.param("speakers") == "different":
        msg = (
            f"Disputed figure for {say.what(pair)}: {a.speaker} gives {say.claim(a, False)}, "
            f"while {b.speaker} gives {say.claim(b, False)}. The sources disagree by {gap:.0%}; "
            f"report it as disputed, naming both sides, or find which is current."
        )
    else:
        msg = (
            f"The figures for {say.what(pair)} disagree: {say.claim(a)} vs {say.claim(b)} "
            f"({gap:.0%} apart, more than the rounding and qualifiers they were written with allow)."
        )
    return Verdict(msg, {"gap": round(gap, 4), "relation": pair.relation}, severity)


@check("implausible_change")
def implausible_change(rule: Rule, pair: Pair, say: Describer) -> Verdict | None:
    a, b = _ordered(pair)
    if not central(a) or not central(b) or central(a) <= 0 or central(b) <= 0:
        return None
    ca, cb = central(a), central(b)
    ratio = cb / ca
    limit = float(rule.param("max_ratio", 3.0))
    if 1 / limit <= ratio <= limit:
        return None
    change = ratio - 1
    msg = (
        f"Implausible change in {say.what(pair)} between adjacent periods: {say.claim(a)} then "
        f"{say.claim(b)}, a change of {change:+.0%}. A flow rarely moves this much in one period; check both "
        f"figures and their periods."
    )
    return Verdict(msg, {"ratio": round(ratio, 4), "relation": pair.relation})


@check("growth_mismatch")
def growth_mismatch(rule: Rule, pair: Pair, say: Describer) -> Verdict | None:
    a, b = _ordered(pair)  # a: earlier period
    if b.growth is None:
        return None
    va, vb = central(a), central(b)
    if not va or not vb:
        return None
    implied = vb / (1 + b.growth)
    tol = float(rule.param("tolerance", 0.15))
    gap = abs(implied - va) / va
    if gap <= tol:
        return None
    msg = (
        f"Level inconsistent with the growth rate stated beside it: {say.claim(b)} is given as a change of "
        f"{b.growth:+.0%}, which puts the previous period near {_fmt(implied / base_factor(b))}; "
        f"but {say.claim(a)}. One of the figures or the growth rate is wrong."
    )
    return Verdict(msg, {"implied_previous": implied, "gap": round(gap, 4), "relation": pair.relation})


@check("date_mismatch")
def date_mismatch(rule: Rule, pair: Pair, say: Describer) -> Verdict | None:
    pa, pb = (p.dates_only() if p else None for p in (pair.a.period, pair.b.period))
    if pa is None or pb is None:
        return None
    grains = set(rule.param("grains", ["day"]))
    if pa.grain not in grains or pb.grain not in grains or pa.overlaps(pb):
        return None
    a, b = _ordered(pair)
    days = abs((pb.start - pa.start).days)
    if days > int(rule.param("max_gap_days", 62)):
        return None  # another occurrence of a recurring event, not the same one
    msg = (
        f"The same event ({say.what(pair)}) is given different dates: {say.claim(a)} vs {say.claim(b)}, "
        f"{days} day{'s' if days != 1 else ''} apart."
    )
    return Verdict(msg, {"days": days})


def _fmt(x: float) -> str:
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"), (1e3, "thousand")):
        if abs(x) >= scale:
            return f"{x / scale:,.3g} {word}"
    return f"{x:,.3g}"


# -- driver -----------------------------------------------------------------
def _finding_id(rule: Rule, pair: Pair, used: set[str]) -> str:
    """Stable across runs: the rule, the quantity and the documents; not the figures, which get corrected."""
    parts = sorted(
        f"{c.doc_id}@{comparable_period(c.period).label if c.period else '?'}" for c in (pair.a, pair.b)
    )
    base = stable_id("fnd", rule.id, pair.group.key, *parts)
    fid, n = base, 1
    while fid in used:
        n += 1
        fid = stable_id("fnd", rule.id, pair.group.key, *parts, n)
    used.add(fid)
    return fid


def compare(groups: list[Group], rules: list[Rule], docs: dict[str, Document]) -> list[Finding]:
    say = Describer(docs)
    findings: list[Finding] = []
    used: set[str] = set()
    for group in groups:
        for pair in candidate_pairs(group):
            for rule in rules:  # highest priority first
                if pair.relation not in rule.periods:
                    continue
                if pair.a.kind not in rule.kinds or pair.b.kind not in rule.kinds:
                    continue
                if rule.param("flows_only") and not is_flow(group.metric_id):
                    continue
                verdict = CHECKS[rule.check](rule, pair, say)
                if verdict is None:
                    continue
                a, b = _ordered(pair)
                findings.append(
                    Finding(
                        id=_finding_id(rule, pair, used),
                        rule=rule.id,
                        severity=verdict.severity or rule.severity,
                        claim_ids=(a.id, b.id),
                        message=verdict.message,
                        group=group.key,
                        details=verdict.details,
                    )
                )
                break
    findings.sort(key=lambda f: (f.group, f.rule, f.id))
    return findings


def is_flow(metric_id: str) -> bool:
    """Flows (trade, budgets, production) are summed over a period; the metrics lexicon says which."""
    return bool(metric_spec(metric_id).get("flow"))
