"""The hall display: a full-screen window for a TV in the waiting hall.

What a citizen looks for from across the room: the number just called and where to go (largest, and
flashing for a few seconds when it is new), every counter's current number, the last calls, how many wait
in each line, and plainly when the screen has lost the office server (its numbers may be stale then).
Sizes follow the window's height, so the same layout reads on a 32" and a 55" screen.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
FLASH_MS = 500
FLASH_COUNT = 12  # six seconds of blinking for a new call
MAX_COUNTERS_SHOWN = 12
RECENT_SHOWN = 6

BACKGROUND = "#0b2545"
PANEL = "#13315c"
ACCENT = "#ffd166"  # the called number: yellow on dark blue reads best at a distance
TEXT = "#ffffff"
MUTED = "#c9d6ea"
ALERT = "#c1121f"


class HallBridge(QObject):
    """Carries the follower thread's callbacks onto the GUI thread (queued signals)."""

    sig_event = Signal(str, object)
    sig_link = Signal(bool, str)

    def on_event(self, kind: str, data: Any) -> None:
        self.sig_event.emit(kind, data)

    def on_link(self, up: bool, reason: str | None) -> None:
        self.sig_link.emit(up, reason or "")


def _label(text: str = "", *, name: str, color: str = TEXT, bold: bool = False) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setStyleSheet(f"color: {color}; background: transparent;")
    font = label.font()
    font.setBold(bold)
    label.setFont(font)
    return label


