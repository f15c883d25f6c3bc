"""Identity documents of applicants: CCCD, the old CMND, passports and tax codes.

The CCCD structure is `PPP G YY NNNNNN` (Circular 07/2016/TT-BCA, now 59/2021/TT-BCA): the province of birth
registration, a digit for century and sex, the last two digits of the birth year and six random digits.
There is no checksum, so validation can only refuse what cannot exist.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from app.domain.errors import InvalidIdNumber

# Codes of the 63 provinces of birth registration. They are permanent: the 2025 merger of provinces did
# not renumber anybody's CCCD.
CCCD_PROVINCES: dict[str, str] = {
    "001": "Hà Nội",
    "002": "Hà Giang",
    "004": "Cao Bằng",
    "006": "Bắc Kạn",
    "008": "Tuyên Quang",
    "010": "Lào Cai",
    "011": "Điện Biên",
    "012": "Lai Châu",
    "014": "Sơn La",
    "015": "Yên Bái",
    "017": "Hòa Bình",
    "019": "Thái Nguyên",
    "020": "Lạng Sơn",
    "022": "Quảng Ninh",
    "024": "Bắc Giang",
    "025": "Phú Thọ",
    "026": "Vĩnh Phúc",
    "027": "Bắc Ninh",
    "030": "Hải Dương",
    "031": "Hải Phòng",
    "033": "Hưng Yên",
    "034": "Thái Bình",
    "035": "Hà Nam",
    "036": "Nam Định",
    "037": "Ninh Bình",
    "038": "Thanh Hóa",
    "040": "Nghệ An",
    "042": "Hà Tĩnh",
    "044": "Quảng Bình",
    "045": "Quảng Trị",
    "046": "Thừa Thiên Huế",
    "048": "Đà Nẵng",
    "049": "Quảng Nam",
    "051": "Quảng Ngãi",
    "052": "Bình Định",
    "054": "Phú Yên",
    "056": "Khánh Hòa",
    "058": "Ninh Thuận",
    "060": "Bình Thuận",
    "062": "Kon Tum",
    "064": "Gia Lai",
    "066": "Đắk Lắk",
    "067": "Đắk Nông",
    "068": "Lâm Đồng",
    "070": "Bình Phước",
    "072": "Tây Ninh",
    "074": "Bình Dương",
    "075": "Đồng Nai",
    "077": "Bà Rịa - Vũng Tàu",
    "079": "Hồ Chí Minh",
    "080": "Long An",
    "082": "Tiền Giang",
    "083": "Bến Tre",
    "084": "Trà Vinh",
    "086": "Vĩnh Long",
    "087": "Đồng Tháp",
    "089": "An Giang",
    "091": "Kiên Giang",
    "092": "Cần Thơ",
    "093": "Hậu Giang",
    "094": "Sóc Trăng",
    "095": "Bạc Liêu",
    "096": "Cà Mau",
}

MAX_AGE_YEARS = 125
_DIGITS = re.compile(r"\d+")
_PASSPORT = re.compile(r"[A-Z0-9]{6,20}")
_TAX_CODE = re.compile(r"(\d{10})(?:-(\d{3}))?")
_TAX_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)


class IdKind(StrEnum):
    CCCD = "cccd"  # căn cước / căn cước công dân, 12 digits
    CMND = "cmnd"  # chứng minh nhân dân, 9 digits (no longer valid after 2024, numbers still in records)
    PASSPORT = "passport"
    TAX_CODE = "tax_code"  # mã số thuế of an organisation

    @property
    def dvcqg_type(self) -> int | None:
        """LoaiDinhDanh of the national portal: 1 for 12-digit, 2 for 9-digit numbers."""
        return {IdKind.CCCD: 1, IdKind.CMND: 2}.get(self)


class Sex(StrEnum):
    MALE = "male"
    FEMALE = "female"


@dataclass(frozen=True, slots=True)
class CccdInfo:
    province_code: str
    province: str | None  # None when the number was issued to a citizen born abroad
    sex: Sex
    birth_year: int


def _clean_digits(number: str) -> str:
    return re.sub(r"[\s.\-]", "", number)


def parse_cccd(number: str, today: date) -> CccdInfo:
    """What a 12-digit CCCD says about its holder; raises InvalidIdNumber when it cannot exist."""
    digits = _clean_digits(number)
    if not _DIGITS.fullmatch(digits) or len(digits) != 12:
        raise InvalidIdNumber("id_number", "a CCCD has exactly 12 digits", reason="length")
    province_code = digits[:3]
    province = CCCD_PROVINCES.get(province_code)
    if province is None and province_code.startswith("0"):
        raise InvalidIdNumber(
            "id_number", f"{province_code} is not a province code of the CCCD", reason="province"
        )
    century_digit = int(digits[3])
    birth_year = 1900 + 100 * (century_digit // 2) + int(digits[4:6])
    sex = Sex.MALE if century_digit % 2 == 0 else Sex.FEMALE
    if birth_year > today.year:
        raise InvalidIdNumber("id_number", f"birth year {birth_year} is in the future", reason="future")
    if today.year - birth_year > MAX_AGE_YEARS:
        raise InvalidIdNumber("id_number", f"birth year {birth_year} is implausible", reason="age")
    return CccdInfo(province_code, province, sex, birth_year)


def tax_code_check_digit(first_nine: str) -> int:
    """The tenth digit of a tax code: 10 - (weighted sum mod 11), where 10 is written 0."""
    total = sum(int(d) * w for d, w in zip(first_nine, _TAX_WEIGHTS, strict=True))
    return (10 - total % 11) % 10


def normalise_id_number(kind: IdKind, number: str, today: date) -> str:
    """The canonical form of an ID number, or InvalidIdNumber with the reason."""
    raw = number.strip()
    if not raw:
        raise InvalidIdNumber("id_number", "is empty", reason="empty")
    if kind is IdKind.CCCD:
        digits = _clean_digits(raw)
        parse_cccd(digits, today)
        return digits
    if kind is IdKind.CMND:
        digits = _clean_digits(raw)
        if not _DIGITS.fullmatch(digits) or len(digits) not in (9, 12):
            raise InvalidIdNumber("id_number", "a CMND has 9 (or 12) digits", reason="length")
        if len(digits) == 12:
            parse_cccd(digits, today)
        return digits
    if kind is IdKind.PASSPORT:
        cleaned = re.sub(r"\s", "", raw).upper()
        if not _PASSPORT.fullmatch(cleaned):
            raise InvalidIdNumber(
                "id_number", "a passport number is 6-20 letters and digits", reason="format"
            )
        return cleaned
    match = _TAX_CODE.fullmatch(re.sub(r"\s", "", raw))
    if match is None:
        raise InvalidIdNumber(
            "id_number", "a tax code is 10 digits, or 10-3 digits for a branch", reason="format"
        )
    base = match.group(1)
    if tax_code_check_digit(base[:9]) != int(base[9]):
        raise InvalidIdNumber("id_number", f"{base} fails the tax code check digit", reason="checksum")
    return match.group(0)


def guess_id_kind(number: str) -> IdKind | None:
    """The kind a bare number most likely is, for search and for forms that do not ask."""
    digits = _clean_digits(number)
    if _DIGITS.fullmatch(digits):
        if len(digits) == 12:
            return IdKind.CCCD
        if len(digits) == 9:
            return IdKind.CMND
        if len(digits) == 10:
            return IdKind.TAX_CODE
    return None
