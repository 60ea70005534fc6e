"""The preview of a BKN e-Kinerja SKP import (``dry_run`` and ``previewImport(kind: BKN_SKP)``):
the counts applying would give, row errors in place, and nothing written either way."""

from __future__ import annotations

import httpx

from server.db.engine import Database
from server.db.models import AuditEvent, Indicator, PerformancePlan, WorkResult
from server.services.interop.import_skp import import_skp
from tests.api.interop.conftest import HR, YEAR, InteropFixture, count, export_csv, parse_csv
from tests.api.interop.conftest import _csv as rows_csv
from tests.conftest import SmallOrg, gql, login

PREVIEW = """mutation($csv: String!, $year: Int) {
  previewImport(kind: BKN_SKP, csv: $csv, year: $year) {
    result { rowCount rows { line } result { ok created unchanged errors { line field } } }
    errors { code field }
  }
}"""


async def stored(db: Database) -> list[int]:
    return [await count(db, m) for m in (PerformancePlan, WorkResult, Indicator, AuditEvent)]


async def test_preview_counts_what_applying_creates_and_writes_nothing(
    db: Database, second_db: Database, small_org: SmallOrg, skps: InteropFixture
) -> None:
    exported = await export_csv(db)
    before = await stored(second_db)
    preview = await import_skp(second_db, HR, YEAR, exported, dry_run=True)
    assert (preview.errors, preview.created, preview.unchanged) == ([], 4, 0)
    assert await stored(second_db) == before
    applied = await import_skp(second_db, HR, YEAR, exported)
    assert (applied.errors, applied.created) == ([], 4)
    after = await stored(second_db)
    again = await import_skp(second_db, HR, YEAR, exported, dry_run=True)
    assert (again.errors, again.created, again.unchanged) == ([], 0, 4)
    assert await stored(second_db) == after


async def test_preview_shows_a_bad_row_in_place(
    db: Database, second_db: Database, small_org: SmallOrg, skps: InteropFixture
) -> None:
    rows = parse_csv(await export_csv(db))
    rows[1]["aspek"] = "=HYPERLINK(1)"
    before = await stored(second_db)
    report = await import_skp(second_db, HR, YEAR, rows_csv(rows), dry_run=True)
    assert [(e.line, e.field) for e in report.errors] == [(3, "aspek")]
    assert report.created == 0
    assert await stored(second_db) == before


async def test_preview_through_the_api(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg, skps: InteropFixture
) -> None:
    assert (await login(client, "hradmin")).status_code == 200
    exported = (await export_csv(db)).decode()
    before = await stored(db)
    body = await gql(client, PREVIEW, {"csv": exported, "year": YEAR})
    result = body["data"]["previewImport"]["result"]
    assert result["result"] == {"ok": True, "created": 0, "unchanged": 4, "errors": []}
    assert result["rowCount"] == len(parse_csv(exported.encode()))
    assert [r["line"] for r in result["rows"]][:2] == [2, 3]
    assert await stored(db) == before
