"""Lines of text as 1-bit raster images, for printers without a Vietnamese code page (as FQM prints
Arabic): drawn with Pillow in Be Vietnam Pro, cropped to the ink so each line costs only its own width."""

from __future__ import annotations

import functools

from PIL import Image, ImageDraw, ImageFont

from printing.fonts import ticket_font_path


@functools.lru_cache(maxsize=8)
def _font(px: int, weight: str) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(ticket_font_path(weight)), px)


def wrap(text: str, px: int, max_width: int, weight: str = "SemiBold") -> list[str]:
    font = _font(px, weight)
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and font.getlength(candidate) > max_width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def text_image(text: str, px: int, max_width: int, weight: str = "SemiBold") -> Image.Image:
    """One line of text, 1-bit, as wide as its ink (rounded up to whole bytes) and at most max_width."""
    font = _font(px, weight)
    ascent, descent = font.getmetrics()
    width = min(int(font.getlength(text)) + 2, max_width)
    image = Image.new("L", (width, ascent + descent), 255)
    ImageDraw.Draw(image).text((1, 0), text, font=font, fill=0)
    return image.point(lambda v: 0 if v < 140 else 255, mode="1")


def image_bits(image: Image.Image) -> tuple[int, int, bytes]:
    """(width in bytes, height, rows) with 1 = black, as GS v 0 wants."""
    mono = image.convert("1")
    width_bytes = (mono.width + 7) // 8
    padded = Image.new("1", (width_bytes * 8, mono.height), 1)
    padded.paste(mono, (0, 0))
    # PIL's "1" mode packs 1 = white; the printer wants 1 = black.
    data = bytes(255 - b for b in padded.tobytes())
    return width_bytes, mono.height, data


def qr_image(data: str, max_width: int, module: int = 4) -> Image.Image:
    import segno

    symbol = segno.make(data, error="m", boost_error=False, micro=False)
    matrix = [list(row) for row in symbol.matrix]
    n = len(matrix)
    while module > 2 and (n + 4) * module > max_width:
        module -= 1
    image = Image.new("1", ((n + 4) * module, (n + 4) * module), 1)
    draw = ImageDraw.Draw(image)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                left, top = (x + 2) * module, (y + 2) * module
                draw.rectangle((left, top, left + module - 1, top + module - 1), fill=0)
    return image
