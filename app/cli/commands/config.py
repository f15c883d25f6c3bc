"""motcua config show|set|path"""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("config", help="show or change this desk's settings")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    show = actions.add_parser("show", help="every setting with its value and meaning")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=run_show)
    setter = actions.add_parser("set", help="set KEY to VALUE in the settings file")
    setter.add_argument("key")
    setter.add_argument("value")
    setter.add_argument("--json", action="store_true")
    setter.set_defaults(handler=run_set)
    path = actions.add_parser("path", help="where the settings file and the data live")
    path.add_argument("--json", action="store_true")
    path.set_defaults(handler=run_path)


def run_show(args: argparse.Namespace) -> int:
    from app.cli.common import emit, load_settings
    from app.settings.spec import ALL_SETTINGS

    settings = load_settings()
    values = settings.as_dict()
    rows = [
        {
            "key": s.key,
            "value": values[s.key],
            "default": s.default,
            "set": settings.is_set(s),
            "description": s.description,
            "description_vi": s.description_vi,
        }
        for s in ALL_SETTINGS
    ]
    text = "\n".join(f"{r['key']} = {r['value']!r}    # {r['description']}" for r in rows)
    emit(rows, args.json, text)
    return 0


def run_set(args: argparse.Namespace) -> int:
    from app.cli.common import emit, load_settings, usage_error
    from app.settings.spec import BY_KEY
    from app.settings.store import parse_value, save_settings

    settings = load_settings()
    setting = BY_KEY.get(args.key)
    if setting is None:
        raise usage_error(f"unknown setting {args.key!r}; `motcua config show` lists them")
    value = parse_value(setting, args.value)
    path = save_settings(settings.with_values({args.key: value}))
    emit({"key": args.key, "value": value, "file": str(path)}, args.json, f"{args.key} = {value!r} ({path})")
    return 0


def run_path(args: argparse.Namespace) -> int:
    from app.cli.common import emit, load_settings

    settings = load_settings()
    data = {
        "config_file": str(settings.paths.config_file),
        "data_dir": str(settings.paths.data_dir),
        "database": str(settings.database_path),
        "calendar_dir": str(settings.paths.calendar_dir),
    }
    emit(data, args.json, "\n".join(f"{k}: {v}" for k, v in data.items()))
    return 0
