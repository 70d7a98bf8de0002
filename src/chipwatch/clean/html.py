"""HTML -> text and metadata with trafilatura, then the same Korean rules as page dumps."""
from __future__ import annotations

import re

from chipwatch.clean import meta
from chipwatch.clean.text import Cleaned, clean_text


def clean_html(html: str, url: str | None = None) -> Cleaned:
    import trafilatura  # lazy: heavy import

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False,
        favor_recall=True, date_extraction_params={"extensive_search": False, "original_date": True},
    )
    full = trafilatura.html2txt(html) or ""
    text = (doc.text if doc is not None else "") or ""
    title = (doc.title if doc is not None else None) or None
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
