from __future__ import annotations

from datetime import date

import pytest

from app.datafiles.resources import load_rulebook
from app.domain.codes import CodeFormat, parse_code
from app.domain.errors import CodeBlockExhausted, NotFound, ValidationError
from app.domain.lifecycle import Status


def test_code_has_the_circular_structure() -> None:
    fmt = CodeFormat()
    code = fmt.format("000.00.53.H48", date(2022, 9, 21), fmt.sequence(0, 99))
    assert code == "000.00.53.H48-220921-0099"
    parsed = parse_code(code)
    assert parsed is not None
    assert (parsed.unit_code, parsed.day, parsed.sequence) == ("000.00.53.H48", date(2022, 9, 21), 99)


def test_desk_slots_never_overlap() -> None:
    fmt = CodeFormat(sequence_digits=4, block_size=1000)
    taken: dict[int, int] = {}
    for slot in range(fmt.slots):
        first, last = (1, 999) if slot == 0 else (1, 1000)
        for n in (first, last):
            value = fmt.sequence(slot, n)
            assert value not in taken, f"slot {slot} reuses {value} of slot {taken.get(value)}"
            taken[value] = slot
            assert 1 <= value <= 9999
    with pytest.raises(CodeBlockExhausted):
        fmt.sequence(0, 1000)
    with pytest.raises(CodeBlockExhausted):
        fmt.sequence(3, 1001)
    with pytest.raises(ValidationError):
        fmt.sequence(10, 1)


@pytest.mark.parametrize("text", ["", "000.00.53.H48-221321-0001", "hello", "000.00.53.H48-220921-12"])
def test_non_codes_are_not_parsed(text: str) -> None:
    assert parse_code(text) is None


def test_rules_change_on_the_day_decree_118_took_effect() -> None:
    book = load_rulebook()
    assert book.in_force(date(2025, 6, 30)).id == "tt01-2018"
    assert book.in_force(date(2025, 7, 1)).id == "nd118-2025"
    with pytest.raises(NotFound):
        book.in_force(date(2018, 1, 1))


def test_every_status_maps_to_a_portal_code() -> None:
    for ruleset in load_rulebook().rulesets:
        codes = {status: ruleset.portal_status(status) for status in Status}
        assert codes[Status.RECEIVED] == 2
        assert codes[Status.RETURNED] == 10
        assert codes[Status.REFUSED] == 3
        assert set(codes.values()) <= set(range(1, 11))
        assert ruleset.form("receipt").number == "01"
