"""Plain data objects passed between the stages of a check.

Every stage of the flow (ingest -> segment -> extract -> normalise -> context ->
group -> compare -> report) takes and returns these frozen dataclasses, so that
any stage can be tested, cached in the store or run in a worker process on its
own.  ``to_dict`` methods give the JSON shape documented in the README.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, ClassVar

# Kinds of figures a mention can be.
KINDS = ("money", "number", "percent", "quantity", "date", "duration")

# Grains a date or period can be written with, finest first.
GRAINS = ("day", "week", "month", "quarter", "half", "year-end", "year", "decade")

# Modalities of a claim.
MODALITIES = ("reported", "forecast", "estimate")

SEVERITIES = ("high", "medium", "low")


def stable_id(prefix: str, *parts: object) -> str:
    """A short id that depends only on ``parts`` (same inputs, same id)."""
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}-{digest[:12]}"


@dataclass(frozen=True)
class Period:
    """A span of calendar time with the precision it was written with.

    ``start`` and ``end`` are inclusive days; ``grain`` says how precisely the
    text stated it ("2021" is a year, not 1 January 2021).  A clock time or
    part of the day ("à 16h", "tomorrow evening") adds ``start_time`` and
    ``end_time`` (equal for a point in time) and a grain of hour, minute or
    second; comparisons between periods (``overlaps``, ``dates_only``) stay
    at the level of days.
    """

    start: dt.date
    end: dt.date
    grain: str
    start_time: dt.time | None = None
    end_time: dt.time | None = None

    # Grains of periods stated to the clock, finest first.
    TIME_GRAINS: ClassVar[tuple[str, ...]] = ("second", "minute", "hour")

    @property
    def has_time(self) -> bool:
        return self.start_time is not None or self.end_time is not None

    def to_dict(self) -> dict[str, str]:
        """{start, end, grain}: ISO days, or ISO date-times ("2016-11-07T16:00:00") when times are set."""
        return {
            "start": self._stamp(self.start, self.start_time),
            "end": self._stamp(self.end, self.end_time),
            "grain": self.grain,
        }

    @classmethod
    def from_dict(cls, data: dict[str, str] | None) -> Period | None:
        if not data:
            return None
        return _period_from(data["start"], data["end"], data["grain"])

    def dates_only(self) -> Period:
        """The same days without the clock: a period stated to the hour becomes its day(s)."""
        if not self.has_time:
            return self
        return Period(self.start, self.end, "day" if self.grain in self.TIME_GRAINS else self.grain)

    def _spans_several_units(self) -> bool:
        """A range such as 2019-2021 (grain year) covers several units of its grain."""
        if self.grain in ("year", "decade"):
            return self.grain == "year" and self.start.year != self.end.year
        if self.grain == "month":
            return (self.start.year, self.start.month) != (self.end.year, self.end.month)
        if self.grain == "quarter":
            return (self.start.year, (self.start.month - 1) // 3) != (
                self.end.year,
                (self.end.month - 1) // 3,
            )
        return False

    def overlaps(self, other: Period) -> bool:
        """Whether the two periods share a day (times are not compared)."""
        return self.start <= other.end and other.start <= self.end

    @property
    def label(self) -> str:
        if self.has_time:
            return self._time_label()
        if self._spans_several_units():
            first, last = Period(self.start, self.start, self.grain), Period(self.end, self.end, self.grain)
            return f"{first.label}..{last.label}"
        if self.grain == "year":
            return str(self.start.year)
        if self.grain == "year-end":
            return f"end of {self.start.year}"
        if self.grain == "month":
            return self.start.strftime("%Y-%m")
        if self.grain == "quarter":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        if self.grain == "half":
            return f"{self.start.year}-H{1 if self.start.month < 7 else 2}"
        if self.start == self.end:
            return self.start.isoformat()
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    def _time_label(self) -> str:
        """ "2016-11-07 16:00", "2016-11-07 16:00..20:00", "2016-11-07 22:00..2016-11-08 02:00"."""
        fmt = "%H:%M:%S" if self.grain == "second" else "%H:%M"
        first = f"{self.start.isoformat()} {self.start_time.strftime(fmt)}" if self.start_time else ""
        first = first or self.start.isoformat()
        if self.start == self.end and self.start_time == self.end_time:
            return first
        last = self.end_time.strftime(fmt) if self.end_time else ""
        if self.start != self.end:
            last = f"{self.end.isoformat()} {last}".strip()
        return f"{first}..{last}"

    @staticmethod
    def _stamp(day: dt.date, time: dt.time | None) -> str:
        return day.isoformat() if time is None else f"{day.isoformat()}T{time.isoformat()}"

    @staticmethod
    def _unstamp(text: str) -> tuple[dt.date, dt.time | None]:
        if "T" not in text:
            return dt.date.fromisoformat(text), None
        moment = dt.datetime.fromisoformat(text)
        return moment.date(), moment.time()


@lru_cache(maxsize=4096)
def _period_from(start: str, end: str, grain: str) -> Period:
    """Periods read back from JSON; many claims share one (a year), and a Period is immutable."""
    start_day, start_time = Period._unstamp(start)
    end_day, end_time = Period._unstamp(end)
    return Period(start_day, end_day, grain, start_time, end_time)


@dataclass(frozen=True)
class Document:
    """One article as read from a file, with the metadata found for it."""

    id: str
    path: str
    text: str
    lang: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    published: dt.date | None = None
    # Where ``published`` came from: "metadata", "text" or "unknown"; and a note
    # for partial dates ("13/04, year unknown").
    published_source: str = "unknown"
    published_note: str | None = None
    lang_source: str = "metadata"
    content_hash: str = ""
    # Character ranges of page furniture (menus, share buttons, related-article
    # lists, copyright lines): no claim is extracted from them.
    furniture: tuple[tuple[int, int], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "outlet": self.outlet,
            "url": self.url,
            "author": self.author,
            "published": self.published.isoformat() if self.published else None,
            "published_source": self.published_source,
            "published_note": self.published_note,
            "lang": self.lang,
            "content_hash": self.content_hash,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        """Rebuild from ``to_dict`` output; ``text``, ``lang_source`` and ``furniture`` are read when given
        (report.json carries no text, the store does)."""
        published = data.get("published")
        return cls(
            id=data["id"],
            path=data["path"],
            text=data.get("text") or "",
            lang=data["lang"],
            title=data.get("title"),
            outlet=data.get("outlet"),
            url=data.get("url"),
            author=data.get("author"),
            published=dt.date.fromisoformat(published) if published else None,
            published_source=data.get("published_source", "unknown"),
            published_note=data.get("published_note"),
            lang_source=data.get("lang_source", "metadata"),
            content_hash=data.get("content_hash", ""),
            furniture=tuple((int(a), int(b)) for a, b in data.get("furniture") or ()),
        )


@dataclass(frozen=True)
class Skipped:
    """An input that could not be read, with the reason in plain words."""

    path: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"path": self.path, "reason": self.reason}


@dataclass(frozen=True)
class Sentence:
    """A sentence of a document, with its offsets in the document text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    """A figure found in text: its span and normalised value.

    ``value`` is the figure in base units (dollars, not millions of dollars);
    ``low``/``high`` are the bounds the qualifiers and ranges give (None where
    open); ``precision`` is the step of the last digit written ("38,5
    milliards" -> 1e8), used to decide whether two figures really disagree.
    """

    start: int
    end: int
    text: str
    kind: str
    value: float | None
    unit: str | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None
    precision: float | None = None
    date: Period | None = None
    # For counts: what is counted ("person", "body"), as the lexicon names it.
    counted: str | None = None

    def shifted(self, offset: int) -> Mention:
        from dataclasses import replace

        return replace(self, start=self.start + offset, end=self.end + offset)

    def to_dict(self) -> dict[str, Any]:
        # Field by field, not ``asdict``, which deep-copies: claims are written by the hundred thousand.
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "value": self.value,
            "unit": self.unit,
            "low": self.low,
            "high": self.high,
            "qualifier": self.qualifier,
            "precision": self.precision,
            "date": self.date.to_dict() if self.date else None,
            "counted": self.counted,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mention:
        """Rebuild from ``to_dict`` output, or from a claim's dict (which holds the same keys)."""
        return cls(
            start=data["start"],
            end=data["end"],
            text=data["text"],
            kind=data["kind"],
            value=data.get("value"),
            unit=data.get("unit"),
            low=data.get("low"),
            high=data.get("high"),
            qualifier=data.get("qualifier"),
            precision=data.get("precision"),
            date=Period.from_dict(data.get("date")),
            counted=data.get("counted"),
        )


