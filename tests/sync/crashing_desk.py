"""`motcua ...` with one step of sync replaced by kill -9: a power cut at exactly that point.

CRASH_AT=before_ack: the server has committed the batch, the desk dies before recording the verdicts.
CRASH_AT=before_cursor: a pulled page is written in the open transaction, the desk dies before the cursor
(and so before the commit).
"""

from __future__ import annotations

import os
import signal
import sys
from typing import Any

from app.storage import sync_store


def _die(*_: Any) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def main() -> None:
    point = os.environ["CRASH_AT"]
    if point == "before_ack":
        sync_store.SqlSyncStore.record_push = _die  # type: ignore[method-assign,assignment]
    elif point == "before_cursor":
        original = sync_store.write_meta

        def write_meta(connection: Any, key: str, value: str) -> None:
            if key == sync_store.PULL_CURSOR:
                _die()
            original(connection, key, value)

        sync_store.write_meta = write_meta  # type: ignore[assignment]
    else:
        raise SystemExit(f"unknown CRASH_AT {point!r}")
    from app.cli.main import main as motcua

    motcua(sys.argv[1:])


if __name__ == "__main__":
    main()
