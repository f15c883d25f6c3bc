from __future__ import annotations

from dataclasses import fields
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.applicant import Applicant
from app.domain.catalog import Component, Procedure, ProcessStep
from app.domain.dossier import DocumentKind, Dossier, ReceivedComponent, Reception, Timeliness, replay
from app.domain.errors import IllegalTransition, ValidationError
from app.domain.lifecycle import ALLOWED, Action, Status
from app.domain.timelimit import TimeLimit, TimeUnit

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
PROCEDURE = Procedure(
    code="1.001193.000.00.00.H48",
    name="Thủ tục đăng ký khai sinh",
    field_code="HT",
    field_name="Hộ tịch",
    time_limit=TimeLimit(3, TimeUnit.WORKING_DAYS),
    components=(
        Component("TK", "Tờ khai đăng ký khai sinh"),
        Component("GCS", "Giấy chứng sinh"),
        Component("UQ", "Văn bản ủy quyền", required=False),
    ),
    steps=(ProcessStep("Thẩm định", "Tư pháp", 8), ProcessStep("Ký duyệt", "Lãnh đạo", 4)),
)


def reception(received_at: datetime = T0, *, missing_gcs: bool = False) -> Reception:
    return Reception(
        uid="019c6a1e0f2a7000a000000000000001",
        code="000.00.53.H48-260302-0001",
        procedure=PROCEDURE,
        procedure_version="abc",
        applicant=Applicant(name="Nguyễn Thị Ngọc Ánh", id_number="051190001234"),
        components=(
            ReceivedComponent.from_catalogue(PROCEDURE.components[0]),
            ReceivedComponent.from_catalogue(PROCEDURE.components[1], received=not missing_gcs),
            ReceivedComponent.from_catalogue(PROCEDURE.components[2], received=False),
        ),
        office_code="OFFICE",
        received_at=received_at,
        received_by="lan.nguyen",
        rules_version="nd118-2025",
        counter_number=1,
    )


def received() -> Dossier:
    return Dossier.receive(reception(), due_at=T0 + timedelta(days=3))


def act(dossier: Dossier, action: Action, at: datetime) -> None:
    """Apply any action with plausible arguments."""
    common = {"at": at, "actor": "lan.nguyen"}
    match action:
        case Action.START_PROCESSING:
            dossier.start_processing(**common)
        case Action.COMPLETE_STEP:
            dossier.complete_step(**common)
        case Action.REQUEST_SUPPLEMENT:
            dossier.request_supplement(**common, reason="Thiếu giấy chứng sinh", missing=["Giấy chứng sinh"])
        case Action.RECEIVE_SUPPLEMENT:
            dossier.receive_supplement(**common, due_at=at + timedelta(days=3))
        case Action.REFUSE:
            dossier.refuse(**common, reason="Không thuộc thẩm quyền")
        case Action.MARK_RESULT_READY:
            dossier.mark_result_ready(**common)
        case Action.RETURN_RESULT:
            dossier.return_result(**common, collector_name="Nguyễn Thị Ngọc Ánh")
        case Action.WITHDRAW:
            dossier.withdraw(**common, reason="Công dân xin rút")
        case Action.STOP:
            dossier.stop(**common, reason="Có tranh chấp")
        case Action.APOLOGISE:
            assert dossier.due_at is not None
            dossier.apologise(
                **common, reason="Chờ xác minh", new_due_at=max(dossier.due_at, at) + timedelta(days=2)
            )
        case Action.ADD_NOTE:
            dossier.add_note(**common, text="Đã gọi điện cho công dân")
        case Action.ADD_DOCUMENT:
            dossier.add_document(
                **common,
                kind=DocumentKind.SCAN,
                sha256="ab" * 32,
                size=10,
                name="Bản chụp",
                component_code="GCS",
            )


def state(dossier: Dossier) -> dict[str, object]:
    return {f.name: getattr(dossier, f.name) for f in fields(dossier) if f.name != "pending"}


def test_reception_starts_the_history() -> None:
    dossier = received()
    assert dossier.status is Status.RECEIVED
    assert dossier.version == 1
    [event] = dossier.collect_events()
    assert event.type.value == "received"
    assert event.key == f"{dossier.uid}.1"
    assert event.payload["components"] == {"TK": [1, 0], "GCS": [1, 0]}  # the optional one was not handed in
    assert "name" not in event.payload["procedure"]  # names live in the catalogue version


def test_a_complete_dossier_needs_its_required_components() -> None:
    with pytest.raises(ValidationError, match="Giấy chứng sinh"):
        Dossier.receive(reception(missing_gcs=True), due_at=T0 + timedelta(days=3))


def test_due_must_follow_receipt_and_times_must_be_aware() -> None:
    with pytest.raises(ValidationError):
        Dossier.receive(reception(), due_at=T0)
    with pytest.raises(ValidationError):
        Dossier.receive(reception(), due_at=datetime(2026, 3, 5, 8, 0))


