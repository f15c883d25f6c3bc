"""Start-up of the desk app once a display is known to exist: Qt, fonts, settings, database, window."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from pathlib import Path
from typing import cast

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.bootstrap import Desk, open_desk
from app.cli.common import load_settings
from app.domain.errors import DomainError
from app.domain.office import Role
from app.settings.store import Settings
from ui import qt_fixes
from ui.crash import CrashHandler, CrashReporter, show_crash_message
from ui.desk_info import DeskInfo
from ui.drafts import DraftStore
from ui.fonts import FontError, apply_ui_font
from ui.i18n import Translations, install_translators
from ui.main import (
    EXIT_CANNOT_START,
    EXIT_FAULT,
    EXIT_OK,
    HEADLESS_PLATFORMS,
    SCREENSHOT_SIZE,
    SCREENSHOT_TIMEOUT_MS,
)
from ui.main_window import MainWindow
from ui.session import Session
from ui.signin.dialog import SignInDialog
from ui.tasks import TaskManager

QUEUE_WAIT_MS = 5000
translate = QCoreApplication.translate  # literal calls: what pyside6-lupdate extracts
log = logging.getLogger(__name__)


def no_database_message(path: Path) -> str:
    return translate(
        "Startup",
        "Chưa có cơ sở dữ liệu của quầy tại:\n{path}\n\n"
        "Hãy mở cửa sổ dòng lệnh và chạy:\n"
        "    motcua init --demo\n"
        "để tạo cơ sở dữ liệu với đơn vị và thủ tục mẫu (hoặc “motcua init” để tạo cơ sở dữ liệu trống), "
        "rồi mở lại MotCua Desk.",
    ).format(path=path)


def mode_unavailable_message(mode: str) -> str:
    names = {
        "hall": translate("Startup", "Màn hình phòng chờ (--hall)"),
        "kiosk": translate("Startup", "Ki-ốt tự phục vụ (--kiosk)"),
    }
    return translate("Startup", "{mode} chưa có trong phiên bản này.").format(mode=names[mode])


def is_headless() -> bool:
    return QGuiApplication.platformName() in HEADLESS_PLATFORMS


def build_message_box(
    icon: QMessageBox.Icon, title: str, text: str, parent: QWidget | None = None
) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("startupMessage")
    box.setAccessibleName(title)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # copy the command
    return box


def tell(icon: QMessageBox.Icon, title: str, text: str) -> None:
    """A message for the officer: a dialog on a real screen; always stderr too (for support and scripts)."""
    if sys.stderr is not None:
        sys.stderr.write(f"motcua-desk: {title}: {text}\n")
    if not is_headless():
        build_message_box(icon, title, text).exec()


def _application() -> QApplication:
    existing = QApplication.instance()
    if existing is not None:
        return cast(QApplication, existing)
    app = QApplication(sys.argv[:1])
    app.setApplicationName("MotCua Desk")
    app.setOrganizationName("MotCua")
    app.setApplicationDisplayName("MotCua Desk")
    return app


def run(args: argparse.Namespace) -> int:
    qt_fixes.install()  # before the first signal is emitted
    app = _application()
    try:
        apply_ui_font(app)
    except FontError as exc:  # not fatal: the system font may still cover Vietnamese
        log.warning("%s", exc)

    try:
        settings = load_settings()
    except DomainError as exc:
        tell(QMessageBox.Icon.Critical, translate("Startup", "Cấu hình không hợp lệ"), str(exc))
        return EXIT_CANNOT_START
    info = DeskInfo.from_settings(settings)
    translations = install_translators(app, info.language)
    reporter = CrashReporter(settings.paths.logs_dir)
    handler = CrashHandler(reporter, show_crash_message)
    handler.install()
    try:
        return _open_and_run(app, args, settings, info, translations, reporter)
    finally:
        handler.uninstall()
        translations.remove()


def _open_and_run(
    app: QApplication,
    args: argparse.Namespace,
    settings: Settings,
    info: DeskInfo,
    translations: Translations,
    reporter: CrashReporter,
) -> int:
    if args.hall:  # the hall needs no desk database: it shows the office server's queue
        from ui.hall.run import hall_problem, run_hall

        problem = hall_problem(settings)
        if problem:
            tell(QMessageBox.Icon.Warning, translate("Startup", "Chưa cấu hình"), problem)
            return EXIT_CANNOT_START
        return run_hall(app, args, settings)
    if not info.database_path.exists():
        tell(
            QMessageBox.Icon.Warning,
            translate("Startup", "Chưa có cơ sở dữ liệu"),
            no_database_message(info.database_path),
        )
        return EXIT_CANNOT_START
    try:
        desk = open_desk(settings)
    except Exception as exc:
        log.exception("opening the database failed")
        tell(
            QMessageBox.Icon.Critical,
            translate("Startup", "Không mở được cơ sở dữ liệu"),
            translate("Startup", "Không mở được {path}:\n{error}").format(path=info.database_path, error=exc),
        )
        return EXIT_FAULT
    try:
        if args.kiosk:
            from ui.kiosk.run import run_kiosk

            return run_kiosk(app, args, settings, desk)
        drafts = draft_store(settings, info)
        try:
            return _run_window(app, info, desk, args.screenshot, settings, translations, reporter, drafts)
        finally:
            drafts.close()
    finally:
        desk.close()


def draft_store(settings: Settings, info: DeskInfo) -> DraftStore:
    """Where this counter's reception in progress is kept (one draft per counter of the desk)."""
    return DraftStore(settings.paths.data_dir / "drafts", f"reception-counter{info.counter}")


