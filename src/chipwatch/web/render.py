"""Server-side drawing for the web pages: SVG charts, the timeline, the co-mention graph and the
highlighted article text. Plain functions of data to markup, so the pages need no script library."""
from __future__ import annotations

import math
from datetime import date
from html import escape

TYPE_LABELS = {
    "export_control": ("수출통제", "Export control"),
    "entity_listing": ("제재 명단", "Entity listing"),
    "authorization": ("허가·VEU", "Authorization"),
    "sanction": ("제재", "Sanction"),
    "tariff": ("관세", "Tariff"),
    "subsidy": ("보조금", "Subsidy"),
    "purchase_commitment": ("구매 약속", "Purchase commitment"),
    "investment": ("투자", "Investment"),
    "agreement": ("합의", "Agreement"),
    "negotiation": ("협상·회담", "Negotiation"),
    "program": ("프로그램", "Programme"),
}
STATUS_LABELS = {"in_effect": "시행", "announced": "발표", "proposed": "제안", "reported": "보도", "expected": "전망"}
ENTITY_LABELS = {"COUNTRY": "국가", "AGENCY": "기관", "COMPANY": "기업", "PERSON": "인물", "ORGANIZATION": "단체",
                 "MEDIA": "언론", "PRODUCT": "품목", "PROGRAM": "프로그램", "LOCATION": "장소"}
PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22",
           "#7f7f7f", "#393b79"]
TYPE_COLORS = {t: PALETTE[i % len(PALETTE)] for i, t in enumerate(TYPE_LABELS)}


def type_label(t: str) -> str:
    ko, en = TYPE_LABELS.get(t, (t, t))
    return f"{ko} ({en})"


def _months(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def stacked_bars(rows: list[dict], colors: dict[str, str] | None = None, labels: dict[str, str] | None = None,
                 width: int = 760, height: int = 220, title: str = "") -> str:
    """Counts per period stacked by key: rows of {period, key, n}. Months with nothing still get a slot."""
    if not rows:
        return '<p class="empty">아직 자료가 없습니다 (no data yet)</p>'
    periods = sorted({r["period"] for r in rows})
    if all(len(p) == 7 for p in periods) and len(_months(periods[0], periods[-1])) <= 72:
        periods = _months(periods[0], periods[-1])
    keys = sorted({r["key"] for r in rows}, key=lambda k: -sum(r["n"] for r in rows if r["key"] == k))
    colors = colors or {k: PALETTE[i % len(PALETTE)] for i, k in enumerate(keys)}
    totals = {p: sum(r["n"] for r in rows if r["period"] == p) for p in periods}
    top = max(totals.values()) or 1
    left, bottom, plot_h = 30, 30, height - 50
    slot = (width - left - 10) / len(periods)
    bar = max(2.0, slot * 0.7)
    out = [f'<svg class="chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" '
           f'width="100%" xmlns="http://www.w3.org/2000/svg">']
    for i in range(top + 1) if top <= 5 else range(0, top + 1, max(1, top // 4)):
        y = 10 + plot_h - plot_h * i / top
        out.append(f'<line x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
                   f'<text x="{left - 4}" y="{y + 4:.1f}" class="tick" text-anchor="end">{i}</text>')
    step = max(1, math.ceil(len(periods) / 12))
    for j, p in enumerate(periods):
        x = left + j * slot + (slot - bar) / 2
        y = 10 + plot_h
        for k in keys:
            n = sum(r["n"] for r in rows if r["period"] == p and r["key"] == k)
            if n:
                h = plot_h * n / top
                y -= h
                name = (labels or {}).get(k, k)
                out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="{colors.get(k, "#888")}" '
                           f'data-key="{escape(k)}" data-period="{p}"><title>{escape(p)} · {escape(name)}: {n}</title></rect>')
        if j % step == 0:
            out.append(f'<text x="{x + bar / 2:.1f}" y="{height - 8}" class="tick" text-anchor="middle">{p}</text>')
    out.append("</svg>")
    legend = "".join(f'<span class="key"><i style="background:{colors.get(k, "#888")}"></i>'
                     f'{escape((labels or {}).get(k, k))}</span>' for k in keys)
    return "".join(out) + f'<div class="legend">{legend}</div>'


def _day_number(s: str) -> int:
    y, m, d = (s + "-01-01")[:10].split("-")[:3]
    return date(int(y), int(m or 1), int(d or 1)).toordinal()


def timeline(measures: list[dict], width: int = 960) -> str:
    """One lane per measure type, a dot per measure at its first report, linking to the measure."""
    dated = [m for m in measures if m.get("first_reported")]
    if not dated:
        return '<p class="empty">조건에 맞는 조치가 없습니다 (no measures match)</p>'
    lanes = [t for t in TYPE_LABELS if any(m["type"] == t for m in dated)]
    lanes += sorted({m["type"] for m in dated} - set(lanes))
    lo = min(_day_number(m["first_reported"]) for m in dated) - 15
    hi = max(_day_number(m["first_reported"]) for m in dated) + 15
    left, lane_h = 170, 34
    height = 40 + lane_h * len(lanes)
    xs = lambda d: left + (width - left - 20) * (d - lo) / max(1, hi - lo)  # noqa: E731
    out = [f'<svg class="timeline" role="img" aria-label="조치 타임라인" viewBox="0 0 {width} {height}" width="100%" '
           f'xmlns="http://www.w3.org/2000/svg">']
    first, last = date.fromordinal(lo), date.fromordinal(hi)
    for y in range(first.year, last.year + 1):
        for mo in ((1,) if hi - lo > 800 else (1, 4, 7, 10)):
            d = date(y, mo, 1).toordinal()
            if lo <= d <= hi:
                x = xs(d)
                out.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="10" y2="{height - 20}" class="grid"/>'
                           f'<text x="{x:.1f}" y="{height - 5}" class="tick" text-anchor="middle">{y}-{mo:02d}</text>')
    for i, t in enumerate(lanes):
        y = 25 + i * lane_h
        out.append(f'<text x="{left - 8}" y="{y + 4}" class="lane" text-anchor="end">{escape(type_label(t))}</text>'
                   f'<line x1="{left}" x2="{width - 20}" y1="{y}" y2="{y}" class="lane-line"/>')
        for m in (m for m in dated if m["type"] == t):
            x = xs(_day_number(m["first_reported"]))
            who = ", ".join(m["actors"][:2]) or "-"
            whom = ", ".join(m["targets"][:2]) or "-"
            out.append(f'<a href="/measures/{m["id"]}" class="dot" data-measure="{m["id"]}">'
                       f'<circle cx="{x:.1f}" cy="{y}" r="7" fill="{TYPE_COLORS.get(t, "#888")}"/>'
                       f'<title>{escape(m["first_reported"])} {escape(type_label(t))}: {escape(who)} → {escape(whom)}'
                       f' [{escape(STATUS_LABELS.get(m["status"], m["status"]))}]</title></a>')
    out.append("</svg>")
    return "".join(out)


def graph(nodes: list[dict], edges: list[dict], center: str, size: int = 460) -> str:
    """The entity in the middle, co-mentioned entities on a circle; a line per pair seen together,
    thicker for more shared articles. Each node links to its own page."""
    if len(nodes) < 2:
        return '<p class="empty">함께 언급된 대상이 없습니다 (no co-mentions)</p>'
    c = size / 2
    pos = {center: (c, c)}
    ring = [n for n in nodes if n["key"] != center]
    for i, n in enumerate(ring):
        a = 2 * math.pi * i / len(ring) - math.pi / 2
        pos[n["key"]] = (c + (c - 70) * math.cos(a), c + (c - 50) * math.sin(a))
    top = max(e["articles"] for e in edges) if edges else 1
    out = [f'<svg class="graph" role="img" aria-label="함께 언급된 대상" viewBox="0 0 {size} {size}" width="{size}" '
           f'xmlns="http://www.w3.org/2000/svg">']
    for e in edges:
        if e["a"] in pos and e["b"] in pos:
            (x1, y1), (x2, y2) = pos[e["a"]], pos[e["b"]]
            w = 1 + 4 * e["articles"] / top
            out.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke-width="{w:.1f}" class="edge">'
                       f'<title>{e["articles"]}</title></line>')
    for n in nodes:
        x, y = pos[n["key"]]
        r = 16 if n["key"] == center else 9
        color = PALETTE[list(ENTITY_LABELS).index(n["type"]) % len(PALETTE)] if n["type"] in ENTITY_LABELS else "#888"
        out.append(f'<a href="/entities/{escape(n["key"])}" class="node" data-key="{escape(n["key"])}">'
                   f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="{color}"/>'
                   f'<text x="{x:.1f}" y="{y + r + 13:.1f}" text-anchor="middle">{escape(n["name"])}</text></a>')
    out.append("</svg>")
    return "".join(out)


