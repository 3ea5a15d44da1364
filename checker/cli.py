"""The ``checker`` command: a thin layer that parses options and calls the library.

Library errors (``CheckerError``) become a one-line message and exit code 2;
skipped inputs are listed on stderr; progress goes to stderr on a terminal.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import CheckerError
from .report import FORMATS

DEFAULT_OUT = Path("reports") / "latest"
DEMO_OUT = Path("reports") / "demo"


def _formats(value: str | None) -> list[str]:
    if not value:
        return list(FORMATS)
    chosen = [v.strip().lower() for v in value.split(",") if v.strip()]
    bad = [v for v in chosen if v not in FORMATS]
    if bad:
        raise click.BadParameter(f"unknown format {', '.join(bad)} (choose from {', '.join(FORMATS)})")
    return chosen


def _run(fn: Callable[[], Any]) -> Any:
    try:
        return fn()
    except CheckerError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)


def _progress_printer(enabled: bool) -> Callable[[int, int, Any], None] | None:
    if not enabled:
        return None

    def show(done: int, total: int, doc: Any) -> None:
        width = 30
        filled = int(width * done / total) if total else width
        click.echo(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} documents", err=True, nl=False)
        if done == total:
            click.echo("", err=True)

    return show


def _report_run(result: Any, out: Path, formats: list[str], quiet: bool) -> None:
    from .pipeline import write

    for s in result.skipped:
        click.echo(f"skipped {s.path}: {s.reason}", err=True)
    paths = write(result, out, formats)
    if quiet:
        return
    by_sev: dict[str, int] = {}
    for f in result.findings:
        by_sev[f.severity] = by_sev.get(f.severity, 0) + 1
    sev = ", ".join(
        f"{n} {s}" for s, n in sorted(by_sev.items(), key=lambda kv: ("high", "medium", "low").index(kv[0]))
    )
    click.echo(
        f"{len(result.documents)} documents, {len(result.claims)} claims, {len(result.findings)} findings"
        + (f" ({sev})" if sev else "")
        + (f", {len(result.skipped)} skipped" if result.skipped else "")
        + (
            f", {result.stats['analysed']} analysed, {result.stats['cached']} from cache"
            if result.stats
            else ""
        )
    )
    for p in paths:
        click.echo(f"  wrote {p}")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="checker")
def main() -> None:
    """Find numeric claims that contradict each other across news articles (French and English).

    Typical use: `checker check articles/ --out reports/story` then open reports/story/report.html.
    """


@main.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out",
    "-o",
    type=click.Path(path_type=Path),
    default=DEFAULT_OUT,
    show_default=True,
    help="Folder for the reports (created if missing).",
)
@click.option(
    "--format",
    "formats",
    default=None,
    metavar="LIST",
    help=f"Comma-separated subset of {', '.join(FORMATS)} (default: all).",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show a progress bar on stderr (default: when stderr is a terminal).",
)
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors and skipped files.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Processes that analyse the documents (default: one per core; small runs use fewer).",
)
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="FILE",
    help="Store that makes re-runs incremental and keeps findings across runs "
    "(default: OUT.checker.sqlite, beside the OUT folder).",
)
@click.option("--no-db", is_flag=True, help="Use no store: analyse every document, record nothing.")
def check_cmd(
    paths: tuple[Path, ...],
    out: Path,
    formats: str | None,
    progress: bool | None,
    quiet: bool,
    workers: int | None,
    db: Path | None,
    no_db: bool,
) -> None:
    """Check PATHS (files and folders, read recursively) and write the reports.

    Reads .txt and .md (optionally with a `Key: value` header block or YAML front matter), .html/.htm
    (main text and metadata extracted) and .json/.jsonl (records with `text` and optional `id`, `title`,
    `outlet`, `url`, `published`, `lang`). Unreadable files are skipped with their reason; the run goes on.

    Writes OUT/report.html, OUT/report.json, OUT/report.md and OUT/findings.csv. A re-run analyses again
    only the documents that changed since (or all of them when a rule or lexicon file changed).
    """
    from .pipeline import check

    if db and no_db:
        raise click.UsageError("--db and --no-db exclude each other")
    store = None if no_db else db or _default_db(out)
    fmts = _formats(formats)
    show = sys.stderr.isatty() if progress is None else progress
    printer = _progress_printer(show and not quiet)
    result = _run(lambda: check(list(paths), progress=printer, workers=workers, db=store))
    _run(lambda: _report_run(result, out, fmts, quiet))
    if store and not quiet:
        click.echo(f"  store {store}")


def _default_db(out: Path) -> Path:
    """OUT.checker.sqlite beside the report folder: OUT itself holds only the reports asked for."""
    if out.name in ("", ".", ".."):
        out = out.resolve()
    if not out.name:
        return out / "checker.sqlite"
    return out.with_name(out.name + ".checker.sqlite")


@main.command("demo")
@click.option(
    "--out",
    "-o",
    type=click.Path(path_type=Path),
    default=DEMO_OUT,
    show_default=True,
    help="Folder for the demo report.",
)
def demo_cmd(out: Path) -> None:
    """Check the bundled sample corpus (articles in French and English) and write its report."""
    from .paths import sample_corpus_dir, shown_path
    from .pipeline import check

    corpus = shown_path(sample_corpus_dir())
    click.echo(f"Checking the sample corpus ({corpus}/)")
    # No store: the committed demo report stays the only thing written, deterministic and text only.
    result = _run(lambda: check([corpus], db=None))
    _run(lambda: _report_run(result, out, list(FORMATS), False))
    click.echo(f"Open {out / 'report.html'} in a browser.")


@main.command("extract")
@click.option(
    "--input",
    "-i",
    "input_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="JSONL file of cases {id, text, lang, reference_date}.",
)
@click.option(
    "--output",
    "-o",
    "output_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="JSONL file to write: {id, mentions: [...]} per case.",
)
def extract_cmd(input_path: Path, output_path: Path) -> None:
    """Extract the figures of each case of a JSONL file (the same extractor as `check`)."""
    from .extract_cases import extract_cases

    n = _run(lambda: extract_cases(input_path, output_path))
    click.echo(f"{n} cases written to {output_path}")


@main.command("rules")
@click.option("--json", "as_json", is_flag=True, help="Print the rules as JSON.")
def rules_cmd(as_json: bool) -> None:
    """List the comparison rules (from rules/compare/) with their descriptions and parameters."""
    from .rules import load_rules

    rules = _run(load_rules)
    if as_json:
        click.echo(
            json.dumps(
                [
                    {
                        "id": r.id,
                        "severity": r.severity,
                        "priority": r.priority,
                        "description": r.description,
                        "params": r.params,
                    }
                    for r in rules
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    for r in rules:
        click.echo(f"{r.id}  [{r.severity}, priority {r.priority}]")
        click.echo(f"    {r.description}")
        if r.params:
            click.echo(f"    params: {json.dumps(r.params, ensure_ascii=False)}")


_DB_OPTION = click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="FILE",
    help="The store `checker check` wrote (default: reports/latest.checker.sqlite).",
)


@main.command("review")
@_DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to serve on.")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="Port (0: a free one)."
)
@click.option(
    "--token",
    envvar="CHECKER_REVIEW_TOKEN",
    default=None,
    metavar="TOKEN",
    help="Access token every request must present (required off loopback; also CHECKER_REVIEW_TOKEN).",
)
def review_cmd(db: Path | None, host: str, port: int, token: str | None) -> None:
    """Start the review app: a local web page to go through the findings of a store and give verdicts.

    Prints the address to open, then serves until Ctrl+C. Binds to 127.0.0.1 unless --host says otherwise;
    any other address needs --token.
    """
    try:
        from .review import serve
    except ImportError as exc:  # pragma: no cover - the web dependencies are regular ones
        click.echo(f"error: the review app needs {exc.name}: pip install -e .", err=True)
        sys.exit(2)

    store = db or _default_db(DEFAULT_OUT)

    def announce(address: str) -> None:
        click.echo(f"Reviewing {store} at {address}  (Ctrl+C to stop)")

    _run(lambda: serve(store, host=host, port=port, token=token, announce=announce))


@main.command("export")
@_DB_OPTION
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "json", "claimreview"]),
    required=True,
    help="csv or json: the reviewed findings; claimreview: ClaimReview JSON-LD of the confirmed errors.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="FILE",
    help="Write to FILE instead of standard output.",
)
@click.option(
    "--publisher",
    default="Figure checker",
    show_default=True,
    help="The reviewing organisation named as the ClaimReview's author.",
)
@click.option("--all", "include_open", is_flag=True, help="csv/json: also findings that have no verdict yet.")
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=click.Choice(["open", "confirmed_error", "not_a_contradiction", "needs_follow_up"]),
    help="csv/json: only findings with this status (repeatable).",
)
def export_cmd(
    db: Path | None,
    fmt: str,
    output: Path | None,
    publisher: str,
    include_open: bool,
    statuses: tuple[str, ...],
) -> None:
    """Export the reviewed findings of a store (opened read-only) as CSV, JSON or ClaimReview JSON-LD."""
    from .export import export_store

    store = db or _default_db(DEFAULT_OUT)
    text = _run(
        lambda: export_store(
            store, fmt, publisher=publisher, include_open=include_open, statuses=statuses or None
        )
    )
    if output is None:
        click.echo(text, nl=False)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8", newline="")


@main.group("bench")
def bench_group() -> None:
    """Benchmarks: measure speed, memory and accuracy, print a table and write it as JSON."""


@bench_group.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--repeat", default=3, show_default=True, help="Timed runs after the warm-up; the best is kept."
)
@click.option(
    "--json-out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the measures to this JSON file.",
)
def bench_check_cmd(paths: tuple[Path, ...], repeat: int, json_out: Path | None) -> None:
    """Time one end-to-end check of PATHS: stages, words per second, peak memory."""
    from .bench.check_run import bench_check, table

    data = _run(lambda: bench_check(list(paths), repeat))
    click.echo(table(data))
    if json_out:
        json_out.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


@bench_group.command("extraction")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--limit", type=click.IntRange(min=1), default=None, help="Score only the first N cases of each file."
)
@click.option(
    "--peers/--no-peers",
    default=True,
    show_default=True,
    help="Also score Recognizers-Text and quantulum3 (installed in their own venv on first use).",
)
@click.option(
    "--json-out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the scores to this JSON file.",
)
@click.option(
    "--disagreements",
    is_flag=True,
    help="Also list the cases where our span matches but the value, unit or date differs, with our reading.",
)
def bench_extraction_cmd(
    files: tuple[Path, ...], limit: int | None, peers: bool, json_out: Path | None, disagreements: bool
) -> None:
    """Score the extractor (and its peers) on peer test suites FILE... (JSONL): span and value F1 per file."""
    from .bench.extraction import bench_extraction, disagreements_text, table, to_json

    data = _run(lambda: bench_extraction(list(files), limit, peers, log=lambda m: click.echo(m, err=True)))
    click.echo(table(data))
    if disagreements:
        click.echo("\n# Disagreements (our span matches, our reading differs)\n")
        click.echo(disagreements_text(data))
    if json_out:
        json_out.write_text(
            json.dumps(to_json(data, disagreements), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )


@bench_group.command("speed")
@click.option("--articles", default=5000, show_default=True, help="Articles in the generated corpus.")
@click.option("--seed", default=7, show_default=True, help="Seed of the corpus generator.")
@click.option("--corpus", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Keep the generated corpus in this folder (reused when it already holds it).")
@click.option("--synthetic", default=1_000_000, show_default=True,
              help="Synthetic claims for the grouping and comparison measure.")
@click.option("--json-out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the measures to this JSON file.")
def bench_speed_cmd(
    articles: int, seed: int, corpus: Path | None, synthetic: int, json_out: Path | None
) -> None:
    """Throughput (1 and 2 workers) against spaCy, re-runs, stages, memory, and 1M-claim grouping."""
    from .bench.speed import run, table

    data = run(articles, seed, corpus, synthetic, log=lambda m: click.echo(m, err=True))
    click.echo(table(data))
    if json_out:
        json_out.write_text(json.dumps(data, indent=2, default=str) + "\n", encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover
    main()