def _run_window(
    app: QApplication,
    info: DeskInfo,
    desk: Desk,
    screenshot: Path | None,
    settings: Settings,
    translations: Translations,
    reporter: CrashReporter,
    drafts: DraftStore,
) -> int:
    tasks = TaskManager(desk.services, reporter=reporter)
    _quit_on_ctrl_c(app)
    if screenshot is not None:
        # A picture for documentation: nobody signs in; the configured officer's name is shown.
        session = Session(info.officer, "", Role.OFFICER, info.counter)
    else:
        dialog = SignInDialog(info, tasks)
        if dialog.exec() != SignInDialog.DialogCode.Accepted or dialog.session is None:
            tasks.shutdown()
            return EXIT_OK
        session = dialog.session
    window = MainWindow(
        info,
        tasks,
        session=session,
        drafts=drafts,
        translations=translations,
        settings=settings,
    )
    reporter.set_context(window.context)
    try:
        if screenshot is not None:
            # The queue bar live in the picture (the desk's own queue; no device, no sync thread).
            window.queue.open_later(desk, settings, info.counter, speaker=False)
            return save_screenshot(window, screenshot)
        window.resize(window.sizeHint().boundedTo(window.screen().availableSize()))
        window.show()
        window.start()
        # After the window: printing's, the queue's and sync's imports and devices need not delay it.
        window.printer.open_later(desk)
        window.queue.open_later(desk, settings, info.counter, speaker=not is_headless())
        window.sync.open_later(desk)
        return app.exec()
    finally:
        window.tasks.shutdown()
        window.queue.close()
        window.sync.close()
        window.printer.close()
        window.close()
        window.deleteLater()


def _quit_on_ctrl_c(app: QApplication) -> None:
    """Ctrl+C in the terminal closes the app. Python only sees the signal when it runs, so a timer
    hands it control twice a second."""
    signal.signal(signal.SIGINT, lambda *_: app.closeAllWindows())
    ticker = QTimer(app)
    ticker.setObjectName("signalTicker")
    ticker.timeout.connect(lambda: None)
    ticker.start(500)


def save_screenshot(window: MainWindow, path: Path, timeout_ms: int = SCREENSHOT_TIMEOUT_MS) -> int:
    """Show the window, wait for its first data, save a PNG of it; returns an exit code."""
    loop = QEventLoop()
    outcome = {"code": EXIT_FAULT}
    timer = QTimer(window)
    timer.setSingleShot(True)

    def grab() -> None:
        if not loop.isRunning():
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        if window.grab().save(str(path), "PNG"):
            outcome["code"] = EXIT_OK
            if sys.stderr is not None:
                sys.stderr.write(f"motcua-desk: screenshot saved to {path}\n")
        else:
            log.error("could not write %s", path)
        loop.quit()

    def loaded() -> None:
        # A moment for the table to size its columns to the rows before the grab.
        if outcome.get("loaded"):
            return
        outcome["loaded"] = 1
        timer.timeout.disconnect(timed_out)
        timer.timeout.connect(grab)
        timer.start(100)

    def timed_out() -> None:
        log.error("no data after %d ms; no screenshot", timeout_ms)
        loop.quit()

    def both() -> None:
        # The list and, when the queue is opening, its first state: the bar is part of the picture
        # (waited for a few seconds at most: a queue that cannot open shows as such).
        if window.queue.view is not None or not window.queue.is_opening():
            loaded()
        else:
            window.queue.sig_view.connect(lambda _v: loaded(), Qt.ConnectionType.SingleShotConnection)
            QTimer.singleShot(QUEUE_WAIT_MS, loaded)

    window.sig_loaded.connect(both, Qt.ConnectionType.SingleShotConnection)
    timer.timeout.connect(timed_out)
    timer.start(timeout_ms)
    window.resize(*SCREENSHOT_SIZE)
    window.show()
    window.start()
    loop.exec()
    timer.stop()
    return outcome["code"]
