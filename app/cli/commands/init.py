"""motcua init [--demo]"""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("init", help="create (or upgrade) the desk database")
    parser.add_argument(
        "--demo", action="store_true", help="add the Quảng Ngãi demo office, officers and catalogue"
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from app.bootstrap import open_desk
    from app.cli.common import emit, load_settings, usage_error
    from app.services.setup import DEMO_PASSWORD, DemoAlreadyThere, load_demo
    from app.settings.store import save_settings

    settings = load_settings()
    existed = settings.database_path.exists()
    with open_desk(settings, create=True) as desk:
        result: dict[str, Any] = {"database": str(settings.database_path), "created": not existed}
        if args.demo:
            try:
                demo = load_demo(desk.services)
            except DemoAlreadyThere as exc:
                raise usage_error(str(exc)) from None
            updated = settings.with_values(
                {k: v for k, v in demo.settings.items() if not settings.is_set_key(k)}
            )
            result["config"] = str(save_settings(updated))
            result["demo"] = {
                "office": demo.office_code,
                "counters": demo.counters,
                "officers": demo.officers,
                "procedures": demo.procedures,
                "password": DEMO_PASSWORD,
            }
    lines = [f"{'Created' if result['created'] else 'Upgraded'} {result['database']}"]
    if "demo" in result:
        d = result["demo"]
        lines.append(
            f"Demo office {d['office']}: {d['counters']} counters, {len(d['officers'])} officers, "
            f"{d['procedures']} procedures; every demo officer's password is {d['password']!r}"
        )
    emit(result, args.json, "\n".join(lines))
    return 0
