import gzip
import io
import json

import pytest
from warcio.warcwriter import WARCWriter
from warcio.statusandheaders import StatusAndHeaders

from chipwatch.errors import InputError
from chipwatch.ingest import iter_pages
from chipwatch.ingest.decode import decode

ARTICLE = "미국 상무부는 중국에 대한 첨단 반도체 장비 수출을 제한하는 조치를 발표했다. 이번 조치는 즉시 시행된다고 밝혔다.\n"


def pages(*paths, **kw):
    return list(iter_pages([str(p) for p in paths], **kw))


def test_text_file_is_read_as_text(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    [page] = pages(p)
    assert page.kind == "text" and page.content.startswith("미국 상무부")


@pytest.mark.parametrize("enc", ["cp949", "euc-kr"])
def test_legacy_korean_encodings_are_detected(tmp_path, enc):
    p = tmp_path / "legacy.txt"
    p.write_bytes((ARTICLE * 5).encode(enc))
    [page] = pages(p)
    assert "반도체 장비" in page.content


def test_nfc_normalisation():
    import unicodedata
    text, _ = decode(unicodedata.normalize("NFD", ARTICLE).encode("utf-8"), "x")
    assert text == unicodedata.normalize("NFC", text) and "반도체" in text


@pytest.mark.parametrize("data,reason", [
    (b"", "empty page"),
    (b"   \n\t ", "empty page"),
    (b"\x00\x01\x02PK\x03\x04" * 40, "binary file"),
    (b"12345 67890 !!! ??? 000 111 222 333 444 555", "not Korean or English text"),
])
def test_bad_bytes_give_one_clear_reason(data, reason):
    with pytest.raises(InputError) as e:
        decode(data, "in.txt")
    assert reason in str(e.value) and str(e.value).startswith("in.txt: ")


def test_undecodable_bytes(tmp_path):
    p = tmp_path / "bad.txt"
    p.write_bytes(bytes(range(0x80, 0x100)) * 50)
    [err] = pages(p)
    assert isinstance(err, InputError)
    assert "undecodable" in err.reason or "not Korean or English" in err.reason


def test_missing_file_and_empty_directory(tmp_path):
    (tmp_path / "empty").mkdir()
    errs = pages(tmp_path / "nope.txt", tmp_path / "empty")
    assert [e.reason for e in errs] == ["no such file or directory",
                                        "directory has no pages (looked for .txt .html .htm .warc .warc.gz .jsonl)"]


def test_directory_is_walked_recursively(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "x.txt").write_text(ARTICLE)
    (tmp_path / "a" / "y.html").write_text(f"<html><body><p>{ARTICLE}</p></body></html>")
    (tmp_path / "a" / "skip.png").write_bytes(b"\x89PNG")
    got = pages(tmp_path)
    assert sorted(p.kind for p in got) == ["html", "text"]


def test_huge_page_is_refused(tmp_path):
    p = tmp_path / "big.html"
    p.write_bytes(b"<p>" + "가".encode() * 2_000_000 + b"</p>")
    [err] = pages(p, max_page_bytes=1_000_000)
    assert isinstance(err, InputError) and "larger than max_page_bytes" in err.reason


def _warc(records, gz=False):
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gz)
    for uri, html in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.0")
        rec = w.create_warc_record(uri, "response", payload=io.BytesIO(html.encode()), http_headers=headers)
        w.write_record(rec)
    return buf.getvalue()


@pytest.mark.parametrize("gz", [False, True])
def test_warc_records_become_pages(tmp_path, gz):
    p = tmp_path / ("a.warc.gz" if gz else "a.warc")
    p.write_bytes(_warc([("https://n.example/1", f"<html><body><p>{ARTICLE}</p></body></html>"),
                         ("https://n.example/2", f"<html><body><p>{ARTICLE}두번째.</p></body></html>")], gz))
    got = pages(p)
    assert [g.url for g in got] == ["https://n.example/1", "https://n.example/2"]
    assert all(g.kind == "html" for g in got)


def test_truncated_warc_keeps_complete_records(tmp_path):
    data = _warc([("https://n.example/1", f"<p>{ARTICLE}</p>"), ("https://n.example/2", f"<p>{ARTICLE * 20}</p>")])
    p = tmp_path / "cut.warc"
    p.write_bytes(data[: len(data) - 300])
    got = pages(p)
    assert got[0].url == "https://n.example/1"
    assert isinstance(got[-1], InputError) and "truncated" in got[-1].reason


def test_jsonl_lines(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_text("\n".join([
        json.dumps({"url": "https://n.example/1", "text": ARTICLE}, ensure_ascii=False),
        "{not json",
        json.dumps({"url": "https://n.example/3"}),
        json.dumps({"url": "https://n.example/4", "html": f"<p>{ARTICLE}</p>"}, ensure_ascii=False),
    ]))
    got = pages(p)
    assert got[0].url == "https://n.example/1" and got[0].kind == "text"
    assert isinstance(got[1], InputError) and "not valid JSON" in got[1].reason and got[1].source.endswith(":2")
    assert isinstance(got[2], InputError) and "'html' or 'text'" in got[2].reason
    assert got[3].kind == "html"


def test_stdin_html_is_sniffed():
    got = list(iter_pages(["-"], stdin=io.BytesIO(f"<!doctype html><html><body><p>{ARTICLE}</p>".encode())))
    assert got[0].kind == "html" and got[0].source == "<stdin>"


def test_gzipped_warc_sniffed_without_suffix(tmp_path):
    p = tmp_path / "crawl.bin.warc.gz"
    p.write_bytes(_warc([("https://n.example/1", f"<p>{ARTICLE}</p>")], gz=True))
    assert pages(p)[0].url == "https://n.example/1"
    assert gzip.decompress(p.read_bytes()).startswith(b"WARC/")
