"""One page per group of settings, in the manner of Picard's options pages: each declares its fields,
`load()`s them from the settings and gives back `values()` to save.

This module holds the base page and the plain pages (office, counter, language). The pages with a test
button (server, printers, scanner, displays and voice) live in modules of their own; their tests run on
the task manager's worker, never on the GUI thread, and answer in a result line under the button."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.codes import CodeFormat
from app.domain.errors import ValidationError
from app.settings.spec import (
    DESK_CODE_SLOT,
    DESK_COUNTER,
    DESK_OFFICER,
    OFFICE_CODE,
    OFFICE_NAME,
    OFFICE_PLACE,
    OFFICE_UNIT_CODE,
    UI_LANGUAGE,
)
from app.settings.store import Settings
from ui.errors import describe_error
from ui.i18n import on_language_change
from ui.tasks import QueryOp, TaskManager
from ui.widgets import DANGER, MUTED, SUCCESS, colour_text, heading, named

T = TypeVar("T")


class SettingsPage(QWidget):
    key = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings: Settings | None = None
        self.tasks: TaskManager | None = None
        self.setObjectName(f"settingsPage_{self.key}")
        self.title = heading(f"settingsTitle_{self.key}", 1.2)
        self.note = named(QLabel(), f"settingsNote_{self.key}")
        self.note.setWordWrap(True)
        colour_text(self.note, MUTED)
        self.form = QFormLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addLayout(self.form)
        layout.addStretch(1)

    def name(self) -> str:
        raise NotImplementedError

    def retranslate(self) -> None:
        self.title.setText(self.name())
        self.title.setAccessibleName(self.name())
        self.setAccessibleName(self.name())
        self.note.setAccessibleName(self.tr("Ghi chú"))

    def changeEvent(self, event: QEvent) -> None:
        on_language_change(event, self.retranslate)
        super().changeEvent(event)

    def attach(self, settings: Settings, tasks: TaskManager | None) -> None:
        """The settings as saved (tests run with the page's values over them) and the worker for tests."""
        self.settings = settings
        self.tasks = tasks

    def run_test(
        self,
        button: QAbstractButton,
        result: QLabel,
        op: Callable[[], T],
        done: Callable[[T], None],
        failed: Callable[[Exception], None] | None = None,
    ) -> None:
        """Run a device or network test on the worker: the button waits, the answer comes back to `done`
        (or `failed`) unless the dialog was closed meanwhile."""
        if self.tasks is None:
            return
        from shiboken6 import isValid

        button.setEnabled(False)
        self.tell(result, self.tr("Đang thử…"), None)

        def success(value: T) -> None:
            if isValid(self):
                button.setEnabled(True)
                done(value)

        def failure(error: Exception) -> None:
            if isValid(self):
                button.setEnabled(True)
                if failed is not None:
                    failed(error)
                else:
                    self.tell(result, describe_error(error), False)

        QueryOp(op=lambda _services: op(), success=success).failure(failure).run(self.tasks)

    def result_label(self, name: str) -> QLabel:
        """The line under a test button where its answer goes (selectable: IT staff copy it)."""
        label = named(QLabel(), name)
        label.setAccessibleName(self.tr("Kết quả"))
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    @staticmethod
    def tell(label: QLabel, text: str, ok: bool | None) -> None:
        """Show a test's answer: green when it worked, red when it did not, grey while it runs."""
        label.setText(text)
        label.setAccessibleName(text or QCoreApplication.translate("SettingsPage", "Kết quả"))
        colour_text(label, MUTED if ok is None else SUCCESS if ok else DANGER)

    def row(self, label: QLabel, field: QWidget) -> None:
        label.setBuddy(field)
        self.form.addRow(label, field)

    def load(self, settings: Settings) -> None:
        pass

    def values(self) -> dict[str, Any]:
        return {}

    def problem(self) -> str | None:
        """What is wrong with the page's values, in words, or None."""
        return None


def line_field(name: str) -> tuple[QLabel, QLineEdit]:
    return named(QLabel(), f"{name}Label"), named(QLineEdit(), name)


def say(label: QLabel, field: QWidget, text: str) -> None:
    label.setText(text)
    label.setAccessibleName(text.replace("&", "").rstrip(":"))
    field.setAccessibleName(text.replace("&", "").rstrip(":"))
    edit = field.lineEdit() if isinstance(field, QComboBox) else None
    if edit is not None:  # an editable list: its typing field is a widget of its own
        edit.setAccessibleName(text.replace("&", "").rstrip(":"))


class OfficePage(SettingsPage):
    key = "office"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name_label, self.office_name = line_field("settingsOfficeName")
        self.code_label, self.office_code = line_field("settingsOfficeCode")
        self.unit_label, self.unit_code = line_field("settingsUnitCode")
        self.place_label, self.place = line_field("settingsPlace")
        for label, field in (
            (self.name_label, self.office_name),
            (self.code_label, self.office_code),
            (self.unit_label, self.unit_code),
            (self.place_label, self.place),
        ):
            self.row(label, field)
        self.retranslate()

    def name(self) -> str:
        return self.tr("Cơ quan")

    def retranslate(self) -> None:
        super().retranslate()
        self.note.setText(
            self.tr("Tên và mã in trên các mẫu phiếu. Thay đổi có hiệu lực khi mở lại chương trình.")
        )
        say(self.name_label, self.office_name, self.tr("&Tên cơ quan:"))
        say(self.code_label, self.office_code, self.tr("&Mã định danh:"))
        say(self.unit_label, self.unit_code, self.tr("Mã đơn vị trong &mã hồ sơ:"))
        say(self.place_label, self.place, self.tr("&Địa danh trên phiếu:"))

    def load(self, settings: Settings) -> None:
        self.office_name.setText(settings.get(OFFICE_NAME))
        self.office_code.setText(settings.get(OFFICE_CODE))
        self.unit_code.setText(settings.get(OFFICE_UNIT_CODE))
        self.place.setText(settings.get(OFFICE_PLACE))

    def problem(self) -> str | None:
        unit = self.unit_code.text().strip()
        if unit:
            try:  # the same rule the dossier codes are made with
                CodeFormat().format(unit, date(2000, 1, 1), 1)
            except ValidationError:
                return self.tr(
                    "Mã đơn vị chỉ gồm chữ cái không dấu, chữ số và dấu chấm, ví dụ 000.00.53.H48."
                )
        return None

    def values(self) -> dict[str, Any]:
        return {
            OFFICE_NAME.key: self.office_name.text().strip(),
            OFFICE_CODE.key: self.office_code.text().strip(),
            OFFICE_UNIT_CODE.key: self.unit_code.text().strip(),
            OFFICE_PLACE.key: self.place.text().strip(),
        }


class CounterPage(SettingsPage):
    key = "counter"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counter_label = named(QLabel(), "settingsCounterLabel")
        self.counter = named(QSpinBox(), "settingsCounter")
        self.counter.setRange(1, 999)
        self.slot_label = named(QLabel(), "settingsSlotLabel")
        self.slot = named(QSpinBox(), "settingsSlot")
        self.slot.setRange(0, 9)
        self.officer_label, self.officer = line_field("settingsDefaultOfficer")
        self.row(self.counter_label, self.counter)
        self.row(self.slot_label, self.slot)
        self.row(self.officer_label, self.officer)
        self.retranslate()

    def name(self) -> str:
        return self.tr("Quầy")

    def retranslate(self) -> None:
        super().retranslate()
        self.note.setText(
            self.tr(
                "Hai máy của cùng đơn vị không được dùng chung khối số hồ sơ. "
                "Thay đổi có hiệu lực khi mở lại chương trình."
            )
        )
        say(self.counter_label, self.counter, self.tr("Số &quầy:"))
        say(self.slot_label, self.slot, self.tr("&Khối số hồ sơ (0-9):"))
        say(self.officer_label, self.officer, self.tr("Tài khoản &gợi ý khi đăng nhập:"))

    def load(self, settings: Settings) -> None:
        self.counter.setValue(settings.get(DESK_COUNTER))
        self.slot.setValue(settings.get(DESK_CODE_SLOT))
        self.officer.setText(settings.get(DESK_OFFICER))

    def values(self) -> dict[str, Any]:
        return {
            DESK_COUNTER.key: self.counter.value(),
            DESK_CODE_SLOT.key: self.slot.value(),
            DESK_OFFICER.key: self.officer.text().strip().lower(),
        }


class LanguagePage(SettingsPage):
    key = "language"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language_label = named(QLabel(), "settingsLanguageLabel")
        self.language = named(QComboBox(), "settingsLanguage")
        self.language.addItem("Tiếng Việt", "vi")
        self.language.addItem("English", "en")
        self.row(self.language_label, self.language)
        self.retranslate()

    def name(self) -> str:
        return self.tr("Ngôn ngữ")

    def retranslate(self) -> None:
        super().retranslate()
        self.note.setText(self.tr("Đổi ngôn ngữ ngay, không cần mở lại chương trình."))
        say(self.language_label, self.language, self.tr("&Ngôn ngữ giao diện:"))

    def load(self, settings: Settings) -> None:
        self.language.setCurrentIndex(max(self.language.findData(settings.get(UI_LANGUAGE)), 0))

    def values(self) -> dict[str, Any]:
        return {UI_LANGUAGE.key: self.language.currentData()}
