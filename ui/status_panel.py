"""A panel of dossier counts by status (the office's, or a day's in the report)."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from app.domain.lifecycle import Status
from ui.i18n import on_language_change
from ui.labels import STATUS_ORDER, format_count, status_label
from ui.widgets import rule, scaled


class StatusCountsPanel(QFrame):
    def __init__(self, parent: QWidget | None = None, *, name: str = "statusCounts") -> None:
        super().__init__(parent)
        self._name = name
        self.setObjectName(f"{name}Panel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self._title_text: str | None = None

        self.title = QLabel()
        self.title.setObjectName(f"{name}Title")
        self.title.setFont(scaled(self.font(), 1.1, bold=True))

        grid = QGridLayout()
        grid.setHorizontalSpacing(self.fontMetrics().horizontalAdvance("M") * 2)
        grid.setVerticalSpacing(self.fontMetrics().height() // 3)
        self._names: dict[Status | None, QLabel] = {}
        self._counts: dict[Status | None, QLabel] = {}
        for row, status in enumerate(STATUS_ORDER):
            self._add_row(grid, row, status, status.value)
        grid.addWidget(rule(f"{name}Rule"), len(STATUS_ORDER), 0, 1, 2)
        self._add_row(grid, len(STATUS_ORDER) + 1, None, "total")

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addSpacing(self.fontMetrics().height() // 3)
        layout.addLayout(grid)
        self.retranslate()

    def set_title(self, text: str) -> None:
        """A title other than the default (kept across language changes by the caller's retranslate)."""
        self._title_text = text
        self.title.setText(text)
        self.title.setAccessibleName(text)

    def retranslate(self) -> None:
        title = self._title_text or self.tr("Hồ sơ theo trạng thái")
        self.title.setText(title)
        self.title.setAccessibleName(title)
        self.setAccessibleName(self.tr("Số hồ sơ theo trạng thái"))
        for status, label in self._names.items():
            text = status_label(status) if status is not None else self.tr("Tổng số")
            label.setText(text)
            label.setAccessibleName(text)
            self._counts[status].setAccessibleName(self.tr("Số hồ sơ: {status}").format(status=text))

    def changeEvent(self, event: QEvent) -> None:
        on_language_change(event, self.retranslate)
        super().changeEvent(event)

    def _add_row(self, grid: QGridLayout, row: int, status: Status | None, key: str) -> None:
        label = QLabel()
        label.setObjectName(f"{self._name}Name_{key}")
        count = QLabel("…")
        count.setObjectName(f"{self._name}Count_{key}")
        count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if status is None:
            bold = scaled(self.font(), 1.0, bold=True)
            label.setFont(bold)
            count.setFont(bold)
        grid.addWidget(label, row, 0)
        grid.addWidget(count, row, 1)
        self._names[status] = label
        self._counts[status] = count

    def set_counts(self, counts: Mapping[Status, int]) -> None:
        for status in STATUS_ORDER:
            self._counts[status].setText(format_count(counts.get(status, 0)))
        self._counts[None].setText(format_count(sum(counts.values())))

    def count_text(self, status: Status | None) -> str:
        """The number shown for `status` (None: the total)."""
        return self._counts[status].text()
