"""Pull: what changed elsewhere reaches a desk once, in order, page and cursor applied together, and never
over the desk's own unsent changes; a server transaction that commits late is not skipped."""

from __future__ import annotations

import json
import threading
import time
from datetime import UTC, datetime

from sqlalchemy import func, select

from app.domain.catalog import procedure_from_dict, procedure_to_dict
from app.storage.schema import dossier_events, dossiers, procedures
from app.storage.sync_store import SqlSyncStore
from sync.server.db import make_engine
from sync.server.devices import Device
from sync.server.ledger import allocate
from sync.server.migrate import upgrade_to_head
from sync.server.publish import Resource, publish
from sync.server.pull import START, pull
from sync.server.settings import normalise_database_url
from sync.server.tables import resources
from tests.sync.support import BIRTH, OFFICE, act, assert_agree, enrol_desk, receive, run_motcua, sync


def history(desk, code: str) -> list[tuple[int, str]]:
    with desk.database.engine.connect() as connection:
        dossier_id = connection.execute(select(dossiers.c.id).where(dossiers.c.code == code)).scalar_one()
        rows = connection.execute(
            select(dossier_events.c.seq, dossier_events.c.type)
            .where(dossier_events.c.dossier_id == dossier_id)
            .order_by(dossier_events.c.seq)
        ).all()
    return [(r.seq, r.type) for r in rows]


def test_a_dossier_received_at_one_desk_is_returned_at_another(make_desk, server) -> None:
    a, b = make_desk("a"), make_desk("b")
    device_a, device_b = enrol_desk(a, server), enrol_desk(b, server)
    (code,) = receive(a)
    act(a, code, "result-ready")
    sync(a)
    report = sync(b)
    assert report.pulled == 2
    assert history(b, code) == [(1, "received"), (2, "result_ready")]
    act(b, code, "return", collector_name="Nguyễn Văn Bình")
    sync(b)
    assert sync(a).pulled == 1
    assert (
        history(a, code) == history(b, code) == [(1, "received"), (2, "result_ready"), (3, "result_returned")]
    )
    for desk in (a, b):
        with desk.database.engine.connect() as connection:
            status = connection.execute(select(dossiers.c.status).where(dossiers.c.code == code)).scalar_one()
        assert status == "returned"
    # Pulled events are not sent back: each desk's outbox holds only its own.
    assert_agree(a, server, device_a)
    assert_agree(b, server, device_b)
    assert sync(a).pushed == 0 and sync(b).pushed == 0


def test_a_desk_never_pulls_another_offices_dossiers(make_desk, server) -> None:
    a = make_desk("a")
    enrol_desk(a, server)
    receive(a, 2)
    sync(a)
    with server.engine.connect() as connection:
        other = Device("f" * 32, "UBND-XA-KHAC", "elsewhere", False, 1)
        page = pull(server.engine, other, START, 100)
        mine = Device("e" * 32, OFFICE, "same office", False, 1)
        assert connection is not None
    assert page.items == []
    assert len(pull(server.engine, mine, START, 100).items) == 2


def pull_only(desk) -> None:
    from app.services.sync.cycle import SyncReport
    from sync.client.wiring import open_session

    with open_session(desk) as session:
        session.cycle.pull(SyncReport())


def test_a_pulled_change_never_overwrites_a_local_one(make_desk, server) -> None:
    a, b = make_desk("a"), make_desk("b")
    enrol_desk(a, server), enrol_desk(b, server)
    (code,) = receive(a)
    sync(a)
    sync(b)
    act(a, code, "start")
    sync(a)
    act(b, code, "note", reason="Ghi chú của quầy B")  # unsent
    store = SqlSyncStore(b.database.engine, b.services.clock)
    pull_only(b)
    assert [h.reason for h in store.held()] == ["diverged"]
    assert history(b, code) == [(1, "received"), (2, "note_added")]  # b's own change is intact
    sync(b)  # b's note reaches the centre as a conflict for a supervisor; a's change stays held
    assert [h.reason for h in store.held()] == ["diverged"]
    assert [d.reason for d in store.dead_letters()] == ["stale_version"]
    assert history(b, code) == [(1, "received"), (2, "note_added")]


def test_a_lost_acknowledgement_holds_a_pulled_change_until_the_push_is_confirmed(make_desk, server) -> None:
    """b's change reached the centre but its answer was lost; a builds on it; b pulls a's change while its
    own still looks unsent. b holds it back, its next push is answered from the stored verdicts, and the
    held change then applies: both desks end with the same history, nothing doubled."""
    from sync.devtools.faultproxy import FaultProxy

    a, b = make_desk("a"), make_desk("b")
    with FaultProxy("127.0.0.1", server.port) as proxy:
        device_a, device_b = enrol_desk(a, server), enrol_desk(b, server, url=proxy.url)
        (code,) = receive(a)
        sync(a)
        sync(b)
        act(b, code, "start")
        proxy.drop_responses(1)
        import pytest

        from app.services.sync.errors import Offline

        with pytest.raises(Offline):
            sync(b)
        assert proxy.stats.dropped_responses == 1
        sync(a)
        act(a, code, "note", reason="Đã chuyển hồ sơ")
        sync(a)
        store = SqlSyncStore(b.database.engine, b.services.clock)
        pull_only(b)
        assert [h.reason for h in store.held()] == ["unsent_local_changes"]
        report = sync(b)
        assert report.pushed == 1 and report.pulled == 1
        assert store.held() == []
    assert (
        history(a, code)
        == history(b, code)
        == [(1, "received"), (2, "processing_started"), (3, "note_added")]
    )
    assert_agree(a, server, device_a)
    assert_agree(b, server, device_b)


