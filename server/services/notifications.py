"""In-app notifications (notifikasi) and the daily reminders of `kinerja remind`.

Everyone sees only their own notifications. Reminders are created by :func:`send_due_reminders`,
once per kind, object and day (the ``dedupe_key`` "<kind>:<object id>:<date>" is unique), so the
daily cron can run twice without doubling anything:

- SKP awaiting approval → the Pejabat Penilai fixed on the SKP (DIAJUKAN / REVISI_DIAJUKAN);
- realisasi due → the pegawai whose set SKP lacks a confirmed realisasi for a period whose
  realisasi deadline is within ``DUE_SOON_DAYS`` or passed (until BKPSDM closes the period);
- evaluation due → the penilai of a set SKP for an ended period without a finalised periodic
  evaluation (until BKPSDM closes the period);
- keberatan decision deadline → the Atasan Pejabat Penilai, within ``DUE_SOON_DAYS`` or overdue;
- coaching check-in → the mentor (else the penilai) of a running coaching plan without a
  check-in in the last ``CHECK_IN_EVERY_DAYS`` days.

Only appraisal years still open (DIBUKA) produce SKP, realisasi and evaluation reminders.
Every candidate query is set-based: the number of statements does not depend on headcount.

E-mail: employees have no e-mail address in the data model, so no personal e-mail is sent.
The run sends one digest of the new reminders to the instansi mailbox(es) configured in
KINERJA_REMINDER_DIGEST_TO (e.g. BKPSDM), which forwards as it sees fit; without an SMTP host the
digest is written to the log. A mail failure is logged and never undoes the reminders.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TypeVar

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from server import clock
from server.config import Settings
from server.db.engine import Database
from server.db.models import (
    AccountRole,
    AppraisalPeriod,
    AppraisalYear,
    CoachingCheckIn,
    CoachingPlan,
    Employee,
    Evaluation,
    Indicator,
    Notification,
    Objection,
    PerformancePlan,
    UserAccount,
    WorkResult,
)
from server.domain.audit_actions import AuditAction
from server.domain.enums import (
    CoachingStatus,
    ObjectionStatus,
    PlanStatus,
    Role,
    YearStatus,
)
from server.domain.planning import AWAITING_ASSESSOR, IN_FORCE, period_label
from server.services import links
from server.services.actor import Actor, system_actor
from server.services.audit import record_event
from server.services.due_items import (
    coaching_mentor,
    last_check_in,
    periodic_evaluation_due,
    realization_confirmed,
    realization_open,
)
from server.services.errors import ErrorCode, ServiceError
from server.services.grouping import group_by
from server.services.mailer import Mail, MailOutcome, send_mail

DUE_SOON_DAYS = 3
CHECK_IN_EVERY_DAYS = 30
MAX_MARK_READ = 100
# IN lists are cut so no database meets its bound-parameter limit, whatever the headcount.
_CHUNK = 500
T = TypeVar("T")

REMIND_PLAN_APPROVAL = "PENGINGAT_PERSETUJUAN_SKP"
REMIND_REALIZATION = "PENGINGAT_REALISASI"
REMIND_EVALUATION = "PENGINGAT_PENILAIAN"
REMIND_OBJECTION = "PENGINGAT_KEBERATAN"
REMIND_COACHING = "PENGINGAT_PEMBINAAN"
REMINDER_KINDS = (
    REMIND_PLAN_APPROVAL,
    REMIND_REALIZATION,
    REMIND_EVALUATION,
    REMIND_OBJECTION,
    REMIND_COACHING,
)


# ------------------------------------------------------------------ creating and reading


async def notify(
    session: AsyncSession,
    employee_id: int,
    *,
    kind: str,
    message: str,
    link: str | None,
    dedupe_key: str,
) -> bool:
    """An in-app notification in the caller's transaction, once per ``dedupe_key``.

    Returns whether it was created (False: the same key was already notified)."""
    return await _add(session, employee_id, None, kind, message, link, dedupe_key)


async def notify_account(
    session: AsyncSession,
    account_id: int,
    *,
    kind: str,
    message: str,
    link: str | None,
    dedupe_key: str,
) -> bool:
    """:func:`notify` for an account without an employee (BKPSDM, unit managers, officials)."""
    return await _add(session, None, account_id, kind, message, link, dedupe_key)


async def _add(
    session: AsyncSession,
    employee_id: int | None,
    account_id: int | None,
    kind: str,
    message: str,
    link: str | None,
    dedupe_key: str,
) -> bool:
    exists = await session.scalar(
        sa.select(Notification.id).where(Notification.dedupe_key == dedupe_key[:200])
    )
    if exists is not None:
        return False
    session.add(
        Notification(
            employee_id=employee_id,
            account_id=account_id,
            kind=kind[:64],
            message=message[:1000],
            link=link[:300] if link else None,
            dedupe_key=dedupe_key[:200],
        )
    )
    await session.flush()
    return True


async def kepala_daerah_accounts(session: AsyncSession) -> list[int]:
    """The active accounts of the Kepala Daerah (no employee; told through their account)."""
    return list(
        (
            await session.scalars(
                sa.select(UserAccount.id)
                .join(AccountRole, AccountRole.account_id == UserAccount.id)
                .where(
                    AccountRole.role == Role.KEPALA_DAERAH,
                    UserAccount.active.is_(True),
                    UserAccount.employee_id.is_(None),
                )
                .order_by(UserAccount.id)
            )
        ).all()
    )


def _recipient(actor: Actor) -> sa.ColumnElement[bool] | None:
    """The actor's notifications: their employee's, and their account's own (an employee's
    account may also receive, e.g., as a unit manager). None for the system actor."""
    mine: list[sa.ColumnElement[bool]] = []
    if actor.employee_id is not None:
        mine.append(Notification.employee_id == actor.employee_id)
    if actor.account_id is not None:
        mine.append(Notification.account_id == actor.account_id)
    return sa.or_(*mine) if mine else None


def _mine(actor: Actor, unread_only: bool) -> list[sa.ColumnElement[bool]]:
    recipient = _recipient(actor)
    assert recipient is not None
    where = [recipient]
    if unread_only:
        where.append(Notification.read_at.is_(None))
    return where


async def list_notifications(
    db: Database, actor: Actor, *, unread_only: bool, offset: int, limit: int
) -> tuple[list[Notification], int]:
    """The actor's own notifications, newest first, and their total (none for the system)."""
    if _recipient(actor) is None:
        return [], 0
    where = _mine(actor, unread_only)
    async with db.read() as session:
        total = await session.scalar(sa.select(sa.func.count(Notification.id)).where(*where))
        rows = (
            await session.scalars(
                sa.select(Notification)
                .where(*where)
                .order_by(Notification.created_at.desc(), Notification.id.desc())
                .offset(offset)
                .limit(limit)
            )
        ).all()
    return list(rows), int(total or 0)


