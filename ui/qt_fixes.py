"""Work-arounds for defects of the installed PySide6, detected at run time and applied only if present.

PySide6 6.12.0 on CPython 3.11: `SignalInstance.emit()` and `SignalInstance.disconnect()` return `True`
(or `False`) without taking a reference to it. Every call then takes one reference from the interpreter's
`True`; after a few hundred emits its count reaches zero and CPython aborts with "Fatal Python error:
bool_dealloc: deallocating True or False" (at once, or at exit). CPython 3.12+ makes True and False
immortal, so there the defect is harmless and the probe below finds nothing.

`install()` measures each method once and wraps only the leaking ones so that they give the missing
reference back. Call it before the first signal is emitted (ui.app and the GUI tests' conftest do).
"""

from __future__ import annotations

import ctypes
import logging
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

log = logging.getLogger(__name__)

_PROBES = 16
_state: dict[str, list[str]] = {}  # "patched" once install() has run


def _py_incref() -> Callable[[object], None]:
    incref = ctypes.pythonapi.Py_IncRef  # a PyDLL function: called with the GIL held
    incref.argtypes = [ctypes.py_object]
    incref.restype = None
    return incref


class _Probe(QObject):
    sig = Signal(int)


def _slot(_value: int) -> None:
    return None


def _true_refs_lost(call: Callable[[], object]) -> int:
    before = sys.getrefcount(True)
    for _ in range(_PROBES):
        call()
    return before - sys.getrefcount(True)


def _compensating(original: Callable[..., Any], incref: Callable[[object], None]) -> Callable[..., Any]:
    def method(self: SignalInstance, *args: Any, **kwargs: Any) -> Any:
        result = original(self, *args, **kwargs)
        if result is True or result is False:
            incref(result)  # the reference PySide forgot to take
        return result

    method.__name__ = original.__name__
    method.__doc__ = original.__doc__
    return method


def install() -> list[str]:
    """Detect and work around the defects; returns the names of the patched methods. Idempotent."""
    if "patched" in _state:
        return list(_state["patched"])
    incref = _py_incref()
    probe = _Probe()
    patched: list[str] = []

    lost = _true_refs_lost(lambda: probe.sig.emit(1))
    if lost >= _PROBES // 2:
        for _ in range(_PROBES):
            incref(True)  # repay what the probe itself took
        SignalInstance.emit = _compensating(SignalInstance.emit, incref)  # type: ignore[method-assign]
        patched.append("SignalInstance.emit")

    def connect_disconnect() -> None:
        probe.sig.connect(_slot)
        probe.sig.disconnect(_slot)

    lost = _true_refs_lost(connect_disconnect)
    if lost >= _PROBES // 2:
        for _ in range(_PROBES):
            incref(True)
        SignalInstance.disconnect = _compensating(  # type: ignore[method-assign]
            SignalInstance.disconnect, incref
        )
        patched.append("SignalInstance.disconnect")

    if patched:
        log.info("PySide6 reference-count work-around applied to %s", ", ".join(patched))
    _state["patched"] = patched
    return list(patched)
