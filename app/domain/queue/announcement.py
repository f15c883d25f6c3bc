"""The sentence spoken for a call: "Mời công dân có số thứ tự A015 đến quầy số 5", as words.

The phrasing is a template a site may change; numbers are always turned into words by our own code
(words.py), letters into their Vietnamese names, so the speech engine never has to guess.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.errors import ValidationError
from app.domain.queue.words import NORTH, Phrasing, number_words

DEFAULT_TEMPLATE = "Mời công dân có số thứ tự {number} đến quầy số {counter}"

# How the letters of ticket prefixes are read aloud (the Vietnamese alphabet's names; F, J, W, Z by
# their common readings).
LETTER_NAMES = {
    "A": "a",
    "B": "bê",
    "C": "xê",
    "D": "dê",
    "E": "e",
    "F": "ép",
    "G": "giê",
    "H": "hát",
    "I": "i",
    "J": "gi",
    "K": "ca",
    "L": "e lờ",
    "M": "em mờ",
    "N": "en nờ",
    "O": "o",
    "P": "pê",
    "Q": "cu",
    "R": "e rờ",
    "S": "ét xì",
    "T": "tê",
    "U": "u",
    "V": "vê",
    "W": "vê kép",
    "X": "ích xì",
    "Y": "i dài",
    "Z": "dét",
}


@dataclass(frozen=True, slots=True)
class Announcement:
    label: str  # A015, or 1015 (no letter)
    counter: int

    def words(self, template: str = DEFAULT_TEMPLATE, phrasing: Phrasing = NORTH) -> str:
        return render(template, self.label, self.counter, phrasing)


def label_words(label: str, phrasing: Phrasing = NORTH) -> str:
    """A015 -> "a mười lăm"; 1015 -> "một nghìn không trăm mười lăm"."""
    letters = "".join(ch for ch in label if ch.isalpha()).upper()
    digits = "".join(ch for ch in label if ch.isdigit())
    words = [LETTER_NAMES.get(ch, ch.lower()) for ch in letters]
    if digits:
        words.append(number_words(int(digits), phrasing))
    return " ".join(words)


def render(template: str, label: str, counter: int, phrasing: Phrasing = NORTH) -> str:
    check_template(template)
    return template.format(number=label_words(label, phrasing), counter=number_words(counter, phrasing))


def check_template(template: str) -> None:
    if "{number}" not in template or "{counter}" not in template:
        raise ValidationError("voice.template", "must contain {number} and {counter}")
    try:
        template.format(number="", counter="")
    except (KeyError, IndexError, ValueError) as exc:
        raise ValidationError(
            "voice.template", f"only {{number}} and {{counter}} may be used ({exc})"
        ) from None