async def unread_of(session: AsyncSession, actor: Actor) -> int:
    """The actor's unread notifications (their employee's and their account's own)."""
    if _recipient(actor) is None:
        return 0
    count = await session.scalar(
        sa.select(sa.func.count(Notification.id)).where(*_mine(actor, True))
    )
    return int(count or 0)


async def unread_count(db: Database, actor: Actor) -> int:
    async with db.read() as session:
        return await unread_of(session, actor)


@dataclass(frozen=True)
class MarkReadResult:
    marked: int
    unread: int


async def mark_read(db: Database, actor: Actor, ids: Sequence[int] | None) -> MarkReadResult:
    """Mark the actor's notifications ``ids`` read (None: all of them).

    Someone else's id (or an unknown one) fails the whole call: nothing is marked, and whether
    that notification exists is not revealed."""
    if ids is not None and len(ids) > MAX_MARK_READ:
        raise ServiceError(
            ErrorCode.INVALID_INPUT,
            f"Paling banyak {MAX_MARK_READ} notifikasi sekaligus.",
            "ids",
        )
    wanted = sorted(set(ids)) if ids is not None else None
    async with db.write() as session:
        recipient = _recipient(actor)
        if recipient is None:
            if wanted:
                raise ServiceError(ErrorCode.NOT_FOUND, "Notifikasi tidak ditemukan.", "ids")
            return MarkReadResult(marked=0, unread=0)
        where = _mine(actor, True)
        if wanted is not None:
            own = set(
                (
                    await session.scalars(
                        sa.select(Notification.id).where(Notification.id.in_(wanted), recipient)
                    )
                ).all()
            )
            if own != set(wanted):
                raise ServiceError(ErrorCode.NOT_FOUND, "Notifikasi tidak ditemukan.", "ids")
            where.append(Notification.id.in_(wanted))
        marked = sorted((await session.scalars(sa.select(Notification.id).where(*where))).all())
        if marked:
            await session.execute(
                sa.update(Notification)
                .where(Notification.id.in_(marked))
                .values(read_at=clock.now())
            )
            await record_event(
                session,
                actor,
                AuditAction.NOTIFICATION_READ,
                "notification",
                marked[0] if len(marked) == 1 else None,
                after={"ids": marked},
            )
        return MarkReadResult(marked=len(marked), unread=await unread_of(session, actor))


