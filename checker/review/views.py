"""Plain view objects for the review pages, built from the store's records.

The routes hand these to the templates, which only lay them out (and escape
them: autoescaping is on).  Numbers, bounds, periods, dates and the figure cut
out of its sentence come from ``checker.report.format``, so the review app
says exactly what report.html says.  The findings list is filtered and sorted
here, in Python: a newsroom store holds hundreds of findings, not millions,
and metric, outlet and free-text filters need the claims and documents anyway.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

from checker.models import SEVERITIES, Claim, Document
from checker.report.format import (
    UNKNOWN_DATE,
    ClaimFields,
    claim_fields,
    highlight,
    published_label,
    safe_url,
    severity_rank,
    source_label,
)
from checker.store import REVIEW_STATUSES, FindingRecord, ReviewRecord, RunRecord

STATUS_LABELS = {
    "open": "Open",
    "confirmed_error": "Confirmed error",
    "not_a_contradiction": "Not a contradiction",
    "needs_follow_up": "Needs follow-up",
}
SORTS = {
    "severity": "Severity",
    "status": "Status",
    "rule": "Rule",
    "metric": "Metric",
    "reviewed": "Last verdict",
    "seen": "Last seen",
}


def finding_url(finding_id: str) -> str:
    return f"/findings/{quote(finding_id, safe='')}"


def document_url(doc_id: str, finding_id: str | None = None, claim_id: str | None = None) -> str:
    query = urlencode([(k, v) for k, v in (("finding", finding_id), ("claim", claim_id)) if v])
    return f"/documents/{quote(doc_id, safe='')}" + (f"?{query}#figure" if query else "")


def when(iso: str | None) -> str:
    """'2026-11-25T10:04:05+00:00' -> '2026-11-25 10:04 UTC' (the store writes UTC)."""
    if not iso:
        return ""
    day, _, time = iso.partition("T")
    return f"{day} {time[:5]} UTC" if time else day


def severity_class(severity: str) -> str:
    # Only known names reach a class attribute.
    return severity if severity in SEVERITIES else "other"


# --------------------------------------------------------------------------- the findings list


@dataclass(frozen=True)
class ListFilters:
    """The list page's query: filters, sort, and whether gone findings are shown."""

    status: str = ""
    severity: str = ""
    rule: str = ""
    metric: str = ""
    outlet: str = ""
    q: str = ""
    sort: str = "severity"
    desc: bool = False
    gone: bool = False
    changed: bool = False

    @classmethod
    def from_query(cls, params: Mapping[str, str]) -> ListFilters:
        """Read the query string; values outside the known sets are ignored, not trusted."""
        status = params.get("status", "")
        sort = params.get("sort", "severity")
        return cls(
            status=status if status in REVIEW_STATUSES else "",
            severity=params.get("severity", "")[:50],
            rule=params.get("rule", "")[:100],
            metric=params.get("metric", "")[:100],
            outlet=params.get("outlet", "")[:200],
            q=params.get("q", "").strip()[:200],
            sort=sort if sort in SORTS else "severity",
            desc=params.get("dir") == "desc",
            gone=params.get("gone") == "1",
            changed=params.get("changed") == "1",
        )

    def url(self, **changes: Any) -> str:
        """The list's address with some fields changed (for status tabs and sort headers)."""
        f = dataclasses.replace(self, **changes)
        pairs = [
            (name, value)
            for name, value in (
                ("status", f.status),
                ("severity", f.severity),
                ("rule", f.rule),
                ("metric", f.metric),
                ("outlet", f.outlet),
                ("q", f.q),
                ("sort", "" if f.sort == "severity" else f.sort),
                ("dir", "desc" if f.desc else ""),
                ("gone", "1" if f.gone else ""),
                ("changed", "1" if f.changed else ""),
            )
            if value
        ]
        return "/" + (f"?{urlencode(pairs)}" if pairs else "")

    def sort_url(self, key: str) -> str:
        # A second click on the current sort reverses it.
        return self.url(sort=key, desc=(not self.desc) if self.sort == key else False)


@dataclass(frozen=True)
class FigureRef:
    figure: str
    source: str


@dataclass(frozen=True)
class FindingRow:
    id: str
    url: str
    severity: str
    severity_class: str
    rule: str
    message: str
    figures: tuple[FigureRef, ...]
    metric: str
    status: str
    status_label: str
    reviewer: str
    reviewed_at: str
    gone: bool
    changed: bool


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int
    url: str
    active: bool


@dataclass(frozen=True)
class ListPage:
    filters: ListFilters
    rows: list[FindingRow]
    counts: list[StatusCount]
    total: int
    severities: list[str]
    rules: list[str]
    metrics: list[str]
    outlets: list[str]
    # Gone findings left out because the list does not show them (0 when it does).
    gone_hidden: int = 0
    statuses: dict[str, str] = field(default_factory=lambda: dict(STATUS_LABELS))
    sorts: dict[str, str] = field(default_factory=lambda: dict(SORTS))


