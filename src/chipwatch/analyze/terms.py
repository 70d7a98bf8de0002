"""Search terms: Kiwi morphemes of a text, so that `수출규제` finds `수출 규제` and `반도체` finds `반도체를`.

Content morphemes are kept (nouns, verb and adjective stems, roots, foreign words, numbers);
particles and endings are dropped. The same function serves indexing and querying.
"""
from __future__ import annotations

KEEP = ("NNG", "NNP", "NNB", "NR", "VV", "VA", "XR", "SL", "SN", "SH", "MAG")


def terms(text: str) -> list[str]:
    from chipwatch.analyze.entities import _kiwi

    out = []
    for t in _kiwi().tokenize(text):
        tag = t.tag.split("-")[0]
        if tag in KEEP and t.form.strip():
            out.append(t.form.lower())
    return out


def index_text(text: str) -> str:
    return " ".join(terms(text))
