"""The side panel: how many dossiers of the office are in each status."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from app.domain.lifecycle import Status
from ui.header import scaled_font
from ui.labels import STATUS_ORDER, format_count, status_label


class StatusCountsPanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusCountsPanel")
        self.setAccessibleName(self.tr("Số hồ sơ theo trạng thái"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)

        title = QLabel(self.tr("Hồ sơ theo trạng thái"))
        title.setObjectName("statusCountsTitle")
        title.setAccessibleName(title.text())
        title.setFont(scaled_font(self.font(), 1.1, bold=True))

        grid = QGridLayout()
        grid.setHorizontalSpacing(self.fontMetrics().horizontalAdvance("M") * 2)
        grid.setVerticalSpacing(self.fontMetrics().height() // 2)
        self._counts: dict[Status | None, QLabel] = {}
        for row, status in enumerate(STATUS_ORDER):
            self._add_row(grid, row, status, status_label(status), status.value)
        line = QFrame()
        line.setObjectName("statusCountsRule")
        line.setAccessibleName(self.tr("Đường kẻ"))
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        grid.addWidget(line, len(STATUS_ORDER), 0, 1, 2)
        self._add_row(grid, len(STATUS_ORDER) + 1, None, self.tr("Tổng số"), "total")

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addSpacing(self.fontMetrics().height() // 2)
        layout.addLayout(grid)

    def _add_row(self, grid: QGridLayout, row: int, status: Status | None, text: str, name: str) -> None:
        label = QLabel(text)
        label.setObjectName(f"statusName_{name}")
        label.setAccessibleName(text)
        count = QLabel("…")
        count.setObjectName(f"statusCount_{name}")
        count.setAccessibleName(self.tr("Số hồ sơ: {status}").format(status=text))
        count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if status is None:
            bold = scaled_font(self.font(), 1.0, bold=True)
            label.setFont(bold)
            count.setFont(bold)
        grid.addWidget(label, row, 0)
        grid.addWidget(count, row, 1)
        self._counts[status] = count

    def set_counts(self, counts: Mapping[Status, int]) -> None:
        for status in STATUS_ORDER:
            self._counts[status].setText(format_count(counts.get(status, 0)))
        self._counts[None].setText(format_count(sum(counts.values())))

    def count_text(self, status: Status | None) -> str:
        """The number shown for `status` (None: the total)."""
        return self._counts[status].text()
