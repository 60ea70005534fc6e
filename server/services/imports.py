"""CSV import of the organisation (units and jabatan) and of employees.

Both imports validate the whole file first and write nothing unless every row is valid
(all-or-nothing). Rows are matched by code / NIP, so importing the same file twice changes
nothing the second time. The header is documented in the README ("Impor CSV").
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from server import clock
from server.db.engine import Database
from server.db.models import Employee, Position, PositionAssignment, Unit
from server.domain.audit_actions import AuditAction
from server.domain.enums import AsnType, EmployeeStatus, FunctionalLevel, PositionKind, UnitKind
from server.domain.golongan import InvalidGolongan, parse_golongan
from server.domain.nip import InvalidNip, parse_nip
from server.domain.organisation import (
    functional_level_consistent,
    is_valid_code,
    normalise_code,
    parent_kind_allowed,
)
from server.services.actor import Actor
from server.services.audit import record_event
from server.services.csv_files import (
    FORMULA_STARTS,
    MAX_CELL_LENGTH,
    CsvRow,
    ImportReport,
    RowError,
)
from server.services.errors import forbidden
from server.services.import_rows import CellProblem, enum_cell, file_digest, read_import
from server.services.organisation.structure import position_state, unit_state

ORG_COLUMNS = ("jenis_baris", "kode", "nama", "jenis", "kode_induk")
ORG_OPTIONAL = ("kode_unit", "jenjang", "berlaku_mulai", "berlaku_sampai")
EMPLOYEE_COLUMNS = ("nip", "nama", "jenis_asn", "golongan")
EMPLOYEE_OPTIONAL = ("status", "kode_jabatan", "tmt_jabatan")

DEFAULT_VALID_FROM = date(2000, 1, 1)


def _cell(row: CsvRow, column: str, *, required: bool = True) -> str:
    value = row.values.get(column, "")
    if len(value) > MAX_CELL_LENGTH:
        raise CellProblem(
            column, f"isi kolom {column} terlalu panjang (maksimal {MAX_CELL_LENGTH})"
        )
    if required and not value:
        raise CellProblem(column, f"kolom {column} wajib diisi")
    if any(ord(ch) < 32 for ch in value):
        raise CellProblem(column, f"kolom {column} berisi karakter kendali")
    if "\ufffd" in value:
        # What a browser makes of a non-UTF-8 byte: the file was saved in another encoding.
        raise CellProblem(
            column, f"kolom {column} berisi karakter rusak (simpan berkas sebagai CSV UTF-8)"
        )
    if value.startswith(FORMULA_STARTS):
        # No code, name, NIP or date starts so; such a cell is a spreadsheet formula, which would
        # run again in whoever opens an export of it.
        raise CellProblem(
            column, f"kolom {column} diawali {value[0]!r} (rumus lembar kerja tidak diterima)"
        )
    return value


def _date(row: CsvRow, column: str, default: date | None) -> date | None:
    raw = _cell(row, column, required=False)
    if not raw:
        return default
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise CellProblem(column, f"tanggal {raw!r} tidak valid (format TTTT-BB-HH)") from None


def _enum(row: CsvRow, column: str, enum_cls: Any, *, required: bool = True) -> Any:
    return enum_cell(_cell(row, column, required=required), column, enum_cls)


def _code(row: CsvRow, column: str, *, required: bool = True) -> str | None:
    raw = _cell(row, column, required=required)
    if not raw:
        return None
    code = normalise_code(raw)
    if not is_valid_code(code):
        raise CellProblem(column, f"kode {raw!r} tidak valid")
    return code


def _require_hr(actor: Actor) -> None:
    from server.domain.enums import Role

    if not (actor.is_system or actor.has(Role.HR_ADMIN)):
        raise forbidden("Hanya Admin BKPSDM yang boleh mengimpor data.")


async def import_organisation(
    db: Database, actor: Actor, data: bytes, *, dry_run: bool = False
) -> ImportReport:
    """Units (jenis_baris UNIT) and jabatan (jenis_baris JABATAN) in one file.

    ``dry_run``: everything is checked and written inside the transaction (so the counts are
    exactly what applying would do), then rolled back — the preview of the import screen."""
    _require_hr(actor)
    report, rows = read_import(data, required=ORG_COLUMNS, optional=ORG_OPTIONAL)
    if not report.ok:
        return report

    units_in_file: dict[str, dict[str, Any]] = {}
    positions_in_file: dict[str, dict[str, Any]] = {}
    line_of: dict[tuple[str, str], int] = {}
    for row in rows:
        try:
            if "__error__" in row.values:
                raise CellProblem(None, row.values["__error__"])
            record = _cell(row, "jenis_baris").upper()
            code = _code(row, "kode")
            assert code is not None
            name = " ".join(_cell(row, "nama").split())
            if len(name) > 200:
                raise CellProblem("nama", "nama maksimal 200 karakter")
            valid_from = _date(row, "berlaku_mulai", DEFAULT_VALID_FROM)
            valid_until = _date(row, "berlaku_sampai", None)
            assert valid_from is not None
            if valid_until is not None and valid_until < valid_from:
                raise CellProblem("berlaku_sampai", "tanggal akhir sebelum tanggal mulai")
            if record == "UNIT":
                if code in units_in_file:
                    raise CellProblem(
                        "kode", f"kode unit {code} ganda (lihat baris {line_of[('U', code)]})"
                    )
                units_in_file[code] = {
                    "code": code,
                    "name": name,
                    "kind": _enum(row, "jenis", UnitKind),
                    "parent_code": _code(row, "kode_induk", required=False),
                    "valid_from": valid_from,
                    "valid_until": valid_until,
                }
                line_of[("U", code)] = row.line
            elif record == "JABATAN":
                if code in positions_in_file:
                    raise CellProblem(
                        "kode", f"kode jabatan {code} ganda (lihat baris {line_of[('P', code)]})"
                    )
                kind = _enum(row, "jenis", PositionKind)
                level = _enum(row, "jenjang", FunctionalLevel, required=False)
                if not functional_level_consistent(kind, level):
                    raise CellProblem(
                        "jenjang", "jenjang wajib untuk FUNGSIONAL dan hanya untuk FUNGSIONAL"
                    )
                positions_in_file[code] = {
                    "code": code,
                    "name": name,
                    "kind": kind,
                    "functional_level": level,
                    "unit_code": _code(row, "kode_unit"),
                    "parent_code": _code(row, "kode_induk", required=False),
                    "valid_from": valid_from,
                    "valid_until": valid_until,
                }
                line_of[("P", code)] = row.line
            else:
                raise CellProblem("jenis_baris", f"jenis_baris {record!r} harus UNIT atau JABATAN")
        except CellProblem as problem:
            report.errors.append(RowError(row.line, problem.field, problem.message))

    async with db.write() as session:
        units = {u.code: u for u in (await session.scalars(sa.select(Unit))).all()}
        positions = {p.code: p for p in (await session.scalars(sa.select(Position))).all()}

        def unit_kind_of(code: str) -> UnitKind | None:
            if code in units_in_file:
                return units_in_file[code]["kind"]  # type: ignore[no-any-return]
            return units[code].kind if code in units else None

        for code, spec in units_in_file.items():
            line = line_of[("U", code)]
            parent = spec["parent_code"]
            if parent is not None and unit_kind_of(parent) is None:
                report.errors.append(RowError(line, "kode_induk", f"unit induk {parent} tidak ada"))
            elif not parent_kind_allowed(
                spec["kind"], parent_kind := unit_kind_of(parent) if parent else None
            ):
                shown = parent_kind.value if parent_kind else "akar"
                report.errors.append(
                    RowError(
                        line,
                        "kode_induk",
                        f"unit {spec['kind'].value} tidak dapat berada di bawah {shown}",
                    )
                )
            elif code in units and units[code].kind != spec["kind"]:
                report.errors.append(
                    RowError(line, "jenis", "jenis unit yang sudah ada tidak dapat diubah")
                )
        for code, spec in positions_in_file.items():
            line = line_of[("P", code)]
            if spec["unit_code"] not in units_in_file and spec["unit_code"] not in units:
                report.errors.append(
                    RowError(line, "kode_unit", f"unit {spec['unit_code']} tidak ada")
                )
            parent = spec["parent_code"]
            if parent is not None and parent not in positions_in_file and parent not in positions:
                report.errors.append(
                    RowError(line, "kode_induk", f"jabatan atasan {parent} tidak ada")
                )
            if code in positions and (
                positions[code].kind != spec["kind"]
                or positions[code].functional_level != spec["functional_level"]
            ):
                report.errors.append(
                    RowError(
                        line, "jenis", "jenis/jenjang jabatan yang sudah ada tidak dapat diubah"
                    )
                )
        # There is one instansi: a root unit in the file next to another root is an error.
        roots = [c for c, u in units.items() if u.parent_id is None and c not in units_in_file]
        for code, spec in sorted(units_in_file.items(), key=lambda item: line_of[("U", item[0])]):
            if spec["parent_code"] is None and spec["kind"] is UnitKind.INSTANSI:
                if roots:
                    report.errors.append(
                        RowError(
                            line_of[("U", code)],
                            "kode_induk",
                            f"instansi {roots[0]} sudah ada; hanya boleh ada satu unit akar",
                        )
                    )
                else:
                    roots.append(code)
        report.errors.extend(_cycle_errors(units_in_file, line_of, "U", _stored_parents(units)))
        report.errors.extend(
            _cycle_errors(positions_in_file, line_of, "P", _stored_parents(positions))
        )
        if report.errors:
            report.errors.sort(key=lambda e: e.line)
            await session.rollback()
            return report

        changes: list[dict[str, Any]] = []
        # Parents first: repeat until every unit of the file is placed (no cycles, checked above).
        for code, spec in _parents_first(units_in_file):
            parent = spec["parent_code"]
            values = {k: spec[k] for k in ("name", "kind", "valid_from", "valid_until")}
            values["parent_id"] = units[parent].id if parent else None
            _upsert(session, units, Unit, code, values, unit_state, report, changes, "unit")
            await session.flush()
        for code, spec in _parents_first(positions_in_file):
            parent = spec["parent_code"]
            values = {
                k: spec[k]
                for k in ("name", "kind", "functional_level", "valid_from", "valid_until")
            }
            values["unit_id"] = units[spec["unit_code"]].id
            values["parent_id"] = positions[parent].id if parent else None
            _upsert(
                session,
                positions,
                Position,
                code,
                values,
                position_state,
                report,
                changes,
                "position",
            )
            await session.flush()
        await _finish_import(
            session, actor, AuditAction.IMPORT_ORGANISATION, data, report, changes, dry_run=dry_run
        )
    return report


def _parents_first(specs: dict[str, dict[str, Any]]) -> Iterator[tuple[str, dict[str, Any]]]:
    """The rows of the file (code → row), each parent in the file before its children (the
    caller writes each before asking for the next; cycles were refused before)."""
    pending = dict(specs)
    while pending:
        for code, spec in list(pending.items()):
            parent = spec["parent_code"]
            if parent is not None and parent in pending:
                continue
            yield code, spec
            del pending[code]


async def _finish_import(
    session: AsyncSession,
    actor: Actor,
    action: AuditAction,
    data: bytes,
    report: ImportReport,
    changes: list[dict[str, Any]],
    *,
    dry_run: bool,
) -> None:
    """A dry run is rolled back (its report is the preview); an import that changed something
    is audited: the file's digest, the counts and the first 500 changes."""
    if dry_run:
        await session.flush()
        await session.rollback()
        return
    if not changes:
        return
    await record_event(
        session,
        actor,
        action,
        "import",
        file_digest(data)[:16],
        after={
            "sha256": file_digest(data),
            "created": report.created,
            "updated": report.updated,
            "changes": changes[:500],
        },
    )


