"""JSON API: the query layer (chipwatch.query) over HTTP. Read-only unless a token is set."""
from __future__ import annotations

import hmac
import json
import threading
from pathlib import Path
from typing import Optional

from fastapi import APIRouter, HTTPException, Query, Request

from chipwatch import query

router = APIRouter(prefix="/api")
_ingest_lock = threading.Lock()   # one writer at a time: SQLite takes one, and dedup must see earlier pages



def _day():
    # a fresh Query per parameter: FastAPI binds a shared one to the first parameter it meets
    return Query(None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="YYYY, YYYY-MM or YYYY-MM-DD")


def _limit(default: int = 50):
    return Query(default, ge=1, le=500, description="page size")


def _offset():
    return Query(0, ge=0, description="rows to skip")


def _db(request: Request) -> str:
    return request.app.state.db


def _page(request: Request, items: list, limit: int, offset: int) -> dict:
    """A page of results and the URL of the next one (None at the end). Callers fetch one row more
    than the page holds, so that a last page that happens to be full says it is the last."""
    nxt = None
    if len(items) > limit:
        nxt = str(request.url.include_query_params(offset=offset + limit))
    return {"items": items[:limit], "limit": limit, "offset": offset, "next": nxt}


@router.get("/articles", summary="Stored articles, newest first")
def articles(request: Request, limit: int = _limit(), offset: int = _offset(), outlet: Optional[str] = None,
             since: Optional[str] = _day(), until: Optional[str] = _day(), entity: Optional[str] = None,
             event_type: Optional[str] = None):
    rows = query.list_docs(_db(request), limit=limit + 1, offset=offset, outlet=outlet, since=since, until=until,
                           entity=entity, event_type=event_type)
    return _page(request, rows, limit, offset)


@router.get("/articles/{article_id}", summary="One article: cleaned text, analysis, copies elsewhere")
def article(request: Request, article_id: int):
    return query.get_doc(_db(request), article_id)


@router.get("/search", summary="Korean full-text search over titles and bodies")
def search(request: Request, q: str = Query(..., min_length=1, max_length=200), limit: int = Query(20, ge=1, le=100),
           offset: int = _offset(), since: Optional[str] = _day(), until: Optional[str] = _day(), outlet: Optional[str] = None,
           entity: Optional[str] = None, event_type: Optional[str] = None):
    rows = query.search(_db(request), q, since=since, until=until, outlet=outlet, entity=entity,
                        event_type=event_type, limit=limit + 1, offset=offset)
    return _page(request, rows, limit, offset)


@router.get("/entities", summary="Entities by mentions")
def entities(request: Request, type: Optional[str] = None, unknown: bool = False, limit: int = _limit(),
             offset: int = _offset()):
    rows = query.list_entities(_db(request), etype=type, limit=limit + 1, unknown_only=unknown, offset=offset)
    return _page(request, rows, limit, offset)


@router.get("/entities/{name}", summary="One entity: profile, measures as actor and target, co-mentions, articles")
def entity(request: Request, name: str):
    return query.get_entity(_db(request), name)


@router.get("/events", summary="Events as reported, one per evidence sentence")
def events(request: Request, type: Optional[str] = None, article_id: Optional[int] = None,
           since: Optional[str] = _day(), until: Optional[str] = _day(), limit: int = _limit(), offset: int = _offset()):
    rows = query.list_events(_db(request), etype=type, article_id=article_id, since=since, until=until, limit=limit + 1,
                             offset=offset)
    return _page(request, rows, limit, offset)


@router.get("/measures", summary="Measures: one real-world action however many reports")
def measures(request: Request, type: Optional[str] = None, actor: Optional[str] = None, target: Optional[str] = None,
             item: Optional[str] = None, status: Optional[str] = None, since: Optional[str] = _day(),
             until: Optional[str] = _day(), limit: int = _limit(), offset: int = _offset()):
    rows = query.list_measures(_db(request), etype=type, actor=actor, target=target, item=item, status=status,
                               since=since, until=until, limit=limit + 1, offset=offset)
    return _page(request, rows, limit, offset)


