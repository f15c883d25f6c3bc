"""Crop to content: the rectangle of a scan that holds something, for a citizen's ID card or a receipt
laid on the glass of a flatbed (the rest of the A4 scan is the white lid).

Measured like blank detection (ink against the paper's own level, specks ignored), then widened by a
margin so that no letter is cut. Pure: an image in, a crop in fractions of the page out.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from app.domain.scanning.batch import Crop
from app.domain.scanning.blank import ink_mask_without_specks

_WORK_WIDTH = 600
_MARGIN = 0.015  # of the page's width: about 3 mm on A4
_NOT_WORTH_IT = 0.9  # a box this close to the whole page is the whole page


def content_box(image: Image.Image) -> Crop | None:
    """The part of the page with content, or None when the page is blank or nearly all content."""
    grey = image.convert("L")
    scale = min(1.0, _WORK_WIDTH / grey.width)
    if scale < 1.0:
        grey = grey.resize(
            (max(1, round(grey.width * scale)), max(1, round(grey.height * scale))), Image.Resampling.BOX
        )
    ink = ink_mask_without_specks(np.asarray(grey, dtype=np.int16))
    if ink is None or not ink.any():
        return None
    h, w = ink.shape
    rows = np.flatnonzero(ink.any(axis=1))
    cols = np.flatnonzero(ink.any(axis=0))
    margin = _MARGIN * w
    left = max(0.0, (cols[0] - margin) / w)
    right = min(1.0, (cols[-1] + 1 + margin) / w)
    top = max(0.0, (rows[0] - margin) / h)
    bottom = min(1.0, (rows[-1] + 1 + margin) / h)
    if (right - left) * (bottom - top) >= _NOT_WORTH_IT:
        return None
    return Crop(round(left, 4), round(top, 4), round(right, 4), round(bottom, 4))
