"""Folder import: a copier that scans to a folder (often a network share), or files the officer picks.

The folder is polled rather than watched: inotify sees nothing on SMB/NFS shares, and watchdog's polling
observer dies for good after a share outage (watchdog#409, #1065); a loop of `os.scandir` calls is all a
poll needs and survives the share coming back. A file is taken once its size and modification time have
held still for `settle` seconds (the copier may still be writing it); after import it is moved into the
`imported/` subfolder, never deleted, so that a second run does not take it twice.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageSequence, UnidentifiedImageError

from app.domain.scanning.faults import ScannerError, ScannerFault
from app.domain.scanning.model import (
    A4,
    MM_PER_INCH,
    DeviceInfo,
    ScannedPage,
    ScanProfile,
    ScanRequest,
    Source,
)

log = logging.getLogger(__name__)

PREFIX = "folder:"
IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp"})
SUFFIXES = IMAGE_SUFFIXES | {".pdf"}
IMPORTED = "imported"
UNREADABLE = "unreadable"


@dataclass(frozen=True, slots=True)
class _Seen:
    size: int
    mtime_ns: int
    since: float  # monotonic time it was first seen like this


def _assumed_dpi(image: Image.Image) -> float:
    """The resolution in the file, or the one that makes the page as wide as A4 (copiers often write
    72 or nothing at all)."""
    dpi = image.info.get("dpi")
    if isinstance(dpi, tuple) and dpi and float(dpi[0]) >= 50:
        return float(dpi[0])
    return image.width / (A4.width_mm / MM_PER_INCH)


def read_pages(path: Path, dpi: int) -> list[tuple[Image.Image, float]]:
    """Every page of an image or PDF file, with its resolution. PDFs are rendered at `dpi`."""
    if path.suffix.lower() == ".pdf":
        import pypdfium2

        try:
            document = pypdfium2.PdfDocument(path)
        except pypdfium2.PdfiumError as exc:
            raise ValueError(f"not a readable PDF ({exc})") from None
        try:
            pages = []
            for page in document:
                bitmap = page.render(scale=dpi / 72.0, grayscale=False)
                pages.append((bitmap.to_pil().convert("RGB"), float(dpi)))
                page.close()
            return pages
        finally:
            document.close()
    try:
        with Image.open(path) as image:
            frames = []
            for frame in ImageSequence.Iterator(image):
                copy = frame.convert("RGB" if frame.mode in ("RGB", "RGBA", "P", "CMYK") else "L")
                frames.append((copy, _assumed_dpi(frame)))
            return frames
    except (UnidentifiedImageError, OSError) as exc:
        raise ValueError(f"not a readable image ({exc})") from None


class FolderBackend:
    name = "folder"

    def __init__(self, folders: list[Path] | None = None) -> None:
        self._folders = list(folders or [])

    def devices(self) -> list[DeviceInfo]:
        return [_info(folder) for folder in self._folders]

    def open(self, device_id: str) -> FolderScanner:
        folder = Path(device_id.removeprefix(PREFIX)).expanduser()
        if not folder.is_dir():
            raise ScannerError(
                ScannerFault.UNPLUGGED, f"the folder {folder} is not reachable", device=device_id
            )
        return FolderScanner(folder)


def _info(folder: Path) -> DeviceInfo:
    return DeviceInfo(
        id=f"{PREFIX}{folder}", name=folder.name or str(folder), backend="folder", sources=(Source.FEEDER,)
    )


class FolderScanner:
    """Each run takes the files that are complete, oldest first, and waits up to `wait` seconds for more
    (a copier sending over the network); `cancel()` stops the wait."""

    def __init__(
        self,
        folder: Path,
        *,
        wait: float = 0.0,
        poll: float = 1.0,
        settle: float = 2.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.folder = folder
        self.wait = wait
        self.poll = poll
        self.settle = settle
        self._clock = clock
        self._seen: dict[str, _Seen] = {}
        self.pending = 0
        self._cancelled = threading.Event()
        self._info = _info(folder)

    @property
    def info(self) -> DeviceInfo:
        return self._info

    def _listing(self) -> list[os.DirEntry[str]]:
        try:
            with os.scandir(self.folder) as entries:
                return [
                    e
                    for e in entries
                    if e.is_file() and Path(e.name).suffix.lower() in SUFFIXES and not e.name.startswith(".")
                ]
        except OSError as exc:  # the share went away
            raise ScannerError(
                ScannerFault.UNPLUGGED,
                f"the folder {self.folder} is not reachable ({exc.strerror})",
                device=self._info.id,
            ) from None

    def ready(self) -> list[Path]:
        """Files that have held still for `settle` seconds (or were last written longer ago), oldest first.
        The others stay in `pending`: the copier is still writing them."""
        now = self._clock()
        wall = time.time()
        ready: list[tuple[int, str, Path]] = []
        current: dict[str, _Seen] = {}
        for entry in self._listing():
            stat = entry.stat()
            previous = self._seen.get(entry.name)
            if previous is not None and (previous.size, previous.mtime_ns) == (
                stat.st_size,
                stat.st_mtime_ns,
            ):
                seen = previous
            else:
                seen = _Seen(stat.st_size, stat.st_mtime_ns, now)
            current[entry.name] = seen
            old_enough = wall - stat.st_mtime_ns / 1e9 >= self.settle
            if stat.st_size > 0 and (old_enough or now - seen.since >= self.settle):
                ready.append((stat.st_mtime_ns, entry.name, Path(entry.path)))
        self._seen = current
        self.pending = len(current) - len(ready)
        return [path for _, _, path in sorted(ready)]

    def _set_aside(self, path: Path, subfolder: str) -> None:
        target_dir = self.folder / subfolder
        target_dir.mkdir(exist_ok=True)
        target = target_dir / path.name
        n = 1
        while target.exists():
            target = target_dir / f"{path.stem}-{n}{path.suffix}"
            n += 1
        path.replace(target)

    def scan(self, request: ScanRequest, profile: ScanProfile) -> Iterator[ScannedPage]:
        self._cancelled.clear()
        wait = float(profile.options.get("wait", self.wait))
        self.settle = float(profile.options.get("settle", self.settle))
        deadline = self._clock() + wait
        sheet = 0
        while not self._cancelled.is_set():
            files = self.ready()
            for path in files:
                try:
                    pages = read_pages(path, request.dpi)
                except ValueError as exc:
                    self._set_aside(path, UNREADABLE)
                    raise ScannerError(
                        ScannerFault.FAILED,
                        f"{path.name} {exc}; moved to {UNREADABLE}/",
                        device=self._info.id,
                    ) from None
                # Moved before its pages are handed out: a caller that stops half-way through a file has
                # its pages (the session keeps them) and the file is not taken a second time.
                self._set_aside(path, IMPORTED)
                for image, dpi in pages:
                    sheet += 1
                    yield ScannedPage(image=image, dpi=(dpi, dpi), source=Source.FEEDER, sheet=sheet)
            if files:
                deadline = self._clock() + wait  # more may be on the way
                continue
            if self._clock() >= deadline and not self.pending:
                return
            # A file still being written is waited for even past the deadline: it was already sent.
            remaining = deadline - self._clock()
            self._cancelled.wait(self.poll if self.pending or remaining <= 0 else min(self.poll, remaining))

    def cancel(self) -> None:
        self._cancelled.set()

    def close(self) -> None:
        self.cancel()
