"""Tests of the report stage: the four files write_reports produces, built from a small hand-made Result.

The sample has three articles (two French, one English), five claims (a money
figure with a lower bound, two percentages, a date with its period and the
English money figure off by a factor of a thousand), a "scale-slip" and a
"value-mismatch" finding and one skipped file.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from checker.models import Claim, Document, Finding, Mention, Period, Result, Skipped
from checker.report import FORMATS, from_json_dict, to_json_dict, write_reports
from checker.report.csv_report import CSV_COLUMNS, render_csv
from checker.report.html import render_html
from checker.report.json_report import render_json
from checker.report.markdown import render_markdown

YEAR_2023 = Period(dt.date(2023, 1, 1), dt.date(2023, 12, 31), "year")

TEXT_A = (
    "Commerce. Selon le ministre, les échanges bilatéraux ont atteint plus de 40 milliards de dollars "
    "en 2023. Le chômage a reculé à 7,3 % à la fin de l'année."
)
TEXT_B = "Trade. Bilateral trade between France and China reached $40 million in 2023, officials said."
TEXT_C = "Emploi. Le taux de chômage s'établirait à 8,1 %. Le sommet aura lieu le 12 mars 2024 à Pékin."


def _doc(doc_id: str, text: str, lang: str, **meta: object) -> Document:
    return Document(id=doc_id, path=f"articles/{doc_id}.html", text=text, lang=lang, **meta)  # type: ignore[arg-type]


def _claim(
    claim_id: str,
    doc: Document,
    sentence_starts: str,
    figure: str,
    kind: str,
    value: float | None,
    **fields: object,
) -> Claim:
    """A claim whose offsets point at ``figure`` inside the sentence that starts with ``sentence_starts``."""
    s_start = doc.text.index(sentence_starts)
    s_end = doc.text.index(".", doc.text.index(figure) + len(figure)) + 1
    start = doc.text.index(figure, s_start)
    mention_fields = {
        k: fields.pop(k) for k in ("unit", "low", "high", "qualifier", "precision", "date") if k in fields
    }
    mention = Mention(start, start + len(figure), figure, kind, value, **mention_fields)  # type: ignore[arg-type]
    return Claim(claim_id, doc.id, mention, doc.text[s_start:s_end], s_start, **fields)  # type: ignore[arg-type]


def sample_result() -> Result:
    doc_a = _doc(
        "doc-a",
        TEXT_A,
        "fr",
        title="Les échanges franco-chinois au plus haut",
        outlet="Le Monde",
        url="https://example.org/a",
        published=dt.date(2024, 3, 2),
        published_source="metadata",
    )
    doc_b = _doc(
        "doc-b",
        TEXT_B,
        "en",
        title="France-China trade hits record",
        outlet="Reuters",
        published=dt.date(2024, 3, 3),
        published_source="text",
    )
    doc_c = _doc(
        "doc-c",
        TEXT_C,
        "fr",
        title="Chômage : les prévisions",
        outlet=None,
        published_note="13/04, year unknown",
    )
    claims = [
        _claim(
            "c-money-fr",
            doc_a,
            "Selon",
            "plus de 40 milliards de dollars",
            "money",
            4e10,
            unit="USD",
            low=4e10,
            qualifier="more_than",
            precision=1e9,
            metric="échanges bilatéraux",
            metric_id="trade.bilateral",
            entities=("France", "Chine"),
            period=YEAR_2023,
            speaker="le ministre",
        ),
        _claim(
            "c-unemp-a",
            doc_a,
            "Le chômage",
            "7,3 %",
            "percent",
            7.3,
            unit="%",
            metric="chômage",
            metric_id="labour.unemployment",
            entities=("France",),
        ),
        _claim(
            "c-money-en",
            doc_b,
            "Bilateral",
            "$40 million",
            "money",
            4e7,
            unit="USD",
            precision=1e6,
            metric="bilateral trade",
            metric_id="trade.bilateral",
            entities=("France", "China"),
            period=YEAR_2023,
            speaker="officials",
        ),
        _claim(
            "c-unemp-c",
            doc_c,
            "Le taux",
            "8,1 %",
            "percent",
            8.1,
            unit="%",
            metric="taux de chômage",
            metric_id="labour.unemployment",
            entities=("France",),
            modality="estimate",
        ),
        _claim(
            "c-date-c",
            doc_c,
            "Le sommet",
            "12 mars 2024",
            "date",
            None,
            date=Period(dt.date(2024, 3, 12), dt.date(2024, 3, 12), "day"),
            metric="sommet",
            period=Period(dt.date(2024, 3, 12), dt.date(2024, 3, 12), "day"),
        ),
    ]
    findings = [
        Finding(
            "f-value",
            "value-mismatch",
            "medium",
            ("c-unemp-a", "c-unemp-c"),
            "Unemployment is 7.3 % in Le Monde but 8.1 % in the other article.",
            group="labour.unemployment",
            details={"ratio": 1.11, "tolerance": 0.05},
        ),
        Finding(
            "f-scale",
            "scale-slip",
            "high",
            ("c-money-fr", "c-money-en"),
            "Le Monde gives more than 40 billion USD for bilateral trade in 2023, Reuters 40 million USD: "
            "a factor of 1 000, probably millions written for billions.",
            group="trade.bilateral|2023",
            details={"factor": 1000.0},
        ),
    ]
    rules = [
        SimpleNamespace(
            id="scale-slip",
            description="Two figures differ by a power of a thousand.",
            severity="high",
            threshold=0.9,
        ),
        SimpleNamespace(
            id="value-mismatch", description="Two figures for the same quantity disagree.", severity="medium"
        ),
    ]
    skipped = [Skipped("articles/broken.pdf", "could not read the text: the PDF is encrypted")]
    return Result(
        documents=[doc_a, doc_b, doc_c],
        claims=claims,
        findings=findings,
        skipped=skipped,
        rules=rules,
        timings={"extract": 0.123},
    )


@pytest.fixture
def result() -> Result:
    return sample_result()


# --------------------------------------------------------------------------- write_reports


def test_write_reports_writes_every_format(tmp_path: Path, result: Result) -> None:
    out = tmp_path / "out" / "nested"
    paths = write_reports(result, out)
    assert [p.name for p in paths] == ["report.html", "report.json", "report.md", "findings.csv"]
    assert all(p.is_file() and p.stat().st_size > 0 for p in paths)
    assert FORMATS == ("html", "json", "md", "csv")


def test_write_reports_subset_and_unknown_format(tmp_path: Path, result: Result) -> None:
    assert [p.name for p in write_reports(result, tmp_path, ["csv", "json", "csv"])] == [
        "findings.csv",
        "report.json",
    ]
    assert not (tmp_path / "report.html").exists()
    with pytest.raises(ValueError) as err:
        write_reports(result, tmp_path / "other", ["html", "pdf"])
    assert "'pdf'" in str(err.value) and "html, json, md, csv" in str(err.value)
    # Nothing is written when a format is unknown.
    assert not (tmp_path / "other").exists()


def test_reports_are_deterministic(tmp_path: Path) -> None:
    first = write_reports(sample_result(), tmp_path / "one")
    second = write_reports(sample_result(), tmp_path / "two")
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_timings_do_not_reach_the_reports(tmp_path: Path, result: Result) -> None:
    other = dataclasses.replace(result, timings={"extract": 99.0, "total": 123.4})
    for a, b in zip(write_reports(result, tmp_path / "a"), write_reports(other, tmp_path / "b"), strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_empty_result(tmp_path: Path) -> None:
    paths = write_reports(Result([], [], [], []), tmp_path)
    assert len(paths) == 4
    data = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert data["summary"]["findings"] == 0
    assert data["summary"]["findings_by_severity"] == {"high": 0, "medium": 0, "low": 0}
    rows = list(csv.reader(io.StringIO((tmp_path / "findings.csv").read_text(encoding="utf-8"))))
    assert rows == [list(CSV_COLUMNS)]


# --------------------------------------------------------------------------- JSON


def test_json_schema(tmp_path: Path, result: Result) -> None:
    write_reports(result, tmp_path, ["json"])
    data = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert list(data) == ["documents", "claims", "findings", "skipped", "rules", "summary"]

    doc = data["documents"][0]
    assert list(doc)[:7] == ["id", "path", "title", "outlet", "url", "published", "lang"]
    assert {"author", "published_source", "published_note", "content_hash"} <= set(doc)
    assert doc["published"] == "2024-03-02" and doc["outlet"] == "Le Monde"
    assert data["documents"][2]["published"] is None
    assert data["documents"][2]["published_note"] == "13/04, year unknown"
    assert "text" not in doc

    assert len(data["claims"]) == 5
    for claim in data["claims"]:
        assert isinstance(claim["start"], int) and isinstance(claim["end"], int)
        assert isinstance(claim["entities"], list)
        # The figure's offsets, taken relative to its sentence, give back its text.
        start = claim["start"] - claim["sentence_start"]
        assert claim["sentence"][start : start + claim["end"] - claim["start"]] == claim["text"]
    money = data["claims"][0]
    assert money["value"] == 4e10 and money["low"] == 4e10 and money["high"] is None
    assert money["unit"] == "USD" and money["period"] == {
        "start": "2023-01-01",
        "end": "2023-12-31",
        "grain": "year",
    }
    date_claim = data["claims"][4]
    assert date_claim["value"] is None and date_claim["date"]["grain"] == "day"

    assert [f["rule"] for f in data["findings"]] == ["value-mismatch", "scale-slip"]
    assert data["findings"][1]["claim_ids"] == ["c-money-fr", "c-money-en"]
    assert data["skipped"] == [
        {"path": "articles/broken.pdf", "reason": "could not read the text: the PDF is encrypted"}
    ]
    assert data["rules"][0] == {
        "id": "scale-slip",
        "description": "Two figures differ by a power of a thousand.",
        "severity": "high",
    }
    assert data["summary"] == {
        "documents": 3,
        "claims": 5,
        "findings": 2,
        "skipped": 1,
        "findings_by_severity": {"high": 1, "medium": 1, "low": 0},
        "findings_by_rule": {"scale-slip": 1, "value-mismatch": 1},
    }


def test_json_text_is_stable_and_readable(result: Result) -> None:
    text = render_json(result)
    assert "échanges bilatéraux" in text  # ensure_ascii=False
    assert text.endswith("}\n") and '\n  "documents": [' in text
    assert "timings" not in text and "0.123" not in text


def test_json_round_trip(result: Result) -> None:
    data = to_json_dict(result)
    back = from_json_dict(json.loads(json.dumps(data)))
    assert back.claims == result.claims
    assert back.findings == result.findings
    assert [f.details for f in back.findings] == [f.details for f in result.findings]
    assert back.skipped == result.skipped
    # The article text is not part of the report.
    assert back.documents == [dataclasses.replace(d, text="") for d in result.documents]
    assert [(r.id, r.description, r.severity) for r in back.rules] == [
        (r.id, r.description, r.severity) for r in result.rules
    ]
    assert to_json_dict(back) == data


def test_json_details_are_made_serialisable_and_sorted(result: Result) -> None:
    finding = Finding(
        "f-x",
        "scale-slip",
        "low",
        ("c-money-fr",),
        "m",
        details={"z": {3, 1, 2}, "a": dt.date(2024, 1, 2), "period": YEAR_2023, "inf": float("inf")},
    )
    data = to_json_dict(dataclasses.replace(result, findings=[finding]))
    details = data["findings"][0]["details"]
    assert list(details) == ["a", "inf", "period", "z"]
    assert details == {"a": "2024-01-02", "inf": None, "period": YEAR_2023.to_dict(), "z": [1, 2, 3]}
    json.dumps(data, allow_nan=False)


# --------------------------------------------------------------------------- CSV


def _csv_rows(text: str) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    assert tuple(reader.fieldnames or ()) == CSV_COLUMNS
    return list(reader)


def test_csv_rows(tmp_path: Path, result: Result) -> None:
    write_reports(result, tmp_path, ["csv"])
    with open(tmp_path / "findings.csv", encoding="utf-8", newline="") as handle:
        rows = _csv_rows(handle.read())
    # One row per (finding, claim), the high finding first.
    assert [(r["finding_id"], r["claim_id"]) for r in rows] == [
        ("f-scale", "c-money-fr"),
        ("f-scale", "c-money-en"),
        ("f-value", "c-unemp-a"),
        ("f-value", "c-unemp-c"),
    ]
    first = rows[0]
    assert first["rule"] == "scale-slip" and first["severity"] == "high"
    assert first["message"].startswith("Le Monde gives more than 40 billion USD")
    assert first["doc_id"] == "doc-a" and first["outlet"] == "Le Monde" and first["published"] == "2024-03-02"
    assert first["doc_title"] == "Les échanges franco-chinois au plus haut"
    assert first["text"] == "plus de 40 milliards de dollars"
    assert (first["value"], first["unit"], first["low"], first["high"]) == (
        "40000000000",
        "USD",
        "40000000000",
        "",
    )
    assert first["qualifier"] == "more_than" and first["period"] == "2023"
    assert first["metric"] == "échanges bilatéraux" and first["entities"] == "France; Chine"
    assert first["speaker"] == "le ministre" and first["modality"] == "reported"
    assert "plus de 40 milliards de dollars en 2023." in first["sentence"]
    assert rows[1]["value"] == "40000000" and rows[1]["text"] == "$40 million"
    unemp_c = rows[3]
    assert unemp_c["value"] == "8.1" and unemp_c["modality"] == "estimate" and unemp_c["published"] == ""
    assert unemp_c["outlet"] == ""


def test_csv_quotes_commas_quotes_and_newlines(result: Result) -> None:
    finding = Finding("f-q", "value-mismatch", "low", ("c-unemp-a",), 'Says "7,3 %",\nnot 8,1 %')
    rows = _csv_rows(render_csv(dataclasses.replace(result, findings=[finding])))
    assert rows[0]["message"] == 'Says "7,3 %",\nnot 8,1 %'
    assert rows[0]["sentence"].startswith("Le chômage a reculé à 7,3 %")


def test_csv_guards_against_formulas(result: Result) -> None:
    finding = Finding("f-q", "value-mismatch", "low", ("c-unemp-a", "nowhere"), '=HYPERLINK("http://x","y")')
    rows = _csv_rows(render_csv(dataclasses.replace(result, findings=[finding])))
    assert rows[0]["message"] == '\'=HYPERLINK("http://x","y")'
    # An unknown claim id still gets its row, with the finding's columns filled in.
    assert rows[1]["claim_id"] == "nowhere" and rows[1]["finding_id"] == "f-q" and rows[1]["doc_id"] == ""


# --------------------------------------------------------------------------- Markdown


def test_markdown(tmp_path: Path, result: Result) -> None:
    write_reports(result, tmp_path, ["md"])
    text = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert text.startswith("# Figure consistency report\n")
    assert "- Findings: 2 (high: 1, medium: 1, low: 0)" in text
    assert "| scale\\-slip |" not in text  # a dash inside a cell is not escaped
    assert "| scale-slip | Two figures differ by a power of a thousand. | 1 | 0 | 0 | 1 |" in text
    # Most severe first, with the rule's description.
    high = text.index("### 1. [HIGH] scale-slip — Two figures differ by a power of a thousand.")
    medium = text.index("### 2. [MEDIUM] value-mismatch")
    assert high < medium
    assert "a factor of 1 000, probably millions written for billions." in text
    assert (
        "  > Selon le ministre, les échanges bilatéraux ont atteint "
        "**plus de 40 milliards de dollars** en 2023.\n" in text
    )
    assert "**$40 million**" in text and "**7,3 %**" in text
    assert (
        "**Le Monde — Les échanges franco-chinois au plus haut**, published 2024-03-02, speaker: le ministre"
        in text
    )
    assert "value: 40 billion USD (≥ 40 billion) · period: 2023 · metric: échanges bilatéraux" in text
    assert "published date unknown (13/04, year unknown)" in text
    assert (
        "(13/04, year unknown), modality: estimate" in text
        and "value: 7.3 % · metric: chômage · entities: France" in text
    )
    assert "## Skipped files" in text and "articles/broken.pdf: could not read the text" in text


def test_markdown_escapes_article_text(result: Result) -> None:
    doc = dataclasses.replace(result.documents[0], title="<script>alert(1)</script> *big* [link](http://x)")
    text = render_markdown(dataclasses.replace(result, documents=[doc, *result.documents[1:]]))
    assert "<script>" not in text and "[link](" not in text
    assert r"\<script\>alert(1)\</script\> \*big\* \[link\](http://x)" in text


# --------------------------------------------------------------------------- HTML


def _finding_block(html: str, number: int) -> str:
    start = html.rindex("<article", 0, html.index(f'id="finding-{number}"'))
    end = html.find("</article>", start)
    return html[start:end]


def test_html_is_self_contained(tmp_path: Path, result: Result) -> None:
    write_reports(result, tmp_path, ["html"])
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert "<style>" in html
    lowered = html.lower()
    assert "<script" not in lowered and "<link" not in lowered and "@import" not in lowered
    assert "url(" not in lowered and "<img" not in lowered and "<iframe" not in lowered
    assert not re.search(r"\bsrc\s*=", lowered)
    assert not re.search(r"""href\s*=\s*["']?https?://[^"'\s>]*\.(js|css)""", lowered)
    # The only web addresses are links to the articles themselves.
    assert set(re.findall(r"https?://[^\"'\s<]+", html)) == {"https://example.org/a"}


def test_html_header_and_summary(result: Result) -> None:
    html = render_html(result)
    assert "<strong>3</strong> documents" in html and "<strong>5</strong> figures" in html
    assert "<strong>2</strong> findings" in html and "<strong>1</strong> skipped file" in html
    assert '<span class="badge sev-high">1 high</span>' in html
    summary = html[html.index('id="summary"') : html.index('id="findings"')]
    assert "<code>scale-slip</code>" in summary and "Two figures for the same quantity disagree." in summary


def test_html_finding_cards(result: Result) -> None:
    html = render_html(result)
    card = _finding_block(html, 1)
    assert 'class="finding sev-high"' in card
    assert '<span class="badge sev-high">high</span>' in card
    assert '<code class="rule-id">scale-slip</code>' in card
    assert "Two figures differ by a power of a thousand." in card
    assert "a factor of 1 000, probably millions written for billions." in card
    # The two claims sit side by side: one grid column each.
    claims = card[card.index('<div class="claims">') : card.index("<figure")]
    assert claims.count('<div class="claim">') == 2
    assert "grid-auto-flow: column" in html
    assert claims.index("Le Monde") < claims.index("Reuters")
    assert "<mark>plus de 40 milliards de dollars</mark>" in claims
    assert "<mark>$40 million</mark>" in claims
    assert "40 billion USD (≥ 40 billion)" in claims and 'title="40 000 000 000 USD"' in claims
    assert "40 million USD" in claims and "2024-03-02" in claims and "2024-03-03" in claims
    assert "le ministre" in claims and "officials" in claims and "reported" in claims
    assert "échanges bilatéraux" in claims and "France; Chine" in claims and ">2023<" in claims
    medium = _finding_block(html, 2)
    assert "date unknown" in medium and "(13/04, year unknown)" in medium and "estimate" in medium


def test_html_charts(result: Result) -> None:
    html = render_html(result)
    scale = _finding_block(html, 1)
    assert scale.count("<svg") == 1 and scale.count("<rect") == 2
    assert "Logarithmic scale" in scale and "1 000 times" in scale
    mismatch = _finding_block(html, 2)
    assert mismatch.count("<svg") == 1 and "Logarithmic" not in mismatch


def test_html_no_chart_without_two_numbers(result: Result) -> None:
    finding = Finding("f-d", "value-mismatch", "low", ("c-date-c", "c-unemp-c"), "Dates disagree.")
    html = render_html(dataclasses.replace(result, findings=[finding]))
    assert "<svg" not in _finding_block(html, 1)
    assert "<mark>12 mars 2024</mark>" in html and "2024-03-12" in html


def test_html_documents_and_skipped(result: Result) -> None:
    html = render_html(result)
    docs = html[html.index('id="documents"') : html.index('id="skipped"')]
    assert docs.count("<details") == 3
    assert "Chômage : les prévisions" in docs and "2 figures" in docs
    assert '<a href="#finding-1">#1</a>' in docs
    assert "<mark>12 mars 2024</mark>" in docs
    skipped = html[html.index('id="skipped"') :]
    assert "articles/broken.pdf" in skipped and "the PDF is encrypted" in skipped


def test_html_tolerates_missing_rule_and_claim(result: Result) -> None:
    finding = Finding("f-u", "no-such-rule", "severe", ("c-money-fr", "ghost"), "Odd one.")
    html = render_html(dataclasses.replace(result, findings=[finding], rules=[]))
    card = _finding_block(html, 1)
    assert "no-such-rule" in card and 'class="finding sev-other"' in card
    assert "<code>ghost</code> is not in this report" in card


def test_html_highlight_falls_back_to_searching(result: Result) -> None:
    claim = result.claims[1]
    # Offsets that no longer match the sentence (whitespace rewritten, say).
    moved = dataclasses.replace(
        claim, sentence="Le   chômage a reculé à  7,3 %  cette année.", sentence_start=0
    )
    html = render_html(dataclasses.replace(result, claims=[moved, *result.claims[2:]], findings=[]))
    assert "<mark>7,3 %</mark>" in html


XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"


def test_html_escapes_everything_from_articles(result: Result) -> None:
    doc = dataclasses.replace(
        result.documents[0],
        title=f"Title {XSS_SCRIPT}",
        outlet=f"Outlet {XSS_IMG}",
        url="javascript:alert(1)",
        published=None,
        published_note=f"note {XSS_SCRIPT}",
        path=f"dir/{XSS_IMG}.html",
    )
    sentence = f"Avant {XSS_IMG} plus de 40 milliards de dollars {XSS_SCRIPT}."
    claim = dataclasses.replace(
        result.claims[0],
        sentence=sentence,
        sentence_start=0,
        mention=dataclasses.replace(
            result.claims[0].mention,
            start=sentence.index("plus"),
            end=sentence.index("plus") + len("plus de 40 milliards de dollars"),
        ),
        speaker=XSS_SCRIPT,
        metric=XSS_IMG,
        entities=(XSS_SCRIPT,),
    )
    finding = dataclasses.replace(result.findings[1], message=f"Message {XSS_SCRIPT}", group=XSS_IMG)
    rules = [SimpleNamespace(id="scale-slip", description=f"Rule {XSS_IMG}", severity="high")]
    evil = dataclasses.replace(
        result,
        documents=[doc, *result.documents[1:]],
        claims=[claim, *result.claims[1:]],
        findings=[finding],
        rules=rules,
        skipped=[Skipped(f"in/{XSS_SCRIPT}", f"reason {XSS_IMG}")],
    )
    html = render_html(evil)
    lowered = html.lower()
    assert "<script" not in lowered and "<img" not in lowered and "javascript:" not in lowered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "Title &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<mark>plus de 40 milliards de dollars</mark>" in html
    assert "Avant &lt;img src=x onerror=alert(1)&gt; <mark>" in html
    # The other formats keep it as inert text too.
    assert "<script>" not in render_markdown(evil)
    assert XSS_SCRIPT in render_csv(evil)  # CSV is data: kept verbatim, never interpreted
