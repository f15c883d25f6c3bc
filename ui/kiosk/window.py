"""The kiosk: a touch screen where citizens take a number.

Big buttons, one per service, and a row of priority choices above them (the law's priority groups). The
number is then shown large; if the ticket printer is not set up or fails, the screen says so in red and
asks the citizen to remember the number, instead of pretending a ticket is coming.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

PRIORITIES = ("normal", "elderly", "disabled", "pregnant", "small_child", "appointment")


def priority_label(code: str) -> str:
    return {
        "normal": QCoreApplication.translate("Kiosk", "Thông thường"),
        "elderly": QCoreApplication.translate("Kiosk", "Người cao tuổi"),
        "disabled": QCoreApplication.translate("Kiosk", "Người khuyết tật"),
        "pregnant": QCoreApplication.translate("Kiosk", "Phụ nữ mang thai"),
        "small_child": QCoreApplication.translate("Kiosk", "Người đi cùng con nhỏ"),
        "appointment": QCoreApplication.translate("Kiosk", "Đã đặt lịch hẹn"),
    }[code]


RESULT_SHOWN_MS = 12_000
BACKGROUND = "#f4f7fb"
BLUE = "#0b5cad"
ALERT = "#b00020"

# (service code, priority) -> the issued ticket as a dict; runs off the GUI thread.
Issue = Callable[[str, str], dict[str, Any]]
# The issued ticket -> None when printed, else why it was not (shown to the citizen).
Print = Callable[[dict[str, Any]], str | None]


class _Done(QObject):
    sig_issued = Signal(object, object)  # ticket dict, print problem (str | None)
    sig_failed = Signal(str)


def _font(widget: QWidget, pixels: int, *, bold: bool = False) -> QFont:
    font = QFont(widget.font())
    font.setPixelSize(pixels)
    font.setBold(bold)
    return font


class KioskWindow(QWidget):
    sig_shown = Signal(object)  # the ticket dict now on screen

    def __init__(
        self,
        office_name: str,
        services: list[dict[str, Any]],
        issue: Issue,
        print_ticket: Print,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("kioskWindow")
        self.setWindowTitle(QCoreApplication.translate("Kiosk", "MotCua — Lấy số thứ tự"))
        self.setStyleSheet(
            f"QWidget#kioskWindow {{ background: {BACKGROUND}; }}"
            "QPushButton { border-radius: 14px; }"
            f"QPushButton[role='service'] {{ background: {BLUE}; color: white; padding: 18px; }}"
            "QPushButton[role='service']:pressed { background: #084785; }"
            f"QPushButton[role='priority'] {{ background: white; color: {BLUE}; border: 3px solid {BLUE};"
            " padding: 10px; }"
            f"QPushButton[role='priority']:checked {{ background: {BLUE}; color: white; }}"
        )
        self._issue = issue
        self._print = print_ticket
        self._done = _Done()
        self._done.sig_issued.connect(self._show_ticket)
        self._done.sig_failed.connect(self._show_failure)
        self.busy = False

        self.stack = QStackedWidget()
        self.choose_page = QWidget()
        self.result_page = QWidget()
        self.stack.addWidget(self.choose_page)
        self.stack.addWidget(self.result_page)

        office = QLabel(office_name.upper())
        office.setObjectName("kioskOffice")
        office.setAlignment(Qt.AlignmentFlag.AlignCenter)
        office.setWordWrap(True)
        office.setFont(_font(self, 26, bold=True))
        office.setStyleSheet(f"color: {BLUE};")
        title = QLabel(QCoreApplication.translate("Kiosk", "LẤY SỐ THỨ TỰ"))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setFont(_font(self, 52, bold=True))
        hint = QLabel(
            QCoreApplication.translate(
                "Kiosk",
                "Nếu bạn thuộc nhóm ưu tiên, chạm vào nhóm của bạn trước; "
                "rồi chạm vào lĩnh vực cần giải quyết",
            )
        )
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setWordWrap(True)
        hint.setFont(_font(self, 24))

        self.priority_group = QButtonGroup(self)
        self.priority_group.setExclusive(True)
        priorities = QHBoxLayout()
        for index, code in enumerate(PRIORITIES):
            button = QPushButton(priority_label(code))
            button.setObjectName(f"priority_{code}")
            button.setProperty("role", "priority")
            button.setProperty("code", code)
            button.setCheckable(True)
            button.setChecked(index == 0)
            button.setFont(_font(self, 22, bold=True))
            button.setMinimumHeight(72)
            self.priority_group.addButton(button, index)
            priorities.addWidget(button)

        grid = QGridLayout()
        grid.setSpacing(18)
        self.service_buttons: dict[str, QPushButton] = {}
        columns = 2 if len(services) <= 6 else 3
        for index, service in enumerate(services):
            button = QPushButton(f"{service['prefix']}   {service['name']}")
            button.setObjectName(f"service_{service['code']}")
            button.setProperty("role", "service")
            button.setFont(_font(self, 34, bold=True))
            button.setMinimumHeight(120)
            button.clicked.connect(lambda _=False, code=service["code"]: self.take(code))
            self.service_buttons[service["code"]] = button
            grid.addWidget(button, index // columns, index % columns)

        choose = QVBoxLayout(self.choose_page)
        choose.setContentsMargins(48, 32, 48, 32)
        choose.setSpacing(20)
        choose.addWidget(office)
        choose.addWidget(title)
        choose.addWidget(hint)
        choose.addLayout(priorities)
        choose.addLayout(grid, 1)

        self.your_number = QLabel(QCoreApplication.translate("Kiosk", "SỐ CỦA BẠN"))
        self.number = QLabel()
        self.number.setObjectName("issuedNumber")
        self.service_line = QLabel()
        self.waiting_line = QLabel()
        self.print_line = QLabel()
        self.print_line.setObjectName("printStatus")
        self.print_line.setWordWrap(True)
        for label, size, bold in (
            (self.your_number, 44, True),
            (self.number, 260, True),
            (self.service_line, 40, True),
            (self.waiting_line, 34, False),
            (self.print_line, 32, True),
        ):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setFont(_font(self, size, bold=bold))
        self.number.setStyleSheet(f"color: {BLUE};")
        self.back = QPushButton(QCoreApplication.translate("Kiosk", "Xong — lấy số khác"))
        self.back.setProperty("role", "priority")
        self.back.setFont(_font(self, 26, bold=True))
        self.back.setMinimumHeight(80)
        self.back.clicked.connect(self.reset)
        result = QVBoxLayout(self.result_page)
        result.setContentsMargins(48, 48, 48, 48)
        result.addStretch(1)
        for widget in (self.your_number, self.number, self.service_line, self.waiting_line, self.print_line):
            result.addWidget(widget)
        result.addStretch(1)
        result.addWidget(self.back)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self._services = {s["code"]: s for s in services}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.reset)

    def selected_priority(self) -> str:
        button = self.priority_group.checkedButton()
        return str(button.property("code")) if button is not None else "normal"

    def take(self, service_code: str) -> None:
        """A citizen touched a service: issue (off the GUI thread), print, show."""
        if self.busy:
            return
        self.busy = True
        priority = self.selected_priority()

        def work() -> None:
            try:
                ticket = self._issue(service_code, priority)
            except Exception as exc:
                self._done.sig_failed.emit(str(exc))
                return
            try:
                problem = self._print(ticket)
            except Exception as exc:  # a printer fault is told, never hidden
                problem = str(exc)
            self._done.sig_issued.emit(ticket, problem)

        threading.Thread(target=work, name="kiosk-issue", daemon=True).start()

    def _show_ticket(self, ticket: dict[str, Any], problem: str | None) -> None:
        self.busy = False
        service = self._services.get(ticket["service"], {})
        self.number.setText(ticket["ticket"])
        self.service_line.setText(service.get("name", ticket["service"]))
        waiting = int(ticket.get("waiting", 0))
        self.waiting_line.setText(
            QCoreApplication.translate("Kiosk", "Bạn là người tiếp theo")
            if waiting == 0
            else QCoreApplication.translate("Kiosk", "Có {n} người đang chờ trước bạn").format(n=waiting)
        )
        if problem is None:
            self.print_line.setText(
                QCoreApplication.translate("Kiosk", "Vé đang được in, vui lòng nhận vé bên dưới")
            )
            self.print_line.setStyleSheet(f"color: {BLUE};")
        else:
            self.print_line.setText(
                QCoreApplication.translate(
                    "Kiosk", "KHÔNG IN ĐƯỢC VÉ ({problem}) — xin hãy ghi nhớ số của bạn"
                ).format(problem=problem)
            )
            self.print_line.setStyleSheet(f"color: {ALERT};")
        self.stack.setCurrentWidget(self.result_page)
        self._timer.start(RESULT_SHOWN_MS)
        self.sig_shown.emit(ticket)

    def _show_failure(self, message: str) -> None:
        self.busy = False
        self.number.setText("—")
        self.service_line.setText(QCoreApplication.translate("Kiosk", "Chưa lấy được số"))
        self.waiting_line.setText(
            QCoreApplication.translate("Kiosk", "Xin vui lòng thử lại hoặc hỏi cán bộ hướng dẫn")
        )
        self.print_line.setText(message)
        self.print_line.setStyleSheet(f"color: {ALERT};")
        self.stack.setCurrentWidget(self.result_page)
        self._timer.start(RESULT_SHOWN_MS)
        self.sig_shown.emit(None)

    def reset(self) -> None:
        self._timer.stop()
        first = self.priority_group.button(0)
        if first is not None:
            first.setChecked(True)
        self.stack.setCurrentWidget(self.choose_page)
