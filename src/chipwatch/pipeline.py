"""The map of the pipeline: every stage, what it needs and what it assigns, in order.

    Page --clean--> Article --amounts, dates, entities, events--> Analysis

`build()` checks the order once (a stage may only need what earlier stages assign), then
`extract()` streams one page through the stages.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from chipwatch.errors import ChipwatchError
from chipwatch.models import Analysis, Article, Page, contract


@dataclass(frozen=True)
class Stage:
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    run: Callable[[Article, dict], list]   # (article, results so far) -> records for `assigns[0]`


def _amounts(article: Article, results: dict) -> list:
    from chipwatch.analyze.amounts import find_amounts

    return find_amounts(article.body)


def _dates(article: Article, results: dict) -> list:
    from chipwatch.analyze.dates import find_dates

    return find_dates(article.body, article.published)


def _entities(article: Article, results: dict) -> list:
    from chipwatch.analyze.entities import find_entities

    return find_entities(article.body)


def _events(article: Article, results: dict) -> list:
    from chipwatch.analyze.events import find_events

    return find_events(article.body, results["entities"], results["amounts"], results["dates"])


def _analyzers() -> list[Stage]:
    # each analyzer returns contract-shaped records for the first name it assigns
    return [
        Stage("amounts", ("body",), ("amounts",), _amounts),
        Stage("dates", ("body", "published"), ("dates",), _dates),
        Stage("entities", ("body",), ("entities",), _entities),
        Stage("events", ("body", "entities", "amounts", "dates"), ("events",), _events),
    ]


def build() -> list[Stage]:
    stages = _analyzers()
    have = {"page", "body", "title", "subtitle", "published", "outlet", "authors"}
    for st in stages:
        missing = [r for r in st.requires if r not in have]
        if missing:
            raise ChipwatchError(f"stage {st.name} needs {', '.join(missing)} before it runs")
        have.update(st.assigns)
    return stages


def analyze(article: Article, stages: list[Stage] | None = None) -> Analysis:
    results: dict = {}
    for st in stages if stages is not None else build():
        results[st.assigns[0]] = st.run(article, results)
    return Analysis(**{k: tuple(results.get(k, ())) for k in ("entities", "amounts", "dates", "events")})


def extract(page: Page, min_body_chars: int = 40, stages: list[Stage] | None = None) -> dict:
    """One page -> the contract dict (raises InputError when the page holds no article)."""
    from chipwatch.clean import clean

    article = clean(page, min_body_chars=min_body_chars)
    return contract(article, analyze(article, stages))
