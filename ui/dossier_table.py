"""The dossier list: a table model over `DossierRow`s and the view that shows it."""

from __future__ import annotations

from collections.abc import Sequence
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
from PySide6.QtGui import QBrush, QColor, QIcon, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QStyle, QTableView, QWidget

from ui.i18n import on_language_change
from ui.labels import STATUS_ORDER, format_datetime, status_label
from ui.queries import DossierRow

# Red that stays readable on white and on the selection colour (WCAG AA against white: 5.9:1).
OVERDUE_COLOR = QColor("#b3261e")
ROW_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    CODE = 0
    APPLICANT = 1
    PROCEDURE = 2
    STATUS = 3
    RECEIVED = 4
    DUE = 5


def column_title(column: Column) -> str:
    titles = {
        Column.CODE: QCoreApplication.translate("DossierTable", "Mã hồ sơ"),
        Column.APPLICANT: QCoreApplication.translate("DossierTable", "Người nộp"),
        Column.PROCEDURE: QCoreApplication.translate("DossierTable", "Thủ tục"),
        Column.STATUS: QCoreApplication.translate("DossierTable", "Trạng thái"),
        Column.RECEIVED: QCoreApplication.translate("DossierTable", "Ngày nhận"),
        Column.DUE: QCoreApplication.translate("DossierTable", "Hẹn trả"),
    }
    return titles[column]


def _sort_key(row: DossierRow, column: Column) -> Any:
    s = row.summary
    if column == Column.CODE:
        return s.code
    if column == Column.APPLICANT:
        return s.applicant_name.casefold()
    if column == Column.PROCEDURE:
        return s.procedure_name.casefold()
    if column == Column.STATUS:
        return STATUS_ORDER.index(s.status)
    if column == Column.RECEIVED:
        return s.received_at.timestamp()
    # No appointment (refused, withdrawn) sorts after every date.
    return (s.due_at is None, s.due_at.timestamp() if s.due_at is not None else 0.0)


class DossierTableModel(QAbstractTableModel):
    """Rows of `DossierRow`; replaced as a whole by each load or search (they are small, at most a few
    hundred). `ROW_ROLE` gives the row itself to later features (open, print)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dossierModel")
        self._rows: list[DossierRow] = []
        self._sort: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)
        self._overdue_icon: QIcon | None = None

    # ----- data ---------------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[DossierRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._apply_sort()
        self.endResetModel()

    def row_at(self, row: int) -> DossierRow:
        return self._rows[row]

    def rows(self) -> list[DossierRow]:
        return list(self._rows)

    def retranslate(self) -> None:
        """Headers and statuses are words: say them again in the new language."""
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(Column) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return column_title(Column(section))
        return None

    def data(self, index: _Index, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            text = self._text(row, column)
            if role == Qt.ItemDataRole.AccessibleTextRole and row.overdue and column == Column.DUE:
                text = f"{text}, {self._overdue_text()}"
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and row.overdue:
            return QBrush(OVERDUE_COLOR)
        if role == Qt.ItemDataRole.FontRole and row.overdue and column == Column.DUE:
            font = QApplication.font()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.DecorationRole and row.overdue and column == Column.DUE:
            return self._icon()
        if role == ROW_ROLE:
            return row
        if role == SORT_ROLE:
            return _sort_key(row, column)
        return None

    @staticmethod
    def _text(row: DossierRow, column: Column) -> str:
        s = row.summary
        if column == Column.CODE:
            return s.code
        if column == Column.APPLICANT:
            return s.applicant_name
        if column == Column.PROCEDURE:
            return s.procedure_name
        if column == Column.STATUS:
            return status_label(s.status)
        if column == Column.RECEIVED:
            return format_datetime(row.received_local)
        return format_datetime(row.due_local) if row.due_local is not None else "—"

    def _tooltip(self, row: DossierRow, column: Column) -> str | None:
        parts: list[str] = []
        if row.overdue:
            parts.append(self._overdue_text())
        if column == Column.PROCEDURE:
            parts.append(f"{row.summary.procedure_name}\n{row.summary.procedure_code}")
        elif column == Column.APPLICANT:
            details = [row.summary.applicant_name]
            if row.summary.applicant_id_number:
                details.append(self.tr("Số giấy tờ: {number}").format(number=row.summary.applicant_id_number))
            if row.summary.applicant_phone:
                details.append(self.tr("SĐT: {phone}").format(phone=row.summary.applicant_phone))
            parts.append("\n".join(details))
        return "\n".join(parts) or None

    def _overdue_text(self) -> str:
        return self.tr("Quá hạn")

    def _icon(self) -> QIcon:
        if self._overdue_icon is None:
            style = QApplication.style()
            self._overdue_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return self._overdue_icon

    # ----- sorting ------------------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._apply_sort()
        self.layoutChanged.emit()

    def _apply_sort(self) -> None:
        column, order = self._sort
        if not 0 <= column < len(Column):
            return  # the order the core gave: newest first
        self._rows.sort(
            key=lambda r: _sort_key(r, Column(column)), reverse=order == Qt.SortOrder.DescendingOrder
        )


class DossierTableView(QTableView):
    """Whole-row selection, sortable headers, and columns sized so codes and dates never elide.

    Enter or a double click on a row emits `sig_open` with its dossier code."""

    sig_open = Signal(str)

    def __init__(
        self, model: DossierTableModel, parent: QWidget | None = None, *, name: str = "dossierTable"
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._model = model
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setShowGrid(False)
        rows = self.verticalHeader()
        rows.setVisible(False)
        # One line per dossier with room above and below for stacked marks (Ễ, Ỗ); fixed, so long lists
        # do not measure every row.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(round(self.fontMetrics().height() * 1.6))
        header = self.horizontalHeader()
        header.setObjectName(f"{name}Header")
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # keep the core's order until asked
        self.setSortingEnabled(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.PROCEDURE, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("0000") * 3)
        self.doubleClicked.connect(self._open)
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Danh sách hồ sơ"))
        self.horizontalHeader().setAccessibleName(self.tr("Tiêu đề cột"))
        self._model.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        on_language_change(event, self.retranslate)
        super().changeEvent(event)

    def current_code(self) -> str | None:
        index = self.currentIndex()
        if not index.isValid():
            return None
        return str(self._model.row_at(index.row()).summary.code)

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.sig_open.emit(self._model.row_at(index.row()).summary.code)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._open(self.currentIndex())
            return
        super().keyPressEvent(event)
