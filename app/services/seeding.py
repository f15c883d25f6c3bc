"""`motcua dev seed`: synthetic dossiers written in atomic batches."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from app.datafiles.resources import load_json_resource
from app.domain.dossier import Dossier
from app.domain.errors import ValidationError
from app.services.context import Services
from app.services.synthetic import SeedContext, SeedState, SyntheticDossiers


class BulkWriter(Protocol):
    def write_batch(
        self, dossiers: Sequence[Dossier], sequences: Iterable[tuple[str, str, int, int]], now: datetime
    ) -> None:
        """Write whole dossiers (events, outbox rows, code high-water marks) in one transaction."""
        ...


@dataclass(frozen=True, slots=True)
class SeedResult:
    dossiers: int
    events: int


def seed_dossiers(
    services: Services,
    writer: BulkWriter,
    count: int,
    *,
    batch: int = 5000,
    days_back: int = 730,
    seed: int = 1,
    progress: Callable[[int], None] | None = None,
) -> SeedResult:
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
    context = SeedContext(
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
    with services.uow(write=False) as uow:
        # Codes already taken (an earlier seed, real receptions) are never reused.
        taken = uow.sequences.high_water(context.unit_code)
    generator = SyntheticDossiers(context, seed=seed, state=SeedState(dict(taken)))
    done = events = 0
    for dossiers in generator.batches(count, batch):
        events += sum(len(d.pending) for d in dossiers)
        marks = {
            (context.unit_code, d.isoformat(), slot, n) for (d, slot), n in generator.state.counters.items()
        }
        writer.write_batch(dossiers, marks, services.now())
        done += len(dossiers)
        if progress:
            progress(done)
    return SeedResult(done, events)