def highlight(doc: dict) -> str:
    """The body as HTML paragraphs, every stretch carrying the classes of the spans over it:
    entity mentions (by type), amounts, dates, and the evidence sentences of events."""
    body = doc["body"]
    spans: list[tuple[int, int, str, str]] = []
    for e in doc.get("entities") or []:
        for m in e.get("mentions") or []:
            spans.append((m["start"], m["end"], f"ent ent-{e.get('type', '').lower()}",
                          f"{e.get('name')} · {e.get('name_en') or ''} ({e.get('type')})"))
    for a in doc.get("amounts") or []:
        v = a.get("value")
        spans.append((a["start"], a["end"], "amt", f"{a.get('kind')}: {v}{' ' + a['unit'] if a.get('unit') else ''}"))
    for d in doc.get("dates") or []:
        spans.append((d["start"], d["end"], "dt", f"{d.get('value')} ({d.get('precision')})"))
    for ev in doc.get("events") or []:
        spans.append((ev["start"], ev["end"], "ev", f"{type_label(ev['type'])} · "
                      f"{STATUS_LABELS.get(ev['status'], ev['status'])}"))
    cuts = {*(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)}
    paras, pos = [], 0
    for line in body.split("\n"):
        lo, hi = pos, pos + len(line)
        pos = hi + 1
        if not line.strip():
            continue
        bounds = sorted({lo, hi, *(c for c in cuts if lo < c < hi)})
        out = []
        for a, b in zip(bounds, bounds[1:]):
            over = [s for s in spans if s[0] <= a and b <= s[1]]
            text = escape(body[a:b])
            if over:
                classes = " ".join(dict.fromkeys(c for s in over for c in s[2].split()))
                tip = " | ".join(dict.fromkeys(s[3] for s in over))
                out.append(f'<span class="{classes}" title="{escape(tip)}">{text}</span>')
            else:
                out.append(text)
        paras.append("<p>" + "".join(out) + "</p>")
    return "\n".join(paras)
