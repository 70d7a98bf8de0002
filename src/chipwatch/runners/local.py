"""Ingest many inputs into a store: read, clean, analyse, deduplicate, write in batches."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

from chipwatch import dedup, pipeline
from chipwatch.errors import InputError
from chipwatch.ingest import iter_pages
from chipwatch.settings import Settings


@dataclass
class Summary:
    pages: int = 0
    stored: int = 0
    exact: int = 0
    near: int = 0
    unchanged: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    interrupted: bool = False

    @property
    def duplicates(self) -> int:
        return self.exact + self.near


def ingest(paths: Iterable[str], store, settings: Settings, on_page: Callable[[str], None] | None = None,
           stdin=None, pages: Iterable | None = None) -> Summary:
    """`pages` (Page or InputError items) replaces reading `paths`, for inputs that arrive otherwise."""
    summary = Summary()
    index = dedup.NearDuplicateIndex(settings.near_dup_threshold, settings.minhash_perms)
    for aid, blob in store.minhashes():
        index.add(aid, dedup.minhash_from_bytes(blob, settings.minhash_perms))
    stages = pipeline.build()
    from chipwatch.analyze.terms import index_text

    # articles stored before the search index existed get indexed once
    for aid, title, body in list(store.unindexed()):
        store.index_article(aid, index_text(title or ""), index_text(body))
    pending = 0
    added_in_batch: list[int] = []
    store.begin()
    try:
        for item in pages if pages is not None else iter_pages(paths, settings.max_page_bytes, stdin=stdin):
            if on_page:
                on_page(getattr(item, "source", ""))
            if isinstance(item, InputError):
                summary.failures.append((item.source, item.reason))
                continue
            summary.pages += 1
            chash = dedup.content_hash(item.content)
            if store.page_known(item.source, chash):
                summary.unchanged += 1
                continue
            try:
                doc = pipeline.extract(item, settings.min_body_chars, stages)
            except InputError as e:
                summary.failures.append((e.source, e.reason))
                continue
            fp = dedup.fingerprint(doc["body"])
            same = store.article_by_fingerprint(fp)
            if same is not None:
                store.add_page(doc, chash, same, "exact", 1.0)
                summary.exact += 1
            else:
                mh = dedup.minhash(doc["body"], settings.minhash_perms)
                near = index.match(mh)
                if near is not None:
                    store.add_page(doc, chash, near[0], "near", round(near[1], 3))
                    summary.near += 1
                else:
                    doc["search_terms"] = (index_text(doc.get("title") or ""), index_text(doc["body"]))
                    aid = store.add_article(doc, fp, dedup.minhash_bytes(mh))
                    store.add_page(doc, chash, aid, "original", None)
                    index.add(aid, mh)
                    added_in_batch.append(aid)
                    summary.stored += 1
            pending += 1
            if pending >= settings.batch_pages:
                store.commit()
                pending, added_in_batch = 0, []
                store.begin()
        store.commit()
    except BaseException:
        # the open batch is rolled back; what earlier batches committed stays
        store.rollback()
        for aid in added_in_batch:
            index.remove(aid)
        summary.interrupted = True
        raise
    return summary
