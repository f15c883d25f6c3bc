"""Blank-page detection: blank sheets (noise, dust, bleed-through, grey paper, feeder shadows) are blank;
pages with text, a lone signature or a lone seal are not."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from app.domain.scanning.blank import check_blank
from devices.scanners.fake.pages import PageSpec
from tests.scanning.support import page

BLANK = {
    "clean": PageSpec(lines=0),
    "noisy sensor": PageSpec(lines=0, noise=8),
    "dust on the glass": PageSpec(lines=0, dust=120, noise=3),
    "back side showing through": PageSpec(lines=0, bleed_through=True, noise=3),
    "grey recycled paper": PageSpec(lines=0, paper=205, noise=4),
    "colour scan": PageSpec(lines=0, color=True, noise=3),
}
CONTENT = {
    "full page": PageSpec(),
    "one line": PageSpec(lines=1),
    "signature only": PageSpec(lines=0, signature=True),
    "seal only": PageSpec(lines=0, stamp=True, color=True),
    "text on grey paper": PageSpec(lines=3, paper=205, noise=4),
}


@pytest.mark.parametrize("name", BLANK)
def test_blank_sheets_are_blank(name: str) -> None:
    assert check_blank(page(BLANK[name])).blank, name


@pytest.mark.parametrize("name", CONTENT)
def test_pages_with_something_on_them_are_kept(name: str) -> None:
    assert not check_blank(page(CONTENT[name])).blank, name


def test_feeder_shadows_and_punch_holes_on_the_edges_are_not_content() -> None:
    sheet = page(PageSpec(lines=0, noise=3)).copy()
    draw = ImageDraw.Draw(sheet)
    draw.rectangle((0, 0, 40, sheet.height), fill=35)  # the feeder's dark edge
    draw.rectangle((0, sheet.height - 30, sheet.width, sheet.height), fill=30)
    for y in (700, 1600):  # two punch holes in the margin
        draw.ellipse((45, y, 95, y + 50), fill=20)
    assert check_blank(sheet).blank


def test_a_black_page_is_never_thrown_away_as_blank() -> None:
    assert not check_blank(Image.new("L", (1654, 2339), 0)).blank
