"""The first desk schema: offices, officers, catalogue, applicants, dossiers, events, outbox.

Revision ID: 0001
Revises:
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.storage.types import EpochMillis, HexUid

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copy of the DDL at this revision; later schema changes get their own revision.
_EXTRAS = (
    "CREATE VIRTUAL TABLE dossier_fts USING fts5("
    "applicant_name_folded, content='dossiers', content_rowid='id', prefix='2 3', columnsize=0)",
    "CREATE TRIGGER dossiers_fts_insert AFTER INSERT ON dossiers BEGIN "
    "INSERT INTO dossier_fts(rowid, applicant_name_folded) VALUES (new.id, new.applicant_name_folded); END",
    "CREATE TRIGGER dossiers_fts_delete AFTER DELETE ON dossiers BEGIN "
    "INSERT INTO dossier_fts(dossier_fts, rowid, applicant_name_folded) "
    "VALUES ('delete', old.id, old.applicant_name_folded); END",
    "CREATE TRIGGER dossiers_fts_update AFTER UPDATE OF applicant_name_folded ON dossiers BEGIN "
    "INSERT INTO dossier_fts(dossier_fts, rowid, applicant_name_folded) "
    "VALUES ('delete', old.id, old.applicant_name_folded); "
    "INSERT INTO dossier_fts(rowid, applicant_name_folded) VALUES (new.id, new.applicant_name_folded); END",
    "CREATE TRIGGER dossier_events_no_update BEFORE UPDATE ON dossier_events BEGIN "
    "SELECT RAISE(ABORT, 'dossier_events is append-only'); END",
    "CREATE TRIGGER dossier_events_no_delete BEFORE DELETE ON dossier_events BEGIN "
    "SELECT RAISE(ABORT, 'dossier_events is append-only'); END",
    "CREATE TRIGGER outbox_no_delete BEFORE DELETE ON outbox BEGIN "
    "SELECT RAISE(ABORT, 'outbox rows are never deleted: their seq is the device sequence'); END",
)


def upgrade() -> None:
    op.create_table(
        "meta",
        sa.Column("key", sa.String(), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )
    op.create_table(
        "offices",
        sa.Column("code", sa.String(), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("parent_code", sa.String(), sa.ForeignKey("offices.code"), nullable=True),
        sa.Column("address", sa.Text()),
        sa.Column("phone", sa.String()),
    )
    op.create_table(
        "counters",
        sa.Column("office_code", sa.String(), sa.ForeignKey("offices.code"), primary_key=True),
        sa.Column("number", sa.Integer(), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("fields", sa.Text(), nullable=False, server_default="[]"),
    )
    op.create_table(
        "officers",
        sa.Column("username", sa.String(), primary_key=True),
        sa.Column("full_name", sa.Text(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("office_code", sa.String(), sa.ForeignKey("offices.code"), nullable=False),
        sa.Column("counter_number", sa.Integer()),
        sa.Column("password_hash", sa.String(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.text("1")),
    )
    op.create_table(
        "procedure_versions",
        sa.Column("fingerprint", sa.String(), primary_key=True),
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("stored_at", EpochMillis(), nullable=False),
    )
    op.create_table(
        "procedures",
        sa.Column("code", sa.String(), primary_key=True),
        sa.Column(
            "fingerprint", sa.String(), sa.ForeignKey("procedure_versions.fingerprint"), nullable=False
        ),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("name_folded", sa.Text(), nullable=False),
        sa.Column("field_code", sa.String(), nullable=False),
        sa.Column("field_name", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.text("1")),
        sa.Column("updated_at", EpochMillis(), nullable=False),
    )
    op.create_table(
        "applicants",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("id_number", sa.String(), nullable=False, unique=True),
        sa.Column("id_kind", sa.String()),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("birth_date", sa.String()),
        sa.Column("phone", sa.String()),
        sa.Column("email", sa.String()),
        sa.Column("address", sa.Text()),
        sa.Column("updated_at", EpochMillis(), nullable=False),
    )
    op.create_table(
        "dossiers",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("uid", HexUid(), nullable=False, unique=True),
        sa.Column("code", sa.String(), nullable=False, unique=True),
        sa.Column("procedure_code", sa.String(), nullable=False),
        sa.Column("field_code", sa.String(), nullable=False),
        sa.Column("applicant_name", sa.Text(), nullable=False),
        sa.Column("applicant_name_folded", sa.Text(), nullable=False),
        sa.Column("applicant_id_number", sa.String()),
        sa.Column("applicant_phone", sa.String()),
        sa.Column("office_code", sa.String(), nullable=False),
        sa.Column("counter_number", sa.Integer()),
        sa.Column("received_by", sa.String(), nullable=False),
        sa.Column("received_at", EpochMillis(), nullable=False),
        sa.Column("due_at", EpochMillis()),
        sa.Column("original_due_at", EpochMillis()),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("step_index", sa.Integer(), nullable=False, server_default=sa.text("0")),
        sa.Column("result_ready_at", EpochMillis()),
        sa.Column("returned_at", EpochMillis()),
        sa.Column("closed_at", EpochMillis()),
        sa.Column("version", sa.Integer(), nullable=False),
    )
    op.create_index("ix_dossiers_id_number", "dossiers", ["applicant_id_number"])
    op.create_index("ix_dossiers_phone", "dossiers", ["applicant_phone"])
    op.create_index("ix_dossiers_status_due", "dossiers", ["status", "due_at"])
    op.create_index("ix_dossiers_received_at", "dossiers", ["received_at"])
    op.create_table(
        "dossier_events",
        sa.Column("dossier_id", sa.Integer(), sa.ForeignKey("dossiers.id"), primary_key=True),
        sa.Column("seq", sa.Integer(), primary_key=True),
        sa.Column("type", sa.String(), nullable=False),
        sa.Column("occurred_at", EpochMillis(), nullable=False),
        sa.Column("actor", sa.String(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "outbox",
        sa.Column("seq", sa.Integer(), primary_key=True),
        sa.Column("stream", sa.String(), nullable=False),
        sa.Column("aggregate_id", sa.Integer(), nullable=False),
        sa.Column("event_seq", sa.Integer(), nullable=False),
        sa.Column("created_at", EpochMillis(), nullable=False),
    )
    op.create_table(
        "code_sequences",
        sa.Column("unit_code", sa.String(), primary_key=True),
        sa.Column("day", sa.String(), primary_key=True),
        sa.Column("slot", sa.Integer(), primary_key=True),
        sa.Column("last", sa.Integer(), nullable=False),
    )
    for statement in _EXTRAS:
        op.execute(statement)


def downgrade() -> None:
    for trigger in ("outbox_no_delete", "dossier_events_no_delete", "dossier_events_no_update",
                    "dossiers_fts_update", "dossiers_fts_delete", "dossiers_fts_insert"):  # fmt: skip
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS dossier_fts")
    for table in ("code_sequences", "outbox", "dossier_events", "dossiers", "applicants", "procedures",
                  "procedure_versions", "officers", "counters", "offices", "meta"):  # fmt: skip
        op.drop_table(table)
