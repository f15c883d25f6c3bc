"""Helpers for the sync tests: desks made from a demo template, a real motcua-server process, and the
check that a desk and the server agree (nothing lost, nothing doubled)."""

from __future__ import annotations

import http.server
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, select

from app.bootstrap import Desk, open_desk
from app.ports import Clock
from app.services.context import SystemClock
from app.services.reception import ApplicantInput, ReceptionRequest, receive_dossier
from app.services.sync.cycle import SyncReport
from app.services.sync.enrolment import EnrolRequest, enrol
from app.services.sync.wire import event_hash
from app.services.transitions import TransitionRequest, transition
from app.settings.paths import Paths
from app.settings.store import Settings, load_settings, save_settings
from app.storage.event_store import event_from_row
from app.storage.schema import dossier_events, dossiers, outbox
from app.storage.sync_enrolment import SqlEnrolmentStore
from app.storage.sync_schema import sync_dead_letters
from app.storage.sync_store import ACKED_SEQ, read_meta
from sync.client.transport import HttpTransport
from sync.client.vault import FileVault, KeyringVault
from sync.client.wiring import open_session
from sync.server.db import make_engine
from sync.server.devices import new_enrol_code
from sync.server.settings import normalise_database_url
from sync.server.tables import events, receipts
from tests.server.support import free_port, server_command

BIRTH = "1.001193.000.00.00.H48"  # Đăng ký khai sinh, in the demo catalogue
OFFICE = "TTPVHCC-QNG"  # the demo office


def paths_of(root: Path) -> Paths:
    return Paths(config_dir=root / "config", data_dir=root / "data")


def make_template(root: Path) -> Path:
    """A demo desk (office, officers, catalogue), made once and copied for each test desk."""
    from app.services.setup import load_demo

    paths = paths_of(root)
    with open_desk(Settings(paths), create=True) as desk:
        demo = load_demo(desk.services)
    save_settings(Settings(paths, dict(demo.settings)))
    return root


def new_desk(template: Path, root: Path, *, clock: Clock | None = None, **values: Any) -> Desk:
    """A desk of its own: a copy of the template with a unit code no other desk uses (dossier codes are
    unique per unit and desk slot, and tests share nothing)."""
    shutil.copytree(template, root)
    paths = paths_of(root)
    settings = load_settings(paths)
    unit = values.pop("unit_code", f"T{secrets.token_hex(3).upper()}.00.H48")
    settings = settings.with_values(
        {"office.unit_code": unit, **{k.replace("__", "."): v for k, v in values.items()}}
    )
    save_settings(settings)
    return open_desk(settings, clock=clock or SystemClock())


def receive(
    desk: Desk,
    count: int = 1,
    *,
    name: str = "Nguyễn Thị Ngọc Ánh",
    id_number: str | None = "051190001234",
    at: datetime | None = None,
) -> list[str]:
    codes = []
    for _ in range(count):
        dossier = receive_dossier(
            desk.services,
            ReceptionRequest(
                procedure_code=BIRTH,
                applicant=ApplicantInput(name=name, id_number=id_number, phone="0905123456"),
                received_at=at,
            ),
        )
        codes.append(dossier.code)
    return codes


def act(desk: Desk, code: str, action: str, **options: Any) -> None:
    from app.domain.lifecycle import Action

    transition(desk.services, TransitionRequest(code=code, action=Action(action), **options))


# ----- the server as a process -------------------------------------------------------------------------


