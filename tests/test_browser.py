"""The review loop in a real browser: headless Chromium (Debian's) driven by Playwright for Python.

A small corpus with a scale slip between a French and an English article is checked into a store, the
real server (`checker review`, uvicorn) is started on a free loopback port, and the browser opens the
list, opens the finding, confirms it with a note, reloads, and sees the verdict and its history; then
`checker check` runs again over the corpus plus a new article and the verdict is still there.  Skipped,
saying why, where no Chromium binary or no Playwright is installed (CI installs both).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main
from tests.test_review_cli import start_review

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

FR = """Title: Les échanges franco-marocains au plus haut
Outlet: Le Courrier d'Exemple
Date: 2023-03-02
Lang: fr

Les échanges bilatéraux entre la France et le Maroc ont atteint 14 millions d'euros en 2022.
"""
EN = """Title: France-Morocco trade at record
Outlet: Example Tribune
Date: 2023-03-03
URL: https://example.org/france-morocco-trade
Lang: en

Bilateral trade between France and Morocco reached 14 billion euros in 2022.
"""
NEW = """Title: Le port de Tanger Med
Outlet: La Gazette d'Exemple
Date: 2023-03-05
Lang: fr

Le port de Tanger Med a traité 7,6 millions de conteneurs en 2022.
"""
NOTE = "Customs data say 14 billion: the French article slipped a scale word."

if not Path(CHROMIUM).is_file():
    pytest.skip(f"no Chromium binary at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")


def check(articles: Path, out: Path) -> str:
    result = CliRunner().invoke(
        main, ["check", str(articles), "--out", str(out), "--no-progress", "--workers", "1"]
    )
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, Path]:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "fr.txt").write_text(FR, encoding="utf-8")
    (articles / "en.md").write_text(EN, encoding="utf-8")
    out = tmp_path / "reports" / "story"
    assert "1 findings (1 high)" in check(articles, out)
    return articles, out


@pytest.fixture
def browser_page() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.set_default_timeout(30_000)
            yield page
        finally:
            browser.close()


def test_confirm_a_finding_in_the_browser_and_keep_it_across_runs(corpus, browser_page):
    articles, out = corpus
    page = browser_page
    proc, url = start_review(out.with_name("story.checker.sqlite"))
    try:
        # The list: one open finding.
        page.goto(url)
        assert page.locator("tr[data-finding]").count() == 1
        assert page.locator('[data-count="open"]').inner_text() == "1"

        # The finding: both claims side by side, the figures highlighted.
        page.click("a.finding-link")
        claims = page.locator("article.claim")
        assert claims.count() == 2
        assert claims.nth(0).locator("mark").inner_text() == "14 millions d'euros"
        assert claims.nth(1).locator("mark").inner_text() == "14 billion euros"
        finding_url = page.url

        # The article's full text with the figure in place, and back.
        claims.nth(0).locator("a.text-link").click()
        assert page.locator("mark#figure").inner_text() == "14 millions d'euros"
        page.go_back()

        # Confirm it, naming the wrong figure, with a note.
        page.check('input[name="status"][value="confirmed_error"]')
        page.locator("label.radio", has_text="14 millions d'euros").locator("input").check()
        page.fill('textarea[name="note"]', NOTE)
        page.fill('input[name="reviewer"]', "Ana")
        page.click("section.verdict button[type=submit]")
        page.wait_for_url(re.compile(r"\?saved=1$"))
        assert "Verdict saved." in page.locator(".alert.ok").inner_text()

        # Reload: the verdict and its history are there.
        page.goto(finding_url)
        page.reload()
        assert "Confirmed error" in page.locator("section.verdict").inner_text()
        history = page.locator("section.history").inner_text()
        assert "Ana" in history and NOTE in history and "Open → Confirmed error" in history
        assert "Named as the wrong figure" in claims.nth(0).inner_text()

        # A new run over the corpus plus one new article keeps the verdict.
        (articles / "tanger.txt").write_text(NEW, encoding="utf-8")
        assert "1 analysed, 2 from cache" in check(articles, out)
        page.reload()
        assert "Confirmed error" in page.locator("section.verdict").inner_text()
        assert page.locator("section.history li").count() == 1
        assert page.locator(".mark-changed").count() == 0 and page.locator(".mark-gone").count() == 0
        page.goto(url)
        assert page.locator('[data-count="confirmed_error"]').inner_text() == "1"
        assert page.locator('[data-count="open"]').inner_text() == "0"
    finally:
        proc.terminate()
        proc.wait(timeout=20)
