"""Catatan kerja harian: dated, owned, linked to the pegawai's own RHK/IKI, optional evidence."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from server import clock
from server.db.engine import Database
from server.db.models import Evidence, Upload, WorkLogEntry
from tests.api.work import samples
from tests.api.work.conftest import (
    CREATE_WORK_LOG,
    WorkFixture,
    count_rows,
    mark_evaluated,
    upload_token,
)
from tests.conftest import ClientFactory, audit_actions, error_codes, gql, mutate

UPDATE = """
mutation($input: UpdateWorkLogEntryInput!) {
  updateWorkLogEntry(input: $input) {
    result { id workDate text minutesSpent quantity workResultId indicatorId }
    errors { code field message }
  }
}"""
DELETE = """
mutation($id: ID!) { deleteWorkLogEntry(id: $id) { result { id } errors { code field message } } }"""
LIST = """
query($plan: ID!, $period: ID!) {
  workLog(planId: $plan, periodId: $period) {
    id workDate text evidence { kind name size mediaType url downloadUrl addedAt }
  }
}"""


def _entry(work: WorkFixture, **changes: Any) -> dict[str, Any]:
    return {
        "input": {
            "planId": str(work.plan),
            "workDate": "2026-03-10",
            "text": "Menata arsip bidang",
            "indicatorId": str(work.iki[0]),
            "minutesSpent": 90,
            "quantity": "2",
            **changes,
        }
    }


async def test_create_with_file_and_link_evidence_and_list(
    client_for: ClientFactory, work: WorkFixture, db: Database
) -> None:
    staf = await client_for("staf")
    token = await upload_token(staf, samples.jpeg(), "foto kegiatan.jpg")
    created = await mutate(
        staf,
        CREATE_WORK_LOG,
        _entry(
            work,
            evidence=[
                {"uploadToken": token},
                {"url": "https://drive.salatiga.go.id/berkas/123", "title": "Folder foto"},
            ],
        ),
    )
    assert created["errors"] == []
    result = created["result"]
    assert result["workResultId"] == str(work.rhk[0])  # the IKI implies its RHK
    assert result["minutesSpent"] == 90
    assert result["quantity"] == "2.0000"
    kinds = [(e["kind"], e["name"], e["mediaType"], e["url"]) for e in result["evidence"]]
    assert kinds == [
        ("FILE", "foto kegiatan.jpg", "image/jpeg", None),
        ("LINK", "Folder foto", None, "https://drive.salatiga.go.id/berkas/123"),
    ]
    assert result["evidence"][0]["downloadUrl"].startswith("/api/evidence/")
    assert result["evidence"][0]["size"] == len(samples.jpeg())
    listed = await gql(staf, LIST, {"plan": str(work.plan), "period": str(work.period(3))})
    assert [e["text"] for e in listed["data"]["workLog"]] == ["Menata arsip bidang"]
    assert len(listed["data"]["workLog"][0]["evidence"]) == 2
    actions = await audit_actions(db)
    assert actions.count("work_log.create") == 1
    assert actions.count("evidence.add") == 2


async def test_rhk_only_link_and_relinking(client_for: ClientFactory, work: WorkFixture) -> None:
    staf = await client_for("staf")
    created = await mutate(
        staf, CREATE_WORK_LOG, _entry(work, indicatorId=None, workResultId=str(work.rhk[1]))
    )
    entry = created["result"]
    assert entry["workResultId"] == str(work.rhk[1])
    assert entry["indicatorId"] is None
    relinked = await mutate(
        staf, UPDATE, {"input": {"id": entry["id"], "indicatorId": str(work.iki[1])}}
    )
    assert relinked["result"]["workResultId"] == str(work.rhk[0])
    assert relinked["result"]["indicatorId"] == str(work.iki[1])
    mismatch = await mutate(
        staf,
        UPDATE,
        {
            "input": {
                "id": entry["id"],
                "indicatorId": str(work.iki[0]),
                "workResultId": str(work.rhk[1]),
            }
        },
    )
    assert error_codes(mismatch) == ["INVALID_INPUT"]
    cleared = await mutate(
        staf, UPDATE, {"input": {"id": entry["id"], "minutesSpent": None, "text": "Diperbarui"}}
    )
    assert cleared["result"]["minutesSpent"] is None
    assert cleared["result"]["text"] == "Diperbarui"
    assert cleared["result"]["quantity"] == "2.0000"  # untouched


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"workDate": (clock.today() + timedelta(days=1)).isoformat()}, "workDate"),
        ({"workDate": "2025-12-31"}, "workDate"),
        ({"text": ""}, "text"),
        ({"text": "x" * 2_001}, "text"),
        ({"text": "a\x1bb"}, "text"),
        ({"minutesSpent": -1}, "minutesSpent"),
        ({"minutesSpent": 1_441}, "minutesSpent"),
        ({"quantity": "-2"}, "quantity"),
        ({"quantity": "NaN"}, "quantity"),
        ({"indicatorId": None}, "workResultId"),
        ({"indicatorId": "0"}, "indicatorId"),
        ({"planId": "oops"}, "planId"),
        ({"evidence": [{"url": "javascript:alert(1)"}]}, "evidence.0.url"),
        ({"evidence": [{"uploadToken": "x" * 500}]}, "evidence.0.uploadToken"),
        ({"evidence": [{}]}, "evidence.0"),
        ({"evidence": [{"url": "https://a.id"}] * 11}, "evidence"),
    ],
)
async def test_hostile_input_is_refused_and_nothing_is_kept(
    changes: dict[str, Any], field: str, client_for: ClientFactory, work: WorkFixture, db: Database
) -> None:
    staf = await client_for("staf")
    payload = await mutate(staf, CREATE_WORK_LOG, _entry(work, **changes))
    assert payload["result"] is None
    assert payload["errors"][0]["field"] == field, payload
    assert await count_rows(db, WorkLogEntry) == 0
    assert await count_rows(db, Evidence) == 0


async def test_links_to_someone_elses_rhk_or_iki_are_not_found(
    client_for: ClientFactory, work: WorkFixture, db: Database
) -> None:
    staf = await client_for("staf")
    foreign_iki = await mutate(staf, CREATE_WORK_LOG, _entry(work, indicatorId=str(work.draft_iki)))
    foreign_rhk = await mutate(
        staf, CREATE_WORK_LOG, _entry(work, indicatorId=None, workResultId=str(work.draft_rhk))
    )
    assert error_codes(foreign_iki) == ["NOT_FOUND"]
    assert error_codes(foreign_rhk) == ["NOT_FOUND"]
    assert await count_rows(db, WorkLogEntry) == 0


async def test_failed_evidence_rolls_back_the_entry_and_keeps_the_upload_unspent(
    client_for: ClientFactory, work: WorkFixture, db: Database
) -> None:
    staf = await client_for("staf")
    token = await upload_token(staf, samples.pdf())
    payload = await mutate(
        staf,
        CREATE_WORK_LOG,
        _entry(work, evidence=[{"uploadToken": token}, {"url": "ftp://files.example/x"}]),
    )
    assert payload["errors"][0]["field"] == "evidence.1.url"
    assert await count_rows(db, WorkLogEntry) == 0
    assert await count_rows(db, Evidence) == 0
    retry = await mutate(staf, CREATE_WORK_LOG, _entry(work, evidence=[{"uploadToken": token}]))
    assert retry["errors"] == []
    assert len(retry["result"]["evidence"]) == 1


@pytest.mark.parametrize("user", ["kabid", "hradmin", "auditor"])
async def test_others_cannot_write_the_log(
    user: str, client_for: ClientFactory, work: WorkFixture, db: Database
) -> None:
    staf = await client_for("staf")
    existing = await mutate(staf, CREATE_WORK_LOG, _entry(work))
    other = await client_for(user)
    created = await mutate(other, CREATE_WORK_LOG, _entry(work))
    updated = await mutate(other, UPDATE, {"input": {"id": existing["result"]["id"], "text": "x"}})
    deleted = await mutate(other, DELETE, {"id": existing["result"]["id"]})
    for payload in (created, updated, deleted):
        assert error_codes(payload) == ["FORBIDDEN"]
    assert await count_rows(db, WorkLogEntry) == 1


async def test_colleague_sees_nothing(client_for: ClientFactory, work: WorkFixture) -> None:
    staf = await client_for("staf")
    existing = await mutate(staf, CREATE_WORK_LOG, _entry(work))
    colleague = await client_for("staf2")
    body = await gql(colleague, LIST, {"plan": str(work.plan), "period": str(work.period(3))})
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    deleted = await mutate(colleague, DELETE, {"id": existing["result"]["id"]})
    assert error_codes(deleted) == ["NOT_FOUND"]


async def test_delete_takes_its_evidence_along(
    client_for: ClientFactory, work: WorkFixture, db: Database
) -> None:
    staf = await client_for("staf")
    token = await upload_token(staf, samples.pdf())
    created = await mutate(
        staf,
        CREATE_WORK_LOG,
        _entry(work, evidence=[{"uploadToken": token}, {"url": "https://a.id/b"}]),
    )
    deleted = await mutate(staf, DELETE, {"id": created["result"]["id"]})
    assert deleted["result"]["id"] == created["result"]["id"]
    assert await count_rows(db, WorkLogEntry) == 0
    assert await count_rows(db, Evidence) == 0
    assert await count_rows(db, Upload) == 1
    actions = await audit_actions(db)
    assert actions.count("evidence.delete") == 2
    assert actions.count("work_log.delete") == 1


async def test_evaluated_period_locks_entries(
    client_for: ClientFactory, work: WorkFixture, db: Database
) -> None:
    staf = await client_for("staf")
    march = await mutate(staf, CREATE_WORK_LOG, _entry(work))
    april = await mutate(staf, CREATE_WORK_LOG, _entry(work, workDate="2026-04-02"))
    await mark_evaluated(db, work.period(3))
    for payload in (
        await mutate(staf, CREATE_WORK_LOG, _entry(work, workDate="2026-03-11")),
        await mutate(staf, UPDATE, {"input": {"id": march["result"]["id"], "text": "ubah"}}),
        await mutate(staf, DELETE, {"id": march["result"]["id"]}),
        # Moving an open-period entry into the evaluated one is refused too.
        await mutate(
            staf, UPDATE, {"input": {"id": april["result"]["id"], "workDate": "2026-03-05"}}
        ),
    ):
        assert error_codes(payload) == ["INVALID_STATE"], payload
    assert await count_rows(db, WorkLogEntry) == 2
