"""Presentation helpers shared by the report writers (Markdown, CSV and HTML).

Everything that turns model objects into words a journalist reads lives here
once: readable numbers ("40 billion USD"), bounds ("≥ 40 billion"), periods,
publication dates, the split of a sentence around its figure, the order in
which findings are shown and the counts of the summary.  The writers only lay
these strings out in their own syntax (and escape them for it), so the three
reports always agree with each other.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from checker.models import SEVERITIES, Claim, Document, Finding, Mention, Period, Result

# Word scales for big numbers, largest first.
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))

UNKNOWN_DATE = "date unknown"


# --------------------------------------------------------------------------- numbers


def plain_number(value: float | None) -> str:
    """A machine-friendly number: no grouping, no exponent for whole values, '' for None."""
    if value is None:
        return ""
    if math.isfinite(value) and value == int(value) and abs(value) < 1e21:
        return str(int(value))
    return repr(value)


def group_digits(value: float) -> str:
    """All the digits, grouped by thousands with spaces: '40 000 000 000', '1 234.5'."""
    if not math.isfinite(value):
        return str(value)
    if value == int(value):
        return f"{int(value):,}".replace(",", " ")
    if abs(value) < 1:
        return f"{value:.6g}"
    # Keep about six significant digits, as the texts never state more.
    decimals = max(1, 6 - len(str(int(abs(value)))))
    text = f"{value:,.{decimals}f}".rstrip("0").rstrip(".")
    return text.replace(",", " ")


def format_number(value: float) -> str:
    """A readable number: '40 billion', '2.5 million', '12 000', '3.5'."""
    if not math.isfinite(value):
        return str(value)
    for factor, word in _SCALES:
        if abs(value) >= factor:
            scaled = f"{value / factor:.6g}"
            # Beyond a thousand trillion the short form would need an exponent.
            return f"{scaled} {word}" if "e" not in scaled else group_digits(value)
    return group_digits(value)


def format_value(value: float | None, unit: str | None) -> str:
    """A readable value with its unit ('40 billion USD', '3.5 %'); '' for None."""
    if value is None:
        return ""
    number = format_number(value)
    return f"{number} {unit}" if unit else number


def format_bounds(low: float | None, high: float | None) -> str:
    """The bounds a qualifier or range gives: '≥ 40 billion', '38 – 42 million', ''."""
    if low is not None and high is not None:
        if low == high:
            return f"= {format_number(low)}"
        return f"{format_number(low)} – {format_number(high)}"
    if low is not None:
        return f"≥ {format_number(low)}"
    if high is not None:
        return f"≤ {format_number(high)}"
    return ""


def describe_value(mention: Mention) -> str:
    """The normalised value of a figure with its bounds: '40 billion USD (≥ 40 billion)'.

    Dates have no value but a period; a figure given only as bounds shows them.
    """
    low, high = mention.low, mention.high
    # An exact figure often carries itself as both bounds: saying so adds nothing.
    if low is not None and low == high == mention.value:
        low = high = None
    bounds = format_bounds(low, high)
    if mention.value is None:
        if mention.date is not None:
            return mention.date.label
        if bounds:
            return f"{bounds} {mention.unit}" if mention.unit else bounds
        return ""
    main = format_value(mention.value, mention.unit)
    return f"{main} ({bounds})" if bounds else main


def exact_value(mention: Mention) -> str:
    """Every digit of the value with its unit, for readers who want to check the rounding."""
    if mention.value is None:
        return ""
    digits = group_digits(mention.value)
    return f"{digits} {mention.unit}" if mention.unit else digits


# --------------------------------------------------------------------------- periods, documents


def period_label(period: Period | None) -> str:
    return period.label if period is not None else ""


def published_label(doc: Document | None) -> str:
    """The publication date as ISO text, or 'date unknown'."""
    if doc is None or doc.published is None:
        return UNKNOWN_DATE
    return doc.published.isoformat()


def published_text(doc: Document | None) -> str:
    """The publication date with the note on partial dates, for one-line formats."""
    label = published_label(doc)
    if doc is not None and doc.published is None and doc.published_note:
        return f"{label} ({doc.published_note})"
    return label


def source_label(doc: Document | None) -> str:
    """A short name for where a claim comes from: the outlet, else the title, else the file."""
    if doc is None:
        return "unknown document"
    return doc.outlet or doc.title or doc.path.replace("\\", "/").rsplit("/", 1)[-1] or doc.id


def document_label(doc: Document | None) -> str:
    """'Outlet — Title', or whichever of the two is known."""
    if doc is None:
        return "unknown document"
    parts = [p for p in (doc.outlet, doc.title) if p]
    return " — ".join(parts) if parts else source_label(doc)


def safe_url(url: str | None) -> str:
    """The article URL if it is a web address; anything else (javascript:, data:) is dropped."""
    if url and re.match(r"https?://", url.strip(), re.IGNORECASE):
        return url.strip()
    return ""


# --------------------------------------------------------------------------- one claim, as shown


@dataclass(frozen=True)
class ClaimFields:
    """What report.html and the review app show of one claim, as words.

    Both views subclass it (the report adds the findings a claim is part of, the review app the link
    to the full text and the verdict's wrong figure), so a claim reads the same in both.  A claim id
    that names no claim (``found=False``) keeps only its id.
    """

    id: str
    found: bool = True
    title: str = ""
    outlet: str = ""
    # The outlet, else the title, else the file: short, never empty.
    source: str = ""
    # "Outlet — Title", or whichever is known.
    label: str = ""
    published: str = UNKNOWN_DATE
    published_known: bool = False
    published_note: str = ""
    article_url: str = ""
    path: str = ""
    lang: str = ""
    kind: str = ""
    speaker: str = ""
    modality: str = ""
    before: str = ""
    figure: str = ""
    after: str = ""
    value: str = ""
    exact: str = ""
    qualifier: str = ""
    period: str = ""
    metric: str = ""
    entities: tuple[str, ...] = ()


ClaimT = TypeVar("ClaimT", bound=ClaimFields)


def claim_fields(
    cls: type[ClaimT], claim_id: str, claim: Claim | None, doc: Document | None, **extra: Any
) -> ClaimT:
    """``cls`` (ClaimFields or a subclass) filled from the claim and its document, plus ``extra``."""
    if claim is None:
        return cls(id=claim_id, found=False, **extra)
    cut = highlight(claim)
    m = claim.mention
    return cls(
        id=claim_id,
        title=(doc.title or "") if doc else "",
        outlet=(doc.outlet or "") if doc else "",
        source=source_label(doc),
        label=document_label(doc),
        published=published_label(doc),
        published_known=bool(doc and doc.published),
        published_note=(doc.published_note or "") if doc else "",
        article_url=safe_url(doc.url) if doc else "",
        path=doc.path if doc else "",
        lang=doc.lang if doc else "",
        kind=m.kind,
        speaker=claim.speaker or "",
        modality=claim.modality or "",
        before=cut.before,
        figure=cut.figure,
        after=cut.after,
        value=describe_value(m),
        exact=exact_value(m),
        qualifier=m.qualifier or "",
        period=period_label(claim.period),
        metric=claim.metric or claim.metric_id or "",
        entities=tuple(claim.entities),
        **extra,
    )


# --------------------------------------------------------------------------- the figure in its sentence


@dataclass(frozen=True)
class Highlight:
    """A sentence cut around its figure: ``before + figure + after == sentence``."""

    before: str
    figure: str
    after: str


def highlight(claim: Claim) -> Highlight:
    """Split the claim's sentence around the figure.

    The offsets are trusted when they point at the figure's text; otherwise
    (a segmenter that rewrote whitespace, say) the text is searched for, the
    occurrence nearest the offsets winning.  A figure that cannot be found is
    not highlighted rather than highlighted in the wrong place.
    """
    sentence, text = claim.sentence, claim.text
    start = claim.start - claim.sentence_start
    end = claim.end - claim.sentence_start
    if text and 0 <= start < end <= len(sentence) and sentence[start:end] == text:
        return _cut(sentence, start, end)
    span = _search(sentence, text, start)
    if span is None:
        return Highlight(sentence, "", "")
    return _cut(sentence, *span)


def _cut(sentence: str, start: int, end: int) -> Highlight:
    # Whitespace at the edges stays outside the mark (and outside Markdown's **).
    while start < end and sentence[start].isspace():
        start += 1
    while end > start and sentence[end - 1].isspace():
        end -= 1
    return Highlight(sentence[:start], sentence[start:end], sentence[end:])


def _search(sentence: str, text: str, near: int) -> tuple[int, int] | None:
    words = text.split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words), re.IGNORECASE)
    spans = [m.span() for m in pattern.finditer(sentence)]
    if not spans:
        return None
    return min(spans, key=lambda s: abs(s[0] - near))


# --------------------------------------------------------------------------- findings, rules, counts


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)


def ordered_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Findings most severe first; the compare stage's order is kept within a severity."""
    return sorted(findings, key=lambda f: severity_rank(f.severity))


def rule_attr(rule: Any, name: str) -> Any:
    """An attribute of a rule object, or a key of a rule given as a mapping."""
    if isinstance(rule, Mapping):
        return rule.get(name)
    return getattr(rule, name, None)


def severities_of(findings: Iterable[Finding]) -> list[str]:
    """The known severities in order, then any other one met, in order of appearance."""
    extra: list[str] = []
    for f in findings:
        if f.severity not in SEVERITIES and f.severity not in extra:
            extra.append(f.severity)
    return [*SEVERITIES, *extra]


def severity_counts(findings: list[Finding]) -> dict[str, int]:
    """Findings per severity, every known severity present (0 if none)."""
    counts = dict.fromkeys(severities_of(findings), 0)
    for f in findings:
        counts[f.severity] += 1
    return counts


def rule_counts(findings: list[Finding]) -> dict[str, int]:
    """Findings per rule id, rules in alphabetical order."""
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.rule] = counts.get(f.rule, 0) + 1
    return dict(sorted(counts.items()))


