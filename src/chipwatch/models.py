"""The documents that flow one way through the pipeline: Page -> Article -> Analysis."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Page:
    """One input page, decoded to text. `kind` is 'text' (a page dump) or 'html'."""

    source: str
    content: str
    kind: str = "text"
    url: str | None = None
    encoding: str = "utf-8"


@dataclass(frozen=True)
class Article:
    """The cleaned article with the page's metadata."""

    source: str
    body: str
    title: str | None = None
    subtitle: tuple[str, ...] = ()
    published: str | None = None
    outlet: str | None = None
    authors: tuple[str, ...] = ()
    url: str | None = None
    # lines the cleaner dropped, with the reason: kept so a user can see why text went missing
    dropped: tuple[tuple[str, str], ...] = field(default=(), compare=False, repr=False)


@dataclass(frozen=True)
class Analysis:
    """What the analyzers found in an article body. Offsets index `Article.body`."""

    entities: tuple[dict, ...] = ()
    amounts: tuple[dict, ...] = ()
    dates: tuple[dict, ...] = ()
    events: tuple[dict, ...] = ()


def contract(article: Article, analysis: Analysis | None = None) -> dict:
    """The `chipwatch extract --format json` shape (see the extraction contract)."""
    analysis = analysis or Analysis()
    return {
        "source": article.source,
        "url": article.url,
        "title": article.title,
        "subtitle": list(article.subtitle),
        "published": article.published,
        "outlet": article.outlet,
        "authors": list(article.authors),
        "body": article.body,
        "entities": [dict(e) for e in analysis.entities],
        "amounts": [dict(a) for a in analysis.amounts],
        "dates": [dict(d) for d in analysis.dates],
        "events": [dict(e) for e in analysis.events],
    }
