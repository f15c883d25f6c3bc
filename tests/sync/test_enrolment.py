"""Enrolment and authorisation: one-time codes per office, a token in the keyring (or a file named
explicitly, never silently), revocation refused at once, and a desk that pushes only for its office."""

from __future__ import annotations

import re
import stat
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, text, update

from app.services.sync.errors import BadRequest, Revoked
from app.services.sync.status import SyncState
from sync.client.wiring import read_status
from sync.server.tables import enrol_codes
from tests.server.support import run_cli
from tests.sync.support import (
    OFFICE,
    assert_agree,
    desk_view,
    enrol_desk,
    json_out,
    receive,
    run_motcua,
    sync,
)


def home_of(desk):
    return desk.settings.paths.config_dir.parent


def test_enrol_code_prints_a_one_time_code(server) -> None:
    result = run_cli("admin", "enrol-code", "--office", OFFICE, env=server.env())
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}\n", result.stdout)
    with server.engine.connect() as connection:
        stored = connection.execute(select(enrol_codes.c.code_hash)).scalars().all()
    assert result.stdout.strip().replace("-", "") not in str(stored)  # only its hash is kept
    bad = run_cli("admin", "enrol-code", "--office", "bad office!", env=server.env())
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1


def test_a_headless_desk_without_a_keyring_says_so_and_keeps_the_code(make_desk, server, tmp_path) -> None:
    desk = make_desk()
    code = server.enrol_code()
    home = home_of(desk)
    refused = run_motcua(home, "enrol", "--server", server.url, "--code", code)  # no keyring in a subprocess
    assert refused.returncode == 2
    assert "no OS keyring is available" in refused.stderr and "--token-file" in refused.stderr
    assert refused.stderr.count("\n") == 1
    token_file = tmp_path / "secrets" / "motcua-token.json"
    token_file.parent.mkdir()
    enrolled = run_motcua(
        home, "enrol", "--server", server.url, "--code", code, "--token-file", str(token_file), "--json"
    )
    assert enrolled.returncode == 0, enrolled.stderr  # the same code: the refusal did not spend it
    data = json_out(enrolled)
    assert (data["office"], data["token_store"]) == (OFFICE, "file")
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
    token = next(iter(__import__("json").loads(token_file.read_text()).values()))
    assert token not in desk.database.path.read_bytes().decode("latin-1")
    receive(desk)
    result = run_motcua(home, "sync", "--once", "--json")
    assert result.returncode == 0, result.stderr
    assert json_out(result) | {} == {
        "pushed": 1,
        "pulled": 0,
        "files": 0,
        "uploaded_bytes": 0,
        "pending": 0,
        "dead_letter": 0,
        "conflicts": 0,
        "held": 0,
    }


def test_a_code_enrols_once_and_expires(make_desk, server) -> None:
    a, b = make_desk("a"), make_desk("b")
    code = server.enrol_code()
    from app.services.sync.enrolment import EnrolRequest, enrol
    from app.storage.sync_enrolment import SqlEnrolmentStore
    from sync.client.transport import HttpTransport
    from sync.client.vault import KeyringVault

    def use(desk, code: str, office: str = OFFICE) -> None:
        with HttpTransport(server.url, None) as gateway:
            enrol(
                EnrolRequest(server.url, code, office, "desk"),
                store=SqlEnrolmentStore(desk.database.engine),
                gateway=gateway,
                vault=KeyringVault(),
                clock=desk.services.clock,
            )

    with pytest.raises(BadRequest, match="office_mismatch"):
        use(a, code, office="UBND-XA-KHAC")
    use(a, code)
    with pytest.raises(BadRequest, match="invalid_code"):
        use(b, code)
    old = server.enrol_code()
    with server.engine.begin() as connection:
        connection.execute(update(enrol_codes).values(expires_at=datetime.now(UTC) - timedelta(minutes=1)))
    with pytest.raises(BadRequest, match="expired_code"):
        use(b, old)


def test_a_revoked_token_is_refused_at_once_and_nothing_is_lost(make_desk, server) -> None:
    desk = make_desk()
    device = enrol_desk(desk, server)
    receive(desk, 2)
    sync(desk)
    receive(desk, 3)
    revoked = run_cli("admin", "revoke", "--device", device, env=server.env())
    assert revoked.returncode == 0, revoked.stderr
    with pytest.raises(Revoked):
        sync(desk)
    status = read_status(desk)
    assert status.state is SyncState.ATTENTION
    assert status.counts.pending == 3  # kept, waiting
    assert desk_view(desk).acked == 2
    # Every worker refuses at once: the check reads the database on each request.
    import httpx

    from sync.client.vault import KeyringVault
    from sync.client.wiring import enrolment_of

    token = KeyringVault().load(enrolment_of(desk).token_account)
    answer = httpx.get(f"{server.url}/sync/v1/pull", headers={"Authorization": f"Bearer {token}"})
    assert (answer.status_code, answer.json()["error"]) == (401, "revoked")
    # The admin enrols the desk again: the new token continues the same device sequence.
    enrol_desk(desk, server)
    assert sync(desk).pushed == 3
    assert_agree(desk, server, device)
    assert run_cli("admin", "revoke", "--device", "0" * 32, env=server.env()).returncode == 2


def test_a_desk_pushes_only_for_its_own_office(make_desk, server) -> None:
    desk = make_desk()
    device = enrol_desk(desk, server)
    receive(desk)
    with desk.database.engine.begin() as connection:  # a desk whose dossiers claim another office
        connection.execute(text("UPDATE dossiers SET office_code = 'UBND-XA-KHAC'"))
    # The event itself names the office; rewrite it as a tampered desk would (bypassing the trigger).
    with desk.database.engine.begin() as connection:
        connection.execute(text("DROP TRIGGER dossier_events_no_update"))
        connection.execute(
            text("UPDATE dossier_events SET payload = replace(payload, :office, 'UBND-XA-KHAC')"),
            {"office": OFFICE},
        )
    sync(desk)
    from app.storage.sync_store import SqlSyncStore

    letters = SqlSyncStore(desk.database.engine, desk.services.clock).dead_letters()
    assert [(d.verdict.value, d.reason) for d in letters] == [("rejected", "forbidden_office")]
    assert_agree(desk, server, device)


def test_requests_without_a_valid_token_are_refused(server) -> None:
    import httpx

    for headers in ({}, {"Authorization": "Bearer nonsense"}, {"Authorization": f"Bearer {'a' * 32}.wrong"}):
        answer = httpx.post(f"{server.url}/sync/v1/push", json={"items": []}, headers=headers)
        assert answer.status_code == 401
        assert answer.json()["error"] == "unauthorized"
