"""Storage: one schema and one query layer (base.py) over SQLite, the embedded default (a file
path), or PostgreSQL (a postgresql:// URL)."""
from __future__ import annotations

from chipwatch.store.base import SCHEMA_VERSION, Store  # noqa: F401


def open_store(url: str, readonly: bool = False) -> Store:
    if url.startswith(("postgresql://", "postgres://")):
        from chipwatch.store.postgres import PostgresStore

        return PostgresStore(url, readonly=readonly)
    from chipwatch.store.sqlite import SQLiteStore

    return SQLiteStore(url, readonly=readonly)
