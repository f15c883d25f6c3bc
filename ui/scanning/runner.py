"""Scanner work off the GUI thread: listing devices, scanning into the session, building the PDF.

One worker thread, so that one scanner run happens at a time (a scanner serves one job) and the database
worker of ui/tasks.py is never held up by paper going through a feeder. Jobs receive the session and plain
values, never widgets; results come back through queued signals, as in ui/tasks.py.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from PIL import Image
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtGui import QImage

from app.domain.scanning.model import DeviceInfo, ScanProfile, ScanRequest
from app.services.scanning.ports import Scanner, TextRecognizer
from app.services.scanning.session import ScanSession
from devices.scanners.folder import read_pages

log = logging.getLogger(__name__)

THUMBNAIL_SIZE = 220


class ScannerDirectory(Protocol):
    """What the screen needs of devices.scanners.registry.ScannerRegistry."""

    def devices(self) -> list[DeviceInfo]: ...

    def profile(self, device_id: str) -> ScanProfile: ...

    def open(self, device_id: str) -> Scanner: ...


def to_qimage(image: Image.Image) -> QImage:
    """A QImage that owns its pixels (the PIL buffer may go away)."""
    rgb = image.convert("RGB")
    data = rgb.tobytes()
    return QImage(data, rgb.width, rgb.height, rgb.width * 3, QImage.Format.Format_RGB888).copy()


def first_page(pdf: bytes, width: int = 600) -> tuple[QImage, int]:
    """The first page of a PDF as a picture `width` pixels wide, and how many pages it has."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[0]
        scale = width / page.get_width()
        image = page.render(scale=scale).to_pil()
        return to_qimage(image), len(document)
    finally:
        document.close()


class UnreadableFile(Exception):
    """A picked file that is neither an image nor a PDF (the pages of the files before it are kept)."""

    def __init__(self, path: Path, pages_before: int) -> None:
        super().__init__(str(path))
        self.path = path
        self.pages_before = pages_before


class _Job(QRunnable):
    def __init__(self, runner: ScanRunner, name: str, body: Callable[[], object]) -> None:
        super().__init__()
        self._runner, self._name, self._body = runner, name, body

    def run(self) -> None:  # on the scanner worker
        try:
            result = self._body()
        except Exception as exc:
            log.info("scanner job %s failed: %s", self._name, exc, exc_info=True)
            self._runner._sig_done.emit(self._name, False, exc)
        else:
            self._runner._sig_done.emit(self._name, True, result)


class ScanRunner(QObject):
    # A page arrived: its id and a thumbnail as it will be saved (emitted on the worker).
    sig_page = Signal(str, QImage)
    # A job ended: "devices" -> list[DeviceInfo], "scan" -> RunResult, "import" -> pages added,
    # "build" -> BuiltDocument; failures carry the exception. Delivered on the GUI thread.
    sig_done = Signal(str, bool, object)
    _sig_done = Signal(str, bool, object)

    def __init__(
        self, directory: ScannerDirectory, session: ScanSession, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("scanRunner")
        self.directory = directory
        self.session = session
        self._pool = QThreadPool(self)
        self._pool.setObjectName("scannerWorker")
        self._pool.setMaxThreadCount(1)
        self._running: set[str] = set()
        self._scanner: Scanner | None = None
        self._sig_done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def is_busy(self, name: str | None = None) -> bool:
        return bool(self._running) if name is None else name in self._running

    def _start(self, name: str, body: Callable[[], object]) -> None:
        self._running.add(name)
        self._pool.start(_Job(self, name, body))

    @Slot(str, bool, object)
    def _deliver(self, name: str, ok: bool, value: object) -> None:
        self._running.discard(name)
        self.sig_done.emit(name, ok, value)

    def thumbnail(self, page_id: str) -> QImage:
        return to_qimage(self.session.thumbnail(page_id, THUMBNAIL_SIZE))

    # ----- jobs ---------------------------------------------------------------------------------------

    def list_devices(self) -> None:
        self._start("devices", self.directory.devices)

    def scan(self, device_id: str, request: ScanRequest) -> None:
        def body() -> Any:
            profile = self.directory.profile(device_id)
            scanner = self.directory.open(device_id)
            self._scanner = scanner
            try:
                return self.session.run(
                    scanner,
                    request,
                    profile,
                    on_page=lambda e: self.sig_page.emit(e.id, self.thumbnail(e.id)),
                )
            finally:
                self._scanner = None
                scanner.close()

        self._start("scan", body)

    def import_files(self, paths: list[Path], dpi: int) -> None:
        """Pages from files the officer picked (images, multi-page TIFF, PDF): "import" -> pages added."""

        def body() -> int:
            added = 0
            for path in paths:
                try:
                    pages = read_pages(path, dpi)
                except (ValueError, OSError) as exc:
                    raise UnreadableFile(path, added) from exc
                for image, page_dpi in pages:
                    entry = self.session.add_image(image, page_dpi)
                    self.sig_page.emit(entry.id, self.thumbnail(entry.id))
                    added += 1
            return added

        self._start("import", body)

    def build(self, recognizer: TextRecognizer | None = None) -> None:
        self._start("build", lambda: self.session.build(recognizer))

    def stop(self) -> None:
        """Stop the scan after the sheet being read (from the GUI thread)."""
        self.session.cancel()
        scanner = self._scanner
        if scanner is not None:
            scanner.cancel()

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        self.stop()
        self._pool.clear()
        return self._pool.waitForDone(timeout_ms)
