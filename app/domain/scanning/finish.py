"""A page as the officer arranged it: straightened, turned, cropped. Pure: Pillow images in and out.

The order is the pipeline's: deskew on the page as scanned (its lines are what was measured), then the
officer's quarter turns, then the crop (drawn on what the officer sees); OCR, if any, reads the result.
"""

from __future__ import annotations

from PIL import Image

from app.domain.scanning.batch import PageEntry
from app.domain.scanning.deskew import straighten

_TURNS = {
    90: Image.Transpose.ROTATE_270,  # PIL's ROTATE_n turns anticlockwise; the officer's turns are clockwise
    180: Image.Transpose.ROTATE_180,
    270: Image.Transpose.ROTATE_90,
}


def finish_page(image: Image.Image, entry: PageEntry) -> Image.Image:
    info = dict(image.info)
    page = straighten(image, entry.skew)
    if entry.rotation in _TURNS:
        page = page.transpose(_TURNS[entry.rotation])
    if entry.crop is not None:
        c = entry.crop
        box = (
            round(c.left * page.width),
            round(c.top * page.height),
            max(round(c.left * page.width) + 1, round(c.right * page.width)),
            max(round(c.top * page.height) + 1, round(c.bottom * page.height)),
        )
        page = page.crop(box)
    page.info = info
    return page
