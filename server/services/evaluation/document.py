"""The content of the Dokumen Evaluasi Kinerja Pegawai (rendered as HTML and PDF by
``server/http/evaluation_document/``).

Only those who may read the SKP (pegawai, Pejabat Penilai, Atasan Pejabat Penilai, unit manager
of the pegawai's unit, BKPSDM, auditor) get the document; for everyone else it does not exist
(None, a 404 for the routes), as in the internal API.

Everything the two renderers need is gathered here once, already worded in Indonesian
(:class:`EvaluationDocument`), so the HTML and the PDF cannot drift apart. Identities come from
the snapshot frozen when the evaluation was set; a draft shows today's identities and is marked
as a draft.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from server import clock
from server.config import Settings
from server.db.engine import Database
from server.db.models import AppraisalPeriod, AppraisalYear, Evaluation, PerformancePlan
from server.domain.dates_id import long_date_id
from server.domain.enums import (
    Approach,
    CoreValue,
    EvaluationKind,
    EvaluationStatus,
    IndicatorAspect,
    Rating,
    WorkResultKind,
)
from server.domain.evaluation import FINALISED, PREDICATE_LABELS, RATING_LABELS
from server.domain.planning import period_label
from server.services.actor import Actor
from server.services.evaluation.evaluations import VALUE_LABELS
from server.services.evaluation.explanation import source_lines, text_lines
from server.services.evaluation.sheets import IndicatorLine, Sheet, load_sheets
from server.services.planning.access import plan_access
from server.services.planning.snapshots import identity_of

STATUS_LABELS = {
    EvaluationStatus.DRAFT: "Draf (belum ditetapkan)",
    EvaluationStatus.DITETAPKAN: "Ditetapkan",
    EvaluationStatus.DITERIMA: "Ditetapkan dan diterima pegawai",
}
APPROACH_LABELS = {Approach.KUANTITATIF: "Kuantitatif", Approach.KUALITATIF: "Kualitatif"}
ASPECT_LABELS = {
    IndicatorAspect.KUANTITAS: "Kuantitas",
    IndicatorAspect.KUALITAS: "Kualitas",
    IndicatorAspect.WAKTU: "Waktu",
    IndicatorAspect.BIAYA: "Biaya",
}
NOT_YET = "belum ada"


@dataclass(frozen=True)
class Person:
    name: str
    nip: str
    pangkat: str
    jabatan: str
    unit: str


@dataclass(frozen=True)
class IndicatorRow:
    text: str
    target: str
    realization: str


@dataclass(frozen=True)
class WorkResultRow:
    number: int
    kind: str
    text: str
    indicators: list[IndicatorRow]
    rating: str
    feedback: str


@dataclass(frozen=True)
class BehaviorRow:
    number: int
    value: str
    expectation: str
    rating: str
    note: str


@dataclass(frozen=True)
class RatingRow:
    aspect: str
    self_rating: str
    proposed: str
    decided: str
    override_reason: str


@dataclass(frozen=True)
class EvaluationDocument:
    """The document's content, every value a display string (escaped by the renderers)."""

    evaluation_id: int
    instansi: str
    period: str
    period_dates: str
    period_slug: str
    approach: str
    status: str
    is_draft: bool
    demo: bool
    pegawai: Person
    penilai: Person
    work_results: list[WorkResultRow]
    behaviors: list[BehaviorRow]
    ratings: list[RatingRow]
    predicate: str
    self_note: str
    assessor_note: str
    inputs: list[str]
    rules_applied: list[str]
    overrides: list[str]
    sources: list[str]
    finalised_on: str
    acknowledged_on: str
    identities_on: str
    printed_on: str

    @property
    def title(self) -> str:
        return f"Dokumen Evaluasi Kinerja Pegawai — {self.pegawai.name} — {self.period}"


# ---------------------------------------------------------------------------------------------
# Wording


def long_date(day: date | None) -> str:
    return long_date_id(day) if day else "-"


def local_day(moment: datetime | None) -> date | None:
    """Dates on the document are the instansi's calendar days."""
    return clock.day_of(moment) if moment else None


def number_text(value: Decimal | None) -> str:
    """Indonesian notation: decimal comma, no trailing zeros, no exponent."""
    if value is None:
        return "-"
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _rating(value: Any) -> str:
    return RATING_LABELS[value] if value is not None else NOT_YET


