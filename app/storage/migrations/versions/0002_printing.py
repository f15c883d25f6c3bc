"""Printing: the print job queue (print_jobs).

Revision ID: 0002_printing
Revises: 0001
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.storage.types import EpochMillis, HexUid

revision: str = "0002_printing"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "print_jobs",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("uid", HexUid(), nullable=False, unique=True),
        sa.Column("created_at", EpochMillis(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("printer", sa.Text(), nullable=False),
        sa.Column("paper", sa.String()),
        sa.Column("copies", sa.Integer(), nullable=False, server_default=sa.text("1")),
        sa.Column("media_type", sa.String(), nullable=False),
        sa.Column("dossier_code", sa.String()),
        sa.Column("document_sha256", sa.String()),
        sa.Column("payload", sa.LargeBinary()),
        sa.Column("state", sa.String(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default=sa.text("0")),
        sa.Column("next_attempt_at", EpochMillis(), nullable=False),
        sa.Column("lease_until", EpochMillis()),
        sa.Column("last_error", sa.Text()),
        sa.Column("external_id", sa.String()),
        sa.Column("updated_at", EpochMillis(), nullable=False),
        sa.Column("finished_at", EpochMillis()),
    )
    op.create_index("ix_print_jobs_state_next", "print_jobs", ["state", "next_attempt_at"])


def downgrade() -> None:
    op.drop_index("ix_print_jobs_state_next", table_name="print_jobs")
    op.drop_table("print_jobs")
