"""Vietnamese first, English second: the .ts file is complete and up to date, placeholders and mnemonics
survive translation, and the language switches while the window is open without losing its work."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.domain.lifecycle import Status
from tests.gui.support import DemoDesk, type_text
from ui.dossier_table import Column
from ui.i18n import Translations, qm_file, ts_file, update_ts
from ui.main_window import MainWindow

_PLACEHOLDER = re.compile(r"\{\w+\}")


def _messages(path: Path) -> list[tuple[str, str, str | None, str | None]]:
    rows = []
    for context in ET.parse(path).getroot():
        name = context.findtext("name") or ""
        for message in context.findall("message"):
            translation = message.find("translation")
            assert translation is not None
            rows.append((name, message.findtext("source") or "", translation.text, translation.get("type")))
    return rows


def test_every_string_has_an_english_translation_that_keeps_placeholders_and_mnemonics() -> None:
    messages = _messages(ts_file("en"))
    assert len(messages) > 500
    unfinished = [(c, s) for c, s, t, kind in messages if not t or kind == "unfinished"]
    assert unfinished == []
    for context, source, translation, _ in messages:
        assert translation is not None
        assert sorted(_PLACEHOLDER.findall(source)) == sorted(_PLACEHOLDER.findall(translation)), (
            context,
            source,
        )
        assert ("&" in source.replace("&&", "")) == ("&" in translation.replace("&&", "")), (context, source)
        assert source.count("\n") == translation.count("\n"), (context, source)


def test_the_ts_file_is_up_to_date_with_the_sources(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    update_ts(fresh)
    expected = {(c, s) for c, s, _, _ in _messages(fresh)}
    have = {(c, s) for c, s, _, _ in _messages(ts_file("en"))}
    assert expected - have == set(), "run: python -m ui.i18n update, then translate the new strings"
    assert have - expected == set(), "run: python -m ui.i18n update (strings that left the sources)"


def test_the_translation_compiles(compiled_translations: list[Path]) -> None:
    assert ts_file("en").with_suffix(".qm") in compiled_translations
    assert qm_file("en") == ts_file("en").with_suffix(".qm")


def test_switching_language_relabels_the_open_window_and_keeps_the_work(
    qtbot: QtBot, desk_window: MainWindow, demo_desk: DemoDesk, translations: Translations
) -> None:
    win = desk_window
    win.translations = translations
    win.new_reception()
    page = win.reception_page
    type_text(page.picker.query, "khai sinh")
    page.picker.choose_current()
    page.applicant.id_number.setText("051190001234")
    assert page.applicant.id_info.text().startswith("✓ CCCD hợp lệ")

    assert translations.switch("en")
    qtbot.waitUntil(lambda: win.nav.buttons["reception"].accessibleName() == "Receive a dossier")
    assert win.reception_page.title.text() == "Receive a dossier"
    assert (
        page.applicant.id_info.text()
        == "✓ Valid citizen ID: birth registered in Quảng Ngãi, female, born 1990"
    )
    assert page.applicant.id_number.text() == "051190001234"  # the work is still there
    assert page.decision.submit.text() == "Accept dossier (Ctrl+Enter)"
    assert win.header.counter_label.text() == "Counter 1"
    assert win.header.date_label.text() == "Wednesday, 11/03/2026"
    assert win.search_box.placeholderText() == "Find: code, ID number, phone, name without diacritics"
    assert win.sync_label.text() == "No sync server configured"
    model = win.model
    assert model.headerData(Column.STATUS, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) == "Status"
    statuses = {model.index(r, Column.STATUS).data() for r in range(model.rowCount())}
    assert "Received" in statuses and "Đã tiếp nhận" not in statuses
    assert win.counts_panel.findChild(type(win.header.counter_label), "statusCountsName_received").text() == (
        "Received"
    )
    assert win.queue_bar.call_next.text() == "Call next (F9)"

    translations.switch("vi")
    qtbot.waitUntil(lambda: win.reception_page.title.text() == "Tiếp nhận hồ sơ")
    assert win.header.date_label.text() == "Thứ Tư, 11/03/2026"
    assert page.decision.submit.text() == "Tiếp nhận hồ sơ (Ctrl+Enter)"
    assert model.index(0, Column.STATUS).data() in {"Đã tiếp nhận", "Chờ bổ sung", "Từ chối"}
    assert Status.RECEIVED.value == "received"


def test_the_scanner_faults_the_hall_the_kiosk_and_the_device_settings_show_in_english(
    qtbot: QtBot, desk_window: MainWindow, translations: Translations
) -> None:
    from app.domain.scanning.faults import ScannerError, ScannerFault
    from app.domain.scanning.model import Source
    from ui.hall.window import HallWindow
    from ui.kiosk.window import KioskWindow, priority_label
    from ui.scanning.texts import describe_scanner_error, source_label
    from ui.settings.dialog import SettingsDialog

    assert translations.switch("en")
    assert source_label(Source.FLATBED) == "Flatbed"
    error = ScannerError(ScannerFault.JAMMED, "jam", device="sane:test", pages=2)
    assert describe_scanner_error(error) == (
        "Paper jam in the feeder: open the cover, take out the jammed sheet, then scan the rest. "
        "The 2 pages scanned were kept."
    )
    hall = HallWindow("Office")
    qtbot.addWidget(hall)
    assert hall.windowTitle() == "MotCua — Waiting hall display"
    assert hall.invite.text() == "NOW SERVING NUMBER"
    services = [{"code": "Q1", "prefix": "A", "name": "Civil status", "waiting": 2}]
    kiosk = KioskWindow("Office", services, lambda *_a: {}, lambda *_a: None)
    qtbot.addWidget(kiosk)
    assert kiosk.windowTitle() == "MotCua — Take a number"
    assert kiosk.your_number.text() == "YOUR NUMBER"
    assert priority_label("elderly") == "Elderly"
    assert desk_window.settings is not None
    dialog = SettingsDialog(desk_window.settings, desk_window.tasks, desk_window)
    qtbot.addWidget(dialog)
    names = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert names[-3:] == ["Printers", "Scanner", "LED displays, speaker"]
    assert dialog.pages[3].test_button.text() == "&Test connection"
    qtbot.waitUntil(desk_window.tasks.is_idle, timeout=20_000)
