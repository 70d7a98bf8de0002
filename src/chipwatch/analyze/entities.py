"""Entity recognition and linking: knowledge-base aliases matched with Korean boundary rules,
titles and surnames resolved to people named earlier, and unknown proper nouns found by Kiwi
morphology next to titles and company words.
"""
from __future__ import annotations

import re
from functools import lru_cache

from chipwatch.analyze import kb

# what may follow a name inside the same word: a bound suffix (미국산, 반도체용) and then particles
# (미국이, 일본에서도, 미국산으로); anything else glued on makes it another word (미국가요, 미래)
PARTICLE = re.compile(
    r"(?:산|용|측|발|내|간|계|향|행|상|시|주|들|등)?"
    r"(?:이|가|은|는|을|를|의|에|에서|에게|께|와|과|로|으로|도|만|까지|부터|보다|처럼|이나|나|란|이란|라는|이라는|인|이다|"
    r"이며|이고|과의|와의|에도|에는|로서|로부터|와도|마저|조차|뿐|엔)*(?![가-힣])")
# a one-syllable country alias (미, 일, 중, 한, 러) only before a word that makes it a country
SHORT_NEXT = re.compile(r"\s?(?:정부|당국|측|기업|업체|반도체|상무부|국무부|재무부|국방부|의회|대통령|총리|관계자|정상|행정부|"
                        r"외무성|경제산업성|상원|하원|연방|기술|수출|당국자|워싱턴|본토|언론|매체|현지|국적|대사|군|정계|증시|시장|"
                        r"경제|산업|법원|고위|연준|관리|외교|통상|산업부|무역)")
TITLE = r"(?:회장|부회장|사장|대표|장관|차관|대통령|총리|교수|의원|위원장|실장|국장|차관보|대사|최고경영자|CEO|이사장|원장|청장|주석|부총리)"
SURNAME_TITLE = re.compile(r"(?<![가-힣])([가-힣])\s(" + TITLE + r")")
COMPANY_WORDS = ("전자", "반도체", "그룹", "테크", "머티리얼즈", "바이오", "화학", "중공업", "홀딩스")


@lru_cache(maxsize=1)
def _index():
    """Alias automaton as one regex (longest alternatives first) and surface -> entity ids."""
    by_surface: dict[str, list[str]] = {}
    for e in kb.entities().values():
        for s in kb.surfaces(e):
            by_surface.setdefault(s, []).append(e.id)
    for surface, ids, _ in kb.compounds():
        by_surface.setdefault(surface, [])
    alts = sorted(by_surface, key=len, reverse=True)
    rx = re.compile("|".join(re.escape(a) for a in alts))
    return rx, by_surface, {s: (ids, ctx) for s, ids, ctx in kb.compounds()}


def _left_ok(text: str, start: int, surface: str) -> bool:
    if start == 0:
        return True
    prev = text[start - 1]
    if surface[0].isascii() and surface[0].isalnum():
        return not (prev.isascii() and prev.isalnum())
    return not ("가" <= prev <= "힣")


def _right_ok(text: str, end: int, surface: str) -> bool:
    if end >= len(text):
        return True
    nxt = text[end]
    if surface[-1].isascii() and surface[-1].isalnum():
        return not (nxt.isascii() and nxt.isalnum())
    if not ("가" <= nxt <= "힣"):
        return True
    return bool(PARTICLE.match(text, end))


def _one_syllable_ok(text: str, end: int) -> bool:
    return bool(SHORT_NEXT.match(text, end))


@lru_cache(maxsize=1)
def _kiwi():
    """Kiwi with the knowledge base as a user dictionary, so known names tokenise as one proper noun
    and never surface as 'unknown' fragments."""
    from kiwipiepy import Kiwi

    kiwi = Kiwi()
    for e in kb.entities().values():
        if e.type == "PRODUCT":
            continue
        for surface in kb.surfaces(e):
            if len(surface) >= 2 and all("가" <= c <= "힣" for c in surface):
                kiwi.add_user_word(surface, "NNP")
    return kiwi


