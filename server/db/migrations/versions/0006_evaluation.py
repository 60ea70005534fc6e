"""evaluation

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27 21:35:35.418897
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "notification",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("message", sa.String(length=1000), nullable=False),
        sa.Column("link", sa.String(length=300), nullable=True),
        sa.Column("dedupe_key", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["employee_id"], ["employee.id"], name=op.f("fk_notification_employee_id_employee")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notification")),
        sa.UniqueConstraint("dedupe_key", name=op.f("uq_notification_dedupe_key")),
    )
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_notification_employee_id"), ["employee_id"], unique=False
        )

    op.create_table(
        "calibration_decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("year_id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=True),
        sa.Column(
            "org_predicate",
            sa.Enum(
                "ISTIMEWA",
                "BAIK",
                "BUTUH_PERBAIKAN",
                "KURANG",
                "SANGAT_KURANG",
                name="calibrated_org_predicate",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("within_pattern", sa.Boolean(), nullable=False),
        sa.Column("violations", sa.JSON(), nullable=False),
        sa.Column("justification", sa.Text(), nullable=True),
        sa.Column("before_snapshot", sa.JSON(), nullable=False),
        sa.Column("after_snapshot", sa.JSON(), nullable=False),
        sa.Column("policy_effective_from", sa.Date(), nullable=False),
        sa.Column("decided_by_account_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["decided_by_account_id"],
            ["user_account.id"],
            name=op.f("fk_calibration_decision_decided_by_account_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["period_id"],
            ["appraisal_period.id"],
            name=op.f("fk_calibration_decision_period_id_appraisal_period"),
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_calibration_decision_unit_id_unit")
        ),
        sa.ForeignKeyConstraint(
            ["year_id"],
            ["appraisal_year.id"],
            name=op.f("fk_calibration_decision_year_id_appraisal_year"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calibration_decision")),
    )
    with op.batch_alter_table("calibration_decision", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_calibration_decision_unit_id"), ["unit_id"], unique=False
        )

    op.create_table(
        "evaluation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "PERIODIK",
                "TAHUNAN",
                name="evaluation_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("period_id", sa.Integer(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "DRAFT",
                "DITETAPKAN",
                "DITERIMA",
                name="evaluation_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("assessor_employee_id", sa.Integer(), nullable=True),
        sa.Column(
            "self_result_rating",
            sa.Enum(
                "DI_ATAS_EKSPEKTASI",
                "SESUAI_EKSPEKTASI",
                "DI_BAWAH_EKSPEKTASI",
                name="self_result_rating",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column(
            "self_behavior_rating",
            sa.Enum(
                "DI_ATAS_EKSPEKTASI",
                "SESUAI_EKSPEKTASI",
                "DI_BAWAH_EKSPEKTASI",
                name="self_behavior_rating",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("self_note", sa.Text(), nullable=True),
        sa.Column(
            "proposed_result_rating",
            sa.Enum(
                "DI_ATAS_EKSPEKTASI",
                "SESUAI_EKSPEKTASI",
                "DI_BAWAH_EKSPEKTASI",
                name="proposed_result_rating",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column(
            "result_rating",
            sa.Enum(
                "DI_ATAS_EKSPEKTASI",
                "SESUAI_EKSPEKTASI",
                "DI_BAWAH_EKSPEKTASI",
                name="result_rating",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("result_override_reason", sa.Text(), nullable=True),
        sa.Column(
            "proposed_behavior_rating",
            sa.Enum(
                "DI_ATAS_EKSPEKTASI",
                "SESUAI_EKSPEKTASI",
                "DI_BAWAH_EKSPEKTASI",
                name="proposed_behavior_rating",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column(
            "behavior_rating",
            sa.Enum(
                "DI_ATAS_EKSPEKTASI",
                "SESUAI_EKSPEKTASI",
                "DI_BAWAH_EKSPEKTASI",
                name="behavior_rating",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("behavior_override_reason", sa.Text(), nullable=True),
        sa.Column(
            "predicate",
            sa.Enum(
                "SANGAT_BAIK",
                "BAIK",
                "BUTUH_PERBAIKAN",
                "KURANG",
                "SANGAT_KURANG",
                name="predicate",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("explanation", sa.JSON(), nullable=True),
        sa.Column("identity_snapshot", sa.JSON(), nullable=True),
        sa.Column("assessor_note", sa.Text(), nullable=True),
        sa.Column("finalised_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(kind = 'TAHUNAN') = (period_id IS NULL)",
            name=op.f("ck_evaluation_period_only_for_periodic"),
        ),
        sa.ForeignKeyConstraint(
            ["assessor_employee_id"],
            ["employee.id"],
            name=op.f("fk_evaluation_assessor_employee_id_employee"),
        ),
        sa.ForeignKeyConstraint(
            ["period_id"],
            ["appraisal_period.id"],
            name=op.f("fk_evaluation_period_id_appraisal_period"),
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["performance_plan.id"],
            name=op.f("fk_evaluation_plan_id_performance_plan"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation")),
        sa.UniqueConstraint(
            "plan_id", "kind", "period_id", name=op.f("uq_evaluation_plan_id_kind_period_id")
        ),
    )
    with op.batch_alter_table("evaluation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evaluation_period_id"), ["period_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_evaluation_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "org_predicate_assignment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("year_id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=True),
        sa.Column(
            "predicate",
            sa.Enum(
                "ISTIMEWA",
                "BAIK",
                "BUTUH_PERBAIKAN",
                "KURANG",
                "SANGAT_KURANG",
                name="org_predicate",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("basis", sa.Text(), nullable=False),
        sa.Column("set_by_account_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["period_id"],
            ["appraisal_period.id"],
            name=op.f("fk_org_predicate_assignment_period_id_appraisal_period"),
        ),
        sa.ForeignKeyConstraint(
            ["set_by_account_id"],
            ["user_account.id"],
            name=op.f("fk_org_predicate_assignment_set_by_account_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_org_predicate_assignment_unit_id_unit")
        ),
        sa.ForeignKeyConstraint(
            ["year_id"],
            ["appraisal_year.id"],
            name=op.f("fk_org_predicate_assignment_year_id_appraisal_year"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_org_predicate_assignment")),
        sa.UniqueConstraint(
            "unit_id",
            "year_id",
            "period_id",
            name=op.f("uq_org_predicate_assignment_unit_id_year_id_period_id"),
        ),
    )
    with op.batch_alter_table("org_predicate_assignment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_org_predicate_assignment_unit_id"), ["unit_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_org_predicate_assignment_year_id"), ["year_id"], unique=False
        )

    op.create_table(
        "behavior_observation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("evaluation_id", sa.Integer(), nullable=False),
        sa.Column(
            "value",
            sa.Enum(
                "BERORIENTASI_PELAYANAN",
                "AKUNTABEL",
                "KOMPETEN",
                "HARMONIS",
                "LOYAL",
                "ADAPTIF",
                "KOLABORATIF",
                name="observed_value",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "rating",
            sa.Enum(
                "DI_ATAS_EKSPEKTASI",
                "SESUAI_EKSPEKTASI",
                "DI_BAWAH_EKSPEKTASI",
                name="observation",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["evaluation_id"],
            ["evaluation.id"],
            name=op.f("fk_behavior_observation_evaluation_id_evaluation"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_behavior_observation")),
        sa.UniqueConstraint(
            "evaluation_id", "value", name=op.f("uq_behavior_observation_evaluation_id_value")
        ),
    )
    with op.batch_alter_table("behavior_observation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_behavior_observation_evaluation_id"), ["evaluation_id"], unique=False
        )

    op.create_table(
        "coaching_plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.Column("evaluation_id", sa.Integer(), nullable=False),
        sa.Column("mentor_employee_id", sa.Integer(), nullable=True),
        sa.Column("goals", sa.Text(), nullable=False),
        sa.Column("actions", sa.Text(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "BERJALAN",
                "BERHASIL",
                "TIDAK_BERHASIL",
                name="coaching_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["employee_id"], ["employee.id"], name=op.f("fk_coaching_plan_employee_id_employee")
        ),
        sa.ForeignKeyConstraint(
            ["evaluation_id"],
            ["evaluation.id"],
            name=op.f("fk_coaching_plan_evaluation_id_evaluation"),
        ),
        sa.ForeignKeyConstraint(
            ["mentor_employee_id"],
            ["employee.id"],
            name=op.f("fk_coaching_plan_mentor_employee_id_employee"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coaching_plan")),
        sa.UniqueConstraint("evaluation_id", name=op.f("uq_coaching_plan_evaluation_id")),
    )
    with op.batch_alter_table("coaching_plan", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_coaching_plan_employee_id"), ["employee_id"], unique=False
        )

    op.create_table(
        "objection",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("evaluation_id", sa.Integer(), nullable=False),
        sa.Column("filed_by_employee_id", sa.Integer(), nullable=False),
        sa.Column("decider_employee_id", sa.Integer(), nullable=True),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "DIAJUKAN",
                "DITOLAK",
                "DIUBAH",
                name="objection_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("filing_deadline", sa.Date(), nullable=False),
        sa.Column("decision_deadline", sa.Date(), nullable=False),
        sa.Column("employee_explanation", sa.Text(), nullable=True),
        sa.Column("assessor_explanation", sa.Text(), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=True),
        sa.Column("previous_result", sa.JSON(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["decider_employee_id"],
            ["employee.id"],
            name=op.f("fk_objection_decider_employee_id_employee"),
        ),
        sa.ForeignKeyConstraint(
            ["evaluation_id"], ["evaluation.id"], name=op.f("fk_objection_evaluation_id_evaluation")
        ),
        sa.ForeignKeyConstraint(
            ["filed_by_employee_id"],
            ["employee.id"],
            name=op.f("fk_objection_filed_by_employee_id_employee"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_objection")),
        sa.UniqueConstraint("evaluation_id", name=op.f("uq_objection_evaluation_id")),
    )
    with op.batch_alter_table("objection", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_objection_evaluation_id"), ["evaluation_id"], unique=False
        )

    op.create_table(
        "work_result_judgement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("evaluation_id", sa.Integer(), nullable=False),
        sa.Column("work_result_id", sa.Integer(), nullable=False),
        sa.Column(
            "rating",
            sa.Enum(
                "DI_ATAS_EKSPEKTASI",
                "SESUAI_EKSPEKTASI",
                "DI_BAWAH_EKSPEKTASI",
                name="judgement",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("feedback", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["evaluation_id"],
            ["evaluation.id"],
            name=op.f("fk_work_result_judgement_evaluation_id_evaluation"),
        ),
        sa.ForeignKeyConstraint(
            ["work_result_id"],
            ["work_result.id"],
            name=op.f("fk_work_result_judgement_work_result_id_work_result"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_result_judgement")),
        sa.UniqueConstraint(
            "evaluation_id",
            "work_result_id",
            name=op.f("uq_work_result_judgement_evaluation_id_work_result_id"),
        ),
    )
    with op.batch_alter_table("work_result_judgement", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_work_result_judgement_evaluation_id"), ["evaluation_id"], unique=False
        )

    op.create_table(
        "coaching_check_in",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("coaching_plan_id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_by_employee_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["coaching_plan_id"],
            ["coaching_plan.id"],
            name=op.f("fk_coaching_check_in_coaching_plan_id_coaching_plan"),
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_employee_id"],
            ["employee.id"],
            name=op.f("fk_coaching_check_in_recorded_by_employee_id_employee"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coaching_check_in")),
    )
    with op.batch_alter_table("coaching_check_in", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_coaching_check_in_coaching_plan_id"), ["coaching_plan_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("coaching_check_in", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_coaching_check_in_coaching_plan_id"))

    op.drop_table("coaching_check_in")
    with op.batch_alter_table("work_result_judgement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_work_result_judgement_evaluation_id"))

    op.drop_table("work_result_judgement")
    with op.batch_alter_table("objection", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_objection_evaluation_id"))

    op.drop_table("objection")
    with op.batch_alter_table("coaching_plan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_coaching_plan_employee_id"))

    op.drop_table("coaching_plan")
    with op.batch_alter_table("behavior_observation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_behavior_observation_evaluation_id"))

    op.drop_table("behavior_observation")
    with op.batch_alter_table("org_predicate_assignment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_org_predicate_assignment_year_id"))
        batch_op.drop_index(batch_op.f("ix_org_predicate_assignment_unit_id"))

    op.drop_table("org_predicate_assignment")
    with op.batch_alter_table("evaluation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evaluation_plan_id"))
        batch_op.drop_index(batch_op.f("ix_evaluation_period_id"))

    op.drop_table("evaluation")
    with op.batch_alter_table("calibration_decision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_calibration_decision_unit_id"))

    op.drop_table("calibration_decision")
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notification_employee_id"))

    op.drop_table("notification")