def test_a_transaction_committing_late_is_not_skipped_by_the_cursor(database_url: str) -> None:
    """Writer 1 has its numbers and has not committed; writer 2 commits meanwhile (PostgreSQL: in parallel;
    SQLite: it waits for the write lock). A reader must not move its cursor past writer 1's row: it sees
    neither, then both in order."""
    engine = make_engine(normalise_database_url(database_url))
    try:
        upgrade_to_head(engine)
        reader = Device("a" * 32, OFFICE, "reader", False, 1)
        now = datetime.now(UTC)
        late = engine.connect()
        transaction = late.begin()
        ((txid, seq),) = allocate(late, 1)
        late.execute(
            resources.insert().values(
                server_seq=seq,
                txid=txid,
                kind="calendar",
                key="2027",
                office_code=None,
                body="{}",
                published_at=now,
            )
        )
        second = threading.Thread(
            target=publish, args=(engine, [Resource("calendar", "2028", {"year": 2028, "toml": ""})], now)
        )
        second.start()
        time.sleep(0.5)
        if engine.dialect.name == "postgresql":
            assert not second.is_alive(), "writers of PostgreSQL do not wait for each other"
        page = pull(engine, reader, START, 100)
        assert page.items == []  # writer 2's row is held back while writer 1 may still commit below it
        transaction.commit()
        late.close()
        second.join(30)
        page = pull(engine, reader, page.cursor, 100)
        assert [i["key"] for i in page.items] == ["2027", "2028"]
        assert pull(engine, reader, page.cursor, 100).items == []
    finally:
        engine.dispose()


def test_concurrent_pushes_and_pulls_lose_and_double_nothing(make_desk, server) -> None:
    writers = [make_desk(f"w{i}") for i in range(4)]
    reader = make_desk("reader")
    for desk in (*writers, reader):
        enrol_desk(desk, server)
    done = threading.Event()
    errors: list[BaseException] = []

    def write(desk) -> None:
        try:
            for _ in range(5):
                codes = receive(desk, 3)
                act(desk, codes[0], "start")
                sync(desk)
        except BaseException as exc:
            errors.append(exc)

    def read() -> None:
        try:
            while not done.is_set():
                sync(reader)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(d,)) for d in writers]
    puller = threading.Thread(target=read)
    puller.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(180)
    done.set()
    puller.join(60)
    assert errors == []
    sync(reader)
    with reader.database.engine.connect() as connection:
        count = connection.execute(select(func.count()).select_from(dossiers)).scalar_one()
        events = connection.execute(select(func.count()).select_from(dossier_events)).scalar_one()
    assert count == 4 * 5 * 3
    assert events == 4 * 5 * 4
    assert SqlSyncStore(reader.database.engine, reader.services.clock).held() == []


def test_a_published_catalogue_reaches_desks(make_desk, server, tmp_path) -> None:
    desk = make_desk()
    enrol_desk(desk, server)
    with desk.database.uow(write=False) as uow:
        procedure = uow.catalog.get(BIRTH)
    data = procedure_to_dict(procedure)
    data["name"] = "Đăng ký khai sinh (quy trình mới 2026)"
    catalog = tmp_path / "catalog.json"
    catalog.write_text(json.dumps({"procedures": [data]}, ensure_ascii=False), encoding="utf-8")
    from tests.server.support import run_cli

    result = run_cli("admin", "publish-catalog", str(catalog), "--json", env=server.env())
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["published"] == 1
    assert sync(desk).pulled == 1
    with desk.database.engine.connect() as connection:
        name = connection.execute(select(procedures.c.name).where(procedures.c.code == BIRTH)).scalar_one()
    assert name == data["name"]
    assert procedure_from_dict(data).name == name
    # New dossiers cite the new version; the server receives it with them.
    receive(desk)
    assert sync(desk).pushed == 1
    assert run_motcua(desk.settings.paths.config_dir.parent, "sync", "status", "--json").returncode == 0


def test_a_long_transaction_of_another_database_does_not_hold_pulls_back(
    make_desk, server, postgres_cluster
) -> None:
    """PostgreSQL only: the safe bound leaves out transactions proven to belong to other databases of the
    cluster (a reporting job, another application), which cannot write our tables."""
    if not server.database_url.startswith("postgresql"):
        import pytest

        pytest.skip("PostgreSQL's transaction ids only")
    import psycopg

    a, b = make_desk("a"), make_desk("b")
    enrol_desk(a, server), enrol_desk(b, server)
    with psycopg.connect(postgres_cluster) as elsewhere:
        elsewhere.execute("CREATE TEMP TABLE hold (x int)")  # a write: this transaction has an xid now
        elsewhere.execute("SELECT pg_current_xact_id()")
        receive(a, 2)
        sync(a)
        assert sync(b).pulled == 2
        elsewhere.rollback()


