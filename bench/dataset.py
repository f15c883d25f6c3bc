"""The seeded benchmark database, built once per size and schema and kept in bench/.cache."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from app.storage.migrate import HEAD_REVISIONS

CACHE = Path(__file__).resolve().parent / ".cache"


@dataclass(frozen=True)
class Dataset:
    home: Path
    dossiers: int
    seed_seconds: float
    size_bytes: int

    @property
    def database(self) -> Path:
        return self.home / "data" / "motcua.sqlite3"


def _motcua(home: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, MOTCUA_HOME=str(home))
    return subprocess.run(
        [sys.executable, "-m", "app", *argv], env=env, capture_output=True, text=True, check=True
    )


def seeded(dossiers: int, *, rebuild: bool = False) -> Dataset:
    home = CACHE / f"seed-{dossiers}-schema{'+'.join(sorted(HEAD_REVISIONS))}"
    info_file = home / "bench.json"
    if rebuild or not info_file.exists():
        if home.exists():
            for path in sorted(home.rglob("*"), reverse=True):
                path.unlink() if path.is_file() else path.rmdir()
        home.mkdir(parents=True, exist_ok=True)
        _motcua(home, "init", "--demo")
        print(f"seeding {dossiers:,} dossiers into {home} ...", file=sys.stderr, flush=True)
        started = time.perf_counter()
        _motcua(home, "dev", "seed", "--count", str(dossiers), "--days", "1095", "--json")
        seconds = time.perf_counter() - started
        database = home / "data" / "motcua.sqlite3"
        _checkpoint(database)
        info = {"dossiers": dossiers, "seed_seconds": seconds, "size_bytes": database.stat().st_size}
        info_file.write_text(json.dumps(info), encoding="utf-8")
    info = json.loads(info_file.read_text(encoding="utf-8"))
    return Dataset(home, info["dossiers"], info["seed_seconds"], info["size_bytes"])


def _checkpoint(database: Path) -> None:
    import sqlite3

    with sqlite3.connect(database) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("ANALYZE")
