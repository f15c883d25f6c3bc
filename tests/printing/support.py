"""Reading back what printing made: PDF pages rendered (pypdfium2) and decoded (zxing-cpp), text extracted,
PNG renders saved under artifacts/printing/ for people to look at."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pypdfium2 as pdfium
import zxingcpp

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "printing"


def decode_pages(pdf: bytes, dpi: int = 150) -> list[dict[str, str]]:
    """Per page: {"Code128": text, "QRCode": text} of what zxing reads from a `dpi` render."""
    document = pdfium.PdfDocument(pdf)
    pages = []
    for index in range(len(document)):
        image = document[index].render(scale=dpi / 72).to_pil()
        pages.append({r.format.name: r.text for r in zxingcpp.read_barcodes(image)})
    return pages


def pdf_text(pdf: bytes) -> str:
    document = pdfium.PdfDocument(pdf)
    parts = []
    for index in range(len(document)):
        textpage = document[index].get_textpage()
        parts.append(textpage.get_text_range())
    text = unicodedata.normalize("NFC", "\n".join(parts))
    return " ".join(text.replace("\r", " ").split())


def unembedded_fonts(pdf: bytes) -> set[str]:
    """Fonts the PDF names without embedding a subset (reportlab's objects are not compressed): a reader
    would substitute them, and no substitute is sure to have Vietnamese."""
    names = {m.decode() for m in re.findall(rb"/BaseFont\s*/([^\s/>]+)", pdf)}
    assert names, "no font in the PDF"
    return {name for name in names if "+" not in name}


def page_count(pdf: bytes) -> int:
    return len(pdfium.PdfDocument(pdf))


def save_render(pdf: bytes, name: str) -> list[Path]:
    """PNG pages at 100 dpi (pdftoppm, as a person would look at them) in artifacts/printing/."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    source = ARTIFACTS / f"{name}.pdf"
    source.write_bytes(pdf)
    if shutil.which("pdftoppm") is None:
        return []
    for old in ARTIFACTS.glob(f"{name}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "100", "-png", str(source), str(ARTIFACTS / name)], check=True)
    return sorted(ARTIFACTS.glob(f"{name}-*.png"))
