"""The query layer shared by every backend. SQL here is the common subset of SQLite and
PostgreSQL (`?` placeholders, `ON CONFLICT`, `RETURNING`); a backend supplies the connection,
its schema DDL and full-text search, which is the one thing the two engines do differently."""
from __future__ import annotations

import json
from datetime import datetime, timezone

SCHEMA_VERSION = 5


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _dump(x) -> str:
    return json.dumps(x, ensure_ascii=False)


def _after(until: str) -> str:
    """The first ISO prefix after a day, month or year: every timestamp within `until` sorts before it."""
    from datetime import date, timedelta

    u = until.strip()
    try:
        if len(u) == 4:
            return f"{int(u) + 1:04d}"
        if len(u) == 7:
            y, m = int(u[:4]), int(u[5:7])
            return f"{y + m // 12:04d}-{m % 12 + 1:02d}"
        return (date.fromisoformat(u[:10]) + timedelta(days=1)).isoformat()
    except ValueError:
        return u + "~"


def _period(ends: str, starts: str, since=None, until=None) -> tuple[list[str], list[str]]:
    """Conditions for rows in [since, until] (days, months or years): what `ends` on or after
    `since` and `starts` before the period after `until`. Comparing with `<` the next period rather
    than cutting prefixes lets an index serve it and makes `--until 2023` mean all of 2023."""
    conds, args = [], []
    if since:
        conds.append(f"{ends} >= ?")
        args.append(since)
    if until:
        conds.append(f"{starts} < ?")
        args.append(_after(until))
    return conds, args


