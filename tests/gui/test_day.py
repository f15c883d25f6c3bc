"""A counter officer's day, scripted: sign in, call a ticket through the real queue engine (and, in a
second variant, through a real motcua-server with its live stream), receive the citizen's dossier typing
Vietnamese as an input method does, scan their papers from the reception (a copier's scan folder), print
the receipt (barcode read back), find the dossier by an unaccented name, return its result through a
simulated barcode scan, apologise for a late one, print the logbook, lock the counter; every screen is
saved under artifacts/desk/ for people to look at (and the new states, with MOTCUA_UPDATE_DOCS=1, under
docs/screenshots/desk/)."""

from __future__ import annotations

import dataclasses
import os
import shutil
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.domain.lifecycle import Action, Status
from app.domain.queue.model import Priority
from app.services.queue.calling import issue_ticket
from app.services.scanning.attach import scan_context
from devices.scanners.fake.pages import PageSpec, render_page
from devices.scanners.folder import FolderBackend
from devices.scanners.registry import ScannerRegistry
from sync.queue.client import OfficeQueueClient
from tests.gui.queue_support import RecordingDisplay, attach_queue, set_up_lines
from tests.gui.support import PASSWORD, DemoDesk, commit_text, focused_name, press, type_here
from tests.gui.test_printing import barcodes, wait_for_files
from tests.gui.test_scanner import TEST_MAX_GAP, scan
from ui.desk_info import DeskInfo
from ui.dossier_page.dialogs import ApologyDialog, ReasonDialog
from ui.drafts import DraftStore
from ui.i18n import Translations
from ui.main_window import MainWindow
from ui.print_service import DeskPrinting
from ui.queue_service import ONLINE, DeskQueue
from ui.returns.return_dialog import ReturnDialog
from ui.settings.dialog import SettingsDialog
from ui.signin.dialog import SignInDialog
from ui.tasks import TaskManager

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts" / "desk"
DOCS = ROOT / "docs" / "screenshots" / "desk"
CTRL = Qt.KeyboardModifier.ControlModifier


def shot(qtbot: QtBot, widget: QWidget, name: str) -> Path:
    qtbot.wait(150)  # let layouts and lazy views settle before the picture
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    assert widget.grab().save(str(path), "PNG")
    return path


def publish(path: Path, name: str) -> None:
    """Copy a picture into the documentation when asked to (MOTCUA_UPDATE_DOCS=1)."""
    if os.environ.get("MOTCUA_UPDATE_DOCS") == "1":
        target = ROOT / "docs" / "screenshots" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)


def copier_scan(folder: Path) -> None:
    """What a copier leaves in its scan folder: the citizen's birth certificate request, two sheets."""
    for sheet in (1, 2):
        image = render_page(PageSpec(dpi=150, lines=24 - 8 * sheet, stamp=sheet == 2, color=True, seed=sheet))
        path = folder / f"scan-000{sheet}.png"
        image.save(path, dpi=(150, 150))
        old = time.time() - 60  # finished writing a minute ago: the folder scanner takes it at once
        os.utime(path, (old, old))


def active_dialog(qtbot: QtBot, kind: type) -> QWidget:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), kind), timeout=10_000)
    dialog = QApplication.activeModalWidget()
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


@pytest.mark.slow
def test_a_counter_day(qtbot: QtBot, demo_desk: DemoDesk, tmp_path: Path, translations: Translations) -> None:
    """The desk works alone: its own queue, numbers issued by a kiosk on the same database."""
    ctx = set_up_lines(demo_desk.desk)
    issue_ticket(ctx, "Q1")
    issue_ticket(ctx, "Q1", Priority.DISABLED)
    counter_day(qtbot, demo_desk, tmp_path, translations, DeskQueue)


@pytest.mark.slow
def test_a_counter_day_on_the_office_server(
    qtbot: QtBot, demo_desk: DemoDesk, tmp_path: Path, translations: Translations, office_server: str
) -> None:
    """The same day with the office's motcua-server calling the queue (uvicorn on 127.0.0.1)."""
    office = demo_desk.desk.services.desk.office_code
    kiosk = OfficeQueueClient(office_server, office)
    try:
        kiosk.setup(
            [
                {"code": "Q1", "prefix": "A", "name": "Tư pháp - Hộ tịch"},
                {"code": "Q2", "prefix": "B", "name": "Đất đai"},
            ],
            [{"number": 1, "services": ["Q1"]}, {"number": 2, "services": ["Q2"]}],
        )
        kiosk.issue("Q1")
        kiosk.issue("Q1", "disabled")
        counter_day(
            qtbot,
            demo_desk,
            tmp_path,
            translations,
            lambda desk, counter: DeskQueue(desk, counter, office_server, office),
            online=True,
            short=True,
        )
    finally:
        kiosk.close()


