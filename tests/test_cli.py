"""In-process CLI tests: every command and every input error."""
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from chipwatch.cli import cli

from conftest import EXAMPLES, SEEDS


@pytest.fixture
def runner():
    return CliRunner()


def invoke(runner, db, *args, **kw):
    return runner.invoke(cli, ["--db", db, *args], obj={}, catch_exceptions=False, **kw)


def test_ingest_summary_docs_show(runner, db):
    r = invoke(runner, db, "ingest", str(EXAMPLES))
    assert r.exit_code == 0
    assert "pages read: 6" in r.output and "articles stored: 4" in r.output and "exact 1, near 1" in r.output
    r = invoke(runner, db, "docs")
    lines = r.output.strip().splitlines()
    assert len(lines) == 4 and "(+2 copies)" in lines[0]
    dates = [ln.split()[1] for ln in lines]
    assert dates == sorted(dates, reverse=True)
    aid = lines[0].split()[0]
    r = invoke(runner, db, "show", aid)
    assert "copies elsewhere (2)" in r.output and "우려거래자" in r.output
    r = invoke(runner, db, "show", aid, "--format", "json")
    assert json.loads(r.output)["outlet"] == "연합뉴스"


def test_show_unknown_id(runner, db):
    invoke(runner, db, "ingest", str(EXAMPLES))
    r = runner.invoke(cli, ["--db", db, "show", "999"], obj={})
    assert r.exit_code == 1 and "no article with id 999" in r.output


def test_docs_without_database(runner, tmp_path):
    r = runner.invoke(cli, ["--db", str(tmp_path / "none.db"), "docs"], obj={})
    assert r.exit_code == 1 and "no database here" in r.output


def test_db_from_environment(runner, db):
    r = runner.invoke(cli, ["ingest", str(EXAMPLES / "01_bis_entity_list_wire.txt")], obj={}, env={"CHIPWATCH_DB": db})
    assert r.exit_code == 0
    assert "articles stored: 1" in r.output


