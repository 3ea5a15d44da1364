"""`checker extract`: runs the extractor on a JSONL file of test cases and writes what it found.

Each input line is {id, text, lang, reference_date}; each output line is
{id, mentions: [{start, end, text, kind, value, unit, low, high, qualifier,
date}]}.  It calls the same ``extract_text`` as ``checker check``.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from .errors import CheckerError
from .extract import extract_text
from .langdetect import detect

FIELDS = ("start", "end", "text", "kind", "value", "unit", "low", "high", "qualifier")


class CaseFileError(CheckerError):
    code = "E030"


def _reference(value: Any) -> dt.date | None:
    if not value:
        return None
    return dt.date.fromisoformat(str(value)[:10])


def mentions_for(case: dict[str, Any]) -> list[dict[str, Any]]:
    text = case["text"]
    lang = case.get("lang") or detect(text)
    out = []
    for m in extract_text(text, lang, _reference(case.get("reference_date"))):
        item = {k: getattr(m, k) for k in FIELDS}
        item["date"] = m.date.to_dict() if m.date else None
        out.append(item)
    return out


def extract_cases(input_path: Path, output_path: Path) -> int:
    n = 0
    with open(input_path, encoding="utf-8") as src, open(output_path, "w", encoding="utf-8") as dst:
        for lineno, line in enumerate(src, 1):
            if not line.strip():
                continue
            try:
                case = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CaseFileError(f"{input_path.name} line {lineno}: invalid JSON ({exc.msg})") from exc
            if not isinstance(case, dict) or not isinstance(case.get("text"), str):
                raise CaseFileError(f"{input_path.name} line {lineno}: a case needs a 'text' string")
            dst.write(
                json.dumps({"id": case.get("id", lineno), "mentions": mentions_for(case)}, ensure_ascii=False)
                + "\n"
            )
            n += 1
    return n
