"""The SQLite store: migrations, transactions, append-only history, outbox, search."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from app.domain.errors import ConcurrentChange, IllegalTransition, NotFound, ValidationError
from app.domain.lifecycle import Action, Status
from app.services.reception import ApplicantInput, ComponentInput, Decision, ReceptionRequest, receive_dossier
from app.services.transitions import TransitionRequest, transition
from app.storage import migrate
from app.storage.schema import metadata

BIRTH = "1.001193.000.00.00.H48"


def request(
    name: str = "Nguyễn Thị Ngọc Ánh",
    id_number: str = "051190001234",
    address: str = "Cẩm Thành",
    **extra: Any,
) -> ReceptionRequest:
    return ReceptionRequest(
        procedure_code=BIRTH,
        applicant=ApplicantInput(name=name, id_number=id_number, phone="0905123456", address=address),
        **extra,
    )


def rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as connection:
        return connection.execute(sql).fetchall()


def test_migrations_create_exactly_the_declared_schema(desk: Any) -> None:
    def ours(name: str | None, kind: str, parent: object) -> bool:
        return not (kind == "table" and name is not None and name.startswith("dossier_fts"))

    with desk.database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_name": ours})
        assert compare_metadata(context, metadata) == []
    triggers = {
        name for (name,) in rows(desk.database.path, "SELECT name FROM sqlite_master WHERE type='trigger'")
    }
    # <=: features add their own triggers (the queue's are checked in tests/queue).
    assert triggers >= {
        "dossiers_fts_insert",
        "dossiers_fts_delete",
        "dossiers_fts_update",
        "dossier_events_no_update",
        "dossier_events_no_delete",
        "outbox_no_delete",
    }
    config = Config()
    config.set_main_option("script_location", "app/storage/migrations")
    assert set(ScriptDirectory.from_config(config).get_heads()) == migrate.HEAD_REVISIONS
    assert migrate.current_revisions(desk.database.engine) == migrate.HEAD_REVISIONS


def test_sqlite_runs_in_wal_with_foreign_keys(desk: Any) -> None:
    with desk.database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_reception_writes_projection_event_and_outbox_together(desk: Any) -> None:
    dossier = receive_dossier(desk.services, request())
    assert dossier.code == "000.00.00.H48-260302-0001"
    assert dossier.status is Status.RECEIVED
    db = desk.database.path
    [(dossier_id, seq, kind)] = rows(db, "SELECT dossier_id, seq, type FROM dossier_events")
    assert (seq, kind) == (1, "received")
    outbox = rows(db, "SELECT seq, stream, aggregate_id, event_seq FROM outbox")
    assert outbox == [(1, "dossier", dossier_id, 1)]
    assert rows(db, "SELECT name FROM applicants") == [("Nguyễn Thị Ngọc Ánh",)]


def test_codes_count_up_per_day_and_restart_the_next_day(desk: Any, clock: Any) -> None:
    codes = [receive_dossier(desk.services, request()).code for _ in range(3)]
    assert [c[-4:] for c in codes] == ["0001", "0002", "0003"]
    clock.advance(days=1)
    assert receive_dossier(desk.services, request()).code.endswith("260303-0001")


def test_local_midnight_not_utc_midnight_starts_a_new_day(desk: Any, clock: Any) -> None:
    clock.moment = clock.moment.replace(hour=16, minute=30)  # 23:30 in Quảng Ngãi on 2 March
    assert "-260302-" in receive_dossier(desk.services, request()).code
    clock.advance(hours=1)  # 00:30 local on 3 March, still 2 March in UTC
    assert "-260303-" in receive_dossier(desk.services, request()).code


def test_failed_reception_writes_nothing(desk: Any) -> None:
    db = desk.database.path
    before = [rows(db, f"SELECT count(*) FROM {t}")[0][0] for t in ("dossiers", "dossier_events", "outbox")]
    with pytest.raises(NotFound):
        receive_dossier(desk.services, ReceptionRequest(BIRTH + "X", ApplicantInput("An")))
    with pytest.raises(ValidationError):
        receive_dossier(desk.services, request(id_number="003190001234"))
    with pytest.raises(ValidationError, match="GCS"):
        receive_dossier(desk.services, request(components=[ComponentInput("TK"), ComponentInput("NOPE")]))
    after = [rows(db, f"SELECT count(*) FROM {t}")[0][0] for t in ("dossiers", "dossier_events", "outbox")]
    assert before == after
    assert rows(db, "SELECT count(*) FROM code_sequences")[0][0] == 0  # no code was burnt either


def test_history_is_append_only_in_the_database(desk: Any) -> None:
    receive_dossier(desk.services, request())
    with sqlite3.connect(desk.database.path) as connection, pytest.raises(sqlite3.IntegrityError):
        connection.execute("UPDATE dossier_events SET actor = 'someone else'")
    with sqlite3.connect(desk.database.path) as connection, pytest.raises(sqlite3.IntegrityError):
        connection.execute("DELETE FROM dossier_events")
    with sqlite3.connect(desk.database.path) as connection, pytest.raises(sqlite3.IntegrityError):
        connection.execute("DELETE FROM outbox")


def test_transitions_append_events_and_keep_the_outbox_gap_free(desk: Any, clock: Any) -> None:
    code = receive_dossier(desk.services, request()).code
    for action in (Action.START_PROCESSING, Action.MARK_RESULT_READY, Action.RETURN_RESULT):
        clock.advance(hours=2)
        transition(desk.services, TransitionRequest(code, action))
    with pytest.raises(IllegalTransition):
        transition(desk.services, TransitionRequest(code, Action.START_PROCESSING))
    db = desk.database.path
    assert [r[0] for r in rows(db, "SELECT seq FROM outbox ORDER BY seq")] == [1, 2, 3, 4]
    assert [r[0] for r in rows(db, "SELECT type FROM dossier_events ORDER BY seq")] == [
        "received",
        "processing_started",
        "result_ready",
        "result_returned",
    ]
    assert rows(db, "SELECT status, version FROM dossiers") == [("returned", 4)]


def test_supplement_shifts_the_due_time_by_the_working_time_taken(desk: Any, clock: Any) -> None:
    dossier = receive_dossier(desk.services, request())
    assert dossier.due_at is not None
    clock.advance(hours=1)
    transition(desk.services, TransitionRequest(dossier.code, Action.REQUEST_SUPPLEMENT, reason="Thiếu giấy"))
    clock.advance(days=1)  # the citizen comes back a day later: 8 working hours later
    resumed = transition(desk.services, TransitionRequest(dossier.code, Action.RECEIVE_SUPPLEMENT))
    assert resumed.status is Status.RECEIVED
    assert resumed.due_at == desk.services.calendar.add_working_minutes(dossier.due_at, 480)
    assert resumed.original_due_at == dossier.due_at


def test_counter_level_supplement_starts_the_clock_only_when_complete(desk: Any, clock: Any) -> None:
    opened = receive_dossier(
        desk.services,
        request(
            components=[ComponentInput("TK")], decision=Decision.SUPPLEMENT, reason="Thiếu giấy chứng sinh"
        ),
    )
    assert opened.status is Status.SUPPLEMENT_REQUESTED
    assert opened.due_at is None
    clock.advance(days=2)
    resumed = transition(desk.services, TransitionRequest(opened.code, Action.RECEIVE_SUPPLEMENT))
    assert resumed.status is Status.RECEIVED
    assert resumed.due_at == desk.services.calendar.due(clock.now(), resumed.time_limit)


def test_a_stale_aggregate_is_refused(desk: Any) -> None:
    code = receive_dossier(desk.services, request()).code
    with desk.services.uow() as uow:
        stale = uow.dossiers.get(code)
        # Another writer moved the dossier on since it was read (simulated on the same transaction, since
        # SQLite writers queue behind BEGIN IMMEDIATE and a real one would wait for this one to finish).
        uow.connection.execute(text("UPDATE dossiers SET version = version + 1 WHERE code = :c"), {"c": code})
        stale.add_note(at=desk.services.now(), actor="lan.nguyen", text="ghi chú")
        with pytest.raises(ConcurrentChange):
            uow.commit()
    assert rows(desk.database.path, "SELECT count(*) FROM dossier_events")[0][0] == 1


def test_two_writers_queue_instead_of_failing(desk: Any) -> None:
    import threading

    code = receive_dossier(desk.services, request()).code
    done: list[str] = []
    with desk.services.uow() as first:
        first.dossiers.get(code).add_note(at=desk.services.now(), actor="lan.nguyen", text="một")
        worker = threading.Thread(
            target=lambda: done.append(
                transition(desk.services, TransitionRequest(code, Action.ADD_NOTE, reason="hai")).code
            )
        )
        worker.start()
        worker.join(0.3)
        assert done == []  # waiting for the lock
        first.commit()
    worker.join(10)
    assert done == [code]
    assert rows(desk.database.path, "SELECT max(seq) FROM dossier_events")[0][0] == 3


def test_search_by_code_id_phone_and_unaccented_name(desk: Any) -> None:
    anh = receive_dossier(desk.services, request())
    other = receive_dossier(desk.services, request("Trần Văn Bình", "051085004321"))
    with desk.services.uow(write=False) as uow:
        search = uow.dossiers.search
        assert [s.code for s in search(anh.code)] == [anh.code]
        assert [s.code for s in search(anh.code[:-2])] == [other.code, anh.code]  # code prefix
        assert [s.code for s in search("051190001234")] == [anh.code]
        assert {s.code for s in search("0905 123 456")} == {anh.code, other.code}
        assert [s.code for s in search("nguyen thi ngoc anh")] == [anh.code]
        assert [s.code for s in search("NGUYEN ngoc")] == [anh.code]
        assert [s.code for s in search("tran v")] == [other.code]
        assert [s.code for s in search("Bình")] == [other.code]
        assert search("nguyen binh") == []
        assert search("   ") == []
        assert search('"; DROP TABLE dossiers; --') == []
        assert search("nguyen")[0].procedure_name == "Thủ tục đăng ký khai sinh"


def test_returning_applicant_is_remembered(desk: Any, clock: Any) -> None:
    receive_dossier(desk.services, request(address="Số 1 Hùng Vương"))
    clock.advance(days=3)
    receive_dossier(
        desk.services,
        ReceptionRequest(BIRTH, ApplicantInput(name="Nguyễn Thị Ngọc Ánh", id_number="051190001234")),
    )
    with desk.services.uow(write=False) as uow:
        known = uow.applicants.find("051190001234")
    assert known is not None
    assert (known.phone, known.address) == ("0905123456", "Số 1 Hùng Vương")  # blanks kept the old data


def test_seeded_dossiers_replay_to_their_projection(desk: Any) -> None:
    from app.services.seeding import seed_dossiers
    from app.storage.bulk import BulkDossierWriter

    result = seed_dossiers(
        desk.services, BulkDossierWriter(desk.database.engine), 400, batch=150, days_back=60
    )
    assert result.dossiers == 400
    db = desk.database.path
    projected = dict(rows(db, "SELECT code, status FROM dossiers"))
    assert len(projected) == 400
    with desk.services.uow(write=False) as uow:
        for code, status in list(projected.items())[::17]:
            assert uow.dossiers.get(code).status.value == status
    assert rows(db, "SELECT count(*) FROM dossier_events")[0][0] == result.events
    assert rows(db, "SELECT count(*) FROM outbox")[0][0] == result.events
    # A reception after the seed does not reuse a seeded code.
    fresh = receive_dossier(desk.services, request())
    assert fresh.code not in projected


def test_seed_is_the_same_whatever_the_number_of_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: Any
) -> None:
    from app.bootstrap import open_desk
    from app.cli.main import run
    from app.services.seeding import seed_dossiers
    from app.settings.paths import resolve_paths
    from app.settings.store import load_settings
    from app.storage.bulk import BulkDossierWriter

    contents = []
    for jobs in (1, 2):
        monkeypatch.setenv("MOTCUA_HOME", str(tmp_path / f"jobs{jobs}"))
        assert run(["init", "--demo"]) == 0
        desk = open_desk(load_settings(resolve_paths()), clock=clock)
        try:
            writer = BulkDossierWriter(desk.database.engine)
            seed_dossiers(desk.services, writer, 300, batch=70, days_back=30, seed=7, jobs=jobs)
        finally:
            desk.close()
        db = tmp_path / f"jobs{jobs}" / "data" / "motcua.sqlite3"
        contents.append(
            rows(
                db,
                "SELECT d.code, d.status, e.seq, e.type, e.occurred_at, e.payload FROM dossiers d "
                "JOIN dossier_events e ON e.dossier_id = d.id ORDER BY d.id, e.seq",
            )
        )
    assert len(contents[0]) > 300
    assert contents[0] == contents[1]


def test_a_late_dossier_can_still_receive_its_supplement(desk: Any, clock: Any) -> None:
    dossier = receive_dossier(desk.services, request())
    assert dossier.due_at is not None
    clock.moment = dossier.due_at + timedelta(days=2)  # overdue already
    transition(desk.services, TransitionRequest(dossier.code, Action.REQUEST_SUPPLEMENT, reason="Thiếu giấy"))
    resumed = transition(desk.services, TransitionRequest(dossier.code, Action.RECEIVE_SUPPLEMENT))
    assert resumed.status is Status.RECEIVED
    assert resumed.due_at == dossier.due_at  # no working time passed while paused
    assert resumed.is_overdue(clock.now())
