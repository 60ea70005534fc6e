"""Export of set SKPs and finalised evaluations in the BKN e-Kinerja layout (bkn_layout.py).

Who may export: BKPSDM and auditors (everything, or one unit's subtree with ``unit_code``) and a
unit's pengelola kinerja (their unit's subtree only). An SKP belongs to the unit its pegawai sits
in today, as for reading an SKP (planning/access.py). Individual results are exempt information:
these files are for HR systems, never for the public release.

An SKP is exported as its set version (the latest PlanVersion: what BKN e-Kinerja holds), so a
revision in progress does not leak half-edited content; an SKP set without a frozen version yet
(older data) is read from its rows.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from server import clock
from server.db.engine import Database
from server.db.models import (
    AppraisalPeriod,
    AppraisalYear,
    Employee,
    Evaluation,
    OrgGoal,
    PerformancePlan,
    PlanVersion,
    WorkResult,
)
from server.domain.enums import EvaluationKind, PlanStatus, Role
from server.domain.evaluation import FINALISED
from server.domain.planning import IN_FORCE, period_label
from server.services.actor import Actor
from server.services.csv_files import protect_cell
from server.services.errors import ErrorCode, ServiceError, forbidden
from server.services.interop.bkn_layout import (
    EVALUATION_COLUMNS,
    EVALUATION_LAYOUT,
    IKI_COLUMNS,
    LAYOUT_VERSION,
    SKP_COLUMNS,
    SKP_LAYOUT,
    Column,
)
from server.services.organisation.directory import current_units_of, load_unit_tree, unit_by_code
from server.services.planning.snapshots import plan_content

Row = dict[str, str]


@dataclass(frozen=True)
class ExportFile:
    filename: str
    media_type: str
    body: bytes
    rows: int


def local_date(moment: datetime | None) -> str:
    """Dates in the files are the instansi's calendar days (WIB for Salatiga)."""
    return "" if moment is None else clock.day_of(moment).isoformat()


async def _year(session: AsyncSession, year: int) -> AppraisalYear:
    found = (
        await session.scalars(sa.select(AppraisalYear).where(AppraisalYear.year == year))
    ).one_or_none()
    if found is None:
        raise ServiceError(ErrorCode.NOT_FOUND, f"Tahun penilaian {year} tidak ditemukan.", "year")
    return found


async def export_scope(
    session: AsyncSession, actor: Actor, unit_code: str | None
) -> set[int] | None:
    """Unit ids whose pegawai may be exported; None means the whole instansi."""
    manager = actor.has(Role.UNIT_MANAGER) and actor.managed_unit_id is not None
    if not (actor.sees_everything or manager):
        raise forbidden("Hanya BKPSDM, auditor dan pengelola kinerja unit yang boleh mengekspor.")
    unit_id: int | None = None
    if unit_code:
        unit = await unit_by_code(session, unit_code.strip().upper())
        if unit is None:
            raise ServiceError(ErrorCode.NOT_FOUND, "Unit tidak ditemukan.", "unitCode")
        unit_id = unit.id
    if actor.sees_everything and unit_id is None:
        return None
    tree = await load_unit_tree(session)
    if actor.sees_everything:
        assert unit_id is not None
        return tree.subtree(unit_id)
    assert actor.managed_unit_id is not None
    if unit_id is not None and not tree.is_within(unit_id, actor.managed_unit_id):
        raise forbidden("Unit itu di luar unit kelolaan Anda.")
    return tree.subtree(unit_id if unit_id is not None else actor.managed_unit_id)


async def _in_scope(
    session: AsyncSession, employee_ids: set[int], scope: set[int] | None, today: date
) -> set[int]:
    if scope is None:
        return employee_ids
    units = await current_units_of(session, employee_ids, today)
    return {e for e in employee_ids if units.get(e) in scope}


async def _nips(session: AsyncSession, ids: set[int]) -> dict[int, tuple[str, str]]:
    rows = (
        await session.execute(
            sa.select(Employee.id, Employee.nip, Employee.name).where(Employee.id.in_(ids))
        )
    ).all()
    return {i: (nip, name) for i, nip, name in rows}


async def set_contents(
    session: AsyncSession, plans: list[PerformancePlan]
) -> dict[int, tuple[dict[str, Any], datetime | None]]:
    """plan id → (content of the set version, when it was set)."""
    versions: dict[int, PlanVersion] = {}
    if plans:
        for version in (
            await session.scalars(
                sa.select(PlanVersion)
                .where(PlanVersion.plan_id.in_([p.id for p in plans]))
                .order_by(PlanVersion.revision)
            )
        ).all():
            versions[version.plan_id] = version  # the latest revision wins
    found: dict[int, tuple[dict[str, Any], datetime | None]] = {}
    for plan in plans:
        if plan.id in versions:
            found[plan.id] = (versions[plan.id].content, versions[plan.id].approved_at)
        elif plan.status is PlanStatus.DITETAPKAN:
            found[plan.id] = (await plan_content(session, plan), plan.approved_at)
    return found


