"""What the review app added to the store: the wrong figure of a verdict (schema v3) and latest verdicts.

Also how the two commands meet a store of the previous schema: `export` (read-only) asks for an upgrade,
`review` (which writes verdicts) upgrades it in place, keeping the verdicts already given.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker import store as store_module
from checker.cli import main
from checker.errors import StoreError
from checker.review import create_app
from checker.store import SCHEMA_VERSION, Store
from tests.test_review_app import BUDGET, SLIP, build_store


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return build_store(tmp_path / "story.checker.sqlite")


def test_a_verdict_can_name_the_wrong_figure(db):
    with Store.open(db) as store:
        store.set_verdict(SLIP, "confirmed_error", "", "Ana", 1, "clm-doc-fr-1")
        (review,) = store.history(SLIP)
        assert review.wrong_claim_id == "clm-doc-fr-1"
        assert review.to_dict()["wrong_claim_id"] == "clm-doc-fr-1"


def test_the_wrong_figure_must_be_one_of_the_findings_and_only_for_a_confirmed_error(db):
    with Store.open(db) as store:
        with pytest.raises(StoreError, match="not one of"):
            store.set_verdict(SLIP, "confirmed_error", "", "Ana", 1, "clm-doc-en-2")
        with pytest.raises(StoreError, match="only a confirmed error"):
            store.set_verdict(SLIP, "needs_follow_up", "", "Ana", 1, "clm-doc-fr-1")
        assert store.history(SLIP) == [] and store.finding(SLIP).version == 1


def test_last_reviews_gives_each_findings_latest_verdict(db):
    with Store.open(db) as store:
        assert store.last_reviews() == {}
        v = store.set_verdict(SLIP, "needs_follow_up", "first", "Ana", 1)
        store.set_verdict(SLIP, "confirmed_error", "second", "Bruno", v)
        store.set_verdict(BUDGET, "not_a_contradiction", "", "Chloé", 1)
        latest = store.last_reviews()
        assert {k: (r.reviewer, r.note) for k, r in latest.items()} == {
            SLIP: ("Bruno", "second"),
            BUDGET: ("Chloé", ""),
        }


def test_a_store_of_the_previous_schema_is_upgraded_by_review_and_asked_for_by_export(tmp_path, monkeypatch):
    path = tmp_path / "old.sqlite"
    monkeypatch.setattr(store_module, "MIGRATIONS", store_module.MIGRATIONS[:-1])
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", SCHEMA_VERSION - 1)
    build_store(path)
    monkeypatch.undo()
    # A verdict as the previous checker wrote it (its reviews table has no wrong_claim_id).
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            """INSERT INTO reviews (finding_id, at, reviewer, from_status, to_status, note,
                                    claims_fingerprint, version)
               SELECT id, '2026-11-20T10:00:00+00:00', 'Ana', 'open', 'confirmed_error', 'kept',
                      claims_fingerprint, 2 FROM findings WHERE id = ?""",
            (SLIP,),
        )
        conn.execute(
            "UPDATE findings SET review_status = 'confirmed_error', version = 2 WHERE id = ?", (SLIP,)
        )
    conn.close()

    refused = CliRunner().invoke(main, ["export", "--db", str(path), "--format", "json"])
    assert refused.exit_code == 2 and "open it once for writing" in refused.output

    create_app(path)  # what `checker review` does first
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()
    with Store.open(path, readonly=True) as store:
        (review,) = store.history(SLIP)
        assert (review.note, review.wrong_claim_id) == ("kept", None)
    exported = CliRunner().invoke(main, ["export", "--db", str(path), "--format", "json"])
    assert exported.exit_code == 0 and '"kept"' in exported.output
