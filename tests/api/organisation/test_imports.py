"""CSV import of the organisation and of employees: good files, re-import, every bad-row kind,
file-level errors, and all-or-nothing (a bad file writes nothing and adds no audit event)."""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from server.db.engine import Database
from server.domain.enums import AsnType, Gender
from server.domain.nip import make_nip
from server.services import csv_files, imports
from server.services.actor import system_actor
from server.services.csv_files import ImportReport
from server.services.errors import ServiceError
from server.services.organisation.directory import load_org_snapshot
from tests.conftest import SmallOrg, gql, login
from tests.db_state import WATCHED, audit_count, db_state

TODAY = date(2024, 6, 1)
ACTOR = system_actor("import-test")

ORG_HEADER = "jenis_baris,kode,nama,jenis,kode_induk,kode_unit,jenjang"
# Children before parents on purpose: the import must place rows in any order.
ORG_ROWS = [
    "JABATAN,KASI-1,Kepala Seksi Pelayanan,PENGAWAS,KABID-1,BID-1,",
    "UNIT,BID-1,Bidang Pelayanan,BIDANG,DINKES,,",
    "JABATAN,KADIS-1,Kepala Dinas Kesehatan,JPT_PRATAMA,,DINKES,",
    "UNIT,DINKES,Dinas Kesehatan,PERANGKAT_DAERAH,KOTA,,",
    "UNIT,KOTA,Pemerintah Kota Salatiga,INSTANSI,,,",
    "JABATAN,KABID-1,Kepala Bidang Pelayanan,ADMINISTRATOR,KADIS-1,BID-1,",
    "JABATAN,STAF-1,Pengadministrasi Umum,PELAKSANA,KASI-1,BID-1,",
    'JABATAN,JF-1,"Epidemiolog Kesehatan, Ahli Pertama",FUNGSIONAL,KABID-1,BID-1,AHLI_PERTAMA',
    "JABATAN,STAF-2,Pengolah Data,pelaksana,KABID-1,bid-1,",
]

NIPS = {
    "ani": make_nip(date(1975, 2, 10), date(2000, 3, 1), Gender.PEREMPUAN, 1),
    "budi": make_nip(date(1980, 5, 6), date(2005, 1, 1), Gender.LAKI_LAKI, 2),
    "citra": make_nip(date(1990, 12, 31), date(2015, 4, 1), Gender.PEREMPUAN, 3),
    "dewi": make_nip(date(1993, 1, 1), 2022, Gender.PEREMPUAN, 4, AsnType.PPPK),
    "eko": make_nip(date(1995, 7, 7), date(2019, 2, 1), Gender.LAKI_LAKI, 5),
}
EMP_HEADER = "nip,nama,jenis_asn,golongan,status,kode_jabatan,tmt_jabatan"


def spaced(nip: str) -> str:
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"


EMP_ROWS = [
    f'{NIPS["ani"]},"dr. Ani Wulandari, M.Kes.",PNS,IV/b,,KADIS-1,2020-01-01',
    f"{NIPS['budi']},Budi Santoso,PNS,III/d,,KABID-1,2021-01-01",
    f"{spaced(NIPS['citra'])},Citra Lestari,pns,ii/a,cuti,STAF-1,2022-05-01",
    f"{NIPS['dewi']},Dewi Anggraini,PPPK,IX,,JF-1,2023-01-01",
    f"{NIPS['eko']},Eko Prasetyo,PNS,III/a,,,",
]


def csv_text(header: str, rows: list[str], *, delimiter: str = ",", bom: bool = False) -> bytes:
    lines = [header, *rows]
    if delimiter != ",":
        # Only the test data's separators: quoted cells keep their commas.
        lines = [_swap_delimiter(line, delimiter) for line in lines]
    text = "\r\n".join(lines) + "\r\n"
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode()


def _swap_delimiter(line: str, delimiter: str) -> str:
    out, quoted = [], False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        out.append(delimiter if ch == "," and not quoted else ch)
    return "".join(out)


def org_file(rows: list[str] | None = None, **kwargs: Any) -> bytes:
    return csv_text(ORG_HEADER, ORG_ROWS if rows is None else rows, **kwargs)


def emp_file(rows: list[str] | None = None, **kwargs: Any) -> bytes:
    return csv_text(EMP_HEADER, EMP_ROWS if rows is None else rows, **kwargs)


def counts(report: ImportReport) -> tuple[int, int, int]:
    return report.created, report.updated, report.unchanged


