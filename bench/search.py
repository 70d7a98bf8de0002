"""Search latency on a large store (SQLite; PostgreSQL with --db).

    python bench/search.py [--articles 100000] [--queries 300] [--keep FILE | --db postgresql://...]

Builds a store of synthetic articles (their morpheme index is composed from pre-analysed
sentences, so building does not take Kiwi's time per article), then prints p50/p95/max latency
of `query.search` for varied one- to three-word Korean queries, with and without filters.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# bench/numbers.py shadows the standard library's `numbers`: keep this folder off the import path
sys.path = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(ROOT / "src"))

SUBJECTS = ["미국 상무부는", "일본 정부는", "중국 상무부는", "네덜란드 정부는", "산업통상자원부는", "삼성전자는", "SK하이닉스는",
            "TSMC는", "엔비디아는", "유럽연합은", "대만 경제부는", "인텔은"]
OBJECTS = ["첨단 반도체 장비 수출을", "고대역폭메모리 공급을", "AI 반도체 판매를", "갈륨과 게르마늄 수출을", "보조금 지급을",
           "공장 건설 계획을", "관세 부과를", "우려거래자 목록 추가를", "데이터센터 투자를", "희토류 수출 통제를"]
VERBS = ["발표했다.", "검토하고 있다.", "제한하기로 했다.", "확대할 방침이다.", "연기한 것으로 알려졌다.", "강화할 것으로 전망된다."]
QUERIES = ["반도체", "수출규제", "관세", "보조금", "고대역폭메모리", "우려거래자", "갈륨", "데이터센터 투자", "반도체 장비 수출",
           "희토류 통제", "엔비디아 AI 반도체", "공장 건설", "삼성전자 보조금", "네덜란드 수출", "대만 관세"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--keep", metavar="FILE", help="build the store here (or reuse it if it exists)")
    ap.add_argument("--db", metavar="URL", help="build in this empty PostgreSQL database instead (postgresql://...)")
    a = ap.parse_args()
    import statistics

    from chipwatch import query
    from chipwatch.analyze.terms import index_text
    from chipwatch.store import open_store

    rng = random.Random(3)
    sentences = [f"{s} {o} {v}" for s in SUBJECTS for o in OBJECTS for v in VERBS]
    analysed = {s: index_text(s) for s in sentences}   # Kiwi once per distinct sentence
    with tempfile.TemporaryDirectory() as d:
        db = a.db or a.keep or str(Path(d) / "bench.db")
        if a.keep and Path(a.keep).exists():
            time_queries(db, a, rng)
            return
        st = open_store(db)
        if a.db and st.counts()["articles"]:
            print(f"reusing the {st.counts()['articles']:,} articles already in {a.db}")
            st.close()
            time_queries(db, a, rng)
            return
        t = time.perf_counter()
        st.begin()
        for i in range(a.articles):
            body = rng.sample(sentences, 8)
            pub = f"20{rng.randint(19, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            aid = st._val(
                "INSERT INTO articles(fingerprint, source, title, published, outlet, body, ingested_at)"
                " VALUES (?,?,?,?,?,?,?) RETURNING id", (f"f{i}", f"s{i}", body[0], pub,
                                                         rng.choice(["연합뉴스", "뉴시스", "뉴스1"]), "\n\n".join(body), "now"))
            st.index_article(aid, analysed[body[0]], " ".join(analysed[s] for s in body))
            subject = body[0].split()[0]   # one entity row per article: the first sentence's subject
            st._run("INSERT INTO article_entities(article_id, entity_key, name, type, in_kb, mentions)"
                    " VALUES (?,?,?,?,1,1)", (aid, "e:" + subject, subject, "ORG"))
        st.commit()
        if a.db:
            st._run("ANALYZE")
        st.close()
        print(f"built {a.articles:,} articles in {time.perf_counter() - t:.1f} s")
        time_queries(db, a, rng)


def time_queries(db, a, rng):
    import statistics

    from chipwatch import query

    if True:
        query.search(db, "반도체")   # load Kiwi before timing
        for label, kw in (("plain", {}), ("filtered", {"since": "2023-01-01", "outlet": "연합뉴스"}), ("narrow", {"until": "2019-12-31"}),
                          ("entity", {"entity": "e:삼성전자는"})):
            times = []
            for _ in range(a.queries):
                q = rng.choice(QUERIES)
                t = time.perf_counter()
                query.search(db, q, **kw)
                times.append((time.perf_counter() - t) * 1000)
            times.sort()
            p95 = times[int(0.95 * (len(times) - 1))]
            print(f"{label:8} search: p50 {statistics.median(times):.1f} ms  p95 {p95:.1f} ms  max {times[-1]:.1f} ms "
                  f"over {a.queries} queries")


if __name__ == "__main__":
    main()
