"""The desk's main window: header, search, the dossier list, counts by status and the status bar.

It composes the widgets and wires them to background ops; the widgets know nothing of the database and
the ops nothing of the widgets (ui/tasks.py).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QColor, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSizeGrip,
    QVBoxLayout,
    QWidget,
)

from ui.desk_info import DeskInfo
from ui.dossier_table import OVERDUE_COLOR, DossierTableModel, DossierTableView
from ui.header import DeskHeader, scaled_font
from ui.labels import format_count
from ui.legend import LegendPanel
from ui.queries import SEARCH_LIMIT, DossierRow, Overview, SearchResult, find_dossiers, load_overview
from ui.search_box import SearchBox
from ui.status_panel import StatusCountsPanel
from ui.tasks import QueryOp, TaskManager

log = logging.getLogger(__name__)

SEARCH_KEY = "search"
OVERVIEW_KEY = "overview"


def _mix(a: QColor, b: QColor, share_of_a: float) -> QColor:
    """A colour between `a` and `b` (works for light and dark themes alike)."""
    k = share_of_a
    return QColor.fromRgbF(
        a.redF() * k + b.redF() * (1 - k),
        a.greenF() * k + b.greenF() * (1 - k),
        a.blueF() * k + b.blueF() * (1 - k),
    )


class MainWindow(QMainWindow):
    # The overview (recent dossiers, counts) has been shown: after the first load and each refresh.
    sig_loaded = Signal()
    # The table now shows the result for this query ("" = the recent dossiers).
    sig_results_shown = Signal(str)

    def __init__(self, info: DeskInfo, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setAccessibleName(self.tr("Cửa sổ chính MotCua Desk"))
        self.setWindowTitle(self.tr("MotCua Desk — {office}").format(office=info.office_name or "MotCua"))
        self.info = info
        self.tasks = tasks
        self.tasks.setParent(self)
        self._overview: Overview | None = None
        self._shown_query: str | None = None

        self.header = DeskHeader(info)
        self.search_box = SearchBox()
        self.search_box.setFont(scaled_font(self.font(), 1.15))
        self.refresh_button = QPushButton(self.tr("Làm mới"))
        self.refresh_button.setObjectName("refreshButton")
        self.refresh_button.setAccessibleName(self.tr("Làm mới danh sách"))
        self.refresh_button.setToolTip(self.tr("Đọc lại danh sách và số liệu (F5)"))
        self.results_label = QLabel()
        self.results_label.setObjectName("resultsLabel")
        self.results_label.setAccessibleName(self.tr("Kết quả"))
        self.results_label.setFont(scaled_font(self.font(), 1.05, bold=True))
        self.overdue_label = QLabel()
        self.overdue_label.setObjectName("overdueLabel")
        self.overdue_label.setAccessibleName(self.tr("Số hồ sơ quá hạn trong danh sách"))
        self.overdue_label.setStyleSheet(f"color: {OVERDUE_COLOR.name()};")
        self.model = DossierTableModel(self)
        self.table = DossierTableView(self.model)
        self.counts_panel = StatusCountsPanel()

        self._build_actions()
        self.legend = LegendPanel(
            [
                (self.find_action.shortcut(), self.tr("Tìm hồ sơ")),
                (self.refresh_action.shortcut(), self.tr("Làm mới danh sách")),
                (QKeySequence(Qt.Key.Key_Escape), self.tr("Xoá ô tìm kiếm")),
            ]
        )
        self._build_layout()
        self._build_status_bar()

        self.search_box.sig_edited.connect(self._on_search_edited)
        self.search_box.sig_search.connect(self._on_search)
        self.refresh_button.clicked.connect(self.refresh)
        self.tasks.sig_failed.connect(self._show_failure)
        self.results_label.setText(self.tr("Đang tải danh sách hồ sơ…"))

    # ----- construction -------------------------------------------------------------------------------

    def _build_layout(self) -> None:
        rule = QFrame()
        rule.setObjectName("headerRule")
        rule.setAccessibleName(self.tr("Đường kẻ"))
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Sunken)

        search_row = QHBoxLayout()
        search_row.addWidget(self.search_box, 1)
        search_row.addWidget(self.refresh_button)

        results_row = QHBoxLayout()
        results_row.addWidget(self.results_label, 1)
        results_row.addWidget(self.overdue_label)

        list_column = QVBoxLayout()
        list_column.addLayout(search_row)
        list_column.addLayout(results_row)
        list_column.addWidget(self.table, 1)

        side_column = QVBoxLayout()
        side_column.addWidget(self.counts_panel)
        side_column.addWidget(self.legend)
        side_column.addStretch(1)

        body = QHBoxLayout()
        body.addLayout(list_column, 1)
        body.addLayout(side_column)

        central = QWidget()
        central.setObjectName("centralWidget")
        central.setAccessibleName(self.tr("Nội dung chính"))
        layout = QVBoxLayout(central)
        layout.addWidget(self.header)
        layout.addWidget(rule)
        layout.addLayout(body, 1)
        self.setCentralWidget(central)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        bar.setObjectName("statusBar")
        bar.setAccessibleName(self.tr("Thanh trạng thái"))
        self.database_label = QLabel(self.tr("CSDL: {path}").format(path=self.info.database_path))
        self.database_label.setObjectName("databaseLabel")
        self.database_label.setAccessibleName(self.tr("Tệp cơ sở dữ liệu"))
        self.database_label.setToolTip(str(self.info.database_path))
        self.database_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if self.info.server_url:
            sync_text = self.tr("Đồng bộ: chưa hỗ trợ trong phiên bản này")
            sync_tip = self.tr("Máy chủ đã cấu hình: {url}").format(url=self.info.server_url)
        else:
            sync_text = self.tr("Chưa cấu hình máy chủ đồng bộ")
            sync_tip = self.tr("Máy này làm việc độc lập; đồng bộ sẽ có ở phiên bản sau.")
        self.sync_label = QLabel(sync_text)
        self.sync_label.setObjectName("syncLabel")
        self.sync_label.setAccessibleName(self.tr("Trạng thái đồng bộ"))
        self.sync_label.setToolTip(sync_tip)
        self.sync_label.setEnabled(False)
        # Disabled, but still legible: the default disabled grey is about 1.6:1 on the status bar.
        palette = self.sync_label.palette()
        text = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText)
        window = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Window)
        palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, _mix(text, window, 0.6))
        self.sync_label.setPalette(palette)
        for grip in bar.findChildren(QSizeGrip):
            grip.setObjectName("statusBarSizeGrip")
            grip.setAccessibleName(self.tr("Kéo để đổi cỡ cửa sổ"))
        bar.addPermanentWidget(self.database_label, 1)
        bar.addPermanentWidget(self.sync_label)

    def _build_actions(self) -> None:
        self.find_action = QAction(self.tr("Tìm hồ sơ"), self)
        self.find_action.setObjectName("findAction")
        self.find_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        self.find_action.triggered.connect(self.focus_search)
        self.refresh_action = QAction(self.tr("Làm mới"), self)
        self.refresh_action.setObjectName("refreshAction")
        self.refresh_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.refresh_action.triggered.connect(self.refresh)
        self.addAction(self.find_action)
        self.addAction(self.refresh_action)

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.averageCharWidth() * 170, metrics.height() * 40)

    # ----- behaviour ----------------------------------------------------------------------------------

    def start(self) -> None:
        """Load the first data; call once the window is shown."""
        self.refresh()
        self.search_box.setFocus()

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def refresh(self) -> None:
        QueryOp(op=load_overview, success=self._on_overview).failure(self._on_overview_failed).latest(
            OVERVIEW_KEY
        ).run(self.tasks)
        query = self.search_box.query()
        if query:
            self._on_search(query)

    def _on_overview(self, overview: Overview) -> None:
        self._overview = overview
        self.header.set_officer_name(overview.officer_name)
        self.header.set_today(overview.loaded_at.date())
        self.counts_panel.set_counts(overview.counts)
        if not self.search_box.query():
            self._show_overview()
        self.sig_loaded.emit()

    def _on_overview_failed(self, error: Exception) -> None:
        log.error("loading the overview failed", exc_info=error)
        self.results_label.setText(self.tr("Không đọc được danh sách hồ sơ: {error}").format(error=error))

    def _show_overview(self) -> None:
        if self._overview is None:
            return  # still loading; _on_overview shows it
        rows = self._overview.rows
        if rows:
            self.results_label.setText(
                self.tr("Hồ sơ tiếp nhận gần đây ({count})").format(count=format_count(len(rows)))
            )
        else:
            self.results_label.setText(self.tr("Chưa có hồ sơ nào. Hồ sơ tiếp nhận sẽ hiện ở đây."))
        self._show_rows(rows, "")

    def _on_search_edited(self, _text: str) -> None:
        # Whatever search is in flight answers an older text now.
        self.tasks.supersede(SEARCH_KEY)

    def _on_search(self, query: str) -> None:
        if not query:
            self._show_overview()
            return
        self.results_label.setText(self.tr("Đang tìm “{query}”…").format(query=query))
        QueryOp(op=lambda services: find_dossiers(services, query), success=self._on_found).latest(
            SEARCH_KEY
        ).run(self.tasks)

    def _on_found(self, result: SearchResult) -> None:
        if result.text != self.search_box.query():
            return  # belt and braces: the box changed without a new search yet
        n = len(result.rows)
        if n == 0:
            text = self.tr("Không tìm thấy hồ sơ nào cho “{query}”").format(query=result.text)
        elif n >= SEARCH_LIMIT:
            text = self.tr("{count} hồ sơ đầu tiên cho “{query}” (gõ thêm để thu hẹp)").format(
                count=format_count(n), query=result.text
            )
        else:
            text = self.tr("Tìm thấy {count} hồ sơ cho “{query}”").format(
                count=format_count(n), query=result.text
            )
        self.results_label.setText(text)
        self._show_rows(result.rows, result.text)

    def _show_rows(self, rows: tuple[DossierRow, ...], query: str) -> None:
        self.model.set_rows(rows)
        overdue = sum(1 for r in rows if r.overdue)
        self.overdue_label.setText(
            self.tr("⚠ {count} hồ sơ quá hạn").format(count=format_count(overdue)) if overdue else ""
        )
        self._shown_query = query
        self.sig_results_shown.emit(query)

    def shown_query(self) -> str | None:
        """The query whose result the table shows ("" = recent dossiers, None = nothing yet)."""
        return self._shown_query

    def _show_failure(self, message: str) -> None:
        self.statusBar().showMessage(message, 15_000)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.tasks.shutdown()
        super().closeEvent(event)
