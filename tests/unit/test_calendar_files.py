from __future__ import annotations

import tomllib
from datetime import date, datetime, time
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from app.datafiles.calendar import build_calendar, load_schedule_file, load_schedules
from app.domain.calendar import (
    Confidence,
    HolidayKind,
    Session,
    YearSchedule,
    lunar_to_solar,
    national_day_adjacent,
)
from app.domain.errors import ValidationError

BUNDLED = resources.files("resources").joinpath("calendar")


def _minimal(year: int = 2030, /, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": 1,
        "year": year,
        "complete": True,
        "sources": [{"id": "qd-1", "title": "Quyết định thử", "document": "1/QĐ-TEST"}],
        "days_off": [
            {"date": date(year, 1, 1), "key": "new_year", "confidence": "high", "sources": ["qd-1"]}
        ],
    }
    data.update(overrides)
    return data


def _parse(data: dict[str, Any], name: str = "calendar/2030.toml") -> YearSchedule:
    return YearSchedule.from_mapping(data, name)


def _refused(data: dict[str, Any], *fragments: str) -> str:
    with pytest.raises(ValidationError) as caught:
        _parse(data)
    message = str(caught.value)
    assert message.startswith("calendar/2030.toml: "), message
    for fragment in fragments:
        assert fragment in message, message
    return message


# -- the bundled files ------------------------------------------------------------------------------


def test_bundled_years() -> None:
    schedules = load_schedules()
    assert sorted(schedules) == [2024, 2025, 2026, 2027]
    assert schedules[2026].source_name == "resources/calendar/2026.toml"
    assert [y for y, s in schedules.items() if s.complete] == [2024, 2025, 2026]


@pytest.mark.parametrize("year", [2024, 2025, 2026, 2027])
def test_bundled_file_is_named_after_its_year_and_fully_sourced(year: int) -> None:
    schedule = load_schedules()[year]
    source_ids = {s.id for s in schedule.sources}
    for entry in (*schedule.days_off, *schedule.makeup_workdays):
        assert entry.sources
        assert set(entry.sources) <= source_ids
        assert isinstance(entry.confidence, Confidence)
    for source in schedule.sources:
        assert source.document or source.urls
        assert all(url.startswith(("https://", "http://")) for url in source.urls)


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_complete_years_keep_every_fixed_statutory_day(year: int) -> None:
    # A typo in a complete file would silently turn a holiday into a working day.
    off = set(load_schedules()[year].holidays())
    fixed = {date(year, 1, 1), date(year, 4, 30), date(year, 5, 1), date(year, 9, 2)}
    fixed |= {lunar_to_solar(year, 3, 10), national_day_adjacent(year)}  # type: ignore[arg-type]
    fixed |= {lunar_to_solar(year, 1, d) for d in (1, 2, 3)}
    assert fixed <= off


def test_2026_decisions() -> None:
    cal = build_calendar()
    off = [date(2026, 1, 2), date(2026, 2, 14), date(2026, 2, 22), date(2026, 4, 27), date(2026, 8, 31)]
    assert not any(cal.is_workday(d) for d in off)
    assert cal.is_workday(date(2026, 1, 10))
    assert cal.is_workday(date(2026, 8, 22))
    assert cal.is_workday(date(2026, 2, 23))
    # Culture Day is not law yet (see README): an ordinary Tuesday.
    assert cal.day(date(2026, 11, 24)).reason == "workday"


def test_2025_decisions() -> None:
    cal = build_calendar()
    assert not any(cal.is_workday(date(2025, 1, d)) for d in range(25, 32))
    assert not cal.is_workday(date(2025, 2, 2))
    assert cal.is_workday(date(2025, 2, 3))  # computed rules would give a nghỉ bù here
    assert cal.is_workday(date(2025, 4, 26))
    assert cal.day(date(2025, 5, 2)).reason == "swap:labour_day"
    assert not cal.is_workday(date(2025, 2, 8))


def test_2024_decisions() -> None:
    cal = build_calendar()
    assert not any(cal.is_workday(date(2024, 2, d)) for d in range(8, 15))
    assert cal.is_workday(date(2024, 2, 15))
    assert cal.is_workday(date(2024, 5, 4))
    assert cal.day(date(2024, 4, 29)).reason == "swap:reunification"


def test_2027_is_statutory_only() -> None:
    schedule = load_schedules()[2027]
    assert not schedule.complete
    assert schedule.days_off == ()
    assert schedule.makeup_workdays == ()
    assert build_calendar().day(date(2027, 2, 11)).reason == "compensatory:tet"


def test_bundled_files_are_in_the_package() -> None:
    names = sorted(f.name for f in BUNDLED.iterdir())
    assert names == ["2024.toml", "2025.toml", "2026.toml", "2027.toml", "README.md"]


