"""Settings pages (office, counter, language, server; device pages disabled until their features land),
and the rule that every control on every screen and dialog has an object name and an accessible name."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel
from pytestqt.qtbot import QtBot

from app.cli.common import load_settings
from app.domain.lifecycle import Action
from app.settings.spec import DESK_COUNTER, OFFICE_UNIT_CODE, SERVER_URL, UI_LANGUAGE
from tests.gui.support import DemoDesk, unnamed_controls
from ui.i18n import Translations
from ui.main_window import MainWindow
from ui.settings.dialog import SettingsDialog


@pytest.fixture
def translations(qapp: QApplication) -> Iterator[Translations]:
    translations = Translations(qapp)
    yield translations
    translations.switch("vi")
    translations.remove()


def _settings_dialog(qtbot: QtBot, win: MainWindow) -> SettingsDialog:
    win.settings_action.trigger()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), SettingsDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, SettingsDialog)
    return dialog


def test_settings_are_saved_and_the_language_applies_at_once(
    qtbot: QtBot, desk_window: MainWindow, demo_desk: DemoDesk, translations: Translations
) -> None:
    desk_window.translations = translations
    dialog = _settings_dialog(qtbot, desk_window)
    assert [dialog.list.item(i).text() for i in range(dialog.list.count())] == [
        "Cơ quan",
        "Quầy",
        "Ngôn ngữ",
        "Máy chủ",
        "Máy in",
        "Máy quét",
        "Bảng hiển thị, loa",
    ]
    office = dialog.pages[0]
    assert office.office_name.text() == "Trung tâm Phục vụ hành chính công tỉnh Quảng Ngãi"
    for page in dialog.pages[4:]:
        button = page.findChild(QAbstractButton, f"settingsDeviceTest_{page.key}")
        assert button is not None and button.accessibleName()
    dialog.show_page("counter")
    dialog.pages[1].counter.setValue(3)
    dialog.show_page("server")
    dialog.pages[3].url.setText("https://motcua.quangngai.gov.vn")
    dialog.show_page("language")
    dialog.pages[2].language.setCurrentIndex(dialog.pages[2].language.findData("en"))
    with qtbot.waitSignal(dialog.finished, timeout=10_000):
        dialog.save_button.click()
    saved = load_settings()
    assert saved.get(DESK_COUNTER) == 3
    assert saved.get(SERVER_URL) == "https://motcua.quangngai.gov.vn"
    assert saved.get(UI_LANGUAGE) == "en"
    qtbot.waitUntil(lambda: desk_window.reception_page.title.text() == "Receive a dossier")
    assert desk_window.statusBar().currentMessage() == "Settings saved."


def test_a_bad_value_is_refused_in_words(qtbot: QtBot, desk_window: MainWindow) -> None:
    dialog = _settings_dialog(qtbot, desk_window)
    dialog.show_page("server")
    dialog.pages[0].unit_code.setText("mã sai!")  # it starts every dossier code
    dialog.pages[3].url.setText("motcua.example")  # no scheme
    dialog.save_button.click()
    assert dialog.isVisible()
    assert dialog.stack.currentWidget() is dialog.pages[0]  # the page with the problem is shown
    assert (
        dialog.error.text() == "Mã đơn vị chỉ gồm chữ cái không dấu, chữ số và dấu chấm, ví dụ 000.00.53.H48."
    )
    dialog.pages[0].unit_code.setText("000.00.53.H48")
    dialog.save_button.click()
    assert dialog.error.text() == "Địa chỉ máy chủ phải bắt đầu bằng http:// hoặc https://"
    dialog.pages[3].url.setText("")
    with qtbot.waitSignal(dialog.finished, timeout=10_000):
        dialog.save_button.click()
    assert load_settings().get(OFFICE_UNIT_CODE) == "000.00.53.H48"


def _named_everywhere(win: MainWindow) -> list[tuple[str, str]]:
    return unnamed_controls(win)


def test_every_control_of_every_screen_and_dialog_is_named(
    qtbot: QtBot, desk_window: MainWindow, demo_desk: DemoDesk
) -> None:
    win = desk_window
    problems: dict[str, list[tuple[str, str]]] = {}
    for key in ("search", "reception", "returns", "overdue", "report"):
        win.go(key)
        qtbot.wait(50)
        problems[key] = unnamed_controls(win)
    win.new_reception()
    page = win.reception_page
    page.choose_procedure(page.picker.shown()[0])
    page.decision.set_decision(page.decision.decision().SUPPLEMENT)
    problems["reception (supplement)"] = unnamed_controls(win)
    with qtbot.waitSignal(win.dossier_page.sig_loaded, timeout=10_000):
        win.open_dossier(demo_desk.dossiers["duc"].code)
    problems["dossier"] = unnamed_controls(win)
    for action in (Action.APOLOGISE, Action.REQUEST_SUPPLEMENT, Action.ADD_NOTE, Action.START_PROCESSING):
        dialog = win.dossier_page.start_action(action)
        assert dialog is not None
        qtbot.waitUntil(dialog.isVisible)
        problems[action.value] = unnamed_controls(dialog)
        dialog.reject()
    win.lock()
    problems["lock"] = unnamed_controls(win)
    win.unlock(win.session)
    dialog = _settings_dialog(qtbot, win)
    for i in range(dialog.list.count()):
        dialog.list.setCurrentRow(i)
        problems[f"settings {i}"] = unnamed_controls(dialog)
    dialog.reject()
    bad = {k: v for k, v in problems.items() if v}
    assert not bad, "\n".join(f"{k}: {v}" for k, v in bad.items())


def test_mnemonics_are_unique_on_the_reception_screen(qtbot: QtBot, desk_window: MainWindow) -> None:
    desk_window.new_reception()
    page = desk_window.reception_page
    widgets = [*page.findChildren(QLabel), *page.findChildren(QAbstractButton)]
    texts = [w.text() for w in widgets if "&" in w.text().replace("&&", "")]
    keys = [t[t.index("&") + 1].lower() for t in texts]
    assert len(keys) >= 10
    assert len(keys) == len(set(keys)), sorted(zip(keys, texts, strict=True))
    assert Qt.Key.Key_1  # Alt+1/2/3 choose the decision
