"""Grouping claims about the same quantity, and the comparison arithmetic behind the rules."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from checker.compare import central, interval, overlap
from checker.group import build_groups, candidate_pairs, dimension, period_relation
from checker.models import Claim, Document, Mention, Period
from checker.pipeline import check_documents


def claim(
    text="x",
    value=1.0,
    kind="money",
    unit="USD",
    precision=1.0,
    qualifier=None,
    low=None,
    high=None,
    metric="trade.bilateral",
    entities=("Belarus", "Russia"),
    period=None,
    doc="d1",
    speaker=None,
):
    m = Mention(0, len(text), text, kind, value, unit, low, high, qualifier, precision)
    return Claim(
        f"c-{doc}-{text}-{value}",
        doc,
        m,
        text,
        0,
        metric,
        metric,
        tuple(entities),
        period,
        "reported",
        speaker,
    )


def year(y):
    return Period(dt.date(y, 1, 1), dt.date(y, 12, 31), "year")


def test_interval_widens_by_half_the_last_digit_and_by_qualifiers():
    assert interval(claim(value=38e9, precision=1e9)) == (37.5e9, 38.5e9)
    lo, hi = interval(claim(value=40e9, precision=1e9, qualifier="more_than", low=40e9))
    assert lo == 40e9 and math.isinf(hi)
    lo, hi = interval(claim(value=1.3e6, precision=1e5, qualifier="about"))
    assert lo == pytest.approx(1.235e6) and hi == pytest.approx(1.365e6)


@pytest.mark.parametrize(
    "a, b, agree",
    [
        (dict(value=38e9, precision=1e9), dict(value=38.5e9, precision=1e8), True),
        (dict(value=1.3e6, precision=1e5, qualifier="about"), dict(value=1.27e6, precision=1e4), True),
        (
            dict(value=40e9, precision=1e9, qualifier="more_than", low=40e9),
            dict(value=41.2e9, precision=1e8),
            True,
        ),
        (dict(value=79, precision=1), dict(value=78, precision=1), False),
        (
            dict(value=None, low=40e9, high=45e9, qualifier="range", precision=1e9),
            dict(value=44e9, precision=1e9),
            True,
        ),
    ],
)
def test_agreement_follows_the_written_precision(a, b, agree):
    assert overlap(interval(claim(**a)), interval(claim(**b))) is agree


def test_period_relations():
    assert period_relation(year(2021), year(2021)) == "same"
    assert period_relation(year(2021), year(2022)) == "adjacent"
    assert period_relation(year(2021), year(2024)) == "other"
    end_2021 = Period(dt.date(2021, 12, 31), dt.date(2021, 12, 31), "year-end")
    assert period_relation(end_2021, year(2021)) == "same", "a figure 'at the end of 2021' covers 2021"
    assert period_relation(None, year(2021)) == "unknown-one"
    assert period_relation(None, None) == "unknown-both"


def test_entities_are_compatible_when_one_set_contains_the_other():
    def paired(a, b):
        groups = build_groups([claim("a", 1e9, entities=a, doc="d1"), claim("b", 2e9, entities=b, doc="d2")])
        return bool(groups) and any(True for _ in candidate_pairs(groups[0]))

    assert paired(("Belarus", "Russia"), ("Russia",))
    assert not paired(("Belarus", "Russia"), ("China", "Russia"))
    assert paired((), ("China",))


def test_groups_block_by_metric_and_dimension_and_pair_only_across_documents():
    claims = [
        claim("a", 1e9, doc="d1"),
        claim("b", 2e9, doc="d2"),
        claim("c", 3e9, doc="d1"),
        claim("e", 5e9, unit="EUR", doc="d2"),
        claim("f", 6e9, metric="investment", doc="d2"),
    ]
    groups = build_groups(claims)
    assert [g.key for g in groups] == ["trade.bilateral|money:USD"]
    pairs = {(p.a.text, p.b.text) for p in candidate_pairs(groups[0])}
    assert pairs == {("a", "b"), ("b", "c")}


def test_quantities_share_a_dimension_across_units():
    t = claim(kind="quantity", unit="metric_ton")
    kg = claim(kind="quantity", unit="kilogram")
    assert dimension(t) == dimension(kg)
    assert central(t) == pytest.approx(1000.0)


def _doc(i, text, published="2023-04-06", lang="fr"):
    return Document(
        id=f"d{i}",
        path=f"d{i}.txt",
        text=text,
        lang=lang,
        published=dt.date.fromisoformat(published),
        outlet=f"Outlet {i}",
    )


def test_a_scale_slip_is_reported_once_not_also_as_a_mismatch():
    docs = [
        _doc(
            1, "Les échanges bilatéraux entre la France et le Maroc ont atteint 14 millions d'euros en 2022."
        ),
        _doc(2, "Bilateral trade between France and Morocco reached 14 billion euros in 2022.", lang="en"),
    ]
    result = check_documents(docs)
    assert [f.rule for f in result.findings] == ["scale-slip"]


def test_finding_ids_survive_a_corrected_figure():
    base = "Bilateral trade between France and Morocco reached {} euros in 2022."
    fr = _doc(
        1, "Les échanges bilatéraux entre la France et le Maroc ont atteint 14 millions d'euros en 2022."
    )
    first = check_documents([fr, _doc(2, base.format("14 billion"), lang="en")]).findings
    second = check_documents([fr, _doc(2, base.format("15 billion"), lang="en")]).findings
    assert first[0].id == second[0].id
    assert first[0].claim_ids != second[0].claim_ids


def test_a_forecast_is_not_compared_with_an_outcome_for_value():
    docs = [
        _doc(1, "Le budget de Lyon pour 2023 devrait atteindre 5,2 milliards d'euros."),
        _doc(2, "Lyon's 2023 budget was 4.1 billion euros.", lang="en"),
    ]
    assert [f.rule for f in check_documents(docs).findings] == []
