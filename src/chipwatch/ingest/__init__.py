"""Inputs -> Page: files, directories, HTML, WARC, JSONL and standard input."""
from chipwatch.ingest.readers import iter_pages, PAGE_SUFFIXES  # noqa: F401
