"""Peer test suites as the extraction benchmark reads them, and which mention kinds each one counts.

A suite is a JSONL file, one case a line: {id, source, lang, kind, text, expected: [{text, start, end,
value, unit, iso_value, raw}], reference_date}; an empty ``expected`` is a negative case.  The file's
kind (money, number, percent, quantity, date) decides which of our mention kinds are scored against it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import CheckerError

# Our mention kinds scored against each suite kind.  Durations count as dates (the Recognizers datetime
# suites hold durations) and as quantities (ages: "5 years old" is a duration for us).
COUNTED_KINDS: dict[str, frozenset[str]] = {
    "money": frozenset({"money"}),
    "number": frozenset({"number"}),
    "percent": frozenset({"percent"}),
    "quantity": frozenset({"quantity", "duration"}),
    "date": frozenset({"date", "duration"}),
}
# Quantity suites whose peer model covers only part of that: Recognizers' dimension and temperature
# models read no durations ("took 20 minutes" is not a miss of theirs, so not a false positive of
# ours), and its age model reads ages only, which are durations for us ("5,000 miles" beside "500
# years old" is not an age).
MODEL_KINDS: dict[str, frozenset[str]] = {
    "dimension": frozenset({"quantity"}),
    "temperature": frozenset({"quantity"}),
    "age": frozenset({"duration"}),
}
# quantulum3 calls every number a quantity: its suites expect dimensionless counts ("42"), currencies
# ("£2,000") and percentages ("35%") beside physical quantities, so every non-date kind counts there.
QUANTULUM_KINDS = frozenset({"money", "number", "percent", "quantity", "duration"})


class SuiteFileError(CheckerError):
    code = "E040"


@dataclass(frozen=True)
class Suite:
    """One peer-suite file: its name (file stem), kind, language and cases."""

    name: str
    kind: str
    lang: str
    cases: list[dict[str, Any]]

    @property
    def family(self) -> str:
        return "quantulum3" if self.name.startswith("quantulum3") else "recognizers"

    @property
    def model(self) -> str:
        """The peer model the suite tests: "recognizers-fr-dimension" -> "dimension"."""
        parts = self.name.split("-")
        return parts[2] if self.family == "recognizers" and len(parts) > 2 else self.family

    @property
    def counted_kinds(self) -> frozenset[str]:
        if self.family == "quantulum3":
            return QUANTULUM_KINDS
        return MODEL_KINDS.get(self.model, COUNTED_KINDS[self.kind])


def load_suite(path: Path, limit: int | None = None) -> Suite:
    """Read a suite file (the first ``limit`` cases when given)."""
    cases: list[dict[str, Any]] = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise SuiteFileError(f"{path}: cannot read the suite ({exc})") from exc
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            case = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SuiteFileError(f"{Path(path).name} line {lineno}: invalid JSON ({exc.msg})") from exc
        if not isinstance(case, dict) or not isinstance(case.get("text"), str):
            raise SuiteFileError(f"{Path(path).name} line {lineno}: a case needs a 'text' string")
        if case.get("kind") not in COUNTED_KINDS:
            raise SuiteFileError(f"{Path(path).name} line {lineno}: unknown kind {case.get('kind')!r}")
        case.setdefault("id", f"{Path(path).stem}-{lineno}")
        cases.append(case)
        if limit is not None and len(cases) >= limit:
            break
    if not cases:
        raise SuiteFileError(f"{Path(path).name}: no cases")
    return Suite(Path(path).stem, cases[0]["kind"], cases[0].get("lang") or "en", cases)
