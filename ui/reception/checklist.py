"""The checklist of a procedure's components: tick what was handed in, with how many originals and
copies. Space ticks the current row; typing a digit on a count edits it; Tab leaves the table."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QFont, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from app.domain.catalog import Component, Procedure
from ui.i18n import on_language_change
from ui.reception.form import ComponentTick
from ui.widgets import DANGER, MUTED

_Index = QModelIndex | QPersistentModelIndex
MAX_COUNT = 20


class Col(IntEnum):
    NAME = 0
    ORIGINALS = 1
    COPIES = 2
    KIND = 3


def _title(column: Col) -> str:
    translate = QCoreApplication.translate
    return {
        Col.NAME: translate("Checklist", "Thành phần hồ sơ"),
        Col.ORIGINALS: translate("Checklist", "Bản chính"),
        Col.COPIES: translate("Checklist", "Bản sao"),
        Col.KIND: translate("Checklist", "Yêu cầu"),
    }[column]


class ComponentsModel(QAbstractTableModel):
    sig_edited = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("componentsModel")
        self._components: list[Component] = []
        self._ticks: list[ComponentTick] = []

    def set_procedure(self, procedure: Procedure | None, ticks: list[ComponentTick]) -> None:
        self.beginResetModel()
        self._components = list(procedure.components) if procedure else []
        by_code = {t.code: t for t in ticks}
        self._ticks = [
            by_code.get(c.code) or ComponentTick(c.code, c.required, c.originals, c.copies)
            for c in self._components
        ]
        self.endResetModel()

    def ticks(self) -> list[ComponentTick]:
        return [ComponentTick(t.code, t.received, t.originals, t.copies) for t in self._ticks]

    def component(self, row: int) -> Component:
        return self._components[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._components)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Col)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _title(Col(section))
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == Col.NAME:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() in (Col.ORIGINALS, Col.COPIES):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: _Index, role: int = 0) -> Any:
        if not index.isValid():
            return None
        component = self._components[index.row()]
        tick = self._ticks[index.row()]
        column = Col(index.column())
        if role == Qt.ItemDataRole.CheckStateRole and column == Col.NAME:
            return Qt.CheckState.Checked if tick.received else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == Col.NAME:
                return component.name
            if column == Col.ORIGINALS:
                return tick.originals
            if column == Col.COPIES:
                return tick.copies
            return (
                QCoreApplication.translate("Checklist", "Bắt buộc")
                if component.required
                else QCoreApplication.translate("Checklist", "Tuỳ chọn")
            )
        if role == Qt.ItemDataRole.EditRole and column in (Col.ORIGINALS, Col.COPIES):
            return tick.originals if column == Col.ORIGINALS else tick.copies
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(x for x in (component.name, component.note) if x)
        if role == Qt.ItemDataRole.ForegroundRole:
            if component.required and not tick.received:
                return QBrush(DANGER)
            if column == Col.KIND and not component.required:
                return QBrush(MUTED)
        if (
            role == Qt.ItemDataRole.FontRole
            and column == Col.NAME
            and component.required
            and not tick.received
        ):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (Col.ORIGINALS, Col.COPIES):
            return Qt.AlignmentFlag.AlignCenter
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        tick = self._ticks[index.row()]
        column = Col(index.column())
        if role == Qt.ItemDataRole.CheckStateRole and column == Col.NAME:
            state = value if isinstance(value, Qt.CheckState) else Qt.CheckState(int(value))
            tick.received = state == Qt.CheckState.Checked
        elif role == Qt.ItemDataRole.EditRole and column in (Col.ORIGINALS, Col.COPIES):
            try:
                count = int(value)
            except (TypeError, ValueError):
                return False
            if not 0 <= count <= MAX_COUNT:
                return False
            if column == Col.ORIGINALS:
                tick.originals = count
            else:
                tick.copies = count
        else:
            return False
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(Col) - 1))
        self.sig_edited.emit()
        return True

    def toggle(self, row: int) -> None:
        if 0 <= row < len(self._ticks):
            checked = Qt.CheckState.Unchecked if self._ticks[row].received else Qt.CheckState.Checked
            self.setData(self.index(row, Col.NAME), checked, Qt.ItemDataRole.CheckStateRole)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Col) - 1)
        if self._ticks:
            self.dataChanged.emit(self.index(0, Col.KIND), self.index(len(self._ticks) - 1, Col.KIND))


class ChecklistView(QTableView):
    def __init__(self, model: ComponentsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("componentsChecklist")
        self._model = model
        self.setModel(model)
        self.setTabKeyNavigation(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setObjectName("componentsChecklistHeader")
        header.setSectionResizeMode(Col.NAME, QHeaderView.ResizeMode.Stretch)
        for column in (Col.ORIGINALS, Col.COPIES, Col.KIND):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        model.modelReset.connect(self._select_first)
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Danh sách thành phần hồ sơ"))
        self.setAccessibleDescription(
            self.tr("Phím cách: đánh dấu đã nhận; gõ số để sửa số bản chính, bản sao")
        )
        self.horizontalHeader().setAccessibleName(self.tr("Tiêu đề cột"))
        self._model.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        on_language_change(event, self.retranslate)
        super().changeEvent(event)

    def _select_first(self) -> None:
        if self._model.rowCount():
            self.setCurrentIndex(self._model.index(0, Col.NAME))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and self.state() != QAbstractItemView.State.EditingState:
            self._model.toggle(self.currentIndex().row())
            return
        if event.text().isdigit() and self.currentIndex().column() == Col.NAME:
            # A digit on the name column means the number of originals.
            self.setCurrentIndex(self._model.index(self.currentIndex().row(), Col.ORIGINALS))
        super().keyPressEvent(event)
