"""A picture of the main window on a busy morning, the queue bar calling, for people to look at
(artifacts/gui/main_window.png; with MOTCUA_UPDATE_DOCS=1 also the README's picture,
docs/screenshots/main-window.png)."""

from __future__ import annotations

import os
import shutil
from datetime import timedelta
from pathlib import Path

from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from app.domain.lifecycle import Status
from app.domain.queue.model import Priority
from app.services.queue.calling import issue_ticket
from app.services.reception import ApplicantInput, ReceptionRequest, receive_dossier
from tests.gui.queue_support import RecordingDisplay, attach_queue, set_up_lines
from tests.gui.support import (
    BIRTH_REGISTRATION,
    BUSINESS_HOUSEHOLD,
    COPY_CERTIFICATION,
    LAND_CERTIFICATE,
    MARRIAGE_STATUS,
    NOW,
    OVERDUE,
    PERMANENT_RESIDENCE,
    DemoDesk,
)
from ui.desk_info import DeskInfo
from ui.main_window import MainWindow
from ui.queue_service import DeskQueue
from ui.tasks import TaskManager

ROOT = Path(__file__).resolve().parents[2]
ARTIFACT = ROOT / "artifacts" / "gui" / "main_window.png"
README_PICTURE = ROOT / "docs" / "screenshots" / "main-window.png"

FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Trương", "Bùi", "Đỗ", "Hồ", "Ngô")
MIDDLE = ("Thị", "Văn", "Minh", "Ngọc", "Hữu", "Thanh", "Quốc", "Thị Kim", "Đức", "Xuân")
GIVEN = ("Hương", "Dũng", "Thảo", "Quyết", "Nhung", "Tuấn", "Yến", "Lộc", "Diệp", "Khải", "Ưng", "Hạnh")
PROCEDURES = (
    BIRTH_REGISTRATION,
    COPY_CERTIFICATION,
    PERMANENT_RESIDENCE,
    LAND_CERTIFICATE,
    MARRIAGE_STATUS,
    BUSINESS_HOUSEHOLD,
)


def _receive_a_busy_fortnight(demo: DemoDesk, count: int = 36) -> None:
    for i in range(count):
        name = f"{FAMILY[i % len(FAMILY)]} {MIDDLE[i * 7 % len(MIDDLE)]} {GIVEN[i * 5 % len(GIVEN)]}"
        receive_dossier(
            demo.desk.services,
            ReceptionRequest(
                procedure_code=PROCEDURES[i % len(PROCEDURES)],
                applicant=ApplicantInput(name, phone=f"09051{i:05d}"),
                # Three a working day, mornings and afternoons, over the last fortnight.
                received_at=NOW.replace(hour=7, minute=30)
                - timedelta(days=14 - i // 3)
                + timedelta(hours=(0, 2.5, 6.5)[i % 3], minutes=7 * i % 50),
            ),
        )


def test_screenshot_of_the_main_window(qtbot: QtBot, demo_desk: DemoDesk) -> None:
    _receive_a_busy_fortnight(demo_desk)
    win = MainWindow(DeskInfo.from_settings(demo_desk.desk.settings), TaskManager(demo_desk.desk.services))
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    with qtbot.waitSignal(win.sig_loaded, timeout=10_000):
        win.start()
    ctx = set_up_lines(demo_desk.desk)
    for priority in (Priority.NORMAL, Priority.NORMAL, Priority.ELDERLY, Priority.NORMAL, Priority.NORMAL):
        issue_ticket(ctx, "Q1", priority)
    issue_ticket(ctx, "Q6")
    attach_queue(qtbot, win, DeskQueue(demo_desk.desk, 1), RecordingDisplay())
    with qtbot.waitSignal(win.queue.sig_result, timeout=15_000):
        win.call_next()
    assert win.queue_bar.view is not None and win.queue_bar.view.current == "A003"
    qtbot.wait(50)  # let the columns size themselves to the rows
    overdue = [r for r in win.model.rows() if r.overdue]
    assert {demo_desk.dossiers[k].code for k in OVERDUE} <= {r.summary.code for r in overdue}
    assert win.counts_panel.count_text(Status.RECEIVED) != "0"

    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    assert win.grab().save(str(ARTIFACT), "PNG")
    image = QImage(str(ARTIFACT))
    assert (image.width(), image.height()) == (1366, 768)
    if os.environ.get("MOTCUA_UPDATE_DOCS") == "1":
        shutil.copyfile(ARTIFACT, README_PICTURE)
    win.close()
