import re

import pytest
from hypothesis import given, settings, strategies as st

from chipwatch.clean import clean, furniture as fx, meta
from chipwatch.clean.repeats import remove_repeats
from chipwatch.clean.text import clean_text
from chipwatch.errors import InputError
from chipwatch.models import Page

from conftest import seed_cases

S1 = "미국 상무부는 중국 반도체 기업 140곳을 우려거래자 목록에 추가한다고 2일 발표했다."
S2 = "이번 조치는 고대역폭메모리와 반도체 장비 24종의 수출을 제한하는 내용을 담고 있다."
S3 = "업계에서는 국내 기업의 대중 수출에 일부 영향이 있을 것으로 전망했다."


@pytest.mark.parametrize("line", ["로그인 회원가입", "좋아요0", "추가취재 원해요0", "기사 스크랩", "가장작게",
                                  "96,808,000", "+5.07%", "• 공유", "주요 뉴스", "(주)예시미디어", "댓글목록"])
def test_furniture_lines(line):
    assert fx.is_furniture(line)


@pytest.mark.parametrize("line", [S1, "반도체 수출통제 강화", "일본 경제산업상 미국 방문"])
def test_article_lines_are_not_furniture(line):
    assert not fx.is_furniture(line)


@pytest.mark.parametrize("line", [
    "▲최상목 부총리가 23일 간담회에서 발언하고 있다. (사진제공=기획재정부)",
    "![[서울=뉴시스] 사진 설명](https://img.example/x.jpg)",
    "[서울=뉴시스] 홍길동 기자 = 장관이 회의에 앞서 인사하고 있다. (공동취재사진기자단) 2025.04.01. hong@newsis.com",
    "장관이 발언하고 있다. ⓒ AP/뉴시스",
])
def test_photo_captions(line):
    assert fx.is_photo(line)


@pytest.mark.parametrize("line,names", [
    ("이동훈 기자 dhlee@donga.com", ["이동훈"]),
    ("워싱턴=신진우 특파원 niceshin@donga.com", ["신진우"]),
    ("홍길동 기자 , 워싱턴=김철수 특파원", ["홍길동", "김철수"]),
])
def test_bylines(line, names):
    assert fx.is_byline(line) and fx.byline_names(line) == names


@pytest.mark.parametrize("lines,want", [
    (["입력 2023-10-24 16:30"], "2023-10-24T16:30:00+09:00"),
    (["댓글 0건 조회 9회 작성일 25-05-29 00:27"], "2025-05-29T00:27:00+09:00"),
    (["2019.07.01. 오전 11:35"], "2019-07-01T11:35:00+09:00"),
    (["2019.07.01. 오후 1:05"], "2019-07-01T13:05:00+09:00"),
    (["기사입력 2024년 3월 5일 09:10"], "2024-03-05T09:10:00+09:00"),
    (["등록 2024.01.02"], "2024-01-02"),
    (["수정 2024-01-03 10:00", "입력 2024-01-02 09:00"], "2024-01-02T09:00:00+09:00"),
    (["05.21 10:21 실시간"], None),
    (["2025.04.01. chocrystal@newsis.com"], None),
])
def test_published(lines, want):
    assert meta.find_published(lines, len(lines)) == want


@pytest.mark.parametrize("line,outlet,author", [
    ("[데일리안 = 김상도 기자] 일본이", "데일리안", "김상도"),
    ("[서울=뉴시스] 미국은", "뉴시스", None),
    ("(워싱턴=연합뉴스) 김동현 특파원 = 미국 상무부는", "연합뉴스", "김동현"),
    ("[이데일리 박정민 기자] 미국", "이데일리", "박정민"),
])
def test_datelines(line, outlet, author):
    d = meta.find_dateline(line)
    assert (d.outlet, d.author) == (outlet, author)


def test_outlet_from_copyright_and_email():
    assert meta.copyright_outlet("Copyright © NEWSIS.COM, 무단 전재 및 재배포 금지") == "뉴시스"
    assert meta.email_outlet("이동훈 기자 dhlee@donga.com") == "동아일보"


