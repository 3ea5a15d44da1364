"""`checker bench extraction`: the project's extractor and its peers scored on the peer test suites.

For each suite file, the project's extractor (``checker.extract_cases.mentions_for``, the same as
``checker check``) and, unless ``peers=False``, Microsoft Recognizers-Text and quantulum3 (run in their
own virtual environment through the adapters in ``peers/``) read every case; ``score.score_case``
matches their mentions to the expected spans and ``agree.value_agrees`` judges the values.  The result
is a dict (written as JSON) and a markdown table with one row per file and columns per system.
``case_report`` lists, for the project, the expected items it missed, read differently or added.
"""

from __future__ import annotations

import datetime as dt
import platform
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..extract import extract_text
from ..extract_cases import mentions_for
from . import peer_env
from .score import CaseResult, Counts, score_case
from .suites import Suite, load_suite

PROJECT = "project"
# name -> (adapter script, column title)
PEERS: dict[str, tuple[str, str]] = {
    "recognizers": ("recognizers_adapter.py", "Recognizers-Text"),
    "quantulum3": ("quantulum_adapter.py", "quantulum3"),
}
Log = Callable[[str], None]


def not_applicable(peer: str, suite: Suite) -> str | None:
    """Why ``peer`` cannot read ``suite`` (shown as "n/a: ..."), or None when it can."""
    if peer == "quantulum3" and suite.lang != "en":
        return "English only"
    if peer == "quantulum3" and suite.kind == "date":
        return "no dates"
    return None


def run_project(suite: Suite) -> dict[str, dict[str, Any]]:
    """Our mentions for each case, with the time the extraction took."""
    extract_text("2 km", suite.lang)  # loads the lexicon, so that the first case is not charged for it
    out = {}
    for case in suite.cases:
        start = time.perf_counter()
        mentions = mentions_for(case)
        out[case["id"]] = {"mentions": mentions, "seconds": time.perf_counter() - start}
    return out


def run_peers(suites: Sequence[Suite], log: Log | None) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """({peer: {status, versions}}, {peer: {case id: output}}); failures become a status, never an error."""
    status: dict[str, Any] = {}
    outputs: dict[str, dict[str, Any]] = {}
    try:
        python = peer_env.ensure_venv(log)
    except peer_env.PeerUnavailable as exc:
        return {p: {"status": f"unavailable: {exc}"} for p in PEERS}, {}
    for peer, (adapter, _title) in PEERS.items():
        cases = [c for s in suites if not not_applicable(peer, s) for c in s.cases]
        try:
            versions = peer_env.adapter_versions(python, adapter)
            if log:
                log(f"Running {adapter} on {len(cases)} cases...")
            outputs[peer] = peer_env.run_adapter(python, adapter, cases) if cases else {}
            status[peer] = {"status": "ok", "versions": versions}
        except peer_env.PeerUnavailable as exc:
            status[peer] = {"status": f"unavailable: {exc}"}
    return status, outputs


def score_suite(suite: Suite, outputs: dict[str, dict[str, Any]]) -> tuple[Counts, list[CaseResult]]:
    counts = Counts()
    results = []
    for case in suite.cases:
        out = outputs.get(case["id"], {"mentions": [], "error": "no output"})
        result = score_case(out.get("mentions") or [], case, suite.counted_kinds)
        counts.add(len(result.predicted), len(result.expected), result.pairs)
        counts.seconds += float(out.get("seconds") or 0.0)
        counts.errors += 1 if out.get("error") else 0
        results.append(result)
    return counts, results


def bench_extraction(
    paths: Sequence[str | Path],
    limit: int | None = None,
    peers: bool = True,
    log: Log | None = None,
) -> dict[str, Any]:
    """Score the project (and the peers) on each suite file; the table's data, JSON-ready.

    ``data["_cases"]`` (dropped from the JSON by ``to_json``) keeps the project's case results for
    ``case_report``.
    """
    suites = [load_suite(Path(p), limit) for p in paths]
    peer_status, peer_outputs = run_peers(suites, log) if peers else ({}, {})
    files = []
    details = {}
    for suite in suites:
        counts, results = score_suite(suite, run_project(suite))
        systems: dict[str, Any] = {PROJECT: counts.metrics()}
        for peer in peer_status:
            reason = not_applicable(peer, suite)
            if reason:
                systems[peer] = {"status": f"n/a: {reason}"}
            elif peer_status[peer]["status"] != "ok":
                systems[peer] = {"status": peer_status[peer]["status"]}
            else:
                systems[peer] = score_suite(suite, peer_outputs[peer])[0].metrics()
        files.append(
            {"file": f"{suite.name}.jsonl", "kind": suite.kind, "lang": suite.lang, "cases": len(suite.cases)}
            | {"systems": systems}
        )
        details[suite.name] = (suite, results)
    return {
        "date": dt.date.today().isoformat(),
        "python": platform.python_version(),
        "limit": limit,
        "peers": peer_status,
        "files": files,
        "_cases": details,
    }