def _upsert(
    session: Any,
    existing: dict[str, Any],
    model: Any,
    code: str,
    values: dict[str, Any],
    state: Any,
    report: ImportReport,
    changes: list[dict[str, Any]],
    kind: str,
) -> None:
    current = existing.get(code)
    if current is None:
        obj = model(code=code, **values)
        session.add(obj)
        existing[code] = obj
        report.created += 1
        changes.append({"type": kind, "code": code, "op": "create"})
        return
    before = state(current)
    for key, value in values.items():
        setattr(current, key, value)
    if state(current) == before:
        report.unchanged += 1
    else:
        report.updated += 1
        changes.append({"type": kind, "code": code, "op": "update", "before": before})


def _stored_parents(stored: dict[str, Any]) -> dict[str, str | None]:
    """code → parent code of the rows already in the database."""
    code_of = {obj.id: code for code, obj in stored.items()}
    return {code: code_of.get(obj.parent_id) for code, obj in stored.items()}


def _cycle_errors(
    specs: dict[str, dict[str, Any]],
    line_of: dict[tuple[str, str], int],
    tag: str,
    stored_parents: dict[str, str | None],
) -> list[RowError]:
    """A parent chain that returns to its start, through the file or the rows already stored."""

    def parent_of(code: str) -> str | None:
        if code in specs:
            return specs[code]["parent_code"]  # type: ignore[no-any-return]
        return stored_parents.get(code)

    errors: list[RowError] = []
    for code in specs:
        seen = [code]
        parent = parent_of(code)
        while parent is not None:
            if parent == code:
                errors.append(
                    RowError(
                        line_of[(tag, code)],
                        "kode_induk",
                        f"hubungan induk melingkar: {' → '.join([*seen, parent])}",
                    )
                )
                break
            if parent in seen:
                break  # a cycle further up: reported on the rows that form it
            seen.append(parent)
            parent = parent_of(parent)
    return errors


