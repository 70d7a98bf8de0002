"""Cleaning and ingest throughput on a synthetic corpus of varied pages.

    python bench/clean.py [--pages 20000]

Prints pages/s for cleaning alone and for full ingest (clean, analyse, dedup, SQLite).
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

# bench/numbers.py shadows the standard library's `numbers`: keep this folder off the import path
sys.path = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from chipwatch import settings  # noqa: E402
from chipwatch.clean import clean  # noqa: E402
from chipwatch.models import Page  # noqa: E402

ACTORS = ["미국 상무부", "일본 경제산업성", "네덜란드 정부", "산업통상자원부", "중국 상무부", "대만 경제부", "유럽연합(EU)"]
TARGETS = ["중국 반도체 기업", "화웨이", "SMIC", "러시아", "삼성전자", "SK하이닉스", "TSMC", "마이크론"]
ITEMS = ["첨단 반도체 장비", "고대역폭메모리(HBM)", "AI 반도체", "극자외선(EUV) 노광장비", "갈륨과 게르마늄", "불화수소"]
VERBS = ["수출을 제한하는 조치를 발표했다", "보조금을 지급하기로 했다", "관세를 부과할 방침이다", "투자 계획을 밝혔다",
         "협약을 맺었다고 밝혔다", "규제를 강화할 것으로 전망된다", "면담하고 협력 방안을 논의했다"]
TOP = ["로그인 회원가입", "전체메뉴", "• 정치\n• 경제\n• 산업", "기사 스크랩\n-\n공유\n-\n프린트", "가장작게\n작게\n기본\n크게"]
BOTTOM = ["좋아요0\n화나요0", "주요 뉴스\n• 코스피 마감 시황\n• 주말 날씨", "댓글목록\n등록된 댓글이 없습니다.",
          "실시간 암호화폐 시세\n비트코인\n96,808,000\n+5.07%", "Copyright © 예시뉴스 무단 전재 및 재배포 금지"]


def sentence(rng: random.Random) -> str:
    return (f"{rng.choice(ACTORS)}는 {rng.randint(1, 28)}일 {rng.choice(TARGETS)}에 대한 {rng.choice(ITEMS)} "
            f"{rng.choice(VERBS)}. 업계는 {rng.randint(2, 90)}% 가량 영향이 있을 것으로 보고 있다.")


def page(i: int, rng: random.Random) -> str:
    body = "\n".join(sentence(rng) for _ in range(rng.randint(4, 12)))
    head = "\n".join(rng.sample(TOP, 2))
    tail = "\n".join(rng.sample(BOTTOM, 3))
    title = f"{rng.choice(ACTORS)}, {rng.choice(ITEMS)} 관련 조치 {i}"
    byline = f"홍길동 기자 hong{i % 97}@newsis.com"
    meta = f"입력 2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"
    twice = body if rng.random() < 0.1 else ""
    return "\n".join([head, title, meta, body, twice, byline, tail])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=20000)
    a = ap.parse_args()
    rng = random.Random(7)
    texts = [page(i, rng) for i in range(a.pages)]
    t = time.perf_counter()
    for i, tx in enumerate(texts):
        clean(Page(f"p{i}.txt", tx))
    dt = time.perf_counter() - t
    print(f"clean:  {a.pages} pages in {dt:.1f} s = {a.pages / dt:,.0f} pages/s")

    from chipwatch.runners.local import ingest
    from chipwatch.store import open_store

    with tempfile.TemporaryDirectory() as d:
        src = Path(d) / "pages"
        src.mkdir()
        for i, tx in enumerate(texts):
            (src / f"p{i:05d}.txt").write_text(tx, encoding="utf-8")
        db = str(Path(d) / "bench.db")
        st = open_store(db)
        t = time.perf_counter()
        s = ingest([str(src)], st, settings.load({"db": db}))
        dt = time.perf_counter() - t
        st.close()
        print(f"ingest: {s.pages} pages in {dt:.1f} s = {s.pages / dt:,.0f} pages/s "
              f"(stored {s.stored}, duplicates {s.duplicates}, failed {len(s.failures)})")


if __name__ == "__main__":
    main()
