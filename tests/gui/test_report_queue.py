"""The report page's "Hàng đợi" tab (F8): the day's queue figures per service and per counter, from the
desk's own database (working alone) and from a real office server; an unreachable server is said so."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot

from app.services.queue.status import configure, services_from_counters
from app.storage.queue_wiring import desk_queue
from tests.gui.support import DemoDesk
from tests.queue.report_day import play_morning
from ui.i18n import Translations
from ui.logbook.queue_report import DESK, SERVER
from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
# Pictures go to artifacts/; the documentation's copy is refreshed only when asked (MOTCUA_UPDATE_DOCS=1), so
# a test run leaves the working tree as it found it.
SCREENSHOT = ROOT / "artifacts" / "desk" / "report-queue.png"
DOCS_SCREENSHOT = ROOT / "docs" / "screenshots" / "desk" / "report-queue.png"
OFFICE = "TTPVHCC-QNG"


def cells(table: QTableWidget) -> list[list[str]]:
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]  # type: ignore[union-attr]
        for r in range(table.rowCount())
    ]


@pytest.fixture
def morning(demo_desk: DemoDesk) -> DemoDesk:
    ctx = desk_queue(demo_desk.desk)
    with demo_desk.desk.services.uow(write=False) as uow:
        counters = uow.offices.counters(ctx.office_code)
    configure(ctx, *services_from_counters(counters))
    play_morning(ctx, demo_desk.clock)  # the desk's clock now stands at 08:41 that Monday
    return demo_desk


def test_queue_tab_from_the_desks_own_database(
    qtbot: QtBot, morning: DemoDesk, window: MainWindow, translations: Translations
) -> None:
    page = window.report_page
    part = page.queue_part
    with qtbot.waitSignal(part.sig_loaded, timeout=10_000):
        qtbot.keyClick(window, Qt.Key.Key_F8)
    page.show_queue()
    day = part.figures()
    assert day is not None and day.source == DESK
    assert part.title.text() == "Hàng đợi hôm nay — Thứ Hai, 02/03/2026"
    assert part.source.text() == "Nguồn: dữ liệu của máy này (làm việc độc lập)"
    assert not part.problem.isVisible()
    # Q1: A001, A002, A003 issued; A002 served; A003 absent; waits 4, 20, 21 min; service 10 and 3 min.
    services = cells(part.services)
    assert services[0] == ["Tư pháp, Hộ tịch", "3", "1", "1 (50%)", "20,0", "20,8", "6,5"]
    assert services[1] == ["Đất đai, Đăng ký biện pháp bảo đảm", "1", "2", "0 (0%)", "29,0", "29,0", "3,5"]
    assert cells(part.counters) == [
        ["Quầy 1", "3", "1", "1 (50%)", "20,0", "20,8", "6,5"],
        ["Quầy 2", "1", "2", "0 (0%)", "29,0", "29,0", "3,5"],
    ]
    assert part.total.text() == (
        "Cả ngày: phát 4, phục vụ 3, vắng 1; chờ trung vị 20,5 phút; chờ quá 15 phút: 3 (75%)"
    )
    qtbot.wait(150)
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(SCREENSHOT), "PNG")
    if os.environ.get("MOTCUA_UPDATE_DOCS") == "1":
        shutil.copyfile(SCREENSHOT, DOCS_SCREENSHOT)

    assert translations.switch("en")
    qtbot.waitUntil(lambda: page.tabs.tabText(1) == "Queue")
    assert part.source.text() == "Source: this desk's own data (working alone)"
    assert part.services.horizontalHeaderItem(4).text() == "Wait, median (min)"  # type: ignore[union-attr]
    assert part.counters.item(0, 0).text() == "Counter 1"  # type: ignore[union-attr]


def test_queue_tab_from_the_office_server_and_a_lost_one(
    qtbot: QtBot, demo_desk: DemoDesk, window: MainWindow, office_server: str
) -> None:
    from sync.queue.client import OfficeQueueClient

    client = OfficeQueueClient(office_server, OFFICE)
    try:
        client.setup([{"code": "HT", "prefix": "A", "name": "Hộ tịch"}], [{"number": 1, "services": ["HT"]}])
        for _ in range(3):
            client.issue("HT")
        client.call(1, "lan.nguyen")
        client.act(1, "complete", "lan.nguyen")
        client.call(1, "lan.nguyen")
        client.act(1, "no_show", "lan.nguyen")
    finally:
        client.close()
    demo_desk.clock.moment = datetime.now(UTC)  # the server's tickets are of its (real) today
    part = window.report_page.queue_part
    part.set_source(office_server, OFFICE)
    with qtbot.waitSignal(part.sig_loaded, timeout=20_000):
        part.refresh()
    day = part.figures()
    assert day is not None and day.source == SERVER
    assert part.source.text() == f"Nguồn: máy chủ văn phòng {office_server}"
    row = cells(part.services)[0]
    assert row[:4] == ["Hộ tịch", "3", "1", "1 (50%)"]
    assert [r[:4] for r in cells(part.counters)] == [
        ["Quầy 1", "2", "1", "1 (50%)"],
        ["(chưa gọi)", "1", "0", "0"],
    ]

    part.set_source("http://127.0.0.1:9", OFFICE)
    with qtbot.waitSignal(part.sig_loaded, timeout=20_000):
        part.refresh()
    assert part.figures() is None
    assert part.problem.text().startswith("Không lấy được số liệu hàng đợi từ máy chủ: http://127.0.0.1:9")
    assert part.services.rowCount() == 0