def errors(report: ImportReport) -> list[tuple[int, str | None]]:
    return [(e.line, e.field) for e in report.errors]


async def import_org(db: Database, data: bytes) -> ImportReport:
    return await imports.import_organisation(db, ACTOR, data)


async def import_emp(db: Database, data: bytes) -> ImportReport:
    return await imports.import_employees(db, ACTOR, data, today=TODAY)


async def rows(db: Database, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    async with db.read() as s:
        return [tuple(r) for r in (await s.execute(sa.text(sql), params)).all()]


async def loaded(db: Database) -> None:
    report = await import_org(db, org_file())
    assert report.ok, report.errors
    report = await import_emp(db, emp_file())
    assert report.ok, report.errors


async def assert_nothing_written(
    db: Database, data: bytes, *, employees: bool = False
) -> ImportReport:
    before = await db_state(db)
    report = await (import_emp(db, data) if employees else import_org(db, data))
    assert not report.ok
    assert report.created == report.updated == 0
    assert await db_state(db) == before
    return report


# ---------------------------------------------------------------- good files


@pytest.mark.parametrize(
    ("delimiter", "bom"), [(",", False), (";", True), (";", False), (",", True)]
)
async def test_good_org_file_in_any_order_and_dialect(
    db: Database, delimiter: str, bom: bool
) -> None:
    report = await import_org(db, org_file(delimiter=delimiter, bom=bom))
    assert report.ok, report.errors
    assert counts(report) == (3 + 6, 0, 0)
    units = await rows(
        db,
        "SELECT u.code, u.kind, p.code, u.valid_from FROM unit u "
        "LEFT JOIN unit p ON p.id = u.parent_id ORDER BY u.code",
    )
    assert [(c, k, p) for c, k, p, _ in units] == [
        ("BID-1", "BIDANG", "DINKES"),
        ("DINKES", "PERANGKAT_DAERAH", "KOTA"),
        ("KOTA", "INSTANSI", None),
    ]
    assert {str(v) for *_, v in units} == {"2000-01-01"}
    positions = await rows(
        db,
        "SELECT p.code, p.name, p.kind, p.functional_level, u.code, q.code FROM position p "
        "JOIN unit u ON u.id = p.unit_id LEFT JOIN position q ON q.id = p.parent_id "
        "ORDER BY p.code",
    )
    assert positions == [
        (
            "JF-1",
            "Epidemiolog Kesehatan, Ahli Pertama",
            "FUNGSIONAL",
            "AHLI_PERTAMA",
            "BID-1",
            "KABID-1",
        ),
        ("KABID-1", "Kepala Bidang Pelayanan", "ADMINISTRATOR", None, "BID-1", "KADIS-1"),
        ("KADIS-1", "Kepala Dinas Kesehatan", "JPT_PRATAMA", None, "DINKES", None),
        ("KASI-1", "Kepala Seksi Pelayanan", "PENGAWAS", None, "BID-1", "KABID-1"),
        ("STAF-1", "Pengadministrasi Umum", "PELAKSANA", None, "BID-1", "KASI-1"),
        ("STAF-2", "Pengolah Data", "PELAKSANA", None, "BID-1", "KABID-1"),
    ]
    events = await rows(db, "SELECT action, object_type FROM audit_event")
    assert events == [("import.organisation", "import")]


async def test_good_employee_file_sets_people_and_positions(db: Database) -> None:
    await loaded(db)
    people = await rows(
        db, "SELECT nip, name, asn_type, golongan, gender, status FROM employee ORDER BY nip"
    )
    assert (NIPS["citra"], "Citra Lestari", "PNS", "II/a", "PEREMPUAN", "CUTI") in people
    assert (NIPS["dewi"], "Dewi Anggraini", "PPPK", "IX", "PEREMPUAN", "AKTIF") in people
    assert (NIPS["ani"], "dr. Ani Wulandari, M.Kes.", "PNS", "IV/b", "PEREMPUAN", "AKTIF") in people
    assert len(people) == 5
    held = await rows(
        db,
        "SELECT e.name, p.code, a.start_date, a.end_date FROM position_assignment a "
        "JOIN employee e ON e.id = a.employee_id JOIN position p ON p.id = a.position_id "
        "ORDER BY p.code",
    )
    assert [(n, c, str(s), e) for n, c, s, e in held] == [
        ("Dewi Anggraini", "JF-1", "2023-01-01", None),
        ("Budi Santoso", "KABID-1", "2021-01-01", None),
        ("dr. Ani Wulandari, M.Kes.", "KADIS-1", "2020-01-01", None),
        ("Citra Lestari", "STAF-1", "2022-05-01", None),
    ]
    ids = dict(await rows(db, "SELECT name, id FROM employee"))
    async with db.read() as s:
        org = await load_org_snapshot(s, TODAY)
    citra = org.resolve_assessor(ids["Citra Lestari"])
    assert citra is not None
    assert citra.employee_id == ids["Budi Santoso"]
    assert org.assessors_of(ids["Citra Lestari"]) == {
        ids["Budi Santoso"],
        ids["dr. Ani Wulandari, M.Kes."],
    }
    events = await rows(db, "SELECT action FROM audit_event ORDER BY seq")
    assert events == [("import.organisation",), ("import.employees",)]


async def test_reimport_reports_unchanged_and_adds_no_audit_event(db: Database) -> None:
    await loaded(db)
    before = await db_state(db)
    again = await import_org(db, org_file(delimiter=";", bom=True))
    assert again.ok
    assert counts(again) == (0, 0, 9)
    again_emp = await import_emp(db, emp_file())
    assert again_emp.ok
    assert counts(again_emp) == (0, 0, 5)
    assert await db_state(db) == before


async def test_reimport_with_a_changed_name_counts_as_updated(db: Database) -> None:
    await loaded(db)
    events = await audit_count(db)
    changed = [
        r.replace("UNIT,BID-1,Bidang Pelayanan,", "UNIT,BID-1,Bidang Pelayanan Kesehatan,")
        for r in ORG_ROWS
    ]
    report = await import_org(db, org_file(changed))
    assert report.ok
    assert counts(report) == (0, 1, 8)
    assert await rows(db, "SELECT name, version FROM unit WHERE code = 'BID-1'") == [
        ("Bidang Pelayanan Kesehatan", 2),
    ]
    assert await audit_count(db) == events + 1
    last = await rows(db, "SELECT action FROM audit_event ORDER BY seq DESC LIMIT 1")
    assert last == [("import.organisation",)]

    emp_changed = [EMP_ROWS[0], EMP_ROWS[1].replace("III/d", "IV/a"), *EMP_ROWS[2:]]
    report = await import_emp(db, emp_file(emp_changed))
    assert report.ok
    assert counts(report) == (0, 1, 4)
    assert await rows(db, "SELECT golongan FROM employee WHERE nip = :nip", nip=NIPS["budi"]) == [
        ("IV/a",)
    ]
    assert await audit_count(db) == events + 2


async def test_reimport_moving_a_person_keeps_history(db: Database) -> None:
    await loaded(db)
    moved = [
        *EMP_ROWS[:2],
        EMP_ROWS[2].replace("STAF-1,2022-05-01", "KASI-1,2024-01-15"),
        *EMP_ROWS[3:],
    ]
    report = await import_emp(db, emp_file(moved))
    assert report.ok, report.errors
    assert counts(report) == (0, 1, 4)
    history = await rows(
        db,
        "SELECT p.code, a.start_date, a.end_date FROM position_assignment a "
        "JOIN position p ON p.id = a.position_id JOIN employee e ON e.id = a.employee_id "
        "WHERE e.nip = :nip ORDER BY a.start_date",
        nip=NIPS["citra"],
    )
    assert [(c, str(s), str(e) if e else None) for c, s, e in history] == [
        ("STAF-1", "2022-05-01", "2024-01-14"),
        ("KASI-1", "2024-01-15", None),
    ]


async def test_swap_of_two_holders_in_one_file(db: Database) -> None:
    await loaded(db)
    swapped = [
        EMP_ROWS[0],
        EMP_ROWS[1].replace("KABID-1,2021-01-01", "STAF-1,2024-02-01"),
        EMP_ROWS[2].replace("STAF-1,2022-05-01", "KABID-1,2024-02-01"),
        *EMP_ROWS[3:],
    ]
    report = await import_emp(db, emp_file(swapped))
    assert report.ok, report.errors
    held = await rows(
        db,
        "SELECT p.code, e.name FROM position_assignment a JOIN position p ON p.id = a.position_id "
        "JOIN employee e ON e.id = a.employee_id WHERE a.end_date IS NULL ORDER BY p.code",
    )
    assert ("KABID-1", "Citra Lestari") in held
    assert ("STAF-1", "Budi Santoso") in held


# ---------------------------------------------------------------- bad rows (organisation)


@pytest.mark.parametrize(
    ("bad_row", "field", "message_part"),
    [
        ("UNIT,BARU,Unit Baru,PLANET,DINKES,,", "jenis", "PLANET"),
        ("JABATAN,BARU,Jabatan Baru,RAJA,KABID-1,BID-1,", "jenis", "RAJA"),
        ("UNIT,BARU,Unit Baru,BIDANG,TIDAK-ADA,,", "kode_induk", "TIDAK-ADA"),
        ("JABATAN,BARU,Jabatan Baru,PELAKSANA,TIDAK-ADA,BID-1,", "kode_induk", "TIDAK-ADA"),
        ("JABATAN,BARU,Jabatan Baru,PELAKSANA,KABID-1,TIDAK-ADA,", "kode_unit", "TIDAK-ADA"),
        ("JABATAN,BARU,Jabatan Baru,PELAKSANA,KABID-1,,", "kode_unit", "wajib"),
        ("UNIT,DINKES,Dinas Lagi,PERANGKAT_DAERAH,KOTA,,", "kode", "ganda"),
        ("JABATAN,KADIS-1,Kadis Lagi,JPT_PRATAMA,,DINKES,", "kode", "baris 4"),
        ("UNIT,BARU,Unit Baru,KELURAHAN,DINKES,,", "kode_induk", "KELURAHAN"),
        ("JABATAN,BARU,Jabatan Baru,FUNGSIONAL,KABID-1,BID-1,", "jenjang", "FUNGSIONAL"),
        ("JABATAN,BARU,Jabatan Baru,PELAKSANA,KABID-1,BID-1,AHLI_MUDA", "jenjang", None),
        ("SEKSI,BARU,Unit Baru,SEKSI,BID-1,,", "jenis_baris", "SEKSI"),
        ("UNIT,,Tanpa Kode,BIDANG,DINKES,,", "kode", "wajib"),
        ("UNIT,BA RU,Kode Berspasi,BIDANG,DINKES,,", "kode", "tidak valid"),
        ("UNIT,BARU,,BIDANG,DINKES,,", "nama", "wajib"),
        (f"UNIT,BARU,{'N' * 300},BIDANG,DINKES,,", "nama", "200"),
        (f"UNIT,BARU,{'N' * 600},BIDANG,DINKES,,", "nama", "500"),
        ("UNIT,BARU,Nama\x07Bel,BIDANG,DINKES,,", "nama", "kendali"),
        ("UNIT,BARU,Unit Baru,BIDANG,DINKES,,,", None, "jumlah kolom"),
        ("UNIT,BARU,Unit Baru,BIDANG", None, "jumlah kolom"),
    ],
)
async def test_each_bad_org_row_kind_is_reported_and_nothing_written(
    db: Database, bad_row: str, field: str | None, message_part: str | None
) -> None:
    rows_ = [*ORG_ROWS[:4], bad_row, *ORG_ROWS[4:]]
    report = await assert_nothing_written(db, org_file(rows_))
    assert errors(report) == [(6, field)]  # header + 4 rows, then the bad one
    if message_part is not None:
        assert message_part in report.errors[0].message
    assert await audit_count(db) == 0


async def test_a_long_unknown_kind_is_quoted_cut_to_40_characters(db: Database) -> None:
    """As in the SKP import: the error quotes at most 40 characters of a bad enum cell."""
    rows_ = [*ORG_ROWS, f"UNIT,BARU,Unit Baru,{'P' * 100},DINKES,,"]
    report = await assert_nothing_written(db, org_file(rows_))
    assert errors(report) == [(len(rows_) + 1, "jenis")]
    message = report.errors[0].message
    assert f"'{'P' * 40}'" in message
    assert "P" * 41 not in message
    assert "PERANGKAT_DAERAH" in message  # the allowed values are still named


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("berlaku_mulai", "2024-02-30"),
        ("berlaku_mulai", "01/02/2024"),
        ("berlaku_sampai", "kemarin"),
        ("berlaku_sampai", "1999-01-01"),
    ],
)
async def test_bad_dates_in_org_file(db: Database, column: str, value: str) -> None:
    header = ORG_HEADER + ",berlaku_mulai,berlaku_sampai"
    good = [r + ",2020-01-01," for r in ORG_ROWS]
    bad = "UNIT,BARU,Unit Baru,BIDANG,DINKES,,," + (
        "2020-01-01," + value if column == "berlaku_sampai" else value + ","
    )
    before = await db_state(db)
    report = await import_org(db, csv_text(header, [*good, bad]))
    assert errors(report) == [(len(good) + 2, column)]
    assert await db_state(db) == before


