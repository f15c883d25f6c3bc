"""The settings dialog: a list of pages on the left, the page on the right, Save and Cancel.

The device and server pages test what is typed before it is saved ("Kiểm tra kết nối", "In thử", "Thử
bảng", "Thử loa", "Quét thử"), each on the task manager's worker. Saving writes the settings file off the
GUI thread; the language changes at once, the rest with the next start (the desk's identity is fixed
while it runs).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import DomainError
from app.settings.store import Settings, save_settings
from ui.errors import describe_error
from ui.i18n import on_language_change
from ui.settings.displays_page import DisplaysPage
from ui.settings.pages import CounterPage, LanguagePage, OfficePage, SettingsPage
from ui.settings.printers_page import PrintersPage
from ui.settings.scanner_page import ScannerPage
from ui.settings.server_page import ServerPage
from ui.tasks import QueryOp, TaskManager
from ui.widgets import DANGER, colour_text, name_internals, named


class SettingsDialog(QDialog):
    sig_saved = Signal(object)  # the new Settings

    def __init__(self, settings: Settings, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.settings = settings
        self.tasks = tasks
        counter = CounterPage()
        displays = DisplaysPage()
        displays.counter_source = counter.counter  # "Thử bảng" shows the number being typed
        self.pages: list[SettingsPage] = [
            OfficePage(),
            counter,
            LanguagePage(),
            ServerPage(),
            PrintersPage(),
            ScannerPage(),
            displays,
        ]
        self.list = named(QListWidget(), "settingsList")
        self.stack = named(QStackedWidget(), "settingsStack")
        for page in self.pages:
            page.attach(settings, tasks)
            page.load(settings)
            self.list.addItem(page.name())
            self.stack.addWidget(page)
        self.list.setFixedWidth(self.fontMetrics().averageCharWidth() * 24)
        self.list.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.list.setCurrentRow(0)
        self.error = named(QLabel(), "settingsError")
        self.error.setWordWrap(True)
        colour_text(self.error, DANGER)
        self.buttons = named(
            QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel),
            "settingsButtons",
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("settingsSave")
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("settingsCancel")
        body = QHBoxLayout()
        body.addWidget(self.list)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.resize(self.fontMetrics().averageCharWidth() * 110, self.fontMetrics().height() * 26)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Cài đặt"))
        self.setAccessibleName(self.tr("Cài đặt"))
        self.list.setAccessibleName(self.tr("Nhóm cài đặt"))
        self.stack.setAccessibleName(self.tr("Trang cài đặt"))
        self.error.setAccessibleName(self.tr("Lỗi"))
        self.save_button.setText(self.tr("Lưu"))
        self.save_button.setAccessibleName(self.tr("Lưu cài đặt"))
        self.cancel_button.setText(self.tr("Huỷ"))
        self.cancel_button.setAccessibleName(self.tr("Huỷ"))
        self.buttons.setAccessibleName(self.tr("Lưu hoặc huỷ"))
        name_internals(self)
        for i, page in enumerate(self.pages):
            item = self.list.item(i)
            if item is not None:
                item.setText(page.name())

    def changeEvent(self, event: QEvent) -> None:
        on_language_change(event, self.retranslate)
        super().changeEvent(event)

    def show_page(self, key: str) -> None:
        for i, page in enumerate(self.pages):
            if page.key == key:
                self.list.setCurrentRow(i)

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for page in self.pages:
            values.update(page.values())
        return values

    def save(self) -> None:
        for i, page in enumerate(self.pages):
            problem = page.problem()
            if problem:
                self.list.setCurrentRow(i)
                self.error.setText(problem)
                return
        try:
            updated = self.settings.with_values(self.values())
        except DomainError as exc:
            self.error.setText(describe_error(exc))
            return
        self.save_button.setEnabled(False)
        QueryOp(op=lambda _s: (save_settings(updated), updated)[1], success=self._saved).failure(
            self._failed
        ).run(self.tasks)

    def _saved(self, settings: Settings) -> None:
        self.settings = settings
        self.sig_saved.emit(settings)
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.save_button.setEnabled(True)
        self.error.setText(describe_error(error))
