"""The filters above the dossier list: status, overdue, due today, procedure, officer."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QSizePolicy, QWidget

from app.domain.catalog import Procedure
from app.domain.lifecycle import Status
from app.domain.office import Officer
from ui.i18n import on_language_change
from ui.labels import STATUS_ORDER, status_label
from ui.queries import ListFilter
from ui.widgets import named

MINE = "\x00mine"  # the officer combo's "me" entry: resolved to the signed-in username


class ListFilterBar(QWidget):
    sig_changed = Signal(object)  # ListFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("listFilterBar")
        self._me: str | None = None
        self.status_combo = named(QComboBox(), "filterStatus")
        self.status_combo.addItem("", None)
        for status in STATUS_ORDER:
            self.status_combo.addItem("", status.value)
        self.overdue_check = named(QCheckBox(), "filterOverdue")
        self.due_today_check = named(QCheckBox(), "filterDueToday")
        self.procedure_combo = named(QComboBox(), "filterProcedure")
        self.procedure_combo.addItem("", None)
        self.procedure_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.procedure_combo.setMinimumContentsLength(24)
        self.procedure_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.officer_combo = named(QComboBox(), "filterOfficer")
        self.officer_combo.addItem("", None)
        self.officer_combo.addItem("", MINE)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status_combo)
        layout.addWidget(self.overdue_check)
        layout.addWidget(self.due_today_check)
        layout.addWidget(self.procedure_combo, 1)
        layout.addWidget(self.officer_combo)

        for combo in (self.status_combo, self.procedure_combo, self.officer_combo):
            combo.currentIndexChanged.connect(self._emit)
        for check in (self.overdue_check, self.due_today_check):
            check.toggled.connect(self._emit)
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Bộ lọc danh sách"))
        self.status_combo.setItemText(0, self.tr("Mọi trạng thái"))
        for i, status in enumerate(STATUS_ORDER, start=1):
            self.status_combo.setItemText(i, status_label(status))
        self.status_combo.setAccessibleName(self.tr("Lọc theo trạng thái"))
        self.overdue_check.setText(self.tr("Quá hạn"))
        self.overdue_check.setAccessibleName(self.tr("Chỉ hồ sơ quá hạn"))
        self.due_today_check.setText(self.tr("Hẹn trả hôm nay"))
        self.due_today_check.setAccessibleName(self.tr("Chỉ hồ sơ hẹn trả hôm nay"))
        self.procedure_combo.setItemText(0, self.tr("Mọi thủ tục"))
        self.procedure_combo.setAccessibleName(self.tr("Lọc theo thủ tục"))
        self.officer_combo.setItemText(0, self.tr("Mọi cán bộ"))
        self.officer_combo.setItemText(1, self.tr("Hồ sơ tôi tiếp nhận"))
        self.officer_combo.setAccessibleName(self.tr("Lọc theo cán bộ tiếp nhận"))

    def changeEvent(self, event: QEvent) -> None:
        on_language_change(event, self.retranslate)
        super().changeEvent(event)

    def set_me(self, username: str | None) -> None:
        self._me = username

    def set_procedures(self, procedures: Sequence[Procedure]) -> None:
        current = self.procedure_combo.currentData()
        self.procedure_combo.blockSignals(True)
        while self.procedure_combo.count() > 1:
            self.procedure_combo.removeItem(1)
        for p in procedures:
            self.procedure_combo.addItem(f"{p.name} ({p.code})", p.code)
            self.procedure_combo.setItemData(
                self.procedure_combo.count() - 1, p.name, Qt.ItemDataRole.ToolTipRole
            )
        index = self.procedure_combo.findData(current)
        self.procedure_combo.setCurrentIndex(max(index, 0))
        self.procedure_combo.blockSignals(False)

    def set_officers(self, officers: Sequence[Officer]) -> None:
        current = self.officer_combo.currentData()
        self.officer_combo.blockSignals(True)
        while self.officer_combo.count() > 2:
            self.officer_combo.removeItem(2)
        for o in officers:
            self.officer_combo.addItem(f"{o.full_name} ({o.username})", o.username)
        index = self.officer_combo.findData(current)
        self.officer_combo.setCurrentIndex(max(index, 0))
        self.officer_combo.blockSignals(False)

    def current(self) -> ListFilter:
        status = self.status_combo.currentData()
        officer = self.officer_combo.currentData()
        if officer == MINE:
            officer = self._me
        return ListFilter(
            status=Status(status) if status else None,
            overdue_only=self.overdue_check.isChecked(),
            due_today_only=self.due_today_check.isChecked(),
            procedure_code=self.procedure_combo.currentData() or None,
            officer=officer or None,
        )

    def _emit(self, *_: object) -> None:
        self.sig_changed.emit(self.current())