def test_repeat_removal_keeps_one_copy():
    body = "\n".join([S1, S2, S3])
    assert remove_repeats(body + "\n" + body) == body + "\n"


def test_truncated_first_copy_is_replaced_by_the_full_one():
    full = S1 + " " + S2 + " " + S3
    page = full[:-20] + full  # the page cut its first copy mid-sentence and started over
    assert remove_repeats(page) == full


def test_repeated_second_half():
    page = "\n".join([S3, S1, S2, "/연합뉴스", S1, S2, "/연합뉴스"])
    out = remove_repeats(page)
    assert out.count(S1) == 1 and out.count(S2) == 1 and out.count(S3) == 1


sentences = st.lists(st.sampled_from([S1, S2, S3, "정부는 보조금 지급 방침을 재확인했다고 밝혔다.",
                                      "관계자는 협상이 계속될 것이라고 말했다."]), min_size=2, max_size=6, unique=True)


@given(sentences)
@settings(max_examples=60, deadline=None)
def test_property_doubled_article_yields_each_sentence_once(sents):
    page = "메뉴\n로그인\n제목 줄 예시입니다\n" + "\n".join(sents) + "\n" + "\n".join(sents) + "\n댓글목록\n"
    body = clean_text(page).body
    for s in sents:
        assert body.count(s) == 1


@given(sentences, st.lists(st.sampled_from(["로그인", "공유", "좋아요0", "댓글목록", "96,808,000", "주요 뉴스",
                                            "Copyright © 예시뉴스 무단 전재 및 재배포 금지"]), max_size=6))
@settings(max_examples=60, deadline=None)
def test_property_furniture_never_reaches_the_body(sents, junk):
    page = "\n".join(junk + ["이것은 제목입니다"] + sents + junk)
    body = clean_text(page).body
    assert all(s in body for s in sents)
    for j in junk:
        assert j not in body.split("\n\n")


def test_page_without_article_text_is_an_error():
    with pytest.raises(InputError, match="no article text"):
        clean(Page("menu.txt", "로그인\n회원가입\n공유\n주요 뉴스\n좋아요0\n"))


def test_html_uses_trafilatura_and_korean_rules():
    html = ("<html><head><title>t</title></head><body><nav>로그인 회원가입</nav><article><h1>미국, 대중 반도체 수출통제 강화</h1>"
            "<p>입력 2024-03-05 10:00</p>"
            f"<p>[서울=뉴시스] {S1}</p><p>{S2}</p><figure><figcaption>▲장관이 발언하고 있다. (사진=뉴시스)</figcaption></figure>"
            f"<p>{S3}</p><p>홍길동 기자 hong@newsis.com</p></article><footer>Copyright © NEWSIS.COM 무단 전재 및 재배포 금지</footer></body></html>")
    a = clean(Page("x.html", html, kind="html"))
    assert a.title == "미국, 대중 반도체 수출통제 강화"
    assert a.published == "2024-03-05T10:00:00+09:00"
    assert a.outlet == "뉴시스" and a.authors == ("홍길동",)
    assert S1 in a.body and S3 in a.body and "사진" not in a.body and "로그인" not in a.body


def norm(s):
    return re.sub(r"\s+", " ", s or "").strip()


@pytest.mark.parametrize("path,gold", seed_cases(), ids=lambda x: getattr(x, "name", ""))
def test_seed_pages_against_gold(path, gold):
    from chipwatch.ingest import iter_pages

    [page] = list(iter_pages([str(path)]))
    a = clean(page)
    body = norm(a.body)
    for s in gold["body_sentences"]:
        assert norm(s) in body
    for s in gold["body_once"]:
        assert body.count(norm(s)) == 1
    for s in gold["noise_lines"]:
        assert norm(s) not in body
    assert norm(a.title) in {norm(t) for t in [gold["title"], *gold.get("title_alt", [])]}
    assert (a.published or "")[:10] or None in [gold["published"], *gold.get("published_alt", [])]
    assert a.outlet in [gold["outlet"], *gold.get("outlet_alt", [])]
    assert set(a.authors) == set(gold["authors"])
