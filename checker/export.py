"""Export of reviewed findings from a store: CSV, JSON, and schema.org ClaimReview JSON-LD.

``export(store, fmt)`` returns the text; ``export_store(path, fmt)`` opens the
store read-only first (what ``checker export`` calls).  CSV and JSON hold the
findings that have at least one verdict (all of them with ``include_open``),
with their latest verdict and, in JSON, their whole history.  ``claimreview``
turns each confirmed error into ClaimReview objects (one per figure under
review) that a newsroom can publish beside its correction: when the verdict
named the wrong figure, only that figure is rated "Incorrect"; when it did not,
each figure of the finding is rated "Inconsistent with other reports".  Output
is deterministic for a given store (no export timestamp), and free text in the
CSV is guarded against spreadsheet formulas like findings.csv.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import CheckerError
from .models import Claim, Document
from .report.csv_report import _guard as guard_formula
from .report.format import period_label, plain_number, published_label, safe_url, source_label
from .report.json_report import claim_json
from .store import REVIEW_STATUSES, FindingRecord, ReviewRecord, Store

EXPORT_FORMATS = ("csv", "json", "claimreview")
DEFAULT_PUBLISHER = "Figure checker"

# What a confirmed error of each rule is, in the words a correction would use.
RULE_PHRASES = {
    "scale-slip": "probable scale slip",
    "value-mismatch": "figures disagree",
    "disputed-figure": "disputed figure",
    "implausible-change": "implausible change between periods",
    "growth-mismatch": "growth rate does not fit the levels",
    "date-mismatch": "wrong date",
}

CSV_COLUMNS = (
    "finding_id",
    "rule",
    "severity",
    "status",
    "reviewer",
    "reviewed_at",
    "note",
    "wrong_claim_id",
    "changed_since_review",
    "gone",
    "message",
    "claim_id",
    "outlet",
    "title",
    "url",
    "published",
    "speaker",
    "text",
    "value",
    "unit",
    "low",
    "high",
    "period",
    "sentence",
)
_CSV_TEXT = frozenset({"reviewer", "note", "message", "outlet", "title", "speaker", "text", "sentence"})
# Words that make a speaker an organisation rather than a person, in either language; acronyms keep case.
_ORGANISATION = re.compile(
    r"\b(ministry|minist[eè]re|office|agency|agence|bank|banque|institute|institut|government|gouvernement|"
    r"council|conseil|commission|service|union|association|federation|f[ée]d[ée]ration|department|"
    r"committee|comit[ée]|authority|autorit[ée]|police|customs|douanes?)\b",
    re.IGNORECASE,
)
_ACRONYM = re.compile(r"\b[A-Z]{2,}\b")


class ExportError(CheckerError):
    code = "E031"


@dataclass(frozen=True)
class Reviewed:
    """A finding with its verdict history, ready to export."""

    record: FindingRecord
    history: tuple[ReviewRecord, ...]

    @property
    def last(self) -> ReviewRecord | None:
        return self.history[-1] if self.history else None

    @property
    def wrong_claim_id(self) -> str | None:
        last = self.last
        if last is None or self.record.review_status != "confirmed_error":
            return None
        return last.wrong_claim_id


def reviewed_findings(
    store: Store, *, include_open: bool = False, statuses: Collection[str] | None = None
) -> list[Reviewed]:
    """Findings with a verdict (or all with ``include_open``), gone ones included, most severe first."""
    unknown = sorted(set(statuses or ()) - set(REVIEW_STATUSES))
    if unknown:
        raise ExportError(f"unknown status {', '.join(unknown)} (one of {', '.join(REVIEW_STATUSES)})")
    out = []
    for record in store.findings(include_gone=True):
        if statuses and record.review_status not in statuses:
            continue
        history = tuple(store.history(record.id))
        if history or include_open:
            out.append(Reviewed(record, history))
    return out


def export(
    store: Store,
    fmt: str,
    *,
    publisher: str = DEFAULT_PUBLISHER,
    include_open: bool = False,
    statuses: Collection[str] | None = None,
) -> str:
    """The export's text in ``fmt`` (csv, json or claimreview)."""
    if fmt not in EXPORT_FORMATS:
        raise ExportError(f"unknown export format {fmt!r} (one of {', '.join(EXPORT_FORMATS)})")
    docs = {d.id: d.document for d in store.documents()}
    if fmt == "claimreview":
        confirmed = reviewed_findings(store, statuses=["confirmed_error"])
        return _dump(claim_reviews(confirmed, docs, publisher))
    chosen = reviewed_findings(store, include_open=include_open, statuses=statuses)
    if fmt == "json":
        return _dump({"findings": [finding_export(r, docs) for r in chosen]})
    return render_csv(chosen, docs)


def export_store(path: str | Path, fmt: str, **options: Any) -> str:
    """Open the store at ``path`` read-only (it must exist) and export it."""
    with Store.open(path, readonly=True) as store:
        return export(store, fmt, **options)


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# --------------------------------------------------------------------------- JSON and CSV


def _document_fields(doc: Document | None) -> dict[str, Any]:
    return {
        "outlet": source_label(doc),
        "title": doc.title if doc else None,
        "url": (safe_url(doc.url) or None) if doc else None,
        "published": doc.published.isoformat() if doc and doc.published else None,
    }


