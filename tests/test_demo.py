"""The demo report on the bundled sample corpus holds what the corpus was written to hold, and nothing else.

checker/sample_corpus/EXPECTED.yaml names each intended contradiction (rule and figures) and the pairs of
figures no finding may put together; a manifest figure is located in its file and matches the claim whose
span overlaps it.
"""

from __future__ import annotations

import pytest
import yaml

from checker import check
from checker.paths import sample_corpus_dir, shown_path

MANIFEST = yaml.safe_load((sample_corpus_dir().parent / "EXPECTED.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def demo():
    return check([shown_path(sample_corpus_dir())])


def _file(doc_path: str) -> str:
    return doc_path.split("#", 1)[0].rsplit("/", 1)[-1]


def locate(result, ref: dict) -> str:
    """The id of the claim that the manifest entry names."""
    hits = []
    for doc in result.documents:
        if _file(doc.path) != ref["doc"]:
            continue
        pos = doc.text.find(ref["text"])
        if pos < 0:
            continue
        end = pos + len(ref["text"])
        hits += [c.id for c in result.claims if c.doc_id == doc.id and c.start < end and pos < c.end]
    assert len(hits) == 1, f"{ref}: expected one claim at that figure, found {len(hits)}"
    return hits[0]


def test_the_manifest_covers_every_rule():
    assert {f["rule"] for f in MANIFEST["findings"]} >= {
        "scale-slip",
        "value-mismatch",
        "disputed-figure",
        "implausible-change",
        "growth-mismatch",
        "date-mismatch",
    }


@pytest.mark.parametrize("expected", MANIFEST["findings"], ids=lambda e: f"{e['rule']}:{e['why'][:40]}")
def test_every_intended_contradiction_is_found(demo, expected):
    ids = {locate(demo, ref) for ref in expected["claims"]}
    matching = [f for f in demo.findings if set(f.claim_ids) == ids]
    assert matching, f"no finding for {expected['why']}"
    assert [f.rule for f in matching] == [expected["rule"]], matching[0].message


def test_no_finding_beyond_the_intended_ones(demo):
    intended = [{locate(demo, ref) for ref in e["claims"]} for e in MANIFEST["findings"]]
    extra = [f.message for f in demo.findings if set(f.claim_ids) not in intended]
    assert not extra, "\n".join(extra)


@pytest.mark.parametrize("pair", MANIFEST["must_not_pair"], ids=lambda e: e["why"][:50])
def test_figures_that_agree_or_differ_legitimately_are_never_paired(demo, pair):
    ids = set()
    for ref in pair["claims"]:
        found = False
        for doc in (d for d in demo.documents if _file(d.path) == ref["doc"]):
            pos = doc.text.find(ref["text"])
            if pos < 0:
                continue
            found = True
            end = pos + len(ref["text"])
            ids |= {c.id for c in demo.claims if c.doc_id == doc.id and c.start < end and pos < c.end}
        assert found, f"{ref} is not in the corpus"
    for f in demo.findings:
        assert len(ids & set(f.claim_ids)) < 2, f"{pair['why']}: paired by {f.rule}: {f.message}"


def test_furniture_figures_are_not_claims(demo):
    doc = next(d for d in demo.documents if _file(d.path) == "bordeaux-dette-chartrons.txt")
    for text in ("2,9 milliards d'euros", "95 morts"):
        pos = doc.text.find(text)
        assert pos >= 0
        assert not [
            c for c in demo.claims if c.doc_id == doc.id and c.start < pos + len(text) and pos < c.end
        ]


def test_the_committed_sample_report_is_current(demo, tmp_path):
    from pathlib import Path

    from checker import write

    root = Path(__file__).resolve().parents[1]
    committed = root / "reports" / "demo" / "report.json"
    if not committed.is_file() or Path.cwd().resolve() != root:
        pytest.skip("no committed sample report here, or the tests do not run from the project root")
    write(demo, tmp_path, ["json"])
    fresh = (tmp_path / "report.json").read_text(encoding="utf-8")
    assert fresh == committed.read_text(encoding="utf-8"), "run `checker demo` and commit reports/demo/"
