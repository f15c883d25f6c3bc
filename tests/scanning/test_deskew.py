"""Deskew: a rendered page turned by known angles is measured back within 0.5 degree (the issue's bar)."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from app.domain.scanning.deskew import skew_angle, straighten
from devices.scanners.fake.pages import PageSpec
from tests.scanning.support import page

ANGLES = (-12.0, -7.5, -3.2, -1.0, -0.4, 0.0, 0.3, 0.9, 2.0, 4.6, 9.8, 14.0)


@pytest.mark.parametrize("angle", ANGLES)
def test_known_angles_are_found_within_half_a_degree(angle: float) -> None:
    scanned = page(PageSpec(angle=angle, seed=int(abs(angle) * 10) % 5))
    assert skew_angle(scanned) == pytest.approx(angle, abs=0.5)


@pytest.mark.parametrize(
    ("spec", "angle"),
    [
        (PageSpec(lines=4, signature=True, angle=2.5), 2.5),  # a short letter
        (PageSpec(lines=20, stamp=True, signature=True, color=True, angle=-3.0), -3.0),  # colour, seal
        (PageSpec(lines=38, noise=6, paper=215, angle=1.5), 1.5),  # grey recycled paper, noisy sensor
        (PageSpec(lines=38, bleed_through=True, angle=-5.0), -5.0),  # thin paper
    ],
)
def test_harder_pages(spec: PageSpec, angle: float) -> None:
    assert skew_angle(page(spec)) == pytest.approx(angle, abs=0.5)


def test_straightened_page_measures_level_and_keeps_its_size() -> None:
    scanned = page(PageSpec(angle=3.7))
    level = straighten(scanned, skew_angle(scanned))
    assert level.size == scanned.size
    assert abs(skew_angle(level)) <= 0.2
    # The corners the turn uncovered are paper, not black wedges.
    assert min(level.getpixel((2, 2)), level.getpixel((level.width - 3, level.height - 3))) > 200  # type: ignore[operator]


def test_pages_without_lines_are_left_alone() -> None:
    assert skew_angle(page(PageSpec(lines=0))) == 0.0
    assert skew_angle(page(PageSpec(lines=0, signature=True))) == 0.0
    assert skew_angle(page(PageSpec(lines=0, stamp=True, color=True))) == 0.0


def test_a_pattern_is_not_mistaken_for_lines_of_text() -> None:
    # SANE's test device draws a checkerboard: its diagonals line up at about 14 degrees.
    board = Image.new("L", (1574, 1574), 255)
    draw = ImageDraw.Draw(board)
    square = 79
    for row in range(20):
        for col in range(20):
            if (row + col) % 2:
                draw.rectangle(
                    (col * square, row * square, (col + 1) * square - 1, (row + 1) * square - 1), fill=0
                )
    assert skew_angle(board) == 0.0