async def import_employees(
    db: Database, actor: Actor, data: bytes, *, today: date | None = None, dry_run: bool = False
) -> ImportReport:
    """Employees matched by NIP; kode_jabatan/tmt_jabatan set their current position.

    ``dry_run``: as for :func:`import_organisation` (checked, counted, rolled back)."""
    _require_hr(actor)
    today = today or clock.today()
    report, rows = read_import(data, required=EMPLOYEE_COLUMNS, optional=EMPLOYEE_OPTIONAL)
    if not report.ok:
        return report

    parsed: list[tuple[int, dict[str, Any]]] = []
    line_of_nip: dict[str, int] = {}
    for row in rows:
        try:
            if "__error__" in row.values:
                raise CellProblem(None, row.values["__error__"])
            asn_type = _enum(row, "jenis_asn", AsnType)
            try:
                nip = parse_nip(_cell(row, "nip"), expected_type=asn_type, today=today)
            except InvalidNip as exc:
                raise CellProblem("nip", exc.message) from None
            if nip.digits in line_of_nip:
                raise CellProblem(
                    "nip", f"NIP {nip.formatted} ganda (lihat baris {line_of_nip[nip.digits]})"
                )
            name = " ".join(_cell(row, "nama").split())
            if len(name) > 200:
                raise CellProblem("nama", "nama maksimal 200 karakter")
            try:
                golongan = parse_golongan(_cell(row, "golongan"), asn_type).code
            except InvalidGolongan as exc:
                raise CellProblem("golongan", str(exc)) from None
            status = _enum(row, "status", EmployeeStatus, required=False) or EmployeeStatus.AKTIF
            position_code = _code(row, "kode_jabatan", required=False)
            start = _date(row, "tmt_jabatan", None)
            if position_code and start is None:
                raise CellProblem("tmt_jabatan", "tmt_jabatan wajib diisi bila kode_jabatan diisi")
            if start is not None and start > today:
                raise CellProblem("tmt_jabatan", "tmt_jabatan tidak boleh di masa depan")
            line_of_nip[nip.digits] = row.line
            parsed.append(
                (
                    row.line,
                    {
                        "nip": nip.digits,
                        "name": name,
                        "asn_type": asn_type,
                        "golongan": golongan,
                        "gender": nip.gender,
                        "birth_date": nip.birth_date,
                        "status": status,
                        "position_code": position_code,
                        "start": start,
                    },
                )
            )
        except CellProblem as problem:
            report.errors.append(RowError(row.line, problem.field, problem.message))

    async with db.write() as session:
        positions = {
            code: (pid, valid_from)
            for code, pid, valid_from in (
                await session.execute(sa.select(Position.code, Position.id, Position.valid_from))
            ).all()
        }
        employees = {e.nip: e for e in (await session.scalars(sa.select(Employee))).all()}
        open_rows = (
            await session.scalars(
                sa.select(PositionAssignment).where(PositionAssignment.end_date.is_(None))
            )
        ).all()
        holder_of = {a.position_id: a for a in open_rows}
        current_of = {a.employee_id: a for a in open_rows}
        nip_of = {e.id: nip for nip, e in employees.items()}
        # Only people whose row takes them out of their current position free it; a row that
        # keeps them where they are (or names no position) leaves them holding it.
        moving_nips: set[str] = set()
        for _, spec in parsed:
            code = spec["position_code"]
            existing = employees.get(spec["nip"])
            if code is None or code not in positions or existing is None:
                continue
            current = current_of.get(existing.id)
            if current is not None and current.position_id != positions[code][0]:
                moving_nips.add(spec["nip"])
        claimed: dict[int, int] = {}
        for line, spec in parsed:
            code = spec["position_code"]
            if code is None:
                continue
            if code not in positions:
                report.errors.append(RowError(line, "kode_jabatan", f"jabatan {code} tidak ada"))
                continue
            pid, valid_from = positions[code]
            if spec["start"] < valid_from:
                report.errors.append(
                    RowError(line, "tmt_jabatan", "tmt_jabatan sebelum jabatan berlaku")
                )
            if pid in claimed:
                report.errors.append(
                    RowError(
                        line, "kode_jabatan", f"jabatan {code} juga diisi di baris {claimed[pid]}"
                    )
                )
            claimed[pid] = line
            holder = holder_of.get(pid)
            if holder is not None:
                holder_nip = nip_of.get(holder.employee_id)
                if holder_nip != spec["nip"] and holder_nip not in moving_nips:
                    report.errors.append(
                        RowError(
                            line, "kode_jabatan", f"jabatan {code} masih dipangku pegawai lain"
                        )
                    )
            existing = employees.get(spec["nip"])
            if existing is not None:
                current = current_of.get(existing.id)
                if (
                    current is not None
                    and current.position_id != pid
                    and spec["start"] <= current.start_date
                ):
                    report.errors.append(
                        RowError(
                            line, "tmt_jabatan", "tmt_jabatan harus sesudah awal jabatan sekarang"
                        )
                    )
        if report.errors:
            report.errors.sort(key=lambda e: e.line)
            await session.rollback()
            return report

        changes: list[dict[str, Any]] = []
        fields = ("name", "asn_type", "golongan", "gender", "birth_date", "status")
        for _, spec in parsed:
            employee = employees.get(spec["nip"])
            if employee is None:
                employee = Employee(nip=spec["nip"], **{f: spec[f] for f in fields})
                session.add(employee)
                employees[spec["nip"]] = employee
                report.created += 1
                changes.append({"nip": spec["nip"], "op": "create"})
            else:
                before = {f: getattr(employee, f) for f in fields}
                for f in fields:
                    setattr(employee, f, spec[f])
                if {f: getattr(employee, f) for f in fields} != before:
                    report.updated += 1
                    changes.append({"nip": spec["nip"], "op": "update", "before": before})
                    continue
                current = current_of.get(employee.id)
                same_position = spec["position_code"] is None or (
                    current is not None
                    and current.position_id == positions[spec["position_code"]][0]
                )
                if same_position:
                    report.unchanged += 1
                else:
                    report.updated += 1
        await session.flush()
        # The people who move: (row, employee, new position id, assignment held until now).
        moves: list[tuple[dict[str, Any], Employee, int, PositionAssignment | None]] = []
        for _, spec in parsed:
            if spec["position_code"] is None:
                continue
            employee = employees[spec["nip"]]
            pid = positions[spec["position_code"]][0]
            current = current_of.get(employee.id)
            if current is None or current.position_id != pid:
                moves.append((spec, employee, pid, current))
        # Close assignments of people who move before opening new ones (a swap within the file).
        for spec, _, _, current in moves:
            if current is not None:
                current.end_date = date.fromordinal(spec["start"].toordinal() - 1)
                changes.append(
                    {"nip": spec["nip"], "op": "end_assignment", "position_id": current.position_id}
                )
        await session.flush()
        for spec, employee, pid, _ in moves:
            session.add(
                PositionAssignment(
                    employee_id=employee.id, position_id=pid, start_date=spec["start"]
                )
            )
            changes.append({"nip": spec["nip"], "op": "assign", "position": spec["position_code"]})
        await _finish_import(
            session, actor, AuditAction.IMPORT_EMPLOYEES, data, report, changes, dry_run=dry_run
        )
    return report
