"""Amount and date extraction speed, and their share of full page extraction time.

    python bench/numbers.py

Prints spans/s for amounts and dates over the sample pages (and the shared seeds when present),
and the fraction of full extraction time they take.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# this file's name shadows the standard library's `numbers`: keep its folder off the import path
sys.path = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(ROOT / "src"))

from chipwatch import pipeline  # noqa: E402
from chipwatch.analyze.amounts import find_amounts  # noqa: E402
from chipwatch.analyze.dates import find_dates  # noqa: E402
from chipwatch.clean import clean  # noqa: E402
from chipwatch.ingest import iter_pages  # noqa: E402
from chipwatch.models import Page  # noqa: E402

REPEAT = 200


def main():
    paths = [str(ROOT / "examples" / "pages")]
    seeds = ROOT.parent / "shared" / "corpus" / "seeds"
    if seeds.is_dir():
        paths.append(str(seeds))
    pages = [p for p in iter_pages(paths) if isinstance(p, Page)]
    articles = [clean(p) for p in pages]
    t = time.perf_counter()
    n = 0
    for _ in range(REPEAT):
        for a in articles:
            n += len(find_amounts(a.body)) + len(find_dates(a.body, a.published))
    dt_numbers = time.perf_counter() - t
    print(f"amounts+dates: {n} spans in {dt_numbers:.2f} s = {n / dt_numbers:,.0f} spans/s "
          f"({len(articles) * REPEAT / dt_numbers:,.0f} pages/s)")
    stages = pipeline.build()
    t = time.perf_counter()
    for _ in range(REPEAT // 4):
        for p in pages:
            pipeline.extract(p, stages=stages)
    dt_full = (time.perf_counter() - t) * 4
    print(f"full extraction: {len(pages) * REPEAT / dt_full:,.0f} pages/s; "
          f"amounts+dates take {100 * dt_numbers / dt_full:.1f}% of it")


if __name__ == "__main__":
    main()
