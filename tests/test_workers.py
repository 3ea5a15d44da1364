"""Worker processes change the speed of a check, never its result: same claims, same ids, same bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker import check, write
from checker.analyze import MIN_DOCUMENTS_PER_WORKER, worker_count
from checker.paths import sample_corpus_dir, shown_path
from checker.report import FILENAMES, FORMATS

CORPUS = shown_path(sample_corpus_dir())


def reports(result, out: Path) -> dict[str, bytes]:
    write(result, out, FORMATS)
    return {name: (out / FILENAMES[name]).read_bytes() for name in FORMATS}


def test_one_and_two_workers_give_identical_reports(tmp_path):
    one = check([CORPUS], workers=1)
    progress: list[int] = []
    two = check([CORPUS], workers=2, progress=lambda i, n, doc: progress.append(i))
    assert (one.stats["workers"], two.stats["workers"]) == (1, 2)
    assert progress == list(range(1, len(two.documents) + 1))
    assert two.claims == one.claims and [f.id for f in two.findings] == [f.id for f in one.findings]
    assert reports(one, tmp_path / "one") == reports(two, tmp_path / "two")


def test_workers_fill_the_store_like_one_process(tmp_path):
    db = tmp_path / "checker.sqlite"
    two = check([CORPUS], workers=2, db=db)
    assert two.stats["analysed"] == len(two.documents)
    again = check([CORPUS], workers=2, db=db)
    assert (again.stats["analysed"], again.stats["cached"], again.stats["workers"]) == (
        0,
        len(two.documents),
        0,
    )
    assert again.stats["inputs_key"] == two.stats["inputs_key"]
    assert again.stats["findings_cached"] and not two.stats["findings_cached"]
    assert reports(two, tmp_path / "two")["json"] == reports(again, tmp_path / "again")["json"]


def test_how_many_workers():
    assert worker_count(1, 500) == 1
    assert worker_count(4, 3) == 3  # never more than one per document
    assert worker_count(None, 5) == 1  # too small to pay for starting a process
    assert worker_count(None, 0) == 1
    assert 1 <= worker_count(None, 64 * MIN_DOCUMENTS_PER_WORKER) <= 64
    with pytest.raises(ValueError):
        worker_count(0, 10)


def test_documents_go_to_the_workers_as_they_are_read_unless_the_store_has_them(tmp_path, monkeypatch):
    import shutil

    from checker.analyze import Prefetch

    corpus = tmp_path / "articles"
    shutil.copytree(sample_corpus_dir(), corpus)
    db = tmp_path / "checker.sqlite"
    sent: list[str] = []
    add = Prefetch.add
    monkeypatch.setattr(Prefetch, "add", lambda self, doc: (sent.append(doc.path), add(self, doc))[1])
    first = check([corpus], workers=2, db=db)
    assert len(sent) == len(first.documents) == first.stats["analysed"]
    # One article changed: only it goes to the workers, and the result is that of a fresh run.
    changed = sorted(corpus.glob("*.txt"))[0]
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text + "\n\nUn ajout de 42 millions d'euros.\n", encoding="utf-8")
    sent.clear()
    again = check([corpus], workers=2, db=db)
    assert again.stats["analysed"] == 1
    assert sent == [d.path for d in again.documents if d.path.endswith(changed.name)]
    assert again.claims == check([corpus], workers=1).claims