@pytest.mark.parametrize("name,data,reason", [
    ("missing.txt", None, "no such file or directory"),
    ("bin.txt", b"\x00\x01\x02\x03" * 64, "binary file"),
    ("empty.txt", b"", "empty page"),
    ("menu.txt", "로그인\n회원가입\n공유\n좋아요0\n".encode(), "no article text found"),
    ("bad.warc", b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 9999\r\n\r\n<html>", "WARC"),
    ("big.html", b"<p>" + b"a " * 600_000 + b"</p>", "larger than max_page_bytes"),
])
def test_every_input_error_is_one_line_and_exit_2(runner, db, tmp_path, name, data, reason):
    p = tmp_path / name
    if data is not None:
        p.write_bytes(data)
    good = EXAMPLES / "04_japan_equipment_controls.txt"
    r = runner.invoke(cli, ["--db", db, "ingest", str(p), str(good)], obj={}, env={"CHIPWATCH_MAX_PAGE_BYTES": "1000000"})
    assert r.exit_code == 2
    errs = [ln for ln in r.output.splitlines() if ln.startswith("chipwatch: error:")]
    assert len(errs) == 1 and reason in errs[0] and name in errs[0]
    assert "articles stored: 1" in r.output  # the good input still went in


def test_extract_json_contract(runner, db):
    r = invoke(runner, db, "extract", str(EXAMPLES / "01_bis_entity_list_wire.txt"))
    d = json.loads(r.output)
    for k in ("source", "title", "subtitle", "published", "outlet", "authors", "body", "entities", "amounts", "dates", "events"):
        assert k in d
    assert d["outlet"] == "연합뉴스" and d["authors"] == ["김동현"] and d["published"].startswith("2024-12-03T08:15")
    assert "많이 본 뉴스" not in d["body"] and "코스피" not in d["body"]


def test_extract_text_and_error(runner, db, tmp_path):
    r = invoke(runner, db, "extract", "--format", "text", str(EXAMPLES / "04_japan_equipment_controls.txt"))
    assert r.exit_code == 0 and r.output.startswith("# 일본, 반도체 장비 23개 품목") and "outlet: 뉴시스" in r.output
    r = runner.invoke(cli, ["--db", db, "extract", str(tmp_path / "none.txt")], obj={})
    assert r.exit_code == 2 and "none.txt: no such file or directory" in r.output


def test_extract_stdin(runner, db):
    page = (EXAMPLES / "04_japan_equipment_controls.txt").read_bytes()
    r = runner.invoke(cli, ["--db", db, "extract", "-"], obj={}, input=page)
    assert r.exit_code == 0 and json.loads(r.output)["outlet"] == "뉴시스"


def test_ingest_stdin_jsonl_and_html(runner, db):
    r = invoke(runner, db, "ingest", str(EXAMPLES / "05_korea_chip_support.html"), str(EXAMPLES / "06_netherlands_controls.jsonl"))
    assert r.exit_code == 0 and "articles stored: 2" in r.output


def test_light_import():
    code = "import sys, chipwatch, chipwatch.cli; bad=[m for m in ('kiwipiepy','trafilatura','datasketch','warcio','rich','fastapi','uvicorn','jinja2','psycopg','starlette') if m in sys.modules]; print(bad)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_extract_seed_runs_as_console_script(tmp_path):
    seed = next(SEEDS.glob("002_*.txt"), None)
    if seed is None:
        pytest.skip("shared seeds not present")
    out = subprocess.run([sys.executable, "-m", "chipwatch", "extract", str(seed)], capture_output=True, text=True, check=True)
    d = json.loads(out.stdout)
    assert d["published"] == "2023-10-24T16:30:00+09:00" and d["outlet"] is None


def test_entities_and_entity_commands(runner, db):
    invoke(runner, db, "ingest", str(EXAMPLES))
    r = invoke(runner, db, "entities", "--type", "COMPANY")
    assert r.exit_code == 0 and "삼성전자 (Samsung Electronics)" in r.output
    assert all("COMPANY" in ln for ln in r.output.strip().splitlines())
    r = invoke(runner, db, "entity", "Samsung Electronics")
    assert "aliases:" in r.output and "co-mentioned:" in r.output and "SK하이닉스" in r.output
    r = invoke(runner, db, "entity", "삼성전자", "--json")
    d = json.loads(r.output)
    assert d["qid"] == "Q20718" and d["type"] == "COMPANY" and len(d["articles"]) >= 1
    r = runner.invoke(cli, ["--db", db, "entity", "없는회사"], obj={})
    assert r.exit_code == 1 and "no stored entity" in r.output


def test_schema_migrates_from_version_1(tmp_path):
    import sqlite3
    from chipwatch.store.sqlite import MIGRATIONS, SQLiteStore

    p = tmp_path / "old.db"
    con = sqlite3.connect(p)
    con.executescript(MIGRATIONS[1] + ";INSERT INTO meta VALUES ('schema_version', '1');"
                      "INSERT INTO articles(fingerprint, source, body, analysis, ingested_at) VALUES ('f', 's', 'b', "
                      "'{\"entities\": [{\"id\": \"us\", \"name\": \"미국\", \"name_en\": \"United States\", \"type\": \"COUNTRY\", "
                      "\"mentions\": [{\"start\": 0, \"end\": 2, \"text\": \"미국\"}]}]}', 'now');")
    con.close()
    st = SQLiteStore(str(p))
    assert st.entity_counts()[0]["name_en"] == "United States"
    st.close()


def test_unknown_entities_can_be_reviewed_as_kb_rows(runner, db, tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("홍길순 한빛반도체 대표는 새 공장 계획을 밝혔다고 회사가 설명했다.\n"
                    "홍 대표는 미국 상무부와 협의를 이어가겠다고 말했다고 전했다.\n", encoding="utf-8")
    invoke(runner, db, "ingest", str(page))
    r = invoke(runner, db, "entities", "--unknown", "--tsv")
    rows = [ln.split("\t") for ln in r.output.splitlines() if ln]
    assert ["홍길순", "PERSON", "홍길순"] in [row[:3] for row in rows]
    assert all(len(row) == 10 for row in rows)
