"""findings.csv: one row per (finding, claim), for spreadsheets and newsroom trackers.

Each row repeats the finding's id, rule, severity and message beside one of
its claims, so that a sheet can be filtered or pivoted on any column.  Values
and bounds are plain numbers (no grouping, no exponent for whole values) so
that spreadsheets read them as numbers.  Free text from the articles that a
spreadsheet would run as a formula ("=HYPERLINK(...)") is prefixed with an
apostrophe, the usual guard against formula injection.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from checker.models import Claim, Finding, Result
from checker.report.format import Index, ordered_findings, period_label, plain_number, published_label

CSV_COLUMNS = (
    "finding_id",
    "rule",
    "severity",
    "message",
    "claim_id",
    "doc_id",
    "doc_title",
    "outlet",
    "published",
    "text",
    "value",
    "unit",
    "low",
    "high",
    "qualifier",
    "period",
    "metric",
    "entities",
    "speaker",
    "modality",
    "sentence",
)

# Columns that hold text from the articles or the compare stage, guarded against formulas.
_TEXT_COLUMNS = frozenset(
    {"message", "doc_title", "outlet", "text", "qualifier", "metric", "entities", "speaker", "sentence"}
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A signed figure such as "-3,5 %" or "+12" is data, not a formula.
_SIGNED_NUMBER = re.compile(r"[+-][\d\s.,%\u00a0\u202f]+")


def findings_rows(result: Result) -> list[dict[str, str]]:
    """The CSV rows as dicts keyed by ``CSV_COLUMNS`` (findings most severe first)."""
    index = Index(result)
    rows = []
    for finding in ordered_findings(result.findings):
        claims = index.finding_claims(finding)
        # A finding whose claims are all unknown still gets its row.
        for claim_id, claim in claims or [("", None)]:
            rows.append(_row(finding, claim_id, claim, index))
    return rows


def render_csv(result: Result) -> str:
    """findings.csv's text (header row first, CRLF line ends as RFC 4180 says)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    for row in findings_rows(result):
        writer.writerow({k: _guard(v) if k in _TEXT_COLUMNS else v for k, v in row.items()})
    return buffer.getvalue()


def write_csv(result: Result, path: Path) -> Path:
    # newline="" keeps the csv module's own line ends untouched.
    path.write_text(render_csv(result), encoding="utf-8", newline="")
    return path


def _row(finding: Finding, claim_id: str, claim: Claim | None, index: Index) -> dict[str, str]:
    row = dict.fromkeys(CSV_COLUMNS, "")
    row.update(
        finding_id=finding.id,
        rule=finding.rule,
        severity=finding.severity,
        message=finding.message,
        claim_id=claim_id,
    )
    if claim is None:
        return row
    doc = index.document(claim.doc_id)
    m = claim.mention
    row.update(
        doc_id=claim.doc_id,
        doc_title=(doc.title or "") if doc else "",
        outlet=(doc.outlet or "") if doc else "",
        published=published_label(doc) if doc and doc.published else "",
        text=m.text,
        value=plain_number(m.value),
        unit=m.unit or "",
        low=plain_number(m.low),
        high=plain_number(m.high),
        qualifier=m.qualifier or "",
        period=period_label(claim.period),
        metric=claim.metric or "",
        entities="; ".join(claim.entities),
        speaker=claim.speaker or "",
        modality=claim.modality or "",
        sentence=" ".join(claim.sentence.split()),
    )
    return row


def _guard(text: str) -> str:
    if text.startswith(_FORMULA_START) and not _SIGNED_NUMBER.fullmatch(text):
        return "'" + text
    return text
