"""The device pages' test buttons against real parts: the test page printed through the print queue to a
folder printer, 8888 then the counter's number on a display emulated on a pty, a sample call spoken into
a file, one page from SANE's `test` scanner; and a bad driver name refused on save, nothing lost."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.cli.common import load_settings
from app.settings.spec import DISPLAY_DRIVER, DISPLAY_DRIVERS, DISPLAY_URL
from devices.displays.drivers import DRIVERS, get_driver
from devices.displays.emulator import EmulatedDisplay, PtyEmulator
from tests.gui.settings_support import answer, open_dialog, screenshot
from ui.main_window import MainWindow
from ui.settings.displays_page import DisplaysPage
from ui.settings.printers_page import PrintersPage
from ui.settings.scanner_page import ScannerPage


def test_the_settings_know_every_display_driver() -> None:
    assert tuple(DRIVERS) == DISPLAY_DRIVERS


def test_the_test_page_goes_through_the_print_queue_to_the_chosen_printer(
    qtbot: QtBot, desk_window: MainWindow, tmp_path: Path
) -> None:
    import pypdfium2

    folder = tmp_path / "printer"
    folder.mkdir()
    dialog = open_dialog(qtbot, desk_window, "printers")
    page = dialog.pages[4]
    assert isinstance(page, PrintersPage)
    assert page.printer.isEditable()
    page.printer.setEditText(f"file:{folder}")
    page.paper.setCurrentIndex(page.paper.findData("A5"))
    text = answer(qtbot, desk_window, page.test_button, page.result)
    assert text.startswith(f"Đã gửi trang in thử tới file:{folder} (lệnh in số ")
    (printed,) = folder.iterdir()
    pdf = pypdfium2.PdfDocument(printed.read_bytes())
    assert len(pdf) == 1
    width, height = pdf[0].get_size()
    assert (round(width), round(height)) == (420, 595)  # A5 in points
    assert "TRANG IN THỬ" in pdf[0].get_textpage().get_text_range()
    pdf.close()
    screenshot(dialog, "printers")

    page.printer.setEditText(f"file:{tmp_path / 'missing'}")
    text = answer(qtbot, desk_window, page.test_button, page.result)
    assert text.startswith(f"Máy in file:{tmp_path / 'missing'} chưa nhận trang in thử")


def test_the_display_test_shows_8888_then_the_counter_number(qtbot: QtBot, desk_window: MainWindow) -> None:
    driver = get_driver("edi")
    emulator = PtyEmulator(EmulatedDisplay(driver, 5))
    try:
        dialog = open_dialog(qtbot, desk_window, "displays")
        page = dialog.pages[6]
        assert isinstance(page, DisplaysPage)
        assert [page.driver.itemText(i) for i in range(page.driver.count())] == list(DRIVERS)
        page.port.setEditText(emulator.path)
        page.driver.setEditText("edi")
        page.address.setValue(5)
        dialog.pages[1].counter.setValue(7)  # the counter page's number, not yet saved
        text = answer(qtbot, desk_window, page.display_button, page.display_result)
        assert text.startswith("Đã gửi tới bảng LED: 8888 → ")
        assert emulator.wait_for(driver.fit("7"))
        received = bytes(emulator.received)
        first, second = driver.encode(driver.fit("8888"), 5), driver.encode(driver.fit("7"), 5)
        assert received.startswith(first) and received.endswith(second)
        screenshot(dialog, "displays")
    finally:
        emulator.close()

    text = answer(qtbot, desk_window, page.display_button, page.display_result)
    assert text.startswith(f"Không gửi được tới bảng LED qua {emulator.path}:")
    page.port.setEditText("bogus://x")
    text = answer(qtbot, desk_window, page.display_button, page.display_result)
    assert text.startswith("Cổng không hợp lệ:")


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_the_voice_test_speaks_a_sample_call(qtbot: QtBot, desk_window: MainWindow, tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, desk_window, "displays")
    page = dialog.pages[6]
    assert isinstance(page, DisplaysPage)
    spoken = tmp_path / "spoken.wav"
    page.player_command = ["sh", "-c", f"cat > {spoken}"]  # a sound card that keeps what it plays
    dialog.pages[1].counter.setValue(3)
    text = answer(qtbot, desk_window, page.voice_button, page.voice_result)
    assert text.startswith("Đã đọc: “") and "quầy số ba" in text
    assert spoken.read_bytes()[:4] == b"RIFF"
    page.player_command = ["false"]
    text = answer(qtbot, desk_window, page.voice_button, page.voice_result)
    assert text.startswith("Không phát được âm thanh:")


def test_a_bad_driver_name_is_refused_and_nothing_saved_is_lost(
    qtbot: QtBot, desk_window: MainWindow
) -> None:
    before = load_settings()
    dialog = open_dialog(qtbot, desk_window, "displays")
    page = dialog.pages[6]
    assert isinstance(page, DisplaysPage)
    page.port.setEditText("/dev/ttyUSB9")
    page.driver.setEditText("ed1")
    dialog.save_button.click()
    assert dialog.error.text() == (
        "Giao thức bảng LED “ed1” không có; chọn một trong: edi, alpha, modbus, modbus-ascii, laserlight."
    )
    assert dialog.stack.currentWidget() is page
    after = load_settings()
    assert after.values == before.values
    page.driver.setEditText("alpha")
    with qtbot.waitSignal(dialog.finished, timeout=10_000):
        dialog.save_button.click()
    assert load_settings().get(DISPLAY_DRIVER) == "alpha"
    assert load_settings().get(DISPLAY_URL) == "/dev/ttyUSB9"


def test_the_scanner_page_finds_scanners_and_scans_one_page_from_sane_test(
    qtbot: QtBot, desk_window: MainWindow
) -> None:
    dialog = open_dialog(qtbot, desk_window, "scanner")
    page = dialog.pages[5]
    assert isinstance(page, ScannerPage)
    text = answer(qtbot, desk_window, page.find_button, page.result)
    assert text.startswith(("Tìm thấy", "Không tìm thấy máy quét nào."))
    page.device.setEditText("sane:test")
    page.source.setCurrentIndex(page.source.findData("flatbed"))
    text = answer(qtbot, desk_window, page.test_button, page.result, timeout=60_000)
    assert text.startswith("Đã quét 1 trang từ "), text
    assert page.thumbnail.isVisible() and not page.thumbnail.pixmap().isNull()
    assert max(page.thumbnail.pixmap().width(), page.thumbnail.pixmap().height()) <= 210
    screenshot(dialog, "scanner")
    page.device.setEditText("sane:no-such-scanner")
    text = answer(qtbot, desk_window, page.test_button, page.result, timeout=60_000)
    assert text.startswith("Quét thử không được: ")
