"""Synthetic but realistic dossiers for benchmarks and demos (`motcua dev seed`).

Names follow the surname shares of Vietnam, CCCD numbers have the real structure (mostly born in Quảng
Ngãi, 051), phones use real mobile prefixes, procedures and components come from the catalogue, receipts
fall in working hours of working days, and each history goes through the real aggregate, so every event
passed the state machine. Deterministic for a given seed.
"""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import accumulate
from typing import Any

from app.domain.applicant import Applicant
from app.domain.calendar import DueMethod, WorkingCalendar
from app.domain.catalog import Procedure
from app.domain.dossier import Dossier, ReceivedComponent, Reception
from app.domain.errors import ValidationError
from app.domain.identity import IdKind
from app.domain.ids import uid7
from app.domain.rules import RuleBook

MOBILE_PREFIXES = (
    "032",
    "033",
    "034",
    "035",
    "036",
    "037",
    "038",
    "039",
    "070",
    "076",
    "077",
    "078",
    "079",
    "081",
    "082",
    "083",
    "084",
    "085",
    "086",
    "088",
    "089",
    "090",
    "091",
    "093",
    "094",
    "096",
    "097",
    "098",
    "099",
)
BIRTH_PROVINCES = (
    ("051", 78.0),
    ("062", 8.0),
    ("049", 3.0),
    ("052", 3.0),
    ("048", 3.0),
    ("079", 2.0),
    ("001", 1.5),
    ("064", 1.5),
)


class _Weighted:
    def __init__(self, items: Sequence[Any], weights: Sequence[float]) -> None:
        self.items = list(items)
        self.cumulative = list(accumulate(weights))
        self.total = self.cumulative[-1]

    def pick(self, rng: random.Random) -> Any:
        return self.items[bisect(self.cumulative, rng.random() * self.total)]


@dataclass(frozen=True, slots=True)
class SeedContext:
    procedures: Sequence[tuple[Procedure, str]]  # with their catalogue fingerprints
    officers: Sequence[tuple[str, int | None]]  # username, counter
    names: dict[str, Any]
    places: Sequence[str]
    streets: Sequence[str]
    office_code: str
    unit_code: str
    calendar: WorkingCalendar
    rules: RuleBook
    now: datetime
    days_back: int = 730
    slots: Sequence[int] = (0, 1, 2, 3, 4, 5, 6, 7, 8, 9)


@dataclass(frozen=True, slots=True)
class DaySlice:
    day: date
    total: int  # dossiers received that day in all
    first: int  # index of the first one in this slice
    count: int


@dataclass(frozen=True, slots=True)
class Chunk:
    """A unit of generation and of writing: one transaction's worth of dossiers, in receipt order."""

    index: int
    slices: tuple[DaySlice, ...]

    @property
    def size(self) -> int:
        return sum(s.count for s in self.slices)


def working_days(context: SeedContext) -> list[date]:
    today = context.now.astimezone(context.calendar.tz).date()
    days = (today - timedelta(days=n) for n in range(1, context.days_back + 1))
    return sorted(d for d in days if context.calendar.is_workday(d))


def plan(context: SeedContext, count: int, batch: int, seed: int) -> list[Chunk]:
    """Spread `count` receipts over the working days (traffic growing over time) and cut them into
    chunks of exactly `batch`; a pure function of its arguments, so any worker can build any chunk."""
    rng = random.Random(f"{seed}:plan")
    days = working_days(context)
    if not days:
        raise ValidationError("days", "no working day in the period to seed")
    weights = [(1 + i / len(days)) * rng.uniform(0.7, 1.3) for i in range(len(days))]
    total = sum(weights)
    per_day = [int(count * w / total) for w in weights]
    for i in rng.sample(range(len(days)), count - sum(per_day)) if count > sum(per_day) else ():
        per_day[i] += 1
    capacity = len(context.slots) * (context.rules.rulesets[-1].code_format.block_size - 1)
    if max(per_day) > capacity:
        raise ValidationError(
            "count", f"{max(per_day)} dossiers in one day exceed the {capacity} codes of a day"
        )
    chunks: list[Chunk] = []
    current: list[DaySlice] = []
    room = batch
    for day, total_of_day in zip(days, per_day, strict=True):
        first = 0
        while first < total_of_day:
            take = min(room, total_of_day - first)
            current.append(DaySlice(day, total_of_day, first, take))
            first += take
            room -= take
            if room == 0:
                chunks.append(Chunk(len(chunks), tuple(current)))
                current, room = [], batch
    if current:
        chunks.append(Chunk(len(chunks), tuple(current)))
    return chunks


