"""report.md: the findings as Markdown, for pasting into a ticket, a chat or a wiki.

A summary of counts comes first, then each finding (most severe first) with
its rule, its message and each of its claims: where and when it was published,
who said it, the sentence with the figure in bold, the normalised value and
the period.  The skipped files close the report.  Text from the articles is
escaped so that a title or a sentence cannot turn into links, markup or HTML.
"""

from __future__ import annotations

import re
from pathlib import Path

from checker.models import Claim, Finding, Result
from checker.report.format import (
    Index,
    describe_value,
    document_label,
    highlight,
    ordered_findings,
    period_label,
    published_text,
    severity_counts,
)

# Characters Markdown (CommonMark and GitHub's) gives a meaning to inside a line.
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&])")
# What would start a list or underline a heading if a line began with it.
_LINE_START = re.compile(r"^(\d+)([.)])(?=\s|$)|^([-+=])(?=\s|$|[-=]+$)")


def md(text: object, strip: bool = True) -> str:
    """Escape text for Markdown, on one line (safe at the start of a line too).

    Runs of whitespace (newlines included) become one space; ``strip=False``
    keeps the edges, which the pieces of a sentence around its bold figure need.
    """
    collapsed = re.sub(r"\s+", " ", str(text))
    escaped = _SPECIAL.sub(r"\\\1", collapsed.strip() if strip else collapsed)
    return _LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped)


def render_markdown(result: Result) -> str:
    """report.md's text (ends with a newline)."""
    index = Index(result)
    lines: list[str] = ["# Figure consistency report", ""]
    lines += _summary(result, index)
    lines += ["## Findings", ""]
    findings = ordered_findings(result.findings)
    if not findings:
        lines += ["No contradiction found.", ""]
    for number, finding in enumerate(findings, 1):
        lines += _finding(number, finding, index)
    lines += ["## Skipped files", ""]
    if not result.skipped:
        lines += ["None.", ""]
    lines += [f"- {md(s.path)}: {md(s.reason)}" for s in result.skipped]
    return "\n".join(lines).rstrip("\n") + "\n"


def write_markdown(result: Result, path: Path) -> Path:
    path.write_text(render_markdown(result), encoding="utf-8", newline="\n")
    return path


def _summary(result: Result, index: Index) -> list[str]:
    by_severity = ", ".join(f"{md(s)}: {n}" for s, n in severity_counts(result.findings).items())
    lines = [
        "## Summary",
        "",
        f"- Documents: {len(result.documents)}",
        f"- Claims: {len(result.claims)}",
        f"- Findings: {len(result.findings)} ({by_severity})",
        f"- Skipped files: {len(result.skipped)}",
        "",
    ]
    table = index.rule_table()
    if table:
        severities = list(table[0].counts)
        lines.append("| Rule | Description | " + " | ".join(md(s) for s in severities) + " | Total |")
        lines.append("|---|---|" + "---:|" * (len(severities) + 1))
        for row in table:
            counts = " | ".join(str(row.counts[s]) for s in severities)
            lines.append(f"| {md(row.rule)} | {md(row.description)} | {counts} | {row.total} |")
        lines.append("")
    return lines


def _finding(number: int, finding: Finding, index: Index) -> list[str]:
    description = index.rule_description(finding.rule)
    title = f"### {number}. [{md(finding.severity.upper())}] {md(finding.rule)}"
    lines = [title + (f" — {md(description)}" if description else ""), "", md(finding.message), ""]
    for claim_id, claim in index.finding_claims(finding):
        if claim is None:
            lines.append(f"- Claim {md(claim_id)}: not found in this report.")
        else:
            lines += _claim(claim, index)
    return lines


def _claim(claim: Claim, index: Index) -> list[str]:
    doc = index.document(claim.doc_id)
    head = f"- **{md(document_label(doc))}**, published {md(published_text(doc))}"
    if claim.speaker:
        head += f", speaker: {md(claim.speaker)}"
    if claim.modality and claim.modality != "reported":
        head += f", modality: {md(claim.modality)}"
    cut = highlight(claim)
    figure = f"**{md(cut.figure)}**" if cut.figure else ""
    sentence = md(cut.before.lstrip(), strip=False) + figure + md(cut.after.rstrip(), strip=False)
    facts = [f"value: {md(describe_value(claim.mention) or '—')}"]
    if claim.period is not None:
        facts.append(f"period: {md(period_label(claim.period))}")
    if claim.metric:
        facts.append(f"metric: {md(claim.metric)}")
    if claim.entities:
        facts.append(f"entities: {md('; '.join(claim.entities))}")
    # The quote and the facts are indented to stay inside the list item.
    return [head, f"  > {sentence}", "", f"  {' · '.join(facts)}", ""]