# -- the format -------------------------------------------------------------------------------------


def test_minimal_file() -> None:
    schedule = _parse(_minimal())
    assert schedule.year == 2030
    assert schedule.complete
    (entry,) = schedule.days_off
    assert (entry.start, entry.end, entry.kind) == (date(2030, 1, 1), date(2030, 1, 1), HolidayKind.HOLIDAY)
    assert (entry.name_vi, entry.name_en) == ("Tết Dương lịch", "New Year's Day")
    assert schedule.holidays()[date(2030, 1, 1)].reason == "holiday:new_year"


def test_ranges_strings_and_defaults() -> None:
    data = _minimal(
        days_off=[
            {
                "start": "2030-02-02",
                "end": "2030-02-10",
                "key": "tet",
                "confidence": "medium",
                "sources": ["qd-1"],
            },
            {
                "date": date(2030, 4, 15),
                "key": "hung_kings",
                "kind": "compensatory",
                "confidence": "low",
                "sources": ["qd-1"],
            },
            {
                "date": date(2030, 5, 3),
                "key": "labour_day",
                "kind": "swap",
                "confidence": "high",
                "sources": ["qd-1"],
            },
        ],
        makeup_workdays=[
            {
                "date": date(2030, 5, 11),
                "replaces": date(2030, 5, 3),
                "confidence": "high",
                "sources": ["qd-1"],
            }
        ],
    )
    schedule = _parse(data)
    holidays = schedule.holidays()
    assert len(holidays) == 9 + 1 + 1
    assert holidays[date(2030, 4, 15)].name_vi == "Nghỉ bù Giỗ Tổ Hùng Vương"
    assert holidays[date(2030, 5, 3)].reason == "swap:labour_day"
    (makeup,) = schedule.makeup_workdays
    assert makeup.name_vi == "Ngày làm việc bù (thay cho ngày 03/05/2030)"
    assert makeup.name_en == "Make-up working day (in exchange for 2030-05-03)"


def test_makeup_day_that_is_also_a_day_off() -> None:
    data = _minimal(
        days_off=[
            {
                "start": date(2030, 2, 2),
                "end": date(2030, 2, 10),
                "key": "tet",
                "confidence": "high",
                "sources": ["qd-1"],
            }
        ],
        makeup_workdays=[{"date": date(2030, 2, 9), "confidence": "high", "sources": ["qd-1"]}],
    )
    _refused(data, "makeup_workdays[0]", "2030-02-09", "also a day off", "days_off[0]")


@pytest.mark.parametrize(
    ("overrides", "fragments"),
    [
        ({"format": 2}, ("format", "must be 1")),
        ({"format": None}, ("format",)),
        ({"year": "2030"}, ("year", "'2030'")),
        ({"year": 1700}, ("year", "1800")),
        ({"complete": "yes"}, ("complete", "is required")),
        ({"holidays": []}, ("unknown key", "holidays")),
        ({"sources": [{"id": "a", "title": "No reference"}]}, ("sources[0]", "document", "URL")),
        (
            {
                "sources": [
                    {"id": "qd-1", "title": "x", "document": "1"},
                    {"id": "qd-1", "title": "y", "document": "2"},
                ]
            },
            ("sources[1].id", "twice"),
        ),
        ({"sources": [{"id": "Bad Id", "title": "x", "document": "1"}]}, ("sources[0].id",)),
        ({"days_off": {"date": date(2030, 1, 1)}}, ("days_off", "array of tables")),
    ],
)
def test_top_level_errors(overrides: dict[str, Any], fragments: tuple[str, ...]) -> None:
    _refused(_minimal(**overrides), *fragments)


def _day_off(**fields: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "date": date(2030, 1, 1),
        "key": "new_year",
        "confidence": "high",
        "sources": ["qd-1"],
    }
    entry.update(fields)
    return {k: v for k, v in entry.items() if v is not None}


