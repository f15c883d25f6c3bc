"""The page pipeline: each raw page measured as it arrives (skew, ink), then the batch the officer arranged
turned into one PDF (straighten, turn, crop, compress, OCR after rotation, assemble).

Pages are independent, so both steps spread over a small thread pool: Pillow and numpy release the GIL
in their heavy loops (resampling, rotation, JPEG coding, bincount), which is measured to use both cores of
a counter PC (bench/scanning.py).
"""

from __future__ import annotations

import hashlib
import itertools
import os
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from PIL import Image

from app.domain.errors import ValidationError
from app.domain.scanning.batch import Batch, PageEntry
from app.domain.scanning.blank import DEFAULT_COVERAGE, check_blank
from app.domain.scanning.deskew import skew_angle
from app.domain.scanning.finish import finish_page
from app.domain.scanning.presets import DEFAULT, Preset
from app.services.scanning.encode import EncodedPage, encode
from app.services.scanning.pdf import PdfOptions, assemble
from app.services.scanning.ports import TextRecognizer


@dataclass(frozen=True, slots=True)
class PipelineOptions:
    deskew: bool = True
    remove_blank: bool = True
    blank_coverage: float = DEFAULT_COVERAGE  # % of ink below which a page is blank
    preset: Preset = DEFAULT
    pdf: PdfOptions = field(default_factory=PdfOptions)
    workers: int = 0  # 0: one per core, at most 4


@dataclass(frozen=True, slots=True)
class RawPage:
    """A page kept by the session: the image as scanned and the resolution it came with."""

    id: str
    image: Image.Image
    dpi: float


@dataclass(frozen=True, slots=True)
class BuiltDocument:
    data: bytes
    pages: int
    sha256: str
    page_bytes: tuple[int, ...]  # the encoded image of each page (what the preset costs)

    @property
    def size(self) -> int:
        return len(self.data)


def _workers(options: PipelineOptions) -> int:
    return options.workers or max(1, min(4, os.cpu_count() or 1))


def analyse(page: RawPage, options: PipelineOptions = PipelineOptions()) -> PageEntry:
    """Measure a page as scanned: its skew, and whether it is blank (left out only as the batch stands)."""
    check = check_blank(page.image, options.blank_coverage)
    blank = options.remove_blank and check.blank
    skew = skew_angle(page.image) if options.deskew and not check.blank else 0.0
    return PageEntry(id=page.id, skew=skew, coverage=check.coverage, blank=blank)


def analyse_all(pages: Sequence[RawPage], options: PipelineOptions = PipelineOptions()) -> list[PageEntry]:
    with ThreadPoolExecutor(_workers(options), thread_name_prefix="scan-analyse") as pool:
        return list(pool.map(lambda p: analyse(p, options), pages))


def finish_and_encode(page: RawPage, entry: PageEntry, preset: Preset) -> tuple[EncodedPage, Image.Image]:
    image = finish_page(page.image, entry)
    return encode(image, page.dpi, preset), image


def build_document(
    batch: Batch,
    pages: Mapping[str, RawPage],
    options: PipelineOptions = PipelineOptions(),
    recognizer: TextRecognizer | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> BuiltDocument:
    """The PDF of the batch's included pages. OCR (when a recogniser is given) reads each page after it
    was straightened, turned and cropped, so its words sit where the officer sees them (naps2#752)."""
    entries = batch.included()
    if not entries:
        raise ValidationError("pages", "no page to save: every page is deleted or blank")
    missing = [e.id for e in entries if e.id not in pages]
    if missing:
        raise ValidationError("pages", f"the images of {', '.join(missing)} are gone")
    total = len(entries)
    finished_count = itertools.count(1)
    lock = threading.Lock()

    def one(entry: PageEntry) -> tuple[EncodedPage, bytes | None]:
        encoded, finished = finish_and_encode(pages[entry.id], entry, options.preset)
        layer = recognizer.text_layer(finished, encoded.dpi) if recognizer is not None else None
        if progress is not None:
            with lock:
                progress(next(finished_count), total)
        return encoded, layer

    with ThreadPoolExecutor(_workers(options), thread_name_prefix="scan-build") as pool:
        results = list(pool.map(one, entries))
    encoded = [r[0] for r in results]
    data = assemble(encoded, options.pdf, [r[1] for r in results])
    return BuiltDocument(
        data=data,
        pages=len(encoded),
        sha256=hashlib.sha256(data).hexdigest(),
        page_bytes=tuple(len(e.data) for e in encoded),
    )
