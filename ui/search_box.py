"""The search box: searches as the officer types.

A short pause (`DEBOUNCE_MS`) merges the changes of one burst (a paste, an input method's commit) into
one search; a name whose last word is a single letter waits longer (`PARTIAL_WORD_MS`), because the
officer is in the middle of a word and a one-letter prefix is the slowest query at a million dossiers.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from app.domain.text import search_tokens
from ui.i18n import on_language_change

DEBOUNCE_MS = 15
PARTIAL_WORD_MS = 300


def pause_for(text: str) -> int:
    tokens = search_tokens(text)
    if tokens and len(tokens[-1]) == 1 and not tokens[-1].isdigit():
        return PARTIAL_WORD_MS
    return DEBOUNCE_MS


class SearchBox(QLineEdit):
    """`sig_edited` fires on every change (so a running search can be marked stale at once);
    `sig_search` fires with the stripped text after a pause in typing, or at once on Enter."""

    sig_edited = Signal(str)
    sig_search = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchBox")
        self.setClearButtonEnabled(True)
        self.setMaxLength(200)
        self._timer = QTimer(self)
        self._timer.setObjectName("searchDebounce")
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._fire)
        self.textChanged.connect(self._changed)
        self.returnPressed.connect(self._fire)
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Tìm hồ sơ"))
        self.setPlaceholderText(self.tr("Tìm hồ sơ: mã, CCCD, SĐT, tên không dấu"))
        self.setAccessibleDescription(self.placeholderText())

    def changeEvent(self, event: QEvent) -> None:
        on_language_change(event, self.retranslate)
        super().changeEvent(event)

    def query(self) -> str:
        return self.text().strip()

    def _changed(self, text: str) -> None:
        self.sig_edited.emit(text)
        self._timer.start(pause_for(text))

    def _fire(self) -> None:
        self._timer.stop()
        self.sig_search.emit(self.query())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        super().keyPressEvent(event)
