"""Vietnamese on thermal printers' own code pages.

TCVN-3 (Epson pages 30 and 31): every lower-case letter with its marks is one byte on page 30, every
capital on page 31, ASCII on both; a line of mixed case switches page (ESC t) where needed. The tables are
escpos-printer-db's `TCVN-3-1` and `TCVN-3-2` (data/encoding.yml, MIT), bytes 0x80-0xFF.

CP1258 (pages 27/94 on POS-5890 clones, 35 on Rongta, 52 on Epson): only some letters are precomposed; the
others are a base letter plus a combining tone mark, which most printers print beside the letter instead of
over it (escpos-php#254), so profiles use raster lines instead; the encoder is here for printers that do
compose. Python's cp1258 codec encodes only the precomposed table, hence the decomposition by hand.
"""

from __future__ import annotations

import unicodedata

ESC_T = b"\x1bt"

_TCVN3_LOWER = (
    "                "
    "                "
    "        ăâêôơưđ "
    "     àảãáạ ằẳẵắ "
    "      ặầẩẫấậè ẻẽ"
    "éẹềểễếệìỉ   ĩíịò"
    " ỏõóọồổỗốộờởỡớợù"
    " ủũúụừửữứựỳỷỹýỵ "
)
_TCVN3_UPPER = (
    "                "
    "                "
    " ĂÂ    Đ  ÊÔƠƯ  "
    "     ÀẢÃÁẠ ẰẲẴẮ "
    "      ẶẦẨẪẤẬÈ ẺẼ"
    "ÉẸỀỂỄẾỆÌỈ   ĨÍỊÒ"
    " ỎÕÓỌỒỔỖỐỘỜỞỠỚỢÙ"
    " ỦŨÚỤỪỬỮỨỰỲỶỸÝỴ "
)
TCVN3_PAGES = {30: _TCVN3_LOWER, 31: _TCVN3_UPPER}
_TCVN3: dict[str, tuple[int, int]] = {}
for _page, _table in TCVN3_PAGES.items():
    for _index, _char in enumerate(_table):
        if _char != " ":
            _TCVN3[_char] = (_page, 0x80 + _index)
_TCVN3["Ð"] = _TCVN3["Đ"]  # the database spells Đ with the look-alike U+00D0


def tcvn3_byte(char: str) -> tuple[int, int] | None:
    return _TCVN3.get(char)


def encode_tcvn3(text: str, page: int | None) -> tuple[bytes, int | None] | None:
    """Bytes for `text` with page switches, starting from `page`; None if a character has no byte."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        code = ord(char)
        if code < 0x80:
            out.append(code)
            continue
        found = _TCVN3.get(char)
        if found is None:
            return None
        wanted, byte = found
        if wanted != page:
            out += ESC_T + bytes([wanted])
            page = wanted
        out.append(byte)
    return bytes(out), page


_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền, sắc, ngã, hỏi, nặng


def encode_cp1258(text: str) -> bytes | None:
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in parts if c in _TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        try:
            out += (base + tones).encode("cp1258")
        except UnicodeEncodeError:
            return None
    return bytes(out)


def decode_tcvn3(data: bytes, page: int) -> str:
    """For the parser and tests: bytes of one page back to text."""
    table = TCVN3_PAGES[page]
    chars = []
    for byte in data:
        if byte < 0x80:
            chars.append(chr(byte))
        else:
            char = table[byte - 0x80]
            chars.append("\ufffd" if char == " " else char)
    return "".join(chars)
