"""organisation revision token (triggers) and indexes for province scale

``org_revision`` holds one row whose ``revision`` changes, by trigger, in the same transaction
as any insert, update or delete on unit, position, position_assignment or assessor_override.
The value is random (not a counter), so a rolled-back change never leaves behind a value that
a later, different change could take again: a process may keep the organisation snapshot it
loaded for revision R as long as the row still says R. On PostgreSQL it changes once per
transaction (the first change), so a snapshot read inside a writing transaction is never
kept (see services/directory.py).

Revision ID: 0013
Revises: 0007
Create Date: 2026-12-03 09:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ORG_TABLES = ("unit", "position", "position_assignment", "assessor_override")
# Found by EXPLAIN at 100 000 pegawai (tests/bench/province.py): the inbox finds the SKPs
# submitted to an assessor, and the evaluations to do, by the assessor's id.
INDEXES = (
    ("ix_performance_plan_assessor_employee_id", "performance_plan", "assessor_employee_id"),
    ("ix_evaluation_assessor_employee_id", "evaluation", "assessor_employee_id"),
)
OPERATIONS = ("INSERT", "UPDATE", "DELETE")


def upgrade() -> None:
    op.create_table(
        "org_revision",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("revision", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_org_revision")),
    )
    op.execute("INSERT INTO org_revision (id, revision) VALUES (1, 1)")
    for name, table, column in INDEXES:
        op.create_index(name, table, [column])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            """
            CREATE FUNCTION bump_org_revision() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                -- Once per transaction: a row updated again and again in one transaction
                -- leaves a chain of versions each later update walks (a bulk load of
                -- 100 000 rows, one statement per row, would take minutes).
                IF current_setting('kinerja.org_revision_bumped', true) IS DISTINCT FROM '1'
                THEN
                    UPDATE org_revision SET revision = floor(random() * 9e18)::bigint
                    WHERE id = 1;
                    PERFORM set_config('kinerja.org_revision_bumped', '1', true);
                END IF;
                RETURN NULL;
            END $$
            """
        )
        for table in ORG_TABLES:
            # Once per statement: a bulk load of 100 000 rows bumps it once.
            op.execute(
                f"CREATE TRIGGER trg_org_revision_{table} AFTER INSERT OR UPDATE OR DELETE "
                f'OR TRUNCATE ON "{table}" FOR EACH STATEMENT EXECUTE FUNCTION bump_org_revision()'
            )
    else:
        for table in ORG_TABLES:
            for operation in OPERATIONS:
                name = f"trg_org_revision_{table}_{operation.lower()}"
                bump = "UPDATE org_revision SET revision = random() WHERE id = 1"
                op.execute(
                    f'CREATE TRIGGER {name} AFTER {operation} ON "{table}" BEGIN {bump}; END'
                )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in ORG_TABLES:
            op.execute(f'DROP TRIGGER IF EXISTS trg_org_revision_{table} ON "{table}"')
        op.execute("DROP FUNCTION IF EXISTS bump_org_revision()")
    else:
        for table in ORG_TABLES:
            for operation in OPERATIONS:
                op.execute(f"DROP TRIGGER IF EXISTS trg_org_revision_{table}_{operation.lower()}")
    for name, table, _column in INDEXES:
        op.drop_index(name, table_name=table)
    op.drop_table("org_revision")