def _outlets(record: FindingRecord, docs: Mapping[str, Document]) -> list[str]:
    return list(dict.fromkeys(source_label(docs.get(c.doc_id)) for c in record.claims))


def _metrics(record: FindingRecord) -> list[str]:
    return list(dict.fromkeys(c.metric_id for c in record.claims if c.metric_id))


def _haystack(record: FindingRecord, docs: Mapping[str, Document], review: ReviewRecord | None) -> str:
    parts = [record.id, record.finding.rule, record.finding.message, record.finding.group]
    for c in record.claims:
        doc = docs.get(c.doc_id)
        parts += [c.text, c.sentence, c.speaker or "", c.metric or "", source_label(doc)]
        parts += [(doc.title or "") if doc else ""]
    if review is not None:
        parts += [review.reviewer, review.note]
    return "\n".join(parts).casefold()


def _sort_key(sort: str, record: FindingRecord, review: ReviewRecord | None) -> tuple[Any, ...]:
    # The store's order (severity, rule, id) breaks every tie.
    base = (severity_rank(record.finding.severity), record.finding.rule, record.id)
    if sort == "status":
        return (REVIEW_STATUSES.index(record.review_status), *base)
    if sort == "rule":
        return (record.finding.rule, *base)
    if sort == "metric":
        return (",".join(_metrics(record)), *base)
    if sort == "reviewed":
        return (review.at if review else "", *base)
    if sort == "seen":
        return (record.last_run, *base)
    return base


def list_page(
    records: Iterable[FindingRecord],
    docs: Mapping[str, Document],
    reviews: Mapping[str, ReviewRecord],
    filters: ListFilters,
) -> ListPage:
    """The findings list: every filter but status applies to the counts, so the tabs add up."""
    records = list(records)
    gone_hidden = 0 if filters.gone else sum(1 for r in records if r.gone)
    records = [r for r in records if filters.gone or not r.gone]
    options = records
    needle = filters.q.casefold()
    chosen = [
        r
        for r in records
        if (not filters.severity or r.finding.severity == filters.severity)
        and (not filters.rule or r.finding.rule == filters.rule)
        and (not filters.metric or filters.metric in _metrics(r))
        and (not filters.outlet or filters.outlet in _outlets(r, docs))
        and (not filters.changed or r.changed_since_review)
        and (not needle or needle in _haystack(r, docs, reviews.get(r.id)))
    ]
    counts = [
        StatusCount(
            status=s,
            label=STATUS_LABELS[s],
            count=sum(1 for r in chosen if r.review_status == s),
            url=filters.url(status=s),
            active=filters.status == s,
        )
        for s in REVIEW_STATUSES
    ]
    shown = [r for r in chosen if not filters.status or r.review_status == filters.status]
    shown.sort(key=lambda r: _sort_key(filters.sort, r, reviews.get(r.id)), reverse=filters.desc)
    return ListPage(
        filters=filters,
        rows=[_row(r, docs, reviews.get(r.id)) for r in shown],
        counts=counts,
        total=len(chosen),
        severities=sorted({r.finding.severity for r in options}, key=severity_rank),
        rules=sorted({r.finding.rule for r in options}),
        metrics=sorted({m for r in options for m in _metrics(r)}),
        outlets=sorted({o for r in options for o in _outlets(r, docs)}, key=str.casefold),
        gone_hidden=gone_hidden,
    )


def _row(record: FindingRecord, docs: Mapping[str, Document], review: ReviewRecord | None) -> FindingRow:
    f = record.finding
    return FindingRow(
        id=record.id,
        url=finding_url(record.id),
        severity=f.severity,
        severity_class=severity_class(f.severity),
        rule=f.rule,
        message=f.message,
        figures=tuple(FigureRef(c.text, source_label(docs.get(c.doc_id))) for c in record.claims),
        metric=", ".join(_metrics(record)),
        status=record.review_status,
        status_label=STATUS_LABELS.get(record.review_status, record.review_status),
        reviewer=review.reviewer if review else "",
        reviewed_at=when(review.at) if review else "",
        gone=record.gone,
        changed=record.changed_since_review,
    )


# --------------------------------------------------------------------------- one finding


@dataclass(frozen=True)
class ClaimCard(ClaimFields):
    """One claim of a finding, as a column of the side-by-side view."""

    text_url: str = ""
    # Named as the wrong figure in the current verdict.
    wrong: bool = False


@dataclass(frozen=True)
class HistoryEntry:
    at: str
    reviewer: str
    from_label: str
    to_label: str
    to_status: str
    note: str
    wrong_figure: str
    earlier_figures: bool


