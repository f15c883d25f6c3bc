"""The USB barcode scanner types like a keyboard, only faster: anywhere in the app, a fast burst that
reads as a dossier code and ends in Enter opens the dossier; people typing are left alone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from app.domain.lifecycle import Action
from app.services.transitions import TransitionRequest, transition
from tests.gui.support import DemoDesk, focused_name, type_text
from ui.main_window import MainWindow
from ui.returns.return_dialog import ReturnDialog
from ui.scanner import BarcodeScanner

# Simulated scans arrive back to back; on a loaded test machine the process may still be paused for tens of
# milliseconds between two keys, so tests that scan widen the threshold (the rule itself is tested with a
# clock in test_the_timing_rule_with_a_clock).
TEST_MAX_GAP = 0.25


def scan(qtbot: QtBot, text: str, gap_ms: int = 0) -> None:
    """Keys as a scanner sends them (gap 0: back to back), then Enter, to the focused widget."""
    target = QApplication.focusWidget() or QApplication.activeWindow()
    assert target is not None
    for ch in text:
        type_text(target, ch)
        if gap_ms:
            qtbot.wait(gap_ms)
    QTest.keyClick(QApplication.focusWidget() or target, Qt.Key.Key_Return)


def test_a_scan_in_the_search_box_opens_the_dossier_and_leaves_the_box_as_it_was(
    qtbot: QtBot, desk_window: MainWindow, demo_desk: DemoDesk
) -> None:
    desk_window.scanner.max_gap = TEST_MAX_GAP
    code = demo_desk.dossiers["binh"].code
    desk_window.focus_search()
    type_text(desk_window.search_box, "ngoc")
    qtbot.wait(400)  # the officer typed, then picked up the scanner
    searches: list[str] = []
    desk_window.search_box.sig_search.connect(searches.append)
    with qtbot.waitSignal(desk_window.dossier_page.sig_loaded, timeout=10_000) as loaded:
        scan(qtbot, code)
    assert loaded.args == [code]
    assert desk_window.current_page() == "dossier"
    assert desk_window.search_box.text() == "ngoc"  # the scanned characters were taken back out
    assert code not in searches  # the Enter was swallowed
    assert desk_window.statusBar().currentMessage() == f"Đã đọc mã vạch: {code}"


def test_a_scan_on_the_returns_page_opens_the_return_at_once(
    qtbot: QtBot, desk_window: MainWindow, demo_desk: DemoDesk
) -> None:
    desk_window.scanner.max_gap = TEST_MAX_GAP
    code = demo_desk.dossiers["binh"].code
    services = demo_desk.desk.services
    transition(services, TransitionRequest(code, Action.MARK_RESULT_READY, officer="lan.nguyen"))
    desk_window.returns_action.trigger()
    qtbot.waitUntil(lambda: desk_window.returns_page.model.rowCount() == 1)
    assert focused_name() == "returnsCode"
    scan(qtbot, code)
    qtbot.waitUntil(lambda: isinstance(desk_window.dossier_page.dialog(), ReturnDialog), timeout=10_000)
    assert desk_window.returns_page.code.text() == ""


def test_a_scan_while_typing_a_name_in_reception_loses_nothing(
    qtbot: QtBot, desk_window: MainWindow, demo_desk: DemoDesk
) -> None:
    desk_window.scanner.max_gap = TEST_MAX_GAP
    desk_window.new_reception()
    name = desk_window.reception_page.applicant.name
    name.setFocus()
    qtbot.waitUntil(lambda: focused_name() == "applicantName")
    type_text(name, "Võ Thị")
    qtbot.wait(400)
    with qtbot.waitSignal(desk_window.dossier_page.sig_loaded, timeout=10_000):
        scan(qtbot, demo_desk.dossiers["khoa"].code)
    assert name.text() == "Võ Thị"
    desk_window.back()
    assert desk_window.current_page() == "reception"


def test_typing_a_code_by_hand_is_a_search_not_a_scan(
    qtbot: QtBot, desk_window: MainWindow, demo_desk: DemoDesk
) -> None:
    code = demo_desk.dossiers["binh"].code
    desk_window.focus_search()
    opened: list[str] = []
    desk_window.scanner.sig_code.connect(opened.append)
    scan(qtbot, code, gap_ms=80)  # a quick person, slower than a scanner (and load only slows keys more)
    qtbot.waitUntil(lambda: desk_window.shown_query() == code, timeout=5000)
    assert opened == []
    assert desk_window.current_page() == "search"
    assert [r.summary.code for r in desk_window.model.rows()] == [code]


def test_a_fast_burst_that_is_not_a_code_passes_through(qtbot: QtBot, desk_window: MainWindow) -> None:
    desk_window.scanner.max_gap = TEST_MAX_GAP
    desk_window.focus_search()
    opened: list[str] = []
    desk_window.scanner.sig_code.connect(opened.append)
    scan(qtbot, "nguyen thi ngoc anh")  # pasted, or a scanner reading something else
    qtbot.waitUntil(lambda: desk_window.shown_query() == "nguyen thi ngoc anh", timeout=5000)
    assert opened == []
    assert desk_window.search_box.text() == "nguyen thi ngoc anh"


def test_no_scan_while_locked_or_in_a_dialog(
    qtbot: QtBot, desk_window: MainWindow, demo_desk: DemoDesk
) -> None:
    desk_window.scanner.max_gap = TEST_MAX_GAP
    code = demo_desk.dossiers["binh"].code
    opened: list[str] = []
    desk_window.scanner.sig_code.connect(opened.append)
    desk_window.lock()
    qtbot.waitUntil(lambda: focused_name() == "passwordField")
    scan(qtbot, code)
    assert opened == []
    assert desk_window.current_page() == "search"
    desk_window.unlock(desk_window.session)

    box = QMessageBox(QMessageBox.Icon.Information, "x", "y", QMessageBox.StandardButton.Ok, desk_window)
    box.setObjectName("testBox")
    box.open()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is box)
    scan(qtbot, code)
    assert opened == []
    box.close()


def test_the_timing_rule_with_a_clock(qtbot: QtBot) -> None:
    """Gaps just under the threshold count as a scanner's; one slow key anywhere makes it a person's."""
    now = [0.0]
    scanner = BarcodeScanner(max_gap_ms=35, clock=lambda: now[0])
    codes: list[str] = []
    scanner.sig_code.connect(codes.append)
    from PySide6.QtGui import QKeyEvent

    def key(k: Qt.Key, text: str = "") -> bool:
        event = QKeyEvent(QKeyEvent.Type.KeyPress, k, Qt.KeyboardModifier.NoModifier, text)
        return scanner._key(event, None)

    code = "000.00.00.H48-260311-0001"
    slow_at = len(code) - 3  # a person's pause before the last digits
    for gaps in ([0.034] * len(code), [0.01] * slow_at + [0.2] + [0.01] * (len(code) - slow_at - 1)):
        for ch, gap in zip(code, gaps, strict=True):
            now[0] += gap
            assert key(Qt.Key.Key_unknown, ch) is False  # characters always pass through
        now[0] += 0.01
        swallowed = key(Qt.Key.Key_Return)
        assert swallowed is (gaps[slow_at] < 0.1)
    assert codes == [code]
