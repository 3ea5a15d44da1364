"""Incremental runs through the store: what a re-run analyses again, and what a killed run leaves behind.

Real SQLite files in tmp_path; the kill test runs ``checker check`` in a real process and SIGKILLs it
while it writes.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker import check, write
from checker.cli import main
from checker.paths import rules_dir, sample_corpus_dir
from checker.store import Store

from .conftest import TRADE_EN as EN
from .conftest import TRADE_FR as FR

EN2 = """Title: Osaka port traffic
Outlet: Example Herald
Date: 2023-03-04
Lang: en

The port of Osaka handled 9.6 million tonnes of cargo in 2022, up 3% on the year before.
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in (("a.txt", FR), ("b.md", EN), ("c.md", EN2)):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def rules_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of rules/ that the checker reads (CHECKER_RULES), for editing in a test."""
    copy = tmp_path / "rules"
    shutil.copytree(rules_dir(), copy)
    monkeypatch.setenv("CHECKER_RULES", str(copy))
    return copy


def report(result, out: Path) -> bytes:
    write(result, out, ["json"])
    return (out / "report.json").read_bytes()


def test_a_rerun_over_an_unchanged_corpus_analyses_nothing(corpus, tmp_path):
    db = tmp_path / "checker.sqlite"
    first = check([corpus], db=db, workers=1)
    assert first.stats["analysed"] == 3 and first.stats["cached"] == 0
    again = check([corpus], db=db, workers=1)
    assert again.stats["analysed"] == 0 and again.stats["cached"] == 3
    without = check([corpus], workers=1)
    assert report(first, tmp_path / "1") == report(again, tmp_path / "2") == report(without, tmp_path / "3")
    assert [f.rule for f in again.findings] == ["scale-slip"]
    with Store.open(db) as store:
        runs = [(r.status, r.n_analysed, r.n_cached) for r in store.runs()]
        assert runs == [("done", 0, 3), ("done", 3, 0)]


def test_editing_one_article_analyses_exactly_that_one(corpus, tmp_path):
    db = tmp_path / "checker.sqlite"
    check([corpus], db=db, workers=1)
    edited = corpus / "b.md"
    edited.write_text(EN.replace("$21.4 billion", "$21.4 million"), encoding="utf-8")
    seen: list[str] = []
    result = check([corpus], db=db, workers=1, progress=lambda i, n, doc: seen.append(doc.path))
    assert result.stats["analysed"] == 1 and result.stats["cached"] == 2
    assert len(seen) == 3
    assert result.findings == []
    assert report(result, tmp_path / "inc") == report(check([corpus], workers=1), tmp_path / "full")
    with Store.open(db) as store:
        assert store.findings() == []
        (gone,) = store.findings(include_gone=True)
        assert gone.gone_run == store.runs()[0].id


def test_changing_a_lexicon_file_analyses_everything_again(corpus, tmp_path, rules_copy):
    db = tmp_path / "checker.sqlite"
    first = check([corpus], db=db, workers=1)
    assert check([corpus], db=db, workers=1).stats["analysed"] == 0
    with open(rules_copy / "lexicon" / "fr" / "numbers.yaml", "a", encoding="utf-8") as fh:
        fh.write("\n# a comment changes the rules' version\n")
    again = check([corpus], db=db, workers=1)
    assert again.stats["analysed"] == 3 and again.stats["cached"] == 0
    assert report(first, tmp_path / "1") == report(again, tmp_path / "2")
    assert check([corpus], db=db, workers=1).stats["analysed"] == 0


# --------------------------------------------------------------------------- the command line


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_the_cli_keeps_a_store_beside_the_reports_by_default(corpus, tmp_path):
    out = tmp_path / "out"
    first = run("check", str(corpus), "--out", str(out), "--format", "json")
    assert first.exit_code == 0, first.output
    assert "3 analysed, 0 from cache" in first.output
    again = run("check", str(corpus), "--out", str(out), "--format", "json", "--workers", "1")
    assert "0 analysed, 3 from cache" in again.output
    assert (tmp_path / "out.checker.sqlite").is_file()
    assert sorted(p.name for p in out.iterdir()) == ["report.json"]


def test_the_cli_takes_another_store_or_none(corpus, tmp_path):
    db = tmp_path / "stores" / "story.sqlite"
    assert run("check", str(corpus), "--out", str(tmp_path / "a"), "--db", str(db)).exit_code == 0
    assert db.is_file()
    result = run("check", str(corpus), "--out", str(tmp_path / "b"), "--no-db")
    assert result.exit_code == 0 and "3 analysed, 0 from cache" in result.output
    assert not (tmp_path / "b.checker.sqlite").exists()
    both = run("check", str(corpus), "--out", str(tmp_path / "c"), "--db", str(db), "--no-db")
    assert both.exit_code == 2
    zero = run("check", str(corpus), "--out", str(tmp_path / "c"), "--workers", "0")
    assert zero.exit_code == 2


def test_a_broken_store_is_a_clear_error(corpus, tmp_path):
    db = tmp_path / "broken.sqlite"
    db.write_bytes(b"not a database\n" * 100)
    result = run("check", str(corpus), "--out", str(tmp_path / "out"), "--db", str(db))
    assert result.exit_code == 2
    assert "broken.sqlite" in result.output and "Traceback" not in result.output


def test_the_demo_writes_no_store(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("demo", "--out", "demo")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "demo").iterdir()) == [
        "findings.csv",
        "report.html",
        "report.json",
        "report.md",
    ]
    assert not list(tmp_path.rglob("*.sqlite*"))


# --------------------------------------------------------------------------- a run killed half-way


def generated_corpus(folder: Path, n: int = 40) -> Path:
    """``n`` articles made from the sample corpus's text files, each with its own edition line."""
    folder.mkdir()
    sources = sorted(p for p in sample_corpus_dir().iterdir() if p.suffix in (".txt", ".md"))
    for i in range(n):
        src = sources[i % len(sources)]
        text = src.read_text(encoding="utf-8").rstrip("\n") + f"\n\nÉdition {i}.\n"
        (folder / f"article-{i:02d}{src.suffix}").write_text(text, encoding="utf-8")
    return folder