async def test_parent_cycle_in_file_is_reported_on_each_row(db: Database) -> None:
    cyclic = [
        *ORG_ROWS,
        "JABATAN,SIKLUS-A,Siklus A,PELAKSANA,SIKLUS-B,BID-1,",
        "JABATAN,SIKLUS-B,Siklus B,PELAKSANA,SIKLUS-A,BID-1,",
    ]
    report = await assert_nothing_written(db, org_file(cyclic))
    assert errors(report) == [(11, "kode_induk"), (12, "kode_induk")]
    assert all("melingkar" in e.message for e in report.errors)


async def test_parent_cycle_through_stored_positions_is_refused(db: Database) -> None:
    await loaded(db)
    # KADIS-1 is above KABID-1 in the database; the file puts it below KABID-1.
    changed = [
        r
        if not r.startswith("JABATAN,KADIS-1,")
        else "JABATAN,KADIS-1,Kepala Dinas Kesehatan,JPT_PRATAMA,KABID-1,DINKES,"
        for r in ORG_ROWS
        if not r.startswith("JABATAN,KABID-1,")
    ]
    report = await assert_nothing_written(db, org_file(changed))
    assert [e.field for e in report.errors] == ["kode_induk"]
    assert "melingkar" in report.errors[0].message


async def test_second_root_instansi_is_refused(db: Database) -> None:
    await loaded(db)
    report = await assert_nothing_written(db, org_file(["UNIT,KOTA-LAIN,Kota Lain,INSTANSI,,,"]))
    assert errors(report) == [(2, "kode_induk")]


