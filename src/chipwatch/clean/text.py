"""Page text -> Article: keep the article, drop the furniture, read the metadata.

The page is cut into segments (lines, split again at datelines such as `[서울=뉴시스]`); each
segment gets a label from general signals (furniture.py); the article is the contiguous run of
segments with the highest score (sentences count for their length, furniture against), which
is robust to menus above and related-headline lists below; inside that run, captions, credits
and bylines are dropped one by one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from chipwatch.clean import furniture as fx
from chipwatch.clean import meta
from chipwatch.clean.repeats import remove_repeats

_GLUED_SENTENCE = re.compile(r"(?<=[가-힣][.!?])(?=[가-힣])")
_DROP_PENALTY = 25
_SHORT_PENALTY = 5


@dataclass
class Segment:
    text: str
    label: str
    line: int
    dateline: meta.Dateline | None = None


def _label(s: str) -> str:
    if not s:
        return "blank"
    if fx.is_photo(s):
        return "photo"
    if fx.is_copyright(s):
        return "copyright"
    if fx.WIRE_CREDIT.match(s):
        return "wire"
    if meta.LABELLED_DATE.search(s) and len(s) < 120 and not fx.is_sentence(s):
        return "meta"
    if fx.is_byline(s) or fx.POSTER.match(s):
        return "byline"
    if fx.URL.fullmatch(s) or (fx.EMAIL.search(s) and len(s) < 60 and not fx.is_sentence(s)):
        return "furniture"
    if fx.is_furniture(s):
        return "furniture"
    if fx.is_sentence(s) or fx.n_sentences(s) >= 2:
        return "sentence"
    return "short"


def segment(text: str) -> list[Segment]:
    out: list[Segment] = []
    for n, raw in enumerate(text.split("\n")):
        line = fx.strip_bullet(raw) if not raw.lstrip().startswith("▲") else raw.strip()
        if not line:
            out.append(Segment("", "blank", n))
            continue
        dl = meta.find_dateline(line)
        if dl and not fx.is_photo(line[dl.end:]) and len(line) - dl.end > 20:
            before, after = line[:dl.start].strip(), line[dl.end:].strip()
            if before:
                # text glued in front of an article's dateline is a caption or a credit, never article
                out.append(Segment(before, "photo" if _label(before) in ("sentence", "short") else _label(before), n))
            after = fx.GLUED_CREDIT.sub("", after)
            out.append(Segment(after, _label(after), n, dateline=dl))
            continue
        stripped = fx.GLUED_CREDIT.sub("", line)
        seg = Segment(stripped, _label(stripped), n)
        if dl and seg.label == "photo":
            seg.dateline = dl
        out.append(seg)
    return out


def _score(seg: Segment) -> float:
    if seg.label == "sentence":
        return float(len(seg.text))
    if seg.label == "short":
        return -_SHORT_PENALTY
    if seg.label == "blank":
        return 0.0
    return -_DROP_PENALTY


def best_block(segs: list[Segment]) -> tuple[int, int] | None:
    """Maximum-sum contiguous run of segment scores (Kadane)."""
    best, best_span = 0.0, None
    cur, start = 0.0, 0
    for i, seg in enumerate(segs):
        sc = _score(seg)
        if cur <= 0:
            cur, start = sc, i
        else:
            cur += sc
        if cur > best:
            best, best_span = cur, (start, i)
    return best_span


@dataclass
class Cleaned:
    body: str
    title: str | None
    subtitle: list[str]
    published: str | None
    outlet: str | None
    authors: list[str]
    dropped: list[tuple[str, str]]


def _headline_like(s: str) -> bool:
    return len(s) >= 8 and bool(re.search(r"[가-힣A-Za-z]{2}", s)) and not fx.URL.search(s)


def clean_text(content: str, title_hint: str | None = None) -> Cleaned:
    text = remove_repeats(content)
    segs = segment(text)
    span = best_block(segs)
    dropped: list[tuple[str, str]] = []
    if span is None or not any(s.label == "sentence" for s in segs[span[0]:span[1] + 1]):
        return Cleaned("", title_hint, [], None, None, [], [(s.text, s.label) for s in segs if s.text])
    s0, s1 = span
    body_parts: list[str] = []
    seen: set[str] = set()
    for i, seg in enumerate(segs):
        if s0 <= i <= s1 and seg.label in ("sentence", "short"):
            part = _GLUED_SENTENCE.sub(" ", seg.text)
            if part in seen and len(part) >= 15:
                dropped.append((seg.text, "repeated paragraph"))   # too short for remove_repeats' window
                continue
            seen.add(part)
            body_parts.append(part)
        elif seg.text:
            dropped.append((seg.text, seg.label if s0 <= i <= s1 else f"{seg.label}, outside the article"))
    if title_hint and body_parts and body_parts[0].strip() == title_hint.strip():
        body_parts.pop(0)
    body = "\n\n".join(p for p in body_parts if p)

    # header: title and deck lines come before the article
    header = [s for s in segs[:s0] if s.label in ("short", "sentence")]
    title = title_hint
    subtitle: list[str] = []
    rest = header
    if title is None:
        for k, s in enumerate(header):
            if _headline_like(s.text):
                title, rest = s.text, header[k + 1:]
                break
    else:
        rest = [s for s in header if s.text != title]
    for s in rest:
        if _headline_like(s.text) and not fx.SENTENCE_END.search(s.text) and len(subtitle) < 5:
            subtitle.append(s.text)

    outside = [s.text for i, s in enumerate(segs) if not (s0 <= i <= s1 and s.label in ("sentence", "short"))
               and s.label != "photo"]
    header_lines = [s.text for s in segs[:s0] if s.label != "photo"]
    published = meta.find_published(outside, len(header_lines))

    return Cleaned(body, title, subtitle, published, _outlet(segs, span), _authors(segs, span), dropped)


def _outlet(segs: list[Segment], span: tuple[int, int]) -> str | None:
    s1 = span[1]
    body_dl = [s.dateline for s in segs if s.dateline and s.label != "photo"]
    if body_dl:
        return body_dl[0].outlet
    for s in segs[s1 + 1:]:
        if s.label == "wire":
            hit = meta.outlet_by_name(re.sub(r"[^가-힣A-Za-z0-9]", "", s.text))
            if hit:
                return hit
    for s in segs:
        if s.label == "copyright" and (hit := meta.copyright_outlet(s.text)):
            return hit
    for s in segs:
        if s.label in ("byline", "furniture", "meta") and (hit := meta.email_outlet(s.text)):
            return hit
    for s in segs:
        if s.dateline and s.label == "photo" and meta.outlet_by_name(s.dateline.outlet or ""):
            return s.dateline.outlet
    return None


def _authors(segs: list[Segment], span: tuple[int, int]) -> list[str]:
    names: list[str] = []
    for s in segs:
        if s.dateline and s.label != "photo" and s.dateline.author:
            names.append(s.dateline.author)
    for s in segs:
        if s.label == "byline" or (s.label == "meta" and fx.byline_names(s.text)):
            names.extend(fx.byline_names(s.text))
    seen: dict[str, None] = {}
    for n in names:
        seen.setdefault(n, None)
    return list(seen)
