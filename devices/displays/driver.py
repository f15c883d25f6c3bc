"""The driver interface of a counter LED display: how a text becomes a frame, and how a display (or our
emulator) reads frames back.

Most field displays never answer (queue.md §2), so a driver only encodes; its decoder is what a real
display does with the bytes, used by the emulator and by the tests that check frames byte for byte.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Literal

Parity = Literal["N", "E", "O"]


@dataclass(frozen=True, slots=True)
class LineSettings:
    baud: int = 9600
    bytesize: int = 8
    parity: Parity = "N"
    stopbits: int = 1

    def bits_per_byte(self) -> int:
        return 1 + self.bytesize + (0 if self.parity == "N" else 1) + self.stopbits

    def wire_seconds(self, nbytes: int) -> float:
        """How long `nbytes` take on the wire: the physical floor of any display update."""
        return nbytes * self.bits_per_byte() / self.baud


@dataclass(frozen=True, slots=True)
class Frame:
    """A frame as a display understood it: for whom, and what it shows."""

    address: int
    text: str
    raw: bytes = b""  # the bytes it came in (a Modbus display echoes them)


class FrameError(ValueError):
    """Bytes that are not a valid frame (bad checksum, CRC, structure): a display ignores them."""


class Decoder(ABC):
    """Reads a byte stream as a display does: frames come out whole, garbage and bad checks are dropped."""

    def __init__(self) -> None:
        self.buffer = bytearray()
        self.rejected = 0

    def feed(self, data: bytes) -> list[Frame]:
        self.buffer += data
        frames: list[Frame] = []
        while True:
            try:
                found = self.take()
            except FrameError:
                self.rejected += 1
                continue
            if found is None:
                return frames
            frames.append(found)

    @abstractmethod
    def take(self) -> Frame | None:
        """Remove one frame from the front of the buffer; None if more bytes are needed. Raise FrameError
        after dropping a bad frame's bytes."""


class Driver(ABC):
    name: str
    protocol: str  # one line, for `motcua display drivers`
    line: LineSettings = LineSettings()
    width: int = 4
    numeric: bool = True  # shows digits only: "A015" is shown as 0015
    fixed: bool = True  # every frame carries exactly `width` characters (right-aligned)
    default_address: int = 1
    max_address: int = 99

    def check_address(self, address: int) -> None:
        if not 0 <= address <= self.max_address:
            raise ValueError(f"{self.name}: address must be 0-{self.max_address}, got {address}")

    def fit(self, text: str) -> str:
        """What the display can show of a ticket label."""
        if self.numeric:
            digits = "".join(ch for ch in text if ch.isdigit())[-self.width :]
            return digits.rjust(self.width, "0") if digits else " " * self.width
        shown = "".join(ch if 32 <= ord(ch) < 127 else "?" for ch in text)[: self.width]
        return shown.rjust(self.width) if self.fixed else shown

    @abstractmethod
    def encode(self, text: str, address: int) -> bytes:
        """The frame that makes display `address` show `text` (already fitted)."""

    @abstractmethod
    def decoder(self, address: int) -> Decoder:
        """How a display set to `address` reads the line (EDI displays at DIP 0 expect no address)."""

    def reply(self, frame_bytes: bytes) -> bytes | None:
        """What a display answers to a frame (Modbus echoes; most say nothing)."""
        return None
