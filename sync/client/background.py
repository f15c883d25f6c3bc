"""One call for a front end (the desk app) to sync in the background and follow the status.

`start_background_sync(desk, on_status)` returns the running BackgroundSync; `on_status` gets a
SyncStatus after every cycle, on the sync thread (the desk app re-emits it as a queued Qt signal, as
style.md's one bridge for core events says). Each cycle opens its own HTTPS client, so a changed
enrolment (the admin enrolled the desk again) is picked up without a restart.
"""

from __future__ import annotations

from collections.abc import Callable

from app.bootstrap import Desk
from app.services.sync.background import BackgroundSync, Backoff
from app.services.sync.cycle import SyncReport
from app.services.sync.errors import SyncError
from app.services.sync.status import SyncStatus
from sync.client.wiring import open_session, read_status


def start_background_sync(
    desk: Desk,
    on_status: Callable[[SyncStatus], None] | None = None,
    *,
    backoff: Backoff | None = None,
) -> BackgroundSync:
    def cycle() -> SyncReport:
        with open_session(desk) as session:
            return session.run()

    def report(_result: SyncReport | None, error: SyncError | None) -> None:
        if on_status is not None:
            on_status(read_status(desk))

    # A desk that is not enrolled works alone: NotEnrolled needs a person, so the runner then retries only
    # every Backoff.manual seconds (whether an admin has enrolled it since).
    runner = BackgroundSync(cycle, backoff=backoff or Backoff(), on_result=report)
    runner.start()
    return runner
