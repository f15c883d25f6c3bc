"""Scanners on Linux through SANE (python-sane over libsane).

Option names and values differ by backend: the source ("ADF Front", "Automatic Document Feeder", "DP")
comes from the device's profile, or from an exact match with the names SANE backends commonly use; it is
never guessed from a partial match. Errors arrive as libsane's status strings (python-sane keeps no
status code), mapped here to the faults the officer is told about.
"""

from __future__ import annotations

import ctypes
import logging
import signal
import threading
import time
from collections.abc import Iterator
from types import ModuleType
from typing import Any

from app.domain.scanning.faults import ScannerError, ScannerFault
from app.domain.scanning.model import (
    ColorMode,
    DeviceInfo,
    ScannedPage,
    ScanProfile,
    ScanRequest,
    Source,
)

log = logging.getLogger(__name__)

PREFIX = "sane:"

# Exact names SANE backends use for each source, most common first (sane-backends' fujitsu, epson2,
# genesys, pixma, test...). A device whose names are not here needs `source_names` in its profile.
_SOURCE_NAMES = {
    Source.FLATBED: ("Flatbed", "FlatBed", "Normal", "Platen"),
    Source.FEEDER: ("ADF", "ADF Front", "Automatic Document Feeder", "ADF Simplex", "Document Feeder"),
    Source.DUPLEX: (
        "ADF Duplex",
        "Duplex",
        "ADF Duplex Front",
        "Automatic Document Feeder(left aligned,Duplex)",
    ),
}
_MODE_NAMES = {
    ColorMode.GRAY: ("Gray", "Grayscale", "Gray8", "True Gray"),
    ColorMode.COLOR: ("Color", "Colour", "24bit Color", "RGB"),
    ColorMode.BW: ("Lineart", "Binary", "Black & White", "Halftone"),
}
# libsane's sane_strstatus() texts (sanei/sane_strstatus.c).
_FAULTS = {
    "document feeder jammed": ScannerFault.JAMMED,
    "document feeder out of documents": ScannerFault.FEEDER_EMPTY,
    "scanner cover is open": ScannerFault.COVER_OPEN,
    "device busy": ScannerFault.BUSY,
    "operation was canceled": ScannerFault.CANCELLED,
    "operation was cancelled": ScannerFault.CANCELLED,
    "error during device i/o": ScannerFault.UNPLUGGED,
}
_OUT_OF_DOCUMENTS = "document feeder out of documents"
A4_MM = (210.0, 297.0)
_SIG_IGN = 1  # <signal.h>
_READER_SETTLE = 0.2  # seconds; once per run, invisible next to the paper's own travel


