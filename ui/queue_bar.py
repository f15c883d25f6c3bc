"""The counter's queue: the ticket being served, call next, recall, no-show, transfer, and how many wait.

The queue issue brings the engine and the displays; until the desk is wired to it the controls are here,
visibly disabled with the reason, never pretending to call anyone.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ui.i18n import on_language_change
from ui.widgets import Reasons, legible_when_disabled, named, scaled, unavailable


class QueueBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queueBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.current = named(QLabel(), "queueCurrent")
        self.current.setFont(scaled(self.font(), 1.15, bold=True))
        self.waiting = named(QLabel(), "queueWaiting")
        self.call_next = named(QPushButton(), "queueCallNext")
        self.recall = named(QPushButton(), "queueRecall")
        self.no_show = named(QPushButton(), "queueNoShow")
        self.transfer = named(QPushButton(), "queueTransfer")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.current)
        layout.addSpacing(self.fontMetrics().horizontalAdvance("M") * 2)
        for button in (self.call_next, self.recall, self.no_show, self.transfer):
            layout.addWidget(button)
        layout.addStretch(1)
        layout.addWidget(self.waiting)
        for label in (self.current, self.waiting):
            label.setEnabled(False)
            legible_when_disabled(label)
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Xếp hàng, gọi số"))
        self.current.setText(self.tr("Số đang phục vụ: —"))
        self.current.setAccessibleName(self.tr("Số thứ tự đang phục vụ"))
        self.waiting.setText(self.tr("Đang chờ: —"))
        self.waiting.setAccessibleName(self.tr("Số người đang chờ"))
        for button, text in (
            (self.call_next, self.tr("Gọi số tiếp (F9)")),
            (self.recall, self.tr("Gọi lại")),
            (self.no_show, self.tr("Vắng mặt")),
            (self.transfer, self.tr("Chuyển quầy")),
        ):
            button.setText(text)
            button.setAccessibleName(text.split(" (")[0])
            unavailable(button, Reasons.queue())
        for label in (self.current, self.waiting):
            label.setToolTip(Reasons.queue())

    def changeEvent(self, event: QEvent) -> None:
        on_language_change(event, self.retranslate)
        super().changeEvent(event)
