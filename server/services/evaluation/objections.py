"""Keberatan (objection) against a finalised evaluation (PP 30/2019 Pasal 59; DOMAIN.md §9).

The pegawai files within N days (default 14) of the result being set, with reasons; it goes to
the Atasan Pejabat Penilai found on the filing day, who records both sides' explanations and
decides: DITOLAK (the result stands) or DIUBAH (new ratings, the predicate recomputed, the
previous result kept). The decision is final; one objection per evaluation.

Deadlines are the instansi's calendar days (server.clock) and fixed on their records: the filing
deadline on the evaluation when its result is set, the decision deadline here when the objection
is filed (server.domain.deadlines). Nothing recomputes them from the settings afterwards.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from server import clock
from server.config import Settings
from server.db.engine import Database
from server.db.models import Evaluation, Objection, PerformancePlan
from server.domain.audit_actions import AuditAction
from server.domain.deadlines import DEFAULT_POLICY, ObjectionPolicy, decision_deadline, may_file
from server.domain.enums import ObjectionStatus, Rating, Role
from server.domain.evaluation import FINALISED, PREDICATE_LABELS
from server.services import links as portal_links
from server.services.actor import Actor
from server.services.audit import record_event
from server.services.errors import ErrorCode, ServiceError, forbidden
from server.services.evaluation.evaluations import apply_objection_result
from server.services.notifications import kepala_daerah_accounts, notify, notify_account
from server.services.organisation.directory import (
    UnitTree,
    current_units_of,
    load_org_snapshot,
    load_unit_tree,
)
from server.services.validation import check_version, clean_long_text, invalid

MAX_REASONS = 4000
MAX_EXPLANATION = 4000
MAX_LINKS = 10
MAX_LINK_LENGTH = 500


def objection_policy(settings: Settings) -> ObjectionPolicy:
    """The windows configured now; they apply to results set and objections filed from now on."""
    return ObjectionPolicy(settings.objection_filing_days, settings.objection_decision_days)


def received_on(evaluation: Evaluation) -> date:
    """The day the pegawai received the result: the (local) day it was set."""
    assert evaluation.finalised_at is not None
    return clock.day_of(evaluation.finalised_at)


def is_overdue(objection: Objection, today: date) -> bool:
    return objection.status is ObjectionStatus.DIAJUKAN and today > objection.decision_deadline


def objection_state(o: Objection) -> dict[str, Any]:
    return {
        "evaluation_id": o.evaluation_id,
        "status": o.status,
        "decider_employee_id": o.decider_employee_id,
        "filing_deadline": o.filing_deadline,
        "decision_deadline": o.decision_deadline,
        "employee_explanation": o.employee_explanation,
        "assessor_explanation": o.assessor_explanation,
        "decision_note": o.decision_note,
        "previous_result": o.previous_result,
    }


def evaluation_result(e: Evaluation) -> dict[str, Any]:
    return {
        "result_rating": e.result_rating.value if e.result_rating else None,
        "behavior_rating": e.behavior_rating.value if e.behavior_rating else None,
        "predicate": e.predicate.value if e.predicate else None,
    }


def clean_links(links: Sequence[str]) -> list[str]:
    """Evidence links: absolute http(s) URLs without credentials or whitespace."""
    if len(links) > MAX_LINKS:
        raise invalid("evidenceLinks", f"Paling banyak {MAX_LINKS} tautan bukti.")
    cleaned = []
    for raw in links:
        url = raw.strip()
        parts = urlsplit(url)
        if (
            not url
            or len(url) > MAX_LINK_LENGTH
            or parts.scheme not in ("http", "https")
            or not parts.hostname
            or "@" in parts.netloc
            or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url)
        ):
            raise invalid(
                "evidenceLinks",
                f"Tautan bukti harus URL http(s) yang lengkap (maks. {MAX_LINK_LENGTH} karakter).",
            )
        cleaned.append(url)
    return cleaned


async def _load(session: AsyncSession, evaluation_id: int) -> tuple[Evaluation, PerformancePlan]:
    evaluation = await session.get(Evaluation, evaluation_id)
    plan = await session.get(PerformancePlan, evaluation.plan_id) if evaluation else None
    if evaluation is None or plan is None:
        raise ServiceError(ErrorCode.NOT_FOUND, "Penilaian tidak ditemukan.", "evaluationId")
    return evaluation, plan


async def file_objection(
    db: Database,
    actor: Actor,
    *,
    evaluation_id: int,
    reasons: str,
    evidence_links: Sequence[str] = (),
    policy: ObjectionPolicy = DEFAULT_POLICY,
    today: date | None = None,
) -> Objection:
    """File a keberatan. ``policy`` gives only the decision window now: the filing deadline
    was fixed on the evaluation when its result was set."""
    today = today or clock.today()
    text = clean_long_text(reasons, "reasons", "Alasan keberatan", max_length=MAX_REASONS)
    links = clean_links(evidence_links)
    if links:
        # No column of its own yet: the links travel with the reasons (and in the audit event).
        text += "\n\nTautan bukti:\n" + "\n".join(f"- {url}" for url in links)
    async with db.write() as session:
        evaluation, plan = await _load(session, evaluation_id)
        if actor.employee_id is None or actor.employee_id != plan.employee_id:
            # Someone else's evaluation: whether it exists is not theirs to know.
            raise ServiceError(ErrorCode.NOT_FOUND, "Penilaian tidak ditemukan.", "evaluationId")
        if evaluation.status not in FINALISED or evaluation.finalised_at is None:
            raise ServiceError(
                ErrorCode.INVALID_STATE,
                "Keberatan hanya dapat diajukan atas penilaian yang sudah ditetapkan.",
            )
        deadline = evaluation.objection_filing_deadline
        assert deadline is not None  # set with finalised_at (a CHECK constraint)
        if not may_file(today, deadline):
            days = (deadline - received_on(evaluation)).days
            raise ServiceError(
                ErrorCode.INVALID_STATE,
                f"Batas waktu pengajuan keberatan ({days} hari sejak hasil penilaian diterima) "
                f"berakhir pada {deadline:%d-%m-%Y}; keberatan tidak dapat diajukan lagi.",
            )
        existing = await session.scalar(
            sa.select(Objection.id).where(Objection.evaluation_id == evaluation.id)
        )
        if existing is not None:
            raise ServiceError(
                ErrorCode.DUPLICATE, "Keberatan atas penilaian ini sudah pernah diajukan."
            )
        org = await load_org_snapshot(session, today)
        decider = org.resolve_assessors_assessor(plan.employee_id)
        # No Atasan Pejabat Penilai because the chain reaches the top: the Kepala Daerah decides.
        deciding_heads = await kepala_daerah_accounts(session) if decider is None else []
        by_kepala_daerah = bool(deciding_heads) and org.objection_decided_by_kepala_daerah(
            plan.employee_id
        )
        if decider is None and not by_kepala_daerah:
            raise ServiceError(
                ErrorCode.INVALID_STATE,
                "Atasan Pejabat Penilai Anda tidak dapat ditentukan (jabatan di atas kosong, atau "
                "akun Kepala Daerah belum dibuat); hubungi BKPSDM untuk menunjuk pejabat yang "
                "memutus keberatan.",
            )
        objection = Objection(
            evaluation_id=evaluation.id,
            filed_by_employee_id=plan.employee_id,
            decider_employee_id=decider.employee_id if decider else None,
            decided_by_kepala_daerah=by_kepala_daerah,
            reasons=text,
            status=ObjectionStatus.DIAJUKAN,
            filing_deadline=deadline,
            decision_deadline=decision_deadline(today, deadline, policy),
        )
        session.add(objection)
        try:
            await session.flush()
        except IntegrityError:  # a concurrent filing won the unique constraint
            raise ServiceError(
                ErrorCode.DUPLICATE, "Keberatan atas penilaian ini sudah pernah diajukan."
            ) from None
        await record_event(
            session,
            actor,
            AuditAction.OBJECTION_FILE,
            "objection",
            objection.id,
            after={**objection_state(objection), "evidence_links": links},
        )
        message = (
            "Keberatan atas hasil penilaian kinerja diajukan kepada Anda; putuskan paling "
            f"lambat {objection.decision_deadline:%d-%m-%Y}."
        )
        link = portal_links.objection(objection.id)
        if decider is not None:
            await notify(
                session,
                decider.employee_id,
                kind="KEBERATAN_DIAJUKAN",
                message=message,
                link=link,
                dedupe_key=f"objection.filed:{objection.id}",
            )
        for account_id in deciding_heads if by_kepala_daerah else []:
            await notify_account(
                session,
                account_id,
                kind="KEBERATAN_DIAJUKAN",
                message=message,
                link=link,
                dedupe_key=f"objection.filed:{objection.id}:{account_id}",
            )
        return objection


async def _decidable(session: AsyncSession, actor: Actor, objection_id: int) -> Objection:
    objection = await session.get(Objection, objection_id)
    if objection is None:
        raise ServiceError(ErrorCode.NOT_FOUND, "Keberatan tidak ditemukan.", "id")
    if not is_decider(actor, objection):
        if not await _can_read(session, actor, [objection]):
            raise ServiceError(ErrorCode.NOT_FOUND, "Keberatan tidak ditemukan.", "id")
        raise forbidden("Hanya Atasan Pejabat Penilai yang memutus keberatan ini.")
    if objection.status is not ObjectionStatus.DIAJUKAN:
        raise ServiceError(
            ErrorCode.INVALID_STATE, "Keberatan ini sudah diputus; keputusannya final."
        )
    return objection


def is_decider(actor: Actor, objection: Objection) -> bool:
    if objection.decided_by_kepala_daerah:
        return actor.is_kepala_daerah
    return actor.employee_id is not None and actor.employee_id == objection.decider_employee_id


def _explanation(raw: str | None, field: str, label: str) -> str | None:
    if raw is None:
        return None
    return clean_long_text(raw, field, label, max_length=MAX_EXPLANATION)


def _explanations(
    employee_explanation: str | None, assessor_explanation: str | None
) -> tuple[str | None, str | None]:
    """The pegawai's and the Pejabat Penilai's explanation, cleaned (None: not given)."""
    return (
        _explanation(employee_explanation, "employeeExplanation", "Penjelasan pegawai"),
        _explanation(assessor_explanation, "assessorExplanation", "Penjelasan Pejabat Penilai"),
    )


def _note_explanations(
    objection: Objection, employee_text: str | None, assessor_text: str | None
) -> None:
    """Keep what was given; an explanation not given leaves the one noted before."""
    if employee_text is not None:
        objection.employee_explanation = employee_text
    if assessor_text is not None:
        objection.assessor_explanation = assessor_text


async def record_explanations(
    db: Database,
    actor: Actor,
    *,
    objection_id: int,
    employee_explanation: str | None = None,
    assessor_explanation: str | None = None,
    expected_version: int | None = None,
) -> Objection:
    """The decider notes what the pegawai and the Pejabat Penilai explained."""
    employee_text, assessor_text = _explanations(employee_explanation, assessor_explanation)
    if employee_text is None and assessor_text is None:
        raise invalid("employeeExplanation", "Isi setidaknya satu penjelasan.")
    async with db.write() as session:
        objection = await _decidable(session, actor, objection_id)
        check_version(objection.version, expected_version, "Keberatan")
        before = objection_state(objection)
        _note_explanations(objection, employee_text, assessor_text)
        await session.flush()
        await record_event(
            session,
            actor,
            AuditAction.OBJECTION_EXPLANATIONS,
            "objection",
            objection.id,
            before=before,
            after=objection_state(objection),
        )
        return objection


async def decide_objection(
    db: Database,
    actor: Actor,
    *,
    objection_id: int,
    decision: ObjectionStatus,
    note: str,
    result_rating: Rating | None = None,
    behavior_rating: Rating | None = None,
    employee_explanation: str | None = None,
    assessor_explanation: str | None = None,
    expected_version: int | None = None,
) -> Objection:
    if decision is ObjectionStatus.DIAJUKAN:
        raise invalid("decision", "Keputusan harus DITOLAK atau DIUBAH.")
    note_text = clean_long_text(note, "note", "Pertimbangan keputusan", max_length=MAX_EXPLANATION)
    employee_text, assessor_text = _explanations(employee_explanation, assessor_explanation)
    if decision is ObjectionStatus.DIUBAH and (result_rating is None or behavior_rating is None):
        raise invalid(
            "resultRating", "Keputusan DIUBAH memerlukan Rating Hasil Kerja dan Perilaku baru."
        )
    if decision is ObjectionStatus.DITOLAK and (
        result_rating is not None or behavior_rating is not None
    ):
        raise invalid("resultRating", "Keputusan DITOLAK tidak mengubah rating.")
    async with db.write() as session:
        objection = await _decidable(session, actor, objection_id)
        check_version(objection.version, expected_version, "Keberatan")
        before = objection_state(objection)
        _note_explanations(objection, employee_text, assessor_text)
        if not objection.employee_explanation or not objection.assessor_explanation:
            raise invalid(
                "employeeExplanation",
                "Catat penjelasan pegawai dan Pejabat Penilai sebelum memutus keberatan.",
            )
        evaluation = await session.get(Evaluation, objection.evaluation_id)
        assert evaluation is not None
        if decision is ObjectionStatus.DIUBAH:
            assert result_rating is not None
            assert behavior_rating is not None
            if (
                result_rating is evaluation.result_rating
                and behavior_rating is evaluation.behavior_rating
            ):
                raise invalid(
                    "resultRating",
                    "Rating baru sama dengan hasil semula; pilih DITOLAK bila hasil tetap.",
                )
            previous = evaluation_result(evaluation)
            # The evaluation service owns the change (matrix, explanation, its audit event).
            await apply_objection_result(
                session,
                evaluation,
                result_rating=result_rating,
                behavior_rating=behavior_rating,
                reason=note_text,
                actor=actor,
            )
            objection.previous_result = previous
        objection.status = decision
        objection.decision_note = note_text
        objection.decided_at = clock.now()
        await session.flush()
        await record_event(
            session,
            actor,
            AuditAction.OBJECTION_DECIDE,
            "objection",
            objection.id,
            before=before,
            after=objection_state(objection),
        )
        outcome = (
            f"hasil penilaian diubah menjadi {PREDICATE_LABELS[evaluation.predicate]}"
            if decision is ObjectionStatus.DIUBAH and evaluation.predicate
            else "hasil penilaian tetap"
        )
        await notify(
            session,
            objection.filed_by_employee_id,
            kind="KEBERATAN_DIPUTUS",
            message=f"Keberatan Anda telah diputus: {outcome}. Keputusan ini final.",
            link=portal_links.objection(objection.id),
            dedupe_key=f"objection.decided:{objection.id}",
        )
        return objection


@dataclass(frozen=True)
class _Facts:
    employee_id: int
    assessor_id: int | None


async def _facts(session: AsyncSession, objections: Sequence[Objection]) -> dict[int, _Facts]:
    if not objections:
        return {}
    rows = (
        await session.execute(
            sa.select(Evaluation.id, PerformancePlan.employee_id, Evaluation.assessor_employee_id)
            .join(PerformancePlan, PerformancePlan.id == Evaluation.plan_id)
            .where(Evaluation.id.in_({o.evaluation_id for o in objections}))
        )
    ).all()
    return {ev: _Facts(emp, assessor) for ev, emp, assessor in rows}


async def _readable(
    session: AsyncSession, actor: Actor, objections: Sequence[Objection], today: date
) -> list[Objection]:
    """The pegawai, the decider, the Pejabat Penilai of the evaluation, the pengelola kinerja
    of the pegawai's unit, BKPSDM and auditors."""
    if actor.sees_everything:
        return list(objections)
    facts = await _facts(session, objections)
    units: UnitTree | None = None
    unit_of: dict[int, int] = {}
    if actor.has(Role.UNIT_MANAGER) and actor.managed_unit_id is not None and objections:
        units = await load_unit_tree(session)
        unit_of = await current_units_of(session, {f.employee_id for f in facts.values()}, today)
    found = []
    for o in objections:
        fact = facts.get(o.evaluation_id)
        me = actor.employee_id
        if is_decider(actor, o) or (
            me is not None and me in (o.filed_by_employee_id, fact.assessor_id if fact else None)
        ):
            found.append(o)
        elif units is not None and fact is not None and actor.managed_unit_id is not None:
            unit = unit_of.get(fact.employee_id)
            if unit is not None and units.is_within(unit, actor.managed_unit_id):
                found.append(o)
    return found


