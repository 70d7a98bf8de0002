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
SUBJECT = re.compile(r"(?:이|가|은|는|도|측은|측이|정부는|정부가|당국은)(?![가-힣])")
TARGET = re.compile(r"(?:에|에게|에게서|과|와|과의|와의|에\s?대해|에\s?대한|을|를)(?![가-힣])")
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
        for cand in kb.entities().values():
            if cand.type == "COUNTRY" and cand.id == ent.country.lower():
                return cand.name_en
    return None


def _roles(text: str, s: int, e: int, entities: list[dict]):
    actors, targets, items = [], [], []
    for ent in entities:
        for m in ent["mentions"]:
            if not (s <= m["start"] < e):
                continue
            name = ent["name_en"] or ent["name"]
            if ent["type"] == "PRODUCT":
                if name not in items:
                    items.append(name)
                continue
            if ent["type"] not in ROLE_TYPES:
                continue
            after = text[m["end"]:m["end"] + 6]
            before = text[max(s, m["start"] - 4):m["start"]]
            bucket = None
            if re.match(r"\s?(?:\S+\s)?(?:" + SUBJECT.pattern + ")", after) and SUBJECT.match(after.lstrip()) or SUBJECT.match(after):
                bucket = actors
            elif TARGET.match(after) or re.search(r"대\(?對?\)?\s?$", before) or m["text"].startswith(("대", "對")):
                bucket = targets
            if bucket is not None and name not in bucket:
                bucket.append(name)
                country = _country_of(ent)
                if country and country not in bucket:
                    bucket.append(country)
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
        for rule, etype, rx in cues():
            if etype not in found_types and rx.search(sent):
                found_types[etype] = rule
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
                        "status": status, "date": date["value"] if date else None,
                        "amount": {k: amount[k] for k in ("text", "kind", "value", "value_max", "unit", "approx")} if amount else None,
                        "evidence": sent, "start": s, "end": e, "rule": rule})
    return out
