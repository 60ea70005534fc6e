"""Load one year of synthetic performance work (server.demo.performance) after the demo city.

Like the city loader: Core bulk inserts in batches, parents before children, database ids mapped
back through natural keys (NIP, unit code, SKP + ordinal, IKI + period, SKP + timestamp), all in
one transaction with one audit event ``demo.seed_performance``. The few evidence files go to
the evidence store first (content-addressed, so a failed load leaves at most harmless files that
the next identical write reuses) and the rows second, so no row points at a missing file.
"""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from server import clock
from server.db.engine import Database
from server.db.models import (
    BehaviorExpectation,
    Employee,
    Evidence,
    Feedback,
    FeedbackPhrase,
    PerformanceDialogue,
    PerformancePlan,
    PlanVersion,
    Position,
    Realization,
    StoredFile,
    Unit,
    WorkLogEntry,
)
from server.db.tally import refresh_tally
from server.demo import DemoCity
from server.demo.bulk import insert_rows
from server.demo.evidence_files import DemoFile
from server.demo.performance import DemoPerformance, DemoPlan
from server.demo.performance_texts import (
    LAMPIRAN_ACCOUNTABILITY,
    LAMPIRAN_CONSEQUENCES,
    LAMPIRAN_RESOURCES,
)
from server.demo.skp_rows import (
    chunks,
    insert_org_goals,
    insert_skp_content,
    insert_year,
    plan_ids_by_nip,
    rhk_links,
)
from server.domain.audit_actions import AuditAction
from server.domain.enums import EvidenceKind, PlanStatus, YearStatus
from server.domain.golongan import pangkat_for
from server.domain.officials import kepala_daerah_identity
from server.services.actor import Actor
from server.services.audit import record_event
from server.services.feedback import DEFAULT_FEEDBACK_PHRASES, ensure_default_phrases
from server.services.planning.snapshots import CONTENT_FORMAT
from server.storage.evidence_store import EvidenceStore


@dataclass(frozen=True)
class PerformanceSeedReport:
    year: int
    org_goals: int
    plans: int
    work_results: int
    indicators: int
    realizations: int
    work_log_entries: int
    evidence: int
    files: int
    feedback: int
    dialogues: int

    def as_dict(self) -> dict[str, int]:
        return dict(vars(self))


async def _one_chunk(content: bytes) -> AsyncIterator[bytes]:
    yield content


async def store_demo_files(store: EvidenceStore, files: Sequence[DemoFile]) -> list[str]:
    """Put the generated files into the evidence store (once each); their SHA-256 by index."""
    digests = []
    for f in files:
        digest = hashlib.sha256(f.content).hexdigest()
        if not await store.exists(digest):
            received = await store.receive(_one_chunk(f.content), max_bytes=len(f.content))
            await store.commit(received)
        digests.append(digest)
    return digests


def _decimal_text(value: Decimal | None) -> str | None:
    # As in PlanVersion bodies written by the portal (services.planning.snapshots).
    return None if value is None else format(value.normalize(), "f")


class _Identities:
    """Name, NIP, jabatan, pangkat and unit of demo people, as services.planning.snapshots
    records them when an SKP is submitted or set."""

    def __init__(
        self,
        city: DemoCity,
        employee_ids: dict[str, int],
        position_ids: dict[str, int],
        unit_ids: dict[str, int],
    ) -> None:
        self.people = {e.nip: e for e in city.employees}
        self.positions = {p.key: p for p in city.positions}
        self.units = {u.code: u for u in city.units}
        self.employee_ids = employee_ids
        self.position_ids = position_ids
        self.unit_ids = unit_ids
        root = next(u for u in city.units if u.parent_code is None)
        self.root_id: int | None = unit_ids.get(root.code)
        self.root_name: str | None = root.name

    def of(self, nip: str) -> dict[str, Any]:
        person = self.people[nip]
        position = self.positions[person.position_key] if person.position_key else None
        unit = self.units[position.unit_code] if position else None
        return {
            "employee_id": self.employee_ids[nip],
            "name": person.name,
            "nip": person.nip,
            "golongan": person.golongan,
            "pangkat": pangkat_for(person.golongan),
            "position_id": self.position_ids[position.key] if position else None,
            "jabatan": position.name if position else None,
            "position_kind": position.kind.value if position else None,
            "unit_id": self.unit_ids[unit.code] if unit else None,
            "unit": unit.name if unit else None,
        }

    def snapshot(self, plan: DemoPlan) -> dict[str, Any] | None:
        """Both identities as of submission (the Sekretaris Daerah's penilai: the Wali Kota)."""
        if plan.submitted_at is None:
            return None
        moment = plan.approved_at or plan.submitted_at
        return {
            "taken_on": clock.day_of(moment).isoformat(),
            "pegawai": self.of(plan.nip),
            "penilai": (
                self.of(plan.assessor_nip)
                if plan.assessor_nip is not None
                else kepala_daerah_identity(self.root_id, self.root_name)
            ),
        }


