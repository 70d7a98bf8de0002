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
