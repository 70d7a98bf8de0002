import json

import pytest
from click.testing import CliRunner

from chipwatch import query
from chipwatch.cli import cli
from chipwatch.errors import ChipwatchError

from conftest import EXAMPLES


@pytest.fixture
def filled(db):
    r = CliRunner().invoke(cli, ["--db", db, "ingest", str(EXAMPLES)], obj={}, catch_exceptions=False)
    assert r.exit_code == 0
    return db


def ids(rows):
    return [r["id"] for r in rows]


def test_spacing_and_particles_do_not_matter(filled):
    a = query.search(filled, "수출규제")
    b = query.search(filled, "수출 규제")
    assert a and ids(a) == ids(b)
    got = query.search(filled, "반도체")
    assert len(got) >= 3
    assert any("반도체" in r["snippet"] and "【" in r["snippet"] for r in got)


def test_filters(filled):
    all_ = query.search(filled, "반도체")
    assert all(r["outlet"] == "뉴시스" for r in query.search(filled, "반도체", outlet="뉴시스"))
    assert all((r["published"] or "") >= "2024-01-01" for r in query.search(filled, "반도체", since="2024-01-01"))
    by_entity = query.search(filled, "반도체", entity="SK Hynix")
    assert by_entity and set(ids(by_entity)) < set(ids(all_))
    listing = query.search(filled, "반도체", event_type="entity_listing")
    assert listing and all("우려거래자" in query.get_doc(filled, r["id"])["body"] for r in listing)


def test_title_matches_rank_first(filled):
    rows = query.search(filled, "네덜란드")
    assert "네덜란드" in rows[0]["title"]


def test_no_searchable_words(filled):
    with pytest.raises(ChipwatchError):
        query.search(filled, "?!")


def test_cli_search(filled):
    r = CliRunner().invoke(cli, ["--db", filled, "search", "우려거래자", "--json"], obj={}, catch_exceptions=False)
    rows = [json.loads(x) for x in r.output.splitlines()]
    assert rows and rows[0]["outlet"] == "연합뉴스"
    r = CliRunner().invoke(cli, ["--db", filled, "search", "존재하지않는말입니다"], obj={})
    assert "no matches" in r.output


def test_until_takes_days_months_and_years():
    from chipwatch.store.base import _after

    assert _after("2023-12-31") == "2024-01-01"
    assert _after("2023-12") == "2024-01" and _after("2023-03") == "2023-04"
    assert _after("2023") == "2024"
    assert "2023-12-31T23:59" < _after("2023-12-31") and "2023-12-31" < _after("2023-12")


def test_filtered_window_keeps_only_passing_hits(anydb, monkeypatch):
    from chipwatch.store.sqlite import SQLiteStore

    r = CliRunner().invoke(cli, ["--db", anydb, "ingest", str(EXAMPLES)], obj={}, catch_exceptions=False)
    assert r.exit_code == 0
    full = query.search(anydb, "반도체", until="2023-12")
    assert full and all(x["published"] < "2024" for x in full)
    # a window of one candidate still answers with a passing article
    monkeypatch.setattr(SQLiteStore, "FILTERED_WINDOW", 1)
    monkeypatch.setattr(SQLiteStore, "FILTERED_MIN", 1)
    monkeypatch.setattr(SQLiteStore, "FILTERED_SCAN", 1)
    small = query.search(anydb, "반도체", until="2023-12")
    assert small and all(x["published"] < "2024" for x in small) and len(small) <= len(full)
    assert query.search(anydb, "반도체", entity="SK하이닉스") == query.search(anydb, "반도체", entity="SK Hynix")


def test_partial_until_covers_the_whole_period(filled):
    year = query.list_measures(filled, until="2023")
    assert year and all(m["first_reported"] < "2024" for m in year)
    assert {m["first_reported"][:7] for m in year} >= {"2023-03", "2023-06"}
    assert {e["reported"][:7] for e in query.list_events(filled, until="2023-03")} == {"2022-10", "2023-03"}
