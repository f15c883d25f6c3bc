"""A picture of what a ticket prints (parsed bytes drawn on a paper-wide image): for the desk app's
preview and for people checking a profile, since a thermal roll is not at hand on every desk."""

from __future__ import annotations

from PIL import Image, ImageDraw, ImageFont

from printing.escpos.parse import Line, Parsed, Raster
from printing.fonts import ticket_font_path


def preview(parsed: Parsed, dots: int) -> Image.Image:
    blocks: list[Image.Image] = []
    for item in parsed.items:
        if isinstance(item, Raster):
            blocks.append(item.image.convert("L"))
        elif isinstance(item, Line):
            px = 22 * item.height
            font = ImageFont.truetype(str(ticket_font_path("Bold" if item.bold else "Regular")), px)
            image = Image.new("L", (dots, int(px * 1.3)), 255)
            draw = ImageDraw.Draw(image)
            width = draw.textlength(item.text, font=font)
            x = {0: 0, 1: (dots - width) / 2, 2: dots - width}.get(item.align, 0)
            draw.text((x, 0), item.text, font=font, fill=0)
            blocks.append(image)
        elif item.startswith("qr:"):
            from printing.escpos.raster import qr_image

            blocks.append(qr_image(item[3:], dots // 2, module=5).convert("L"))
        elif item == "cut":
            line = Image.new("L", (dots, 12), 255)
            ImageDraw.Draw(line).line((0, 6, dots, 6), fill=128, width=1)
            blocks.append(line)
    height = sum(b.height for b in blocks) + 20
    page = Image.new("L", (dots, height), 255)
    y = 10
    for block in blocks:
        page.paste(block, ((dots - block.width) // 2, y))
        y += block.height
    return page
