"""Pages and helpers shared by the scanning tests."""

from __future__ import annotations

import io
from functools import cache

import numpy as np
import pypdfium2
from PIL import Image

from devices.scanners.fake.pages import PageSpec, render_page


@cache
def page(spec: PageSpec | None = None) -> Image.Image:
    """A rendered page (cached: rendering takes most of a second). Copy before changing it."""
    return render_page(spec or PageSpec())


def render_pdf(data: bytes, dpi: float = 100) -> list[Image.Image]:
    """Every page of a PDF rendered back, as a reader would see it."""
    document = pypdfium2.PdfDocument(io.BytesIO(data))
    try:
        return [p.render(scale=dpi / 72).to_pil().convert("L") for p in document]
    finally:
        document.close()


def pdf_page_sizes(data: bytes) -> list[tuple[float, float]]:
    document = pypdfium2.PdfDocument(io.BytesIO(data))
    try:
        return [tuple(round(v, 1) for v in p.get_size()) for p in document]  # type: ignore[misc]
    finally:
        document.close()


def similarity(a: Image.Image, b: Image.Image) -> float:
    """Correlation of two pictures of the same page (1.0: identical), after bringing them to one size."""
    size = (min(a.width, b.width), min(a.height, b.height))
    x = np.asarray(a.convert("L").resize(size), dtype=np.float64).ravel()
    y = np.asarray(b.convert("L").resize(size), dtype=np.float64).ravel()
    return float(np.corrcoef(x, y)[0, 1])
