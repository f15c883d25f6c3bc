"""Scanners on Windows through WIA 2.0's automation layer (`WIA.DeviceManager`, via pywin32's COM).

WIA is the driver every Windows scanner ships with (TWAIN may follow behind the same port, as a 32-bit
helper: see shared/reference/devices.md). The COM objects come from `dispatch`, so that the logic here is
tested on Linux with a fake object graph; on Windows it is `win32com.client.Dispatch`.

Property ids and error codes are WIA's (wiadef.h): document handling select 3088 (feeder 1, flatbed 2,
duplex 4), intent 6146 (colour 1, grey 2), resolution 6147/6148, extents 6151/6152, pages 3096.
"""

from __future__ import annotations

import io
import logging
import threading
from collections.abc import Callable, Iterator
from typing import Any

from PIL import Image

from app.domain.scanning.faults import ScannerError, ScannerFault
from app.domain.scanning.model import (
    MM_PER_INCH,
    ColorMode,
    DeviceInfo,
    ScannedPage,
    ScanProfile,
    ScanRequest,
    Source,
)

log = logging.getLogger(__name__)

PREFIX = "wia:"
SCANNER_DEVICE_TYPE = 1
FORMAT_PNG = "{B96B3CAF-0728-11D3-9D7B-0000F81EF32E}"

DOCUMENT_HANDLING_SELECT = "3088"
PAGES = "3096"
CURRENT_INTENT = "6146"
HORIZONTAL_RESOLUTION = "6147"
VERTICAL_RESOLUTION = "6148"
HORIZONTAL_EXTENT = "6151"
VERTICAL_EXTENT = "6152"
_HANDLING = {Source.FEEDER: 1, Source.FLATBED: 2, Source.DUPLEX: 1 | 4}
_INTENT = {ColorMode.COLOR: 1, ColorMode.GRAY: 2, ColorMode.BW: 4}

DISP_E_EXCEPTION = -2147352567
WIA_ERROR_PAPER_EMPTY = 0x80210003
_FAULTS = {
    0x80210002: ScannerFault.JAMMED,  # WIA_ERROR_PAPER_JAM
    0x80210003: ScannerFault.FEEDER_EMPTY,  # WIA_ERROR_PAPER_EMPTY
    0x80210004: ScannerFault.JAMMED,  # WIA_ERROR_PAPER_PROBLEM
    0x80210005: ScannerFault.UNPLUGGED,  # WIA_ERROR_OFFLINE
    0x80210006: ScannerFault.BUSY,  # WIA_ERROR_BUSY
    0x80210007: ScannerFault.BUSY,  # WIA_ERROR_WARMING_UP
    0x8021000A: ScannerFault.UNPLUGGED,  # WIA_ERROR_DEVICE_COMMUNICATION
    0x80210015: ScannerFault.UNPLUGGED,  # WIA_S_NO_DEVICE_AVAILABLE
    0x80210016: ScannerFault.COVER_OPEN,  # WIA_ERROR_COVER_OPEN
    0x80210020: ScannerFault.JAMMED,  # WIA_ERROR_MULTI_FEED: two sheets at once, stopped like a jam
}


def hresult(exc: BaseException) -> int | None:
    """The WIA code of a COM error: pywin32's com_error is (hresult, text, excepinfo, argerr), and WIA's
    own code is excepinfo's scode when the hresult is the generic DISP_E_EXCEPTION."""
    args = getattr(exc, "args", ())
    if not args or not isinstance(args[0], int):
        return None
    code = args[0]
    if code == DISP_E_EXCEPTION and len(args) > 2 and args[2] and len(args[2]) > 5:
        code = args[2][5]
    return code & 0xFFFFFFFF


def fault_of(exc: BaseException, device: str) -> ScannerError:
    code = hresult(exc)
    fault = _FAULTS.get(code, ScannerFault.FAILED) if code is not None else ScannerFault.FAILED
    detail = f"WIA error 0x{code:08X}" if fault is ScannerFault.FAILED and code is not None else ""
    return ScannerError(fault, detail or ("" if code is not None else str(exc)), device=device)


def _windows_dispatch(name: str) -> Any:
    import pythoncom  # type: ignore[import-not-found]
    import win32com.client  # type: ignore[import-not-found]

    pythoncom.CoInitialize()  # once per thread that talks COM; a second call is harmless
    return win32com.client.Dispatch(name)


def _set(properties: Any, key: str, value: int) -> bool:
    try:
        properties(key).Value = value
        return True
    except Exception:  # a property the driver does not have: left as the driver has it
        log.debug("WIA property %s not set", key, exc_info=True)
        return False


