"""planning, work documentation and feedback

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 20:44:44.844716
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "appraisal_year",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column(
            "cadence",
            sa.Enum(
                "BULANAN",
                "TRIWULAN",
                "SEMESTER",
                name="cadence",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("plan_deadline", sa.Date(), nullable=False),
        sa.Column("realization_due_days", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "DIBUKA",
                "DITUTUP",
                name="year_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "realization_due_days BETWEEN 0 AND 90", name=op.f("ck_appraisal_year_due_days")
        ),
        sa.CheckConstraint(
            "year BETWEEN 2000 AND 2100", name=op.f("ck_appraisal_year_plausible_year")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appraisal_year")),
        sa.UniqueConstraint("year", name=op.f("uq_appraisal_year_year")),
    )
    op.create_table(
        "feedback_phrase",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=500), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback_phrase")),
        sa.UniqueConstraint("text", name=op.f("uq_feedback_phrase_text")),
    )
    op.create_table(
        "stored_file",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("media_type", sa.String(length=120), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_stored_file")),
    )
    op.create_table(
        "appraisal_period",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("realization_due", sa.Date(), nullable=False),
        sa.Column("evaluated_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["year_id"],
            ["appraisal_year.id"],
            name=op.f("fk_appraisal_period_year_id_appraisal_year"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appraisal_period")),
        sa.UniqueConstraint("year_id", "number", name=op.f("uq_appraisal_period_year_id_number")),
    )
    with op.batch_alter_table("appraisal_period", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_appraisal_period_year_id"), ["year_id"], unique=False)

    op.create_table(
        "org_goal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("year_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=500), nullable=False),
        sa.Column("indicator", sa.String(length=500), nullable=True),
        sa.Column("target", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_org_goal_unit_id_unit")),
        sa.ForeignKeyConstraint(
            ["year_id"], ["appraisal_year.id"], name=op.f("fk_org_goal_year_id_appraisal_year")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_org_goal")),
    )
    with op.batch_alter_table("org_goal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_org_goal_unit_id"), ["unit_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_org_goal_year_id"), ["year_id"], unique=False)

    op.create_table(
        "performance_plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.Column("year_id", sa.Integer(), nullable=False),
        sa.Column(
            "approach",
            sa.Enum(
                "KUANTITATIF",
                "KUALITATIF",
                name="approach",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "DRAFT",
                "DIAJUKAN",
                "DITOLAK",
                "DITETAPKAN",
                "REVISI_DRAFT",
                "REVISI_DIAJUKAN",
                name="plan_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("assessor_employee_id", sa.Integer(), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("rejection_reason", sa.String(length=2000), nullable=True),
        sa.Column("revision_reason", sa.String(length=2000), nullable=True),
        sa.Column("identity_snapshot", sa.JSON(), nullable=True),
        sa.Column("resource_support", sa.Text(), nullable=True),
        sa.Column("accountability_scheme", sa.Text(), nullable=True),
        sa.Column("consequences", sa.Text(), nullable=True),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessor_employee_id"],
            ["employee.id"],
            name=op.f("fk_performance_plan_assessor_employee_id_employee"),
        ),
        sa.ForeignKeyConstraint(
            ["employee_id"], ["employee.id"], name=op.f("fk_performance_plan_employee_id_employee")
        ),
        sa.ForeignKeyConstraint(
            ["year_id"],
            ["appraisal_year.id"],
            name=op.f("fk_performance_plan_year_id_appraisal_year"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_performance_plan")),
        sa.UniqueConstraint(
            "employee_id", "year_id", name=op.f("uq_performance_plan_employee_id_year_id")
        ),
    )
    with op.batch_alter_table("performance_plan", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_performance_plan_employee_id"), ["employee_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_performance_plan_year_id"), ["year_id"], unique=False)

    op.create_table(
        "behavior_expectation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
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
                name="core_value",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("expectation", sa.String(length=2000), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["performance_plan.id"],
            name=op.f("fk_behavior_expectation_plan_id_performance_plan"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_behavior_expectation")),
        sa.UniqueConstraint("plan_id", "value", name=op.f("uq_behavior_expectation_plan_id_value")),
    )
    with op.batch_alter_table("behavior_expectation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_behavior_expectation_plan_id"), ["plan_id"], unique=False
        )

    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column(
            "target",
            sa.Enum(
                "RHK",
                "IKI",
                "REALISASI",
                "PERILAKU",
                "SKP",
                name="feedback_target",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("target_id", sa.Integer(), nullable=True),
        sa.Column("target_value", sa.String(length=32), nullable=True),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("author_employee_id", sa.Integer(), nullable=False),
        sa.Column("phrase_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.String(length=4000), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_employee_id"],
            ["employee.id"],
            name=op.f("fk_feedback_author_employee_id_employee"),
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["feedback.id"], name=op.f("fk_feedback_parent_id_feedback")
        ),
        sa.ForeignKeyConstraint(
            ["phrase_id"],
            ["feedback_phrase.id"],
            name=op.f("fk_feedback_phrase_id_feedback_phrase"),
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["performance_plan.id"], name=op.f("fk_feedback_plan_id_performance_plan")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback")),
    )
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feedback_parent_id"), ["parent_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_feedback_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "performance_dialogue",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("participants", sa.JSON(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("follow_ups", sa.Text(), nullable=True),
        sa.Column("recorded_by_employee_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["performance_plan.id"],
            name=op.f("fk_performance_dialogue_plan_id_performance_plan"),
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_employee_id"],
            ["employee.id"],
            name=op.f("fk_performance_dialogue_recorded_by_employee_id_employee"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_performance_dialogue")),
    )
    with op.batch_alter_table("performance_dialogue", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_performance_dialogue_plan_id"), ["plan_id"], unique=False
        )

    op.create_table(
        "plan_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("approved_by_employee_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["approved_by_employee_id"],
            ["employee.id"],
            name=op.f("fk_plan_version_approved_by_employee_id_employee"),
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["performance_plan.id"],
            name=op.f("fk_plan_version_plan_id_performance_plan"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_version")),
        sa.UniqueConstraint("plan_id", "revision", name=op.f("uq_plan_version_plan_id_revision")),
    )
    with op.batch_alter_table("plan_version", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_version_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "upload",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("original_name", sa.String(length=255), nullable=False),
        sa.Column("uploaded_by_account_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attached_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["sha256"], ["stored_file.sha256"], name=op.f("fk_upload_sha256_stored_file")
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by_account_id"],
            ["user_account.id"],
            name=op.f("fk_upload_uploaded_by_account_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_upload")),
        sa.UniqueConstraint("token", name=op.f("uq_upload_token")),
    )
    with op.batch_alter_table("upload", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_upload_uploaded_by_account_id"), ["uploaded_by_account_id"], unique=False
        )

    op.create_table(
        "work_result",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "UTAMA",
                "TAMBAHAN",
                name="work_result_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("text", sa.String(length=1000), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("org_goal_id", sa.Integer(), nullable=True),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["org_goal_id"], ["org_goal.id"], name=op.f("fk_work_result_org_goal_id_org_goal")
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["work_result.id"], name=op.f("fk_work_result_parent_id_work_result")
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["performance_plan.id"],
            name=op.f("fk_work_result_plan_id_performance_plan"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_result")),
    )
    with op.batch_alter_table("work_result", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_work_result_org_goal_id"), ["org_goal_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_work_result_parent_id"), ["parent_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_work_result_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "action_plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("work_result_id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=2000), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["period_id"],
            ["appraisal_period.id"],
            name=op.f("fk_action_plan_period_id_appraisal_period"),
        ),
        sa.ForeignKeyConstraint(
            ["work_result_id"],
            ["work_result.id"],
            name=op.f("fk_action_plan_work_result_id_work_result"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_plan")),
    )
    with op.batch_alter_table("action_plan", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_action_plan_period_id"), ["period_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_action_plan_work_result_id"), ["work_result_id"], unique=False
        )

    op.create_table(
        "indicator",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("work_result_id", sa.Integer(), nullable=False),
        sa.Column(
            "aspect",
            sa.Enum(
                "KUANTITAS",
                "KUALITAS",
                "WAKTU",
                "BIAYA",
                name="indicator_aspect",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("text", sa.String(length=1000), nullable=False),
        sa.Column("target_value", sa.Numeric(precision=18, scale=4), nullable=True),
        sa.Column("target_unit", sa.String(length=60), nullable=True),
        sa.Column("target_description", sa.String(length=1000), nullable=True),
        sa.Column(
            "perspective",
            sa.Enum(
                "PENERIMA_LAYANAN",
                "PROSES_BISNIS",
                "PENGUATAN_INTERNAL",
                "ANGGARAN",
                name="perspective",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["work_result_id"],
            ["work_result.id"],
            name=op.f("fk_indicator_work_result_id_work_result"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator")),
    )
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_indicator_work_result_id"), ["work_result_id"], unique=False
        )

    op.create_table(
        "realization",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Numeric(precision=18, scale=4), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "USULAN",
                "DIKONFIRMASI",
                name="realization_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["indicator_id"], ["indicator.id"], name=op.f("fk_realization_indicator_id_indicator")
        ),
        sa.ForeignKeyConstraint(
            ["period_id"],
            ["appraisal_period.id"],
            name=op.f("fk_realization_period_id_appraisal_period"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_realization")),
        sa.UniqueConstraint(
            "indicator_id", "period_id", name=op.f("uq_realization_indicator_id_period_id")
        ),
    )
    with op.batch_alter_table("realization", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_realization_indicator_id"), ["indicator_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_realization_period_id"), ["period_id"], unique=False)

    op.create_table(
        "work_log_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("work_result_id", sa.Integer(), nullable=True),
        sa.Column("indicator_id", sa.Integer(), nullable=True),
        sa.Column("work_date", sa.Date(), nullable=False),
        sa.Column("text", sa.String(length=2000), nullable=False),
        sa.Column("minutes_spent", sa.Integer(), nullable=True),
        sa.Column("quantity", sa.Numeric(precision=18, scale=4), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "minutes_spent IS NULL OR minutes_spent BETWEEN 0 AND 1440",
            name=op.f("ck_work_log_entry_minutes"),
        ),
        sa.ForeignKeyConstraint(
            ["employee_id"], ["employee.id"], name=op.f("fk_work_log_entry_employee_id_employee")
        ),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicator.id"],
            name=op.f("fk_work_log_entry_indicator_id_indicator"),
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["performance_plan.id"],
            name=op.f("fk_work_log_entry_plan_id_performance_plan"),
        ),
        sa.ForeignKeyConstraint(
            ["work_result_id"],
            ["work_result.id"],
            name=op.f("fk_work_log_entry_work_result_id_work_result"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_log_entry")),
    )
    with op.batch_alter_table("work_log_entry", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_work_log_entry_employee_id"), ["employee_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_work_log_entry_indicator_id"), ["indicator_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_work_log_entry_plan_id"), ["plan_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_work_log_entry_work_date"), ["work_date"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_work_log_entry_work_result_id"), ["work_result_id"], unique=False
        )

    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("realization_id", sa.Integer(), nullable=True),
        sa.Column("work_log_entry_id", sa.Integer(), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "FILE",
                "LINK",
                name="evidence_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("original_name", sa.String(length=255), nullable=True),
        sa.Column("url", sa.String(length=2000), nullable=True),
        sa.Column("title", sa.String(length=300), nullable=True),
        sa.Column("added_by_employee_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "(kind = 'FILE' AND sha256 IS NOT NULL AND url IS NULL) OR (kind = 'LINK' AND url IS NOT NULL AND sha256 IS NULL)",
            name=op.f("ck_evidence_file_or_link"),
        ),
        sa.CheckConstraint(
            "(realization_id IS NULL) <> (work_log_entry_id IS NULL)",
            name=op.f("ck_evidence_one_owner"),
        ),
        sa.ForeignKeyConstraint(
            ["added_by_employee_id"],
            ["employee.id"],
            name=op.f("fk_evidence_added_by_employee_id_employee"),
        ),
        sa.ForeignKeyConstraint(
            ["realization_id"],
            ["realization.id"],
            name=op.f("fk_evidence_realization_id_realization"),
        ),
        sa.ForeignKeyConstraint(
            ["sha256"], ["stored_file.sha256"], name=op.f("fk_evidence_sha256_stored_file")
        ),
        sa.ForeignKeyConstraint(
            ["work_log_entry_id"],
            ["work_log_entry.id"],
            name=op.f("fk_evidence_work_log_entry_id_work_log_entry"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence")),
    )
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_evidence_realization_id"), ["realization_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_evidence_work_log_entry_id"), ["work_log_entry_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evidence_work_log_entry_id"))
        batch_op.drop_index(batch_op.f("ix_evidence_realization_id"))

    op.drop_table("evidence")
    with op.batch_alter_table("work_log_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_work_log_entry_work_result_id"))
        batch_op.drop_index(batch_op.f("ix_work_log_entry_work_date"))
        batch_op.drop_index(batch_op.f("ix_work_log_entry_plan_id"))
        batch_op.drop_index(batch_op.f("ix_work_log_entry_indicator_id"))
        batch_op.drop_index(batch_op.f("ix_work_log_entry_employee_id"))

    op.drop_table("work_log_entry")
    with op.batch_alter_table("realization", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_realization_period_id"))
        batch_op.drop_index(batch_op.f("ix_realization_indicator_id"))

    op.drop_table("realization")
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicator_work_result_id"))

    op.drop_table("indicator")
    with op.batch_alter_table("action_plan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_plan_work_result_id"))
        batch_op.drop_index(batch_op.f("ix_action_plan_period_id"))

    op.drop_table("action_plan")
    with op.batch_alter_table("work_result", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_work_result_plan_id"))
        batch_op.drop_index(batch_op.f("ix_work_result_parent_id"))
        batch_op.drop_index(batch_op.f("ix_work_result_org_goal_id"))

    op.drop_table("work_result")
    with op.batch_alter_table("upload", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_upload_uploaded_by_account_id"))

    op.drop_table("upload")
    with op.batch_alter_table("plan_version", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_version_plan_id"))

    op.drop_table("plan_version")
    with op.batch_alter_table("performance_dialogue", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_performance_dialogue_plan_id"))

    op.drop_table("performance_dialogue")
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feedback_plan_id"))
        batch_op.drop_index(batch_op.f("ix_feedback_parent_id"))

    op.drop_table("feedback")
    with op.batch_alter_table("behavior_expectation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_behavior_expectation_plan_id"))

    op.drop_table("behavior_expectation")
    with op.batch_alter_table("performance_plan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_performance_plan_year_id"))
        batch_op.drop_index(batch_op.f("ix_performance_plan_employee_id"))

    op.drop_table("performance_plan")
    with op.batch_alter_table("org_goal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_org_goal_year_id"))
        batch_op.drop_index(batch_op.f("ix_org_goal_unit_id"))

    op.drop_table("org_goal")
    with op.batch_alter_table("appraisal_period", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_appraisal_period_year_id"))

    op.drop_table("appraisal_period")
    op.drop_table("stored_file")
    op.drop_table("feedback_phrase")
    op.drop_table("appraisal_year")