@pytest.mark.parametrize("action", list(Action))
@pytest.mark.parametrize(
    "path",
    [
        [],
        [Action.START_PROCESSING],
        [Action.REQUEST_SUPPLEMENT],
        [Action.REFUSE],
        [Action.MARK_RESULT_READY],
        [Action.MARK_RESULT_READY, Action.RETURN_RESULT],
        [Action.WITHDRAW],
        [Action.STOP],
    ],
)
def test_every_action_is_allowed_exactly_where_the_table_says(path: list[Action], action: Action) -> None:
    dossier = received()
    at = T0
    for step in path:
        at += timedelta(hours=1)
        act(dossier, step, at)
    status, version = dossier.status, dossier.version
    allowed = status in ALLOWED[action]
    if action is Action.COMPLETE_STEP and allowed:
        allowed = dossier.step_index < len(dossier.steps)
    if allowed:
        act(dossier, action, at + timedelta(hours=1))
        assert dossier.version == version + 1
    else:
        with pytest.raises(IllegalTransition):
            act(dossier, action, at + timedelta(hours=1))
        assert (dossier.status, dossier.version) == (status, version)  # nothing changed


def test_steps_are_completed_in_order_and_not_beyond_the_process() -> None:
    dossier = received()
    act(dossier, Action.START_PROCESSING, T0 + timedelta(hours=1))
    assert dossier.current_step == PROCEDURE.steps[0]
    act(dossier, Action.COMPLETE_STEP, T0 + timedelta(hours=2))
    assert dossier.current_step == PROCEDURE.steps[1]
    act(dossier, Action.COMPLETE_STEP, T0 + timedelta(hours=3))
    with pytest.raises(IllegalTransition, match="no step left"):
        act(dossier, Action.COMPLETE_STEP, T0 + timedelta(hours=4))


def test_apology_moves_the_appointment_and_keeps_the_first_one() -> None:
    dossier = received()
    first_due = dossier.due_at
    assert first_due is not None
    act(dossier, Action.APOLOGISE, first_due - timedelta(hours=1))
    act(dossier, Action.APOLOGISE, first_due)
    assert dossier.original_due_at == first_due
    assert dossier.due_at == first_due + timedelta(days=4)
    assert dossier.apologies == 2
    with pytest.raises(ValidationError, match="later"):
        dossier.apologise(at=first_due, actor="x", reason="lý do", new_due_at=first_due)
    with pytest.raises(IllegalTransition, match="allow 2"):
        dossier.apologise(
            at=first_due, actor="x", reason="lý do", new_due_at=first_due + timedelta(days=9), max_apologies=2
        )


def test_reasons_are_required_where_a_form_prints_them() -> None:
    dossier = received()
    with pytest.raises(ValidationError, match="reason"):
        dossier.refuse(at=T0, actor="lan.nguyen", reason="   ")


def test_overdue_is_derived_and_the_clock_pauses_for_a_supplement() -> None:
    dossier = received()
    assert dossier.due_at is not None
    assert not dossier.is_overdue(dossier.due_at)
    assert dossier.is_overdue(dossier.due_at + timedelta(seconds=1))
    act(dossier, Action.REQUEST_SUPPLEMENT, T0 + timedelta(hours=1))
    assert not dossier.is_overdue(dossier.due_at + timedelta(days=30))
    assert dossier.paused_at == T0 + timedelta(hours=1)


def test_timeliness_of_the_result() -> None:
    on_time = received()
    assert on_time.due_at is not None
    on_time.mark_result_ready(at=on_time.due_at - timedelta(minutes=5), actor="x")
    assert on_time.timeliness() is Timeliness.ON_TIME
    early = received()
    early.mark_result_ready(at=T0 + timedelta(hours=1), actor="x")
    assert early.timeliness() is Timeliness.EARLY
    late = received()
    assert late.due_at is not None
    late.mark_result_ready(at=late.due_at + timedelta(minutes=1), actor="x")
    assert late.timeliness() is Timeliness.LATE


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(list(Action)), st.integers(1, 600)), max_size=12))
def test_replaying_the_history_rebuilds_the_same_dossier(script: list[tuple[Action, int]]) -> None:
    dossier = received()
    history = dossier.collect_events()
    at = T0
    for action, minutes in script:
        at += timedelta(minutes=minutes)
        try:
            act(dossier, action, at)
        except (IllegalTransition, ValidationError):
            continue
        history += dossier.collect_events()
    assert [e.seq for e in history] == list(range(1, len(history) + 1))
    assert state(replay(history, PROCEDURE)) == state(dossier)


def test_a_history_must_start_with_a_creation_event() -> None:
    dossier = received()
    events = dossier.collect_events()
    act(dossier, Action.START_PROCESSING, T0 + timedelta(hours=1))
    events += dossier.collect_events()
    with pytest.raises(ValidationError):
        replay(events[1:], PROCEDURE)
    with pytest.raises(ValidationError):
        replay([], PROCEDURE)
