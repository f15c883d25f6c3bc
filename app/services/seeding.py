"""`motcua dev seed`: synthetic dossiers, generated on every core, written in atomic batches in order."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from app.datafiles.resources import load_json_resource
from app.domain.dossier import Dossier
from app.domain.errors import ValidationError
from app.services.context import Services
from app.services.synthetic import Chunk, SeedContext, SyntheticDossiers, high_water_marks, plan


class Prepared(Protocol):
    @property
    def event_count(self) -> int: ...


class BulkWriter(Protocol):
    """Storage's fast path: `prepare` turns dossiers into rows (in any process: it must be a picklable
    module-level function), `write` stores a prepared batch and the code high-water marks atomically."""

    @property
    def prepare(self) -> Callable[[Sequence[Dossier]], Prepared]: ...

    def write(self, batch: Any, sequences: Iterable[tuple[str, str, int, int]], now: datetime) -> None: ...


@dataclass(frozen=True, slots=True)
class SeedResult:
    dossiers: int
    events: int


_Job = tuple[SeedContext, Mapping[tuple[date, int], int], int, Chunk, Callable[[Sequence[Dossier]], Prepared]]


def _generate(job: _Job) -> Prepared:
    context, taken, seed, chunk, prepare = job
    return prepare(SyntheticDossiers(context, seed=seed, taken=taken).chunk(chunk))


def _context(services: Services, days_back: int) -> SeedContext:
    with services.uow(write=False) as uow:
        procedures = [(p, uow.catalog.fingerprint(p.code)) for p in uow.catalog.all()]
        office = services.desk.office_code
        officers = [(o.username, o.counter_number) for o in uow.offices.officers(office) if o.active]
    if not procedures or not officers:
        raise ValidationError(
            "database", "seeding needs a catalogue and officers: run `motcua init --demo` first"
        )
    if not services.desk.unit_code:
        raise ValidationError("office.unit_code", "is not configured")
    demo = load_json_resource("demo", "office-quang-ngai.json")
    return SeedContext(
        procedures=procedures,
        officers=officers,
        names=load_json_resource("demo", "names.json"),
        places=demo["address_places"],
        streets=demo["streets"],
        office_code=office,
        unit_code=services.desk.unit_code,
        calendar=services.calendar,
        rules=services.rules,
        now=services.now(),
        days_back=days_back,
    )


def seed_dossiers(
    services: Services,
    writer: BulkWriter,
    count: int,
    *,
    batch: int = 5000,
    days_back: int = 730,
    seed: int = 1,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
) -> SeedResult:
    """Generate on `jobs` processes (1: in this one) and write chunk by chunk, in receipt order.

    Each chunk is one transaction, so an interrupted seed leaves whole dossiers only; the data depend
    on the seed alone, not on the number of processes.
    """
    context = _context(services, days_back)
    with services.uow(write=False) as uow:
        taken = uow.sequences.high_water(context.unit_code)  # codes already used are never reused
    chunks = plan(context, count, batch, seed)
    jobs_iter = ((context, taken, seed, chunk, writer.prepare) for chunk in chunks)
    done = events = 0

    def results() -> Iterator[Prepared]:
        if jobs <= 1:
            yield from map(_generate, jobs_iter)
            return
        # spawn, not fork: the parent holds SQLite connections a forked child must not inherit.
        with multiprocessing.get_context("spawn").Pool(jobs) as pool:
            yield from pool.imap(_generate, jobs_iter)

    for chunk, prepared in zip(chunks, results(), strict=True):
        events += prepared.event_count
        writer.write(prepared, high_water_marks(context, taken, chunk), services.now())
        done += chunk.size
        if progress:
            progress(done)
    return SeedResult(done, events)
