"""Printing from the desk through the printing package's port: the receipt of a reception reaches the
printer with its barcode readable, the preview shows it, the logbook prints and exports, and without a
printer the buttons are disabled and say why."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator
from pathlib import Path

import pypdfium2
import pytest
import zxingcpp
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.domain.dossier import DocumentKind
from tests.gui.support import DemoDesk, commit_text, press, type_here
from ui.desk_info import DeskInfo
from ui.drafts import DraftStore
from ui.main_window import MainWindow
from ui.print_service import DeskPrinting
from ui.session import Session
from ui.tasks import TaskManager

CTRL = Qt.KeyboardModifier.ControlModifier


def barcodes(pdf: bytes) -> list[str]:
    """Every barcode on every page, read from a 200 dpi render."""
    document = pypdfium2.PdfDocument(pdf)
    found = []
    for page in document:
        image = page.render(scale=200 / 72).to_pil()
        found.extend(r.text for r in zxingcpp.read_barcodes(image))
    return found


def wait_for_files(folder: Path, count: int, timeout: float = 20) -> list[Path]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix == ".pdf")
        if len(files) >= count:
            return files
        QApplication.processEvents()
        time.sleep(0.05)
    raise AssertionError(f"only {len(list(folder.rglob('*')))} file(s) in {folder}")


@pytest.fixture
def printer_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "printer"
    folder.mkdir()
    return folder


@pytest.fixture
def printing(demo_desk: DemoDesk, printer_dir: Path) -> Iterator[DeskPrinting]:
    desk = dataclasses.replace(
        demo_desk.desk,
        settings=demo_desk.desk.settings.with_values({"printing.printer": f"file:{printer_dir}"}),
    )
    opened = DeskPrinting.open(desk)
    assert opened is not None
    yield opened
    opened.close()


@pytest.fixture
def print_window(
    qtbot: QtBot, demo_desk: DemoDesk, session: Session, printing: DeskPrinting, tmp_path: Path
) -> Iterator[MainWindow]:
    drafts = DraftStore(tmp_path / "drafts")
    win = MainWindow(
        DeskInfo.from_settings(demo_desk.desk.settings),
        TaskManager(demo_desk.desk.services),
        session=session,
        drafts=drafts,
        printing=printing,
    )
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    win.activateWindow()
    with qtbot.waitSignals([win.sig_loaded, win.sig_ready, win.printer.sig_availability], timeout=10_000):
        win.start()
    yield win
    win.close()
    drafts.close()


def _receive(qtbot: QtBot, win: MainWindow) -> str:
    press(Qt.Key.Key_N, CTRL)
    page = win.reception_page
    type_here("khai sinh")
    press(Qt.Key.Key_Return)
    page.applicant.id_number.setFocus()
    type_here("051190001234")
    page.applicant.name.setFocus()
    commit_text(page.applicant.name, "Nguyễn Thị Ngọc Ánh")
    press(Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.done, timeout=10_000)
    received = page.done.received()
    assert received is not None
    return received.code


def test_the_receipt_prints_in_one_step_with_a_readable_barcode(
    qtbot: QtBot, print_window: MainWindow, demo_desk: DemoDesk, printer_dir: Path
) -> None:
    code = _receive(qtbot, print_window)
    done = print_window.reception_page.done
    assert done.print_button.isEnabled()
    assert done.print_button.text() == "In giấy tiếp nhận và hẹn trả (Mẫu 01) (Ctrl+P)"
    press(Qt.Key.Key_P, CTRL)
    (printed,) = wait_for_files(printer_dir, 1)
    assert code in barcodes(printed.read_bytes())
    qtbot.waitUntil(lambda: done.print_status.text().startswith("Đã in: Mẫu 01"), timeout=20_000)
    with demo_desk.desk.services.uow(write=False) as uow:
        documents = uow.dossiers.get(code).documents
    assert [d.kind for d in documents] == [DocumentKind.FORM]
    assert documents[0].name.startswith("Mẫu 01")


def test_the_preview_shows_the_paper_before_it_prints(
    qtbot: QtBot, print_window: MainWindow, printer_dir: Path
) -> None:
    _receive(qtbot, print_window)
    print_window.reception_page.done.preview_button.click()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None, timeout=10_000)
    preview = QApplication.activeModalWidget()
    assert preview is not None and preview.objectName() == "pdfPreview"
    assert preview.page_count >= 1  # type: ignore[attr-defined]
    preview.print_button.click()  # type: ignore[attr-defined]
    wait_for_files(printer_dir, 1)


def test_the_logbook_prints_and_exports(
    qtbot: QtBot, print_window: MainWindow, printer_dir: Path, tmp_path: Path
) -> None:
    page = print_window.report_page
    with qtbot.waitSignal(page.sig_loaded, timeout=10_000):
        press(Qt.Key.Key_F8)
    assert page.print_button.isEnabled() and page.export_button.isEnabled()
    page.print_button.click()
    (logbook,) = wait_for_files(printer_dir, 1)
    assert logbook.read_bytes().startswith(b"%PDF")
    # The job's fate is told once the runner has sent it (before the export's message, in this test).
    qtbot.waitUntil(lambda: page.print_status.text().startswith("Đã in: Mẫu 06"), timeout=20_000)
    target = tmp_path / "so-theo-doi.xlsx"
    page.choose_export_path = lambda: target
    page.export_button.click()
    qtbot.waitUntil(target.exists, timeout=10_000)
    assert target.read_bytes()[:2] == b"PK"  # an XLSX is a zip
    qtbot.waitUntil(lambda: page.print_status.text() == f"Đã lưu sổ theo dõi vào {target}", timeout=20_000)


def test_printing_opens_after_the_window_as_the_app_does(
    qtbot: QtBot, demo_desk: DemoDesk, session: Session, printer_dir: Path
) -> None:
    desk = dataclasses.replace(
        demo_desk.desk,
        settings=demo_desk.desk.settings.with_values({"printing.printer": f"file:{printer_dir}"}),
    )
    win = MainWindow(DeskInfo.from_settings(desk.settings), TaskManager(desk.services), session=session)
    qtbot.addWidget(win)
    try:
        win.show()
        win.start()
        with qtbot.waitSignal(win.printer.sig_availability, timeout=5000) as starting:
            win.printer.open_later(desk)
        assert starting.args[0]() == "Chức năng in đang khởi động…"
        assert not win.report_page.print_button.isEnabled()
        with qtbot.waitSignal(win.printer.sig_availability, timeout=20_000) as ready:
            pass
        assert ready.args == [None]
        assert win.report_page.print_button.isEnabled()
    finally:
        win.printer.close()
        win.close()


def test_without_a_printer_the_buttons_say_why(
    qtbot: QtBot, demo_desk: DemoDesk, session: Session, tmp_path: Path
) -> None:
    opened = DeskPrinting.open(demo_desk.desk)  # printing.printer is empty
    assert opened is not None

    class NoPrinters:
        def open(self, address: str) -> object:
            raise AssertionError("nothing should be sent")

        def list(self) -> list[object]:
            return []

    opened.printing = dataclasses.replace(opened.printing, printers=NoPrinters())
    win = MainWindow(
        DeskInfo.from_settings(demo_desk.desk.settings),
        TaskManager(demo_desk.desk.services),
        session=session,
        printing=opened,
    )
    qtbot.addWidget(win)
    try:
        win.show()
        with qtbot.waitSignal(win.printer.sig_availability, timeout=10_000):
            win.start()
        reason = "Chưa có máy in được cấu hình: hãy chọn máy in trong Cài đặt (printing.printer)"
        assert not win.reception_page.done.print_button.isEnabled()
        assert win.reception_page.done.print_button.toolTip() == reason
        assert win.dossier_page.print_button.toolTip() == reason
        assert not win.report_page.print_button.isEnabled()
        assert win.report_page.export_button.isEnabled()  # exporting needs no printer
    finally:
        win.close()
        opened.close()
