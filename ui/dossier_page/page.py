"""A dossier's page: who, what, when it is due (or how late), its components with their scans, its
documents, the timeline in words, and a button for each action the state machine allows now."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.events import EventType
from app.domain.lifecycle import Action, Status
from app.services.desk_lookups import ApologyPreview
from app.services.transitions import TransitionRequest
from ui.dossier_page.dialogs import (
    PREVIEW_KEY,
    ActionDialog,
    ApologyDialog,
    ReasonDialog,
    SupplementReceivedDialog,
    SupplementRequestDialog,
    focus_first_field,
)
from ui.dossier_page.ops import DossierPageData, apology_preview, apply_action, load_dossier
from ui.dossier_page.timeline import describe_event, document_kind_label
from ui.errors import describe_error
from ui.i18n import on_language_change
from ui.labels import (
    action_label,
    format_appointment,
    format_date,
    format_datetime,
    format_money,
    status_label,
    time_limit_label,
)
from ui.print_controller import PrintController
from ui.returns.return_dialog import ReturnDialog
from ui.session import Session
from ui.tasks import CollectionOp, QueryOp, TaskManager
from ui.widgets import DANGER, MUTED, SUCCESS, WARNING, Reasons, colour_text, heading, named, unavailable

log = logging.getLogger(__name__)

LOAD_KEY = "dossier.load"
# The order of the action buttons: the usual next step first, the rare ones last.
ACTION_ORDER = (
    Action.RETURN_RESULT,
    Action.MARK_RESULT_READY,
    Action.START_PROCESSING,
    Action.COMPLETE_STEP,
    Action.RECEIVE_SUPPLEMENT,
    Action.REQUEST_SUPPLEMENT,
    Action.APOLOGISE,
    Action.ADD_NOTE,
    Action.REFUSE,
    Action.WITHDRAW,
    Action.STOP,
)


def _table(name: str, columns: int) -> QTableWidget:
    table = named(QTableWidget(0, columns), name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setWordWrap(True)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setObjectName(f"{name}Header")
    table.setTabKeyNavigation(False)
    return table


def _item(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setToolTip(text)
    return item


class DossierPage(QWidget):
    sig_back = Signal()
    sig_loaded = Signal(str)  # code: the page shows this dossier now
    sig_changed = Signal(str)  # an action was applied to this dossier
    sig_scan = Signal(str)  # scan papers for this dossier

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dossierPage")
        self.tasks = tasks
        self._session: Session | None = None
        self._data: DossierPageData | None = None
        self._code: str | None = None
        self._dialog: ActionDialog | None = None
        self._focus_action: Action | None = None
        self._printer: PrintController | None = None
        self._print_reason: Callable[[], str] | None = Reasons.printing_missing

        self.back_button = named(QPushButton(), "dossierBackButton")
        self.title = heading("dossierTitle", 1.35)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = named(QLabel(), "dossierStatus")
        self.status.setFrameShape(QFrame.Shape.StyledPanel)
        self.status.setMargin(4)
        self.lateness = named(QLabel(), "dossierLateness")
        self.message = named(QLabel(), "dossierMessage")
        self.message.setWordWrap(True)

        self.facts = QFormLayout()
        self.fact_labels: dict[str, QLabel] = {}
        self.fact_values: dict[str, QLabel] = {}
        for key in ("applicant", "id", "address", "procedure", "received", "due", "fee"):
            label = named(QLabel(), f"dossierFactLabel_{key}")
            value = named(QLabel(), f"dossierFact_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fact_labels[key] = label
            self.fact_values[key] = value
            self.facts.addRow(label, value)

        self.tabs = named(QTabWidget(), "dossierTabs")
        self.components = _table("dossierComponents", 5)
        self.documents = _table("dossierDocuments", 4)
        self.timeline = _table("dossierTimeline", 3)
        for table, stretch in ((self.components, 0), (self.documents, 1), (self.timeline, 2)):
            header = table.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        self.tabs.addTab(self.timeline, "")
        self.tabs.addTab(self.components, "")
        self.tabs.addTab(self.documents, "")

        self.actions_title = heading("dossierActionsTitle", 1.1)
        self.action_buttons: dict[Action, QPushButton] = {}
        actions_column = QVBoxLayout()
        actions_column.addWidget(self.actions_title)
        for action in ACTION_ORDER:
            button = named(QPushButton(), f"dossierAction_{action.value}")
            button.clicked.connect(lambda _c=False, a=action: self.start_action(a))
            button.hide()
            self.action_buttons[action] = button
            actions_column.addWidget(button)
        self.print_button = named(QPushButton(), "dossierPrintButton")
        self.print_menu = named(QMenu(self.print_button), "dossierPrintMenu")
        self.print_button.setMenu(self.print_menu)
        self.print_menu.aboutToShow.connect(self._fill_print_menu)
        self.scan_button = named(QPushButton(), "dossierScanButton")
        self.scan_button.clicked.connect(self.scan)
        scan_shortcut = QShortcut(QKeySequence(Qt.Key.Key_F6), self)
        scan_shortcut.setObjectName("dossierScanShortcut")
        scan_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        scan_shortcut.activated.connect(self.scan)
        actions_column.addSpacing(self.fontMetrics().height())
        actions_column.addWidget(self.print_button)
        actions_column.addWidget(self.scan_button)
        actions_column.addStretch(1)
        actions_frame = named(QFrame(), "dossierActions")
        actions_frame.setFrameShape(QFrame.Shape.StyledPanel)
        actions_frame.setLayout(actions_column)
        actions_frame.setMinimumWidth(self.fontMetrics().averageCharWidth() * 30)
        self.actions_frame = actions_frame

        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(self.title, 1)
        top.addWidget(self.lateness)
        top.addWidget(self.status)
        left = QVBoxLayout()
        left.addLayout(self.facts)
        left.addWidget(self.tabs, 1)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addWidget(actions_frame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addLayout(body, 1)

        self.back_button.clicked.connect(self.sig_back)
        back = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        back.setObjectName("dossierBackShortcut")
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.activated.connect(self.sig_back)
        self.retranslate()

    # ----- language ----------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Trang hồ sơ"))
        self.back_button.setText(self.tr("← Quay lại (Esc)"))
        self.back_button.setAccessibleName(self.tr("Quay lại"))
        self.status.setAccessibleName(self.tr("Trạng thái hồ sơ"))
        self.lateness.setAccessibleName(self.tr("Tình trạng hạn trả"))
        self.message.setAccessibleName(self.tr("Thông báo"))
        labels = {
            "applicant": self.tr("Người nộp:"),
            "id": self.tr("Giấy tờ, liên hệ:"),
            "address": self.tr("Địa chỉ:"),
            "procedure": self.tr("Thủ tục:"),
            "received": self.tr("Tiếp nhận:"),
            "due": self.tr("Hẹn trả:"),
            "fee": self.tr("Lệ phí:"),
        }
        for key, text in labels.items():
            self.fact_labels[key].setText(text)
            self.fact_labels[key].setAccessibleName(text.rstrip(":"))
            self.fact_values[key].setAccessibleName(text.rstrip(":"))
        self.tabs.setAccessibleName(self.tr("Chi tiết hồ sơ"))
        self.actions_title.setText(self.tr("Thao tác"))
        self.actions_title.setAccessibleName(self.tr("Thao tác"))
        self.actions_frame.setAccessibleName(self.tr("Các thao tác được phép"))
        self.components.setAccessibleName(self.tr("Thành phần hồ sơ"))
        self.components.setHorizontalHeaderLabels(
            [
                self.tr("Thành phần"),
                self.tr("Bản chính"),
                self.tr("Bản sao"),
                self.tr("Đã nhận"),
                self.tr("Bản quét"),
            ]
        )
        self.documents.setAccessibleName(self.tr("Giấy tờ đã in và bản quét"))
        self.documents.setHorizontalHeaderLabels(
            [self.tr("Loại"), self.tr("Tên"), self.tr("Lưu lúc"), self.tr("Cán bộ")]
        )
        self.timeline.setAccessibleName(self.tr("Lịch sử xử lý"))
        self.timeline.setHorizontalHeaderLabels(
            [self.tr("Thời gian"), self.tr("Cán bộ"), self.tr("Nội dung")]
        )
        for table in (self.components, self.documents, self.timeline):
            table.horizontalHeader().setAccessibleName(self.tr("Tiêu đề cột"))
        for action, button in self.action_buttons.items():
            button.setText(action_label(action))
            button.setAccessibleName(action_label(action))
        self.print_button.setText(self.tr("In phiếu (Ctrl+P)"))
        self.print_button.setAccessibleName(self.tr("In phiếu của hồ sơ"))
        self.print_menu.setAccessibleName(self.tr("Các phiếu của hồ sơ"))
        self._apply_print_state()
        self.scan_button.setText(self.tr("Quét giấy tờ… (F6)"))
        self.scan_button.setAccessibleName(self.tr("Quét giấy tờ"))
        self.scan_button.setToolTip(self.tr("Quét giấy tờ và đính kèm vào một thành phần của hồ sơ"))
        self._show()

    def changeEvent(self, event: QEvent) -> None:
        on_language_change(event, self.retranslate)
        super().changeEvent(event)

    # ----- printing ----------------------------------------------------------------------------------

    def set_printer(self, printer: PrintController) -> None:
        self._printer = printer
        printer.sig_availability.connect(self._set_print_reason)
        self._set_print_reason(printer.unavailable_reason())
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self)
        shortcut.setObjectName("dossierPrintShortcut")
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self._show_print_menu)

    def _set_print_reason(self, reason: Callable[[], str] | None) -> None:
        self._print_reason = reason
        self._apply_print_state()

    def _apply_print_state(self) -> None:
        if self._print_reason is None:
            self.print_button.setEnabled(True)
            self.print_button.setToolTip(self.tr("Phiếu đã in trước đó được in lại kèm dấu “bản in lại”"))
            self.print_button.setAccessibleDescription(self.print_button.toolTip())
        else:
            unavailable(self.print_button, self._print_reason())

    def printable_forms(self) -> list[tuple[str, str]]:
        """(form kind, label) of the papers this dossier has, in the order of its life."""
        data = self._data
        if data is None:
            return []
        d = data.dossier
        kinds = {e.type for e in data.timeline}
        forms: list[tuple[str, str]] = []
        if EventType.RECEIVED in kinds or EventType.SUPPLEMENT_RECEIVED in kinds:
            forms.append(("receipt", self.tr("Giấy tiếp nhận và hẹn trả (Mẫu 01)")))
        if kinds & {EventType.OPENED_FOR_SUPPLEMENT, EventType.SUPPLEMENT_REQUESTED}:
            forms.append(("supplement_request", self.tr("Phiếu yêu cầu bổ sung (Mẫu 02)")))
        if kinds & {EventType.REFUSED_AT_COUNTER, EventType.REFUSED}:
            forms.append(("refusal", self.tr("Phiếu từ chối (Mẫu 03)")))
        if d.apologies:
            forms.append(("apology", self.tr("Phiếu xin lỗi và hẹn lại (Mẫu 04)")))
        forms.append(("control_slip", self.tr("Phiếu kiểm soát quá trình giải quyết (Mẫu 05)")))
        return forms

    def print_form(self, kind: str) -> None:
        if self._printer is None or self._code is None or self._session is None:
            return
        self._printer.print_form(self._code, kind, self._session.username, self._print_message, reprint=True)

    def _fill_print_menu(self) -> None:
        self.print_menu.clear()
        for kind, label in self.printable_forms():
            action = self.print_menu.addAction(label)
            action.setObjectName(f"dossierPrint_{kind}")
            action.triggered.connect(lambda _c=False, k=kind: self.print_form(k))

    def _show_print_menu(self) -> None:
        if self.print_button.isEnabled() and self._data is not None:
            self.print_button.showMenu()

    def _print_message(self, text: str, problem: bool) -> None:
        self.message.setText(text)
        colour_text(self.message, DANGER if problem else SUCCESS)
        if not problem:
            self.reload()  # the printed form is now among the dossier's documents

    # ----- loading -----------------------------------------------------------------------------------

    def set_session(self, session: Session) -> None:
        self._session = session

    def code(self) -> str | None:
        return self._code

    def data(self) -> DossierPageData | None:
        return self._data

    def open(self, code: str, *, focus: Action | None = None) -> None:
        """Load and show `code`; `focus` puts the cursor on that action's button (a scanned receipt of a
        dossier whose result is ready lands on "Trả kết quả")."""
        self._code = code
        self._focus_action = focus
        if self._data is None or self._data.dossier.code != code:
            self._data = None
            self.title.setText(self.tr("Hồ sơ {code}").format(code=code))
            self.message.setText(self.tr("Đang tải hồ sơ…"))
            colour_text(self.message, MUTED)
        QueryOp(op=lambda s: load_dossier(s, code), success=self._on_loaded).failure(self._on_failed).latest(
            LOAD_KEY
        ).run(self.tasks)

    def scan(self) -> None:
        if self._code is not None:
            self.sig_scan.emit(self._code)

    def reload(self) -> None:
        if self._code is not None:
            self.open(self._code)

    def _on_loaded(self, data: DossierPageData) -> None:
        reloaded = self._data is not None and self._data.dossier.code == data.dossier.code
        self._data = data
        if not reloaded:
            self.message.clear()
        self._show()
        focus = self._focus_action
        self._focus_action = None
        button = self.action_buttons.get(focus) if focus else None
        if button is not None and button.isVisible():
            button.setFocus(Qt.FocusReason.OtherFocusReason)
        elif self.isVisible():
            visible = [b for b in self.action_buttons.values() if b.isVisible()]
            (visible[0] if visible else self.back_button).setFocus(Qt.FocusReason.OtherFocusReason)
        self.sig_loaded.emit(data.dossier.code)

    def _on_failed(self, error: Exception) -> None:
        self.message.setText(describe_error(error))
        colour_text(self.message, DANGER)
        for button in self.action_buttons.values():
            button.hide()

    # ----- display -----------------------------------------------------------------------------------

    def _show(self) -> None:
        data = self._data
        if data is None:
            return
        d = data.dossier
        a = d.applicant
        self.title.setText(self.tr("Hồ sơ {code}").format(code=d.code))
        self.title.setAccessibleName(self.title.text())
        self.status.setText(status_label(d.status))
        colour_text(self.status, SUCCESS if d.status in (Status.RESULT_READY, Status.RETURNED) else MUTED)
        if data.overdue:
            days = data.late_working_days or 0
            self.lateness.setText(
                self.tr("⚠ Quá hạn {days} ngày làm việc").format(days=f"{days:.1f}".replace(".", ","))
            )
            colour_text(self.lateness, DANGER)
        elif d.apologies:
            self.lateness.setText(self.tr("Đã xin lỗi, hẹn lại {n} lần").format(n=d.apologies))
            colour_text(self.lateness, WARNING)
        else:
            self.lateness.clear()
        self.lateness.setVisible(bool(self.lateness.text()))

        contact = [x for x in (a.id_number, a.phone, a.email) if x]
        v = self.fact_values
        v["applicant"].setText(
            a.name
            + (self.tr(" (sinh ngày {day})").format(day=format_date(a.birth_date)) if a.birth_date else "")
            + (self.tr(" — tổ chức") if a.kind.value == "organisation" else "")
        )
        v["id"].setText(" · ".join(contact) or "—")
        v["address"].setText(a.address or "—")
        v["procedure"].setText(
            self.tr("{name} ({code}) · {limit}").format(
                name=d.procedure_name, code=d.procedure_code, limit=time_limit_label(d.time_limit)
            )
        )
        v["received"].setText(
            self.tr("{at}, {officer}, quầy {counter}, {sets} bộ").format(
                at=format_datetime(data.received_local),
                officer=data.received_by_name,
                counter=d.counter_number or "—",
                sets=d.sets,
            )
        )
        if data.due_local is None:
            due = self.tr("Chưa hẹn (chờ bổ sung)") if d.status is Status.SUPPLEMENT_REQUESTED else "—"
        else:
            due = format_appointment(data.due_local)
            if data.original_due_local is not None:
                due += " " + self.tr("(hẹn ban đầu: {first})").format(
                    first=format_datetime(data.original_due_local)
                )
        v["due"].setText(due)
        colour_text(v["due"], DANGER if data.overdue else self.palette().color(self.foregroundRole()))
        v["fee"].setText(format_money(d.fee_total))

        self._fill_components(data)
        self._fill_documents(data)
        self._fill_timeline(data)
        self.tabs.setTabText(0, self.tr("Lịch sử xử lý ({n})").format(n=len(data.timeline)))
        self.tabs.setTabText(1, self.tr("Thành phần hồ sơ ({n})").format(n=len(d.components)))
        self.tabs.setTabText(2, self.tr("Giấy tờ đã in, bản quét ({n})").format(n=len(d.documents)))
        for action, button in self.action_buttons.items():
            button.setVisible(action in data.actions)

    def _fill_components(self, data: DossierPageData) -> None:
        rows = data.dossier.components
        self.components.setRowCount(len(rows))
        for r, c in enumerate(rows):
            name = c.name + ("" if c.required else self.tr(" (không bắt buộc)"))
            self.components.setItem(r, 0, _item(name))
            self.components.setItem(r, 1, _item(str(c.originals)))
            self.components.setItem(r, 2, _item(str(c.copies)))
            received = _item(self.tr("Đã nhận") if c.received else self.tr("Chưa nộp"))
            if c.required and not c.received:
                received.setForeground(DANGER)
            self.components.setItem(r, 3, received)
            self.components.setItem(
                r, 4, _item(self.tr("{n} tệp").format(n=len(c.attachments)) if c.attachments else "—")
            )

    def _fill_documents(self, data: DossierPageData) -> None:
        docs = data.dossier.documents
        self.documents.setRowCount(len(docs))
        tz = data.received_local.tzinfo
        for r, doc in enumerate(docs):
            self.documents.setItem(r, 0, _item(document_kind_label(doc.kind.value)))
            self.documents.setItem(r, 1, _item(doc.name))
            self.documents.setItem(r, 2, _item(format_datetime(doc.added_at.astimezone(tz))))
            self.documents.setItem(r, 3, _item(doc.added_by))

    def _fill_timeline(self, data: DossierPageData) -> None:
        entries = list(reversed(data.timeline))  # newest first: what happened last matters most
        self.timeline.setRowCount(len(entries))
        for r, entry in enumerate(entries):
            self.timeline.setItem(r, 0, _item(format_datetime(entry.when)))
            self.timeline.setItem(r, 1, _item(entry.actor_name))
            self.timeline.setItem(r, 2, _item(describe_event(entry)))

    # ----- actions -----------------------------------------------------------------------------------

    def start_action(self, action: Action) -> ActionDialog | None:
        data = self._data
        if data is None or self._session is None or action not in data.actions:
            return None
        officer = self._session.username
        dossier = data.dossier
        dialog: ActionDialog
        if action is Action.RETURN_RESULT:
            dialog = ReturnDialog(dossier, officer, data.loaded_at.date(), self)
        elif action is Action.APOLOGISE:
            dialog = ApologyDialog(dossier, officer, self._preview_apology, self)
        elif action is Action.REQUEST_SUPPLEMENT:
            dialog = SupplementRequestDialog(dossier, officer, self)
        elif action is Action.RECEIVE_SUPPLEMENT:
            dialog = SupplementReceivedDialog(dossier, officer, self)
        else:
            dialog = ReasonDialog(dossier, action, officer, self)
        dialog.sig_request.connect(self._run)
        dialog.finished.connect(self._dialog_closed)
        self._dialog = dialog
        dialog.open()
        dialog.activateWindow()
        focus_first_field(dialog)
        return dialog

    def dialog(self) -> ActionDialog | None:
        return self._dialog

    def _dialog_closed(self, _result: int) -> None:
        dialog = self._dialog
        self._dialog = None
        if dialog is not None:
            dialog.deleteLater()
        # The keyboard goes back to the page (Esc returns to the list), whatever the window manager does.
        self.activateWindow()
        if self.isVisible() and (self.focusWidget() is None or not self.focusWidget().isVisible()):
            self.back_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _preview_apology(self, days: float) -> None:
        code = self._code
        if code is None:
            return
        QueryOp(op=lambda s: apology_preview(s, code, days), success=self._on_preview).failure(
            self._on_preview_failed
        ).latest(PREVIEW_KEY).run(self.tasks)

    def _on_preview(self, answer: tuple[float, ApologyPreview]) -> None:
        if isinstance(self._dialog, ApologyDialog):
            self._dialog.show_preview(*answer)

    def _on_preview_failed(self, error: Exception) -> None:
        if isinstance(self._dialog, ApologyDialog):
            self._dialog.show_preview_error(describe_error(error))

    def _run(self, request: TransitionRequest) -> None:
        CollectionOp(op=lambda s: apply_action(s, request), success=self._on_applied).failure(
            self._on_refused
        ).run(self.tasks)

    def _on_applied(self, data: DossierPageData) -> None:
        if self._dialog is not None:
            self._dialog.succeeded()
        self._data = data
        self._show()
        self.message.setText(self.tr("Đã ghi nhận."))
        colour_text(self.message, SUCCESS)
        self.back_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.sig_changed.emit(data.dossier.code)

    def _on_refused(self, error: Exception) -> None:
        if self._dialog is not None:
            self._dialog.failed(describe_error(error))
        else:
            self.message.setText(describe_error(error))
            colour_text(self.message, DANGER)

    def today(self) -> date | None:
        return self._data.loaded_at.date() if self._data else None
