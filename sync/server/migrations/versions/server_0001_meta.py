"""The first server schema: server_meta (key/value). The sync tables come with the sync protocol.

Revision ID: server_0001
Revises:
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# Revision ids carry a `server_` prefix: pointed by mistake at a desk database (whose ids are 0001, ...),
# Alembic stops with "Can't locate revision" instead of taking the desk's 0001 for ours.
revision: str = "server_0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "server_meta",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_server_meta"),
    )


def downgrade() -> None:
    op.drop_table("server_meta")
