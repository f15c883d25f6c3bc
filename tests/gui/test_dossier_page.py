"""A dossier's page: facts, timeline in words, the actions its status allows, and their dialogs (reason,
apology with a previewed appointment, return with the collector's ID checked and the fee)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.domain.lifecycle import Action, Status
from app.services.transitions import TransitionRequest, transition
from tests.gui.support import DemoDesk, commit_text, focused_name, press, type_here
from ui.dossier_page.dialogs import ApologyDialog, ReasonDialog
from ui.main_window import MainWindow
from ui.returns.return_dialog import ReturnDialog

CTRL = Qt.KeyboardModifier.ControlModifier


def _open(qtbot: QtBot, win: MainWindow, code: str) -> None:
    with qtbot.waitSignal(win.dossier_page.sig_loaded, timeout=10_000):
        win.open_dossier(code)
    assert win.current_page() == "dossier"


def _dialog(qtbot: QtBot, win: MainWindow, action: Action) -> object:
    dialog = win.dossier_page.start_action(action)
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def _visible_actions(win: MainWindow) -> set[Action]:
    return {a for a, b in win.dossier_page.action_buttons.items() if b.isVisible()}


def test_the_page_shows_the_dossier_and_what_it_allows(
    qtbot: QtBot, desk_window: MainWindow, demo_desk: DemoDesk
) -> None:
    code = demo_desk.dossiers["duc"].code  # received a week ago, 3 working days: late
    _open(qtbot, desk_window, code)
    page = desk_window.dossier_page
    assert page.title.text() == f"Hồ sơ {code}"
    assert page.status.text() == "Đã tiếp nhận"
    assert page.lateness.text().startswith("⚠ Quá hạn ")
    assert page.fact_values["applicant"].text() == "Huỳnh Minh Đức"
    assert page.fact_values["procedure"].text().startswith("Đăng ký thành lập hộ kinh doanh (1.001612")
    assert page.fact_values["fee"].text() == "50.000 đ"
    assert page.timeline.item(0, 2).text() == "Tiếp nhận hồ sơ; hẹn trả 09/03/2026 08:00."
    assert page.timeline.item(0, 1).text() == "Nguyễn Thị Lan"
    assert _visible_actions(desk_window) == {
        Action.START_PROCESSING,
        Action.REQUEST_SUPPLEMENT,
        Action.REFUSE,
        Action.MARK_RESULT_READY,
        Action.WITHDRAW,
        Action.STOP,
        Action.APOLOGISE,
        Action.ADD_NOTE,
    }
    assert not page.print_button.isEnabled()
    assert page.print_button.toolTip() == "Chức năng in chưa được cài đặt trên máy này"  # no printing here
    press(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: desk_window.current_page() == "search")


def test_processing_to_result_to_return_with_the_collector_checked(
    qtbot: QtBot, desk_window: MainWindow, demo_desk: DemoDesk
) -> None:
    code = demo_desk.dossiers["binh"].code
    _open(qtbot, desk_window, code)
    page = desk_window.dossier_page
    dialog = _dialog(qtbot, desk_window, Action.START_PROCESSING)
    assert isinstance(dialog, ReasonDialog)
    assert dialog.unit.text() != ""  # the first step's unit, from the published process
    with qtbot.waitSignal(page.sig_changed, timeout=10_000):
        press(Qt.Key.Key_Return, CTRL)
    assert page.status.text() == "Đang xử lý"
    dialog = _dialog(qtbot, desk_window, Action.MARK_RESULT_READY)
    assert isinstance(dialog, ReasonDialog)
    with qtbot.waitSignal(page.sig_changed, timeout=10_000):
        dialog.confirm()
    assert page.status.text() == "Có kết quả"
    assert _visible_actions(desk_window) >= {Action.RETURN_RESULT}

    dialog = _dialog(qtbot, desk_window, Action.RETURN_RESULT)
    assert isinstance(dialog, ReturnDialog)
    assert dialog.name.text() == "Trần Văn Bình"
    assert dialog.id_number.text() == "051090001234"
    assert dialog.id_info.text().startswith("✓ CCCD hợp lệ")
    assert dialog.fee.value() == 20_000
    # Someone else collects it, with a number that cannot exist: refused before anything is written.
    dialog.other_radio.setChecked(True)
    assert dialog.name.text() == "" and not dialog.name.isReadOnly()
    dialog.name.setFocus()
    commit_text(dialog.name, "Trần Thị Hoa")
    dialog.id_number.setFocus()
    type_here("099123456789")
    assert dialog.id_info.text().startswith("✗ ")
    dialog.confirm()
    assert dialog.error.text() == "Hãy kiểm tra giấy tờ tùy thân của người nhận và nhập đúng số giấy tờ."
    assert dialog.isVisible()
    dialog.id_number.clear()
    type_here("051195007788")
    with qtbot.waitSignal(page.sig_changed, timeout=10_000):
        press(Qt.Key.Key_Return, CTRL)
    assert page.status.text() == "Đã trả kết quả"
    assert page.timeline.item(0, 2).text() == (
        "Trả kết quả cho Trần Thị Hoa (giấy tờ số 051195007788). Đã thu: 20.000 đ."
    )
    assert _visible_actions(desk_window) == {Action.ADD_NOTE}


def test_an_apology_previews_and_records_the_new_appointment(
    qtbot: QtBot, desk_window: MainWindow, demo_desk: DemoDesk
) -> None:
    code = demo_desk.dossiers["anh"].code  # due 06/03 10:00, late at NOW (11/03 10:00)
    _open(qtbot, desk_window, code)
    page = desk_window.dossier_page
    dialog = _dialog(qtbot, desk_window, Action.APOLOGISE)
    assert isinstance(dialog, ApologyDialog)
    assert focused_name() == "apologyDays"
    # Two working days from now (the old appointment is past): Friday 13/03 10:00.
    qtbot.waitUntil(lambda: dialog.new_due.text() == "10:00 Thứ Sáu, 13/03/2026", timeout=5000)
    assert dialog.current.text() == "10:00 Thứ Sáu, 06/03/2026"
    dialog.days.setValue(3)
    qtbot.waitUntil(lambda: dialog.new_due.text() == "10:00 Thứ Hai, 16/03/2026", timeout=5000)
    dialog.confirm()
    assert dialog.error.text() == "Hãy ghi lý do chậm trễ (được in trên thư xin lỗi Mẫu 04)."
    commit_text(dialog.reason, "Chờ xác minh thông tin hộ tịch")
    with qtbot.waitSignal(page.sig_changed, timeout=10_000):
        dialog.confirm()
    assert not page.lateness.text().startswith("⚠")
    assert page.lateness.text() == "Đã xin lỗi, hẹn lại 1 lần"
    assert page.fact_values["due"].text() == "10:00 Thứ Hai, 16/03/2026 (hẹn ban đầu: 06/03/2026 10:00)"
    assert page.timeline.item(0, 2).text() == (
        "Xin lỗi và hẹn lại (Mẫu 04): từ 06/03/2026 10:00 sang 16/03/2026 10:00. "
        "Lý do: Chờ xác minh thông tin hộ tịch"
    )


def test_a_refused_action_is_told_in_the_dialog_and_writes_nothing(
    qtbot: QtBot, desk_window: MainWindow, demo_desk: DemoDesk
) -> None:
    code = demo_desk.dossiers["binh"].code
    _open(qtbot, desk_window, code)
    dialog = _dialog(qtbot, desk_window, Action.REFUSE)
    # Meanwhile another desk refused it already.
    transition(
        demo_desk.desk.services,
        TransitionRequest(code, Action.REFUSE, officer="hung.tran", reason="Sai thẩm quyền"),
    )
    assert isinstance(dialog, ReasonDialog)
    commit_text(dialog.reason, "Trùng hồ sơ")
    dialog.confirm()
    qtbot.waitUntil(lambda: dialog.error.text().startswith("Không thể"), timeout=5000)
    assert dialog.error.text() == "Không thể “Từ chối giải quyết” khi hồ sơ đang ở trạng thái “Từ chối”."
    assert dialog.ok.isEnabled()
    with demo_desk.desk.services.uow(write=False) as uow:
        assert uow.dossiers.get(code).status is Status.REFUSED
        assert len(uow.dossiers.history(code)) == 2