@dataclass(frozen=True)
class RuleRow:
    """One line of the summary table: a rule and its findings per severity."""

    rule: str
    description: str
    counts: dict[str, int]
    total: int


class Index:
    """Look-ups by id over a result, built once (``Result.claim`` scans the list each time)."""

    def __init__(self, result: Result) -> None:
        self.result = result
        self.claims: dict[str, Claim] = {c.id: c for c in result.claims}
        self.documents: dict[str, Document] = {d.id: d for d in result.documents}
        self.rules: dict[str, Any] = {}
        for rule in result.rules:
            rule_id = rule_attr(rule, "id")
            # The first definition wins, as it would for the compare stage.
            if rule_id is not None and rule_id not in self.rules:
                self.rules[str(rule_id)] = rule

    def claim(self, claim_id: str) -> Claim | None:
        return self.claims.get(claim_id)

    def document(self, doc_id: str | None) -> Document | None:
        return self.documents.get(doc_id) if doc_id is not None else None

    def rule_description(self, rule_id: str) -> str:
        """The rule's plain-language description; '' for a rule the result does not carry."""
        rule = self.rules.get(rule_id)
        description = rule_attr(rule, "description") if rule is not None else None
        return str(description) if description else ""

    def finding_claims(self, finding: Finding) -> list[tuple[str, Claim | None]]:
        """The finding's claims in its own order, None where an id is unknown."""
        return [(cid, self.claims.get(cid)) for cid in finding.claim_ids]

    def rule_table(self) -> list[RuleRow]:
        """Findings per rule and severity, rules in alphabetical order."""
        findings = self.result.findings
        severities = severities_of(findings)
        rows = []
        for rule_id in rule_counts(findings):
            mine = [f for f in findings if f.rule == rule_id]
            counts = {s: sum(1 for f in mine if f.severity == s) for s in severities}
            rows.append(RuleRow(rule_id, self.rule_description(rule_id), counts, len(mine)))
        return rows
