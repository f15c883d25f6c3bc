"""GUI fixtures: a demo desk in a temporary MOTCUA_HOME with a few Vietnamese dossiers, and its window.

QT_QPA_PLATFORM must be set before the first QApplication exists, so it is set at import time here.
Never type non-ASCII text with qtbot.keyClicks (it aborts the whole pytest process): use `type_text`.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.bootstrap import open_desk
from app.cli.common import load_settings
from app.domain.office import Role
from app.services.reception import ApplicantInput, Decision, ReceptionRequest, receive_dossier
from tests.gui.support import APPLICANTS, NOW, DemoDesk, FixedClock, Received
from ui import qt_fixes
from ui.desk_info import DeskInfo
from ui.drafts import DraftStore
from ui.fonts import apply_ui_font
from ui.i18n import Translations, compile_translations
from ui.main_window import MainWindow
from ui.session import Session
from ui.tasks import TaskManager

qt_fixes.install()  # PySide6 6.12 on CPython 3.11 loses a reference to True per emit (see ui/qt_fixes.py)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.gui)


@pytest.fixture(scope="session", autouse=True)
def ui_font(qapp: QApplication) -> None:
    apply_ui_font(qapp)


@pytest.fixture(scope="session", autouse=True)
def compiled_translations() -> list[Path]:
    """The .ts files compiled to .qm, as at build time (lrelease from the PySide6 wheel)."""
    return compile_translations()


@pytest.fixture
def session() -> Session:
    return Session("lan.nguyen", "Nguyễn Thị Lan", Role.OFFICER, 1)


@pytest.fixture
def desk_window(qtbot: QtBot, demo_desk: DemoDesk, session: Session, tmp_path: Path) -> Iterator[MainWindow]:
    """The main window signed in as lan.nguyen, with drafts on disk, shown and loaded, catalogue in."""
    drafts = DraftStore(tmp_path / "drafts")
    settings = demo_desk.desk.settings
    win = MainWindow(
        DeskInfo.from_settings(settings),
        TaskManager(demo_desk.desk.services),
        session=session,
        drafts=drafts,
        settings=settings,
    )
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    win.activateWindow()
    with qtbot.waitSignals([win.sig_loaded, win.sig_ready], timeout=10_000):
        win.start()
    yield win
    win.close()
    drafts.close()


@pytest.fixture
def gui_home(home: Path) -> Path:
    """An empty MOTCUA_HOME: no settings file, no database."""
    return home


@pytest.fixture
def demo_desk(demo_home: Path) -> Iterator[DemoDesk]:
    """The demo desk with the dossiers of APPLICANTS received at the counter (clock at NOW)."""
    clock = FixedClock(NOW)
    desk = open_desk(load_settings(), clock=clock)
    received: dict[str, Received] = {}
    try:
        for a in APPLICANTS:
            dossier = receive_dossier(
                desk.services,
                ReceptionRequest(
                    procedure_code=a.procedure,
                    applicant=ApplicantInput(
                        name=a.name,
                        id_number=a.id_number,
                        id_kind="cccd" if a.id_number else None,
                        phone=a.phone,
                    ),
                    decision=a.decision,
                    reason="Không có bản chính để đối chiếu" if a.decision is Decision.REFUSE else None,
                    missing=["Giấy tờ chứng minh nơi cư trú"] if a.decision is Decision.SUPPLEMENT else [],
                    received_at=NOW - a.ago,
                ),
            )
            received[a.key] = Received(dossier.code, a.name)
        yield DemoDesk(desk, clock, received)
    finally:
        desk.close()


@pytest.fixture
def window(qtbot: QtBot, demo_desk: DemoDesk) -> Iterator[MainWindow]:
    """The main window on the demo desk, shown, with its first data loaded."""
    win = MainWindow(DeskInfo.from_settings(demo_desk.desk.settings), TaskManager(demo_desk.desk.services))
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    with qtbot.waitSignal(win.sig_loaded, timeout=10_000):
        win.start()
    yield win
    win.tasks.shutdown()


@pytest.fixture
def office_server(tmp_path: Path) -> Iterator[str]:
    """A real motcua-server (uvicorn on 127.0.0.1) on its own SQLite file: the office's queue."""
    from tests.server.support import running_server

    env = {k: v for k, v in os.environ.items() if not k.startswith("MOTCUA_SERVER_")}
    env |= {
        "MOTCUA_DATABASE_URL": f"sqlite:///{tmp_path / 'server.sqlite3'}",
        "MOTCUA_HOME": str(tmp_path / "srv"),
    }
    with running_server(env=env, log=tmp_path / "server.log") as base_url:
        yield base_url


@pytest.fixture
def translations(qapp: QApplication) -> Iterator[Translations]:
    """The app's translator; the test may switch languages, and Vietnamese is back after it."""
    translations = Translations(qapp)
    yield translations
    translations.switch("vi")
    translations.remove()
