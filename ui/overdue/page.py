"""The overdue list: every dossier past its appointment while its clock runs, longest late first, with
filters by procedure and officer; Enter opens the apology (Mẫu 04) for the selected one."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.catalog import Procedure
from app.domain.office import Officer
from app.services.context import Services
from app.services.worklists import OverdueQuery, overdue
from ui.dossier_table import DossierTableModel, DossierTableView
from ui.i18n import on_language_change
from ui.labels import format_count
from ui.queries import DossierRow, to_rows
from ui.tasks import QueryOp, TaskManager
from ui.widgets import DANGER, MUTED, Reasons, colour_text, heading, named, unavailable


def overdue_rows(services: Services, query: OverdueQuery) -> tuple[DossierRow, ...]:
    return to_rows(services, overdue(services, query))


class OverduePage(QWidget):
    sig_apologise = Signal(str)  # open this dossier's apology
    sig_open = Signal(str)
    sig_loaded = Signal()

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overduePage")
        self.tasks = tasks
        self.title = heading("overdueTitle", 1.25)
        self.procedure = named(QComboBox(), "overdueProcedure")
        self.procedure.addItem("", None)
        self.procedure.setMinimumContentsLength(30)
        self.procedure.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.officer = named(QComboBox(), "overdueOfficer")
        self.officer.addItem("", None)
        self.count = named(QLabel(), "overdueCount")
        colour_text(self.count, DANGER)
        self.model = DossierTableModel(self)
        self.table = DossierTableView(self.model, name="overdueTable")
        self.apologise_button = named(QPushButton(), "overdueApologise")
        self.open_button = named(QPushButton(), "overdueOpen")
        self.print_button = named(QPushButton(), "overduePrintList")
        self.hint = named(QLabel(), "overdueHint")
        colour_text(self.hint, MUTED)

        filters = QHBoxLayout()
        filters.addWidget(self.procedure, 1)
        filters.addWidget(self.officer)
        buttons = QHBoxLayout()
        buttons.addWidget(self.apologise_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(filters)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.hint)

        self.procedure.currentIndexChanged.connect(self.refresh)
        self.officer.currentIndexChanged.connect(self.refresh)
        self.table.sig_open.connect(self.sig_apologise)
        self.apologise_button.clicked.connect(self._apologise)
        self.open_button.clicked.connect(self._open)
        shortcut = QShortcut(QKeySequence("Ctrl+O"), self)
        shortcut.setObjectName("overdueOpenShortcut")
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self._open)
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Hồ sơ quá hạn"))
        self.title.setText(self.tr("Hồ sơ quá hạn"))
        self.title.setAccessibleName(self.title.text())
        self.procedure.setItemText(0, self.tr("Mọi thủ tục"))
        self.procedure.setAccessibleName(self.tr("Lọc theo thủ tục"))
        self.officer.setItemText(0, self.tr("Mọi cán bộ tiếp nhận"))
        self.officer.setAccessibleName(self.tr("Lọc theo cán bộ tiếp nhận"))
        self.count.setAccessibleName(self.tr("Số hồ sơ quá hạn"))
        self.apologise_button.setText(self.tr("Xin lỗi, hẹn lại (Enter)"))
        self.apologise_button.setAccessibleName(self.tr("Xin lỗi và hẹn lại hồ sơ đang chọn"))
        self.open_button.setText(self.tr("Mở hồ sơ (Ctrl+O)"))
        self.open_button.setAccessibleName(self.tr("Mở hồ sơ đang chọn"))
        self.print_button.setText(self.tr("In danh sách"))
        self.print_button.setAccessibleName(self.tr("In danh sách hồ sơ quá hạn"))
        unavailable(self.print_button, Reasons.printing())
        self.hint.setText(
            self.tr(
                "Thư xin lỗi và hẹn lại (Mẫu 04) ghi rõ lý do chậm trễ và ngày hẹn mới; "
                "hẹn ban đầu vẫn được lưu."
            )
        )
        self.hint.setAccessibleName(self.hint.text())
        self._say_count()

    def changeEvent(self, event: QEvent) -> None:
        on_language_change(event, self.retranslate)
        super().changeEvent(event)

    def set_procedures(self, procedures: Sequence[Procedure]) -> None:
        self._fill(self.procedure, [(f"{p.name} ({p.code})", p.code) for p in procedures])

    def set_officers(self, officers: Sequence[Officer]) -> None:
        self._fill(self.officer, [(f"{o.full_name} ({o.username})", o.username) for o in officers])

    @staticmethod
    def _fill(combo: QComboBox, items: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for text, data in items:
            combo.addItem(text, data)
        combo.setCurrentIndex(max(combo.findData(current), 0))
        combo.blockSignals(False)

    def query(self) -> OverdueQuery:
        return OverdueQuery(
            procedure_code=self.procedure.currentData(), received_by=self.officer.currentData()
        )

    def refresh(self) -> None:
        query = self.query()
        QueryOp(op=lambda s: overdue_rows(s, query), success=self._on_loaded).latest("overdue.list").run(
            self.tasks
        )

    def focus_start(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_loaded(self, rows: tuple[DossierRow, ...]) -> None:
        self.model.set_rows(rows)
        if rows:
            self.table.setCurrentIndex(self.model.index(0, 0))
        self._say_count()
        self.sig_loaded.emit()

    def _say_count(self) -> None:
        n = self.model.rowCount()
        self.count.setText(
            self.tr("⚠ {count} hồ sơ đã quá hạn hẹn trả").format(count=format_count(n))
            if n
            else self.tr("Không có hồ sơ nào quá hạn.")
        )
        self.apologise_button.setEnabled(n > 0)
        self.open_button.setEnabled(n > 0)

    def _apologise(self) -> None:
        code = self.table.current_code()
        if code:
            self.sig_apologise.emit(code)

    def _open(self) -> None:
        code = self.table.current_code()
        if code:
            self.sig_open.emit(code)
