"""The sync status a person understands: for the status bar (Vietnamese first) and `motcua sync status`.

The state is a code; `status_line` gives the words. An officer needs three things: is the centre up to
date with this desk, how much is waiting, and whether someone must act (a dead letter, a conflict, a
revoked token); an error code alone says nothing to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from app.domain.events import iso
from app.services.sync.ports import SyncAttempts, SyncCounts


class SyncState(StrEnum):
    NOT_ENROLLED = "not_enrolled"  # works alone
    NEVER = "never"  # enrolled, not synced yet
    SYNCED = "synced"  # the last attempt succeeded and nothing waits
    PENDING = "pending"  # the last attempt succeeded; new changes wait for the next one
    OFFLINE = "offline"  # the last attempt did not reach the server; changes are safe and wait
    ATTENTION = "attention"  # a person must act: revoked, certificate, version, sequence mismatch


_ACTION_NEEDED = {"revoked", "unauthorized", "certificate", "version_not_supported", "sequence_mismatch"}


@dataclass(frozen=True, slots=True)
class SyncStatus:
    state: SyncState
    server_url: str | None
    office_code: str | None
    device_id: str | None
    counts: SyncCounts
    attempts: SyncAttempts

    def to_dict(self) -> dict[str, Any]:
        attempts = self.attempts
        return {
            "state": self.state.value,
            "server": self.server_url,
            "office": self.office_code,
            "device": self.device_id,
            "pending": self.counts.pending,
            "dead_letter": self.counts.dead_letters,
            "conflicts": self.counts.conflicts,
            "held": self.counts.held,
            "missing_files": self.counts.missing_files,
            "acked_seq": self.counts.acked_seq,
            "pull_cursor": self.counts.pull_cursor,
            "last_attempt_at": iso(attempts.last_attempt_at),
            "last_success_at": iso(attempts.last_success_at),
            "failures": attempts.failures,
            "error": (
                None
                if attempts.last_error_code is None or attempts.failures == 0
                else {
                    "code": attempts.last_error_code,
                    "message": attempts.last_error_message,
                    "at": iso(attempts.last_error_at),
                }
            ),
        }


def derive_state(enrolled: bool, counts: SyncCounts, attempts: SyncAttempts) -> SyncState:
    if not enrolled:
        return SyncState.NOT_ENROLLED
    if attempts.failures and attempts.last_error_code in _ACTION_NEEDED:
        return SyncState.ATTENTION
    if attempts.failures:
        return SyncState.OFFLINE
    if attempts.last_success_at is None:
        return SyncState.NEVER
    return SyncState.PENDING if counts.pending else SyncState.SYNCED


def _ago(moment: datetime, now: datetime, vi: bool) -> str:
    seconds = max(0, int((now - moment).total_seconds()))
    if seconds < 60:
        return "vừa xong" if vi else "just now"
    minutes = seconds // 60
    if minutes < 60:
        return f"{minutes} phút trước" if vi else f"{minutes} min ago"
    hours = minutes // 60
    if hours < 48:
        return f"{hours} giờ trước" if vi else f"{hours} h ago"
    return f"{hours // 24} ngày trước" if vi else f"{hours // 24} days ago"


_ERROR_VI = {
    "offline": "không kết nối được máy chủ",
    "server_unavailable": "máy chủ tạm thời không phục vụ",
    "not_sync_server": "mạng trả về trang khác (cần đăng nhập Wi-Fi?)",
    "revoked": "máy này đã bị thu hồi quyền đồng bộ; cần đăng ký lại",
    "unauthorized": "máy chủ không nhận máy này; cần đăng ký lại",
    "certificate": "chứng chỉ máy chủ không hợp lệ",
    "version_not_supported": "cần cập nhật phần mềm",
    "sequence_mismatch": "dữ liệu máy này khác máy chủ; cần quản trị viên kiểm tra",
}


def status_line(status: SyncStatus, now: datetime, *, language: str = "vi") -> str:
    """One line for the status bar, e.g. "Đồng bộ 3 phút trước · 12 chờ gửi · 1 lỗi cần xử lý"."""
    vi = language == "vi"
    counts, attempts = status.counts, status.attempts
    if status.state is SyncState.NOT_ENROLLED:
        return "Làm việc độc lập (chưa đăng ký máy chủ)" if vi else "Working alone (not enrolled)"
    if attempts.last_success_at is None:
        parts = ["Chưa đồng bộ lần nào" if vi else "Never synced"]
    else:
        parts = [("Đồng bộ " if vi else "Synced ") + _ago(attempts.last_success_at, now, vi)]
    if counts.pending:
        parts.append(f"{counts.pending} chờ gửi" if vi else f"{counts.pending} waiting")
    if status.state in (SyncState.OFFLINE, SyncState.ATTENTION) and attempts.last_error_code:
        reason = _ERROR_VI.get(attempts.last_error_code, attempts.last_error_code) if vi else None
        parts.append(reason or attempts.last_error_message or attempts.last_error_code)
    problems = counts.dead_letters + counts.conflicts + counts.held + counts.missing_files
    if problems:
        parts.append(f"{problems} mục cần xử lý" if vi else f"{problems} to resolve")
    return " · ".join(parts)
