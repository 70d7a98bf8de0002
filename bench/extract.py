"""Full extraction speed per core (clean + amounts + dates + entities + events) and knowledge-base load time.

    python bench/extract.py [--repeat 20]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# bench/numbers.py shadows the standard library's `numbers`: keep this folder off the import path
sys.path = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(ROOT / "src"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=20)
    a = ap.parse_args()
    t = time.perf_counter()
    from chipwatch.analyze import kb
    from chipwatch.analyze.entities import _index

    kb.entities()
    _index()
    print(f"knowledge base load: {time.perf_counter() - t:.3f} s ({len(kb.entities())} entities)")
    from chipwatch import pipeline
    from chipwatch.ingest import iter_pages
    from chipwatch.models import Page

    paths = [str(ROOT / "examples" / "pages")]
    seeds = ROOT.parent / "shared" / "corpus" / "seeds"
    if seeds.is_dir():
        paths.append(str(seeds))
    pages = [p for p in iter_pages(paths) if isinstance(p, Page)]
    stages = pipeline.build()
    t = time.perf_counter()
    pipeline.extract(pages[0], stages=stages)
    print(f"first page (loads Kiwi and trafilatura): {time.perf_counter() - t:.2f} s")
    timings: dict[str, float] = {}
    t = time.perf_counter()
    n = 0
    from chipwatch.clean import clean

    for _ in range(a.repeat):
        for p in pages:
            t0 = time.perf_counter()
            art = clean(p)
            timings["clean"] = timings.get("clean", 0) + time.perf_counter() - t0
            results: dict = {}
            for st in stages:
                t0 = time.perf_counter()
                results[st.assigns[0]] = st.run(art, results)
                timings[st.name] = timings.get(st.name, 0) + time.perf_counter() - t0
            n += 1
    dt = time.perf_counter() - t
    print(f"full extraction: {n} pages in {dt:.2f} s = {n / dt:.1f} pages/s on one core")
    for k, v in timings.items():
        print(f"  {k:10} {1000 * v / n:7.2f} ms/page  {100 * v / dt:5.1f}%")


if __name__ == "__main__":
    main()
