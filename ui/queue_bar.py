"""The counter's queue: the ticket being served, call next, recall, start/complete, no-show, transfer, how
many wait in each line this counter calls, and whether the desk reaches the office server.

A view only: it emits what the officer asked for, and the window hands it to the QueueController
(ui/queue_controller.py). Until the queue is open (a moment after start) the controls are disabled and
say why; an action on its way disables them, so that one key press never calls two citizens.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMenu, QPushButton, QSizePolicy, QWidget

from ui.i18n import on_language_change
from ui.queue_service import ALONE, OFFLINE, ONLINE, QueueView
from ui.widgets import MUTED, SUCCESS, WARNING, Reasons, colour_text, legible_when_disabled, named, scaled

CALLED, SERVING = "called", "serving"


class VirtualDisplay(QLabel):
    """The counter's LED display on screen: what the citizen at the counter would read (the default when
    no LED display is configured, and a check of what the real one shows when one is)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queueVirtualDisplay")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = scaled(self.font(), 1.6, bold=True)
        font.setFamilies(["DejaVu Sans Mono", "Consolas", "monospace"])
        self.setFont(font)
        self.setStyleSheet(
            "QLabel { background: #111; color: #ffb000; border-radius: 4px; padding: 2px 10px; }"
        )
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("A0000") + 24)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self.show_text("")

    def show_text(self, text: str) -> None:
        self.setText(text or "----")


