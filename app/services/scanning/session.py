"""A scanning session: the pages of one document, gathered over one or more runs of a scanner.

Whatever happens at the scanner, the pages that arrived stay in the session: a jam on sheet 4 leaves
sheets 1-3 in the batch, and the officer clears the jam and scans the rest into the same session. A run
reports its fault instead of raising it, so that no caller can lose the pages by forgetting a handler.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from PIL import Image

from app.domain.errors import ValidationError
from app.domain.scanning.batch import Batch, PageEntry
from app.domain.scanning.faults import ScannerError, ScannerFault
from app.domain.scanning.model import ScannedPage, ScanProfile, ScanRequest, Source
from app.services.scanning.pipeline import (
    BuiltDocument,
    PipelineOptions,
    RawPage,
    analyse,
    build_document,
)
from app.services.scanning.ports import Scanner, TextRecognizer


@dataclass(frozen=True, slots=True)
class RunResult:
    """What one run of the scanner added, and how it ended."""

    added: tuple[str, ...]  # ids of the new pages, in order
    error: ScannerError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class ScanSession:
    options: PipelineOptions = field(default_factory=PipelineOptions)
    batch: Batch = field(default_factory=Batch)
    pages: dict[str, RawPage] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._ids = itertools.count(len(self.pages) + 1)
        self._lock = threading.Lock()
        self._cancelled = threading.Event()

    # ----- getting pages ------------------------------------------------------------------------------

    def _new_id(self) -> str:
        return f"p{next(self._ids)}"

    def add_image(self, image: Image.Image, dpi: float) -> PageEntry:
        """Keep one page (from a scanner run or an imported file), measured by the pipeline."""
        page = RawPage(self._new_id(), image, dpi)
        entry = analyse(page, self.options)
        with self._lock:
            self.pages[page.id] = page
            self.batch = self.batch.add([entry])
        return entry

    def cancel(self) -> None:
        """Stop the current run after the page being read (from any thread)."""
        self._cancelled.set()

    def run(
        self,
        scanner: Scanner,
        request: ScanRequest,
        profile: ScanProfile,
        on_page: Callable[[PageEntry], None] | None = None,
    ) -> RunResult:
        """Scan into the session. Never raises a scanner's fault: it is in the result, the pages kept."""
        self._cancelled.clear()
        added: list[str] = []
        error: ScannerError | None = None
        pages: Iterable[ScannedPage] = ()
        try:
            pages = scanner.scan(request, profile)
            for page in _limited(pages, request.pages):
                entry = self.add_image(page.image, _dpi(page))
                added.append(entry.id)
                if on_page is not None:
                    on_page(entry)
                if self._cancelled.is_set():
                    scanner.cancel()
                    break
        except ScannerError as exc:
            error = exc.with_pages(len(added))
        finally:
            close = getattr(pages, "close", None)
            if close is not None:
                close()  # a generator stopped early cancels its job
        if error is None and not self._cancelled.is_set():
            error = _short_feed(request, len(added), scanner.info.id)
        return RunResult(tuple(added), error)

    # ----- the document -------------------------------------------------------------------------------

    def edit(self, change: Callable[[Batch], Batch]) -> Batch:
        with self._lock:
            self.batch = change(self.batch)
            return self.batch

    def build(
        self,
        recognizer: TextRecognizer | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> BuiltDocument:
        with self._lock:
            batch, pages = self.batch, dict(self.pages)
        return build_document(batch, pages, self.options, recognizer, progress)

    def clear(self) -> None:
        """Forget the pages (after they were attached, or when the officer starts over)."""
        with self._lock:
            self.batch = Batch()
            self.pages.clear()

    def thumbnail(self, page_id: str, size: int = 256) -> Image.Image:
        """A small picture of the page as it will be saved (straightened, turned, cropped)."""
        from app.domain.scanning.finish import finish_page

        with self._lock:
            page, entry = self.pages.get(page_id), self.batch.page(page_id)
        if page is None:
            raise ValidationError("page", f"no page {page_id!r}")
        small = page.image.copy()
        small.thumbnail((size, size), Image.Resampling.BILINEAR)
        # Skew, quarter turns and crop are all relative to the page: they apply to the small copy as is.
        return finish_page(small, entry)


def _limited(pages: Iterable[ScannedPage], limit: int | None) -> Iterable[ScannedPage]:
    if limit is None:
        yield from pages
        return
    for n, page in enumerate(pages, start=1):
        yield page
        if n >= limit:
            return


def _dpi(page: ScannedPage) -> float:
    return float(page.dpi[0])


def _short_feed(request: ScanRequest, got: int, device: str) -> ScannerError | None:
    """The feeder ran dry before the pages the officer counted, or held none at all."""
    if request.source is Source.FLATBED:
        return None
    if got == 0:
        return ScannerError(ScannerFault.FEEDER_EMPTY, device=device, pages=0)
    if request.pages is not None and got < request.pages:
        return ScannerError(
            ScannerFault.SHORT_FEED,
            f"{got} of {request.pages} pages scanned",
            device=device,
            pages=got,
        )
    return None
