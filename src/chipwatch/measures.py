"""Across articles: events that report the same real-world action merge into one measure.

Two events are the same action when they have the same type, their actors overlap (or, when
one side names none, their targets do), their items are compatible, their dates lie within
MERGE_WINDOW_DAYS, and, when the roles say little, their evidence sentences are alike.
The status history keeps each change with the article behind it.
"""
from __future__ import annotations

import re
from datetime import date

MERGE_WINDOW_DAYS = 45

# crosswalk to Global Trade Alert intervention types (MAST chapter) and CAMEO event codes
CROSSWALK = {
    "export_control": ("Export licensing requirement", "P", "163"),
    "entity_listing": ("Export ban", "P", "163"),
    "authorization": ("Export licensing requirement (relaxed)", "P", "081"),
    "sanction": ("Export ban", "P", "163"),
    "tariff": ("Import tariff", "TARIFF", "172"),
    "subsidy": ("State aid, unspecified", "L", "071"),
    "purchase_commitment": ("Public procurement access", "M", "061"),
    "investment": ("FDI: Financial incentive", "I", "061"),
    "agreement": ("", "", "057"),
    "negotiation": ("", "", "040"),
    "program": ("State aid, unspecified", "L", "030"),
}


def crosswalk(etype: str) -> dict:
    gta, mast, cameo = CROSSWALK.get(etype, ("", "", ""))
    return {"gta_intervention": gta or None, "mast_chapter": mast or None, "cameo": cameo or None}


def _shingles(text: str) -> set[str]:
    t = re.sub(r"[\W_]+", "", text)
    return {t[i:i + 3] for i in range(max(1, len(t) - 2))}


def evidence_similarity(a: str, b: str) -> float:
    sa, sb = _shingles(a), _shingles(b)
    return len(sa & sb) / len(sa | sb) if sa and sb else 0.0


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat((value + "-01-01")[:10] if len(value) == 4 else (value + "-01")[:10] if len(value) == 7 else value[:10])
    except ValueError:
        return None


def same_action(event: dict, event_day: str | None, measure: dict) -> bool:
    """Whether `event` (reported on `event_day`) is another report of `measure`."""
    if event["type"] != measure["type"]:
        return False
    a1, a2 = set(event["actors"]), set(measure["actors"])
    t1, t2 = set(event["targets"]), set(measure["targets"])
    i1, i2 = set(event["items"]), set(measure["items"])
    if i1 and i2 and not i1 & i2:
        return False
    d1, d2 = _day(event_day), _day(measure.get("latest"))
    if d1 and d2 and abs((d1 - d2).days) > MERGE_WINDOW_DAYS:
        return False
    if a1 and a2 and not a1 & a2:
        return False
    if t1 and t2 and not t1 & t2 and not (a1 & t2 or t1 & a2):
        return False
    sim = max((evidence_similarity(event["evidence"], ev) for ev in measure.get("evidence", [])), default=0.0)
    # rewrites of one story share much of their wording; two different talks between the same
    # governments share little, so roles alone never merge
    return sim >= (0.25 if d1 and d2 else 0.35)
