"""The SQLite store on real files: schema upgrades, bad files, findings across runs, reviews and their races.

Results are built by hand (no extraction), so these tests are about the store alone.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from checker import store as store_module
from checker.errors import SchemaTooNew, StaleUpdate, StoreError
from checker.models import Claim, Document, Finding, Mention, Period, Result
from checker.store import SCHEMA_VERSION, Store

HOSTILE = "l'\"échange\" '; DROP TABLE findings; --"


def doc(name: str, text: str = "Le commerce a atteint 380 millions de dollars en 2021.") -> Document:
    return Document(
        id=f"doc-{name}",
        path=f"articles/{name}.txt",
        text=text,
        lang="fr",
        title=f"Article {name}",
        published=dt.date(2023, 4, 6),
        published_source="metadata",
        content_hash=f"hash-{name}-{len(text)}",
        furniture=((0, 2),),
    )


def claim(doc_id: str, n: int, value: float, text: str = "380 millions de dollars") -> Claim:
    mention = Mention(
        start=20, end=20 + len(text), text=text, kind="money", value=value, unit="USD", precision=1e6
    )
    return Claim(
        id=f"clm-{doc_id}-{n}",
        doc_id=doc_id,
        mention=mention,
        sentence=f"Le commerce a atteint {text} en 2021.",
        sentence_start=0,
        metric="commerce",
        metric_id="trade.bilateral",
        entities=("Kazakhstan", "Uzbekistan"),
        period=Period(dt.date(2021, 1, 1), dt.date(2021, 12, 31), "year"),
        growth=0.33,
    )


def finding(fid: str, claims: list[Claim], message: str = "A scale slip.") -> Finding:
    return Finding(
        id=fid,
        rule="scale-slip",
        severity="high",
        claim_ids=tuple(c.id for c in claims),
        message=message,
        group="trade.bilateral|USD",
        details={"factor": 105.3, "periods": ("2021", "2022")},
    )


def result(findings: list[Finding], claims: list[Claim], docs: list[Document] | None = None) -> Result:
    docs = docs or [doc("a"), doc("b")]
    return Result(documents=docs, claims=claims, findings=findings, skipped=[], stats={"analysed": 2})


def record(store: Store, res: Result) -> int:
    run = store.start_run("rules-1", "extractor-1")
    store.record_run(run, res)
    store.finish_run(run)
    return run


@pytest.fixture
def db(tmp_path):
    return tmp_path / "checker.sqlite"


@pytest.fixture
def pair():
    """Two claims that contradict each other, and a third figure for a second finding."""
    return [claim("doc-a", 1, 3.8e8), claim("doc-b", 1, 4e10, "40 milliards"), claim("doc-b", 2, 5e9, "5 Md")]


# --------------------------------------------------------------------------- opening and upgrading


def test_an_empty_file_is_migrated_to_the_current_schema(db):
    db.write_bytes(b"")
    with Store.open(db) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    conn = sqlite3.connect(db)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"runs", "documents", "extractions", "claims", "findings", "reviews"} <= tables
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_reopening_keeps_the_data_and_applies_nothing_twice(db, pair):
    with Store.open(db) as store:
        record(store, result([finding("fnd-1", pair[:2])], pair))
    with Store.open(db) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert [f.id for f in store.findings()] == ["fnd-1"]


def test_a_new_migration_is_applied_in_order_and_a_failing_one_changes_nothing(db, monkeypatch):
    Store.open(db).close()
    broken = (("CREATE TABLE half_done (x INTEGER)", "THIS IS NOT SQL"),)
    monkeypatch.setattr(store_module, "MIGRATIONS", store_module.MIGRATIONS + broken)
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(StoreError, match=f"schema version {SCHEMA_VERSION + 1}"):
        Store.open(db)
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'half_done'").fetchone()
    conn.close()
    fixed = (("CREATE TABLE half_done (x INTEGER)", "CREATE INDEX half_done_x ON half_done (x)"),)
    monkeypatch.setattr(store_module, "MIGRATIONS", store_module.MIGRATIONS[:-1] + fixed)
    with Store.open(db) as store:
        assert store.schema_version == SCHEMA_VERSION + 1


def test_a_store_from_a_newer_checker_is_refused(db):
    Store.open(db).close()
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(SchemaTooNew, match="newer") as err:
        Store.open(db)
    assert str(db) in str(err.value)


def test_a_file_that_is_not_a_database_is_a_clear_error(db):
    db.write_bytes(b"this is a report, not a database\n" * 200)
    with pytest.raises(StoreError) as err:
        Store.open(db)
    assert str(db) in str(err.value) and "not a checker store" in str(err.value)


def test_a_damaged_store_is_a_clear_error(db, pair):
    with Store.open(db) as store:
        record(store, result([finding("fnd-1", pair[:2])], pair))
    data = bytearray(db.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the schema page, after the file header
    db.write_bytes(bytes(data))
    with pytest.raises(StoreError) as err:
        Store.open(db).findings()
    assert str(db) in str(err.value)


def test_another_sqlite_database_is_not_taken_for_a_store(db):
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE invoices (id INTEGER)")
    conn.close()
    with pytest.raises(StoreError, match="not a checker store"):
        Store.open(db)


def test_a_missing_file_is_an_error_when_it_may_not_be_created(db):
    with pytest.raises(StoreError, match="no store at") as err:
        Store.open(db, readonly=True)
    assert str(db) in str(err.value)
    with pytest.raises(StoreError, match="no store at"):
        Store.open(db, create=False)
    assert not db.exists()


def test_a_read_only_store_reads_and_refuses_writes(db, pair):
    with Store.open(db) as store:
        record(store, result([finding("fnd-1", pair[:2])], pair))
    with Store.open(db, readonly=True) as store:
        (rec,) = store.findings()
        with pytest.raises(StoreError, match="read-only"):
            store.set_verdict(rec.id, "confirmed_error", "", "Ana", rec.version)
    with Store.open(db) as store:
        assert store.finding("fnd-1").review_status == "open"


# --------------------------------------------------------------------------- runs and findings


def test_a_finding_lost_by_a_run_is_marked_gone_and_comes_back(db, pair):
    slip, other = finding("fnd-1", pair[:2]), finding("fnd-2", [pair[0], pair[2]], "Another one.")
    with Store.open(db) as store:
        run1 = record(store, result([slip, other], pair))
        run2 = record(store, result([slip], pair))
        assert [f.id for f in store.findings()] == ["fnd-1"]
        gone = store.finding("fnd-2")
        assert gone.gone and gone.gone_run == run2 and gone.last_run == run1
        assert {f.id for f in store.findings(include_gone=True)} == {"fnd-1", "fnd-2"}
        run3 = record(store, result([slip, other], pair))
        back = store.finding("fnd-2")
        assert not back.gone and back.first_run == run1 and back.last_run == run3
        assert store.finding("fnd-1").first_run == run1
        assert [r.status for r in store.runs()] == ["done", "done", "done"]
        assert store.run(run3).n_findings == 2 and store.run(run3).n_analysed == 2


def test_a_finding_whose_claims_change_after_review_is_flagged(db, pair):
    with Store.open(db) as store:
        record(store, result([finding("fnd-1", pair[:2])], pair))
        rec = store.finding("fnd-1")
        assert not rec.changed_since_review
        store.set_verdict("fnd-1", "confirmed_error", "scale slip in B", "Ana", rec.version)
        # Seen again with the same claims: nothing to look at again.
        record(store, result([finding("fnd-1", pair[:2])], pair))
        same = store.finding("fnd-1")
        assert not same.changed_since_review and same.review_status == "confirmed_error"
        # Article B corrected its figure: same finding id, other claims.
        corrected = [pair[0], claim("doc-b", 1, 4.1e10, "41 milliards")]
        record(store, result([finding("fnd-1", corrected, "Still a slip.")], corrected))
        changed = store.finding("fnd-1")
        assert changed.changed_since_review and changed.review_status == "confirmed_error"
        assert changed.version == same.version + 1
        assert changed.finding.message == "Still a slip."
        assert [c.text for c in changed.claims] == ["380 millions de dollars", "41 milliards"]
        assert [f.id for f in store.findings(changed_since_review=True)] == ["fnd-1"]
        store.set_verdict("fnd-1", "confirmed_error", "still wrong", "Ana", changed.version)
        assert not store.finding("fnd-1").changed_since_review


def test_an_unreviewed_finding_is_never_changed_since_review(db, pair):
    with Store.open(db) as store:
        record(store, result([finding("fnd-1", pair[:2])], pair))
        corrected = [pair[0], claim("doc-b", 1, 4.1e10, "41 milliards")]
        record(store, result([finding("fnd-1", corrected)], corrected))
        assert not store.finding("fnd-1").changed_since_review


def test_verdicts_are_kept_with_their_history(db, pair):
    with Store.open(db) as store:
        record(store, result([finding("fnd-1", pair[:2])], pair))
        v1 = store.finding("fnd-1").version
        v2 = store.set_verdict("fnd-1", "needs_follow_up", "call the ministry", "Ana", v1)
        v3 = store.set_verdict("fnd-1", "not_a_contradiction", "two different years", "Bruno", v2)
        assert (v2, v3) == (v1 + 1, v1 + 2)
        history = store.history("fnd-1")
        assert [(h.from_status, h.to_status, h.reviewer, h.note) for h in history] == [
            ("open", "needs_follow_up", "Ana", "call the ministry"),
            ("needs_follow_up", "not_a_contradiction", "Bruno", "two different years"),
        ]
        assert [h.version for h in history] == [v2, v3]
        assert store.finding("fnd-1").review_status == "not_a_contradiction"
        assert [f.id for f in store.findings(status="not_a_contradiction")] == ["fnd-1"]
        assert store.findings(status="open") == []


def test_two_editors_at_once_nothing_is_silently_overwritten(db, pair):
    with Store.open(db) as store:
        record(store, result([finding("fnd-1", pair[:2])], pair))
    # Two editors, two connections, both shown the same version.
    with Store.open(db) as ana, Store.open(db) as bruno:
        seen = ana.finding("fnd-1").version
        assert bruno.finding("fnd-1").version == seen
        ana.set_verdict("fnd-1", "confirmed_error", "checked with the source", "Ana", seen)
        with pytest.raises(StaleUpdate, match="reload"):
            bruno.set_verdict("fnd-1", "not_a_contradiction", "looks fine", "Bruno", seen)
    with Store.open(db) as store:
        rec = store.finding("fnd-1")
        assert rec.review_status == "confirmed_error" and rec.version == seen + 1
        assert [h.reviewer for h in store.history("fnd-1")] == ["Ana"]


def test_a_run_that_changes_the_claims_makes_an_open_form_stale(db, pair):
    with Store.open(db) as store:
        record(store, result([finding("fnd-1", pair[:2])], pair))
        seen = store.finding("fnd-1").version
        corrected = [pair[0], claim("doc-b", 1, 4.1e10, "41 milliards")]
        record(store, result([finding("fnd-1", corrected)], corrected))
        with pytest.raises(StaleUpdate):
            store.set_verdict("fnd-1", "confirmed_error", "", "Ana", seen)
        assert store.history("fnd-1") == []


def test_bad_verdicts_are_refused(db, pair):
    with Store.open(db) as store:
        record(store, result([finding("fnd-1", pair[:2])], pair))
        version = store.finding("fnd-1").version
        with pytest.raises(StoreError, match="unknown review status"):
            store.set_verdict("fnd-1", "approved", "", "Ana", version)
        with pytest.raises(StoreError, match="reviewer"):
            store.set_verdict("fnd-1", "confirmed_error", "", "  ", version)
        with pytest.raises(StoreError, match="no finding"):
            store.set_verdict("fnd-404", "confirmed_error", "", "Ana", 1)
        assert store.finding("fnd-404") is None


def test_hostile_text_round_trips_and_harms_nothing(db):
    text = f"Selon {HOSTILE}, le commerce a atteint 380 millions de dollars."
    docs = [doc("a", text), doc("b")]
    claims = [claim("doc-a", 1, 3.8e8, HOSTILE), claim("doc-b", 1, 4e10)]
    with Store.open(db) as store:
        record(store, result([finding("fnd-1", claims, HOSTILE)], claims, docs))
        version = store.finding("fnd-1").version
        store.set_verdict("fnd-1", "confirmed_error", HOSTILE, HOSTILE, version)
        assert store.findings(rule=HOSTILE) == []
        assert store.findings(doc_id=HOSTILE) == []
    with Store.open(db) as store:
        rec = store.finding("fnd-1")
        assert rec.finding.message == HOSTILE and rec.claims[0].text == HOSTILE
        (review,) = store.history("fnd-1")
        assert review.note == HOSTILE and review.reviewer == HOSTILE
        assert store.document("doc-a").document.text == text
        assert [c.text for c in store.claims("doc-a")] == [HOSTILE]


def test_findings_are_filtered_and_sorted(db, pair):
    low = Finding("fnd-0", "value-mismatch", "medium", (pair[1].id, pair[2].id), "Values differ.")
    with Store.open(db) as store:
        record(store, result([low, finding("fnd-1", pair[:2])], pair))
        assert [f.id for f in store.findings()] == ["fnd-1", "fnd-0"]  # high first
        assert [f.id for f in store.findings(severity="medium")] == ["fnd-0"]
        assert [f.id for f in store.findings(rule="scale-slip")] == ["fnd-1"]
        assert [f.id for f in store.findings(doc_id="doc-a")] == ["fnd-1"]
        assert [f.id for f in store.findings(doc_id="doc-b")] == ["fnd-1", "fnd-0"]
        data = store.finding("fnd-1").to_dict()
        assert data["details"] == {"factor": 105.3, "periods": ["2021", "2022"]}
        assert data["review_status"] == "open" and data["changed_since_review"] is False


def test_documents_are_kept_with_their_text(db, pair):
    with Store.open(db) as store:
        run1 = record(store, result([], pair))
        run2 = record(store, result([], [pair[0]], [doc("a")]))
        listed = {d.id: d for d in store.documents()}
        assert set(listed) == {"doc-a", "doc-b"}
        assert listed["doc-a"].document.text == ""  # listings leave the text out
        assert (listed["doc-a"].last_seen_run, listed["doc-b"].last_seen_run) == (run2, run1)
        full = store.document("doc-a").document
        assert full == doc("a")
        assert store.document("doc-nope") is None
        # Only the latest run's claims are kept.
        assert [c.id for c in store.claims()] == [pair[0].id]


# --------------------------------------------------------------------------- extraction cache and atomicity


def test_the_extraction_cache_returns_exactly_what_was_saved(db, pair):
    a = doc("a")
    with Store.open(db) as store:
        assert store.cached_claims(a, "v1") is None
        store.save_extraction(a, "v1", pair[:1])
        assert store.cached_claims(a, "v1") == pair[:1]
        # Shown from another folder ("../articles/a.txt"): the same document, the same claims.
        assert store.cached_claims(Document(**{**a.__dict__, "path": "../articles/a.txt"}), "v1") == pair[:1]
        assert store.cached_claims(a, "v2") is None
        assert store.cached_claims(doc("a", a.text + " Fin."), "v1") is None
        # The existence test agrees with the lookup, without reading the claims.
        assert store.has_claims(a, "v1") and not store.has_claims(a, "v2")
        assert not store.has_claims(doc("a", a.text + " Fin."), "v1")
        # Same text, other metadata the claims depend on (the publication date).
        redated = Document(**{**a.__dict__, "published": dt.date(2024, 1, 1)})
        assert store.cached_claims(redated, "v1") is None
        store.save_extraction(doc("b"), "v1", [])
        assert store.cached_claims(doc("b"), "v1") == []


def test_recording_a_run_keeps_only_the_extraction_it_used(db, pair):
    a = doc("a")
    with Store.open(db) as store:
        store.save_extraction(a, "old", pair[:1])
        run = store.start_run("rules-2", "new")
        store.save_extraction(a, "new", pair[:1])
        store.record_run(run, result([], pair[:1], [a]))
        assert store.cached_claims(a, "old") is None
        assert store.cached_claims(a, "new") == pair[:1]


def test_a_run_that_fails_while_recording_writes_nothing(db, pair, monkeypatch):
    with Store.open(db) as store:
        record(store, result([finding("fnd-1", pair[:2])], pair))
        store.set_verdict("fnd-1", "confirmed_error", "", "Ana", store.finding("fnd-1").version)
        before = store.finding("fnd-1")
        run = store.start_run("rules-1")

        def explode(*args: object) -> None:
            raise RuntimeError("killed")

        monkeypatch.setattr(Store, "_upsert_finding", explode)
        with pytest.raises(RuntimeError):
            store.record_run(run, result([finding("fnd-1", pair[:2])], [pair[0]], [doc("a")]))
        store.fail_run(run)
        assert store.finding("fnd-1") == before
        assert len(store.claims()) == 3  # the previous run's claims, untouched
        assert store.run(run).status == "failed" and store.run(run).n_findings is None


def test_a_store_of_the_first_schema_is_upgraded_in_place(db, monkeypatch):
    monkeypatch.setattr(store_module, "MIGRATIONS", store_module.MIGRATIONS[:1])
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", 1)
    Store.open(db).close()
    monkeypatch.undo()
    with Store.open(db) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.cached_ingest("nothing") is None  # the v2 table is there


def test_unchanged_files_are_not_parsed_again(db, tmp_path, monkeypatch):
    from checker import ingest

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Title: A\nLang: fr\n\nLe budget atteint 5 milliards d'euros en 2023.\n", "utf-8"
    )
    (folder / "b.txt").write_text("Bilateral trade reached $4 billion in 2022.\n", "utf-8")
    (folder / "c.json").write_text("{broken", "utf-8")
    with Store.open(db) as store:
        first = ingest.read_paths([folder], cache=store)
    parsed = []
    real = ingest._read_source
    monkeypatch.setattr(
        ingest, "_read_source", lambda src, data=None: parsed.append(src.path) or real(src, data)
    )
    (folder / "b.txt").write_text("Bilateral trade reached $5 billion in 2022.\n", "utf-8")
    with Store.open(db) as store:
        second = ingest.read_paths([folder], cache=store)
    assert parsed == [f"{folder.as_posix()}/b.txt"], "only the changed file is read again"
    assert second[0][0] == first[0][0]
    assert "$5 billion" in second[0][1].text
    assert second[1] == first[1] and "invalid JSON" in second[1][0].reason, "a broken file stays skipped"
