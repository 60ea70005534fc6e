"""The preview of a CSV import (``previewImport``): the file as read with each row's errors, and the
counts applying would give — with nothing written, whatever the file — then applying it in one
transaction, idempotent on re-apply. Hostile files and who may preview."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest

from server.db.engine import Database
from server.domain.enums import Gender
from server.domain.nip import make_nip
from server.services import csv_files
from server.services.csv_files import read_csv
from server.services.imports import (
    EMPLOYEE_COLUMNS,
    EMPLOYEE_OPTIONAL,
    ORG_COLUMNS,
    ORG_OPTIONAL,
)
from server.services.interop.bkn_layout import SKP_OPTIONAL, SKP_REQUIRED
from tests.conftest import SmallOrg, gql, login
from tests.db_state import audit_count, db_state

TEMPLATES = Path(__file__).resolve().parents[3] / "web" / "public"
HEADER = "nip,nama,jenis_asn,golongan,status,kode_jabatan,tmt_jabatan"
NEW = [make_nip(date(1990, 1, 2), date(2015, 3, 1), Gender.PEREMPUAN, n) for n in (71, 72, 73)]
PREVIEW = """mutation($kind: ImportKind!, $csv: String!, $year: Int) {
  previewImport(kind: $kind, csv: $csv, year: $year) {
    result { kind columns rowCount rows { line cells }
             result { ok created updated unchanged errors { line field message } } }
    errors { code field message }
  }
}"""
APPLY = """mutation($csv: String!) { importEmployees(csv: $csv) {
  result { ok created updated unchanged errors { line field message } } errors { code } } }"""


def good_rows() -> list[str]:
    return [
        f"{NEW[0]},Rina Kartika,PNS,III/a,,KASI,2024-02-01",
        f"{NEW[1]},Sari Wulan,PNS,II/c,,,",
        f"{NEW[2]},Tono Hadi,PNS,III/b,,,",
    ]


def employees_csv(rows: list[str]) -> str:
    return "\n".join([HEADER, *rows]) + "\n"


async def preview(
    client: httpx.AsyncClient, csv: str, kind: str = "EMPLOYEES", year: int | None = None
) -> dict[str, Any]:
    body = await gql(client, PREVIEW, {"kind": kind, "csv": csv, "year": year})
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"]["previewImport"]
    return result


def row_errors(payload: dict[str, Any]) -> list[tuple[int, str | None, str]]:
    return [(e["line"], e["field"], e["message"]) for e in payload["result"]["result"]["errors"]]


async def test_one_bad_row_previews_exact_errors_and_writes_nothing(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg
) -> None:
    assert (await login(client, "hradmin")).status_code == 200
    rows = good_rows()
    rows[1] = f"{NEW[1]},Sari Wulan,PNS,V/z,,,"
    before, events = await db_state(db), await audit_count(db)
    payload = await preview(client, employees_csv(rows))
    assert payload["errors"] == []
    table = payload["result"]
    assert table["kind"] == "EMPLOYEES"
    assert table["columns"] == HEADER.split(",")
    assert table["rowCount"] == 3
    assert [r["line"] for r in table["rows"]] == [2, 3, 4]
    assert table["rows"][1]["cells"][:4] == [NEW[1], "Sari Wulan", "PNS", "V/z"]
    assert table["result"]["ok"] is False
    assert table["result"]["created"] == 0
    errors = row_errors(payload)
    assert [(line, field) for line, field, _ in errors] == [(3, "golongan")]
    assert "V/Z" in errors[0][2] or "V/z" in errors[0][2], errors
    # Applying the same file is refused the same way.
    applied = (await gql(client, APPLY, {"csv": employees_csv(rows)}))["data"]["importEmployees"]
    assert applied["result"]["ok"] is False
    assert [(e["line"], e["field"]) for e in applied["result"]["errors"]] == [(3, "golongan")]
    assert await db_state(db) == before
    assert await audit_count(db) == events


async def test_good_file_previews_counts_then_applies_once(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg
) -> None:
    assert (await login(client, "hradmin")).status_code == 200
    csv = employees_csv(good_rows())
    before, events = await db_state(db), await audit_count(db)
    payload = await preview(client, csv)
    assert payload["result"]["result"] == {
        "ok": True,
        "created": 3,
        "updated": 0,
        "unchanged": 0,
        "errors": [],
    }
    assert await db_state(db) == before, "a preview writes nothing"
    assert await audit_count(db) == events

    applied = (await gql(client, APPLY, {"csv": csv}))["data"]["importEmployees"]["result"]
    assert (applied["ok"], applied["created"]) == (True, 3)
    assert await audit_count(db) == events + 1
    after = await db_state(db)
    assert {r[1] for r in after["employee"]} >= set(NEW)
    again = await preview(client, csv)
    assert again["result"]["result"]["unchanged"] == 3
    re_applied = (await gql(client, APPLY, {"csv": csv}))["data"]["importEmployees"]["result"]
    assert (re_applied["created"], re_applied["updated"], re_applied["unchanged"]) == (0, 0, 3)
    assert await db_state(db) == after, "re-applying changes nothing"


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # Formula injection: refused in place, never stored.
        ([f"{NEW[0]},=cmd|' /C calc'!A0,PNS,III/a,,,"], [(2, "nama")]),
        ([f"{NEW[0]},@SUM(A1),PNS,III/a,,,"], [(2, "nama")]),
        (["=1+1,Rina,PNS,III/a,,,"], [(2, "nip")]),
        # The same NIP twice.
        ([good_rows()[1], good_rows()[1]], [(3, "nip")]),
        # A position that does not exist, and one that does not belong to a unit here.
        ([f"{NEW[0]},Rina,PNS,III/a,,NOPE,2024-02-01"], [(2, "kode_jabatan")]),
        # A position held by someone not in the file.
        ([f"{NEW[0]},Rina,PNS,III/a,,STAF,2024-02-01"], [(2, "kode_jabatan")]),
        # A row with too few cells.
        ([f"{NEW[0]},Rina"], [(2, None)]),
    ],
)
async def test_hostile_rows_are_shown_in_place_and_write_nothing(
    client: httpx.AsyncClient,
    db: Database,
    small_org: SmallOrg,
    rows: list[str],
    expected: list[tuple[int, str | None]],
) -> None:
    assert (await login(client, "hradmin")).status_code == 200
    before = await db_state(db)
    payload = await preview(client, employees_csv(rows))
    assert [(line, field) for line, field, _ in row_errors(payload)] == expected
    # The table carries each bad row as written (text, never evaluated).
    lines = {r["line"]: r["cells"] for r in payload["result"]["rows"]}
    for line, _ in expected:
        assert line in lines
    assert (await gql(client, APPLY, {"csv": employees_csv(rows)}))["data"]["importEmployees"][
        "result"
    ]["ok"] is False
    assert await db_state(db) == before


@pytest.mark.parametrize(
    ("data", "message_part"),
    [
        ("nip,nama\n1,X\n", "Kolom wajib tidak ada"),
        ("", "kosong"),
        ("nip,nama,jenis_asn,golongan,warna\n", "warna"),
    ],
)
async def test_file_errors_are_reported_on_line_one(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg, data: str, message_part: str
) -> None:
    assert (await login(client, "hradmin")).status_code == 200
    before = await db_state(db)
    payload = await preview(client, data)
    errors = row_errors(payload)
    assert [(line, field) for line, field, _ in errors] == [(1, None)]
    assert message_part in errors[0][2]
    assert await db_state(db) == before


async def test_bom_and_semicolons_are_read_but_a_garbled_encoding_is_refused(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg
) -> None:
    assert (await login(client, "hradmin")).status_code == 200
    excel = "\ufeff" + employees_csv(good_rows()).replace(",", ";")
    payload = await preview(client, excel)
    assert payload["result"]["columns"][0] == "nip"  # no BOM left in the first column
    assert payload["result"]["result"]["created"] == 3
    # A Latin-1 file that a browser read as UTF-8 arrives with U+FFFD: refused in place.
    garbled = employees_csv([f"{NEW[0]},Ren\ufffde,PNS,III/a,,,"])
    before = await db_state(db)
    payload = await preview(client, garbled)
    assert [(line, field) for line, field, _ in row_errors(payload)] == [(2, "nama")]
    assert "UTF-8" in row_errors(payload)[0][2]
    assert "\ufffd" in payload["result"]["rows"][0]["cells"][1]
    assert await db_state(db) == before


async def test_oversized_file_is_refused_before_reading(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg
) -> None:
    assert (await login(client, "hradmin")).status_code == 200
    before = await db_state(db)
    huge = HEADER + "\n" + ("x" * 5_000_001)
    payload = await preview(client, huge)
    assert payload["result"] is None
    assert payload["errors"] == [
        {"code": "INVALID_INPUT", "field": "csv", "message": "Berkas CSV terlalu besar."}
    ]
    assert await db_state(db) == before


async def test_too_large_for_the_reader_is_a_line_one_error(
    client: httpx.AsyncClient,
    db: Database,
    small_org: SmallOrg,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(csv_files, "MAX_CSV_BYTES", 50)
    assert (await login(client, "hradmin")).status_code == 200
    payload = await preview(client, employees_csv(good_rows()))
    assert [(line, field) for line, field, _ in row_errors(payload)] == [(1, None)]
    assert payload["result"]["rows"] == []


async def test_bkn_preview_needs_a_year_and_an_existing_one(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg
) -> None:
    assert (await login(client, "hradmin")).status_code == 200
    header = ",".join(SKP_REQUIRED) + "\n"
    missing = await preview(client, header, kind="BKN_SKP")
    assert missing["errors"][0]["field"] == "year"
    unknown = await preview(client, header, kind="BKN_SKP", year=2099)
    assert unknown["errors"][0]["code"] == "NOT_FOUND"


@pytest.mark.parametrize("user", ["auditor", "sysadmin", "manager", "staf"])
async def test_only_hr_admin_may_preview(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg, user: str
) -> None:
    assert (await login(client, user)).status_code == 200
    before = await db_state(db)
    for kind in ("EMPLOYEES", "ORGANISATION", "BKN_SKP"):
        payload = await preview(client, employees_csv(good_rows()), kind=kind, year=2024)
        assert payload["result"] is None
        assert payload["errors"][0]["code"] == "FORBIDDEN"
    assert await db_state(db) == before


async def test_preview_needs_a_session(client: httpx.AsyncClient, small_org: SmallOrg) -> None:
    response = await client.post(
        "/api/graphql",
        json={"query": PREVIEW, "variables": {"kind": "EMPLOYEES", "csv": HEADER}},
    )
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("name", "required", "optional"),
    [
        ("templat-impor-organisasi.csv", ORG_COLUMNS, ORG_OPTIONAL),
        ("templat-impor-pegawai.csv", EMPLOYEE_COLUMNS, EMPLOYEE_OPTIONAL),
        ("templat-impor-skp-bkn.csv", SKP_REQUIRED, SKP_OPTIONAL),
    ],
)
def test_downloadable_templates_have_the_importers_columns(
    name: str, required: tuple[str, ...], optional: tuple[str, ...]
) -> None:
    data = (TEMPLATES / name).read_bytes()
    rows = read_csv(data, required=required, optional=optional)
    header = data.decode("utf-8-sig").splitlines()[0].split(",")
    assert set(header) == {*required, *optional}
    assert all("__error__" not in r.values for r in rows)
