"""Printer addresses, one string per printer so a setting can hold it:

cups:QUEUE            a CUPS queue (`cups:` alone: the system default)
socket://HOST:PORT    raw TCP, e.g. a network thermal printer on 9100
serial:PORT?baudrate=9600   a serial port (pyserial URLs work too: serial:socket://h:p, serial:loop://)
device:/dev/usb/lp0   a character device (USB printer class on Linux, parallel port)
file:/some/folder     each job becomes a file in the folder (print to a shared folder, or tests)
qt:NAME               a system printer through Qt (desk app only)
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl

from app.domain.errors import ValidationError

SCHEMES = ("cups", "socket", "serial", "device", "file", "qt")


@dataclass(frozen=True, slots=True)
class Address:
    scheme: str
    target: str
    options: dict[str, str]

    def __str__(self) -> str:
        return format_address(self)


def parse_address(text: str) -> Address:
    raw = text.strip()
    if not raw:
        return Address("cups", "", {})
    scheme, sep, rest = raw.partition(":")
    if not sep or scheme not in SCHEMES:
        raise ValidationError(
            "printer", f"{raw!r} is not a printer address ({', '.join(s + ':' for s in SCHEMES)})"
        )
    options: dict[str, str] = {}
    if scheme == "socket":
        if not rest.startswith("//"):
            raise ValidationError("printer", f"{raw!r}: use socket://HOST:PORT")
        rest = rest[2:]
    if "?" in rest and scheme in ("socket", "serial", "device"):
        rest, query = rest.split("?", 1)
        options = dict(parse_qsl(query))
    if scheme != "cups" and not rest:
        raise ValidationError("printer", f"{raw!r}: say which {scheme} printer")
    return Address(scheme, rest, options)


def format_address(address: Address) -> str:
    query = "&".join(f"{k}={v}" for k, v in address.options.items())
    target = f"//{address.target}" if address.scheme == "socket" else address.target
    return f"{address.scheme}:{target}" + (f"?{query}" if query else "")
