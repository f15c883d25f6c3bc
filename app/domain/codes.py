"""Dossier codes (Circular 01/2018/TT-VPCP Art. 19): `<unit code>-YYMMDD-XXXX`.

XXXX is a per-unit, per-day sequence. Several desks of one unit receive offline on the same day, so the
sequence space of a day is split into blocks: desk slot k numbers its dossiers k*B+1 ... (k+1)*B-1
(B = 1000 by default: slot 0 gives 0001-0999, slot 1 gives 1000-1999...). No two desks share a slot, so
no two desks can make the same code, with or without a network. The unit code is opaque: it comes from
configuration and its structure is never parsed (codes changed with the 2025 reorganisation).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from app.domain.errors import CodeBlockExhausted, ValidationError

_UNIT = re.compile(r"[A-Za-z0-9][A-Za-z0-9.]{0,39}")
CODE_PATTERN = re.compile(r"(?P<unit>[A-Za-z0-9][A-Za-z0-9.]{0,39})-(?P<day>\d{6})-(?P<seq>\d{4,7})")


@dataclass(frozen=True, slots=True)
class CodeFormat:
    """The versioned part of the rule: how many digits the daily sequence has."""

    sequence_digits: int = 4
    block_size: int = 1000

    def __post_init__(self) -> None:
        if self.block_size < 10 or self.block_size > 10**self.sequence_digits:
            raise ValidationError("code.block_size", "must fit in the sequence digits")

    @property
    def slots(self) -> int:
        return int(10**self.sequence_digits) // self.block_size

    def sequence(self, slot: int, n: int) -> int:
        """The n-th (1-based) sequence number of a desk slot."""
        if not 0 <= slot < self.slots:
            raise ValidationError("code.slot", f"must be between 0 and {self.slots - 1}, got {slot}")
        base = slot * self.block_size
        value = base + n if slot == 0 else base + n - 1
        if n < 1 or value >= base + self.block_size:
            raise CodeBlockExhausted(
                f"desk slot {slot} has used all {self.block_size - (1 if slot == 0 else 0)} codes of the day",
                slot=slot,
            )
        return value

    def format(self, unit_code: str, day: date, sequence: int) -> str:
        if not _UNIT.fullmatch(unit_code):
            raise ValidationError("unit_code", f"{unit_code!r} is not a unit code")
        return f"{unit_code}-{day:%y%m%d}-{sequence:0{self.sequence_digits}d}"


@dataclass(frozen=True, slots=True)
class ParsedCode:
    unit_code: str
    day: date
    sequence: int


def parse_code(text: str) -> ParsedCode | None:
    """Recognise a dossier code, e.g. typed or read by a barcode scanner; None if it is not one."""
    match = CODE_PATTERN.fullmatch(text.strip())
    if match is None:
        return None
    raw = match.group("day")
    try:
        day = date(2000 + int(raw[:2]), int(raw[2:4]), int(raw[4:]))
    except ValueError:
        return None
    return ParsedCode(match.group("unit"), day, int(match.group("seq")))
