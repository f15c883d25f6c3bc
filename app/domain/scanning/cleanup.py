"""Tone clean-up before compression: the paper made white, and black-and-white from grey.

Both work on the page's own histogram. A scanner's paper is never 255: its grey level and sensor noise
would otherwise be encoded at full cost in every JPEG block, and a fixed threshold loses pale stamps on
dark paper. Pure: Pillow images in and out.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from PIL import Image

_PAPER_PERCENTILE = 90  # most of a page is paper


def _levels(low: float, high: float) -> list[int]:
    span = max(1.0, high - low)
    return [int(np.clip(round((v - low) * 255.0 / span), 0, 255)) for v in range(256)]


def whiten(image: Image.Image) -> Image.Image:
    """Lift each channel so that the paper becomes white; the ink keeps its level.

    Per channel, so that yellowed paper turns white without turning the red of a seal brown. Only the
    paper end moves: stretching the ink to black as well sharpens every stroke edge and costs about 8 %
    more JPEG bytes for no gain in legibility (measured on 200 dpi text pages).
    """
    pixels = np.asarray(image)
    sample = pixels[::4, ::4]
    if sample.ndim == 2:
        sample = sample[..., None]
    tables: list[int] = []
    for channel in range(sample.shape[2]):
        paper = float(np.percentile(sample[..., channel], _PAPER_PERCENTILE))
        # Slightly below the paper level, so that its noise lands on 255 rather than around it.
        tables += _levels(0.0, max(64.0, paper - 8))
    result = image.point(tables)
    result.info = dict(image.info)
    return result


def otsu_threshold(grey: npt.NDArray[np.uint8]) -> int:
    histogram = np.bincount(grey.ravel(), minlength=256).astype(np.float64)
    total = histogram.sum()
    if total == 0:
        return 128
    levels = np.arange(256, dtype=np.float64)
    weight_dark = np.cumsum(histogram)
    weight_light = total - weight_dark
    sum_dark = np.cumsum(histogram * levels)
    mean_dark = np.divide(sum_dark, weight_dark, out=np.zeros(256), where=weight_dark > 0)
    mean_light = np.divide(sum_dark[-1] - sum_dark, weight_light, out=np.zeros(256), where=weight_light > 0)
    between = weight_dark * weight_light * (mean_dark - mean_light) ** 2
    return int(np.argmax(between))


def to_bilevel(image: Image.Image) -> Image.Image:
    """Black and white (mode "1") with Otsu's threshold, nudged towards the paper so that thin strokes and
    the marks of Vietnamese letters stay whole."""
    grey = image.convert("L")
    pixels = np.asarray(grey, dtype=np.uint8)
    threshold = otsu_threshold(pixels[::2, ::2])
    paper = float(np.percentile(pixels[::4, ::4], _PAPER_PERCENTILE))
    threshold = int(min(paper - 20, threshold + (paper - threshold) * 0.25))
    table = [0 if v < threshold else 255 for v in range(256)]
    result = grey.point(table, mode="1")
    result.info = dict(image.info)
    return result
