"""The report stage: writes a check's Result as HTML, JSON, Markdown and CSV files.

``write_reports`` is the one entry point the rest of the tool needs: it creates
the output directory and writes report.html (for journalists), report.json
(the machine interface), report.md (for tickets and chats) and findings.csv
(for spreadsheets), or the subset asked for.  Every writer is deterministic:
the same Result gives byte-identical files.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from checker.models import Result
from checker.report.csv_report import render_csv
from checker.report.html import render_html
from checker.report.json_report import from_json_dict, render_json, to_json_dict
from checker.report.markdown import render_markdown

FORMATS = ("html", "json", "md", "csv")

# The file each format is written to, and its writer.
FILENAMES = {"html": "report.html", "json": "report.json", "md": "report.md", "csv": "findings.csv"}
_RENDERERS: dict[str, Callable[[Result], str]] = {
    "html": render_html,
    "json": render_json,
    "md": render_markdown,
    "csv": render_csv,
}
# CSV keeps the CRLF line ends its writer puts in; the others are written with "\n".
_NEWLINE = {"csv": ""}


class ReportCache(Protocol):
    """Rendered reports kept between runs (the store), under a key of everything they show."""

    def cached_report(self, key: str, fmt: str) -> str | None: ...

    def save_report(self, key: str, fmt: str, text: str) -> None: ...


@lru_cache(maxsize=1)
def renderer_version() -> str:
    """A hash of the report code and templates: a change to them renders every report again."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha1()
    for path in sorted(here.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".j2", ".css"):
            digest.update(path.relative_to(here).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def write_reports(
    result: Result,
    out_dir: Path,
    formats: Iterable[str] = FORMATS,
    cache: ReportCache | None = None,
    key: str | None = None,
) -> list[Path]:
    """Write the chosen reports into ``out_dir`` (created if needed); return their paths.

    Formats are checked before anything is written, so an unknown one leaves
    no half-written output behind.  With a ``cache`` and the ``key`` of the
    result's content, a report rendered before from the same content is
    written again as it was, not rendered anew.
    """
    if isinstance(formats, str):
        # A lone "html" is one format, not four letters.
        formats = [formats]
    chosen: list[str] = []
    for fmt in formats:
        name = str(fmt).strip().lower()
        if name not in _RENDERERS:
            raise ValueError(f"unknown report format {fmt!r}; valid formats are: {', '.join(FORMATS)}")
        if name not in chosen:
            chosen.append(name)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in chosen:
        text = cache.cached_report(key, name) if cache and key else None
        if text is None:
            text = _RENDERERS[name](result)
            if cache and key:
                cache.save_report(key, name, text)
        path = out_dir / FILENAMES[name]
        path.write_text(text, encoding="utf-8", newline=_NEWLINE.get(name, "\n"))
        paths.append(path)
    return paths


__all__ = [
    "FILENAMES",
    "FORMATS",
    "ReportCache",
    "from_json_dict",
    "renderer_version",
    "to_json_dict",
    "write_reports",
]
