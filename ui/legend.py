"""A short key for new officers: what red rows mean and which keys do what."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from ui.dossier_table import OVERDUE_COLOR
from ui.i18n import on_language_change
from ui.widgets import scaled


class LegendPanel(QFrame):
    """`shortcuts` pairs a key with a function giving its meaning (called again on a language change)."""

    def __init__(
        self, shortcuts: Sequence[tuple[QKeySequence, Callable[[], str]]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("legendPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._shortcuts = list(shortcuts)

        self.title = QLabel()
        self.title.setObjectName("legendTitle")
        self.title.setFont(scaled(self.font(), 1.1, bold=True))

        self.overdue = QLabel()
        self.overdue.setObjectName("legendOverdue")
        self.overdue.setStyleSheet(f"color: {OVERDUE_COLOR.name()};")
        self.overdue.setWordWrap(True)

        keys = QGridLayout()
        keys.setHorizontalSpacing(self.fontMetrics().horizontalAdvance("M"))
        self._rows: list[tuple[QLabel, QLabel]] = []
        for row, (sequence, _what) in enumerate(self._shortcuts):
            key = QLabel(sequence.toString(QKeySequence.SequenceFormat.NativeText))
            key.setObjectName(f"legendKey{row}")
            key.setFont(scaled(self.font(), 1.0, bold=True))
            label = QLabel()
            label.setObjectName(f"legendKeyAction{row}")
            keys.addWidget(key, row, 0)
            keys.addWidget(label, row, 1)
            self._rows.append((key, label))
        keys.setColumnStretch(1, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.overdue)
        layout.addSpacing(self.fontMetrics().height() // 2)
        layout.addLayout(keys)
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Chú thích và phím tắt"))
        self.title.setText(self.tr("Chú thích"))
        self.title.setAccessibleName(self.title.text())
        self.overdue.setText(self.tr("⚠ Chữ đỏ: hồ sơ đã quá hạn hẹn trả"))
        self.overdue.setAccessibleName(self.overdue.text())
        for (key, label), (_sequence, what) in zip(self._rows, self._shortcuts, strict=True):
            key.setAccessibleName(self.tr("Phím {key}").format(key=key.text()))
            label.setText(what())
            label.setAccessibleName(label.text())

    def changeEvent(self, event: QEvent) -> None:
        on_language_change(event, self.retranslate)
        super().changeEvent(event)
