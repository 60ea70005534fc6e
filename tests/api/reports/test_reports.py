"""HR reports: completion by unit and predicate distribution, through GraphQL and as files."""

from __future__ import annotations

import csv
import io
from typing import Any

import httpx
import pytest
from openpyxl import load_workbook

from server.db.engine import Database
from tests.api.reports.conftest import COMPLETION, COMPLETION_FIELDS, YEAR, Rep
from tests.conftest import ClientFactory, count_statements, gql

DISTRIBUTION = """query($y: Int!, $p: Int, $u: String) {
  predicateDistributionReport(year: $y, periodNumber: $p, unitCode: $u) {
    periodNumber periodLabel unitCode orgPredicate total withinPattern violations
    counts { predicate count }
  } }"""


def _table(rows: list[dict[str, Any]], fields: tuple[str, ...]) -> list[tuple[Any, ...]]:
    return [tuple(r[f] for f in fields) for r in rows]


async def _query(client: httpx.AsyncClient, query: str, **variables: Any) -> dict[str, Any]:
    return await gql(client, query, {"y": YEAR, **variables})


async def test_completion_of_the_first_quarter(rep: Rep, client_for: ClientFactory) -> None:
    body = await _query(await client_for("hradmin"), COMPLETION, p=1)
    rows = body["data"]["completionReport"]
    assert {(r["year"], r["periodNumber"]) for r in rows} == {(YEAR, 1)}
    assert _table(rows, COMPLETION_FIELDS) == [
        # kabid, staf, staf2: two SKPs set; 3 IKI due, the late one missing; kabid not rated yet.
        ("BIDANG", 3, 2, 66.7, 3, 2, 66.7, 2, 1, 50.0),
        ("DINAS", 1, 1, 100.0, 1, 0, 0.0, 1, 1, 100.0),
        ("DINAS2", 1, 0, 0.0, 0, 0, None, 0, 0, None),
        ("PEMKOT", 1, 0, 0.0, 0, 0, None, 0, 0, None),
    ]
    assert [r["parentUnitCode"] for r in rows] == ["DINAS", "PEMKOT", "PEMKOT", None]


async def test_completion_of_the_whole_year(rep: Rep, client_for: ClientFactory) -> None:
    """Every quarter's realisasi is due; the evaluation that counts is the annual one."""
    body = await _query(await client_for("auditor"), COMPLETION)
    assert _table(body["data"]["completionReport"], COMPLETION_FIELDS)[:2] == [
        ("BIDANG", 3, 2, 66.7, 12, 2, 16.7, 2, 1, 50.0),
        ("DINAS", 1, 1, 100.0, 4, 0, 0.0, 1, 0, 0.0),
    ]


C = ("SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG")


def _counts(row: dict[str, Any]) -> tuple[int, ...]:
    assert [c["predicate"] for c in row["counts"]] == list(C)
    return tuple(c["count"] for c in row["counts"])


async def test_predicate_distribution_by_unit_and_period(
    rep: Rep, client_for: ClientFactory
) -> None:
    body = await _query(await client_for("hradmin"), DISTRIBUTION)
    rows = body["data"]["predicateDistributionReport"]
    assert [
        (
            r["periodNumber"],
            r["periodLabel"],
            r["unitCode"],
            r["orgPredicate"],
            r["total"],
            _counts(r),
            r["withinPattern"],
        )
        for r in rows
    ] == [
        (1, f"Triwulan I {YEAR}", "BIDANG", "BAIK", 1, (0, 1, 0, 0, 0), False),
        # kadis was rated while in DINAS2: the frozen snapshot decides, not today's post.
        (1, f"Triwulan I {YEAR}", "DINAS2", None, 1, (1, 0, 0, 0, 0), None),
        (None, f"Tahunan {YEAR}", "BIDANG", None, 1, (0, 0, 0, 1, 0), None),
        (None, f"Tahunan {YEAR}", "DINAS", "ISTIMEWA", 0, (0, 0, 0, 0, 0), True),
    ]
    assert rows[0]["violations"]  # explained, in Indonesian, by the policy
    # DINAS with its sub-units in Triwulan I: only BIDANG has anything to show.
    only_q1 = await _query(await client_for("hradmin"), DISTRIBUTION, p=1, u="DINAS")
    assert [r["unitCode"] for r in only_q1["data"]["predicateDistributionReport"]] == ["BIDANG"]