@dataclass(frozen=True)
class FindingPage:
    id: str
    severity: str
    severity_class: str
    rule: str
    rule_description: str
    message: str
    group: str
    details: list[tuple[str, str]]
    status: str
    status_label: str
    version: int
    gone: bool
    gone_since: str
    changed: bool
    first_seen: str
    last_seen: str
    claims: list[ClaimCard]
    history: list[HistoryEntry]
    wrong_claim_id: str
    statuses: dict[str, str] = field(default_factory=lambda: dict(STATUS_LABELS))


def claim_card(claim: Claim, doc: Document | None, finding_id: str, wrong: bool = False) -> ClaimCard:
    text_url = document_url(claim.doc_id, finding_id, claim.id)
    return claim_fields(ClaimCard, claim.id, claim, doc, text_url=text_url, wrong=wrong)


def _run_label(run_id: int | None, runs: Mapping[int, RunRecord]) -> str:
    if run_id is None:
        return ""
    run = runs.get(run_id)
    return f"run {run_id}" + (f" ({when(run.started_at)})" if run else "")


def _detail(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def figure_label(claim: Claim | None, docs: Mapping[str, Document]) -> str:
    if claim is None:
        return ""
    return f"“{claim.text}” in {source_label(docs.get(claim.doc_id))}"


def finding_page(
    record: FindingRecord,
    history: list[ReviewRecord],
    docs: Mapping[str, Document],
    runs: Mapping[int, RunRecord],
    rule_descriptions: Mapping[str, str],
) -> FindingPage:
    f = record.finding
    by_id = {c.id: c for c in record.claims}
    last = history[-1] if history else None
    wrong_id = (last.wrong_claim_id or "") if last and record.review_status == "confirmed_error" else ""
    entries = [
        HistoryEntry(
            at=when(h.at),
            reviewer=h.reviewer,
            from_label=STATUS_LABELS.get(h.from_status, h.from_status),
            to_label=STATUS_LABELS.get(h.to_status, h.to_status),
            to_status=h.to_status,
            note=h.note,
            wrong_figure=figure_label(by_id.get(h.wrong_claim_id or ""), docs),
            earlier_figures=h.claims_fingerprint != record.claims_fingerprint,
        )
        for h in history
    ]
    return FindingPage(
        id=record.id,
        severity=f.severity,
        severity_class=severity_class(f.severity),
        rule=f.rule,
        rule_description=rule_descriptions.get(f.rule, ""),
        message=f.message,
        group=f.group,
        details=[(str(k), _detail(v)) for k, v in sorted(f.details.items())],
        status=record.review_status,
        status_label=STATUS_LABELS.get(record.review_status, record.review_status),
        version=record.version,
        gone=record.gone,
        gone_since=_run_label(record.gone_run, runs),
        changed=record.changed_since_review,
        first_seen=_run_label(record.first_run, runs),
        last_seen=_run_label(record.last_run, runs),
        claims=[claim_card(c, docs.get(c.doc_id), record.id, c.id == wrong_id) for c in record.claims],
        history=entries,
        wrong_claim_id=wrong_id,
    )


# --------------------------------------------------------------------------- an article's full text


@dataclass(frozen=True)
class DocumentPage:
    id: str
    title: str
    outlet: str
    published: str
    published_known: bool
    published_note: str
    lang: str
    path: str
    article_url: str
    before: str
    figure: str
    after: str
    # A figure was asked for but is no longer where the claim says (the article changed since).
    missing_figure: str
    back_url: str
    back_label: str


def document_page(doc: Document, claim: Claim | None, finding_id: str | None) -> DocumentPage:
    """The article's text with the claim's figure marked in place (found by its offsets, else nearby)."""
    before, figure, after, missing = doc.text, "", "", ""
    if claim is not None and claim.doc_id == doc.id:
        # highlight() cuts a sentence around its figure; the whole text is that sentence here.
        cut = highlight(dataclasses.replace(claim, sentence=doc.text, sentence_start=0))
        if cut.figure:
            before, figure, after = cut.before, cut.figure, cut.after
        else:
            missing = claim.text
    return DocumentPage(
        id=doc.id,
        title=doc.title or source_label(doc),
        outlet=doc.outlet or "",
        published=published_label(doc) if doc.published else UNKNOWN_DATE,
        published_known=doc.published is not None,
        published_note=doc.published_note or "",
        lang=doc.lang,
        path=doc.path,
        article_url=safe_url(doc.url),
        before=before,
        figure=figure,
        after=after,
        missing_figure=missing,
        back_url=finding_url(finding_id) if finding_id else "/",
        back_label=f"Back to finding {finding_id}" if finding_id else "Back to the findings",
    )