class HallWindow(QWidget):
    sig_called = Signal(str, int)  # label, counter: a new call was shown (the voice announces it)

    def __init__(self, office_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hallWindow")
        self.setWindowTitle(QCoreApplication.translate("Hall", "MotCua — Màn hình phòng chờ"))
        self.setStyleSheet(f"QWidget#hallWindow {{ background: {BACKGROUND}; }}")
        self.setAutoFillBackground(True)
        self.services: dict[str, dict[str, Any]] = {}
        self.counters: dict[int, str | None] = {}
        self.recent: list[tuple[str, int]] = []
        self.link_up = False
        self._flashes = 0
        self._scaled: list[tuple[QLabel, float]] = []

        self.banner = _label(name="linkBanner", bold=True)
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.setStyleSheet(f"color: {TEXT}; background: {ALERT}; padding: 6px;")
        self.banner.setWordWrap(True)

        self.office = _label(office_name.upper(), name="officeName", bold=True)
        self.office.setWordWrap(True)
        self.clock = _label(name="clock", bold=True)
        self.clock.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        header = QHBoxLayout()
        header.addWidget(self.office, 1)
        header.addWidget(self.clock)

        # The call panel: the newest call, biggest thing on the screen.
        self.call_panel = QFrame()
        self.call_panel.setObjectName("callPanel")
        self.invite = _label(
            QCoreApplication.translate("Hall", "MỜI CÔNG DÂN CÓ SỐ"), name="invite", color=MUTED, bold=True
        )
        self.called_number = _label("—", name="calledNumber", color=ACCENT, bold=True)
        self.called_counter = _label("", name="calledCounter", bold=True)
        for label in (self.invite, self.called_number, self.called_counter):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        call_layout = QVBoxLayout(self.call_panel)
        call_layout.addStretch(1)
        call_layout.addWidget(self.invite)
        call_layout.addWidget(self.called_number)
        call_layout.addWidget(self.called_counter)
        call_layout.addStretch(1)

        # Every counter's current number.
        self.counter_panel = QFrame()
        self.counter_panel.setObjectName("counterPanel")
        self.counter_panel.setStyleSheet(
            f"QFrame#counterPanel {{ background: {PANEL}; border-radius: 12px; }}"
        )
        self.counter_grid = QGridLayout(self.counter_panel)
        self.counter_grid.setContentsMargins(24, 16, 24, 16)
        self.counter_heading = (
            _label(QCoreApplication.translate("Hall", "QUẦY"), name="counterHeading", color=MUTED, bold=True),
            _label(
                QCoreApplication.translate("Hall", "ĐANG PHỤC VỤ SỐ"),
                name="numberHeading",
                color=MUTED,
                bold=True,
            ),
        )
        self.counter_rows: dict[int, tuple[QLabel, QLabel]] = {}

        middle = QHBoxLayout()
        middle.addWidget(self.call_panel, 3)
        middle.addWidget(self.counter_panel, 2)

        self.recent_label = _label(name="recentCalls", color=TEXT)
        self.waiting_label = _label(name="waitingCounts", color=MUTED)
        self.waiting_label.setWordWrap(True)
        footer = QVBoxLayout()
        footer.addWidget(self.recent_label)
        footer.addWidget(self.waiting_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 20, 32, 20)
        layout.setSpacing(14)
        layout.addWidget(self.banner)
        layout.addLayout(header)
        layout.addLayout(middle, 1)
        layout.addLayout(footer)

        self._scaled = [
            (self.banner, 0.030),
            (self.office, 0.034),
            (self.clock, 0.045),
            (self.invite, 0.045),
            (self.called_number, 0.22),
            (self.called_counter, 0.075),
            (self.counter_heading[0], 0.026),
            (self.counter_heading[1], 0.026),
            (self.recent_label, 0.036),
            (self.waiting_label, 0.034),
        ]
        self._flash_timer = QTimer(self)
        self._flash_timer.setInterval(FLASH_MS)
        self._flash_timer.timeout.connect(self._flash)
        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(1000)
        self._clock_timer.timeout.connect(self._tick)
        self._clock_timer.start()
        self._tick()
        self.set_link(False, QCoreApplication.translate("Hall", "đang kết nối…"))
        self._paint_call(False)

    # -- incoming ----------------------------------------------------------------------------------------

    def on_event(self, kind: str, data: Any) -> None:
        if kind == "status":
            self.apply_status(data)
        elif kind == "change":
            self.apply_change(data)

    def apply_status(self, status: dict[str, Any]) -> None:
        if not status:
            return
        self.services = {s["code"]: s for s in status.get("services", [])}
        self.counters = {c["counter"]: c["current"] for c in status.get("counters", [])}
        self.recent = [(r["ticket"], r["counter"]) for r in status.get("recent", [])]
        if self.recent and self.called_number.text() == "—":
            self._show_call(*self.recent[0], flash=False)
        self._refresh()

    def apply_change(self, change: dict[str, Any]) -> None:
        kind, label, counter = change["kind"], change["ticket"], change.get("counter")
        if kind in ("called", "recalled") and counter is not None:
            self.counters[counter] = label
            self.recent = [(label, counter)] + [r for r in self.recent if r[0] != label]
            self.recent = self.recent[:RECENT_SHOWN]
            self._show_call(label, counter, flash=True)
            self.sig_called.emit(label, counter)
        elif kind in ("completed", "no_show", "recycled", "held", "transferred"):
            for number, current in list(self.counters.items()):
                if current == label:
                    self.counters[number] = None
        elif kind == "walked_in" and counter is not None:
            self.counters[counter] = None
        service = self.services.get(change.get("service", ""))
        if service is not None and kind == "issued":
            service["waiting"] += 1
        self._refresh()

    def set_link(self, up: bool, reason: str = "") -> None:
        self.link_up = up
        self.banner.setVisible(not up)
        detail = f" ({reason})" if reason else ""
        self.banner.setText(
            QCoreApplication.translate(
                "Hall", "MẤT KẾT NỐI VỚI MÁY CHỦ XẾP HÀNG — các số trên màn hình có thể chưa được cập nhật"
            )
            + detail
        )

    # -- drawing -----------------------------------------------------------------------------------------

    def _show_call(self, label: str, counter: int, *, flash: bool) -> None:
        self.called_number.setText(label)
        self.called_counter.setText(
            QCoreApplication.translate("Hall", "ĐẾN QUẦY SỐ {counter}").format(counter=counter)
        )
        if flash:
            self._flashes = FLASH_COUNT
            self._flash_timer.start()
            self._paint_call(True)

    def _flash(self) -> None:
        self._flashes -= 1
        self._paint_call(self._flashes > 0 and self._flashes % 2 == 0)
        if self._flashes <= 0:
            self._flash_timer.stop()

    def _paint_call(self, lit: bool) -> None:
        background = "#1d4e89" if lit else PANEL
        border = ACCENT if lit else PANEL
        self.call_panel.setStyleSheet(
            f"QFrame#callPanel {{ background: {background}; border: 6px solid {border};"
            " border-radius: 16px; }"
        )

    def _tick(self) -> None:
        self.clock.setText(datetime.now(LOCAL).strftime("%H:%M"))

    def _refresh(self) -> None:
        while self.counter_grid.count():
            item = self.counter_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None and widget not in self.counter_heading:
                widget.deleteLater()
        self.counter_grid.addWidget(self.counter_heading[0], 0, 0)
        self.counter_grid.addWidget(self.counter_heading[1], 0, 1)
        height = max(400, self.height())
        for row, (number, current) in enumerate(sorted(self.counters.items())[:MAX_COUNTERS_SHOWN], start=1):
            name = _label(f"{number}", name=f"counter{number}", bold=True)
            value = _label(
                current or "—", name=f"current{number}", color=ACCENT if current else MUTED, bold=True
            )
            for label in (name, value):
                font = QFont(label.font())
                font.setPixelSize(int(height * 0.05))
                label.setFont(font)
            self.counter_grid.addWidget(name, row, 0)
            self.counter_grid.addWidget(value, row, 1)
        for row in range(self.counter_grid.rowCount()):  # only the row under the last counter stretches
            self.counter_grid.setRowStretch(row, 0)
        self.counter_grid.setRowStretch(min(len(self.counters), MAX_COUNTERS_SHOWN) + 1, 1)
        recent = "   ".join(
            QCoreApplication.translate("Hall", "{label} → quầy {counter}").format(
                label=label, counter=counter
            )
            for label, counter in self.recent[:RECENT_SHOWN]
        )
        self.recent_label.setText(
            QCoreApplication.translate("Hall", "Vừa gọi:  {recent}").format(recent=recent or "—")
        )
        # No-break spaces inside an entry: a line wraps between services, never inside one.
        waiting = "   ·   ".join(
            QCoreApplication.translate("Hall", "{prefix} {name}: {n} người chờ")
            .format(prefix=s["prefix"], name=s["name"], n=s["waiting"])
            .replace(" ", "\u00a0")
            for s in self.services.values()
        )
        self.waiting_label.setText(waiting)

    def resizeEvent(self, event: QResizeEvent) -> None:
        height = max(400, event.size().height())
        for label, share in self._scaled:
            font = QFont(label.font())
            font.setPixelSize(max(12, int(height * share)))
            label.setFont(font)
        self._refresh()
        super().resizeEvent(event)

    def sizeHint(self) -> Any:
        from PySide6.QtCore import QSize

        return QSize(1920, 1080)
