"""The organisation snapshot kept in memory: the revision token changes with every write to the
organisation (triggers, migration 0013), and a kept snapshot is never served after a change."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
import sqlalchemy as sa

from server.db.engine import Database
from server.db.models import AssessorOverride, Position, PositionAssignment, Unit
from server.domain.assessor import OrgSnapshot
from server.domain.audit_actions import AuditAction
from server.domain.enums import ActingKind, PositionKind, UnitKind
from server.services.organisation import directory
from server.services.organisation.directory import load_org_snapshot, load_unit_tree, org_revision
from tests.conftest import SmallOrg

DAY = date(2026, 6, 1)


def assessor_of(org: OrgSnapshot, employee_id: int) -> int:
    """The employee id of the Pejabat Penilai the snapshot resolves (there must be one)."""
    resolution = org.resolve_assessor(employee_id)
    assert resolution is not None, employee_id
    return resolution.employee_id


async def revision(db: Database) -> int | None:
    async with db.read() as s:
        return await org_revision(s)


# Each write, as a statement built from the small organisation's ids.
WRITES: dict[str, Callable[[dict[str, int]], sa.Executable]] = {
    "insert unit": lambda ids: sa.insert(Unit).values(
        code="BARU", name="Unit Baru", kind=UnitKind.BIDANG, parent_id=ids["DINAS"],
        valid_from=date(2020, 1, 1), version=1,
    ),
    "update unit": lambda ids: sa.update(Unit).where(Unit.id == ids["BIDANG"]).values(name="X"),
    "insert position": lambda ids: sa.insert(Position).values(
        code="POS-BARU", name="Jabatan Baru", kind=PositionKind.PELAKSANA, unit_id=ids["BIDANG"],
        parent_id=ids["KABID"], valid_from=date(2020, 1, 1), version=1,
    ),
    "update position": lambda ids: sa.update(Position)
    .where(Position.id == ids["STAF"])
    .values(parent_id=ids["KABID"]),
    "end assignment": lambda ids: sa.update(PositionAssignment)
    .where(PositionAssignment.employee_id == ids["emp:staf"])
    .values(end_date=date(2026, 1, 31)),
    "delete assignment": lambda ids: sa.delete(PositionAssignment).where(
        PositionAssignment.employee_id == ids["emp:staf2"]
    ),
    "insert override": lambda ids: sa.insert(AssessorOverride).values(
        position_id=ids["STAF"], assessor_employee_id=ids["emp:kadis"],
        acting_kind=ActingKind.PLT, valid_from=date(2020, 1, 1), reason="Plt. uji",
    ),
}  # fmt: skip


@pytest.mark.parametrize("write", sorted(WRITES))
async def test_every_write_to_the_organisation_changes_the_revision(
    db: Database, small_org: SmallOrg, write: str
) -> None:
    before = await revision(db)
    assert before is not None
    async with db.write() as s:
        await s.execute(WRITES[write](small_org.ids))
    after = await revision(db)
    assert after is not None
    assert after != before


async def test_other_writes_leave_the_revision_alone(db: Database, small_org: SmallOrg) -> None:
    from server.services.actor import system_actor
    from server.services.audit import record_event

    before = await revision(db)
    async with db.write() as s:
        await record_event(s, system_actor("t"), AuditAction.AUTH_LOGIN, "y", 1)
        await s.execute(sa.text("UPDATE employee SET name = 'Nama Lain' WHERE id = :i"), {"i": 1})
    assert await revision(db) == before


async def test_a_kept_snapshot_is_served_until_the_organisation_changes(
    db: Database, small_org: SmallOrg
) -> None:
    ids = small_org.ids
    directory.forget_org_cache()
    async with db.read() as s:
        first = await load_org_snapshot(s, DAY)
        assert await load_org_snapshot(s, DAY) is first  # kept
        assert assessor_of(first, ids["emp:staf"]) == ids["emp:kabid"]
        tree = await load_unit_tree(s)
        assert await load_unit_tree(s) is tree
    async with db.write() as s:
        await s.execute(WRITES["insert override"](ids))
        # Inside the writing transaction the change is already seen.
        inside = await load_org_snapshot(s, DAY)
        assert assessor_of(inside, ids["emp:staf"]) == ids["emp:kadis"]
    async with db.read() as s:
        after = await load_org_snapshot(s, DAY)
        assert after is not first
        assert assessor_of(after, ids["emp:staf"]) == ids["emp:kadis"]
        assert after.assessees_of(ids["emp:kadis"]) >= {ids["emp:staf"]}
        assert ids["emp:staf"] not in after.assessees_of(ids["emp:kabid"])
        assert await load_unit_tree(s) is not tree


async def test_a_rolled_back_change_leaves_no_wrong_snapshot_behind(
    db: Database, small_org: SmallOrg
) -> None:
    """The token is random, not a counter: the value a rolled-back change took is never the
    value of a later, different change, so what was loaded inside the rollback is never served."""
    ids = small_org.ids
    directory.forget_org_cache()

    class Rollback(Exception):
        pass

    async def change_then_fail() -> None:
        async with db.write() as s:
            await s.execute(WRITES["insert override"](ids))
            await load_org_snapshot(s, DAY)
            raise Rollback

    with pytest.raises(Rollback):
        await change_then_fail()
    async with db.write() as s:  # another change
        await s.execute(WRITES["end assignment"](ids))
    async with db.read() as s:
        now = await load_org_snapshot(s, DAY)
    assert ids["emp:staf"] not in now.position_of_employee  # the assignment ended
    assert now.overrides == {}  # the rolled-back override is not there


async def test_a_snapshot_read_between_two_changes_of_one_transaction_is_not_kept(
    db: Database, small_org: SmallOrg
) -> None:
    """On PostgreSQL the token changes once per transaction: what a writing transaction reads
    after its first change is never kept, or the second change would be missed afterwards."""
    ids = small_org.ids
    directory.forget_org_cache()
    async with db.write() as s:
        await s.execute(WRITES["insert override"](ids))
        middle = await load_org_snapshot(s, DAY)
        assert ids["emp:staf"] in middle.position_of_employee
        await s.execute(WRITES["end assignment"](ids))
    async with db.read() as s:
        after = await load_org_snapshot(s, DAY)
    assert after.overrides  # the first change
    assert ids["emp:staf"] not in after.position_of_employee  # and the second
