"""A short key for new officers: what red rows mean and which keys do what."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from ui.dossier_table import OVERDUE_COLOR
from ui.header import scaled_font


class LegendPanel(QFrame):
    def __init__(self, shortcuts: Sequence[tuple[QKeySequence, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("legendPanel")
        self.setAccessibleName(self.tr("Chú thích và phím tắt"))
        self.setFrameShape(QFrame.Shape.StyledPanel)

        title = QLabel(self.tr("Chú thích"))
        title.setObjectName("legendTitle")
        title.setAccessibleName(title.text())
        title.setFont(scaled_font(self.font(), 1.1, bold=True))

        overdue = QLabel(self.tr("⚠ Chữ đỏ: hồ sơ đã quá hạn hẹn trả"))
        overdue.setObjectName("legendOverdue")
        overdue.setAccessibleName(overdue.text())
        overdue.setStyleSheet(f"color: {OVERDUE_COLOR.name()};")
        overdue.setWordWrap(True)

        keys = QGridLayout()
        keys.setHorizontalSpacing(self.fontMetrics().horizontalAdvance("M"))
        for row, (sequence, what) in enumerate(shortcuts):
            key_text = sequence.toString(QKeySequence.SequenceFormat.NativeText)
            key = QLabel(key_text)
            key.setObjectName(f"legendKey{row}")
            key.setAccessibleName(self.tr("Phím {key}").format(key=key_text))
            key.setFont(scaled_font(self.font(), 1.0, bold=True))
            label = QLabel(what)
            label.setObjectName(f"legendKeyAction{row}")
            label.setAccessibleName(what)
            keys.addWidget(key, row, 0)
            keys.addWidget(label, row, 1)
        keys.setColumnStretch(1, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(overdue)
        layout.addSpacing(self.fontMetrics().height() // 2)
        layout.addLayout(keys)
