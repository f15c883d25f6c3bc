"""A private CUPS scheduler for tests: its own config, spool and socket under /tmp, a cups-pdf queue that
writes into the test's folder. Nothing of the system's CUPS is touched except one uniquely named
cups-pdf config file (cups-pdf reads its config only from /etc/cups), removed afterwards."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

CUPS_PDF_PPD = Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd")


def available() -> str | None:
    """Why a private CUPS cannot run here, or None if it can."""
    for tool in ("cupsd", "lp", "lpstat", "lpadmin", "cupsenable", "lpq"):
        if shutil.which(tool) is None and not Path(f"/usr/sbin/{tool}").exists():
            return f"{tool} is not installed (apt-get install cups cups-bsd printer-driver-cups-pdf)"
    if not Path("/usr/lib/cups/backend/cups-pdf").exists() or not CUPS_PDF_PPD.exists():
        return "printer-driver-cups-pdf is not installed"
    if os.geteuid() != 0:
        return "cups-pdf runs only under a root cupsd"
    return None


class CupsServer:
    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="mc-cups-"))  # short: a unix socket path has ~100 bytes
        self.socket = self.root / "cups.sock"
        self.out = self.root / "out"
        self.name = f"motcua-test-{os.getpid()}-{self.root.name[-6:]}"
        self._pdf_conf = Path(f"/etc/cups/cups-pdf-{self.name}.conf")
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def env(self) -> dict[str, str]:
        return {"CUPS_SERVER": str(self.socket)}

    def start(self) -> None:
        root = self.root
        root.chmod(0o755)
        for name, mode in (("spool", 0o710), ("cache", 0o770), ("state", 0o755), ("log", 0o755)):
            (root / name).mkdir(mode=mode)
            shutil.chown(root / name, group="lp")
            (root / name).chmod(mode)
        (root / "spool" / "tmp").mkdir()
        shutil.chown(root / "spool" / "tmp", group="lp")
        (root / "spool" / "tmp").chmod(0o1770)
        self.out.mkdir()
        (root / "cupsd.conf").write_text(
            f"Listen {self.socket}\nLogLevel warn\nWebInterface No\nBrowsing Off\nDefaultAuthType None\n"
            "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
            "<Policy default>\n  <Limit All>\n    Order allow,deny\n    Allow all\n  </Limit>\n</Policy>\n"
        )
        (root / "cups-files.conf").write_text(
            f"ServerRoot {root}\nRequestRoot {root}/spool\nCacheDir {root}/cache\nStateDir {root}/state\n"
            f"TempDir {root}/spool/tmp\nErrorLog {root}/log/error_log\nAccessLog {root}/log/access_log\n"
            f"PageLog {root}/log/page_log\nServerBin /usr/lib/cups\nDataDir /usr/share/cups\n"
            "SystemGroup root\n"
        )
        self._pdf_conf.write_text(f"Out {self.out}\nLabel 0\nTitlePref 1\n")
        self._process = subprocess.Popen(
            ["/usr/sbin/cupsd", "-f", "-c", str(root / "cupsd.conf"), "-s", str(root / "cups-files.conf")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            if self.run("lpstat", "-r").stdout.strip() == "scheduler is running":
                break
            time.sleep(0.1)
        else:
            raise RuntimeError("private cupsd did not start")
        self.run("lpadmin", "-p", "MotcuaPDF", "-E", "-v", f"cups-pdf:/{self.name}", "-P", str(CUPS_PDF_PPD))

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            args, env=dict(os.environ, **self.env, LC_ALL="C"), capture_output=True, text=True
        )

    def outputs(self) -> list[Path]:
        return sorted(self.out.glob("*.pdf"))

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(timeout=10)
        self._pdf_conf.unlink(missing_ok=True)
        shutil.rmtree(self.root, ignore_errors=True)
