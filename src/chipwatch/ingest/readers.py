"""Turn paths (files, directories, '-') into a stream of Page objects or InputErrors.

Readers never raise for one bad input: they yield an InputError in its place so that the
rest of a run goes on and the summary can list every failure with its reason.
"""
from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Iterable, Iterator

from chipwatch.errors import InputError
from chipwatch.ingest.decode import decode, normalize_text
from chipwatch.models import Page

PAGE_SUFFIXES = (".txt", ".html", ".htm", ".warc", ".warc.gz", ".jsonl")


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


def _kind_of(name: str, head: bytes) -> str:
    low = name.lower()
    if low.endswith((".warc", ".warc.gz")) or head.startswith(b"WARC/"):
        return "warc"
    if head[:2] == b"\x1f\x8b":
        return "warc"  # a gzipped stream: only WARC is read compressed
    if low.endswith(".jsonl"):
        return "jsonl"
    if low.endswith((".html", ".htm")):
        return "html"
    h = head.lstrip()[:200].lower()
    if h.startswith((b"<!doctype html", b"<html", b"<?xml")) or (h.startswith(b"<") and b"<body" in head.lower()):
        return "html"
    if low == "<stdin>" and h.startswith(b"{"):
        return "jsonl"
    return "text"


def expand(paths: Iterable[str]) -> Iterator[tuple[str, Path | None] | InputError]:
    """Yield (name, path) for every input file; directories are walked recursively."""
    for raw in paths:
        if raw == "-":
            yield ("<stdin>", None)
            continue
        p = Path(raw)
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.name.lower().endswith(PAGE_SUFFIXES)
                           and not any(part.startswith(".") for part in f.relative_to(p).parts))
            if not found:
                yield InputError(raw, "directory has no pages (looked for " + " ".join(PAGE_SUFFIXES) + ")")
            for f in found:
                yield (str(f), f)
        elif p.is_file():
            yield (str(p), p)
        elif p.exists():
            yield InputError(raw, "not a regular file")
        else:
            yield InputError(raw, "no such file or directory")


def iter_pages(paths: Iterable[str], max_page_bytes: int = 8_000_000, stdin=None,
               within: tuple[Path, ...] | None = None) -> Iterator[Page | InputError]:
    """Pages of every input. With `within`, a file whose real location (links followed) is not
    under one of those folders is refused, however it was reached."""
    for item in expand(paths):
        if isinstance(item, InputError):
            yield item
            continue
        name, path = item
        if within is not None and (path is None or not any(inside(path.resolve(), root) for root in within)):
            yield InputError(name, "outside the configured inputs")
            continue
        try:
            if path is None:
                data = (stdin or sys.stdin.buffer).read()
            else:
                data = path.read_bytes()
        except OSError as e:
            yield InputError(name, f"cannot read: {e.strerror or e}")
            continue
        yield from pages_from_bytes(name, data, max_page_bytes)


def inside(p: Path, root: Path) -> bool:
    """Whether resolved path `p` is `root` or below it."""
    return p == root or root in p.parents


def pages_from_bytes(name: str, data: bytes, max_page_bytes: int = 8_000_000) -> Iterator[Page | InputError]:
    """The pages in one input's bytes (a page, a WARC, JSON lines), whatever carried them here."""
    kind = _kind_of(name, data[:4096])
    if kind == "warc":
        yield from _warc_pages(name, data, max_page_bytes)
    elif kind == "jsonl":
        yield from _jsonl_pages(name, data, max_page_bytes)
    else:
        yield _single_page(name, data, kind, max_page_bytes)


def _single_page(name: str, data: bytes, kind: str, max_page_bytes: int, url: str | None = None) -> Page | InputError:
    if len(data) > max_page_bytes:
        return InputError(name, f"page is {_mb(len(data))}, larger than max_page_bytes ({_mb(max_page_bytes)})",
                          hint="a news page is far smaller; raise CHIPWATCH_MAX_PAGE_BYTES if this is intended")
    try:
        text, encoding = decode(data, name)
    except InputError as e:
        return e
    return Page(source=name, content=text, kind=kind, url=url, encoding=encoding)


def _warc_pages(name: str, data: bytes, max_page_bytes: int) -> Iterator[Page | InputError]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    n_pages = 0
    n = 0
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            n += 1
            if record.rec_type not in ("response", "resource"):
                continue
            ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else None) \
                or record.rec_headers.get_header("Content-Type") or ""
            if "html" not in ctype and "text" not in ctype:
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI")
            src = f"{name}#{uri or n}"
            body = record.content_stream().read()
            if getattr(record.raw_stream, "limit", 0):  # bytes the record declared but the file lacks
                yield InputError(src, "truncated WARC record: the file ends inside it")
                continue
            n_pages += 1
            yield _single_page(src, body, "html" if "html" in ctype else "text", max_page_bytes, url=uri)
    except (ArchiveLoadFailed, ValueError, EOFError, OSError, Exception) as e:  # warcio raises several kinds
        yield InputError(f"{name} record {n + 1}", f"truncated or malformed WARC record: {str(e).splitlines()[0][:120] if str(e) else type(e).__name__}")
        return
    if n == 0:
        yield InputError(name, "not a WARC file: no records")
    elif n_pages == 0:
        yield InputError(name, "WARC file has no HTML or text responses")


def _jsonl_pages(name: str, data: bytes, max_page_bytes: int) -> Iterator[Page | InputError]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        yield InputError(name, "JSONL is not UTF-8")
        return
    any_line = False
    for i, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        any_line = True
        src = f"{name}:{i}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield InputError(src, f"not valid JSON ({e.msg})")
            continue
        if not isinstance(obj, dict) or not (obj.get("html") or obj.get("text")):
            yield InputError(src, "JSONL line needs an object with 'html' or 'text'")
            continue
        url = obj.get("url")
        content = obj.get("html") or obj.get("text")
        kind = "html" if obj.get("html") else "text"
        if not isinstance(content, str):
            yield InputError(src, "'html'/'text' must be a string")
            continue
        if len(content.encode("utf-8")) > max_page_bytes:
            yield InputError(src, f"page is larger than max_page_bytes ({_mb(max_page_bytes)})")
            continue
        try:
            yield Page(source=url or src, content=normalize_text(content, src), kind=kind, url=url)
        except InputError as e:
            yield e
    if not any_line:
        yield InputError(name, "empty page")
