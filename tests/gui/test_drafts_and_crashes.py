"""Nothing of a reception is lost: its draft is on disk after every change and is offered back after the
process is killed; an unexpected error is saved as a report and told without a traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from app.cli.common import load_settings
from tests.gui.support import DemoDesk
from ui.app import draft_store
from ui.crash import CrashHandler, CrashReporter, crash_message
from ui.desk_info import DeskInfo
from ui.drafts import DraftStore
from ui.main_window import MainWindow
from ui.reception.form import ReceptionForm
from ui.session import Session
from ui.tasks import TaskManager

ROOT = Path(__file__).resolve().parents[2]


def test_a_draft_is_written_atomically_and_read_back(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "drafts")
    try:
        assert store.load() is None
        form = ReceptionForm(procedure_code="1.001193.000.00.00.H48", name="Nguyễn Thị Ngọc Ánh")
        for n in range(50):  # a burst of changes: only the newest needs to reach the disk
            form.phone = f"09051234{n:02d}"
            store.save(form.to_dict(), "lan.nguyen")
        assert store.flush()
        draft = store.load()
        assert draft is not None and draft.officer == "lan.nguyen"
        assert ReceptionForm.from_dict(draft.form) == form
        assert not list((tmp_path / "drafts").glob("*.tmp"))
        store.path.write_text("{half a fi", encoding="utf-8")  # damaged: never crashes the start
        assert store.load() is None
        store.clear()
        assert store.flush()
        assert not store.path.exists()
    finally:
        store.close()


@pytest.mark.slow
def test_a_reception_survives_the_process_being_killed(
    qtbot: QtBot, demo_desk: DemoDesk, session: Session
) -> None:
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.gui.crash_child"],
        cwd=ROOT,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "READY", child.stderr.read() if child.stderr else ""
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    assert child.returncode == -signal.SIGKILL

    # The next start of the desk app: the same settings, the same counter.
    settings = load_settings()
    info = DeskInfo.from_settings(settings)
    drafts = draft_store(settings, info)
    window = MainWindow(info, TaskManager(demo_desk.desk.services), session=session, drafts=drafts)
    qtbot.addWidget(window)
    window.show()
    try:
        with qtbot.waitSignal(window.sig_ready, timeout=10_000):
            window.start()
        banner = window.draft_banner
        assert banner.isVisible()
        assert "Nguyễn Thị Ngọc Ánh — Thủ tục đăng ký khai sinh" in banner.text.text()
        banner.restore_button.click()
        page = window.reception_page
        assert window.current_page() == "reception"
        assert not banner.isVisible()
        assert page.applicant.name.text() == "Nguyễn Thị Ngọc Ánh"
        assert page.applicant.id_number.text() == "051190001234"
        assert page.applicant.phone.text() == "0905123456"
        assert page.form_state().procedure_code == "1.001193.000.00.00.H48"
        assert sum(t.received for t in page.components.ticks()) == 3  # the required ones
    finally:
        window.close()
        drafts.close()


@pytest.mark.qt_no_exception_capture
def test_an_unexpected_error_is_reported_and_told_without_a_traceback(qtbot: QtBot, tmp_path: Path) -> None:
    told: list[Path | None] = []
    handler = CrashHandler(CrashReporter(tmp_path / "logs", lambda: {"page": "reception"}), told.append)
    handler.install()
    try:

        def broken_slot() -> None:
            raise ZeroDivisionError("division by zero")

        QTimer.singleShot(0, broken_slot)
        qtbot.waitUntil(lambda: bool(told), timeout=5000)
    finally:
        handler.uninstall()
    (report,) = (tmp_path / "logs").glob("crash-*.txt")
    assert told == [report]
    text = report.read_text(encoding="utf-8")
    assert "ZeroDivisionError: division by zero" in text
    assert "page: reception" in text
    message = crash_message(report)
    assert message.startswith("Chương trình vừa gặp một lỗi ngoài dự kiến.")
    assert "Hồ sơ đang tiếp nhận dở đã được lưu tạm" in message
    assert str(report) in message
    assert "Traceback" not in message and "ZeroDivisionError" not in message


def test_old_reports_are_pruned(tmp_path: Path) -> None:
    reporter = CrashReporter(tmp_path / "logs")
    for _ in range(55):
        reporter.report(RuntimeError("again"))
    assert len(list((tmp_path / "logs").glob("crash-*.txt"))) == 50
