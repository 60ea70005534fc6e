"""citizen satisfaction survey

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 21:10:45.423424
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "public_service",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.String(length=1000), nullable=True),
        sa.Column("survey_token", sa.String(length=64), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_public_service_unit_id_unit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_public_service")),
        sa.UniqueConstraint("code", name=op.f("uq_public_service_code")),
        sa.UniqueConstraint("survey_token", name=op.f("uq_public_service_survey_token")),
    )
    with op.batch_alter_table("public_service", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_public_service_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "survey_follow_up",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("unsur", sa.String(length=4), nullable=True),
        sa.Column("action", sa.String(length=2000), nullable=False),
        sa.Column("target_date", sa.Date(), nullable=True),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_survey_follow_up_unit_id_unit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_follow_up")),
    )
    with op.batch_alter_table("survey_follow_up", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_survey_follow_up_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "service_user_count",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("users", sa.Integer(), nullable=False),
        sa.CheckConstraint("month BETWEEN 1 AND 12", name=op.f("ck_service_user_count_month")),
        sa.CheckConstraint("users >= 0", name=op.f("ck_service_user_count_users")),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["public_service.id"],
            name=op.f("fk_service_user_count_service_id_public_service"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_user_count")),
        sa.UniqueConstraint(
            "service_id", "year", "month", name=op.f("uq_service_user_count_service_id_year_month")
        ),
    )
    with op.batch_alter_table("service_user_count", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_service_user_count_service_id"), ["service_id"], unique=False
        )

    op.create_table(
        "survey_response",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "channel",
            sa.Enum(
                "FORMULIR",
                "APLIKASI",
                name="survey_channel",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("u1", sa.SmallInteger(), nullable=True),
        sa.Column("u2", sa.SmallInteger(), nullable=True),
        sa.Column("u3", sa.SmallInteger(), nullable=True),
        sa.Column("u4", sa.SmallInteger(), nullable=True),
        sa.Column("u5", sa.SmallInteger(), nullable=True),
        sa.Column("u6", sa.SmallInteger(), nullable=True),
        sa.Column("u7", sa.SmallInteger(), nullable=True),
        sa.Column("u8", sa.SmallInteger(), nullable=True),
        sa.Column("u9", sa.SmallInteger(), nullable=True),
        sa.Column("gender", sa.String(length=16), nullable=True),
        sa.Column("age_band", sa.String(length=16), nullable=True),
        sa.Column("education", sa.String(length=32), nullable=True),
        sa.Column("occupation", sa.String(length=32), nullable=True),
        sa.Column("comment", sa.String(length=2000), nullable=True),
        sa.Column(
            "comment_status",
            sa.Enum(
                "MENUNGGU",
                "DISETUJUI",
                "DITOLAK",
                "DITERUSKAN",
                name="comment_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("submitter_fingerprint", sa.String(length=64), nullable=False),
        sa.CheckConstraint(
            "u1 IS NULL OR u1 BETWEEN 1 AND 4", name=op.f("ck_survey_response_u1_range")
        ),
        sa.CheckConstraint(
            "u2 IS NULL OR u2 BETWEEN 1 AND 4", name=op.f("ck_survey_response_u2_range")
        ),
        sa.CheckConstraint(
            "u3 IS NULL OR u3 BETWEEN 1 AND 4", name=op.f("ck_survey_response_u3_range")
        ),
        sa.CheckConstraint(
            "u4 IS NULL OR u4 BETWEEN 1 AND 4", name=op.f("ck_survey_response_u4_range")
        ),
        sa.CheckConstraint(
            "u5 IS NULL OR u5 BETWEEN 1 AND 4", name=op.f("ck_survey_response_u5_range")
        ),
        sa.CheckConstraint(
            "u6 IS NULL OR u6 BETWEEN 1 AND 4", name=op.f("ck_survey_response_u6_range")
        ),
        sa.CheckConstraint(
            "u7 IS NULL OR u7 BETWEEN 1 AND 4", name=op.f("ck_survey_response_u7_range")
        ),
        sa.CheckConstraint(
            "u8 IS NULL OR u8 BETWEEN 1 AND 4", name=op.f("ck_survey_response_u8_range")
        ),
        sa.CheckConstraint(
            "u9 IS NULL OR u9 BETWEEN 1 AND 4", name=op.f("ck_survey_response_u9_range")
        ),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["public_service.id"],
            name=op.f("fk_survey_response_service_id_public_service"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_response")),
    )
    with op.batch_alter_table("survey_response", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_survey_response_service_id"), ["service_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_survey_response_submitted_at"), ["submitted_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_survey_response_submitter_fingerprint"),
            ["submitter_fingerprint"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("survey_response", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_response_submitter_fingerprint"))
        batch_op.drop_index(batch_op.f("ix_survey_response_submitted_at"))
        batch_op.drop_index(batch_op.f("ix_survey_response_service_id"))

    op.drop_table("survey_response")
    with op.batch_alter_table("service_user_count", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_service_user_count_service_id"))

    op.drop_table("service_user_count")
    with op.batch_alter_table("survey_follow_up", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_follow_up_unit_id"))

    op.drop_table("survey_follow_up")
    with op.batch_alter_table("public_service", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_public_service_unit_id"))

    op.drop_table("public_service")