def to_json(data: dict[str, Any], disagreements: bool = False) -> dict[str, Any]:
    out = {k: v for k, v in data.items() if not k.startswith("_")}
    if disagreements:
        out["disagreements"] = case_report(data, ("mismatched",))
    return out


def _fmt(x: float | None, digits: int = 2) -> str:
    return "–" if x is None else f"{x:.{digits}f}"


def _cells(metrics: dict[str, Any]) -> list[str]:
    if "status" in metrics:
        return [metrics["status"], "–", "–"]
    span = " / ".join(_fmt(metrics[k]) for k in ("span_precision", "span_recall", "span_f1"))
    speed = metrics["cases_per_second"]
    return [span, f"**{_fmt(metrics['value_f1'], 3)}**", "–" if speed is None else f"{speed:g}"]


def table(data: dict[str, Any]) -> str:
    """The markdown table: one row per file; span P / R / F1, value-F1 and cases/s per system."""
    titles = {PROJECT: "project", **{p: t for p, (_a, t) in PEERS.items()}}
    systems = [PROJECT, *data["peers"]]
    header = ["file", "kind", "cases"]
    for s in systems:
        header += [f"{titles[s]} span P / R / F1", f"{titles[s]} value-F1", f"{titles[s]} cases/s"]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    for row in data["files"]:
        cells = [row["file"].removesuffix(".jsonl"), row["kind"], str(row["cases"])]
        for s in systems:
            cells += _cells(row["systems"][s])
        lines.append("| " + " | ".join(cells) + " |")
    notes = [f"{titles[p]}: {v['status']}" + _versions(v) for p, v in data["peers"].items()]
    if notes:
        lines += ["", "Peers — " + "; ".join(notes) + "."]
    return "\n".join(lines)


def _versions(status: dict[str, Any]) -> str:
    versions = status.get("versions") or {}
    return f" ({', '.join(f'{k} {v}' for k, v in versions.items())})" if versions else ""


def _expected_view(e: dict[str, Any]) -> dict[str, Any]:
    return {k: e.get(k) for k in ("text", "value", "unit", "iso_value")}


def _ours_view(m: dict[str, Any]) -> dict[str, Any]:
    return {k: m.get(k) for k in ("text", "kind", "value", "unit", "qualifier", "date")}


def case_report(
    data: dict[str, Any], what: Sequence[str] = ("missed", "mismatched", "spurious")
) -> list[dict[str, Any]]:
    """The project's failing cases, per file: expected items it ``missed``, matched spans whose value,
    unit or date it read differently (``mismatched``: our reading beside the expected one), and counted
    mentions no expected item overlaps (``spurious``)."""
    out = []
    for name, (suite, results) in data["_cases"].items():
        for case, r in zip(suite.cases, results, strict=True):
            matched_p = {p.predicted for p in r.pairs}
            matched_e = {p.expected for p in r.pairs}
            item: dict[str, Any] = {"file": f"{name}.jsonl", "id": case["id"], "text": case["text"]}
            if "missed" in what:
                item["missed"] = [_expected_view(e) for j, e in enumerate(r.expected) if j not in matched_e]
            if "mismatched" in what:
                item["mismatched"] = [
                    {
                        "expected": _expected_view(r.expected[p.expected]),
                        "ours": _ours_view(r.predicted[p.predicted]),
                    }
                    for p in r.pairs
                    if not p.value_ok
                ]
            if "spurious" in what:
                item["spurious"] = [_ours_view(m) for i, m in enumerate(r.predicted) if i not in matched_p]
            if any(item.get(k) for k in what):
                out.append(item)
    return out


def disagreements_text(data: dict[str, Any]) -> str:
    """Cases where our span overlaps the expected one but the value, unit or date differs, and our reading."""
    lines: list[str] = []
    current = None
    for item in case_report(data, ("mismatched",)):
        if item["file"] != current:
            current = item["file"]
            lines += ["", f"## {current}"]
        lines.append(f"- {item['id']}: {item['text']!r}")
        for pair in item["mismatched"]:
            e, o = pair["expected"], pair["ours"]
            lines.append(
                f"    expected {e['text']!r} value={e['value']} unit={e['unit']} iso={e['iso_value']}"
            )
            when = f" date={o['date']}" if o.get("date") else ""
            lines.append(
                f"    ours     {o['text']!r} {o['kind']} value={o['value']} unit={o['unit']}"
                f" qualifier={o['qualifier']}{when}"
            )
    return "\n".join(lines).strip() or "No disagreements: every matched span has the expected value."
