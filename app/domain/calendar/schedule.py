"""One year's official schedule of days off, as published by the Government, parsed from plain data.

Every year the Prime Minister fixes the civil servants' days off: which five days are Tết, which day
next to 2/9 is the second National Day, and working days swapped for a Saturday (hoán đổi, with a
make-up working Saturday, ngày làm bù). The counter must follow that, not the computed default, so
each decided year is data (`resources/calendar/YYYY.toml`, format in `resources/calendar/README.md`)
that an administrator can also drop in without a release.

This module only validates a mapping (what `tomllib` returns); reading files is the loader's job
(`app.datafiles.calendar`). Every error is a `ValidationError` whose message starts with the source
name and the path of the offending entry, because the person who reads it is editing a file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from app.domain.calendar.holidays import HOLIDAY_NAMES, Holiday, HolidayKind
from app.domain.calendar.lunar import MAX_YEAR, MIN_YEAR
from app.domain.errors import ValidationError
from app.domain.text import nfc

__all__ = ["FORMAT_VERSION", "Confidence", "DayOff", "MakeupWorkday", "ScheduleSource", "YearSchedule"]

FORMAT_VERSION = 1

_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_SATURDAY = 5
# A single entry longer than this is a typo (a wrong month or year), not a holiday.
_MAX_RANGE_DAYS = 31

_TOP_KEYS = frozenset({"format", "year", "complete", "note", "sources", "days_off", "makeup_workdays"})
_SOURCE_KEYS = frozenset({"id", "title", "document", "issued", "urls", "note"})
_DAY_OFF_KEYS = frozenset(
    {"date", "start", "end", "key", "kind", "name_vi", "name_en", "confidence", "sources", "note"}
)
_MAKEUP_KEYS = frozenset({"date", "replaces", "name_vi", "name_en", "confidence", "sources", "note"})


class Confidence(StrEnum):
    HIGH = "high"  # the decision text, or two independent reports of it, were read
    MEDIUM = "medium"  # one credible report, or a rule applied to a confirmed fact
    LOW = "low"  # expected, not confirmed: check before relying on it


@dataclass(frozen=True, slots=True)
class ScheduleSource:
    id: str
    title: str
    document: str | None  # legal document number, e.g. "9859/VPCP-KGVX"
    issued: date | None
    urls: tuple[str, ...]
    note: str | None = None


@dataclass(frozen=True, slots=True)
class DayOff:
    """A run of days off (one day when start == end), all with the same key and kind."""

    start: date
    end: date
    key: str
    kind: HolidayKind
    name_vi: str
    name_en: str
    confidence: Confidence
    sources: tuple[str, ...]
    note: str | None = None

    def dates(self) -> Iterator[date]:
        day = self.start
        while day <= self.end:
            yield day
            day += timedelta(days=1)

    def holiday(self, day: date) -> Holiday:
        return Holiday(day, self.key, self.kind, self.name_vi, self.name_en)


@dataclass(frozen=True, slots=True)
class MakeupWorkday:
    """A Saturday or Sunday that is a working day, usually in exchange for `replaces`."""

    date: dt.date
    replaces: dt.date | None
    name_vi: str
    name_en: str
    confidence: Confidence
    sources: tuple[str, ...]
    note: str | None = None


@dataclass(frozen=True, slots=True)
class YearSchedule:
    """The official schedule of one Gregorian year.

    `complete = True`: `days_off` is every day off of the year, and the computed statutory set is not
    used for it at all. `complete = False`: `days_off` is added on top of the computed statutory set
    (a listed date replaces a computed one on the same date). Make-up working days apply either way.
    """

    year: int
    complete: bool
    sources: tuple[ScheduleSource, ...]
    days_off: tuple[DayOff, ...]
    makeup_workdays: tuple[MakeupWorkday, ...]
    source_name: str
    note: str | None = None

    def holidays(self) -> dict[date, Holiday]:
        """Every listed day off, one entry per date."""
        return {day: entry.holiday(day) for entry in self.days_off for day in entry.dates()}

    def makeup_dates(self) -> dict[date, MakeupWorkday]:
        return {entry.date: entry for entry in self.makeup_workdays}

    @classmethod
    def from_mapping(cls, data: Mapping[str, object], source_name: str) -> YearSchedule:
        return _Parser(source_name).schedule(data)


class _Parser:
    def __init__(self, source_name: str) -> None:
        self.source_name = source_name

    def fail(self, path: str, message: str) -> ValidationError:
        where = f"{path}: " if path else ""
        return ValidationError(self.source_name, f"{where}{message}", path=path)

    # -- scalar fields ------------------------------------------------------------------------------

    def table(self, value: object, path: str, allowed: frozenset[str]) -> Mapping[str, object]:
        if not isinstance(value, Mapping):
            raise self.fail(path, f"must be a table, got {type(value).__name__}")
        unknown = sorted(str(key) for key in value if key not in allowed)
        if unknown:
            raise self.fail(
                path, f"unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(allowed))}"
            )
        return value

    def tables(self, value: object, path: str) -> Sequence[object]:
        if value is None:
            return ()
        if not isinstance(value, list | tuple):
            raise self.fail(path, f"must be an array of tables ([[{path}]]), got {type(value).__name__}")
        return value

    def text(self, table: Mapping[str, object], key: str, path: str, *, required: bool = False) -> str | None:
        field = f"{path}.{key}" if path else key
        value = table.get(key)
        if value is None:
            if required:
                raise self.fail(field, "is required")
            return None
        if not isinstance(value, str):
            raise self.fail(field, f"must be a string, got {type(value).__name__}")
        cleaned = nfc(value)
        if not cleaned:
            if required:
                raise self.fail(field, "must not be empty")
            return None
        return cleaned

    def required_text(self, table: Mapping[str, object], key: str, path: str) -> str:
        value = self.text(table, key, path, required=True)
        if value is None:  # unreachable: text() raises for a missing required value
            raise self.fail(f"{path}.{key}", "is required")
        return value

    def day(self, value: object, path: str) -> date:
        # tomllib gives date for `2026-02-14` and datetime for `2026-02-14T00:00`; only the first is a day.
        if isinstance(value, datetime):
            raise self.fail(path, f"must be a date like 2026-02-14, not a date-time ({value.isoformat()})")
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        raise self.fail(path, f"must be a date like 2026-02-14, got {value!r}")

    def confidence(self, table: Mapping[str, object], path: str) -> Confidence:
        value = self.required_text(table, "confidence", path)
        try:
            return Confidence(value.lower())
        except ValueError:
            allowed = ", ".join(c.value for c in Confidence)
            raise self.fail(f"{path}.confidence", f"must be one of {allowed}, got {value!r}") from None

    def source_refs(self, table: Mapping[str, object], path: str, known: set[str]) -> tuple[str, ...]:
        value = table.get("sources")
        if not isinstance(value, list | tuple) or not value:
            raise self.fail(f"{path}.sources", 'is required: a list of [[sources]] ids, e.g. ["vpcp-9859"]')
        refs: list[str] = []
        for index, ref in enumerate(value):
            if not isinstance(ref, str) or ref not in known:
                listed = ", ".join(sorted(known)) or "none"
                raise self.fail(
                    f"{path}.sources[{index}]", f"{ref!r} is not a [[sources]] id (declared: {listed})"
                )
            refs.append(ref)
        return tuple(refs)

    def in_year(self, day: date, year: int, path: str) -> None:
        if day.year != year:
            raise self.fail(path, f"{day.isoformat()} is not in {year}; put it in {day.year}.toml")

    # -- entries ------------------------------------------------------------------------------------

    def source(self, value: object, path: str) -> ScheduleSource:
        table = self.table(value, path, _SOURCE_KEYS)
        source_id = self.required_text(table, "id", path)
        if not _KEY.match(source_id.replace("-", "_")):
            raise self.fail(f"{path}.id", f"use lower-case letters, digits, '-' and '_', got {source_id!r}")
        urls_value = table.get("urls", [])
        if not isinstance(urls_value, list | tuple) or not all(isinstance(u, str) and u for u in urls_value):
            raise self.fail(f"{path}.urls", "must be a list of non-empty strings")
        document = self.text(table, "document", path)
        if document is None and not urls_value:
            raise self.fail(path, "give the legal document number (document) or at least one URL (urls)")
        issued_value = table.get("issued")
        issued = None if issued_value is None else self.day(issued_value, f"{path}.issued")
        return ScheduleSource(
            id=source_id,
            title=self.required_text(table, "title", path),
            document=document,
            issued=issued,
            urls=tuple(str(u) for u in urls_value),
            note=self.text(table, "note", path),
        )

    def day_off(self, value: object, path: str, year: int, known: set[str]) -> DayOff:
        table = self.table(value, path, _DAY_OFF_KEYS)
        if "date" in table:
            if "start" in table or "end" in table:
                raise self.fail(path, "give either date, or start and end, not both")
            start = end = self.day(table["date"], f"{path}.date")
        elif "start" in table and "end" in table:
            start = self.day(table["start"], f"{path}.start")
            end = self.day(table["end"], f"{path}.end")
        else:
            raise self.fail(path, "give date (one day) or start and end (a range)")
        if end < start:
            raise self.fail(path, f"end {end.isoformat()} is before start {start.isoformat()}")
        if (end - start).days >= _MAX_RANGE_DAYS:
            raise self.fail(
                path, f"{start.isoformat()}..{end.isoformat()} is longer than {_MAX_RANGE_DAYS} days"
            )
        self.in_year(start, year, path)
        self.in_year(end, year, path)

        key = self.required_text(table, "key", path)
        if not _KEY.match(key):
            raise self.fail(f"{path}.key", f"use lower-case letters, digits and '_', got {key!r}")
        kind_text = self.text(table, "kind", path) or HolidayKind.HOLIDAY.value
        try:
            kind = HolidayKind(kind_text)
        except ValueError:
            allowed = ", ".join(k.value for k in HolidayKind)
            raise self.fail(f"{path}.kind", f"must be one of {allowed}, got {kind_text!r}") from None

        name_vi = self.text(table, "name_vi", path)
        name_en = self.text(table, "name_en", path)
        if name_vi is None or name_en is None:
            default = _default_names(key, kind)
            if default is None:
                raise self.fail(path, f"name_vi and name_en are required for the key {key!r}")
            name_vi = name_vi or default[0]
            name_en = name_en or default[1]
        return DayOff(
            start=start,
            end=end,
            key=key,
            kind=kind,
            name_vi=name_vi,
            name_en=name_en,
            confidence=self.confidence(table, path),
            sources=self.source_refs(table, path, known),
            note=self.text(table, "note", path),
        )

    def makeup(self, value: object, path: str, year: int, known: set[str]) -> MakeupWorkday:
        table = self.table(value, path, _MAKEUP_KEYS)
        if "date" not in table:
            raise self.fail(f"{path}.date", "is required")
        day = self.day(table["date"], f"{path}.date")
        self.in_year(day, year, f"{path}.date")
        if day.weekday() < _SATURDAY:
            raise self.fail(
                f"{path}.date",
                f"{day.isoformat()} is a {day:%A}; only a weekend day can be made a working day",
            )
        replaces_value = table.get("replaces")
        replaces = None if replaces_value is None else self.day(replaces_value, f"{path}.replaces")
        suffix_vi = f" (thay cho ngày {replaces:%d/%m/%Y})" if replaces else ""
        suffix_en = f" (in exchange for {replaces.isoformat()})" if replaces else ""
        return MakeupWorkday(
            date=day,
            replaces=replaces,
            name_vi=self.text(table, "name_vi", path) or f"Ngày làm việc bù{suffix_vi}",
            name_en=self.text(table, "name_en", path) or f"Make-up working day{suffix_en}",
            confidence=self.confidence(table, path),
            sources=self.source_refs(table, path, known),
            note=self.text(table, "note", path),
        )

    # -- the whole file -----------------------------------------------------------------------------

    def schedule(self, data: Mapping[str, object]) -> YearSchedule:
        top = self.table(data, "", _TOP_KEYS)
        version = top.get("format")
        if version != FORMAT_VERSION:
            raise self.fail(
                "format",
                f"must be {FORMAT_VERSION} (this program reads format {FORMAT_VERSION}), got {version!r}",
            )
        year = top.get("year")
        if not isinstance(year, int) or isinstance(year, bool) or not MIN_YEAR <= year <= MAX_YEAR:
            raise self.fail("year", f"must be a year between {MIN_YEAR} and {MAX_YEAR}, got {year!r}")
        complete = top.get("complete")
        if not isinstance(complete, bool):
            raise self.fail(
                "complete",
                "is required: true (the file lists every day off) or false (adds to the statutory days)",
            )

        sources = tuple(
            self.source(v, f"sources[{i}]") for i, v in enumerate(self.tables(top.get("sources"), "sources"))
        )
        known: set[str] = set()
        for index, source in enumerate(sources):
            if source.id in known:
                raise self.fail(f"sources[{index}].id", f"{source.id!r} is declared twice")
            known.add(source.id)

        days_off = tuple(
            self.day_off(v, f"days_off[{i}]", year, known)
            for i, v in enumerate(self.tables(top.get("days_off"), "days_off"))
        )
        seen: dict[date, int] = {}
        for index, entry in enumerate(days_off):
            for day in entry.dates():
                if day in seen:
                    raise self.fail(
                        f"days_off[{index}]",
                        f"{day.isoformat()} is already a day off in days_off[{seen[day]}]",
                    )
                seen[day] = index

        makeups = tuple(
            self.makeup(v, f"makeup_workdays[{i}]", year, known)
            for i, v in enumerate(self.tables(top.get("makeup_workdays"), "makeup_workdays"))
        )
        seen_makeup: dict[date, int] = {}
        for index, makeup in enumerate(makeups):
            path = f"makeup_workdays[{index}]"
            if makeup.date in seen_makeup:
                raise self.fail(
                    path,
                    f"{makeup.date.isoformat()} is listed twice "
                    f"(also makeup_workdays[{seen_makeup[makeup.date]}])",
                )
            seen_makeup[makeup.date] = index
            if makeup.date in seen:
                raise self.fail(
                    path,
                    f"{makeup.date.isoformat()} is a make-up working day "
                    f"and also a day off in days_off[{seen[makeup.date]}]",
                )
            if makeup.replaces is not None and makeup.replaces.year == year and makeup.replaces not in seen:
                raise self.fail(
                    f"{path}.replaces", f"{makeup.replaces.isoformat()} is not listed in days_off"
                )

        return YearSchedule(
            year=year,
            complete=complete,
            sources=sources,
            days_off=days_off,
            makeup_workdays=makeups,
            source_name=self.source_name,
            note=self.text(top, "note", ""),
        )


def _default_names(key: str, kind: HolidayKind) -> tuple[str, str] | None:
    names = HOLIDAY_NAMES.get(key)
    if names is None:
        return None
    name_vi, name_en = names
    if kind is HolidayKind.COMPENSATORY:
        return f"Nghỉ bù {name_vi}", f"Compensatory day off for {name_en}"
    if kind is HolidayKind.SWAP:
        return f"Nghỉ {name_vi} (hoán đổi ngày làm việc)", f"{name_en} break (swapped working day)"
    return name_vi, name_en
