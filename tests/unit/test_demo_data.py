"""Invariants of the demo data that `motcua init --demo` loads.

The files are hand-curated from public sources (see each file's source notes); these tests
keep them internally consistent so a loader can trust them.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
CATALOG = RESOURCES / "catalog" / "demo-quang-ngai.json"
OFFICE = RESOURCES / "demo" / "office-quang-ngai.json"
NAMES = RESOURCES / "demo" / "names.json"

TIME_UNITS = {"working_days", "working_hours", "calendar_days", "same_day"}
LEVELS = {"province", "commune"}
ONLINE = {"full", "partial", "none"}
RESULT_METHODS = {"counter", "post", "online"}
ROLES = {"officer", "supervisor", "admin"}
HOURS_PER_DAY = 8

NATIONAL_CODE = re.compile(r"^[1-3]\.\d{6}$")
# national code + ".000.00.00.H48" (the pattern used on Quảng Ngãi's iGate)
PROCEDURE_CODE = re.compile(r"^[1-3]\.\d{6}\.000\.00\.00\.H48$")
UNIT_CODE = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.H\d{2}$")
# a source we can point at: the national portal page or a document/repository we read
REAL_SOURCE = re.compile(r"https?://|QĐ|Quyết định|Nghị định|NĐ ")


def _load(path: Path) -> Any:
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), f"{path.name} must not start with a BOM"
    return json.loads(raw.decode("utf-8"))


def _strings(obj: Any) -> list[str]:
    if isinstance(obj, str):
        return [obj]
    if isinstance(obj, dict):
        return [s for k, v in obj.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(obj, list):
        return [s for item in obj for s in _strings(item)]
    return []


@pytest.fixture(scope="module")
def catalog() -> dict[str, Any]:
    return _load(CATALOG)


@pytest.fixture(scope="module")
def procedures(catalog: dict[str, Any]) -> list[dict[str, Any]]:
    return catalog["procedures"]


@pytest.fixture(scope="module")
def office() -> dict[str, Any]:
    return _load(OFFICE)


@pytest.fixture(scope="module")
def names() -> dict[str, Any]:
    return _load(NAMES)


# ---------------------------------------------------------------- text hygiene


@pytest.mark.parametrize("path", [CATALOG, OFFICE, NAMES], ids=lambda p: p.name)
def test_text_is_nfc_and_trimmed(path: Path) -> None:
    for text in _strings(_load(path)):
        assert unicodedata.is_normalized("NFC", text), f"not NFC: {text!r}"
        assert text == text.strip(), f"stray whitespace: {text!r}"
        assert "\u00a0" not in text and "\ufffd" not in text, f"odd character in {text!r}"


@pytest.mark.parametrize("path", [CATALOG, OFFICE, NAMES], ids=lambda p: p.name)
def test_file_is_canonical_json(path: Path) -> None:
    """2-space indent, UTF-8 without escapes, trailing newline: diffs stay reviewable."""
    text = path.read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------- catalogue


def test_catalog_header(catalog: dict[str, Any]) -> None:
    assert catalog["format"] == "motcua-catalog"
    assert catalog["version"] == 1
    assert len(catalog["source_note"]) > 100


def test_enough_procedures_with_real_sources(procedures: list[dict[str, Any]]) -> None:
    assert len(procedures) >= 24
    sourced = [p for p in procedures if any(REAL_SOURCE.search(s) for s in p["sources"])]
    assert len(sourced) >= 20


def test_procedure_codes_unique_and_well_formed(procedures: list[dict[str, Any]]) -> None:
    codes = [p["code"] for p in procedures]
    assert len(codes) == len(set(codes))
    assert len({p["national_code"] for p in procedures}) == len(procedures)
    for p in procedures:
        assert NATIONAL_CODE.match(p["national_code"]), p["national_code"]
        assert PROCEDURE_CODE.match(p["code"]), p["code"]
        assert p["code"].startswith(p["national_code"] + ".")


def test_procedure_keys(procedures: list[dict[str, Any]]) -> None:
    expected = {
        "code",
        "national_code",
        "name",
        "field",
        "level",
        "online",
        "time_limit",
        "fees",
        "components",
        "result",
        "handling_agency",
        "legal_basis",
        "steps",
        "steps_source",
        "sources",
    }
    for p in procedures:
        assert set(p) == expected, p["code"]
        assert p["name"] and p["handling_agency"], p["code"]
        assert p["legal_basis"] and all(p["legal_basis"]), p["code"]
        assert p["sources"] and all(p["sources"]), p["code"]
        assert p["steps_source"], p["code"]


def test_enumerations(procedures: list[dict[str, Any]]) -> None:
    for p in procedures:
        assert p["level"] in LEVELS, p["code"]
        assert p["online"] in ONLINE, p["code"]
        assert p["time_limit"]["unit"] in TIME_UNITS, p["code"]
        methods = p["result"]["methods"]
        assert methods and set(methods) <= RESULT_METHODS and len(methods) == len(set(methods)), p["code"]
        assert p["result"]["name"], p["code"]


def test_fields_are_consistent(procedures: list[dict[str, Any]]) -> None:
    names_by_code: dict[str, set[str]] = {}
    for p in procedures:
        assert set(p["field"]) == {"code", "name"}
        assert re.fullmatch(r"[A-Z]{2,5}", p["field"]["code"]), p["field"]
        names_by_code.setdefault(p["field"]["code"], set()).add(p["field"]["name"])
    assert all(len(v) == 1 for v in names_by_code.values()), names_by_code


def test_time_limits(procedures: list[dict[str, Any]]) -> None:
    for p in procedures:
        limit = p["time_limit"]
        assert set(limit) == {"value", "unit"}
        value = limit["value"]
        assert isinstance(value, int | float) and not isinstance(value, bool)
        if limit["unit"] == "same_day":
            assert value == 0, p["code"]
        else:
            assert value > 0, p["code"]
        if limit["unit"] in {"working_days", "calendar_days"}:
            assert value * 2 == int(value * 2), f"{p['code']}: days must be whole or half days"


def test_time_limits_parse_with_the_domain_model(procedures: list[dict[str, Any]]) -> None:
    timelimit = pytest.importorskip("app.domain.timelimit")
    for p in procedures:
        parsed = timelimit.TimeLimit.parse(p["time_limit"]["value"], p["time_limit"]["unit"])
        assert parsed.to_dict()["unit"] == p["time_limit"]["unit"]


def _budget_hours(limit: dict[str, Any]) -> float | None:
    unit, value = limit["unit"], limit["value"]
    if unit == "working_days":
        return value * HOURS_PER_DAY
    if unit == "working_hours":
        return value
    if unit == "same_day":
        return HOURS_PER_DAY
    return None  # calendar days: only plausibility is checked


def test_steps_fit_the_time_limit(procedures: list[dict[str, Any]]) -> None:
    for p in procedures:
        steps = p["steps"]
        assert len(steps) >= 2, p["code"]
        for s in steps:
            assert set(s) == {"name", "unit", "hours"}
            assert s["name"] and s["unit"], p["code"]
            assert isinstance(s["hours"], int | float) and s["hours"] > 0, p["code"]
        total = sum(s["hours"] for s in steps)
        budget = _budget_hours(p["time_limit"])
        if budget is not None:
            assert total <= budget, f"{p['code']}: steps take {total} h, limit is {budget} h"
        else:
            days = p["time_limit"]["value"]
            assert total <= days * HOURS_PER_DAY, f"{p['code']}: {total} h cannot fit in {days} calendar days"


def test_steps_source_is_honest(procedures: list[dict[str, Any]]) -> None:
    """Steps are either taken from a named decision or explicitly marked as derived."""
    for p in procedures:
        src = p["steps_source"]
        assert src.startswith("derived") or re.search(r"QĐ|Quyết định", src), p["code"]


def test_fees(procedures: list[dict[str, Any]]) -> None:
    amounts = []
    for p in procedures:
        for f in p["fees"]:
            assert set(f) == {"name", "amount", "note"}
            assert f["name"], p["code"]
            assert isinstance(f["amount"], int) and not isinstance(f["amount"], bool), p["code"]
            assert f["amount"] >= 0, p["code"]
            amounts.append(f["amount"])
        if not p["fees"]:
            # an empty fee list means "the catalogue gives no figure": say so in the sources
            assert any("phí" in s.lower() for s in p["sources"]), p["code"]
    assert 0 in amounts and any(a > 0 for a in amounts)


def test_components(procedures: list[dict[str, Any]]) -> None:
    for p in procedures:
        comps = p["components"]
        assert 2 <= len(comps) <= 10, f"{p['code']}: {len(comps)} components"
        codes = [c["code"] for c in comps]
        assert len(codes) == len(set(codes)), f"{p['code']}: duplicate component codes {codes}"
        assert any(c["required"] for c in comps), p["code"]
        for c in comps:
            assert set(c) == {"code", "name", "originals", "copies", "required", "note"}
            assert re.fullmatch(r"[A-Z0-9]{1,6}", c["code"]), c["code"]
            assert c["name"], p["code"]
            for key in ("originals", "copies"):
                assert isinstance(c[key], int) and not isinstance(c[key], bool) and c[key] >= 0
            assert c["originals"] + c["copies"] >= 1, f"{p['code']}/{c['code']}"
            assert isinstance(c["required"], bool)
            assert isinstance(c["note"], str)
            if not c["required"]:
                assert c["note"], f"{p['code']}/{c['code']}: optional components say when they apply"


def test_catalog_has_variety(procedures: list[dict[str, Any]]) -> None:
    units = Counter(p["time_limit"]["unit"] for p in procedures)
    assert units["same_day"] >= 1 and units["working_days"] >= 10 and units["calendar_days"] >= 1
    assert {p["level"] for p in procedures} == LEVELS
    assert len({p["field"]["code"] for p in procedures}) >= 6
    assert {p["online"] for p in procedures} == ONLINE
    assert any(not c["required"] for p in procedures for c in p["components"])


# ---------------------------------------------------------------- office


def test_office_header(office: dict[str, Any]) -> None:
    o = office["office"]
    assert set(o) == {"code", "name", "unit_code", "parent", "address", "phone", "province", "sources"}
    assert o["province"] == "Quảng Ngãi"
    assert UNIT_CODE.match(o["unit_code"]) and o["unit_code"].endswith(".H48")
    assert o["sources"]
    # the unit code was not confirmed by a public source: the sources must say so
    assert any("PLACEHOLDER" in s and o["unit_code"] in s for s in o["sources"])


def test_counters_and_fields(office: dict[str, Any], procedures: list[dict[str, Any]]) -> None:
    counters = office["counters"]
    assert len(counters) == 6
    numbers = [c["number"] for c in counters]
    assert len(numbers) == len(set(numbers))
    used = {p["field"]["code"] for p in procedures}
    for c in counters:
        assert c["name"].startswith(f"Quầy {c['number']}")
        assert c["fields"], c
        for code in c["fields"]:
            assert code in used, f"counter {c['number']} serves field {code} that no procedure uses"
    covered = {code for c in counters for code in c["fields"]}
    assert used <= covered, f"fields with no counter: {sorted(used - covered)}"


def test_officers(office: dict[str, Any]) -> None:
    officers = office["officers"]
    assert len(officers) >= 8
    numbers = {c["number"] for c in office["counters"]}
    usernames = [o["username"] for o in officers]
    assert len(usernames) == len(set(usernames))
    roles = Counter(o["role"] for o in officers)
    assert set(roles) <= ROLES and roles["supervisor"] >= 1 and roles["admin"] >= 1
    for o in officers:
        assert re.fullmatch(r"[a-z][a-z0-9._]{1,31}", o["username"]), o["username"]
        assert len(o["full_name"].split()) >= 2
        if o["role"] == "officer":
            assert o["counter"] in numbers, o
        else:
            assert o["counter"] is None or o["counter"] in numbers, o
    staffed = {o["counter"] for o in officers if o["role"] == "officer"}
    assert staffed == numbers, "every counter has an officer"


def test_address_places_and_streets(office: dict[str, Any]) -> None:
    places = office["address_places"]
    assert len(places) >= 30 and len(places) == len(set(places))
    for place in places:
        assert re.match(r"^(Phường|Xã|Đặc khu) \S", place), place
        # two-tier government since 1/7/2025: no districts, towns or "thị trấn"
        assert not re.search(r"Huyện|Quận|Thị trấn|Thành phố", place), place
    streets = office["streets"]
    assert len(streets) >= 20 and len(streets) == len(set(streets))
    assert all(not s.lower().startswith(("đường", "phố")) for s in streets)


# ---------------------------------------------------------------- names


def test_names(names: dict[str, Any]) -> None:
    assert set(names) == {"surnames", "middle", "given", "source_note"}
    surnames = names["surnames"]
    assert len(surnames) >= 25
    assert len({s for s, _ in surnames}) == len(surnames)
    shares = dict(surnames)
    assert all(isinstance(v, int | float) and v > 0 for v in shares.values())
    assert max(shares, key=shares.__getitem__) == "Nguyễn" and 35 <= shares["Nguyễn"] <= 40
    assert sum(shares.values()) <= 100
    for key in ("male", "female"):
        assert len(names["middle"][key]) >= 10
        assert len(set(names["middle"][key])) == len(names["middle"][key])
        given = names["given"][key]
        assert len(given) >= 120, f"{key}: {len(given)} given names"
        assert len(set(given)) == len(given)
        assert all(" " not in g for g in given), "given names are single syllables"
    assert "Thị" in names["middle"]["female"] and "Văn" in names["middle"]["male"]
    assert names["source_note"]


# ---------------------------------------------------------------- the project's own loaders


def test_catalog_loads_with_the_project_loader(procedures: list[dict[str, Any]]) -> None:
    catalog_files = pytest.importorskip("app.datafiles.catalog_files")
    loaded = catalog_files.procedures_from_dicts(procedures)
    assert [p.code for p in loaded] == [p["code"] for p in procedures]


def test_office_loads_with_the_domain_model(office: dict[str, Any]) -> None:
    domain = pytest.importorskip("app.domain.office")
    o = office["office"]
    domain.Office(
        code=o["code"], name=o["name"], parent_code=o["parent"], address=o["address"], phone=o["phone"]
    )
    for c in office["counters"]:
        domain.Counter(o["code"], c["number"], c["name"], tuple(c["fields"]))
    for officer in office["officers"]:
        domain.Officer(
            username=officer["username"],
            full_name=officer["full_name"],
            role=domain.Role(officer["role"]),
            office_code=o["code"],
            password_hash="x",
            counter_number=officer["counter"],
        )