def _person(data: Any) -> Person:
    d: dict[str, Any] = data if isinstance(data, dict) else {}
    golongan, pangkat = d.get("golongan"), d.get("pangkat")
    rank = " / ".join(str(x) for x in (pangkat, golongan) if x) or "-"
    return Person(
        name=str(d.get("name") or "-"),
        nip=str(d.get("nip") or "-"),
        pangkat=rank,
        jabatan=str(d.get("jabatan") or "-"),
        unit=str(d.get("unit") or "-"),
    )


def _indicator(line: IndicatorLine, cadence_label: Any) -> IndicatorRow:
    i = line.indicator
    if i.target_value is not None:
        target = " ".join(x for x in (number_text(i.target_value), i.target_unit or "") if x)
    else:
        target = i.target_description or "-"
    parts = []
    for r in line.realizations:
        text = number_text(r.value) if r.value is not None else ""
        if r.description:
            text = f"{text} — {r.description}" if text else r.description
        bukti = f"{r.evidence_count} bukti dukung" if r.evidence_count else "tanpa bukti dukung"
        parts.append(f"{cadence_label(r.period_number)}: {text or '-'} ({bukti})")
    return IndicatorRow(
        text=f"{i.text} ({ASPECT_LABELS.get(i.aspect, str(i.aspect))})",
        target=target,
        realization="; ".join(parts) or "Belum ada realisasi",
    )


def _explanation(data: Any) -> tuple[list[str], list[str], list[str], list[str]]:
    """The stored explanation in official wording (no internal references)."""
    return (
        text_lines(data, "inputs"),
        text_lines(data, "rules_applied"),
        text_lines(data, "overrides"),
        source_lines(data),
    )


# What a cell says when the evaluation has no judgement of its own for an item.
UNJUDGED_DRAFT = "belum dinilai"
UNOBSERVED_DRAFT = "belum diamati"
NOT_JUDGED_SEPARATELY = "tidak dinilai tersendiri (lihat bagian V)"
NO_PERIODIC = "tidak ada penilaian periodik yang ditetapkan"


@dataclass(frozen=True)
class _Judgements:
    """The ratings printed per RHK and per BerAKHLAK value, worded for the evaluation's state."""

    by_result: dict[int, str]
    by_value: dict[CoreValue, str]


def _periodic_summary(
    ratings: Sequence[tuple[int, Rating | None]], label: Callable[[int], str]
) -> str:
    found = [f"{label(n)}: {RATING_LABELS[r]}" for n, r in ratings if r is not None]
    return "; ".join(found) if found else NO_PERIODIC


def _judgements(
    ev: Evaluation,
    sheet: Sheet,
    periodic: Sequence[tuple[int, Sheet]],
    label: Callable[[int], str],
) -> _Judgements:
    """A periodic evaluation prints its own judgements; an annual one (whose ratings come from
    the periodic evaluations) prints, per item, what each finalised periodic evaluation said."""
    draft = ev.status not in FINALISED
    by_result: dict[int, str] = {}
    by_value: dict[CoreValue, str] = {}
    if ev.kind is EvaluationKind.TAHUNAN:
        for line in sheet.work_results:
            wid = line.work_result.id
            ratings = [
                (n, next((w.rating for w in s.work_results if w.work_result.id == wid), None))
                for n, s in periodic
            ]
            by_result[wid] = _periodic_summary(ratings, label)
        for b in sheet.behaviors:
            ratings = [
                (n, next((x.rating for x in s.behaviors if x.value is b.value), None))
                for n, s in periodic
            ]
            by_value[b.value] = _periodic_summary(ratings, label)
        return _Judgements(by_result, by_value)
    for line in sheet.work_results:
        by_result[line.work_result.id] = (
            RATING_LABELS[line.rating]
            if line.rating
            else (UNJUDGED_DRAFT if draft else NOT_JUDGED_SEPARATELY)
        )
    for b in sheet.behaviors:
        by_value[b.value] = (
            RATING_LABELS[b.rating]
            if b.rating
            else (UNOBSERVED_DRAFT if draft else NOT_JUDGED_SEPARATELY)
        )
    return _Judgements(by_result, by_value)


def _slug(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z]+", "-", text).strip("-").lower() or "dokumen"


# ---------------------------------------------------------------------------------------------
# Loading


