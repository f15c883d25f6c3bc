"""The dossier lifecycle of Circular 01/2018/TT-VPCP as an explicit state machine."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum


class Status(StrEnum):
    RECEIVED = "received"  # đã tiếp nhận
    IN_PROCESSING = "in_processing"  # đang xử lý
    SUPPLEMENT_REQUESTED = "supplement_requested"  # yêu cầu bổ sung
    REFUSED = "refused"  # từ chối tiếp nhận / giải quyết
    RESULT_READY = "result_ready"  # đã có kết quả, chờ trả
    RETURNED = "returned"  # đã trả kết quả
    WITHDRAWN = "withdrawn"  # công dân rút hồ sơ
    STOPPED = "stopped"  # dừng xử lý


class Action(StrEnum):
    START_PROCESSING = "start"
    COMPLETE_STEP = "complete-step"
    REQUEST_SUPPLEMENT = "request-supplement"
    RECEIVE_SUPPLEMENT = "receive-supplement"
    REFUSE = "refuse"
    MARK_RESULT_READY = "result-ready"
    RETURN_RESULT = "return"
    WITHDRAW = "withdraw"
    STOP = "stop"
    APOLOGISE = "apologise"
    ADD_NOTE = "note"
    ADD_DOCUMENT = "document"


TERMINAL: frozenset[Status] = frozenset({Status.REFUSED, Status.RETURNED, Status.WITHDRAWN, Status.STOPPED})
# Statuses in which the legal clock runs; a supplement request pauses it.
CLOCK_RUNNING: frozenset[Status] = frozenset({Status.RECEIVED, Status.IN_PROCESSING})
UNFINISHED: frozenset[Status] = frozenset(
    {Status.RECEIVED, Status.IN_PROCESSING, Status.SUPPLEMENT_REQUESTED}
)
ALL_STATUSES: frozenset[Status] = frozenset(Status)

# Which actions each status allows. The target status of most actions is fixed; RECEIVE_SUPPLEMENT goes back
# to where the dossier was, and APOLOGISE/ADD_NOTE/COMPLETE_STEP keep the status.
ALLOWED: dict[Action, frozenset[Status]] = {
    Action.START_PROCESSING: frozenset({Status.RECEIVED}),
    Action.COMPLETE_STEP: frozenset({Status.IN_PROCESSING}),
    Action.REQUEST_SUPPLEMENT: frozenset({Status.RECEIVED, Status.IN_PROCESSING}),
    Action.RECEIVE_SUPPLEMENT: frozenset({Status.SUPPLEMENT_REQUESTED}),
    Action.REFUSE: UNFINISHED,
    Action.MARK_RESULT_READY: frozenset({Status.RECEIVED, Status.IN_PROCESSING}),
    Action.RETURN_RESULT: frozenset({Status.RESULT_READY}),
    Action.WITHDRAW: UNFINISHED | {Status.RESULT_READY},
    Action.STOP: frozenset({Status.RECEIVED, Status.IN_PROCESSING}),
    Action.APOLOGISE: UNFINISHED,
    Action.ADD_NOTE: ALL_STATUSES,
    Action.ADD_DOCUMENT: ALL_STATUSES,  # a reprint of a receipt, a scan of a late paper: always allowed
}

TARGET: dict[Action, Status] = {
    Action.START_PROCESSING: Status.IN_PROCESSING,
    Action.REQUEST_SUPPLEMENT: Status.SUPPLEMENT_REQUESTED,
    Action.REFUSE: Status.REFUSED,
    Action.MARK_RESULT_READY: Status.RESULT_READY,
    Action.RETURN_RESULT: Status.RETURNED,
    Action.WITHDRAW: Status.WITHDRAWN,
    Action.STOP: Status.STOPPED,
}

# Actions that must say why: the reason is printed on the citizen's paper (Mẫu 02, 03, 04).
NEEDS_REASON: frozenset[Action] = frozenset(
    {
        Action.REQUEST_SUPPLEMENT,
        Action.REFUSE,
        Action.WITHDRAW,
        Action.STOP,
        Action.APOLOGISE,
        Action.ADD_NOTE,
    }
)


def allowed_actions(status: Status) -> list[Action]:
    return [action for action, sources in ALLOWED.items() if status in sources]


def is_overdue(status: Status, due_at: datetime | None, now: datetime) -> bool:
    """Past its appointment while the legal clock runs (the one rule; lists and dossiers share it)."""
    return status in CLOCK_RUNNING and due_at is not None and now > due_at