class Store:
    url: str

    # --- what a backend provides ----------------------------------------------------------------
    def _run(self, sql: str, args=()):
        """Execute one statement; returns a cursor whose rows are mappings."""
        raise NotImplementedError

    def begin(self) -> None:
        raise NotImplementedError

    def commit(self) -> None:
        raise NotImplementedError

    def rollback(self) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def index_article(self, aid: int, title_terms: str, body_terms: str) -> None:
        raise NotImplementedError

    def unindexed(self):
        raise NotImplementedError

    def search(self, words: list[str], since=None, until=None, outlet=None, entity=None, event_type=None,
               limit: int = 20, offset: int = 0) -> list[dict]:
        raise NotImplementedError

    # --- helpers ------------------------------------------------------------------------------
    def _all(self, sql: str, args=()) -> list[dict]:
        return [dict(r) for r in self._run(sql, args).fetchall()]

    def _one(self, sql: str, args=()) -> dict | None:
        r = self._run(sql, args).fetchone()
        return dict(r) if r is not None else None

    def _val(self, sql: str, args=()):
        r = self._one(sql, args)
        return next(iter(r.values())) if r else None

    @staticmethod
    def _filters(since=None, until=None, outlet=None, entity=None, event_type=None, alias: str = "a"):
        """WHERE conditions on articles shared by search backends."""
        conds, args = _period(f"{alias}.published", f"{alias}.published", since, until)
        if outlet:
            conds.append(f"{alias}.outlet = ?")
            args.append(outlet)
        if entity:
            from chipwatch.analyze import kb

            # names resolve to keys through the knowledge base, so the key index answers the filter
            keys = kb.resolve(entity)
            conds.append(f"{alias}.id IN (SELECT article_id FROM article_entities WHERE entity_key IN "
                         f"({','.join('?' * len(keys))}))")
            args += keys
        if event_type:
            conds.append(f"{alias}.id IN (SELECT article_id FROM events WHERE type = ?)")
            args.append(event_type)
        return conds, args

    # --- writes -------------------------------------------------------------------------------
    def page_known(self, source: str, content_hash: str) -> bool:
        return self._one("SELECT 1 AS x FROM pages WHERE source=? AND content_hash=?", (source, content_hash)) is not None

    def article_by_fingerprint(self, fp: str) -> int | None:
        return self._val("SELECT id FROM articles WHERE fingerprint=?", (fp,))

    def add_article(self, doc: dict, fingerprint: str, minhash: bytes | None) -> int:
        aid = self._val(
            "INSERT INTO articles(fingerprint, source, url, title, subtitle, published, outlet, authors, body,"
            " analysis, minhash, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
            (fingerprint, doc["source"], doc.get("url"), doc.get("title"), _dump(doc.get("subtitle") or []),
             doc.get("published"), doc.get("outlet"), _dump(doc.get("authors") or []), doc["body"],
             _dump({k: doc.get(k) or [] for k in ("entities", "amounts", "dates", "events")}), minhash, _now()))
        for e in doc.get("entities") or []:
            key = e.get("id") or "u:" + (e.get("name") or "")
            surfaces = sorted({m["text"] for m in e.get("mentions") or []})
            self._run(
                "INSERT INTO article_entities(article_id, entity_key, name, name_en, type, in_kb, mentions,"
                " surfaces) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
                (aid, key, e.get("name") or "", e.get("name_en"), e.get("type") or "", int(bool(e.get("in_kb", True))),
                 len(e.get("mentions") or []), _dump(surfaces)))
        for ev in doc.get("events") or []:
            self._add_event(aid, doc, ev)
        if doc.get("search_terms"):
            self.index_article(aid, *doc["search_terms"])
        return aid

    def add_page(self, doc: dict, content_hash: str, article_id: int, relation: str, similarity: float | None) -> None:
        self._run(
            "INSERT INTO pages(source, url, content_hash, article_id, relation, similarity, title, outlet,"
            " published, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
            (doc["source"], doc.get("url"), content_hash, article_id, relation, similarity, doc.get("title"),
             doc.get("outlet"), doc.get("published"), _now()))

    def _add_event(self, aid: int, doc: dict, ev: dict) -> None:
        from chipwatch import measures as ms

        reported = ev.get("date") or (doc.get("published") or "")[:10] or None
        cands = []
        for m in self._all("SELECT * FROM measures WHERE type=?", (ev["type"],)):
            for k in ("actors", "targets", "items"):
                m[k] = json.loads(m[k])
            m["evidence"] = [x["evidence"] for x in self._all(
                "SELECT evidence FROM events WHERE measure_id=? ORDER BY id DESC LIMIT 5", (m["id"],))]
            if ms.same_action(ev, reported, m):
                cands.append(m)
        amount = _dump(ev["amount"]) if ev.get("amount") else None
        if cands:
            m = cands[0]
            mid = m["id"]
            merged = {k: m[k] + [x for x in ev[k] if x not in m[k]] for k in ("actors", "targets", "items")}
            days = [x for x in (m["first_reported"], m["latest"], reported) if x]
            self._run("UPDATE measures SET actors=?, targets=?, items=?, first_reported=?, latest=?,"
                      " amount=coalesce(amount, ?) WHERE id=?",
                      (_dump(merged["actors"]), _dump(merged["targets"]), _dump(merged["items"]),
                       min(days) if days else None, max(days) if days else None, amount, mid))
        else:
            mid = self._val(
                "INSERT INTO measures(type, actors, targets, items, status, first_reported, latest, amount)"
                " VALUES (?,?,?,?,?,?,?,?) RETURNING id",
                (ev["type"], _dump(ev["actors"]), _dump(ev["targets"]), _dump(ev["items"]), ev["status"], reported,
                 reported, amount))
        self._run(
            'INSERT INTO events(article_id, measure_id, type, actors, targets, items, status, date, amount, evidence,'
            ' start, "end", rule, reported) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)',
            (aid, mid, ev["type"], _dump(ev["actors"]), _dump(ev["targets"]), _dump(ev["items"]), ev["status"],
             ev.get("date"), amount, ev["evidence"], ev["start"], ev["end"], ev.get("rule"), reported))
        last = self._val("SELECT status FROM measure_status WHERE measure_id=? ORDER BY id DESC LIMIT 1", (mid,))
        if last != ev["status"]:
            self._run("INSERT INTO measure_status(measure_id, status, article_id, reported) VALUES (?,?,?,?)",
                      (mid, ev["status"], aid, reported))
            self._run("UPDATE measures SET status=? WHERE id=?", (ev["status"], mid))

    # --- measures -----------------------------------------------------------------------------
    def list_measures(self, etype=None, actor=None, target=None, item=None, status=None, since=None, until=None,
                      limit: int = 100, offset: int = 0, measure_id: int | None = None,
                      member: tuple[str, str] | None = None) -> list[dict]:
        """Filters on roles match substrings (`--actor united`); `member` = (column, name) asks for
        that exact name in the column's list."""
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
        if member:
            sql += f" AND m.{member[0]} LIKE ?"
            args.append(f"%{_dump(member[1])}%")
        conds, more = _period("m.latest", "m.first_reported", since, until)
        sql += "".join(" AND " + c for c in conds)
        args += more
        sql += " GROUP BY m.id ORDER BY m.latest IS NULL, m.latest DESC, m.id DESC LIMIT ? OFFSET ?"
        args += [limit, offset]
        out = []
        for d in self._all(sql, args):
            for k in ("actors", "targets", "items"):
                d[k] = json.loads(d[k])
            d["amount"] = json.loads(d["amount"]) if d["amount"] else None
            out.append(d)
        return out

    def get_measure(self, mid: int) -> dict | None:
        rows = self.list_measures(measure_id=mid, limit=1)
        if not rows:
            return None
        m = rows[0]
        m["history"] = self._all(
            "SELECT s.status, s.reported, s.article_id, a.outlet, a.title FROM measure_status s JOIN articles a "
            "ON a.id = s.article_id WHERE s.measure_id=? ORDER BY s.id", (mid,))
        m["evidence"] = self._all(
            'SELECT e.article_id, a.outlet, a.published, a.title, e.status, e.evidence, e.rule, e.start, e."end", '
            "(SELECT count(*) FROM pages p WHERE p.article_id = a.id AND p.relation != 'original') AS copies "
            "FROM events e JOIN articles a ON a.id = e.article_id WHERE e.measure_id=? ORDER BY e.reported, e.id", (mid,))
        return m

    def measure_counts(self, by: str = "type", period: str = "month", since=None, until=None) -> list[dict]:
        """Measures per period (month or year of first report) and per type or acting country."""
        width = 7 if period == "month" else 4
        if by == "type":
            rows = self._all(f"SELECT substr(first_reported, 1, {width}) AS period, type AS key, count(*) AS n "
                             "FROM measures WHERE first_reported IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2")
        else:
            # actors are stored as a JSON list of English names: count in Python so both engines share the query
            from chipwatch.analyze import kb

            tally: dict[tuple[str, str], int] = {}
            for r in self._all("SELECT first_reported, actors FROM measures WHERE first_reported IS NOT NULL"):
                for country in {c for c in map(kb.country_of, json.loads(r["actors"])) if c}:
                    k = (r["first_reported"][:width], country)
                    tally[k] = tally.get(k, 0) + 1
            rows = [{"period": p, "key": c, "n": n} for (p, c), n in sorted(tally.items())]
        return [r for r in rows if (not since or r["period"] >= since[:width]) and (not until or r["period"] <= until[:width])]

    # --- reads --------------------------------------------------------------------------------
    def minhashes(self):
        for r in self._run("SELECT id, minhash FROM articles WHERE minhash IS NOT NULL"):
            r = dict(r)
            yield r["id"], bytes(r["minhash"])

    def counts(self) -> dict:
        return {
            "articles": self._val("SELECT count(*) AS n FROM articles"),
            "pages": self._val("SELECT count(*) AS n FROM pages"),
            "duplicates": self._val("SELECT count(*) AS n FROM pages WHERE relation != 'original'"),
            "measures": self._val("SELECT count(*) AS n FROM measures"),
            "events": self._val("SELECT count(*) AS n FROM events"),
            "entities": self._val("SELECT count(DISTINCT entity_key) AS n FROM article_entities"),
        }

    def list_articles(self, limit: int = 50, offset: int = 0, outlet: str | None = None, since=None, until=None,
                      entity=None, event_type=None) -> list[dict]:
        conds, args = self._filters(since, until, outlet, entity, event_type)
        sql = ("SELECT a.id, a.title, a.outlet, a.published, a.source, a.url, "
               "(SELECT count(*) FROM pages p WHERE p.article_id=a.id AND p.relation!='original') AS copies "
               "FROM articles a")
        if conds:
            sql += " WHERE " + " AND ".join(conds)
        sql += " ORDER BY a.published IS NULL, a.published DESC, a.id DESC LIMIT ? OFFSET ?"
        return self._all(sql, args + [limit, offset])

    def list_events(self, etype=None, article_id=None, since=None, until=None, limit: int = 100,
                    offset: int = 0) -> list[dict]:
        sql = ('SELECT e.id, e.article_id, e.measure_id, e.type, e.actors, e.targets, e.items, e.status, e.date, '
               'e.amount, e.evidence, e.start, e."end", e.rule, e.reported, a.title, a.outlet '
               "FROM events e JOIN articles a ON a.id = e.article_id WHERE 1=1")
        args: list = []
        for col, val in (("e.type", etype), ("e.article_id", article_id)):
            if val is not None:
                sql += f" AND {col} = ?"
                args.append(val)
        conds, more = _period("e.reported", "e.reported", since, until)
        sql += "".join(" AND " + c for c in conds)
        args += more
        sql += " ORDER BY e.reported IS NULL, e.reported DESC, e.id DESC LIMIT ? OFFSET ?"
        out = []
        for d in self._all(sql, args + [limit, offset]):
            for k in ("actors", "targets", "items"):
                d[k] = json.loads(d[k])
            d["amount"] = json.loads(d["amount"]) if d["amount"] else None
            out.append(d)
        return out

    def entity_counts(self, etype: str | None = None, limit: int = 100, unknown_only: bool = False,
                      offset: int = 0) -> list[dict]:
        sql = ("SELECT entity_key AS key, min(name) AS name, min(name_en) AS name_en, min(type) AS type, "
               "min(in_kb) AS in_kb, count(*) AS articles, sum(mentions) AS mentions FROM article_entities WHERE 1=1")
        args: list = []
        if etype:
            sql += " AND type = ?"
            args.append(etype.upper())
        if unknown_only:
            sql += " AND in_kb = 0"
        sql += " GROUP BY entity_key ORDER BY mentions DESC, name LIMIT ? OFFSET ?"
        return self._all(sql, args + [limit, offset])

    def entity_keys(self, name: str) -> list[str]:
        rows = self._all(
            "SELECT DISTINCT entity_key FROM article_entities WHERE entity_key = ? OR name = ? OR lower(name_en) = lower(?)"
            " OR surfaces LIKE ? ORDER BY entity_key", (name, name, name, f'%"{name}"%'))
        exact = [r["entity_key"] for r in rows if r["entity_key"] == name]
        return exact + [r["entity_key"] for r in rows if r["entity_key"] != name]

    def entity_detail(self, key: str) -> dict:
        row = self._one("SELECT entity_key AS key, name, name_en, type, in_kb FROM article_entities "
                        "WHERE entity_key=? LIMIT 1", (key,))
        surfaces: set[str] = set()
        for r in self._all("SELECT surfaces FROM article_entities WHERE entity_key=?", (key,)):
            surfaces.update(json.loads(r["surfaces"]))
        arts = self._all(
            "SELECT a.id, a.title, a.outlet, a.published, ae.mentions FROM article_entities ae JOIN articles a "
            "ON a.id = ae.article_id WHERE ae.entity_key=? ORDER BY a.published DESC, a.id DESC", (key,))
        co = self._all(
            "SELECT o.entity_key AS key, min(o.name) AS name, min(o.type) AS type, count(*) AS articles "
            "FROM article_entities ae JOIN article_entities o ON o.article_id = ae.article_id "
            "AND o.entity_key != ae.entity_key WHERE ae.entity_key=? GROUP BY o.entity_key "
            "ORDER BY articles DESC, name LIMIT 20", (key,))
        return {**row, "surfaces": sorted(surfaces), "articles": arts, "co_mentioned": co}

    def co_mention_edges(self, keys: list[str]) -> list[dict]:
        """How many articles mention each pair among `keys` (for the entity graph)."""
        if len(keys) < 2:
            return []
        marks = ",".join("?" * len(keys))
        return self._all(
            f"SELECT x.entity_key AS a, y.entity_key AS b, count(*) AS articles FROM article_entities x "
            f"JOIN article_entities y ON y.article_id = x.article_id AND x.entity_key < y.entity_key "
            f"WHERE x.entity_key IN ({marks}) AND y.entity_key IN ({marks}) GROUP BY x.entity_key, y.entity_key",
            list(keys) + list(keys))

    def measures_of_entity(self, name_en: str, role: str, limit: int = 50) -> list[dict]:
        """Measures with the entity (by the English name events use) among the actors, targets or items."""
        return self.list_measures(limit=limit, member=({"actor": "actors", "target": "targets", "item": "items"}[role],
                                                       name_en))

    def get_article(self, article_id: int) -> dict | None:
        d = self._one("SELECT * FROM articles WHERE id=?", (article_id,))
        if d is None:
            return None
        d.pop("minhash", None)
        d["subtitle"] = json.loads(d["subtitle"])
        d["authors"] = json.loads(d["authors"])
        d.update(json.loads(d.pop("analysis")))
        d["copies"] = self._all(
            "SELECT source, url, relation, similarity, title, outlet, published, ingested_at FROM pages "
            "WHERE article_id=? AND relation != 'original' ORDER BY id", (article_id,))
        d["measure_ids"] = [r["measure_id"] for r in self._all(
            "SELECT DISTINCT measure_id FROM events WHERE article_id=? ORDER BY measure_id", (article_id,))]
        return d
