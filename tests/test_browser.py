"""The web app in a real browser: Playwright driving Debian's Chromium against a server on
loopback. Opens every page, uses search and a filter, follows links, and checks what is shown."""
import shutil
import socket
import threading
import time

import pytest
from click.testing import CliRunner

from chipwatch.cli import cli

from conftest import EXAMPLES

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)")
# the machine has no outside network: Chromium must not try to reach Google's services
ARGS = ["--no-sandbox", "--headless=new", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn

    from chipwatch.web import create_app

    db = str(tmp_path_factory.mktemp("web") / "web.db")
    assert CliRunner().invoke(cli, ["--db", db, "ingest", str(EXAMPLES)], obj={}).exit_code == 0
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    t = threading.Thread(target=srv.run, daemon=True)
    t.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    t.join(5)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server)
    pg = ctx.new_page()
    outside = []
    # nothing may be fetched from anywhere but the app itself
    pg.on("request", lambda r: outside.append(r.url) if not r.url.startswith(server) else None)
    yield pg
    assert outside == []
    ctx.close()


def test_home_shows_counts_chart_and_latest(page):
    page.goto("/")
    assert page.locator(".tiles div").first.inner_text().startswith("4")
    bars = page.locator("svg.chart rect")
    assert bars.count() >= 5
    assert "수출통제 (Export control)" in page.locator(".legend").first.inner_text()
    rows = page.locator("table.measures tbody tr")
    assert rows.count() == 9
    assert page.locator("ul.articles li").first.inner_text().startswith("美, 中기업 140곳")
    assert page.evaluate("getComputedStyle(document.querySelector('header.top')).backgroundColor") == "rgb(16, 36, 62)"


def test_timeline_filter_and_click_to_measure(page):
    page.goto("/timeline")
    assert page.locator("svg.timeline a.dot").count() == 9
    page.select_option("select[name=type]", "export_control")
    page.fill("input[name=target]", "China")
    page.click("form.filters button")
    page.wait_for_url("**/timeline?type=export_control*")
    dots = page.locator("svg.timeline a.dot")
    assert dots.count() == 2   # 2022-10 US rules and the 2024-12 BIS rules
    assert all("China" in t for t in page.locator("table.measures tbody td:nth-child(4)").all_inner_texts())
    page.locator("table.measures tbody a").first.click()
    page.wait_for_url("**/measures/*")
    assert "수출통제" in page.locator("h1").inner_text()
    assert page.locator("blockquote.evidence").count() >= 1
    assert "발표" in page.locator("ol.history").inner_text()


def test_entity_page_with_graph(page):
    page.goto("/entities?type=COUNTRY")
    names = page.locator("table.entities tbody td:first-child").all_inner_texts()
    assert names[0] == "중국" and "일본" in names
    page.click("text=중국")
    page.wait_for_url("**/entities/cn")
    assert "China" in page.locator("h1").inner_text()
    assert page.locator("svg.graph a.node").count() >= 5
    assert page.locator("svg.graph line.edge").count() >= 4
    target_rows = page.locator("section.two table.measures").nth(1).locator("tbody tr")
    assert target_rows.count() == 4
    page.locator("svg.graph a.node[data-key=jp]").click()
    page.wait_for_url("**/entities/jp")
    assert "Japan" in page.locator("h1").inner_text()


def test_article_page_highlights_and_copies(page):
    page.goto("/articles/1")
    assert page.locator("h1").inner_text().startswith("美, 中기업 140곳")
    assert page.locator(".body .ent-country").count() >= 3
    assert page.locator(".body .amt").first.inner_text() == "140곳"
    assert "우려거래자 목록" in " ".join(page.locator(".body .ev").all_inner_texts())
    assert page.locator(".body .dt").count() >= 1
    assert page.locator("ul.copies li").count() == 2
    assert "(Entity listing)" in page.locator("ul.events").inner_text()


def test_search_with_filter(page):
    page.goto("/search")
    page.fill("form.search input[name=q]", "반도체 수출")
    page.click("form.search button")
    page.wait_for_url("**/search?q=*")
    results = page.locator("ol.results li")
    n = results.count()
    assert n >= 3 and page.locator("ol.results mark").count() >= n
    page.select_option("form.search select[name=type]", "entity_listing")
    page.click("form.search button")
    page.wait_for_url("**type=entity_listing*")
    assert 1 <= page.locator("ol.results li").count() < n
    assert "140곳" in page.locator("ol.results li a").first.inner_text()
    page.locator("ol.results li a").first.click()
    page.wait_for_url("**/articles/*")


def test_quick_search_and_missing_page(page):
    page.goto("/")
    page.fill("header .quick input", "고대역폭메모리")
    page.press("header .quick input", "Enter")
    page.wait_for_url("**/search?q=*")
    assert page.locator("ol.results li").count() >= 1
    resp = page.goto("/articles/999")
    assert resp.status == 404 and "no article with id 999" in page.locator(".error").inner_text()
