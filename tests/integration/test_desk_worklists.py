"""The look-ups and worklists the desk screens read: procedures, returning applicants, the appointment
preview, the apology preview, dossiers due today, the overdue list and the day's report."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from app.domain.errors import ValidationError
from app.domain.lifecycle import Action, Status
from app.services.desk_lookups import (
    all_procedures,
    appointment_for,
    canonical_id_number,
    find_applicant,
    get_procedure,
    office_officers,
    preview_apology,
)
from app.services.reception import ApplicantInput, Decision, ReceptionRequest, receive_dossier
from app.services.transitions import TransitionRequest, transition
from app.services.worklists import OverdueQuery, day_bounds, day_report, due_today, overdue
from tests.support import FixedClock

BIRTH = "1.001193.000.00.00.H48"  # 1 working day
RESIDENCE = "1.004222.000.00.00.H48"  # 7 working days


def _receive(desk: Any, name: str, procedure: str = BIRTH, **kwargs: Any) -> str:
    applicant = ApplicantInput(name, kwargs.pop("id_number", None), phone=kwargs.pop("phone", None))
    return receive_dossier(desk.services, ReceptionRequest(procedure, applicant, **kwargs)).code


def test_procedures_and_officers_of_the_demo_office(desk: Any) -> None:
    procedures = all_procedures(desk.services)
    assert len(procedures) == 24
    assert [p.code for p in procedures] == sorted(p.code for p in procedures)
    assert get_procedure(desk.services, f" {BIRTH} ").name == "Thủ tục đăng ký khai sinh"
    officers = {o.username: o.full_name for o in office_officers(desk.services)}
    assert officers["lan.nguyen"] == "Nguyễn Thị Lan"


def test_a_returning_applicant_is_found_by_id_number_however_it_is_typed(desk: Any) -> None:
    assert find_applicant(desk.services, "051190001234") is None
    _receive(desk, "Nguyễn Thị Ngọc Ánh", id_number="051190001234", phone="0905 123 456")
    for typed in ("051190001234", " 051 190 001 234 ", "051.190.001.234"):
        found = find_applicant(desk.services, typed)
        assert found is not None
        assert (found.name, found.phone) == ("Nguyễn Thị Ngọc Ánh", "0905123456")
    assert find_applicant(desk.services, "") is None
    assert find_applicant(desk.services, "0511") is None  # too short to be anything
    assert canonical_id_number("099190001234", desk.services) is None  # no such province


def test_the_appointment_preview_is_what_reception_records(desk: Any, clock: FixedClock) -> None:
    procedure = get_procedure(desk.services, RESIDENCE)
    preview = appointment_for(desk.services, procedure)
    code = _receive(desk, "Trần Văn Bình", RESIDENCE)
    with desk.services.uow(write=False) as uow:
        assert uow.dossiers.get(code).due_at == preview
    # Monday 08:00 + 7 working days = Wednesday of the next week, 08:00.
    assert desk.services.local(preview) == datetime(2026, 3, 11, 8, 0, tzinfo=desk.services.tz)


def test_apology_preview_moves_the_appointment_without_writing(desk: Any, clock: FixedClock) -> None:
    code = _receive(desk, "Lê Thị Hồng Đào")
    clock.advance(days=2)
    with desk.services.uow(write=False) as uow:
        before = uow.dossiers.history(code)
    preview = preview_apology(desk.services, code, 2)
    assert preview.new_due > preview.current_due
    with desk.services.uow(write=False) as uow:
        assert uow.dossiers.history(code) == before
    done = transition(
        desk.services,
        TransitionRequest(code, Action.APOLOGISE, reason="Chờ xác minh", extra_working_days=2),
    )
    assert done.due_at == preview.new_due
    with pytest.raises(ValidationError):
        preview_apology(desk.services, code, 0)


def test_due_today_overdue_and_the_day_report(desk: Any, clock: FixedClock) -> None:
    monday = clock.moment
    late = _receive(desk, "Nguyễn Văn An")  # due Tuesday 08:00
    clock.advance(days=1)  # Tuesday 08:00
    due = _receive(desk, "Trần Thị Bé", officer="ngoc.dang")  # due Wednesday 08:00
    _receive(desk, "Phạm Văn Cường", RESIDENCE)
    _receive(desk, "Lê Văn Dũng", decision=Decision.SUPPLEMENT, missing=["Giấy chứng sinh"])
    clock.advance(days=1, hours=2)  # Wednesday 10:00

    assert [r.code for r in overdue(desk.services)] == [late, due]
    assert [r.code for r in overdue(desk.services, OverdueQuery(received_by="ngoc.dang"))] == [due]
    assert overdue(desk.services, OverdueQuery(procedure_code=RESIDENCE)) == []
    assert [r.code for r in due_today(desk.services)] == [due]  # Tuesday's late one is not due today

    clock.moment = monday.replace(hour=2) + timedelta(days=1)  # back to Tuesday 09:00
    report = day_report(desk.services, "lan.nguyen")
    assert report.day.isoformat() == "2026-03-03"
    assert report.received == {Status.RECEIVED: 2, Status.SUPPLEMENT_REQUESTED: 1}
    assert report.received_by_officer == {Status.RECEIVED: 1, Status.SUPPLEMENT_REQUESTED: 1}
    assert report.by_officer == {"lan.nguyen": 2, "ngoc.dang": 1}
    assert (report.received_total, report.officer_total, report.overdue_now) == (3, 2, 1)
    assert report.due_today == 1  # the first one, due Tuesday 08:00 (late since)
    start, end = day_bounds(desk.services, report.day)
    assert start.astimezone(UTC) == datetime(2026, 3, 2, 17, 0, tzinfo=UTC)  # local midnight
    assert end - start == timedelta(days=1)
