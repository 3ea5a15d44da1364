"""The command line through click's runner: exit codes, files written, errors without tracebacks."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from checker.cli import main

from .conftest import TRADE_EN as EN
from .conftest import TRADE_FR as FR


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(FR, encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "b.md").write_text(EN, encoding="utf-8")
    return folder


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_help_is_complete():
    result = run("--help")
    assert result.exit_code == 0
    for command in ("check", "demo", "extract", "rules"):
        assert command in result.output
        sub = run(command, "--help")
        assert sub.exit_code == 0 and "Usage:" in sub.output
    assert "--format" in run("check", "--help").output


def test_check_writes_every_report_and_finds_the_slip(corpus, tmp_path):
    out = tmp_path / "out"
    result = run("check", str(corpus), "--out", str(out))
    assert result.exit_code == 0, result.output
    for name in ("report.html", "report.json", "report.md", "findings.csv"):
        assert (out / name).is_file(), name
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert set(report) >= {"documents", "claims", "findings", "skipped"}
    assert [f["rule"] for f in report["findings"]] == ["scale-slip"]
    assert "2 documents" in result.output and "1 findings" in result.output


def test_format_picks_a_subset(corpus, tmp_path):
    out = tmp_path / "out"
    assert run("check", str(corpus), "--out", str(out), "--format", "json,csv").exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["findings.csv", "report.json"]
    bad = run("check", str(corpus), "--out", str(out), "--format", "pdf")
    assert bad.exit_code == 2 and "pdf" in bad.output


def test_same_inputs_give_the_same_ids(corpus, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    run("check", str(corpus), "--out", str(a), "--format", "json")
    run("check", str(corpus), "--out", str(b), "--format", "json")
    assert (a / "report.json").read_text(encoding="utf-8") == (b / "report.json").read_text(encoding="utf-8")


def test_a_missing_path_is_a_clear_error(tmp_path):
    result = run("check", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "nowhere" in result.output and "Traceback" not in result.output


def test_no_readable_document_is_a_clear_error(tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = run("check", str(folder), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "empty.txt" in result.output and "Traceback" not in result.output


def test_broken_files_are_skipped_and_the_run_goes_on(corpus, tmp_path):
    (corpus / "broken.json").write_text("{not json", encoding="utf-8")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 20)
    out = tmp_path / "out"
    result = run("check", str(corpus), "--out", str(out), "--format", "json")
    assert result.exit_code == 0
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    skipped = {s["path"].rsplit("/", 1)[-1]: s["reason"] for s in report["skipped"]}
    assert set(skipped) == {"broken.json", "binary.txt"}
    assert len(report["documents"]) == 2
    assert "skipped" in result.output


def test_extract_writes_one_line_per_case(tmp_path):
    cases = tmp_path / "cases.jsonl"
    cases.write_text(
        json.dumps({"id": "c1", "text": "plus de 40 milliards d'USD", "lang": "fr", "reference_date": None})
        + "\n"
        + json.dumps({"id": "c2", "text": "on Tuesday", "lang": "en", "reference_date": "2023-04-06"})
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    result = run("extract", "--input", str(cases), "--output", str(out))
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [x["id"] for x in lines] == ["c1", "c2"]
    money = lines[0]["mentions"][0]
    assert (money["kind"], money["value"], money["unit"], money["low"]) == ("money", 4e10, "USD", 4e10)
    assert lines[1]["mentions"][0]["date"] == {"start": "2023-04-04", "end": "2023-04-04", "grain": "day"}


def test_rules_lists_every_rule():
    result = run("rules")
    assert result.exit_code == 0
    assert "scale-slip" in result.output and "disputed-figure" in result.output
