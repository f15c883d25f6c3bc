"""`motcua-desk --hall`: the hall window following the office server's pushes, with the voice.

It needs `server.url` (the office's motcua-server) and `office.code`. Voice is on when this computer has
a sound player and a screen (not offscreen), so tests and screenshot runs stay silent.
"""

from __future__ import annotations

import argparse
import logging
import shutil

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from app.settings.spec import OFFICE_CODE, OFFICE_NAME, SERVER_URL
from app.settings.store import Settings
from sync.queue.client import QueueFollower
from ui.hall.window import HallBridge, HallWindow

log = logging.getLogger(__name__)
EXIT_OK, EXIT_FAULT, EXIT_CANNOT_START = 0, 1, 2
HEADLESS = ("offscreen", "minimal")


def hall_problem(settings: Settings) -> str | None:
    if not settings.get(SERVER_URL):
        return QCoreApplication.translate(
            "Hall",
            "Màn hình phòng chờ cần địa chỉ máy chủ xếp hàng của đơn vị:\n"
            "    motcua config set server.url http://MAY-CHU:8400",
        )
    if not settings.get(OFFICE_CODE):
        return QCoreApplication.translate(
            "Hall", "Chưa đặt mã đơn vị: motcua config set office.code MA-DON-VI"
        )
    return None


def run_hall(app: QApplication, args: argparse.Namespace, settings: Settings) -> int:
    window = HallWindow(settings.get(OFFICE_NAME) or settings.get(OFFICE_CODE))
    bridge = HallBridge()
    bridge.sig_event.connect(window.on_event)
    bridge.sig_link.connect(window.set_link)
    follower = QueueFollower(
        settings.get(SERVER_URL), settings.get(OFFICE_CODE), bridge.on_event, bridge.on_link
    )
    announcer = None
    if QGuiApplication.platformName() not in HEADLESS and (shutil.which("paplay") or shutil.which("aplay")):
        from devices.voice.announcer import Announcer, CommandPlayer

        announcer = Announcer(CommandPlayer()).start()
        window.sig_called.connect(announcer.announce)
    follower.start()
    try:
        if args.screenshot is not None:
            return _screenshot(window, bridge, args.screenshot)
        window.showFullScreen()
        return app.exec()
    finally:
        follower.stop()
        if announcer is not None:
            announcer.close()
        window.close()


def _screenshot(window: HallWindow, bridge: HallBridge, path: object) -> int:
    """After the first status (or 10 s without one: then the picture shows the lost link)."""
    from pathlib import Path

    target = Path(str(path))
    window.resize(1920, 1080)
    window.show()
    loop = QEventLoop()
    bridge.sig_event.connect(lambda *_: QTimer.singleShot(200, loop.quit), Qt.ConnectionType.QueuedConnection)
    QTimer.singleShot(10_000, loop.quit)
    loop.exec()
    target.parent.mkdir(parents=True, exist_ok=True)
    return EXIT_OK if window.grab().save(str(target), "PNG") else EXIT_FAULT
