"""The reference case: four real French articles, with the million/milliard slip that started the project."""

from __future__ import annotations

import json

import pytest

from checker import check, write


@pytest.fixture(scope="module")
def seeds_result(request):
    from .conftest import seeds_dir

    path = seeds_dir()
    if path is None:
        pytest.skip("the reference seeds (shared/seeds beside the checkout, or CHECKER_SEEDS) are not here")
    return path, check([path])


def test_the_trade_scale_slip_is_one_high_severity_finding(seeds_result):
    _, result = seeds_result
    claims = {c.id: c for c in result.claims}
    slips = [f for f in result.findings if f.rule == "scale-slip"]
    assert len(slips) == 1
    finding = slips[0]
    assert finding.severity == "high"
    texts = sorted(claims[cid].text for cid in finding.claim_ids)
    assert any(t.startswith("380 millions") for t in texts) and any(
        t.startswith("40 milliards") for t in texts
    )
    assert "scale slip" in finding.message and "millions" in finding.message
    assert {claims[cid].metric_id for cid in finding.claim_ids} == {"trade.bilateral"}


def test_no_finding_pairs_unrelated_metrics(seeds_result):
    _, result = seeds_result
    claims = {c.id: c for c in result.claims}
    for f in result.findings:
        assert len({claims[cid].metric_id for cid in f.claim_ids}) == 1, f.message
    investment = [c for c in result.claims if c.metric_id == "investment"]
    assert investment, "the 4 milliards of investment is read as investment"
    assert not any(c.id in f.claim_ids for f in result.findings for c in investment)


def test_the_page_furniture_yields_no_claim(seeds_result):
    path, result = seeds_result
    doc = next(d for d in result.documents if d.path.endswith("003_0c7d80ae81d71bb8.txt"))
    text = (path / "003_0c7d80ae81d71bb8.txt").read_text(encoding="utf-8")
    footer = text.index("Source: (EUROPA PRESS)")
    mine = [c for c in result.claims if c.doc_id == doc.id]
    assert all(c.start < footer for c in mine), [c.text for c in mine if c.start >= footer]
    assert doc.published is not None and doc.published.isoformat() == "2023-04-06"


def test_offsets_point_into_the_file_text(seeds_result, tmp_path):
    path, result = seeds_result
    write(result, tmp_path, ["json"])
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    docs = {d["id"]: d for d in report["documents"]}
    for c in report["claims"]:
        source = next(p for p in path.iterdir() if docs[c["doc_id"]]["path"].endswith(p.name))
        text = source.read_text(encoding="utf-8")
        assert text[c["start"] : c["end"]] == c["text"]


def test_the_trade_figures_know_their_speaker_period_and_modality(seeds_result):
    _, result = seeds_result
    forty = next(c for c in result.claims if c.text.startswith("40 milliards"))
    assert forty.mention.qualifier == "more_than" and forty.modality == "forecast"
    assert forty.speaker == "Vladimir Putin"
    assert set(forty.entities) == {"Russia", "Belarus"}
    three_eighty = next(c for c in result.claims if c.text.startswith("380 millions"))
    assert three_eighty.period is not None and three_eighty.period.start.year == 2021
    assert three_eighty.growth == pytest.approx(0.33)
