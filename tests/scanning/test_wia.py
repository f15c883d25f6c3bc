# ruff: noqa: N802, RUF012 - the fake mirrors the COM names of WIA (Transfer, Connect, DeviceInfos)
"""WIA (Windows) behind the scanner port. WIA cannot run here, so its COM object graph is faked: the
devices, properties and Transfer() a WIA 2.0 driver exposes, and the COM errors it raises."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest

from app.domain.scanning.faults import ScannerError, ScannerFault
from app.domain.scanning.model import ScanProfile, ScanRequest, Source
from app.services.scanning.session import ScanSession
from devices.scanners import wia
from devices.scanners.fake.pages import PageSpec
from tests.scanning.support import page


class ComError(Exception):
    """Shaped like pywintypes.com_error: (hresult, text, excepinfo, argerr)."""


def wia_error(code: int) -> ComError:
    excepinfo = (0, "WIA", "driver error", None, 0, code - (1 << 32))  # scode is signed in pywin32
    return ComError(wia.DISP_E_EXCEPTION, "Exception occurred.", excepinfo, None)


class Property:
    def __init__(self, value: Any) -> None:
        self.Value = value


class Properties:
    def __init__(self, values: dict[str, Any]) -> None:
        self.values = {k: Property(v) for k, v in values.items()}

    def __call__(self, key: str) -> Property:
        if key not in self.values:
            raise ComError(-2147352567, "no such property", None, None)
        return self.values[key]


class FakeItem:
    def __init__(self, device: FakeDevice) -> None:
        self.device = device
        self.Properties = Properties(
            {
                wia.CURRENT_INTENT: 1,
                wia.HORIZONTAL_RESOLUTION: 300,
                wia.VERTICAL_RESOLUTION: 300,
                wia.HORIZONTAL_EXTENT: 0,
                wia.VERTICAL_EXTENT: 0,
            }
        )

    def Transfer(self, format_id: str) -> Any:
        assert format_id == wia.FORMAT_PNG
        return self.device.next_page(self)


class FakeDevice:
    def __init__(self, sheets: int, fault_at: int | None = None, fault: int = 0) -> None:
        self.sheets = sheets
        self.fault_at, self.fault = fault_at, fault
        self.transfers = 0
        self.Properties = Properties({"3086": 1 | 2, wia.DOCUMENT_HANDLING_SELECT: 2, wia.PAGES: 0})
        self.Items = {1: FakeItem(self)}

    def next_page(self, item: FakeItem) -> Any:
        self.transfers += 1
        if self.fault_at is not None and self.transfers == self.fault_at:
            raise wia_error(self.fault)
        feeder = self.Properties(wia.DOCUMENT_HANDLING_SELECT).Value & 1
        if feeder:
            if self.sheets == 0:
                raise wia_error(wia.WIA_ERROR_PAPER_EMPTY)
            self.sheets -= 1
        dpi = item.Properties(wia.HORIZONTAL_RESOLUTION).Value
        image = page(PageSpec(lines=8, seed=self.transfers)).resize((round(8.27 * dpi), round(11.69 * dpi)))
        if item.Properties(wia.CURRENT_INTENT).Value == 1:
            image = image.convert("RGB")
        buffer = io.BytesIO()
        image.save(buffer, "PNG")

        class FileData:
            BinaryData = memoryview(buffer.getvalue())

        class ImageFile:
            pass

        result = ImageFile()
        result.FileData = FileData()  # type: ignore[attr-defined]
        return result


class FakeDeviceInfo:
    def __init__(
        self, device_id: str, name: str, device: FakeDevice, kind: int = wia.SCANNER_DEVICE_TYPE
    ) -> None:
        self.DeviceID, self.Type = device_id, kind
        self.Properties = Properties({"Name": name})
        self.device = device

    def Connect(self) -> FakeDevice:
        return self.device


def manager(*infos: FakeDeviceInfo) -> Callable[[str], Any]:
    class DeviceManager:
        DeviceInfos = list(infos)

    def dispatch(name: str) -> Any:
        assert name == "WIA.DeviceManager"
        return DeviceManager()

    return dispatch


CAMERA = FakeDeviceInfo("{cam}\\0001", "Webcam", FakeDevice(0), kind=2)


def test_lists_scanners_only() -> None:
    backend = wia.WiaBackend(
        manager(FakeDeviceInfo("{6BDD1FC6}\\0000", "Canon LiDE 300", FakeDevice(0)), CAMERA)
    )
    assert [(d.id, d.name) for d in backend.devices()] == [("wia:{6BDD1FC6}\\0000", "Canon LiDE 300")]


def test_flatbed_and_feeder_with_settings_applied() -> None:
    device = FakeDevice(sheets=3)
    scanner = wia.WiaBackend(manager(FakeDeviceInfo("dev0", "Fujitsu fi-800R", device))).open("wia:dev0")
    assert scanner.info.sources == (Source.FLATBED, Source.FEEDER)
    session = ScanSession()
    flat = session.run(scanner, ScanRequest(source=Source.FLATBED, dpi=100), ScanProfile("wia:dev0"))
    assert flat.ok and flat.added == ("p1",)
    item = device.Items[1]
    assert item.Properties(wia.HORIZONTAL_RESOLUTION).Value == 100
    assert item.Properties(wia.CURRENT_INTENT).Value == 2  # grey
    assert item.Properties(wia.HORIZONTAL_EXTENT).Value == 827  # A4 wide at 100 dpi
    fed = session.run(scanner, ScanRequest(source=Source.FEEDER, dpi=100), ScanProfile("wia:dev0"))
    assert fed.ok and len(fed.added) == 3  # until WIA_ERROR_PAPER_EMPTY
    assert device.Properties(wia.DOCUMENT_HANDLING_SELECT).Value == 1
    assert session.pages["p2"].image.mode == "L"


@pytest.mark.parametrize(
    ("code", "fault"),
    [
        (0x80210002, ScannerFault.JAMMED),
        (0x80210016, ScannerFault.COVER_OPEN),
        (0x80210005, ScannerFault.UNPLUGGED),
        (0x80210006, ScannerFault.BUSY),
        (0x80210001, ScannerFault.FAILED),
    ],
)
def test_faults_keep_the_pages_before_them(code: int, fault: ScannerFault) -> None:
    device = FakeDevice(sheets=5, fault_at=3, fault=code)
    scanner = wia.WiaBackend(manager(FakeDeviceInfo("dev0", "Scanner", device))).open("wia:dev0")
    session = ScanSession()
    result = session.run(scanner, ScanRequest(source=Source.FEEDER, dpi=75), ScanProfile("wia:dev0"))
    assert result.added == ("p1", "p2")
    assert result.error is not None and result.error.fault is fault


def test_empty_feeder_on_the_first_sheet() -> None:
    scanner = wia.WiaBackend(manager(FakeDeviceInfo("dev0", "Scanner", FakeDevice(0)))).open("wia:dev0")
    result = ScanSession().run(scanner, ScanRequest(source=Source.FEEDER), ScanProfile("wia:dev0"))
    assert result.error is not None and result.error.fault is ScannerFault.FEEDER_EMPTY


def test_no_such_scanner_and_no_windows() -> None:
    with pytest.raises(ScannerError) as raised:
        wia.WiaBackend(manager(CAMERA)).open("wia:dev9")
    assert raised.value.fault is ScannerFault.UNPLUGGED

    def no_pywin32(name: str) -> Any:
        raise ImportError("No module named 'win32com'")

    with pytest.raises(ScannerError) as raised:
        wia.WiaBackend(no_pywin32).devices()
    assert raised.value.fault is ScannerFault.UNSUPPORTED
