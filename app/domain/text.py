"""Text rules shared by every input: NFC storage and diacritic-free folding for search.

reportlab, FTS5 and the national portal all expect precomposed (NFC) Vietnamese; an input method or a
pasted PDF may deliver decomposed (NFD) text, so every text is normalised once, on input, before it is
stored.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# đ/Đ are letters of their own, not d with a combining mark, so NFD leaves them intact.
_FOLD_TABLE = str.maketrans({"đ": "d", "Đ": "d"})
_TOKEN = re.compile(r"[0-9a-z]+")


def nfc(text: str) -> str:
    """NFC form with surrounding whitespace removed and inner runs collapsed to one space."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def nfc_or_none(text: str | None) -> str | None:
    if text is None:
        return None
    cleaned = nfc(text)
    return cleaned or None


def fold(text: str) -> str:
    """Lower-case ASCII form for search: `Nguyễn Thị Ngọc Ánh` -> `nguyen thi ngoc anh`."""
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD_TABLE))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return nfc(stripped.lower())


def search_tokens(text: str) -> list[str]:
    """The folded words of a query, in order; punctuation separates words."""
    return _TOKEN.findall(fold(text))