# ------------------------------------------------------------------ reminders


@dataclass(frozen=True)
class Reminder:
    employee_id: int
    kind: str
    object_id: int
    message: str
    link: str

    def dedupe_key(self, today: date) -> str:
        return f"{self.kind}:{self.object_id}:{today.isoformat()}"


@dataclass
class ReminderRun:
    """What one run did: reminders created per kind, those already sent today, the digest."""

    day: date
    created: dict[str, int] = field(default_factory=lambda: dict.fromkeys(REMINDER_KINDS, 0))
    already_sent: int = 0
    mail: MailOutcome | None = None  # None: nothing new, no digest

    @property
    def total_created(self) -> int:
        return sum(self.created.values())


def _dmy(day: date) -> str:
    return f"{day:%d-%m-%Y}"


def _deadline_phrase(deadline: date, today: date) -> str:
    days = (deadline - today).days
    if days > 0:
        return f"batas {_dmy(deadline)} ({days} hari lagi)"
    if days == 0:
        return f"batas hari ini, {_dmy(deadline)}"
    return f"batas {_dmy(deadline)} sudah lewat {-days} hari"


def _more(count: int) -> str:
    return f" (dan {count} periode lain)" if count > 0 else ""


async def _plan_approvals(session: AsyncSession, today: date) -> list[Reminder]:
    rows = await session.execute(
        sa.select(
            PerformancePlan.id,
            PerformancePlan.assessor_employee_id,
            PerformancePlan.status,
            PerformancePlan.submitted_at,
            Employee.name,
            AppraisalYear.year,
        )
        .join(Employee, Employee.id == PerformancePlan.employee_id)
        .join(AppraisalYear, AppraisalYear.id == PerformancePlan.year_id)
        .where(
            PerformancePlan.status.in_(AWAITING_ASSESSOR),
            PerformancePlan.assessor_employee_id.is_not(None),
            AppraisalYear.status == YearStatus.DIBUKA,
        )
        .order_by(PerformancePlan.id)
    )
    reminders = []
    for plan_id, assessor_id, status, submitted_at, name, year in rows:
        assert assessor_id is not None  # filtered in SQL
        what = "Revisi SKP" if status is PlanStatus.REVISI_DIAJUKAN else "SKP"
        since = f" sejak {_dmy(clock.day_of(submitted_at))}" if submitted_at else ""
        reminders.append(
            Reminder(
                employee_id=assessor_id,
                kind=REMIND_PLAN_APPROVAL,
                object_id=plan_id,
                message=f"{what} {year} milik {name} menunggu persetujuan Anda{since}.",
                link=links.plan_review(plan_id),
            )
        )
    return reminders


async def _realizations_due(session: AsyncSession, today: date) -> list[Reminder]:
    confirmed = realization_confirmed()
    lacking = (
        sa.exists()
        .where(
            WorkResult.plan_id == PerformancePlan.id,
            Indicator.work_result_id == WorkResult.id,
            ~confirmed,
        )
        .correlate(PerformancePlan, AppraisalPeriod)
    )
    rows = await session.execute(
        sa.select(
            PerformancePlan.id,
            PerformancePlan.employee_id,
            AppraisalYear.year,
            AppraisalYear.cadence,
            AppraisalPeriod.number,
            AppraisalPeriod.realization_due,
        )
        .join(AppraisalYear, AppraisalYear.id == PerformancePlan.year_id)
        .join(AppraisalPeriod, AppraisalPeriod.year_id == PerformancePlan.year_id)
        .where(
            *realization_open(today, due_by=today + timedelta(days=DUE_SOON_DAYS)),
            lacking,
        )
        .order_by(PerformancePlan.id, AppraisalPeriod.number)
    )
    reminders = []
    # One reminder per SKP, for its earliest period (rows come in period order).
    for plan_id, periods in group_by(rows, key=lambda row: row[0]).items():
        _, employee_id, year, cadence, number, due = periods[0]
        label = period_label(cadence, number)
        reminders.append(
            Reminder(
                employee_id=employee_id,
                kind=REMIND_REALIZATION,
                object_id=plan_id,
                message=(
                    f"Realisasi SKP {year} periode {label} belum lengkap dikonfirmasi"
                    f"{_more(len(periods) - 1)}: {_deadline_phrase(due, today)}."
                ),
                link=links.my_work(year, number),
            )
        )
    return reminders


