"""`motcua-server admin verify-audit`: walk the hash chains and check the events against them.

Three checks: (1) in every chain (one per device, one for the admin) each entry's hash is
SHA-256(prev_hash || entry), and entries follow each other without a hole up to the chain's head; (2)
every stored event still hashes to the hash it was accepted with (its content was not edited); (3) every
stored event is named, with that hash, by the push entry that wrote it, and every event a push entry names
is still there (nothing inserted or deleted behind the protocol's back). A database superuser could
rewrite whole chains; anchoring the heads outside the database (printing them into the daily report, RFC
3161) is the answer to that, not done here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, select

from app.services.sync.wire import event_hash
from app.storage.types import to_millis
from sync.server.judge import stored_event
from sync.server.ledger import entry_hash
from sync.server.tables import audit_heads, audit_log, events

GENESIS = "0" * 64
MAX_PROBLEMS = 50


@dataclass
class AuditReport:
    entries: int = 0
    events: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem(self, text: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(text)

    def to_dict(self) -> dict[str, object]:
        return {"ok": self.ok, "entries": self.entries, "events": self.events, "problems": self.problems}


def verify_audit(engine: Engine) -> AuditReport:
    report = AuditReport()
    claimed: dict[int, tuple[str, str]] = {}  # server_seq -> (key, hash) as the audit log recorded them
    with engine.connect().execution_options(write=False) as connection, connection.begin():
        heads = {row.chain: row for row in connection.execute(select(audit_heads))}
        chain: str | None = None
        prev, expected_seq = GENESIS, 1
        rows = connection.execute(select(audit_log).order_by(audit_log.c.chain, audit_log.c.seq)).yield_per(
            1000
        )
        for row in rows:
            if row.chain != chain:
                if chain is not None:
                    _check_head(report, heads.pop(chain, None), chain, expected_seq - 1, prev)
                chain, prev, expected_seq = row.chain, GENESIS, 1
            report.entries += 1
            where = f"audit entry {row.chain}/{row.seq}"
            if row.seq != expected_seq:
                report.problem(f"audit entry {row.chain}/{expected_seq} is missing (next is {row.seq})")
            if row.prev_hash != prev:
                report.problem(f"{where} does not follow the entry before it")
            recomputed = entry_hash(
                row.prev_hash, row.seq, to_millis(row.at), row.actor, row.action, row.subject, row.detail
            )
            if recomputed != row.hash:
                report.problem(f"{where} was altered (its hash does not match)")
            if row.action == "push":
                for server_seq, key, digest in json.loads(row.detail).get("events", []):
                    claimed[int(server_seq)] = (key, digest)
            prev, expected_seq = row.hash, row.seq + 1
        if chain is not None:
            _check_head(report, heads.pop(chain, None), chain, expected_seq - 1, prev)
        for name, head in heads.items():
            if head.seq != 0:
                report.problem(f"audit chain {name} has lost all its {head.seq} entries")
        for row in connection.execute(select(events).order_by(events.c.server_seq)).yield_per(1000):
            report.events += 1
            key = f"{row.dossier_uid}.{row.seq}"
            if event_hash(stored_event(row)) != row.hash:
                report.problem(f"event {key} (server_seq {row.server_seq}) was altered after it was accepted")
            claim = claimed.pop(int(row.server_seq), None)
            if claim is None:
                report.problem(f"event {key} (server_seq {row.server_seq}) was written outside the audit log")
            elif claim != (key, row.hash):
                report.problem(f"event server_seq {row.server_seq} is not the event the audit log recorded")
        for server_seq, (key, _) in sorted(claimed.items())[:MAX_PROBLEMS]:
            report.problem(f"event {key} (server_seq {server_seq}) was deleted")
    return report


def _check_head(report: AuditReport, head: Any, chain: str, last_seq: int, last_hash: str) -> None:
    if head is None:
        report.problem(f"audit chain {chain} has no head: it was added behind the server's back")
    elif head.seq != last_seq or head.hash != last_hash:
        report.problem(
            f"audit chain {chain} ends at entry {last_seq}, but its head says {head.seq}: "
            "entries were removed or added"
        )