@dataclass
class ServerProcess:
    """`motcua-server` on 127.0.0.1 (a real uvicorn), which a test may kill -9 and start again."""

    database_url: str
    workdir: Path
    port: int = field(default_factory=free_port)
    extra_env: dict[str, str] = field(default_factory=dict)
    args: Sequence[str] = ()
    process: subprocess.Popen[bytes] | None = None
    _engine: Engine | None = None
    starts: int = 0

    @property
    def url(self) -> str:
        scheme = "https" if "--ssl-certfile" in self.args else "http"
        return f"{scheme}://127.0.0.1:{self.port}"

    @property
    def log(self) -> Path:
        return self.workdir / f"server-{self.starts}.log"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("MOTCUA_")}
        env.update(
            MOTCUA_DATABASE_URL=self.database_url,
            MOTCUA_HOME=str(self.workdir / "home"),
            MOTCUA_BLOB_DIR=str(self.workdir / "blobs"),
            **self.extra_env,
        )
        return env

    def start(self, timeout: float = 20.0) -> ServerProcess:
        self.starts += 1
        with self.log.open("w") as output:
            self.process = subprocess.Popen(
                [
                    *server_command(),
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(self.port),
                    "--log-level",
                    "warning",
                    *self.args,
                ],
                env=self.env(),
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(
                    f"motcua-server exited early ({self.process.returncode}):\n{self.log.read_text()}"
                )
            try:
                response = httpx.get(f"{self.url}/health", timeout=2, verify=False)
            except httpx.TransportError:
                time.sleep(0.05)
                continue
            if response.status_code == 200:
                return self
            time.sleep(0.05)
        pytest.fail(f"motcua-server did not become healthy within {timeout} s:\n{self.log.read_text()}")

    def kill(self) -> None:
        """kill -9: no graceful shutdown, open transactions die with it."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    @property
    def engine(self) -> Engine:
        """A direct connection to the server's database, for checks and admin actions."""
        if self._engine is None:
            self._engine = make_engine(normalise_database_url(self.database_url))
        return self._engine

    def enrol_code(self, office: str = OFFICE) -> str:
        return new_enrol_code(self.engine, office, SystemClock().now())


def enrol_desk(
    desk: Desk,
    server: ServerProcess | str,
    *,
    token_file: Path | None = None,
    url: str | None = None,
    **request: Any,
) -> str:
    """Enrol `desk` (the real enrolment: HTTP to the server, token in the vault); returns its device id."""
    assert isinstance(server, ServerProcess)
    vault = FileVault(token_file) if token_file else KeyringVault()
    target = url or server.url
    with HttpTransport(
        target, None, ca_bundle=request.get("ca_bundle"), pins=request.get("pins", ())
    ) as gateway:
        enrolment = enrol(
            EnrolRequest(
                server_url=target, code=server.enrol_code(), office_code=OFFICE, label="test desk", **request
            ),
            store=SqlEnrolmentStore(desk.database.engine),
            gateway=gateway,
            vault=vault,
            clock=desk.services.clock,
        )
    return enrolment.device_id


def sync(desk: Desk, **options: Any) -> SyncReport:
    with open_session(desk, **options) as session:
        return session.run()


def sync_until_quiet(desk: Desk, attempts: int = 20, **options: Any) -> SyncReport:
    """Cycles until one succeeds (after injected faults), as the background runner would."""
    from app.services.sync.errors import SyncError

    last: SyncError | None = None
    for _ in range(attempts):
        try:
            return sync(desk, **options)
        except SyncError as exc:
            last = exc
            time.sleep(0.05)
    raise AssertionError(f"sync never succeeded: {last}")


# ----- agreement -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeskView:
    outbox: dict[int, tuple[str, str]]  # device_seq -> (key, hash)
    acked: int
    dead: dict[int, str]  # device_seq -> verdict


def desk_view(desk: Desk) -> DeskView:
    with desk.database.engine.connect() as connection:
        rows = connection.execute(
            select(
                outbox.c.seq.label("device_seq"),
                dossiers.c.uid,
                dossier_events.c.seq,
                dossier_events.c.type,
                dossier_events.c.occurred_at,
                dossier_events.c.actor,
                dossier_events.c.payload,
            )
            .select_from(outbox)
            .join(dossiers, dossiers.c.id == outbox.c.aggregate_id)
            .join(
                dossier_events,
                (dossier_events.c.dossier_id == outbox.c.aggregate_id)
                & (dossier_events.c.seq == outbox.c.event_seq),
            )
            .where(outbox.c.stream == "dossier")
        ).all()
        view = {r.device_seq: (f"{r.uid}.{r.seq}", event_hash(event_from_row(r, r.uid))) for r in rows}
        acked = int(read_meta(connection, ACKED_SEQ) or 0)
        dead = dict(
            connection.execute(select(sync_dead_letters.c.device_seq, sync_dead_letters.c.verdict)).all()
        )
    return DeskView(view, acked, dead)


def assert_agree(desk: Desk, server: ServerProcess, device_id: str) -> None:
    """After the network quietens: every outbox row has exactly one verdict at the centre, the same key and
    hash on both sides, every delivered event is stored once, and the desk shows exactly the refusals."""
    view = desk_view(desk)
    with server.engine.connect() as connection:
        stored = {
            r.device_seq: r
            for r in connection.execute(select(receipts).where(receipts.c.device_id == device_id)).all()
        }
        accepted = {
            f"{r.dossier_uid}.{r.seq}": r
            for r in connection.execute(select(events).where(events.c.device_id == device_id)).all()
        }
        all_keys = [
            f"{r.dossier_uid}.{r.seq}" for r in connection.execute(select(events.c.dossier_uid, events.c.seq))
        ]
    assert len(all_keys) == len(set(all_keys)), "an event is stored twice"
    assert view.acked == max(view.outbox, default=0), "the desk still has unacknowledged events"
    assert set(stored) == set(view.outbox), "the server's receipts and the desk's outbox differ"
    for seq, (key, digest) in view.outbox.items():
        receipt = stored[seq]
        assert (receipt.key, receipt.hash) == (key, digest), f"device_seq {seq} differs"
        delivered = receipt.verdict in ("accepted", "duplicate")
        shown = view.dead.get(seq)
        if delivered and receipt.reason is None:
            assert shown is None, f"device_seq {seq} was delivered but the desk shows {shown}"
        else:  # refusals, conflicts and warnings are on the desk's list with the server's verdict
            assert shown == receipt.verdict, f"device_seq {seq}: {receipt.verdict} vs desk {shown}"
        if receipt.verdict == "accepted":
            assert accepted[key].hash == digest
    assert len(accepted) == sum(1 for r in stored.values() if r.verdict == "accepted")


def server_count(server: ServerProcess, table: Any) -> int:
    """A read that never queues for SQLite's write lock: polled while the server pushes back to back, a
    writer's BEGIN IMMEDIATE lost to every push and saw the count only once they were all done."""
    from sqlalchemy import func

    with server.engine.connect().execution_options(write=False) as connection:
        return int(connection.execute(select(func.count()).select_from(table)).scalar_one())


# ----- a captive portal ----------------------------------------------------------------------------------


@contextmanager
def captive_portal() -> Iterator[str]:
    """Answers every request with 200 and an HTML login page, as hotel and café Wi-Fi does."""

    class Portal(http.server.BaseHTTPRequestHandler):
        def _page(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            if length:
                self.rfile.read(length)
            body = b"<html><body><h1>Dang nhap Wi-Fi</h1></body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = do_PATCH = do_HEAD = _page  # noqa: N815  (http.server names them so)

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Portal)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def run_motcua(
    home: Path, *args: str, timeout: float = 120, extra: Sequence[str] = ()
) -> subprocess.CompletedProcess[str]:
    """The desk CLI as a subprocess (what an admin or a service runs)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MOTCUA_")}
    env["MOTCUA_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, *extra, "-m", "app", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def json_out(result: subprocess.CompletedProcess[str]) -> Any:
    return json.loads(result.stdout)