async def _can_read(session: AsyncSession, actor: Actor, objections: Sequence[Objection]) -> bool:
    return bool(await _readable(session, actor, objections, clock.today()))


async def get_objection(
    db: Database, actor: Actor, objection_id: int, *, today: date | None = None
) -> Objection:
    async with db.read() as session:
        objection = await session.get(Objection, objection_id)
        if objection is None or not await _readable(
            session, actor, [objection], today or clock.today()
        ):
            raise ServiceError(ErrorCode.NOT_FOUND, "Keberatan tidak ditemukan.", "id")
        return objection


async def list_objections(
    db: Database,
    actor: Actor,
    *,
    status: ObjectionStatus | None = None,
    to_decide: bool = False,
    overdue_only: bool = False,
    today: date | None = None,
    limit: int = 200,
) -> list[Objection]:
    """Objections the actor may read, newest first; ``to_decide``: those awaiting the actor."""
    today = today or clock.today()
    query = sa.select(Objection).order_by(Objection.id.desc())
    if status is not None:
        query = query.where(Objection.status == status)
    if to_decide:
        query = query.where(
            Objection.decided_by_kepala_daerah.is_(True)
            if actor.is_kepala_daerah
            else Objection.decider_employee_id == (actor.employee_id or -1),
            Objection.status == ObjectionStatus.DIAJUKAN,
        )
    if overdue_only:
        query = query.where(
            Objection.status == ObjectionStatus.DIAJUKAN, Objection.decision_deadline < today
        )
    async with db.read() as session:
        rows = (await session.scalars(query)).all()
        return (await _readable(session, actor, rows, today))[:limit]