def finding_export(item: Reviewed, docs: Mapping[str, Document]) -> dict[str, Any]:
    record, last = item.record, item.last
    return {
        "id": record.id,
        "rule": record.finding.rule,
        "severity": record.finding.severity,
        "message": record.finding.message,
        "status": record.review_status,
        "verdict": (
            {
                "reviewer": last.reviewer,
                "at": last.at,
                "note": last.note,
                "wrong_claim_id": item.wrong_claim_id,
            }
            if last
            else None
        ),
        "changed_since_review": record.changed_since_review,
        "gone": record.gone,
        "first_run": record.first_run,
        "last_run": record.last_run,
        "gone_run": record.gone_run,
        "claims": [{**claim_json(c), **_document_fields(docs.get(c.doc_id))} for c in record.claims],
        "history": [
            {
                "at": h.at,
                "reviewer": h.reviewer,
                "from": h.from_status,
                "to": h.to_status,
                "note": h.note,
                "wrong_claim_id": h.wrong_claim_id,
            }
            for h in item.history
        ],
    }


def csv_rows(items: list[Reviewed], docs: Mapping[str, Document]) -> list[dict[str, str]]:
    """One row per finding and claim, the finding's verdict repeated on each (like findings.csv)."""
    rows = []
    for item in items:
        record, last = item.record, item.last
        base = {
            "finding_id": record.id,
            "rule": record.finding.rule,
            "severity": record.finding.severity,
            "status": record.review_status,
            "reviewer": last.reviewer if last else "",
            "reviewed_at": last.at if last else "",
            "note": last.note if last else "",
            "wrong_claim_id": item.wrong_claim_id or "",
            "changed_since_review": "yes" if record.changed_since_review else "no",
            "gone": "yes" if record.gone else "no",
            "message": record.finding.message,
        }
        for claim in record.claims or ():
            doc = docs.get(claim.doc_id)
            m = claim.mention
            rows.append(
                {
                    **base,
                    "claim_id": claim.id,
                    "outlet": source_label(doc),
                    "title": (doc.title or "") if doc else "",
                    "url": safe_url(doc.url) if doc else "",
                    "published": published_label(doc),
                    "speaker": claim.speaker or "",
                    "text": claim.text,
                    "value": plain_number(m.value),
                    "unit": m.unit or "",
                    "low": plain_number(m.low),
                    "high": plain_number(m.high),
                    "period": period_label(claim.period),
                    "sentence": claim.sentence,
                }
            )
        if not record.claims:
            rows.append({**dict.fromkeys(CSV_COLUMNS, ""), **base})
    return rows


def render_csv(items: list[Reviewed], docs: Mapping[str, Document]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for row in csv_rows(items, docs):
        writer.writerow({k: guard_formula(v) if k in _CSV_TEXT else v for k, v in row.items()})
    return buffer.getvalue()


# --------------------------------------------------------------------------- ClaimReview


def rule_phrase(rule: str) -> str:
    return RULE_PHRASES.get(rule, rule.replace("-", " "))


def _author(claim: Claim, doc: Document | None) -> dict[str, str]:
    """Who made the claim: the speaker when the article names one, else the outlet."""
    if claim.speaker:
        organisation = _ORGANISATION.search(claim.speaker) or _ACRONYM.search(claim.speaker)
        kind = "Organization" if organisation else "Person"
        return {"@type": kind, "name": claim.speaker}
    return {"@type": "Organization", "name": source_label(doc)}


def _appearance(doc: Document | None) -> dict[str, Any]:
    article: dict[str, Any] = {"@type": "NewsArticle"}
    if doc is None:
        return article
    if safe_url(doc.url):
        article["url"] = safe_url(doc.url)
    if doc.title:
        article["headline"] = doc.title
    article["publisher"] = {"@type": "Organization", "name": source_label(doc)}
    if doc.published:
        article["datePublished"] = doc.published.isoformat()
    if doc.lang:
        article["inLanguage"] = doc.lang
    return article


def claim_review(
    item: Reviewed, claim: Claim, doc: Document | None, publisher: str, incorrect: bool
) -> dict[str, Any]:
    """One ClaimReview: the claim as its sentence, where it appeared, the rating and who reviewed it."""
    last = item.last
    assert last is not None
    rating: dict[str, Any] = {"@type": "Rating"}
    if incorrect:
        rating.update(alternateName=f"Incorrect: {rule_phrase(item.record.finding.rule)}")
        rating.update(ratingValue=1, bestRating=5, worstRating=1)
    else:
        rating["alternateName"] = f"Inconsistent with other reports: {rule_phrase(item.record.finding.rule)}"
    claim_item: dict[str, Any] = {"@type": "Claim", "author": _author(claim, doc)}
    if doc is not None and doc.published:
        claim_item["datePublished"] = doc.published.isoformat()
    claim_item["appearance"] = _appearance(doc)
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": f"{item.record.id}/{claim.id}",
        "claimReviewed": claim.sentence.strip() or claim.text,
        "itemReviewed": claim_item,
        "reviewRating": rating,
        "author": {"@type": "Organization", "name": publisher},
        # The verdict's day: when the newsroom concluded, not when the article appeared.
        "datePublished": last.at[:10],
    }


def claim_reviews(
    items: list[Reviewed], docs: Mapping[str, Document], publisher: str
) -> list[dict[str, Any]]:
    out = []
    for item in items:
        wrong = item.wrong_claim_id
        for claim in item.record.claims:
            if wrong and claim.id != wrong:
                continue  # the other figures were found right, or at least not wrong
            out.append(claim_review(item, claim, docs.get(claim.doc_id), publisher, incorrect=bool(wrong)))
    return out