async def skp_rows(
    session: AsyncSession, plans: list[PerformancePlan], year: int
) -> dict[int, list[Row]]:
    """The layout rows of each set SKP (one per IKI; an RHK without IKI gets one row)."""
    contents = await set_contents(session, plans)
    parent_ids = {
        r["parent_id"]
        for content, _ in contents.values()
        for r in content["work_results"]
        if r["parent_id"] is not None
    }
    goal_ids = {
        r["org_goal_id"]
        for content, _ in contents.values()
        for r in content["work_results"]
        if r["org_goal_id"] is not None
    }
    # The superior's RHK as its own set version words it, when exported together.
    text_of = {
        r["id"]: r["text"] for content, _ in contents.values() for r in content["work_results"]
    }
    parents: dict[int, tuple[int, str]] = {}
    if parent_ids:
        for rid, text, owner in (
            await session.execute(
                sa.select(WorkResult.id, WorkResult.text, PerformancePlan.employee_id)
                .join(PerformancePlan, PerformancePlan.id == WorkResult.plan_id)
                .where(WorkResult.id.in_(parent_ids))
            )
        ).all():
            parents[rid] = (owner, text_of.get(rid, text))
    goals: dict[int, str] = {}
    if goal_ids:
        goals = dict(
            (
                await session.execute(
                    sa.select(OrgGoal.id, OrgGoal.text).where(OrgGoal.id.in_(goal_ids))
                )
            ).all()
        )
    people = await _nips(
        session,
        {p.employee_id for p in plans}
        | {p.assessor_employee_id for p in plans if p.assessor_employee_id is not None}
        | {owner for owner, _ in parents.values()},
    )
    result: dict[int, list[Row]] = {}
    for plan in plans:
        if plan.id not in contents:
            continue
        content, approved_at = contents[plan.id]
        nip, name = people[plan.employee_id]
        assessor = people.get(plan.assessor_employee_id or 0, ("", ""))
        header = {
            "nip_pegawai": nip,
            "nama_pegawai": name,
            "nip_penilai": assessor[0],
            "nama_penilai": assessor[1],
            "tahun": str(year),
            "pendekatan": content["approach"],
            "status": PlanStatus.DITETAPKAN.value,
            "tanggal_penetapan": local_date(approved_at),
        }
        rows: list[Row] = []
        for n, rhk in enumerate(content["work_results"], start=1):
            parent = parents.get(rhk["parent_id"]) if rhk["parent_id"] is not None else None
            base = {
                **header,
                "no_rhk": str(n),
                "jenis_rhk": rhk["kind"],
                "rhk": rhk["text"],
                "nip_atasan_rhk": people[parent[0]][0] if parent else "",
                "rhk_atasan": parent[1] if parent else "",
                "sasaran_organisasi": goals.get(rhk["org_goal_id"], "")
                if rhk["org_goal_id"] is not None
                else "",
            }
            empty_iki = dict.fromkeys(IKI_COLUMNS, "")
            if not rhk["indicators"]:
                rows.append({**base, **empty_iki})
            for m, iki in enumerate(rhk["indicators"], start=1):
                rows.append(
                    {
                        **base,
                        "no_iki": str(m),
                        "aspek": iki["aspect"],
                        "indikator": iki["text"],
                        "target": iki["target_value"] or "",
                        "satuan": iki["target_unit"] or "",
                        "target_kualitatif": iki["target_description"] or "",
                        "perspektif": iki["perspective"] or "",
                    }
                )
        result[plan.id] = rows
    return result


async def _skp_rows_of_year(
    session: AsyncSession, appraisal_year: AppraisalYear, scope: set[int] | None, today: date
) -> list[Row]:
    """Set SKPs of the year, one row per IKI (an RHK without IKI gets one row)."""
    plans = list(
        (
            await session.scalars(
                sa.select(PerformancePlan).where(
                    PerformancePlan.year_id == appraisal_year.id,
                    PerformancePlan.status.in_(IN_FORCE),
                )
            )
        ).all()
    )
    allowed = await _in_scope(session, {p.employee_id for p in plans}, scope, today)
    plans = [p for p in plans if p.employee_id in allowed]
    by_plan = await skp_rows(session, plans, appraisal_year.year)
    rows = [row for plan_rows in by_plan.values() for row in plan_rows]
    rows.sort(key=lambda r: (r["nip_pegawai"], int(r["no_rhk"]), int(r["no_iki"] or 0)))
    return rows


