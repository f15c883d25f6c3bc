"""Addresses to outputs (the PrinterDirectory port, without Qt; the desk app adds `qt:` printers)."""

from __future__ import annotations

from app.domain.errors import ValidationError
from app.services.printing.ports import PrinterInfo, PrinterOutput, PrinterUnavailable
from printing.outputs.address import parse_address
from printing.outputs.cups import CupsOutput, list_printers
from printing.outputs.folder import FolderOutput
from printing.outputs.stream import DeviceOutput, SerialOutput, SocketOutput


class Printers:
    def open(self, address: str) -> PrinterOutput:
        parsed = parse_address(address)
        text = address.strip() or "cups:"
        status = parsed.options.get("status", "1") not in ("0", "no", "false")
        if parsed.scheme == "cups":
            return CupsOutput(text, parsed.target)
        if parsed.scheme == "socket":
            host, _, port = parsed.target.rpartition(":")
            if not host or not port.isdigit():
                raise ValidationError("printer", f"{address!r}: use socket://HOST:PORT")
            return SocketOutput(text, host.strip("[]"), int(port), status=status)
        if parsed.scheme == "serial":
            baudrate = parsed.options.get("baudrate", "9600")
            if not baudrate.isdigit():
                raise ValidationError("printer", f"{address!r}: baudrate must be a number")
            return SerialOutput(text, parsed.target, baudrate=int(baudrate), status=status)
        if parsed.scheme == "device":
            return DeviceOutput(text, parsed.target)
        if parsed.scheme == "file":
            return FolderOutput(text, parsed.target)
        raise ValidationError("printer", f"{address!r}: Qt printers are reached from the desk app only")

    def list(self) -> list[PrinterInfo]:
        try:
            return list_printers()
        except PrinterUnavailable:
            return []
