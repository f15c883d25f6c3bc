"""The dossier code as Code128 and its look-up address as QR, drawn as vectors into the form's PDF.

reportlab's own barcode widgets draw them; what is ours is the geometry. The Code128 module is 2/150 inch
(0.339 mm, above the 0.25 mm floor): a whole number of dots at 150, 300 and 600 dpi, so a 150 dpi render or
scan keeps every bar width exact. A 0.25-0.30 mm module falls between pixels at 150 dpi and did not decode
in our trials. Quiet zones are 10 modules (GS1 General Specifications 5.4.4.2).

QR: segno encodes (reportlab's QR widget encodes twice per drawing and builds a shape per module: 50 ms
of the receipt's time); we draw the matrix as one filled path of horizontal runs.
"""

from __future__ import annotations

import functools

import segno
from reportlab.graphics.barcode import code128
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from printing.fonts import FAMILY

MODULE = 72 / 150 * 2  # points
QUIET_MODULES = 10


def code128_width(code: str) -> float:
    return float(_code128(code, 10 * mm).width)


def _code128(code: str, height: float) -> code128.Code128:
    return code128.Code128(
        code,
        barWidth=MODULE,
        barHeight=height,
        quiet=True,
        lquiet=QUIET_MODULES * MODULE,
        rquiet=QUIET_MODULES * MODULE,
        # the widget selects its (unused) caption font even with no caption: not Helvetica, which the PDF
        # would then list unembedded
        fontName=FAMILY,
    )


def draw_code128(canvas: Canvas, code: str, x: float, y: float, height: float = 10 * mm) -> float:
    """Draw at (x, y) bottom-left including the quiet zone; returns the width used."""
    symbol = _code128(code, height)
    symbol.drawOn(canvas, x, y)
    return float(symbol.width)


@functools.lru_cache(maxsize=64)
def qr_runs(data: str) -> tuple[int, tuple[tuple[int, int, int], ...]]:
    """The QR (level M) as (modules per side, runs of dark modules (row, first column, length))."""
    symbol = segno.make(data, error="m", boost_error=False, micro=False)
    runs = []
    matrix = [list(row) for row in symbol.matrix]
    for y, row in enumerate(matrix):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                runs.append((y, start, x - start))
            else:
                x += 1
    return len(matrix), tuple(runs)


def draw_qr(canvas: Canvas, data: str, x: float, y: float, size: float, border: int = 4) -> None:
    """A square QR with a `border`-module quiet zone inside `size`, bottom-left at (x, y)."""
    modules, runs = qr_runs(data)
    unit = size / (modules + 2 * border)
    path = canvas.beginPath()
    top = y + size - border * unit
    for row, column, length in runs:
        path.rect(x + (border + column) * unit, top - (row + 1) * unit, length * unit, unit)
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()
