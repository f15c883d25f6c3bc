"""The pages of one document as the officer arranges them before attaching: order, rotation, crop,
deleted pages, pages found blank, and manual duplex.

Immutable: every edit returns a new batch, so the screen can undo by keeping the previous one. Pages are
never dropped from the batch: a deleted or blank page is marked and left out of the PDF, and can be put
back. Blank pages are marked as they arrive but only left out as the batch stands, so that a manual duplex
(fronts, then backs) is interleaved with its blank backs still in place (naps2#313).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from app.domain.errors import ValidationError


class Left(StrEnum):
    """Why a page is left out of the PDF."""

    BLANK = "blank"
    DELETED = "deleted"


@dataclass(frozen=True, slots=True)
class Crop:
    """A rectangle in fractions of the (straightened, rotated) page: 0,0 top left; 1,1 bottom right."""

    left: float
    top: float
    right: float
    bottom: float

    def __post_init__(self) -> None:
        if not (0 <= self.left < self.right <= 1 and 0 <= self.top < self.bottom <= 1):
            raise ValidationError("crop", "must be a rectangle inside the page (fractions 0-1)")


@dataclass(frozen=True, slots=True)
class PageEntry:
    id: str  # the raw page it shows (its image is kept by the session, not here)
    skew: float = 0.0  # degrees found by deskew; straightened by this much
    rotation: int = 0  # quarter turns clockwise the officer asked for: 0, 90, 180, 270
    crop: Crop | None = None
    coverage: float = 100.0  # % ink, from blank detection
    blank: bool = False
    deleted: bool = False
    keep: bool = False  # the officer put a page found blank back

    @property
    def left_out(self) -> Left | None:
        if self.deleted:
            return Left.DELETED
        if self.blank and not self.keep:
            return Left.BLANK
        return None


@dataclass(frozen=True, slots=True)
class Batch:
    pages: tuple[PageEntry, ...] = ()

    # ----- queries ------------------------------------------------------------------------------------

    def included(self) -> tuple[PageEntry, ...]:
        """The pages that go into the PDF, in order."""
        return tuple(p for p in self.pages if p.left_out is None)

    def left_out(self) -> tuple[PageEntry, ...]:
        return tuple(p for p in self.pages if p.left_out is not None)

    def page(self, page_id: str) -> PageEntry:
        return self.pages[self._index(page_id)]

    def _index(self, page_id: str) -> int:
        for i, entry in enumerate(self.pages):
            if entry.id == page_id:
                return i
        raise ValidationError("page", f"no page {page_id!r} in this batch")

    def _with(self, page_id: str, **changes: object) -> Batch:
        i = self._index(page_id)
        pages = list(self.pages)
        pages[i] = replace(pages[i], **changes)  # type: ignore[arg-type]
        return Batch(tuple(pages))

    # ----- edits ----------------------------------------------------------------------------------------

    def add(self, entries: Iterable[PageEntry]) -> Batch:
        new = tuple(entries)
        ids = {p.id for p in self.pages}
        for entry in new:
            if entry.id in ids:
                raise ValidationError("page", f"page {entry.id!r} is already in the batch")
            ids.add(entry.id)
        return Batch(self.pages + new)

    def rotate(self, page_id: str, quarter_turns: int = 1) -> Batch:
        """Turn a page clockwise by 90 degrees per quarter turn (negative: anticlockwise)."""
        current = self.page(page_id).rotation
        return self._with(page_id, rotation=(current + 90 * quarter_turns) % 360)

    def set_crop(self, page_id: str, crop: Crop | None) -> Batch:
        return self._with(page_id, crop=crop)

    def straighten(self, page_id: str, skew: float) -> Batch:
        """Override the angle deskew found (0.0 to leave the page as scanned)."""
        return self._with(page_id, skew=skew)

    def delete(self, page_id: str) -> Batch:
        return self._with(page_id, deleted=True)

    def restore(self, page_id: str) -> Batch:
        """Put back a deleted page, or a page found blank that is not."""
        return self._with(page_id, deleted=False, keep=True)

    def move(self, page_id: str, to: int) -> Batch:
        """Move a page to position `to` (0-based, among all pages, left-out ones included)."""
        if not 0 <= to < len(self.pages):
            raise ValidationError("position", f"{to} is outside 0-{len(self.pages) - 1}")
        pages = list(self.pages)
        entry = pages.pop(self._index(page_id))
        pages.insert(to, entry)
        return Batch(tuple(pages))

    def reorder(self, ids: Sequence[str]) -> Batch:
        """The same pages in the order given (from a drag and drop in the thumbnails)."""
        if sorted(ids) != sorted(p.id for p in self.pages):
            raise ValidationError("order", "must list every page of the batch once")
        by_id = {p.id: p for p in self.pages}
        return Batch(tuple(by_id[i] for i in ids))

    def reverse(self) -> Batch:
        return Batch(self.pages[::-1])

    def interleave(self, backs_from: int, *, backs_reversed: bool = True) -> Batch:
        """Manual duplex on a one-sided feeder: pages before `backs_from` are the fronts, the rest the backs
        (the stack turned over, so by default they came last sheet first). Result: front 1, back 1, ..."""
        fronts, backs = self.pages[:backs_from], self.pages[backs_from:]
        if not fronts or len(fronts) != len(backs):
            raise ValidationError(
                "duplex",
                f"{len(fronts)} fronts and {len(backs)} backs: scan every sheet's back, blank or not",
            )
        if backs_reversed:
            backs = backs[::-1]
        return Batch(tuple(page for pair in zip(fronts, backs, strict=True) for page in pair))