@pytest.mark.parametrize(
    ("user", "unit", "expected"),
    [
        ("hradmin", None, ["BIDANG", "DINAS", "DINAS2", "PEMKOT"]),
        ("auditor", "DINAS", ["BIDANG", "DINAS"]),
        ("manager", None, ["BIDANG", "DINAS"]),  # UNIT_MANAGER of DINAS: the subtree only
        ("manager", "BIDANG", ["BIDANG"]),
        ("manager", "DINAS2", "FORBIDDEN"),
        ("manager", "PEMKOT", "FORBIDDEN"),
        ("hradmin", "TIDAK-ADA", "NOT_FOUND"),
        ("staf", None, "FORBIDDEN"),
        ("kabid", None, "FORBIDDEN"),  # a Pejabat Penilai is not BKPSDM
        ("kadis", None, "FORBIDDEN"),
        ("sysadmin", None, "FORBIDDEN"),
    ],
)
async def test_who_may_read_which_units(
    rep: Rep, client_for: ClientFactory, user: str, unit: str | None, expected: Any
) -> None:
    client = await client_for(user)
    for query, field in (
        (COMPLETION, "completionReport"),
        (DISTRIBUTION, "predicateDistributionReport"),
    ):
        body = await _query(client, query, u=unit, p=1)
        if isinstance(expected, str):
            assert body["data"] is None
            assert body["errors"][0]["extensions"]["code"] == expected
        elif field == "completionReport":
            assert [r["unitCode"] for r in body["data"][field]] == expected
        else:
            assert {r["unitCode"] for r in body["data"][field]} <= set(expected)


@pytest.mark.parametrize(
    ("variables", "code", "field"),
    [({"y": 2023}, "NOT_FOUND", "year"), ({"p": 5}, "NOT_FOUND", "periodNumber")],
)
async def test_unknown_year_or_period(
    rep: Rep, client_for: ClientFactory, variables: dict[str, Any], code: str, field: str
) -> None:
    body = await _query(await client_for("hradmin"), COMPLETION, **variables)
    assert body["errors"][0]["extensions"] == {"code": code, "field": field}


# ---------------------------------------------------------------------------------------------
# Files

CSV_HEADER = [
    "year",
    "period_number",
    "unit_code",
    "unit_name",
    "parent_unit_code",
    "employees",
    "skp_set",
    "skp_set_pct",
    "realizations_due",
    "realizations_on_time",
    "realizations_on_time_pct",
    "evaluations_due",
    "evaluations_done",
    "evaluations_done_pct",
]


def _csv(response: httpx.Response) -> list[list[str]]:
    assert response.content.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads UTF-8
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


async def test_completion_csv(rep: Rep, client_for: ClientFactory) -> None:
    client = await client_for("hradmin")
    response = await client.get(
        "/api/reports/completion.csv", params={"year": YEAR, "periodNumber": 1}
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"].startswith(
        f'attachment; filename="completion-{YEAR}-periode-1.csv"'
    )
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "private, no-store"
    header, *rows = _csv(response)
    assert header == CSV_HEADER
    assert rows == [
        [str(YEAR), "1", "BIDANG", "Unit BIDANG", "DINAS", "3", "2", "66.7", "3", "2", "66.7", "2", "1", "50.0"],
        [str(YEAR), "1", "DINAS", "Unit DINAS", "PEMKOT", "1", "1", "100.0", "1", "0", "0.0", "1", "1", "100.0"],
        [str(YEAR), "1", "DINAS2", "Unit DINAS2", "PEMKOT", "1", "0", "0.0", "0", "0", "", "0", "0", ""],
        [str(YEAR), "1", "PEMKOT", "Unit PEMKOT", "", "1", "0", "0.0", "0", "0", "", "0", "0", ""],
    ]  # fmt: skip


async def test_distribution_csv_for_a_unit_manager(rep: Rep, client_for: ClientFactory) -> None:
    client = await client_for("manager")
    response = await client.get("/api/reports/predicate-distribution.csv", params={"year": YEAR})
    header, *rows = _csv(response)
    assert header[:7] == ["year", "period_number", "period_label", "unit_code", "unit_name",
                          "org_predicate", "total"]  # fmt: skip
    assert header[7:] == [
        "sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang",
        "within_pattern", "violations",
    ]  # fmt: skip
    assert [r[:13] for r in rows] == [
        [str(YEAR), "1", f"Triwulan I {YEAR}", "BIDANG", "Unit BIDANG", "BAIK", "1",
         "0", "1", "0", "0", "0", "false"],
        [str(YEAR), "", f"Tahunan {YEAR}", "BIDANG", "Unit BIDANG", "", "1",
         "0", "0", "0", "1", "0", ""],
        [str(YEAR), "", f"Tahunan {YEAR}", "DINAS", "Unit DINAS", "ISTIMEWA", "0",
         "0", "0", "0", "0", "0", "true"],
    ]  # fmt: skip
    assert rows[0][13] != ""
    assert rows[1][13] == ""


