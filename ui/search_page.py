"""Find and follow dossiers: search as you type, filters, the list, and the office's counts by status.

The list (recent dossiers, or a search's answer) loads first; the counts, a scan of the whole table,
load after it, so the window is usable before they arrive.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.catalog import Procedure
from app.domain.lifecycle import Status
from app.domain.office import Officer
from ui.dossier_table import OVERDUE_COLOR, DossierTableModel, DossierTableView
from ui.errors import describe_error
from ui.i18n import on_language_change
from ui.labels import format_count
from ui.legend import LegendPanel
from ui.list_filters import ListFilterBar
from ui.queries import (
    SEARCH_LIMIT,
    DossierRow,
    ListFilter,
    Overview,
    SearchResult,
    find_dossiers,
    load_counts,
    load_overview,
)
from ui.search_box import SearchBox
from ui.status_panel import StatusCountsPanel
from ui.tasks import QueryOp, TaskManager
from ui.widgets import named, scaled

log = logging.getLogger(__name__)

SEARCH_KEY = "search"
OVERVIEW_KEY = "overview"
COUNTS_KEY = "counts"


class SearchPage(QWidget):
    # The list has been shown after a load or refresh (the counts may still be coming).
    sig_loaded = Signal()
    # The counts by status have been shown.
    sig_counts_loaded = Signal()
    # The table now shows the result for this query ("" = the recent dossiers).
    sig_results_shown = Signal(str)
    # The officer asked to open this dossier.
    sig_open = Signal(str)
    # The signed-in officer's full name, as the database knows it.
    sig_officer_name = Signal(str)
    # Today's date at the desk (the clock of the services), with each load.
    sig_day = Signal(object)

    def __init__(
        self,
        tasks: TaskManager,
        shortcuts: Sequence[tuple[QKeySequence, Callable[[], str]]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("searchPage")
        self.tasks = tasks
        self._officer: str | None = None
        self._overview: Overview | None = None
        self._shown_query: str | None = None
        self._loading = True

        self.title = named(QLabel(), "searchTitle")
        self.title.setFont(scaled(self.font(), 1.25, bold=True))
        self.search_box = SearchBox()
        self.search_box.setFont(scaled(self.font(), 1.15))
        self.refresh_button = named(QPushButton(), "refreshButton")
        self.filters = ListFilterBar()
        self.results_label = named(QLabel(), "resultsLabel")
        self.results_label.setFont(scaled(self.font(), 1.05, bold=True))
        self.overdue_label = named(QLabel(), "overdueLabel")
        self.overdue_label.setStyleSheet(f"color: {OVERDUE_COLOR.name()};")
        self.model = DossierTableModel(self)
        self.table = DossierTableView(self.model)
        self.counts_panel = StatusCountsPanel()
        self.legend = LegendPanel(shortcuts)

        search_row = QHBoxLayout()
        search_row.addWidget(self.search_box, 1)
        search_row.addWidget(self.refresh_button)
        results_row = QHBoxLayout()
        results_row.addWidget(self.results_label, 1)
        results_row.addWidget(self.overdue_label)
        list_column = QVBoxLayout()
        list_column.addWidget(self.title)
        list_column.addLayout(search_row)
        list_column.addWidget(self.filters)
        list_column.addLayout(results_row)
        list_column.addWidget(self.table, 1)
        side_column = QVBoxLayout()
        side_column.addWidget(self.counts_panel)
        side_column.addWidget(self.legend)
        side_column.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(list_column, 1)
        layout.addLayout(side_column)

        self.search_box.sig_edited.connect(self._on_search_edited)
        self.search_box.sig_search.connect(self._on_search)
        self.refresh_button.clicked.connect(self.refresh)
        self.filters.sig_changed.connect(self._on_filter)
        self.table.sig_open.connect(self.sig_open)
        self.retranslate()

    # ----- language ----------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Tra cứu hồ sơ"))
        self.title.setText(self.tr("Tra cứu hồ sơ"))
        self.title.setAccessibleName(self.title.text())
        self.refresh_button.setText(self.tr("Làm mới"))
        self.refresh_button.setAccessibleName(self.tr("Làm mới danh sách"))
        self.refresh_button.setToolTip(self.tr("Đọc lại danh sách và số liệu (F5)"))
        self.results_label.setAccessibleName(self.tr("Kết quả"))
        self.overdue_label.setAccessibleName(self.tr("Số hồ sơ quá hạn trong danh sách"))
        self._say_results()

    def changeEvent(self, event: QEvent) -> None:
        on_language_change(event, self.retranslate)
        super().changeEvent(event)

    # ----- set-up ------------------------------------------------------------------------------------

    def set_officer(self, username: str | None) -> None:
        self._officer = username
        self.filters.set_me(username)

    def set_procedures(self, procedures: Sequence[Procedure]) -> None:
        self.filters.set_procedures(procedures)

    def set_officers(self, officers: Sequence[Officer]) -> None:
        self.filters.set_officers(officers)

    # ----- behaviour ---------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def refresh(self) -> None:
        where = self.filters.current()
        officer = self._officer
        QueryOp(op=lambda s: load_overview(s, officer, where), success=self._on_overview).failure(
            self._on_overview_failed
        ).latest(OVERVIEW_KEY).run(self.tasks)
        QueryOp(op=load_counts, success=self._on_counts).latest(COUNTS_KEY).run(self.tasks)
        query = self.search_box.query()
        if query:
            self._on_search(query)

    def _on_filter(self, _where: ListFilter) -> None:
        self.refresh()

    def _on_overview(self, overview: Overview) -> None:
        self._overview = overview
        self._loading = False
        if overview.officer_name:
            self.sig_officer_name.emit(overview.officer_name)
        self.sig_day.emit(overview.loaded_at.date())
        if not self.search_box.query():
            self._show_overview()
        self.sig_loaded.emit()

    def _on_counts(self, counts: dict[Status, int]) -> None:
        self.counts_panel.set_counts(counts)
        self.sig_counts_loaded.emit()

    def _on_overview_failed(self, error: Exception) -> None:
        log.error("loading the list failed", exc_info=error)
        self.results_label.setText(
            self.tr("Không đọc được danh sách hồ sơ: {error}").format(error=describe_error(error))
        )

    def _show_overview(self) -> None:
        if self._overview is None:
            return  # still loading; _on_overview shows it
        self._show_rows(self._overview.rows, "")

    def _say_results(self) -> None:
        if self._loading:
            self.results_label.setText(self.tr("Đang tải danh sách hồ sơ…"))
            return
        query = self._shown_query
        n = self.model.rowCount()
        filtered = not self.filters.current().is_empty
        if query is None:
            return
        if query == "":
            if n:
                text = (
                    self.tr("Hồ sơ theo bộ lọc ({count})")
                    if filtered
                    else self.tr("Hồ sơ tiếp nhận gần đây ({count})")
                ).format(count=format_count(n))
            elif filtered:
                text = self.tr("Không có hồ sơ nào theo bộ lọc này.")
            else:
                text = self.tr("Chưa có hồ sơ nào. Hồ sơ tiếp nhận sẽ hiện ở đây.")
        elif n == 0:
            text = self.tr("Không tìm thấy hồ sơ nào cho “{query}”").format(query=query)
        elif n >= SEARCH_LIMIT:
            text = self.tr("{count} hồ sơ đầu tiên cho “{query}” (gõ thêm để thu hẹp)").format(
                count=format_count(n), query=query
            )
        else:
            text = self.tr("Tìm thấy {count} hồ sơ cho “{query}”").format(count=format_count(n), query=query)
        self.results_label.setText(text)
        overdue = sum(1 for r in self.model.rows() if r.overdue)
        self.overdue_label.setText(
            self.tr("⚠ {count} hồ sơ quá hạn").format(count=format_count(overdue)) if overdue else ""
        )

    def _on_search_edited(self, _text: str) -> None:
        # Whatever search is in flight answers an older text now.
        self.tasks.supersede(SEARCH_KEY)

    def _on_search(self, query: str) -> None:
        if not query:
            self._show_overview()
            return
        self.results_label.setText(self.tr("Đang tìm “{query}”…").format(query=query))
        where = self.filters.current()
        QueryOp(op=lambda s: find_dossiers(s, query, where), success=self._on_found).latest(SEARCH_KEY).run(
            self.tasks
        )

    def _on_found(self, result: SearchResult) -> None:
        if result.text != self.search_box.query():
            return  # belt and braces: the box changed without a new search yet
        self._show_rows(result.rows, result.text)

    def _show_rows(self, rows: tuple[DossierRow, ...], query: str) -> None:
        self.model.set_rows(rows)
        self._shown_query = query
        self._say_results()
        self.sig_results_shown.emit(query)

    def shown_query(self) -> str | None:
        """The query whose result the table shows ("" = recent dossiers, None = nothing yet)."""
        return self._shown_query
