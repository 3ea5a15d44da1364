"""`checker review` and `checker export` from the command line: bad stores, unsafe addresses, a real server.

Also the escaping of hostile article markup end to end: through `checker check` into report.html and
into the review app over the store that run wrote.  ``start_review`` is shared with the browser test.
"""

from __future__ import annotations

import queue
import re
import sqlite3
import subprocess
import sys
import threading
import urllib.error
import urllib.request
import warnings
from collections.abc import Iterator
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.review import create_app
from checker.review.server import check_bind
from checker.store import SCHEMA_VERSION
from tests.test_review_app import SLIP, build_store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # newer Starlette prefers httpx2; httpx works the same
    from starlette.testclient import TestClient

TOKEN = "a-token-long-enough-for-the-tests"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return build_store(tmp_path / "story.checker.sqlite")


def run_cli(*args: str):
    return CliRunner().invoke(main, list(args))


# --------------------------------------------------------------------------- bad input and unsafe addresses


def _corrupt(path: Path) -> Path:
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4096)
    return path


def _newer(path: Path) -> Path:
    build_store(path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    return path


@pytest.mark.parametrize("command", [["review"], ["export", "--format", "json"]])
@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p, r"\[E020\] no store at"),
        (_corrupt, r"\[E020\] .*(not a checker store|damaged)"),
        (_newer, r"\[E021\] .*newer than this checker"),
    ],
)
def test_a_missing_corrupt_or_newer_store_is_a_clear_error(tmp_path, command, make, message):
    path = make(tmp_path / "store.sqlite")
    existed = path.exists()
    result = run_cli(*command, "--db", str(path))
    assert result.exit_code == 2, result.output
    assert re.search(message, result.output), result.output
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)
    assert path.exists() == existed  # never created


def test_serving_off_loopback_needs_a_token(db):
    result = run_cli("review", "--db", str(db), "--host", "0.0.0.0")
    assert result.exit_code == 2
    assert "not a loopback address" in result.output and "--token" in result.output
    short = run_cli("review", "--db", str(db), "--host", "0.0.0.0", "--token", "short")
    assert short.exit_code == 2 and "at least 16 characters" in short.output
    check_bind("127.0.0.1", None)
    check_bind("localhost", None)
    check_bind("::1", None)
    check_bind("0.0.0.0", TOKEN)


def test_export_opens_the_store_read_only(db, tmp_path):
    before = db.read_bytes()
    result = run_cli("export", "--db", str(db), "--format", "csv")
    assert result.exit_code == 0, result.output
    assert db.read_bytes() == before


# --------------------------------------------------------------------------- a real server


def start_review(db: Path, *args: str) -> tuple[subprocess.Popen[str], str]:
    """`checker review --port 0` in a subprocess; returns it and the address it printed."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "checker.cli", "review", "--db", str(db), "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    assert proc.stdout is not None
    threading.Thread(target=lambda: lines.put(proc.stdout.readline()), daemon=True).start()
    try:
        line = lines.get(timeout=60)
    except queue.Empty:
        proc.kill()
        pytest.fail("`checker review` printed no address within 60 s")
    match = re.search(r"at (http://\S+)", line)
    if not match:
        proc.kill()
        errors = proc.stderr.read() if proc.stderr else ""
        pytest.fail(f"unexpected first line from `checker review`: {line!r} {errors}")
    return proc, match.group(1)


@pytest.fixture
def server(db: Path) -> Iterator[str]:
    proc, url = start_review(db)
    yield url
    proc.terminate()
    proc.wait(timeout=20)


def test_the_real_server_serves_on_loopback_and_prints_its_address(server):
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", server)
    with urllib.request.urlopen(server, timeout=20) as response:
        html = response.read().decode()
        assert response.status == 200 and response.headers["content-security-policy"]
    assert f'data-finding="{SLIP}"' in html
    with urllib.request.urlopen(server + f"findings/{SLIP}", timeout=20) as response:
        assert "14 billion euros" in response.read().decode()


def test_the_real_server_with_a_token(db):
    proc, url = start_review(db, "--token", TOKEN)
    try:
        assert url.endswith(f"?token={TOKEN}")
        bare = url.split("?")[0]
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(bare, timeout=20)
        assert refused.value.code == 401
        # The printed address works in a browser: the token becomes a cookie and leaves the address.
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        with browser.open(url, timeout=20) as response:
            assert response.status == 200 and response.url == bare
        with browser.open(bare + f"findings/{SLIP}", timeout=20) as response:
            assert response.status == 200
        request = urllib.request.Request(bare, headers={"Authorization": f"Bearer {TOKEN}"})
        with urllib.request.urlopen(request, timeout=20) as response:
            assert response.status == 200
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_a_port_in_use_is_a_clear_error(server, db):
    port = server.rsplit(":", 1)[1].strip("/")
    result = run_cli("review", "--db", str(db), "--port", port)
    assert result.exit_code == 2 and f"cannot serve on 127.0.0.1:{port}" in result.output


# --------------------------------------------------------------------------- hostile markup, end to end

HOSTILE_EN = """Title: <script>alert('title')</script> Trade record
Outlet: Example <b>Tribune</b>
Date: 2023-03-03
Lang: en

Bilateral trade between France and Morocco reached 14 billion euros in 2022, <script>alert(1)</script> said \
the minister <img src=x onerror=alert(document.cookie)>.
"""
FR = """Title: Les échanges franco-marocains
Outlet: Le Courrier d'Exemple
Date: 2023-03-02
Lang: fr

Les échanges bilatéraux entre la France et le Maroc ont atteint 14 millions d'euros en 2022.
"""


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """`checker check` over a FR article and an EN one full of markup; returns (report folder, store)."""
    root = tmp_path_factory.mktemp("hostile")
    articles = root / "articles"
    articles.mkdir()
    (articles / "fr.txt").write_text(FR, encoding="utf-8")
    (articles / "en.md").write_text(HOSTILE_EN, encoding="utf-8")
    out = root / "out" / "story"
    result = run_cli("check", str(articles), "--out", str(out), "--no-progress", "--workers", "1")
    assert result.exit_code == 0, result.output
    return out, out.with_name("story.checker.sqlite")


def test_report_html_from_checker_check_escapes_article_markup(checked):
    out, _ = checked
    html = (out / "report.html").read_text(encoding="utf-8")
    lowered = html.lower()
    assert "<script" not in lowered and "<img" not in lowered and "<b>" not in lowered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "onerror=alert(document.cookie)&gt;" in html


def test_the_review_app_over_a_real_run_escapes_article_markup(checked):
    _, db = checked
    client = TestClient(create_app(db), base_url="http://127.0.0.1")
    listing = client.get("/")
    (finding_id,) = re.findall(r'data-finding="([^"]+)"', listing.text)
    finding = client.get(f"/findings/{finding_id}").text
    doc_links = re.findall(r'href="(/documents/[^"]+)"', finding)
    assert len(doc_links) == 2
    article = (
        client.get(doc_links[1].replace("&amp;", "&")).text
        + client.get(doc_links[0].replace("&amp;", "&")).text
    )
    for html in (listing.text, finding, article):
        lowered = html.lower()
        assert "<script" not in lowered and "<img" not in lowered and "<b>" not in lowered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in finding
    assert "&lt;img src=x onerror=alert(document.cookie)&gt;" in article
    assert '<mark id="figure">14 billion euros</mark>' in article