def test_published_officers_reach_the_desks_of_their_office_only(make_desk, server, tmp_path) -> None:
    from app.domain.office import verify_password
    from tests.server.support import run_cli

    desk = make_desk()
    enrol_desk(desk, server)
    officers = [
        {"username": "hoa.le", "full_name": "Lê Thị Hoa", "role": "officer", "office_code": OFFICE,
         "counter_number": 3, "password": "mat-khau-2026"},
        {"username": "nam.tran", "full_name": "Trần Văn Nam", "role": "supervisor",
         "office_code": "UBND-XA-KHAC", "password": "mat-khau-2026"},
    ]  # fmt: skip
    path = tmp_path / "officers.json"
    path.write_text(json.dumps(officers, ensure_ascii=False), encoding="utf-8")
    result = run_cli("admin", "publish-officers", str(path), "--json", env=server.env())
    assert result.returncode == 0, result.stderr
    assert sync(desk).pulled == 1  # only the officer of this desk's office
    with desk.database.uow(write=False) as uow:
        hoa = uow.offices.officer("hoa.le")
        assert (hoa.full_name, hoa.counter_number) == ("Lê Thị Hoa", 3)
        assert verify_password("mat-khau-2026", hoa.password_hash)
    assert "mat-khau-2026" not in result.stdout
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps([{"username": "x", "full_name": "X", "office_code": OFFICE, "password": "short"}])
    )
    refused = run_cli("admin", "publish-officers", str(bad), env=server.env())
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1


def test_an_item_the_desk_cannot_take_is_held_and_the_rest_flows(make_desk, server) -> None:
    desk = make_desk()
    enrol_desk(desk, server)
    now = datetime.now(UTC)
    publish(
        server.engine, [Resource("calendar", "2031", {"year": 2031, "toml": "year = 2031\nbroken = ["})], now
    )
    a = make_desk("a")
    enrol_desk(a, server)
    receive(a, 2)
    sync(a)
    report = sync(desk)
    assert report.pulled == 2  # the two dossiers
    held = SqlSyncStore(desk.database.engine, desk.services.clock).held()
    assert [(h.key, h.reason.split(":")[0]) for h in held] == [("2031", "invalid")]
    assert not (desk.settings.paths.calendar_dir / "2031.toml").exists()


def test_two_pushes_committing_out_of_order_are_both_pulled_in_order(make_desk, database_url: str) -> None:
    """Push A takes its numbers and writes its events, then stays uncommitted; push B (another device)
    starts later and commits first (PostgreSQL; on SQLite B waits for A's write lock). A reader that pulls
    meanwhile must not move its cursor past A's rows: it sees nothing, then A's events and B's, in order,
    and nothing more after."""
    from app.services.context import SystemClock
    from sync.server.devices import enrol, new_enrol_code
    from sync.server.judge import ProcedureCache, PushItem
    from sync.server.push import PushRequest, _push, push

    batches = []
    for name in ("a", "b"):
        desk = make_desk(name)
        receive(desk, 1)
        batches.append(SqlSyncStore(desk.database.engine, desk.services.clock).pending_batch(10))
    engine = make_engine(normalise_database_url(database_url))
    try:
        upgrade_to_head(engine)
        now = SystemClock().now()
        tokens = [
            enrol(
                engine,
                code=new_enrol_code(engine, OFFICE, now),
                device_id=letter * 32,
                label=letter,
                office_code=None,
                now=now,
            )[1]
            for letter in "ab"
        ]
        requests = [
            PushRequest(
                [PushItem(i.device_seq, i.stream, i.key, i.hash, dict(i.body)) for i in batch.items],
                batch.procedures,
                {},
            )
            for batch in batches
        ]
        cache = ProcedureCache()
        reader = Device("c" * 32, OFFICE, "reader", False, 1)
        late = engine.connect()
        transaction = late.begin()
        assert _push(late, tokens[0], requests[0], now, cache).verdicts[0].verdict.value == "accepted"
        second = threading.Thread(target=push, args=(engine, tokens[1], requests[1], now, cache))
        second.start()
        second.join(1.0)
        if engine.dialect.name == "postgresql":
            assert not second.is_alive(), "pushes of two devices do not wait for each other"
        page = pull(engine, reader, START, 100)
        assert page.items == []  # B's event is held back while A may still commit below it
        transaction.commit()
        late.close()
        second.join(30)
        page = pull(engine, reader, page.cursor, 100)
        assert [i["body"]["dossier"] for i in page.items] == [b.items[0].body["dossier"] for b in batches]
        assert pull(engine, reader, page.cursor, 100).items == []
    finally:
        engine.dispose()
