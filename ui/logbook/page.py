"""Today's report: the dossiers received today by status, for the office and for the signed-in officer,
who received how many, what falls due today and what is overdue now. Printing and exporting the logbook
(Mẫu 06) wait for the printing feature."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.context import Services
from app.services.desk_lookups import office_officers
from app.services.worklists import DayReport, day_report
from ui.i18n import on_language_change
from ui.labels import format_count, format_date, weekday_label
from ui.session import Session
from ui.status_panel import StatusCountsPanel
from ui.tasks import QueryOp, TaskManager
from ui.widgets import DANGER, Reasons, colour_text, heading, named, scaled, unavailable


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
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.day)
        layout.addLayout(facts)
        layout.addLayout(panels, 1)
        layout.addLayout(buttons)
        self.refresh_button.clicked.connect(self.refresh)
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Báo cáo hôm nay"))
        self.title.setText(self.tr("Báo cáo hôm nay"))
        self.title.setAccessibleName(self.title.text())
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
        unavailable(self.print_button, Reasons.printing())
        unavailable(self.export_button, Reasons.printing())
        self._show()

    def changeEvent(self, event: QEvent) -> None:
        on_language_change(event, self.retranslate)
        super().changeEvent(event)

    def set_session(self, session: Session) -> None:
        self._session = session

    def refresh(self) -> None:
        officer = self._session.username if self._session else None
        QueryOp(op=lambda s: load_report(s, officer), success=self._on_loaded).latest("report").run(
            self.tasks
        )

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
