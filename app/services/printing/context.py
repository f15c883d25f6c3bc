"""What printing use cases receive: the core services plus the printing ports (built by printing/wiring)."""

from __future__ import annotations

from dataclasses import dataclass

from app.services.context import Services
from app.services.printing.config import PrintingConfig
from app.services.printing.ports import (
    FormRenderer,
    LogbookExporter,
    PrinterDirectory,
    PrintingStore,
    TicketRenderer,
)


@dataclass(frozen=True)
class Printing:
    services: Services
    config: PrintingConfig
    store: PrintingStore
    forms: FormRenderer
    logbook_export: LogbookExporter
    tickets: TicketRenderer
    printers: PrinterDirectory
