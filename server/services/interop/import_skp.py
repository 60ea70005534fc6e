"""Import of SKPs already set in BKN e-Kinerja (layout: bkn_layout.SKP_COLUMNS).

Rules, as for the organisation and employee imports (services/imports.py):
- all-or-nothing: the whole file is checked first; any error (with its line number) and nothing
  is written;
- each SKP is created DITETAPKAN (it was set in BKN), with its RHK and IKI, identities frozen
  today and a PlanVersion, so it behaves exactly like an SKP set here;
- the cascade link names the superior's RHK by the superior's NIP and the RHK's text; it resolves
  to an RHK of an SKP in the same file, or else to one of the superior's SKP already here;
- an SKP already here for that pegawai and year is never overwritten: identical content counts
  as unchanged (so re-importing the same file changes nothing), different content is an error;
- one audit event for the whole import.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from server import clock
from server.db.engine import Database
from server.db.models import (
    AppraisalYear,
    Employee,
    Indicator,
    OrgGoal,
    PerformancePlan,
    PlanVersion,
    Position,
    WorkResult,
)
from server.domain.assessor import OrgSnapshot
from server.domain.audit_actions import AuditAction
from server.domain.enums import (
    Approach,
    IndicatorAspect,
    Perspective,
    PlanStatus,
    Role,
    WorkResultKind,
)
from server.domain.planning import SUBMITTED_AT_LEAST
from server.services.actor import Actor
from server.services.audit import record_event
from server.services.csv_files import (
    CsvRow,
    ImportReport,
    RowError,
    unprotect_cell,
)
from server.services.errors import ErrorCode, ServiceError, forbidden
from server.services.import_rows import CellProblem, enum_cell, file_digest, read_import
from server.services.interop.bkn_layout import (
    IKI_COLUMNS,
    SKP_BY_NAME,
    SKP_OPTIONAL,
    SKP_REQUIRED,
)
from server.services.interop.export import skp_rows
from server.services.organisation.directory import current_positions_of, load_org_snapshot
from server.services.planning.content import MAX_ITEMS_PER_PLAN, clean_target_value
from server.services.planning.snapshots import identity_snapshot, plan_content
from server.services.validation import is_control_char

MAX_NUMBER = MAX_ITEMS_PER_PLAN


@dataclass
class IkiSpec:
    line: int
    number: int
    aspect: IndicatorAspect
    text: str
    target_value: Decimal | None
    target_unit: str | None
    target_description: str | None
    perspective: Perspective | None

    def key(self) -> tuple[Any, ...]:
        return (
            self.aspect,
            self.text,
            self.target_value,
            self.target_unit,
            self.target_description,
            self.perspective,
        )


@dataclass
class RhkSpec:
    line: int
    number: int
    kind: WorkResultKind
    text: str
    parent_nip: str | None
    parent_text: str | None
    goal_text: str | None
    indicators: dict[int, IkiSpec] = field(default_factory=dict)

    def key(self) -> tuple[Any, ...]:
        return (
            self.kind,
            self.text,
            self.parent_nip,
            self.parent_text,
            self.goal_text,
            tuple(self.indicators[n].key() for n in sorted(self.indicators)),
        )


@dataclass
class SkpSpec:
    line: int
    nip: str
    # None: the Kepala Daerah rates (an official without a NIP; the Sekda's SKP).
    assessor_nip: str | None
    approach: Approach
    approved_on: date | None
    rhks: dict[int, RhkSpec] = field(default_factory=dict)

    def key(self) -> tuple[Any, ...]:
        """What must match for an SKP already here to count as the same (dates aside)."""
        return (
            self.assessor_nip,
            self.approach,
            tuple(self.rhks[n].key() for n in sorted(self.rhks)),
        )


# --- reading one row ----------------------------------------------------------------------------


def _cell(row: CsvRow, column: str, *, required: bool = False) -> str:
    raw = unprotect_cell(row.values.get(column, ""))
    if any(is_control_char(ch) for ch in raw):
        raise CellProblem(column, f"kolom {column} berisi karakter kendali")
    value = " ".join(raw.split())
    limit = SKP_BY_NAME[column].max_length
    if len(value) > limit:
        raise CellProblem(column, f"isi kolom {column} terlalu panjang (maksimal {limit} karakter)")
    if required and not value:
        raise CellProblem(column, f"kolom {column} wajib diisi")
    return value


def _nip(row: CsvRow, column: str, *, required: bool = True) -> str | None:
    value = _cell(row, column, required=required).replace(" ", "")
    if not value:
        return None
    if len(value) != 18 or not value.isascii() or not value.isdigit():
        raise CellProblem(column, f"NIP {value[:30]!r} tidak valid (18 digit angka)")
    return value


def _enum(row: CsvRow, column: str, enum_cls: Any, *, required: bool = True) -> Any:
    return enum_cell(_cell(row, column, required=required), column, enum_cls)


def _number(row: CsvRow, column: str, *, required: bool = True) -> int | None:
    raw = _cell(row, column, required=required)
    if not raw:
        return None
    if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= MAX_NUMBER:
        raise CellProblem(column, f"{column} harus bilangan bulat 1–{MAX_NUMBER}")
    return int(raw)


def _text(row: CsvRow, column: str) -> str | None:
    return _cell(row, column) or None


@dataclass
class _Parsed:
    skp: SkpSpec
    rhk: RhkSpec
    iki: IkiSpec | None


def _parse_row(row: CsvRow, year: int) -> _Parsed:
    if "__error__" in row.values:
        raise CellProblem(None, row.values["__error__"])
    nip = _nip(row, "nip_pegawai")
    # Empty for the one the Kepala Daerah rates (checked against the organisation later).
    assessor = _nip(row, "nip_penilai", required=False)
    assert nip is not None
    if nip == assessor:
        raise CellProblem(
            "nip_penilai", "pegawai tidak dapat menjadi Pejabat Penilai dirinya sendiri"
        )
    raw_year = _cell(row, "tahun", required=True)
    if raw_year != str(year):
        raise CellProblem("tahun", f"tahun {raw_year[:10]!r} berbeda dari tahun impor {year}")
    approach = _enum(row, "pendekatan", Approach)
    status = _cell(row, "status", required=True).upper()
    if status != PlanStatus.DITETAPKAN.value:
        raise CellProblem("status", "hanya SKP berstatus DITETAPKAN yang dapat diimpor")
    approved_on: date | None = None
    if raw_date := _cell(row, "tanggal_penetapan"):
        try:
            approved_on = date.fromisoformat(raw_date)
        except ValueError:
            raise CellProblem(
                "tanggal_penetapan", f"tanggal {raw_date[:20]!r} tidak valid (TTTT-BB-HH)"
            ) from None
        if approved_on.year not in (year - 1, year, year + 1):
            raise CellProblem("tanggal_penetapan", "tanggal penetapan jauh dari tahun SKP")
    parent_nip = _nip(row, "nip_atasan_rhk", required=False)
    parent_text = _text(row, "rhk_atasan")
    if (parent_nip is None) != (parent_text is None):
        raise CellProblem(
            "rhk_atasan", "nip_atasan_rhk dan rhk_atasan diisi keduanya atau tidak sama sekali"
        )
    if parent_nip is not None and parent_nip != assessor:
        raise CellProblem(
            "nip_atasan_rhk", "RHK yang diintervensi harus RHK Pejabat Penilai (nip_penilai)"
        )
    goal_text = _text(row, "sasaran_organisasi")
    if goal_text is not None and parent_nip is not None:
        raise CellProblem(
            "sasaran_organisasi", "isi RHK atasan atau sasaran organisasi, bukan keduanya"
        )
    rhk = RhkSpec(
        line=row.line,
        number=_number(row, "no_rhk") or 0,
        kind=_enum(row, "jenis_rhk", WorkResultKind),
        text=_cell(row, "rhk", required=True),
        parent_nip=parent_nip,
        parent_text=parent_text,
        goal_text=goal_text,
    )
    skp = SkpSpec(row.line, nip, assessor, approach, approved_on)
    if not any(_cell(row, c) for c in IKI_COLUMNS):
        return _Parsed(skp, rhk, None)  # an RHK without IKI
    target_raw = _cell(row, "target")
    try:
        target = clean_target_value(target_raw) if target_raw else None
    except ServiceError as exc:
        raise CellProblem("target", exc.message) from None
    description = _text(row, "target_kualitatif")
    if target is None and description is None:
        raise CellProblem("target", "isi target (angka) atau target_kualitatif")
    iki = IkiSpec(
        line=row.line,
        number=_number(row, "no_iki") or 0,
        aspect=_enum(row, "aspek", IndicatorAspect),
        text=_cell(row, "indikator", required=True),
        target_value=target,
        target_unit=_text(row, "satuan"),
        target_description=description,
        perspective=_enum(row, "perspektif", Perspective, required=False),
    )
    return _Parsed(skp, rhk, iki)


def group_rows(
    rows: list[CsvRow], year: int, errors: list[RowError], broken: set[str] | None = None
) -> dict[str, SkpSpec]:
    """Rows → SKPs (by NIP) → RHK (by no_rhk) → IKI (by no_iki); header fields must agree."""
    skps: dict[str, SkpSpec] = {}
    for row in rows:
        try:
            parsed = _parse_row(row, year)
            skp = skps.setdefault(parsed.skp.nip, parsed.skp)
            for attr, column in (
                ("assessor_nip", "nip_penilai"),
                ("approach", "pendekatan"),
                ("approved_on", "tanggal_penetapan"),
            ):
                if getattr(skp, attr) != getattr(parsed.skp, attr):
                    raise CellProblem(
                        column, f"{column} berbeda dari baris {skp.line} (SKP yang sama)"
                    )
            rhk = skp.rhks.setdefault(parsed.rhk.number, parsed.rhk)
            if rhk.key()[:5] != parsed.rhk.key()[:5]:
                raise CellProblem(
                    "no_rhk",
                    f"RHK nomor {rhk.number} berbeda dari baris {rhk.line} (RHK yang sama)",
                )
            if parsed.iki is None:
                if rhk is not parsed.rhk:
                    raise CellProblem(
                        "no_iki", f"RHK nomor {rhk.number} sudah ada pada baris {rhk.line}"
                    )
                continue
            if parsed.iki.number in rhk.indicators:
                first = rhk.indicators[parsed.iki.number].line
                raise CellProblem(
                    "no_iki", f"IKI nomor {parsed.iki.number} ganda (lihat baris {first})"
                )
            if len(skp.rhks) > MAX_ITEMS_PER_PLAN:
                raise CellProblem("no_rhk", f"satu SKP paling banyak {MAX_ITEMS_PER_PLAN} RHK")
            rhk.indicators[parsed.iki.number] = parsed.iki
        except CellProblem as problem:
            errors.append(RowError(row.line, problem.field, problem.message))
            if broken is not None:
                broken.add(row.values.get("nip_pegawai", "").replace(" ", ""))
    return skps


def _rows_as_csv(rows: list[dict[str, str]]) -> list[CsvRow]:
    return [CsvRow(0, r) for r in rows]


# --- the import ----------------------------------------------------------------------------------


def _require_hr(actor: Actor) -> None:
    if not (actor.is_system or actor.has(Role.HR_ADMIN)):
        raise forbidden("Hanya Admin BKPSDM yang boleh mengimpor SKP dari BKN e-Kinerja.")


async def _jpt_of(session: AsyncSession, employee_ids: set[int], today: date) -> dict[int, bool]:
    positions = await current_positions_of(session, employee_ids, today)
    kinds = dict(
        (
            await session.execute(
                sa.select(Position.id, Position.kind).where(
                    Position.id.in_(set(positions.values()))
                )
            )
        ).all()
    )
    return {e: bool(p in kinds and kinds[p].is_jpt) for e, p in positions.items()}


async def _unit_of(session: AsyncSession, employee_ids: set[int], today: date) -> dict[int, int]:
    positions = await current_positions_of(session, employee_ids, today)
    units = dict(
        (
            await session.execute(
                sa.select(Position.id, Position.unit_id).where(
                    Position.id.in_(set(positions.values()))
                )
            )
        ).all()
    )
    return {e: units[p] for e, p in positions.items() if p in units}


async def import_skp(
    db: Database,
    actor: Actor,
    year: int,
    data: bytes,
    *,
    today: date | None = None,
    dry_run: bool = False,
) -> ImportReport:
    """SKPs set in BKN, all or nothing; ``dry_run`` checks and counts, then rolls back."""
    _require_hr(actor)
    today = today or clock.today()
    report, rows = read_import(data, required=SKP_REQUIRED, optional=SKP_OPTIONAL)
    if not report.ok:
        return report
    errors = report.errors
    broken: set[str] = set()  # SKPs with a row error: links to them are not reported again
    skps = group_rows(rows, year, errors, broken)

    async with db.write() as session:
        appraisal_year = (
            await session.scalars(sa.select(AppraisalYear).where(AppraisalYear.year == year))
        ).one_or_none()
        if appraisal_year is None:
            raise ServiceError(
                ErrorCode.NOT_FOUND, f"Tahun penilaian {year} tidak ditemukan.", "year"
            )
        nips = {s.nip for s in skps.values()} | {
            s.assessor_nip for s in skps.values() if s.assessor_nip is not None
        }
        employee_of = {
            nip: eid
            for nip, eid in (
                await session.execute(
                    sa.select(Employee.nip, Employee.id).where(Employee.nip.in_(nips))
                )
            ).all()
        }
        existing = {
            p.employee_id: p
            for p in (
                await session.scalars(
                    sa.select(PerformancePlan).where(
                        PerformancePlan.year_id == appraisal_year.id,
                        PerformancePlan.employee_id.in_(set(employee_of.values())),
                    )
                )
            ).all()
        }
        existing_rows = await skp_rows(session, list(existing.values()), year)
        jpt = await _jpt_of(session, set(employee_of.values()), today)

        to_create: list[SkpSpec] = []
        org: OrgSnapshot | None = None  # loaded once, only when a row leaves nip_penilai empty
        for spec in skps.values():
            if spec.nip not in employee_of:
                errors.append(
                    RowError(spec.line, "nip_pegawai", f"pegawai NIP {spec.nip} tidak ada")
                )
                continue
            if spec.assessor_nip is None:
                if org is None:
                    org = await load_org_snapshot(session, today)
                if not org.rated_by_kepala_daerah(employee_of[spec.nip]):
                    errors.append(
                        RowError(
                            spec.line,
                            "nip_penilai",
                            "nip_penilai wajib diisi; hanya pegawai yang dinilai Kepala Daerah "
                            "(tanpa atasan dalam struktur) yang boleh tanpa NIP Pejabat Penilai",
                        )
                    )
                    broken.add(spec.nip)
                    continue
            elif spec.assessor_nip not in employee_of:
                errors.append(
                    RowError(
                        spec.line,
                        "nip_penilai",
                        f"Pejabat Penilai NIP {spec.assessor_nip} tidak ada",
                    )
                )
                continue
            plan = existing.get(employee_of[spec.nip])
            if plan is not None:
                here = group_rows(_rows_as_csv(existing_rows.get(plan.id, [])), year, [])
                same = spec.nip in here and here[spec.nip].key() == spec.key()
                if not same:
                    errors.append(
                        RowError(
                            spec.line,
                            "nip_pegawai",
                            f"SKP {year} pegawai NIP {spec.nip} sudah ada dengan isi berbeda "
                            "(tidak ditimpa)",
                        )
                    )
                else:
                    report.unchanged += 1
                continue
            is_jpt = jpt.get(employee_of[spec.nip], False)
            for rhk in spec.rhks.values():
                if is_jpt and rhk.parent_nip is not None:
                    errors.append(
                        RowError(
                            rhk.line,
                            "rhk_atasan",
                            "RHK JPT mengacu sasaran organisasi, bukan RHK atasan",
                        )
                    )
                if not is_jpt and rhk.goal_text is not None:
                    errors.append(
                        RowError(
                            rhk.line,
                            "sasaran_organisasi",
                            "hanya RHK JPT yang mengacu sasaran organisasi",
                        )
                    )
                for iki in rhk.indicators.values():
                    if iki.perspective is not None and not is_jpt:
                        errors.append(
                            RowError(iki.line, "perspektif", "perspektif hanya untuk SKP JPT")
                        )
            to_create.append(spec)

        new_by_nip = {s.nip: s for s in to_create}
        errors.extend(_cycle_errors(new_by_nip))

        # Cascade links: a superior's RHK in this file, or in their SKP already here.
        superiors_here = {
            employee_of[s.assessor_nip]
            for s in to_create
            if s.assessor_nip is not None
            and s.assessor_nip not in new_by_nip
            and s.assessor_nip in employee_of
        }
        db_rhks: dict[tuple[int, str], list[int]] = defaultdict(list)
        if superiors_here:
            for rid, text, owner in (
                await session.execute(
                    sa.select(WorkResult.id, WorkResult.text, PerformancePlan.employee_id)
                    .join(PerformancePlan, PerformancePlan.id == WorkResult.plan_id)
                    .where(
                        PerformancePlan.year_id == appraisal_year.id,
                        PerformancePlan.employee_id.in_(superiors_here),
                        PerformancePlan.status.in_(SUBMITTED_AT_LEAST),
                    )
                    .order_by(WorkResult.id)
                )
            ).all():
                db_rhks[(owner, text)].append(rid)
        goal_texts = {r.goal_text for s in to_create for r in s.rhks.values() if r.goal_text}
        goals: dict[tuple[int, str], list[int]] = defaultdict(list)
        if goal_texts:
            for gid, unit_id, text in (
                await session.execute(
                    sa.select(OrgGoal.id, OrgGoal.unit_id, OrgGoal.text).where(
                        OrgGoal.year_id == appraisal_year.id, OrgGoal.text.in_(goal_texts)
                    )
                )
            ).all():
                goals[(unit_id, text)].append(gid)
        unit_of = await _unit_of(
            session, {employee_of[s.nip] for s in to_create if s.nip in employee_of}, today
        )
        parent_of: dict[tuple[str, int], tuple[str, int] | int] = {}  # new RHK → new RHK or db id
        goal_of: dict[tuple[str, int], int] = {}
        for spec in to_create:
            is_jpt = jpt.get(employee_of[spec.nip], False)
            for rhk in spec.rhks.values():
                if rhk.parent_nip in broken:
                    continue
                if not is_jpt and rhk.parent_nip is not None and rhk.parent_text is not None:
                    found = _resolve_parent(rhk, new_by_nip, db_rhks, employee_of)
                    if isinstance(found, str):
                        errors.append(RowError(rhk.line, "rhk_atasan", found))
                    else:
                        parent_of[(spec.nip, rhk.number)] = found
                if is_jpt and rhk.goal_text is not None:
                    candidates = goals.get(
                        (unit_of.get(employee_of[spec.nip], 0), rhk.goal_text), []
                    )
                    if len(candidates) != 1:
                        errors.append(
                            RowError(
                                rhk.line,
                                "sasaran_organisasi",
                                "sasaran organisasi tidak ditemukan untuk unit dan tahun pegawai"
                                if not candidates
                                else "sasaran organisasi ganda; tidak dapat dipilih",
                            )
                        )
                    else:
                        goal_of[(spec.nip, rhk.number)] = candidates[0]

        if errors:
            errors.sort(key=lambda e: e.line)
            await session.rollback()
            return report

        created = await _create(
            session, appraisal_year.id, to_create, employee_of, parent_of, goal_of, today
        )
        report.created = len(created)
        if dry_run:
            await session.rollback()
            return report
        if created:
            await record_event(
                session,
                actor,
                AuditAction.IMPORT_SKP_BKN,
                "import",
                file_digest(data)[:16],
                after={
                    "sha256": file_digest(data),
                    "year": year,
                    "created": report.created,
                    "unchanged": report.unchanged,
                    "plans": created[:500],
                },
            )
    return report


def _resolve_parent(
    rhk: RhkSpec,
    new_by_nip: dict[str, SkpSpec],
    db_rhks: dict[tuple[int, str], list[int]],
    employee_of: dict[str, int],
) -> tuple[str, int] | int | str:
    """The intervened RHK: (superior NIP, RHK number) in the file, a stored RHK id, or an error."""
    assert rhk.parent_nip is not None
    superior = new_by_nip.get(rhk.parent_nip)
    if superior is not None:
        matches = [n for n, r in superior.rhks.items() if r.text == rhk.parent_text]
        if len(matches) == 1:
            return (rhk.parent_nip, matches[0])
        where = f"SKP atasan pada baris {superior.line}"
    else:
        ids = db_rhks.get((employee_of.get(rhk.parent_nip, 0), rhk.parent_text or ""), [])
        if len(ids) == 1:
            return ids[0]
        matches = ids
        where = "SKP atasan yang sudah ada (diajukan/ditetapkan)"
    if matches:
        return f"RHK atasan dengan uraian itu ada lebih dari satu di {where}"
    return f"RHK atasan tidak ditemukan di {where}"


def _cycle_errors(new_by_nip: dict[str, SkpSpec]) -> list[RowError]:
    """Pejabat Penilai chains among the new SKPs must not return to where they start."""
    errors: list[RowError] = []
    for nip, spec in new_by_nip.items():
        seen = [nip]
        current = spec.assessor_nip
        while current in new_by_nip:
            if current == nip:
                errors.append(
                    RowError(
                        spec.line,
                        "nip_penilai",
                        f"Pejabat Penilai melingkar: {' → '.join([*seen, current])}",
                    )
                )
                break
            if current in seen:
                break
            seen.append(current)
            current = new_by_nip[current].assessor_nip
    return errors


async def _create(
    session: AsyncSession,
    year_id: int,
    specs: list[SkpSpec],
    employee_of: dict[str, int],
    parent_of: dict[tuple[str, int], tuple[str, int] | int],
    goal_of: dict[tuple[str, int], int],
    today: date,
) -> list[dict[str, Any]]:
    now = clock.now()
    plans: dict[str, PerformancePlan] = {}
    moments: dict[str, datetime] = {}
    for spec in specs:
        moment = clock.at(spec.approved_on, 12) if spec.approved_on else now
        moments[spec.nip] = moment
        plans[spec.nip] = PerformancePlan(
            employee_id=employee_of[spec.nip],
            year_id=year_id,
            approach=spec.approach,
            status=PlanStatus.DITETAPKAN,
            assessor_employee_id=(
                None if spec.assessor_nip is None else employee_of[spec.assessor_nip]
            ),
            assessed_by_kepala_daerah=spec.assessor_nip is None,
            submitted_at=moment,
            approved_at=moment,
        )
    session.add_all(plans.values())
    await session.flush()
    rows: dict[tuple[str, int], WorkResult] = {}
    for spec in specs:
        for number in sorted(spec.rhks):
            rhk = spec.rhks[number]
            rows[(spec.nip, number)] = WorkResult(
                plan_id=plans[spec.nip].id,
                kind=rhk.kind,
                text=rhk.text,
                org_goal_id=goal_of.get((spec.nip, number)),
                ordinal=number,
            )
    session.add_all(rows.values())
    await session.flush()
    for key, target in parent_of.items():
        rows[key].parent_id = target if isinstance(target, int) else rows[target].id
    for spec in specs:
        for number, rhk in spec.rhks.items():
            for n, iki in sorted(rhk.indicators.items()):
                session.add(
                    Indicator(
                        work_result_id=rows[(spec.nip, number)].id,
                        aspect=iki.aspect,
                        text=iki.text,
                        target_value=iki.target_value,
                        target_unit=iki.target_unit,
                        target_description=iki.target_description,
                        perspective=iki.perspective,
                        ordinal=n,
                    )
                )
    await session.flush()
    created: list[dict[str, Any]] = []
    for spec in specs:
        plan = plans[spec.nip]
        plan.identity_snapshot = await identity_snapshot(
            session, plan.employee_id, plan.assessor_employee_id, today
        )
        await session.flush()
        session.add(
            PlanVersion(
                plan_id=plan.id,
                revision=0,
                content=await plan_content(session, plan),
                approved_at=moments[spec.nip],
                approved_by_employee_id=plan.assessor_employee_id,
            )
        )
        created.append({"nip": spec.nip, "plan_id": plan.id, "rhk": len(spec.rhks)})
    await session.flush()
    return created
