"""Vietnamese number words on every number 0-9999, checked rule by rule (and read back to the number)."""

from __future__ import annotations

import pytest

from app.domain.queue.announcement import Announcement, check_template, label_words
from app.domain.queue.words import DIGITS, Phrasing, digits_words, number_words

ALL = range(10_000)
WORDS = {n: number_words(n) for n in ALL}

KNOWN = {
    0: "không",
    1: "một",
    4: "bốn",
    5: "năm",
    10: "mười",
    11: "mười một",
    14: "mười bốn",
    15: "mười lăm",
    20: "hai mươi",
    21: "hai mươi mốt",
    24: "hai mươi tư",
    25: "hai mươi lăm",
    55: "năm mươi lăm",
    100: "một trăm",
    101: "một trăm linh một",
    105: "một trăm linh năm",
    110: "một trăm mười",
    111: "một trăm mười một",
    115: "một trăm mười lăm",
    121: "một trăm hai mươi mốt",
    215: "hai trăm mười lăm",
    1000: "một nghìn",
    1001: "một nghìn không trăm linh một",
    1005: "một nghìn không trăm linh năm",
    1010: "một nghìn không trăm mười",
    1015: "một nghìn không trăm mười lăm",
    1021: "một nghìn không trăm hai mươi mốt",
    1100: "một nghìn một trăm",
    1105: "một nghìn một trăm linh năm",
    2000: "hai nghìn",
    9999: "chín nghìn chín trăm chín mươi chín",
}


@pytest.mark.parametrize(("n", "expected"), sorted(KNOWN.items()))
def test_known_readings(n: int, expected: str) -> None:
    assert number_words(n) == expected


def _read_back(words: str) -> int:
    """An independent reader of the words (not the generator's code run backwards)."""
    values = {w: i for i, w in enumerate(DIGITS)} | {"mốt": 1, "tư": 4, "lăm": 5}
    total, group, last = 0, 0, 0
    tokens = words.split()
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t == "nghìn":
            total += (group + last) * 1000
            group, last = 0, 0
        elif t == "trăm":
            group += last * 100
            last = 0
        elif t == "mười":
            group += 10
        elif t == "mươi":
            group += last * 10
            last = 0
        elif t == "linh":
            pass
        else:
            last = values[t]
        i += 1
    return total + group + last


def test_every_number_reads_back_to_itself() -> None:
    assert [_read_back(WORDS[n]) for n in ALL] == list(ALL)
    assert len(set(WORDS.values())) == len(WORDS)  # no two numbers sound the same


def test_rule_mot_after_muoi_only() -> None:
    for n, words in WORDS.items():
        last = words.split()[-1]
        tens, units = divmod(n % 100, 10)
        if units == 1 and tens >= 2:
            assert last == "mốt", (n, words)
        elif units == 1:
            assert last == "một", (n, words)
        assert "mốt" not in words.split() or tens >= 2, (n, words)


def test_rule_tu_after_muoi_but_bon_after_muoi_ten() -> None:
    for n, words in WORDS.items():
        tens, units = divmod(n % 100, 10)
        if units == 4:
            assert words.split()[-1] == ("tư" if tens >= 2 else "bốn"), (n, words)
        assert "tư" not in words.split() or (units == 4 and tens >= 2), (n, words)


def test_rule_lam_after_tens_nam_otherwise() -> None:
    for n, words in WORDS.items():
        tens, units = divmod(n % 100, 10)
        if units == 5:
            assert words.split()[-1] == ("lăm" if tens >= 1 else "năm"), (n, words)
        assert ("lăm" in words.split()) == (units == 5 and tens >= 1), (n, words)


def test_rule_linh_for_a_zero_tens_inside_a_number() -> None:
    for n, words in WORDS.items():
        tens, units = divmod(n % 100, 10)
        expected = n >= 100 and tens == 0 and units != 0
        assert ("linh" in words.split()) == expected, (n, words)


def test_rule_muoi_for_ten_to_nineteen_muoi_above() -> None:
    for n, words in WORDS.items():
        tens = n % 100 // 10
        tokens = words.split()
        assert ("mười" in tokens) == (tens == 1), (n, words)
        assert ("mươi" in tokens) == (tens >= 2), (n, words)


def test_rule_khong_tram_after_thousands() -> None:
    for n, words in WORDS.items():
        hundreds = n // 100 % 10
        expected = n >= 1000 and hundreds == 0 and n % 100 != 0
        assert ("không trăm" in words) == expected, (n, words)
        assert words == "không" or "không" not in words.split() or expected, (n, words)


def test_southern_phrasing() -> None:
    south = Phrasing(zero_tens="lẻ", thousand="ngàn", four_after_tens="bốn")
    assert number_words(1005, south) == "một ngàn không trăm lẻ năm"
    assert number_words(24, south) == "hai mươi bốn"
    with pytest.raises(ValueError, match="zero_tens"):
        Phrasing(zero_tens="le")


def test_out_of_range_is_refused() -> None:
    with pytest.raises(ValueError, match="out of range"):
        number_words(-1)


def test_larger_numbers() -> None:
    assert number_words(1_000_005) == "một triệu không trăm linh năm"
    assert number_words(21_015) == "hai mươi mốt nghìn không trăm mười lăm"


def test_announcement_words() -> None:
    assert Announcement("1015", 5).words() == (
        "Mời công dân có số thứ tự một nghìn không trăm mười lăm đến quầy số năm"
    )
    assert label_words("A015") == "a mười lăm"
    assert label_words("B121") == "bê một trăm hai mươi mốt"
    assert digits_words("015") == "không một năm"
    custom = "Xin mời số {number}, quầy {counter}"
    assert Announcement("C105", 11).words(custom) == "Xin mời số xê một trăm linh năm, quầy mười một"
    with pytest.raises(Exception, match="number"):
        check_template("Mời quầy {counter}")
