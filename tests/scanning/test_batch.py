"""The page batch: reorder, rotate, delete and restore, crop, manual duplex; blank pages left out only as
the batch stands, so that a manual duplex interleaves with its blank backs in place (naps2#313)."""

from __future__ import annotations

import pytest

from app.domain.errors import ValidationError
from app.domain.scanning.batch import Batch, Crop, Left, PageEntry


def batch(*ids: str, blank: tuple[str, ...] = ()) -> Batch:
    return Batch().add(PageEntry(i, blank=i in blank) for i in ids)


def ids(b: Batch, included: bool = False) -> list[str]:
    return [p.id for p in (b.included() if included else b.pages)]


def test_edits_return_new_batches_and_leave_the_old_one_for_undo() -> None:
    before = batch("a", "b", "c")
    after = before.move("c", 0).rotate("a").delete("b")
    assert ids(before) == ["a", "b", "c"]
    assert ids(after) == ["c", "a", "b"]
    assert ids(after, included=True) == ["c", "a"]
    assert after.page("a").rotation == 90
    assert after.page("b").left_out is Left.DELETED
    assert ids(after.restore("b"), included=True) == ["c", "a", "b"]


def test_rotation_turns_both_ways_in_quarter_turns() -> None:
    b = batch("a")
    assert b.rotate("a", -1).page("a").rotation == 270
    assert b.rotate("a", 2).rotate("a", 2).page("a").rotation == 0


def test_reorder_must_name_every_page_once() -> None:
    b = batch("a", "b", "c")
    assert ids(b.reorder(["b", "c", "a"])) == ["b", "c", "a"]
    with pytest.raises(ValidationError):
        b.reorder(["a", "b"])
    with pytest.raises(ValidationError):
        b.reorder(["a", "a", "b"])
    with pytest.raises(ValidationError):
        b.move("a", 3)
    with pytest.raises(ValidationError):
        b.rotate("zz")
    with pytest.raises(ValidationError):
        b.add([PageEntry("a")])


def test_manual_duplex_interleaves_the_reversed_backs_then_drops_the_blank_ones() -> None:
    # Three sheets through a one-sided feeder: fronts f1 f2 f3, then the stack turned over: backs come
    # last sheet first (b3 b2 b1). Sheet 2's back is blank.
    scanned = batch("f1", "f2", "f3", "b3", "b2", "b1", blank=("b2",))
    merged = scanned.interleave(3)
    assert ids(merged) == ["f1", "b1", "f2", "b2", "f3", "b3"]
    assert ids(merged, included=True) == ["f1", "b1", "f2", "f3", "b3"]
    assert [p.id for p in merged.left_out()] == ["b2"]
    # A page wrongly found blank is put back where it belongs.
    assert ids(merged.restore("b2"), included=True) == ["f1", "b1", "f2", "b2", "f3", "b3"]


def test_manual_duplex_with_backs_in_feeding_order_and_wrong_counts() -> None:
    assert ids(batch("f1", "f2", "b1", "b2").interleave(2, backs_reversed=False)) == ["f1", "b1", "f2", "b2"]
    with pytest.raises(ValidationError):
        batch("f1", "f2", "b2").interleave(2)
    with pytest.raises(ValidationError):
        batch("f1").interleave(0)


def test_crop_must_lie_inside_the_page() -> None:
    b = batch("a").set_crop("a", Crop(0.1, 0.1, 0.9, 0.5))
    assert b.page("a").crop == Crop(0.1, 0.1, 0.9, 0.5)
    with pytest.raises(ValidationError):
        Crop(0.5, 0.1, 0.4, 0.9)
    with pytest.raises(ValidationError):
        Crop(0.0, 0.0, 1.2, 1.0)
