"""SQLite backend (the embedded default). Every ingest batch is one transaction, so an interrupted
run keeps all completed batches and never leaves a half-written one (WAL journal)."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from chipwatch.errors import StoreError
from chipwatch.store.base import SCHEMA_VERSION, Store

MIGRATIONS = {
    1: """
    CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        fingerprint TEXT NOT NULL UNIQUE,      -- hash of the normalised body
        source TEXT NOT NULL,
        url TEXT,
        title TEXT,
        subtitle TEXT NOT NULL DEFAULT '[]',
        published TEXT,
        outlet TEXT,
        authors TEXT NOT NULL DEFAULT '[]',
        body TEXT NOT NULL,
        analysis TEXT NOT NULL DEFAULT '{}',   -- entities, amounts, dates, events (contract shape)
        minhash BLOB,
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX articles_published ON articles(published);
    CREATE TABLE pages (                        -- every page read; duplicates point at their article
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        url TEXT,
        content_hash TEXT NOT NULL,
        article_id INTEGER NOT NULL REFERENCES articles(id),
        relation TEXT NOT NULL CHECK (relation IN ('original', 'exact', 'near')),
        similarity REAL,
        title TEXT,
        outlet TEXT,
        published TEXT,
        ingested_at TEXT NOT NULL,
        UNIQUE (source, content_hash)
    );
    CREATE INDEX pages_article ON pages(article_id);
    """,
    2: """
    CREATE TABLE article_entities (             -- one row per entity per article, for lists and co-mentions
        article_id INTEGER NOT NULL REFERENCES articles(id),
        entity_key TEXT NOT NULL,               -- knowledge-base id, or 'u:<name>' for one it does not know
        name TEXT NOT NULL,
        name_en TEXT,
        type TEXT NOT NULL,
        in_kb INTEGER NOT NULL,
        mentions INTEGER NOT NULL,
        surfaces TEXT NOT NULL DEFAULT '[]',
        PRIMARY KEY (article_id, entity_key)
    );
    CREATE INDEX article_entities_key ON article_entities(entity_key);
    INSERT OR IGNORE INTO article_entities(article_id, entity_key, name, name_en, type, in_kb, mentions, surfaces)
        SELECT a.id, coalesce(json_extract(e.value, '$.id'), 'u:' || json_extract(e.value, '$.name')),
               json_extract(e.value, '$.name'), json_extract(e.value, '$.name_en'), json_extract(e.value, '$.type'),
               coalesce(json_extract(e.value, '$.in_kb'), 1), json_array_length(json_extract(e.value, '$.mentions')), '[]'
        FROM articles a, json_each(json_extract(a.analysis, '$.entities')) e;
    """,
    3: """
    CREATE TABLE measures (                     -- one real-world action, however many reports
        id INTEGER PRIMARY KEY,
        type TEXT NOT NULL,
        actors TEXT NOT NULL,
        targets TEXT NOT NULL,
        items TEXT NOT NULL,
        status TEXT NOT NULL,
        first_reported TEXT,
        latest TEXT,
        amount TEXT
    );
    CREATE INDEX measures_type ON measures(type);
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id),
        measure_id INTEGER NOT NULL REFERENCES measures(id),
        type TEXT NOT NULL,
        actors TEXT NOT NULL,
        targets TEXT NOT NULL,
        items TEXT NOT NULL,
        status TEXT NOT NULL,
        date TEXT,
        amount TEXT,
        evidence TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        rule TEXT,
        reported TEXT                            -- the day this report speaks for: event date, else published
    );
    CREATE INDEX events_measure ON events(measure_id);
    CREATE INDEX events_article ON events(article_id);
    CREATE TABLE measure_status (               -- status history with the article behind each change
        measure_id INTEGER NOT NULL REFERENCES measures(id),
        status TEXT NOT NULL,
        article_id INTEGER NOT NULL REFERENCES articles(id),
        reported TEXT
    );
    """,
    4: """
    -- full-text search over Kiwi morphemes of title and body (rowid = article id); raw text stays in articles
    CREATE VIRTUAL TABLE article_fts USING fts5(title, body, tokenize = 'unicode61');
    INSERT INTO article_fts(article_fts, rank) VALUES ('rank', 'bm25(5.0, 1.0)');
    """,
    5: """
    -- status history gets its own key (was the SQLite rowid) so that every engine orders it alike
    CREATE TABLE measure_status_v5 (
        id INTEGER PRIMARY KEY,
        measure_id INTEGER NOT NULL REFERENCES measures(id),
        status TEXT NOT NULL,
        article_id INTEGER NOT NULL REFERENCES articles(id),
        reported TEXT
    );
    INSERT INTO measure_status_v5(id, measure_id, status, article_id, reported)
        SELECT rowid, measure_id, status, article_id, reported FROM measure_status;
    DROP TABLE measure_status;
    ALTER TABLE measure_status_v5 RENAME TO measure_status;
    CREATE INDEX measure_status_measure ON measure_status(measure_id);
    -- covering indexes: search filters read them without touching article rows (bodies make rows fat)
    CREATE INDEX articles_outlet ON articles(outlet, published);
    CREATE INDEX articles_published_outlet ON articles(published, outlet);
    DROP INDEX articles_published;
    CREATE INDEX events_type ON events(type, article_id);
    DROP INDEX article_entities_key;
    CREATE INDEX article_entities_key ON article_entities(entity_key, article_id);
    """,
}


class SQLiteStore(Store):
    def __init__(self, path: str, readonly: bool = False):
        self.path = self.url = path
        p = Path(path)
        if readonly and not p.exists():
            raise StoreError(f"{path}: no database here", hint="run `chipwatch ingest` first or pass --db")
        if p.exists() and p.is_dir():
            raise StoreError(f"{path}: is a directory, not a database file")
        try:
            uri = f"file:{p}?mode=ro" if readonly else str(p)
            self.conn = sqlite3.connect(uri, uri=readonly, isolation_level=None, timeout=30)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys=ON")
            if not readonly:
                self.conn.execute("PRAGMA journal_mode=WAL")
                self.conn.execute("PRAGMA synchronous=NORMAL")
                self._migrate()
            else:
                self._check_version()
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{path}: not a chipwatch database ({e})")

    # --- schema -------------------------------------------------------------------------------
    def _version(self) -> int:
        try:
            row = self.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        except sqlite3.OperationalError:
            return 0
        return int(row[0]) if row else 0

    def _check_version(self) -> None:
        v = self._version()
        if v > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: schema version {v} is newer than this chipwatch ({SCHEMA_VERSION})",
                             hint="upgrade chipwatch")
        if v == 0:
            raise StoreError(f"{self.path}: not a chipwatch database")

    def _migrate(self) -> None:
        v = self._version()
        if v > SCHEMA_VERSION:
            self._check_version()
        for target in range(v + 1, SCHEMA_VERSION + 1):
            try:
                # one transaction per migration: a crash leaves the previous version intact
                self.conn.executescript(
                    "BEGIN IMMEDIATE;\n" + MIGRATIONS[target] +
                    f"\n;INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', '{target}');\nCOMMIT;")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise

    # --- transactions -------------------------------------------------------------------------
    def begin(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        self.conn.execute("COMMIT")

    def rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def close(self) -> None:
        self.conn.close()

    def _run(self, sql: str, args=()):
        return self.conn.execute(sql, args)

    # --- full-text search -----------------------------------------------------------------------
    def index_article(self, aid: int, title_terms: str, body_terms: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO article_fts(rowid, title, body) VALUES (?,?,?)",
                          (aid, title_terms, body_terms))

    def unindexed(self):
        yield from self.conn.execute("SELECT id, title, body FROM articles WHERE id NOT IN (SELECT rowid FROM article_fts)")

    RANK_WINDOW = 5000
    FILTERED_WINDOW, FILTERED_MIN, FILTERED_SCAN = 2000, 200, 12000

    def search(self, words: list[str], since=None, until=None, outlet=None, entity=None, event_type=None,
               limit: int = 20, offset: int = 0) -> list[dict]:
        # BM25 over every hit of a word found in most articles costs ~0.9 ms per 1,000 hits: rank only
        # the newest hits (ids grow with ingest) so that latency stays flat as the store grows.
        # Ranking happens inside FTS5 and only the page of results is joined to articles.
        match = " ".join('"' + w.replace('"', '""') + '"' for w in words)
        conds, args = self._filters(since, until, outlet, entity, event_type)
        if not conds:
            row = self.conn.execute("SELECT rowid FROM article_fts WHERE article_fts MATCH ? ORDER BY rowid DESC "
                                    "LIMIT 1 OFFSET ?", (match, self.RANK_WINDOW - 1)).fetchone()
            sql = ("SELECT a.id, a.title, a.outlet, a.published, a.body, f.score FROM "
                   "(SELECT rowid, rank AS score FROM article_fts WHERE article_fts MATCH ? AND rowid >= ? "
                   "ORDER BY rank LIMIT ? OFFSET ?) f JOIN articles a ON a.id = f.rowid ORDER BY f.score")
            return self._all(sql, (match, row[0] if row else 0, limit, offset))
        # Filtered: the articles that pass come from covering indexes (no article row is read), the
        # newest FILTERED_WINDOW hits among them set the range FTS5 ranks, and the ranked hits are
        # kept if they pass. Joining each hit to its article row instead cost 75 ms on 100k articles.
        allowed = {r[0] for r in self.conn.execute("SELECT a.id FROM articles a WHERE " + " AND ".join(conds), args)}
        floor, found = None, 0
        for scanned, (rowid,) in enumerate(self.conn.execute(
                "SELECT rowid FROM article_fts WHERE article_fts MATCH ? ORDER BY rowid DESC", (match,)), 1):
            if rowid in allowed:
                floor, found = rowid, found + 1
            # the ranked range costs per hit in it, passing or not: a selective filter settles for
            # fewer (but at least FILTERED_MIN) candidates rather than ranking the whole index
            if found >= self.FILTERED_WINDOW or (scanned >= self.FILTERED_SCAN and found >= self.FILTERED_MIN):
                break
        if floor is None:
            return []
        page, skip = [], offset
        for rowid, score in self.conn.execute("SELECT rowid, rank FROM article_fts WHERE article_fts MATCH ? "
                                              "AND rowid >= ? ORDER BY rank", (match, floor)):
            if rowid in allowed:
                if skip:
                    skip -= 1
                    continue
                page.append((rowid, score))
                if len(page) == limit:
                    break
        if not page:
            return []
        rows = {r["id"]: r for r in self._all(
            f"SELECT id, title, outlet, published, body FROM articles WHERE id IN ({','.join('?' * len(page))})",
            [p[0] for p in page])}
        return [{**rows[i], "score": sc} for i, sc in page]
