"""`send_due_reminders`: each kind reaches the right person once a day, only while it is due,
with a statement count that does not grow with the number of employees."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from server.config import Settings
from server.db.engine import Database
from server.db.models import (
    AppraisalPeriod,
    AppraisalYear,
    AuditEvent,
    CoachingCheckIn,
    Notification,
    Objection,
    PerformancePlan,
    Realization,
)
from server.domain.enums import (
    ObjectionStatus,
    PlanStatus,
    RealizationStatus,
    YearStatus,
)
from server.services.audit import verify_audit_chain
from server.services.mailer import MailOutcome
from server.services.notifications import (
    REMIND_COACHING,
    REMIND_EVALUATION,
    REMIND_OBJECTION,
    REMIND_PLAN_APPROVAL,
    REMIND_REALIZATION,
    send_due_reminders,
)
from tests.api.notifications.conftest import (
    TODAY,
    ReminderData,
    add_employees,
    add_set_plan,
    finalised,
    set_values,
)
from tests.conftest import SmallOrg, count_statements


async def sent(db: Database, small_org: SmallOrg) -> list[tuple[str, str, str, str | None]]:
    """(recipient, kind, message, link) of every notification, recipients by fixture key."""
    who: dict[int | None, str] = {
        v: k.removeprefix("emp:") for k, v in small_org.ids.items() if k.startswith("emp:")
    }
    async with db.read() as s:
        rows = (await s.execute(sa.select(Notification).order_by(Notification.id))).scalars()
        return [(who.get(n.employee_id, "?"), n.kind, n.message, n.link) for n in rows]


def expected(data: ReminderData) -> list[tuple[str, str, str]]:
    return [
        ("kabid", REMIND_PLAN_APPROVAL, f"/portal/tim/skp/{data.plan2}"),
        ("staf", REMIND_REALIZATION, "/portal/kerja/2026/3"),
        ("kabid", REMIND_EVALUATION, f"/portal/tim/penilaian/{data.plan}/3"),
        ("kadis", REMIND_OBJECTION, f"/portal/keberatan/{data.objection_due}"),
        ("kabid", REMIND_COACHING, f"/portal/pembinaan/{data.coaching['A']}"),
        ("sekda", REMIND_COACHING, f"/portal/pembinaan/{data.coaching['B']}"),
    ]


async def test_each_reminder_reaches_its_recipient_once_a_day(
    db: Database, settings: Settings, small_org: SmallOrg, data: ReminderData
) -> None:
    run = await send_due_reminders(db, settings, TODAY)
    assert run.created == {
        REMIND_PLAN_APPROVAL: 1,
        REMIND_REALIZATION: 1,
        REMIND_EVALUATION: 1,
        REMIND_OBJECTION: 1,
        REMIND_COACHING: 2,
    }
    assert run.already_sent == 0
    assert run.mail is MailOutcome.LOGGED
    rows = await sent(db, small_org)
    assert [(who, kind, link) for who, kind, _, link in rows] == expected(data)
    messages = {kind + ":" + who: message for who, kind, message, _ in rows}
    assert messages[f"{REMIND_PLAN_APPROVAL}:kabid"] == (
        "SKP 2026 milik Pegawai Staf2 menunggu persetujuan Anda sejak 30-03-2026."
    )
    assert messages[f"{REMIND_REALIZATION}:staf"] == (
        "Realisasi SKP 2026 periode Bulan 3 belum lengkap dikonfirmasi: "
        "batas 05-04-2026 (2 hari lagi)."
    )
    assert messages[f"{REMIND_EVALUATION}:kabid"] == (
        "Penilaian periodik Bulan 3 2026 untuk Pegawai Staf belum ditetapkan; "
        "periodenya sudah berakhir."
    )
    assert messages[f"{REMIND_OBJECTION}:kadis"] == (
        "Keberatan Pegawai Staf menunggu keputusan Anda: batas 05-04-2026 (2 hari lagi)."
    )
    assert "terakhir 22-02-2026" in messages[f"{REMIND_COACHING}:sekda"]
    assert "belum pernah ada" in messages[f"{REMIND_COACHING}:kabid"]

    again = await send_due_reminders(db, settings, TODAY)
    assert again.total_created == 0
    assert again.already_sent == 6
    assert again.mail is None  # nothing new: no digest
    assert len(await sent(db, small_org)) == 6

    tomorrow = await send_due_reminders(db, settings, TODAY + timedelta(days=1))
    assert tomorrow.total_created == 6  # still due: reminded again the next day
    async with db.read() as s:
        keys = (await s.scalars(sa.select(Notification.dedupe_key))).all()
        actions = (
            await s.scalars(
                sa.select(AuditEvent.action).where(AuditEvent.action == "notification.remind")
            )
        ).all()
    assert f"{REMIND_OBJECTION}:{data.objection_due}:2026-04-04" in keys
    assert len(actions) == 2  # one audit event per run that wrote something
    assert (await verify_audit_chain(db)).intact


async def test_the_message_says_how_late_and_how_many_periods(
    db: Database, settings: Settings, small_org: SmallOrg, data: ReminderData
) -> None:
    # Month 2's realisasi unconfirmed too, objection overdue: the earliest period is named.
    async with db.write() as s:
        await s.execute(
            sa.update(Realization)
            .where(Realization.period_id == data.period(2))
            .values(status=RealizationStatus.USULAN)
        )
    await set_values(
        db,
        Objection,
        data.objection_due,
        filing_deadline=TODAY - timedelta(18),
        decision_deadline=TODAY - timedelta(4),
    )
    await send_due_reminders(db, settings, TODAY)
    messages = {kind: message for _, kind, message, _ in await sent(db, small_org)}
    assert messages[REMIND_REALIZATION] == (
        "Realisasi SKP 2026 periode Bulan 2 belum lengkap dikonfirmasi (dan 1 periode lain): "
        "batas 05-03-2026 sudah lewat 29 hari."
    )
    assert messages[REMIND_OBJECTION].endswith("batas 30-03-2026 sudah lewat 4 hari.")


async def _confirm_month_3(db: Database, data: ReminderData) -> None:
    async with db.write() as s:
        s.add(
            Realization(
                indicator_id=data.iki,
                period_id=data.period(3),
                description="Arsip ditata",
                status=RealizationStatus.DIKONFIRMASI,
                confirmed_at=datetime(2026, 4, 2, tzinfo=UTC),
            )
        )


async def _proposal_only_month_3(db: Database, data: ReminderData) -> None:
    async with db.write() as s:
        s.add(
            Realization(
                indicator_id=data.iki,
                period_id=data.period(3),
                description="Usulan dari catatan kerja",
                status=RealizationStatus.USULAN,
            )
        )


async def _evaluate_month_3(db: Database, data: ReminderData) -> None:
    kabid = await _kabid(db, data)
    async with db.write() as s:
        s.add(finalised(data.plan, data.period(3), kabid))


async def _close_month_3(db: Database, data: ReminderData) -> None:
    await set_values(
        db, AppraisalPeriod, data.period(3), evaluated_at=datetime(2026, 4, 2, tzinfo=UTC)
    )


async def _close_year(db: Database, data: ReminderData) -> None:
    async with db.write() as s:
        await s.execute(
            sa.update(AppraisalYear)
            .where(AppraisalYear.id == data.year_id)
            .values(status=YearStatus.DITUTUP, version=AppraisalYear.version + 1)
        )


async def _approve_plan2(db: Database, data: ReminderData) -> None:
    async with db.write() as s:
        await s.execute(
            sa.update(PerformancePlan)
            .where(PerformancePlan.id == data.plan2)
            .values(status=PlanStatus.DITETAPKAN, version=PerformancePlan.version + 1)
        )


async def _decide_objection(db: Database, data: ReminderData) -> None:
    async with db.write() as s:
        await s.execute(
            sa.update(Objection)
            .where(Objection.id == data.objection_due)
            .values(status=ObjectionStatus.DITOLAK, version=Objection.version + 1)
        )


async def _kabid(db: Database, data: ReminderData) -> int:
    async with db.read() as s:
        plan = await s.get(PerformancePlan, data.plan)
        assert plan is not None
        assert plan.assessor_employee_id is not None
        return plan.assessor_employee_id


async def _check_in_a(db: Database, data: ReminderData) -> None:
    async with db.write() as s:
        s.add(
            CoachingCheckIn(
                coaching_plan_id=data.coaching["A"],
                held_on=TODAY - timedelta(days=29),
                note="Pertemuan pertama.",
                recorded_by_employee_id=await _kabid(db, data),
            )
        )


# (what happened, reminders that no longer appear, reminders that appear instead)
SILENCERS: list[tuple[str, Any, set[tuple[str, str]], set[tuple[str, str]]]] = [
    ("realisasi bulan 3 dikonfirmasi", _confirm_month_3, {("staf", REMIND_REALIZATION)}, set()),
    ("hanya usulan realisasi", _proposal_only_month_3, set(), set()),
    ("penilaian bulan 3 ditetapkan", _evaluate_month_3, {("kabid", REMIND_EVALUATION)}, set()),
    (
        "penilaian periode ditutup BKPSDM",
        _close_month_3,
        {("staf", REMIND_REALIZATION), ("kabid", REMIND_EVALUATION)},
        set(),
    ),
    (
        "tahun penilaian ditutup",
        _close_year,
        {
            ("staf", REMIND_REALIZATION),
            ("kabid", REMIND_EVALUATION),
            ("kabid", REMIND_PLAN_APPROVAL),
        },
        set(),
    ),
    # Set now, staf2's SKP (no IKI yet, so no realisasi is due) has ended months to evaluate.
    (
        "SKP staf2 disetujui",
        _approve_plan2,
        {("kabid", REMIND_PLAN_APPROVAL)},
        {("kabid", REMIND_EVALUATION)},
    ),
    ("keberatan diputus", _decide_objection, {("kadis", REMIND_OBJECTION)}, set()),
    ("pertemuan pembinaan A", _check_in_a, {("kabid", REMIND_COACHING)}, set()),
]


@pytest.mark.parametrize(
    ("change", "gone", "added"),
    [pytest.param(c, g, a, id=name) for name, c, g, a in SILENCERS],
)
async def test_a_reminder_stops_when_its_reason_is_gone(
    db: Database,
    settings: Settings,
    small_org: SmallOrg,
    data: ReminderData,
    change: Any,
    gone: set[tuple[str, str]],
    added: set[tuple[str, str]],
) -> None:
    await change(db, data)
    await send_due_reminders(db, settings, TODAY)
    before = Counter((who, kind) for who, kind, _ in expected(data))
    after = Counter((who, kind) for who, kind, _, _ in await sent(db, small_org))
    assert after == before - Counter(gone) + Counter(added)


async def test_statement_count_does_not_grow_with_employees(
    db: Database, settings: Settings, small_org: SmallOrg, data: ReminderData
) -> None:
    kabid = small_org.ids["emp:kabid"]

    async def add_people(first: int, count: int) -> None:
        for employee_id in await add_employees(db, first, count):
            await add_set_plan(db, employee_id, kabid, data.year_id, data.periods)

    async def measured(day: int) -> tuple[int, int]:
        with count_statements(db) as statements:
            run = await send_due_reminders(db, settings, TODAY + timedelta(days=day))
        return len(statements), run.total_created

    await add_people(1, 5)
    small_count, small_created = await measured(0)
    await add_people(6, 45)
    large_count, large_created = await measured(1)
    # Each new person: a realisasi reminder to them and an evaluation reminder to kabid.
    assert (small_created, large_created) == (6 + 2 * 5, 6 + 2 * 50)
    assert small_count == large_count, (small_count, large_count)
