"""The desk's own token (the one `motcua enrol` stored), for the office queue's state-changing requests.

Found without being handed the desk: MOTCUA_HOME's settings name the database, whose enrolment row names
the vault. Any trouble (never enrolled, no keyring, no database yet) is "no token": an office without
enrolled desks takes requests without one, and one with them answers 401, which the caller shows.
"""

from __future__ import annotations

import logging

log = logging.getLogger("motcua.queue")


def desk_token() -> str | None:
    try:
        from app.settings.paths import resolve_paths
        from app.settings.store import load_settings
        from app.storage.engine import make_engine
        from app.storage.sync_enrolment import SqlEnrolmentStore
        from sync.client.vault import vault_for

        database = load_settings(resolve_paths()).database_path
        if not database.is_file():
            return None
        engine = make_engine(database)
        try:
            enrolment = SqlEnrolmentStore(engine).enrolment()
        finally:
            engine.dispose()
        if enrolment is None:
            return None
        return vault_for(enrolment).load(enrolment.token_account)
    except Exception as exc:  # any failure means the same: send no token
        log.info("office queue: no desk token (%s)", " ".join(str(exc).split()) or type(exc).__name__)
        return None
