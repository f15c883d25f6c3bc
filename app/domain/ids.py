"""Identifiers of dossiers and events: UUIDv7 layout (RFC 9562).

48 bits of Unix milliseconds first, so ids made later sort later: B-tree indexes on them stay dense
(random UUIDs half-fill their pages) and a log of ids reads in time order. 74 random bits make a
collision between desks practically impossible.
"""

from __future__ import annotations

_RANDOM_B = 62


def uid7(unix_ms: int, random_bits: int) -> str:
    """32 hex digits from a millisecond timestamp and 74 random bits."""
    rand_a = (random_bits >> _RANDOM_B) & 0xFFF
    rand_b = random_bits & ((1 << _RANDOM_B) - 1)
    value = ((unix_ms & ((1 << 48) - 1)) << 80) | (0x7 << 76) | (rand_a << 64) | (0b10 << 62) | rand_b
    return f"{value:032x}"
