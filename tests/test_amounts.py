import pytest
from hypothesis import given, settings, strategies as st

from chipwatch.analyze.amounts import find_amounts, parse_number

T, B, M = 10**12, 10**8, 10**4

# (text, expected first amount: value, value_max, unit, approx)
TABLE = [
    ("9조 5000억원", 9.5 * T, None, "KRW", False), ("6천830억 원", 6.83e11, None, "KRW", False),
    ("685억 달러", 6.85e10, None, "USD", False), ("3조2천억원", 3.2 * T, None, "KRW", False),
    ("1억2천만원", 1.2e8, None, "KRW", False), ("십억원", 1e9, None, "KRW", False), ("1,200억원", 1.2e11, None, "KRW", False),
    ("5.5%", 5.5, None, "%", False), ("0.5%포인트", 0.5, None, "%p", False), ("40여 곳", 40, None, "곳", True),
    ("20만개", 2e5, None, "개", False), ("3건", 3, None, "건", False), ("수천억엔", 2e11, 9e11, "JPY", True),
    ("수십조 원", 2e13, 9e13, "KRW", True), ("1조엔대", 1e12, None, "JPY", True), ("80~90%", 80, 90, "%", False),
    ("10%가량", 10, None, "%", True), ("최대 1조엔", 1e12, None, "JPY", False), ("약 94조원", 94 * T, None, "KRW", True),
    ("$5bn", 5e9, None, "USD", False), ("5 billion dollars", 5e9, None, "USD", False),
    ("USD 6.4 billion", 6.4e9, None, "USD", False), ("64억 달러", 6.4e9, None, "USD", False),
    ("약 8조8000억원", 8.8 * T, None, "KRW", True), ("1조엔", 1e12, None, "JPY", False),
    ("약 9조 5000억원", 9.5 * T, None, "KRW", True), ("700억 엔", 7e10, None, "JPY", False),
    ("약 6천830억 원", 6.83e11, None, "KRW", True), ("8곳", 8, None, "곳", False), ("5000억 달러", 5e11, None, "USD", False),
    ("700조원", 700 * T, None, "KRW", False), ("26조원", 26 * T, None, "KRW", False), ("17조원", 17 * T, None, "KRW", False),
    ("1조1천억원", 1.1 * T, None, "KRW", False), ("약 70%", 70, None, "%", True), ("140곳", 140, None, "곳", False),
    ("24종", 24, None, "종", False), ("23개", 23, None, "개", False), ("100억 위안", 1e10, None, "CNY", False),
    ("30억 유로", 3e9, None, "EUR", False), ("1000억 대만달러", 1e11, None, "TWD", False), ("527억 달러", 5.27e10, None, "USD", False),
    ("2천억원", 2e11, None, "KRW", False), ("3천만 달러", 3e7, None, "USD", False), ("25%", 25, None, "%", False),
    ("100%", 100, None, "%", False), ("15% 이상", 15, None, "%", False), ("10% 미만", 10, None, "%", False),
    ("1~2조원", 1e12, 2e12, "KRW", False), ("3천억∼5천억원", 3e11, 5e11, "KRW", False), ("5~10%", 5, 10, "%", False),
    ("수백억원", 2e10, 9e10, "KRW", True), ("수조 원", 2e12, 9e12, "KRW", True), ("수만 명", 2e4, 9e4, "명", True),
    ("약 1,500명", 1500, None, "명", True), ("300여개", 300, None, "개", True), ("1만2천명", 12000, None, "명", False),
    ("천억원", 1e11, None, "KRW", False), ("오천억원", 5e11, None, "KRW", False), ("삼십조원", 3e13, None, "KRW", False),
    ("4.5조원", 4.5e12, None, "KRW", False), ("2.5억 달러", 2.5e8, None, "USD", False), ("1,000만 달러", 1e7, None, "USD", False),
    ("12.5%", 12.5, None, "%", False), ("3.2%p", 3.2, None, "%p", False), ("50퍼센트", 50, None, "%", False),
    ("美달러 10억", None, None, None, None), ("10억 美달러", 1e9, None, "USD", False), ("100만 톤", 1e6, None, "톤", False),
    ("20개국", 20, None, "개국", False), ("12개사", 12, None, "개사", False), ("3척", 3, None, "척", False),
    ("200만 배럴", 2e6, None, "배럴", False), ("1조 달러", 1e12, None, "USD", False), ("최대 100억 달러", 1e10, None, "USD", False),
    ("무려 50조원", 5e13, None, "KRW", False), ("총 33조원", 3.3e13, None, "KRW", False), ("약 2천억 엔", 2e11, None, "JPY", True),
    ("60억 파운드", 6e9, None, "GBP", False), ("1억 루피", 1e8, None, "INR", False), ("US$ 3 billion", 3e9, None, "USD", False),
    ("$52.7 billion", 5.27e10, None, "USD", False), ("€43 billion", 4.3e10, None, "EUR", False), ("$280m", 2.8e8, None, "USD", False),
    ("10 trillion won", 1e13, None, "KRW", False), ("8000억원 규모", 8e11, None, "KRW", False), ("5조원 안팎", 5e12, None, "KRW", True),
    ("1000억원 정도", 1e11, None, "KRW", True), ("2조원 내외", 2e12, None, "KRW", True), ("30%대", 30, None, "%", True),
    ("100억원대", 1e10, None, "KRW", True), ("50% 초과", 50, None, "%", False), ("20% 이하", 20, None, "%", False),
]


