from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.applicant import Applicant, ApplicantKind, normalise_phone
from app.domain.errors import InvalidIdNumber, ValidationError
from app.domain.identity import IdKind, normalise_id_number, parse_cccd, tax_code_check_digit
from app.domain.text import fold, nfc, search_tokens

TODAY = date(2026, 11, 30)


def test_fold_removes_every_vietnamese_mark() -> None:
    assert fold("Nguyễn Thị Ngọc Ánh") == "nguyen thi ngoc anh"
    assert fold("ĐẶNG Đức Ưng") == "dang duc ung"
    assert fold("  Hồ   Xuân\tHương ") == "ho xuan huong"


def test_nfc_recomposes_decomposed_input() -> None:
    decomposed = unicodedata.normalize("NFD", "Phạm Văn Đồng")
    assert decomposed != "Phạm Văn Đồng"
    assert nfc(decomposed) == "Phạm Văn Đồng"


@given(st.text())
def test_fold_is_ascii_lowercase_and_idempotent(text: str) -> None:
    folded = fold(text)
    assert fold(folded) == folded
    for letter in "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ":
        assert letter not in folded


def test_search_tokens_split_on_punctuation() -> None:
    assert search_tokens("Nguyễn-Thị, Ánh") == ["nguyen", "thi", "anh"]


def test_cccd_structure_is_decoded() -> None:
    info = parse_cccd("051095001234", TODAY)  # male, born 1995, birth registered in Quảng Ngãi
    assert (info.province, info.birth_year, info.sex.value) == ("Quảng Ngãi", 1995, "male")
    info = parse_cccd("062305001234", TODAY)  # female, born 2005, Kon Tum
    assert (info.province, info.birth_year, info.sex.value) == ("Kon Tum", 2005, "female")


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        ("05119500123", "length"),  # 11 digits
        ("0511950012345", "length"),
        ("05119500123a", "length"),
        ("003195001234", "province"),  # 003 is no province
        ("051299001234", "future"),  # a man born in 2099
        ("051750001234", "age"),  # century digit 7 means 2200s: future
    ],
)
def test_impossible_cccd_is_refused_with_its_reason(number: str, reason: str) -> None:
    with pytest.raises(InvalidIdNumber) as caught:
        parse_cccd(number, TODAY)
    assert caught.value.params["reason"] in (reason, "future")


@given(
    province=st.sampled_from(["001", "038", "051", "062", "079", "096"]),
    year=st.integers(1901, 2026),
    female=st.booleans(),
    serial=st.integers(0, 999_999),
)
def test_every_structurally_valid_cccd_round_trips(
    province: str, year: int, female: bool, serial: int
) -> None:
    century_digit = (year - 1900) // 100 * 2 + int(female)
    number = f"{province}{century_digit}{year % 100:02d}{serial:06d}"
    info = parse_cccd(number, TODAY)
    assert info.birth_year == year
    assert info.sex.value == ("female" if female else "male")
    assert normalise_id_number(IdKind.CCCD, f"{number[:4]} {number[4:8]} {number[8:]}", TODAY) == number


def test_tax_code_check_digit_matches_real_codes() -> None:
    assert tax_code_check_digit("010010910") == 6  # Viettel, 0100109106
    assert normalise_id_number(IdKind.TAX_CODE, "0100109106-001", TODAY) == "0100109106-001"
    with pytest.raises(InvalidIdNumber):
        normalise_id_number(IdKind.TAX_CODE, "0100109107", TODAY)


def test_cmnd_and_passport() -> None:
    assert normalise_id_number(IdKind.CMND, "212 345 678", TODAY) == "212345678"
    assert normalise_id_number(IdKind.PASSPORT, "c1234567", TODAY) == "C1234567"
    with pytest.raises(InvalidIdNumber):
        normalise_id_number(IdKind.CMND, "21234567", TODAY)


def test_phone_forms_are_normalised() -> None:
    assert normalise_phone("+84 905.123.456") == "0905123456"
    assert normalise_phone("0255 3822 123") == "02553822123"
    with pytest.raises(ValidationError):
        normalise_phone("12345")


def test_applicant_input_is_normalised_and_validated() -> None:
    applicant = Applicant.create(
        name=unicodedata.normalize("NFD", "  Lê   Thị Hồng "),
        today=TODAY,
        id_number="051 190 001 234",
        phone="+84905123456",
        address="Số 5  Hùng Vương",
    )
    assert applicant.name == "Lê Thị Hồng"
    assert applicant.id_kind is IdKind.CCCD
    assert applicant.id_number == "051190001234"
    assert applicant.phone == "0905123456"
    with pytest.raises(ValidationError):
        Applicant.create(name=" ", today=TODAY)
    with pytest.raises(ValidationError):
        Applicant.create(name="A", today=TODAY, id_number="12345")  # kind cannot be guessed
    organisation = Applicant.create(
        name="Công ty TNHH Ba Tơ", today=TODAY, id_number="0100109106", kind=ApplicantKind.ORGANISATION
    )
    assert organisation.id_kind is IdKind.TAX_CODE
