"""Exports of reviewed findings: CSV and JSON, and ClaimReview JSON-LD checked field by field.

The ClaimReview output is also expanded as JSON-LD (with PyLD, offline: the schema.org context is served
from a local document) to check that every term maps to a schema.org IRI.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.errors import CheckerError
from checker.export import export, export_store
from checker.store import Store
from tests.test_review_app import BUDGET, SLIP, SUMMIT, build_store


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """The review app's store, with verdicts: the slip confirmed (French figure wrong), the budget not a
    contradiction after a follow-up, the gone summit finding confirmed without naming the wrong figure."""
    path = build_store(tmp_path / "story.checker.sqlite")
    with Store.open(path) as store:
        store.set_verdict(
            SLIP, "confirmed_error", '=HYPERLINK("http://x") billions, per customs', "Ana", 1, "clm-doc-fr-1"
        )
        v = store.set_verdict(BUDGET, "needs_follow_up", "ask the ministry", "Bruno", 1)
        store.set_verdict(BUDGET, "not_a_contradiction", "draft vs final budget", "Chloé", v)
        store.set_verdict(SUMMIT, "confirmed_error", "", "Ana", 1)
    return path


def cli(*args: str):
    return CliRunner().invoke(main, list(args))


def test_json_holds_the_reviewed_findings_with_their_history(db):
    data = json.loads(export_store(db, "json"))
    by_id = {f["id"]: f for f in data["findings"]}
    assert set(by_id) == {SLIP, BUDGET, SUMMIT}
    slip = by_id[SLIP]
    assert slip["status"] == "confirmed_error" and slip["verdict"]["reviewer"] == "Ana"
    assert slip["verdict"]["wrong_claim_id"] == "clm-doc-fr-1"
    assert [c["outlet"] for c in slip["claims"]] == [
        "Le Courrier d'Exemple",
        "Tribune <img src=x onerror=alert(1)>",
    ]
    assert slip["claims"][1]["url"] == "https://example.org/trade"
    budget = by_id[BUDGET]
    assert [(h["from"], h["to"], h["reviewer"]) for h in budget["history"]] == [
        ("open", "needs_follow_up", "Bruno"),
        ("needs_follow_up", "not_a_contradiction", "Chloé"),
    ]
    assert by_id[SUMMIT]["gone"] is True


def test_unreviewed_findings_only_on_request_and_statuses_filter(db, tmp_path):
    fresh = build_store(tmp_path / "fresh.sqlite")
    assert json.loads(export_store(fresh, "json")) == {"findings": []}
    everything = json.loads(export_store(fresh, "json", include_open=True))
    assert {f["id"] for f in everything["findings"]} == {SLIP, BUDGET, SUMMIT}
    assert everything["findings"][0]["verdict"] is None
    only = json.loads(export_store(db, "json", statuses=["not_a_contradiction"]))
    assert [f["id"] for f in only["findings"]] == [BUDGET]
    with pytest.raises(CheckerError, match="unknown status"):
        export_store(db, "json", statuses=["approved"])
    with pytest.raises(CheckerError, match="unknown export format"):
        export_store(db, "xml")


def test_csv_has_a_row_per_finding_and_claim_and_guards_formulas(db):
    rows = list(csv.DictReader(io.StringIO(export_store(db, "csv"))))
    assert [(r["finding_id"], r["claim_id"]) for r in rows if r["finding_id"] == SLIP] == [
        (SLIP, "clm-doc-fr-1"),
        (SLIP, "clm-doc-en-1"),
    ]
    slip = rows[0] if rows[0]["finding_id"] == SLIP else next(r for r in rows if r["finding_id"] == SLIP)
    assert slip["status"] == "confirmed_error" and slip["reviewer"] == "Ana"
    assert slip["note"].startswith("'=HYPERLINK")  # a spreadsheet would run it otherwise
    assert slip["value"] == "14000000" and slip["unit"] == "EUR" and slip["period"] == "2022"


# --------------------------------------------------------------------------- ClaimReview


def reviews(db: Path, **options: str) -> list[dict]:
    data = json.loads(export_store(db, "claimreview", **options))
    assert isinstance(data, list)
    return data


def test_claimreview_has_the_schema_org_fields(db):
    items = reviews(db, publisher="Le Desk Vérification")
    slip = [r for r in items if r["identifier"].startswith(SLIP)]
    assert len(slip) == 1  # only the figure the verdict named as wrong
    review = slip[0]
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == (
        "Les échanges bilatéraux entre la France et le Maroc ont atteint 14 millions d'euros en 2022."
    )
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {"@type": "Organization", "name": "Le Courrier d'Exemple"}
    assert item["datePublished"] == "2023-03-02"
    appearance = item["appearance"]
    assert appearance["@type"] == "NewsArticle"
    assert appearance["headline"] == "Les échanges franco-marocains"
    assert appearance["publisher"] == {"@type": "Organization", "name": "Le Courrier d'Exemple"}
    assert "url" not in appearance  # the article has none
    rating = review["reviewRating"]
    assert rating["@type"] == "Rating" and rating["alternateName"] == "Incorrect: probable scale slip"
    assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    assert review["author"] == {"@type": "Organization", "name": "Le Desk Vérification"}
    with Store.open(db, readonly=True) as store:
        assert review["datePublished"] == store.history(SLIP)[-1].at[:10]


def test_claimreview_covers_confirmed_errors_only(db):
    items = reviews(db)
    assert {r["identifier"].split("/")[0] for r in items} == {SLIP, SUMMIT}
    assert all(r["author"]["name"] == "Figure checker" for r in items)


def test_without_a_named_wrong_figure_each_figure_is_rated_inconsistent(db):
    summit = [r for r in reviews(db) if r["identifier"].startswith(SUMMIT)]
    assert len(summit) == 2
    assert {r["reviewRating"]["alternateName"] for r in summit} == {
        "Inconsistent with other reports: wrong date"
    }
    assert all("ratingValue" not in r["reviewRating"] for r in summit)
    # A javascript: address is never exported as the article's url.
    assert all(
        "url" not in r["itemReviewed"]["appearance"]
        or r["itemReviewed"]["appearance"]["url"].startswith("https://")
        for r in summit
    )


def test_the_speaker_is_the_claims_author_when_there_is_one(tmp_path):
    path = build_store(tmp_path / "s.sqlite")
    with Store.open(path) as store:
        store.set_verdict(SLIP, "confirmed_error", "", "Ana", 1, "clm-doc-en-1")
    (review,) = reviews(path)
    assert review["itemReviewed"]["author"] == {"@type": "Person", "name": "<script>alert('x')</script>"}
    assert review["itemReviewed"]["appearance"]["url"] == "https://example.org/trade"


def _schema_org_loader(url: str, options: dict | None = None) -> dict:
    # Offline: the only remote document a ClaimReview refers to is the schema.org context.
    assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), url
    return {
        "contextUrl": None,
        "documentUrl": url,
        "document": {"@context": {"@vocab": "https://schema.org/"}},
    }


def test_claimreview_expands_as_json_ld(db):
    jsonld = pytest.importorskip("pyld.jsonld")
    items = reviews(db)
    expanded = jsonld.expand(items, {"documentLoader": _schema_org_loader})
    assert len(expanded) == len(items)
    s = "https://schema.org/"
    for node in expanded:
        assert node["@type"] == [s + "ClaimReview"]
        # Every property survived expansion (none was dropped as unknown), as a schema.org IRI.
        assert {k for k in node if not k.startswith("@")} == {
            s + k
            for k in (
                "identifier",
                "claimReviewed",
                "itemReviewed",
                "reviewRating",
                "author",
                "datePublished",
            )
        }
        (claim,) = node[s + "itemReviewed"]
        assert claim["@type"] == [s + "Claim"]
        (appearance,) = claim[s + "appearance"]
        assert appearance["@type"] == [s + "NewsArticle"]
        (rating,) = node[s + "reviewRating"]
        assert rating[s + "alternateName"][0]["@value"].split(":")[0] in (
            "Incorrect",
            "Inconsistent with other reports",
        )


# --------------------------------------------------------------------------- the command


def test_the_export_command_writes_stdout_or_a_file(db, tmp_path):
    out = cli("export", "--db", str(db), "--format", "claimreview")
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)[0]["@type"] == "ClaimReview"
    target = tmp_path / "exports" / "reviews.jsonld"
    written = cli(
        "export", "--db", str(db), "--format", "claimreview", "--output", str(target), "--publisher", "X"
    )
    assert written.exit_code == 0 and written.output == ""
    assert json.loads(target.read_text(encoding="utf-8"))[0]["author"]["name"] == "X"
    rows = cli("export", "--db", str(db), "--format", "csv", "--status", "confirmed_error")
    assert rows.exit_code == 0 and rows.output.startswith("finding_id,")
    assert {r["status"] for r in csv.DictReader(io.StringIO(rows.output))} == {"confirmed_error"}
    bad = cli("export", "--db", str(db), "--format", "xml")
    assert bad.exit_code == 2


def test_export_is_a_library_function(db):
    with Store.open(db, readonly=True) as store:
        assert export(store, "json") == export_store(db, "json")
