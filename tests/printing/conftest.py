"""Fixtures of printing tests: a demo desk with printing wired, and dossiers in each state a form needs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from app.domain.lifecycle import Action
from app.services.reception import ApplicantInput, Decision, ReceptionRequest, receive_dossier
from app.services.transitions import TransitionRequest, transition

BIRTH = "1.001193.000.00.00.H48"  # đăng ký khai sinh: 1 working day, 4 steps

ANH = ApplicantInput(
    "Nguyễn Thị Ngọc Ánh",
    "051190001234",
    phone="0905 123 456",
    email="anh.nguyen@example.vn",
    address="Số 12 Hùng Vương, phường Cẩm Thành, tỉnh Quảng Ngãi",
)


@pytest.fixture
def printing(desk: Any) -> Iterator[Any]:
    from printing.wiring import open_printing

    yield open_printing(desk)


def receive(desk: Any, **kw: Any) -> str:
    request = ReceptionRequest(BIRTH, kw.pop("applicant", ANH), summary="Đăng ký khai sinh cho con", **kw)
    return receive_dossier(desk.services, request).code


def move(desk: Any, code: str, action: Action, **kw: Any) -> None:
    transition(desk.services, TransitionRequest(code, action, **kw))


@pytest.fixture
def received(desk: Any) -> str:
    return receive(desk)


@pytest.fixture
def incomplete(desk: Any) -> str:
    return receive(
        desk,
        decision=Decision.SUPPLEMENT,
        reason="Thiếu Giấy chứng sinh bản chính",
        missing=["Giấy chứng sinh (bản chính)", "Văn bản ủy quyền có chứng thực"],
    )


@pytest.fixture
def refused(desk: Any) -> str:
    return receive(
        desk, decision=Decision.REFUSE, reason="Hồ sơ không thuộc thẩm quyền giải quyết của đơn vị"
    )
