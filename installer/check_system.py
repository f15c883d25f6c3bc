"""Before the desk app starts: say what the system lacks, in words a person can act on."""

from __future__ import annotations

import ctypes.util
import os
import sys

# Libraries the Qt xcb platform plugin loads; Qt's own error message blames the wrong one.
XCB_LIBRARIES = {
    "xcb-icccm": "libxcb-icccm4",
    "xcb-keysyms": "libxcb-keysyms1",
    "xcb-cursor": "libxcb-cursor0",
    "xkbcommon-x11": "libxkbcommon-x11-0",
    "EGL": "libegl1",
    "fontconfig": "libfontconfig1",
}


def main() -> int:
    if not sys.platform.startswith("linux"):
        return 0
    if not any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        print(
            "No display found. Run the desk app from a desktop session, or without one:\n"
            "  xvfb-run -a make run          (a virtual screen)\n"
            "  QT_QPA_PLATFORM=offscreen make run",
            file=sys.stderr,
        )
        return 0  # motcua-desk itself explains and exits; this only adds the hint
    missing = sorted({pkg for lib, pkg in XCB_LIBRARIES.items() if ctypes.util.find_library(lib) is None})
    if missing:
        print("Qt needs these system packages: sudo apt-get install " + " ".join(missing), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
