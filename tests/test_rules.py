"""Every comparison rule file: its schema, and its own examples run through the whole pipeline."""

from __future__ import annotations

import pytest
import yaml

from checker.errors import RuleFileError
from checker.paths import rules_dir
from checker.rule_examples import run_examples
from checker.rules import load_rule, load_rules

RULES = load_rules()
RULE_FILES = sorted((rules_dir() / "compare").glob("*.yaml"))


def test_the_rules_the_checker_promises_are_all_there():
    ids = {r.id for r in RULES}
    assert {
        "value-mismatch",
        "scale-slip",
        "implausible-change",
        "growth-mismatch",
        "date-mismatch",
        "disputed-figure",
    } <= ids


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_rule_file_schema(path):
    rule = load_rule(path)
    assert rule.id == path.stem, "a rule file is named after its id"
    assert len(rule.description) > 40, "the description is what a journalist reads"
    assert rule.flag and rule.pass_, "every rule has at least one flag and one pass example"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_examples(rule):
    failures = [o.explain() for o in run_examples(rule, RULES) if not o.ok]
    assert not failures, f"{rule.path}: " + "\n".join(failures)


def test_a_rule_file_without_examples_is_refused(tmp_path):
    data = yaml.safe_load(RULE_FILES[0].read_text(encoding="utf-8"))
    data["examples"] = {"flag": [], "pass": [["x"]]}
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(RuleFileError, match="examples.flag"):
        load_rule(bad)


def test_a_rule_with_an_unknown_period_relation_is_refused(tmp_path):
    data = yaml.safe_load(RULE_FILES[0].read_text(encoding="utf-8"))
    data["applies_to"]["periods"] = ["sometime"]
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(RuleFileError, match="sometime"):
        load_rule(bad)


def test_priority_orders_the_rules():
    priorities = [r.priority for r in RULES]
    assert priorities == sorted(priorities, reverse=True)
