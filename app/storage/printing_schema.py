"""Tables of printing (issue 3): the print job queue. Imported at the end of `schema.py`, so the metadata
that tests compare with the migrations includes it; created by migration `0002_printing`."""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, LargeBinary, String, Table, Text, text

from app.storage.schema import metadata
from app.storage.types import EpochMillis, HexUid

# Device-local operational state, not dossier history: a printed form's history entry is its
# `document_added` event; this row only says whether the paper came out. Never synced.
print_jobs = Table(
    "print_jobs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("uid", HexUid, nullable=False, unique=True),
    Column("created_at", EpochMillis, nullable=False),
    Column("kind", String, nullable=False),
    Column("title", Text, nullable=False),
    Column("printer", Text, nullable=False),
    Column("paper", String),
    Column("copies", Integer, nullable=False, server_default=text("1")),
    Column("media_type", String, nullable=False),
    Column("dossier_code", String),
    Column("document_sha256", String),
    Column("payload", LargeBinary),
    Column("state", String, nullable=False),
    Column("attempts", Integer, nullable=False, server_default=text("0")),
    Column("next_attempt_at", EpochMillis, nullable=False),
    Column("lease_until", EpochMillis),
    Column("last_error", Text),
    Column("external_id", String),
    Column("updated_at", EpochMillis, nullable=False),
    Column("finished_at", EpochMillis),
    Index("ix_print_jobs_state_next", "state", "next_attempt_at"),
)
