"""Regenerate the screenshots in docs/: ingest the sample corpus into a temporary database, serve
it on loopback, and photograph every page with Debian's Chromium.

    python docs/screenshots.py
"""
from __future__ import annotations

import shutil
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PAGES = [
    ("home", "/", "홈: 조치·기사 현황과 월별 차트"),
    ("timeline", "/timeline?type=export_control", "타임라인: 수출통제만 걸러 본 조치"),
    ("measure", "/measures/1", "조치: 상태 변화와 근거 문장"),
    ("entity", "/entities/cn", "개체: 중국 — 주체·대상 조치와 함께 언급된 대상 그래프"),
    ("article", "/articles/1", "기사: 개체·금액·날짜·근거 문장 강조, 다른 게재본"),
    ("search", "/search?q=%EB%B0%98%EB%8F%84%EC%B2%B4+%EC%88%98%EC%B6%9C", "검색: '반도체 수출'"),
]
ARGS = ["--no-sandbox", "--headless=new", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main() -> int:
    import uvicorn
    from click.testing import CliRunner
    from playwright.sync_api import sync_playwright

    from chipwatch.cli import cli
    from chipwatch.web import create_app

    chromium = shutil.which("chromium")
    if not chromium:
        print("screenshots: error: Debian's chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as d:
        db = str(Path(d) / "docs.db")
        r = CliRunner().invoke(cli, ["--db", db, "ingest", str(ROOT / "examples" / "pages")], obj={})
        if r.exit_code:
            print(r.output, file=sys.stderr)
            return 1
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
        threading.Thread(target=srv.run, daemon=True).start()
        while not srv.started:
            time.sleep(0.05)
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=chromium, headless=True, args=ARGS)
            page = b.new_page(viewport={"width": 1280, "height": 860})
            lines = ["# Screenshots", "", "Made by `python docs/screenshots.py` from the sample corpus in `examples/pages`.", ""]
            for name, path, caption in PAGES:
                page.goto(f"http://127.0.0.1:{port}{path}")
                out = HERE / f"{name}.png"
                page.screenshot(path=str(out), full_page=True)
                lines += [f"## {caption}", "", f"![{caption}]({name}.png)", ""]
                print(f"{out.relative_to(ROOT)}")
            b.close()
        (HERE / "screenshots.md").write_text("\n".join(lines), encoding="utf-8")
        srv.should_exit = True
    return 0


if __name__ == "__main__":
    sys.exit(main())
