"""Vietnamese number words for announcements: "một nghìn không trăm mười lăm" for 1015.

Written here rather than left to the speech engine: espeak-ng 1.51 reads 15, 115 and 215 as "mười năm"
(queue.md §4), and recorded clips need the words anyway. The rules of the spoken language:

- units after a tens word: 1 is "mốt" after "mươi" (21 hai mươi mốt) but "một" after "mười" (11);
  5 is "lăm" after "mười"/"mươi" (15 mười lăm, 25 hai mươi lăm) but "năm" alone or after "linh" (105);
  4 may be "tư" after "mươi" (24 hai mươi tư), never after "mười" (14 mười bốn);
- tens: 10-19 use "mười", 20-99 "<digit> mươi";
- a zero tens digit between hundreds and a unit is read "linh" (or "lẻ" in the South): 105;
- a zero hundreds digit after thousands is read "không trăm" when anything follows: 1015, 2005.
"""

from __future__ import annotations

from dataclasses import dataclass

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
MAX_NUMBER = 999_999_999


@dataclass(frozen=True, slots=True)
class Phrasing:
    """The regional choices a site may make (North by default, as on national broadcasts)."""

    zero_tens: str = "linh"  # or "lẻ"
    thousand: str = "nghìn"  # or "ngàn"
    four_after_tens: str = "tư"  # or "bốn"

    def __post_init__(self) -> None:
        if self.zero_tens not in ("linh", "lẻ"):
            raise ValueError(f"zero_tens must be linh or lẻ, not {self.zero_tens!r}")
        if self.thousand not in ("nghìn", "ngàn"):
            raise ValueError(f"thousand must be nghìn or ngàn, not {self.thousand!r}")
        if self.four_after_tens not in ("tư", "bốn"):
            raise ValueError(f"four_after_tens must be tư or bốn, not {self.four_after_tens!r}")


NORTH = Phrasing()


def _below_hundred(n: int, phrasing: Phrasing, *, after_hundreds: bool) -> list[str]:
    tens, units = divmod(n, 10)
    if tens == 0:
        if units == 0:
            return []
        # "linh" only inside a larger number: 105 "một trăm linh năm", but 5 alone is "năm".
        return [phrasing.zero_tens, DIGITS[units]] if after_hundreds else [DIGITS[units]]
    words = ["mười"] if tens == 1 else [DIGITS[tens], "mươi"]
    if units == 1:
        words.append("một" if tens == 1 else "mốt")
    elif units == 4:
        words.append("bốn" if tens == 1 else phrasing.four_after_tens)
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(DIGITS[units])
    return words


def _below_thousand(n: int, phrasing: Phrasing, *, inner: bool) -> list[str]:
    """A group of three digits. `inner`: a larger group came before it, so a zero hundreds is spoken."""
    hundreds, rest = divmod(n, 100)
    words: list[str] = []
    if hundreds or (inner and rest):
        words += [DIGITS[hundreds], "trăm"]
    words += _below_hundred(rest, phrasing, after_hundreds=bool(words))
    return words


def number_words(n: int, phrasing: Phrasing = NORTH) -> str:
    """The words of a whole number from 0 to 999,999,999."""
    if not 0 <= n <= MAX_NUMBER:
        raise ValueError(f"number out of range 0-{MAX_NUMBER}: {n}")
    if n == 0:
        return DIGITS[0]
    millions, rest = divmod(n, 1_000_000)
    thousands, units = divmod(rest, 1000)
    words: list[str] = []
    if millions:
        words += [*_below_thousand(millions, phrasing, inner=False), "triệu"]
    if thousands:
        words += [*_below_thousand(thousands, phrasing, inner=bool(words)), phrasing.thousand]
    if units:
        # An empty thousands group is skipped (1,000,005: "một triệu không trăm linh năm").
        words += _below_thousand(units, phrasing, inner=bool(words))
    return " ".join(words)


def digits_words(text: str) -> str:
    """Digit by digit ("không một năm"), for numbers read as codes (a phone number, a zero-padded ticket)."""
    return " ".join(DIGITS[int(ch)] for ch in text if ch.isdigit())
