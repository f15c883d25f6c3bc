"""Folder import: what a copier scans into a (network) folder, picked up by polling."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from app.domain.scanning.faults import ScannerError, ScannerFault
from app.domain.scanning.model import ScanProfile, ScanRequest, Source
from app.domain.scanning.presets import TEXT
from app.services.scanning.encode import encode
from app.services.scanning.pdf import PdfOptions, assemble
from app.services.scanning.session import ScanSession
from devices.scanners.fake.pages import PageSpec
from devices.scanners.folder import FolderBackend, FolderScanner
from tests.scanning.support import page

REQUEST = ScanRequest(source=Source.FEEDER)


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def _fill(folder: Path) -> None:
    """A copier's morning: a JPEG, a two-page TIFF, a PDF of two pages, in that order, plus clutter."""
    page(PageSpec(lines=10, seed=1)).save(folder / "scan_0003.jpg", dpi=(200, 200))
    frames = [page(PageSpec(lines=12, seed=2)), page(PageSpec(lines=14, seed=3))]
    frames[0].save(folder / "scan_0001.tif", save_all=True, append_images=frames[1:], dpi=(200, 200))
    pdf = assemble([encode(page(PageSpec(lines=16, seed=s)), 200, TEXT) for s in (4, 5)], PdfOptions())
    (folder / "scan_0002.pdf").write_bytes(pdf)
    (folder / "notes.txt").write_text("not a scan")
    for age, name in ((30, "scan_0003.jpg"), (50, "scan_0001.tif"), (40, "scan_0002.pdf")):
        _age(folder / name, age)


def test_files_are_taken_oldest_first_and_moved_to_imported(tmp_path: Path) -> None:
    _fill(tmp_path)
    scanner = FolderBackend().open(f"folder:{tmp_path}")
    session = ScanSession()
    result = session.run(scanner, REQUEST, ScanProfile(scanner.info.id))
    assert result.ok
    assert len(result.added) == 5  # tif (2) + pdf (2) + jpg (1)
    assert sorted(p.name for p in (tmp_path / "imported").iterdir()) == [
        "scan_0001.tif",
        "scan_0002.pdf",
        "scan_0003.jpg",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["imported", "notes.txt"]
    dpis = [session.pages[i].dpi for i in result.added]
    assert dpis == [200.0] * 5
    # Nothing left: a second run finds the folder empty.
    again = session.run(scanner, REQUEST, ScanProfile(scanner.info.id))
    assert again.added == () and again.error is not None and again.error.fault is ScannerFault.FEEDER_EMPTY
    assert session.build().pages == 5


def test_a_file_still_being_written_waits_until_it_holds_still(tmp_path: Path) -> None:
    now = [100.0]
    scanner = FolderScanner(tmp_path, settle=2.0, clock=lambda: now[0])
    target = tmp_path / "incoming.jpg"
    page(PageSpec(lines=5)).save(target)  # written just now: the copier may not be done
    assert scanner.ready() == []
    assert scanner.pending == 1
    now[0] += 1.0
    with target.open("ab") as handle:  # still growing
        handle.write(b"\0" * 10)
    assert scanner.ready() == []
    now[0] += 2.5
    assert scanner.ready() == [target]


def test_polling_waits_for_the_copier(tmp_path: Path) -> None:
    scanner = FolderScanner(tmp_path, poll=0.05, settle=0.2)

    def copier() -> None:
        time.sleep(0.3)
        page(PageSpec(lines=8, seed=9)).save(tmp_path / "late.png", dpi=(200, 200))

    thread = threading.Thread(target=copier)
    thread.start()
    session = ScanSession()
    # The officer said one page: the run ends when it is in, without waiting out the rest.
    request = ScanRequest(source=Source.FEEDER, pages=1)
    result = session.run(scanner, request, ScanProfile(scanner.info.id, options={"wait": 30}))
    thread.join()
    assert result.ok and len(result.added) == 1


def test_cancel_stops_the_wait(tmp_path: Path) -> None:
    scanner = FolderScanner(tmp_path, poll=0.05)
    threading.Timer(0.2, scanner.cancel).start()
    started = time.monotonic()
    pages = list(scanner.scan(REQUEST, ScanProfile(scanner.info.id, options={"wait": 30})))
    assert pages == []
    assert time.monotonic() - started < 10


def test_an_unreadable_file_is_set_aside_and_the_pages_before_it_kept(tmp_path: Path) -> None:
    page(PageSpec(lines=5, seed=1)).save(tmp_path / "a.jpg")
    (tmp_path / "b.jpg").write_bytes(b"this is not a JPEG")
    page(PageSpec(lines=5, seed=2)).save(tmp_path / "c.jpg")
    for age, name in ((30, "a.jpg"), (20, "b.jpg"), (10, "c.jpg")):
        _age(tmp_path / name, age)
    scanner = FolderBackend().open(f"folder:{tmp_path}")
    session = ScanSession()
    first = session.run(scanner, REQUEST, ScanProfile(scanner.info.id))
    assert first.added == ("p1",)
    assert first.error is not None and "b.jpg" in str(first.error)
    assert (tmp_path / "unreadable" / "b.jpg").exists()
    second = session.run(scanner, REQUEST, ScanProfile(scanner.info.id))
    assert second.ok and second.added == ("p2",)


def test_images_without_a_resolution_are_taken_as_a4_wide(tmp_path: Path) -> None:
    bare = page(PageSpec(lines=5)).resize((1240, 1754))  # a 150 dpi scan with no dpi in the file
    bare.save(tmp_path / "x.png")
    _age(tmp_path / "x.png", 30)
    pages = list(FolderScanner(tmp_path).scan(REQUEST, ScanProfile("folder:x")))
    assert pages[0].dpi[0] == pytest.approx(150, abs=1)


def test_a_missing_share_is_reported_as_unreachable(tmp_path: Path) -> None:
    with pytest.raises(ScannerError) as raised:
        FolderBackend().open(f"folder:{tmp_path / 'gone'}")
    assert raised.value.fault is ScannerFault.UNPLUGGED
    scanner = FolderScanner(tmp_path / "share")
    with pytest.raises(ScannerError) as raised:
        list(scanner.scan(REQUEST, ScanProfile("folder:x")))
    assert raised.value.fault is ScannerFault.UNPLUGGED


def test_configured_folders_are_listed(tmp_path: Path) -> None:
    assert [d.id for d in FolderBackend([tmp_path]).devices()] == [f"folder:{tmp_path}"]
