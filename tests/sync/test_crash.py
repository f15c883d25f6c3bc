"""kill -9 of a desk at the worst moments, and of the server in the middle of a push: afterwards the desk
and the server agree, and nothing is lost or doubled."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from app.storage.schema import dossier_events, dossiers
from app.storage.sync_store import PULL_CURSOR, read_meta
from sync.server.tables import events, receipts
from tests.sync.support import (
    ServerProcess,
    act,
    assert_agree,
    desk_view,
    enrol_desk,
    json_out,
    receive,
    run_motcua,
    server_count,
    sync,
)

CRASHING_DESK = Path(__file__).with_name("crashing_desk.py")


def home_of(desk) -> Path:
    return desk.settings.paths.config_dir.parent


def crash(desk, point: str, *args: str) -> subprocess.CompletedProcess[str]:
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("MOTCUA_")}
    env.update(MOTCUA_HOME=str(home_of(desk)), CRASH_AT=point)
    return subprocess.run(
        [sys.executable, str(CRASHING_DESK), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_kill_9_between_the_servers_commit_and_the_desks_ack(make_desk, server, tmp_path) -> None:
    desk = make_desk()
    device = enrol_desk(desk, server, token_file=tmp_path / "token.json")
    codes = receive(desk, 10)
    act(desk, codes[0], "start")
    result = crash(desk, "before_ack", "sync", "--once")
    assert result.returncode == -signal.SIGKILL, result.stderr
    assert server_count(server, receipts) == 11  # the server committed everything
    assert desk_view(desk).acked == 0  # the desk recorded nothing
    again = run_motcua(home_of(desk), "sync", "--once", "--json")
    assert again.returncode == 0, again.stderr
    assert json_out(again)["pushed"] == 11  # answered from the stored verdicts
    assert server_count(server, events) == 11
    assert_agree(desk, server, device)


def test_kill_9_between_a_pulled_page_and_its_cursor(make_desk, server, tmp_path) -> None:
    a, b = make_desk("a"), make_desk("b")
    enrol_desk(a, server)
    enrol_desk(b, server, token_file=tmp_path / "token.json")
    receive(a, 5)
    sync(a)
    result = crash(b, "before_cursor", "sync", "--once")
    assert result.returncode == -signal.SIGKILL, result.stderr
    with b.database.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(dossiers)).scalar_one() == 0
        assert read_meta(connection, PULL_CURSOR) is None
    again = run_motcua(home_of(b), "sync", "--once", "--json")
    assert again.returncode == 0, again.stderr
    assert json_out(again)["pulled"] == 5
    with b.database.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(dossiers)).scalar_one() == 5
        assert connection.execute(select(func.count()).select_from(dossier_events)).scalar_one() == 5


def test_kill_9_at_random_moments_then_quiet(make_desk, server, tmp_path) -> None:
    """Jepsen's recipe on one desk: kill the sync process at random points, again and again, then let it
    finish; the result must be exactly what was written, once."""
    desk = make_desk()
    device = enrol_desk(desk, server, token_file=tmp_path / "token.json")
    seeded = run_motcua(home_of(desk), "dev", "seed", "--count", "300", "--jobs", "1", "--json")
    assert seeded.returncode == 0, seeded.stderr
    rng = random.Random(7)
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("MOTCUA_")}
    env["MOTCUA_HOME"] = str(home_of(desk))
    kills = 0
    for _ in range(6):
        process = subprocess.Popen(
            [sys.executable, "-m", "app", "sync", "--once"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.3, 1.5))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        process.wait(30)
    final = run_motcua(home_of(desk), "sync", "--once", "--json")
    assert final.returncode == 0, final.stderr
    assert json_out(final)["pending"] == 0
    assert kills >= 1
    assert_agree(desk, server, device)


def test_the_server_killed_mid_push_and_restarted(make_desk, server_process: ServerProcess, tmp_path) -> None:
    server = server_process.start()
    desk = make_desk()
    device = enrol_desk(desk, server, token_file=tmp_path / "token.json")
    seeded = run_motcua(home_of(desk), "dev", "seed", "--count", "600", "--jobs", "1", "--json")
    assert seeded.returncode == 0, seeded.stderr
    total = json_out(seeded)["events"]
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("MOTCUA_")}
    env["MOTCUA_HOME"] = str(home_of(desk))
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "sync", "--once", "--json"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and server_count(server, receipts) == 0:
        time.sleep(0.01)
    server.kill()
    out, err = process.communicate(timeout=120)
    assert process.returncode == 1, (out, err)  # "could not reach the server": try again later
    assert json_out(subprocess.CompletedProcess([], 1, out, err))["error"]["code"] in (
        "offline",
        "server_unavailable",
    )
    received = server_count(server, receipts)
    assert 0 < received < total
    server.start()
    final = run_motcua(home_of(desk), "sync", "--once", "--json")
    assert final.returncode == 0, final.stderr
    assert server_count(server, events) == total
    assert_agree(desk, server, device)