async def _evaluations_due(session: AsyncSession, today: date) -> list[Reminder]:
    rows = await session.execute(
        sa.select(
            PerformancePlan.id,
            PerformancePlan.assessor_employee_id,
            Employee.name,
            AppraisalYear.year,
            AppraisalYear.cadence,
            AppraisalPeriod.number,
        )
        .join(Employee, Employee.id == PerformancePlan.employee_id)
        .join(AppraisalYear, AppraisalYear.id == PerformancePlan.year_id)
        .join(AppraisalPeriod, AppraisalPeriod.year_id == PerformancePlan.year_id)
        .where(
            PerformancePlan.status.in_(IN_FORCE),
            PerformancePlan.assessor_employee_id.is_not(None),
            AppraisalYear.status == YearStatus.DIBUKA,
            *periodic_evaluation_due(today),
        )
        .order_by(PerformancePlan.id, AppraisalPeriod.number)
    )
    reminders = []
    # One reminder per SKP, for its earliest period (rows come in period order).
    for plan_id, periods in group_by(rows, key=lambda row: row[0]).items():
        _, assessor_id, name, year, cadence, number = periods[0]
        assert assessor_id is not None  # filtered in SQL
        label = period_label(cadence, number)
        reminders.append(
            Reminder(
                employee_id=assessor_id,
                kind=REMIND_EVALUATION,
                object_id=plan_id,
                message=(
                    f"Penilaian periodik {label} {year} untuk {name} belum ditetapkan"
                    f"{_more(len(periods) - 1)}; periodenya sudah berakhir."
                ),
                link=links.evaluation_to_do(plan_id, number),
            )
        )
    return reminders


async def _objection_deadlines(session: AsyncSession, today: date) -> list[Reminder]:
    rows = await session.execute(
        sa.select(
            Objection.id,
            Objection.decider_employee_id,
            Objection.decision_deadline,
            Employee.name,
        )
        .join(Employee, Employee.id == Objection.filed_by_employee_id)
        .where(
            Objection.status == ObjectionStatus.DIAJUKAN,
            Objection.decider_employee_id.is_not(None),
            Objection.decision_deadline <= today + timedelta(days=DUE_SOON_DAYS),
        )
        .order_by(Objection.id)
    )
    return [
        Reminder(
            employee_id=decider_id,
            kind=REMIND_OBJECTION,
            object_id=objection_id,
            message=(
                f"Keberatan {name} menunggu keputusan Anda: {_deadline_phrase(deadline, today)}."
            ),
            link=links.objection(objection_id),
        )
        for objection_id, decider_id, deadline, name in rows
        if decider_id is not None  # filtered in SQL; for the type checker
    ]


async def _coaching_check_ins(session: AsyncSession, today: date) -> list[Reminder]:
    since = today - timedelta(days=CHECK_IN_EVERY_DAYS)
    last_check = last_check_in()
    recipient = coaching_mentor()
    rows = await session.execute(
        sa.select(CoachingPlan.id, recipient, Employee.name, last_check)
        .join(Evaluation, Evaluation.id == CoachingPlan.evaluation_id)
        .join(PerformancePlan, PerformancePlan.id == Evaluation.plan_id)
        .join(Employee, Employee.id == CoachingPlan.employee_id)
        .where(
            CoachingPlan.status == CoachingStatus.BERJALAN,
            CoachingPlan.starts_on <= since,  # a new plan gets its first month
            recipient.is_not(None),
            ~sa.exists().where(
                CoachingCheckIn.coaching_plan_id == CoachingPlan.id,
                CoachingCheckIn.held_on > since,
            ),
        )
        .order_by(CoachingPlan.id)
    )
    reminders = []
    for plan_id, recipient_id, name, last in rows:
        when = f"terakhir {_dmy(last)}" if last else "belum pernah ada"
        reminders.append(
            Reminder(
                employee_id=recipient_id,
                kind=REMIND_COACHING,
                object_id=plan_id,
                message=(
                    f"Rencana pembinaan {name} perlu pertemuan pemantauan: dalam "
                    f"{CHECK_IN_EVERY_DAYS} hari terakhir tidak ada ({when})."
                ),
                link=links.coaching(plan_id),
            )
        )
    return reminders


