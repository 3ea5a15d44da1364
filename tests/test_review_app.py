"""The review app over HTTP (Starlette's TestClient): every page, verdicts, history, races and defences.

The store is built by hand (no extraction, so these tests are fast): two articles, one French and one
English whose title, sentence and speaker carry hostile markup, three findings, one of which a second
run loses (gone).  ``build_store`` is shared with the export tests.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from pathlib import Path

import pytest

from checker.models import Claim, Document, Finding, Mention, Period, Result
from checker.review import create_app
from checker.store import Store

with warnings.catch_warnings():
    # Newer Starlette prefers the httpx2 package for its test client; httpx works the same.
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

XSS_SCRIPT = "<script>alert('x')</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"
BASE = "http://127.0.0.1"

FR_TEXT = (
    "Les échanges bilatéraux entre la France et le Maroc ont atteint 14 millions d'euros en 2022. "
    "Le budget de la défense s'élève à 3,1 milliards d'euros en 2023, a déclaré Jean Dupont."
)
EN_TEXT = (
    f"Bilateral trade between France and Morocco reached 14 billion euros in 2022, {XSS_IMG} said. "
    "The defence budget stands at 2.4 billion euros in 2023. "
    "The summit took place on 12 May 2023."
)
FR_DATE_TEXT = "Le sommet s'est tenu le 14 mai 2023."
YEAR_2022 = Period(dt.date(2022, 1, 1), dt.date(2022, 12, 31), "year")
YEAR_2023 = Period(dt.date(2023, 1, 1), dt.date(2023, 12, 31), "year")


def _doc(doc_id: str, text: str, lang: str, title: str, outlet: str, day: int, url: str | None) -> Document:
    return Document(
        id=doc_id,
        path=f"articles/{doc_id}.txt",
        text=text,
        lang=lang,
        title=title,
        outlet=outlet,
        url=url,
        published=dt.date(2023, 3, day),
        published_source="metadata",
        content_hash=f"hash-{doc_id}-{len(text)}",
    )


def _claim(
    doc: Document,
    n: int,
    figure: str,
    value: float | None,
    metric_id: str,
    period: Period | None,
    speaker: str | None = None,
    kind: str = "money",
) -> Claim:
    start = doc.text.index(figure)
    sentence_start = doc.text.rfind(". ", 0, start)
    sentence_start = 0 if sentence_start < 0 else sentence_start + 2
    sentence_end = doc.text.find(".", start + len(figure))
    sentence = doc.text[sentence_start : sentence_end + 1]
    mention = Mention(
        start=start,
        end=start + len(figure),
        text=figure,
        kind=kind,
        value=value,
        unit="EUR" if kind == "money" else None,
        precision=1e6 if kind == "money" else None,
    )
    return Claim(
        id=f"clm-{doc.id}-{n}",
        doc_id=doc.id,
        mention=mention,
        sentence=sentence,
        sentence_start=sentence_start,
        metric=metric_id.split(".")[-1],
        metric_id=metric_id,
        entities=("France", "Morocco"),
        period=period,
        speaker=speaker,
    )


def corpus() -> tuple[list[Document], list[Claim]]:
    fr = _doc("doc-fr", FR_TEXT, "fr", "Les échanges franco-marocains", "Le Courrier d'Exemple", 2, None)
    en = _doc(
        "doc-en",
        EN_TEXT,
        "en",
        f"{XSS_SCRIPT} Trade record",
        f"Tribune {XSS_IMG}",
        3,
        "https://example.org/trade",
    )
    fr2 = _doc("doc-fr2", FR_DATE_TEXT, "fr", "Le sommet", "La Gazette d'Exemple", 4, "javascript:alert(1)")
    claims = [
        _claim(fr, 1, "14 millions d'euros", 1.4e7, "trade.bilateral", YEAR_2022),
        _claim(en, 1, "14 billion euros", 1.4e10, "trade.bilateral", YEAR_2022, speaker=XSS_SCRIPT),
        _claim(fr, 2, "3,1 milliards d'euros", 3.1e9, "budget.defence", YEAR_2023, speaker="Jean Dupont"),
        _claim(en, 2, "2.4 billion euros", 2.4e9, "budget.defence", YEAR_2023),
        _claim(en, 3, "12 May 2023", None, "event.summit", None, kind="date"),
        _claim(fr2, 1, "14 mai 2023", None, "event.summit", None, kind="date"),
    ]
    return [fr, en, fr2], claims


SLIP = "fnd-slip"
BUDGET = "fnd-budget"
SUMMIT = "fnd-summit"


def findings(claims: list[Claim]) -> list[Finding]:
    by = {c.id: c for c in claims}
    return [
        Finding(
            SLIP,
            "scale-slip",
            "high",
            ("clm-doc-fr-1", "clm-doc-en-1"),
            f"Probable scale slip: “14 millions d'euros” vs “14 billion euros” {XSS_SCRIPT}.",
            "trade.bilateral|money:EUR",
            {"power": 3, "ratio": 1000.0},
        ),
        Finding(
            BUDGET,
            "value-mismatch",
            "medium",
            ("clm-doc-fr-2", "clm-doc-en-2"),
            "The defence budget for 2023 is given as 3.1 and 2.4 billion euros.",
            "budget.defence|money:EUR",
        ),
        Finding(
            SUMMIT,
            "date-mismatch",
            "high",
            tuple(c for c in ("clm-doc-en-3", "clm-doc-fr2-1") if c in by),
            "The summit is dated 12 May and 14 May 2023.",
            "event.summit|date",
        ),
    ]


def build_store(path: Path) -> Path:
    """A store after two runs: the second no longer produces the summit finding (it is gone)."""
    docs, claims = corpus()
    found = findings(claims)
    with Store.open(path) as store:
        for kept in (found, found[:2]):
            run = store.start_run("rules-1", "extractor-1")
            store.record_run(run, Result(documents=docs, claims=claims, findings=kept, skipped=[]))
            store.finish_run(run)
    return path


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return build_store(tmp_path / "story.checker.sqlite")


@pytest.fixture
def client(db: Path) -> TestClient:
    return TestClient(create_app(db), base_url=BASE)


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "the page has no CSRF field"
    return match.group(1)


def version_of(html: str) -> int:
    match = re.search(r'name="version" value="(\d+)"', html)
    assert match
    return int(match.group(1))


def open_form(client: TestClient, finding_id: str = SLIP) -> dict[str, str]:
    """Load a finding page like a browser and return the form's hidden fields."""
    page = client.get(f"/findings/{finding_id}")
    assert page.status_code == 200
    return {"csrf_token": csrf_of(page.text), "version": str(version_of(page.text))}


