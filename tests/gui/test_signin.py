"""Sign-in per officer (checked off the GUI thread) and the lock screen, which keeps the window's state."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from tests.gui.support import PASSWORD, DemoDesk, focused_name, press, type_here, unnamed_controls
from ui.desk_info import DeskInfo
from ui.main_window import MainWindow
from ui.signin.dialog import SignInDialog
from ui.tasks import TaskManager

CTRL = Qt.KeyboardModifier.ControlModifier


def test_sign_in_refuses_a_wrong_password_then_lets_the_officer_in(qtbot: QtBot, demo_desk: DemoDesk) -> None:
    tasks = TaskManager(demo_desk.desk.services)
    dialog = SignInDialog(DeskInfo.from_settings(demo_desk.desk.settings), tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    try:
        qtbot.waitUntil(lambda: focused_name() == "passwordField")  # the desk's usual officer is filled in
        assert dialog.form.username.text() == "lan.nguyen"
        assert dialog.counter.text() == "Quầy 1"
        assert unnamed_controls(dialog) == []
        type_here("sai-mat-khau")
        press(Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: dialog.form.message.text().startswith("Tài khoản hoặc mật khẩu không đúng"))
        assert dialog.form.password.text() == ""
        assert dialog.result() != QDialog.DialogCode.Accepted
        dialog.form.username.setText("Ngoc.Dang ")  # as typed in a hurry
        dialog.form.password.setFocus()
        type_here(PASSWORD)
        with qtbot.waitSignal(dialog.accepted, timeout=10_000):
            press(Qt.Key.Key_Return)
        assert dialog.session is not None
        assert (dialog.session.username, dialog.session.full_name, dialog.session.counter) == (
            "ngoc.dang",
            "Đặng Bảo Ngọc",
            1,
        )
    finally:
        tasks.shutdown()


def test_the_lock_screen_keeps_a_half_typed_reception(qtbot: QtBot, desk_window: MainWindow) -> None:
    desk_window.new_reception()
    page = desk_window.reception_page
    qtbot.waitUntil(lambda: focused_name() == "procedureSearch")
    type_here("khai sinh")
    press(Qt.Key.Key_Return)
    page.applicant.id_number.setFocus()
    type_here("051190001234")
    press(Qt.Key.Key_L, CTRL)
    assert desk_window.is_locked()
    assert desk_window.screens.currentWidget() is desk_window.lock_screen
    qtbot.waitUntil(lambda: focused_name() == "passwordField")
    assert desk_window.lock_screen.who.text() == "Cán bộ: Nguyễn Thị Lan (lan.nguyen)"
    assert unnamed_controls(desk_window) == []
    press(Qt.Key.Key_N, CTRL)  # the desk's shortcuts do nothing while locked
    assert desk_window.screens.currentWidget() is desk_window.lock_screen
    type_here("nhầm")
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: desk_window.lock_screen.form.message.text() != "Đang kiểm tra…")
    assert desk_window.is_locked()
    type_here(PASSWORD)
    with qtbot.waitSignal(desk_window.sig_locked, timeout=10_000) as unlocked:
        press(Qt.Key.Key_Return)
    assert unlocked.args == [False]
    assert desk_window.current_page() == "reception"
    assert page.applicant.id_number.text() == "051190001234"
    assert page.form_state().procedure_code == "1.001193.000.00.00.H48"


def test_another_officer_can_take_over_at_the_lock_screen(qtbot: QtBot, desk_window: MainWindow) -> None:
    desk_window.lock()
    form = desk_window.lock_screen.form
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.password)
    form.username.setText("son.bui")
    type_here(PASSWORD)
    with qtbot.waitSignal(desk_window.sig_locked, timeout=10_000):
        press(Qt.Key.Key_Return)
    assert desk_window.session.username == "son.bui"
    assert desk_window.header.officer_label.text() == "Cán bộ: Bùi Thanh Sơn (son.bui)"
    assert desk_window.reception_page._session is desk_window.session
