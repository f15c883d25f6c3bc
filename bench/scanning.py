"""Scanning targets: the page pipeline's speed without the scanner, and the bytes a page costs.

    python -m bench.scanning [--pages 24] [--rounds 5] [--json]

Pages are synthetic A4 sheets at 200 dpi (devices.scanners.fake.pages): text at small angles, a stamped
colour page, and the blank backs of a duplex run; rendering them is not timed. One round is what the
desk does with a run: measure every page (deskew, blank detection), then straighten, compress and
assemble the PDF. Medians over rounds, because the benchmark machines are shared.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from dataclasses import dataclass

from PIL import Image


@dataclass(frozen=True)
class PipelineFigures:
    pages: int
    workers: int
    pages_per_minute: float  # median over rounds
    single_worker_pages_per_minute: float
    default_kb_per_page: float  # mean over pages with content
    default_kb_max: float
    text_kb_per_page: float
    text_kb_max: float
    color_kb_per_page: float


def _pages(count: int) -> list[Image.Image]:
    from devices.scanners.fake.pages import PageSpec, render_page

    pages = []
    for i in range(count):
        if i % 4 == 3:
            spec = PageSpec(lines=0, noise=3, seed=i)  # a blank back
        elif i % 4 == 2:
            spec = PageSpec(lines=24, stamp=True, signature=True, color=True, angle=-1.2, seed=i)
        else:
            spec = PageSpec(lines=38, angle=(i % 7 - 3) * 0.8, noise=1.5 + i % 3, seed=i)
        pages.append(render_page(spec))
    return pages


def _round(images: list[Image.Image], workers: int, preset_name: str) -> tuple[float, tuple[int, ...], int]:
    from app.domain.scanning.batch import Batch
    from app.domain.scanning.presets import preset
    from app.services.scanning.pipeline import PipelineOptions, RawPage, analyse_all, build_document

    options = PipelineOptions(preset=preset(preset_name), workers=workers)
    raw = [RawPage(f"p{i}", image, 200.0) for i, image in enumerate(images)]
    started = time.perf_counter()
    batch = Batch().add(analyse_all(raw, options))
    document = build_document(batch, {p.id: p for p in raw}, options)
    elapsed = time.perf_counter() - started
    return elapsed, document.page_bytes, document.size


def measure(pages: int = 24, rounds: int = 5) -> PipelineFigures:
    images = _pages(pages)
    workers = max(1, min(4, os.cpu_count() or 1))
    _round(images[:4], workers, "default")  # warm-up: imports, thread pools, JPEG tables
    timings = [_round(images, workers, "default") for _ in range(rounds)]
    single = [_round(images, 1, "default") for _ in range(max(1, rounds // 2))]
    _, default_bytes, _ = timings[0]
    _, text_bytes, _ = _round(images, workers, "text")
    _, color_bytes, _ = _round(images, workers, "color")
    per_minute = statistics.median(pages * 60 / t for t, _, _ in timings)
    per_minute_single = statistics.median(pages * 60 / t for t, _, _ in single)
    return PipelineFigures(
        pages=pages,
        workers=workers,
        pages_per_minute=per_minute,
        single_worker_pages_per_minute=per_minute_single,
        default_kb_per_page=statistics.mean(default_bytes) / 1000,
        default_kb_max=max(default_bytes) / 1000,
        text_kb_per_page=statistics.mean(text_bytes) / 1000,
        text_kb_max=max(text_bytes) / 1000,
        color_kb_per_page=statistics.mean(color_bytes) / 1000,
    )


def rows(figures: PipelineFigures) -> list[tuple[str, str, str, bool]]:
    f = figures
    return [
        (
            f"scan pipeline, 200 dpi A4 ({f.workers} workers, {os.cpu_count()} cores)",
            f"{f.pages_per_minute:.0f} pages/min (1 worker: {f.single_worker_pages_per_minute:.0f})",
            ">= 60 pages/min",
            f.pages_per_minute >= 60,
        ),
        (
            "scan default preset (grey JPEG q70)",
            f"{f.default_kb_per_page:.0f} KB/page (max {f.default_kb_max:.0f})",
            "<= 400 KB/page",
            f.default_kb_max <= 400,
        ),
        (
            "scan text preset (CCITT G4)",
            f"{f.text_kb_per_page:.0f} KB/page (max {f.text_kb_max:.0f})",
            "<= 60 KB/page",
            f.text_kb_max <= 60,
        ),
        ("scan color preset (JPEG q70)", f"{f.color_kb_per_page:.0f} KB/page", "(reported)", True),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scanning", description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=24)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    table = rows(measure(args.pages, args.rounds))
    if args.json:
        json.dump(
            [{"measure": r[0], "value": r[1], "target": r[2], "met": r[3]} for r in table],
            sys.stdout,
            indent=2,
        )
        print()
        return 0
    width = max(len(r[0]) for r in table)
    for name, value, target, met in table:
        print(f"{name:<{width}}  {value:<44}  {target} {'ok' if met else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
