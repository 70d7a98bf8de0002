"""The web pages: home, timeline, measures, entities, articles, search. Server-rendered HTML from
the same query layer as the API; charts are SVG drawn in render.py; no script or font from outside."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from chipwatch import query
from chipwatch.web import render

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
templates.env.globals.update(type_label=render.type_label, status_label=lambda s: render.STATUS_LABELS.get(s, s),
                             entity_label=lambda t: render.ENTITY_LABELS.get(t, t), types=render.TYPE_LABELS,
                             statuses=render.STATUS_LABELS, type_colors=render.TYPE_COLORS)
# search snippets mark matches with 【】: escape the text, then turn the marks into <mark>
templates.env.filters["marks"] = lambda s: Markup(str(Markup.escape(s)).replace("【", "<mark>").replace("】", "</mark>"))


def _show(request: Request, name: str, status: int = 200, **ctx):
    return templates.TemplateResponse(request, name, ctx, status_code=status)


def error_page(request: Request, status: int, message: str):
    return _show(request, "error.html", status=status, status_code=status, message=message)


def _blank(v: Optional[str]) -> Optional[str]:
    """Forms send empty fields as ''; they mean 'no filter'."""
    return v.strip() or None if isinstance(v, str) else v


@router.get("/")
def home(request: Request):
    db = request.app.state.db
    st = query.stats(db)
    type_names = {t: render.type_label(t) for t in render.TYPE_LABELS}
    return _show(request, "home.html", counts=st["counts"],
                 by_type=Markup(render.stacked_bars(st["by_type"], render.TYPE_COLORS, type_names,
                                                    title="월별 조치 유형")),
                 by_country=Markup(render.stacked_bars(st["by_country"], title="월별 조치 국가")),
                 measures=query.list_measures(db, limit=10), articles=query.list_docs(db, limit=10))


@router.get("/timeline")
def timeline(request: Request, type: Optional[str] = None, actor: Optional[str] = None,
             target: Optional[str] = None, item: Optional[str] = None):
    f = {"etype": _blank(type), "actor": _blank(actor), "target": _blank(target), "item": _blank(item)}
    rows = query.timeline(request.app.state.db, **f)
    return _show(request, "timeline.html", chart=Markup(render.timeline(rows)), rows=rows,
                 f={"type": f["etype"] or "", "actor": f["actor"] or "", "target": f["target"] or "",
                    "item": f["item"] or ""})


@router.get("/measures/{measure_id}")
def measure(request: Request, measure_id: int):
    return _show(request, "measure.html", m=query.get_measure(request.app.state.db, measure_id))


@router.get("/entities")
def entities(request: Request, type: Optional[str] = None, unknown: bool = False):
    rows = query.list_entities(request.app.state.db, etype=_blank(type), unknown_only=unknown, limit=300)
    return _show(request, "entities.html", rows=rows, etype=_blank(type) or "", labels=render.ENTITY_LABELS)


@router.get("/entities/{name}")
def entity(request: Request, name: str):
    e = query.get_entity(request.app.state.db, name)
    return _show(request, "entity.html", e=e, graph=Markup(render.graph(e["graph"]["nodes"], e["graph"]["edges"],
                                                                         e["key"])))


@router.get("/articles")
def articles(request: Request, outlet: Optional[str] = None, offset: int = Query(0, ge=0)):
    rows = query.list_docs(request.app.state.db, limit=50, offset=offset, outlet=_blank(outlet))
    return _show(request, "articles.html", rows=rows, offset=offset, outlet=_blank(outlet) or "")


@router.get("/articles/{article_id}")
def article(request: Request, article_id: int):
    d = query.get_doc(request.app.state.db, article_id)
    return _show(request, "article.html", d=d, text=Markup(render.highlight(d)))


@router.get("/search")
def search(request: Request, q: str = "", since: Optional[str] = None, until: Optional[str] = None,
           outlet: Optional[str] = None, entity: Optional[str] = None, type: Optional[str] = None,
           offset: int = Query(0, ge=0)):
    f = {"since": _blank(since), "until": _blank(until), "outlet": _blank(outlet), "entity": _blank(entity),
         "event_type": _blank(type)}
    rows = query.search(request.app.state.db, q, limit=20, offset=offset, **f) if q.strip() else []
    return _show(request, "search.html", q=q, rows=rows, offset=offset,
                 f={k: v or "" for k, v in f.items()})
