"""Which waiting ticket a counter calls next."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from app.domain.queue.model import InterleaveRule, Priority


@dataclass(frozen=True, slots=True)
class Candidate:
    uid: str
    service_code: str
    number: int | None
    priority: Priority
    queued_at: datetime
    target_counter: int | None


@dataclass(frozen=True, slots=True)
class Choice:
    candidate: Candidate
    priority_streak: int  # the counter's run of priority calls after this one


def _order(c: Candidate) -> tuple[datetime, int]:
    return (c.queued_at, c.number or 0)


def choose_next(
    candidates: Iterable[Candidate],
    *,
    counter: int,
    services: frozenset[str],
    rule: InterleaveRule,
    priority_streak: int,
) -> Choice | None:
    """Tickets transferred to this counter first; then priority classes interleaved with the others by
    `rule`; within each, the longest in line first."""
    mine: list[Candidate] = []
    priority: list[Candidate] = []
    normal: list[Candidate] = []
    for c in candidates:
        if c.target_counter is not None:
            if c.target_counter == counter:
                mine.append(c)
            continue
        if c.service_code not in services:
            continue
        (priority if c.priority.is_priority else normal).append(c)
    if mine:
        chosen = min(mine, key=_order)
    elif rule.priority_run == 0:
        pool = priority + normal
        if not pool:
            return None
        chosen = min(pool, key=_order)
    elif priority and (priority_streak < rule.priority_run or not normal):
        chosen = min(priority, key=_order)
    elif normal:
        chosen = min(normal, key=_order)
    else:
        return None
    streak = priority_streak + 1 if chosen.priority.is_priority else 0
    return Choice(chosen, streak)
