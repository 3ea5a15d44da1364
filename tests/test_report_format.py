"""Tests of the report's shared formatting helpers and of the chart geometry."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.models import Claim, Document, Finding, Mention, Period
from checker.report.chart import LOG_RATIO, build_chart
from checker.report.format import (
    describe_value,
    exact_value,
    format_bounds,
    format_number,
    group_digits,
    highlight,
    ordered_findings,
    plain_number,
    published_text,
    safe_url,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (4e10, "40 billion"),
        (38.5e9, "38.5 billion"),
        (38.52e9, "38.52 billion"),
        (2.5e6, "2.5 million"),
        (1.2e12, "1.2 trillion"),
        (-3e9, "-3 billion"),
        (12000, "12 000"),
        (999999, "999 999"),
        (1234.5, "1 234.5"),
        (3.5, "3.5"),
        (0.035, "0.035"),
        (0, "0"),
    ],
)
def test_format_number(value: float, expected: str) -> None:
    assert format_number(value) == expected


def test_group_and_plain_numbers() -> None:
    assert group_digits(4e10) == "40 000 000 000"
    assert group_digits(1234.5) == "1 234.5"
    assert plain_number(4e10) == "40000000000"
    assert plain_number(7.3) == "7.3"
    assert plain_number(None) == ""


def test_bounds_and_values() -> None:
    assert format_bounds(4e10, None) == "≥ 40 billion"
    assert format_bounds(None, 5e6) == "≤ 5 million"
    assert format_bounds(38e9, 42e9) == "38 billion – 42 billion"
    assert format_bounds(None, None) == ""
    money = Mention(0, 5, "plus de 40 milliards", "money", 4e10, "USD", low=4e10, qualifier="more_than")
    assert describe_value(money) == "40 billion USD (≥ 40 billion)"
    assert exact_value(money) == "40 000 000 000 USD"
    exact = Mention(0, 3, "3 %", "percent", 3.0, "%", low=3.0, high=3.0)
    assert describe_value(exact) == "3 %"
    day = Period(dt.date(2024, 3, 12), dt.date(2024, 3, 12), "day")
    assert describe_value(Mention(0, 5, "12 mars", "date", None, date=day)) == "2024-03-12"
    assert describe_value(Mention(0, 5, "plus de 3", "number", None, low=3.0)) == "≥ 3"


def _claim(sentence: str, start: int, end: int, text: str, sentence_start: int = 100) -> Claim:
    mention = Mention(start + sentence_start, end + sentence_start, text, "number", 1.0)
    return Claim("c", "d", mention, sentence, sentence_start)


def test_highlight_uses_offsets_then_searches() -> None:
    sentence = "Il y a 3 morts et 3 blessés."
    second = sentence.index("3 blessés")
    cut = highlight(_claim(sentence, second, second + 1, "3"))
    assert (cut.before, cut.figure, cut.after) == ("Il y a 3 morts et ", "3", " blessés.")
    # Wrong offsets: the occurrence nearest to them wins.
    cut = highlight(_claim(sentence, second + 2, second + 3, "3"))
    assert cut.before == "Il y a 3 morts et "
    # Whitespace rewritten by the segmenter.
    cut = highlight(_claim("Soit 40  milliards.", 0, 0, "40 milliards"))
    assert cut.figure == "40  milliards"
    cut = highlight(_claim("Rien ici.", 0, 2, "42"))
    assert (cut.before, cut.figure, cut.after) == ("Rien ici.", "", "")


def test_documents_and_urls() -> None:
    doc = Document("d", "a/b.html", "", "fr", published=None, published_note="13/04, year unknown")
    assert published_text(doc) == "date unknown (13/04, year unknown)"
    assert safe_url("https://example.org/x") == "https://example.org/x"
    assert safe_url("javascript:alert(1)") == "" and safe_url(None) == ""


def test_findings_most_severe_first() -> None:
    findings = [
        Finding(str(i), "r", s, (), "") for i, s in enumerate(["low", "high", "odd", "medium", "high"])
    ]
    assert [f.id for f in ordered_findings(findings)] == ["1", "4", "3", "0", "2"]


def _money(value: float, outlet: str) -> tuple[Claim, Document]:
    mention = Mention(0, 1, "x", "money", value, "USD")
    return Claim(f"c-{outlet}", outlet, mention, "x", 0), Document(outlet, "p", "", "en", outlet=outlet)


def test_chart_scales() -> None:
    linear = build_chart([_money(10.0, "A"), _money(10.0 * LOG_RATIO, "B")])
    assert linear is not None and not linear.log and linear.note == ""
    assert [b.width for b in linear.bars] == [15.0, 300.0]
    log = build_chart([_money(4e7, "A"), _money(4e10, "B")])
    assert log is not None and log.log and "1 000 times" in log.note and log.ticks
    assert 2.0 < log.bars[0].width < log.bars[1].width <= 300
    assert build_chart([_money(1.0, "A")]) is None
    signed = build_chart([_money(-5.0, "A"), _money(500.0, "B")])
    assert signed is not None and not signed.log and "negative" in signed.note


def test_markdown_escaping() -> None:
    from checker.report.markdown import md

    assert md("1. Premier") == r"1\. Premier"
    assert md("- liste") == r"\- liste"
    assert md("7.3 %") == "7.3 %" and md("2020-2021") == "2020-2021"
    assert md("a *b* _c_ [d](e) <f> `g` | h") == r"a \*b\* \_c\_ \[d\](e) \<f\> \`g\` \| h"
    assert md("  deux\nlignes  ") == "deux lignes" and md(" bord ", strip=False) == " bord "
