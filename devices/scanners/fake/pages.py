"""Synthetic scanned pages: what a cheap feeder scanner gives for the papers a citizen hands in.

Used by the fake eSCL server, the tests and the benchmarks, so that all three look at the same kind of
page: an A4 sheet of slightly grey paper with sensor noise, Vietnamese text in Tinos (the Times New Roman
metrics of most official papers), optionally a red stamp and a signature, fed in at a small angle.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from functools import cache
from importlib.resources import as_file, files

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

A4_MM = (210.0, 297.0)
MM_PER_INCH = 25.4

_HEADER = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
_PHRASES = (
    "Ủy ban nhân dân xã phường thị trấn chứng thực bản sao đúng với bản chính giấy khai sinh số",
    "ngày tháng năm người yêu cầu họ và tên nơi cư trú thường trú tạm trú căn cước công dân cấp",
    "tại Quảng Ngãi đăng ký hộ khẩu quyền sử dụng đất thửa đất số tờ bản đồ diện tích mét vuông",
    "mục đích sử dụng thời hạn nguồn gốc chuyển nhượng tặng cho thừa kế hộ kinh doanh ngành nghề",
    "địa điểm vốn đăng ký giấy chứng nhận kết hôn xác nhận tình trạng hôn nhân của ông bà anh chị",
    "đã được niêm yết công khai không có khiếu nại tranh chấp người làm đơn ký ghi rõ họ tên",
)
_WORDS = tuple(" ".join(_PHRASES).split())


@dataclass(frozen=True, slots=True)
class PageSpec:
    """What to draw. `lines` 0 gives a blank sheet (with the same paper, noise and edges)."""

    dpi: int = 200
    lines: int = 38
    angle: float = 0.0  # degrees, counter-clockwise, as the sheet went through the feeder
    noise: float = 1.5  # sensor noise (standard deviation, grey levels)
    paper: int = 242  # grey level of the paper
    stamp: bool = False  # a red round seal (colour pages)
    signature: bool = False
    bleed_through: bool = False  # the back side's text faintly showing (thin paper)
    dust: int = 0  # specks of dust on the glass
    color: bool = False
    seed: int = 0


def a4_pixels(dpi: int) -> tuple[int, int]:
    return (round(A4_MM[0] / MM_PER_INCH * dpi), round(A4_MM[1] / MM_PER_INCH * dpi))


@cache
def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "Tinos-Bold.ttf" if bold else "Tinos-Regular.ttf"
    with as_file(files("resources") / "fonts" / name) as path:
        return ImageFont.truetype(str(path), size)


def _text_lines(spec: PageSpec, rng: random.Random) -> list[str]:
    lines = []
    for _ in range(spec.lines):
        words: list[str] = []
        while sum(len(w) + 1 for w in words) < 78:
            words.append(rng.choice(_WORDS))
        lines.append(" ".join(words).capitalize())
    return lines


def _draw_page(spec: PageSpec, rng: random.Random, ink: int = 30) -> Image.Image:
    width, height = a4_pixels(spec.dpi)
    page = Image.new("RGB", (width, height), (255, 255, 255))
    draw = ImageDraw.Draw(page)
    mm = spec.dpi / MM_PER_INCH
    body = _font(max(6, round(13 / 72 * spec.dpi)))  # 13 pt, as in the official forms
    left, top = round(25 * mm), round(20 * mm)
    if spec.lines:
        bold = _font(max(6, round(13 / 72 * spec.dpi)), bold=True)
        for i, text in enumerate(_HEADER):
            w = draw.textlength(text, font=bold)
            draw.text(((width - w) / 2, top + i * 7 * mm), text, fill=(ink, ink, ink), font=bold)
        y = top + 22 * mm
        for text in _text_lines(spec, rng):
            if y > height - 45 * mm:
                break
            draw.text((left, y), text, fill=(ink, ink, ink), font=body)
            y += 6.2 * mm
    if spec.signature:
        x0, y0 = width - 75 * mm, height - 40 * mm
        points = [
            (x0 + t * 1.2 * mm, y0 + math.sin(t / 2.3) * 5 * mm + rng.uniform(-1, 1) * mm) for t in range(40)
        ]
        draw.line(points, fill=(20, 30, 120), width=max(1, round(0.5 * mm)))
    if spec.stamp:
        cx, cy, r = width - 60 * mm, height - 45 * mm, 18 * mm
        red = (200, 30, 40)
        for radius in (r, r - 2.2 * mm):
            draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=red, width=round(mm))
        small = _font(max(6, round(7 / 72 * spec.dpi)), bold=True)
        label = "ỦY BAN NHÂN DÂN"
        draw.text((cx - draw.textlength(label, font=small) / 2, cy - 2 * mm), label, fill=red, font=small)
        star = [
            (
                cx + (5 if k % 2 == 0 else 2) * mm * math.cos(math.pi * (k / 5 - 0.5)),
                cy - 8 * mm + (5 if k % 2 == 0 else 2) * mm * math.sin(math.pi * (k / 5 - 0.5)),
            )
            for k in range(10)
        ]
        draw.polygon(star, fill=red)
    return page


def render_page(spec: PageSpec = PageSpec()) -> Image.Image:
    """One scanned sheet: mode "L" (grey) or "RGB" (colour), A4 at `spec.dpi`, `info["dpi"]` set."""
    rng = random.Random(spec.seed)
    page = _draw_page(spec, rng)
    if spec.bleed_through:
        back = _draw_page(PageSpec(dpi=spec.dpi, lines=spec.lines or 30, seed=spec.seed + 1), rng, ink=0)
        faint = Image.eval(back.transpose(Image.Transpose.FLIP_LEFT_RIGHT), lambda v: 255 - (255 - v) // 9)
        page = Image.fromarray(np.minimum(np.asarray(page), np.asarray(faint)))
    if spec.dust:
        draw = ImageDraw.Draw(page)
        for _ in range(spec.dust):
            x, y = rng.uniform(0, page.width), rng.uniform(0, page.height)
            r = rng.uniform(0.5, 1.5)
            draw.ellipse((x - r, y - r, x + r, y + r), fill=(60, 60, 60))
    # The optics soften edges a little; then the sheet sits at an angle on the paper-grey background.
    page = page.filter(ImageFilter.GaussianBlur(0.6 * spec.dpi / 200))
    if spec.angle:
        page = page.rotate(
            spec.angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=(255, 255, 255)
        )
    pixels = np.asarray(page, dtype=np.float32) * (spec.paper / 255.0)
    noise = np.random.default_rng(spec.seed).normal(0.0, spec.noise, pixels.shape[:2]).astype(np.float32)
    pixels += noise[..., None]
    result = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "RGB")
    if not spec.color:
        result = result.convert("L")
    result.info["dpi"] = (spec.dpi, spec.dpi)
    return result
