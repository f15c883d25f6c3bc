"""Drivers for the protocol families of queue.md §2.

- `edi`: STX, two ASCII address digits (none when the DIP address is 0), the digits, ETX (EDI ED400D and
  the many numeric counter displays built like it).
- `alpha`: the Alpha Sign Communications Protocol (write TEXT file A), with its optional checksum, 7E2.
- `modbus`: Modbus RTU, function 06 writes the number into holding register 0 (7-segment modules).
- `modbus-ascii`: Modbus RTU, function 16 writes one ASCII character per register 0-5 (DM36/DM56).
- `laserlight`: Rice Lake LaserLight `|AAcc|data!` (address 00-31, command DM: display message).

The checksums are written here: CRC-16/MODBUS is eight lines and the usual library for it (pymodbus) is
an asynchronous client stack we would carry only for this; the Alpha sum is a plain 16-bit sum.
"""

from __future__ import annotations

import re
import struct

from devices.displays.driver import Decoder, Driver, Frame, FrameError, LineSettings

STX, ETX, EOT, SOH, ESC, NUL = b"\x02", b"\x03", b"\x04", b"\x01", b"\x1b", b"\x00"


def crc16_modbus(data: bytes) -> int:
    """CRC-16/MODBUS (poly 0xA001 reflected, init 0xFFFF); sent low byte first."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return crc


def with_crc(pdu: bytes) -> bytes:
    return pdu + struct.pack("<H", crc16_modbus(pdu))


# -- EDI numeric: STX [AD1 AD2] digits ETX --------------------------------------------------------------


class EdiDriver(Driver):
    name = "edi"
    protocol = "STX, 2 ASCII address digits (none for DIP 0), digits, ETX; no check, no reply (EDI ED400D)"
    line = LineSettings(9600)

    def encode(self, text: str, address: int) -> bytes:
        self.check_address(address)
        head = f"{address:02d}".encode() if address else b""
        return STX + head + text.encode("ascii") + ETX

    def decoder(self, address: int) -> Decoder:
        return _EdiDecoder(addressed=address != 0)


class _EdiDecoder(Decoder):
    """A display at DIP address 0 reads every frame as digits; any other expects two address digits."""

    def __init__(self, *, addressed: bool) -> None:
        super().__init__()
        self.addressed = addressed

    def take(self) -> Frame | None:
        start = self.buffer.find(STX)
        if start < 0:
            self.buffer.clear()
            return None
        del self.buffer[:start]
        end = self.buffer.find(ETX)
        if end < 0:
            return None
        body = bytes(self.buffer[1:end])
        raw = bytes(self.buffer[: end + 1])
        del self.buffer[: end + 1]
        text = body.decode("ascii", "replace")
        if self.addressed:
            if len(text) < 2 or not text[:2].isdigit():
                raise FrameError("missing address")
            return Frame(int(text[:2]), text[2:], raw)
        return Frame(0, text, raw)


# -- Alpha Sign Protocol ----------------------------------------------------------------------------------

ALPHA_TYPE_ALL = b"Z"  # every sign type
ALPHA_WRITE_TEXT = b"A"
ALPHA_LABEL = b"A"
ALPHA_MIDDLE_LINE = b" "
ALPHA_HOLD = b"b"  # no scrolling: a number stands still


def alpha_checksum(stx_to_etx: bytes) -> bytes:
    return f"{sum(stx_to_etx) & 0xFFFF:04X}".encode()


class AlphaDriver(Driver):
    name = "alpha"
    protocol = (
        "Alpha Sign Protocol: 5 NUL, SOH 'Z' AA(hex) STX 'A' label ESC pos mode text ETX sum16 EOT; 7E2"
    )
    line = LineSettings(9600, 7, "E", 2)
    width = 16
    numeric = False
    fixed = False
    default_address = 0  # 00 is broadcast
    max_address = 0xFF

    def encode(self, text: str, address: int) -> bytes:
        self.check_address(address)
        body = (
            STX + ALPHA_WRITE_TEXT + ALPHA_LABEL + ESC + ALPHA_MIDDLE_LINE + ALPHA_HOLD + text.encode("ascii")
        )
        body += ETX
        return NUL * 5 + SOH + ALPHA_TYPE_ALL + f"{address:02X}".encode() + body + alpha_checksum(body) + EOT

    def decoder(self, address: int) -> Decoder:
        return _AlphaDecoder()


class _AlphaDecoder(Decoder):
    def take(self) -> Frame | None:
        start = self.buffer.find(SOH)
        if start < 0:
            self.buffer.clear()
            return None
        del self.buffer[:start]
        end = self.buffer.find(EOT)
        if end < 0:
            return None
        raw = bytes(self.buffer[: end + 1])
        del self.buffer[: end + 1]
        match = re.fullmatch(rb"\x01(.)([0-9A-F]{2})(\x02.*?)(\x03([0-9A-F]{4}))?\x04", raw, re.DOTALL)
        if match is None:
            raise FrameError("not an Alpha frame")
        address = int(match.group(2), 16)
        body = match.group(3)
        if match.group(4) and alpha_checksum(body + ETX) != match.group(5):
            raise FrameError("Alpha checksum mismatch")
        command = re.fullmatch(rb"\x02A(.)\x1b(.)(.)(.*)", body, re.DOTALL)
        if command is None:
            raise FrameError("not a write-text command")
        return Frame(address, command.group(4).decode("ascii", "replace"), raw)


# -- Modbus RTU -------------------------------------------------------------------------------------------


class ModbusRegisterDriver(Driver):
    name = "modbus"
    protocol = "Modbus RTU function 06: holding register 0 = the number; CRC-16; the display echoes"
    line = LineSettings(9600)
    max_address = 247

    def encode(self, text: str, address: int) -> bytes:
        self.check_address(address)
        digits = "".join(ch for ch in text if ch.isdigit()) or "0"
        return with_crc(struct.pack(">BBHH", address, 0x06, 0, int(digits)))

    def decoder(self, address: int) -> Decoder:
        return _ModbusDecoder()

    def reply(self, frame_bytes: bytes) -> bytes | None:
        return None if frame_bytes[0] == 0 else frame_bytes  # broadcast (0) gets no answer


class ModbusAsciiDriver(Driver):
    name = "modbus-ascii"
    protocol = "Modbus RTU function 16: registers 0-5 hold one ASCII character each (DM36/DM56); CRC-16"
    line = LineSettings(9600)
    width = 6
    numeric = False
    max_address = 247

    def encode(self, text: str, address: int) -> bytes:
        self.check_address(address)
        chars = text.encode("ascii")[: self.width].rjust(self.width)
        values = b"".join(struct.pack(">H", ch) for ch in chars)
        return with_crc(struct.pack(">BBHHB", address, 0x10, 0, self.width, len(values)) + values)

    def decoder(self, address: int) -> Decoder:
        return _ModbusDecoder()

    def reply(self, frame_bytes: bytes) -> bytes | None:
        if frame_bytes[0] == 0:
            return None
        return with_crc(frame_bytes[:6])  # address, function, start, quantity


class _ModbusDecoder(Decoder):
    """RTU frames have no delimiter (a real slave uses 3.5 character times of silence); the function
    code gives each request's length, which is enough for the write functions displays take."""

    def take(self) -> Frame | None:
        if len(self.buffer) < 2:
            return None
        function = self.buffer[1]
        if function == 0x06:
            size = 8
        elif function == 0x10:
            if len(self.buffer) < 7:
                return None
            size = 9 + self.buffer[6]
        else:
            del self.buffer[:1]
            raise FrameError(f"unsupported function {function}")
        if len(self.buffer) < size:
            return None
        raw = bytes(self.buffer[:size])
        if struct.unpack("<H", raw[-2:])[0] != crc16_modbus(raw[:-2]):
            del self.buffer[:1]  # resynchronise one byte further
            raise FrameError("CRC mismatch")
        del self.buffer[:size]
        if function == 0x06:
            _, _, register, value = struct.unpack(">BBHH", raw[:6])
            return Frame(raw[0], f"{value:04d}" if register == 0 else "", raw)  # a 4-digit face
        values = raw[7:-2]
        text = "".join(chr(values[i + 1]) for i in range(0, len(values), 2))
        return Frame(raw[0], text, raw)


