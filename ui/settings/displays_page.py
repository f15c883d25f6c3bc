"""The displays page ("Bảng hiển thị, loa"): the counter's LED display (port, driver, address) and the
voice; "Thử bảng" writes 8888 then the counter's number, "Thử loa" speaks a sample call."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QPushButton, QSpinBox, QWidget

from app.settings.spec import (
    DESK_COUNTER,
    DISPLAY_ADDRESS,
    DISPLAY_DRIVER,
    DISPLAY_DRIVERS,
    DISPLAY_URL,
    VOICE_ENABLED,
)
from app.settings.store import Settings
from ui.settings.display_checks import (
    BAD_PORT,
    BAD_SETTING,
    NO_DEVICES,
    NO_ENGINE,
    NO_PLAYER,
    SHOWN,
    SPOKEN,
    DisplayTest,
    SerialPort,
    VoiceTest,
    serial_ports,
    try_display,
    try_voice,
)
from ui.settings.pages import SettingsPage, say
from ui.widgets import named

PORT_EXAMPLES = "COM3, /dev/ttyUSB0, socket://192.168.1.30:4001, rfc2217://…, hwgrep://1a86:7523"


class DisplaysPage(SettingsPage):
    key = "displays"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The counter number the test shows: the counter page's, when the dialog links it (unsaved edits).
        self.counter_source: QSpinBox | None = None
        self.player_command: list[str] | None = None  # tests play into a file instead of a sound card
        self.port_label = named(QLabel(), "settingsDisplayPortLabel")
        self.port = named(QComboBox(), "settingsDisplayPort")
        self.port.setEditable(True)
        self.port.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        edit = self.port.lineEdit()
        if edit is not None:
            edit.setObjectName("settingsDisplayPortEdit")
            edit.setPlaceholderText(PORT_EXAMPLES)
        self.driver_label = named(QLabel(), "settingsDisplayDriverLabel")
        self.driver = named(QComboBox(), "settingsDisplayDriver")
        self.driver.setEditable(True)  # IT staff may type a name; Save refuses an unknown one in words
        self.driver.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        driver_edit = self.driver.lineEdit()
        if driver_edit is not None:
            driver_edit.setObjectName("settingsDisplayDriverEdit")
        self.driver.addItems(list(DISPLAY_DRIVERS))
        self.address_label = named(QLabel(), "settingsDisplayAddressLabel")
        self.address = named(QSpinBox(), "settingsDisplayAddress")
        self.address.setRange(0, 255)
        self.display_button = named(QPushButton(), "settingsDeviceTest_displays")
        self.display_result = self.result_label("settingsDisplayResult")
        self.voice = named(QCheckBox(), "settingsVoiceEnabled")
        self.voice_button = named(QPushButton(), "settingsVoiceTest")
        self.voice_result = self.result_label("settingsVoiceResult")
        self.row(self.port_label, self.port)
        self.row(self.driver_label, self.driver)
        self.row(self.address_label, self.address)
        self.form.addRow("", self.display_button)
        self.form.addRow("", self.display_result)
        voice_row = QHBoxLayout()
        voice_row.addWidget(self.voice, 1)
        voice_row.addWidget(self.voice_button)
        self.form.addRow("", voice_row)
        self.form.addRow("", self.voice_result)
        self.display_button.clicked.connect(self.test_display)
        self.voice_button.clicked.connect(self.test_voice)
        self.retranslate()

    def name(self) -> str:
        return self.tr("Bảng hiển thị, loa")

    def retranslate(self) -> None:
        super().retranslate()
        self.note.setText(
            self.tr(
                "Bảng LED số thứ tự ở quầy và loa gọi số. Để trống cổng nếu quầy không có bảng LED. Thay "
                "đổi có hiệu lực khi mở lại chương trình."
            )
        )
        say(self.port_label, self.port, self.tr("&Cổng bảng LED:"))
        self.port.setToolTip(
            self.tr("Cổng COM của bảng, hoặc địa chỉ: {examples}").format(examples=PORT_EXAMPLES)
        )
        say(self.driver_label, self.driver, self.tr("&Giao thức:"))
        say(self.address_label, self.address, self.tr("Đị&a chỉ bảng (công tắc DIP):"))
        self.display_button.setText(self.tr("&Thử bảng"))
        self.display_button.setAccessibleName(self.tr("Thử bảng LED: hiện 8888 rồi số quầy"))
        self.display_button.setToolTip(self.tr("Hiện 8888 (mọi đoạn sáng) rồi số quầy trên bảng LED"))
        self.voice.setText(self.tr("Đọc số được gọi qua &loa của máy này"))
        self.voice.setAccessibleName(self.tr("Đọc số được gọi qua loa"))
        self.voice_button.setText(self.tr("T&hử loa"))
        self.voice_button.setAccessibleName(self.tr("Thử loa: đọc một lần gọi số mẫu"))

    def load(self, settings: Settings) -> None:
        self.port.setEditText(settings.get(DISPLAY_URL))
        self.driver.setEditText(settings.get(DISPLAY_DRIVER))
        self.address.setValue(settings.get(DISPLAY_ADDRESS))
        self.voice.setChecked(settings.get(VOICE_ENABLED))
        self.find_ports()

    def values(self) -> dict[str, Any]:
        return {
            DISPLAY_URL.key: self.port.currentText().strip(),
            DISPLAY_DRIVER.key: self.driver.currentText().strip(),
            DISPLAY_ADDRESS.key: self.address.value(),
            VOICE_ENABLED.key: self.voice.isChecked(),
        }

    def problem(self) -> str | None:
        driver = self.driver.currentText().strip()
        if driver not in DISPLAY_DRIVERS:
            return self.tr("Giao thức bảng LED “{name}” không có; chọn một trong: {names}.").format(
                name=driver, names=", ".join(DISPLAY_DRIVERS)
            )
        return None

    def counter(self) -> int:
        if self.counter_source is not None:
            return self.counter_source.value()
        return self.settings.get(DESK_COUNTER) if self.settings is not None else 1

    # ----- ports --------------------------------------------------------------------------------------

    def find_ports(self) -> None:
        def found(ports: list[SerialPort]) -> None:
            typed = self.port.currentText()
            self.port.clear()
            for port in ports:
                self.port.addItem(port.device)
                self.port.setItemData(self.port.count() - 1, port.description, Qt.ItemDataRole.ToolTipRole)
            self.port.setEditText(typed)
            self.tell(self.display_result, "", None)

        self.run_test(
            self.display_button,
            self.display_result,
            serial_ports,
            found,
            lambda _error: self.tell(self.display_result, self.tr("Không liệt kê được cổng COM."), False),
        )

    # ----- tests --------------------------------------------------------------------------------------

    def test_display(self) -> None:
        url = self.port.currentText().strip()
        problem = self.problem()
        if problem or not url:
            self.tell(self.display_result, problem or self.tr("Hãy chọn cổng của bảng LED trước."), False)
            return
        driver, address, counter = self.driver.currentText().strip(), self.address.value(), self.counter()
        self.run_test(
            self.display_button,
            self.display_result,
            lambda: try_display(url, driver, address, counter),
            self._display_tested,
        )

    def _display_tested(self, result: DisplayTest) -> None:
        if result.outcome == SHOWN:
            text = self.tr(
                "Đã gửi tới bảng LED: {shown}. Hãy nhìn bảng: nếu không thấy số, kiểm tra giao "
                "thức, địa chỉ và dây nối."
            ).format(shown=" → ".join(result.shown))
        elif result.outcome == BAD_PORT:
            text = self.tr("Cổng không hợp lệ: {detail}").format(detail=result.detail)
        elif result.outcome == BAD_SETTING:
            text = self.tr("Giao thức hoặc địa chỉ không hợp lệ: {detail}").format(detail=result.detail)
        elif result.outcome == NO_DEVICES:
            text = self.tr("Phần điều khiển bảng LED chưa được cài trên máy này.")
        else:
            text = self.tr("Không gửi được tới bảng LED qua {port}: {detail}").format(
                port=self.port.currentText().strip(), detail=result.detail
            )
        self.tell(self.display_result, text, result.outcome == SHOWN)

    def test_voice(self) -> None:
        counter, command = self.counter(), self.player_command
        self.run_test(
            self.voice_button, self.voice_result, lambda: try_voice(counter, command), self._voice_tested
        )

    def _voice_tested(self, result: VoiceTest) -> None:
        if result.outcome == SPOKEN:
            text = self.tr("Đã đọc: “{words}”.").format(words=result.words)
        elif result.outcome == NO_ENGINE:
            text = self.tr(
                "Máy này chưa cài bộ đọc tiếng Việt espeak-ng (Debian/Ubuntu: apt-get install espeak-ng)."
            )
        elif result.outcome == NO_PLAYER:
            text = self.tr(
                "Máy này chưa có chương trình phát âm thanh (aplay hoặc paplay: apt-get install alsa-utils)."
            )
        else:
            text = self.tr("Không phát được âm thanh: {detail}").format(detail=result.detail)
        self.tell(self.voice_result, text, result.outcome == SPOKEN)
