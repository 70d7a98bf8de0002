"""SQLite store. Every ingest batch is one transaction, so an interrupted run keeps all
completed batches and never leaves a half-written one (WAL journal)."""
from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from chipwatch.errors import StoreError

SCHEMA_VERSION = 4

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
}


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class SQLiteStore:
    def __init__(self, path: str, readonly: bool = False):
        self.path = path
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

    # --- writes -------------------------------------------------------------------------------
    def page_known(self, source: str, content_hash: str) -> bool:
        return self.conn.execute("SELECT 1 FROM pages WHERE source=? AND content_hash=?",
                                 (source, content_hash)).fetchone() is not None

    def article_by_fingerprint(self, fp: str) -> int | None:
        row = self.conn.execute("SELECT id FROM articles WHERE fingerprint=?", (fp,)).fetchone()
        return row[0] if row else None

    def add_article(self, doc: dict, fingerprint: str, minhash: bytes | None) -> int:
        cur = self.conn.execute(
            "INSERT INTO articles(fingerprint, source, url, title, subtitle, published, outlet, authors, body,"
            " analysis, minhash, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (fingerprint, doc["source"], doc.get("url"), doc.get("title"), json.dumps(doc.get("subtitle") or [], ensure_ascii=False),
             doc.get("published"), doc.get("outlet"), json.dumps(doc.get("authors") or [], ensure_ascii=False),
             doc["body"], json.dumps({k: doc.get(k) or [] for k in ("entities", "amounts", "dates", "events")}, ensure_ascii=False),
             minhash, _now()))
        aid = cur.lastrowid
        for e in doc.get("entities") or []:
            key = e.get("id") or "u:" + (e.get("name") or "")
            surfaces = sorted({m["text"] for m in e.get("mentions") or []})
            self.conn.execute(
                "INSERT OR IGNORE INTO article_entities(article_id, entity_key, name, name_en, type, in_kb, mentions,"
                " surfaces) VALUES (?,?,?,?,?,?,?,?)",
                (aid, key, e.get("name") or "", e.get("name_en"), e.get("type") or "", int(bool(e.get("in_kb", True))),
                 len(e.get("mentions") or []), json.dumps(surfaces, ensure_ascii=False)))
        for ev in doc.get("events") or []:
            self._add_event(aid, doc, ev)
        if doc.get("search_terms"):
            self.index_article(aid, *doc["search_terms"])
        return aid

    def index_article(self, aid: int, title_terms: str, body_terms: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO article_fts(rowid, title, body) VALUES (?,?,?)",
                          (aid, title_terms, body_terms))

    def unindexed(self):
        yield from self.conn.execute("SELECT id, title, body FROM articles WHERE id NOT IN (SELECT rowid FROM article_fts)")

    RANK_WINDOW = 5000

    def search(self, match: str, since=None, until=None, outlet=None, entity=None, event_type=None,
               limit: int = 20, offset: int = 0) -> list[dict]:
        # bm25 over every hit of a word found in most articles costs ~0.7 ms per 1,000 hits; rank the
        # newest RANK_WINDOW hits (rowids grow with ingest) so that latency stays flat as the store grows
        filtered = any((since, until, outlet, entity, event_type))
        if not filtered:
            row = self.conn.execute("SELECT rowid FROM article_fts WHERE article_fts MATCH ? ORDER BY rowid DESC "
                                    "LIMIT 1 OFFSET ?", (match, self.RANK_WINDOW - 1)).fetchone()
            floor = row[0] if row else 0
            # rank inside FTS5 first and join only the page of results: ordering 100k joined rows is the slow part
            sql = ("SELECT a.id, a.title, a.outlet, a.published, a.body, f.score FROM "
                   "(SELECT rowid, rank AS score FROM article_fts WHERE article_fts MATCH ? AND rowid >= ? "
                   "ORDER BY rank LIMIT ? OFFSET ?) f JOIN articles a ON a.id = f.rowid ORDER BY f.score")
            return [dict(r) for r in self.conn.execute(sql, (match, floor, limit, offset))]
        sql = ("SELECT a.id, a.title, a.outlet, a.published, a.body, article_fts.rank AS score "
               "FROM article_fts JOIN articles a ON a.id = article_fts.rowid WHERE article_fts MATCH ?")
        args: list = [match]
        if since:
            sql += " AND a.published >= ?"
            args.append(since)
        if until:
            sql += " AND substr(a.published, 1, 10) <= ?"
            args.append(until)
        if outlet:
            sql += " AND a.outlet = ?"
            args.append(outlet)
        if entity:
            sql += (" AND a.id IN (SELECT article_id FROM article_entities WHERE entity_key = ? OR name = ?"
                    " OR lower(name_en) = lower(?))")
            args += [entity, entity, entity]
        if event_type:
            sql += " AND a.id IN (SELECT article_id FROM events WHERE type = ?)"
            args.append(event_type)
        sql += " ORDER BY score LIMIT ? OFFSET ?"
        args += [limit, offset]
        return [dict(r) for r in self.conn.execute(sql, args)]

    def _add_event(self, aid: int, doc: dict, ev: dict) -> None:
        from chipwatch import measures as ms

        reported = ev.get("date") or (doc.get("published") or "")[:10] or None
        cands = []
        for r in self.conn.execute("SELECT * FROM measures WHERE type=?", (ev["type"],)):
            m = dict(r)
            for k in ("actors", "targets", "items"):
                m[k] = json.loads(m[k])
            m["evidence"] = [x[0] for x in self.conn.execute(
                "SELECT evidence FROM events WHERE measure_id=? ORDER BY id DESC LIMIT 5", (m["id"],))]
            if ms.same_action(ev, reported, m):
                cands.append(m)
        dump = lambda x: json.dumps(x, ensure_ascii=False)  # noqa: E731
        if cands:
            m = cands[0]
            mid = m["id"]
            merged = {k: m[k] + [x for x in ev[k] if x not in m[k]] for k in ("actors", "targets", "items")}
            first = min(x for x in (m["first_reported"], reported) if x) if (m["first_reported"] or reported) else None
            latest = max(x for x in (m["latest"], reported) if x) if (m["latest"] or reported) else None
            self.conn.execute("UPDATE measures SET actors=?, targets=?, items=?, first_reported=?, latest=?,"
                              " amount=coalesce(amount, ?) WHERE id=?",
                              (dump(merged["actors"]), dump(merged["targets"]), dump(merged["items"]), first, latest,
                               dump(ev["amount"]) if ev.get("amount") else None, mid))
        else:
            mid = self.conn.execute(
                "INSERT INTO measures(type, actors, targets, items, status, first_reported, latest, amount)"
                " VALUES (?,?,?,?,?,?,?,?)",
                (ev["type"], dump(ev["actors"]), dump(ev["targets"]), dump(ev["items"]), ev["status"], reported,
                 reported, dump(ev["amount"]) if ev.get("amount") else None)).lastrowid
        self.conn.execute(
            "INSERT INTO events(article_id, measure_id, type, actors, targets, items, status, date, amount, evidence,"
            " start, end, rule, reported) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (aid, mid, ev["type"], dump(ev["actors"]), dump(ev["targets"]), dump(ev["items"]), ev["status"],
             ev.get("date"), dump(ev["amount"]) if ev.get("amount") else None, ev["evidence"], ev["start"], ev["end"],
             ev.get("rule"), reported))
        last = self.conn.execute("SELECT status FROM measure_status WHERE measure_id=? ORDER BY rowid DESC LIMIT 1",
                                 (mid,)).fetchone()
        if last is None or last[0] != ev["status"]:
            self.conn.execute("INSERT INTO measure_status(measure_id, status, article_id, reported) VALUES (?,?,?,?)",
                              (mid, ev["status"], aid, reported))
            self.conn.execute("UPDATE measures SET status=? WHERE id=?", (ev["status"], mid))

    # --- measures (read) ----------------------------------------------------------------------
    def list_measures(self, etype=None, actor=None, target=None, item=None, status=None, since=None, until=None,
                      limit: int = 100, measure_id: int | None = None) -> list[dict]:
        sql = ("SELECT m.*, count(DISTINCT e.article_id) AS reports, count(DISTINCT coalesce(a.outlet, a.source)) AS outlets "
               "FROM measures m JOIN events e ON e.measure_id = m.id JOIN articles a ON a.id = e.article_id WHERE 1=1")
        args: list = []
        for col, val in (("m.id", measure_id), ("m.type", etype), ("m.status", status)):
            if val is not None:
                sql += f" AND {col} = ?"
                args.append(val)
        for col, val in (("m.actors", actor), ("m.targets", target), ("m.items", item)):
            if val:
                sql += f" AND lower({col}) LIKE ?"
                args.append(f"%{val.lower()}%")
        if since:
            sql += " AND m.latest >= ?"
            args.append(since)
        if until:
            sql += " AND m.first_reported <= ?"
            args.append(until)
        sql += " GROUP BY m.id ORDER BY m.latest IS NULL, m.latest DESC, m.id DESC LIMIT ?"
        args.append(limit)
        out = []
        for r in self.conn.execute(sql, args):
            d = dict(r)
            for k in ("actors", "targets", "items"):
                d[k] = json.loads(d[k])
            d["amount"] = json.loads(d["amount"]) if d["amount"] else None
            out.append(d)
        return out

    def get_measure(self, mid: int) -> dict | None:
        rows = self.list_measures(measure_id=mid, limit=1)
        m = rows[0] if rows else None
        if m is None:
            return None
        m["history"] = [dict(r) for r in self.conn.execute(
            "SELECT s.status, s.reported, s.article_id, a.outlet, a.title FROM measure_status s JOIN articles a "
            "ON a.id = s.article_id WHERE s.measure_id=? ORDER BY s.rowid", (mid,))]
        m["evidence"] = [dict(r) for r in self.conn.execute(
            "SELECT e.article_id, a.outlet, a.published, a.title, e.status, e.evidence, e.rule, "
            "(SELECT count(*) FROM pages p WHERE p.article_id = a.id AND p.relation != 'original') AS copies "
            "FROM events e JOIN articles a ON a.id = e.article_id WHERE e.measure_id=? ORDER BY e.reported, e.id", (mid,))]
        return m

    def add_page(self, doc: dict, content_hash: str, article_id: int, relation: str, similarity: float | None) -> None:
        self.conn.execute(
            "INSERT OR IGNORE INTO pages(source, url, content_hash, article_id, relation, similarity, title, outlet,"
            " published, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (doc["source"], doc.get("url"), content_hash, article_id, relation, similarity, doc.get("title"),
             doc.get("outlet"), doc.get("published"), _now()))

    # --- reads --------------------------------------------------------------------------------
    def minhashes(self):
        yield from self.conn.execute("SELECT id, minhash FROM articles WHERE minhash IS NOT NULL")

    def counts(self) -> dict:
        a = self.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        p = self.conn.execute("SELECT count(*) FROM pages").fetchone()[0]
        d = self.conn.execute("SELECT count(*) FROM pages WHERE relation != 'original'").fetchone()[0]
        return {"articles": a, "pages": p, "duplicates": d}

    def list_articles(self, limit: int = 50, offset: int = 0, outlet: str | None = None) -> list[dict]:
        sql = ("SELECT a.id, a.title, a.outlet, a.published, a.source, "
               "(SELECT count(*) FROM pages p WHERE p.article_id=a.id AND p.relation!='original') AS copies "
               "FROM articles a")
        args: list = []
        if outlet:
            sql += " WHERE a.outlet = ?"
            args.append(outlet)
        sql += " ORDER BY a.published IS NULL, a.published DESC, a.id DESC LIMIT ? OFFSET ?"
        args += [limit, offset]
        return [dict(r) for r in self.conn.execute(sql, args)]

    def entity_counts(self, etype: str | None = None, limit: int = 100, unknown_only: bool = False) -> list[dict]:
        sql = ("SELECT entity_key AS key, name, name_en, type, in_kb, count(*) AS articles, sum(mentions) AS mentions "
               "FROM article_entities WHERE 1=1")
        args: list = []
        if etype:
            sql += " AND type = ?"
            args.append(etype.upper())
        if unknown_only:
            sql += " AND in_kb = 0"
        sql += " GROUP BY entity_key ORDER BY mentions DESC, name LIMIT ?"
        args.append(limit)
        return [dict(r) for r in self.conn.execute(sql, args)]

    def entity_keys(self, name: str) -> list[str]:
        rows = self.conn.execute(
            "SELECT DISTINCT entity_key FROM article_entities WHERE entity_key = ? OR name = ? OR lower(name_en) = lower(?)"
            " OR surfaces LIKE ?", (name, name, name, f'%"{name}"%'))
        return [r[0] for r in rows]

    def entity_detail(self, key: str) -> dict:
        row = self.conn.execute("SELECT entity_key AS key, name, name_en, type, in_kb FROM article_entities "
                                "WHERE entity_key=? LIMIT 1", (key,)).fetchone()
        surfaces: set[str] = set()
        for (s,) in self.conn.execute("SELECT surfaces FROM article_entities WHERE entity_key=?", (key,)):
            surfaces.update(json.loads(s))
        arts = [dict(r) for r in self.conn.execute(
            "SELECT a.id, a.title, a.outlet, a.published, ae.mentions FROM article_entities ae JOIN articles a "
            "ON a.id = ae.article_id WHERE ae.entity_key=? ORDER BY a.published DESC", (key,))]
        co = [dict(r) for r in self.conn.execute(
            "SELECT o.entity_key AS key, o.name, o.type, count(*) AS articles FROM article_entities ae "
            "JOIN article_entities o ON o.article_id = ae.article_id AND o.entity_key != ae.entity_key "
            "WHERE ae.entity_key=? GROUP BY o.entity_key ORDER BY articles DESC, o.name LIMIT 20", (key,))]
        return {**dict(row), "surfaces": sorted(surfaces), "articles": arts, "co_mentioned": co}

    def get_article(self, article_id: int) -> dict | None:
        r = self.conn.execute("SELECT * FROM articles WHERE id=?", (article_id,)).fetchone()
        if r is None:
            return None
        d = dict(r)
        d.pop("minhash", None)
        d["subtitle"] = json.loads(d["subtitle"])
        d["authors"] = json.loads(d["authors"])
        d.update(json.loads(d.pop("analysis")))
        d["copies"] = [dict(x) for x in self.conn.execute(
            "SELECT source, url, relation, similarity, title, outlet, published, ingested_at FROM pages "
            "WHERE article_id=? AND relation != 'original' ORDER BY id", (article_id,))]
        return d
