"""follow-up texts are screened for officers' names; survey answers carry an idempotency key

``survey_follow_up.review`` (BERSIH, MENUNGGU, DISETUJUI, DITOLAK) and ``author_account_id``:
a follow-up action that looks like it names an officer (name with a form of address, or a
NIP) waits for a moderator other than its author before it is published. Existing rows are
screened here with the same rule, so nothing already written slips through.

``public_service.text_review`` and ``text_author_account_id``: the same screening of a
service's name and description, which the survey form and the releases publish.

``survey_response.client_key``: the random UUID the survey form makes when the answers are
first queued; unique, so a resend after a lost reply never stores the answers twice.

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-03 18:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REVIEWS = ("BERSIH", "MENUNGGU", "DISETUJUI", "DITOLAK")


def upgrade() -> None:
    from server.services.survey.moderation import names_an_officer

    with op.batch_alter_table("survey_follow_up", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "review",
                sa.Enum(
                    *REVIEWS,
                    name="text_review",
                    native_enum=False,
                    create_constraint=True,
                    length=32,
                ),
                server_default="BERSIH",
                nullable=False,
            )
        )
        batch_op.add_column(sa.Column("author_account_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_survey_follow_up_author_account_id_user_account"),
            "user_account",
            ["author_account_id"],
            ["id"],
        )
    follow_up = sa.table(
        "survey_follow_up", sa.column("id", sa.Integer()), sa.column("action", sa.String()),
        sa.column("review", sa.String()),
    )  # fmt: skip
    bind = op.get_bind()
    held = [
        row.id
        for row in bind.execute(sa.select(follow_up.c.id, follow_up.c.action))
        if names_an_officer(row.action or "")
    ]
    if held:
        bind.execute(sa.update(follow_up).where(follow_up.c.id.in_(held)).values(review="MENUNGGU"))
    with op.batch_alter_table("public_service", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "text_review",
                sa.Enum(
                    *REVIEWS,
                    name="service_text_review",
                    native_enum=False,
                    create_constraint=True,
                    length=32,
                ),
                server_default="BERSIH",
                nullable=False,
            )
        )
        batch_op.add_column(sa.Column("text_author_account_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_public_service_text_author_account_id_user_account"),
            "user_account",
            ["text_author_account_id"],
            ["id"],
        )
    service = sa.table(
        "public_service",
        sa.column("id", sa.Integer()),
        sa.column("name", sa.String()),
        sa.column("description", sa.String()),
        sa.column("text_review", sa.String()),
    )
    held = [
        row.id
        for row in bind.execute(sa.select(service.c.id, service.c.name, service.c.description))
        if names_an_officer(f"{row.name}\n{row.description or ''}")
    ]
    if held:
        bind.execute(
            sa.update(service).where(service.c.id.in_(held)).values(text_review="MENUNGGU")
        )
    with op.batch_alter_table("survey_response", schema=None) as batch_op:
        batch_op.add_column(sa.Column("client_key", sa.String(length=36), nullable=True))
        batch_op.create_unique_constraint(
            batch_op.f("uq_survey_response_client_key"), ["client_key"]
        )


def downgrade() -> None:
    with op.batch_alter_table("survey_response", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_survey_response_client_key"), type_="unique")
        batch_op.drop_column("client_key")
    with op.batch_alter_table("public_service", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_public_service_text_author_account_id_user_account"),
            type_="foreignkey",
        )
        batch_op.drop_constraint("service_text_review", type_="check")
        batch_op.drop_column("text_author_account_id")
        batch_op.drop_column("text_review")
    with op.batch_alter_table("survey_follow_up", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_survey_follow_up_author_account_id_user_account"), type_="foreignkey"
        )
        batch_op.drop_constraint("text_review", type_="check")
        batch_op.drop_column("author_account_id")
        batch_op.drop_column("review")
