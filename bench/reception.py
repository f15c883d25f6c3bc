"""Reception throughput: whole receptions (validation, code, due date, projection, event, outbox, fsync)."""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ReceptionResult:
    dossiers: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.dossiers / self.seconds


def run(count: int = 300) -> ReceptionResult:
    from app.bootstrap import open_desk
    from app.cli.main import run as motcua
    from app.services.reception import ApplicantInput, ReceptionRequest, receive_dossier
    from app.settings.paths import resolve_paths
    from app.settings.store import load_settings

    with tempfile.TemporaryDirectory(prefix="motcua-bench-") as home:
        os.environ["MOTCUA_HOME"] = home
        if motcua(["init", "--demo"]) != 0:
            raise RuntimeError("init --demo failed")
        desk = open_desk(load_settings(resolve_paths()))
        try:
            procedures = [p.code for p in desk.services.uow(write=False).__enter__().catalog.all()]
            requests = [
                ReceptionRequest(
                    procedures[i % len(procedures)],
                    ApplicantInput(name="Nguyễn Văn An", id_number=f"051090{i:06d}", phone="0905123456"),
                )
                for i in range(count)
            ]
            receive_dossier(desk.services, requests[0])  # warm-up: caches, first page allocations
            started = time.perf_counter()
            for request in requests[1:]:
                receive_dossier(desk.services, request)
            seconds = time.perf_counter() - started
        finally:
            desk.close()
        assert Path(home).exists()
    return ReceptionResult(count - 1, seconds)
