import pytest
from hypothesis import given, settings, strategies as st
from datetime import date, timedelta

from chipwatch.analyze.dates import find_dates

PUB = "2025-05-29T00:27:00+09:00"

# (sentence, published, expected (text, value, value_end) of the first date)
TABLE = [
    ("2023-10-24 발표", PUB, ("2023-10-24", "2023-10-24", None)),
    ("2023.10.24 발표", PUB, ("2023.10.24", "2023-10-24", None)),
    ("2023/10/24 발표", PUB, ("2023/10/24", "2023-10-24", None)),
    ("2023년 10월 24일 발표", PUB, ("2023년 10월 24일", "2023-10-24", None)),
    ("2023년10월24일 발표", PUB, ("2023년10월24일", "2023-10-24", None)),
    ("2023년 10월 발표", None, ("2023년 10월", "2023-10", None)),
    ("2023년 발표", None, ("2023년", "2023", None)),
    ("2027년 하반기 양산", None, ("2027년 하반기", "2027-07", "2027-12")),
    ("2026년 상반기 양산", None, ("2026년 상반기", "2026-01", "2026-06")),
    ("2024년 3분기 실적", None, ("2024년 3분기", "2024-07", "2024-09")),
    ("25-05-29 00:27", None, ("25-05-29", "2025-05-29", None)),
    ("10.7일 발표했다", "2023-10-20", ("10.7일", "2023-10-07", None)),
    ("10월 7일 발표했다", "2023-10-20", ("10월 7일", "2023-10-07", None)),
    ("10월7일 발표했다", "2023-10-20", ("10월7일", "2023-10-07", None)),
    ("지난 2월7일 회담했다", PUB, ("지난 2월7일", "2025-02-07", None)),
    ("지난 2월 7일 회담했다", PUB, ("지난 2월 7일", "2025-02-07", None)),
    ("12월 3일 발표했다", "2025-01-10", ("12월 3일", "2024-12-03", None)),
    ("28일 밝혔다", PUB, ("28일", "2025-05-28", None)),
    ("29일 밝혔다", PUB, ("29일", "2025-05-29", None)),
    ("30일 밝혔다", PUB, ("30일", "2025-04-30", None)),
    ("30일 발표할 예정이다", PUB, ("30일", "2025-05-30", None)),
    ("10일 발표할 계획이다", PUB, ("10일", "2025-06-10", None)),
    ("오는 4일 발표한다", PUB, ("오는 4일", "2025-06-04", None)),
    ("지난 1일 만났다", "2025-04-03", ("지난 1일", "2025-04-01", None)),
    ("지난달 9일 회담", "2023-01-04", ("지난달 9일", "2022-12-09", None)),
    ("지난달 회담", "2023-03-04", ("지난달", "2023-02", None)),
    ("이달 방문한다", "2023-03-04", ("이달", "2023-03", None)),
    ("다음 달 10일 시행할 예정이다", "2024-03-20", ("다음 달 10일", "2024-04-10", None)),
    ("내달 시행", "2024-12-20", ("내달", "2025-01", None)),
    ("지난해 10월 발표", "2023-01-04", ("지난해 10월", "2022-10", None)),
    ("작년 10월 발표", "2023-01-04", ("작년 10월", "2022-10", None)),
    ("지난해 발표", PUB, ("지난해", "2024", None)),
    ("올해 발표", PUB, ("올해", "2025", None)),
    ("내년 시행", PUB, ("내년", "2026", None)),
    ("올해 초 발표", PUB, ("올해 초", "2025-01", "2025-03")),
    ("올해 하반기 양산", PUB, ("올해 하반기", "2025-07", "2025-12")),
    ("내년 1분기 출시", PUB, ("내년 1분기", "2026-01", "2026-03")),
    ("지난주 발표", "2024-03-15", ("지난주", "2024-03-04", "2024-03-10")),
    ("이번 주 발표", "2024-03-15", ("이번 주", "2024-03-11", "2024-03-17")),
    ("5일부터 10일까지 방문한다", "2023-01-04", ("5일부터 10일까지", "2023-01-05", "2023-01-10")),
    ("5~6일 일본에 간다", "2025-04-03", ("5~6일", "2025-04-05", "2025-04-06")),
    ("8월 정상회담", "2023-10-24", ("8월", "2023-08", None)),
    ("지난 7월 서명", "2025-12-22", ("지난 7월", "2025-07", None)),
    ("오는 7월 시행", "2025-12-22", ("오는 7월", "2026-07", None)),
    ("7월부터 시행할 예정이다", "2025-12-22", ("7월", "2026-07", None)),
    ("21일(현지시간) 발표", "2025-12-22", ("21일", "2025-12-21", None)),
    ("3월31일에 끝나", "2025-04-03", ("3월31일", "2025-03-31", None)),
]


@pytest.mark.parametrize("sentence,pub,want", TABLE, ids=[r[0] for r in TABLE])
def test_date_forms(sentence, pub, want):
    d = find_dates(sentence, pub)[0]
    assert (d["text"], d["value"], d["value_end"]) == want
    assert d["precision"] in ("day", "month", "quarter", "half", "year")


@pytest.mark.parametrize("sentence", ["28일 밝혔다", "지난달 9일", "지난해 10월", "이달", "내년", "5~6일", "지난 2월",
                                      "3월31일", "지난주", "오는 4일"])
def test_relative_dates_stay_null_without_published(sentence):
    [d] = find_dates(sentence, None)
    assert d["value"] is None and d["value_end"] is None


@pytest.mark.parametrize("text", ["3일간 협상", "24시간", "1차관", "지난 2년", "전달했다", "이달러", "올라갔다",
                                  "매년 4월 첫째 주", "항상 4월 첫째 주", "5G", "14nm", "H20", "제3국", "3세대"])
def test_not_dates(text):
    assert find_dates(text, PUB) == []


def test_offsets_exact():
    text = "니시무라 경제산업상이 5일부터 10일까지 미국을 찾아 지난달 9일 회담 내용을 논의한다고 4일 보도했다."
    for d in find_dates(text, "2023-05-04"):
        assert text[d["start"]:d["end"]] == d["text"]


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
@settings(max_examples=150, deadline=None)
def test_round_trip_absolute(dt):
    for form in (f"{dt.year}년 {dt.month}월 {dt.day}일", f"{dt.year}.{dt.month:02d}.{dt.day:02d}", dt.isoformat()):
        [d] = find_dates(f"정부는 {form} 발표했다.", None)
        assert d["value"] == dt.isoformat()


@given(st.dates(min_value=date(2001, 2, 1), max_value=date(2099, 12, 31)), st.integers(min_value=0, max_value=27))
@settings(max_examples=150, deadline=None)
def test_round_trip_bare_day_is_latest_on_or_before_published(pub, back):
    target = pub - timedelta(days=back)
    [d] = find_dates(f"정부는 {target.day}일 발표했다.", pub.isoformat())
    assert d["value"] == target.isoformat()
