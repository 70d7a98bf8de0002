"""The JSON API, in process (no server): every endpoint, pagination, filters, errors, and the
guarded ingest (token, size limit, paths confined to the configured inputs)."""
import json
import re

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from chipwatch.cli import cli
from chipwatch.web import create_app

from conftest import EXAMPLES

TOKEN = "s3cret-token-for-tests"


@pytest.fixture
def filled(anydb):
    r = CliRunner().invoke(cli, ["--db", anydb, "ingest", str(EXAMPLES)], obj={}, catch_exceptions=False)
    assert r.exit_code == 0
    return anydb


@pytest.fixture
def client(filled):
    return TestClient(create_app(filled))


def test_articles_paginate_and_filter(client):
    first = client.get("/api/articles", params={"limit": 2}).json()
    assert [a["id"] for a in first["items"]] and len(first["items"]) == 2 and first["next"]
    second = client.get(first["next"]).json()
    assert not {a["id"] for a in first["items"]} & {a["id"] for a in second["items"]}
    assert second["next"] is None and len(first["items"]) + len(second["items"]) == 4
    dates = [a["published"] for a in first["items"] + second["items"]]
    assert dates == sorted(dates, reverse=True)
    only = client.get("/api/articles", params={"outlet": "뉴시스"}).json()["items"]
    assert [a["outlet"] for a in only] == ["뉴시스"]
    assert all(a["published"] < "2024" for a in client.get("/api/articles", params={"until": "2023"}).json()["items"])


def test_article_has_analysis_and_copies(client):
    d = client.get("/api/articles/1").json()
    assert d["title"].startswith("美, 中기업 140곳")
    assert {c["relation"] for c in d["copies"]} == {"exact", "near"}
    assert any(e["name_en"] == "China" for e in d["entities"]) and d["events"] and d["measure_ids"]
    ev = d["events"][0]
    assert d["body"][ev["start"]:ev["end"]] == ev["evidence"]


def test_search_endpoint(client):
    r = client.get("/api/search", params={"q": "수출규제"}).json()
    assert r["items"] and all("【" in x["snippet"] for x in r["items"])
    assert [x["id"] for x in r["items"]] == [x["id"] for x in client.get("/api/search", params={"q": "수출 규제"}).json()["items"]]
    typed = client.get("/api/search", params={"q": "반도체", "event_type": "subsidy"}).json()["items"]
    assert [x["title"][:2] for x in typed] == ["정부"]


def test_entities_events_measures_timeline_stats(client):
    ents = client.get("/api/entities", params={"type": "COUNTRY"}).json()["items"]
    assert ents and all(e["type"] == "COUNTRY" for e in ents) and ents[0]["name"] == "중국"
    china = client.get("/api/entities/China").json()
    assert china["key"] == "cn" and china["measures_as_target"] and not china["measures_as_actor"]
    assert all("China" in m["targets"] for m in china["measures_as_target"])
    keys = {n["key"] for n in china["graph"]["nodes"]}
    assert "cn" in keys and all(e["a"] in keys and e["b"] in keys for e in china["graph"]["edges"])
    hbm = client.get("/api/entities/HBM").json()
    assert hbm["type"] == "PRODUCT" and hbm["measures_on_item"]
    assert all("high-bandwidth memory" in m["items"] for m in hbm["measures_on_item"])
    evs = client.get("/api/events", params={"type": "export_control"}).json()["items"]
    assert evs and all(e["type"] == "export_control" for e in evs)
    ms = client.get("/api/measures", params={"type": "export_control", "target": "China"}).json()["items"]
    assert ms and all(m["type"] == "export_control" and "China" in m["targets"] for m in ms)
    m = client.get(f"/api/measures/{ms[0]['id']}").json()
    assert m["history"] and m["evidence"] and m["gta_intervention"]
    tl = client.get("/api/timeline").json()["items"]
    assert [t["first_reported"] for t in tl] == sorted(t["first_reported"] for t in tl)
    st = client.get("/api/stats").json()
    assert st["counts"]["articles"] == 4 and st["counts"]["duplicates"] == 2
    assert sum(r["n"] for r in st["by_type"]) == len(tl)
    assert {r["key"] for r in st["by_country"]} >= {"United States", "Japan"}


def test_openapi_document(client):
    doc = client.get("/openapi.json").json()
    for path in ("/api/articles", "/api/search", "/api/entities", "/api/events", "/api/measures", "/api/timeline",
                 "/api/stats", "/api/ingest"):
        assert path in doc["paths"], path
    assert client.get("/docs").status_code == 404   # Swagger UI would load scripts from a CDN


def test_errors_are_json_with_a_message(client):
    r = client.get("/api/articles/999")
    assert r.status_code == 404 and "no article with id 999" in r.json()["error"]
    r = client.get("/api/articles", params={"limit": 0})
    assert r.status_code == 422 and r.json()["error"].startswith("limit:")
    r = client.get("/api/articles", params={"since": "yesterday"})
    assert r.status_code == 422 and "since" in r.json()["error"]
    r = client.get("/api/search", params={"q": "?!"})
    assert r.status_code == 400 and "no searchable words" in r.json()["error"]
    assert client.get("/api/nothing").json()["error"] == "no page at /api/nothing"
    assert client.get("/articles/999").status_code == 404 and "no article" in client.get("/articles/999").text


