"""Push: the outbox reaches a real motcua-server (uvicorn on 127.0.0.1, SQLite and PostgreSQL) once, in
order, with every verdict stored, whatever is sent twice, at once, out of order or malformed."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import func, insert, select

from app.services.sync.errors import NotSyncServer
from app.services.sync.wire import PROTOCOL, event_from_body, event_hash
from app.storage.schema import dossier_events, dossiers, outbox
from app.storage.sync_store import SqlSyncStore
from sync.client.vault import KeyringVault
from sync.server.tables import dossiers as server_dossiers
from sync.server.tables import events, receipts
from tests.support import FixedClock
from tests.sync.support import (
    ServerProcess,
    act,
    assert_agree,
    captive_portal,
    desk_view,
    enrol_desk,
    receive,
    server_count,
    sync,
)


def token_of(desk: Any) -> str:
    from sync.client.wiring import enrolment_of

    enrolment = enrolment_of(desk)
    token = KeyringVault().load(enrolment.token_account)
    assert token
    return token


def raw_push(server: ServerProcess, token: str, batch: Any) -> httpx.Response:
    return httpx.post(
        f"{server.url}/sync/v1/push",
        json={"items": [item.to_wire() for item in batch.items], "procedures": dict(batch.procedures)},
        headers={"Authorization": f"Bearer {token}"},
        timeout=60,
    )


def test_a_desk_pushes_its_outbox_in_order_and_the_server_replays_each_dossier(make_desk, server) -> None:
    desk = make_desk()
    device = enrol_desk(desk, server)
    codes = receive(desk, 3)
    act(desk, codes[0], "start")
    act(desk, codes[0], "note", reason="Đã chuyển phòng Tư pháp")
    report = sync(desk)
    assert report.pushed == 5
    assert_agree(desk, server, device)
    with server.engine.connect() as connection:
        rows = connection.execute(
            select(events.c.server_seq, events.c.device_seq).order_by(events.c.server_seq)
        ).all()
        status = connection.execute(
            select(func.count()).where(events.c.type == "processing_started")
        ).scalar()
    assert [r.device_seq for r in rows] == [1, 2, 3, 4, 5]  # device order kept
    assert status == 1
    # Nothing new: the next cycle sends nothing.
    assert sync(desk).pushed == 0


def test_the_same_batch_pushed_twice_and_concurrently_is_stored_once(make_desk, server) -> None:
    desk = make_desk()
    device = enrol_desk(desk, server)
    receive(desk, 20)
    batch = SqlSyncStore(desk.database.engine, desk.services.clock).pending_batch(100)
    token = token_of(desk)
    answers: list[httpx.Response] = []
    barrier = threading.Barrier(6)

    def send() -> None:
        barrier.wait()
        answers.append(raw_push(server, token, batch))

    threads = [threading.Thread(target=send) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert [a.status_code for a in answers] == [200] * 6
    # Every answer is the same stored verdict list: the first to get the device lock decided.
    verdicts = [
        tuple((v["device_seq"], v["verdict"], v["server_seq"]) for v in a.json()["verdicts"]) for a in answers
    ]
    assert len(set(verdicts)) == 1
    assert {v[1] for v in verdicts[0]} == {"accepted"}
    assert raw_push(server, token, batch).json()["verdicts"] == answers[0].json()["verdicts"]
    assert server_count(server, events) == 20
    assert server_count(server, receipts) == 20
    sync(desk)  # the desk records the (replayed) verdicts
    assert_agree(desk, server, device)


def test_a_gap_is_refused_with_the_sequence_expected(make_desk, server) -> None:
    desk = make_desk()
    enrol_desk(desk, server)
    receive(desk, 4)
    batch = SqlSyncStore(desk.database.engine, desk.services.clock).pending_batch(100)
    later = type(batch)(batch.items[2:], batch.procedures)  # device_seq 3, 4 without 1, 2
    answer = raw_push(server, token_of(desk), later)
    assert answer.status_code == 409
    assert answer.json() == {
        "protocol": PROTOCOL,
        "error": "gap",
        "message": "this server expects device sequence 1",
        "expected": 1,
    }
    assert server_count(server, events) == 0


def test_the_desk_sends_again_what_a_server_lost(make_desk, server) -> None:
    """A server restored from a backup expects an older sequence: the desk rewinds (its outbox keeps every
    row) and the lost tail arrives again, once."""
    desk = make_desk()
    device = enrol_desk(desk, server)
    receive(desk, 5)
    sync(desk)
    with server.engine.begin() as connection:  # what a restore of yesterday's backup looks like
        connection.execute(receipts.delete().where(receipts.c.device_seq > 2))
        connection.execute(events.delete().where(events.c.device_seq > 2))
        connection.execute(dossiers_server_delete(), {"keep": 2})
        from sync.server.tables import devices

        connection.execute(devices.update().values(next_seq=3))
    receive(desk, 1)
    assert sync(desk).pushed == 4  # 3, 4, 5 again, and the new 6
    assert_agree(desk, server, device)
    assert server_count(server, events) == 6


def dossiers_server_delete() -> Any:
    from sqlalchemy import text

    return text(
        "DELETE FROM dossiers WHERE uid NOT IN (SELECT dossier_uid FROM events WHERE device_seq <= :keep)"
    )


def test_a_poison_event_is_a_dead_letter_and_later_events_still_flow(make_desk, server) -> None:
    desk = make_desk()
    device = enrol_desk(desk, server)
    first, second = receive(desk, 2)
    # A damaged desk database: an event that is illegal in the dossier's state, with its outbox row.
    with desk.database.engine.begin() as connection:
        dossier_id = connection.execute(select(dossiers.c.id).where(dossiers.c.code == first)).scalar_one()
        connection.execute(
            insert(dossier_events).values(
                dossier_id=dossier_id,
                seq=2,
                type="result_returned",
                occurred_at=datetime.now(UTC),
                actor="lan.nguyen",
                payload=json.dumps({"collector_name": "X"}),
            )
        )
        connection.execute(
            insert(outbox).values(
                stream="dossier", aggregate_id=dossier_id, event_seq=2, created_at=datetime.now(UTC)
            )
        )
    act(desk, second, "start")
    receive(desk, 1)
    sync(desk)
    store = SqlSyncStore(desk.database.engine, desk.services.clock)
    letters = store.dead_letters()
    assert [(d.device_seq, d.verdict.value, d.reason) for d in letters] == [
        (3, "rejected", "illegal_transition")
    ]
    assert "cannot return" in (letters[0].message or "")
    assert store.counts().pending == 0
    assert_agree(desk, server, device)
    with server.engine.connect() as connection:
        kept = connection.execute(select(receipts.c.body).where(receipts.c.device_seq == 3)).scalar_one()
    assert json.loads(kept)["type"] == "result_returned"  # the refused event is kept, not lost
    assert server_count(server, events) == 4


def test_two_desks_changing_one_dossier_make_a_conflict_not_an_overwrite(make_desk, server) -> None:
    a, b = make_desk("a"), make_desk("b")
    device_a, device_b = enrol_desk(a, server), enrol_desk(b, server)
    (code,) = receive(a, 1)
    sync(a)
    sync(b)  # b pulls the dossier
    act(a, code, "start")
    act(b, code, "refuse", reason="Hồ sơ giả mạo")
    sync(a)
    sync(b)
    letters = SqlSyncStore(b.database.engine, b.services.clock).dead_letters()
    assert [(d.verdict.value, d.reason) for d in letters] == [("conflict", "stale_version")]
    with server.engine.connect() as connection:
        types = connection.execute(select(events.c.type).order_by(events.c.server_seq)).scalars().all()
        conflict = connection.execute(
            select(receipts.c.body).where(receipts.c.verdict == "conflict")
        ).scalar_one()
    assert types == ["received", "processing_started"]  # a's change stands
    assert json.loads(conflict)["type"] == "refused"  # b's is kept for the supervisor
    assert_agree(a, server, device_a)
    assert_agree(b, server, device_b)
    # b holds a's change back: applying it would overwrite its own version of event 2.
    assert [h.reason for h in SqlSyncStore(b.database.engine, b.services.clock).held()] == ["diverged"]
    # The dossier itself: the centre and a say "in_processing" at version 2 with the same history; b keeps its
    # own refusal on screen, flagged, until the supervisor decides, and shares the centre's first event.
    with server.engine.connect() as connection:
        centre = connection.execute(
            select(server_dossiers.c.status, server_dossiers.c.version, server_dossiers.c.head_hash)
        ).one()
        centre_hashes = connection.execute(select(events.c.hash).order_by(events.c.seq)).scalars().all()
    assert (centre.status, centre.version) == (dossier_state(a, code)[0], 2) == ("in_processing", 2)
    assert desk_hashes(a, code) == centre_hashes
    assert centre.head_hash == centre_hashes[-1]
    assert dossier_state(b, code)[0] == "refused"
    assert desk_hashes(b, code)[0] == centre_hashes[0] and desk_hashes(b, code)[1] != centre_hashes[1]
    # Syncing again changes nothing anywhere (no ping-pong, no second conflict).
    assert (sync(a).pushed, sync(b).pushed) == (0, 0)
    assert server_count(server, receipts) == 3
    assert_agree(a, server, device_a)
    assert_agree(b, server, device_b)
    # The supervisor's list, and settling it (recorded in the audit log).
    from tests.server.support import run_cli

    listed = json.loads(run_cli("admin", "problems", "--json", env=server.env()).stdout)
    assert [(p["verdict"], p["reason"], p["device"]) for p in listed] == [
        ("conflict", "stale_version", device_b)
    ]
    seq = str(listed[0]["device_seq"])
    settle = ("admin", "resolve", "--device", device_b, "--seq", seq, "--note", "Giữ xử lý của quầy A")
    assert run_cli(*settle, env=server.env()).returncode == 0
    assert json.loads(run_cli("admin", "problems", "--json", env=server.env()).stdout) == []
    assert run_cli(*settle, env=server.env()).returncode == 2  # already settled
    assert json.loads(run_cli("admin", "verify-audit", "--json", env=server.env()).stdout)["ok"]


def dossier_state(desk: Any, code: str) -> tuple[str, int]:
    with desk.database.engine.connect() as connection:
        row = connection.execute(
            select(dossiers.c.status, dossiers.c.id).where(dossiers.c.code == code)
        ).one()
    return row.status, row.id


def desk_hashes(desk: Any, code: str) -> list[str]:
    from app.storage.event_store import event_from_row

    with desk.database.engine.connect() as connection:
        uid_and_id = connection.execute(
            select(dossiers.c.uid, dossiers.c.id).where(dossiers.c.code == code)
        ).one()
        rows = connection.execute(
            select(dossier_events)
            .where(dossier_events.c.dossier_id == uid_and_id.id)
            .order_by(dossier_events.c.seq)
        ).all()
    return [event_hash(event_from_row(r, uid_and_id.uid)) for r in rows]


@pytest.mark.parametrize(
    "moment",
    [datetime(1970, 1, 1, 0, 5, tzinfo=UTC), datetime.now(UTC).replace(microsecond=0) + timedelta(days=730)],
)
def test_absurd_device_clocks_are_data_flagged_and_do_not_reorder(
    make_desk, server, moment: datetime
) -> None:
    """The dossier is received with a good clock; then the CMOS battery dies (1970) or an NTP-less box
    drifts two years ahead. The events keep their device order and the centre flags their times."""
    clock = FixedClock(datetime.now(UTC).replace(microsecond=0))
    desk = make_desk(clock=clock)
    device = enrol_desk(desk, server)
    (code,) = receive(desk, 1)
    clock.moment = moment
    act(desk, code, "start")
    clock.advance(minutes=5)
    act(desk, code, "note", reason="Đồng hồ máy sai")
    sync(desk)
    assert_agree(desk, server, device)
    with server.engine.connect() as connection:
        rows = connection.execute(
            select(events.c.seq, events.c.clock_flag, events.c.occurred_at).order_by(events.c.server_seq)
        ).all()
    flag = "past" if moment.year == 1970 else "future"
    assert [(r.seq, r.clock_flag) for r in rows] == [(1, None), (2, flag), (3, flag)]
    assert rows[1].occurred_at == moment


def test_a_captive_portal_answering_200_is_not_an_acknowledgement(make_desk, server, monkeypatch) -> None:
    desk = make_desk()
    enrol_desk(desk, server)
    receive(desk, 3)
    with captive_portal() as portal:
        from sync.client import wiring

        real = wiring.HttpTransport
        monkeypatch.setattr(wiring, "HttpTransport", lambda url, token, **kw: real(portal, token, **kw))
        with pytest.raises(NotSyncServer, match="captive portal"):
            sync(desk)
    view = desk_view(desk)
    assert view.acked == 0 and not view.dead
    status = SqlSyncStore(desk.database.engine, desk.services.clock).attempts()
    assert status.last_error_code == "not_sync_server"


def test_a_push_of_an_unknown_stream_is_a_dead_letter_not_a_stop(make_desk, server) -> None:
    desk = make_desk()
    device = enrol_desk(desk, server)
    receive(desk, 1)
    with desk.database.engine.begin() as connection:
        connection.execute(
            insert(outbox).values(
                stream="telepathy", aggregate_id=1, event_seq=1, created_at=datetime.now(UTC)
            )
        )
    receive(desk, 1)
    sync(desk)
    letters = SqlSyncStore(desk.database.engine, desk.services.clock).dead_letters()
    assert [(d.device_seq, d.reason) for d in letters] == [(2, "unsupported_stream")]
    with server.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(events)).scalar_one() == 2
    assert desk_view(desk).acked == 3
    assert device


def test_a_server_bug_on_one_event_refuses_that_event_and_not_the_queue(
    make_desk, database_url, monkeypatch
) -> None:
    """In-process: the judge meets an exception nobody foresaw on the second dossier; that event becomes a
    dead letter kept with its body, and the third dossier is still taken."""
    from app.services.context import SystemClock
    from sync.server import judge
    from sync.server.db import make_engine
    from sync.server.devices import enrol, new_enrol_code
    from sync.server.migrate import upgrade_to_head
    from sync.server.push import PushRequest, push
    from sync.server.settings import normalise_database_url

    desk = make_desk()
    receive(desk, 3)
    batch = SqlSyncStore(desk.database.engine, desk.services.clock).pending_batch(10)
    doomed = batch.items[1].body["dossier"]
    real = judge.replay

    def flaky(events, procedure):
        events = list(events)
        if events[0].dossier_uid == doomed:
            raise RuntimeError("a bug")
        return real(events, procedure)

    monkeypatch.setattr(judge, "replay", flaky)
    engine = make_engine(normalise_database_url(database_url))
    try:
        upgrade_to_head(engine)
        now = SystemClock().now()
        _device, token = enrol(
            engine,
            code=new_enrol_code(engine, "TTPVHCC-QNG", now),
            device_id="c" * 32,
            label="t",
            office_code=None,
            now=now,
        )
        items = [judge.PushItem(i.device_seq, i.stream, i.key, i.hash, dict(i.body)) for i in batch.items]
        result = push(engine, token, PushRequest(items, batch.procedures, {}), now, judge.ProcedureCache())
    finally:
        engine.dispose()
    assert [(v.verdict.value, v.reason) for v in result.verdicts] == [
        ("accepted", None),
        ("rejected", "server_fault"),
        ("accepted", None),
    ]
    assert result.next_seq == 4


def test_two_devices_pushing_one_dossiers_next_event_at_the_same_moment_make_a_conflict(
    make_desk, database_url
) -> None:
    """In-process, the race the unique (dossier, seq) settles: device A has written event 2 of a dossier
    and not committed; device B judges its own event 2 against the committed history (version 1), so it
    looks fine, and its insert waits on A's row (PostgreSQL) or its transaction waits for A's (SQLite).
    When A commits, B's push starts again, sees A's event and keeps its own as a conflict: no overwrite,
    no lost event, no error for the desk."""
    from app.services.context import SystemClock
    from sync.server.db import make_engine
    from sync.server.devices import enrol, new_enrol_code
    from sync.server.judge import ProcedureCache, PushItem
    from sync.server.migrate import upgrade_to_head
    from sync.server.push import PushRequest, _push, push
    from sync.server.settings import normalise_database_url

    desk = make_desk()
    (code,) = receive(desk, 1)
    act(desk, code, "start")
    batch = SqlSyncStore(desk.database.engine, desk.services.clock).pending_batch(10)
    created, started = (PushItem(i.device_seq, i.stream, i.key, i.hash, dict(i.body)) for i in batch.items)
    other = {**started.body, "actor": "someone else"}  # the same event number, another change
    theirs = PushItem(1, started.stream, started.key, event_hash(event_from_body(other)), other)
    engine = make_engine(normalise_database_url(database_url))
    try:
        upgrade_to_head(engine)
        now = SystemClock().now()
        tokens = [
            enrol(
                engine,
                code=new_enrol_code(engine, "TTPVHCC-QNG", now),
                device_id=letter * 32,
                label=letter,
                office_code=None,
                now=now,
            )[1]
            for letter in "ab"
        ]
        cache = ProcedureCache()
        push(engine, tokens[0], PushRequest([created], batch.procedures, {}), now, cache)
        mine = PushItem(2, started.stream, started.key, started.hash, started.body)
        first = engine.connect()
        transaction = first.begin()
        answer = _push(first, tokens[0], PushRequest([mine], {}, {}), now, cache)
        assert [v.verdict.value for v in answer.verdicts] == ["accepted"]
        results: list[Any] = []
        racer = threading.Thread(
            target=lambda: results.append(push(engine, tokens[1], PushRequest([theirs], {}, {}), now, cache))
        )
        racer.start()
        racer.join(1.0)
        assert racer.is_alive(), "B must wait for A's uncommitted event 2"
        transaction.commit()
        first.close()
        racer.join(60)
        assert [(v.verdict.value, v.reason) for v in results[0].verdicts] == [("conflict", "stale_version")]
        with engine.connect() as connection:
            stored = connection.execute(select(events.c.device_id, events.c.seq).order_by(events.c.seq)).all()
            kept = connection.execute(
                select(receipts.c.body).where(receipts.c.device_id == "b" * 32)
            ).scalar_one()
        assert [(r.device_id, r.seq) for r in stored] == [("a" * 32, 1), ("a" * 32, 2)]
        assert json.loads(kept)["actor"] == "someone else"  # B's change is kept for the supervisor
    finally:
        engine.dispose()


def test_a_desk_clock_crossing_dst_or_stepping_back_keeps_device_order(make_desk, server) -> None:
    """A desk PC left on a European zone crosses the autumn change (02:30 CEST, then 02:10 CET: the wall
    clock goes back, the instant goes forward), then someone "fixes" the clock by an hour by hand, so an
    event's time is before the one made just before it. Times are data: the centre stores the instants the
    desk meant, keeps the device order, flags nothing (none is absurd) and the dossier replays."""
    from zoneinfo import ZoneInfo

    berlin = ZoneInfo("Europe/Berlin")
    clock = FixedClock(datetime(2026, 10, 25, 1, 50, tzinfo=berlin))
    desk = make_desk(clock=clock)
    device = enrol_desk(desk, server)
    (code,) = receive(desk, 1)
    clock.moment = datetime(2026, 10, 25, 2, 30, tzinfo=berlin)  # CEST, 00:30Z
    act(desk, code, "start")
    clock.moment = datetime(2026, 10, 25, 2, 10, fold=1, tzinfo=berlin)  # CET, 01:10Z
    act(desk, code, "note", reason="Sau khi đổi giờ")
    clock.moment = datetime(2026, 10, 25, 1, 5, tzinfo=berlin)  # stepped back by hand: before the last two
    act(desk, code, "note", reason="Đồng hồ bị chỉnh lùi")
    sync(desk)
    assert_agree(desk, server, device)
    with server.engine.connect() as connection:
        rows = connection.execute(
            select(events.c.seq, events.c.device_seq, events.c.occurred_at, events.c.clock_flag).order_by(
                events.c.server_seq
            )
        ).all()
    assert [(r.seq, r.device_seq, r.clock_flag) for r in rows] == [
        (1, 1, None),
        (2, 2, None),
        (3, 3, None),
        (4, 4, None),
    ]
    assert [r.occurred_at.astimezone(UTC).strftime("%H:%M") for r in rows] == [
        "23:50",
        "00:30",
        "01:10",
        "23:05",
    ]


def test_an_event_of_an_unknown_schema_version_is_refused_kept_and_the_rest_flows(make_desk, server) -> None:
    """A desk newer than the centre sends version 2 of the event format: refused explicitly
    (version_not_supported), its body kept, and the desk's later events are still taken."""
    desk = make_desk()
    device = enrol_desk(desk, server)
    receive(desk, 2)
    store = SqlSyncStore(desk.database.engine, desk.services.clock)
    batch = store.pending_batch(10)
    wire = [item.to_wire() for item in batch.items]
    wire[0]["body"]["v"] = 2  # the format version is not part of the content hash
    answer = httpx.post(
        f"{server.url}/sync/v1/push",
        json={"items": wire, "procedures": dict(batch.procedures)},
        headers={"Authorization": f"Bearer {token_of(desk)}"},
        timeout=60,
    )
    assert answer.status_code == 200
    assert [(v["verdict"], v["reason"]) for v in answer.json()["verdicts"]] == [
        ("rejected", "version_not_supported"),
        ("accepted", None),
    ]
    with server.engine.connect() as connection:
        kept = connection.execute(select(receipts.c.body).where(receipts.c.device_seq == 1)).scalar_one()
    assert json.loads(kept)["v"] == 2
    sync(desk)  # the desk learns the stored verdicts (its own copy is version 1: the key and hash agree)
    letters = store.dead_letters()
    assert [(d.device_seq, d.reason) for d in letters] == [(1, "version_not_supported")]
    assert_agree(desk, server, device)


