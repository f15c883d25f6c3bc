"""The main window on a demo desk: it lists, searches in the background, and marks what is late."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.domain.lifecycle import Status
from tests.gui.support import APPLICANTS, OVERDUE, DemoDesk, shown_codes, type_text
from ui.dossier_table import OVERDUE_COLOR, ROW_ROLE, Column
from ui.labels import status_label
from ui.main_window import MainWindow
from ui.search_box import DEBOUNCE_MS


def _search(qtbot: QtBot, win: MainWindow, query: str) -> None:
    """Wait until the table shows the background search's answer for `query`."""
    qtbot.waitUntil(lambda: win.shown_query() == query, timeout=5000)


def test_window_opens_on_the_demo_desk_and_lists_its_dossiers(
    window: MainWindow, demo_desk: DemoDesk
) -> None:
    office = "Trung tâm Phục vụ hành chính công tỉnh Quảng Ngãi"
    assert window.windowTitle() == f"MotCua Desk — {office}"
    assert window.header.office_label.text() == office
    assert window.header.counter_label.text() == "Quầy 1"
    assert window.header.officer_label.text().startswith("Cán bộ: ")
    assert "(lan.nguyen)" in window.header.officer_label.text()  # full name from the database, then username
    assert window.header.date_label.text() == "Thứ Tư, 11/03/2026"
    # Newest first, as the core gives them.
    assert shown_codes(window) == [
        demo_desk.dossiers[a.key].code for a in sorted(APPLICANTS, key=lambda a: a.ago)
    ]
    assert window.results_label.text() == f"Hồ sơ tiếp nhận gần đây ({len(APPLICANTS)})"
    assert window.counts_panel.count_text(Status.RECEIVED) == "5"
    assert window.counts_panel.count_text(Status.SUPPLEMENT_REQUESTED) == "1"
    assert window.counts_panel.count_text(Status.REFUSED) == "1"
    assert window.counts_panel.count_text(Status.RETURNED) == "0"
    assert window.counts_panel.count_text(None) == str(len(APPLICANTS))


def test_status_bar_shows_the_database_and_that_sync_is_not_configured(
    window: MainWindow, demo_desk: DemoDesk
) -> None:
    assert str(demo_desk.desk.settings.database_path) in window.database_label.text()
    assert window.sync_label.text() == "Chưa cấu hình máy chủ đồng bộ"
    assert window.sync_label.toolTip() == "Máy này làm việc độc lập (server.url để trống)."


def test_status_column_speaks_vietnamese(window: MainWindow) -> None:
    model = window.model
    shown = {model.index(r, Column.STATUS).data() for r in range(model.rowCount())}
    assert shown == {"Đã tiếp nhận", "Chờ bổ sung", "Từ chối"}
    assert model.headerData(Column.STATUS, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) == (
        "Trạng thái"
    )
    assert {s: status_label(s) for s in Status} == {
        Status.RECEIVED: "Đã tiếp nhận",
        Status.IN_PROCESSING: "Đang xử lý",
        Status.SUPPLEMENT_REQUESTED: "Chờ bổ sung",
        Status.REFUSED: "Từ chối",
        Status.RESULT_READY: "Có kết quả",
        Status.RETURNED: "Đã trả kết quả",
        Status.WITHDRAWN: "Đã rút",
        Status.STOPPED: "Dừng xử lý",
    }


def test_dates_are_local_and_day_first(window: MainWindow, demo_desk: DemoDesk) -> None:
    model = window.model
    row = next(
        r for r in range(model.rowCount()) if model.row_at(r).summary.applicant_name == "Đặng Ngọc Yến"
    )
    assert model.index(row, Column.RECEIVED).data() == "11/03/2026 09:50"


def test_overdue_rows_are_red_with_a_tooltip_and_an_icon(window: MainWindow, demo_desk: DemoDesk) -> None:
    model = window.model
    overdue_codes = {demo_desk.dossiers[key].code for key in OVERDUE}
    for r in range(model.rowCount()):
        row = model.index(r, 0).data(ROW_ROLE)
        due = model.index(r, Column.DUE)
        if row.summary.code in overdue_codes:
            assert row.overdue
            assert (
                model.index(r, Column.APPLICANT).data(Qt.ItemDataRole.ForegroundRole).color() == OVERDUE_COLOR
            )
            assert "Quá hạn" in due.data(Qt.ItemDataRole.ToolTipRole)
            assert not due.data(Qt.ItemDataRole.DecorationRole).isNull()
        else:
            assert not row.overdue, row.summary.applicant_name
            assert due.data(Qt.ItemDataRole.ForegroundRole) is None
    assert window.overdue_label.text() == "⚠ 2 hồ sơ quá hạn"


