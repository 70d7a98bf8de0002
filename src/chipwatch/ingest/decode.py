"""Bytes -> text: encoding detection, binary and language checks, Unicode NFC."""
from __future__ import annotations

import re
import unicodedata

from chipwatch.errors import InputError

_LETTER = re.compile(r"[가-힣ㄱ-ㅎA-Za-z]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        # UTF-16 text has NULs too; let the decoder try it when it carries a BOM
        return not head.startswith((b"\xff\xfe", b"\xfe\xff"))
    return False


def decode(data: bytes, source: str) -> tuple[str, str]:
    """Return (text, encoding name) or raise InputError naming `source` and the reason."""
    if not data.strip():
        raise InputError(source, "empty page")
    if looks_binary(data):
        raise InputError(source, "binary file, not a text, HTML, WARC or JSONL page")
    try:
        text, encoding = data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        text = None
    if text is None:
        from charset_normalizer import from_bytes  # lazy: only legacy pages pay for it

        best = from_bytes(data[:2_000_000]).best()
        if best is None:
            raise InputError(source, "undecodable bytes: not UTF-8 and no legacy encoding (CP949, EUC-KR, ...) fits")
        encoding = best.encoding
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            raise InputError(source, f"undecodable bytes: broken {encoding} text")
    return normalize_text(text, source), encoding


def normalize_text(text: str, source: str) -> str:
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if _CONTROL.search(text[:8192]) and len(_CONTROL.findall(text[:8192])) > 16:
        raise InputError(source, "binary content: too many control characters for a text page")
    text = _CONTROL.sub("", text)
    sample = re.sub(r"\s+", "", text[:200_000])
    if not sample:
        raise InputError(source, "empty page")
    if len(_LETTER.findall(sample)) / len(sample) < 0.15:
        raise InputError(source, "not Korean or English text")
    return text
