"""The scanner page: the desk's scanner (`scan.device`, the one the scanning screen opens first) and its
default paper source; "Tìm máy quét" lists what the backends find, "Quét thử" reads one page and shows it.
Both run on the worker: discovery waits on mDNS and USB, a scan takes seconds."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from app.domain.scanning.model import Source
from app.settings.spec import SCAN_DEVICE, SCAN_SOURCE
from app.settings.store import Settings
from ui.scanning.texts import source_label
from ui.settings.pages import SettingsPage, say
from ui.widgets import named

THUMBNAIL = (150, 210)


@dataclass(frozen=True, slots=True)
class FoundScanner:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Discovery:
    scanners: tuple[FoundScanner, ...]
    problems: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TestScan:
    device: str
    name: str
    width: int  # pixels of the page as scanned
    height: int
    dpi: float
    png: bytes  # a thumbnail


def discover(settings: Settings) -> Discovery:
    from ui.scanning.desk import desk_scanners

    registry: Any = desk_scanners(settings)  # the ScannerRegistry it builds
    found = registry.devices()
    return Discovery(tuple(FoundScanner(d.id, d.name) for d in found), tuple(registry.problems))


def scan_one_page(settings: Settings, device: str, source: Source) -> TestScan:
    """One page from `device`: the flatbed when it has one or was chosen, else one sheet from the feeder."""
    from app.domain.scanning.model import ScanRequest
    from ui.scanning.desk import desk_scanners

    registry: Any = desk_scanners(settings)  # the ScannerRegistry it builds
    device_id = registry.resolve(device)
    scanner = registry.open(device_id)
    try:
        sources = scanner.info.sources
        if source not in sources and sources:
            source = Source.FLATBED if Source.FLATBED in sources else sources[0]
        request = ScanRequest(source=source, pages=1 if source != Source.FLATBED else None)
        pages = scanner.scan(request, registry.profile(device_id))
        try:
            page = next(iter(pages))
        finally:
            close = getattr(pages, "close", None)
            if close is not None:
                close()  # stop the run after the first page (a feeder may hold more)
        image = page.image.copy()
        width, height = image.size
        image.thumbnail(THUMBNAIL)
        buffer = io.BytesIO()
        image.convert("RGB").save(buffer, "PNG")
        return TestScan(device_id, scanner.info.name, width, height, float(page.dpi[0]), buffer.getvalue())
    finally:
        scanner.close()


class ScannerPage(SettingsPage):
    key = "scanner"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.device_label = named(QLabel(), "settingsScanDeviceLabel")
        self.device = named(QComboBox(), "settingsScanDevice")
        self.device.setEditable(True)
        self.device.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        edit = self.device.lineEdit()
        if edit is not None:
            edit.setObjectName("settingsScanDeviceEdit")
            edit.setPlaceholderText("sane:fujitsu:fi-7160:1234, escl:http://…, folder:/thu-muc")
        self.source_label = named(QLabel(), "settingsScanSourceLabel")
        self.source = named(QComboBox(), "settingsScanSource")
        for source in Source:
            self.source.addItem("", source.value)
        self.find_button = named(QPushButton(), "settingsScanFind")
        self.test_button = named(QPushButton(), "settingsDeviceTest_scanner")
        self.result = self.result_label("settingsScanResult")
        self.thumbnail = named(QLabel(), "settingsScanThumbnail")
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.thumbnail.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.find_button)
        buttons.addWidget(self.test_button)
        buttons.addStretch(1)
        self.row(self.device_label, self.device)
        self.row(self.source_label, self.source)
        self.form.addRow("", buttons)
        self.form.addRow("", self.result)
        self.form.addRow("", self.thumbnail)
        self.find_button.clicked.connect(self.find_scanners)
        self.test_button.clicked.connect(self.test_scan)
        self.retranslate()

    def name(self) -> str:
        return self.tr("Máy quét")

    def retranslate(self) -> None:
        super().retranslate()
        self.note.setText(
            self.tr(
                "Máy quét thành phần hồ sơ: màn hình quét mở máy này trước. Máy khai báo trong scanners.toml "
                "vẫn được liệt kê."
            )
        )
        say(self.device_label, self.device, self.tr("&Máy quét của quầy:"))
        say(self.source_label, self.source, self.tr("&Nguồn giấy mặc định:"))
        for i in range(self.source.count()):
            self.source.setItemText(i, source_label(Source(self.source.itemData(i))))
        self.find_button.setText(self.tr("&Tìm máy quét"))
        self.find_button.setAccessibleName(self.tr("Tìm máy quét"))
        self.test_button.setText(self.tr("&Quét thử"))
        self.test_button.setAccessibleName(self.tr("Quét thử một trang"))
        self.thumbnail.setAccessibleName(self.tr("Trang quét thử"))

    def load(self, settings: Settings) -> None:
        self.device.setEditText(settings.get(SCAN_DEVICE))
        self.source.setCurrentIndex(max(self.source.findData(settings.get(SCAN_SOURCE)), 0))

    def values(self) -> dict[str, Any]:
        return {
            SCAN_DEVICE.key: self.device.currentText().strip(),
            SCAN_SOURCE.key: self.source.currentData(),
        }

    def find_scanners(self) -> None:
        settings = self.settings
        if settings is None:
            return
        self.run_test(self.find_button, self.result, lambda: discover(settings), self._found)

    def _found(self, discovery: Discovery) -> None:
        typed = self.device.currentText()
        self.device.clear()
        for scanner in discovery.scanners:
            self.device.addItem(scanner.id)
            self.device.setItemData(self.device.count() - 1, scanner.name, Qt.ItemDataRole.ToolTipRole)
        self.device.setEditText(typed or (discovery.scanners[0].id if discovery.scanners else ""))
        if discovery.scanners:
            text = self.tr("Tìm thấy {n} máy quét: {names}.").format(
                n=len(discovery.scanners), names=", ".join(s.name for s in discovery.scanners)
            )
        else:
            text = self.tr(
                "Không tìm thấy máy quét nào. Kiểm tra nguồn điện, cáp USB hoặc mạng của máy quét."
            )
        self.tell(self.result, text, bool(discovery.scanners))
        self.result.setToolTip("\n".join(discovery.problems))

    def test_scan(self) -> None:
        settings, device = self.settings, self.device.currentText().strip()
        if settings is None:
            return
        if not device:
            self.tell(self.result, self.tr("Hãy chọn hoặc nhập máy quét trước."), False)
            return
        source = Source(self.source.currentData())
        self.thumbnail.hide()
        self.run_test(
            self.test_button,
            self.result,
            lambda: scan_one_page(settings, device, source),
            self._scanned,
            self._scan_failed,
        )

    def _scanned(self, scan: TestScan) -> None:
        pixmap = QPixmap()
        pixmap.loadFromData(scan.png, "PNG")
        self.thumbnail.setPixmap(pixmap)
        self.thumbnail.show()
        self.tell(
            self.result,
            self.tr("Đã quét 1 trang từ {name}: {width} × {height} điểm ảnh, {dpi} dpi.").format(
                name=scan.name, width=scan.width, height=scan.height, dpi=round(scan.dpi)
            ),
            True,
        )

    def _scan_failed(self, error: Exception) -> None:
        from app.domain.scanning.faults import ScannerError
        from ui.errors import describe_error
        from ui.scanning.texts import describe_scanner_error

        if isinstance(error, ScannerError):
            text = describe_scanner_error(error)
            self.result.setToolTip(str(error))
        else:
            text = describe_error(error)
        self.tell(self.result, self.tr("Quét thử không được: {reason}").format(reason=text), False)
