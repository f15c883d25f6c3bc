"""Test data and helpers shared by the GUI tests (fixtures live in conftest.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from app.bootstrap import Desk
from app.services.reception import Decision
from tests.support import FixedClock
from ui.main_window import MainWindow

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
# Wednesday 11 March 2026, 10:00 at the counter: a plain working morning.
NOW = datetime(2026, 3, 11, 10, 0, tzinfo=LOCAL)

BIRTH_REGISTRATION = "1.001193.000.00.00.H48"  # 1 working day
MARRIAGE_STATUS = "1.004873.000.00.00.H48"  # 3 working days
PERMANENT_RESIDENCE = "1.004222.000.00.00.H48"  # 7 working days
COPY_CERTIFICATION = "2.000815.000.00.00.H48"  # same day
BUSINESS_HOUSEHOLD = "1.001612.000.00.00.H48"  # 3 working days
LAND_CERTIFICATE = "1.012783.000.00.00.H48"  # 5 working days


@dataclass(frozen=True)
class Received:
    code: str
    name: str


@dataclass
class DemoDesk:
    desk: Desk
    clock: FixedClock
    dossiers: dict[str, Received]  # by a short test key


class Applicant(NamedTuple):
    key: str  # how tests refer to the dossier
    name: str
    id_number: str | None  # CCCD
    phone: str | None
    procedure: str
    ago: timedelta  # received this long before NOW
    decision: Decision = Decision.ACCEPT


A = Applicant
APPLICANTS: tuple[Applicant, ...] = (
    A("anh", "Nguyễn Thị Ngọc Ánh", "051301004567", "0905123456", BIRTH_REGISTRATION, timedelta(days=6)),
    A("binh", "Trần Văn Bình", "051090001234", "0914222333", PERMANENT_RESIDENCE, timedelta(hours=1)),
    A(
        "dao",
        "Lê Thị Hồng Đào",
        "051195007788",
        None,
        MARRIAGE_STATUS,
        timedelta(hours=2),
        Decision.SUPPLEMENT,
    ),
    A(
        "khoa",
        "Phạm Đăng Khoa",
        None,
        "0983111222",
        COPY_CERTIFICATION,
        timedelta(minutes=30),
        Decision.REFUSE,
    ),
    A("uyen", "Võ Thị Phương Uyên", "051302009911", None, LAND_CERTIFICATE, timedelta(days=1, hours=1)),
    A("duc", "Huỳnh Minh Đức", "051088004455", "0935444555", BUSINESS_HOUSEHOLD, timedelta(days=7, hours=2)),
    A("yen", "Đặng Ngọc Yến", None, None, COPY_CERTIFICATION, timedelta(minutes=10)),
)
# Past their appointment at NOW while the legal clock runs.
OVERDUE = frozenset({"anh", "duc"})


def type_text(widget: QWidget, text: str) -> None:
    """Type any text, Vietnamese included, one key event per character."""
    for ch in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier
        )


def shown_codes(win: MainWindow) -> list[str]:
    return [row.summary.code for row in win.model.rows()]


PASSWORD = "motcua-demo"


def commit_text(widget: QWidget, text: str) -> None:
    """Type `text` the way a Vietnamese input method (Telex, VNI) delivers it: for each word, the letters
    as a pre-edit string that the method keeps rewriting, then the composed word as a commit string."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    from app.domain.text import fold

    words = text.split(" ")
    for i, word in enumerate(words):
        raw = fold(word)  # what the officer's fingers typed before the marks were composed
        for n in range(1, len(raw) + 1):
            QApplication.sendEvent(widget, QInputMethodEvent(raw[:n], []))
        event = QInputMethodEvent("", [])
        event.setCommitString(word + (" " if i < len(words) - 1 else ""))
        QApplication.sendEvent(widget, event)


def press(key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key on whatever has the keyboard focus, as the officer would press it."""
    from PySide6.QtWidgets import QApplication

    target = QApplication.focusWidget() or QApplication.activeWindow()
    assert target is not None, "nothing has the focus"
    QTest.keyClick(target, key, modifiers)


def type_here(text: str) -> None:
    """Type ASCII or Vietnamese text into the focused widget, one key event per character."""
    from PySide6.QtWidgets import QApplication

    target = QApplication.focusWidget()
    assert target is not None, "nothing has the focus"
    type_text(target, text)


def focused_name() -> str:
    from PySide6.QtWidgets import QApplication

    widget = QApplication.focusWidget()
    return widget.objectName() if widget is not None else ""


def unnamed_controls(root: QWidget) -> list[tuple[str, str]]:
    """Visible widgets without an objectName or an accessibleName (Qt's own internals excluded)."""
    controls = [
        w for w in root.findChildren(QWidget) if w.isVisible() and not w.objectName().startswith("qt_")
    ]
    if root.isVisible():
        controls.append(root)
    return [
        (type(w).__name__, w.objectName()) for w in controls if not w.objectName() or not w.accessibleName()
    ]
