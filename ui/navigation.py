"""The column of the counter's jobs on the left: each a big button with its key, and today's tally."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QButtonGroup, QFrame, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ui.i18n import on_language_change
from ui.widgets import MUTED, colour_text, named, scaled


class NavBar(QFrame):
    sig_go = Signal(str)

    def __init__(
        self, items: list[tuple[str, Callable[[], str], QKeySequence]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("navBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self._items = items
        self.group = QButtonGroup(self)
        self.group.setObjectName("navGroup")
        self.group.setExclusive(True)
        self.buttons: dict[str, QPushButton] = {}
        layout = QVBoxLayout(self)
        for key, _text, _sequence in items:
            button = named(QPushButton(), f"nav_{key}")
            button.setCheckable(key not in ("settings", "lock"))
            button.setMinimumHeight(button.fontMetrics().height() * 3)
            button.setFont(scaled(button.font(), 1.0, bold=True))
            button.setStyleSheet("text-align: left; padding-left: 8px;")
            button.clicked.connect(lambda _c=False, k=key: self.sig_go.emit(k))
            if button.isCheckable():
                self.group.addButton(button)
            self.buttons[key] = button
            layout.addWidget(button)
        layout.addStretch(1)
        self.today = named(QLabel(), "navToday")
        self.today.setWordWrap(True)
        colour_text(self.today, MUTED)
        layout.addWidget(self.today)
        self.setFixedWidth(self.fontMetrics().averageCharWidth() * 28)
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Các công việc"))
        self.today.setAccessibleName(self.tr("Công việc hôm nay"))
        for key, text, sequence in self._items:
            shortcut = sequence.toString(QKeySequence.SequenceFormat.NativeText)
            self.buttons[key].setText(f"{text()}\n{shortcut}")
            self.buttons[key].setAccessibleName(text())
            self.buttons[key].setToolTip(f"{text()} ({shortcut})")

    def changeEvent(self, event: QEvent) -> None:
        on_language_change(event, self.retranslate)
        super().changeEvent(event)

    def set_current(self, key: str | None) -> None:
        button = self.buttons.get(key or "")
        if button is not None and button.isCheckable():
            button.setChecked(True)
        elif key is None or button is None:
            checked = self.group.checkedButton()
            if checked is not None:
                self.group.setExclusive(False)
                checked.setChecked(False)
                self.group.setExclusive(True)

    def set_today(self, text: str) -> None:
        self.today.setText(text)
