"""The lexicon files: their own examples, and the consistency between them and the libraries they feed."""

from __future__ import annotations

import datetime as dt

import pint
import pytest

from checker.extract import extract_text
from checker.lexicon import load_lexicon, load_yaml
from checker.paths import rules_dir

LEX = rules_dir() / "lexicon"


def _examples(lang: str, name: str):
    data = load_yaml(LEX / lang / f"{name}.yaml")
    return [(lang, *ex, data.get("examples_reference_date")) for ex in data.get("examples", [])]


@pytest.mark.parametrize("lang, text, value, _ref", _examples("fr", "numbers") + _examples("en", "numbers"))
def test_number_examples(lang, text, value, _ref):
    found = [m for m in extract_text(text, lang, None) if m.kind != "date"]
    assert len(found) == 1, f"{lang}/numbers.yaml: {text!r} -> {found}"
    assert found[0].value == pytest.approx(float(value)), f"{lang}/numbers.yaml: {text!r}"


@pytest.mark.parametrize("lang, text, iso, grain, ref", _examples("fr", "dates") + _examples("en", "dates"))
def test_date_examples(lang, text, iso, grain, ref):
    found = [m for m in extract_text(text, lang, dt.date.fromisoformat(ref)) if m.kind == "date"]
    assert len(found) == 1, f"{lang}/dates.yaml: {text!r} -> {found}"
    period = found[0].date
    assert period is not None and period.grain == grain, f"{lang}/dates.yaml: {text!r} -> {period}"
    if grain == "quarter":
        year, q = iso.split("-Q")
        assert (period.start.year, (period.start.month - 1) // 3 + 1) == (int(year), int(q))
    else:
        assert period.start.isoformat().startswith(iso) or period.end.isoformat() == iso


def test_every_unit_is_known_to_pint():
    ureg = pint.UnitRegistry()
    for uid, spec in load_yaml(LEX / "units.yaml").items():
        ureg.Unit(spec.get("pint", uid))  # raises on an unknown unit


def test_every_entity_parent_exists_and_aliases_do_not_clash():
    entities = load_yaml(LEX / "entities.yaml")
    seen: dict[str, str] = {}
    for name, spec in entities.items():
        assert spec.get("parent") in (None, *entities), f"{name}: unknown parent {spec.get('parent')}"
        for alias in spec["aliases"]:
            key = alias.lower()
            assert seen.get(key, name) == name, f"alias {alias!r} names both {seen[key]} and {name}"
            seen[key] = name


def test_metric_examples_name_their_concept():
    from checker.analyze import analyze_document
    from checker.models import Document

    data = load_yaml(LEX / "metrics.yaml")
    for lang, text, concept in data["examples"]:
        doc = Document(id="d", path="p", text=text, lang=lang, published=dt.date(2023, 4, 6))
        claims = [c for c in analyze_document(doc, use_models=False) if c.kind != "date"]
        assert claims and claims[0].metric_id == concept, f"metrics.yaml: {text!r} -> {claims}"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_lexicon_loads_with_a_stable_version(lang):
    a = load_lexicon(lang)
    assert a.version and a.version == load_lexicon(lang).version
    assert a.scales and a.currencies and a.metric_terms


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_units_named_in_figures_yaml_are_units_of_units_yaml(lang):
    """The units that quotes, glued letters, "pm" and named quantities stand for, and the age unit."""
    units = load_yaml(LEX / "units.yaml")
    pint_names = {spec.get("pint", uid) for uid, spec in units.items()}
    data = load_yaml(LEX / lang / "figures.yaml")
    named = [unit for _value, unit in (data.get("named_quantities") or {}).values()]
    for key in ("quote_units", "cued_glued_units", "clock_after_units"):
        named += list((data.get(key) or {}).values())
    assert named, f"{lang}/figures.yaml names no unit"
    for unit in named:
        assert unit in pint_names, f"{lang}/figures.yaml: {unit!r} is no unit of units.yaml"
    assert data["age_unit"] in data["durations"], f"{lang}/figures.yaml: age_unit is no duration"