async def _evaluation_rows_of_year(
    session: AsyncSession, appraisal_year: AppraisalYear, scope: set[int] | None, today: date
) -> list[Row]:
    """Finalised evaluations (periodic and annual) of the year, one row each."""
    year = appraisal_year.year
    loaded = (
        await session.execute(
            sa.select(Evaluation, PerformancePlan.employee_id)
            .join(PerformancePlan, PerformancePlan.id == Evaluation.plan_id)
            .where(
                PerformancePlan.year_id == appraisal_year.id,
                Evaluation.status.in_(FINALISED),
            )
        )
    ).all()
    allowed = await _in_scope(session, {emp for _, emp in loaded}, scope, today)
    found = [(ev, emp) for ev, emp in loaded if emp in allowed]
    periods = {
        p.id: p
        for p in (
            await session.scalars(
                sa.select(AppraisalPeriod).where(AppraisalPeriod.year_id == appraisal_year.id)
            )
        ).all()
    }
    people = await _nips(
        session,
        {emp for _, emp in found}
        | {ev.assessor_employee_id for ev, _ in found if ev.assessor_employee_id is not None},
    )
    rows: list[Row] = []
    for ev, emp in found:
        nip, name = people[emp]
        snapshot = ev.identity_snapshot or {}
        name = (snapshot.get("pegawai") or {}).get("name") or name
        period = periods.get(ev.period_id) if ev.period_id is not None else None
        annual = ev.kind is EvaluationKind.TAHUNAN or period is None
        rows.append(
            {
                "nip_pegawai": nip,
                "nama_pegawai": name,
                "nip_penilai": people.get(ev.assessor_employee_id or 0, ("", ""))[0],
                "tahun": str(year),
                "jenis_penilaian": ev.kind.value,
                "periode": "Tahunan"
                if annual
                else period_label(appraisal_year.cadence, period.number),  # type: ignore[union-attr]
                "nomor_periode": "" if annual else str(period.number),  # type: ignore[union-attr]
                "periode_mulai": date(year, 1, 1).isoformat()
                if annual
                else period.start_date.isoformat(),  # type: ignore[union-attr]
                "periode_selesai": date(year, 12, 31).isoformat()
                if annual
                else period.end_date.isoformat(),  # type: ignore[union-attr]
                "rating_hasil_kerja": ev.result_rating.value if ev.result_rating else "",
                "rating_perilaku": ev.behavior_rating.value if ev.behavior_rating else "",
                "predikat": ev.predicate.value if ev.predicate else "",
                "status": ev.status.value,
                "tanggal_penetapan": local_date(ev.finalised_at),
            }
        )
    rows.sort(key=lambda r: (r["nip_pegawai"], r["jenis_penilaian"], int(r["nomor_periode"] or 0)))
    return rows


RowsOfYear = Callable[[AsyncSession, AppraisalYear, set[int] | None, date], Awaitable[list[Row]]]


@dataclass(frozen=True)
class _Export:
    columns: tuple[Column, ...]
    layout: str
    stem: str  # of the file name
    rows_of_year: RowsOfYear


EXPORTS = {
    "skp": _Export(SKP_COLUMNS, SKP_LAYOUT, "skp", _skp_rows_of_year),
    "evaluations": _Export(
        EVALUATION_COLUMNS, EVALUATION_LAYOUT, "penilaian", _evaluation_rows_of_year
    ),
}


def to_csv(columns: tuple[Column, ...], rows: list[Row]) -> bytes:
    """UTF-8 with BOM (Excel opens it correctly), comma-separated, CRLF lines, every cell quoted
    when needed; cells that would run as a formula carry a leading apostrophe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.name for c in columns])
    for row in rows:
        writer.writerow([protect_cell(row.get(c.name, "")) for c in columns])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_json(layout: str, year: int, columns: tuple[Column, ...], rows: list[Row]) -> bytes:
    """The same rows as the CSV, keyed by column name, with the layout named and versioned."""
    document = {
        "layout": layout,
        "version": LAYOUT_VERSION,
        "year": year,
        "columns": [c.name for c in columns],
        "rows": [{c.name: row.get(c.name, "") for c in columns} for row in rows],
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


async def export_file(
    db: Database,
    actor: Actor,
    what: str,
    fmt: str,
    year: int,
    unit_code: str | None = None,
    *,
    today: date | None = None,
) -> ExportFile:
    """``what`` is ``skp`` or ``evaluations``; ``fmt`` is ``csv`` or ``json``."""
    export = EXPORTS[what]
    today = today or clock.today()
    async with db.read() as session:
        scope = await export_scope(session, actor, unit_code)
        appraisal_year = await _year(session, year)
        rows = await export.rows_of_year(session, appraisal_year, scope, today)
    suffix = f"-{unit_code.strip().upper()}" if unit_code else ""
    name = f"bkn-{export.stem}-{year}{suffix}.{fmt}"
    if fmt == "csv":
        return ExportFile(name, "text/csv; charset=utf-8", to_csv(export.columns, rows), len(rows))
    return ExportFile(
        name, "application/json", to_json(export.layout, year, export.columns, rows), len(rows)
    )
