"""Command line: parse, call a plain function, turn typed errors into messages and exit codes."""
from __future__ import annotations

import json
import sys

import click

from chipwatch import __version__
from chipwatch.errors import ChipwatchError, InputError


def _settings(ctx: click.Context):
    from chipwatch import settings

    return settings.load({"db": ctx.obj.get("db")})


def _fail(e: ChipwatchError):
    click.echo(f"chipwatch: error: {e}", err=True)
    sys.exit(e.exit_code)


def _guard(call):
    """Run a library call; a typed error becomes its message and exit code."""
    try:
        return call()
    except ChipwatchError as e:
        _fail(e)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", envvar="CHIPWATCH_DB", default=None, metavar="PATH",
              help="Database: SQLite file (default chipwatch.db in the working directory) or postgresql:// URL.")
@click.version_option(__version__, prog_name="chipwatch")
@click.pass_context
def cli(ctx: click.Context, db: str | None):
    """chipwatch: Korean news on chip and AI trade policy -> a searchable record of measures."""
    ctx.ensure_object(dict)
    ctx.obj["db"] = db


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: when stderr is a terminal).")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], progress: bool | None):
    """Read pages (text, .html, .warc[.gz], .jsonl, directories, - for stdin) into the database."""
    from chipwatch.runners.local import ingest as run
    from chipwatch.store import open_store

    s = _guard(lambda: _settings(ctx))
    store = _guard(lambda: open_store(s.db))
    show = sys.stderr.isatty() if progress is None else progress
    summary = None
    try:
        if show:
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
            from rich.console import Console

            with Progress(SpinnerColumn(), TextColumn("{task.completed} pages"), TextColumn("{task.description}"),
                          TimeElapsedColumn(), console=Console(stderr=True), transient=True) as bar:
                task = bar.add_task("", total=None)
                summary = run(paths, store, s, on_page=lambda src: bar.update(task, advance=1, description=src[-60:]))
        else:
            summary = run(paths, store, s)
    except KeyboardInterrupt:
        click.echo("chipwatch: interrupted; the batch in progress was rolled back, earlier batches are stored",
                   err=True)
        sys.exit(130)
    finally:
        store.close()
    click.echo(f"pages read: {summary.pages}  articles stored: {summary.stored}  "
               f"duplicates: {summary.duplicates} (exact {summary.exact}, near {summary.near})  "
               f"unchanged: {summary.unchanged}  failed: {len(summary.failures)}")
    for src, reason in summary.failures:
        click.echo(f"chipwatch: error: {src}: {reason}", err=True)
    if summary.failures:
        sys.exit(2)


def _render_text(doc: dict) -> str:
    out = [f"# {doc.get('title') or '(no title)'}"]
    for s in doc.get("subtitle") or []:
        out.append(f"  {s}")
    out.append(f"published: {doc.get('published') or '-'}   outlet: {doc.get('outlet') or '-'}   "
               f"authors: {', '.join(doc.get('authors') or []) or '-'}")
    out.append(f"source: {doc.get('source')}")
    out.append("")
    out.append(doc.get("body") or "")
    for key in ("entities", "amounts", "dates", "events"):
        items = doc.get(key) or []
        if items:
            out.append("")
            out.append(f"## {key} ({len(items)})")
            for it in items:
                out.append("  " + _item_line(key, it))
    if doc.get("copies"):
        out.append("")
        out.append(f"## copies elsewhere ({len(doc['copies'])})")
        for c in doc["copies"]:
            out.append(f"  {c['relation']:5} {c.get('similarity') or '':>5} {c.get('outlet') or '-'}  {c['source']}")
    return "\n".join(out)


def _item_line(key: str, it: dict) -> str:
    if key == "entities":
        return f"{it.get('type'):12} {it.get('name')} ({it.get('name_en') or '?'}) x{len(it.get('mentions') or [])}"
    if key == "amounts":
        return f"{it.get('text')!s:20} -> {it.get('value')} {it.get('unit')}" + (f"..{it['value_max']}" if it.get("value_max") else "")
    if key == "dates":
        return f"{it.get('text')!s:20} -> {it.get('value')}" + (f" .. {it['value_end']}" if it.get("value_end") else "")
    return (f"{it.get('type'):20} {it.get('status')!s:10} {','.join(it.get('actors') or [])} -> "
            f"{','.join(it.get('targets') or [])}: {it.get('evidence', '')[:80]}")