async def test_completion_xlsx(rep: Rep, client_for: ClientFactory) -> None:
    client = await client_for("auditor")
    response = await client.get(
        "/api/reports/completion.xlsx",
        params={"year": YEAR, "periodNumber": 1, "unitCode": "DINAS"},
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response.headers["content-disposition"].startswith(
        f'attachment; filename="completion-{YEAR}-periode-1-DINAS.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0][:4] == ["Tahun", "Periode", "Kode unit", "Unit kerja"]
    assert values[1:] == [
        [YEAR, 1, "BIDANG", "Unit BIDANG", "DINAS", 3, 2, 66.7, 3, 2, 66.7, 2, 1, 50.0],
        [YEAR, 1, "DINAS", "Unit DINAS", "PEMKOT", 1, 1, 100.0, 1, 0, 0.0, 1, 1, 100.0],
    ]
    assert all(cell.font.bold for cell in sheet[1])
    assert not sheet["A2"].font.bold
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["D"].width == 40
    assert sheet["H2"].number_format == "0.0"


@pytest.mark.parametrize(
    ("user", "path", "params", "status", "code"),
    [
        (None, "completion.csv", {"year": YEAR}, 401, "UNAUTHENTICATED"),
        ("staf", "completion.csv", {"year": YEAR}, 403, "FORBIDDEN"),
        ("manager", "completion.xlsx", {"year": YEAR, "unitCode": "DINAS2"}, 403, "FORBIDDEN"),
        ("hradmin", "completion.pdf", {"year": YEAR}, 404, "NOT_FOUND"),
        ("hradmin", "rahasia.csv", {"year": YEAR}, 404, "NOT_FOUND"),
        ("hradmin", "completion.csv", {}, 400, "INVALID_INPUT"),
        ("hradmin", "completion.csv", {"year": "dua"}, 400, "INVALID_INPUT"),
        ("hradmin", "completion.csv", {"year": 2023}, 404, "NOT_FOUND"),
        ("hradmin", "completion.csv", {"year": YEAR, "periodNumber": 9}, 404, "NOT_FOUND"),
    ],
)
async def test_download_refusals(
    rep: Rep,
    client_for: ClientFactory,
    client: httpx.AsyncClient,
    user: str | None,
    path: str,
    params: dict[str, Any],
    status: int,
    code: str,
) -> None:
    c = await client_for(user) if user else client
    response = await c.get(f"/api/reports/{path}", params=params)
    assert response.status_code == status, response.text
    assert response.json()["error"]["code"] == code


# ---------------------------------------------------------------------------------------------
# Statement counts


async def _measure(db: Database, client: httpx.AsyncClient) -> tuple[int, ...]:
    counts = []
    for query in (COMPLETION, DISTRIBUTION):
        for variables in ({}, {"p": 1}):
            with count_statements(db) as seen:
                body = await _query(client, query, **variables)
            assert "errors" not in body, body
            counts.append(len(seen))
    for name in ("completion.csv", "predicate-distribution.xlsx"):
        with count_statements(db) as seen:
            response = await client.get(f"/api/reports/{name}", params={"year": YEAR})
        assert response.status_code == 200
        counts.append(len(seen))
    return tuple(counts)


async def test_statement_count_does_not_grow_with_employees(
    rep: Rep, db: Database, client_for: ClientFactory
) -> None:
    client = await client_for("hradmin")
    await rep.add_staff(1, 5)
    small = await _measure(db, client)
    q1 = (await _query(client, COMPLETION, p=1))["data"]["completionReport"][0]
    assert (q1["unitCode"], q1["employees"], q1["evaluationsDone"]) == ("BIDANG", 8, 6)
    await rep.add_staff(6, 45)
    large = await _measure(db, client)
    q1 = (await _query(client, COMPLETION, p=1))["data"]["completionReport"][0]
    assert (q1["unitCode"], q1["employees"], q1["evaluationsDone"]) == ("BIDANG", 53, 51)
    assert small == large