def test_typing_a_name_without_diacritics_finds_the_dossier(
    qtbot: QtBot, window: MainWindow, demo_desk: DemoDesk
) -> None:
    qtbot.keyClicks(window.search_box, "ngoc anh")
    _search(qtbot, window, "ngoc anh")
    assert shown_codes(window) == [demo_desk.dossiers["anh"].code]
    assert window.results_label.text() == "Tìm thấy 1 hồ sơ cho “ngoc anh”"


def test_typing_vietnamese_finds_the_dossier(qtbot: QtBot, window: MainWindow, demo_desk: DemoDesk) -> None:
    type_text(window.search_box, "Hồng Đào")
    assert window.search_box.text() == "Hồng Đào"
    _search(qtbot, window, "Hồng Đào")
    assert shown_codes(window) == [demo_desk.dossiers["dao"].code]


def test_search_by_phone_and_by_code(qtbot: QtBot, window: MainWindow, demo_desk: DemoDesk) -> None:
    qtbot.keyClicks(window.search_box, "0914222333")
    _search(qtbot, window, "0914222333")
    assert shown_codes(window) == [demo_desk.dossiers["binh"].code]
    code = demo_desk.dossiers["khoa"].code
    window.search_box.setText(code)
    _search(qtbot, window, code)
    assert shown_codes(window) == [code]


def test_no_match_says_so_and_clearing_shows_the_recent_list_again(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.search_box, "xyzzy")
    _search(qtbot, window, "xyzzy")
    assert shown_codes(window) == []
    assert window.results_label.text() == "Không tìm thấy hồ sơ nào cho “xyzzy”"
    QTest.keyClick(window.search_box, Qt.Key.Key_Escape)
    assert window.search_box.text() == ""
    _search(qtbot, window, "")
    assert len(shown_codes(window)) == len(APPLICANTS)


def test_typing_is_debounced_into_one_search(qtbot: QtBot, window: MainWindow) -> None:
    searches: list[str] = []
    window.search_box.sig_search.connect(searches.append)
    qtbot.keyClicks(window.search_box, "tran van")
    qtbot.wait(DEBOUNCE_MS * 3)
    assert searches == ["tran van"]


def test_ctrl_f_focuses_the_search_box(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    window.table.setFocus()
    qtbot.waitUntil(window.table.hasFocus)
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.search_box.hasFocus)


def test_every_control_has_an_object_and_accessible_name(window: MainWindow) -> None:
    controls = [
        w
        for w in window.findChildren(QWidget)
        if w.isVisible() and not w.objectName().startswith("qt_")  # Qt's internals (viewports)
    ]
    assert len(controls) > 30
    unnamed = [w for w in controls if not w.objectName() or not w.accessibleName()]
    assert unnamed == [], [(type(w).__name__, w.objectName()) for w in unnamed]


def test_column_headers_and_sorting(qtbot: QtBot, window: MainWindow) -> None:
    model = window.model
    titles = [model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) for c in Column]
    assert titles == ["Mã hồ sơ", "Người nộp", "Thủ tục", "Trạng thái", "Ngày nhận", "Hẹn trả"]
    window.table.sortByColumn(Column.APPLICANT, Qt.SortOrder.AscendingOrder)
    names = [model.row_at(r).summary.applicant_name for r in range(model.rowCount())]
    assert names == sorted(names, key=str.casefold)


def test_a_search_answered_after_the_text_changed_is_never_shown(qtbot: QtBot, window: MainWindow) -> None:
    shown: list[str] = []
    window.sig_results_shown.connect(shown.append)
    window.search_box.setText("tran van")
    QTest.keyClick(window.search_box, Qt.Key.Key_Return)  # searches at once, no debounce
    window.search_box.setText("ngoc anh")  # before the answer for "tran van" is delivered
    _search(qtbot, window, "ngoc anh")
    qtbot.wait(DEBOUNCE_MS * 2)
    assert shown == ["ngoc anh"]
