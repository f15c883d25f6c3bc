"""What an ID number says while it is being typed (no Qt): its kind, and for a CCCD the province of
birth registration, sex and birth year, or why it cannot exist. The screen words it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from app.domain.errors import InvalidIdNumber
from app.domain.identity import CCCD_PROVINCES, MAX_AGE_YEARS, IdKind, Sex, normalise_id_number, parse_cccd

_PASSPORT = re.compile(r"[A-Za-z][A-Za-z0-9]{5,19}")
_SEPARATORS = re.compile(r"[\s.]")


class IdState(StrEnum):
    EMPTY = "empty"
    TYPING = "typing"  # a prefix of something valid
    VALID = "valid"
    INVALID = "invalid"


@dataclass(frozen=True, slots=True)
class IdCheck:
    state: IdState
    kind: IdKind | None = None
    digits: int = 0  # digits typed so far
    province: str | None = None  # name, when the first three digits are a province code
    province_code: str | None = None
    sex: Sex | None = None
    birth_year: int | None = None
    reason: str | None = None  # InvalidIdNumber's reason code when INVALID


def id_kind_of(number: str) -> str | None:
    """The kind to record for a typed number: the core guesses digits; letters make a passport."""
    cleaned = _SEPARATORS.sub("", number)
    if _PASSPORT.fullmatch(cleaned):
        return IdKind.PASSPORT.value
    return None


def _cccd_prefix(digits: str, today: date) -> IdCheck:
    """What the first digits of a CCCD already say, or why they cannot start one."""
    n = len(digits)
    province_code = digits[:3] if n >= 3 else None
    province = CCCD_PROVINCES.get(province_code) if province_code else None
    if province_code and province is None and province_code.startswith("0"):
        return IdCheck(IdState.INVALID, IdKind.CCCD, n, province_code=province_code, reason="province")
    sex = birth_year = None
    if n >= 4:
        century = int(digits[3])
        sex = Sex.MALE if century % 2 == 0 else Sex.FEMALE
    if n >= 6:
        birth_year = 1900 + 100 * (int(digits[3]) // 2) + int(digits[4:6])
        if birth_year > today.year:
            return IdCheck(
                IdState.INVALID, IdKind.CCCD, n, province, province_code, sex, birth_year, "future"
            )
        if today.year - birth_year > MAX_AGE_YEARS:
            return IdCheck(IdState.INVALID, IdKind.CCCD, n, province, province_code, sex, birth_year, "age")
    return IdCheck(IdState.TYPING, IdKind.CCCD, n, province, province_code, sex, birth_year)


def check_id(text: str, today: date) -> IdCheck:
    raw = text.strip()
    if not raw:
        return IdCheck(IdState.EMPTY)
    cleaned = _SEPARATORS.sub("", raw)
    if cleaned.isdigit():
        n = len(cleaned)
        if n > 12:
            return IdCheck(IdState.INVALID, IdKind.CCCD, n, reason="length")
        prefix = _cccd_prefix(cleaned, today)
        if n == 12:
            if prefix.state is IdState.INVALID:
                return prefix
            try:
                info = parse_cccd(cleaned, today)
            except InvalidIdNumber as exc:
                return IdCheck(IdState.INVALID, IdKind.CCCD, n, reason=str(exc.params.get("reason")))
            return IdCheck(
                IdState.VALID, IdKind.CCCD, n, info.province, info.province_code, info.sex, info.birth_year
            )
        if n == 9:
            return IdCheck(IdState.VALID, IdKind.CMND, n)
        if n == 10:
            try:
                normalise_id_number(IdKind.TAX_CODE, cleaned, today)
                return IdCheck(IdState.VALID, IdKind.TAX_CODE, n)
            except InvalidIdNumber:
                pass
        return prefix
    if re.fullmatch(r"\d{10}-\d{0,3}", cleaned):
        try:
            normalise_id_number(IdKind.TAX_CODE, cleaned, today)
            return IdCheck(IdState.VALID, IdKind.TAX_CODE, 10)
        except InvalidIdNumber as exc:
            if len(cleaned) == 14:
                return IdCheck(IdState.INVALID, IdKind.TAX_CODE, 10, reason=str(exc.params.get("reason")))
            return IdCheck(IdState.TYPING, IdKind.TAX_CODE, 10)
    if _PASSPORT.fullmatch(cleaned):
        return IdCheck(IdState.VALID, IdKind.PASSPORT)
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9]{0,4}", cleaned):
        return IdCheck(IdState.TYPING, IdKind.PASSPORT)
    return IdCheck(IdState.INVALID, reason="format")