def test_read_only_by_default(client):
    r = client.post("/api/ingest", content="제목\n본문")
    assert r.status_code == 403 and "CHIPWATCH_TOKEN" in r.json()["error"]


def test_ingest_needs_the_token_and_adds_pages(filled, tmp_path):
    c = TestClient(create_app(filled, token=TOKEN, max_request_bytes=20_000))
    page = (EXAMPLES / "04_japan_equipment_controls.txt").read_text().replace("23개", "25개").replace("일본", "日")
    assert c.post("/api/ingest", content=page.encode()).status_code == 401
    assert c.post("/api/ingest", content=page.encode(), headers={"Authorization": "Bearer wrong"}).status_code == 401
    before = c.get("/api/stats").json()["counts"]["pages"]
    r = c.post("/api/ingest", params={"name": "upload.txt"}, content=page.encode(),
               headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200, r.text
    assert r.json()["pages"] == 1 and c.get("/api/stats").json()["counts"]["pages"] == before + 1
    big = c.post("/api/ingest", content=b"x" * 30_000, headers={"Authorization": f"Bearer {TOKEN}"})
    assert big.status_code == 413 and "limit" in big.json()["error"]
    bad = c.post("/api/ingest", content=b"\x00\x01" * 50, headers={"Authorization": f"Bearer {TOKEN}"}).json()
    assert bad["stored"] == 0 and "binary" in bad["failures"][0]["reason"]


def test_ingest_by_path_stays_inside_inputs(filled, tmp_path):
    inside = tmp_path / "inbox"
    inside.mkdir()
    (inside / "a.txt").write_text((EXAMPLES / "04_japan_equipment_controls.txt").read_text())
    secret = tmp_path / "secret.txt"
    secret.write_text("비밀 문서의 제목입니다\n" + "외부에 있어서는 안 되는 문장이 여기에 길게 이어진다고 말했다.\n" * 3)
    (inside / "link.txt").symlink_to(secret)
    h = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    c = TestClient(create_app(filled, token=TOKEN, inputs=(str(inside),)))
    for p in ("../secret.txt", str(secret), "a.txt/../../secret.txt"):
        r = c.post("/api/ingest", content=json.dumps({"paths": [p]}), headers=h)
        assert r.status_code == 403 and "outside the configured inputs" in r.json()["error"], p
    assert c.post("/api/ingest", content=json.dumps({"paths": ["none.txt"]}), headers=h).status_code == 404
    ok = c.post("/api/ingest", content=json.dumps({"paths": ["a.txt"]}), headers=h).json()
    assert ok["pages"] == 1 and ok["unchanged"] + ok["exact"] + ok["stored"] + ok["near"] == 1
    r = c.post("/api/ingest", content=json.dumps({"paths": ["link.txt"]}), headers=h)
    assert r.status_code == 403
    # walking the folder reaches the link too, and still does not read what it points to
    walk = c.post("/api/ingest", content=json.dumps({"paths": ["."]}), headers=h).json()
    assert [f["reason"] for f in walk["failures"]] == ["outside the configured inputs"]
    assert walk["failures"][0]["source"].endswith("link.txt") and walk["pages"] == 1
    none = TestClient(create_app(filled, token=TOKEN))
    assert none.post("/api/ingest", content=json.dumps({"paths": ["a.txt"]}), headers=h).status_code == 403


def test_pages_escape_what_articles_say(tmp_path):
    db = str(tmp_path / "x.db")
    page = tmp_path / "x.txt"
    page.write_text("<img src=x onerror=alert(1)> 반도체 수출 제한 기사 제목\n"
                    "미국 상무부는 <script>alert(1)</script> 중국 기업에 대한 반도체 수출을 제한한다고 발표했다.\n"
                    "업계는 이번 조치가 국내 기업에도 영향을 줄 것으로 내다봤다고 전했다.\n", encoding="utf-8")
    assert CliRunner().invoke(cli, ["--db", db, "ingest", str(page)], obj={}).exit_code == 0
    c = TestClient(create_app(db))
    for url in ("/articles/1", "/", "/search?q=반도체", "/articles"):
        html = c.get(url).text
        assert "<script>alert" not in html and "<img src=x" not in html, url
    assert "&lt;script&gt;" in c.get("/articles/1").text


def test_search_page_pages_through_results(tmp_path):
    db = str(tmp_path / "many.db")
    for i in range(23):
        (tmp_path / f"p{i:02d}.txt").write_text(
            f"반도체 기사 제목 {i}번\n미국 상무부는 {i + 2}일 중국 기업 {i + 10}곳에 대한 반도체 수출을 제한한다고 밝혔다.\n"
            f"업계는 이번 {i}번째 조치의 영향을 분석하고 있다고 전했다 {'가나다라마바사'[i % 7] * (i + 3)}.\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["--db", db, "ingest", str(tmp_path)], obj={})
    assert r.exit_code == 0, r.output
    c = TestClient(create_app(db))
    first = c.get("/search", params={"q": "반도체"}).text
    assert first.count('<li data-article=') == 20 and 'rel="next"' in first and 'rel="prev"' not in first
    second = c.get("/search", params={"q": "반도체", "offset": 20}).text
    n = second.count('<li data-article=')
    assert 1 <= n <= 3 and 'rel="prev"' in second and 'rel="next"' not in second
    assert not set(re.findall(r'data-article="(\d+)"', first)) & set(re.findall(r'data-article="(\d+)"', second))
