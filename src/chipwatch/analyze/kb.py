"""The knowledge base: entities, products, outlets and multi-country compounds, as package data.

Rows are reviewed by people and versioned with the code (data/*.tsv). Loaded once per process.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Entity:
    id: str
    type: str
    name: str
    name_en: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    parent: str | None = None
    role: str | None = None
    tenure: str | None = None
    qid: str | None = None
    hs: str | None = None


def _rows(name: str, pkg: str = "chipwatch.analyze"):
    text = resources.files(pkg).joinpath(name).read_text(encoding="utf-8")
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            yield n, line.split("\t")


@lru_cache(maxsize=1)
def entities() -> dict[str, Entity]:
    out: dict[str, Entity] = {}
    for _, c in _rows("data/entities.tsv"):
        c = (c + [""] * 10)[:10]
        out[c[0]] = Entity(c[0], c[1], c[2], c[3], tuple(a for a in c[4].split("|") if a), c[5].strip() or None,
                           c[6] or None, c[7] or None, c[8] or None, c[9] or None)
    for _, c in _rows("data/products.tsv"):
        c = (c + [""] * 5)[:5]
        out["p:" + c[0]] = Entity("p:" + c[0], "PRODUCT", c[1], c[2], tuple(a for a in c[3].split("|") if a), hs=c[4] or None)
    for _, c in _rows("data/outlets.tsv", "chipwatch"):
        c = (c + [""] * 5)[:5]
        eid = "m:" + c[1].lower().replace(" ", "_")
        out[eid] = Entity(eid, "MEDIA", c[0], c[1], tuple(a for a in c[3].split("|") if a), c[2] or None)
    return out


@lru_cache(maxsize=1)
def countries_by_code() -> dict[str, Entity]:
    """ISO-style code (the `country` column of a COUNTRY row) -> that country."""
    return {e.country: e for e in entities().values() if e.type == "COUNTRY" and e.country}


@lru_cache(maxsize=1)
def compounds() -> list[tuple[str, tuple[str, ...], str]]:
    return [(c[0], tuple(c[1].split("|")), (c[2] if len(c) > 2 else "").strip()) for _, c in _rows("data/compounds.tsv")]


def surfaces(e: Entity) -> list[str]:
    names = [e.name, *e.aliases]
    if e.name_en and e.name_en.isascii() and e.type != "PRODUCT" and len(e.name_en) > 2:
        names.append(e.name_en)
    seen: dict[str, None] = {}
    for n in names:
        if n:
            seen.setdefault(n, None)
    return list(seen)


@lru_cache(maxsize=1)
def _lookup() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for e in entities().values():
        for n in {e.id, e.name, e.name_en.lower(), *e.aliases}:
            if n:
                out.setdefault(n, []).append(e.id)
    return {k: tuple(v) for k, v in out.items()}


def country_of(name_en: str) -> str | None:
    """The English name of the country an event's actor belongs to (itself, for a country)."""
    ids = _lookup().get(name_en.lower(), ())
    e = entities()[ids[0]] if ids else None
    if e is None or e.type == "COUNTRY":
        return e.name_en if e else None
    c = countries_by_code().get(e.country or "")
    return c.name_en if c else None


def resolve(name: str) -> list[str]:
    """Entity keys a user may mean by `name`: knowledge-base ids by id, name, English name or alias,
    and the key of an entity the knowledge base does not know by that name."""
    n = name.strip()
    return list(dict.fromkeys([*_lookup().get(n, ()), *_lookup().get(n.lower(), ()), n, "u:" + n]))
