"""Read-only access to stored data: the one door the CLI and the web app use."""
from __future__ import annotations

from chipwatch.errors import NotFound
from chipwatch.store import open_store


def list_docs(db: str, limit: int = 50, offset: int = 0, outlet: str | None = None) -> list[dict]:
    st = open_store(db, readonly=True)
    try:
        return st.list_articles(limit=limit, offset=offset, outlet=outlet)
    finally:
        st.close()


def get_doc(db: str, article_id: int) -> dict:
    st = open_store(db, readonly=True)
    try:
        d = st.get_article(article_id)
    finally:
        st.close()
    if d is None:
        raise NotFound(f"no article with id {article_id}", hint="`chipwatch docs` lists the stored ones")
    return d


def stats(db: str) -> dict:
    st = open_store(db, readonly=True)
    try:
        return st.counts()
    finally:
        st.close()
