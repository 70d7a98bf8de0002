"""Storage: SQLite by default (a file), one schema with versioned migrations."""
from __future__ import annotations

from chipwatch.store.sqlite import SQLiteStore, SCHEMA_VERSION  # noqa: F401


def open_store(url: str, readonly: bool = False):
    if url.startswith(("postgresql://", "postgres://")):
        from chipwatch.errors import StoreError

        raise StoreError("PostgreSQL storage is not available in this version", hint="use a SQLite file path")
    return SQLiteStore(url, readonly=readonly)
