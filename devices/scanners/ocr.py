"""OCR with the tesseract command (Debian: tesseract-ocr tesseract-ocr-vie), as invisible text layers.

Tesseract writes a text-only PDF of the page (`-c textonly_pdf=1`), which the pipeline lays over the
image page, so the PDF keeps our compressed image and gains searchable text. The command rather than a
binding (tesserocr, pytesseract): nothing to compile, and a missing tesseract is simply "not available".
About 2-5 s a page on a counter PC: optional, and run one page per core.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from PIL import Image

from app.domain.errors import DomainError


class OcrFailed(DomainError):
    code = "ocr_failed"


class TesseractRecognizer:
    def __init__(self, language: str = "vie", binary: str = "tesseract", timeout: float = 120.0) -> None:
        self.language = language
        self.binary = binary
        self.timeout = timeout
        self._available: bool | None = None

    def available(self) -> bool:
        if self._available is None:
            path = shutil.which(self.binary)
            if path is None:
                self._available = False
            else:
                listed = subprocess.run(
                    [path, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
                )
                languages = {line.strip() for line in listed.stdout.splitlines()[1:]}
                self._available = all(lang in languages for lang in self.language.split("+"))
        return self._available

    def text_layer(self, image: Image.Image, dpi: float) -> bytes:
        with tempfile.TemporaryDirectory(prefix="motcua-ocr-") as directory:
            source = Path(directory) / "page.png"
            # Black and white pages go as they are; grey and colour as grey, which tesseract reads best.
            (image if image.mode == "1" else image.convert("L")).save(source, dpi=(dpi, dpi))
            # One thread per tesseract: the pipeline already runs one page per core.
            env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
            command = [
                self.binary,
                str(source),
                str(Path(directory) / "page"),
                "-l",
                self.language,
                "--dpi",
                str(round(dpi)),
                "-c",
                "textonly_pdf=1",
                "pdf",
            ]
            try:
                subprocess.run(command, capture_output=True, timeout=self.timeout, check=True, env=env)
            except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
                raise OcrFailed(f"text recognition (tesseract) failed: {exc}") from None
            return (Path(directory) / "page.pdf").read_bytes()
