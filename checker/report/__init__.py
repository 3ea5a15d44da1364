"""The report stage: writes a check's Result as HTML, JSON, Markdown and CSV files.

``write_reports`` is the one entry point the rest of the tool needs: it creates
the output directory and writes report.html (for journalists), report.json
(the machine interface), report.md (for tickets and chats) and findings.csv
(for spreadsheets), or the subset asked for.  Every writer is deterministic:
the same Result gives byte-identical files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from checker.models import Result
from checker.report.csv_report import write_csv
from checker.report.html import write_html
from checker.report.json_report import from_json_dict, to_json_dict, write_json
from checker.report.markdown import write_markdown

FORMATS = ("html", "json", "md", "csv")

# The file each format is written to, and its writer.
FILENAMES = {"html": "report.html", "json": "report.json", "md": "report.md", "csv": "findings.csv"}
_WRITERS: dict[str, Callable[[Result, Path], Path]] = {
    "html": write_html,
    "json": write_json,
    "md": write_markdown,
    "csv": write_csv,
}


def write_reports(result: Result, out_dir: Path, formats: Iterable[str] = FORMATS) -> list[Path]:
    """Write the chosen reports into ``out_dir`` (created if needed); return their paths.

    Formats are checked before anything is written, so an unknown one leaves
    no half-written output behind.
    """
    if isinstance(formats, str):
        # A lone "html" is one format, not four letters.
        formats = [formats]
    chosen: list[str] = []
    for fmt in formats:
        name = str(fmt).strip().lower()
        if name not in _WRITERS:
            raise ValueError(f"unknown report format {fmt!r}; valid formats are: {', '.join(FORMATS)}")
        if name not in chosen:
            chosen.append(name)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    return [_WRITERS[name](result, out_dir / FILENAMES[name]) for name in chosen]


__all__ = ["FILENAMES", "FORMATS", "from_json_dict", "to_json_dict", "write_reports"]
