"""The search box: searches as the officer types, once typing pauses for a moment."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

DEBOUNCE_MS = 150


class SearchBox(QLineEdit):
    """`sig_edited` fires on every change (so a running search can be marked stale at once);
    `sig_search` fires with the stripped text after `DEBOUNCE_MS` without typing, or on Enter."""

    sig_edited = Signal(str)
    sig_search = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchBox")
        self.setAccessibleName(self.tr("Tìm hồ sơ"))
        self.setPlaceholderText(self.tr("Tìm hồ sơ: mã, CCCD, SĐT, tên không dấu"))
        self.setAccessibleDescription(self.placeholderText())
        self.setClearButtonEnabled(True)
        self.setMaxLength(200)
        self._timer = QTimer(self)
        self._timer.setObjectName("searchDebounce")
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._fire)
        self.textChanged.connect(self._changed)
        self.returnPressed.connect(self._fire)

    def query(self) -> str:
        return self.text().strip()

    def _changed(self, text: str) -> None:
        self.sig_edited.emit(text)
        self._timer.start()

    def _fire(self) -> None:
        self._timer.stop()
        self.sig_search.emit(self.query())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        super().keyPressEvent(event)
