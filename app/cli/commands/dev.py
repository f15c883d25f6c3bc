"""motcua dev seed --count N"""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("dev", help="developer tools (synthetic data)")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    seed = actions.add_parser("seed", help="add N synthetic dossiers with their histories, in batches")
    seed.add_argument("--count", type=int, required=True)
    seed.add_argument("--batch", type=int, default=5000, help="dossiers per transaction")
    seed.add_argument("--days", type=int, default=730, help="spread receipts over this many past days")
    seed.add_argument("--seed", type=int, default=1, help="random seed (same seed, same data)")
    seed.add_argument("--jobs", type=int, default=0, help="generating processes (default: one per core)")
    seed.add_argument("--json", action="store_true")
    seed.set_defaults(handler=run_seed)


def run_seed(args: argparse.Namespace) -> int:
    import os
    import sys
    import time

    from app.cli.common import emit, open_desk, usage_error
    from app.services.seeding import seed_dossiers
    from app.storage.bulk import BulkDossierWriter

    if args.count < 1 or args.batch < 1 or args.days < 1 or args.jobs < 0:
        raise usage_error("--count, --batch and --days must be 1 or more, --jobs 0 or more")

    def progress(done: int) -> None:
        if not args.json and sys.stderr.isatty():
            print(f"\r{done:,}/{args.count:,} dossiers", end="", file=sys.stderr, flush=True)

    started = time.perf_counter()
    with open_desk() as desk:
        result = seed_dossiers(
            desk.services,
            BulkDossierWriter(desk.database.engine),
            args.count,
            batch=args.batch,
            days_back=args.days,
            seed=args.seed,
            jobs=args.jobs or os.cpu_count() or 1,
            progress=progress,
        )
    seconds = time.perf_counter() - started
    data = {
        "dossiers": result.dossiers,
        "events": result.events,
        "seconds": round(seconds, 1),
        "per_second": round(result.dossiers / seconds) if seconds else None,
    }
    emit(data, args.json, f"\n{result.dossiers:,} dossiers and {result.events:,} events in {seconds:.1f} s")
    return 0