@cli.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="json", show_default=True)
@click.pass_context
def extract(ctx: click.Context, files: tuple[str, ...], fmt: str):
    """Print the extraction of page FILE(s) without storing anything."""
    from chipwatch import pipeline
    from chipwatch.ingest import iter_pages

    s = _guard(lambda: _settings(ctx))
    docs, failed = [], False
    stages = pipeline.build()
    for item in iter_pages(files, s.max_page_bytes):
        if isinstance(item, InputError):
            click.echo(f"chipwatch: error: {item}", err=True)
            failed = True
            continue
        try:
            docs.append(pipeline.extract(item, s.min_body_chars, stages))
        except InputError as e:
            click.echo(f"chipwatch: error: {e}", err=True)
            failed = True
    if docs:
        if fmt == "json":
            click.echo(json.dumps(docs[0] if len(docs) == 1 else docs, ensure_ascii=False, indent=1))
        else:
            click.echo("\n\n".join(_render_text(d) for d in docs))
    sys.exit(2 if failed else 0)


@cli.command()
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10_000))
@click.option("--offset", default=0, type=click.IntRange(0))
@click.option("--outlet", default=None, help="Only articles of this outlet.")
@click.option("--json", "as_json", is_flag=True, help="JSON lines instead of a table.")
@click.pass_context
def docs(ctx: click.Context, limit: int, offset: int, outlet: str | None, as_json: bool):
    """List stored articles, newest first."""
    from chipwatch import query

    rows = _guard(lambda: query.list_docs(_settings(ctx).db, limit, offset, outlet))
    for r in rows:
        if as_json:
            click.echo(json.dumps(r, ensure_ascii=False))
        else:
            copies = f" (+{r['copies']} copies)" if r["copies"] else ""
            click.echo(f"{r['id']:>6}  {(r['published'] or '-')[:16]:16}  {(r['outlet'] or '-')[:10]:10}  "
                       f"{r['title'] or '(no title)'}{copies}")
    if not rows and not as_json:
        click.echo("no articles stored", err=True)


@cli.command()
@click.argument("article_id", type=int)
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True)
@click.pass_context
def show(ctx: click.Context, article_id: int, fmt: str):
    """Show one stored article with its analysis and where else it was published."""
    from chipwatch import query

    d = _guard(lambda: query.get_doc(_settings(ctx).db, article_id))
    click.echo(json.dumps(d, ensure_ascii=False, indent=1) if fmt == "json" else _render_text(d))


@cli.command()
@click.option("--type", "etype", default=None, help="Only this type (COUNTRY, AGENCY, COMPANY, PERSON, PRODUCT, ...).")
@click.option("--unknown", is_flag=True, help="Only entities the knowledge base does not know (to review and promote).")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(1, 100_000))
@click.option("--json", "as_json", is_flag=True)
@click.option("--tsv", "as_tsv", is_flag=True,
              help="Rows in the knowledge base's entities.tsv format, to review and paste in (promotion).")
@click.pass_context
def entities(ctx: click.Context, etype: str | None, unknown: bool, limit: int, as_json: bool, as_tsv: bool):
    """List stored entities with article and mention counts."""
    from chipwatch import query

    rows = _guard(lambda: query.list_entities(_settings(ctx).db, etype, limit, unknown))
    for r in rows:
        if as_tsv:
            # id, type, name, name_en (to fill in), aliases, country, parent, role, tenure, qid
            click.echo("\t".join([r["key"].removeprefix("u:").replace(" ", "_").lower(), r["type"], r["name"],
                                  r["name_en"] or "", "", "", "", "", "", ""]))
        elif as_json:
            click.echo(json.dumps(r, ensure_ascii=False))
        else:
            flag = "" if r["in_kb"] else "  [not in knowledge base]"
            click.echo(f"{r['mentions']:>6} mentions  {r['articles']:>4} articles  {r['type']:12} {r['name']}"
                       f" ({r['name_en'] or '?'}){flag}")


