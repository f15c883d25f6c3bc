"""The overdue list with its apology flow, today's report, the results waiting, and the list's filters."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.domain.lifecycle import Action, Status
from app.services.transitions import TransitionRequest, transition
from tests.gui.support import OVERDUE, DemoDesk, commit_text, focused_name, press
from ui.dossier_page.dialogs import ApologyDialog
from ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def test_the_overdue_list_and_its_apology(qtbot: QtBot, desk_window: MainWindow, demo_desk: DemoDesk) -> None:
    page = desk_window.overdue_page
    with qtbot.waitSignal(page.sig_loaded, timeout=10_000):
        press(Qt.Key.Key_F7)
    late = {demo_desk.dossiers[k].code for k in OVERDUE}
    codes = [r.summary.code for r in page.model.rows()]
    assert set(codes) == late
    assert codes[0] == demo_desk.dossiers["anh"].code  # longest late first
    assert page.count.text() == "⚠ 2 hồ sơ đã quá hạn hẹn trả"
    assert not page.print_button.isEnabled()
    # Filter by procedure: only the business household one.
    index = page.procedure.findData("1.001612.000.00.00.H48")
    with qtbot.waitSignal(page.sig_loaded, timeout=10_000):
        page.procedure.setCurrentIndex(index)
    assert [r.summary.code for r in page.model.rows()] == [demo_desk.dossiers["duc"].code]
    # Enter on the row: the dossier opens with the apology dialog.
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 0))
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(desk_window.dossier_page.dialog(), ApologyDialog), timeout=10_000)
    dialog = desk_window.dossier_page.dialog()
    assert isinstance(dialog, ApologyDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.waitUntil(lambda: dialog.new_due.text() != "Đang tính…", timeout=5000)
    commit_text(dialog.reason, "Chờ ý kiến của cơ quan thuế")
    with qtbot.waitSignal(desk_window.dossier_page.sig_changed, timeout=10_000):
        press(Qt.Key.Key_Return, CTRL)
    # Back to the list: it no longer holds the apologised dossier.
    with qtbot.waitSignal(page.sig_loaded, timeout=10_000):
        press(Qt.Key.Key_Escape)
    assert desk_window.current_page() == "overdue"
    assert page.model.rowCount() == 0
    assert page.count.text() == "Không có hồ sơ nào quá hạn."


def test_todays_report_counts_per_status(qtbot: QtBot, desk_window: MainWindow, demo_desk: DemoDesk) -> None:
    transition(
        demo_desk.desk.services,
        TransitionRequest(demo_desk.dossiers["binh"].code, Action.START_PROCESSING, officer="lan.nguyen"),
    )
    page = desk_window.report_page
    with qtbot.waitSignal(page.sig_loaded, timeout=10_000):
        press(Qt.Key.Key_F8)
    report = page.report()
    assert report is not None
    # Received on 11/03: binh (now in processing), dao (supplement), khoa (refused), yen.
    assert report.received == {
        Status.IN_PROCESSING: 1,
        Status.SUPPLEMENT_REQUESTED: 1,
        Status.REFUSED: 1,
        Status.RECEIVED: 1,
    }
    assert page.office.count_text(Status.IN_PROCESSING) == "1"
    assert page.office.count_text(None) == "4"
    assert page.mine.count_text(None) == "4"
    assert page.day.text().startswith("Thứ Tư, 11/03/2026")
    assert page.overdue.text() == "Đang quá hạn: 2 hồ sơ"
    assert page.officers.item(0, 0).text() == "Nguyễn Thị Lan (lan.nguyen)"
    assert not page.print_button.isEnabled()  # this window was opened without printing
    assert page.print_button.toolTip() == "Chức năng in chưa được cài đặt trên máy này"
    assert not page.export_button.isEnabled()
    qtbot.waitUntil(lambda: "Tôi đã nhận: 4 hồ sơ" in desk_window.nav.today.text())


def test_the_list_filters(qtbot: QtBot, desk_window: MainWindow, demo_desk: DemoDesk) -> None:
    filters = desk_window.search_page.filters
    with qtbot.waitSignal(desk_window.sig_results_shown, timeout=10_000):
        filters.overdue_check.setChecked(True)
    assert {r.summary.code for r in desk_window.model.rows()} == {demo_desk.dossiers[k].code for k in OVERDUE}
    assert desk_window.results_label.text() == "Hồ sơ theo bộ lọc (2)"
    with qtbot.waitSignal(desk_window.sig_results_shown, timeout=10_000):
        filters.overdue_check.setChecked(False)
    with qtbot.waitSignal(desk_window.sig_results_shown, timeout=10_000):
        filters.status_combo.setCurrentIndex(filters.status_combo.findData(Status.SUPPLEMENT_REQUESTED.value))
    assert [r.summary.code for r in desk_window.model.rows()] == [demo_desk.dossiers["dao"].code]
    with qtbot.waitSignal(desk_window.sig_results_shown, timeout=10_000):
        filters.status_combo.setCurrentIndex(0)
    # Due today: yen's same-day copy certification (due 17:00).
    with qtbot.waitSignal(desk_window.sig_results_shown, timeout=10_000):
        filters.due_today_check.setChecked(True)
    assert [r.summary.code for r in desk_window.model.rows()] == [demo_desk.dossiers["yen"].code]
    # A search is filtered too.
    desk_window.focus_search()
    desk_window.search_box.setText("dang")
    qtbot.waitUntil(lambda: desk_window.shown_query() == "dang", timeout=5000)
    assert [r.summary.code for r in desk_window.model.rows()] == [demo_desk.dossiers["yen"].code]


def test_results_waiting_and_typing_a_code_on_the_returns_page(
    qtbot: QtBot, desk_window: MainWindow, demo_desk: DemoDesk
) -> None:
    code = demo_desk.dossiers["uyen"].code
    transition(
        demo_desk.desk.services, TransitionRequest(code, Action.MARK_RESULT_READY, officer="lan.nguyen")
    )
    page = desk_window.returns_page
    with qtbot.waitSignal(page.sig_loaded, timeout=10_000):
        press(Qt.Key.Key_F4)
    assert page.count.text() == "Hồ sơ đã có kết quả, chờ công dân đến nhận (1)"
    assert focused_name() == "returnsCode"
    page.code.setText("not a code")
    press(Qt.Key.Key_Return)
    assert page.problem.text() == "“not a code” không phải mã hồ sơ."
    page.code.setText(code)
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: desk_window.dossier_page.dialog() is not None, timeout=10_000)
    assert desk_window.dossier_page.dialog().action is Action.RETURN_RESULT
