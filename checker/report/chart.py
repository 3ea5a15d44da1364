"""Geometry of the small bar chart drawn in each numeric finding of the HTML report.

One bar per claim with a value, labelled with its source.  When the largest
value is more than ``LOG_RATIO`` times the smallest (a figure in millions
beside one in billions, the typical scale slip), a linear scale would shrink
the small bars to nothing, so a logarithmic scale is used and the chart says
so.  Only numbers and strings are computed here; the template draws the SVG
and escapes every label.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from checker.models import Claim, Document
from checker.report.format import format_number, format_value, source_label

LOG_RATIO = 20.0
MAX_LABEL = 26

# Layout, in SVG user units.
LABEL_WIDTH = 170
BAR_WIDTH = 300
VALUE_WIDTH = 150
ROW_HEIGHT = 28
BAR_HEIGHT = 16
AXIS_HEIGHT = 22


@dataclass(frozen=True)
class Bar:
    label: str
    title: str
    value_label: str
    y: float
    width: float


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    ticks: list[Tick]
    log: bool
    note: str
    width: int
    height: int
    bar_x: int = LABEL_WIDTH
    bar_height: int = BAR_HEIGHT
    row_height: int = ROW_HEIGHT


def build_chart(items: list[tuple[Claim, Document | None]]) -> Chart | None:
    """The chart of the claims' values, or None when fewer than two claims have one."""
    numeric = [(c, d) for c, d in items if c.value is not None and math.isfinite(c.value)]
    if len(numeric) < 2:
        return None
    values = [float(c.value) for c, _ in numeric]  # type: ignore[arg-type]
    magnitudes = [abs(v) for v in values]
    positive = all(v > 0 for v in values)
    ratio = max(values) / min(values) if positive else 0.0
    log = positive and ratio > LOG_RATIO
    scale = _log_scale(values) if log else _linear_scale(magnitudes)
    notes = []
    if log:
        notes.append(f"Logarithmic scale: the largest value is {format_number(ratio)} times the smallest.")
    if any(v < 0 for v in values):
        notes.append("Bars show the size of each value; negative values are labelled with their sign.")
    units = sorted({c.unit or "" for c, _ in numeric})
    if len(units) > 1:
        notes.append(
            "The values are not all in the same unit: " + ", ".join(u or "no unit" for u in units) + "."
        )
    bars = []
    for row, ((claim, doc), value) in enumerate(zip(numeric, values, strict=True)):
        label = source_label(doc)
        short = label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1].rstrip() + "…"
        title = f"{label}: {format_value(value, claim.unit)}"
        width = round(max(scale(value), 0.0) * BAR_WIDTH, 1)
        # A bar is never thinner than a hairline, so every source stays visible.
        bars.append(Bar(short, title, format_value(value, claim.unit), row * ROW_HEIGHT, max(width, 2.0)))
    ticks = _log_ticks(values) if log else []
    height = len(bars) * ROW_HEIGHT + (AXIS_HEIGHT if ticks else 0)
    return Chart(bars, ticks, log, " ".join(notes), LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH, height)


def _linear_scale(magnitudes: list[float]) -> Callable[[float], float]:
    top = max(magnitudes)
    return lambda v: abs(v) / top if top else 0.0


def _log_bounds(values: list[float]) -> tuple[int, int]:
    # The axis starts one decade below the smallest value so its bar has some length.
    low = math.ceil(math.log10(min(values))) - 1
    high = max(math.ceil(math.log10(max(values))), low + 1)
    return low, high


def _log_scale(values: list[float]) -> Callable[[float], float]:
    low, high = _log_bounds(values)
    return lambda v: (math.log10(v) - low) / (high - low)


def _log_ticks(values: list[float]) -> list[Tick]:
    low, high = _log_bounds(values)
    step = max(1, math.ceil((high - low) / 5))
    return [
        Tick(round(LABEL_WIDTH + (e - low) / (high - low) * BAR_WIDTH, 1), format_number(10.0**e))
        for e in range(low, high + 1, step)
    ]
