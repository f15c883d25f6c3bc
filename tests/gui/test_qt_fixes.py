"""The PySide6 reference-count work-around: emitting and disconnecting must not eat `True`."""

from __future__ import annotations

import sys
import threading

from PySide6.QtCore import QObject, Signal

from ui import qt_fixes


class _Emitter(QObject):
    sig = Signal(str)


def _slot(_text: str) -> None:
    return None


def test_emit_and_disconnect_keep_the_reference_count_of_true_and_false() -> None:
    qt_fixes.install()
    emitter = _Emitter()
    true_before, false_before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(2000):  # unpatched, this aborts CPython 3.11 with "bool_dealloc"
        emitter.sig.emit("x")
    for _ in range(200):
        emitter.sig.connect(_slot)
        emitter.sig.disconnect(_slot)
    assert abs(sys.getrefcount(True) - true_before) <= 2
    assert abs(sys.getrefcount(False) - false_before) <= 2


def test_emit_from_a_worker_thread_is_covered_too() -> None:
    qt_fixes.install()
    emitter = _Emitter()
    before = sys.getrefcount(True)

    def emit_many() -> None:
        for _ in range(500):
            emitter.sig.emit("x")

    worker = threading.Thread(target=emit_many)
    worker.start()
    worker.join()
    assert sys.getrefcount(True) >= before - 2  # unpatched: 500 fewer (the thread itself adds a few)


def test_install_is_idempotent() -> None:
    assert qt_fixes.install() == qt_fixes.install()
