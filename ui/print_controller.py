"""Printing from the screens: print or preview a dossier's form, print or export the logbook, and say what
became of the job. One controller for the window; the pages call it and show its messages."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QWidget

from ui.errors import describe_error
from ui.print_service import NO_PRINTER, DeskPrinting, JobState, Printed
from ui.tasks import CollectionOp, QueryOp, TaskManager
from ui.widgets import Reasons

log = logging.getLogger(__name__)

FOLLOW_MS = 700  # how often a job's state is read back while it is on its way
FOLLOW_TRIES = 20


Reply = Callable[[str, bool], None]  # (text, is_problem), for the page that asked


class PrintController(QObject):
    # the printer situation changed: None = ready, else why the print buttons are disabled
    sig_availability = Signal(object)
    # DeskPrinting opened on a background thread, delivered on the GUI thread
    _sig_opened = Signal(object)

    def __init__(
        self, tasks: TaskManager, printing: DeskPrinting | None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("printController")
        self.tasks = tasks
        self.printing = printing
        # None when printing works; else a function giving the reason in the current language.
        self._reason: Callable[[], str] | None = Reasons.printing_missing if printing is None else None
        self._preview: QWidget | None = None
        self._sig_opened.connect(self.attach, Qt.ConnectionType.QueuedConnection)

    def open_later(self, desk: object) -> None:
        """Open printing on a thread of its own: its imports (reportlab, the outputs) cost about half a
        second, which the window's start should not wait for. The buttons say so meanwhile."""
        self._reason = Reasons.printing_starting
        self.sig_availability.emit(self._reason)

        def work() -> None:
            try:
                opened = DeskPrinting.open(desk)
            except Exception:
                log.exception("printing could not be opened")
                opened = None
            self._sig_opened.emit(opened)

        threading.Thread(target=work, name="open-printing", daemon=True).start()

    def attach(self, printing: DeskPrinting | None) -> None:
        self.printing = printing
        if printing is None:
            self._reason = Reasons.printing_missing
            self.sig_availability.emit(self._reason)
        else:
            self.check()

    def close(self) -> None:
        if self.printing is not None:
            self.printing.close()

    def unavailable_reason(self) -> Callable[[], str] | None:
        return self._reason

    def check(self) -> None:
        """Is there a printer for the forms? (off the GUI thread: it may ask the spooler)"""
        printing = self.printing
        if printing is None:
            self.sig_availability.emit(self._reason)
            return
        QueryOp(op=lambda s: printing.problem(s, "receipt"), success=self._checked).failure(
            lambda e: self._checked(NO_PRINTER)
        ).run(self.tasks)

    def _checked(self, problem: str | None) -> None:
        self._reason = Reasons.no_printer if problem == NO_PRINTER else None
        self.sig_availability.emit(self._reason)

    # ----- actions -----------------------------------------------------------------------------------

    def print_form(self, code: str, kind: str, officer: str, reply: Reply, *, reprint: bool = False) -> None:
        printing = self.printing
        if printing is None:
            return
        reply(self.tr("Đang chuẩn bị phiếu để in…"), False)
        run = printing.reprint_form if reprint else printing.print_form
        CollectionOp(
            op=lambda s: run(s, code, kind, officer), success=lambda p: self._queued(p, reply)
        ).failure(lambda e: reply(describe_error(e), True)).run(self.tasks)

    def preview_form(
        self,
        code: str,
        kind: str,
        officer: str,
        parent: QWidget,
        reply: Reply,
        on_shown: Callable[[QWidget], None] | None = None,
    ) -> None:
        printing = self.printing
        if printing is None:
            return

        def show(answer: tuple[str, bytes]) -> None:
            from ui.printing.preview import PdfPreviewDialog

            title, pdf = answer
            dialog = PdfPreviewDialog(pdf, title, parent)
            dialog.setAccessibleName(dialog.windowTitle())
            dialog.sig_print_requested.connect(lambda: self.print_form(code, kind, officer, reply))
            dialog.finished.connect(dialog.deleteLater)
            self._preview = dialog
            dialog.open()
            if on_shown is not None:
                on_shown(dialog)

        QueryOp(op=lambda s: printing.preview_form(s, code, kind), success=show).failure(
            lambda e: reply(describe_error(e), True)
        ).run(self.tasks)

    def print_logbook(self, day: date, reply: Reply) -> None:
        printing = self.printing
        if printing is None:
            return
        reply(self.tr("Đang chuẩn bị sổ theo dõi để in…"), False)
        QueryOp(
            op=lambda s: printing.print_logbook(s, day), success=lambda p: self._queued(p, reply)
        ).failure(lambda e: reply(describe_error(e), True)).run(self.tasks)

    def export_logbook(self, day: date, path: Path, reply: Reply) -> None:
        printing = self.printing
        if printing is None:
            return

        def done(saved: Path) -> None:
            reply(self.tr("Đã lưu sổ theo dõi vào {path}").format(path=saved), False)

        QueryOp(op=lambda s: printing.export_logbook(s, day, path), success=done).failure(
            lambda e: reply(describe_error(e), True)
        ).run(self.tasks)

    # ----- following a job ---------------------------------------------------------------------------

    def _queued(self, printed: Printed, reply: Reply) -> None:
        reply(self.tr("Đang in: {name}…").format(name=printed.name), False)
        if printed.job_id is not None:
            self._follow(printed, FOLLOW_TRIES, reply)

    def _follow(self, printed: Printed, tries: int, reply: Reply) -> None:
        printing = self.printing
        job_id = printed.job_id
        if printing is None or job_id is None:
            return

        def read() -> None:
            QueryOp(
                op=lambda s: printing.job_state(s, job_id),
                success=lambda state: self._state(printed, state, tries, reply),
            ).run(self.tasks)

        QTimer.singleShot(FOLLOW_MS, read)

    def _state(self, printed: Printed, state: JobState, tries: int, reply: Reply) -> None:
        name = printed.name
        if state.state in ("done", "sent"):
            reply(self.tr("Đã in: {name}.").format(name=name), False)
        elif state.state == "uncertain":
            reply(
                self.tr(
                    "Không chắc “{name}” đã in hết: hãy xem máy in rồi báo lại trong hàng đợi in."
                ).format(name=name),
                True,
            )
        elif state.state in ("failed", "cancelled"):
            reply(
                self.tr("Không in được “{name}”: {reason}").format(name=name, reason=state.reason or "—"),
                True,
            )
        elif state.reason and state.state == "queued":
            reply(
                self.tr(
                    "Chưa in được “{name}”: {reason}. "
                    "Phiếu đã lưu trong hồ sơ và sẽ tự in khi máy in sẵn sàng."
                ).format(name=name, reason=state.reason),
                True,
            )
        elif tries > 0:
            self._follow(printed, tries - 1, reply)
