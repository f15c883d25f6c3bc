"""The reception screen, keyboard first: procedure → checklist → applicant → decision → Ctrl+Enter.

It composes the picker, the checklist, the applicant form and the decision panel, keeps the form's state
(`form_state()`, which drafts save on every change) and sends the reception to the core off the GUI
thread. Nothing here knows the database: ops.py does the reads and the write.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.applicant import Applicant
from app.domain.catalog import Procedure
from app.domain.errors import DomainError, ValidationError
from app.domain.lifecycle import Status
from app.services.reception import Decision
from ui.errors import describe_error, id_problem
from ui.i18n import on_language_change
from ui.labels import format_money, time_limit_label
from ui.print_controller import PrintController
from ui.reception.applicant_form import ApplicantForm
from ui.reception.checklist import ChecklistView, ComponentsModel
from ui.reception.decision_panel import DecisionPanel
from ui.reception.done_panel import DonePanel
from ui.reception.form import ReceptionForm
from ui.reception.id_check import IdState
from ui.reception.ops import Appointment, Received, lookup_applicant, preview_appointment, receive
from ui.reception.procedure_picker import ProcedurePicker
from ui.session import Session
from ui.tasks import CollectionOp, QueryOp, TaskManager
from ui.widgets import MUTED, WARNING, colour_text, heading, name_internals, named, scaled

log = logging.getLogger(__name__)

APPOINTMENT_REFRESH_MS = 60_000  # the appointment moves with the clock: recompute it every minute
LOOKUP_KEY = "reception.lookup"
APPOINTMENT_KEY = "reception.appointment"

# Which field to put the cursor in when the core refuses a value.
_FIELD_WIDGETS = {
    "applicant.name": "name",
    "applicant.id_number": "id_number",
    "id_number": "id_number",
    "applicant.id_kind": "id_number",
    "applicant.birth_date": "birth_date",
    "phone": "phone",
    "applicant.email": "email",
}


class ReceptionPage(QWidget):
    sig_form_changed = Signal(object)  # ReceptionForm: the draft to save
    sig_received = Signal(object)  # Received
    sig_open = Signal(str)
    sig_cleared = Signal()  # the form is empty again (the draft can go)
    # Scan papers of the form's components: (procedure, component code chosen, applicant's name)
    sig_scan = Signal(object, str, str)

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("receptionPage")
        self.tasks = tasks
        self._session: Session | None = None
        self._procedure: Procedure | None = None
        self._restoring = False
        self._confirm_new = False
        self._submitting = False
        self._printer: PrintController | None = None

        self.title = heading("receptionTitle", 1.25)
        self.hint = named(QLabel(), "receptionHint")
        colour_text(self.hint, MUTED)
        self.ticket = named(QLabel(), "receptionTicket")
        self.ticket.setFont(scaled(self.ticket.font(), 1.1, bold=True))
        self.ticket.hide()
        self._ticket: str | None = None
        self.notice = named(QLabel(), "receptionNotice")
        colour_text(self.notice, WARNING)
        self.notice.setWordWrap(True)

        self.step_procedure = heading("receptionStepProcedure", 1.05)
        self.picker = ProcedurePicker()
        self.chosen = named(QLabel(), "receptionChosen")
        self.chosen.setWordWrap(True)
        self.step_components = heading("receptionStepComponents", 1.05)
        self.components = ComponentsModel(self)
        self.checklist = ChecklistView(self.components)
        self.scan_button = named(QPushButton(), "receptionScanButton")
        self.scanned = named(QLabel(), "receptionScanned")
        self.scanned.setWordWrap(True)
        colour_text(self.scanned, MUTED)
        self._pending: dict[str, int] = {}
        self.step_applicant = heading("receptionStepApplicant", 1.05)
        self.applicant = ApplicantForm()
        self.step_decision = heading("receptionStepDecision", 1.05)
        self.decision = DecisionPanel()
        self.done = DonePanel()

        self._build_layout()
        self._build_tab_order()

        self.submit_shortcuts = []
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setObjectName(f"receptionSubmitShortcut{len(self.submit_shortcuts)}")
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.submit)
            self.submit_shortcuts.append(shortcut)

        self._appointment_timer = QTimer(self)
        self._appointment_timer.setObjectName("appointmentRefresh")
        self._appointment_timer.setInterval(APPOINTMENT_REFRESH_MS)
        self._appointment_timer.timeout.connect(self._refresh_appointment)

        self.picker.sig_chosen.connect(self.choose_procedure)
        self.components.sig_edited.connect(self._components_edited)
        self.applicant.sig_edited.connect(self._changed)
        self.applicant.sig_lookup.connect(self._lookup)
        self.decision.sig_edited.connect(self._changed)
        self.decision.sig_submit.connect(self.submit)
        self.done.sig_new.connect(lambda: self.new_reception(force=True))
        self.done.sig_open.connect(self.sig_open)
        self.done.sig_print.connect(self.print_paper)
        self.done.sig_preview.connect(self.preview_paper)
        self.scan_button.clicked.connect(self.scan)
        scan_shortcut = QShortcut(QKeySequence(Qt.Key.Key_F6), self)
        scan_shortcut.setObjectName("receptionScanShortcut")
        scan_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        scan_shortcut.activated.connect(self.scan)
        print_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self)
        print_shortcut.setObjectName("receptionPrintShortcut")
        print_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        print_shortcut.activated.connect(self.print_paper)
        self.retranslate()

    # ----- construction ------------------------------------------------------------------------------

    def _build_layout(self) -> None:
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.step_procedure)
        left.addWidget(self.picker)
        left.addWidget(self.chosen)
        left.addWidget(self.step_components)
        left.addWidget(self.checklist, 1)
        scan_row = QHBoxLayout()
        scan_row.addWidget(self.scan_button, 0)
        scan_row.addWidget(self.scanned, 1)
        left.addLayout(scan_row)
        # The applicant and the decision scroll if the screen is short (a 1366x768 screen fits them).
        right_widget = named(QWidget(), "receptionRight")
        right = QVBoxLayout(right_widget)
        right.setContentsMargins(0, 0, 4, 0)
        right.addWidget(self.step_applicant)
        right.addWidget(self.applicant)
        right.addSpacing(self.fontMetrics().height() // 2)
        right.addWidget(self.step_decision)
        right.addWidget(self.decision)
        right.addStretch(1)
        scroll = named(QScrollArea(), "receptionRightScroll")
        scroll.setWidget(right_widget)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.right_scroll = scroll
        columns = QHBoxLayout()
        spacing = self.fontMetrics().horizontalAdvance("M") * 2
        columns.setSpacing(spacing)
        columns.addLayout(left, 11)
        columns.addWidget(scroll, 10)
        form = named(QWidget(), "receptionForm")
        form.setLayout(columns)
        columns.setContentsMargins(0, 0, 0, 0)

        self.stack = named(QStackedWidget(), "receptionStack")
        self.stack.addWidget(form)
        self.stack.addWidget(self.done)
        self.form_widget = form

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addSpacing(spacing)
        top.addWidget(self.ticket)
        top.addSpacing(spacing)
        top.addWidget(self.hint, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(self.stack, 1)
        self.notice.hide()

    def _build_tab_order(self) -> None:
        a, d = self.applicant, self.decision
        chain: list[QWidget] = [
            self.picker.query,
            self.checklist,
            a.id_number,
            a.name,
            a.birth_date,
            a.phone,
            a.address,
            a.email,
            a.organisation,
            d.sets,
            d.summary,
            d.radios[Decision.ACCEPT],
            d.radios[Decision.SUPPLEMENT],
            d.radios[Decision.REFUSE],
            d.missing,
            d.reason,
            d.submit,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # ----- language ----------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Tiếp nhận hồ sơ"))
        self.title.setText(self.tr("Tiếp nhận hồ sơ"))
        self.hint.setText(
            self.tr(
                "Tab: ô tiếp · Phím cách: đã nhận · Alt+1/2/3: tiếp nhận, bổ sung, từ chối · "
                "Ctrl+Enter: ghi nhận · Ctrl+N: hồ sơ mới"
            )
        )
        self.step_procedure.setText(self.tr("1. Thủ tục"))
        self.step_components.setText(self.tr("2. Thành phần hồ sơ"))
        self.step_applicant.setText(self.tr("3. Người nộp"))
        self.step_decision.setText(self.tr("4. Hẹn trả, lệ phí và quyết định"))
        for label in (
            self.title,
            self.hint,
            self.step_procedure,
            self.step_components,
            self.step_applicant,
            self.step_decision,
        ):
            label.setAccessibleName(label.text())
        self.notice.setAccessibleName(self.tr("Thông báo"))
        self.right_scroll.setAccessibleName(self.tr("Người nộp và quyết định"))
        self.stack.setAccessibleName(self.tr("Tiếp nhận hồ sơ"))
        self.form_widget.setAccessibleName(self.tr("Phiếu tiếp nhận"))
        self.right_scroll.widget().setAccessibleName(self.tr("Người nộp và quyết định"))
        self.chosen.setAccessibleName(self.tr("Thủ tục đã chọn"))
        self.scan_button.setText(self.tr("Quét thành phần đang chọn (F6)"))
        self.scan_button.setAccessibleName(self.tr("Quét thành phần hồ sơ"))
        self.scan_button.setToolTip(
            self.tr("Quét giấy tờ của thành phần đang chọn; các trang được giữ cùng hồ sơ nhập dở")
        )
        self._show_ticket()
        self._show_pending()
        self._show_chosen()

    def changeEvent(self, event: QEvent) -> None:
        on_language_change(event, self.retranslate)
        super().changeEvent(event)

    # ----- set-up ------------------------------------------------------------------------------------

    def set_session(self, session: Session) -> None:
        self._session = session

    def set_printer(self, printer: PrintController) -> None:
        self._printer = printer
        printer.sig_availability.connect(self.done.set_print_reason)
        self.done.set_print_reason(printer.unavailable_reason())

    def _paper(self) -> tuple[str, str] | None:
        """(dossier code, form kind) of the paper the citizen gets for the reception just written."""
        received = self.done.received()
        if self.stack.currentWidget() is not self.done or received is None or self._session is None:
            return None
        kind = {
            Status.RECEIVED: "receipt",
            Status.SUPPLEMENT_REQUESTED: "supplement_request",
            Status.REFUSED: "refusal",
        }[received.status]
        return received.code, kind

    def print_paper(self) -> None:
        paper = self._paper()
        if paper is None or self._printer is None or not self.done.print_button.isEnabled():
            return
        assert self._session is not None
        self._printer.print_form(*paper, self._session.username, self.done.show_print_message, reprint=True)

    def preview_paper(self) -> None:
        paper = self._paper()
        if paper is None or self._printer is None or not self.done.preview_button.isEnabled():
            return
        assert self._session is not None
        self._printer.preview_form(*paper, self._session.username, self, self.done.show_print_message)

    def set_procedures(self, procedures: Sequence[Procedure]) -> None:
        self.picker.set_procedures(procedures)

    def scan(self) -> None:
        """F6: scan the papers of the component the cursor is on (the first one if none)."""
        if self.stack.currentWidget() is not self.form_widget:
            return
        procedure = self._procedure
        if procedure is None or not procedure.components:
            self.decision.show_error(self.tr("Hãy chọn thủ tục trước khi quét giấy tờ."))
            self.picker.query.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        row = self.checklist.currentIndex().row()
        component = self.components.component(row if 0 <= row < self.components.rowCount() else 0)
        self.sig_scan.emit(procedure, component.code, self.applicant.name.text().strip())

    def set_pending_scans(self, counts: dict[str, int]) -> None:
        """How many scanned files wait for each component (attached when the dossier is written)."""
        self._pending = dict(counts)
        self._show_pending()

    def _show_pending(self) -> None:
        files = sum(self._pending.values())
        if not files:
            self.scanned.setText("")
            self.scanned.setAccessibleName(self.tr("Chưa quét giấy tờ nào"))
            return
        text = self.tr("Đã quét {files} tệp cho {components} thành phần (đính kèm khi ghi nhận)").format(
            files=files, components=len(self._pending)
        )
        self.scanned.setText(text)
        self.scanned.setAccessibleName(text)

    def set_ticket(self, label: str | None) -> None:
        """The queue ticket of the citizen at the counter (completed when the dossier is written)."""
        self._ticket = label
        self.ticket.setVisible(bool(label))
        self._show_ticket()

    def _show_ticket(self) -> None:
        if self._ticket:
            text = self.tr("Số thứ tự: {ticket}").format(ticket=self._ticket)
            self.ticket.setText(text)
            self.ticket.setAccessibleName(text)
            self.ticket.setToolTip(self.tr("Số này được hoàn thành khi ghi nhận hồ sơ"))

    def set_today(self, today: object) -> None:
        from datetime import date

        if isinstance(today, date):
            self.applicant.set_today(today)

    def showEvent(self, event: object) -> None:  # type: ignore[override]
        super().showEvent(event)  # type: ignore[arg-type]
        self._appointment_timer.start()

    def hideEvent(self, event: object) -> None:  # type: ignore[override]
        super().hideEvent(event)  # type: ignore[arg-type]
        self._appointment_timer.stop()

    # ----- the form ----------------------------------------------------------------------------------

    def form_state(self) -> ReceptionForm:
        form = ReceptionForm(procedure_code=self._procedure.code if self._procedure else None)
        form.components = self.components.ticks()
        self.applicant.write_to(form)
        self.decision.write_to(form)
        return form

    def is_dirty(self) -> bool:
        return self.stack.currentWidget() is self.form_widget and not self.form_state().is_blank()

    def restore(self, form: ReceptionForm) -> bool:
        """Put a saved draft back on screen; False if its procedure is no longer in the catalogue."""
        procedure = self.picker.procedure(form.procedure_code) if form.procedure_code else None
        if form.procedure_code and procedure is None:
            return False
        self._restoring = True
        try:
            self.stack.setCurrentWidget(self.form_widget)
            self._set_procedure(procedure, form.components)
            self.applicant.read_from(form)
            self.decision.read_from(form)
        finally:
            self._restoring = False
        self._components_edited()
        return True

    def new_reception(self, *, force: bool = False) -> bool:
        """Start over; a half-typed form is only dropped on a second Ctrl+N (no modal dialog)."""
        if not force and self.is_dirty() and not self._confirm_new:
            self._confirm_new = True
            self.notice.setText(
                self.tr("Đang có hồ sơ nhập dở. Nhấn Ctrl+N lần nữa để bỏ hồ sơ này và nhập hồ sơ mới.")
            )
            self.notice.show()
            return False
        self._confirm_new = False
        self.notice.clear()
        self.notice.hide()
        self._restoring = True
        try:
            self.stack.setCurrentWidget(self.form_widget)
            self._set_procedure(None, [])
            self.picker.query.clear()
            self.applicant.read_from(ReceptionForm())
            self.decision.reset()
        finally:
            self._restoring = False
        self.sig_cleared.emit()
        self.focus_start()
        return True

    def focus_start(self) -> None:
        if self.stack.currentWidget() is self.done:
            self.done.new_button.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.picker.query.setFocus(Qt.FocusReason.OtherFocusReason)

    def choose_procedure(self, procedure: Procedure) -> None:
        self._set_procedure(procedure, [])
        self.picker.query.setText(procedure.name)
        name_internals(self.picker)  # the clear button appears with the text
        self._changed()
        self.checklist.setFocus(Qt.FocusReason.OtherFocusReason)

    def _set_procedure(self, procedure: Procedure | None, ticks: list[object]) -> None:
        self._procedure = procedure
        if procedure is not None and not ticks:
            ticks = list(ReceptionForm.for_procedure(procedure).components)
        self.components.set_procedure(procedure, ticks)  # type: ignore[arg-type]
        self.decision.set_procedure(procedure)
        self.decision.set_missing_required(self._missing_required())
        self._show_chosen()
        self._refresh_appointment()

    def _show_chosen(self) -> None:
        p = self._procedure
        if p is None:
            self.chosen.setText(self.tr("Chưa chọn thủ tục."))
            return
        self.chosen.setText(
            self.tr("Đã chọn: <b>{name}</b> · {limit} · {fee}").format(
                name=p.name, limit=time_limit_label(p.time_limit), fee=format_money(p.total_fee)
            )
        )
        self.chosen.setToolTip(p.code)

    def _missing_required(self) -> list[str]:
        if self._procedure is None:
            return []
        form = ReceptionForm(components=self.components.ticks())
        return form.missing_required(self._procedure)

    def _components_edited(self) -> None:
        self.decision.set_missing_required(self._missing_required())
        self._changed()

    def _changed(self, *_: object) -> None:
        if self._restoring:
            return
        if self._confirm_new:
            self._confirm_new = False
            self.notice.clear()
            self.notice.hide()
        self.sig_form_changed.emit(self.form_state())

    # ----- background work ---------------------------------------------------------------------------

    def _refresh_appointment(self) -> None:
        procedure = self._procedure
        if procedure is None:
            return
        QueryOp(op=lambda s: preview_appointment(s, procedure), success=self._on_appointment).failure(
            lambda error: log.warning("appointment preview failed: %s", error)
        ).latest(APPOINTMENT_KEY).run(self.tasks)

    def _on_appointment(self, appointment: Appointment) -> None:
        if self._procedure is not None and appointment.procedure_code == self._procedure.code:
            self.decision.set_appointment(appointment.due_local)

    def _lookup(self, number: str) -> None:
        QueryOp(op=lambda s: lookup_applicant(s, number), success=self._on_lookup).failure(
            lambda error: log.warning("applicant look-up failed: %s", error)
        ).latest(LOOKUP_KEY).run(self.tasks)

    def _on_lookup(self, answer: tuple[str, Applicant | None]) -> None:
        typed, applicant = answer
        self.applicant.offer_returning(typed, applicant)

    def submit(self) -> None:
        if self.stack.currentWidget() is not self.form_widget or self._submitting:
            return
        if self._procedure is None:
            self.decision.show_error(self.tr("Hãy chọn thủ tục trước."))
            self.picker.query.setFocus()
            return
        if self._session is None:
            self.decision.show_error(self.tr("Chưa đăng nhập."))
            return
        check = self.applicant.id_check()
        if check.state in (IdState.INVALID, IdState.TYPING):
            # Say exactly what is wrong with the number before the core refuses it in general terms.
            self.decision.show_error(
                id_problem(check.reason or "format")
                if check.state is IdState.INVALID
                else self.tr("Số giấy tờ chưa đủ: số CCCD có 12 chữ số, CMND cũ 9 chữ số.")
            )
            self.applicant.id_number.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        try:
            request = self.form_state().to_request(self._session.username, self._session.counter)
        except ValidationError as exc:
            self._refused(exc)
            return
        self._submitting = True
        self.decision.submit.setEnabled(False)
        self.decision.show_error("")
        CollectionOp(op=lambda s: receive(s, request), success=self._on_received).failure(
            self._on_refused
        ).run(self.tasks)

    def _on_received(self, received: Received) -> None:
        self._submitting = False
        self.decision.submit.setEnabled(True)
        self.done.show_received(received)
        self.stack.setCurrentWidget(self.done)
        self.done.new_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.sig_received.emit(received)
        self.sig_cleared.emit()

    def _on_refused(self, error: Exception) -> None:
        self._submitting = False
        self.decision.submit.setEnabled(True)
        self._refused(error)

    def _refused(self, error: Exception) -> None:
        self.decision.show_error(describe_error(error))
        if isinstance(error, ValidationError):
            target = _FIELD_WIDGETS.get(error.field)
            if target is not None:
                getattr(self.applicant, target).setFocus(Qt.FocusReason.OtherFocusReason)
            elif error.field == "components":
                self.checklist.setFocus(Qt.FocusReason.OtherFocusReason)
            elif error.field in ("reason", "missing"):
                widget = self.decision.reason if error.field == "reason" else self.decision.missing
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
        elif not isinstance(error, DomainError):
            log.error("reception failed", exc_info=error)