@dataclass(frozen=True)
class ObjectionCounts:
    """Keberatan of one unit in a date range, for publication (aggregates only)."""

    unit_id: int
    filed: int
    upheld: int  # DIUBAH: the result was changed
    rejected: int  # DITOLAK
    pending: int


async def objection_counts_by_unit(db: Database, start: date, end: date) -> list[ObjectionCounts]:
    """Objections filed between ``start`` and ``end`` (inclusive, local days) per pegawai's unit.

    The unit is the one held on ``end``; a pegawai without a position then is left out.
    No actor: this feeds the release builder, which publishes aggregates only.
    """
    lower, upper = clock.day_bounds(start, end)
    async with db.read() as session:
        rows = (
            await session.execute(
                sa.select(Objection.filed_by_employee_id, Objection.status).where(
                    Objection.created_at >= lower, Objection.created_at < upper
                )
            )
        ).all()
        unit_of = await current_units_of(session, {emp for emp, _ in rows}, end)
    counts: dict[int, Counter[ObjectionStatus]] = {}
    for emp, status in rows:
        unit = unit_of.get(emp)
        if unit is not None:
            counts.setdefault(unit, Counter())[status] += 1
    return [
        ObjectionCounts(
            unit_id=unit,
            filed=sum(c.values()),
            upheld=c[ObjectionStatus.DIUBAH],
            rejected=c[ObjectionStatus.DITOLAK],
            pending=c[ObjectionStatus.DIAJUKAN],
        )
        for unit, c in sorted(counts.items())
    ]
