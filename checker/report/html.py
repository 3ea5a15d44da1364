"""report.html: one self-contained page a journalist can open offline and forward.

The page is rendered from a Jinja2 template with autoescaping on, so every
string that comes from an article (titles, sentences, notes, speakers) is
shown as text and never interpreted as markup.  This module only prepares
plain view objects (strings, numbers, chart geometry) from the Result; the
template lays them out with inline CSS and inline SVG, and the page carries no
script and loads nothing from the network.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from checker.models import SEVERITIES, Claim, Document, Finding, Result
from checker.report.chart import Chart, build_chart
from checker.report.format import (
    ClaimFields,
    Index,
    RuleRow,
    claim_fields,
    ordered_findings,
    published_label,
    safe_url,
    severity_counts,
    source_label,
)

TEMPLATE = "report.html.j2"


@dataclass(frozen=True)
class ClaimView(ClaimFields):
    """One claim as shown in a finding card or in a document's list."""

    # Numbers of the findings the claim is part of, for the per-document list.
    findings: tuple[int, ...] = ()


@dataclass(frozen=True)
class FindingView:
    number: int
    severity: str
    severity_class: str
    rule: str
    description: str
    message: str
    group: str
    claims: list[ClaimView]
    chart: Chart | None


@dataclass(frozen=True)
class DocumentView:
    number: int
    label: str
    title: str
    outlet: str
    published: str
    published_known: bool
    published_note: str
    url: str
    path: str
    lang: str
    claims: list[ClaimView] = field(default_factory=list)


def render_html(result: Result) -> str:
    """report.html's text."""
    index = Index(result)
    findings = ordered_findings(result.findings)
    # Which findings each claim belongs to, so the document lists can point at them.
    memberships: dict[str, list[int]] = {}
    for number, finding in enumerate(findings, 1):
        for claim_id in finding.claim_ids:
            memberships.setdefault(claim_id, []).append(number)
    finding_views = [_finding_view(n, f, index) for n, f in enumerate(findings, 1)]
    by_document: dict[str, list[Claim]] = {}
    for claim in result.claims:
        by_document.setdefault(claim.doc_id, []).append(claim)
    document_views = [
        _document_view(n, d, by_document.get(d.id, []), memberships)
        for n, d in enumerate(result.documents, 1)
    ]
    counts = severity_counts(result.findings)
    table: list[RuleRow] = index.rule_table()
    return _template().render(
        counts={
            "documents": len(result.documents),
            "claims": len(result.claims),
            "findings": len(result.findings),
            "skipped": len(result.skipped),
        },
        severity_counts=counts,
        severity_classes={s: _severity_class(s) for s in counts},
        severities=list(counts),
        rule_table=table,
        findings=finding_views,
        documents=document_views,
        skipped=list(result.skipped),
    )


def write_html(result: Result, path: Path) -> Path:
    path.write_text(render_html(result), encoding="utf-8", newline="\n")
    return path


@functools.lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("checker.report", "templates"),
        # Always on: the template's extension (.j2) would escape nothing under select_autoescape.
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env.get_template(TEMPLATE)


def _severity_class(severity: str) -> str:
    # Only known names reach the class attribute; anything else is styled as "other".
    return severity if severity in SEVERITIES else "other"


def _finding_view(number: int, finding: Finding, index: Index) -> FindingView:
    pairs = index.finding_claims(finding)
    claims = [
        _claim_view(cid, claim, index.document(claim.doc_id) if claim else None) for cid, claim in pairs
    ]
    present = [(claim, index.document(claim.doc_id)) for _, claim in pairs if claim is not None]
    return FindingView(
        number=number,
        severity=finding.severity,
        severity_class=_severity_class(finding.severity),
        rule=finding.rule,
        description=index.rule_description(finding.rule),
        message=finding.message,
        group=finding.group,
        claims=claims,
        chart=build_chart(present),
    )


def _claim_view(
    claim_id: str, claim: Claim | None, doc: Document | None, findings: tuple[int, ...] = ()
) -> ClaimView:
    return claim_fields(ClaimView, claim_id, claim, doc, findings=findings)


def _document_view(
    number: int, doc: Document, claims: list[Claim], memberships: dict[str, list[int]]
) -> DocumentView:
    views = [_claim_view(c.id, c, doc, tuple(memberships.get(c.id, ()))) for c in claims]
    return DocumentView(
        number=number,
        label=doc.title or source_label(doc),
        title=doc.title or "",
        outlet=doc.outlet or "",
        published=published_label(doc),
        published_known=doc.published is not None,
        published_note=doc.published_note or "",
        url=safe_url(doc.url),
        path=doc.path,
        lang=doc.lang,
        claims=views,
    )
