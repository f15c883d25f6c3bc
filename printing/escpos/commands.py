"""ESC/POS command bytes (Epson ESC/POS Application Programming Guide). Written out rather than taken from
python-escpos: a ticket's size on a 9600-baud line is a target, so every byte is ours to count."""

from __future__ import annotations

ESC, GS, LF = b"\x1b", b"\x1d", b"\n"

INIT = ESC + b"@"
CENTER = ESC + b"a\x01"
LEFT = ESC + b"a\x00"
BOLD_ON = ESC + b"E\x01"
BOLD_OFF = ESC + b"E\x00"


def codepage(n: int) -> bytes:
    return ESC + b"t" + bytes([n])


def size(width: int, height: int) -> bytes:
    """GS ! n: character magnification 1-8 in each direction."""
    return GS + b"!" + bytes([((width - 1) << 4) | (height - 1)])


def feed(lines: int) -> bytes:
    return ESC + b"d" + bytes([lines])


def cut() -> bytes:
    """GS V 66 n: feed to the cutter and partial cut."""
    return GS + b"V" + bytes([66, 0])


def qr(data: bytes, module: int = 6) -> bytes:
    """Native QR (GS ( k): model 2, module size, level M, store, print."""

    def fn(cn: int, fn_code: int, payload: bytes) -> bytes:
        length = len(payload) + 2
        return GS + b"(k" + bytes([length & 0xFF, length >> 8, cn, fn_code]) + payload

    return (
        fn(49, 65, b"\x32\x00")  # model 2
        + fn(49, 67, bytes([module]))
        + fn(49, 69, b"\x31")  # error correction M
        + fn(49, 80, b"\x30" + data)
        + fn(49, 81, b"\x30")
    )


def raster(width_bytes: int, height: int, bits: bytes) -> bytes:
    """GS v 0: a raster bit image, 1 = black, rows of `width_bytes` bytes."""
    if len(bits) != width_bytes * height:
        raise ValueError("raster data does not match its size")
    return GS + b"v0\x00" + bytes([width_bytes & 0xFF, width_bytes >> 8, height & 0xFF, height >> 8]) + bits