async def test_two_roots_in_one_file_is_refused(db: Database) -> None:
    report = await assert_nothing_written(
        db, org_file([*ORG_ROWS, "UNIT,KOTA2,Kota Kedua,INSTANSI,,,"])
    )
    assert errors(report) == [(11, "kode_induk")]
    assert "KOTA" in report.errors[0].message


async def test_every_bad_row_is_reported_not_just_the_first(db: Database) -> None:
    bad = [
        *ORG_ROWS,
        "UNIT,X1,Satu,PLANET,DINKES,,",
        "UNIT,X2,Dua,BIDANG,TIDAK-ADA,,",
        "UNIT,BID-1,Dobel,BIDANG,DINKES,,",
        "JABATAN,X3,Tiga,PELAKSANA,KASI-1,BID-1,,",
    ]
    report = await assert_nothing_written(db, org_file(bad))
    assert errors(report) == [(11, "jenis"), (12, "kode_induk"), (13, "kode"), (14, None)]


async def test_changing_kind_of_stored_unit_is_refused(db: Database) -> None:
    await loaded(db)
    changed = [
        r.replace("UNIT,BID-1,Bidang Pelayanan,BIDANG,", "UNIT,BID-1,Bidang Pelayanan,UPTD,")
        for r in ORG_ROWS
    ]
    report = await assert_nothing_written(db, org_file(changed))
    assert errors(report) == [(3, "jenis")]


