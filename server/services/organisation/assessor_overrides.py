"""Proposals of assessor overrides (usulan Plt/Plh/penunjukan Pejabat Penilai).

Only BKPSDM sets an override (server.services.organisation.structure.set_assessor_override): it decides
who rates whom, and a unit manager who could set one could name themself or a friendly
colleague as the assessor of their own head of unit. A unit manager proposes one for a
position of their unit; BKPSDM approves it (the override is created then, checked again) or
refuses it with a reason. Every step is audited; BKPSDM hears of a new proposal and the
proposer of the decision through in-app notifications.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from server import clock
from server.db.engine import Database
from server.db.models import (
    AccountRole,
    AssessorOverride,
    AssessorOverrideProposal,
    Position,
    UserAccount,
)
from server.domain.audit_actions import AuditAction
from server.domain.enums import ProposalStatus, Role
from server.services.actor import Actor
from server.services.audit import record_event
from server.services.errors import ErrorCode, ServiceError, forbidden
from server.services.notifications import notify_account
from server.services.organisation.directory import load_unit_tree
from server.services.organisation.structure import (
    OverrideInput,
    check_appointee,
    override_state,
    write_override,
)
from server.services.permissions import require_hr_admin, require_org_write
from server.services.validation import check_period, check_version, clean_text

MAX_REASON = 500
PROPOSED = "USULAN_PENILAI_DIAJUKAN"
DECIDED = "USULAN_PENILAI_DIPUTUS"
_ONLY_HR = "Hanya Admin BKPSDM yang memutus usulan penunjukan Pejabat Penilai."


def proposal_state(p: AssessorOverrideProposal) -> dict[str, Any]:
    return {
        "position_id": p.position_id,
        "assessor_employee_id": p.assessor_employee_id,
        "acting_kind": p.acting_kind,
        "reason": p.reason,
        "valid_from": p.valid_from,
        "valid_until": p.valid_until,
        "status": p.status,
        "proposed_by_account_id": p.proposed_by_account_id,
        "decided_by_account_id": p.decided_by_account_id,
        "decision_note": p.decision_note,
        "override_id": p.override_id,
    }


async def _hr_accounts(session: AsyncSession) -> list[int]:
    return list(
        (
            await session.scalars(
                sa.select(UserAccount.id)
                .join(AccountRole, AccountRole.account_id == UserAccount.id)
                .where(AccountRole.role == Role.HR_ADMIN, UserAccount.active.is_(True))
                .order_by(UserAccount.id)
            )
        ).all()
    )


async def propose_assessor_override(
    db: Database, actor: Actor, data: OverrideInput
) -> AssessorOverrideProposal:
    """A unit manager (or BKPSDM) proposes an override for a position of their unit."""
    reason = clean_text(data.reason, "reason", "Alasan", max_length=MAX_REASON)
    check_period(data.valid_from, data.valid_until)
    if actor.account_id is None:
        raise forbidden("Usulan diajukan dari akun pengelola kinerja.")
    async with db.write() as session:
        position = await session.get(Position, data.position_id)
        if position is None:
            raise ServiceError(ErrorCode.INVALID_INPUT, "Jabatan tidak ditemukan.", "positionId")
        await require_org_write(session, actor, position.unit_id)
        await check_appointee(
            session, position.id, data.assessor_employee_id, [actor.employee_id], data.valid_from
        )
        proposal = AssessorOverrideProposal(
            position_id=position.id,
            assessor_employee_id=data.assessor_employee_id,
            acting_kind=data.acting_kind,
            reason=reason,
            valid_from=data.valid_from,
            valid_until=data.valid_until,
            status=ProposalStatus.DIAJUKAN,
            proposed_by_account_id=actor.account_id,
        )
        session.add(proposal)
        await session.flush()
        await record_event(
            session,
            actor,
            AuditAction.ASSESSOR_OVERRIDE_PROPOSE,
            "assessor_override_proposal",
            proposal.id,
            after=proposal_state(proposal),
        )
        for account_id in await _hr_accounts(session):
            await notify_account(
                session,
                account_id,
                kind=PROPOSED,
                message=(
                    f"Usulan penunjukan Pejabat Penilai ({data.acting_kind.value}) untuk jabatan "
                    f"{position.name} menunggu keputusan BKPSDM."
                ),
                link=None,
                dedupe_key=f"{PROPOSED}:{proposal.id}:{account_id}",
            )
    return proposal


async def _pending(
    session: AsyncSession, actor: Actor, proposal_id: int, expected_version: int | None
) -> AssessorOverrideProposal:
    require_hr_admin(actor, _ONLY_HR)
    proposal = await session.get(AssessorOverrideProposal, proposal_id)
    if proposal is None:
        raise ServiceError(ErrorCode.NOT_FOUND, "Usulan tidak ditemukan.", "id")
    check_version(proposal.version, expected_version, "Usulan")
    if proposal.status is not ProposalStatus.DIAJUKAN:
        raise ServiceError(ErrorCode.INVALID_STATE, "Usulan ini sudah diputus.")
    return proposal


async def _tell_proposer(
    session: AsyncSession, proposal: AssessorOverrideProposal, message: str
) -> None:
    await notify_account(
        session,
        proposal.proposed_by_account_id,
        kind=DECIDED,
        message=message,
        link=None,
        dedupe_key=f"{DECIDED}:{proposal.id}",
    )


async def approve_override_proposal(
    db: Database, actor: Actor, proposal_id: int, expected_version: int | None = None
) -> AssessorOverrideProposal:
    """BKPSDM approves: the override is set (the appointee checked again, now also against the
    proposer and the approver), the proposal records it."""
    async with db.write() as session:
        proposal = await _pending(session, actor, proposal_id, expected_version)
        before = proposal_state(proposal)
        proposer = await session.get(UserAccount, proposal.proposed_by_account_id)
        data = OverrideInput(
            position_id=proposal.position_id,
            assessor_employee_id=proposal.assessor_employee_id,
            acting_kind=proposal.acting_kind,
            reason=proposal.reason,
            valid_from=proposal.valid_from,
            valid_until=proposal.valid_until,
        )
        await check_appointee(
            session,
            proposal.position_id,
            proposal.assessor_employee_id,
            [actor.employee_id, proposer.employee_id if proposer else None],
            proposal.valid_from,
        )
        override = await write_override(session, actor, data, proposal.reason)
        proposal.status = ProposalStatus.DISETUJUI
        proposal.decided_by_account_id = actor.account_id
        proposal.decided_at = clock.now()
        proposal.override_id = override.id
        await session.flush()
        await record_event(
            session,
            actor,
            AuditAction.ASSESSOR_OVERRIDE_PROPOSAL_APPROVE,
            "assessor_override_proposal",
            proposal.id,
            before=before,
            after={**proposal_state(proposal), "override": override_state(data, proposal.reason)},
        )
        position = await session.get(Position, proposal.position_id)
        await _tell_proposer(
            session,
            proposal,
            f"Usulan penunjukan Pejabat Penilai untuk jabatan "
            f"{position.name if position else proposal.position_id} disetujui BKPSDM.",
        )
    return proposal


async def refuse_override_proposal(
    db: Database,
    actor: Actor,
    proposal_id: int,
    reason: str,
    expected_version: int | None = None,
) -> AssessorOverrideProposal:
    """BKPSDM refuses, with a reason the proposer reads."""
    note = clean_text(reason, "reason", "Alasan penolakan", max_length=MAX_REASON)
    async with db.write() as session:
        proposal = await _pending(session, actor, proposal_id, expected_version)
        before = proposal_state(proposal)
        proposal.status = ProposalStatus.DITOLAK
        proposal.decided_by_account_id = actor.account_id
        proposal.decided_at = clock.now()
        proposal.decision_note = note
        await session.flush()
        await record_event(
            session,
            actor,
            AuditAction.ASSESSOR_OVERRIDE_PROPOSAL_REFUSE,
            "assessor_override_proposal",
            proposal.id,
            before=before,
            after=proposal_state(proposal),
        )
        position = await session.get(Position, proposal.position_id)
        await _tell_proposer(
            session,
            proposal,
            f"Usulan penunjukan Pejabat Penilai untuk jabatan "
            f"{position.name if position else proposal.position_id} ditolak BKPSDM: {note}",
        )
    return proposal


@dataclass(frozen=True)
class ProposalFilter:
    status: ProposalStatus | None = ProposalStatus.DIAJUKAN
    limit: int = 100


async def _positions_in_reach(
    session: AsyncSession, actor: Actor, what: str
) -> sa.Select[int] | None:
    """None for BKPSDM and auditors (everything); the positions of a unit manager's unit (with
    its sub-units); anyone else is refused."""
    if actor.sees_everything:
        return None
    if not actor.has(Role.UNIT_MANAGER) or actor.managed_unit_id is None:
        raise forbidden(f"Hanya BKPSDM dan pengelola kinerja unit yang melihat {what}.")
    units = (await load_unit_tree(session)).subtree(actor.managed_unit_id)
    return sa.select(Position.id).where(Position.unit_id.in_(units))


async def list_override_proposals(
    db: Database, actor: Actor, wanted: ProposalFilter
) -> list[AssessorOverrideProposal]:
    """BKPSDM and auditors see every proposal; a unit manager those for positions of their
    unit (their own and their colleagues'); nobody else any."""
    async with db.read() as session:
        where: list[sa.ColumnElement[bool]] = []
        if wanted.status is not None:
            where.append(AssessorOverrideProposal.status == wanted.status)
        reach = await _positions_in_reach(session, actor, "usulan")
        if reach is not None:
            where.append(AssessorOverrideProposal.position_id.in_(reach))
        rows = await session.scalars(
            sa.select(AssessorOverrideProposal)
            .where(*where)
            .order_by(AssessorOverrideProposal.created_at, AssessorOverrideProposal.id)
            .limit(wanted.limit)
        )
        return list(rows.all())


async def list_current_overrides(db: Database, actor: Actor, limit: int) -> list[AssessorOverride]:
    """The overrides in force today or starting later (not those that ended), soonest first:
    BKPSDM and auditors see all, a unit manager those for positions of their unit."""
    today = clock.today()
    async with db.read() as session:
        where: list[sa.ColumnElement[bool]] = [
            sa.or_(AssessorOverride.valid_until.is_(None), AssessorOverride.valid_until >= today)
        ]
        reach = await _positions_in_reach(session, actor, "penunjukan Pejabat Penilai")
        if reach is not None:
            where.append(AssessorOverride.position_id.in_(reach))
        rows = await session.scalars(
            sa.select(AssessorOverride)
            .where(*where)
            .order_by(AssessorOverride.valid_from, AssessorOverride.id)
            .limit(limit)
        )
        return list(rows.all())
