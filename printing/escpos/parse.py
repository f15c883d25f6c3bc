"""Read ESC/POS bytes back into what a printer would do: text (decoded through the selected code page),
raster images, QR codes, size and emphasis, feeds and cuts. Used by tests and `motcua ticket render
--explain`; it knows the commands our tickets use and stops at anything else, so a stray byte is noticed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PIL import Image

from printing.escpos.encoding import TCVN3_PAGES, decode_tcvn3

CODEPAGE_CODECS = {0: "cp437", 16: "cp1252", 27: "cp1258", 35: "cp1258", 52: "cp1258", 94: "cp1258"}


@dataclass
class Line:
    text: str
    bold: bool
    width: int  # magnification
    height: int
    align: int  # 0 left, 1 centre, 2 right


@dataclass
class Raster:
    image: Image.Image  # 1-bit, black = 0


@dataclass
class Parsed:
    items: list[Line | Raster | str] = field(default_factory=list)  # str: "cut", "qr:<data>", "feed:n"
    codepages: set[int] = field(default_factory=set)

    @property
    def text(self) -> list[str]:
        return [i.text for i in self.items if isinstance(i, Line)]

    @property
    def rasters(self) -> list[Raster]:
        return [i for i in self.items if isinstance(i, Raster)]

    @property
    def qr(self) -> list[str]:
        return [i[3:] for i in self.items if isinstance(i, str) and i.startswith("qr:")]


class ParseError(ValueError):
    pass


def _decode(chunk: bytes, page: int) -> str:
    if page in TCVN3_PAGES:
        return decode_tcvn3(chunk, page)
    return chunk.decode(CODEPAGE_CODECS.get(page, "cp437"), errors="replace")


def parse(data: bytes) -> Parsed:
    out = Parsed()
    page, bold, width, height, align = 0, False, 1, 1, 0
    text = ""
    qr_store = b""
    i = 0

    def flush() -> None:
        nonlocal text
        if text:
            out.items.append(Line(_normalise(text), bold, width, height, align))
        text = ""

    while i < len(data):
        b = data[i]
        if b == 0x0A:
            out.items.append(Line(_normalise(text), bold, width, height, align))
            text = ""
            i += 1
        elif b == 0x1B:
            op = data[i + 1 : i + 2]
            if op == b"@":
                page, bold, width, height, align = 0, False, 1, 1, 0
                i += 2
            elif op == b"a":
                flush()
                align = data[i + 2]
                i += 3
            elif op == b"E":
                flush()
                bold = bool(data[i + 2])
                i += 3
            elif op == b"t":
                page = data[i + 2]  # a page switch inside a line is part of the line
                out.codepages.add(page)
                i += 3
            elif op == b"d":
                flush()
                out.items.append(f"feed:{data[i + 2]}")
                i += 3
            else:
                raise ParseError(f"unknown ESC {op!r} at {i}")
        elif b == 0x1D:
            op = data[i + 1 : i + 2]
            if op == b"!":
                flush()
                n = data[i + 2]
                width, height = (n >> 4) + 1, (n & 0x0F) + 1
                i += 3
            elif op == b"V":
                flush()
                out.items.append("cut")
                i += 4 if data[i + 2] in (65, 66) else 3
            elif op == b"v" and data[i + 2 : i + 4] == b"0\x00":
                flush()
                xl, xh, yl, yh = data[i + 4 : i + 8]
                wb, h = xl + (xh << 8), yl + (yh << 8)
                bits = data[i + 8 : i + 8 + wb * h]
                if len(bits) != wb * h:
                    raise ParseError("truncated raster image")
                image = Image.frombytes("1", (wb * 8, h), bytes(255 - x for x in bits))
                out.items.append(Raster(image))
                i += 8 + wb * h
            elif op == b"(" and data[i + 2 : i + 3] == b"k":
                length = data[i + 3] + (data[i + 4] << 8)
                cn, fn = data[i + 5], data[i + 6]
                payload = data[i + 7 : i + 5 + length]
                if cn != 49:
                    raise ParseError(f"unknown 2D code {cn}")
                if fn == 80:
                    qr_store = payload[1:]
                elif fn == 81:
                    flush()
                    out.items.append("qr:" + qr_store.decode("utf-8"))
                i += 5 + length
            else:
                raise ParseError(f"unknown GS {op!r} at {i}")
        elif b == 0x10 and data[i + 1 : i + 2] == b"\x04":
            out.items.append(f"status:{data[i + 2]}")
            i += 3
        elif b < 0x20:
            raise ParseError(f"unexpected control byte {b:#04x} at {i}")
        else:
            start = i
            while i < len(data) and data[i] >= 0x20:
                i += 1
            text += _decode(data[start:i], page)
            continue
    flush()
    return out


def _normalise(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFC", text)