# ---------------------------------------------------------------- bad rows (employees)


def bad_nip(kind: str) -> str:
    good = NIPS["eko"]
    return {
        "length": good[:17],
        "birth": "19951332" + good[8:],
        "gender": good[:14] + "7" + good[15:],
        "sequence": good[:15] + "000",
        "letters": good[:10] + "ab" + good[12:],
    }[kind]


@pytest.mark.parametrize(
    ("bad_row", "field", "message_part"),
    [
        (f"{bad_nip('length')},Salah,PNS,III/a,,,", "nip", "18 digit"),
        (f"{bad_nip('birth')},Salah,PNS,III/a,,,", "nip", "Tanggal lahir"),
        (f"{bad_nip('gender')},Salah,PNS,III/a,,,", "nip", "jenis kelamin"),
        (f"{bad_nip('sequence')},Salah,PNS,III/a,,,", "nip", "urut"),
        (f"{bad_nip('letters')},Salah,PNS,III/a,,,", "nip", "angka"),
        (f"{NIPS['dewi']},Salah,PNS,III/a,,,", "nip", "NI PPPK"),
        (f"{NIPS['budi']},Dobel,PNS,III/d,,,", "nip", "ganda"),
        (
            f"{make_nip(date(1999, 1, 1), date(2021, 1, 1), Gender.LAKI_LAKI, 9)},Baru,PNS,V/e,,,",
            "golongan",
            None,
        ),
        (
            f"{make_nip(date(1999, 1, 1), date(2021, 1, 1), Gender.LAKI_LAKI, 9)},Baru,PNS,XVII,,,",
            "golongan",
            None,
        ),
        (
            f"{make_nip(date(1999, 1, 1), date(2021, 1, 1), Gender.LAKI_LAKI, 9)},Baru,ASN,III/a,,,",
            "jenis_asn",
            "ASN",
        ),
        (
            f"{make_nip(date(1999, 1, 1), date(2021, 1, 1), Gender.LAKI_LAKI, 9)},Baru,PNS,III/a,LIBUR,,",
            "status",
            "LIBUR",
        ),
        (
            f"{make_nip(date(1999, 1, 1), date(2021, 1, 1), Gender.LAKI_LAKI, 9)},Baru,PNS,III/a,,TIDAK-ADA,2024-01-01",
            "kode_jabatan",
            "TIDAK-ADA",
        ),
        (
            f"{make_nip(date(1999, 1, 1), date(2021, 1, 1), Gender.LAKI_LAKI, 9)},Baru,PNS,III/a,,KASI-1,2024-13-01",
            "tmt_jabatan",
            "2024-13-01",
        ),
        (
            f"{make_nip(date(1999, 1, 1), date(2021, 1, 1), Gender.LAKI_LAKI, 9)},Baru,PNS,III/a,,KASI-1,",
            "tmt_jabatan",
            "wajib",
        ),
        (
            f"{make_nip(date(1999, 1, 1), date(2021, 1, 1), Gender.LAKI_LAKI, 9)},Baru,PNS,III/a,,KASI-1,2030-01-01",
            "tmt_jabatan",
            "masa depan",
        ),
        (
            f"{make_nip(date(1999, 1, 1), date(2021, 1, 1), Gender.LAKI_LAKI, 9)},Baru,PNS,III/a,,KASI-1,1999-01-01",
            "tmt_jabatan",
            None,
        ),
        # Two rows claiming one jabatan (STAF-1 is Citra's in row 4).
        (
            f"{make_nip(date(1999, 1, 1), date(2021, 1, 1), Gender.LAKI_LAKI, 9)},Baru,PNS,III/a,,STAF-1,2024-01-01",
            "kode_jabatan",
            "baris 4",
        ),
        (
            f"{make_nip(date(1999, 1, 1), date(2021, 1, 1), Gender.LAKI_LAKI, 9)},,PNS,III/a,,,",
            "nama",
            "wajib",
        ),
        (
            f"{make_nip(date(1999, 1, 1), date(2021, 1, 1), Gender.LAKI_LAKI, 9)},Baru,PNS,III/a,,",
            None,
            "jumlah kolom",
        ),
    ],
)
async def test_each_bad_employee_row_kind_is_reported_and_nothing_written(
    db: Database, bad_row: str, field: str | None, message_part: str | None
) -> None:
    report = await import_org(db, org_file())
    assert report.ok
    report = await assert_nothing_written(db, emp_file([*EMP_ROWS, bad_row]), employees=True)
    assert errors(report) == [(7, field)]
    if message_part is not None:
        assert message_part in report.errors[0].message, report.errors


