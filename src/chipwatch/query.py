"""Read-only access to stored data: the one door the CLI and the web app use."""
from __future__ import annotations

from contextlib import contextmanager

from chipwatch.errors import NotFound
from chipwatch.store import open_store


@contextmanager
def _reading(db: str):
    st = open_store(db, readonly=True)
    try:
        yield st
    finally:
        st.close()


def list_docs(db: str, limit: int = 50, offset: int = 0, outlet: str | None = None, since=None, until=None,
              entity=None, event_type=None) -> list[dict]:
    with _reading(db) as st:
        return st.list_articles(limit=limit, offset=offset, outlet=outlet, since=since, until=until, entity=entity,
                                event_type=event_type)


def get_doc(db: str, article_id: int) -> dict:
    with _reading(db) as st:
        d = st.get_article(article_id)
    if d is None:
        raise NotFound(f"no article with id {article_id}", hint="`chipwatch docs` lists the stored ones")
    return d



def list_entities(db: str, etype: str | None = None, limit: int = 100, unknown_only: bool = False,
                  offset: int = 0) -> list[dict]:
    with _reading(db) as st:
        return st.entity_counts(etype, limit, unknown_only, offset)


def list_events(db: str, **filters) -> list[dict]:
    with _reading(db) as st:
        return st.list_events(**filters)


def stats(db: str) -> dict:
    """Totals, and measures per month by type and by acting country (the home page chart)."""
    with _reading(db) as st:
        return {"counts": st.counts(), "by_type": st.measure_counts("type"), "by_country": st.measure_counts("country")}


def timeline(db: str, etype=None, actor=None, target=None, item=None, status=None, since=None, until=None,
             limit: int = 500) -> list[dict]:
    """Measures with a date, oldest first, for a time axis."""
    rows = list_measures(db, etype=etype, actor=actor, target=target, item=item, status=status, since=since,
                         until=until, limit=limit)
    return sorted((r for r in rows if r["first_reported"]), key=lambda r: (r["first_reported"], r["id"]))


def get_entity(db: str, name: str) -> dict:
    """One entity by knowledge-base id, Korean or English name, or any surface seen in the text."""
    from chipwatch.analyze import kb

    with _reading(db) as st:
        keys = st.entity_keys(name)
        if not keys:
            raise NotFound(f"no stored entity called {name!r}", hint="`chipwatch entities` lists them")
        d = st.entity_detail(keys[0])
        name_en = d.get("name_en") or d["name"]
        d["measures_as_actor"] = st.measures_of_entity(name_en, "actor")
        d["measures_as_target"] = st.measures_of_entity(name_en, "target")
        d["measures_on_item"] = st.measures_of_entity(name_en, "item") if d["type"] == "PRODUCT" else []
        d["graph"] = {"nodes": [{"key": d["key"], "name": d["name"], "type": d["type"], "articles": len(d["articles"])}]
                      + [{k: c[k] for k in ("key", "name", "type", "articles")} for c in d["co_mentioned"]],
                      "edges": st.co_mention_edges([d["key"]] + [c["key"] for c in d["co_mentioned"]])}
    ent = kb.entities().get(d["key"])
    if ent is not None:
        d.update(aliases=list(ent.aliases), country=ent.country, role=ent.role, tenure=ent.tenure, qid=ent.qid,
                 parent=ent.parent)
    d["other_matches"] = keys[1:]
    return d


def list_measures(db: str, **filters) -> list[dict]:
    from chipwatch.measures import crosswalk

    with _reading(db) as st:
        rows = st.list_measures(**filters)
    for r in rows:
        r.update(crosswalk(r["type"]))
    return rows


def get_measure(db: str, measure_id: int) -> dict:
    from chipwatch.measures import crosswalk

    with _reading(db) as st:
        m = st.get_measure(measure_id)
    if m is None:
        raise NotFound(f"no measure with id {measure_id}", hint="`chipwatch measures` lists them")
    m.update(crosswalk(m["type"]))
    return m


def _snippet(body: str, words: list[str], width: int = 70) -> str:
    """The stretch of raw text around the first query word, with every query word in 【】."""
    import re

    low = body.lower()
    hits = [low.find(w) for w in words if w and low.find(w) >= 0]
    start = max(0, min(hits) - width // 2) if hits else 0
    text = body[start:start + 2 * width].replace("\n", " ")
    for w in sorted(set(words), key=len, reverse=True):
        if len(w) > 1:
            text = re.sub(re.escape(w), lambda m: f"【{m.group(0)}】", text, flags=re.I)
    return ("…" if start else "") + text + ("…" if start + 2 * width < len(body) else "")


def search(db: str, q: str, since=None, until=None, outlet=None, entity=None, event_type=None,
           limit: int = 20, offset: int = 0) -> list[dict]:
    """Korean full-text search: the query is cut into Kiwi morphemes, all of which must occur."""
    from chipwatch.analyze.terms import terms
    from chipwatch.errors import ChipwatchError

    words = terms(q)
    if not words:
        raise ChipwatchError(f"query {q!r} has no searchable words")
    with _reading(db) as st:
        rows = st.search(words, since, until, outlet, entity, event_type, limit, offset)
    for r in rows:
        r["snippet"] = _snippet(r.pop("body"), words)
        r["score"] = round(-r["score"], 3)
    return rows