@pytest.mark.parametrize("text,value,vmax,unit,approx", TABLE, ids=[r[0] for r in TABLE])
def test_amount_forms(text, value, vmax, unit, approx):
    got = find_amounts(f"정부는 {text}을 발표했다.")
    if value is None:
        assert not got or got[0]["unit"] != "USD" or got[0]["text"] != text
        return
    a = got[0]
    assert (a["unit"], a["approx"]) == (unit, approx)
    assert a["value"] == pytest.approx(value) and (a["value_max"] is None if vmax is None else a["value_max"] == pytest.approx(vmax))


def test_qualifiers_are_kept():
    [a] = find_amounts("최대 1조엔 규모")
    assert a["qualifier"] == "up_to" and a["text"] == "최대 1조엔"
    [a] = find_amounts("15% 이상 늘었다")
    assert a["qualifier"] == "at_least" and a["text"] == "15% 이상"
    [a] = find_amounts("10% 미만")
    assert a["qualifier"] == "below"


def test_converted_amount_in_brackets_is_its_own_record():
    got = find_amounts("최대 1조엔(약 9조 5000억원) 규모의 반도체")
    assert [(a["unit"], a["value"]) for a in got] == [("JPY", 10**12), ("KRW", 95 * 10**11)]


def test_offsets_are_exact():
    text = "일본 정부는 700억 엔(약 6천830억 원)을 지원할 방침이다."
    for a in find_amounts(text):
        assert text[a["start"]:a["end"]] == a["text"]


NEGATIVE = ["H20", "14nm 공정", "5G용 반도체", "1차관", "2050 넷제로", "24시간 변동률", "2023-10-24", "16:30",
            "02-1234-5678", "1위 업체", "3자 회동", "30세 이하", "9회 조회", "A100 칩", "HBM3E 12단", "2월7일", "28일",
            "원전 3기", "3조 원전 사업", "제3국", "10시 30분", "2025.04.01.", "B200", "7나노", "3나노 공정", "2nm", "1분기",
            "4월 첫째 주", "20대 청년", "10년간", "2배", "3세대"]


@pytest.mark.parametrize("text", NEGATIVE)
def test_not_amounts(text):
    assert find_amounts(text) == []


def render(value_eok: int) -> list[str]:
    """Ways Korean papers write an amount given in 억 (1e8) units."""
    jo, eok = divmod(value_eok, 10_000)
    forms = []
    if jo and eok:
        forms += [f"{jo}조 {eok}억원", f"{jo}조{eok}억원", f"{jo}조 {eok:,}억 원"]
        if eok % 1000 == 0:
            forms.append(f"{jo}조{eok // 1000}천억원")
    elif jo:
        forms += [f"{jo}조원", f"{jo}조 원"]
    else:
        forms += [f"{eok}억원", f"{eok:,}억 원"]
        if eok % 1000 == 0 and eok >= 1000:
            forms.append(f"{eok // 1000}천억원")
    return forms


@given(st.integers(min_value=1, max_value=99_999_999))
@settings(max_examples=200, deadline=None)
def test_round_trip_korean_money(value_eok):
    for form in render(value_eok):
        for prefix, approx in (("", False), ("약 ", True), ("최대 ", False)):
            got = find_amounts(f"정부는 {prefix}{form} 규모의 지원을 발표했다.")
            assert len(got) == 1, form
            assert got[0]["value"] == value_eok * 10**8 and got[0]["unit"] == "KRW" and got[0]["approx"] == approx


@given(st.integers(min_value=0, max_value=9999), st.integers(min_value=0, max_value=99))
@settings(max_examples=100, deadline=None)
def test_round_trip_percent(whole, frac):
    text = f"{whole}.{frac:02d}%" if frac else f"{whole}%"
    [a] = find_amounts(f"점유율은 {text}에 이른다.")
    assert a["value"] == pytest.approx(whole + frac / 100) and a["unit"] == "%"


@given(st.integers(min_value=1, max_value=10**6))
@settings(max_examples=100, deadline=None)
def test_round_trip_commas(n):
    [a] = find_amounts(f"모두 {n:,}명이 참여했다.")
    assert a["value"] == n and a["unit"] == "명"


def test_parse_number_rejects_garbage():
    assert parse_number("억억") is not None  # degenerate but harmless: 1억 + 1억
    assert parse_number("abc") is None