async def test_position_held_by_someone_outside_the_file_is_refused(db: Database) -> None:
    await loaded(db)
    newcomer = make_nip(date(1999, 1, 1), date(2021, 1, 1), Gender.LAKI_LAKI, 9)
    report = await assert_nothing_written(
        db, emp_file([f"{newcomer},Pendatang,PNS,III/a,,STAF-1,2024-03-01"]), employees=True
    )
    assert errors(report) == [(2, "kode_jabatan")]
    assert "dipangku" in report.errors[0].message


async def test_holder_staying_in_the_file_still_holds_the_position(db: Database) -> None:
    """Citra stays in STAF-1 (her row names no position); a newcomer may not take it."""
    await loaded(db)
    newcomer = make_nip(date(1999, 1, 1), date(2021, 1, 1), Gender.LAKI_LAKI, 9)
    stays = EMP_ROWS[2].replace("STAF-1,2022-05-01", ",")
    report = await assert_nothing_written(
        db, emp_file([stays, f"{newcomer},Pendatang,PNS,III/a,,STAF-1,2024-03-01"]), employees=True
    )
    assert errors(report) == [(3, "kode_jabatan")]
    assert "dipangku" in report.errors[0].message


async def test_holder_keeping_same_position_in_the_file_blocks_a_claim(db: Database) -> None:
    await loaded(db)
    newcomer = make_nip(date(1999, 1, 1), date(2021, 1, 1), Gender.LAKI_LAKI, 9)
    report = await assert_nothing_written(
        db,
        emp_file([f"{newcomer},Pendatang,PNS,III/a,,STAF-1,2024-03-01", EMP_ROWS[2]]),
        employees=True,
    )
    assert errors(report) == [(2, "kode_jabatan"), (3, "kode_jabatan")]
    assert "dipangku" in report.errors[0].message
    assert "baris 2" in report.errors[1].message