def count(db: Path, sql: str) -> int:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    try:
        return int(conn.execute(sql).fetchone()[0])
    except sqlite3.OperationalError:
        return 0  # not created yet
    finally:
        conn.close()


def test_a_run_killed_while_writing_leaves_a_sound_store(tmp_path, rules_copy):
    corpus = generated_corpus(tmp_path / "corpus")
    db = tmp_path / "checker.sqlite"
    first = check([corpus], db=db, workers=1)
    assert first.findings, "the generated corpus should hold contradictions to review"
    with Store.open(db) as store:
        for rec in store.findings():
            store.set_verdict(rec.id, "confirmed_error", f"checked {rec.id}", "Ana", rec.version)
        reviewed = {r.id: (r.review_status, r.version) for r in store.findings()}

    # A rule change makes the next run analyse every article again, so it has plenty to write.
    with open(rules_copy / "lexicon" / "en" / "numbers.yaml", "a", encoding="utf-8") as fh:
        fh.write("\n# edited\n")
    saved_before = count(db, "SELECT count(*) FROM extractions")
    args = ["check", str(corpus), "--out", str(tmp_path / "out"), "--db", str(db), "--workers", "1"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "checker.cli", *args, "--no-progress"],
        cwd=tmp_path,
        env=os.environ.copy(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline:
            if count(db, "SELECT count(*) FROM extractions") >= saved_before + 2:
                break
            time.sleep(0.01)
        assert proc.poll() is None, "the run ended before it could be killed: " + proc.stderr.read().decode()
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with Store.open(db) as store:
        killed = store.runs()[0]
        assert killed.status == "running" and killed.n_documents is None
        assert {r.id: (r.review_status, r.version) for r in store.findings()} == reviewed
        assert all(len(store.history(fid)) == 1 for fid in reviewed)
        saved_by_killed_run = count(db, "SELECT count(*) FROM extractions") - saved_before

    after = check([corpus], db=db, workers=1)
    assert after.stats["cached"] == saved_by_killed_run >= 2
    assert after.stats["analysed"] == 40 - saved_by_killed_run
    assert report(after, tmp_path / "after") == report(first, tmp_path / "first")
    with Store.open(db) as store:
        assert store.runs()[0].status == "done"
        assert {r.id: (r.review_status, r.version) for r in store.findings()} == reviewed
        assert not any(r.changed_since_review for r in store.findings())


def test_an_unchanged_rerun_keeps_every_claim_row_and_moves_it_to_the_new_run(tmp_path):
    import sqlite3

    from checker.paths import sample_corpus_dir
    from checker.pipeline import check

    db = tmp_path / "s.sqlite"
    first = check([sample_corpus_dir()], workers=1, db=db)
    second = check([sample_corpus_dir()], workers=1, db=db)
    assert second.stats["analysed"] == 0
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT id, run_id FROM claims").fetchall()
    last_run = conn.execute("SELECT max(id) FROM runs").fetchone()[0]
    assert sorted(r[0] for r in rows) == sorted(c.id for c in first.claims)
    assert {r[1] for r in rows} == {last_run}
    seen = conn.execute("SELECT DISTINCT last_seen_run FROM documents").fetchall()
    assert seen == [(last_run,)]


def test_a_rule_change_compares_again_instead_of_reusing_the_findings(tmp_path, monkeypatch):
    import shutil
    from dataclasses import replace

    from checker.paths import rules_dir, sample_corpus_dir
    from checker.pipeline import check
    from checker.rules import load_rules

    rules_copy = tmp_path / "rules"
    shutil.copytree(rules_dir(), rules_copy)
    monkeypatch.setenv("CHECKER_RULES", str(rules_copy))
    db = tmp_path / "s.sqlite"
    first = check([sample_corpus_dir()], workers=1, db=db)
    again = check([sample_corpus_dir()], workers=1, db=db)
    assert again.stats["findings_cached"] and again.findings == first.findings
    loose = [
        replace(r, params={**r.params, "high_gap": 0.5}) if r.id == "value-mismatch" else r
        for r in load_rules(rules_copy)
    ]
    third = check([sample_corpus_dir()], rules=loose, workers=1, db=db)
    assert not third.stats["findings_cached"], "other rule parameters: the findings are worked out again"


def test_an_unchanged_rerun_writes_the_reports_kept_in_the_store(tmp_path, monkeypatch):
    from checker import report
    from checker.paths import sample_corpus_dir
    from checker.pipeline import check, write

    db = tmp_path / "s.sqlite"
    write(check([sample_corpus_dir()], workers=1, db=db), tmp_path / "a")

    def no_rendering(result):
        raise AssertionError("rendered again although nothing changed")

    monkeypatch.setitem(report._RENDERERS, "json", no_rendering)
    monkeypatch.setitem(report._RENDERERS, "html", no_rendering)
    write(check([sample_corpus_dir()], workers=1, db=db), tmp_path / "b")
    for name in ("report.json", "report.html", "report.md", "findings.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