def _chunks(items: Sequence[T]) -> list[list[T]]:
    return [list(items[i : i + _CHUNK]) for i in range(0, len(items), _CHUNK)]


async def due_reminders(session: AsyncSession, today: date) -> list[Reminder]:
    """Every reminder due on ``today`` (sent or not), one set-based query per kind."""
    found: list[Reminder] = []
    for collect in (
        _plan_approvals,
        _realizations_due,
        _evaluations_due,
        _objection_deadlines,
        _coaching_check_ins,
    ):
        found.extend(await collect(session, today))
    return found


async def send_due_reminders(
    db: Database, settings: Settings, today: date, *, actor: Actor | None = None
) -> ReminderRun:
    """Create today's reminders that were not created yet, then e-mail (or log) the digest."""
    actor = actor or system_actor("remind")
    run = ReminderRun(day=today)
    new: list[Reminder] = []
    async with db.write() as session:
        candidates = await due_reminders(session, today)
        keys = [r.dedupe_key(today) for r in candidates]
        existing: set[str] = set()
        for chunk in _chunks(keys):
            existing.update(
                (
                    await session.scalars(
                        sa.select(Notification.dedupe_key).where(Notification.dedupe_key.in_(chunk))
                    )
                ).all()
            )
        new = [r for r, key in zip(candidates, keys, strict=True) if key not in existing]
        run.already_sent = len(candidates) - len(new)
        if new:
            await session.execute(
                sa.insert(Notification),
                [
                    {
                        "employee_id": r.employee_id,
                        "kind": r.kind,
                        "message": r.message[:1000],
                        "link": r.link,
                        "dedupe_key": r.dedupe_key(today),
                    }
                    for r in new
                ],
            )
            for r in new:
                run.created[r.kind] += 1
            await record_event(
                session,
                actor,
                AuditAction.NOTIFICATION_REMIND,
                "notification",
                None,
                after={"date": today.isoformat(), "created": dict(run.created)},
            )
        names = await _names(session, sorted({r.employee_id for r in new}))
    if new:
        run.mail = await send_mail(settings, _digest(settings, today, new, names))
    return run


async def _names(session: AsyncSession, ids: list[int]) -> dict[int, tuple[str, str]]:
    found: dict[int, tuple[str, str]] = {}
    for chunk in _chunks(ids):
        for employee_id, name, nip in await session.execute(
            sa.select(Employee.id, Employee.name, Employee.nip).where(Employee.id.in_(chunk))
        ):
            found[employee_id] = (name, nip)
    return found


def _digest(
    settings: Settings, today: date, reminders: list[Reminder], names: dict[int, tuple[str, str]]
) -> Mail:
    by_person: dict[int, list[Reminder]] = defaultdict(list)
    for r in reminders:
        by_person[r.employee_id].append(r)
    lines = [
        f"Ringkasan pengingat e-Kinerja {settings.instansi_name}, {_dmy(today)}: "
        f"{len(reminders)} pengingat baru untuk {len(by_person)} pegawai.",
        "Setiap pengingat juga tampil di notifikasi aplikasi penerimanya.",
        "",
    ]
    for employee_id in sorted(by_person, key=lambda e: (names.get(e, ("", ""))[0], e)):
        name, nip = names.get(employee_id, ("(pegawai tidak dikenal)", "-"))
        lines.append(f"{name} (NIP {nip}):")
        lines.extend(f"  - {r.message}" for r in by_person[employee_id])
        lines.append("")
    return Mail(
        to=settings.reminder_digest_to,
        subject=f"Pengingat e-Kinerja {_dmy(today)}: {len(reminders)} baru",
        body="\n".join(lines),
    )
