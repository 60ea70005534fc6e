"""Load last year's evaluated appraisal year (server.demo.evaluations) after the demo city.

Like the other demo loaders: Core bulk inserts in batches (services.bulk), parents before
children, database ids mapped back through natural keys (NIP, unit code, SKP + ordinal, IKI +
period, SKP + kind + period), all in one transaction with one audit event
``demo.seed_evaluations``. The explanation of each evaluation is written by the evaluation
service's own ExplanationBuilder, so the "why this predicate" text reads as the portal's.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import sqlalchemy as sa

from server import clock
from server.db.engine import Database
from server.db.evaluation_count import refresh_evaluation_count
from server.db.models import (
    BehaviorObservation,
    CalibrationDecision,
    CoachingCheckIn,
    CoachingPlan,
    Employee,
    Evaluation,
    Objection,
    OrgPredicateAssignment,
    PerformancePlan,
    Position,
    Realization,
    Unit,
    WorkResultJudgement,
)
from server.db.models.evaluation import rated_unit_of
from server.db.tally import refresh_tally
from server.demo import DemoCity
from server.demo.bulk import insert_rows
from server.demo.evaluations import DemoEvaluation, DemoEvaluations, PastPlan
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
)
from server.domain.audit_actions import AuditAction
from server.domain.enums import EvaluationKind, PlanStatus, RealizationStatus, YearStatus
from server.domain.evaluation import PREDICATE_LABELS, RATING_LABELS, Proposal
from server.domain.golongan import pangkat_for
from server.domain.planning import period_label
from server.services.actor import Actor
from server.services.audit import record_event
from server.services.evaluation.evaluations import ORG_LABELS, VALUE_LABELS
from server.services.evaluation.explanation import ExplanationBuilder, add_objection_override
from server.services.evaluation.proposals import propose_annual


@dataclass(frozen=True)
class EvaluationSeedReport:
    year: int
    plans: int
    realizations: int
    evaluations: int
    judgements: int
    observations: int
    org_predicates: int
    calibrations: int
    objections: int
    coaching_plans: int
    check_ins: int

    def as_dict(self) -> dict[str, int]:
        return dict(vars(self))


def _result(result: Any, behavior: Any, predicate: Any) -> dict[str, Any]:
    return {
        "result_rating": result.value,
        "behavior_rating": behavior.value,
        "predicate": predicate.value,
    }


class _Identities:
    """Identity snapshots in the shape services.planning.snapshots writes."""

    def __init__(self, city: DemoCity, ids: dict[str, dict[str, int]]) -> None:
        self.people = {e.nip: e for e in city.employees}
        self.positions = {p.key: p for p in city.positions}
        self.units = {u.code: u for u in city.units}
        self.ids = ids
        self.cache: dict[str, dict[str, Any]] = {}

    def of(self, nip: str) -> dict[str, Any]:
        if nip in self.cache:
            return self.cache[nip]
        person = self.people[nip]
        position = self.positions[person.position_key] if person.position_key else None
        unit = self.units[position.unit_code] if position else None
        found = {
            "employee_id": self.ids["employee"][nip],
            "name": person.name,
            "nip": person.nip,
            "golongan": person.golongan,
            "pangkat": pangkat_for(person.golongan),
            "position_id": self.ids["position"][position.key] if position else None,
            "jabatan": position.name if position else None,
            "position_kind": position.kind.value if position else None,
            "unit_id": self.ids["unit"][unit.code] if unit else None,
            "unit": unit.name if unit else None,
        }
        self.cache[nip] = found
        return found

    def snapshot(self, nip: str, assessor: str | None, day: date) -> dict[str, Any]:
        return {
            "taken_on": day.isoformat(),
            "pegawai": self.of(nip),
            "penilai": self.of(assessor) if assessor else None,
        }


def _explanation(
    ev: DemoEvaluation,
    plan: PastPlan,
    data: DemoEvaluations,
    periodic: list[DemoEvaluation],
    unit_names: dict[str, str],
    org_of: dict[tuple[str, int | None], Any],
) -> dict[str, Any]:
    """What services.evaluation.evaluations._refresh would have written."""
    y = data.year
    day = y.periods[ev.period - 1].end if ev.period else date(y.year, 12, 31)
    why = ExplanationBuilder(day)
    label = f"{period_label(y.cadence, ev.period)} {y.year}" if ev.period else f"Tahunan {y.year}"
    why.inputs.append(f"Jenis penilaian: {label}.")
    if ev.head_of_unit is not None:
        org = org_of[ev.head_of_unit, ev.period]
        why.head_of_unit(unit_names[ev.head_of_unit], ORG_LABELS[org], ev.proposed_result)
    elif ev.period is None:
        for p in periodic:
            assert p.period is not None
            why.inputs.append(
                f"{period_label(y.cadence, p.period)}: Rating Hasil Kerja "
                f"{RATING_LABELS[p.result]}, Rating Perilaku Kerja {RATING_LABELS[p.behavior]}."
            )
        why.proposal("Rating Hasil Kerja", _annual(periodic, "result"), rule="annual")
    else:
        texts = {r.ordinal: r for r in plan.work_results}
        for j in ev.judgements:
            w = texts[j.rhk]
            kind = "utama" if w.kind.value == "UTAMA" else "tambahan"
            why.inputs.append(f"RHK {kind} “{w.text}”: {RATING_LABELS[j.rating]}.")
        why.proposal(
            "Rating Hasil Kerja", Proposal(ev.proposed_result, _counts(ev)), rule="judgements"
        )
    if ev.period is None:
        why.proposal("Rating Perilaku Kerja", _annual(periodic, "behavior"), rule="annual")
    else:
        for o in ev.observations:
            why.inputs.append(f"Perilaku {VALUE_LABELS[o.value]}: {RATING_LABELS[o.rating]}.")
        why.proposal(
            "Rating Perilaku Kerja",
            Proposal(ev.proposed_behavior, _counts(ev, behavior=True)),
            rule="judgements",
        )
    if ev.self_result or ev.self_behavior:
        why.inputs.append(
            "Penilaian diri pegawai (pembanding, tidak dihitung): Hasil Kerja "
            f"{_label(ev.self_result)}, Perilaku Kerja {_label(ev.self_behavior)}."
        )
    if ev.result_override_reason:
        why.override("Rating Hasil Kerja", ev.proposed_result, ev.result, ev.result_override_reason)
    why.predicate(ev.result, ev.behavior)
    return why.build()


def _label(rating: Any) -> str:
    return RATING_LABELS[rating] if rating else "tidak diisi"


def _counts(ev: DemoEvaluation, *, behavior: bool = False) -> tuple[str, ...]:
    ratings = [o.rating for o in ev.observations] if behavior else [j.rating for j in ev.judgements]
    above = sum(1 for r in ratings if r.value == "DI_ATAS_EKSPEKTASI")
    below = sum(1 for r in ratings if r.value == "DI_BAWAH_EKSPEKTASI")
    return (
        f"{above} di atas, {len(ratings) - above - below} sesuai, {below} di bawah ekspektasi "
        f"dari {len(ratings)}",
    )


def _annual(periodic: list[DemoEvaluation], what: str) -> Proposal:
    return propose_annual([getattr(p, what) for p in periodic])


async def load_demo_evaluations(
    db: Database, city: DemoCity, data: DemoEvaluations, actor: Actor
) -> EvaluationSeedReport:
    """Insert ``data`` for ``city`` (already loaded by demo.seed.load_demo_city)."""
    now = clock.now()
    y = data.year
    async with db.write() as session:
        employee_ids = dict((await session.execute(sa.select(Employee.nip, Employee.id))).all())
        unit_ids = dict((await session.execute(sa.select(Unit.code, Unit.id))).all())
        position_ids = dict((await session.execute(sa.select(Position.code, Position.id))).all())
        identities = _Identities(
            city, {"employee": employee_ids, "unit": unit_ids, "position": position_ids}
        )
        year_id, period_ids = await insert_year(
            session,
            y,
            status=YearStatus.DITUTUP,
            closed_at=y.closed_at,
            evaluated_at=y.evaluated_at,
            now=now,
        )
        goal_ids = await insert_org_goals(
            session, data.org_goals, unit_ids=unit_ids, year_id=year_id, now=now
        )

        await insert_rows(
            session,
            PerformancePlan,
            [
                {
                    "employee_id": employee_ids[p.nip],
                    "year_id": year_id,
                    "approach": "KUANTITATIF",
                    "status": PlanStatus.DITETAPKAN,
                    "assessor_employee_id": employee_ids[p.assessor_nip]
                    if p.assessor_nip
                    else None,
                    "assessed_by_kepala_daerah": p.assessor_nip is None,
                    "revision": 0,
                    "rejection_reason": None,
                    "revision_reason": None,
                    "identity_snapshot": identities.snapshot(
                        p.nip, p.assessor_nip, clock.day_of(p.approved_at)
                    )
                    if p.assessor_nip
                    else None,
                    "resource_support": LAMPIRAN_RESOURCES,
                    "accountability_scheme": LAMPIRAN_ACCOUNTABILITY,
                    "consequences": LAMPIRAN_CONSEQUENCES,
                    "submitted_at": p.submitted_at,
                    "approved_at": p.approved_at,
                    "version": 1,
                    "created_at": p.created_at,
                    "updated_at": p.approved_at,
                }
                for p in data.plans
            ],
        )
        plan_ids = await plan_ids_by_nip(
            session, data.plans, employee_ids=employee_ids, year_id=year_id
        )

        # RHKs level by level down the rating chain: a parent exists before its children.
        depth: dict[str, int] = {}
        for p in data.plans:  # assessors come first
            depth[p.nip] = depth[p.assessor_nip] + 1 if p.assessor_nip else 0
        rhk_ids, iki_by_rhk = await insert_skp_content(
            session, data.plans, plan_ids=plan_ids, goal_ids=goal_ids, depth=depth, year_id=year_id
        )
        await insert_rows(
            session,
            Realization,
            [
                {
                    "indicator_id": iki_by_rhk[rhk_ids[plan_ids[r.nip], r.rhk], r.iki],
                    "period_id": period_ids[r.period],
                    "value": r.value,
                    "description": r.description,
                    "status": RealizationStatus.DIKONFIRMASI,
                    "confirmed_at": r.filed_at,
                    "version": 1,
                    "created_at": r.filed_at,
                    "updated_at": r.filed_at,
                }
                for r in data.realizations
            ],
        )

        # Organisation predicates (the year and each quarter), set by BKPSDM.
        await insert_rows(
            session,
            OrgPredicateAssignment,
            [
                {
                    "unit_id": unit_ids[o.unit_code],
                    "year_id": year_id,
                    "period_id": period_ids[o.period] if o.period else None,
                    "predicate": o.predicate,
                    "basis": o.basis,
                    "set_by_account_id": None,
                    "created_at": y.closed_at,
                    "updated_at": y.closed_at,
                }
                for o in data.org_predicates
            ],
        )
        org_of = {(o.unit_code, o.period): o.predicate for o in data.org_predicates}

        # Evaluations, keyed by (SKP, period number or None).
        plans_by_nip = {p.nip: p for p in data.plans}
        unit_names = {u.code: u.name for u in city.units}
        periodic_of: dict[str, list[DemoEvaluation]] = {}
        for ev in data.evaluations:
            if ev.period is not None:
                periodic_of.setdefault(ev.nip, []).append(ev)
        objections = {o.nip: o for o in data.objections if o.period is None}
        rows = []
        for ev in data.evaluations:
            plan = plans_by_nip[ev.nip]
            periodic = periodic_of.get(ev.nip, [])
            objection = objections.get(ev.nip) if ev.period is None else None
            if objection is not None and objection.previous is not None:
                old_result, old_behavior, old_predicate = objection.previous
                # As decided: the explanation written when it was set, then the decision.
                original = replace(
                    ev, result=old_result, behavior=old_behavior, predicate=old_predicate
                )
                explanation = add_objection_override(
                    _explanation(original, plan, data, periodic, unit_names, org_of),
                    _result(old_result, old_behavior, old_predicate),
                    _result(ev.result, ev.behavior, ev.predicate),
                    objection.decision_note,
                )
            else:
                explanation = _explanation(ev, plan, data, periodic, unit_names, org_of)
            snapshot = (
                identities.snapshot(ev.nip, ev.assessor_nip, clock.day_of(ev.finalised_at))
                if ev.assessor_nip
                else None
            )
            rows.append(
                {
                    "plan_id": plan_ids[ev.nip],
                    "kind": EvaluationKind.PERIODIK if ev.period else EvaluationKind.TAHUNAN,
                    "period_id": period_ids[ev.period] if ev.period else None,
                    "status": ev.status,
                    "assessor_employee_id": employee_ids[ev.assessor_nip]
                    if ev.assessor_nip
                    else None,
                    "assessed_by_kepala_daerah": ev.assessor_nip is None,
                    "self_result_rating": ev.self_result,
                    "self_behavior_rating": ev.self_behavior,
                    "self_note": None,
                    "proposed_result_rating": ev.proposed_result,
                    "result_rating": ev.result,
                    "result_override_reason": ev.result_override_reason,
                    "proposed_behavior_rating": ev.proposed_behavior,
                    "behavior_rating": ev.behavior,
                    "behavior_override_reason": None,
                    "predicate": ev.predicate,
                    "explanation": explanation,
                    "identity_snapshot": snapshot,
                    "rated_unit_id": rated_unit_of(snapshot),
                    "assessor_note": None,
                    "finalised_at": ev.finalised_at,
                    "objection_filing_deadline": ev.objection_filing_deadline,
                    "acknowledged_at": ev.acknowledged_at,
                    "version": 1,
                    "created_at": ev.finalised_at,
                    "updated_at": ev.acknowledged_at or ev.finalised_at,
                }
            )
        await insert_rows(session, Evaluation, rows)
        evaluation_ids: dict[tuple[int, int | None], int] = {}
        number_of = {pid: n for n, pid in period_ids.items()}
        for ids in chunks(list(plan_ids.values())):
            found_ev = await session.execute(
                sa.select(Evaluation.plan_id, Evaluation.period_id, Evaluation.id).where(
                    Evaluation.plan_id.in_(ids)
                )
            )
            evaluation_ids.update(
                {(p, number_of[pid] if pid else None): i for p, pid, i in found_ev}
            )

        def evaluation_id(nip: str, period: int | None) -> int:
            return evaluation_ids[plan_ids[nip], period]

        await insert_rows(
            session,
            WorkResultJudgement,
            [
                {
                    "evaluation_id": evaluation_id(ev.nip, ev.period),
                    "work_result_id": rhk_ids[plan_ids[ev.nip], j.rhk],
                    "rating": j.rating,
                    "feedback": j.feedback,
                }
                for ev in data.evaluations
                for j in ev.judgements
            ],
        )
        await insert_rows(
            session,
            BehaviorObservation,
            [
                {
                    "evaluation_id": evaluation_id(ev.nip, ev.period),
                    "value": o.value,
                    "rating": o.rating,
                    "note": o.note,
                }
                for ev in data.evaluations
                for o in ev.observations
            ],
        )

        # Calibration: the snapshot is the one the service takes (predicates before objections).
        annual_before = {ev.nip: ev.predicate for ev in data.evaluations if ev.period is None}
        for o in data.objections:
            if o.period is None and o.previous is not None:
                annual_before[o.nip] = o.previous[2]
        await insert_rows(
            session,
            CalibrationDecision,
            [
                {
                    "unit_id": unit_ids[c.unit_code],
                    "year_id": year_id,
                    "period_id": None,
                    "org_predicate": c.org_predicate,
                    "within_pattern": c.within_pattern,
                    "violations": list(c.violations),
                    "justification": c.justification,
                    "before_snapshot": (snapshot := _snapshot(c.members, annual_before, employee_ids, evaluation_id)),
                    "after_snapshot": snapshot,
                    "policy_effective_from": c.policy_effective_from,
                    "decided_by_account_id": None,
                    "decided_at": c.decided_at,
                }
                for c in data.calibrations
            ],
        )  # fmt: skip

        await insert_rows(
            session,
            Objection,
            [
                {
                    "evaluation_id": evaluation_id(o.nip, o.period),
                    "filed_by_employee_id": employee_ids[o.nip],
                    "decider_employee_id": employee_ids[o.decider_nip],
                    "reasons": o.reasons,
                    "status": o.status,
                    "filing_deadline": o.filing_deadline,
                    "decision_deadline": o.decision_deadline,
                    "employee_explanation": o.employee_explanation,
                    "assessor_explanation": o.assessor_explanation,
                    "decision_note": o.decision_note,
                    "previous_result": _result(*o.previous) if o.previous else None,
                    "decided_at": o.decided_at,
                    "version": 1,
                    "created_at": o.filed_at,
                    "updated_at": o.decided_at,
                }
                for o in data.objections
            ],
        )

        await insert_rows(
            session,
            CoachingPlan,
            [
                {
                    "employee_id": employee_ids[c.nip],
                    "evaluation_id": evaluation_id(c.nip, None),
                    "mentor_employee_id": employee_ids[c.mentor_nip] if c.mentor_nip else None,
                    "goals": c.goals,
                    "actions": c.actions,
                    "starts_on": c.starts_on,
                    "ends_on": c.ends_on,
                    "status": c.status,
                    "outcome": c.outcome,
                    "created_at": c.created_at,
                    "updated_at": c.created_at,
                }
                for c in data.coaching
            ],
        )
        coaching_ids: dict[int, int] = {}
        annual_ids = [evaluation_id(c.nip, None) for c in data.coaching]
        for ids in chunks(annual_ids):
            found_c = await session.execute(
                sa.select(CoachingPlan.evaluation_id, CoachingPlan.id).where(
                    CoachingPlan.evaluation_id.in_(ids)
                )
            )
            coaching_ids.update({evaluation: plan for evaluation, plan in found_c})
        await insert_rows(
            session,
            CoachingCheckIn,
            [
                {
                    "coaching_plan_id": coaching_ids[evaluation_id(c.nip, None)],
                    "held_on": k.held_on,
                    "note": k.note,
                    "recorded_by_employee_id": employee_ids[k.recorded_by_nip],
                    "created_at": c.created_at,
                }
                for c in data.coaching
                for k in c.check_ins
            ],
        )

        report = EvaluationSeedReport(
            year=y.year,
            plans=len(data.plans),
            realizations=len(data.realizations),
            evaluations=len(data.evaluations),
            judgements=sum(len(e.judgements) for e in data.evaluations),
            observations=sum(len(e.observations) for e in data.evaluations),
            org_predicates=len(data.org_predicates),
            calibrations=len(data.calibrations),
            objections=len(data.objections),
            coaching_plans=len(data.coaching),
            check_ins=sum(len(c.check_ins) for c in data.coaching),
        )
        await refresh_tally(session, year_id=year_id)  # one INSERT…SELECT after the bulk rows
        await refresh_evaluation_count(session, year_id=year_id)  # and one for the evaluations
        await record_event(
            session,
            actor,
            AuditAction.DEMO_SEED_EVALUATIONS,
            "appraisal_year",
            year_id,
            after={
                "synthetic": True,
                **report.as_dict(),
                "predicates": {
                    PREDICATE_LABELS[p]: n
                    for p, n in sorted(
                        _count(e.predicate for e in data.evaluations if e.period is None).items()
                    )
                },
            },
        )
    return report


def _count(values: Iterable[Any]) -> dict[Any, int]:
    found: dict[Any, int] = {}
    for v in values:
        found[v] = found.get(v, 0) + 1
    return found


def _snapshot(
    members: Sequence[str],
    predicates: dict[str, Any],
    employee_ids: dict[str, int],
    evaluation_id: Any,
) -> dict[str, Any]:
    entries = sorted(
        (employee_ids[n], evaluation_id(n, None), predicates[n].value) for n in members
    )
    return {
        "include_subunits": True,
        "predicates": [
            {"employee_id": e, "evaluation_id": i, "predicate": p} for e, i, p in entries
        ],
    }
