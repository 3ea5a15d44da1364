"""Comparison rules: loaded from rules/compare/*.yaml and validated into ``Rule`` objects.

A rule file declares its id, a plain-language description, its severity, its
priority (when two rules flag the same pair of claims, the higher priority
explains it), which claims it looks at (kinds, period relations), its
parameters, and its own examples: documents that must make it flag and
documents that must not.  The logic that reads the parameters is named by
``check`` and lives in compare.py; a rule file cannot run code.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import RuleFileError
from .lexicon import load_yaml
from .models import KINDS, SEVERITIES
from .paths import rules_dir

PERIOD_RELATIONS = ("same", "adjacent", "unknown-one", "unknown-both", "other")
REQUIRED = ("id", "description", "check", "severity", "priority", "applies_to", "examples")


@dataclass(frozen=True)
class Example:
    """Documents given to the checker together; the rule must (or must not) flag them."""

    docs: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class Rule:
    id: str
    description: str
    check: str
    severity: str
    priority: int
    kinds: tuple[str, ...]
    periods: tuple[str, ...]
    params: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    flag: tuple[Example, ...] = ()
    pass_: tuple[Example, ...] = ()
    path: str = ""
    reference_date: dt.date | None = None

    def param(self, name: str, default: Any = None) -> Any:
        return self.params.get(name, default)


def _examples(raw: Any, where: str, ref: dt.date | None) -> tuple[Example, ...]:
    if not isinstance(raw, list) or not raw:
        raise RuleFileError(f"{where}: needs a non-empty list of examples")
    out = []
    for i, item in enumerate(raw):
        docs = item.get("docs") if isinstance(item, dict) else item
        if not isinstance(docs, list) or len(docs) < 1:
            raise RuleFileError(f"{where}[{i}]: an example is a list of documents")
        norm = []
        for d in docs:
            if isinstance(d, str):
                d = {"text": d}
            if not isinstance(d, dict) or not isinstance(d.get("text"), str):
                raise RuleFileError(f"{where}[{i}]: each document is a string or a mapping with 'text'")
            d = dict(d)
            if "published" not in d and ref is not None:
                d["published"] = ref
            norm.append(d)
        out.append(Example(tuple(norm)))
    return tuple(out)


def load_rule(path: Path) -> Rule:
    data = load_yaml(path)
    name = path.name
    if not isinstance(data, dict):
        raise RuleFileError(f"{name}: a rule file is a mapping")
    missing = [k for k in REQUIRED if k not in data]
    if missing:
        raise RuleFileError(f"{name}: missing {', '.join(missing)}")
    if data["severity"] not in SEVERITIES:
        raise RuleFileError(f"{name}: severity must be one of {', '.join(SEVERITIES)}")
    applies = data["applies_to"] or {}
    kinds = tuple(applies.get("kinds", KINDS))
    periods = tuple(applies.get("periods", PERIOD_RELATIONS))
    for k in kinds:
        if k not in KINDS:
            raise RuleFileError(f"{name}: unknown kind {k!r}")
    for p in periods:
        if p not in PERIOD_RELATIONS:
            raise RuleFileError(
                f"{name}: unknown period relation {p!r} (one of {', '.join(PERIOD_RELATIONS)})"
            )
    ref = data.get("reference_date")
    if isinstance(ref, str):
        ref = dt.date.fromisoformat(ref)
    examples = data["examples"] or {}
    return Rule(
        id=str(data["id"]),
        description=str(data["description"]).strip(),
        check=str(data["check"]),
        severity=data["severity"],
        priority=int(data["priority"]),
        kinds=kinds,
        periods=periods,
        params=dict(data.get("params") or {}),
        flag=_examples(examples.get("flag"), f"{name}: examples.flag", ref),
        pass_=_examples(examples.get("pass"), f"{name}: examples.pass", ref),
        path=name,
        reference_date=ref,
    )


def load_rules(root: Path | None = None) -> list[Rule]:
    """Every rule of rules/compare/, highest priority first (ties by id, so the order is stable)."""
    folder = (root or rules_dir()) / "compare"
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise RuleFileError(f"no rule files in {folder.name}/")
    rules = [load_rule(p) for p in files]
    ids = [r.id for r in rules]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        raise RuleFileError(f"duplicate rule ids: {', '.join(sorted(dupes))}")
    from .compare import CHECKS

    for r in rules:
        if r.check not in CHECKS:
            raise RuleFileError(f"{r.path}: unknown check {r.check!r} (one of {', '.join(sorted(CHECKS))})")
    return sorted(rules, key=lambda r: (-r.priority, r.id))
