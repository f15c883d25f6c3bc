"""Choose the procedure: type its code or words of its name (with or without diacritics), arrows to
move, Enter to take it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QModelIndex, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QListView, QVBoxLayout, QWidget

from app.domain.catalog import Procedure
from ui.i18n import on_language_change
from ui.labels import time_limit_label
from ui.reception.catalogue import ProcedureIndex
from ui.widgets import named

VISIBLE_ROWS = 5


class _QueryField(QLineEdit):
    """Up/Down/PageUp/PageDown move in the list below while the cursor stays in the field."""

    def __init__(self, picker: ProcedurePicker) -> None:
        super().__init__()
        self._picker = picker

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
            self._picker.move(event.key())
            return
        super().keyPressEvent(event)


class ProcedurePicker(QWidget):
    sig_chosen = Signal(object)  # Procedure

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("procedurePicker")
        self._index = ProcedureIndex([])
        self._shown: list[Procedure] = []
        self.query = named(_QueryField(self), "procedureSearch")
        self.query.setClearButtonEnabled(True)
        self.model = QStringListModel(self)
        self.list = named(QListView(), "procedureList")
        self.list.setModel(self.model)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setUniformItemSizes(True)
        self.list.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # the keys go through the field
        self.list.setFixedHeight(self.list.fontMetrics().height() * VISIBLE_ROWS + 12)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.query)
        layout.addWidget(self.list)
        self.query.textChanged.connect(self._filter)
        self.query.returnPressed.connect(self.choose_current)
        self.list.activated.connect(self._activated)
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Chọn thủ tục"))
        self.query.setPlaceholderText(self.tr("Gõ mã hoặc tên thủ tục (không cần dấu), Enter để chọn"))
        self.query.setAccessibleName(self.tr("Tìm thủ tục"))
        self.query.setAccessibleDescription(self.query.placeholderText())
        self.list.setAccessibleName(self.tr("Danh sách thủ tục phù hợp"))
        self._filter(self.query.text())

    def changeEvent(self, event: QEvent) -> None:
        on_language_change(event, self.retranslate)
        super().changeEvent(event)

    def set_procedures(self, procedures: Sequence[Procedure]) -> None:
        self._index = ProcedureIndex(procedures)
        self._filter(self.query.text())

    def procedure(self, code: str) -> Procedure | None:
        return self._index.get(code)

    def shown(self) -> list[Procedure]:
        return list(self._shown)

    def _filter(self, text: str) -> None:
        self._shown = self._index.match(text)
        self.model.setStringList([f"{p.name} — {time_limit_label(p.time_limit)}" for p in self._shown])
        for row, p in enumerate(self._shown):
            self.model.setData(self.model.index(row), f"{p.name}\n{p.code}", Qt.ItemDataRole.ToolTipRole)
        if self._shown:
            self.list.setCurrentIndex(self.model.index(0))

    def move(self, key: int) -> None:
        if not self._shown:
            return
        row = self.list.currentIndex().row()
        step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: VISIBLE_ROWS}.get(
            Qt.Key(key), -VISIBLE_ROWS
        )
        row = max(0, min(len(self._shown) - 1, row + step))
        self.list.setCurrentIndex(self.model.index(row))

    def choose_current(self) -> None:
        row = self.list.currentIndex().row()
        if 0 <= row < len(self._shown):
            self.sig_chosen.emit(self._shown[row])

    def _activated(self, index: QModelIndex) -> None:
        if 0 <= index.row() < len(self._shown):
            self.sig_chosen.emit(self._shown[index.row()])