async def load_document(
    db: Database, actor: Actor, evaluation_id: int, *, settings: Settings, today: date
) -> EvaluationDocument | None:
    """The document, or None when it does not exist or the actor may not read the SKP."""
    async with db.read() as session:
        ev = await session.get(Evaluation, evaluation_id)
        if ev is None:
            return None
        plan = await session.get(PerformancePlan, ev.plan_id)
        if plan is None or not (await plan_access(session, actor, plan, today=today)).can_read:
            return None
        year = await session.get(AppraisalYear, plan.year_id)
        assert year is not None
        period = await session.get(AppraisalPeriod, ev.period_id) if ev.period_id else None
        periodic_evs: list[Evaluation] = []
        numbers: dict[int, int] = {}
        if ev.kind is EvaluationKind.TAHUNAN:
            rows = (
                await session.execute(
                    sa.select(Evaluation, AppraisalPeriod.number)
                    .join(AppraisalPeriod, AppraisalPeriod.id == Evaluation.period_id)
                    .where(
                        Evaluation.plan_id == plan.id,
                        Evaluation.kind == EvaluationKind.PERIODIK,
                        Evaluation.status.in_(FINALISED),
                    )
                    .order_by(AppraisalPeriod.number)
                )
            ).all()
            periodic_evs = [e for e, _ in rows]
            numbers = {e.id: n for e, n in rows}
        sheets = await load_sheets(session, [ev, *periodic_evs])
        sheet = sheets[ev.id]
        periodic = [(numbers[e.id], sheets[e.id]) for e in periodic_evs]
        snapshot: Any = ev.identity_snapshot
        if not isinstance(snapshot, dict):
            # A draft: identities as they stand today (frozen only when the evaluation is set).
            assessor = ev.assessor_employee_id or plan.assessor_employee_id
            snapshot = {
                "taken_on": today.isoformat(),
                "pegawai": await identity_of(session, plan.employee_id, today),
                "penilai": await identity_of(session, assessor, today) if assessor else {},
            }

    def cadence_label(number: int) -> str:
        return period_label(year.cadence, number)

    if period is None:
        period_text = f"Tahunan {year.year}"
        dates = f"1 Januari {year.year} – 31 Desember {year.year}"
    else:
        period_text = f"{cadence_label(period.number)} {year.year}"
        dates = f"{long_date(period.start_date)} – {long_date(period.end_date)}"
    inputs, rules, overrides, sources = _explanation(ev.explanation)
    judged = _judgements(ev, sheet, periodic, cadence_label)
    taken_on = snapshot.get("taken_on")
    try:
        identities_on = long_date(date.fromisoformat(str(taken_on)))
    except ValueError:
        identities_on = "-"
    pegawai = _person(snapshot.get("pegawai"))
    return EvaluationDocument(
        evaluation_id=ev.id,
        instansi=settings.instansi_name,
        period=period_text,
        period_dates=dates,
        period_slug=_slug(period_text),
        approach=APPROACH_LABELS.get(plan.approach, str(plan.approach)),
        status=STATUS_LABELS[ev.status],
        is_draft=ev.status is EvaluationStatus.DRAFT,
        demo=settings.demo_mode,
        pegawai=pegawai,
        penilai=_person(snapshot.get("penilai")),
        work_results=[
            WorkResultRow(
                number=n,
                kind="Utama" if line.work_result.kind is WorkResultKind.UTAMA else "Tambahan",
                text=line.work_result.text,
                indicators=[_indicator(i, cadence_label) for i in line.indicators],
                rating=judged.by_result[line.work_result.id],
                feedback=line.feedback or "-",
            )
            for n, line in enumerate(sheet.work_results, start=1)
        ],
        behaviors=[
            BehaviorRow(
                number=n,
                value=VALUE_LABELS[b.value],
                expectation=b.expectation or "-",
                rating=judged.by_value[b.value],
                note=b.note or "-",
            )
            for n, b in enumerate(sheet.behaviors, start=1)
        ],
        ratings=[
            RatingRow(
                "Rating Hasil Kerja",
                _rating(ev.self_result_rating) if ev.self_result_rating else "tidak diisi",
                _rating(ev.proposed_result_rating),
                _rating(ev.result_rating),
                ev.result_override_reason or "-",
            ),
            RatingRow(
                "Rating Perilaku Kerja",
                _rating(ev.self_behavior_rating) if ev.self_behavior_rating else "tidak diisi",
                _rating(ev.proposed_behavior_rating),
                _rating(ev.behavior_rating),
                ev.behavior_override_reason or "-",
            ),
        ],
        predicate=PREDICATE_LABELS[ev.predicate] if ev.predicate else "belum ditetapkan",
        self_note=ev.self_note or "-",
        assessor_note=ev.assessor_note or "-",
        inputs=inputs,
        rules_applied=rules,
        overrides=overrides,
        sources=sources,
        finalised_on=long_date(local_day(ev.finalised_at)),
        acknowledged_on=long_date(local_day(ev.acknowledged_at)),
        identities_on=identities_on,
        printed_on=long_date(today),
    )
