"""Amounts in Korean news text: money, percentages and counts, normalised with exact spans.

A small grammar: a number is digits (with commas and decimals) or Hangul numerals, combined
with place values (십 백 천 만 억 조); `수` before a place value is vague (2 to 9 of it). A
number becomes an amount only with a unit from the table in `data/units.tsv`; qualifiers
before (약, 최대, ...) and after (가량, 이상, ...) are kept.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

SMALL_PLACE = {"십": 10, "백": 100, "천": 1000}
BIG_PLACE = {"만": 10**4, "억": 10**8, "조": 10**12}
HANGUL_DIGIT = {"일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "칠": 7, "팔": 8, "구": 9}
PREFIX_QUAL = {"약": ("approx", None), "대략": ("approx", None), "무려": (None, None), "총": (None, None),
               "최대": (None, "up_to"), "최고": (None, "up_to"), "최소": (None, "at_least"), "최저": (None, "at_least")}
SUFFIX_QUAL = {"가량": ("approx", None), "정도": ("approx", None), "안팎": ("approx", None), "내외": ("approx", None),
               "대": ("approx", None), "이상": (None, "at_least"), "초과": (None, "above"), "미만": (None, "below"),
               "이하": (None, "at_most"), "여": ("approx", None)}
SCALE_EN = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "b": 1e9, "bn": 1e9, "billion": 1e9,
            "t": 1e12, "tn": 1e12, "trillion": 1e12}
CUR_EN = {"$": "USD", "us$": "USD", "usd": "USD", "dollars": "USD", "dollar": "USD", "eur": "EUR", "€": "EUR",
          "euros": "EUR", "jpy": "JPY", "¥": "JPY", "yen": "JPY", "krw": "KRW", "won": "KRW", "cny": "CNY",
          "yuan": "CNY", "twd": "TWD", "gbp": "GBP", "£": "GBP"}

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# number part: one or more groups, e.g. "9조 5000억", "6천830억", "수천억", "1,200", "20만"
NUMBER = re.compile(r"(?:(?:" + _NUM + r")|[일이삼사오육칠팔구수몇십백천](?=[십백천만억조]))"
                    r"(?:\s?(?:" + _NUM + r"|[일이삼사오육칠팔구수몇십백천만억조]))*")
_AFTER_UNIT_OK = re.compile(r"$|[\s,.()\[\]」』”’\"'·…~∼/;:!?]|[이가을를의에은는과와로도만씩까대쯤인이며였]|으로|에서|부터|까지|가량|정도|규모|수준|안팎|이상|미만|이하|초과|내외|어치|상당")
_EN = re.compile(r"(?P<cur1>US\$|\$|€|£|¥|USD|EUR|JPY|KRW|CNY|TWD|GBP)\s?(?P<n>\d+(?:[.,]\d+)*)\s?(?P<sc>trillion|billion|million|thousand|tn|bn|mn|[kmbt])?(?![A-Za-z])"
                 r"|(?P<n2>\d+(?:[.,]\d+)*)\s?(?P<sc2>trillion|billion|million|thousand|tn|bn|mn)\s(?:US\s)?(?P<cur2>dollars?|euros?|yen|won|yuan|USD|EUR|JPY|KRW|CNY)(?![A-Za-z])",
                 re.I)


@lru_cache(maxsize=1)
def units() -> tuple[tuple[str, str, str], ...]:
    text = resources.files("chipwatch.analyze").joinpath("data/units.tsv").read_text(encoding="utf-8")
    rows = [tuple(line.split("\t")[:3]) for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


def parse_number(s: str) -> tuple[float, float | None] | None:
    """Korean number words -> (value, value_max); value_max only for vague 수/몇. None if not a number."""
    s = s.replace(" ", "")
    lo = hi = 0.0          # completed big groups
    glo = ghi = 0.0        # current group below the next big place
    cur: float | None = None
    vague = False
    pend_vague = False
    seen = False
    i = 0
    while i < len(s):
        m = re.match(_NUM, s[i:])
        if m:
            if cur is not None:
                return None
            cur = float(m.group(0).replace(",", ""))
            i += m.end()
            seen = True
            continue
        ch = s[i]
        i += 1
        if ch in HANGUL_DIGIT and i < len(s) and (s[i] in SMALL_PLACE or s[i] in BIG_PLACE):
            if cur is not None:
                return None
            cur = float(HANGUL_DIGIT[ch])
        elif ch in "수몇":
            pend_vague = vague = True
        elif ch in SMALL_PLACE:
            mult = SMALL_PLACE[ch]
            if pend_vague:
                glo, ghi, pend_vague = glo + 2 * mult, ghi + 9 * mult, False
            else:
                c = 1.0 if cur is None else cur
                glo, ghi = glo + c * mult, ghi + c * mult
            cur = None
            seen = True
        elif ch in BIG_PLACE:
            mult = BIG_PLACE[ch]
            if pend_vague:
                glo, ghi, pend_vague = glo + 2, ghi + 9, False
            if cur is not None:
                glo, ghi = glo + cur, ghi + cur
            if glo == 0 and ghi == 0:
                glo = ghi = 1.0
            lo, hi = lo + glo * mult, hi + ghi * mult
            glo = ghi = 0.0
            cur = None
            seen = True
        else:
            return None
    if pend_vague or not seen:
        return None
    if cur is not None:
        glo, ghi = glo + cur, ghi + cur
    lo, hi = lo + glo, hi + ghi
    return (lo, hi if vague and hi != lo else None)


def _top_place(s: str) -> int:
    return max((BIG_PLACE[c] for c in s if c in BIG_PLACE), default=1)


def _clean(x: float) -> float | int:
    return int(x) if float(x).is_integer() and abs(x) < 2**53 else round(x, 6)


def find_amounts(text: str) -> list[dict]:
    out: list[dict] = []
    taken = [False] * (len(text) + 1)
    for m in NUMBER.finditer(text):
        start, end = m.start(), m.end()
        if start > 0 and (text[start - 1].isascii() and text[start - 1].isalnum() or text[start - 1] in "-.:/"):
            continue   # inside a model name, a date, a time or a phone number
        num_text = m.group(0).rstrip()
        end = start + len(num_text)
        parsed = parse_number(num_text)
        if parsed is None:
            continue
        value, vmax = parsed
        pos = end
        # range: "80~90%", "1~2조원"
        r = re.match(r"\s?[~∼〜]\s?(" + NUMBER.pattern + r")", text[pos:])
        if r:
            second = parse_number(r.group(1).rstrip())
            if second is not None:
                if _top_place(num_text) == 1 and _top_place(r.group(1)) > 1:
                    value *= _top_place(r.group(1))
                vmax = second[1] or second[0]
                pos += len(r.group(0).rstrip())
        approx = False
        qualifier = None
        if text.startswith("여", pos):                    # "40여 곳", "100여개"
            approx, pos = True, pos + 1
        u = re.match(r"\s?", text[pos:])
        upos = pos + u.end()
        unit = None
        for surface, kind, code in units():
            if text.startswith(surface, upos):
                after = text[upos + len(surface):upos + len(surface) + 3]
                if kind != "percent" and not _AFTER_UNIT_OK.match(after):
                    continue
                unit = (surface, kind, code)
                break
        if unit is None:
            continue
        if unit[1] == "count" and not re.search(r"\d|[십백천만억조]", num_text):
            continue
        if unit[1] == "count" and upos != pos and not approx and not re.search(r"[만억조]", num_text) \
                and vmax is None:
            continue   # counters attach to the number: "8곳", not "8 곳" (that is usually a list)
        end = upos + len(unit[0])
        # prefix qualifiers
        pre = re.search(r"(약|대략|무려|총|최대|최고|최소|최저)\s?$", text[max(0, start - 4):start])
        span_start = start
        if pre:
            a, q = PREFIX_QUAL[pre.group(1)]
            approx = approx or a == "approx"
            qualifier = qualifier or q
            span_start = start - len(pre.group(0))
        suf = re.match(r"(?:\s?(가량|정도|안팎|내외|이상|초과|미만|이하)|(대)(?=[의로에를가인이을은는도]|[^가-힣]|$))", text[end:])
        if suf:
            a, q = SUFFIX_QUAL[suf.group(1) or suf.group(2)]
            approx = approx or a == "approx"
            qualifier = qualifier or q
            end += len(suf.group(0))
        if vmax is not None and m.group(0).lstrip()[:1] in "수몇":
            approx = True
        if any(taken[start:end]):
            continue
        for k in range(start, end):
            taken[k] = True
        out.append({"text": text[span_start:end], "start": span_start, "end": end, "kind": unit[1],
                    "value": _clean(value), "value_max": _clean(vmax) if vmax is not None else None,
                    "unit": unit[2], "approx": approx, "qualifier": qualifier})
    for m in _EN.finditer(text):
        if any(taken[m.start():m.end()]):
            continue
        n = (m.group("n") or m.group("n2")).replace(",", "")
        try:
            v = float(n)
        except ValueError:
            continue
        sc = (m.group("sc") or m.group("sc2") or "").lower()
        v *= SCALE_EN.get(sc, 1)
        cur = CUR_EN.get((m.group("cur1") or m.group("cur2") or "").lower())
        if cur is None:
            continue
        out.append({"text": m.group(0).strip(), "start": m.start(), "end": m.start() + len(m.group(0).rstrip()),
                    "kind": "money", "value": _clean(v), "value_max": None, "unit": cur, "approx": False,
                    "qualifier": None})
    out.sort(key=lambda a: a["start"])
    return out