def ignore_sigpipe() -> None:
    """Put SIGPIPE back to "ignored", as Python keeps it (a write to a closed socket then raises
    BrokenPipeError). sanei_thread_waitpid(), run by sane_cancel(), resets it to the default action,
    which kills the whole process at the next write to a closed pipe or socket (it killed a test run).
    Through libc rather than signal.signal(): scans run on worker threads, where Python refuses it."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.signal.restype = ctypes.c_void_p
    libc.signal.argtypes = [ctypes.c_int, ctypes.c_void_p]
    libc.signal(signal.SIGPIPE, _SIG_IGN)


def fault_of(exc: BaseException, device: str) -> ScannerError:
    text = str(exc.args[0] if exc.args else exc)
    fault = _FAULTS.get(text.strip().lower(), ScannerFault.FAILED)
    return ScannerError(fault, "" if fault is not ScannerFault.FAILED else text, device=device)


class _Library:
    """libsane is initialised once per process (sane_init/sane_exit are process-wide), on first use."""

    _lock = threading.Lock()
    _module: ModuleType | None = None

    @classmethod
    def get(cls) -> ModuleType:
        with cls._lock:
            if cls._module is None:
                try:
                    import sane
                except ImportError as exc:  # python-sane not installed, or libsane missing
                    raise ScannerError(
                        ScannerFault.UNSUPPORTED, f"SANE is not available here: {exc}", device="sane"
                    ) from None
                sane.init()
                cls._module = sane
            return cls._module


class SaneBackend:
    name = "sane"

    def devices(self) -> list[DeviceInfo]:
        sane = _Library.get()
        found = []
        for device, vendor, model, kind in sane.get_devices():
            found.append(
                DeviceInfo(
                    id=PREFIX + device,
                    name=f"{vendor} {model}".strip() or device,
                    backend=self.name,
                    sources=(),  # known once opened: listing must not wake every scanner
                    vendor=vendor,
                    model=f"{model} ({kind})" if kind else model,
                )
            )
        return found

    def open(self, device_id: str) -> SaneScanner:
        sane = _Library.get()
        name = device_id.removeprefix(PREFIX)
        try:
            handle = sane.open(name)
        except Exception as exc:
            # libsane answers "Invalid argument" for a device that is not (or no longer) there.
            raise ScannerError(ScannerFault.UNPLUGGED, f"{name}: {exc}", device=device_id) from None
        return SaneScanner(device_id, handle)


def _choices(handle: Any, option: str) -> list[Any]:
    opt = handle.opt.get(option)
    if opt is None or not isinstance(opt.constraint, list):
        return []
    return list(opt.constraint)


class SaneScanner:
    def __init__(self, device_id: str, handle: Any) -> None:
        self._id = device_id
        self._handle = handle
        self._stop = threading.Event()
        sources = _choices(handle, "source")
        offered = tuple(s for s, names in _SOURCE_NAMES.items() if any(n in sources for n in names))
        self._info = DeviceInfo(
            id=device_id,
            name=device_id.removeprefix(PREFIX),
            backend="sane",
            sources=offered or (Source.FLATBED,),
        )

    @property
    def info(self) -> DeviceInfo:
        return self._info

    # ----- options ------------------------------------------------------------------------------------

    def set_option(self, name: str, value: str | int | float | bool) -> None:
        """Set a backend option by its SANE name ("read-return-value", "df-action")."""
        attribute = name.replace("-", "_")
        if attribute not in self._handle.opt:
            raise ScannerError(
                ScannerFault.UNSUPPORTED, f"no option {name!r} on this scanner", device=self._id
            )
        try:
            setattr(self._handle, attribute, value)
        except Exception as exc:
            raise ScannerError(
                ScannerFault.UNSUPPORTED, f"option {name}={value!r}: {exc}", device=self._id
            ) from None

    def _pick(self, option: str, wanted: str | None, known: tuple[str, ...], what: str) -> str | None:
        offered = _choices(self._handle, option)
        if not offered:
            return None
        if wanted is not None:
            if wanted not in offered:
                raise ScannerError(
                    ScannerFault.UNSUPPORTED,
                    f"the profile's {what} {wanted!r} is not one of {', '.join(map(str, offered))}",
                    device=self._id,
                )
            return wanted
        for name in known:
            if name in offered:
                return name
        raise ScannerError(
            ScannerFault.UNSUPPORTED,
            f"no {what} named as expected among {', '.join(map(str, offered))}: "
            "name it in the device's profile",
            device=self._id,
        )

    def _resolution(self, dpi: int) -> int:
        opt = self._handle.opt.get("resolution")
        if opt is None:
            return dpi
        constraint = opt.constraint
        if isinstance(constraint, list) and constraint:
            # The smallest offered resolution at or above the one asked for: never less detail.
            above = sorted(r for r in constraint if r >= dpi)
            return int(above[0] if above else max(constraint))
        if isinstance(constraint, tuple):
            low, high = constraint[0], constraint[1]
            return int(min(max(dpi, low), high))
        return dpi

    def _configure(self, request: ScanRequest, profile: ScanProfile) -> int:
        source = self._pick(
            "source", profile.source_name(request.source), _SOURCE_NAMES[request.source], "source"
        )
        if source is not None:
            self.set_option("source", source)
        elif request.source is not Source.FLATBED:
            raise ScannerError(ScannerFault.UNSUPPORTED, "this scanner has no feeder", device=self._id)
        mode = self._pick("mode", None, _MODE_NAMES[request.mode], "colour mode")
        if mode is not None:
            self.set_option("mode", mode)
        if "depth" in self._handle.opt and 8 in _choices(self._handle, "depth"):
            self.set_option("depth", 8)
        dpi = self._resolution(request.dpi)
        if "resolution" in self._handle.opt:
            self.set_option("resolution", dpi)
            # What the backend settled on (it may round to a resolution it has): the pages' true one.
            dpi = round(float(self._handle.resolution)) or dpi
        self._set_area(request.paper.width_mm, request.paper.height_mm)
        for name, value in profile.options.items():
            self.set_option(name, value)
        return dpi

    def _set_area(self, width: float, height: float) -> None:
        for option, wanted in (("tl_x", 0.0), ("tl_y", 0.0), ("br_x", width), ("br_y", height)):
            opt = self._handle.opt.get(option)
            if opt is None or not opt.is_settable():
                continue
            value = wanted
            if isinstance(opt.constraint, tuple):  # the device's area (the test backend's is 200 mm)
                value = min(max(wanted, opt.constraint[0]), opt.constraint[1])
            setattr(self._handle, option, value)

    # ----- scanning -----------------------------------------------------------------------------------

    def scan(self, request: ScanRequest, profile: ScanProfile) -> Iterator[ScannedPage]:
        dpi = self._configure(request, profile)
        feeder = request.source is not Source.FLATBED
        count = 0
        reader_may_run = False
        self._stop.clear()
        try:
            while not self._stop.is_set():
                try:
                    self._handle.start()
                    reader_may_run = True
                    # no_cancel: the run is ended here, once, after the reader had time to finish (below).
                    image = self._handle.snap(no_cancel=True)
                except Exception as exc:
                    message = str(exc.args[0] if exc.args else exc).strip().lower()
                    if feeder and count > 0 and message == _OUT_OF_DOCUMENTS:
                        return  # the feeder ran dry: the normal end of a run
                    raise fault_of(exc, self._id) from None
                count += 1
                duplex = request.source is Source.DUPLEX
                yield ScannedPage(
                    image=image,
                    dpi=(float(dpi), float(dpi)),
                    source=request.source,
                    sheet=(count + 1) // 2 if duplex else count,
                    back=duplex and count % 2 == 0,
                )
                if not feeder:
                    return
        finally:
            if reader_may_run:
                # Backends built on sanei_thread read in a pthread that sane_cancel() kills with
                # *asynchronous* cancellation; killed inside malloc, it leaves an allocator lock held and
                # a later thread of this process hangs for good (seen with the test backend after a
                # simulated jam). A moment lets the reader finish its page or block in write() first.
                time.sleep(_READER_SETTLE)
            self._end()

    def cancel(self) -> None:
        """Stop after the page being read. Not sane_cancel() from here: called from another thread it
        would kill the backend's reader in mid-page (see the note in scan())."""
        self._stop.set()

    def _end(self) -> None:
        try:
            self._handle.cancel()
        except Exception:  # nothing running, or the device already gone
            log.debug("sane cancel failed", exc_info=True)
        finally:
            ignore_sigpipe()

    def close(self) -> None:
        try:
            self._handle.close()
        except Exception:
            log.debug("sane close failed", exc_info=True)
        finally:
            ignore_sigpipe()