@router.get("/measures/{measure_id}", summary="One measure with its status history and evidence")
def measure(request: Request, measure_id: int):
    return query.get_measure(_db(request), measure_id)


@router.get("/timeline", summary="Dated measures, oldest first")
def timeline(request: Request, type: Optional[str] = None, actor: Optional[str] = None, target: Optional[str] = None,
             item: Optional[str] = None, status: Optional[str] = None, since: Optional[str] = _day(),
             until: Optional[str] = _day(), limit: int = Query(500, ge=1, le=5000)):
    return {"items": query.timeline(_db(request), etype=type, actor=actor, target=target, item=item, status=status,
                                    since=since, until=until, limit=limit)}


@router.get("/stats", summary="Totals and measures per month by type and by acting country")
def stats(request: Request):
    return query.stats(_db(request))


def _authorised(request: Request) -> None:
    token = request.app.state.token
    if not token:
        raise HTTPException(403, "ingest over HTTP is off: start the server with CHIPWATCH_TOKEN set")
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    # compare_digest takes as long for a near miss as for a wild guess
    if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), token.encode()):
        raise HTTPException(401, "missing or wrong token (send `Authorization: Bearer <CHIPWATCH_TOKEN>`)")


async def _body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"request is {int(declared):,} bytes, larger than the limit of {limit:,}")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"request is larger than the limit of {limit:,} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _inside_inputs(request: Request, raw: str) -> str:
    """A path the client names, allowed only inside a directory the server was started with."""
    roots = request.app.state.inputs
    if not roots:
        raise HTTPException(403, "ingest by path is off: start the server with --inputs DIR")
    from chipwatch.ingest.readers import inside

    for root in roots:
        p = (root / raw).resolve()
        if inside(p, root):
            if not p.exists():
                raise HTTPException(404, f"{raw}: no such file or directory under the configured inputs")
            return str(p)
    raise HTTPException(403, f"{raw}: outside the configured inputs")


@router.post("/ingest", summary="Add pages: the request body is a page (text, HTML, WARC, JSON lines), "
             "or JSON {\"paths\": [...]} naming files under the server's --inputs")
async def ingest(request: Request, name: str = Query("page", max_length=200, pattern=r"^[\w.\-]+$")):
    from starlette.concurrency import run_in_threadpool

    from chipwatch import settings
    from chipwatch.ingest.readers import iter_pages, pages_from_bytes
    from chipwatch.runners.local import ingest as run
    from chipwatch.store import open_store

    _authorised(request)
    s = settings.load({"db": request.app.state.db})
    data = await _body(request, request.app.state.max_request_bytes)
    if not data:
        raise HTTPException(400, "empty request body: send a page, or JSON {\"paths\": [...]}")
    paths, pages = None, None
    if request.headers.get("content-type", "").startswith("application/json"):
        try:
            obj = json.loads(data)
        except ValueError as e:
            raise HTTPException(400, f"request body is not JSON ({e})")
        if not (isinstance(obj, dict) and set(obj) == {"paths"} and isinstance(obj["paths"], list)
                and all(isinstance(p, str) for p in obj["paths"])):
            raise HTTPException(400, "JSON body must be {\"paths\": [\"file or folder under --inputs\", ...]}")
        paths = [_inside_inputs(request, p) for p in obj["paths"]]
        # links inside an allowed folder may point anywhere: every file read is checked again
        pages = iter_pages(paths, s.max_page_bytes, within=request.app.state.inputs)
    else:
        pages = pages_from_bytes(f"http:{name}", data, s.max_page_bytes)

    def work():
        with _ingest_lock:
            store = open_store(s.db)
            try:
                return run([], store, s, pages=pages)
            finally:
                store.close()

    summary = await run_in_threadpool(work)
    return {"pages": summary.pages, "stored": summary.stored, "exact": summary.exact, "near": summary.near,
            "unchanged": summary.unchanged, "failures": [{"source": a, "reason": b} for a, b in summary.failures]}
