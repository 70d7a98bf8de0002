"""Server-side drawing: what the pages show is computed here, so it is tested here."""
from click.testing import CliRunner

from chipwatch.cli import cli
from chipwatch.web import render


def test_highlight_marks_spans_and_escapes_text():
    body = "미국 상무부는 <b>중국</b> 기업 140곳을 추가했다.\n\n둘째 문단이다."
    doc = {"body": body,
           "entities": [{"type": "COUNTRY", "name": "중국", "name_en": "China",
                         "mentions": [{"start": body.index("중국"), "end": body.index("중국") + 2}]}],
           "amounts": [{"start": body.index("140곳"), "end": body.index("140곳") + 4, "kind": "count", "value": 140,
                        "unit": "곳"}],
           "dates": [],
           "events": [{"type": "entity_listing", "status": "announced", "start": 0, "end": body.index("\n")}]}
    html = render.highlight(doc)
    assert html.count("<p>") == 2 and "&lt;b&gt;" in html and "<b>" not in html
    assert '<span class="ev ent ent-country"' in html or '<span class="ent ent-country ev"' in html
    assert 'class="ev amt"' in html or 'class="amt ev"' in html
    assert "둘째 문단이다." in html.split("</p>")[1] and "ev" not in html.split("</p>")[1]


def test_stacked_bars_fill_empty_months():
    svg = render.stacked_bars([{"period": "2024-01", "key": "tariff", "n": 2},
                               {"period": "2024-04", "key": "tariff", "n": 1},
                               {"period": "2024-04", "key": "subsidy", "n": 3}])
    assert svg.count("<rect") == 3
    assert ">2024-02<" in svg or "2024-02" in svg   # the empty months keep their slot
    assert "tariff" in svg.split("</svg>")[1] and "subsidy" in svg.split("</svg>")[1]
    assert "no data" in render.stacked_bars([])


def test_timeline_and_graph_link_to_pages():
    ms = [{"id": 7, "type": "tariff", "first_reported": "2025-04-02", "actors": ["United States"], "targets": ["China"],
           "status": "announced"},
          {"id": 8, "type": "subsidy", "first_reported": "2024-05", "actors": [], "targets": [], "status": "proposed"},
          {"id": 9, "type": "tariff", "first_reported": None, "actors": [], "targets": [], "status": "proposed"}]
    svg = render.timeline(ms)
    assert 'href="/measures/7"' in svg and 'href="/measures/8"' in svg and "/measures/9" not in svg
    assert "관세 (Tariff)" in svg and "보조금 (Subsidy)" in svg
    g = render.graph([{"key": "cn", "name": "중국", "type": "COUNTRY"}, {"key": "jp", "name": "일본", "type": "COUNTRY"}],
                     [{"a": "cn", "b": "jp", "articles": 3}], "cn")
    assert 'href="/entities/jp"' in g and g.count("<line") == 1


def test_serve_refuses_a_missing_database(tmp_path):
    r = CliRunner().invoke(cli, ["--db", str(tmp_path / "none.db"), "serve"], obj={})
    assert r.exit_code == 1 and "no database here" in r.output


def test_serve_without_the_web_extra_says_what_to_install(tmp_path, monkeypatch):
    import sys

    db = str(tmp_path / "x.db")
    CliRunner().invoke(cli, ["--db", db, "docs"], obj={})
    monkeypatch.setitem(sys.modules, "uvicorn", None)   # as if the extra were not installed
    r = CliRunner().invoke(cli, ["--db", db, "serve"], obj={})
    assert r.exit_code == 1 and "needs uvicorn" in r.output and "chipwatch[web]" in r.output