class WiaBackend:
    name = "wia"

    def __init__(self, dispatch: Callable[[str], Any] | None = None) -> None:
        self._dispatch = dispatch or _windows_dispatch

    def _manager(self) -> Any:
        try:
            return self._dispatch("WIA.DeviceManager")
        except ImportError:
            raise ScannerError(
                ScannerFault.UNSUPPORTED, "WIA needs Windows and pywin32", device="wia"
            ) from None

    def devices(self) -> list[DeviceInfo]:
        found = []
        for info in self._manager().DeviceInfos:
            if info.Type != SCANNER_DEVICE_TYPE:
                continue
            name = str(info.Properties("Name").Value)
            found.append(DeviceInfo(id=PREFIX + str(info.DeviceID), name=name, backend=self.name, sources=()))
        return found

    def open(self, device_id: str) -> WiaScanner:
        wanted = device_id.removeprefix(PREFIX)
        for info in self._manager().DeviceInfos:
            if str(info.DeviceID) == wanted or str(info.Properties("Name").Value) == wanted:
                try:
                    device = info.Connect()
                except Exception as exc:
                    raise fault_of(exc, device_id) from None
                return WiaScanner(device_id, str(info.Properties("Name").Value), device)
        raise ScannerError(ScannerFault.UNPLUGGED, f"no WIA scanner {wanted!r}", device=device_id)


class WiaScanner:
    def __init__(self, device_id: str, name: str, device: Any) -> None:
        self._id = device_id
        self._device = device
        self._cancelled = threading.Event()
        self._info = DeviceInfo(id=device_id, name=name, backend="wia", sources=self._sources())

    def _sources(self) -> tuple[Source, ...]:
        try:
            capabilities = int(
                self._device.Properties("3086").Value
            )  # WIA_DPS_DOCUMENT_HANDLING_CAPABILITIES
        except Exception:
            return (Source.FLATBED,)
        sources = [Source.FLATBED] if capabilities & 2 else []
        if capabilities & 1:
            sources.append(Source.FEEDER)
        if capabilities & 4:
            sources.append(Source.DUPLEX)
        return tuple(sources) or (Source.FLATBED,)

    @property
    def info(self) -> DeviceInfo:
        return self._info

    def _configure(self, request: ScanRequest) -> Any:
        _set(self._device.Properties, DOCUMENT_HANDLING_SELECT, _HANDLING[request.source])
        if request.source is not Source.FLATBED:
            _set(self._device.Properties, PAGES, 1)  # one page per Transfer: each arrives as it is read
        item = self._device.Items[1]
        _set(item.Properties, CURRENT_INTENT, _INTENT[request.mode])
        _set(item.Properties, HORIZONTAL_RESOLUTION, request.dpi)
        _set(item.Properties, VERTICAL_RESOLUTION, request.dpi)
        _set(item.Properties, HORIZONTAL_EXTENT, round(request.paper.width_mm / MM_PER_INCH * request.dpi))
        _set(item.Properties, VERTICAL_EXTENT, round(request.paper.height_mm / MM_PER_INCH * request.dpi))
        return item

    def scan(self, request: ScanRequest, profile: ScanProfile) -> Iterator[ScannedPage]:
        self._cancelled.clear()
        try:
            item = self._configure(request)
        except Exception as exc:
            raise fault_of(exc, self._id) from None
        feeder = request.source is not Source.FLATBED
        count = 0
        while not self._cancelled.is_set():
            try:
                image_file = item.Transfer(FORMAT_PNG)
            except Exception as exc:
                if feeder and count > 0 and hresult(exc) == WIA_ERROR_PAPER_EMPTY:
                    return  # the feeder ran dry: the normal end
                raise fault_of(exc, self._id) from None
            data = bytes(image_file.FileData.BinaryData)
            with Image.open(io.BytesIO(data)) as decoded:
                decoded.load()
                image = decoded.convert("RGB" if decoded.mode in ("RGB", "RGBA", "P") else "L")
            count += 1
            duplex = request.source is Source.DUPLEX
            yield ScannedPage(
                image=image,
                dpi=(float(request.dpi), float(request.dpi)),
                source=request.source,
                sheet=(count + 1) // 2 if duplex else count,
                back=duplex and count % 2 == 0,
            )
            if not feeder:
                return

    def cancel(self) -> None:
        self._cancelled.set()

    def close(self) -> None:
        self._device = None
