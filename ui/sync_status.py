"""Sync with the office server in the background, and its state in the status bar.

The sync runner (sync/client/background.py) is a plain thread that reports a SyncStatus after every
cycle; here its reports cross to the GUI thread through a queued signal. Nothing in this module waits on
the network on the GUI thread: the enrolment is read, and the runner started, on a thread of its own,
and stopping it at exit waits a bounded time for the cycle in flight.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from ui.i18n import on_language_change
from ui.widgets import DANGER, MUTED, SUCCESS, WARNING, colour_text, named

log = logging.getLogger(__name__)

NOT_ENROLLED = "not_enrolled"
STOP_TIMEOUT_S = 5.0


class SyncController(QObject):
    # A SyncStatus after each cycle (or read at start); the string NOT_ENROLLED when the desk works alone.
    sig_status = Signal(object)
    _sig_report = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncController")
        self.status: Any = None
        self._runner: Any = None
        self._lock = threading.Lock()
        self._closed = False
        self._sig_report.connect(self._report, Qt.ConnectionType.QueuedConnection)

    def open_later(self, desk: Any) -> None:
        """Start syncing if the desk is enrolled with a server (read on a thread: it opens the vault)."""

        def work() -> None:
            try:
                from sync.client.wiring import enrolment_of, read_status

                if enrolment_of(desk) is None:
                    self._sig_report.emit(NOT_ENROLLED)
                    return
                self._sig_report.emit(read_status(desk))
                from sync.client.background import start_background_sync

                with self._lock:
                    if self._closed:
                        return
                    self._runner = start_background_sync(desk, self._sig_report.emit)
            except Exception:
                log.exception("background sync could not be started")

        threading.Thread(target=work, name="open-sync", daemon=True).start()

    def _report(self, status: object) -> None:
        if self._closed:
            return
        self.status = status
        self.sig_status.emit(status)

    def is_running(self) -> bool:
        return self._runner is not None

    def sync_now(self) -> None:
        runner = self._runner
        if runner is not None:
            runner.nudge()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            runner, self._runner = self._runner, None
        if runner is not None and not runner.stop(timeout=STOP_TIMEOUT_S):
            log.warning("sync cycle still running at exit; left to end with the process")


def _when(moment: datetime | None, now: datetime) -> str:
    if moment is None:
        return "—"
    local = moment.astimezone()
    return f"{local:%H:%M}" if local.date() == now.astimezone().date() else f"{local:%H:%M %d/%m/%Y}"


class SyncStatusLabel(QLabel):
    """ "● Trực tuyến · đồng bộ lúc 10:02 · 3 chờ gửi · 1 cần xử lý", with the details in the tooltip."""

    def __init__(self, server_url: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "syncLabel")
        self.server_url = server_url
        self.status: Any = None
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        on_language_change(event, self.retranslate)
        super().changeEvent(event)

    def show_status(self, status: object) -> None:
        self.status = status
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Trạng thái đồng bộ"))
        status = self.status
        if status is None:
            if self.server_url:
                self._say(self.tr("Đồng bộ: đang kiểm tra…"), MUTED, self.server_url)
            else:
                self._say(
                    self.tr("Chưa cấu hình máy chủ đồng bộ"),
                    MUTED,
                    self.tr("Máy này làm việc độc lập (server.url để trống)."),
                )
            return
        if status == NOT_ENROLLED:
            self._say(
                self.tr("Làm việc độc lập: máy chưa đăng ký với máy chủ"),
                MUTED,
                self.tr("Đăng ký máy với máy chủ: motcua enrol --server ĐỊA-CHỈ --code MÃ"),
            )
            return
        self._show_sync(status)

    def _show_sync(self, status: Any) -> None:
        from app.services.sync.status import SyncState

        now = datetime.now().astimezone()
        counts, attempts = status.counts, status.attempts
        state = status.state
        problems = counts.dead_letters + counts.conflicts + counts.held + counts.missing_files
        if state is SyncState.OFFLINE:
            head, colour = self.tr("● Mất kết nối"), WARNING
        elif state is SyncState.ATTENTION:
            head, colour = self.tr("● Cần xử lý"), DANGER
        elif state is SyncState.NEVER:
            head, colour = self.tr("● Chưa đồng bộ lần nào"), MUTED
        else:
            head, colour = self.tr("● Trực tuyến"), SUCCESS
        parts = [head]
        if attempts.last_success_at is not None:
            parts.append(self.tr("đồng bộ lúc {time}").format(time=_when(attempts.last_success_at, now)))
        parts.append(self.tr("{n} chờ gửi").format(n=counts.pending))
        if problems:
            parts.append(self.tr("{n} cần xử lý").format(n=problems))
            colour = DANGER if state is not SyncState.OFFLINE else colour
        lines = [
            self.tr("Máy chủ: {url}").format(url=status.server_url or "—"),
            self.tr("Mã máy: {device}").format(device=status.device_id or "—"),
            self.tr("Lần thử gần nhất: {time}").format(time=_when(attempts.last_attempt_at, now)),
            self.tr("Đồng bộ thành công gần nhất: {time}").format(time=_when(attempts.last_success_at, now)),
            self.tr("Thay đổi chờ gửi lên máy chủ: {n}").format(n=counts.pending),
            self.tr("Xung đột chờ giám sát viên quyết định: {n}").format(n=counts.conflicts),
            self.tr("Thay đổi bị máy chủ từ chối: {n}").format(n=counts.dead_letters),
            self.tr("Thay đổi nhận về đang tạm giữ: {n}").format(n=counts.held),
            self.tr("Tệp máy chủ chưa nhận được: {n}").format(n=counts.missing_files),
        ]
        if attempts.failures and attempts.last_error_code:
            lines.append(
                self.tr("Lỗi: {message} (đã thử {n} lần)").format(
                    message=attempts.last_error_message or attempts.last_error_code, n=attempts.failures
                )
            )
        self._say(" · ".join(parts), colour, "\n".join(lines))

    def _say(self, text: str, colour: Any, tip: str) -> None:
        self.setText(text)
        self.setToolTip(tip)
        self.setAccessibleDescription(tip)
        colour_text(self, colour)