async def load_demo_performance(
    db: Database,
    city: DemoCity,
    perf: DemoPerformance,
    actor: Actor,
    store: EvidenceStore,
) -> PerformanceSeedReport:
    """Insert ``perf`` for ``city`` (already loaded by demo.seed.load_demo_city)."""
    digests = await store_demo_files(store, perf.files)
    # The standard phrases are master data any installation gets; audited by their service.
    await ensure_default_phrases(db, actor)
    now = clock.now()
    async with db.write() as session:
        employee_ids = dict((await session.execute(sa.select(Employee.nip, Employee.id))).all())
        unit_ids = dict((await session.execute(sa.select(Unit.code, Unit.id))).all())
        position_ids = dict((await session.execute(sa.select(Position.code, Position.id))).all())
        phrase_ids = dict(
            (await session.execute(sa.select(FeedbackPhrase.text, FeedbackPhrase.id))).all()
        )
        identities = _Identities(city, employee_ids, position_ids, unit_ids)

        # Evidence files: one row per content, shared by every Evidence row that cites it.
        insert = (
            postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
        )
        for f, digest in zip(perf.files, digests, strict=True):
            await session.execute(
                insert(StoredFile)
                .values(sha256=digest, size=len(f.content), media_type=f.media_type, created_at=now)
                .on_conflict_do_nothing(index_elements=["sha256"])
            )

        # Periode Penilaian and its months.
        y = perf.year
        year_id, period_ids = await insert_year(
            session,
            y,
            status=YearStatus.DIBUKA,
            closed_at=None,
            evaluated_at=[None] * len(y.periods),
            now=now,
        )
        # Organisation goals, keyed by (unit, ordinal).
        goal_ids = await insert_org_goals(
            session, perf.org_goals, unit_ids=unit_ids, year_id=year_id, now=now
        )

        # SKPs, keyed by employee (one per employee per year).
        await insert_rows(
            session,
            PerformancePlan,
            [
                {
                    "employee_id": employee_ids[p.nip],
                    "year_id": year_id,
                    "approach": p.approach,
                    "status": p.status,
                    # The assessor is fixed on submission; a draft has none yet.
                    "assessor_employee_id": (
                        employee_ids[p.assessor_nip]
                        if p.assessor_nip and p.status is not PlanStatus.DRAFT
                        else None
                    ),
                    # Nobody above in the tree: the Wali Kota rates (issue 8).
                    "assessed_by_kepala_daerah": (
                        p.assessor_nip is None and p.status is not PlanStatus.DRAFT
                    ),
                    "revision": 0,
                    "rejection_reason": p.rejection_reason,
                    "revision_reason": None,
                    "identity_snapshot": identities.snapshot(p),
                    "resource_support": LAMPIRAN_RESOURCES,
                    "accountability_scheme": LAMPIRAN_ACCOUNTABILITY,
                    "consequences": LAMPIRAN_CONSEQUENCES,
                    "submitted_at": p.submitted_at,
                    "approved_at": p.approved_at,
                    "version": 1,
                    "created_at": p.created_at,
                    "updated_at": p.approved_at or p.submitted_at or p.created_at,
                }
                for p in perf.plans
            ],
        )
        plan_ids = await plan_ids_by_nip(
            session, perf.plans, employee_ids=employee_ids, year_id=year_id
        )

        # RHKs level by level down the rating chain: a parent RHK exists before its children.
        depth: dict[str, int] = {}
        for p in perf.plans:  # assessors come first
            linked = any(r.parent_ordinal is not None for r in p.work_results)
            depth[p.nip] = depth[p.assessor_nip] + 1 if linked and p.assessor_nip else 0
        rhk_ids, iki_by_rhk = await insert_skp_content(
            session, perf.plans, plan_ids=plan_ids, goal_ids=goal_ids, depth=depth, year_id=year_id
        )

        def iki_id(nip: str, rhk: int, iki: int) -> int:
            return iki_by_rhk[rhk_ids[plan_ids[nip], rhk], iki]

        await insert_rows(
            session,
            BehaviorExpectation,
            [
                {"plan_id": plan_ids[p.nip], "value": value, "expectation": text}
                for p in perf.plans
                for value, text in p.expectations
            ],
        )

        # The set version of every DITETAPKAN SKP (PlanVersion revision 0), as approve_plan writes.
        await insert_rows(
            session,
            PlanVersion,
            [
                {
                    "plan_id": plan_ids[p.nip],
                    "revision": 0,
                    "content": _plan_content(p, plan_ids, rhk_ids, iki_id, goal_ids, identities),
                    "approved_at": p.approved_at,
                    "approved_by_employee_id": employee_ids[p.assessor_nip]
                    if p.assessor_nip
                    else None,
                }
                for p in perf.plans
                if p.status is PlanStatus.DITETAPKAN and p.approved_at
            ],
        )

        # Realisasi, keyed by (IKI, period).
        await insert_rows(
            session,
            Realization,
            [
                {
                    "indicator_id": iki_id(r.nip, r.rhk, r.iki),
                    "period_id": period_ids[r.period],
                    "value": r.value,
                    "description": r.description,
                    "status": r.status,
                    "confirmed_at": r.confirmed_at,
                    "version": 1,
                    "created_at": r.filed_at,
                    "updated_at": r.filed_at,
                }
                for r in perf.realizations
            ],
        )
        realization_ids: dict[tuple[int, int], int] = {}
        for ids in chunks(list(period_ids.values())):
            found = await session.execute(
                sa.select(Realization.indicator_id, Realization.period_id, Realization.id).where(
                    Realization.period_id.in_(ids)
                )
            )
            realization_ids.update({(i, p): rid for i, p, rid in found})

        def realization_id(nip: str, rhk: int, iki: int, period: int) -> int:
            return realization_ids[iki_id(nip, rhk, iki), period_ids[period]]

        # Work log, keyed by (SKP, date, text).
        await insert_rows(
            session,
            WorkLogEntry,
            [
                {
                    "employee_id": employee_ids[w.nip],
                    "plan_id": plan_ids[w.nip],
                    "work_result_id": rhk_ids[plan_ids[w.nip], w.rhk],
                    "indicator_id": iki_id(w.nip, w.rhk, w.iki) if w.iki is not None else None,
                    "work_date": w.work_date,
                    "text": w.text,
                    "minutes_spent": w.minutes_spent,
                    "quantity": w.quantity,
                    "created_at": w.created_at,
                    "updated_at": w.created_at,
                }
                for w in perf.work_log
            ],
        )
        entry_ids: dict[tuple[int, date, str], int] = {}
        if any(e.work_log is not None for e in perf.evidence):
            found_entries = await session.execute(
                sa.select(
                    WorkLogEntry.plan_id, WorkLogEntry.work_date, WorkLogEntry.text, WorkLogEntry.id
                )
                .join(PerformancePlan, PerformancePlan.id == WorkLogEntry.plan_id)
                .where(PerformancePlan.year_id == year_id)
            )
            entry_ids = {(p, d, t): i for p, d, t, i in found_entries}

        await insert_rows(
            session,
            Evidence,
            [
                {
                    "realization_id": realization_id(e.nip, *e.realization)
                    if e.realization
                    else None,
                    "work_log_entry_id": (
                        entry_ids[plan_ids[e.nip], *e.work_log] if e.work_log else None
                    ),
                    "kind": EvidenceKind.FILE if e.file_index is not None else EvidenceKind.LINK,
                    "sha256": digests[e.file_index] if e.file_index is not None else None,
                    "original_name": e.original_name,
                    "url": e.url,
                    "title": e.title,
                    "added_by_employee_id": employee_ids[e.nip],
                    "created_at": e.created_at,
                    "removed_at": None,
                }
                for e in perf.evidence
            ],
        )

        # Feedback threads: comments before replies, keyed by (SKP, created_at).
        feedback_ids: dict[tuple[int, datetime], int] = {}
        pending = list(perf.feedback)
        while pending:
            ready = [
                c
                for c in pending
                if c.reply_to is None or (plan_ids[c.nip], c.reply_to) in feedback_ids
            ]
            if not ready:
                raise ValueError("demo feedback replies to a comment that does not exist")
            feedback_rows: list[dict[str, Any]] = []
            for c in ready:
                plan_id = plan_ids[c.nip]
                phrase = (
                    DEFAULT_FEEDBACK_PHRASES[c.phrase_index] if c.phrase_index is not None else None
                )
                target_id = _feedback_target_id(
                    c.nip, c.rhk, c.iki, c.period, plan_ids, rhk_ids, iki_id, realization_id
                )
                feedback_rows.append(
                    {
                        "plan_id": plan_id,
                        "target": c.target,
                        "target_id": target_id,
                        "target_value": None,
                        "parent_id": feedback_ids[plan_id, c.reply_to] if c.reply_to else None,
                        "author_employee_id": employee_ids[c.author_nip],
                        "phrase_id": phrase_ids.get(phrase) if phrase else None,
                        # As add_feedback composes it: the phrase, then the assessor's own words.
                        "text": "\n".join(t for t in (phrase, c.text) if t),
                        "created_at": c.created_at,
                    }
                )
            await insert_rows(session, Feedback, feedback_rows)
            touched = sorted({plan_ids[c.nip] for c in ready})
            for ids in chunks(touched):
                found_feedback = await session.execute(
                    sa.select(Feedback.plan_id, Feedback.created_at, Feedback.id).where(
                        Feedback.plan_id.in_(ids)
                    )
                )
                feedback_ids.update({(p, made): i for p, made, i in found_feedback})
            inserted = {(c.nip, c.created_at) for c in ready}
            pending = [c for c in pending if (c.nip, c.created_at) not in inserted]

        await insert_rows(
            session,
            PerformanceDialogue,
            [
                {
                    "plan_id": plan_ids[d.nip],
                    "held_on": d.held_on,
                    "participants": {
                        "employee_ids": [employee_ids[n] for n in d.participant_nips],
                        "guests": [],
                    },
                    "summary": d.summary,
                    "follow_ups": d.follow_ups,
                    "recorded_by_employee_id": employee_ids[d.recorded_by_nip],
                    "created_at": d.created_at,
                }
                for d in perf.dialogues
            ],
        )

        report = PerformanceSeedReport(
            year=y.year,
            org_goals=len(perf.org_goals),
            plans=len(perf.plans),
            work_results=len(rhk_ids),
            indicators=len(iki_by_rhk),
            realizations=len(perf.realizations),
            work_log_entries=len(perf.work_log),
            evidence=len(perf.evidence),
            files=len(perf.files),
            feedback=len(perf.feedback),
            dialogues=len(perf.dialogues),
        )
        await refresh_tally(session, year_id=year_id)  # one INSERT…SELECT after the bulk rows
        await record_event(
            session,
            actor,
            AuditAction.DEMO_SEED_PERFORMANCE,
            "appraisal_year",
            year_id,
            after={"synthetic": True, **report.as_dict()},
        )
    return report


