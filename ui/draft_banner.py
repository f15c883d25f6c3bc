"""The bar that offers back a reception left unfinished (the app was closed or crashed mid-way)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ui.i18n import on_language_change
from ui.labels import format_datetime
from ui.widgets import WARNING, colour_text, named, scaled


class DraftBanner(QFrame):
    sig_restore = Signal()
    sig_discard = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("draftBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._details: tuple[str, str, str] | None = None
        self.text = named(QLabel(), "draftText")
        self.text.setWordWrap(True)
        self.text.setFont(scaled(self.font(), 1.0, bold=True))
        colour_text(self.text, WARNING)
        self.restore_button = named(QPushButton(), "draftRestore")
        self.discard_button = named(QPushButton(), "draftDiscard")
        layout = QHBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.restore_button)
        layout.addWidget(self.discard_button)
        self.restore_button.clicked.connect(self.sig_restore)
        self.discard_button.clicked.connect(self.sig_discard)
        self.hide()
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Hồ sơ tiếp nhận dở"))
        self.text.setAccessibleName(self.tr("Hồ sơ tiếp nhận dở"))
        self.restore_button.setText(self.tr("Khôi phục và làm tiếp"))
        self.restore_button.setAccessibleName(self.tr("Khôi phục hồ sơ tiếp nhận dở"))
        self.discard_button.setText(self.tr("Bỏ"))
        self.discard_button.setAccessibleName(self.tr("Bỏ hồ sơ tiếp nhận dở"))
        self._say()

    def changeEvent(self, event: QEvent) -> None:
        on_language_change(event, self.retranslate)
        super().changeEvent(event)

    def offer(self, saved_at: object, applicant: str, procedure: str) -> None:
        from datetime import datetime

        when = format_datetime(saved_at) if isinstance(saved_at, datetime) else ""
        self._details = (when, applicant, procedure)
        self._say()
        self.show()

    def _say(self) -> None:
        if self._details is None:
            return
        when, applicant, procedure = self._details
        self.text.setText(
            self.tr("Có một hồ sơ đang tiếp nhận dở lúc {when}: {applicant} — {procedure}.").format(
                when=when,
                applicant=applicant or self.tr("(chưa nhập tên)"),
                procedure=procedure or self.tr("(chưa chọn thủ tục)"),
            )
        )
