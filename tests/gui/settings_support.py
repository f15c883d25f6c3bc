"""Helpers for the settings pages' tests: the dialog over the desk window, waiting for a test button's
answer, and the pictures of the pages (artifacts/desk/settings-<page>.png; with MOTCUA_UPDATE_DOCS=1 also in
docs/screenshots/desk/)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from PySide6.QtWidgets import QAbstractButton, QLabel
from pytestqt.qtbot import QtBot

from ui.main_window import MainWindow
from ui.settings.dialog import SettingsDialog

ROOT = Path(__file__).resolve().parents[2]
# Pictures go to artifacts/; the documentation's copies change only when asked (MOTCUA_UPDATE_DOCS=1), so a
# test run leaves the working tree as it found it.
SCREENSHOTS = ROOT / "artifacts" / "desk"
DOCS = ROOT / "docs" / "screenshots" / "desk"
RUNNING = "Đang thử…"


def open_dialog(qtbot: QtBot, win: MainWindow, page: str) -> SettingsDialog:
    assert win.settings is not None
    dialog = SettingsDialog(win.settings, win.tasks, win)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.show_page(page)
    qtbot.waitUntil(win.tasks.is_idle, timeout=20_000)  # the pages' lists are filled
    return dialog


def answer(
    qtbot: QtBot, win: MainWindow, button: QAbstractButton, result: QLabel, timeout: int = 30_000
) -> str:
    """Click a test button and return the line it answers with (the test runs on the worker)."""
    assert button.isEnabled()
    button.click()
    qtbot.waitUntil(lambda: win.tasks.is_idle() and button.isEnabled(), timeout=timeout)
    assert result.text() != RUNNING
    return result.text()


def screenshot(dialog: SettingsDialog, page: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    dialog.show_page(page)
    path = SCREENSHOTS / f"settings-{page}.png"
    assert dialog.grab().save(str(path), "PNG")
    if os.environ.get("MOTCUA_UPDATE_DOCS") == "1":
        shutil.copyfile(path, DOCS / path.name)
    return path
