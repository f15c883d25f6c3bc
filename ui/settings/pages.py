"""One page per group of settings, in the manner of Picard's options pages: each declares its fields,
`load()`s them from the settings and gives back `values()` to save. Device pages are placeholders with
their test button disabled until the printing, scanning and display features land."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
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
    PRINTING_PAPER,
    PRINTING_PRINTER,
    SERVER_URL,
    UI_LANGUAGE,
)
from app.settings.store import Settings
from ui.i18n import on_language_change
from ui.widgets import MUTED, Reasons, colour_text, heading, named, unavailable


class SettingsPage(QWidget):
    key = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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


def _line(name: str) -> tuple[QLabel, QLineEdit]:
    return named(QLabel(), f"{name}Label"), named(QLineEdit(), name)


def _say(label: QLabel, field: QWidget, text: str) -> None:
    label.setText(text)
    label.setAccessibleName(text.replace("&", "").rstrip(":"))
    field.setAccessibleName(text.replace("&", "").rstrip(":"))


class OfficePage(SettingsPage):
    key = "office"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name_label, self.office_name = _line("settingsOfficeName")
        self.code_label, self.office_code = _line("settingsOfficeCode")
        self.unit_label, self.unit_code = _line("settingsUnitCode")
        self.place_label, self.place = _line("settingsPlace")
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
        _say(self.name_label, self.office_name, self.tr("&Tên cơ quan:"))
        _say(self.code_label, self.office_code, self.tr("&Mã định danh:"))
        _say(self.unit_label, self.unit_code, self.tr("Mã đơn vị trong &mã hồ sơ:"))
        _say(self.place_label, self.place, self.tr("&Địa danh trên phiếu:"))

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
        self.officer_label, self.officer = _line("settingsDefaultOfficer")
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
        _say(self.counter_label, self.counter, self.tr("Số &quầy:"))
        _say(self.slot_label, self.slot, self.tr("&Khối số hồ sơ (0-9):"))
        _say(self.officer_label, self.officer, self.tr("Tài khoản &gợi ý khi đăng nhập:"))

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
        _say(self.language_label, self.language, self.tr("&Ngôn ngữ giao diện:"))

    def load(self, settings: Settings) -> None:
        self.language.setCurrentIndex(max(self.language.findData(settings.get(UI_LANGUAGE)), 0))

    def values(self) -> dict[str, Any]:
        return {UI_LANGUAGE.key: self.language.currentData()}


class ServerPage(SettingsPage):
    key = "server"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.url_label, self.url = _line("settingsServerUrl")
        self.url.setPlaceholderText("https://motcua.example.gov.vn")
        self.test_button = named(QPushButton(), "settingsServerTest")
        self.row(self.url_label, self.url)
        self.form.addRow("", self.test_button)
        self.retranslate()

    def name(self) -> str:
        return self.tr("Máy chủ")

    def retranslate(self) -> None:
        super().retranslate()
        self.note.setText(
            self.tr("Địa chỉ máy chủ tổng hợp hồ sơ của tỉnh; để trống nếu máy làm việc độc lập.")
        )
        _say(self.url_label, self.url, self.tr("Địa chỉ &máy chủ:"))
        self.test_button.setText(self.tr("Kiểm tra kết nối"))
        self.test_button.setAccessibleName(self.tr("Kiểm tra kết nối máy chủ"))
        unavailable(self.test_button, Reasons.sync())

    def load(self, settings: Settings) -> None:
        self.url.setText(settings.get(SERVER_URL))

    def values(self) -> dict[str, Any]:
        return {SERVER_URL.key: self.url.text().strip()}

    def problem(self) -> str | None:
        url = self.url.text().strip()
        if url and not url.startswith(("http://", "https://")):
            return self.tr("Địa chỉ máy chủ phải bắt đầu bằng http:// hoặc https://")
        return None


class PrintersPage(SettingsPage):
    """The forms' printer and paper (printing, issue 3); the ticket printer is the queue's."""

    key = "printers"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.printer_label, self.printer = _line("settingsPrinter")
        self.printer.setPlaceholderText("cups:Quay1, socket://192.168.1.20:9100, file:/thu-muc")
        self.paper_label = named(QLabel(), "settingsPaperLabel")
        self.paper = named(QComboBox(), "settingsPaper")
        self.paper.addItem("A5", "A5")
        self.paper.addItem("A4", "A4")
        self.test_button = named(QPushButton(), "settingsDeviceTest_printers")
        self.row(self.printer_label, self.printer)
        self.row(self.paper_label, self.paper)
        self.form.addRow("", self.test_button)
        self.retranslate()

    def name(self) -> str:
        return self.tr("Máy in")

    def retranslate(self) -> None:
        super().retranslate()
        self.note.setText(
            self.tr(
                "Máy in các mẫu phiếu; để trống là máy in mặc định của máy tính. Thay đổi có hiệu lực khi mở "
                "lại chương trình."
            )
        )
        _say(self.printer_label, self.printer, self.tr("&Máy in phiếu:"))
        _say(self.paper_label, self.paper, self.tr("&Khổ giấy phiếu:"))
        self.test_button.setText(self.tr("In thử"))
        self.test_button.setAccessibleName(self.tr("In thử một trang"))
        unavailable(self.test_button, self.tr("In thử từ dòng lệnh: motcua printer test TÊN-MÁY-IN"))

    def load(self, settings: Settings) -> None:
        self.printer.setText(settings.get(PRINTING_PRINTER))
        self.paper.setCurrentIndex(max(self.paper.findData(settings.get(PRINTING_PAPER)), 0))

    def values(self) -> dict[str, Any]:
        return {
            PRINTING_PRINTER.key: self.printer.text().strip(),
            PRINTING_PAPER.key: self.paper.currentData(),
        }


class DevicePage(SettingsPage):
    """A device's page before its feature lands: what it will hold, and a disabled test button."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        self.key = key
        super().__init__(parent)
        self.status = named(QLabel(), f"settingsDeviceStatus_{key}")
        self.status.setWordWrap(True)
        self.test_button = named(QPushButton(), f"settingsDeviceTest_{key}")
        self.form.addRow(self.status)
        self.form.addRow(self.test_button)
        self.retranslate()

    def name(self) -> str:
        return {
            "scanner": self.tr("Máy quét"),
            "displays": self.tr("Bảng hiển thị, loa"),
        }[self.key]

    def _reason(self) -> str:
        return {"scanner": Reasons.scanning, "displays": Reasons.displays}[self.key]()

    def retranslate(self) -> None:
        super().retranslate()
        self.note.setText(
            {
                "scanner": self.tr("Máy quét thành phần hồ sơ."),
                "displays": self.tr("Bảng LED số thứ tự ở quầy và loa gọi số."),
            }[self.key]
        )
        self.status.setText(self._reason())
        self.status.setAccessibleName(self.status.text())
        self.test_button.setText(self.tr("Thử thiết bị"))
        self.test_button.setAccessibleName(self.tr("Thử thiết bị: {name}").format(name=self.name()))
        unavailable(self.test_button, self._reason())