# -- Rice Lake LaserLight ---------------------------------------------------------------------------------


class LaserLightDriver(Driver):
    name = "laserlight"
    protocol = "Rice Lake LaserLight: |AAcc|data! with ASCII address 00-31 and command DM; no reply"
    line = LineSettings(9600)
    width = 6
    numeric = False
    fixed = False
    default_address = 0
    max_address = 31

    def encode(self, text: str, address: int) -> bytes:
        self.check_address(address)
        return f"|{address:02d}DM|{text}!".encode("ascii")

    def decoder(self, address: int) -> Decoder:
        return _LaserLightDecoder()


class _LaserLightDecoder(Decoder):
    def take(self) -> Frame | None:
        start = self.buffer.find(b"|")
        if start < 0:
            self.buffer.clear()
            return None
        del self.buffer[:start]
        end = self.buffer.find(b"!")
        if end < 0:
            return None
        raw = bytes(self.buffer[: end + 1])
        del self.buffer[: end + 1]
        match = re.fullmatch(rb"\|(\d{2})([A-Z]{2})\|([^!]*)!", raw)
        if match is None:
            raise FrameError("not a LaserLight command")
        if match.group(2) != b"DM":
            raise FrameError(f"command {match.group(2)!r} is not display-message")
        return Frame(int(match.group(1)), match.group(3).decode("ascii", "replace"), raw)


DRIVERS: dict[str, Driver] = {
    d.name: d
    for d in (EdiDriver(), AlphaDriver(), ModbusRegisterDriver(), ModbusAsciiDriver(), LaserLightDriver())
}


def get_driver(name: str) -> Driver:
    try:
        return DRIVERS[name]
    except KeyError:
        raise ValueError(f"unknown display driver {name!r} (one of {', '.join(DRIVERS)})") from None
