"""Dialog kinerja: recorded by the pegawai or their penilai, read by whoever reads the SKP."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from server import clock
from server.db.engine import Database
from server.db.models import AppraisalYear
from server.domain.enums import YearStatus
from tests.api.feedback.conftest import (
    Plans,
    as_user,
    audit_events,
    error_of,
    mutate,
    run,
    table_counts,
)
from tests.conftest import SmallOrg

FIELDS = "id planId heldOn summary followUps guestNames createdAt participants { id name } recordedBy { name }"
LIST = f"query($p: ID!) {{ planDialogues(planId: $p) {{ {FIELDS} }} }}"


async def record(client: httpx.AsyncClient, variables: dict[str, Any]) -> dict[str, Any]:
    return await mutate(
        client, "recordPerformanceDialogue", "RecordPerformanceDialogueInput", FIELDS, variables
    )


async def rejected(
    client: httpx.AsyncClient, db: Database, variables: dict[str, Any]
) -> tuple[str, str | None]:
    before = await table_counts(db)
    result = error_of(await record(client, variables))
    assert await table_counts(db) == before
    return result


def dialogue(plans: Plans, **extra: Any) -> dict[str, Any]:
    return {
        "planId": str(plans.staf.id),
        "heldOn": "2026-03-02",
        "summary": "Capaian triwulan I.",
        **extra,
    }


async def listed(client: httpx.AsyncClient, plan_id: int) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = (await run(client, LIST, {"p": str(plan_id)}))["planDialogues"]
    return rows


async def test_pegawai_and_penilai_record_and_readers_list(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg, plans: Plans
) -> None:
    ids = small_org.ids
    await as_user(client, "staf")
    first = await record(
        client,
        dialogue(
            plans,
            summary=" Realisasi IKI 1.1 tertinggal.\n\nPenyebab: data belum masuk. ",
            followUps="Kirim data paling lambat 10 Maret.",
            participantIds=[str(ids["emp:kabid"]), str(ids["emp:kabid"]), str(ids["emp:staf"])],
            guestNames=["  Narasumber   BKPSDM ", "Narasumber BKPSDM"],
        ),
    )
    assert first["errors"] == []
    result = first["result"]
    assert result["summary"] == "Realisasi IKI 1.1 tertinggal.\n\nPenyebab: data belum masuk."
    assert result["followUps"] == "Kirim data paling lambat 10 Maret."
    assert result["guestNames"] == ["Narasumber BKPSDM"]
    # The recorder is a participant; duplicates collapse.
    assert [p["id"] for p in result["participants"]] == [
        str(ids["emp:staf"]),
        str(ids["emp:kabid"]),
    ]
    assert result["recordedBy"] == {"name": "Pegawai Staf"}

    await as_user(client, "kabid")
    later = await record(
        client,
        dialogue(
            plans,
            heldOn="2026-06-15",
            summary="Evaluasi semester.",
            participantIds=[str(ids["emp:kadis"])],
        ),
    )
    assert later["errors"] == []
    assert later["result"]["followUps"] is None
    assert [p["name"] for p in later["result"]["participants"]] == [
        "Pegawai Kabid",
        "Pegawai Kadis",
    ]

    expected = [later["result"]["id"], result["id"]]  # latest meeting first
    for reader in ("staf", "kabid", "kadis", "manager", "hradmin", "auditor"):
        await as_user(client, reader)
        assert [d["id"] for d in await listed(client, plans.staf.id)] == expected, reader
    for outsider in ("staf2", "kadis2", "sekda", "sysadmin"):
        await as_user(client, outsider)
        assert await listed(client, plans.staf.id) == [], outsider

    events = await audit_events(db, "dialogue.create")
    assert [(e.object_id, e.actor_label) for e in events] == [
        (result["id"], "staf"),
        (later["result"]["id"], "kabid"),
    ]
    assert events[0].after is not None
    assert events[0].after["participants"] == {
        "employee_ids": [ids["emp:staf"], ids["emp:kabid"]],
        "guests": ["Narasumber BKPSDM"],
    }
    assert events[0].after["held_on"] == "2026-03-02"


@pytest.mark.parametrize(
    ("user", "code"),
    [
        ("kadis", "FORBIDDEN"),  # the atasan penilai reads, the conversation is penilai ↔ pegawai
        ("manager", "FORBIDDEN"),
        ("hradmin", "FORBIDDEN"),
        ("auditor", "FORBIDDEN"),
        ("staf2", "NOT_FOUND"),
        ("sekda", "NOT_FOUND"),
        ("sysadmin", "NOT_FOUND"),
    ],
)
async def test_who_may_not_record(
    client: httpx.AsyncClient, db: Database, plans: Plans, user: str, code: str
) -> None:
    await as_user(client, user)
    assert (await rejected(client, db, dialogue(plans)))[0] == code


async def test_draft_dialogue_by_derived_assessor(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg, plans: Plans
) -> None:
    await as_user(client, "kadis")  # penilai of kabid's draft, derived from the position tree
    payload = await record(client, {**dialogue(plans), "planId": str(plans.kabid.id)})
    assert payload["errors"] == []
    assert payload["result"]["planId"] == str(plans.kabid.id)


async def test_participants_must_be_readers(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg, plans: Plans
) -> None:
    ids = small_org.ids
    await as_user(client, "kabid")
    for participant in (ids["emp:staf2"], ids["emp:kadis2"], ids["emp:sekda"], 987_654):
        assert await rejected(client, db, dialogue(plans, participantIds=[str(participant)])) == (
            "INVALID_INPUT",
            "participantIds",
        ), participant
    assert await rejected(client, db, dialogue(plans, participantIds=["bukan"])) == (
        "INVALID_INPUT",
        "participantIds",
    )


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"heldOn": (clock.today() + timedelta(days=1)).isoformat()}, "heldOn"),
        ({"heldOn": "1999-12-31"}, "heldOn"),
        ({"summary": ""}, "summary"),
        ({"summary": " \n "}, "summary"),
        ({"summary": "x" * 10_001}, "summary"),
        ({"summary": "null\x00"}, "summary"),
        ({"summary": "\u202ebalik"}, "summary"),
        ({"followUps": "y" * 10_001}, "followUps"),
        ({"followUps": "bell\x07"}, "followUps"),
        ({"guestNames": ["tamu"] * 21}, "guestNames"),
        ({"guestNames": [""]}, "guestNames"),
        ({"guestNames": ["g" * 201]}, "guestNames"),
        ({"guestNames": ["esc\x1b[0m"]}, "guestNames"),
        ({"participantIds": [str(i) for i in range(1, 32)]}, "participantIds"),
        ({"planId": "x"}, "planId"),
        ({"planId": "0"}, "planId"),
    ],
)
async def test_bad_dialogue_input(
    client: httpx.AsyncClient, db: Database, plans: Plans, extra: dict[str, Any], field: str
) -> None:
    await as_user(client, "staf")
    assert await rejected(client, db, dialogue(plans, **extra)) == ("INVALID_INPUT", field)


async def test_missing_plan_and_closed_year(
    client: httpx.AsyncClient, db: Database, plans: Plans
) -> None:
    await as_user(client, "staf")
    assert await rejected(client, db, dialogue(plans, planId="99999")) == ("NOT_FOUND", "planId")
    async with db.write() as s:
        await s.execute(
            sa.update(AppraisalYear)
            .where(AppraisalYear.id == plans.year_id)
            .values(status=YearStatus.DITUTUP)
        )
    assert (await rejected(client, db, dialogue(plans)))[0] == "INVALID_STATE"
    assert await listed(client, plans.staf.id) == []
