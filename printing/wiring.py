"""The composition root of printing: a desk's services plus the printing adapters (no Qt here; the desk
app passes its own PrinterDirectory that adds `qt:` printers)."""

from __future__ import annotations

from app.bootstrap import Desk
from app.services.printing.config import printing_config
from app.services.printing.context import Printing
from app.services.printing.ports import PrinterDirectory
from app.storage.printing_store import SqlPrintingStore
from printing.escpos.ticket import EscposTickets
from printing.forms.registry import ReportlabForms, XlsxLogbook
from printing.outputs.directory import Printers


def open_printing(desk: Desk, *, printers: PrinterDirectory | None = None) -> Printing:
    return Printing(
        services=desk.services,
        config=printing_config(desk.settings),
        store=SqlPrintingStore(),
        forms=ReportlabForms(),
        logbook_export=XlsxLogbook(),
        tickets=EscposTickets(),
        printers=printers or Printers(),
    )
