"""Page metadata from Korean news conventions: publication time, outlet, authors, datelines."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from chipwatch.clean.furniture import EMAIL, byline_names

# --- publication time -------------------------------------------------------------------------
_LABEL = r"(?P<label>기사\s*입력|최초\s*입력|입력|등록|작성일(?:Date)?|작성|게재|발행(?:일)?|송고|승인|Posted|Published|수정|업데이트)"
_YMD = (r"(?P<y>(?:19|20)\d{2}|\d{2})\s*[-./년]\s*(?P<m>\d{1,2})\s*[-./월]\s*(?P<d>\d{1,2})\s*일?\.?")
_TIME = r"(?:\s*(?:\((?:[월화수목금토일])\))?\s*(?P<ampm>오전|오후|AM|PM)?\s*(?P<H>\d{1,2})\s*[:시]\s*(?P<M>\d{2})(?:\s*[:분]\s*\d{2}초?)?)?"
LABELLED_DATE = re.compile(_LABEL + r"\s*[:：]?\s*" + _YMD + _TIME, re.I)
BARE_DATE_LINE = re.compile(r"^\s*(?P<y>(?:19|20)\d{2})\s*[-./년]\s*(?P<m>\d{1,2})\s*[-./월]\s*(?P<d>\d{1,2})\s*일?\.?" + _TIME + r"\s*$")
_LABEL_RANK = {"입력": 0, "기사입력": 0, "최초입력": 0, "송고": 0, "등록": 1, "작성일": 1, "작성일date": 1, "작성": 1,
               "게재": 1, "발행": 1, "발행일": 1, "posted": 1, "published": 1, "승인": 2, "수정": 9, "업데이트": 9}


def _iso(m: re.Match) -> str | None:
    y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    if y < 100:
        y += 2000
    if not (1 <= mo <= 12 and 1 <= d <= 31 and 1990 <= y <= 2100):
        return None
    out = f"{y:04d}-{mo:02d}-{d:02d}"
    if m.group("H") is not None:
        h, mi = int(m.group("H")), int(m.group("M"))
        if (m.group("ampm") or "").upper() in ("오후", "PM") and h < 12:
            h += 12
        if (m.group("ampm") or "").upper() in ("오전", "AM") and h == 12:
            h = 0
        if h < 24 and mi < 60:
            out += f"T{h:02d}:{mi:02d}:00+09:00"
    return out


def find_published(lines: list[str], header_end: int) -> str | None:
    """The stated publication time: a labelled date anywhere outside the body, or a line holding
    only a full date in the header. Modification dates count only when nothing else is stated."""
    best: tuple[int, int, str] | None = None
    for idx, line in enumerate(lines):
        for m in LABELLED_DATE.finditer(line):
            label = re.sub(r"\s+", "", m.group("label")).lower()
            if m.group("y") and len(m.group("y")) == 2 and not label.startswith("작성"):
                continue  # two-digit years only in board-post headers
            iso = _iso(m)
            if iso:
                cand = (_LABEL_RANK.get(label, 5), idx, iso)
                if best is None or cand[:2] < best[:2]:
                    best = cand
    if best and best[0] < 9:
        return best[2]
    for line in lines[:header_end]:
        m = BARE_DATE_LINE.match(line)
        if m and (iso := _iso(m)):
            return iso
    return best[2] if best else None


# --- outlets ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Outlet:
    name: str
    name_en: str
    country: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...]


@lru_cache(maxsize=1)
def outlets() -> tuple[Outlet, ...]:
    text = resources.files("chipwatch").joinpath("data/outlets.tsv").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = (line.split("\t") + [""] * 5)[:5]
        rows.append(Outlet(cols[0], cols[1], cols[2], tuple(a for a in cols[3].split("|") if a),
                           tuple(d for d in cols[4].split("|") if d)))
    return tuple(rows)


@lru_cache(maxsize=1)
def _outlet_index() -> tuple[dict[str, str], dict[str, str]]:
    names: dict[str, str] = {}
    domains: dict[str, str] = {}
    for o in outlets():
        for n in (o.name, *o.aliases):
            names.setdefault(n.lower(), o.name)
        for d in o.domains:
            domains[d.lower()] = o.name
    return names, domains


def outlet_by_name(name: str) -> str | None:
    return _outlet_index()[0].get(name.strip().lower())


def outlet_by_domain(host: str) -> str | None:
    host = host.lower().strip(".")
    doms = _outlet_index()[1]
    parts = host.split(".")
    for i in range(len(parts) - 1):
        hit = doms.get(".".join(parts[i:]))
        if hit:
            return hit
    return None


def outlet_in_text(line: str) -> str | None:
    """An outlet named in a copyright or signature line: by e-mail/web domain first, then by name."""
    for m in re.finditer(r"(?:@|www\.|//|\b)([a-z0-9-]+(?:\.[a-z0-9-]+)+)", line.lower()):
        hit = outlet_by_domain(m.group(1))
        if hit:
            return hit
    names = _outlet_index()[0]
    for tok in sorted(set(re.findall(r"[가-힣A-Za-z0-9]+", line)), key=len, reverse=True):
        hit = names.get(tok.lower())
        if hit and len(tok) >= 2:
            return hit
    return None


# --- datelines: "[서울=뉴시스]", "[데일리안 = 김상도 기자]", "(워싱턴=연합뉴스) 김기자 특파원 =" ----------
DATELINE = re.compile(
    r"[\[(【]\s*(?:(?P<place>[가-힣]{2,8})\s*=\s*(?P<wire>[가-힣A-Za-z0-9]{2,12})"
    r"|(?P<outlet>[가-힣A-Za-z0-9]{2,12})\s*(?:=\s*)?(?P<rep>[가-힣]{2,4})\s*(?:기자|특파원|선임기자|전문기자))"
    r"\s*[\])】]\s*(?:(?P<rep2>[가-힣]{2,4})\s*(?:기자|특파원)\s*=\s*)?"
)


@dataclass(frozen=True)
class Dateline:
    start: int
    end: int
    outlet: str | None
    author: str | None


def find_dateline(line: str) -> Dateline | None:
    for m in DATELINE.finditer(line):
        if m.group("wire"):
            outlet = outlet_by_name(m.group("wire")) or m.group("wire")
            return Dateline(m.start(), m.end(), outlet, m.group("rep2"))
        outlet = outlet_by_name(m.group("outlet")) or m.group("outlet")
        return Dateline(m.start(), m.end(), outlet, m.group("rep"))
    return None


def authors_in(line: str) -> list[str]:
    return byline_names(line)


_COPYRIGHT_NAME = re.compile(r"(?:copyright|저작권자)?\s*[ⓒ©]\s*(?:\d{4}\s*)?([가-힣][가-힣A-Za-z0-9]{1,14})", re.I)


def copyright_outlet(line: str) -> str | None:
    """The outlet a copyright line names: a known outlet, else the name right after the sign."""
    hit = outlet_in_text(line)
    if hit:
        return hit
    m = _COPYRIGHT_NAME.search(line)
    return m.group(1) if m else None


def email_outlet(line: str) -> str | None:
    for m in EMAIL.finditer(line):
        hit = outlet_by_domain(m.group(0).split("@", 1)[1])
        if hit:
            return hit
    return None