class QueueBar(QFrame):
    sig_call_next = Signal()
    sig_recall = Signal()
    sig_start = Signal()
    sig_complete = Signal()
    sig_no_show = Signal()
    sig_transfer = Signal(object, object)  # to service code | None, to counter | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queueBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.view: QueueView | None = None
        self._busy = False
        self._ready = False
        self.display = VirtualDisplay()
        self.current = named(QLabel(), "queueCurrent")
        self.current.setFont(scaled(self.font(), 1.1, bold=True))
        self.waiting = named(QLabel(), "queueWaiting")
        self.mode = named(QLabel(), "queueMode")
        self.call_next = named(QPushButton(), "queueCallNext")
        self.call_next.setFont(scaled(self.font(), 1.0, bold=True))
        self.recall = named(QPushButton(), "queueRecall")
        self.serve = named(QPushButton(), "queueServe")  # start, then complete
        self.no_show = named(QPushButton(), "queueNoShow")
        self.transfer = named(QPushButton(), "queueTransfer")
        self.transfer_menu = named(QMenu(self.transfer), "queueTransferMenu")
        self.transfer.setMenu(self.transfer_menu)
        self.transfer_menu.aboutToShow.connect(self._fill_transfer_menu)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.display)
        layout.addWidget(self.current)
        layout.addSpacing(self.fontMetrics().horizontalAdvance("M"))
        for button in (self.call_next, self.recall, self.serve, self.no_show, self.transfer):
            layout.addWidget(button)
        layout.addStretch(1)
        layout.addWidget(self.waiting)
        layout.addSpacing(self.fontMetrics().horizontalAdvance("M"))
        layout.addWidget(self.mode)
        for label in (self.current, self.waiting, self.mode):
            legible_when_disabled(label)
        self.call_next.clicked.connect(self.sig_call_next)
        self.recall.clicked.connect(self.sig_recall)
        self.serve.clicked.connect(self._serve_clicked)
        self.no_show.clicked.connect(self.sig_no_show)
        self.retranslate()

    # ----- language ----------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Xếp hàng, gọi số"))
        self.display.setAccessibleName(self.tr("Bảng số của quầy"))
        self.display.setToolTip(self.tr("Số đang hiện trên bảng LED của quầy"))
        self.current.setAccessibleName(self.tr("Số thứ tự đang phục vụ"))
        self.waiting.setAccessibleName(self.tr("Số người đang chờ"))
        self.mode.setAccessibleName(self.tr("Kết nối hệ thống xếp hàng"))
        for button, text in (
            (self.call_next, self.tr("Gọi số tiếp (F9)")),
            (self.recall, self.tr("Gọi lại (Shift+F9)")),
            (self.no_show, self.tr("Vắng mặt")),
            (self.transfer, self.tr("Chuyển…")),
        ):
            button.setText(text)
            button.setAccessibleName(text.split(" (")[0].rstrip("…"))
        self.transfer_menu.setAccessibleName(self.tr("Chuyển sang dòng hoặc quầy khác"))
        self._show()

    def _button_tips(self) -> None:
        self.call_next.setToolTip(self.tr("Gọi người tiếp theo đến quầy này (kết thúc số đang phục vụ)"))
        self.recall.setToolTip(self.tr("Gọi lại số đang gọi (người dân chưa đến quầy)"))
        self.no_show.setToolTip(self.tr("Người dân không đến: bỏ số này"))
        self.transfer.setToolTip(self.tr("Chuyển số này sang dòng dịch vụ hoặc quầy khác"))

    def changeEvent(self, event: QEvent) -> None:
        on_language_change(event, self.retranslate)
        super().changeEvent(event)

    # ----- state -------------------------------------------------------------------------------------

    def set_ready(self, ready: bool) -> None:
        self._ready = ready
        self._show()

    def show_unavailable(self, reason: str) -> None:
        """The queue could not be read (no office code, a damaged database): say so, call nothing."""
        self.view = None
        self._ready = False
        self._show()
        self.current.setText(self.tr("Chưa gọi số được"))
        for widget in (self.current, self.call_next, self.recall, self.serve, self.no_show, self.transfer):
            widget.setToolTip(reason)

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_buttons()

    def show_view(self, view: QueueView) -> None:
        self.view = view
        self._ready = True
        self._show()

    def serving_label(self) -> str | None:
        """The ticket called or served at this counter now."""
        view = self.view
        return view.current if view is not None and view.status in (CALLED, SERVING) else None

    def _serve_clicked(self) -> None:
        view = self.view
        if view is None or view.current is None:
            return
        if view.status == CALLED:
            self.sig_start.emit()
        else:
            self.sig_complete.emit()

    def _show(self) -> None:
        view = self.view
        if not self._ready or view is None:
            reason = Reasons.queue()
            self.current.setText(self.tr("Số đang phục vụ: —"))
            self.waiting.setText(self.tr("Đang chờ: —"))
            self.mode.setText("")
            self.serve.setText(self.tr("Bắt đầu (F10)"))
            self.serve.setAccessibleName(self.tr("Bắt đầu phục vụ"))
            for widget in (self.call_next, self.recall, self.serve, self.no_show, self.transfer):
                widget.setEnabled(False)
                widget.setToolTip(reason)
                legible_when_disabled(widget)
            return
        self._button_tips()
        if not view.configured:
            self.current.setText(self.tr("Quầy {n} chưa được phân dòng gọi số").format(n=view.counter))
            self.current.setToolTip(
                self.tr("Quản trị viên phân dòng cho quầy: motcua queue setup --from-counters")
            )
        elif view.current is None:
            self.current.setText(self.tr("Chưa gọi số nào"))
            self.current.setToolTip("")
        else:
            state = {
                CALLED: self.tr("đang gọi"),
                SERVING: self.tr("đang phục vụ"),
            }.get(view.status or "", view.status or "")
            self.current.setText(self.tr("Số {ticket} · {state}").format(ticket=view.current, state=state))
            self.current.setToolTip("")
        self.display.show_text(view.current or "" if view.status in (CALLED, SERVING) else "")
        parts = [self.tr("{prefix}: {n}").format(prefix=line.prefix, n=line.waiting) for line in view.lines]
        self.waiting.setText(
            self.tr("Đang chờ: {n}").format(n=view.waiting) + (f"  ({' · '.join(parts)})" if parts else "")
        )
        self.waiting.setToolTip(
            "\n".join(
                self.tr("Dòng {prefix} — {name}: {n} người chờ").format(
                    prefix=line.prefix, name=line.name, n=line.waiting
                )
                for line in view.all_lines
            )
        )
        if view.mode == ONLINE:
            self.mode.setText(self.tr("● Trực tuyến"))
            self.mode.setToolTip(self.tr("Gọi số qua máy chủ xếp hàng của đơn vị"))
            colour_text(self.mode, SUCCESS)
        elif view.mode == OFFLINE:
            self.mode.setText(self.tr("● Mất kết nối: dùng số dự phòng của máy"))
            self.mode.setToolTip(
                self.tr(
                    "Không kết nối được máy chủ xếp hàng; quầy gọi số từ khối số dự phòng của máy này. "
                    "Lý do: {reason}"
                ).format(reason=view.problem or "—")
            )
            colour_text(self.mode, WARNING)
        else:
            assert view.mode == ALONE
            self.mode.setText(self.tr("Làm việc độc lập"))
            self.mode.setToolTip(self.tr("Chưa cấu hình máy chủ: quầy gọi số từ hàng đợi của máy này"))
            colour_text(self.mode, MUTED)
        self.serve.setText(self.tr("Bắt đầu (F10)") if view.status == CALLED else self.tr("Xong (F10)"))
        self.serve.setAccessibleName(
            self.tr("Bắt đầu phục vụ") if view.status == CALLED else self.tr("Hoàn thành")
        )
        self.serve.setToolTip(
            self.tr("Người dân đã đến quầy: bắt đầu phục vụ")
            if view.status == CALLED
            else self.tr("Đã phục vụ xong số này")
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        view = self.view
        if view is None or not self._ready:
            return
        usable = view.configured and not self._busy
        has_current = usable and view.current is not None and view.status in (CALLED, SERVING)
        self.call_next.setEnabled(usable)
        self.recall.setEnabled(has_current and view.status == CALLED)
        self.serve.setEnabled(has_current)
        self.no_show.setEnabled(has_current and view.status == CALLED)
        self.transfer.setEnabled(has_current)
        if not view.configured:
            for button in (self.call_next, self.recall, self.serve, self.no_show, self.transfer):
                button.setToolTip(self.current.toolTip())

    def _fill_transfer_menu(self) -> None:
        menu = self.transfer_menu
        menu.clear()
        view = self.view
        if view is None:
            return
        mine = {line.code for line in view.lines}
        for line in view.all_lines:
            if line.code in mine and len(view.all_lines) > 1:
                continue
            action = QAction(
                self.tr("Sang dòng {prefix} — {name}").format(prefix=line.prefix, name=line.name), menu
            )
            action.setObjectName(f"queueTransferService_{line.code}")
            action.triggered.connect(lambda _c=False, code=line.code: self.sig_transfer.emit(code, None))
            menu.addAction(action)
        others = [n for n in view.counters if n != view.counter]
        if others and menu.actions():
            menu.addSeparator()
        for number in others:
            action = QAction(self.tr("Đến quầy {n}").format(n=number), menu)
            action.setObjectName(f"queueTransferCounter_{number}")
            action.triggered.connect(lambda _c=False, n=number: self.sig_transfer.emit(None, n))
            menu.addAction(action)
