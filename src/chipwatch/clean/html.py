"""HTML -> text and metadata with trafilatura, then the same Korean rules as page dumps."""
from __future__ import annotations

import re

from chipwatch.clean import meta
from chipwatch.clean.text import Cleaned, clean_text


_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "td", "th", "header", "footer",
           "section", "article", "aside", "nav", "figcaption", "figure", "dd", "dt", "blockquote", "span", "time",
           "address", "ul", "ol", "table", "main", "title"}


def page_lines(html: str) -> str:
    """The whole page as text, one block element per line: the place metadata is read from
    (bylines, dates and copyright lines sit outside the main text that trafilatura returns)."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    for bad in root.xpath("//script|//style|//noscript|//template|//svg|//head"):
        bad.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCKS:
            el.tail = "\n" + (el.tail or "")
            if el.tag.lower() != "br":
                el.text = "\n" + (el.text or "")
    text = etree.tostring(root, method="text", encoding="unicode")
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def clean_html(html: str, url: str | None = None) -> Cleaned:
    import trafilatura  # lazy: heavy import

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False,
        favor_recall=True, date_extraction_params={"extensive_search": False, "original_date": True},
    )
    full = page_lines(html)
    text = (doc.text if doc is not None else "") or ""
    title = (doc.title if doc is not None else None) or None
    if "\n" not in text.strip() and len(text) > 200:
        # trafilatura fell back to its one-line baseline: paragraph structure is lost, and with it the
        # caption and byline lines; read the page block by block instead and let our classifier choose
        text = full
    cleaned = clean_text(text, title_hint=title)
    # metadata lives around the article, which trafilatura drops: read it from the whole page text
    around = clean_text(full, title_hint=title)
    published = around.published or cleaned.published
    if published is None and doc is not None and doc.date:
        published = doc.date
    outlet = cleaned.outlet or around.outlet
    if outlet is None and doc is not None:
        outlet = meta.outlet_by_name(doc.sitename or "") or (meta.outlet_by_domain(doc.hostname or "") if doc.hostname else None)
    if outlet is None and url:
        m = re.match(r"https?://([^/:]+)", url)
        outlet = meta.outlet_by_domain(m.group(1)) if m else None
    authors = cleaned.authors or around.authors
    return Cleaned(cleaned.body, title or cleaned.title, cleaned.subtitle or around.subtitle, published, outlet,
                   authors, cleaned.dropped)
