"""Events: trade and technology-security actions stated by a sentence, with roles and status.

The cue lexicon (data/event_cues.tsv) and status rules (data/event_status.tsv) are data; each
event names the rule that produced it. Roles come from particles: an entity marked as subject
or topic (이/가/은/는) is an actor, one marked with 에/에게/과/와/대(對) a target; products
named in the sentence are items.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from chipwatch.analyze import kb

SENTENCE = re.compile(r"[^\n]+?(?:(?<=[다요])\.(?=\s|$|[\"”’'])[\"”’']?|$)", re.M)
# a subject may carry its title or office before the particle: "니시무라 야스토시 일본 경제산업상이", "장영진 1차관은"
SUBJECT_AFTER = re.compile(
    r"(?:\s?(?:[가-힣A-Za-z()0-9·]+\s){0,2}[가-힣A-Za-z()0-9·]*?"
    r"(?:장관|상|차관|대표|장|총리|대통령|교수|관계자|관계자들|당국자|당국자들|정부|행정부|측|그룹|CEO))?"
    r"(?:은|는|이|가|도)(?![가-힣])")
# "A와 B가", "한국과 중국, 일본의 정부 당국자들은": members of a coordinated subject
COORD = re.compile(r"(?:과|와|,|및)\s?")
# "미국의 대중 반도체 수출 규제에 동참": the owner of what an action is aimed at is a target
POSSESSED_TARGET = re.compile(r"의\s(?:[^\s]+\s){0,4}[^\s]*?(?:에|에게|과|와)(?![가-힣])")
# "이 업체에", "해당 기업과": a firm named in an earlier sentence
DEMONSTRATIVE_FIRM = re.compile(r"(?:이|해당|같은|그)\s(?:업체|회사|기업)(?:에|에게|과|와|을|를)(?![가-힣])")
POSSESSED_SUBJECT = re.compile(r"의\s(?:[가-힣]+\s){0,2}[가-힣]+(?:은|는|이|가)(?![가-힣])")
# a measure named as the topic of talks is not the measure itself: "수출 규제 강화 방안 등을 논의"
# hypotheticals and causes are not reports of an action: "참여하게 되면", "참여 의사 표명으로 인해";
# a cue that is the topic of its clause ("이번 출장은 … 풀이된다") is talked about, not done
HYPOTHETICAL = re.compile(r"^[가-힣]{0,3}?(?:게\s?되면|되면|하면|한다면|된다면|되더라도)")
CAUSE = re.compile(r"^\S*\s?(?:표명)?으로\s?인해")
EVENT_NOUN_TOPIC = re.compile(r"(?:출장|회담|면담|협상|방문|회동|투자|관세|제재|보조금|협약|합의)$")
# coercive measures are often threatened: "관세를 부과하면 …" is a proposal, not nothing
THREATENED = {"tariff", "export_control", "sanction", "entity_listing"}
TOPIC_OF_TALKS = re.compile(r"^.{0,12}?(?:방안|문제|현안|조치)?\s?(?:등을|등에 대해|을|를|에 대해)\s?(?:\S+\s)?(?:논의|협의|의견)")
TARGET = re.compile(r"(?:\s?(?:[가-힣A-Za-z()0-9·]+\s){0,3}[가-힣A-Za-z()0-9·]*?)?"
                    r"(?:에|에게|에게서|과|와|과의|와의|에\s?대해|에\s?대한|을|를)(?![가-힣])")
ROLE_TYPES = {"COUNTRY", "AGENCY", "COMPANY", "PERSON", "ORGANIZATION"}


@lru_cache(maxsize=1)
def cues() -> list[tuple[str, str, re.Pattern]]:
    text = resources.files("chipwatch.analyze").joinpath("data/event_cues.tsv").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            rule, etype, pattern = line.split("\t")[:3]
            rows.append((rule, etype, re.compile(pattern)))
    return rows


@lru_cache(maxsize=1)
def status_rules() -> list[tuple[str, re.Pattern]]:
    text = resources.files("chipwatch.analyze").joinpath("data/event_status.tsv").read_text(encoding="utf-8")
    return [(c[0], re.compile(c[1])) for c in (ln.split("\t") for ln in text.splitlines()
                                                if ln.strip() and not ln.startswith("#"))]


def sentences(text: str):
    for m in SENTENCE.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        if e - s >= 8:
            yield s, e


def status_of(sentence: str) -> str:
    for status, rx in status_rules():
        if rx.search(sentence):
            return status
    return "in_effect"


def _country_of(e: dict) -> str | None:
    ent = kb.entities().get(e.get("id") or "")
    if ent and ent.country and ent.type in ("AGENCY", "PERSON"):
        country = kb.countries_by_code().get(ent.country)
        return country.name_en if country else None
    return None


def _roles(text: str, s: int, e: int, entities: list[dict]):
    mentions = sorted(((m["start"], m["end"], ent) for ent in entities for m in ent["mentions"]
                       if s <= m["start"] < e), key=lambda x: x[0])
    actors, targets, items = [], [], []

    def put(bucket: list, ent: dict):
        name = ent["name_en"] or ent["name"]
        if name not in bucket:
            bucket.append(name)
        country = _country_of(ent)
        if country and country not in bucket:
            bucket.append(country)

    role_of: dict[int, str] = {}
    for k, (ms, me, ent) in enumerate(mentions):
        if ent["type"] == "PRODUCT":
            name = ent["name_en"] or ent["name"]
            if name not in items:
                items.append(name)
            continue
        if ent["type"] not in ROLE_TYPES:
            continue
        after = text[me:min(e, me + 40)]
        before = text[max(s, ms - 4):ms]
        if SUBJECT_AFTER.match(after) or POSSESSED_SUBJECT.match(after):
            role_of[k] = "actor"
        elif TARGET.match(after) or POSSESSED_TARGET.match(after) or re.search(r"대\(?對?\)?\s?$", before) or text[ms:me].startswith(("대", "對")):
            role_of[k] = "target"
    # coordination: "A와 B가" makes A an actor too
    for k in sorted(role_of, reverse=True):
        j = k - 1
        while j >= 0:
            ps, pe, pent = mentions[j]
            gap = text[pe:mentions[j + 1][0]]
            if not COORD.fullmatch(gap):
                break
            if pent["type"] in ROLE_TYPES:
                role_of[j] = role_of[k]
            j -= 1
    for k, role in sorted(role_of.items()):
        put(actors if role == "actor" else targets, mentions[k][2])
    if DEMONSTRATIVE_FIRM.search(text, s, e):
        firms = [(m["start"], ent) for ent in entities if ent["type"] == "COMPANY" for m in ent["mentions"]
                 if m["start"] < s]
        if firms:
            put(targets, max(firms, key=lambda x: x[0])[1])
    targets = [t for t in targets if t not in actors]
    return actors, targets, items


def find_events(text: str, entities: list[dict], amounts: list[dict], dates: list[dict]) -> list[dict]:
    out: list[dict] = []
    seen: set[tuple[str, str]] = set()
    last_actors: list[str] = []
    for s, e in sentences(text):
        sent = text[s:e]
        status = status_of(sent)
        actors, targets, items = _roles(text, s, e, entities)
        if actors:
            last_actors = actors
        found_types: dict[str, str] = {}
        hypothetical: set[str] = set()
        for rule, etype, rx in cues():
            if etype in found_types:
                continue
            for m in rx.finditer(sent):
                if etype != "negotiation" and TOPIC_OF_TALKS.match(sent[m.end():]):
                    continue
                rest = sent[m.end():]
                if CAUSE.match(rest) or (re.match(r"(?:은|는)\s", rest) and EVENT_NOUN_TOPIC.search(m.group(0))):
                    continue
                if HYPOTHETICAL.match(rest):
                    if etype not in THREATENED:
                        continue
                    hypothetical.add(etype)
                found_types[etype] = rule
                break
        if not found_types or status == "negated":
            continue
        for etype, rule in found_types.items():
            key = (etype, re.sub(r"\s+", "", sent))
            if key in seen:
                continue
            seen.add(key)
            amount = next((a for a in amounts if s <= a["start"] < e and a["kind"] in ("money", "percent")), None)
            date = next((d for d in dates if s <= d["start"] < e), None)
            out.append({"type": etype, "actors": actors or list(last_actors), "targets": targets, "items": items,
                        "status": "proposed" if etype in hypothetical else status, "date": date["value"] if date else None,
                        "amount": {k: amount[k] for k in ("text", "kind", "value", "value_max", "unit", "approx")} if amount else None,
                        "evidence": sent, "start": s, "end": e, "rule": rule})
    return out