@cli.command()
@click.argument("name")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def entity(ctx: click.Context, name: str, as_json: bool):
    """Show one entity: profile, aliases, articles and co-mentioned entities."""
    from chipwatch import query

    d = _guard(lambda: query.get_entity(_settings(ctx).db, name))
    if as_json:
        click.echo(json.dumps(d, ensure_ascii=False, indent=1))
        return
    click.echo(f"{d['name']} ({d['name_en'] or '?'})  {d['type']}" + ("" if d["in_kb"] else "  [not in knowledge base]"))
    for k in ("country", "role", "tenure", "qid"):
        if d.get(k):
            click.echo(f"  {k}: {d[k]}")
    if d.get("aliases"):
        click.echo("  aliases: " + ", ".join(d["aliases"]))
    click.echo("  seen as: " + ", ".join(d["surfaces"]))
    click.echo(f"articles ({len(d['articles'])}):")
    for a in d["articles"]:
        click.echo(f"  {a['id']:>6}  {(a['published'] or '-')[:10]:10}  {a['outlet'] or '-':10}  {a['title']}")
    click.echo("co-mentioned:")
    for c in d["co_mentioned"]:
        click.echo(f"  {c['articles']:>4}  {c['type']:12} {c['name']}")


@cli.command()
@click.argument("query")
@click.option("--since", default=None, help="Published on or after (YYYY-MM-DD).")
@click.option("--until", default=None, help="Published on or before (YYYY-MM-DD).")
@click.option("--outlet", default=None)
@click.option("--entity", default=None, help="Only articles mentioning this entity (name, English name or id).")
@click.option("--event-type", default=None, help="Only articles with an event of this type.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
@click.option("--offset", default=0, type=click.IntRange(0))
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def search(ctx, query, since, until, outlet, entity, event_type, limit, offset, as_json):
    """Korean full-text search over stored titles and bodies, ranked, with highlighted snippets."""
    from chipwatch import query as q

    rows = _guard(lambda: q.search(_settings(ctx).db, query, since, until, outlet, entity, event_type, limit, offset))
    for r in rows:
        if as_json:
            click.echo(json.dumps(r, ensure_ascii=False))
        else:
            click.echo(f"{r['id']:>6}  {(r['published'] or '-')[:10]:10}  {r['outlet'] or '-':10}  {r['title']}")
            click.echo(f"        {r['snippet']}")
    if not rows and not as_json:
        click.echo("no matches", err=True)


def _measure_filters(f):
    for opt in (click.option("--until", default=None, help="Only measures first reported on or before (YYYY-MM-DD)."),
                click.option("--since", default=None, help="Only measures reported on or after (YYYY-MM-DD)."),
                click.option("--status", default=None), click.option("--item", default=None),
                click.option("--target", default=None), click.option("--actor", default=None),
                click.option("--type", "etype", default=None, help="export_control, tariff, subsidy, ...")):
        f = opt(f)
    return f


@cli.command()
@_measure_filters
@click.option("--limit", default=100, show_default=True, type=click.IntRange(1, 1_000_000))
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def measures(ctx, etype, actor, target, item, status, since, until, limit, as_json):
    """List measures: one per real-world action, merged across reports, newest first."""
    from chipwatch import query

    rows = _guard(lambda: query.list_measures(_settings(ctx).db, etype=etype, actor=actor, target=target, item=item,
                                   status=status, since=since, until=until, limit=limit))
    for r in rows:
        if as_json:
            click.echo(json.dumps(r, ensure_ascii=False))
        else:
            click.echo(f"{r['id']:>6}  {r['latest'] or '-':10}  {r['type']:19} {r['status']:10} "
                       f"{','.join(r['actors']) or '-'} -> {','.join(r['targets']) or '-'}"
                       f"  [{r['reports']} reports, {r['outlets']} outlets]")


@cli.command()
@click.argument("measure_id", type=int)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def measure(ctx, measure_id: int, as_json: bool):
    """Show one measure with its status history and the evidence of every report."""
    from chipwatch import query

    m = _guard(lambda: query.get_measure(_settings(ctx).db, measure_id))
    if as_json:
        click.echo(json.dumps(m, ensure_ascii=False, indent=1))
        return
    click.echo(f"measure {m['id']}: {m['type']} ({m['status']})  GTA: {m['gta_intervention'] or '-'}  "
               f"MAST: {m['mast_chapter'] or '-'}  CAMEO: {m['cameo'] or '-'}")
    click.echo(f"  actors: {', '.join(m['actors']) or '-'}   targets: {', '.join(m['targets']) or '-'}   "
               f"items: {', '.join(m['items']) or '-'}")
    click.echo(f"  first reported {m['first_reported'] or '-'}, latest {m['latest'] or '-'}; "
               f"{m['reports']} reports from {m['outlets']} independent outlets")
    click.echo("history:")
    for h in m["history"]:
        click.echo(f"  {h['reported'] or '-':10}  {h['status']:10} article {h['article_id']} ({h['outlet'] or '-'})")
    click.echo("evidence:")
    for r in m["evidence"]:
        copies = f" (+{r['copies']} copies)" if r["copies"] else ""
        click.echo(f"  [{r['outlet'] or '-'} {(r['published'] or '-')[:10]}{copies}] {r['evidence']}")


EXPORT_COLUMNS = ("id", "type", "status", "actors", "targets", "items", "first_reported", "latest", "reports",
                  "outlets", "amount_value", "amount_unit", "gta_intervention", "mast_chapter", "cameo")


@cli.command()
@_measure_filters
@click.option("--format", "fmt", type=click.Choice(["csv", "json", "parquet"]), default="csv", show_default=True)
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False), help="File to write ('-' for stdout, not parquet).")
@click.pass_context
def export(ctx, etype, actor, target, item, status, since, until, fmt, out):
    """Export measures as CSV, JSON or Parquet with GTA/MAST and CAMEO crosswalk columns."""
    from chipwatch import query

    rows = _guard(lambda: query.list_measures(_settings(ctx).db, etype=etype, actor=actor, target=target, item=item,
                                   status=status, since=since, until=until, limit=10_000_000))
    flat = [{**{k: r.get(k) for k in EXPORT_COLUMNS if k in r},
             "actors": "; ".join(r["actors"]), "targets": "; ".join(r["targets"]), "items": "; ".join(r["items"]),
             "amount_value": (r["amount"] or {}).get("value"), "amount_unit": (r["amount"] or {}).get("unit")}
            for r in rows]
    flat = [{k: f.get(k) for k in EXPORT_COLUMNS} for f in flat]
    if fmt == "parquet":
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            _fail(ChipwatchError("Parquet export needs pyarrow", hint="pip install 'chipwatch[parquet]'"))
        if out == "-":
            _fail(ChipwatchError("Parquet cannot go to standard output", hint="pass --out FILE.parquet"))
        pq.write_table(pa.Table.from_pylist(flat), out)
    else:
        import csv
        import io

        buf = io.StringIO()
        if fmt == "json":
            buf.write(json.dumps(flat, ensure_ascii=False, indent=1) + "\n")
        else:
            w = csv.DictWriter(buf, fieldnames=EXPORT_COLUMNS)
            w.writeheader()
            w.writerows(flat)
        if out == "-":
            click.echo(buf.getvalue(), nl=False)
        else:
            with open(out, "w", encoding="utf-8", newline="") as fh:
                fh.write(buf.getvalue())
    if out != "-":
        click.echo(f"{len(flat)} measures written to {out}", err=True)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--inputs", multiple=True, type=click.Path(exists=True, file_okay=False),
              help="Folder whose files POST /api/ingest may name (repeatable); nothing else is reachable.")
@click.pass_context
def serve(ctx, host: str, port: int, inputs: tuple[str, ...]):
    """Web app and JSON API over the database (read-only unless CHIPWATCH_TOKEN is set)."""
    import os

    try:
        import uvicorn

        from chipwatch.web import create_app
    except ImportError as e:
        from chipwatch.errors import SettingsError

        _fail(SettingsError(f"the web app needs {e.name}", hint="pip install 'chipwatch[web]'"))
    from chipwatch.store import open_store

    s = _guard(lambda: _settings(ctx))
    _guard(lambda: open_store(s.db, readonly=True).close())   # fail now, not on the first request
    token = os.environ.get("CHIPWATCH_TOKEN") or None
    app = create_app(s.db, token=token, inputs=inputs, max_request_bytes=s.max_page_bytes)
    mode = "ingest over HTTP on (token set)" if token else "read-only"
    click.echo(f"chipwatch: serving {s.db} at http://{host}:{port}/ ({mode}); API document at /openapi.json", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def main():
    try:
        cli(obj={})
    except ChipwatchError as e:
        _fail(e)


if __name__ == "__main__":
    main()