async def test_tmt_not_after_current_start_is_refused(db: Database) -> None:
    await loaded(db)
    moved = [EMP_ROWS[2].replace("STAF-1,2022-05-01", "KASI-1,2022-05-01")]
    report = await assert_nothing_written(db, emp_file(moved), employees=True)
    assert errors(report) == [(2, "tmt_jabatan")]


async def test_employees_before_organisation_reports_unknown_positions(db: Database) -> None:
    report = await assert_nothing_written(db, emp_file(), employees=True)
    assert errors(report) == [
        (2, "kode_jabatan"),
        (3, "kode_jabatan"),
        (4, "kode_jabatan"),
        (5, "kode_jabatan"),
    ]


# ---------------------------------------------------------------- file-level errors


@pytest.mark.parametrize(
    ("data", "message_part"),
    [
        (b"", "kosong"),
        (
            "jenis_baris,kode,nama,jenis,kode_induk\nUNIT,KOTA,Kota S\xe9latiga,INSTANSI,\n".encode(
                "latin-1"
            ),
            "UTF-8",
        ),
        (b"jenis_baris,kode,nama,jenis\nUNIT,KOTA,Kota,INSTANSI\n", "kode_induk"),
        (b"jenis_baris,kode,nama,jenis,kode_induk,warna\nUNIT,KOTA,Kota,INSTANSI,,biru\n", "warna"),
        (b"jenis_baris,kode,nama,jenis,kode_induk,kode\nUNIT,KOTA,Kota,INSTANSI,,KOTA\n", "ganda"),
        (b"jenis_baris,kode,nama,jenis,kode_induk\nUNIT,KOTA,Ko\x00ta,INSTANSI,\n", "NUL"),
        (b"\x00\x01\x02\x03", "NUL"),
        (b'jenis_baris,kode,nama,jenis,kode_induk\nUNIT,KOTA,"Kota "x,INSTANSI,\n', "Baris 2"),
    ],
)
async def test_file_level_errors_are_clear_and_write_nothing(
    db: Database, data: bytes, message_part: str
) -> None:
    report = await assert_nothing_written(db, data)
    assert errors(report) == [(1, None)] or report.errors[0].line >= 1
    assert len(report.errors) == 1
    assert message_part in report.errors[0].message, report.errors[0].message


async def test_too_many_rows_is_refused(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csv_files, "MAX_CSV_ROWS", 5)
    report = await assert_nothing_written(db, org_file())
    assert len(report.errors) == 1
    assert "Terlalu banyak baris" in report.errors[0].message
    assert "5" in report.errors[0].message


async def test_too_large_file_is_refused(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csv_files, "MAX_CSV_BYTES", 100)
    report = await assert_nothing_written(db, org_file())
    assert "terlalu besar" in report.errors[0].message


async def test_header_only_file_imports_nothing(db: Database) -> None:
    report = await import_org(db, (ORG_HEADER + "\n").encode())
    assert report.ok
    assert counts(report) == (0, 0, 0)
    assert await audit_count(db) == 0


async def test_blank_lines_are_skipped_and_line_numbers_stay_true(db: Database) -> None:
    data = csv_text(
        ORG_HEADER, ["", *ORG_ROWS[:2], "", "UNIT,X,Satu,PLANET,DINKES,,", *ORG_ROWS[2:]]
    )
    report = await assert_nothing_written(db, data)
    assert errors(report) == [(6, "jenis")]


async def test_service_refuses_non_hr_actor(db: Database) -> None:
    from server.domain.enums import Role
    from server.services.actor import Actor

    for roles in (
        frozenset(),
        frozenset({Role.AUDITOR}),
        frozenset({Role.UNIT_MANAGER}),
        frozenset({Role.SYSADMIN}),
    ):
        actor = Actor(account_id=42, login="x", roles=roles, managed_unit_id=1)
        with pytest.raises(ServiceError) as exc:
            await imports.import_organisation(db, actor, org_file())
        assert exc.value.code == "FORBIDDEN"
        with pytest.raises(ServiceError):
            await imports.import_employees(db, actor, emp_file(), today=TODAY)
    assert await db_state(db) == {t: [] for t in WATCHED}


