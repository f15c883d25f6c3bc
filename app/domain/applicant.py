"""Applicants (chủ hồ sơ): citizens and organisations."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from app.domain.errors import ValidationError
from app.domain.identity import IdKind, guess_id_kind, normalise_id_number
from app.domain.text import nfc, nfc_or_none

_PHONE = re.compile(r"0\d{9,10}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


class ApplicantKind(StrEnum):
    CITIZEN = "citizen"  # LoaiDoiTuong 1
    ORGANISATION = "organisation"  # LoaiDoiTuong 2 (doanh nghiệp) / 4 (tổ chức khác)


def normalise_phone(phone: str) -> str:
    """`+84 905.123.456` -> `0905123456`; mobile numbers have 10 digits, landlines 11."""
    digits = re.sub(r"[\s.\-()]", "", phone)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if not _PHONE.fullmatch(digits):
        raise ValidationError("phone", f"{phone!r} is not a Vietnamese phone number")
    return digits


@dataclass(frozen=True, slots=True)
class Applicant:
    name: str
    kind: ApplicantKind = ApplicantKind.CITIZEN
    id_kind: IdKind | None = None
    id_number: str | None = None
    birth_date: date | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None

    @classmethod
    def create(
        cls,
        *,
        name: str,
        today: date,
        kind: ApplicantKind = ApplicantKind.CITIZEN,
        id_kind: IdKind | str | None = None,
        id_number: str | None = None,
        birth_date: date | None = None,
        phone: str | None = None,
        email: str | None = None,
        address: str | None = None,
    ) -> Applicant:
        """Validate and normalise raw input (NFC, canonical ID and phone forms)."""
        clean_name = nfc(name)
        if not clean_name:
            raise ValidationError("applicant.name", "is empty")
        if len(clean_name) > 200:
            raise ValidationError("applicant.name", "is longer than 200 characters")
        number = nfc_or_none(id_number)
        resolved_kind: IdKind | None = None
        if number is not None:
            if id_kind is None:
                resolved_kind = guess_id_kind(number)
                if resolved_kind is None:
                    raise ValidationError(
                        "applicant.id_kind", "say which document this number is (cccd, cmnd, passport)"
                    )
            else:
                try:
                    resolved_kind = IdKind(id_kind)
                except ValueError as exc:
                    raise ValidationError("applicant.id_kind", f"unknown kind {id_kind!r}") from exc
            if kind is ApplicantKind.ORGANISATION and resolved_kind is IdKind.CMND:
                resolved_kind = IdKind.TAX_CODE  # a 10-digit number of an organisation is its tax code
            number = normalise_id_number(resolved_kind, number, today)
        if birth_date is not None and birth_date > today:
            raise ValidationError("applicant.birth_date", "is in the future")
        clean_email = nfc_or_none(email)
        if clean_email is not None and not _EMAIL.fullmatch(clean_email):
            raise ValidationError("applicant.email", f"{email!r} is not an e-mail address")
        return cls(
            name=clean_name,
            kind=kind,
            id_kind=resolved_kind,
            id_number=number,
            birth_date=birth_date,
            phone=normalise_phone(phone) if phone and phone.strip() else None,
            email=clean_email,
            address=nfc_or_none(address),
        )

    def with_updates(self, newer: Applicant) -> Applicant:
        """A returning applicant's record refreshed with what they gave this time; blanks keep old data."""
        return replace(
            self,
            name=newer.name,
            birth_date=newer.birth_date or self.birth_date,
            phone=newer.phone or self.phone,
            email=newer.email or self.email,
            address=newer.address or self.address,
        )