def post_verdict(client: TestClient, form: dict[str, str], finding_id: str = SLIP, **fields: str):
    data = {"status": "confirmed_error", "note": "", "reviewer": "Ana", **form, **fields}
    return client.post(f"/findings/{finding_id}/verdict", data=data, follow_redirects=False)


def text_of(html: str) -> str:
    """The page's visible text, roughly: tags dropped, whitespace squeezed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# --------------------------------------------------------------------------- the list


def test_the_list_shows_open_findings_with_counts_by_status(client):
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    rows = re.findall(r'data-finding="([^"]+)"', page.text)
    assert rows == [SLIP, BUDGET]  # most severe first; the gone summit finding is hidden
    counts = dict(re.findall(r'data-count="([a-z_]+)">(\d+)<', page.text))
    assert counts == {"open": "2", "confirmed_error": "0", "not_a_contradiction": "0", "needs_follow_up": "0"}
    assert "14 millions d&#39;euros" in page.text and "Le Courrier d&#39;Exemple" in page.text
    assert "1 gone finding (no longer produced by the latest run) not shown" in text_of(page.text)


def test_gone_findings_are_shown_on_request_and_marked(client):
    page = client.get("/", params={"gone": "1"})
    assert re.findall(r'data-finding="([^"]+)"', page.text) == [SUMMIT, SLIP, BUDGET]
    row = page.text[page.text.index(f'data-finding="{SUMMIT}"') :]
    assert 'class="gone"' in page.text and 'class="mark-gone"' in row[: row.index("</tr>")]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"severity": "medium"}, [BUDGET]),
        ({"rule": "scale-slip"}, [SLIP]),
        ({"metric": "budget.defence"}, [BUDGET]),
        ({"outlet": "Le Courrier d'Exemple"}, [SLIP, BUDGET]),
        ({"outlet": "La Gazette d'Exemple", "gone": "1"}, [SUMMIT]),
        ({"q": "DUPONT"}, [BUDGET]),  # the speaker, case-insensitive
        ({"q": "morocco reached"}, [SLIP]),  # a sentence
        ({"q": "nothing like this"}, []),
        ({"sort": "rule"}, [SLIP, BUDGET]),
        ({"sort": "rule", "dir": "desc"}, [BUDGET, SLIP]),
        ({"sort": "severity", "dir": "desc"}, [BUDGET, SLIP]),
        ({"sort": "'; DROP TABLE findings; --", "severity": "<b>"}, []),
    ],
)
def test_the_list_filters_and_sorts(client, params, expected):
    page = client.get("/", params=params)
    assert page.status_code == 200
    assert re.findall(r'data-finding="([^"]+)"', page.text) == expected


def test_the_status_tabs_filter_and_count_what_the_other_filters_keep(client, db):
    with Store.open(db) as store:
        store.set_verdict(BUDGET, "needs_follow_up", "call the ministry", "Bruno", 1)
    page = client.get("/", params={"status": "needs_follow_up"})
    assert re.findall(r'data-finding="([^"]+)"', page.text) == [BUDGET]
    assert "Bruno" in page.text
    counts = dict(
        re.findall(r'data-count="([a-z_]+)">(\d+)<', client.get("/", params={"rule": "scale-slip"}).text)
    )
    assert counts["open"] == "1" and counts["needs_follow_up"] == "0"
    assert client.get("/", params={"q": "ministry"}).text.count("data-finding=") == 1  # notes are searched


# --------------------------------------------------------------------------- a finding


def test_a_finding_shows_its_claims_side_by_side_with_the_rule_explained(client):
    page = client.get(f"/findings/{SLIP}")
    assert page.status_code == 200
    html = page.text
    cards = re.findall(r'<article class="claim[^"]*" data-claim="([^"]+)"', html)
    assert cards == ["clm-doc-fr-1", "clm-doc-en-1"]
    text = text_of(html)
    assert "Le Courrier d'Exemple" in text.replace("&#39;", "'")
    assert "2023-03-02" in text and "2023-03-03" in text
    assert "<mark>14 millions d&#39;euros</mark>" in html and "<mark>14 billion euros</mark>" in html
    assert "14 million EUR" in text and "14 billion EUR" in text and "2022" in text
    # The rule's description comes from the rule files, not from the store.
    assert "scale word" in text
    assert f'href="/documents/doc-fr?finding={SLIP}&amp;claim=clm-doc-fr-1#figure"' in html
    assert 'href="https://example.org/trade"' in html
    assert 'name="csrf_token"' in html and version_of(html) == 1
    assert "No verdict yet" in text


def test_the_speaker_and_period_are_shown(client):
    text = text_of(client.get(f"/findings/{BUDGET}").text)
    assert "said by Jean Dupont" in text and "Period 2023" in text and "3.1 billion EUR" in text


def test_a_gone_finding_is_marked_on_its_page(client):
    page = client.get(f"/findings/{SUMMIT}")
    assert page.status_code == 200
    assert "mark-gone" in page.text and "is gone" in text_of(page.text)
    # A javascript: address is never turned into a link.
    assert "javascript:" not in page.text


def test_an_unknown_finding_or_document_is_404(client):
    assert client.get("/findings/fnd-nope").status_code == 404
    assert client.get("/documents/doc-nope").status_code == 404
    assert client.post("/findings/fnd-nope/verdict", data={}).status_code == 403  # CSRF first
    form = open_form(client)
    assert post_verdict(client, form, finding_id="fnd-nope").status_code == 404


def test_the_article_page_shows_the_full_text_with_the_figure_in_place(client):
    page = client.get("/documents/doc-fr", params={"finding": SLIP, "claim": "clm-doc-fr-1"})
    assert page.status_code == 200
    assert '<mark id="figure">14 millions d&#39;euros</mark> en 2022.' in page.text
    assert "3,1 milliards" in page.text  # the whole article, not only the sentence
    assert f'href="/findings/{SLIP}"' in page.text
    # Without a claim, the text alone.
    plain = client.get("/documents/doc-fr")
    assert plain.status_code == 200 and "<mark" not in plain.text


def test_a_figure_no_longer_in_the_text_is_said_to_be_missing(db, client):
    docs, claims = corpus()
    corrected = Document(**{**docs[0].__dict__, "text": "Article corrigé.", "content_hash": "new"})
    with Store.open(db) as store:
        run = store.start_run("rules-1", "extractor-1")
        store.record_run(run, Result([corrected, *docs[1:]], claims, findings(claims)[:2], []))
    page = client.get("/documents/doc-fr", params={"finding": SLIP, "claim": "clm-doc-fr-1"})
    assert "no longer in this article" in page.text and "<mark" not in page.text


# --------------------------------------------------------------------------- verdicts and history


def test_a_verdict_is_saved_and_shown_with_its_history(client, db):
    form = open_form(client)
    sent = post_verdict(
        client, form, note="Checked with the customs office: billions.", wrong_claim="clm-doc-fr-1"
    )
    assert sent.status_code == 303 and sent.headers["location"] == f"/findings/{SLIP}?saved=1"
    page = client.get(sent.headers["location"])
    text = text_of(page.text)
    assert "Verdict saved." in text
    assert 'class="status st-confirmed_error">Confirmed error' in page.text
    assert "Open → Confirmed error" in text and "Ana" in text
    assert "Checked with the customs office: billions." in text
    assert "Named as the wrong figure" in text
    assert version_of(page.text) == 2
    assert 'value="Ana"' in page.text  # the reviewer's name is remembered for the next form
    with Store.open(db) as store:
        (review,) = store.history(SLIP)
        assert (review.reviewer, review.from_status, review.to_status) == ("Ana", "open", "confirmed_error")
        assert review.wrong_claim_id == "clm-doc-fr-1"
    counts = dict(re.findall(r'data-count="([a-z_]+)">(\d+)<', client.get("/").text))
    assert counts["confirmed_error"] == "1" and counts["open"] == "1"


def test_every_change_is_kept_in_the_history_newest_first(client):
    post_verdict(client, open_form(client), status="needs_follow_up", note="ask the desk")
    post_verdict(
        client, open_form(client), status="not_a_contradiction", note="different scope", reviewer="Bruno"
    )
    text = text_of(client.get(f"/findings/{SLIP}").text)
    assert text.index("Needs follow-up → Not a contradiction") < text.index("Open → Needs follow-up")
    assert "ask the desk" in text and "different scope" in text and "Bruno" in text


def test_a_verdict_from_a_stale_page_is_refused_with_the_current_state(client, db):
    ana = open_form(client)
    bruno = TestClient(create_app(db), base_url=BASE)
    assert (
        post_verdict(bruno, open_form(bruno), status="not_a_contradiction", reviewer="Bruno").status_code
        == 303
    )
    refused = post_verdict(client, ana, note="my careful note")
    assert refused.status_code == 409
    text = text_of(refused.text)
    assert "not saved" in text and "changed since you loaded it" in text
    assert "Current: Not a contradiction" in text and "Open → Not a contradiction" in text and "Bruno" in text
    assert "my careful note" in refused.text  # what Ana typed is not lost
    assert version_of(refused.text) == 2  # the form now carries the current version
    with Store.open(db) as store:
        assert [h.reviewer for h in store.history(SLIP)] == ["Bruno"]
        assert store.finding(SLIP).review_status == "not_a_contradiction"


def test_a_run_that_changes_the_figures_makes_the_page_stale_and_marks_the_review(client, db):
    form = open_form(client)
    assert post_verdict(client, form).status_code == 303
    stale = open_form(client)
    docs, claims = corpus()
    fixed = [
        _claim(docs[0], 1, "14 millions d'euros", 1.5e7, "trade.bilateral", YEAR_2022)
        if c.id == "clm-doc-fr-1"
        else c
        for c in claims
    ]
    with Store.open(db) as store:
        run = store.start_run("rules-1", "extractor-1")
        store.record_run(run, Result(docs, fixed, findings(fixed)[:2], []))
    assert post_verdict(client, stale, status="open").status_code == 409
    page = client.get(f"/findings/{SLIP}").text
    assert "mark-changed" in page and "changed since the last verdict" in text_of(page)
    assert "given on earlier figures" in text_of(page)
    listed = client.get("/", params={"changed": "1"})
    assert re.findall(r'data-finding="([^"]+)"', listed.text) == [SLIP]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"status": "approved"}, "Choose one of the statuses"),
        ({"reviewer": "   "}, "Give your name"),
        ({"version": "one"}, "which version"),
        ({"wrong_claim": "clm-doc-en-2"}, "not one of this finding"),
    ],
)
def test_bad_verdicts_are_refused_and_nothing_is_written(client, db, fields, message):
    refused = post_verdict(client, open_form(client), note="keep me", **fields)
    assert refused.status_code == 400
    assert message in text_of(refused.text) and "keep me" in refused.text
    with Store.open(db) as store:
        assert store.history(SLIP) == []


# --------------------------------------------------------------------------- defences


def test_a_post_without_a_valid_csrf_token_is_refused(client, db):
    form = open_form(client)
    assert post_verdict(client, {"version": form["version"]}).status_code == 403  # no field
    assert post_verdict(client, {**form, "csrf_token": "forged.0000"}).status_code == 403
    # A token signed by another app (another secret) is worth nothing here.
    other = TestClient(create_app(db), base_url=BASE)
    foreign = open_form(other)["csrf_token"]
    assert post_verdict(client, {**form, "csrf_token": foreign}).status_code == 403
    # The field alone, without the matching cookie (a cross-site form), is refused too.
    fresh = TestClient(client.app, base_url=BASE)
    assert post_verdict(fresh, form).status_code == 403
    assert "security token" in text_of(post_verdict(fresh, form).text)
    with Store.open(db) as store:
        assert store.history(SLIP) == []


def test_a_post_from_another_origin_is_refused(client, db):
    form = open_form(client)
    data = {"status": "confirmed_error", "note": "", "reviewer": "Eve", **form}
    evil = client.post(
        f"/findings/{SLIP}/verdict",
        data=data,
        headers={"origin": "http://evil.example"},
        follow_redirects=False,
    )
    assert evil.status_code == 403
    same = client.post(
        f"/findings/{SLIP}/verdict", data=data, headers={"origin": BASE}, follow_redirects=False
    )
    assert same.status_code == 303


def test_article_text_titles_speakers_and_notes_are_escaped(client):
    form = open_form(client)
    post_verdict(client, form, note=f"note {XSS_SCRIPT} {XSS_IMG}", reviewer=f"Eve {XSS_IMG}")
    pages = [
        client.get("/").text,
        client.get("/", params={"q": "<script>"}).text,
        client.get(f"/findings/{SLIP}").text,
        client.get("/documents/doc-en", params={"finding": SLIP, "claim": "clm-doc-en-1"}).text,
    ]
    for html in pages:
        lowered = html.lower()
        assert "<script" not in lowered and "<img" not in lowered and "onerror=alert(1)>" not in lowered
    finding = pages[2]
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in finding  # message and speaker
    assert "&lt;img src=x onerror=alert(1)&gt;" in finding  # sentence, outlet, note, reviewer
    assert "note &lt;script&gt;" in finding and "Eve &lt;img" in finding
    assert "&lt;img src=x onerror=alert(1)&gt; said" in pages[3]


def test_responses_carry_a_strict_content_security_policy(client):
    for path in ("/", f"/findings/{SLIP}", "/documents/doc-fr", "/static/review.css", "/findings/nope"):
        response = client.get(path)
        assert "script-src" not in response.headers["content-security-policy"]
        assert "default-src 'none'" in response.headers["content-security-policy"]
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "same-origin"
    assert client.get("/static/review.css").headers["content-type"].startswith("text/css")


def test_a_loopback_app_refuses_foreign_host_names(client):
    # DNS rebinding: a page elsewhere that resolves its own name to 127.0.0.1 gets nothing.
    assert client.get("/", headers={"host": "evil.example"}).status_code == 400
    assert client.get("/", headers={"host": "localhost:8765"}).status_code == 200
    assert client.get("/", headers={"host": "[::1]:8765"}).status_code == 200


TOKEN = "s3cret-token-for-the-tests"


@pytest.mark.parametrize("host", ["0.0.0.0", "127.0.0.1"])
def test_with_a_token_every_request_must_present_it(db, host):
    app = create_app(db, token=TOKEN, host=host)
    anonymous = TestClient(app, base_url=BASE)
    for path in ("/", f"/findings/{SLIP}", "/documents/doc-fr", "/static/review.css"):
        refused = anonymous.get(path)
        assert refused.status_code == 401 and "access token" in refused.text
        assert "14 millions" not in refused.text
    assert anonymous.get("/", params={"token": "wrong-token-wrong-token"}).status_code == 401
    assert anonymous.get("/", headers={"authorization": "Bearer nope"}).status_code == 401
    assert anonymous.post(f"/findings/{SLIP}/verdict", data={}).status_code == 401

    browser = TestClient(app, base_url=BASE)
    first = browser.get("/", params={"token": TOKEN, "status": "open"}, follow_redirects=False)
    assert first.status_code == 303 and first.headers["location"] == "/?status=open"  # token dropped
    assert browser.get("/").status_code == 200  # the cookie carries it from now on
    form = open_form(browser)
    assert post_verdict(browser, form).status_code == 303

    api = TestClient(app, base_url=BASE, headers={"authorization": f"Bearer {TOKEN}"})
    assert api.get(f"/findings/{SLIP}").status_code == 200


def test_the_app_refuses_a_missing_or_foreign_store(tmp_path):
    from checker.errors import StoreError

    with pytest.raises(StoreError, match="no store"):
        create_app(tmp_path / "missing.sqlite")
    assert not (tmp_path / "missing.sqlite").exists()
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"this is not a database, just text" * 100)
    with pytest.raises(StoreError):
        create_app(bad)


def test_a_store_that_breaks_while_serving_gives_an_error_page(client, db):
    db.write_bytes(b"garbage" * 1000)
    for suffix in ("-wal", "-shm"):
        db.with_name(db.name + suffix).unlink(missing_ok=True)
    page = client.get("/")
    assert page.status_code == 500 and "could not be read" in page.text and "Traceback" not in page.text
