"""Dokumen Evaluasi Kinerja Pegawai: ``GET /api/evaluations/{id}/document`` (printable HTML) and
``GET /api/evaluations/{id}/document.pdf`` (the same content as a PDF, fpdf2).

A session is required; only those who may read the SKP (pegawai, Pejabat Penilai, Atasan
Pejabat Penilai, unit manager of the pegawai's unit, BKPSDM, auditor) get the document; for
everyone else it does not exist (404), as in the internal API.

Everything the two renderers need is gathered here once, already worded in Indonesian
(:class:`EvaluationDocument`), so the HTML and the PDF cannot drift apart. Identities come from
the snapshot frozen when the evaluation was set; a draft shows today's identities and is marked
as a draft.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from server.config import Settings
from server.db.engine import Database
from server.db.models import AppraisalPeriod, AppraisalYear, Evaluation, PerformancePlan
from server.domain.enums import Approach, EvaluationStatus, IndicatorAspect, WorkResultKind
from server.domain.evaluation import PREDICATE_LABELS, RATING_LABELS
from server.domain.planning import period_label
from server.http.errors import client_address, error_response
from server.http.evaluation_document_html import CSS_PATH, DOCUMENT_CSS, render_html
from server.http.evaluation_document_pdf import render_pdf
from server.services.actor import Actor
from server.services.auth import SESSION_COOKIE, authenticate
from server.services.evaluation.evaluations import VALUE_LABELS
from server.services.evaluation.sheets import IndicatorLine, load_sheets
from server.services.planning.access import plan_access
from server.services.planning.snapshots import identity_of

WIB = timezone(timedelta(hours=7), "WIB")  # dates on the document are Salatiga's calendar days
MAX_ID = 2**62
MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
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
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}" if day else "-"


def local_day(moment: datetime | None) -> date | None:
    return moment.astimezone(WIB).date() if moment else None


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
        bukti = f"{r.evidence_count} bukti dukung"
        parts.append(f"{cadence_label(r.period_number)}: {text or '-'} ({bukti})")
    return IndicatorRow(
        text=f"{i.text} ({ASPECT_LABELS.get(i.aspect, str(i.aspect))})",
        target=target,
        realization="; ".join(parts) or "Belum ada realisasi",
    )


def _explanation(data: Any) -> tuple[list[str], list[str], list[str], list[str]]:
    d: dict[str, Any] = data if isinstance(data, dict) else {}
    sources = [
        f"{s.get('rule', '')}: {s.get('source', '')}"
        + (f" (berlaku sejak {s['effective_from']})" if s.get("effective_from") else "")
        for s in d.get("sources", [])
        if isinstance(s, dict)
    ]
    return (
        [str(x) for x in d.get("inputs", [])],
        [str(x) for x in d.get("rules_applied", [])],
        [str(x) for x in d.get("overrides", [])],
        sources,
    )


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
        sheet = (await load_sheets(session, [ev]))[ev.id]
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
                rating=_rating(line.rating) if line.rating else "belum dinilai",
                feedback=line.feedback or "-",
            )
            for n, line in enumerate(sheet.work_results, start=1)
        ],
        behaviors=[
            BehaviorRow(
                number=n,
                value=VALUE_LABELS[b.value],
                expectation=b.expectation or "-",
                rating=_rating(b.rating) if b.rating else "belum diamati",
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


# ---------------------------------------------------------------------------------------------
# Routes


def _not_found() -> Response:
    return error_response(404, "NOT_FOUND", "Penilaian tidak ditemukan.")


async def _document_for(request: Request) -> EvaluationDocument | Response:
    settings: Settings = request.app.state.settings
    db: Database = request.app.state.db
    actor = await authenticate(
        db, request.cookies.get(SESSION_COOKIE), client_address(request.client)
    )
    if actor is None:
        return error_response(
            401, "UNAUTHENTICATED", "Sesi tidak ada atau telah berakhir. Silakan masuk kembali."
        )
    raw = request.path_params.get("evaluation_id", "")
    if not raw.isdigit() or not 0 < int(raw) <= MAX_ID:
        return _not_found()
    today = datetime.now(WIB).date()
    found = await load_document(db, actor, int(raw), settings=settings, today=today)
    return found if found is not None else _not_found()


PRIVATE = {"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"}


async def document_html(request: Request) -> Response:
    doc = await _document_for(request)
    if isinstance(doc, Response):
        return doc
    return Response(
        render_html(doc),
        media_type="text/html; charset=utf-8",
        headers={"Content-Disposition": "inline", **PRIVATE},
    )


async def document_pdf(request: Request) -> Response:
    doc = await _document_for(request)
    if isinstance(doc, Response):
        return doc
    body = await asyncio.to_thread(render_pdf, doc)  # layout is CPU work; keep the loop free
    nip = re.sub(r"[^0-9A-Za-z]", "", doc.pegawai.nip) or "pegawai"
    name = f"evaluasi-{nip}-{doc.period_slug}.pdf"
    return Response(
        body,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"', **PRIVATE},
    )


async def document_css(request: Request) -> Response:
    # Not secret (layout only); cached briefly so a print preview does not refetch it.
    return Response(
        DOCUMENT_CSS,
        media_type="text/css; charset=utf-8",
        headers={"Cache-Control": "public, max-age=3600", "X-Content-Type-Options": "nosniff"},
    )


ROUTES: list[Route] = [
    Route(CSS_PATH, document_css, methods=["GET"]),
    Route("/api/evaluations/{evaluation_id}/document", document_html, methods=["GET"]),
    Route("/api/evaluations/{evaluation_id}/document.pdf", document_pdf, methods=["GET"]),
]