# ---------------------------------------------------------------- mutations


IMPORT_RESULT = "result { ok created updated unchanged errors { line field message } } errors { code field message }"


async def test_import_mutations_as_hr_admin(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg
) -> None:
    assert (await login(client, "hradmin")).status_code == 200
    org_rows = [
        r.replace(
            "UNIT,DINKES,Dinas Kesehatan,PERANGKAT_DAERAH,KOTA",
            "UNIT,DINKES,Dinas Kesehatan,PERANGKAT_DAERAH,PEMKOT",
        )
        for r in ORG_ROWS
        if not r.startswith("UNIT,KOTA,")
    ]
    org_csv = org_file(org_rows, delimiter=";").decode()
    body = await gql(
        client,
        f"mutation($csv: String!) {{ importOrganisation(csv: $csv) {{ {IMPORT_RESULT} }} }}",
        {"csv": "\ufeff" + org_csv},
    )
    payload = body["data"]["importOrganisation"]
    assert payload["errors"] == []
    assert payload["result"] == {
        "ok": True,
        "created": 8,
        "updated": 0,
        "unchanged": 0,
        "errors": [],
    }

    emp_csv = emp_file().decode()
    query = f"mutation($csv: String!) {{ importEmployees(csv: $csv) {{ {IMPORT_RESULT} }} }}"
    first = (await gql(client, query, {"csv": emp_csv}))["data"]["importEmployees"]
    assert first["result"]["ok"] is True
    assert first["result"]["created"] == 5
    again = (await gql(client, query, {"csv": emp_csv}))["data"]["importEmployees"]
    assert again["result"] == {"ok": True, "created": 0, "updated": 0, "unchanged": 5, "errors": []}

    bad = await gql(client, query, {"csv": emp_file([*EMP_ROWS, "123,X,PNS,III/a,,,"]).decode()})
    result = bad["data"]["importEmployees"]["result"]
    assert result["ok"] is False
    assert result["created"] == 0
    assert [(e["line"], e["field"]) for e in result["errors"]] == [(7, "nip")]

    assert (await login(client, "auditor")).status_code == 200
    events = await gql(
        client, '{ auditEvents(objectType: "import") { totalCount nodes { action actorLabel } } }'
    )
    assert events["data"]["auditEvents"]["totalCount"] == 2
    assert {n["action"] for n in events["data"]["auditEvents"]["nodes"]} == {
        "import.organisation",
        "import.employees",
    }
    assert {n["actorLabel"] for n in events["data"]["auditEvents"]["nodes"]} == {"hradmin"}
    # Through the API the imported people are visible with their assessor.
    people = await gql(
        client,
        '{ employees(search: "citra") { nodes { name unit { code } '
        "assessor { basis employee { name } } } } }",
    )
    assert people["data"]["employees"]["nodes"] == [
        {
            "name": "Citra Lestari",
            "unit": {"code": "BID-1"},
            "assessor": {"basis": "NEXT_FILLED_POSITION", "employee": {"name": "Budi Santoso"}},
        }
    ]


@pytest.mark.parametrize("user", ["staf", "manager", "auditor", "sysadmin"])
async def test_import_mutations_forbidden_for_others(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg, user: str
) -> None:
    assert (await login(client, user)).status_code == 200
    before = await db_state(db)
    for name, data in (("importOrganisation", org_file()), ("importEmployees", emp_file())):
        body = await gql(
            client,
            f"mutation($csv: String!) {{ {name}(csv: $csv) {{ {IMPORT_RESULT} }} }}",
            {"csv": data.decode()},
        )
        payload = body["data"][name]
        assert payload["result"] is None
        assert payload["errors"][0]["code"] == "FORBIDDEN"
    assert await db_state(db) == before


async def test_import_mutation_file_level_error(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg
) -> None:
    assert (await login(client, "hradmin")).status_code == 200
    before = await db_state(db)
    body = await gql(client, f'mutation {{ importOrganisation(csv: "") {{ {IMPORT_RESULT} }} }}')
    result = body["data"]["importOrganisation"]["result"]
    assert result["ok"] is False
    assert result["errors"][0]["line"] == 1
    assert "kosong" in result["errors"][0]["message"]
    assert await db_state(db) == before
