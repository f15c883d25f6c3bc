"""The hall display and the kiosk, offscreen, with screenshots to artifacts/queue/ for people to judge."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui import qt_fixes
from ui.fonts import apply_ui_font
from ui.hall.window import HallWindow
from ui.kiosk.window import KioskWindow

qt_fixes.install()  # PySide6 6.12 on CPython 3.11 loses a reference to True per emit (see ui/qt_fixes.py)
pytestmark = pytest.mark.gui
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "queue"
OFFICE = "Trung tâm Phục vụ hành chính công tỉnh Quảng Ngãi"
SERVICES = [
    {"code": "Q1", "prefix": "A", "name": "Tư pháp, Hộ tịch", "waiting": 12, "priority_waiting": 2},
    {"code": "Q2", "prefix": "B", "name": "Đất đai", "waiting": 4, "priority_waiting": 0},
    {"code": "Q3", "prefix": "C", "name": "Xây dựng, Giao thông", "waiting": 0, "priority_waiting": 0},
    {"code": "Q4", "prefix": "D", "name": "Đăng ký kinh doanh", "waiting": 7, "priority_waiting": 1},
    {"code": "Q5", "prefix": "E", "name": "Công an (Cư trú, Căn cước)", "waiting": 21, "priority_waiting": 3},
    {"code": "Q6", "prefix": "F", "name": "Chứng thực, Hỗ trợ chung", "waiting": 3, "priority_waiting": 0},
]
STATUS: dict[str, Any] = {
    "office": "TTPVHCC-QNG",
    "day": "2026-03-11",
    "waiting": 47,
    "services": SERVICES,
    "counters": [
        {
            "counter": n,
            "services": [f"Q{n}"],
            "current": current,
            "status": "serving" if current else None,
            "held": [],
        }
        for n, current in ((1, "A014"), (2, "B003"), (3, None), (4, "D021"), (5, "E1015"), (6, "F002"))
    ],
    "recent": [
        {"ticket": t, "service": s, "counter": c, "status": "called", "called_at": "2026-03-11T03:00:00Z"}
        for t, s, c in (("A014", "Q1", 1), ("E1015", "Q5", 5), ("D021", "Q4", 4), ("B003", "Q2", 2))
    ],
}


@pytest.fixture(scope="module", autouse=True)
def ui_font(qapp: QApplication) -> None:
    apply_ui_font(qapp)


def change(kind: str, ticket: str, counter: int | None, service: str = "Q1") -> dict[str, Any]:
    return {"kind": kind, "ticket": ticket, "counter": counter, "service": service, "status": kind}


def test_hall_display_shows_a_new_call_and_saves_a_screenshot(qtbot: QtBot) -> None:
    hall = HallWindow(OFFICE)
    qtbot.addWidget(hall)
    hall.resize(1920, 1080)
    hall.show()
    hall.set_link(True)
    hall.on_event("status", STATUS)
    with qtbot.waitSignal(hall.sig_called, timeout=2000) as called:
        hall.on_event("change", change("called", "A015", 1))
    assert called.args == ["A015", 1]
    assert hall.called_number.text() == "A015" and "5" not in hall.called_counter.text()
    assert hall.counters[1] == "A015" and hall.recent[0] == ("A015", 1)
    assert "A Tư pháp, Hộ tịch: 12 người chờ" in hall.waiting_label.text().replace("\u00a0", " ")
    assert not hall.banner.isVisible()
    qtbot.wait(50)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert hall.grab().save(str(ARTIFACTS / "hall.png"), "PNG")


def test_hall_display_says_plainly_when_the_server_is_lost(qtbot: QtBot) -> None:
    hall = HallWindow(OFFICE)
    qtbot.addWidget(hall)
    hall.resize(1920, 1080)
    hall.show()
    hall.on_event("status", STATUS)
    hall.set_link(False, "connection refused")
    assert hall.banner.isVisible() and "MẤT KẾT NỐI" in hall.banner.text()
    qtbot.wait(50)
    assert hall.grab().save(str(ARTIFACTS / "hall-offline.png"), "PNG")
    hall.set_link(True)
    assert not hall.banner.isVisible()


def test_kiosk_issues_shows_and_says_printing_is_unavailable(qtbot: QtBot) -> None:
    taken: list[tuple[str, str]] = []

    def issue(service: str, priority: str) -> dict[str, Any]:
        taken.append((service, priority))
        return {"ticket": "A016", "number": 16, "service": service, "waiting": 3, "priority": priority}

    kiosk = KioskWindow(OFFICE, SERVICES, issue, lambda _t: "chưa cấu hình máy in vé")
    qtbot.addWidget(kiosk)
    kiosk.resize(1366, 768)
    kiosk.show()
    qtbot.wait(50)
    assert kiosk.grab().save(str(ARTIFACTS / "kiosk.png"), "PNG")
    kiosk.findChild(type(kiosk.service_buttons["Q1"]), "priority_elderly").click()
    with qtbot.waitSignal(kiosk.sig_shown, timeout=5000) as shown:
        kiosk.service_buttons["Q1"].click()
    assert shown.args[0]["ticket"] == "A016"
    assert taken == [("Q1", "elderly")]
    assert kiosk.number.text() == "A016"
    assert "KHÔNG IN ĐƯỢC VÉ" in kiosk.print_line.text()
    assert "3 người" in kiosk.waiting_line.text()
    qtbot.wait(50)
    assert kiosk.grab().save(str(ARTIFACTS / "kiosk-ticket.png"), "PNG")
    kiosk.reset()
    assert kiosk.selected_priority() == "normal"


def test_kiosk_reports_a_failed_issue(qtbot: QtBot) -> None:
    def issue(service: str, priority: str) -> dict[str, Any]:
        raise RuntimeError("office server unreachable")

    kiosk = KioskWindow(OFFICE, SERVICES, issue, lambda _t: None)
    qtbot.addWidget(kiosk)
    with qtbot.waitSignal(kiosk.sig_shown, timeout=5000):
        kiosk.service_buttons["Q2"].click()
    assert kiosk.number.text() == "—" and "unreachable" in kiosk.print_line.text()


def test_hall_follows_a_real_office_server(qtbot: QtBot, tmp_path: Path) -> None:
    from sync.queue.client import OfficeQueueClient, QueueFollower
    from tests.server.support import running_server
    from ui.hall.window import HallBridge

    env = {
        **os.environ,
        "MOTCUA_DATABASE_URL": f"sqlite:///{tmp_path / 's.sqlite3'}",
        "MOTCUA_HOME": str(tmp_path),
    }
    with running_server(env=env, log=tmp_path / "server.log") as base_url:
        client = OfficeQueueClient(base_url, "QNG")
        client.setup(
            [{"code": s["code"], "prefix": s["prefix"], "name": s["name"]} for s in SERVICES],
            [{"number": n, "services": [f"Q{n}"]} for n in range(1, 7)],
        )
        hall = HallWindow(OFFICE)
        qtbot.addWidget(hall)
        hall.resize(1920, 1080)
        hall.show()
        bridge = HallBridge()
        bridge.sig_event.connect(hall.on_event)
        bridge.sig_link.connect(hall.set_link)
        follower = QueueFollower(base_url, "QNG", bridge.on_event, bridge.on_link, retry_s=0.2).start()
        try:
            qtbot.waitUntil(lambda: hall.link_up, timeout=10_000)
            for _ in range(3):
                client.issue("Q5")
            client.issue("Q1", "elderly")
            client.call(5, "officer")
            qtbot.waitUntil(lambda: hall.called_number.text() == "E001", timeout=10_000)
            assert hall.counters[5] == "E001"
            qtbot.waitUntil(
                lambda: (
                    "E Công an (Cư trú, Căn cước): 2 người chờ"
                    in hall.waiting_label.text().replace("\u00a0", " ")
                ),
                timeout=10_000,
            )
        finally:
            client.close()
    try:
        qtbot.waitUntil(lambda: not hall.link_up, timeout=20_000)  # the server stopped: the hall says so
        assert hall.banner.isVisible()
    finally:
        follower.stop()


def test_kiosk_issuer_prints_or_says_why_and_falls_back_to_the_reserved_block(demo_home: Path) -> None:
    from app.bootstrap import open_desk
    from app.cli.common import load_settings
    from app.services.queue.status import configure, services_from_counters
    from app.storage.queue_wiring import desk_queue
    from sync.queue.client import OfficeQueueClient
    from ui.kiosk.run import KioskIssuer

    with open_desk(load_settings()) as desk:
        ctx = desk_queue(desk)
        with desk.services.uow(write=False) as uow:
            configure(ctx, *services_from_counters(uow.offices.counters(ctx.office_code)))
        alone = KioskIssuer(desk, None)
        assert [s["code"] for s in alone.services()][:2] == ["Q1", "Q2"]
        ticket = alone.issue("Q1", "pregnant")
        assert (ticket["ticket"], ticket["priority"]) == ("A001", "pregnant")
        assert alone.print(ticket, {"Q1": "Tư pháp"}) == "chưa cấu hình máy in vé"
        cut_off = KioskIssuer(desk, OfficeQueueClient("http://127.0.0.1:9", ctx.office_code, timeout=0.5))
        offline = cut_off.issue("Q1", "normal")
        assert offline["ticket"] == "A9000" and offline["origin"] == "desk-0"
