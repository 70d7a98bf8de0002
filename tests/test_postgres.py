"""PostgreSQL keeps the same record as SQLite: one schema, one query layer, compared call by call."""
import pytest
from click.testing import CliRunner

from chipwatch import query, settings
from chipwatch.cli import cli
from chipwatch.errors import StoreError
from chipwatch.runners.local import ingest
from chipwatch.store import SCHEMA_VERSION, open_store

from conftest import EXAMPLES


def fill(db):
    r = CliRunner().invoke(cli, ["--db", db, "ingest", str(EXAMPLES)], obj={}, catch_exceptions=False)
    assert r.exit_code == 0, r.output
    return r.output


def strip(rows):
    # timestamps of ingest differ between the two runs; everything else must not
    if isinstance(rows, dict):
        return {k: strip(v) for k, v in rows.items() if k != "ingested_at"}
    if isinstance(rows, list):
        return [strip(x) for x in rows]
    if isinstance(rows, float):
        return round(rows, 3)
    return rows


def test_same_record_on_both_engines(pg, db):
    out_pg, out_lite = fill(pg), fill(db)
    assert out_pg == out_lite
    for fn, kw in [(query.list_docs, {}), (query.list_docs, {"outlet": "연합뉴스"}), (query.list_entities, {}),
                   (query.list_measures, {}), (query.list_measures, {"etype": "export_control", "target": "china"}),
                   (query.list_events, {}), (query.stats, {}), (query.timeline, {})]:
        assert strip(fn(pg, **kw)) == strip(fn(db, **kw)), fn.__name__
    for aid in (1, 2, 3, 4):
        assert strip(query.get_doc(pg, aid)) == strip(query.get_doc(db, aid))
    for name in ("China", "ASML", "일본"):
        assert strip(query.get_entity(pg, name)) == strip(query.get_entity(db, name))
    for m in query.list_measures(db):
        assert strip(query.get_measure(pg, m["id"])) == strip(query.get_measure(db, m["id"]))


def test_search_on_postgres(pg):
    fill(pg)
    a = query.search(pg, "수출규제")
    assert a and [r["id"] for r in a] == [r["id"] for r in query.search(pg, "수출 규제")]
    assert all(r["outlet"] == "뉴시스" for r in query.search(pg, "반도체", outlet="뉴시스"))
    assert all(r["published"] >= "2024-01-01" for r in query.search(pg, "반도체", since="2024-01-01"))
    listing = query.search(pg, "반도체", event_type="entity_listing")
    assert listing and all("우려거래자" in query.get_doc(pg, r["id"])["body"] for r in listing)
    # a word in a title outranks the same word only in a body
    top = query.search(pg, "네덜란드")[0]
    assert "네덜란드" in top["title"] and top["score"] > 0


def test_schema_version_and_reingest(pg):
    fill(pg)
    st = open_store(pg)
    assert st._val("SELECT value FROM meta WHERE key='schema_version'") == str(SCHEMA_VERSION)
    s = ingest([str(EXAMPLES)], st, settings.load({"db": pg}))
    assert s.stored == 0 and s.unchanged == s.pages == 6
    st.close()


def test_interrupted_batch_is_rolled_back(pg, monkeypatch):
    from chipwatch import pipeline

    real, calls = pipeline.extract, []

    def flaky(*a, **k):
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(*a, **k)

    monkeypatch.setattr(pipeline, "extract", flaky)
    st = open_store(pg)
    with pytest.raises(KeyboardInterrupt):
        ingest([str(EXAMPLES)], st, settings.load({"db": pg, "batch_pages": 1}))
    st.close()
    assert open_store(pg, readonly=True).counts()["pages"] == 2


def test_read_only_and_bad_urls(pg):
    with pytest.raises(StoreError, match="not a chipwatch database"):
        open_store(pg, readonly=True)
    fill(pg)
    ro = open_store(pg, readonly=True)
    with pytest.raises(Exception, match="read-only"):
        ro.add_page({"source": "x"}, "h", 1, "exact", 1.0)
    ro.close()
    bad = pg.rsplit(":", 1)[0] + ":1/nothing"
    with pytest.raises(StoreError, match="cannot connect") as e:
        open_store("postgresql://someone:secret@" + bad.split("@", 1)[1])
    assert "secret" not in str(e.value) and "\n" not in str(e.value)
