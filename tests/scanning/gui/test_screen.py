"""The scanning screen on a real scanner route (the fake eSCL scanner on 127.0.0.1, SANE's test device):
scan, see the thumbnails, turn, reorder, delete, restore, undo, manual duplex, attach to a component;
a jam shows its message and keeps the pages. Screenshot in artifacts/scanning/ (and, with
MOTCUA_UPDATE_DOCS=1, in docs/screenshots/scanning/)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from app.domain.scanning.model import ScanProfile, Source
from devices.scanners.escl.backend import EsclBackend
from devices.scanners.fake.escl_server import FakeEsclServer, FakeState
from devices.scanners.fake.pages import PageSpec, render_page
from devices.scanners.profiles import Configured
from devices.scanners.registry import ScannerRegistry
from devices.scanners.sane_scanner import SaneBackend
from tests.scanning.gui.conftest import Counter
from tests.scanning.support import render_pdf
from ui.scanning.screen import ScanningScreen
from ui.tasks import TaskManager

ROOT = Path(__file__).resolve().parents[3]
ARTIFACT = ROOT / "artifacts" / "scanning" / "scanning_screen.png"
SCREENSHOT = ROOT / "docs" / "screenshots" / "scanning" / "scanning-screen.png"


def _sheet(sheet: int, back: bool, dpi: int):  # type: ignore[no-untyped-def]
    """What a citizen hands in for a birth registration: forms with text, a seal, blank backs."""
    if back:
        if sheet == 1:
            return render_page(PageSpec(dpi=dpi, lines=8, seed=100))  # the form's second side
        return render_page(PageSpec(dpi=dpi, lines=0, noise=3, seed=200 + sheet))
    return render_page(
        PageSpec(
            dpi=dpi,
            lines=30 - 6 * sheet,
            angle=(-2.0, 1.5, 3.0)[sheet % 3],
            stamp=sheet == 2,
            color=True,
            signature=sheet != 1,
            seed=sheet,
        )
    )


@pytest.fixture
def fake() -> Iterator[FakeEsclServer]:
    with FakeEsclServer(FakeState(model="Canon imageRUNNER (eSCL)", sheets=3, page=_sheet)) as server:
        yield server


def _screen(qtbot: QtBot, counter: Counter, registry: ScannerRegistry) -> ScanningScreen:
    screen = ScanningScreen(TaskManager(counter.desk.services), registry)
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.show()
    with qtbot.waitSignal(screen.sig_devices_listed, timeout=20_000):
        screen.start()
    screen.set_dossier(counter.code)
    qtbot.waitUntil(lambda: screen.components.count() > 0, timeout=10_000)
    return screen


def _escl_registry(fake: FakeEsclServer) -> ScannerRegistry:
    device = f"escl:{fake.url}"
    return ScannerRegistry(
        {"escl": EsclBackend(discovery_seconds=0)}, [Configured(ScanProfile(device), "Máy quét tầng 1")]
    )


def _scan(qtbot: QtBot, screen: ScanningScreen, source: Source) -> object:
    index = screen.source.findData(source.value)
    assert index >= 0
    screen.source.setCurrentIndex(index)
    with qtbot.waitSignal(screen.sig_scan_finished, timeout=60_000) as finished:
        screen.scan_button.click()
    return finished.args[0]


def _texts(screen: ScanningScreen) -> list[str]:
    return [screen.pages.item(i).text() for i in range(screen.pages.count())]


def _select(screen: ScanningScreen, *rows: int) -> None:
    screen.pages.clearSelection()
    for row in rows:
        screen.pages.item(row).setSelected(True)
    screen.pages.setCurrentRow(rows[-1], screen.pages.selectionCommand(screen.pages.currentIndex()))


def test_scan_arrange_and_attach(qtbot: QtBot, counter: Counter, fake: FakeEsclServer) -> None:
    screen = _screen(qtbot, counter, _escl_registry(fake))
    assert screen.device.currentText() == "Máy quét tầng 1"
    assert "Nguyễn Thị Ngọc Ánh" in screen.subtitle.text()
    result = _scan(qtbot, screen, Source.DUPLEX)
    assert result is not None and result.ok  # type: ignore[attr-defined]
    # Three sheets, both sides: the blank backs of sheets 2 and 3 are shown dimmed, left out.
    assert _texts(screen) == [
        "Trang 1",
        "Trang 2",
        "Trang 3",
        "Trang trắng (bỏ)",
        "Trang 4",
        "Trang trắng (bỏ)",
    ]
    assert "4 trang sẽ được lưu, 2 trang bỏ ra" in screen.summary.text()
    assert "2 trang trắng" in screen.status.text()

    # Turn page 2, move page 4 to the front, delete page 3, then put it back.
    _select(screen, 1)
    screen.rotate_right.click()
    assert screen.session.batch.page("p2").rotation == 90
    _select(screen, 4)
    for _ in range(4):
        screen.move_earlier.click()
    assert screen.pages.ids()[0] == "p5"
    _select(screen, 3)
    screen.delete_button.click()
    assert "Đã xoá" in _texts(screen)
    screen.undo_button.click()
    assert "Đã xoá" not in _texts(screen)
    _select(screen, 0)  # the preview follows the selection

    screen.select_component("GCS")
    assert screen.attach_button.isEnabled()
    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    qtbot.wait(50)
    assert screen.grab().save(str(ARTIFACT), "PNG")
    if os.environ.get("MOTCUA_UPDATE_DOCS"):  # the committed pictures change only when asked to
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ARTIFACT, SCREENSHOT)
    assert QImage(str(ARTIFACT)).width() == 1366

    with qtbot.waitSignal(screen.sig_attached, timeout=60_000) as attached:
        screen.attach_button.click()
    component, sha256 = attached.args
    assert component == "GCS"
    with counter.desk.services.uow(write=False) as uow:
        dossier = uow.dossiers.get(counter.code)
    assert next(c for c in dossier.components if c.code == "GCS").attachments == (sha256,)
    assert dossier.documents[-1].kind.value == "scan"
    assert counter.desk.services.blobs.has(sha256)
    # The stored PDF, rendered back as the back office will see it (artifacts/scanning/attached-*.png).
    rendered = render_pdf(counter.desk.services.blobs.read(sha256), dpi=110)
    assert len(rendered) == 4
    for n, image in enumerate(rendered, start=1):
        image.save(ARTIFACT.parent / f"attached-page-{n}.png")
    if os.environ.get("MOTCUA_UPDATE_DOCS"):
        shutil.copyfile(ARTIFACT.parent / "attached-page-2.png", SCREENSHOT.parent / "attached-page-2.png")
    # Attached: the pages are done with; the component now says it has a file.
    assert screen.pages.count() == 0
    qtbot.waitUntil(lambda: "Đã có 1 tệp" in screen.components.currentItem().text(), timeout=10_000)
    assert "Đã đính kèm 4 trang" in screen.status.text()
    # Choosing the component again shows what is attached to it.
    screen.select_component("TK")
    with qtbot.waitSignal(screen.sig_attached_shown, timeout=10_000) as shown:
        screen.select_component("GCS")
    assert shown.args == [4]
    assert not screen.preview.pixmap().isNull()
    screen.shutdown()
    screen.tasks.shutdown()


def test_a_jam_keeps_the_pages_and_the_rest_joins_them(
    qtbot: QtBot, counter: Counter, fake: FakeEsclServer
) -> None:
    fake.state.sheets, fake.state.jam_after = 5, 2
    screen = _screen(qtbot, counter, _escl_registry(fake))
    result = _scan(qtbot, screen, Source.FEEDER)
    assert result.error is not None  # type: ignore[attr-defined]
    assert screen.pages.count() == 2
    assert "Kẹt giấy" in screen.status.text() and "Đã giữ 2 trang" in screen.status.text()
    fake.state.jammed, fake.state.jam_after = False, None
    result = _scan(qtbot, screen, Source.FEEDER)
    assert result.ok  # type: ignore[attr-defined]
    assert screen.pages.count() == 5
    screen.shutdown()
    screen.tasks.shutdown()


def test_drag_reorder_and_manual_duplex_from_sane(qtbot: QtBot, counter: Counter) -> None:
    pytest.importorskip("sane")
    registry = ScannerRegistry({"sane": SaneBackend()}, [Configured(ScanProfile("sane:test"), "SANE test")])
    screen = _screen(qtbot, counter, registry)
    screen.pages_expected.setValue(4)
    assert _scan(qtbot, screen, Source.FEEDER).ok  # type: ignore[attr-defined]
    assert screen.pages.ids() == ["p1", "p2", "p3", "p4"]
    # A drag and drop moves rows in the list's model: the batch follows.
    screen.pages.model().moveRow(screen.pages.rootIndex(), 3, screen.pages.rootIndex(), 0)
    assert [p.id for p in screen.session.batch.pages] == ["p4", "p1", "p2", "p3"]
    screen.undo_button.click()
    # Fronts p1 p2, then the stack turned over: backs p4 (sheet 2), p3 (sheet 1).
    screen.duplex_button.click()
    assert [p.id for p in screen.session.batch.pages] == ["p1", "p4", "p2", "p3"]
    assert screen.pages.ids() == ["p1", "p4", "p2", "p3"]
    screen.shutdown()
    screen.tasks.shutdown()


def test_no_scanner_found_says_so(qtbot: QtBot, counter: Counter) -> None:
    screen = _screen(qtbot, counter, ScannerRegistry({"escl": EsclBackend(discovery_seconds=0)}))
    assert "Không tìm thấy máy quét" in screen.status.text()
    assert not screen.scan_button.isEnabled()
    assert screen.pages.focusPolicy() != Qt.FocusPolicy.NoFocus
    screen.shutdown()
    screen.tasks.shutdown()


def test_an_id_card_from_a_scan_folder_is_cropped_to_its_size(
    qtbot: QtBot, counter: Counter, tmp_path: Path
) -> None:
    from devices.scanners.folder import FolderBackend
    from tests.scanning.test_pipeline import _card_on_the_glass

    inbox = tmp_path / "copier"
    inbox.mkdir()
    _card_on_the_glass().save(inbox / "cccd.png", dpi=(200, 200))
    os.utime(inbox / "cccd.png", (1_700_000_000, 1_700_000_000))
    registry = ScannerRegistry(
        {"folder": FolderBackend([inbox])}, [Configured(ScanProfile(f"folder:{inbox}"), "Thư mục máy photo")]
    )
    screen = _screen(qtbot, counter, registry)
    assert _scan(qtbot, screen, Source.FEEDER).ok  # type: ignore[attr-defined]
    _select(screen, 0)
    screen.crop_button.click()
    crop = screen.session.batch.page("p1").crop
    assert crop is not None and crop.right - crop.left < 0.5
    assert (
        screen.runner.thumbnail("p1").width() > screen.runner.thumbnail("p1").height()
    )  # the card, landscape
    screen.crop_button.click()  # again: the whole page back
    assert screen.session.batch.page("p1").crop is None
    screen.shutdown()
    screen.tasks.shutdown()


def test_files_the_officer_picks(qtbot: QtBot, counter: Counter, tmp_path: Path) -> None:
    from app.domain.scanning.presets import TEXT
    from app.services.scanning.encode import encode
    from app.services.scanning.pdf import PdfOptions, assemble

    pdf = tmp_path / "to-khai.pdf"
    pdf.write_bytes(
        assemble([encode(render_page(PageSpec(lines=20, seed=s)), 200, TEXT) for s in (1, 2)], PdfOptions())
    )
    photo = tmp_path / "anh.jpg"
    render_page(PageSpec(lines=10, seed=3)).save(photo, dpi=(200, 200))
    junk = tmp_path / "ghi-chu.pdf"
    junk.write_bytes(b"not a pdf")
    screen = _screen(qtbot, counter, ScannerRegistry({"escl": EsclBackend(discovery_seconds=0)}))
    with qtbot.waitSignal(screen.runner.sig_done, timeout=30_000):
        screen.import_files([pdf, photo])
    assert screen.pages.ids() == ["p1", "p2", "p3"]
    assert "Đã nhập 3 trang" in screen.status.text()
    with qtbot.waitSignal(screen.runner.sig_done, timeout=30_000):
        screen.import_files([junk])
    assert "Không đọc được tệp ghi-chu.pdf" in screen.status.text()
    assert screen.pages.count() == 3  # what was imported stays
    screen.shutdown()
    screen.tasks.shutdown()
