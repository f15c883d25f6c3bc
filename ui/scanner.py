"""A USB barcode scanner is a keyboard: it types the code, fast, and presses Enter. This application-level
event filter tells it from a person by the time between keys, anywhere in the app.

A burst of printable keys, each within `max_gap_ms` of the one before, ending in Enter and reading as a
dossier code (`app.domain.codes.parse_code`), is a scan: the Enter is swallowed, whatever the burst typed
into a text field is taken back out (the field gets its text from before the burst), and `sig_code`
fires with the code. Anything else passes through untouched: a person typing a code by hand and pressing
Enter just searches for it. Nothing is held back, so typing never lags.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QPlainTextEdit, QWidget

from app.domain.codes import parse_code

MAX_GAP_MS = 35  # scanners send a key every 2-20 ms; people rarely type two keys within 35 ms
MIN_LENGTH = 13  # the shortest code: "A-YYMMDD-XXXX"
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_MODIFIERS = (Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta, Qt.Key.Key_AltGr)


@dataclass
class _Snapshot:
    """A text field as it was before the burst, to put back once the burst turns out to be a scan."""

    widget: QWidget
    text: str
    cursor: int

    def restore(self) -> None:
        widget = self.widget
        if isinstance(widget, QAbstractSpinBox):
            widget = widget.findChild(QLineEdit) or widget
        if isinstance(widget, QLineEdit):
            widget.setText(self.text)
            widget.setCursorPosition(self.cursor)
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(self.text)
            cursor = widget.textCursor()
            cursor.setPosition(min(self.cursor, len(self.text)))
            widget.setTextCursor(cursor)


def _snapshot(widget: QWidget | None) -> _Snapshot | None:
    if widget is None:
        return None
    field = widget.findChild(QLineEdit) if isinstance(widget, QAbstractSpinBox) else widget
    if isinstance(field, QLineEdit):
        return _Snapshot(widget, field.text(), field.cursorPosition())
    if isinstance(field, QPlainTextEdit):
        return _Snapshot(widget, field.toPlainText(), field.textCursor().position())
    return None


class BarcodeScanner(QObject):
    sig_code = Signal(str)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        max_gap_ms: float = MAX_GAP_MS,
        min_length: int = MIN_LENGTH,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("barcodeScanner")
        self.max_gap = max_gap_ms / 1000
        self.min_length = min_length
        self._clock = clock
        self._enabled = True
        self._buffer = ""
        self._last = 0.0
        self._snapshot: _Snapshot | None = None

    def set_enabled(self, enabled: bool) -> None:
        self._enabled = enabled
        self._reset()

    def install(self, app: QApplication) -> None:
        app.installEventFilter(self)

    def uninstall(self, app: QApplication) -> None:
        app.removeEventFilter(self)

    def _reset(self) -> None:
        self._buffer = ""
        self._snapshot = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not self._enabled:
            return False
        # A key that a widget ignores is offered to its parents, and the application filter sees every
        # offer: count each key once, when it reaches the widget with the focus (or the window).
        focus = QApplication.focusWidget()
        target = focus if focus is not None else QApplication.activeWindow()
        if target is None or watched is not target:
            return False
        if QApplication.activeModalWidget() is not None:
            self._reset()  # a dialog is being filled in: a scan there is typing
            return False
        assert isinstance(event, QKeyEvent)
        return self._key(event, focus)

    def _key(self, event: QKeyEvent, focus: QWidget | None) -> bool:
        now = self._clock()
        key = event.key()
        fast = bool(self._buffer) and now - self._last <= self.max_gap
        if key in _ENTER:
            code, snapshot = self._buffer, self._snapshot
            self._reset()
            if fast and len(code) >= self.min_length and parse_code(code) is not None:
                if snapshot is not None:
                    snapshot.restore()
                self.sig_code.emit(code)
                return True
            return False
        if key in _MODIFIERS:
            return False  # Shift before a capital letter is part of the burst
        text = event.text()
        mods = event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier)
        if len(text) != 1 or not text.isprintable() or mods != Qt.KeyboardModifier.NoModifier:
            self._reset()
            return False
        if fast:
            self._buffer += text
        else:
            self._buffer = text
            self._snapshot = _snapshot(focus)
        self._last = now
        return False
