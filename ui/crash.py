"""Crash reports: an unexpected error is saved under the data directory's `logs/` and the officer is told,
in Vietnamese, what happened to their work and what to do. No traceback is ever shown in front of a
citizen; it is in the report file for the technicians (and sent to the centre once sync exists).

The report itself is built without Qt (`build_report`), as Electrum's base crash reporter is; only
`CrashHandler.install` and the message box touch Qt.
"""

from __future__ import annotations

import logging
import os
import platform
import sys
import threading
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

log = logging.getLogger(__name__)

KEEP_REPORTS = 50  # older reports are pruned: a crash loop must not fill the disk


def build_report(
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    *,
    moment: datetime,
    context: dict[str, Any] | None = None,
) -> str:
    """A plain-text report: what, where, on which machine and versions, and the desk's context."""
    lines = [
        "MotCua Desk crash report",
        f"time: {moment.isoformat()}",
        f"python: {sys.version.split()[0]} ({platform.python_implementation()})",
        f"platform: {platform.platform()}",
    ]
    try:
        import PySide6

        lines.append(f"pyside6: {PySide6.__version__}")
    except ImportError:  # pragma: no cover - the desk app always has it
        pass
    for key, value in sorted((context or {}).items()):
        lines.append(f"{key}: {value}")
    lines.append("")
    lines.extend(traceback.format_exception(exc_type, exc, tb))
    return "\n".join(line.rstrip("\n") for line in lines) + "\n"


def save_report(logs_dir: Path, text: str, moment: datetime) -> Path:
    """Write the report atomically as logs/crash-YYYYmmdd-HHMMSS-<n>.txt and prune old ones."""
    logs_dir.mkdir(parents=True, exist_ok=True)
    stem = f"crash-{moment:%Y%m%d-%H%M%S}"
    path = logs_dir / f"{stem}.txt"
    n = 1
    while path.exists():
        n += 1
        path = logs_dir / f"{stem}-{n}.txt"
    temporary = path.with_suffix(".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)
    reports = sorted(logs_dir.glob("crash-*.txt"), key=lambda p: p.stat().st_mtime)
    for old in reports[:-KEEP_REPORTS]:
        old.unlink(missing_ok=True)
    return path


class CrashReporter:
    """Saves reports for one desk. `context` is read at report time (who is signed in, which page)."""

    def __init__(self, logs_dir: Path, context: Callable[[], dict[str, Any]] | None = None) -> None:
        self.logs_dir = logs_dir
        self._context = context or dict
        self.last_report: Path | None = None

    def set_context(self, context: Callable[[], dict[str, Any]]) -> None:
        self._context = context

    def report(self, exc: BaseException) -> Path | None:
        """Save a report of `exc`; never raises (a failing reporter must not hide the first error)."""
        try:
            try:
                context = self._context()
            except Exception as inner:  # the window may be half gone
                context = {"context_error": repr(inner)}
            text = build_report(
                type(exc), exc, exc.__traceback__, moment=datetime.now().astimezone(), context=context
            )
            self.last_report = save_report(self.logs_dir, text, datetime.now().astimezone())
            log.error("crash report saved to %s", self.last_report)
            return self.last_report
        except Exception:
            log.exception("could not save a crash report")
            return None


class CrashHandler:
    """sys.excepthook and threading.excepthook for the desk app: report, then tell the officer.

    `notify(path)` shows the message (a Qt dialog in the app, a list in tests); it is not called again
    while a previous message is still open, so a failing paint event cannot stack up dialogs.
    """

    def __init__(self, reporter: CrashReporter, notify: Callable[[Path | None], None]) -> None:
        self.reporter = reporter
        self._notify = notify
        self._notifying = False
        self._previous: tuple[Any, Any] | None = None

    def install(self) -> None:
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self._hook
        threading.excepthook = self._thread_hook

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous
            self._previous = None

    def _hook(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        if exc.__traceback__ is None:
            exc = exc.with_traceback(tb)
        path = self.reporter.report(exc)
        if os.environ.get("MOTCUA_CRASH_STDERR") and sys.stderr is not None:
            traceback.print_exception(exc_type, exc, tb)
        if self._notifying:
            return
        self._notifying = True
        try:
            self._notify(path)
        finally:
            self._notifying = False

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        # Off the GUI thread: only report; the message box is for the GUI thread.
        self.reporter.report(args.exc_value)


def crash_message(path: Path | None) -> str:
    """The officer's message, in Vietnamese source text (translated by the caller's context)."""
    from PySide6.QtCore import QCoreApplication

    translate = QCoreApplication.translate
    text = translate(
        "Crash",
        "Chương trình vừa gặp một lỗi ngoài dự kiến.\n\n"
        "Hồ sơ đang tiếp nhận dở đã được lưu tạm; nếu phải mở lại chương trình, hồ sơ đó sẽ được "
        "khôi phục.\n\n"
        "Bạn có thể tiếp tục làm việc. Nếu lỗi lặp lại, hãy báo bộ phận kỹ thuật và gửi kèm tệp báo cáo.",
    )
    if path is not None:
        text += "\n\n" + translate("Crash", "Tệp báo cáo lỗi: {path}").format(path=path)
    return text


def show_crash_message(path: Path | None) -> None:
    """The dialog of the running app (a real screen only; offscreen it would block nobody can answer)."""
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QMessageBox

    if QGuiApplication.platformName() in ("offscreen", "minimal"):
        if sys.stderr is not None:
            sys.stderr.write(f"motcua-desk: unexpected error; report saved to {path}\n")
        return
    title = QCoreApplication.translate("Crash", "Lỗi ngoài dự kiến")
    box = QMessageBox(QMessageBox.Icon.Warning, title, crash_message(path))
    box.setObjectName("crashMessage")
    box.setAccessibleName(title)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    go_on = box.addButton(
        QCoreApplication.translate("Crash", "Tiếp tục làm việc"), QMessageBox.ButtonRole.AcceptRole
    )
    go_on.setObjectName("crashContinueButton")
    go_on.setAccessibleName(go_on.text())
    box.setDefaultButton(go_on)
    box.exec()
