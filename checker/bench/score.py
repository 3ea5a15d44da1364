"""Scores predicted mentions against a peer suite's expected spans: span and value precision, recall, F1.

A predicted mention of a counted kind matches an expected item when their character spans overlap;
each prediction and each expected item is used at most once (pairs whose values agree are matched
first, then the largest overlaps).  Span scores count the matched pairs; value scores count only the
pairs whose value agrees (``agree.value_agrees``).  On a negative case (nothing expected) every
counted prediction is a false positive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .agree import value_agrees


@dataclass(frozen=True)
class Pair:
    """A predicted mention matched to an expected item (indices into the case's lists)."""

    predicted: int
    expected: int
    value_ok: bool


@dataclass
class Counts:
    """Running totals for one file and one system (the project or a peer)."""

    cases: int = 0
    predicted: int = 0
    expected: int = 0
    span_tp: int = 0
    value_tp: int = 0
    seconds: float = 0.0
    errors: int = 0

    def add(self, predicted: int, expected: int, pairs: list[Pair]) -> None:
        self.cases += 1
        self.predicted += predicted
        self.expected += expected
        self.span_tp += len(pairs)
        self.value_tp += sum(p.value_ok for p in pairs)

    def metrics(self) -> dict[str, Any]:
        span_p, span_r, span_f1 = prf(self.span_tp, self.predicted, self.expected)
        value_p, value_r, value_f1 = prf(self.value_tp, self.predicted, self.expected)
        return {
            "cases": self.cases,
            "predicted": self.predicted,
            "expected": self.expected,
            "span_precision": round(span_p, 4),
            "span_recall": round(span_r, 4),
            "span_f1": round(span_f1, 4),
            "value_precision": round(value_p, 4),
            "value_recall": round(value_r, 4),
            "value_f1": round(value_f1, 4),
            "cases_per_second": round(self.cases / self.seconds, 1) if self.seconds > 0 else None,
            "errors": self.errors,
        }


def prf(tp: int, predicted: int, expected: int) -> tuple[float, float, float]:
    """Precision, recall and F1; an empty side counts as perfect (nothing predicted, nothing wrong)."""
    precision = tp / predicted if predicted else 1.0
    recall = tp / expected if expected else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters two half-open spans share (0 when they only touch or are apart)."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def expected_span(item: dict[str, Any], text: str) -> tuple[int, int] | None:
    """The expected item's offsets, found in ``text`` by its surface when the suite gives none."""
    if item.get("start") is not None and item.get("end") is not None:
        return int(item["start"]), int(item["end"])
    at = text.lower().find(str(item.get("text") or "").lower()) if item.get("text") else -1
    return (at, at + len(item["text"])) if at >= 0 else None


@dataclass
class CaseResult:
    """One case scored: the counted predictions, the expected items and the matched pairs."""

    predicted: list[dict[str, Any]]
    expected: list[dict[str, Any]]
    pairs: list[Pair] = field(default_factory=list)


def score_case(mentions: list[dict[str, Any]], case: dict[str, Any], kinds: frozenset[str]) -> CaseResult:
    """Match the mentions of a counted kind to the case's expected items, one to one."""
    predicted = [m for m in mentions if m.get("kind") in kinds]
    expected = list(case.get("expected") or [])
    spans = [expected_span(e, case.get("text", "")) for e in expected]
    candidates = []
    for i, m in enumerate(predicted):
        for j, e in enumerate(expected):
            span = spans[j]
            shared = overlap((m["start"], m["end"]), span) if span else 0
            if shared:
                candidates.append((value_agrees(m, e), shared, -abs(m["start"] - span[0]), i, j))
    # Agreeing values first, then the largest overlap, then the closest start: a one-to-one greedy match.
    candidates.sort(reverse=True)
    used_p: set[int] = set()
    used_e: set[int] = set()
    pairs = []
    for ok, _shared, _dist, i, j in candidates:
        if i in used_p or j in used_e:
            continue
        used_p.add(i)
        used_e.add(j)
        pairs.append(Pair(i, j, ok))
    return CaseResult(predicted, expected, sorted(pairs, key=lambda p: p.expected))
