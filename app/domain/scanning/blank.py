"""Blank-page detection: the back of a one-sided sheet scanned in duplex is dropped, a page with one line
or only a signature is kept.

As NAPS2 does (a "white" threshold and a "coverage" threshold), but measured against the paper's own
level, so that grey recycled paper, sensor noise and faint bleed-through from the other side count as
paper, and after removing isolated specks (dust on the glass). The page's edges are ignored: feeder
shadows and punch holes are not content. Pure: an image in, numbers out.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from PIL import Image

_WORK_WIDTH = 600  # about 75 dpi for A4: text survives, dust averages away
_MARGIN = 0.05
_INK_CONTRAST = 60
_DARKEST_PAPER = 100  # grey levels darker than the paper; bleed-through is about 25
# Share of the page (in %) that must be ink. A lone signature covers about 0.1 %, a line of text 0.8 %,
# a blank sheet with dust 0.001 %.
DEFAULT_COVERAGE = 0.03


@dataclass(frozen=True, slots=True)
class BlankCheck:
    coverage: float  # % of the page (inside the margins) that is ink
    blank: bool


def _neighbours(mask: npt.NDArray[np.bool_]) -> npt.NDArray[np.int8]:
    """How many of the 3x3 cells around each pixel (itself included) are ink."""
    padded = np.pad(mask, 1).astype(np.int8)
    count = np.zeros(mask.shape, dtype=np.int8)
    h, w = mask.shape
    for dy in range(3):
        for dx in range(3):
            count += padded[dy : dy + h, dx : dx + w]
    return count


def ink_mask_without_specks(pixels: npt.NDArray[np.int16]) -> npt.NDArray[np.bool_] | None:
    """Ink against the paper's own level, specks removed; None when the page is mostly dark (a photo,
    a black page or a failed lamp: never "blank", and no paper level to measure against)."""
    paper = float(np.percentile(pixels, 90))
    if paper < _DARKEST_PAPER:
        return None
    ink = pixels < paper - _INK_CONTRAST
    # A speck is alone; a stroke has neighbours.
    ink &= _neighbours(ink) >= 3
    return ink


def ink_coverage(image: Image.Image) -> float:
    grey = image.convert("L")
    scale = min(1.0, _WORK_WIDTH / grey.width)
    if scale < 1.0:
        grey = grey.resize(
            (max(1, round(grey.width * scale)), max(1, round(grey.height * scale))), Image.Resampling.BOX
        )
    pixels = np.asarray(grey, dtype=np.int16)
    h, w = pixels.shape
    my, mx = round(h * _MARGIN), round(w * _MARGIN)
    inner = pixels[my : h - my, mx : w - mx]
    if inner.size == 0:
        return 0.0
    ink = ink_mask_without_specks(inner)
    if ink is None:
        return 100.0
    return float(ink.mean() * 100.0)


def check_blank(image: Image.Image, coverage_threshold: float = DEFAULT_COVERAGE) -> BlankCheck:
    coverage = ink_coverage(image)
    return BlankCheck(round(coverage, 4), coverage < coverage_threshold)
