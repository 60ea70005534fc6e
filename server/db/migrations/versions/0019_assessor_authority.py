"""who may name an assessor, and the Kepala Daerah

- ``assessor_override_proposal``: a unit manager proposes a Plt/Plh/penunjukan, BKPSDM decides
  (only BKPSDM sets overrides now);
- ``notification`` goes to an employee or to an account without one (BKPSDM, unit managers,
  the Kepala Daerah): ``employee_id`` becomes optional, ``account_id`` is added, one of them set;
- two account roles for officials who are not ASN: KEPALA_DAERAH (the Wali Kota, Pejabat
  Penilai of the Sekda) and WAKIL_KEPALA_DAERAH;
- ``assessed_by_kepala_daerah`` on SKPs and evaluations, ``decided_by_kepala_daerah`` on
  objections: the Kepala Daerah has no employee id to fix there.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-03 14:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OLD_ROLES = ("HR_ADMIN", "UNIT_MANAGER", "AUDITOR", "SYSADMIN")
_NEW_ROLES = (*_OLD_ROLES, "KEPALA_DAERAH", "WAKIL_KEPALA_DAERAH")


def _role_type(values: Sequence[str]) -> sa.Enum:
    return sa.Enum(*values, name="role", native_enum=False, create_constraint=True, length=32)


def _set_roles(old: Sequence[str], new: Sequence[str]) -> None:
    # The role column is a VARCHAR with a CHECK constraint (server.db.base.enum_column): changing
    # the type in batch mode drops the old constraint and creates the new one on both databases.
    with op.batch_alter_table("account_role", recreate="always") as batch:
        batch.alter_column(
            "role", existing_type=_role_type(old), type_=_role_type(new), existing_nullable=False
        )


def upgrade() -> None:
    op.create_table(
        "assessor_override_proposal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("position_id", sa.Integer(), nullable=False),
        sa.Column("assessor_employee_id", sa.Integer(), nullable=False),
        sa.Column(
            "acting_kind",
            sa.Enum(
                "PLT",
                "PLH",
                "PENUNJUKAN",
                name="acting_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "DIAJUKAN",
                "DISETUJUI",
                "DITOLAK",
                name="proposal_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("proposed_by_account_id", sa.Integer(), nullable=False),
        sa.Column("decided_by_account_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision_note", sa.String(length=500), nullable=True),
        sa.Column("override_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "valid_until IS NULL OR valid_until >= valid_from",
            name=op.f("ck_assessor_override_proposal_validity"),
        ),
        sa.CheckConstraint(
            "(status = 'DIAJUKAN') = (decided_at IS NULL)",
            name=op.f("ck_assessor_override_proposal_decided_when_not_pending"),
        ),
        sa.ForeignKeyConstraint(
            ["position_id"],
            ["position.id"],
            name=op.f("fk_assessor_override_proposal_position_id_position"),
        ),
        sa.ForeignKeyConstraint(
            ["assessor_employee_id"],
            ["employee.id"],
            name=op.f("fk_assessor_override_proposal_assessor_employee_id_employee"),
        ),
        sa.ForeignKeyConstraint(
            ["proposed_by_account_id"],
            ["user_account.id"],
            name=op.f("fk_assessor_override_proposal_proposed_by_account_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_account_id"],
            ["user_account.id"],
            name=op.f("fk_assessor_override_proposal_decided_by_account_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["override_id"],
            ["assessor_override.id"],
            name=op.f("fk_assessor_override_proposal_override_id_assessor_override"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessor_override_proposal")),
    )
    with op.batch_alter_table("assessor_override_proposal") as batch:
        batch.create_index(
            batch.f("ix_assessor_override_proposal_position_id"), ["position_id"], unique=False
        )
        batch.create_index(
            batch.f("ix_assessor_override_proposal_status"), ["status"], unique=False
        )

    with op.batch_alter_table("notification", recreate="always") as batch:
        batch.alter_column("employee_id", existing_type=sa.Integer(), nullable=True)
        batch.add_column(sa.Column("account_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            batch.f("fk_notification_account_id_user_account"),
            "user_account",
            ["account_id"],
            ["id"],
        )
        batch.create_index(batch.f("ix_notification_account_id"), ["account_id"], unique=False)
        batch.create_check_constraint(
            batch.f("ck_notification_one_recipient"),
            "(employee_id IS NULL) <> (account_id IS NULL)",
        )

    _set_roles(_OLD_ROLES, _NEW_ROLES)

    # Plain ADD COLUMNs with a constant default (in place on SQLite, no table rebuild).
    for table, column in (
        ("performance_plan", "assessed_by_kepala_daerah"),
        ("evaluation", "assessed_by_kepala_daerah"),
        ("objection", "decided_by_kepala_daerah"),
    ):
        op.add_column(
            table, sa.Column(column, sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    for table, column in (
        ("objection", "decided_by_kepala_daerah"),
        ("evaluation", "assessed_by_kepala_daerah"),
        ("performance_plan", "assessed_by_kepala_daerah"),
    ):
        with op.batch_alter_table(table) as batch:
            batch.drop_column(column)
    op.execute("DELETE FROM account_role WHERE role IN ('KEPALA_DAERAH', 'WAKIL_KEPALA_DAERAH')")
    _set_roles(_NEW_ROLES, _OLD_ROLES)
    op.execute("DELETE FROM notification WHERE employee_id IS NULL")
    with op.batch_alter_table("notification", recreate="always") as batch:
        batch.drop_constraint(batch.f("ck_notification_one_recipient"), type_="check")
        batch.drop_index(batch.f("ix_notification_account_id"))
        batch.drop_constraint(
            batch.f("fk_notification_account_id_user_account"), type_="foreignkey"
        )
        batch.drop_column("account_id")
        batch.alter_column("employee_id", existing_type=sa.Integer(), nullable=False)
    op.drop_table("assessor_override_proposal")
