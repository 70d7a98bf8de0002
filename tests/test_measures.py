"""Reports of one real-world measure merge into one measure with its history; a look-alike does not."""
import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from chipwatch.cli import cli
from chipwatch.measures import evidence_similarity, same_action

DATA = Path(__file__).parent / "data" / "measure"


def run(db, *args):
    r = CliRunner().invoke(cli, ["--db", db, *args], obj={}, catch_exceptions=False)
    return r


def test_wire_story_rewrites_and_look_alike(db):
    r = run(db, "ingest", str(DATA))
    assert r.exit_code == 0 and "articles stored: 4" in r.output
    rows = [json.loads(x) for x in run(db, "measures", "--type", "entity_listing", "--json").output.splitlines()]
    china = [m for m in rows if "China" in m["targets"]]
    russia = [m for m in rows if "Russia" in m["targets"]]
    assert len(china) == 1 and len(russia) == 1
    m = json.loads(run(db, "measure", str(china[0]["id"]), "--json").output)
    assert m["reports"] == 3 and m["outlets"] == 3
    assert [h["status"] for h in m["history"]] == ["announced", "in_effect"]
    assert m["first_reported"] == "2024-12-02" and m["latest"] == "2024-12-31"
    assert {e["outlet"] for e in m["evidence"]} == {"연합뉴스", "이데일리", "뉴시스"}
    assert m["gta_intervention"] and m["cameo"] == "163"


def test_filters_and_exports(db, tmp_path):
    run(db, "ingest", str(DATA))
    assert run(db, "measures", "--target", "russia", "--json").output.count("\n") == 1
    assert run(db, "measures", "--since", "2025-01-01", "--json").output == ""
    out = run(db, "export", "--out", "-", "--type", "entity_listing").output
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 2 and {r["mast_chapter"] for r in rows} == {"P"}
    p = tmp_path / "m.json"
    run(db, "export", "--format", "json", "--out", str(p))
    assert all("cameo" in r for r in json.loads(p.read_text()))
    pq = tmp_path / "m.parquet"
    run(db, "export", "--format", "parquet", "--out", str(pq))
    import pyarrow.parquet as papq
    assert papq.read_table(pq).num_rows >= 2


def test_same_action_rules():
    base = {"type": "tariff", "actors": ["United States"], "targets": ["China"], "items": [], "evidence":
            "미국은 중국산 반도체에 50% 관세를 부과한다고 발표했다."}
    m = {**base, "latest": "2025-01-01", "evidence": [base["evidence"]]}
    assert same_action(base, "2025-01-02", m)
    assert not same_action({**base, "type": "subsidy"}, "2025-01-02", m)
    assert not same_action({**base, "targets": ["Mexico"]}, "2025-01-02", m)
    assert not same_action(base, "2025-06-01", m)
    assert evidence_similarity("가나다라마바", "가나다라마바") == 1.0
