"""The sync state in the status bar: started only for an enrolled desk, words an officer understands,
the details in the tooltip; nothing of it waits on the network on the GUI thread."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.services.queue.calling import issue_ticket
from app.services.sync.ports import SyncAttempts, SyncCounts
from app.services.sync.status import SyncState, SyncStatus
from tests.gui.queue_support import RecordingDisplay, attach_queue, set_up_lines
from tests.gui.support import DemoDesk
from ui.main_window import MainWindow
from ui.queue_service import DeskQueue
from ui.sync_status import NOT_ENROLLED, SyncStatusLabel

ROOT = Path(__file__).resolve().parents[2]


def _status(
    state: SyncState, *, pending: int = 0, conflicts: int = 0, dead: int = 0, failures: int = 0
) -> SyncStatus:
    return SyncStatus(
        state=state,
        server_url="https://motcua.quangngai.gov.vn",
        office_code="TTPVHCC-QNG",
        device_id="desk-7",
        counts=SyncCounts(pending, dead, conflicts, 0, 41, "c"),
        attempts=SyncAttempts(
            last_attempt_at=datetime.now(UTC) - timedelta(minutes=1),
            last_success_at=datetime.now(UTC) - timedelta(minutes=3),
            last_error_code="offline" if failures else None,
            last_error_message="connection refused" if failures else None,
            last_error_at=None,
            failures=failures,
        ),
    )


def test_an_unenrolled_desk_works_alone_and_starts_no_sync(
    qtbot: QtBot, desk_window: MainWindow, demo_desk: DemoDesk
) -> None:
    with qtbot.waitSignal(desk_window.sync.sig_status, timeout=10_000) as blocker:
        desk_window.sync.open_later(demo_desk.desk)
    assert blocker.args == [NOT_ENROLLED]
    assert not desk_window.sync.is_running()
    assert desk_window.sync_label.text() == "Làm việc độc lập: máy chưa đăng ký với máy chủ"
    assert "motcua enrol" in desk_window.sync_label.toolTip()


def test_online_offline_and_problems_read_plainly(qtbot: QtBot) -> None:
    label = SyncStatusLabel("https://motcua.quangngai.gov.vn")
    qtbot.addWidget(label)
    assert label.text() == "Đồng bộ: đang kiểm tra…"
    label.show_status(_status(SyncState.SYNCED))
    assert label.text().startswith("● Trực tuyến · đồng bộ lúc ")
    assert label.text().endswith("· 0 chờ gửi")
    label.show_status(_status(SyncState.OFFLINE, pending=12, failures=3))
    assert label.text().startswith("● Mất kết nối")
    assert "12 chờ gửi" in label.text()
    assert "Lỗi: connection refused (đã thử 3 lần)" in label.toolTip()
    label.show_status(_status(SyncState.PENDING, pending=2, conflicts=1, dead=2))
    assert label.text().endswith("· 2 chờ gửi · 3 cần xử lý")
    tip = label.toolTip()
    assert "Xung đột chờ giám sát viên quyết định: 1" in tip
    assert "Thay đổi bị máy chủ từ chối: 2" in tip
    assert "Mã máy: desk-7" in tip


def test_the_window_shows_the_sync_state_picture(
    qtbot: QtBot, desk_window: MainWindow, demo_desk: DemoDesk
) -> None:
    """A desk with a conflict for the supervisor: what the officer sees (artifacts/desk/)."""
    ctx = set_up_lines(demo_desk.desk)
    for _ in range(3):
        issue_ticket(ctx, "Q1")
    attach_queue(qtbot, desk_window, DeskQueue(demo_desk.desk, 1), RecordingDisplay())
    with qtbot.waitSignal(desk_window.queue.sig_result, timeout=15_000):
        desk_window.call_next()
    desk_window.sync_label.show_status(_status(SyncState.PENDING, pending=3, conflicts=1))
    qtbot.wait(150)
    picture = desk_window.grab()
    path = ROOT / "artifacts" / "desk" / "status-bar-sync.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    assert picture.save(str(path), "PNG")
    if os.environ.get("MOTCUA_UPDATE_DOCS") == "1":
        assert picture.save(str(ROOT / "docs" / "screenshots" / "desk" / "status-bar-sync.png"), "PNG")
    assert desk_window.sync_label.text().endswith("· 3 chờ gửi · 1 cần xử lý")
