"""Page -> Article: main text, metadata, repeated text removed."""
from __future__ import annotations

from chipwatch.errors import InputError
from chipwatch.models import Article, Page

REQUIRES = ("page",)
ASSIGNS = ("body", "title", "subtitle", "published", "outlet", "authors")


def clean(page: Page, min_body_chars: int = 40) -> Article:
    if page.kind == "html":
        from chipwatch.clean.html import clean_html

        c = clean_html(page.content, page.url)
    else:
        from chipwatch.clean.text import clean_text

        c = clean_text(page.content)
    if len(c.body) < min_body_chars:
        raise InputError(page.source, "no article text found (the page holds only menus, lists or captions)")
    return Article(source=page.source, body=c.body, title=c.title, subtitle=tuple(c.subtitle),
                   published=c.published, outlet=c.outlet, authors=tuple(c.authors), url=page.url,
                   dropped=tuple(c.dropped))
