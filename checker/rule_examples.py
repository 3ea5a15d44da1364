"""Runs a rule's own examples through the whole pipeline, as Duckling runs its corpus.

Each example is a set of short documents checked together under the rule
file's reference date; a ``flag`` example passes when the rule reports a
finding, a ``pass`` example when it reports none.  Used by the test suite and
by ``checker rules --test``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from .langdetect import detect
from .models import Document, Finding
from .rules import Example, Rule


@dataclass
class ExampleOutcome:
    rule: str
    expected: str  # "flag" or "pass"
    ok: bool
    texts: tuple[str, ...]
    findings: list[Finding]

    def explain(self) -> str:
        got = "; ".join(f"{f.rule}: {f.message}" for f in self.findings) or "no finding"
        return f"{self.rule} [{self.expected}] {' || '.join(self.texts)} -> {got}"


def example_documents(example: Example) -> list[Document]:
    docs = []
    for i, d in enumerate(example.docs):
        text = d["text"]
        published = d.get("published")
        if isinstance(published, str):
            published = dt.date.fromisoformat(published)
        docs.append(
            Document(
                id=f"ex{i}-{hashlib.sha1(text.encode()).hexdigest()[:8]}",
                path=f"example-{i + 1}",
                text=text,
                lang=d.get("lang") or detect(text),
                published=published,
                published_source="metadata" if published else "unknown",
                outlet=d.get("outlet", f"Example {i + 1}"),
            )
        )
    return docs


def run_examples(rule: Rule, rules: list[Rule]) -> list[ExampleOutcome]:
    from .pipeline import check_documents

    outcomes = []
    for expected, examples in (("flag", rule.flag), ("pass", rule.pass_)):
        for ex in examples:
            result = check_documents(example_documents(ex), rules)
            mine = [f for f in result.findings if f.rule == rule.id]
            ok = bool(mine) if expected == "flag" else not mine
            outcomes.append(
                ExampleOutcome(rule.id, expected, ok, tuple(d["text"] for d in ex.docs), result.findings)
            )
    return outcomes
