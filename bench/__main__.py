"""`make bench`: the foundation's targets, printed as a table (and JSON with --json)."""

from __future__ import annotations

import argparse
import json
import os
import sys


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--dossiers", type=int, default=1_000_000, help="size of the seeded database")
    parser.add_argument("--rebuild", action="store_true", help="seed the database again even if cached")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from bench import reception, search, startup
    from bench.dataset import seeded

    dataset = seeded(args.dossiers, rebuild=args.rebuild)
    found = search.run(dataset)
    received = reception.run()
    started = startup.run()
    n = f"{dataset.dossiers:,}"

    def timing(t: search.Timing) -> str:
        return f"{t.median_ms:.2f} / {t.p95_ms:.2f} ms"

    help_text = (
        f"{started['help_median_ms']:.0f} / {started['help_p95_ms']:.0f} ms "
        f"(python alone {started['python_median_ms']:.0f} ms)"
    )
    rows = [
        (f"search by code ({n})", timing(found.by_code), "p95 <= 2 ms", found.by_code.p95_ms <= 2),
        (
            f"search by ID number ({n})",
            timing(found.by_id_number),
            "p95 <= 2 ms",
            found.by_id_number.p95_ms <= 2,
        ),
        (
            f"search by unaccented name ({n})",
            timing(found.by_name),
            "p95 <= 30 ms",
            found.by_name.p95_ms <= 30,
        ),
        ("reception throughput", f"{received.per_second:.0f} dossiers/s", "(reported)", True),
        (f"dev seed --count {n}", f"{dataset.seed_seconds:.0f} s", "< 180 s", dataset.seed_seconds < 180),
        ("database size", f"{dataset.size_bytes / 1e9:.2f} GB", "< 1.5 GB", dataset.size_bytes < 1.5e9),
        ("motcua --help cold start", help_text, "median < 300 ms", started["help_median_ms"] < 300),
    ]
    if args.json:
        json.dump(
            [{"measure": r[0], "value": r[1], "target": r[2], "met": r[3]} for r in rows],
            sys.stdout,
            indent=2,
        )
        print()
        return 0
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'median / p95 (or value)':<44}  target")
    for name, value, target, met in rows:
        print(f"{name:<{width}}  {value:<44}  {target} {'ok' if met else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
