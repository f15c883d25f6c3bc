"""Sync: dead letters, held pulled changes, the enrolment (the watermark and cursor are rows of `meta`).

Revision ID: 0004_sync
Revises: 0001
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.storage.types import EpochMillis

revision: str = "0004_sync"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sync_dead_letters",
        sa.Column("device_seq", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("verdict", sa.String(), nullable=False),
        sa.Column("reason", sa.String()),
        sa.Column("message", sa.Text()),
        sa.Column("recorded_at", EpochMillis(), nullable=False),
    )
    op.create_table(
        "sync_held",
        sa.Column("server_seq", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("held_at", EpochMillis(), nullable=False),
    )
    op.create_table(
        "sync_enrolment",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("server_url", sa.Text(), nullable=False),
        sa.Column("device_id", sa.String(), nullable=False),
        sa.Column("office_code", sa.String(), nullable=False),
        sa.Column("token_store", sa.String(), nullable=False),
        sa.Column("token_file", sa.Text()),
        sa.Column("ca_bundle", sa.Text()),
        sa.Column("pins", sa.Text(), nullable=False, server_default="[]"),
        sa.Column("enrolled_at", EpochMillis(), nullable=False),
    )


def downgrade() -> None:
    for table in ("sync_enrolment", "sync_held", "sync_dead_letters"):
        op.drop_table(table)
