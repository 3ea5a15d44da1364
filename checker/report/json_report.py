"""report.json: the machine interface of a check, and the way back from it to a Result.

The JSON holds ``documents``, ``claims``, ``findings``, ``skipped``, ``rules``
and a ``summary`` of counts, in that order, each object with its keys in a
fixed order.  Nothing in it depends on the clock or the run (no timestamps,
no timings), so the same inputs give byte-identical files that can be diffed
between runs.  ``from_json_dict`` rebuilds the model objects; the article text
itself is not in the report, so rebuilt documents have an empty ``text``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from checker.models import Claim, Document, Finding, Result, Skipped
from checker.report.format import rule_attr, rule_counts, severity_counts

# The keys a document starts with; the rest of Document.to_dict follows in its order.
_DOCUMENT_KEYS = ("id", "path", "title", "outlet", "url", "published", "lang")


@dataclasses.dataclass(frozen=True)
class RuleInfo:
    """What the report knows of a comparison rule (the compare stage's objects carry more)."""

    id: str
    description: str = ""
    severity: str = ""

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "description": self.description, "severity": self.severity}


# --------------------------------------------------------------------------- Result -> JSON


def to_json_dict(result: Result) -> dict[str, Any]:
    """The report as plain JSON data, keys in a fixed order."""
    findings = result.findings
    return {
        "documents": [_document_dict(d) for d in result.documents],
        "claims": [claim_json(c) for c in result.claims],
        "findings": [_finding_dict(f) for f in findings],
        "skipped": [{"path": s.path, "reason": s.reason} for s in result.skipped],
        "rules": [_rule_dict(r) for r in result.rules],
        "summary": {
            "documents": len(result.documents),
            "claims": len(result.claims),
            "findings": len(findings),
            "skipped": len(result.skipped),
            "findings_by_severity": severity_counts(findings),
            "findings_by_rule": rule_counts(findings),
        },
    }


def render_json(result: Result) -> str:
    """report.json's text (ends with a newline): one line per document, claim, finding and skipped file.

    Each item is written on a line of its own with the C encoder (an indented dump goes through the
    pure-Python one, which is several times slower on a large corpus); the file stays readable and
    diffable line by line.
    """
    data = to_json_dict(result)
    parts = []
    for key, value in data.items():
        if isinstance(value, list) and value:
            items = ",\n".join(f"    {_compact(item)}" for item in value)
            parts.append(f"  {json.dumps(key)}: [\n{items}\n  ]")
        else:
            parts.append(f"  {json.dumps(key)}: {_compact(value)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def write_json(result: Result, path: Path) -> Path:
    path.write_text(render_json(result), encoding="utf-8", newline="\n")
    return path


_CLAIM_FLOATS = ("value", "low", "high", "precision", "growth")


def claim_json(claim: Claim) -> dict[str, Any]:
    """A claim as report.json holds it (the store keeps claims in the same shape).

    ``Claim.to_dict`` already gives plain data; only its numbers can be what JSON lacks (NaN, infinity),
    so they alone are checked: a large corpus has hundreds of thousands of claims.
    """
    data = claim.to_dict()
    for key in _CLAIM_FLOATS:
        value = data.get(key)
        if isinstance(value, float) and not math.isfinite(value):
            data[key] = None
    return data


def finding_json(finding: Finding) -> dict[str, Any]:
    """A finding as report.json holds it."""
    return _finding_dict(finding)


def _document_dict(doc: Document) -> dict[str, Any]:
    data = doc.to_dict()
    ordered = {key: data.get(key) for key in _DOCUMENT_KEYS}
    ordered.update((k, v) for k, v in data.items() if k not in ordered)
    return _plain(ordered)


def _finding_dict(finding: Finding) -> dict[str, Any]:
    data = finding.to_dict()
    # The compare stage fills ``details`` freely: sorting its keys keeps the file stable.
    data["details"] = _plain(data.get("details") or {}, sort_keys=True)
    return _plain(data)


def _rule_dict(rule: Any) -> dict[str, str]:
    def text(name: str) -> str:
        value = rule_attr(rule, name)
        return "" if value is None else str(value)

    return {"id": text("id"), "description": text("description"), "severity": text("severity")}


def _plain(value: Any, sort_keys: bool = False) -> Any:
    """JSON-ready data: dates as ISO text, sets sorted, no NaN or infinity (JSON has none)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if value is None or isinstance(value, (str, int, bool)):
        return value
    if isinstance(value, Mapping):
        items = [(str(k), _plain(v, sort_keys)) for k, v in value.items()]
        return dict(sorted(items) if sort_keys else items)
    if isinstance(value, (list, tuple)):
        return [_plain(v, sort_keys) for v in value]
    if isinstance(value, (set, frozenset)):
        plain = [_plain(v, sort_keys) for v in value]
        return sorted(plain, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return _plain(to_dict(), sort_keys)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _plain(dataclasses.asdict(value), sort_keys)
    return str(value)


# --------------------------------------------------------------------------- JSON -> Result


def from_json_dict(data: dict[str, Any]) -> Result:
    """Rebuild a Result from ``to_json_dict`` output (rules come back as ``RuleInfo``)."""
    return Result(
        documents=[Document.from_dict(d) for d in data.get("documents", [])],
        claims=[Claim.from_dict(c) for c in data.get("claims", [])],
        findings=[Finding.from_dict(f) for f in data.get("findings", [])],
        skipped=[Skipped(s["path"], s["reason"]) for s in data.get("skipped", [])],
        rules=[
            RuleInfo(r["id"], r.get("description") or "", r.get("severity") or "")
            for r in data.get("rules", [])
        ],
    )


def read_json(path: Path) -> Result:
    """Load a report.json back into a Result."""
    return from_json_dict(json.loads(path.read_text(encoding="utf-8")))