def counter_day(
    qtbot: QtBot,
    demo_desk: DemoDesk,
    tmp_path: Path,
    translations: Translations,
    make_queue: object,
    *,
    online: bool = False,
    short: bool = False,
) -> None:
    printer_dir = tmp_path / "printer"
    printer_dir.mkdir()
    scan_dir = tmp_path / "copier"
    scan_dir.mkdir()
    settings = demo_desk.desk.settings.with_values({"printing.printer": f"file:{printer_dir}"})
    desk = dataclasses.replace(demo_desk.desk, settings=settings)
    info = DeskInfo.from_settings(settings)
    tasks = TaskManager(desk.services)
    printing = DeskPrinting.open(desk)
    assert printing is not None
    drafts = DraftStore(tmp_path / "drafts")
    shots: list[Path] = []
    prefix = "online-" if online else ""

    # 07:30, the officer arrives and signs in.
    signin = SignInDialog(info, tasks)
    qtbot.addWidget(signin)
    signin.show()
    signin.activateWindow()
    qtbot.waitUntil(lambda: focused_name() == "passwordField")
    type_here(PASSWORD)
    shots.append(shot(qtbot, signin, "01-sign-in"))
    with qtbot.waitSignal(signin.accepted, timeout=10_000):
        press(Qt.Key.Key_Return)
    assert signin.session is not None

    win = MainWindow(
        info,
        tasks,
        session=signin.session,
        drafts=drafts,
        translations=translations,
        printing=printing,
        scanners=lambda: ScannerRegistry({"folder": FolderBackend([scan_dir])}),
    )
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    win.activateWindow()
    try:
        with qtbot.waitSignals(
            [win.sig_loaded, win.sig_ready, win.search_page.sig_counts_loaded], timeout=10_000
        ):
            win.start()
        qtbot.waitUntil(lambda: "Tôi đã nhận" in win.nav.today.text())
        display = RecordingDisplay()
        attach_queue(qtbot, win, make_queue(desk, info.counter), display)  # type: ignore[operator]
        bar = win.queue_bar
        if online:
            qtbot.waitUntil(lambda: win.queue.link_up is True, timeout=20_000)
        qtbot.waitUntil(lambda: bar.view is not None and bar.view.waiting == 2, timeout=20_000)
        main_shot = shot(qtbot, win, f"{prefix}02-main-window")
        shots.append(main_shot)

        # 07:35, the first citizen: F9 calls them (a person with a disability goes first).
        with qtbot.waitSignal(win.queue.sig_result, timeout=20_000):
            press(Qt.Key.Key_F9)
        assert bar.view is not None and bar.view.current == "A002" and bar.view.status == "called"
        assert bar.view.mode == (ONLINE if online else "alone")
        assert display.shown == ["A002"] and bar.display.text() == "A002"
        calling = shot(qtbot, win, f"{prefix}02b-queue-calling")
        shots.append(calling)
        if not online:
            publish(calling, "desk/queue-calling.png")

        # Birth registration, typed with a Vietnamese input method, keyboard only; the ticket is served.
        with qtbot.waitSignal(win.queue.sig_result, timeout=20_000):
            press(Qt.Key.Key_N, CTRL)
        assert bar.view.status == "serving"
        page = win.reception_page
        assert page.ticket.text() == "Số thứ tự: A002"
        qtbot.waitUntil(lambda: focused_name() == "procedureSearch")
        type_here("dang ky khai sinh")
        press(Qt.Key.Key_Return)

        # Their papers, from the copier's scan folder, for the component the cursor is on (F6).
        copier_scan(scan_dir)
        press(Qt.Key.Key_F6)
        scanning = win.scan_page.scanning
        qtbot.waitUntil(
            lambda: win.current_page() == "scan" and scanning.scan_button.isEnabled(), timeout=20_000
        )
        component = scanning.selected_component()
        assert component is not None
        with qtbot.waitSignal(scanning.sig_scan_finished, timeout=60_000):
            scanning.scan_button.setFocus()
            press(Qt.Key.Key_Space)
        assert scanning.pages.count() == 2
        scanning.pages.setCurrentRow(0)
        scanned = shot(qtbot, win, f"{prefix}03a-scanning-from-reception")
        shots.append(scanned)
        if not online:
            publish(scanned, "desk/scanning-from-reception.png")
        with qtbot.waitSignal(scanning.sig_attached, timeout=60_000):
            scanning.attach_button.setFocus()
            press(Qt.Key.Key_Space)
        assert scanning.title.text() == "Quét giấy tờ — hồ sơ đang tiếp nhận"
        qtbot.waitUntil(lambda: scanning.pages.count() == 0)
        shots.append(shot(qtbot, win, f"{prefix}03b-scan-kept-for-reception"))
        press(Qt.Key.Key_Escape)
        assert win.current_page() == "reception" and focused_name() == "receptionScanButton"
        assert page.scanned.text() == "Đã quét 1 tệp cho 1 thành phần (đính kèm khi ghi nhận)"

        page.applicant.id_number.setFocus()
        type_here("051190001234")
        press(Qt.Key.Key_Tab)
        commit_text(page.applicant.name, "Nguyễn Thị Ngọc Ánh")
        press(Qt.Key.Key_Tab)
        type_here("14/05/1990")
        press(Qt.Key.Key_Tab)
        type_here("0905 123 456")
        press(Qt.Key.Key_Tab)
        commit_text(page.applicant.address, "Số 12 Hùng Vương, phường Cẩm Thành, tỉnh Quảng Ngãi")
        page.decision.summary.setFocus()
        commit_text(page.decision.summary, "Đăng ký khai sinh cho con")
        qtbot.waitUntil(lambda: page.decision.appointment.text() == "10:00 Thứ Năm, 12/03/2026")
        shots.append(shot(qtbot, win, "03-reception"))
        press(Qt.Key.Key_Return, CTRL)
        qtbot.waitUntil(lambda: page.stack.currentWidget() is page.done, timeout=10_000)
        received = page.done.received()
        assert received is not None and received.status is Status.RECEIVED
        code = received.code
        # Written: the kept scan goes into the dossier, and the citizen's ticket is done.
        qtbot.waitUntil(lambda: bar.view is not None and bar.view.current is None, timeout=20_000)
        qtbot.waitUntil(
            lambda: any(c.attachments for c in scan_context(desk.services, code).components), timeout=20_000
        )
        (attached,) = [c for c in scan_context(desk.services, code).components if c.attachments]
        assert attached.code == component
        assert page.scanned.text() == ""

        # The receipt (Mẫu 01) in one step; its barcode is read back from the PDF the printer got.
        press(Qt.Key.Key_P, CTRL)
        (receipt,) = wait_for_files(printer_dir, 1)
        assert code in barcodes(receipt.read_bytes())
        qtbot.waitUntil(lambda: page.done.print_status.text().startswith("Đã in"), timeout=20_000)
        shots.append(shot(qtbot, win, f"{prefix}04-received-and-printed"))
        if short:  # the rest of the day does not depend on where the queue runs
            return

        # Later: find the dossier by the name without diacritics.
        press(Qt.Key.Key_F, CTRL)
        type_here("ngoc anh")
        qtbot.waitUntil(lambda: win.shown_query() == "ngoc anh", timeout=10_000)
        assert win.model.row_at(0).summary.code == code  # the newest first
        shots.append(shot(qtbot, win, "05-found-without-diacritics"))
        with qtbot.waitSignal(win.dossier_page.sig_loaded, timeout=10_000):
            press(Qt.Key.Key_Down)
            win.table.setFocus()
            press(Qt.Key.Key_Return)

        # The back office finishes it: processing, then the result.
        for action in (Action.START_PROCESSING, Action.MARK_RESULT_READY):
            dialog = win.dossier_page.start_action(action)
            assert isinstance(dialog, ReasonDialog)
            with qtbot.waitSignal(win.dossier_page.sig_changed, timeout=10_000):
                dialog.confirm()
        shots.append(shot(qtbot, win, "06-dossier-page"))

        # The citizen comes back with the receipt: the scanner reads it on the returns page.
        press(Qt.Key.Key_F4)
        qtbot.waitUntil(lambda: win.returns_page.model.rowCount() == 1)
        qtbot.wait(100)
        shots.append(shot(qtbot, win, "07-returns"))
        win.scanner.max_gap = TEST_MAX_GAP
        scan(qtbot, code)
        dialog = active_dialog(qtbot, ReturnDialog)
        assert isinstance(dialog, ReturnDialog)
        assert dialog.id_info.text().startswith("✓ CCCD hợp lệ")
        shots.append(shot(qtbot, dialog, "08-return-dialog"))
        with qtbot.waitSignal(win.dossier_page.sig_changed, timeout=10_000):
            press(Qt.Key.Key_Return, CTRL)
        assert win.dossier_page.status.text() == "Đã trả kết quả"

        # A late one: the overdue list, the apology and the new appointment (Mẫu 04).
        with qtbot.waitSignal(win.overdue_page.sig_loaded, timeout=10_000):
            press(Qt.Key.Key_F7)
        assert win.overdue_page.model.rowCount() == 2
        shots.append(shot(qtbot, win, "09-overdue"))
        press(Qt.Key.Key_Return)
        apology = active_dialog(qtbot, ApologyDialog)
        assert isinstance(apology, ApologyDialog)
        qtbot.waitUntil(lambda: apology.new_due.text() == "10:00 Thứ Sáu, 13/03/2026", timeout=10_000)
        commit_text(apology.reason, "Chờ xác minh thông tin hộ tịch tại nơi đăng ký khai sinh")
        shots.append(shot(qtbot, apology, "10-apology"))
        with qtbot.waitSignal(win.dossier_page.sig_changed, timeout=10_000):
            press(Qt.Key.Key_Return, CTRL)
        shots.append(shot(qtbot, win, "11-after-apology"))
        with qtbot.waitSignal(win.overdue_page.sig_loaded, timeout=10_000):
            press(Qt.Key.Key_Escape)
        assert win.overdue_page.model.rowCount() == 1

        # The end of the day: the report and the logbook (Mẫu 06).
        with qtbot.waitSignal(win.report_page.sig_loaded, timeout=10_000):
            press(Qt.Key.Key_F8)
        report = win.report_page.report()
        assert report is not None and report.received_by_officer.get(Status.RETURNED) == 1
        win.report_page.print_button.click()
        wait_for_files(printer_dir, 2)
        qtbot.waitUntil(lambda: win.report_page.print_status.text().startswith("Đã in"), timeout=20_000)
        shots.append(shot(qtbot, win, "12-report"))

        win.settings_action.trigger()
        settings_dialog = active_dialog(qtbot, SettingsDialog)
        assert isinstance(settings_dialog, SettingsDialog)
        shots.append(shot(qtbot, settings_dialog, "13-settings"))
        settings_dialog.show_page("printers")
        shots.append(shot(qtbot, settings_dialog, "14-settings-printers"))
        settings_dialog.reject()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is win)

        # Someone without all the papers: the supplement request lists what is missing.
        press(Qt.Key.Key_N, CTRL)
        qtbot.waitUntil(lambda: focused_name() == "procedureSearch")
        type_here("ket hon")
        press(Qt.Key.Key_Return)
        press(Qt.Key.Key_Space)
        press(Qt.Key.Key_Tab)
        type_here("051195007788")
        press(Qt.Key.Key_Tab)
        commit_text(win.reception_page.applicant.name, "Lê Thị Hồng Đào")
        press(Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(win.reception_page.decision.missing.isVisible)
        shots.append(shot(qtbot, win, "15-reception-supplement"))
        win.reception_page.new_reception(force=True)

        # English, for a visiting colleague, without losing anything.
        translations.switch("en")
        win.new_reception()
        qtbot.waitUntil(lambda: win.reception_page.title.text() == "Receive a dossier")
        type_here("ket hon")
        press(Qt.Key.Key_Return)
        shots.append(shot(qtbot, win, "16-reception-english"))
        translations.switch("vi")
        win.reception_page.new_reception(force=True)

        # A break: the counter is locked.
        press(Qt.Key.Key_L, CTRL)
        shots.append(shot(qtbot, win, "17-lock"))
        assert win.is_locked()
    finally:
        win.close()
        printing.close()
        drafts.close()
    assert all(p.stat().st_size > 10_000 for p in shots)
    if not online:
        for path in shots:
            publish(path, f"desk/{path.name}")
