"""Line-level signals that tell page furniture from article text.

General signals only: vocabulary of web widgets, counters, digit density, photo-credit and
copyright patterns, bylines, sentence endings. Nothing here is keyed to one site.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

BULLET = re.compile(r"^[\s•·∙◦▪▫■□◆◇○●▶►▷➤✓*\-–—]+")
SENTENCE_END = re.compile(r"(?:[가-힣][.!?]|[.!?])[\"”’'」』)\]]*\s*$")
SENTENCE_IN = re.compile(r"[가-힣][.!?][\"”’']?(?:\s|$)")
HANGUL = re.compile(r"[가-힣]")
WORD = re.compile(r"[가-힣A-Za-z_/·]+")

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
URL = re.compile(r"https?://\S+|www\.\S+")
COPYRIGHT = re.compile(r"copyright|all rights reserved|무단\s*전재|무단\s*복제|재배포\s*금지|재판매\s*및\s*DB\s*금지|저작권자|ⓒ\s*\S+\s*[,&]|©", re.I)
PHOTO = re.compile(
    r"^▲|^\s*!\[|\(사진(?:제공)?\s*=|\(사진\s*[:：]|사진\s*=\s*\S+\)|\(출처\s*=|\(자료\s*=|\(그래픽\s*=|\(이미지\s*=|"
    r"사진기자단\)|\(사진공동취재단\)|ⓒ\s*(?:AP|AFP|EPA|UPI|로이터|게티|Reuters|Getty)|"
    r"\d{4}\.\d{1,2}\.\d{1,2}\.?\s*[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*(?:\*재판매.*)?$"
)
# a photo-agency credit glued to the first word of the text: "AP뉴시스삼성전자는", "로이터/뉴스1 미국은"
GLUED_CREDIT = re.compile(r"^(?:ⓒ\s*)?(?:AP|AFP|EPA|UPI|로이터|게티이미지(?:코리아|뱅크)?|신화|블룸버그)\s*[/=]?\s*(?:뉴시스|연합뉴스|뉴스1)\s*(?=\S)")
BYLINE_NAME = re.compile(r"(?:^|[\s=,(\[])([가-힣]{2,4})\s*(기자|특파원|선임기자|전문기자|객원기자|논설위원|통신원)(?=$|[\s,=\]·)]|\s*[\w.+-]+@)")
COUNTER = re.compile(r"^[가-힣A-Za-z ]{1,12}\s*\d+\s*(?:건|회|개)?$")
TICKER = re.compile(r"^[\d\s,.+\-%▲▼()/:]+$")
SITE_NAME = re.compile(r"^(?:\(주\)|㈜)\s*\S+$")
WIRE_CREDIT = re.compile(r"^\s*[/(\[<]?\s*(?:끝|연합뉴스|뉴시스|뉴스1)\s*[)\]>]?\s*$")


@lru_cache(maxsize=1)
def furniture_words() -> frozenset[str]:
    text = resources.files("chipwatch.clean").joinpath("data/furniture.txt").read_text(encoding="utf-8")
    return frozenset(w.strip().lower() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def strip_bullet(line: str) -> str:
    return BULLET.sub("", line).strip()


# widget sentences that end like article sentences
WIDGET_PHRASE = re.compile(r"댓글이\s*없습니다|첫\s*댓글을|댓글을\s*(?:남겨|입력|작성)|로그인(?:이|을)?\s*(?:필요|해\s*주세요|하세요)|"
                           r"구독(?:하고|을|해)|기사를\s*추천|공유해\s*주세요|광고\s*문의|앱에서\s*보기|기사제보")


def is_sentence(line: str) -> bool:
    """An article sentence: Korean, with a space, and ending like one."""
    return len(line) >= 12 and " " in line and bool(HANGUL.search(line)) and bool(SENTENCE_END.search(line))


def n_sentences(line: str) -> int:
    return len(SENTENCE_IN.findall(line))


def is_furniture(line: str) -> bool:
    s = strip_bullet(line)
    if not s:
        return False
    if TICKER.match(s) or COUNTER.match(s) or SITE_NAME.match(s) or (WIDGET_PHRASE.search(s) and len(s) < 60):
        return True
    if is_sentence(s) and len(s) > 40:
        return False
    words = WORD.findall(s.replace(" ", " "))
    if not words:
        return True
    vocab = furniture_words()
    # compound buttons like "추가취재 원해요0" or "기사 스크랩": every word is widget vocabulary
    rest = [w for w in words if w.lower() not in vocab and not re.fullmatch(r"[A-Za-z]", w)]
    return not rest


def is_photo(line: str) -> bool:
    return bool(PHOTO.search(line))


def is_copyright(line: str) -> bool:
    return bool(COPYRIGHT.search(line)) and len(line) < 200


def byline_names(line: str) -> list[str]:
    return [m.group(1) for m in BYLINE_NAME.finditer(line)]


POSTER = re.compile(r"^(?:작성자|글쓴이|글쓴이|등록자|posted by|writer)\s*[:：]?\s*\S{1,30}$", re.I)


def is_byline(line: str) -> bool:
    """A short line that is only names with reporter titles and e-mails."""
    s = strip_bullet(line)
    if len(s) > 90:
        return False
    names = byline_names(s)
    has_mail = bool(EMAIL.search(s))
    if not names and not has_mail:
        return False
    rest = EMAIL.sub(" ", s)
    rest = re.sub(r"[가-힣]{1,6}\s*=\s*(?=[가-힣]{2,4}\s*(?:기자|특파원))", " ", rest)  # places: 워싱턴=
    rest = BYLINE_NAME.sub(" ", rest)
    rest = re.sub(r"[\s,/·=\[\]()◎]+", "", rest)
    return len(rest) <= (12 if has_mail else 2)