@dataclass(frozen=True)
class Claim:
    """A mention in its context: what it measures, about whom, when, said by whom."""

    id: str
    doc_id: str
    mention: Mention
    sentence: str
    sentence_start: int
    metric: str | None = None  # the phrase in the text ("échanges bilatéraux")
    metric_id: str | None = None  # the lexicon concept ("trade.bilateral")
    entities: tuple[str, ...] = ()
    period: Period | None = None
    modality: str = "reported"
    speaker: str | None = None
    # A growth rate stated beside the figure ("soit une augmentation de 33 %").
    growth: float | None = None

    # Shortcuts to the mention's fields.
    @property
    def start(self) -> int:
        return self.mention.start

    @property
    def end(self) -> int:
        return self.mention.end

    @property
    def text(self) -> str:
        return self.mention.text

    @property
    def kind(self) -> str:
        return self.mention.kind

    @property
    def value(self) -> float | None:
        return self.mention.value

    @property
    def unit(self) -> str | None:
        return self.mention.unit

    def to_dict(self) -> dict[str, Any]:
        m = self.mention
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "start": m.start,
            "end": m.end,
            "text": m.text,
            "sentence": self.sentence,
            "sentence_start": self.sentence_start,
            "kind": m.kind,
            "value": m.value,
            "unit": m.unit,
            "low": m.low,
            "high": m.high,
            "qualifier": m.qualifier,
            "precision": m.precision,
            "counted": m.counted,
            "date": m.date.to_dict() if m.date else None,
            "metric": self.metric,
            "metric_id": self.metric_id,
            "entities": list(self.entities),
            "period": self.period.to_dict() if self.period else None,
            "modality": self.modality,
            "speaker": self.speaker,
            "growth": self.growth,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Claim:
        """Rebuild from ``to_dict`` output: ``Claim.from_dict(c.to_dict()) == c``."""
        return cls(
            id=data["id"],
            doc_id=data["doc_id"],
            mention=Mention.from_dict(data),
            sentence=data["sentence"],
            sentence_start=data["sentence_start"],
            metric=data.get("metric"),
            metric_id=data.get("metric_id"),
            entities=tuple(data.get("entities") or ()),
            period=Period.from_dict(data.get("period")),
            modality=data.get("modality", "reported"),
            speaker=data.get("speaker"),
            growth=data.get("growth"),
        )


@dataclass(frozen=True)
class Finding:
    """Claims that contradict each other under one comparison rule."""

    id: str
    rule: str
    severity: str
    claim_ids: tuple[str, ...]
    message: str
    group: str = ""  # the blocking key of the claims' group, for display
    details: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "rule": self.rule,
            "severity": self.severity,
            "claim_ids": list(self.claim_ids),
            "message": self.message,
            "group": self.group,
            "details": self.details,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        return cls(
            id=data["id"],
            rule=data["rule"],
            severity=data["severity"],
            claim_ids=tuple(data.get("claim_ids") or ()),
            message=data.get("message", ""),
            group=data.get("group", ""),
            details=dict(data.get("details") or {}),
        )


@dataclass
class Result:
    """Everything one check produced."""

    documents: list[Document]
    claims: list[Claim]
    findings: list[Finding]
    skipped: list[Skipped]
    rules: list[Any] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    # What the run re-did: documents analysed, taken from the store's cache, worker processes used.
    stats: dict[str, int] = field(default_factory=dict)

    def document(self, doc_id: str) -> Document:
        return next(d for d in self.documents if d.id == doc_id)

    def claim(self, claim_id: str) -> Claim:
        return next(c for c in self.claims if c.id == claim_id)
