"""GUI fixtures for the scanning screen: Qt offscreen with the bundled fonts, a demo desk with a dossier
received at the counter, and the screen on it. Never type non-ASCII with qtbot.keyClicks."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app.bootstrap import Desk, open_desk
from app.cli.common import load_settings
from app.services.reception import ApplicantInput, ReceptionRequest, receive_dossier
from tests.support import FixedClock
from ui import qt_fixes
from ui.fonts import apply_ui_font

qt_fixes.install()  # PySide6 6.12 on CPython 3.11 loses a reference to True per emit (see ui/qt_fixes.py)

BIRTH_REGISTRATION = "1.001193.000.00.00.H48"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.gui)


@pytest.fixture(scope="session", autouse=True)
def ui_font(qapp: QApplication) -> None:
    apply_ui_font(qapp)


@dataclass
class Counter:
    desk: Desk
    code: str  # a birth registration dossier just received


@pytest.fixture
def counter(demo_home: Path, clock: FixedClock) -> Iterator[Counter]:
    desk = open_desk(load_settings(), clock=clock)
    try:
        dossier = receive_dossier(
            desk.services,
            ReceptionRequest(
                BIRTH_REGISTRATION,
                ApplicantInput("Nguyễn Thị Ngọc Ánh", "051301004567", id_kind="cccd", phone="0905123456"),
                officer="lan.nguyen",
            ),
        )
        yield Counter(desk, dossier.code)
    finally:
        desk.close()