def slot_and_n(
    context: SeedContext, taken: Mapping[tuple[date, int], int], day: date, j: int
) -> tuple[int, int]:
    """The desk slot and per-slot number of the j-th dossier of a day: round robin over the slots,
    after whatever codes were already taken."""
    slot = context.slots[j % len(context.slots)]
    return slot, taken.get((day, slot), 0) + j // len(context.slots) + 1


def high_water_marks(
    context: SeedContext, taken: Mapping[tuple[date, int], int], chunk: Chunk
) -> set[tuple[str, str, int, int]]:
    marks: dict[tuple[date, int], int] = {}
    for piece in chunk.slices:
        for j in range(piece.first, piece.first + piece.count):
            slot, n = slot_and_n(context, taken, piece.day, j)
            marks[(piece.day, slot)] = max(marks.get((piece.day, slot), 0), n)
    return {(context.unit_code, day.isoformat(), slot, n) for (day, slot), n in marks.items()}


def _procedure_weights(procedures: Sequence[tuple[Procedure, str]]) -> list[float]:
    # Civil status and certification make most of the traffic at a one-stop counter.
    heavy = {"HT": 4.0, "CT": 6.0, "DD": 2.0, "CTR": 3.0, "CC": 3.0}
    return [heavy.get(p.field_code, 1.0) for p, _ in procedures]


