"""The reception screen, driven from the keyboard only: procedure, checklist, applicant (typed as a
Vietnamese input method delivers it), live ID check, returning applicants, appointment, and the three
decisions, written through the core off the GUI thread."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.domain.lifecycle import Status
from app.ports import DossierFilter
from tests.gui.support import DemoDesk, commit_text, focused_name, press, type_here
from ui.main_window import MainWindow
from ui.reception.page import ReceptionPage

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def _count(demo: DemoDesk) -> int:
    with demo.desk.services.uow(write=False) as uow:
        return len(uow.dossiers.list(DossierFilter(), 1000))


def _start(qtbot: QtBot, win: MainWindow, procedure_words: str) -> ReceptionPage:
    press(Qt.Key.Key_N, CTRL)
    page = win.reception_page
    assert win.current_page() == "reception"
    qtbot.waitUntil(lambda: focused_name() == "procedureSearch")
    type_here(procedure_words)
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: focused_name() == "componentsChecklist")
    return page


def _received(qtbot: QtBot, page: ReceptionPage) -> None:
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.done, timeout=10_000)


def test_a_whole_reception_without_the_mouse(
    qtbot: QtBot, desk_window: MainWindow, demo_desk: DemoDesk
) -> None:
    page = _start(qtbot, desk_window, "khai sinh")
    assert page.chosen.toolTip() == "1.001193.000.00.00.H48"
    # The appointment is computed as soon as the procedure is chosen: 1 working day after 10:00 Wednesday.
    qtbot.waitUntil(lambda: page.decision.appointment.text() == "10:00 Thứ Năm, 12/03/2026")
    assert page.decision.fee.text() == "Không thu phí"
    # Tick the optional proof of residence (the 7th component) too.
    for _ in range(6):
        press(Qt.Key.Key_Down)
    press(Qt.Key.Key_Space)
    ticks = {t.code: t.received for t in page.components.ticks()}
    assert sum(ticks.values()) == 4
    press(Qt.Key.Key_Tab)  # the scan button is disabled: straight to the ID number
    assert focused_name() == "applicantIdNumber"
    type_here("051190001234")
    assert (
        page.applicant.id_info.text() == "✓ CCCD hợp lệ: đăng ký khai sinh tại Quảng Ngãi, Nữ, sinh năm 1990"
    )
    press(Qt.Key.Key_Tab)
    assert focused_name() == "applicantName"
    commit_text(page.applicant.name, "Nguyễn Thị Ngọc Ánh")
    press(Qt.Key.Key_Tab)
    type_here("14/05/1990")
    press(Qt.Key.Key_Tab)
    type_here("0905 123 456")
    press(Qt.Key.Key_Tab)
    commit_text(page.applicant.address, "Số 12 Hùng Vương, phường Cẩm Thành")
    before = _count(demo_desk)
    press(Qt.Key.Key_Return, CTRL)
    _received(qtbot, page)
    assert _count(demo_desk) == before + 1
    received = page.done.received()
    assert received is not None and received.status is Status.RECEIVED
    assert page.done.appointment.text() == "Hẹn trả: 10:00 Thứ Năm, 12/03/2026"
    assert focused_name() == "receptionNewButton"
    with demo_desk.desk.services.uow(write=False) as uow:
        dossier = uow.dossiers.get(received.code)
    assert dossier.applicant.name == "Nguyễn Thị Ngọc Ánh"
    assert dossier.applicant.birth_date == date(1990, 5, 14)
    assert dossier.applicant.phone == "0905123456"
    assert dossier.applicant.address == "Số 12 Hùng Vương, phường Cẩm Thành"
    assert dossier.received_by == "lan.nguyen"
    assert sum(c.received for c in dossier.components) == 4
    # Ctrl+N: the next citizen.
    press(Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: focused_name() == "procedureSearch")
    assert page.stack.currentWidget() is page.form_widget
    assert page.form_state().is_blank()


def test_a_returning_applicant_is_filled_in_from_the_id_number(qtbot: QtBot, desk_window: MainWindow) -> None:
    page = _start(qtbot, desk_window, "1.004222")  # by code: permanent residence, 7 working days
    qtbot.waitUntil(lambda: page.decision.appointment.text() == "10:00 Thứ Sáu, 20/03/2026")
    press(Qt.Key.Key_Tab)
    type_here("051301004567")  # Nguyễn Thị Ngọc Ánh received a dossier before
    qtbot.waitUntil(lambda: page.applicant.name.text() == "Nguyễn Thị Ngọc Ánh")
    assert page.applicant.phone.text() == "0905123456"
    assert page.applicant.returning.text().startswith("Người nộp đã từng nộp hồ sơ")
    assert page.applicant.id_info.text().endswith("Nữ, sinh năm 2001")


def test_the_id_number_is_checked_as_it_is_typed(
    qtbot: QtBot, desk_window: MainWindow, demo_desk: DemoDesk
) -> None:
    page = _start(qtbot, desk_window, "khai sinh")
    press(Qt.Key.Key_Tab)
    type_here("0511")
    assert page.applicant.id_info.text() == "Đã gõ 4/12 chữ số · đăng ký khai sinh tại Quảng Ngãi, Nữ"
    page.applicant.id_number.clear()
    type_here("099")
    assert page.applicant.id_info.text() == "✗ Ba chữ số đầu không phải mã tỉnh nơi đăng ký khai sinh"
    page.applicant.id_number.clear()
    type_here("051390")  # century digit 3: born 2090
    assert page.applicant.id_info.text() == "✗ Năm sinh trong số này ở tương lai"
    press(Qt.Key.Key_Tab)
    commit_text(page.applicant.name, "Trần Văn Bình")
    before = _count(demo_desk)
    press(Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: page.decision.error.text() != "", timeout=5000)
    assert page.decision.error.text() == "Năm sinh trong số này ở tương lai"
    assert focused_name() == "applicantIdNumber"
    assert _count(demo_desk) == before  # bad input writes nothing


def test_a_missing_paper_asks_for_a_supplement_listing_it(
    qtbot: QtBot, desk_window: MainWindow, demo_desk: DemoDesk
) -> None:
    page = _start(qtbot, desk_window, "ket hon")  # marriage registration
    press(Qt.Key.Key_Space)  # the first (required) component was not handed in
    first = page.components.component(0).name
    assert first in page.decision.warning.text()
    press(Qt.Key.Key_Tab)
    type_here("051190001234")
    press(Qt.Key.Key_Tab)
    commit_text(page.applicant.name, "Lê Văn Dũng")
    press(Qt.Key.Key_2, ALT)  # "Yêu cầu bổ sung (Alt+&2)" (a mnemonic clicks after a short animation)
    qtbot.waitUntil(page.decision.missing.isVisible)
    assert page.decision.missing.toPlainText() == first
    assert page.decision.appointment.text() == "Chưa hẹn: thời hạn tính từ khi nhận đủ hồ sơ"
    press(Qt.Key.Key_Return, CTRL)
    _received(qtbot, page)
    received = page.done.received()
    assert received is not None and received.status is Status.SUPPLEMENT_REQUESTED
    assert page.done.title.text() == "Đã ghi nhận yêu cầu bổ sung hồ sơ"
    with demo_desk.desk.services.uow(write=False) as uow:
        history = uow.dossiers.history(received.code)
    assert history[0].payload["missing"] == [first]


def test_a_refusal_needs_its_reason(qtbot: QtBot, desk_window: MainWindow, demo_desk: DemoDesk) -> None:
    page = _start(qtbot, desk_window, "chung thuc ban sao")
    press(Qt.Key.Key_Tab)
    press(Qt.Key.Key_Tab)
    commit_text(page.applicant.name, "Phạm Đăng Khoa")
    press(Qt.Key.Key_3, ALT)  # "Từ chối (Alt+&3)"
    qtbot.waitUntil(lambda: page.decision.appointment.text() == "Không hẹn trả (từ chối tiếp nhận)")
    before = _count(demo_desk)
    press(Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: page.decision.error.text() != "", timeout=5000)
    assert page.decision.error.text() == "Hãy ghi lý do (lý do được in trên phiếu giao cho người dân)."
    assert _count(demo_desk) == before
    commit_text(page.decision.reason, "Giấy tờ không có bản chính để đối chiếu")
    press(Qt.Key.Key_Return, CTRL)
    _received(qtbot, page)
    received = page.done.received()
    assert received is not None and received.status is Status.REFUSED
    assert _count(demo_desk) == before + 1


def test_ctrl_n_over_a_half_typed_reception_asks_twice(qtbot: QtBot, desk_window: MainWindow) -> None:
    page = _start(qtbot, desk_window, "khai sinh")
    press(Qt.Key.Key_Tab)
    type_here("051190001234")
    press(Qt.Key.Key_N, CTRL)
    assert page.notice.isVisible()
    assert page.applicant.id_number.text() == "051190001234"  # nothing lost on one press
    press(Qt.Key.Key_N, CTRL)
    assert page.form_state().is_blank()
    assert not page.notice.isVisible()