def find_entities(text: str, use_kiwi: bool = True) -> list[dict]:
    rx, by_surface, compound = _index()
    ents = kb.entities()
    found: dict[str, dict] = {}
    covered = [False] * (len(text) + 1)

    def add(eid: str, s: int, e: int, in_kb: bool = True, etype: str | None = None, name: str | None = None):
        rec = found.get(eid)
        if rec is None:
            ent = ents.get(eid)
            rec = found[eid] = {"id": eid if in_kb else None, "name": ent.name if ent else name,
                                "name_en": ent.name_en if ent else None, "type": ent.type if ent else etype,
                                "in_kb": in_kb, "mentions": []}
        if not any(m["start"] == s for m in rec["mentions"]):
            rec["mentions"].append({"start": s, "end": e, "text": text[s:e]})
        for k in range(s, e):
            covered[k] = True

    pos = 0
    while True:
        m = rx.search(text, pos)
        if m is None:
            break
        s, e, surface = m.start(), m.end(), m.group(0)
        pos = s + 1
        if any(covered[s:e]) or not _left_ok(text, s, surface) or not _right_ok(text, e, surface):
            continue
        if surface in compound:
            ids, ctx = compound[surface]
            if ctx and not re.match(ctx, text[e:e + 20]):
                continue
            for eid in ids:
                add(eid, s, e)
            pos = e
            continue
        ids = by_surface.get(surface) or []
        if not ids:
            continue
        if len(surface) == 1 and "가" <= surface <= "힣" and not _one_syllable_ok(text, e):
            continue
        add(ids[0], s, e)
        pos = e

    if use_kiwi:
        for eid, s, e, etype, name in _unknown_proper_nouns(text, covered):
            add(eid, s, e, False, etype, name)
        for eid, s, e, etype, name in _unknown_by_pattern(text, covered):
            add(eid, s, e, False, etype, name)
    # "장 차관", "이 회장": a surname and a title point back to the one person of that surname named here
    people = [r for r in found.values() if r["type"] == "PERSON" and r["name"] and _NAME.fullmatch(r["name"])]
    for m in SURNAME_TITLE.finditer(text):
        if any(covered[m.start():m.end()]):
            continue
        cands = [p for p in people if p["name"][0] == m.group(1)]
        if len(cands) == 1:
            rec = cands[0]
            add(rec["id"] or "u:" + rec["name"], m.start(), m.end(), rec["in_kb"], "PERSON", rec["name"])
    out = list(found.values())
    for r in out:
        r["mentions"].sort(key=lambda x: x["start"])
    out.sort(key=lambda r: r["mentions"][0]["start"])
    return out


_NAME = re.compile(r"[가-힣]{2,4}")
# Kiwi sometimes splits an unknown Korean name into surname + noun ("박" + "무진"): glue them back
SURNAMES = set("김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용")


def _unknown_proper_nouns(text: str, covered: list[bool]):
    """Proper nouns Kiwi tags NNP that the knowledge base does not know, typed by what follows them."""
    kiwi = _kiwi()
    toks = kiwi.tokenize(text)
    for i, t in enumerate(toks):
        if t.tag != "NNP" or any(covered[t.start:t.start + t.len]):
            continue
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        name, j = t.form, i
        if len(name) == 1 and name in SURNAMES and i + 1 < len(toks) and toks[i + 1].start == t.start + 1 \
                and toks[i + 1].tag.startswith("NN") and toks[i + 1].len in (1, 2):
            name, j = name + toks[i + 1].form, i + 1
        if _NAME.fullmatch(name) and re.search(TITLE + r"$", _title_run(toks, j)):
            yield "u:" + name, t.start, t.start + len(name), "PERSON", name
        elif nxt is not None and nxt.form in COMPANY_WORDS and nxt.start == t.start + t.len:
            full = text[t.start:nxt.start + nxt.len]
            yield "u:" + full, t.start, nxt.start + nxt.len, "COMPANY", full


# "반도체 업체 XYZ는", "XYZ社": Latin acronyms the knowledge base lacks, typed by the words around them
ACRONYM = re.compile(r"(?<![A-Za-z0-9])(?:(?P<pre>업체|기업|회사|스타트업|제조사)\s)?(?P<name>[A-Z][A-Za-z0-9&]{1,11})"
                     r"(?![A-Za-z0-9])(?P<post>社|사는|사가|사의|\s?측은|\s?측이)?")
# quoted programme names: ‘…프로그램’, '…이니셔티브', “…프로젝트”
QUOTED_PROGRAM = re.compile(r"[‘'“\"]([^‘'“”\"’]{2,30}?(?:프로그램|이니셔티브|프로젝트|프레임워크|법|전략|구상))[’'”\"]")


def _unknown_by_pattern(text: str, covered: list[bool]):
    for m in ACRONYM.finditer(text):
        if (m.group("pre") or m.group("post")) and not any(covered[m.start("name"):m.end("name")]):
            name = m.group("name")
            yield "u:" + name, m.start("name"), m.end("name"), "COMPANY", name
    surfaces = _index()[1]
    for m in QUOTED_PROGRAM.finditer(text):
        # names inside the quotes (반도체 in '반도체 인재 양성 프로그램') do not make the programme known
        if m.group(1) not in surfaces and not all(covered[m.start(1):m.end(1)]):
            yield "u:" + m.group(1), m.start(1), m.end(1), "PROGRAM", m.group(1)


def _title_run(toks, i: int) -> str:
    """The nouns right after token i, up to four, joined: where a person's title stands."""
    run = []
    for x in toks[i + 1:i + 6]:
        if not x.tag.startswith(("NN", "XSN", "SL", "SN")):
            break
        run.append(x.form)
        if re.fullmatch(TITLE, x.form) or re.search(TITLE + r"$", "".join(run)):
            return "".join(run)
    return ""
