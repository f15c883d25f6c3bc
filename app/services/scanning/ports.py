"""The scanner port and the optional text recogniser, filled by adapters in devices/scanners/.

Every route to a scanner (SANE, eSCL, WIA, a folder a copier scans into) looks the same from here: a
backend lists and opens devices, an open device yields pages as the paper goes through.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from PIL import Image

from app.domain.scanning.model import DeviceInfo, ScannedPage, ScanProfile, ScanRequest


class Scanner(Protocol):
    """An open device. Not thread-safe, except `cancel()`, which another thread may call."""

    @property
    def info(self) -> DeviceInfo: ...

    def scan(self, request: ScanRequest, profile: ScanProfile) -> Iterator[ScannedPage]:
        """The pages in the order the paper went through, each as soon as it is read.

        Raises `ScannerError` on a jam, an empty feeder, an open cover or a lost device; the pages
        yielded before it are the caller's to keep. Stops when the feeder runs dry (after at least one
        page), after one page on the flatbed, or when the caller stops iterating (the job is cancelled).
        """
        ...

    def cancel(self) -> None: ...

    def close(self) -> None: ...


class ScannerBackend(Protocol):
    @property
    def name(self) -> str:
        """The prefix of its device ids: "sane", "escl", "wia", "folder"."""
        ...

    def devices(self) -> list[DeviceInfo]:
        """Scanners this backend can see now (may take a moment: USB probing, mDNS)."""
        ...

    def open(self, device_id: str) -> Scanner:
        """Raises `ScannerError(UNPLUGGED)` when the device is not there."""
        ...


class TextRecognizer(Protocol):
    """OCR: a page image in, an invisible text layer out, to lay over the page (searchable PDFs)."""

    def available(self) -> bool: ...

    def text_layer(self, image: Image.Image, dpi: float) -> bytes:
        """A one-page PDF the size of `image` at `dpi` holding only invisible text."""
        ...
