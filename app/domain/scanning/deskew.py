"""Automatic deskew: the angle at which the text lines of a page are most horizontal.

A projection profile (Postl's method): project the ink onto the vertical axis for candidate angles and
keep the angle whose profile has the sharpest peaks (text lines) and valleys (the gaps between them).
Written on numpy rather than taken from a library: the usual ones (`deskew`, OpenCV's Hough transform)
pull in scikit-image or OpenCV, tens of megabytes, for forty lines of arithmetic. Pure: an image in, an
angle out; no I/O.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from PIL import Image

# A feeder skews a sheet by a few degrees; anything beyond this is a photo or a page put in sideways,
# which the officer rotates by hand.
MAX_ANGLE = 15.0
_WORK_WIDTH = 800  # pixels across the page while measuring (about 100 dpi for A4): enough for 0.1 degree
_MARGIN = 0.04  # the edges of a scan (feeder shadows, punch holes) are not text
_MAX_POINTS = 120_000
_MIN_POINTS = 200  # less ink than this: a blank page or a photo with no lines, leave it alone
# Lines of text make one angle several times sharper than the typical one (measured 27-45 on text pages,
# 1.3-1.6 on a signature or a seal alone).
_MIN_PROMINENCE = 4.0
# Straightened text has white rows between its lines (measured 30-77 % of rows); a checkerboard found at
# an angle has under 1 %.
_MIN_GAPS = 0.1
_BEYOND = 3.0  # searched past MAX_ANGLE only to recognise a peak at the edge as a pattern, not a skew


def ink_mask(grey: npt.NDArray[np.uint8]) -> npt.NDArray[np.bool_]:
    """Dark pixels against the paper: the paper's own level is measured, so grey paper works too."""
    paper = float(np.percentile(grey, 90))
    return grey < paper * 0.6


def _ink_points(image: Image.Image) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    grey = image.convert("L")
    scale = min(1.0, _WORK_WIDTH / grey.width)
    if scale < 1.0:
        # BOX keeps thin strokes (averaged into grey) where nearest-neighbour would drop them.
        grey = grey.resize(
            (max(1, round(grey.width * scale)), max(1, round(grey.height * scale))), Image.Resampling.BOX
        )
    pixels = np.asarray(grey, dtype=np.uint8)
    h, w = pixels.shape
    my, mx = round(h * _MARGIN), round(w * _MARGIN)
    mask = ink_mask(pixels)[my : h - my, mx : w - mx]
    ys, xs = np.nonzero(mask)
    if len(xs) > _MAX_POINTS:
        step = len(xs) // _MAX_POINTS + 1
        ys, xs = ys[::step], xs[::step]
    # Centred, so that rotating about the middle does not push the profile off its bins.
    return xs.astype(np.float64) - w / 2, ys.astype(np.float64) - h / 2


def _profile(
    xs: npt.NDArray[np.float64], ys: npt.NDArray[np.float64], degrees: float
) -> npt.NDArray[np.int64]:
    theta = np.deg2rad(degrees)
    # Row of each ink pixel once the page is turned by `degrees` (y grows downwards).
    rows = ys * np.cos(theta) + xs * np.sin(theta)
    return np.bincount((rows - rows.min()).astype(np.int64))


def _sharpness(xs: npt.NDArray[np.float64], ys: npt.NDArray[np.float64], degrees: float) -> float:
    steps = np.diff(_profile(xs, ys, degrees).astype(np.float64))
    return float(np.dot(steps, steps))


def _gaps(xs: npt.NDArray[np.float64], ys: npt.NDArray[np.float64], degrees: float) -> float:
    """Share of rows that are (nearly) empty once straightened: the white between lines of text."""
    profile = _profile(xs, ys, degrees)
    return float(np.mean(profile < 0.02 * profile.max()))


def _best(
    xs: npt.NDArray[np.float64], ys: npt.NDArray[np.float64], angles: npt.NDArray[np.float64]
) -> tuple[float, float]:
    """The sharpest angle, and how far its sharpness stands out from the typical angle's."""
    scores = np.array([_sharpness(xs, ys, float(a)) for a in angles])
    typical = float(np.median(scores)) or 1.0
    return float(angles[int(np.argmax(scores))]), float(scores.max()) / typical


def skew_angle(image: Image.Image) -> float:
    """Degrees the page's content is turned counter-clockwise (0.0 when there are no lines to measure).

    Straighten with `image.rotate(-angle)`. Coarse search in half degrees, then tenths, then hundredths.
    A page without lines of text (a lone signature, a seal, a photo) has no angle that stands out, and a
    pattern (a checkerboard, a halftone) has no white between its "lines": both are left as scanned.
    """
    xs, ys = _ink_points(image)
    if len(xs) < _MIN_POINTS:
        return 0.0
    reach = MAX_ANGLE + _BEYOND
    angle, prominence = _best(xs, ys, np.arange(-reach, reach + 0.25, 0.5))
    if prominence < _MIN_PROMINENCE or abs(angle) > MAX_ANGLE:
        return 0.0
    angle, _ = _best(xs, ys, np.arange(angle - 0.5, angle + 0.55, 0.1))
    angle, _ = _best(xs, ys, np.arange(angle - 0.1, angle + 0.105, 0.02))
    if _gaps(xs, ys, angle) < _MIN_GAPS:
        return 0.0
    return round(angle, 2)


def paper_colour(image: Image.Image) -> int | tuple[int, ...]:
    """The colour of the paper (a bright percentile), to fill the corners a rotation uncovers."""
    pixels = np.asarray(image)
    if pixels.ndim == 2:
        return int(np.percentile(pixels, 90))
    return tuple(int(np.percentile(pixels[..., c], 90)) for c in range(pixels.shape[2]))


def straighten(image: Image.Image, angle: float) -> Image.Image:
    """Turn the page back by `angle` degrees, corners filled with the paper's colour, same size."""
    if abs(angle) < 0.05:
        return image
    rotated = image.rotate(
        -angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=paper_colour(image)
    )
    rotated.info = dict(image.info)
    return rotated
