"""`motcua-desk --kiosk`: take a number at the office server, or from this desk's reserved block when the
server cannot be reached (or from the desk's own queue when it works alone), and print it on the ticket
printer through the printing package; if that is not possible the screen says so."""

from __future__ import annotations

import argparse
import logging
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from app.bootstrap import Desk
from app.domain.errors import DomainError
from app.domain.queue.model import parse_priority
from app.services.queue.calling import issue_ticket
from app.services.queue.ports import OfficeUnreachable
from app.services.queue.status import queue_status
from app.settings.spec import OFFICE_CODE, OFFICE_NAME, SERVER_URL
from app.storage.queue_wiring import desk_queue
from sync.queue.client import OfficeQueueClient
from ui.kiosk.window import KioskWindow

log = logging.getLogger(__name__)
EXIT_OK, EXIT_FAULT, EXIT_CANNOT_START = 0, 1, 2


class KioskIssuer:
    def __init__(self, desk: Desk, client: OfficeQueueClient | None) -> None:
        self.desk = desk
        self.client = client

    def services(self) -> list[dict[str, Any]]:
        if self.client is not None:
            try:
                return list(self.client.status()["services"])
            except OfficeUnreachable:
                log.warning("office server unreachable; using this desk's copy of the services")
        return queue_status(desk_queue(self.desk)).as_dict()["services"]

    def issue(self, service: str, priority: str) -> dict[str, Any]:
        if self.client is not None:
            try:
                return self.client.issue(service, priority)
            except OfficeUnreachable:
                # The desk's reserved block: numbers no other desk or the server can give today.
                offline = desk_queue(self.desk, offline=True)
                return issue_ticket(offline, service, parse_priority(priority)).as_dict()
        return issue_ticket(desk_queue(self.desk), service, parse_priority(priority)).as_dict()

    def print(self, ticket: dict[str, Any], names: dict[str, str]) -> str | None:
        try:
            from app.services.printing.tickets import print_ticket, ticket_data
            from printing.runner import JobRunner
            from printing.wiring import open_printing
        except ImportError:
            return QCoreApplication.translate("Kiosk", "chưa có phần in vé")
        try:
            printing = open_printing(self.desk)
            data = ticket_data(
                printing,
                ticket["ticket"],
                ticket["service"],
                waiting=int(ticket.get("waiting", 0)),
                name=names.get(ticket["service"], ticket["service"]),
            )
            print_ticket(printing, data)
            JobRunner(printing).run_once()
        except DomainError as exc:
            if "no ticket printer" in str(exc):
                return QCoreApplication.translate("Kiosk", "chưa cấu hình máy in vé")
            return QCoreApplication.translate("Kiosk", "máy in vé: {error}").format(error=exc)
        return None


def run_kiosk(app: QApplication, args: argparse.Namespace, settings: Any, desk: Desk) -> int:
    url = settings.get(SERVER_URL)
    client = OfficeQueueClient(url, settings.get(OFFICE_CODE)) if url else None
    issuer = KioskIssuer(desk, client)
    services = issuer.services()
    names = {s["code"]: s["name"] for s in services}
    window = KioskWindow(
        settings.get(OFFICE_NAME) or settings.get(OFFICE_CODE),
        services,
        issuer.issue,
        lambda ticket: issuer.print(ticket, names),
    )
    try:
        if args.screenshot is not None:
            window.resize(1366, 768)
            window.show()
            app.processEvents()
            args.screenshot.parent.mkdir(parents=True, exist_ok=True)
            return EXIT_OK if window.grab().save(str(args.screenshot), "PNG") else EXIT_FAULT
        window.showFullScreen()
        return app.exec()
    finally:
        window.close()
        if client is not None:
            client.close()