class SyntheticDossiers:
    def __init__(
        self, context: SeedContext, seed: int = 1, taken: Mapping[tuple[date, int], int] | None = None
    ) -> None:
        self.ctx = context
        self.seed = seed
        self.rng = random.Random(seed)
        self.taken = dict(taken or {})
        names = context.names
        self._surnames = _Weighted([s for s, _ in names["surnames"]], [w for _, w in names["surnames"]])
        self._procedures = _Weighted(list(context.procedures), _procedure_weights(context.procedures))
        self._birth = _Weighted([p for p, _ in BIRTH_PROVINCES], [w for _, w in BIRTH_PROVINCES])
        self._clock_ms = int(context.now.timestamp() * 1000)
        self._seen_applicants: list[Applicant] = []
        self._components: dict[str, tuple[ReceivedComponent, ...]] = {}
        self._sessions = context.calendar.sessions

    def _uid(self) -> str:
        # Time-ordered like the desk's own ids, from the moment being simulated.
        return uid7(self._clock_ms, self.rng.getrandbits(74))

    def _moments(self, day: date, total: int) -> list[datetime]:
        """Every receipt time of a day, sorted; from the day's own random stream, so a day split
        between two chunks gets the same times in both."""
        rng = random.Random(f"{self.seed}:{day.isoformat()}")
        moments = []
        for _ in range(total):
            session = self._sessions[rng.randrange(len(self._sessions))]
            start = datetime.combine(day, session.start, tzinfo=self.ctx.calendar.tz)
            span = (datetime.combine(day, session.end) - datetime.combine(day, session.start)).seconds
            moments.append(start + timedelta(seconds=rng.randrange(span - 60)))
        return sorted(moments)

    def _applicant(self, today: date) -> Applicant:
        rng = self.rng
        female = rng.random() < 0.52
        sex = "female" if female else "male"
        names = self.ctx.names
        name = (
            f"{self._surnames.pick(rng)} {rng.choice(names['middle'][sex])} {rng.choice(names['given'][sex])}"
        )
        birth_year = rng.randint(today.year - 80, today.year - 18)
        century = (birth_year - 1900) // 100
        digit = century * 2 + (1 if female else 0)
        cccd = f"{self._birth.pick(rng)}{digit}{birth_year % 100:02d}{rng.randrange(1_000_000):06d}"
        birth = date(birth_year, rng.randint(1, 12), rng.randint(1, 28))
        phone = f"{rng.choice(MOBILE_PREFIXES)}{rng.randrange(10_000_000):07d}"
        address = (
            f"Số {rng.randint(1, 399)} {rng.choice(self.ctx.streets)}, {rng.choice(self.ctx.places)}, "
            "tỉnh Quảng Ngãi"
        )
        # Built directly: the parts above are valid by construction, and validation is tested elsewhere.
        return Applicant(
            name=name, id_kind=IdKind.CCCD, id_number=cccd, birth_date=birth, phone=phone, address=address
        )

    def _returning_or_new(self, day: date) -> Applicant:
        # About a quarter of the people at a counter have been there before (same CCCD, same record).
        if self._seen_applicants and self.rng.random() < 0.25:
            return self.rng.choice(self._seen_applicants)
        applicant = self._applicant(day)
        if len(self._seen_applicants) < 50_000:
            self._seen_applicants.append(applicant)
        else:
            self._seen_applicants[self.rng.randrange(50_000)] = applicant
        return applicant

    def _handed_in(self, procedure: Procedure) -> tuple[ReceivedComponent, ...]:
        # Everything the catalogue lists, as listed: the same immutable tuple for every dossier of it.
        found = self._components.get(procedure.code)
        if found is None:
            found = tuple(ReceivedComponent.from_catalogue(c) for c in procedure.components)
            self._components[procedure.code] = found
        return found

    def _code(self, day: date, j: int, received: datetime) -> str:
        code_format = self.ctx.rules.in_force(received.astimezone(self.ctx.calendar.tz)).code_format
        slot, n = slot_and_n(self.ctx, self.taken, day, j)
        return code_format.format(self.ctx.unit_code, day, code_format.sequence(slot, n))

    def one(self, received: datetime, j: int) -> Dossier:
        """The j-th dossier of its day, received at `received`."""
        rng = self.rng
        ctx = self.ctx
        day = received.astimezone(ctx.calendar.tz).date()
        self._clock_ms = int(received.timestamp() * 1000)
        procedure, fingerprint = self._procedures.pick(rng)
        officer, counter = rng.choice(ctx.officers)
        rules = ctx.rules.in_force(received.astimezone(ctx.calendar.tz))
        reception = Reception(
            uid=self._uid(),
            code=self._code(day, j, received),
            procedure=procedure,
            procedure_version=fingerprint,
            applicant=self._returning_or_new(day),
            components=self._handed_in(procedure),
            office_code=ctx.office_code,
            received_at=received,
            received_by=officer,
            rules_version=rules.id,
            counter_number=counter,
            fee_total=procedure.total_fee,
        )
        roll = rng.random()
        if roll < 0.02:
            return Dossier.refuse_at_counter(reception, reason="Hồ sơ không thuộc thẩm quyền giải quyết")
        due = ctx.calendar.due(received, procedure.time_limit, DueMethod(rules.due_method))
        dossier = Dossier.receive(reception, due_at=due)
        self._history(dossier, received, due, officer)
        return dossier

    def _history(self, dossier: Dossier, received: datetime, due: datetime, officer: str) -> None:
        rng, now, calendar = self.rng, self.ctx.now, self.ctx.calendar

        def act(at: datetime) -> dict[str, Any]:
            self._clock_ms = int(at.timestamp() * 1000)
            return {"at": at, "actor": officer}

        span = max(due - received, timedelta(hours=1))
        start = received + timedelta(minutes=rng.randint(5, 90))
        if start >= now or (now - received < timedelta(days=3) and rng.random() < 0.5):
            return  # the newest dossiers are still waiting to be handed to the processing unit
        dossier.start_processing(**act(start))
        if rng.random() < 0.03:
            asked = start + span * rng.random() * 0.5
            if asked < now:
                dossier.request_supplement(**act(asked), reason="Bổ sung bản sao giấy tờ còn thiếu")
            return
        late = rng.random() < 0.06
        ready = received + span * (rng.uniform(1.0, 1.6) if late else rng.uniform(0.3, 0.98))
        if ready >= now:
            return
        dossier.mark_result_ready(**act(ready))
        collected = ready + timedelta(hours=rng.uniform(1, 24 * 6))
        if collected < now and rng.random() < 0.97:
            collected = calendar.next_working_moment(collected)
            if collected < now:
                dossier.return_result(
                    **act(collected),
                    collector_name=dossier.applicant.name,
                    collector_id=dossier.applicant.id_number,
                )

    def chunk(self, chunk: Chunk) -> list[Dossier]:
        """The dossiers of one chunk, oldest first; the same for the same seed, whichever process runs it."""
        self.rng = random.Random(f"{self.seed}:{chunk.index}")
        dossiers = []
        for piece in chunk.slices:
            moments = self._moments(piece.day, piece.total)
            for j in range(piece.first, piece.first + piece.count):
                dossiers.append(self.one(moments[j], j))
        return dossiers
