"""Dates and periods in Korean news text, resolved against the article's publication date.

Absolute forms give their value whatever the page says; relative forms (`28일`, `지난달 9일`,
`지난해 10월`, `이달`, `내년`, `오는 4일`) need `published` and are `null` without it: never a
guess. A bare day or month means the latest such day on or before publication, unless the
sentence speaks of the future (`~할 예정`, `계획`, `오는`), then the next one.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

FUTURE = re.compile(r"예정|계획|방침|할\s?것|ㄹ\s?것|전망|오는|내달|다음\s?달|까지\s?(?:하|완료)|"
                    r"[한간온는]다(?:고|[.\"”’]|\s*$)")  # Korean present tense in news: what is about to happen
HABITUAL = re.compile(r"(?:매년|매월|매달|매주|항상|해마다)\s*$")

_Y = r"(?P<y>(?:19|20)\d{2})"
PATTERNS = [
    # 2023-10-24, 2023.10.24, 2023/10/24
    ("ymd", re.compile(_Y + r"\s?[-./]\s?(?P<m>\d{1,2})\s?[-./]\s?(?P<d>\d{1,2})(?![\d])\.?")),
    # 25-05-29 (board headers)
    ("yymmdd", re.compile(r"(?<![\d-])(?P<y>\d{2})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d-])")),
    # 2023년 10월 24일 / 2023년 10월 / 2023년 하반기 / 2023년 1분기 / 2023년
    ("ykr", re.compile(_Y + r"년\s?(?:(?P<m>\d{1,2})월\s?(?:(?P<d>\d{1,2})일)?|(?P<half>상반기|하반기)|(?P<q>[1-4])분기|(?P<part>초|말|중))?")),
    # relative year words with optional month/day/half
    ("relyear", re.compile(r"(?<![가-힣])(?P<rel>지난해|작년|올해|올|금년|내년|내후년|재작년)\s?(?:(?P<m>\d{1,2})월\s?(?:(?P<d>\d{1,2})일)?|(?P<half>상반기|하반기)|(?P<q>[1-4])분기|(?P<part>초|말))?(?![가-힣])")),
    # relative month words
    ("relmonth", re.compile(r"(?<![가-힣])(?P<rel>지난달|이달|이번\s?달|다음\s?달|내달)(?=[^가-힣]|$|[에은는의도부까말초중])\s?(?:(?P<d>\d{1,2})일)?(?:\s?(?P<part>초|말|중순|하순|상순))?")),
    ("relweek", re.compile(r"(?<![가-힣])(?P<rel>지난주|이번\s?주|다음\s?주)")),
    # (지난|오는) 10월 7일 / 10.7일 / 10월 / 5일부터 10일까지 / 5~6일
    ("md", re.compile(r"(?:(?P<dir>지난|오는|올)\s?)?(?P<m>\d{1,2})(?:월\s?|\.)(?P<d>\d{1,2})일(?:\s?(?:부터|～|~|∼)\s?(?P<d2>\d{1,2})일(?:까지)?)?")),
    ("m", re.compile(r"(?:(?P<dir>지난|오는|올)\s?)?(?P<m>\d{1,2})월(?!\s?\d{1,2}일)(?:\s?(?P<part>초|말|중순|하순|상순))?")),
    ("d", re.compile(r"(?:(?P<dir>지난|오는)\s?)?(?P<d>\d{1,2})일(?:\s?(?:부터|～|~|∼)\s?(?P<d2>\d{1,2})일(?:까지)?)?")),
    ("drange", re.compile(r"(?:(?P<dir>지난|오는)\s?)?(?P<d>\d{1,2})\s?[~∼]\s?(?P<d2>\d{1,2})일")),
]
_ORDER = {"ymd": 0, "ykr": 0, "yymmdd": 1, "relyear": 2, "relmonth": 3, "relweek": 3, "md": 4, "drange": 4, "m": 5, "d": 6}


def _valid(y: int, m: int, d: int | None = None) -> bool:
    if not (1 <= m <= 12 and 1900 <= y <= 2200):
        return False
    return d is None or 1 <= d <= calendar.monthrange(y, m)[1]


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def _half(y: int, half: str) -> tuple[str, str, str]:
    return (f"{y:04d}-01", f"{y:04d}-06", "half") if half == "상반기" else (f"{y:04d}-07", f"{y:04d}-12", "half")


def _quarter(y: int, q: int) -> tuple[str, str, str]:
    return f"{y:04d}-{3 * q - 2:02d}", f"{y:04d}-{3 * q:02d}", "quarter"


def _ym(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _ymd(y: int, m: int, d: int) -> str:
    return f"{y:04d}-{m:02d}-{d:02d}"


def _future(text: str, end: int, direction: str | None) -> bool:
    """Whether the clause after a date speaks of the future (the verb comes after the date in Korean)."""
    if direction == "오는":
        return True
    if direction == "지난" or re.match(r"\s?\(현지\s?시간\)", text[end:end + 8]):
        return False   # "2일(현지시간) … 발표했다": a report's own dateline day is past
    rest = re.split(r"(?<=[다요])\.\s|\n", text[end:end + 80], maxsplit=1)[0]
    return bool(FUTURE.search(rest))


def _resolve(kind: str, g: dict, pub: date | None, future: bool) -> tuple[str | None, str | None, str]:
    """-> (value, value_end, precision)."""
    if kind in ("ymd", "yymmdd"):
        y = int(g["y"]) + (2000 if len(g["y"]) == 2 else 0)
        m, d = int(g["m"]), int(g["d"])
        return (_ymd(y, m, d), None, "day") if _valid(y, m, d) else (None, None, "invalid")
    if kind in ("ykr", "relyear"):
        if kind == "ykr":
            y = int(g["y"])
        else:
            if pub is None:
                return None, None, "year"
            y = pub.year + {"지난해": -1, "작년": -1, "재작년": -2, "올해": 0, "올": 0, "금년": 0, "내년": 1,
                            "내후년": 2}[g["rel"]]
        if g.get("half"):
            return _half(y, g["half"])
        if g.get("q"):
            return _quarter(y, int(g["q"]))
        if g.get("part"):
            return {"초": (_ym(y, 1), _ym(y, 3), "quarter"), "말": (_ym(y, 10), _ym(y, 12), "quarter"),
                    "중": (str(y), None, "year")}[g["part"]]
        if g.get("m"):
            m = int(g["m"])
            if g.get("d"):
                d = int(g["d"])
                return (_ymd(y, m, d), None, "day") if _valid(y, m, d) else (None, None, "invalid")
            return (_ym(y, m), None, "month") if _valid(y, m) else (None, None, "invalid")
        return str(y), None, "year"
    if pub is None:
        return None, None, {"relmonth": "month", "relweek": "day", "m": "month"}.get(kind, "day")
    if kind == "relmonth":
        k = {"지난달": -1, "이달": 0, "이번달": 0, "이번 달": 0, "다음달": 1, "다음 달": 1, "내달": 1}[g["rel"]]
        y, m = _shift_month(pub.year, pub.month, k)
        if g.get("d"):
            d = int(g["d"])
            return (_ymd(y, m, d), None, "day") if _valid(y, m, d) else (None, None, "invalid")
        return _ym(y, m), None, "month"
    if kind == "relweek":
        k = {"지난주": -1, "이번주": 0, "이번 주": 0, "다음주": 1, "다음 주": 1}[g["rel"]]
        monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=k)
        return monday.isoformat(), (monday + timedelta(days=6)).isoformat(), "day"
    if kind == "md":
        m, d = int(g["m"]), int(g["d"])
        y = pub.year
        if g.get("dir") == "올":
            pass
        elif future:
            if (m, d) < (pub.month, pub.day):
                y += 1
        elif (m, d) > (pub.month, pub.day):
            y -= 1
        if not _valid(y, m, d):
            return None, None, "invalid"
        end = _ymd(y, m, int(g["d2"])) if g.get("d2") and _valid(y, m, int(g["d2"])) else None
        return _ymd(y, m, d), end, "day"
    if kind == "m":
        m = int(g["m"])
        y = pub.year
        if g.get("dir") == "올":
            pass
        elif future:
            if m < pub.month:
                y += 1
        elif m > pub.month:
            y -= 1
        return (_ym(y, m), None, "month") if _valid(y, m) else (None, None, "invalid")
    # bare day (or day range)
    d = int(g["d"])
    y, m = pub.year, pub.month
    if future:
        if d < pub.day:
            y, m = _shift_month(y, m, 1)
    elif d > pub.day:
        y, m = _shift_month(y, m, -1)
    if not _valid(y, m, d):
        return None, None, "invalid"
    end = None
    if g.get("d2"):
        d2 = int(g["d2"])
        end = _ymd(y, m, d2) if _valid(y, m, d2) and d2 >= d else None
    return _ymd(y, m, d), end, "day"


def parse_published(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def find_dates(text: str, published: str | None) -> list[dict]:
    pub = parse_published(published)
    cands = []
    for kind, rx in PATTERNS:
        for m in rx.finditer(text):
            s, e = m.start(), m.end()
            while e > s and text[e - 1] == " ":
                e -= 1
            if s > 0 and (text[s - 1].isdigit() or text[s - 1] in ".-/" or (text[s - 1].isascii() and text[s - 1].isalpha())):
                continue
            if kind == "d" and re.match(r"\s?(?:간|째|치|분|자\b)", text[e:e + 2]):
                continue   # "3일간", "사흘째" are durations, not dates
            if kind in ("m",) and re.match(r"(?:간|째|분|물)", text[e:e + 1]):
                continue
            if HABITUAL.search(text[max(0, s - 8):s]):
                continue
            cands.append((s, e, kind, m.groupdict()))
    # longest, most specific first; no overlaps
    cands.sort(key=lambda c: (c[0], -(c[1] - c[0]), _ORDER[c[2]]))
    out: list[dict] = []
    taken_until = -1
    for s, e, kind, g in cands:
        if s < taken_until:
            continue
        fut = _future(text, e, g.get("dir"))
        value, value_end, precision = _resolve(kind, g, pub, fut)
        if precision == "invalid":
            continue
        out.append({"text": text[s:e], "start": s, "end": e, "value": value, "value_end": value_end,
                    "precision": precision, "relative": kind not in ("ymd", "ykr", "yymmdd")})
        taken_until = e
    return out
