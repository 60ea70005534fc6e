"""Bukti dukung: attach uploads or links, soft removal, the evaluation lock, and download."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import httpx
import pytest
import sqlalchemy as sa

from server.db.engine import Database
from server.db.models import Evidence
from tests.api.work import samples
from tests.api.work.conftest import (
    ADD_EVIDENCE,
    CREATE_WORK_LOG,
    REMOVE_EVIDENCE,
    WorkFixture,
    count_rows,
    mark_evaluated,
    save_realization,
    upload_token,
)
from tests.conftest import ClientFactory, audit_actions, count_statements, error_codes, gql, mutate

COUNTS = """
query($plan: ID!, $period: ID!) {
  realizations(planId: $plan, periodId: $period) { id evidenceCount evidence { id kind name } }
}"""


async def _realization(staf: httpx.AsyncClient, work: WorkFixture, iki: int = 0) -> str:
    saved = await save_realization(staf, work, iki=iki)
    realization_id: str = saved["result"]["id"]
    return realization_id


async def _add(client: httpx.AsyncClient, realization_id: str, **data: Any) -> dict[str, Any]:
    return await mutate(client, ADD_EVIDENCE, {"input": {"realizationId": realization_id, **data}})


async def test_attach_file_and_link_then_remove_softly(
    client_for: ClientFactory, work: WorkFixture, db: Database
) -> None:
    staf = await client_for("staf")
    rid = await _realization(staf, work)
    token = await upload_token(staf, samples.xlsx(), "rekap maret.xlsx")
    file_item = await _add(staf, rid, uploadToken=token, title="Rekap")
    assert file_item["result"]["kind"] == "FILE"
    assert file_item["result"]["name"] == "rekap maret.xlsx"
    link = await _add(staf, rid, url="https://sipd.salatiga.go.id/laporan?id=7#bagian")
    assert link["result"]["kind"] == "LINK"
    assert link["result"]["downloadUrl"] is None
    body = await gql(staf, COUNTS, {"plan": str(work.plan), "period": str(work.period(3))})
    (row,) = body["data"]["realizations"]
    assert row["evidenceCount"] == 2
    assert [e["kind"] for e in row["evidence"]] == ["FILE", "LINK"]

    removed = await mutate(staf, REMOVE_EVIDENCE, {"id": link["result"]["id"]})
    assert removed["result"]["id"] == link["result"]["id"]
    again = await mutate(staf, REMOVE_EVIDENCE, {"id": link["result"]["id"]})
    assert error_codes(again) == ["NOT_FOUND"]
    body = await gql(staf, COUNTS, {"plan": str(work.plan), "period": str(work.period(3))})
    assert body["data"]["realizations"][0]["evidenceCount"] == 1
    async with db.read() as s:
        kept = await s.get(Evidence, int(link["result"]["id"]))
    assert kept is not None
    assert kept.removed_at is not None
    actions = await audit_actions(db)
    assert actions.count("evidence.add") == 2
    assert actions.count("evidence.remove") == 1


async def test_upload_token_belongs_to_its_uploader_and_is_spent_once(
    client_for: ClientFactory, work: WorkFixture, db: Database
) -> None:
    staf = await client_for("staf")
    kabid = await client_for("kabid")
    rid = await _realization(staf, work)
    kabids_token = await upload_token(kabid, samples.pdf())
    stolen = await _add(staf, rid, uploadToken=kabids_token)
    assert error_codes(stolen) == ["NOT_FOUND"]
    assert stolen["errors"][0]["field"] == "evidence.uploadToken"
    guessed = await _add(staf, rid, uploadToken="A" * 43)
    assert error_codes(guessed) == ["NOT_FOUND"]
    token = await upload_token(staf, samples.pdf())
    assert (await _add(staf, rid, uploadToken=token))["errors"] == []
    reused = await _add(staf, rid, uploadToken=token)
    assert error_codes(reused) == ["INVALID_STATE"]
    assert await count_rows(db, Evidence) == 1


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "ftp://files.example/x",
        "file:///etc/passwd",
        "https://user:secret@example.com/x",
        "https://token@example.com/x",
        "https:///no-host",
        "//example.com/x",
        "https://exa mple.com",
        "https://example.com/\x00",
        "https://example.com:99999/",
        "https://example.com/" + "a" * 2_000,
        "",
        "   ",
    ],
)
async def test_bad_links_are_refused(
    url: str, client_for: ClientFactory, work: WorkFixture, db: Database
) -> None:
    staf = await client_for("staf")
    rid = await _realization(staf, work)
    payload = await _add(staf, rid, url=url)
    assert error_codes(payload) == ["INVALID_INPUT"]
    assert payload["errors"][0]["field"] == "evidence.url"
    assert await count_rows(db, Evidence) == 0


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({}, "evidence"),
        ({"url": "https://a.id", "uploadToken": "x"}, "evidence"),
        ({"url": "https://a.id", "title": "t" * 301}, "evidence.title"),
        ({"url": "https://a.id", "workLogEntryId": "1"}, "realizationId"),
        ({"url": "https://a.id", "realizationId": "nope"}, "realizationId"),
        ({"url": "https://a.id", "realizationId": "77777"}, "realizationId"),
    ],
)
async def test_malformed_add_evidence(
    data: dict[str, Any], field: str, client_for: ClientFactory, work: WorkFixture, db: Database
) -> None:
    staf = await client_for("staf")
    rid = await _realization(staf, work)
    payload = await mutate(staf, ADD_EVIDENCE, {"input": {"realizationId": rid, **data}})
    assert payload["result"] is None
    assert payload["errors"][0]["field"] == field
    assert await count_rows(db, Evidence) == 0


@pytest.mark.parametrize(
    ("user", "code"), [("kabid", "FORBIDDEN"), ("auditor", "FORBIDDEN"), ("staf2", "NOT_FOUND")]
)
async def test_only_the_owner_adds_or_removes(
    user: str, code: str, client_for: ClientFactory, work: WorkFixture, db: Database
) -> None:
    staf = await client_for("staf")
    rid = await _realization(staf, work)
    existing = await _add(staf, rid, url="https://a.id/x")
    other = await client_for(user)
    added = await _add(other, rid, url="https://a.id/y")
    removed = await mutate(other, REMOVE_EVIDENCE, {"id": existing["result"]["id"]})
    assert error_codes(added) == [code]
    assert error_codes(removed) == [code]
    async with db.read() as s:
        active = await s.scalar(
            sa.select(sa.func.count()).select_from(Evidence).where(Evidence.removed_at.is_(None))
        )
    assert active == 1


async def test_evidence_of_an_evaluated_period_is_locked(
    client_for: ClientFactory, work: WorkFixture, db: Database
) -> None:
    staf = await client_for("staf")
    rid = await _realization(staf, work)
    existing = await _add(staf, rid, url="https://a.id/x")
    entry = await mutate(
        staf,
        CREATE_WORK_LOG,
        {
            "input": {
                "planId": str(work.plan),
                "workDate": "2026-03-04",
                "text": "Rapat",
                "workResultId": str(work.rhk[0]),
                "evidence": [{"url": "https://a.id/notulen"}],
            }
        },
    )
    await mark_evaluated(db, work.period(3))
    token = await upload_token(staf, samples.pdf())
    for payload in (
        await _add(staf, rid, uploadToken=token),
        await _add(staf, rid, url="https://a.id/baru"),
        await mutate(staf, REMOVE_EVIDENCE, {"id": existing["result"]["id"]}),
        await mutate(staf, REMOVE_EVIDENCE, {"id": entry["result"]["evidence"][0]["id"]}),
        await mutate(
            staf,
            ADD_EVIDENCE,
            {"input": {"workLogEntryId": entry["result"]["id"], "url": "https://a.id/z"}},
        ),
    ):
        assert error_codes(payload) == ["INVALID_STATE"], payload
        assert "sudah dinilai" in payload["errors"][0]["message"]
    async with db.read() as s:
        rows = (await s.scalars(sa.select(Evidence))).all()
    assert len(rows) == 2
    assert all(r.removed_at is None for r in rows)
    # Another period stays open.
    april = await save_realization(staf, work, month=4)
    assert (await _add(staf, april["result"]["id"], uploadToken=token))["errors"] == []


async def test_evidence_count_uses_one_statement_for_many_realizations(
    client_for: ClientFactory, work: WorkFixture, db: Database
) -> None:
    staf = await client_for("staf")
    ids = [await _realization(staf, work, iki=n) for n in range(3)]
    for n, rid in enumerate(ids):
        for k in range(n + 1):
            await _add(staf, rid, url=f"https://a.id/{n}/{k}")
    with count_statements(db) as statements:
        body = await gql(
            staf,
            "query($plan: ID!, $period: ID!) { realizations(planId: $plan, periodId: $period) { evidenceCount } }",
            {"plan": str(work.plan), "period": str(work.period(3))},
        )
    assert [r["evidenceCount"] for r in body["data"]["realizations"]] == [1, 2, 3]
    assert len([s for s in statements if "evidence" in s.lower()]) == 1


# --- download ---------------------------------------------------------------------------------


async def _file_evidence(
    staf: httpx.AsyncClient, work: WorkFixture, content: bytes, name: str
) -> str:
    rid = await _realization(staf, work)
    token = await upload_token(staf, content, name)
    added = await _add(staf, rid, uploadToken=token)
    evidence_id: str = added["result"]["id"]
    return evidence_id


@pytest.mark.parametrize(
    ("user", "allowed"),
    [
        ("staf", True),  # owner
        ("kabid", True),  # Pejabat Penilai
        ("kadis", True),  # atasan Pejabat Penilai
        ("hradmin", True),
        ("auditor", True),
        ("staf2", False),  # a colleague
        ("kadis2", False),
        ("sysadmin", False),
    ],
)
async def test_download_only_for_those_who_may_read_the_skp(
    user: str, allowed: bool, client_for: ClientFactory, work: WorkFixture
) -> None:
    staf = await client_for("staf")
    content = samples.pdf()
    evidence_id = await _file_evidence(staf, work, content, "Laporan Maret – final.pdf")
    viewer = staf if user == "staf" else await client_for(user)
    response = await viewer.get(f"/api/evidence/{evidence_id}")
    if not allowed:
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "NOT_FOUND"
        return
    assert response.status_code == 200
    assert response.content == content
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "private, no-store"
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment; ")
    assert 'filename="Laporan Maret _ final.pdf"' in disposition
    assert "filename*=UTF-8''" + quote("Laporan Maret – final.pdf", safe="") in disposition


async def test_download_refusals(
    client: httpx.AsyncClient, client_for: ClientFactory, work: WorkFixture
) -> None:
    staf = await client_for("staf")
    evidence_id = await _file_evidence(staf, work, samples.png(), "a.png")
    assert (await client.get(f"/api/evidence/{evidence_id}")).status_code == 401
    for path in ("999999", "abc", "-1", "1e3", "99999999999999999999999"):
        response = await staf.get(f"/api/evidence/{path}")
        assert response.status_code == 404, path
    await mutate(staf, REMOVE_EVIDENCE, {"id": evidence_id})
    assert (await staf.get(f"/api/evidence/{evidence_id}")).status_code == 404
    rid = await _realization(staf, work, iki=1)
    link = await _add(staf, rid, url="https://a.id/x")
    assert (await staf.get(f"/api/evidence/{link['result']['id']}")).status_code == 404


async def test_download_of_work_log_evidence_follows_the_skp(
    client_for: ClientFactory, work: WorkFixture
) -> None:
    staf = await client_for("staf")
    token = await upload_token(staf, samples.webp(), "foto.webp")
    entry = await mutate(
        staf,
        CREATE_WORK_LOG,
        {
            "input": {
                "planId": str(work.plan),
                "workDate": "2026-02-03",
                "text": "Dokumentasi",
                "workResultId": str(work.rhk[1]),
                "evidence": [{"uploadToken": token}],
            }
        },
    )
    url = entry["result"]["evidence"][0]["downloadUrl"]
    kabid = await client_for("kabid")
    colleague = await client_for("staf2")
    ok = await kabid.get(url)
    assert ok.status_code == 200
    assert ok.headers["content-type"] == "image/webp"
    assert ok.content == samples.webp()
    assert (await colleague.get(url)).status_code == 404
