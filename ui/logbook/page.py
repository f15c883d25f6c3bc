"""Today's report: the dossiers received today by status, for the office and for the signed-in officer,
who received how many, what falls due today and what is overdue now, and the logbook (Mẫu 06) to print
or export. A second tab, "Hàng đợi", has the day's queue figures (ui/logbook/queue_report.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.services.context import Services
from app.services.desk_lookups import office_officers
from app.services.worklists import DayReport, day_report
from ui.i18n import on_language_change
from ui.labels import format_count, format_date, weekday_label
from ui.logbook.queue_report import QueueReportPanel
from ui.print_controller import PrintController
from ui.session import Session
from ui.status_panel import StatusCountsPanel
from ui.tasks import QueryOp, TaskManager
from ui.widgets import DANGER, SUCCESS, Reasons, colour_text, heading, named, scaled, unavailable


def load_report(services: Services, officer: str | None) -> tuple[DayReport, dict[str, str]]:
    """The day's report and the officers' full names (op body, no Qt)."""
    names = {o.username: o.full_name for o in office_officers(services)}
    return day_report(services, officer), names


class ReportPage(QWidget):
    sig_loaded = Signal()

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportPage")
        self.tasks = tasks
        self._session: Session | None = None
        self._report: DayReport | None = None
        self._names: dict[str, str] = {}
        self._printer: PrintController | None = None
        self._print_reason: Callable[[], str] | None = Reasons.printing_missing
        # Where "Xuất Excel" saves: a file dialog; tests put their own chooser here.
        self.choose_export_path: Callable[[], Path | None] = self._ask_export_path

        self.title = heading("reportTitle", 1.25)
        self.day = named(QLabel(), "reportDay")
        self.day.setFont(scaled(self.font(), 1.1))
        self.mine = StatusCountsPanel(name="reportMine")
        self.office = StatusCountsPanel(name="reportOffice")
        self.due_today = named(QLabel(), "reportDueToday")
        self.due_today.setFont(scaled(self.font(), 1.1, bold=True))
        self.overdue = named(QLabel(), "reportOverdue")
        self.overdue.setFont(scaled(self.font(), 1.1, bold=True))
        colour_text(self.overdue, DANGER)
        self.officers_title = heading("reportOfficersTitle", 1.05)
        self.officers = named(QTableWidget(0, 2), "reportOfficers")
        self.officers.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.officers.verticalHeader().setVisible(False)
        self.officers.horizontalHeader().setObjectName("reportOfficersHeader")
        self.officers.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.officers.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.officers.setTabKeyNavigation(False)
        self.refresh_button = named(QPushButton(), "reportRefresh")
        self.print_button = named(QPushButton(), "reportPrintLogbook")
        self.export_button = named(QPushButton(), "reportExportLogbook")
        self.print_status = named(QLabel(), "reportPrintStatus")
        self.print_status.setWordWrap(True)

        panels = QHBoxLayout()
        panels.addWidget(self.mine, 0, Qt.AlignmentFlag.AlignTop)
        panels.addWidget(self.office, 0, Qt.AlignmentFlag.AlignTop)
        side = QVBoxLayout()
        side.addWidget(self.officers_title)
        side.addWidget(self.officers, 1)
        panels.addLayout(side, 1)
        facts = QGridLayout()
        facts.addWidget(self.due_today, 0, 0)
        facts.addWidget(self.overdue, 0, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.print_status, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.export_button)
        self.dossiers_tab = named(QWidget(), "reportDossiersTab")
        dossiers = QVBoxLayout(self.dossiers_tab)
        dossiers.addWidget(self.day)
        dossiers.addLayout(facts)
        dossiers.addLayout(panels, 1)
        dossiers.addLayout(buttons)
        self.queue_part = QueueReportPanel(tasks)
        self.queue_tab = named(QWidget(), "reportQueueTab")
        QVBoxLayout(self.queue_tab).addWidget(self.queue_part)
        self.tabs = named(QTabWidget(), "reportTabs")
        self.tabs.addTab(self.dossiers_tab, "")
        self.tabs.addTab(self.queue_tab, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.tabs, 1)
        self.refresh_button.clicked.connect(self.refresh)
        self.print_button.clicked.connect(self.print_logbook)
        self.export_button.clicked.connect(self.export_logbook)
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Báo cáo hôm nay"))
        self.title.setText(self.tr("Báo cáo hôm nay"))
        self.title.setAccessibleName(self.title.text())
        self.tabs.setTabText(0, self.tr("Hồ sơ"))
        self.tabs.setTabText(1, self.tr("Hàng đợi"))
        self.tabs.setAccessibleName(self.tr("Phần báo cáo"))
        self.dossiers_tab.setAccessibleName(self.tr("Báo cáo hồ sơ"))
        self.queue_tab.setAccessibleName(self.tr("Báo cáo hàng đợi"))
        self.day.setAccessibleName(self.tr("Ngày báo cáo"))
        self.due_today.setAccessibleName(self.tr("Hồ sơ hẹn trả hôm nay"))
        self.overdue.setAccessibleName(self.tr("Hồ sơ đang quá hạn"))
        self.officers_title.setText(self.tr("Tiếp nhận trong ngày theo cán bộ"))
        self.officers_title.setAccessibleName(self.officers_title.text())
        self.officers.setAccessibleName(self.tr("Số hồ sơ tiếp nhận theo cán bộ"))
        self.officers.horizontalHeader().setAccessibleName(self.tr("Tiêu đề cột"))
        self.officers.setHorizontalHeaderLabels([self.tr("Cán bộ"), self.tr("Số hồ sơ")])
        self.refresh_button.setText(self.tr("Làm mới (F5)"))
        self.refresh_button.setAccessibleName(self.tr("Làm mới báo cáo"))
        self.print_button.setText(self.tr("In sổ theo dõi (Mẫu 06)"))
        self.print_button.setAccessibleName(self.tr("In sổ theo dõi hồ sơ, Mẫu 06"))
        self.export_button.setText(self.tr("Xuất Excel"))
        self.export_button.setAccessibleName(self.tr("Xuất sổ theo dõi ra Excel"))
        self.print_status.setAccessibleName(self.tr("Tình trạng in"))
        self._apply_print_state()
        self._show()

    def changeEvent(self, event: QEvent) -> None:
        on_language_change(event, self.retranslate)
        super().changeEvent(event)

    def set_session(self, session: Session) -> None:
        self._session = session

    def set_printer(self, printer: PrintController) -> None:
        self._printer = printer
        printer.sig_availability.connect(self._set_print_reason)
        self._set_print_reason(printer.unavailable_reason())

    def _set_print_reason(self, reason: Callable[[], str] | None) -> None:
        self._print_reason = reason
        self._apply_print_state()

    def _apply_print_state(self) -> None:
        # Exporting needs the printing package but no printer.
        exporting = (
            Reasons.printing_missing if self._printer is None or self._printer.printing is None else None
        )
        for button, reason in ((self.print_button, self._print_reason), (self.export_button, exporting)):
            if reason is None:
                button.setEnabled(True)
                button.setToolTip("")
            else:
                unavailable(button, reason())

    def _day(self) -> date | None:
        return self._report.day if self._report is not None else None

    def print_logbook(self) -> None:
        day = self._day()
        if self._printer is not None and day is not None and self.print_button.isEnabled():
            self._printer.print_logbook(day, self._print_message)

    def export_logbook(self) -> None:
        day = self._day()
        if self._printer is None or day is None or not self.export_button.isEnabled():
            return
        path = self.choose_export_path()
        if path is not None:
            self._printer.export_logbook(day, path, self._print_message)

    def _ask_export_path(self) -> Path | None:
        day = self._day()
        suggested = f"so-theo-doi-{day:%Y-%m-%d}.xlsx" if day else "so-theo-doi.xlsx"
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Lưu sổ theo dõi"),
            str(Path.home() / suggested),
            self.tr("Excel (*.xlsx);;PDF (*.pdf)"),
        )
        return Path(name) if name else None

    def _print_message(self, text: str, problem: bool) -> None:
        self.print_status.setText(text)
        colour_text(self.print_status, DANGER if problem else SUCCESS)

    def refresh(self) -> None:
        officer = self._session.username if self._session else None
        QueryOp(op=lambda s: load_report(s, officer), success=self._on_loaded).latest("report").run(
            self.tasks
        )
        self.queue_part.refresh()

    def show_queue(self) -> None:
        """The "Hàng đợi" tab."""
        self.tabs.setCurrentWidget(self.queue_tab)

    def focus_start(self) -> None:
        self.refresh_button.setFocus()

    def report(self) -> DayReport | None:
        return self._report

    def _on_loaded(self, answer: tuple[DayReport, dict[str, str]]) -> None:
        self._report, self._names = answer
        self._show()
        self.sig_loaded.emit()

    def _show(self) -> None:
        report = self._report
        who = self._session.full_name if self._session else ""
        self.mine.set_title(
            self.tr("Tôi tiếp nhận hôm nay ({name})").format(name=who) if who else self.tr("Tôi tiếp nhận")
        )
        self.office.set_title(self.tr("Cả đơn vị tiếp nhận hôm nay"))
        if report is None:
            self.day.setText(self.tr("Đang tải…"))
            return
        self.day.setText(
            self.tr("{weekday}, {day} — hồ sơ tiếp nhận trong ngày, theo trạng thái hiện nay").format(
                weekday=weekday_label(report.day), day=format_date(report.day)
            )
        )
        self.mine.set_counts(report.received_by_officer)
        self.office.set_counts(report.received)
        self.due_today.setText(self.tr("Hẹn trả hôm nay: {n} hồ sơ").format(n=format_count(report.due_today)))
        self.overdue.setText(self.tr("Đang quá hạn: {n} hồ sơ").format(n=format_count(report.overdue_now)))
        rows = sorted(report.by_officer.items(), key=lambda item: (-item[1], item[0]))
        self.officers.setRowCount(len(rows))
        for r, (username, count) in enumerate(rows):
            name = self._names.get(username, username)
            self.officers.setItem(r, 0, QTableWidgetItem(f"{name} ({username})"))
            self.officers.setItem(r, 1, QTableWidgetItem(format_count(count)))