@pytest.mark.parametrize(
    ("entry", "fragments"),
    [
        (_day_off(date=date(2031, 1, 1)), ("days_off[0]", "2031-01-01", "not in 2030", "2031.toml")),
        (
            _day_off(date=None, start=date(2030, 2, 5), end=date(2030, 2, 1)),
            ("end 2030-02-01 is before start",),
        ),
        (_day_off(date=None, start=date(2030, 1, 1), end=date(2030, 3, 1)), ("longer than 31 days",)),
        (_day_off(date=None, start=date(2030, 1, 1)), ("give date", "start and end")),
        (_day_off(start=date(2030, 1, 1), end=date(2030, 1, 2)), ("not both",)),
        (_day_off(date="1/1/2030"), ("days_off[0].date", "must be a date like", "'1/1/2030'")),
        (_day_off(date=datetime(2030, 1, 1, 8)), ("not a date-time",)),
        (_day_off(key="New Year"), ("days_off[0].key",)),
        (_day_off(key="founders_day"), ("name_vi and name_en are required", "founders_day")),
        (_day_off(kind="bridge"), ("days_off[0].kind", "holiday, compensatory, swap")),
        (_day_off(confidence="sure"), ("days_off[0].confidence", "high, medium, low")),
        (_day_off(confidence=None), ("days_off[0].confidence", "is required")),
        (_day_off(sources=None), ("days_off[0].sources", "is required")),
        (_day_off(sources=["qd-2"]), ("days_off[0].sources[0]", "'qd-2'", "qd-1")),
        (_day_off(confidense="high"), ("unknown key", "confidense")),
    ],
)
def test_day_off_errors(entry: dict[str, Any], fragments: tuple[str, ...]) -> None:
    _refused(_minimal(days_off=[entry]), *fragments)


def test_an_empty_name_falls_back_to_the_default_for_known_keys() -> None:
    schedule = _parse(_minimal(days_off=[_day_off(name_vi="  ")]))
    assert schedule.days_off[0].name_vi == "Tết Dương lịch"


def test_overlapping_days_off() -> None:
    data = _minimal(
        days_off=[
            _day_off(date=None, start=date(2030, 2, 1), end=date(2030, 2, 10), key="tet"),
            _day_off(date=date(2030, 2, 10), key="tet", kind="compensatory"),
        ]
    )
    _refused(data, "days_off[1]", "2030-02-10", "already a day off in days_off[0]")


