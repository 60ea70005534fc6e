"""survey comments keep the moderator's reason

``survey_response.comment_moderation_reason``: why a moderator approved or hid a citizen's
comment (required when hiding), shown beside the decided comment; the audit event carries it too.

Revision ID: 0028
Revises: 0023
Create Date: 2026-12-03 18:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0028"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("survey_response") as batch:
        batch.add_column(sa.Column("comment_moderation_reason", sa.String(length=500)))


def downgrade() -> None:
    with op.batch_alter_table("survey_response") as batch:
        batch.drop_column("comment_moderation_reason")
