"""Settings: defaults -> user TOML -> CHIPWATCH_* environment -> explicit overrides.

Validated once, then frozen. Units are in the names.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path

from chipwatch.errors import SettingsError

# (name, default, help): each setting is documented here and listed in the README.
SETTINGS = (
    ("db", "chipwatch.db", "database: a SQLite file path (the default) or a postgresql:// URL"),
    ("max_page_bytes", 8_000_000, "pages larger than this are refused as not being a single article"),
    ("batch_pages", 200, "pages per database transaction during ingest"),
    ("near_dup_threshold", 0.7, "estimated Jaccard similarity above which two bodies are the same story"),
    ("minhash_perms", 64, "MinHash permutations for near-duplicate detection"),
    ("min_body_chars", 40, "a page whose cleaned body is shorter has no article text"),
)


@dataclass(frozen=True)
class Settings:
    db: str = "chipwatch.db"
    max_page_bytes: int = 8_000_000
    batch_pages: int = 200
    near_dup_threshold: float = 0.7
    minhash_perms: int = 64
    min_body_chars: int = 40


def _coerce(name: str, value):
    default = getattr(Settings, name)
    try:
        if isinstance(default, bool):
            return str(value).lower() in ("1", "true", "yes", "on")
        return type(default)(value)
    except (TypeError, ValueError):
        raise SettingsError(f"setting {name}={value!r} is not a {type(default).__name__}")


def load(overrides: dict | None = None, toml_path: str | None = None, env=os.environ) -> Settings:
    known = {f.name for f in fields(Settings)}
    values: dict = {}
    path = Path(toml_path or env.get("CHIPWATCH_CONFIG", "chipwatch.toml"))
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            raise SettingsError(f"{path}: not valid TOML: {e}")
        for k, v in data.items():
            if k not in known:
                raise SettingsError(f"{path}: unknown setting {k!r}", hint="known: " + ", ".join(sorted(known)))
            values[k] = _coerce(k, v)
    for k in known:
        ev = env.get("CHIPWATCH_" + k.upper())
        if ev is not None:
            values[k] = _coerce(k, ev)
    for k, v in (overrides or {}).items():
        if v is None:
            continue
        if k not in known:
            raise SettingsError(f"unknown setting {k!r}", hint="known: " + ", ".join(sorted(known)))
        values[k] = _coerce(k, v)
    s = replace(Settings(), **values)
    if s.batch_pages < 1 or s.max_page_bytes < 1 or not (0 < s.near_dup_threshold <= 1):
        raise SettingsError("settings out of range: batch_pages and max_page_bytes must be positive, "
                            "near_dup_threshold in (0, 1]")
    return s