def _makeup(**fields: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {"date": date(2030, 1, 5), "confidence": "high", "sources": ["qd-1"]}
    entry.update(fields)
    return {k: v for k, v in entry.items() if v is not None}


@pytest.mark.parametrize(
    ("entries", "fragments"),
    [
        ([_makeup(date=date(2030, 1, 4))], ("makeup_workdays[0].date", "Friday", "weekend")),
        ([_makeup(), _makeup()], ("makeup_workdays[1]", "listed twice")),
        ([_makeup(date=date(2029, 12, 29))], ("makeup_workdays[0].date", "not in 2030")),
        ([_makeup(replaces=date(2030, 1, 3))], ("makeup_workdays[0].replaces", "2030-01-03", "not listed")),
        ([_makeup(date=None)], ("makeup_workdays[0].date", "is required")),
        ([_makeup(sources=[])], ("makeup_workdays[0].sources", "is required")),
    ],
)
def test_makeup_errors(entries: list[dict[str, Any]], fragments: tuple[str, ...]) -> None:
    _refused(_minimal(makeup_workdays=entries), *fragments)


def test_a_swap_across_new_year_may_name_the_other_year() -> None:
    # 2015: Fri 2/1/2015 off, worked on Sat 27/12/2014; the 2014 file names a 2015 day.
    data = _minimal(
        2014, days_off=[], makeup_workdays=[_makeup(date=date(2014, 12, 27), replaces=date(2015, 1, 2))]
    )
    schedule = YearSchedule.from_mapping(data, "2014.toml")
    assert schedule.makeup_workdays[0].replaces == date(2015, 1, 2)


def test_text_is_normalised_to_nfc() -> None:
    decomposed = "Te\u0302\u0301t"  # "Tết" typed with combining marks
    schedule = _parse(_minimal(days_off=[_day_off(key="tet", name_vi=decomposed, name_en="Tet")]))
    assert schedule.days_off[0].name_vi == "Tết"


# -- the loader -------------------------------------------------------------------------------------

_FILE_2026 = """
format = 1
year = 2026
complete = true

[[sources]]
id = "local"
title = "Quyết định của UBND tỉnh (thử)"
document = "99/QĐ-UBND"

[[days_off]]
date = 2026-01-01
key = "new_year"
confidence = "high"
sources = ["local"]
"""


def _write(directory: Path, name: str, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def test_an_extra_directory_replaces_a_bundled_year(tmp_path: Path) -> None:
    _write(tmp_path / "calendar", "2026.toml", _FILE_2026)
    schedules = load_schedules([tmp_path / "calendar"])
    assert schedules[2026].source_name == str(tmp_path / "calendar" / "2026.toml")
    assert len(schedules[2026].days_off) == 1
    assert schedules[2025].source_name == "resources/calendar/2025.toml"
    cal = build_calendar([tmp_path / "calendar"])
    assert cal.is_workday(date(2026, 2, 17))  # the replacement lists no Tết: replaced as a whole
    assert not cal.is_workday(date(2026, 1, 1))


def test_a_later_directory_wins(tmp_path: Path) -> None:
    _write(tmp_path / "a", "2026.toml", _FILE_2026)
    second = _write(tmp_path / "b", "2026.toml", _FILE_2026.replace("99/QĐ-UBND", "100/QĐ-UBND"))
    schedules = load_schedules([tmp_path / "a", tmp_path / "b"])
    assert schedules[2026].source_name == str(second)
    assert schedules[2026].sources[0].document == "100/QĐ-UBND"


def test_missing_directory_is_skipped_and_other_files_are_ignored(tmp_path: Path) -> None:
    _write(tmp_path / "calendar", "README.md", "# notes")
    _write(tmp_path / "calendar", "2026.toml.bak", "not toml at all [")
    assert sorted(load_schedules([tmp_path / "missing", tmp_path / "calendar"])) == [2024, 2025, 2026, 2027]


def test_a_file_where_a_directory_is_expected(tmp_path: Path) -> None:
    path = _write(tmp_path, "calendar", "")
    with pytest.raises(ValidationError, match="must be a directory"):
        load_schedules([path])


@pytest.mark.parametrize(
    ("name", "text", "fragment"),
    [
        ("2028.toml", "format = 1\nyear = [", "is not valid TOML"),
        ("2028.toml", "format = 1\nyear = 2028\ncomplete = true\nday_off = []\n", "unknown key(s) day_off"),
        ("2028.toml", _FILE_2026, "year = 2026 does not match the file name 2028.toml"),
        ("next-year.toml", _FILE_2026, "must be named YYYY.toml"),
        (
            "2026.toml",
            _FILE_2026
            + '\n[[makeup_workdays]]\ndate = 2026-01-01\nconfidence = "high"\nsources = ["local"]\n',
            "makeup_workdays[0].date: 2026-01-01 is a Thursday",
        ),
    ],
)
def test_malformed_files_name_the_file(tmp_path: Path, name: str, text: str, fragment: str) -> None:
    path = _write(tmp_path / "calendar", name, text)
    with pytest.raises(ValidationError) as caught:
        load_schedules([tmp_path / "calendar"])
    message = str(caught.value)
    assert message.startswith(f"{path}: "), message
    assert fragment in message, message


def test_non_utf8_file(tmp_path: Path) -> None:
    path = tmp_path / "2028.toml"
    path.write_bytes("name_vi = 'Tết'".encode("utf-16"))
    with pytest.raises(ValidationError, match="not UTF-8"):
        load_schedule_file(path)


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match=r"2028\.toml: cannot be read"):
        load_schedule_file(tmp_path / "2028.toml")


def test_statutory_clash_from_a_dropped_file_names_it(tmp_path: Path) -> None:
    # 1/5/2027 is a Saturday and a statutory holiday; a partial 2027 file cannot make it a working day.
    text = """format = 1
year = 2027
complete = false
[[sources]]
id = "x"
title = "x"
urls = ["https://example.invalid/"]
[[makeup_workdays]]
date = 2027-05-01
confidence = "low"
sources = ["x"]
"""
    path = _write(tmp_path / "calendar", "2027.toml", text)
    with pytest.raises(ValidationError, match=f"^{path}: make-up working day 2027-05-01"):
        build_calendar([tmp_path / "calendar"])


def test_partial_file_adds_a_day(tmp_path: Path) -> None:
    text = """format = 1
year = 2028
complete = false
[[sources]]
id = "luat"
title = "Luật sửa đổi Bộ luật Lao động (giả định)"
document = "xx/2027/QH16"
[[days_off]]
date = 2028-11-24
key = "culture_day"
confidence = "low"
sources = ["luat"]
"""
    _write(tmp_path / "calendar", "2028.toml", text)
    cal = build_calendar([tmp_path / "calendar"])
    assert cal.day(date(2028, 11, 24)).reason == "holiday:culture_day"
    assert cal.day(date(2028, 1, 26)).reason == "holiday:tet"


def test_build_calendar_passes_the_configuration() -> None:
    cal = build_calendar(
        sessions=[Session(time(8), time(12)), Session(time(13), time(17))], same_day_cutoff=time(16)
    )
    assert cal.minutes_per_day == 480
    assert cal.sessions[0].start == time(8)


def test_bundled_toml_parses_with_plain_tomllib() -> None:
    # What an administrator copies as a template must be plain TOML 1.0, nothing program-specific.
    for year in (2024, 2025, 2026, 2027):
        data = tomllib.loads(BUNDLED.joinpath(f"{year}.toml").read_text(encoding="utf-8"))
        assert data["year"] == year
