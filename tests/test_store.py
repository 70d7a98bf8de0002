import sqlite3

import pytest

from chipwatch import dedup, settings
from chipwatch.runners.local import ingest
from chipwatch.store import open_store
from chipwatch.store.sqlite import SCHEMA_VERSION

from conftest import EXAMPLES

A = "미국 상무부는 중국 반도체 기업 140곳을 우려거래자 목록에 추가한다고 2일 발표했다.\n이번 조치는 고대역폭메모리와 반도체 장비 24종의 수출을 제한하는 내용을 담고 있다.\n업계에서는 국내 기업의 대중 수출에 일부 영향이 있을 것으로 전망했다.\n"
B = "일본 정부는 반도체 제조 장비 23개 품목을 수출관리 대상에 추가한다고 31일 밝혔다.\n경제산업상은 기술의 군사 전용을 막기 위한 조치라고 설명했다.\n규제는 오는 7월부터 시행될 예정이라고 덧붙였다.\n"


def run(db, paths, **over):
    st = open_store(db)
    try:
        return ingest([str(p) for p in paths], st, settings.load({"db": db, **over}))
    finally:
        st.close()


def test_schema_is_versioned(db):
    open_store(db).close()
    con = sqlite3.connect(db)
    assert con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == str(SCHEMA_VERSION)


def test_reingest_changes_nothing(db):
    s1 = run(db, [EXAMPLES])
    before = sqlite3.connect(db).execute("SELECT count(*), (SELECT count(*) FROM pages) FROM articles").fetchone()
    s2 = run(db, [EXAMPLES])
    after = sqlite3.connect(db).execute("SELECT count(*), (SELECT count(*) FROM pages) FROM articles").fetchone()
    assert s1.stored >= 4 and s2.stored == 0 and s2.unchanged == s1.pages and before == after


def test_exact_and_near_duplicates_are_recorded_not_dropped(db, tmp_path):
    (tmp_path / "a.txt").write_text("제목 하나입니다\n" + A)
    (tmp_path / "b.txt").write_text("다른 포털 메뉴\n로그인\n제목 하나입니다\n" + A + "댓글목록\n")
    (tmp_path / "c.txt").write_text("제목 하나입니다\n" + A.replace("전망했다", "내다봤다"))
    (tmp_path / "d.txt").write_text("제목 둘입니다\n" + B)
    s = run(db, [tmp_path])
    assert (s.stored, s.exact, s.near) == (2, 1, 1)
    st = open_store(db, readonly=True)
    art = st.get_article(1)
    assert {c["relation"] for c in art["copies"]} == {"exact", "near"}
    assert all(c["source"].endswith(("b.txt", "c.txt")) for c in art["copies"])


def test_failed_inputs_do_not_touch_the_store(db, tmp_path):
    (tmp_path / "a.txt").write_text("제목 하나입니다\n" + A)
    run(db, [tmp_path / "a.txt"])
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01" * 100)
    s = run(db, [tmp_path / "bin.txt", tmp_path / "missing.txt"])
    assert len(s.failures) == 2 and s.stored == 0
    assert open_store(db, readonly=True).counts()["articles"] == 1


def test_interrupt_keeps_completed_batches(db, tmp_path):
    for i in range(5):
        (tmp_path / f"p{i}.txt").write_text(f"제목 {i}번 기사입니다\n" + B.replace("23개", f"{i + 10}개") * (i + 1)
                                            + f"관계자는 {i}번째 조치를 두고 설명했다고 말했다 그리고 덧붙였다.\n" * (i + 2))
    st = open_store(db)
    seen = []

    def stop_at_fourth(src):
        seen.append(src)
        if len(seen) == 4:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest([str(tmp_path)], st, settings.load({"db": db, "batch_pages": 2}), on_page=stop_at_fourth)
    st.close()
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 2   # one full batch of two
    s = run(db, [tmp_path])
    assert s.unchanged == 2 and s.stored + s.near + s.exact == 3


def test_minhash_round_trip():
    m = dedup.minhash(A, 64)
    back = dedup.minhash_from_bytes(dedup.minhash_bytes(m), 64)
    assert m.jaccard(back) == 1.0
    assert dedup.minhash(B, 64).jaccard(m) < 0.3


def test_not_a_database(tmp_path):
    from chipwatch.errors import StoreError

    p = tmp_path / "x.db"
    p.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a chipwatch database"):
        open_store(str(p))


def test_version_4_store_migrates_keeping_status_history(tmp_path):
    from chipwatch.store.sqlite import MIGRATIONS, SQLiteStore

    p = tmp_path / "v4.db"
    con = sqlite3.connect(p)
    con.executescript("".join(MIGRATIONS[v] + ";" for v in (1, 2, 3, 4)) +
                      "INSERT INTO meta VALUES ('schema_version', '4');"
                      "INSERT INTO articles(fingerprint, source, body, ingested_at) VALUES ('f', 's', 'b', 'now');"
                      "INSERT INTO measures(type, actors, targets, items, status) VALUES ('tariff', '[]', '[]', '[]', 'in_effect');"
                      "INSERT INTO measure_status VALUES (1, 'proposed', 1, '2024-01-01');"
                      "INSERT INTO measure_status VALUES (1, 'announced', 1, '2024-02-01');"
                      "INSERT INTO measure_status VALUES (1, 'in_effect', 1, '2024-03-01');")
    con.close()
    st = SQLiteStore(str(p))
    assert [(r["id"], r["status"]) for r in st._all("SELECT id, status FROM measure_status ORDER BY id")] == \
        [(1, "proposed"), (2, "announced"), (3, "in_effect")]
    st.close()
    con = sqlite3.connect(p)
    assert con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == str(SCHEMA_VERSION)
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert {"articles_outlet", "articles_published_outlet", "events_type", "measure_status_measure"} <= names
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