def test_a_replayed_request_changes_nothing_and_is_refused_once_the_token_is_revoked(
    make_desk, server
) -> None:
    """Someone on the path records a push and sends the same bytes again later: the answer is the stored
    verdicts and nothing is written twice; a reused sequence number with other content is refused; after
    the device's token is revoked the recording is worthless."""
    from tests.server.support import run_cli

    desk = make_desk()
    device = enrol_desk(desk, server)
    receive(desk, 3)
    batch = SqlSyncStore(desk.database.engine, desk.services.clock).pending_batch(10)
    token = token_of(desk)
    recorded = json.dumps(
        {"items": [item.to_wire() for item in batch.items], "procedures": dict(batch.procedures)}
    ).encode()

    def replay(body: bytes = recorded) -> httpx.Response:
        return httpx.post(
            f"{server.url}/sync/v1/push",
            content=body,
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
            timeout=60,
        )

    first = replay()
    sync(desk)
    receive(desk, 1)
    sync(desk)

    def counts() -> tuple[int, ...]:
        from sync.server.tables import audit_log

        return tuple(server_count(server, table) for table in (events, receipts, audit_log))

    before = counts()
    again = replay()
    assert again.status_code == 200
    assert again.json()["verdicts"] == first.json()["verdicts"]
    assert counts() == before
    forged = json.loads(recorded)
    forged["items"][0]["body"]["actor"] = "someone else"
    forged["items"][0]["hash"] = event_hash(event_from_body(forged["items"][0]["body"]))
    answer = replay(json.dumps(forged).encode())
    assert (answer.status_code, answer.json()["error"]) == (409, "sequence_mismatch")
    assert counts() == before
    assert run_cli("admin", "revoke", "--device", device, env=server.env()).returncode == 0
    before = counts()[:2]
    answer = replay()
    assert (answer.status_code, answer.json()["error"]) == (401, "revoked")
    assert counts()[:2] == before  # (the revocation itself is audited)
    assert_agree(desk, server, device)