def _feedback_target_id(
    nip: str,
    rhk: int | None,
    iki: int | None,
    period: int | None,
    plan_ids: dict[str, int],
    rhk_ids: dict[tuple[int, int], int],
    iki_id: Callable[[str, int, int], int],
    realization_id: Callable[[str, int, int, int], int],
) -> int | None:
    if rhk is None:
        return None  # the SKP itself
    if period is not None and iki is not None:
        return realization_id(nip, rhk, iki, period)
    if iki is not None:
        return iki_id(nip, rhk, iki)
    return rhk_ids[plan_ids[nip], rhk]


def _plan_content(
    plan: DemoPlan,
    plan_ids: dict[str, int],
    rhk_ids: dict[tuple[int, int], int],
    iki_id: Callable[[str, int, int], int],
    goal_ids: dict[tuple[str, int], int],
    identities: _Identities,
) -> dict[str, Any]:
    """The body of a PlanVersion in the format of services.planning.snapshots.plan_content."""
    plan_id = plan_ids[plan.nip]
    return {
        "format": CONTENT_FORMAT,
        "approach": plan.approach.value,
        "work_results": [
            {
                "id": rhk_ids[plan_id, r.ordinal],
                "kind": r.kind.value,
                "text": r.text,
                **rhk_links(plan, r, plan_ids=plan_ids, rhk_ids=rhk_ids, goal_ids=goal_ids),
                "ordinal": r.ordinal,
                "indicators": [
                    {
                        "id": iki_id(plan.nip, r.ordinal, i.ordinal),
                        "aspect": i.aspect.value,
                        "text": i.text,
                        "target_value": _decimal_text(i.target_value),
                        "target_unit": i.target_unit,
                        "target_description": None,
                        "perspective": i.perspective.value if i.perspective else None,
                        "ordinal": i.ordinal,
                    }
                    for i in r.indicators
                ],
            }
            for r in plan.work_results
        ],
        "behavior_expectations": [
            {"value": value.value, "expectation": text}
            for value, text in sorted(plan.expectations, key=lambda e: e[0].value)
        ],
        "lampiran": {
            "resource_support": LAMPIRAN_RESOURCES,
            "accountability_scheme": LAMPIRAN_ACCOUNTABILITY,
            "consequences": LAMPIRAN_CONSEQUENCES,
        },
        "identity_snapshot": identities.snapshot(plan),
    }
