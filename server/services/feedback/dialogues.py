"""Dialog kinerja: notes of a conversation between the pegawai and their Pejabat Penilai.

Recorded by either of them; like feedback, a note is never edited (a later note corrects it).
Participants are employees who may read the SKP, plus optional guests named in free text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from server import clock
from server.db.engine import Database
from server.db.models import (
    AccountRole,
    Employee,
    PerformanceDialogue,
    PerformancePlan,
    UserAccount,
)
from server.domain.audit_actions import AuditAction
from server.services.actor import Actor
from server.services.audit import record_event
from server.services.errors import ErrorCode, ServiceError
from server.services.feedback._common import load_plan, require_open_year
from server.services.planning.access import plan_access
from server.services.validation import clean_long_text, clean_text, invalid

MAX_SUMMARY_LENGTH = 10_000
MAX_PARTICIPANTS = 30
MAX_GUESTS = 20
MAX_GUEST_NAME_LENGTH = 200
EARLIEST_DATE = date(2000, 1, 1)  # a typo guard; the schema allows years 2000–2100


@dataclass(frozen=True)
class DialogueInput:
    plan_id: int
    held_on: date
    summary: str
    participant_employee_ids: tuple[int, ...] = ()
    guest_names: tuple[str, ...] = ()
    follow_ups: str | None = None


def dialogue_state(dialogue: PerformanceDialogue) -> dict[str, Any]:
    return {
        "plan_id": dialogue.plan_id,
        "held_on": dialogue.held_on,
        "participants": dialogue.participants,
        "summary": dialogue.summary,
        "follow_ups": dialogue.follow_ups,
        "recorded_by_employee_id": dialogue.recorded_by_employee_id,
    }


def participant_ids(dialogue: PerformanceDialogue) -> list[int]:
    raw = (
        dialogue.participants.get("employee_ids", [])
        if isinstance(dialogue.participants, dict)
        else []
    )
    return [int(i) for i in raw]


def guest_names(dialogue: PerformanceDialogue) -> list[str]:
    raw = dialogue.participants.get("guests", []) if isinstance(dialogue.participants, dict) else []
    return [str(g) for g in raw]


def _clean_input(data: DialogueInput, today: date) -> tuple[str, str | None, list[str]]:
    if data.held_on > today:
        raise invalid("heldOn", "Tanggal dialog kinerja tidak boleh di masa depan.")
    if data.held_on < EARLIEST_DATE:
        raise invalid("heldOn", "Tanggal dialog kinerja tidak masuk akal.")
    summary = clean_long_text(data.summary, "summary", "Ringkasan", max_length=MAX_SUMMARY_LENGTH)
    follow_ups = None
    if data.follow_ups is not None and data.follow_ups.strip():
        follow_ups = clean_long_text(
            data.follow_ups, "followUps", "Tindak lanjut", max_length=MAX_SUMMARY_LENGTH
        )
    if len(data.participant_employee_ids) > MAX_PARTICIPANTS:
        raise invalid("participantIds", f"Peserta maksimal {MAX_PARTICIPANTS} pegawai.")
    if len(data.guest_names) > MAX_GUESTS:
        raise invalid("guestNames", f"Tamu maksimal {MAX_GUESTS} orang.")
    guests: list[str] = []
    for raw in data.guest_names:
        name = clean_text(raw, "guestNames", "Nama tamu", max_length=MAX_GUEST_NAME_LENGTH)
        if name not in guests:
            guests.append(name)
    return summary, follow_ups, guests


async def _probe_actor(session: AsyncSession, employee_id: int) -> Actor:
    """The rights ``employee_id`` would have when signed in (for the plan's read check)."""
    account = (
        await session.scalars(
            sa.select(UserAccount).where(
                UserAccount.employee_id == employee_id, UserAccount.active.is_(True)
            )
        )
    ).first()
    if account is None:
        # account_id 0, not None: None would be the all-seeing system actor.
        return Actor(account_id=0, login="", employee_id=employee_id)
    roles = (
        await session.scalars(
            sa.select(AccountRole.role).where(AccountRole.account_id == account.id)
        )
    ).all()
    return Actor(
        account_id=account.id,
        login=account.login,
        employee_id=employee_id,
        roles=frozenset(roles),
        managed_unit_id=account.managed_unit_id,
    )


async def _check_participants(
    session: AsyncSession, plan: PerformancePlan, ids: Sequence[int], recorder: int, today: date
) -> list[int]:
    """Unique ids, the recorder first; each must be an employee allowed to read the SKP."""
    unique: list[int] = [recorder]
    for employee_id in ids:
        if employee_id not in unique:
            unique.append(employee_id)
    others = [i for i in unique if i not in (recorder, plan.employee_id)]
    if not others:
        return unique
    known = set(
        (await session.scalars(sa.select(Employee.id).where(Employee.id.in_(others)))).all()
    )
    for employee_id in others:
        if employee_id not in known:
            raise invalid("participantIds", "Peserta tidak ditemukan.")
        access = await plan_access(
            session, await _probe_actor(session, employee_id), plan, today=today
        )
        if not access.can_read:
            raise invalid(
                "participantIds",
                "Peserta dialog kinerja harus pegawai yang berhak membaca SKP ini.",
            )
    return unique


async def record_dialogue(
    db: Database, actor: Actor, data: DialogueInput, *, today: date | None = None
) -> PerformanceDialogue:
    """Record a dialog kinerja on an SKP: by the pegawai or their Pejabat Penilai."""
    today = today or clock.today()
    summary, follow_ups, guests = _clean_input(data, today)
    async with db.write() as session:
        plan = await load_plan(session, data.plan_id)
        access = await plan_access(session, actor, plan, today=today)
        access.require_read()
        if not (access.is_owner or access.is_assessor):
            raise ServiceError(
                ErrorCode.FORBIDDEN,
                "Dialog kinerja dicatat oleh pegawai atau Pejabat Penilai Kinerjanya.",
            )
        assert actor.employee_id is not None  # owner or assessor implies an employee account
        await require_open_year(session, plan)
        ids = await _check_participants(
            session, plan, data.participant_employee_ids, actor.employee_id, today
        )
        dialogue = PerformanceDialogue(
            plan_id=plan.id,
            held_on=data.held_on,
            participants={"employee_ids": ids, "guests": guests},
            summary=summary,
            follow_ups=follow_ups,
            recorded_by_employee_id=actor.employee_id,
        )
        session.add(dialogue)
        await session.flush()
        await record_event(
            session,
            actor,
            AuditAction.DIALOGUE_CREATE,
            "performance_dialogue",
            dialogue.id,
            after=dialogue_state(dialogue),
        )
    return dialogue


async def list_plan_dialogues(
    db: Database, actor: Actor, plan_id: int, *, today: date | None = None
) -> Sequence[PerformanceDialogue]:
    """Dialogues of one SKP, latest meeting first. Empty for an SKP the actor may not read."""
    async with db.read() as session:
        plan = await session.get(PerformancePlan, plan_id)
        if plan is None or not (await plan_access(session, actor, plan, today=today)).can_read:
            return []
        return (
            await session.scalars(
                sa.select(PerformanceDialogue)
                .where(PerformanceDialogue.plan_id == plan.id)
                .order_by(PerformanceDialogue.held_on.desc(), PerformanceDialogue.id.desc())
            )
        ).all()
