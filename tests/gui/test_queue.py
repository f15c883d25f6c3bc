"""The queue bar on the real queue engine (the desk's SQLite), on a desk that lost its office server
(offline block), and on a real motcua-server (uvicorn on 127.0.0.1) with its live stream."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.cli.common import load_settings
from app.domain.queue.model import Priority
from app.services.queue.calling import issue_ticket
from app.storage.queue_wiring import desk_queue
from devices.displays.drivers import get_driver
from devices.displays.emulator import EmulatedDisplay, PtyEmulator
from sync.queue.client import OfficeQueueClient
from tests.gui.queue_support import RecordingDisplay, attach_queue, set_up_lines
from tests.gui.support import DemoDesk, focused_name, press
from tests.server.support import free_port
from ui.main_window import MainWindow
from ui.queue_controller import open_outputs
from ui.queue_service import ALONE, OFFLINE, ONLINE, DeskQueue

SHIFT = Qt.KeyboardModifier.ShiftModifier


def test_the_counter_calls_serves_recalls_and_transfers_through_the_queue_engine(
    qtbot: QtBot, desk_window: MainWindow, demo_desk: DemoDesk
) -> None:
    win, desk = desk_window, demo_desk.desk
    ctx = set_up_lines(desk)
    for _ in range(3):
        issue_ticket(ctx, "Q1")
    issue_ticket(ctx, "Q1", Priority.ELDERLY)
    display = RecordingDisplay()
    attach_queue(qtbot, win, DeskQueue(desk, 1), display)
    bar = win.queue_bar
    assert bar.view is not None and bar.view.mode == ALONE
    assert bar.waiting.text().startswith("Đang chờ: 4")
    assert bar.mode.text() == "Làm việc độc lập"
    assert bar.call_next.isEnabled() and not bar.recall.isEnabled()

    # F9 from anywhere in the window: the elderly citizen first (priority), on the screen and the LED.
    win.focus_search()
    with qtbot.waitSignal(win.queue.sig_result, timeout=15_000):
        press(Qt.Key.Key_F9)
    assert bar.view.current == "A004" and bar.view.status == "called"
    assert bar.display.text() == "A004" and display.shown == ["A004"]
    assert bar.current.text() == "Số A004 · đang gọi"
    assert win.statusBar().currentMessage() == "Đã gọi số A004 đến quầy 1."
    assert bar.waiting.text().startswith("Đang chờ: 3")

    with qtbot.waitSignal(win.queue.sig_result, timeout=15_000):
        press(Qt.Key.Key_F9, SHIFT)
    assert win.statusBar().currentMessage() == "Đã gọi lại số A004 (lần 2)."
    assert display.shown == ["A004", "A004"]

    # The citizen sits down for a reception: the ticket is being served while the form is open.
    with qtbot.waitSignal(win.queue.sig_result, timeout=15_000):
        press(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert bar.view.status == "serving"
    assert win.reception_page.ticket.text() == "Số thứ tự: A004"
    assert bar.serve.text() == "Xong (F10)"
    with qtbot.waitSignal(win.queue.sig_result, timeout=15_000):
        press(Qt.Key.Key_F10)
    assert bar.view.current is None and win.statusBar().currentMessage() == "Số A004 đã xong."
    assert not win.reception_page.ticket.isVisible()

    # The next one does not come: no-show; the one after goes to counter 2's line.
    with qtbot.waitSignal(win.queue.sig_result, timeout=15_000):
        bar.call_next.click()
    assert bar.view.current == "A001"
    with qtbot.waitSignal(win.queue.sig_result, timeout=15_000):
        bar.no_show.click()
    assert win.statusBar().currentMessage() == "Số A001 vắng mặt."
    with qtbot.waitSignal(win.queue.sig_result, timeout=15_000):
        bar.call_next.click()
    bar.transfer_menu.aboutToShow.emit()
    names = [a.objectName() for a in bar.transfer_menu.actions() if a.objectName()]
    assert "queueTransferService_Q2" in names and "queueTransferCounter_2" in names
    with qtbot.waitSignal(win.queue.sig_result, timeout=15_000):
        next(a for a in bar.transfer_menu.actions() if a.objectName() == "queueTransferService_Q2").trigger()
    assert win.statusBar().currentMessage() == "Đã chuyển số A002."
    status = win.queue.view
    assert status is not None and status.current is None
    assert {line.code: line.waiting for line in status.all_lines}["Q2"] == 1


def test_locked_counter_calls_nobody(qtbot: QtBot, desk_window: MainWindow, demo_desk: DemoDesk) -> None:
    ctx = set_up_lines(demo_desk.desk)
    issue_ticket(ctx, "Q1")
    attach_queue(qtbot, desk_window, DeskQueue(demo_desk.desk, 1), RecordingDisplay())
    desk_window.lock()
    desk_window.call_next()
    assert not desk_window.queue.is_busy() and desk_window.queue_bar.view.current is None


def test_without_its_office_server_the_desk_calls_from_its_own_block_and_says_so(
    qtbot: QtBot, desk_window: MainWindow, demo_desk: DemoDesk
) -> None:
    desk = demo_desk.desk
    set_up_lines(desk)
    # A kiosk on this desk issued while the server was away: a number from the desk's reserved block.
    issued = issue_ticket(desk_queue(desk, offline=True), "Q1")
    nobody = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    display = RecordingDisplay()
    attach_queue(qtbot, desk_window, DeskQueue(desk, 1, nobody), display)
    bar = desk_window.queue_bar
    assert bar.view is not None and bar.view.mode == OFFLINE
    assert bar.mode.text() == "● Mất kết nối: dùng số dự phòng của máy"
    with qtbot.waitSignal(desk_window.queue.sig_result, timeout=20_000):
        press(Qt.Key.Key_F9)
    assert bar.view.current == issued.ticket.label and display.shown == [issued.ticket.label]
    assert desk_window.statusBar().currentMessage().endswith("(Mất kết nối máy chủ: số dự phòng của máy.)")


def test_through_the_office_server_with_live_updates(
    qtbot: QtBot, desk_window: MainWindow, demo_desk: DemoDesk, office_server: str
) -> None:
    desk = demo_desk.desk
    office = desk.services.desk.office_code
    kiosk = OfficeQueueClient(office_server, office)
    try:
        kiosk.setup(
            [
                {"code": "HT", "prefix": "A", "name": "Hộ tịch"},
                {"code": "DD", "prefix": "B", "name": "Đất đai"},
            ],
            [{"number": 1, "services": ["HT"]}, {"number": 2, "services": ["DD"]}],
        )
        kiosk.issue("HT")
        attach_queue(qtbot, desk_window, DeskQueue(desk, 1, office_server, office), RecordingDisplay())
        bar = desk_window.queue_bar
        qtbot.waitUntil(lambda: desk_window.queue.link_up is True, timeout=20_000)
        assert bar.view is not None and bar.view.mode == ONLINE
        assert bar.mode.text() == "● Trực tuyến"
        # A citizen takes a number at the kiosk: the bar learns it from the server's stream.
        kiosk.issue("HT")
        qtbot.waitUntil(lambda: bar.view is not None and bar.view.waiting == 2, timeout=20_000)
        desk_window.focus_search()
        assert focused_name() == "searchBox"
        with qtbot.waitSignal(desk_window.queue.sig_result, timeout=20_000):
            press(Qt.Key.Key_F9)
        assert bar.view.current == "A001" and bar.view.mode == ONLINE
        assert kiosk.status()["counters"][0]["current"] == "A001"
    finally:
        kiosk.close()
        desk_window.queue.close()


def test_the_counters_led_display_named_in_the_settings_shows_the_call(
    qtbot: QtBot, desk_window: MainWindow, demo_desk: DemoDesk
) -> None:
    """The whole path of the desk app: settings -> a serial display (an emulated EDI display on a pty) ->
    the frame on the wire when F9 calls, sent from the worker without waiting for the GUI thread."""
    desk = demo_desk.desk
    ctx = set_up_lines(desk)
    issue_ticket(ctx, "Q1")
    driver = get_driver("edi")
    emulator = PtyEmulator(EmulatedDisplay(driver, 5))
    settings = load_settings().with_values(
        {"display.url": emulator.path, "display.driver": "edi", "display.address": 5}
    )
    outputs = open_outputs(settings, speaker=False)
    try:
        assert len(outputs.displays) == 1
        with qtbot.waitSignal(desk_window.queue.sig_view, timeout=15_000):
            desk_window.queue.attach(DeskQueue(desk, 1), outputs)
        with qtbot.waitSignal(desk_window.queue.sig_result, timeout=15_000):
            press(Qt.Key.Key_F9)
        assert emulator.wait_for(driver.fit("A001"))
        assert bytes(emulator.received).endswith(driver.encode(driver.fit("A001"), 5))
    finally:
        outputs.close()
        emulator.close()


def test_a_display_that_cannot_be_opened_leaves_the_screen_to_show_the_call(tmp_path: Path) -> None:
    # An unplugged port is not this case: its bus waits for it and shows the number when it comes back.
    wanted = {"display.url": str(tmp_path / "ttyUSB9"), "display.driver": "nope"}
    settings = load_settings().with_values(wanted)
    outputs = open_outputs(settings, speaker=False)
    assert outputs.displays == []
    outputs.called("A001", 1)  # nothing to send to, and no error
    outputs.close()
