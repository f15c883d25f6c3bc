"""motcua calendar due|workday|year"""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("calendar", help="working days, holidays and appointment dates")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    due = actions.add_parser("due", help="the appointment date of a dossier received at a given time")
    due.add_argument(
        "--received", required=True, help="ISO 8601; local time if no zone, e.g. 2026-02-12T15:30"
    )
    limit = due.add_mutually_exclusive_group(required=True)
    limit.add_argument("--days", type=float, help="time limit in working days")
    limit.add_argument("--hours", type=float, help="time limit in working hours")
    limit.add_argument(
        "--calendar-days", type=float, help="time limit in calendar days (Civil Code art. 147)"
    )
    limit.add_argument("--same-day", action="store_true", help="returned the same day")
    due.add_argument("--method", choices=["working_time", "end_of_day"], help="default: the rules in force")
    due.add_argument("--json", action="store_true")
    due.set_defaults(handler=run_due)
    workday = actions.add_parser("workday", help="whether DATE is a working day, and why")
    workday.add_argument("date")
    workday.add_argument("--json", action="store_true")
    workday.set_defaults(handler=run_workday)
    year = actions.add_parser("year", help="every day off of YEAR that is not a weekend, and make-up days")
    year.add_argument("year", type=int)
    year.add_argument("--json", action="store_true")
    year.set_defaults(handler=run_year)


def _calendar() -> Any:
    from app.bootstrap import parse_sessions
    from app.cli.common import load_settings
    from app.datafiles.calendar import build_calendar
    from app.settings.spec import CALENDAR_SESSIONS

    settings = load_settings()
    return build_calendar(
        extra_dirs=[settings.paths.calendar_dir], sessions=parse_sessions(settings.get(CALENDAR_SESSIONS))
    )


def run_due(args: argparse.Namespace) -> int:
    from app.cli.common import LOCAL_TZ, emit, local_datetime, usage_error
    from app.datafiles.resources import load_rulebook
    from app.domain.calendar import DueMethod
    from app.domain.timelimit import TimeLimit, TimeUnit

    received = local_datetime(args.received, "--received")
    if args.same_day:
        limit = TimeLimit(0, TimeUnit.SAME_DAY)
    else:
        value, unit = next(
            (v, u)
            for v, u in (
                (args.days, TimeUnit.WORKING_DAYS),
                (args.hours, TimeUnit.WORKING_HOURS),
                (args.calendar_days, TimeUnit.CALENDAR_DAYS),
            )
            if v is not None
        )
        if value <= 0:
            raise usage_error("the time limit must be more than zero")
        limit = TimeLimit(value, unit)
    method = DueMethod(args.method or load_rulebook().in_force(received.astimezone(LOCAL_TZ)).due_method)
    due = _calendar().due(received, limit, method)
    data = {
        "received": received.astimezone(LOCAL_TZ).isoformat(),
        "due": due.astimezone(LOCAL_TZ).isoformat(),
        "limit": limit.to_dict(),
        "method": method.value,
    }
    emit(data, args.json, f"{limit.describe_vi()} from {data['received']}: due {data['due']}")
    return 0


def run_workday(args: argparse.Namespace) -> int:
    from app.cli.common import emit, local_date

    day = local_date(args.date, "DATE")
    info = _calendar().day(day)
    data = {
        "date": day.isoformat(),
        "workday": info.workday,
        "reason": info.reason,
        "name_vi": info.name_vi,
        "name_en": info.name_en,
    }
    text = (
        f"{day.isoformat()}: {'working day' if info.workday else 'day off'} ({info.name_en or info.reason})"
    )
    emit(data, args.json, text)
    return 0


def run_year(args: argparse.Namespace) -> int:
    from datetime import date, timedelta

    from app.cli.common import emit, usage_error

    if not 1800 <= args.year <= 2200:
        raise usage_error("YEAR must be between 1800 and 2200")
    calendar = _calendar()
    day, end = date(args.year, 1, 1), date(args.year + 1, 1, 1)
    rows = []
    while day < end:
        info = calendar.day(day)
        weekend = day.weekday() >= 5
        if (
            (not info.workday and not weekend)
            or (info.workday and weekend)
            or (not info.workday and info.name_vi)
        ):
            rows.append(
                {
                    "date": day.isoformat(),
                    "workday": info.workday,
                    "reason": info.reason,
                    "name_vi": info.name_vi,
                    "name_en": info.name_en,
                }
            )
        day += timedelta(days=1)
    text = "\n".join(
        f"{r['date']}  {'LÀM VIỆC' if r['workday'] else 'nghỉ':8}  {r['name_vi'] or r['reason']}"
        for r in rows
    )
    emit(rows, args.json, text)
    return 0
