"""`python -m bench.sync`: the sync targets of issue 5, on PostgreSQL over loopback with a real uvicorn.

1. push: N dossiers with their whole histories (`dev seed`), pushed by one desk; events/s and seconds.
2. files: 100 MB of scans over a link cut every 5 MB (sync/devtools/faultproxy.py); every file must arrive
   whole (SHA-256 checked on the server's disk) and no more than one chunk per cut may be sent twice.
3. desks: 50 desks pushing at once (each its own device, token and sequence; small batches, as a desk
   that syncs after each reception; a new connection per push, as each sync cycle opens one); median and
   95th percentile of the push round trip, from opening the connection to the parsed answer.

The machine is shared: figures are medians/percentiles of one run; compare ratios between runs, not
absolute numbers between machines. In (3) the 50 desks, the server, PostgreSQL and whatever else runs
share the cores: when all 50 push at once, the last answer comes when the CPU the round needs (per push:
server + postgres + client) has been spent, so p95 <= 250 ms on 2 cores needs about 10 ms of CPU per push
in all with the machine otherwise idle. The line under the table says what each part took, and
"others" is the rest of the machine (other people's jobs) over the same time.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import random
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from bench.measure import percentile

PG_ADMIN = os.environ.get("MOTCUA_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
OFFICE = "TTPVHCC-QNG"  # the demo office


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def _postgres() -> Iterator[str]:
    import psycopg
    from psycopg import sql

    name = f"motcua_bench_{secrets.token_hex(4)}"
    with psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=3) as c:
        c.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield PG_ADMIN.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as c:
            c.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                (name,),
            )
            c.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))


# ----- where the CPU went (Linux /proc; the figures are None elsewhere) ---------------------------------


def _ticks(stat: str) -> int:
    fields = stat.rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def _process_ticks(match: Any) -> dict[int, int] | None:
    """CPU ticks of each live process for which `match(pid, ppid, cmdline)` holds."""
    proc = Path("/proc")
    if not proc.is_dir():
        return None
    found = {}
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if match(int(entry.name), ppid, cmdline):
            found[int(entry.name)] = _ticks(stat)
    return found


def _grown(start: dict[int, int] | None, end: dict[int, int] | None) -> float | None:
    """CPU seconds taken between two readings by the processes alive at the second (one that exited in
    between is not counted: the server's pool keeps its connections, so its backends stay)."""
    if start is None or end is None:
        return None
    return sum(ticks - start.get(pid, 0) for pid, ticks in end.items()) / os.sysconf("SC_CLK_TCK")


def _machine_busy() -> float | None:
    """Busy CPU seconds of the whole machine, all cores (other people's work included)."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except OSError:
        return None
    idle = fields[3] + fields[4]
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


class CpuMeter:
    """CPU taken, while one phase runs, by the server's processes, by the PostgreSQL backends of the
    bench's database, and by the whole machine: the 50 clients share 2 cores with the server here, and
    other people's jobs may too, so the latency figures come with the share of the machine each took."""

    def __init__(self, server_pid: int, database: str) -> None:
        self.server_pid, self.database = server_pid, database

    def _server(self, pid: int, ppid: int, cmdline: str) -> bool:
        return self.server_pid in (pid, ppid)

    def _postgres(self, pid: int, ppid: int, cmdline: str) -> bool:
        return cmdline.startswith("postgres: ") and f" {self.database} " in cmdline

    def __enter__(self) -> CpuMeter:
        self.wall = time.perf_counter()
        self.start = (
            _process_ticks(self._server),
            _process_ticks(self._postgres),
            _machine_busy(),
            time.process_time(),
        )
        return self

    def __exit__(self, *exc: object) -> None:
        server, postgres = _process_ticks(self._server), _process_ticks(self._postgres)
        machine, clients = _machine_busy(), time.process_time()
        self.seconds = time.perf_counter() - self.wall
        self.used = [
            _grown(self.start[0], server),
            _grown(self.start[1], postgres),
            None if machine is None or self.start[2] is None else machine - self.start[2],
            clients - self.start[3],
        ]

    def shares(self) -> dict[str, float | None]:
        """Cores used on average (1.0 = one core busy all the time)."""
        return {n: None if u is None else round(u / self.seconds, 2) for n, u in self._named()}

    def per(self, count: int) -> dict[str, float | None]:
        """CPU milliseconds per unit of work."""
        return {n: None if u is None else round(1000 * u / count, 2) for n, u in self._named()}

    def _named(self) -> list[tuple[str, float | None]]:
        named = list(zip(("server", "postgres", "machine", "clients"), self.used, strict=True))
        if None not in self.used:
            server, postgres, machine, clients = (float(u) for u in self.used if u is not None)
            named.append(("others", max(0.0, machine - server - postgres - clients)))
        return named


@contextmanager
def _server(database_url: str, work: Path, workers: int = 1) -> Iterator[tuple[str, int, int]]:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("MOTCUA_")}
    env.update(
        MOTCUA_DATABASE_URL=database_url,
        MOTCUA_HOME=str(work / "server-home"),
        MOTCUA_BLOB_DIR=str(work / "blobs"),
    )
    env["MOTCUA_MAX_FILE_MB"] = "200"
    script = Path(sys.executable).with_name("motcua-server")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "sync.server"]
    log = (work / "server.log").open("w")
    process = subprocess.Popen(
        [
            *command,
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--workers",
            str(workers),
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError(f"server did not start: {(work / 'server.log').read_text()}")
            time.sleep(0.1)
        yield base, port, process.pid
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def _template(root: Path) -> Path:
    from app.bootstrap import open_desk
    from app.services.setup import load_demo
    from app.settings.paths import Paths
    from app.settings.store import Settings, save_settings

    paths = Paths(root / "config", root / "data")
    with open_desk(Settings(paths), create=True) as desk:
        demo = load_demo(desk.services)
    save_settings(Settings(paths, dict(demo.settings)))
    return root


def _desk(template: Path, root: Path, unit: str) -> Any:
    from app.bootstrap import open_desk
    from app.settings.paths import Paths
    from app.settings.store import load_settings, save_settings

    shutil.copytree(template, root)
    settings = load_settings(Paths(root / "config", root / "data")).with_values({"office.unit_code": unit})
    save_settings(settings)
    return open_desk(settings)


def _seed(desk: Any, count: int, seed: int = 1) -> int:
    from app.services.seeding import seed_dossiers
    from app.storage.bulk import BulkDossierWriter

    result = seed_dossiers(
        desk.services,
        BulkDossierWriter(desk.database.engine),
        count,
        batch=5000,
        days_back=60,
        seed=seed,
        jobs=1,
    )
    return int(result.events)


def _enrol(desk: Any, base: str, database_url: str, token_file: Path) -> str:
    from app.services.context import SystemClock
    from app.services.sync.enrolment import EnrolRequest, enrol
    from app.storage.sync_enrolment import SqlEnrolmentStore
    from sync.client.transport import HttpTransport
    from sync.client.vault import FileVault
    from sync.server.db import make_engine
    from sync.server.devices import new_enrol_code
    from sync.server.migrate import upgrade_to_head
    from sync.server.settings import normalise_database_url

    engine = make_engine(normalise_database_url(database_url))
    try:
        upgrade_to_head(engine)
        code = new_enrol_code(engine, OFFICE, SystemClock().now())
    finally:
        engine.dispose()
    with HttpTransport(base, None) as gateway:
        enrolment = enrol(
            EnrolRequest(base, code, OFFICE, "bench"),
            store=SqlEnrolmentStore(desk.database.engine),
            gateway=gateway,
            vault=FileVault(token_file),
            clock=desk.services.clock,
        )
    return enrolment.device_id


# ----- 1. push throughput -------------------------------------------------------------------------------


def push_throughput(dossiers: int, batch: int, work: Path, template: Path) -> dict[str, Any]:
    from sync.client.wiring import open_session

    desk = _desk(template, work / "desk", "B0001.00.H48")
    events = _seed(desk, dossiers)
    with _postgres() as url, _server(url, work) as (base, _, _pid):
        _enrol(desk, base, url, work / "token.json")
        started = time.perf_counter()
        with open_session(desk, batch_size=batch) as session:
            report = session.run()
        seconds = time.perf_counter() - started
    desk.close()
    assert report.pushed == events, (report.pushed, events)
    return {
        "dossiers": dossiers,
        "events": events,
        "batch": batch,
        "seconds": round(seconds, 2),
        "events_per_s": round(events / seconds),
    }


# ----- 2. files over a link cut every 5 MB --------------------------------------------------------------


def files_over_cuts(
    total_mb: int, file_mb: int, cut_mb: int, chunk: int, work: Path, template: Path
) -> dict[str, Any]:
    from app.domain.dossier import DocumentKind
    from app.services.documents import NewDocument, attach_document
    from app.services.reception import ApplicantInput, ReceptionRequest, receive_dossier
    from app.services.sync.errors import SyncError
    from sync.client.wiring import open_session
    from sync.devtools.faultproxy import FaultProxy

    desk = _desk(template, work / "desk", "B0002.00.H48")
    rng = random.Random(3)
    shas = []
    for _ in range(total_mb // file_mb):
        dossier = receive_dossier(
            desk.services,
            ReceptionRequest(
                procedure_code="1.001193.000.00.00.H48", applicant=ApplicantInput(name="Lê Thị Hoa")
            ),
        )
        data = rng.randbytes(file_mb * 1024 * 1024)
        shas.append(
            attach_document(
                desk.services,
                NewDocument(code=dossier.code, data=data, kind=DocumentKind.SCAN, name="scan.pdf"),
            ).sha256
        )
    with (
        _postgres() as url,
        _server(url, work) as (_base, port, _pid),
        FaultProxy("127.0.0.1", port) as proxy,
    ):
        _enrol(desk, proxy.url, url, work / "token.json")
        proxy.cut_every(cut_mb * 1024 * 1024)
        started = time.perf_counter()
        resent = uploaded = cycles = 0
        done = False
        while not done:
            cycles += 1
            with open_session(desk, chunk_size=chunk) as session:
                try:
                    session.run()
                    done = True
                except SyncError:
                    pass  # a cut inside a push or a status request: the background runner tries again
                report = session.cycle.last_report
                assert report is not None
                uploaded += report.uploaded_bytes
                resent += report.resent_bytes
        seconds = time.perf_counter() - started
        whole = all(
            hashlib.sha256((work / "blobs" / "objects" / s[:2] / s[2:4] / s).read_bytes()).hexdigest() == s
            for s in shas
        )
        cuts = proxy.stats.cuts
        sent_up = proxy.stats.bytes_up
    desk.close()
    return {
        "files": len(shas),
        "megabytes": total_mb,
        "cuts": cuts,
        "whole": whole,
        "resent_bytes": resent,
        "max_resent_per_cut": round(resent / cuts) if cuts else 0,
        "chunk": chunk,
        "bytes_on_the_wire": sent_up,
        "seconds": round(seconds, 1),
        "cycles": cycles,
    }


# ----- 3. fifty desks at once ---------------------------------------------------------------------------


def many_desks(
    desks: int, dossiers_each: int, batch: int, workers: int, work: Path, template: Path
) -> dict[str, Any]:
    from app.storage.sync_store import SqlSyncStore

    opened = [_desk(template, work / f"desk{i}", f"M{i:04d}.00.H48") for i in range(desks)]
    for i, desk in enumerate(opened):
        _seed(desk, dossiers_each, seed=100 + i)
    plans: list[tuple[str, list[dict[str, Any]]]] = []
    with _postgres() as url, _server(url, work, workers=workers) as (base, _, server_pid):
        for i, desk in enumerate(opened):
            token_file = work / f"token{i}.json"
            _enrol(desk, base, url, token_file)
            token = next(iter(json.loads(token_file.read_text()).values()))
            store = SqlSyncStore(desk.database.engine, desk.services.clock)
            bodies = []
            while (pending := store.pending_batch(batch)) is not None:
                bodies.append(
                    {
                        "items": [item.to_wire() for item in pending.items],
                        "procedures": dict(pending.procedures),
                    }
                )
                store.rewind(pending.last_seq)
            store.rewind(0)
            plans.append((token, bodies))
        # The 50 clients share the machine with the server: say how much of it each took.
        with CpuMeter(server_pid, url.rsplit("/", 1)[1]) as meter:
            latencies, verdicts = asyncio.run(_push_all(base, plans))
    for desk in opened:
        desk.close()
    accepted = sum(1 for v in verdicts if v == "accepted")
    return {
        "desks": desks,
        "pushes": len(latencies),
        "events": len(verdicts),
        "accepted": accepted,
        "batch": batch,
        "workers": workers,
        "median_ms": round(statistics.median(latencies), 1),
        "p95_ms": round(percentile(latencies, 0.95), 1),
        "max_ms": round(max(latencies), 1),
        "cores_used": meter.shares(),  # average cores busy while pushing (machine: everyone's)
        "cpu_ms_per_push": meter.per(len(latencies)),
    }


class DeskClient:
    """One desk's HTTP/1.1 client, as lean as a client can be. The 50 desks of the bench share this one
    process and its event loop: with httpx (~4-5 ms of CPU per request) the loop itself became the queue,
    and an answer already in its socket waited behind the other desks' requests being built, so it was
    timed late; a desk on its own PC pays its client's cost on its own CPU.

    Each push opens its own connection, as each sync cycle of a desk does (sync/client/background.py: a
    new HTTPS client per cycle); the connection time counts in the latency. Connections kept across
    rounds stayed with the uvicorn worker that accepted them in the first burst, often 35 against 15."""

    def __init__(self, base: str, token: str) -> None:
        self.host, _, port = base.removeprefix("http://").partition(":")
        self.port = int(port)
        self.head = (
            f"POST /sync/v1/push HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
            f"Authorization: Bearer {token}\r\nContent-Type: application/json\r\nConnection: close\r\n"
        ).encode()

    async def post(self, body: bytes) -> tuple[int, Any]:
        reader, writer = await asyncio.open_connection(self.host, self.port)
        try:
            writer.write(self.head + b"Content-Length: %d\r\n\r\n" % len(body) + body)
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            status = int(lines[0].split()[1])
            length = next(
                int(v) for k, _, v in (x.partition(":") for x in lines[1:]) if k.lower() == "content-length"
            )
            return status, json.loads(await reader.readexactly(length))
        finally:
            writer.close()
            await writer.wait_closed()


async def _push_all(
    base: str, plans: list[tuple[str, list[dict[str, Any]]]], pause: float = 0.5
) -> tuple[list[float], list[str]]:
    """Rounds in which every desk pushes one batch at the same moment (as after a link comes back, or
    when their 30-second timers line up), each round starting once the last one is answered. Bodies are
    encoded before the clock starts: a desk does that on its own CPU."""
    latencies: list[float] = []
    verdicts: list[str] = []
    clients = [DeskClient(base, token) for token, _ in plans]
    encoded = [[json.dumps(body).encode() for body in bodies] for _, bodies in plans]

    async def one(client: DeskClient, body: bytes) -> None:
        began = time.perf_counter()
        status, answer = await client.post(body)
        latencies.append((time.perf_counter() - began) * 1000)
        if status != 200:
            raise RuntimeError(f"push answered {status}: {answer}")
        verdicts.extend(v["verdict"] for v in answer["verdicts"])

    rounds = max(len(bodies) for bodies in encoded)
    for number in range(rounds):
        await asyncio.gather(
            *(
                one(client, bodies[number])
                for client, bodies in zip(clients, encoded, strict=True)
                if number < len(bodies)
            )
        )
        await asyncio.sleep(pause)
    return latencies, verdicts


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.sync", description=__doc__.split("\n\n")[0])
    parser.add_argument("--dossiers", type=int, default=10_000, help="dossiers pushed by one desk (1)")
    parser.add_argument("--batch", type=int, default=500, help="events per push in (1)")
    parser.add_argument("--megabytes", type=int, default=100, help="scans sent over the cut link (2)")
    parser.add_argument("--desks", type=int, default=50, help="desks pushing at once (3)")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn workers for (3)")
    parser.add_argument("--only", choices=["push", "files", "desks"], action="append")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    chosen = set(args.only or ["push", "files", "desks"])
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="motcua-bench-sync-") as temporary:
        work = Path(temporary)
        template = _template(work / "template")
        if "push" in chosen:
            (work / "push").mkdir()
            results["push"] = push_throughput(args.dossiers, args.batch, work / "push", template)
        if "files" in chosen:
            (work / "files").mkdir()
            results["files"] = files_over_cuts(args.megabytes, 5, 5, 1 << 20, work / "files", template)
        if "desks" in chosen:
            (work / "desks").mkdir()
            results["desks"] = many_desks(args.desks, 20, 10, args.workers, work / "desks", template)
    if args.json:
        json.dump(results, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    rows = []
    if "push" in results:
        r = results["push"]
        rows.append(
            (
                f"push {r['dossiers']:,} dossiers ({r['events']:,} events), PostgreSQL",
                f"{r['events_per_s']:,} events/s in {r['seconds']} s",
                ">= 2,000 events/s",
                r["events_per_s"] >= 2000,
            )
        )
    if "files" in results:
        r = results["files"]
        rows.append(
            (
                f"{r['megabytes']} MB of scans, link cut every 5 MB",
                f"{r['cuts']} cuts, whole: {r['whole']}, resent {r['resent_bytes'] / 1e6:.1f} MB "
                f"(<= {r['max_resent_per_cut'] / 1e6:.2f} MB per cut), {r['seconds']} s",
                "whole; <= 1 chunk (1 MiB) per cut",
                r["whole"] and r["resent_bytes"] <= r["cuts"] * r["chunk"],
            )
        )
    if "desks" in results:
        r = results["desks"]
        rows.append(
            (
                f"{r['desks']} desks pushing at once ({r['pushes']} pushes of <= {r['batch']} events)",
                f"{r['median_ms']} / {r['p95_ms']} ms",
                "p95 <= 250 ms",
                r["p95_ms"] <= 250,
            )
        )
    width = max(len(row[0]) for row in rows)
    print(f"{'measure':<{width}}  {'value':<70}  target")
    for name, value, target, met in rows:
        print(f"{name:<{width}}  {value:<70}  {target} {'ok' if met else 'MISSED'}")
    if "desks" in results:
        r = results["desks"]
        cores, per = r["cores_used"], r["cpu_ms_per_push"]
        print(
            f"  while the {r['desks']} desks pushed, cores busy (of {os.cpu_count()}): "
            + ", ".join(f"{name} {value}" for name, value in cores.items())
            + "; CPU ms per push: "
            + ", ".join(
                f"{name} {value}" for name, value in per.items() if name not in ("machine", "others")
            ),
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
