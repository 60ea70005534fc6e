"""Umpan balik berkelanjutan: who may comment where, targets, threads, phrases, hostile input."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from server.db.engine import Database
from server.db.models import AppraisalYear, Feedback, FeedbackPhrase, PerformancePlan
from server.domain.enums import PlanStatus, YearStatus
from tests.api.feedback.conftest import (
    Plans,
    as_user,
    audit_events,
    error_of,
    mutate,
    run,
    table_counts,
)
from tests.conftest import SmallOrg, gql

FIELDS = "id planId target targetId targetValue parentId text createdAt author { id name } phrase { id text }"
LIST = (
    "query($p: ID!, $t: FeedbackTarget, $ti: ID, $tv: CoreValue) { planFeedback(planId: $p, "
    f"target: $t, targetId: $ti, targetValue: $tv) {{ {FIELDS} }} }}"
)


async def add(client: httpx.AsyncClient, variables: dict[str, Any]) -> dict[str, Any]:
    return await mutate(client, "addFeedback", "AddFeedbackInput", FIELDS, variables)


async def add_ok(client: httpx.AsyncClient, variables: dict[str, Any]) -> dict[str, Any]:
    payload = await add(client, variables)
    assert payload["errors"] == [], payload
    result: dict[str, Any] = payload["result"]
    return result


async def rejected(
    client: httpx.AsyncClient, db: Database, variables: dict[str, Any]
) -> tuple[str, str | None]:
    """The mutation fails with one error and writes nothing (no feedback, no audit event)."""
    before = await table_counts(db)
    result = error_of(await add(client, variables))
    assert await table_counts(db) == before
    return result


async def listed(client: httpx.AsyncClient, plan_id: int, **filters: Any) -> list[dict[str, Any]]:
    data = await run(client, LIST, {"p": str(plan_id), **filters})
    rows: list[dict[str, Any]] = data["planFeedback"]
    return rows


def skp(plans: Plans, text: str = "Catatan") -> dict[str, Any]:
    return {"planId": str(plans.staf.id), "target": "SKP", "text": text}


# ---------------------------------------------------------------- targets and readers


async def test_each_target_kind_and_who_reads_them(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg, plans: Plans
) -> None:
    ids = small_org.ids
    plan = str(plans.staf.id)
    await as_user(client, "staf")
    first = await add_ok(
        client, {"planId": plan, "target": "SKP", "text": "  Mohon arahan.\nTerima kasih.  "}
    )
    assert first["text"] == "Mohon arahan.\nTerima kasih."  # trimmed, line break kept
    assert first["target"] == "SKP"
    assert first["targetId"] is None
    assert first["parentId"] is None
    assert first["author"] == {"id": str(ids["emp:staf"]), "name": "Pegawai Staf"}

    await as_user(client, "kabid")
    rhk = await add_ok(
        client,
        {
            "planId": plan,
            "target": "RHK",
            "targetId": str(plans.staf.work_results[1]),
            "text": "RHK baik",
        },
    )
    realization = await add_ok(
        client,
        {
            "planId": plan,
            "target": "REALISASI",
            "targetId": str(plans.staf.realizations[0]),
            "text": "Cek bukti",
        },
    )
    behaviour = await add_ok(
        client,
        {"planId": plan, "target": "PERILAKU", "targetValue": "AKUNTABEL", "text": "Disiplin"},
    )
    assert rhk["targetId"] == str(plans.staf.work_results[1])
    assert realization["target"] == "REALISASI"
    assert behaviour["targetValue"] == "AKUNTABEL"
    assert behaviour["targetId"] is None

    await as_user(client, "kadis")  # the Atasan Pejabat Penilai joins the conversation
    iki = await add_ok(
        client,
        {
            "planId": plan,
            "target": "IKI",
            "targetId": str(plans.staf.indicators[3]),
            "text": "Target?",
        },
    )
    assert iki["author"]["name"] == "Pegawai Kadis"

    all_ids = [first["id"], rhk["id"], realization["id"], behaviour["id"], iki["id"]]
    for reader in ("staf", "kabid", "kadis", "manager", "hradmin", "auditor"):
        await as_user(client, reader)
        assert [f["id"] for f in await listed(client, plans.staf.id)] == all_ids, reader
    for outsider in ("staf2", "kadis2", "sekda", "sysadmin"):
        await as_user(client, outsider)
        assert await listed(client, plans.staf.id) == [], outsider

    await as_user(client, "kabid")
    only_rhk = await listed(client, plans.staf.id, t="RHK", ti=str(plans.staf.work_results[1]))
    assert [f["id"] for f in only_rhk] == [rhk["id"]]
    assert [f["id"] for f in await listed(client, plans.staf.id, t="PERILAKU", tv="AKUNTABEL")] == [
        behaviour["id"]
    ]
    assert await listed(client, plans.staf.id, t="PERILAKU", tv="LOYAL") == []
    assert await listed(client, 987654) == []  # a missing SKP looks like an unreadable one

    events = await audit_events(db, "feedback.create")
    assert [e.object_id for e in events] == all_ids
    assert [e.actor_label for e in events] == ["staf", "kabid", "kabid", "kabid", "kadis"]
    assert events[0].after is not None
    assert events[0].after["text"] == "Mohon arahan.\nTerima kasih."
    assert events[3].after is not None
    assert events[3].after["target_value"] == "AKUNTABEL"


@pytest.mark.parametrize(
    ("user", "code"),
    [
        ("staf", None),
        ("kabid", None),
        ("kadis", None),
        ("manager", "FORBIDDEN"),  # reads the unit, does not take part in the conversation
        ("hradmin", "FORBIDDEN"),
        ("auditor", "FORBIDDEN"),
        ("staf2", "NOT_FOUND"),  # a colleague may not even learn that the SKP exists
        ("kadis2", "NOT_FOUND"),
        ("sekda", "NOT_FOUND"),
        ("sysadmin", "NOT_FOUND"),
    ],
)
async def test_who_may_comment_on_a_set_skp(
    client: httpx.AsyncClient, db: Database, plans: Plans, user: str, code: str | None
) -> None:
    await as_user(client, user)
    if code is None:
        result = await add_ok(client, skp(plans))
        assert result["text"] == "Catatan"
        assert len(await audit_events(db, "feedback.create")) == 1
    else:
        assert (await rejected(client, db, skp(plans)))[0] == code


@pytest.mark.parametrize(
    ("user", "code"),
    [
        ("kabid", None),
        ("kadis", None),
        ("sekda", "FORBIDDEN"),
        ("staf", "NOT_FOUND"),
        ("manager", "FORBIDDEN"),
    ],
)
async def test_a_draft_is_discussed_by_owner_and_assessor_only(
    client: httpx.AsyncClient, db: Database, plans: Plans, user: str, code: str | None
) -> None:
    """kabid's draft: the penilai derived today is kadis; sekda is the atasan penilai."""
    await as_user(client, user)
    variables = {"planId": str(plans.kabid.id), "target": "SKP", "text": "Draf"}
    if code is None:
        assert (await add_ok(client, variables))["planId"] == str(plans.kabid.id)
    else:
        assert (await rejected(client, db, variables))[0] == code


@pytest.mark.parametrize(
    "status",
    [PlanStatus.DIAJUKAN, PlanStatus.DITOLAK, PlanStatus.REVISI_DRAFT, PlanStatus.REVISI_DIAJUKAN],
)
async def test_feedback_in_every_status_after_submission(
    client: httpx.AsyncClient, db: Database, plans: Plans, status: PlanStatus
) -> None:
    async with db.write() as s:
        await s.execute(
            sa.update(PerformancePlan)
            .where(PerformancePlan.id == plans.staf.id)
            .values(status=status)
        )
    for user in ("staf", "kabid", "kadis"):
        await as_user(client, user)
        await add_ok(client, skp(plans, f"Catatan {user}"))
    await as_user(client, "auditor")
    assert len(await listed(client, plans.staf.id)) == 3


async def test_closed_year_takes_no_more_feedback(
    client: httpx.AsyncClient, db: Database, plans: Plans
) -> None:
    async with db.write() as s:
        await s.execute(
            sa.update(AppraisalYear)
            .where(AppraisalYear.id == plans.year_id)
            .values(status=YearStatus.DITUTUP)
        )
    await as_user(client, "kabid")
    assert (await rejected(client, db, skp(plans)))[0] == "INVALID_STATE"


async def test_target_must_exist_in_this_plan(
    client: httpx.AsyncClient, db: Database, plans: Plans
) -> None:
    await as_user(client, "kabid")  # assessor of both staf and staf2
    plan = str(plans.staf.id)
    other = plans.staf2
    for target, target_id in (
        ("RHK", other.work_results[0]),
        ("IKI", other.indicators[0]),
        ("REALISASI", other.realizations[0]),
        ("RHK", 999_999),
        ("IKI", plans.kabid.indicators[0]),  # an SKP the penilai may read, but another one
        ("RHK", plans.kabid.work_results[0]),
    ):
        variables = {"planId": plan, "target": target, "targetId": str(target_id), "text": "x"}
        assert await rejected(client, db, variables) == ("INVALID_INPUT", "targetId"), (
            target,
            target_id,
        )


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"target": "RHK"}, "targetId"),
        ({"target": "IKI"}, "targetId"),
        ({"target": "SKP", "targetId": "1"}, "targetId"),
        ({"target": "PERILAKU"}, "targetValue"),
        ({"target": "PERILAKU", "targetValue": "LOYAL", "targetId": "1"}, "targetId"),
        ({"target": "SKP", "targetValue": "LOYAL"}, "targetValue"),
        ({"target": "RHK", "targetId": "abc"}, "targetId"),
        ({"target": "RHK", "targetId": "-3"}, "targetId"),
        ({"target": "RHK", "targetId": "99999999999999999999999"}, "targetId"),
        ({"target": "SKP", "parentId": "x'; DROP TABLE feedback;--"}, "parentId"),
        ({"target": "SKP", "phraseId": "0"}, "phraseId"),
    ],
)
async def test_target_shape_and_garbage_ids(
    client: httpx.AsyncClient, db: Database, plans: Plans, extra: dict[str, Any], field: str
) -> None:
    await as_user(client, "kabid")
    variables = {"planId": str(plans.staf.id), "text": "x", **extra}
    assert await rejected(client, db, variables) == ("INVALID_INPUT", field)


async def test_missing_or_garbage_plan(
    client: httpx.AsyncClient, db: Database, plans: Plans
) -> None:
    await as_user(client, "kabid")
    assert await rejected(client, db, {**skp(plans), "planId": "424242"}) == ("NOT_FOUND", "planId")
    assert await rejected(client, db, {**skp(plans), "planId": "satu"}) == (
        "INVALID_INPUT",
        "planId",
    )
    # Unknown enum values and missing required fields never reach the service.
    for bad in ({**skp(plans), "target": "GAJI"}, {"target": "SKP", "text": "x"}):
        body = await gql(
            client,
            "mutation($input: AddFeedbackInput!) { addFeedback(input: $input) { errors { code } } }",
            {"input": bad},
        )
        assert body["errors"]
        assert body.get("data") is None
    assert (await table_counts(db))["feedback"] == 0
    body = await gql(client, LIST, {"p": "bukan-id"})
    assert body["errors"][0]["extensions"]["code"] == "INVALID_INPUT"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t ",
        "x" * 4001,
        "nol\x00byte",
        "escape \x1b[31mmerah",
        "arah \u202ebalik",
        "hapus\x7f",
        "c1 \x85 control",
    ],
)
async def test_hostile_or_oversized_text_is_refused(
    client: httpx.AsyncClient, db: Database, plans: Plans, text: str
) -> None:
    await as_user(client, "staf")
    assert await rejected(client, db, skp(plans, text)) == ("INVALID_INPUT", "text")


async def test_text_is_required_without_a_phrase(
    client: httpx.AsyncClient, db: Database, plans: Plans
) -> None:
    await as_user(client, "staf")
    variables = {"planId": str(plans.staf.id), "target": "SKP"}
    assert await rejected(client, db, variables) == ("INVALID_INPUT", "text")


async def test_markup_and_longest_text_are_stored_verbatim(
    client: httpx.AsyncClient, db: Database, plans: Plans
) -> None:
    await as_user(client, "staf")
    markup = "<script>alert('x')</script> ' OR 1=1 -- ${7*7} {{7*7}}"
    assert (await add_ok(client, skp(plans, markup)))["text"] == markup
    longest = "a" * 4000
    assert (await add_ok(client, skp(plans, longest)))["text"] == longest
    async with db.read() as s:
        stored = (await s.scalars(sa.select(Feedback.text).order_by(Feedback.id))).all()
    assert stored == [markup, longest]


# ---------------------------------------------------------------- threads


async def test_threads_stay_on_one_plan_and_target(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg, plans: Plans
) -> None:
    iki = str(plans.staf.indicators[0])
    base = {"planId": str(plans.staf.id), "target": "IKI", "targetId": iki}
    await as_user(client, "kabid")
    root = await add_ok(client, {**base, "text": "Realisasi belum sesuai target."})
    await as_user(client, "staf")
    reply = await add_ok(
        client, {**base, "parentId": root["id"], "text": "Akan saya kejar bulan depan."}
    )
    await as_user(client, "kabid")
    correction = await add_ok(
        client, {**base, "parentId": reply["id"], "text": "Koreksi: maksud saya IKI 1.1."}
    )
    assert reply["parentId"] == root["id"]
    assert correction["parentId"] == reply["id"]

    # The same parent with another target, another IKI, or from another plan: refused.
    for variables in (
        {"planId": str(plans.staf.id), "target": "SKP", "parentId": root["id"], "text": "x"},
        {**base, "targetId": str(plans.staf.indicators[1]), "parentId": root["id"], "text": "x"},
        {**base, "parentId": "987654", "text": "x"},
    ):
        assert await rejected(client, db, variables) == ("INVALID_INPUT", "parentId")
    other = {"planId": str(plans.staf2.id), "target": "SKP"}
    foreign = await add_ok(client, {**other, "text": "Di SKP lain"})
    assert await rejected(client, db, {**skp(plans), "parentId": foreign["id"]}) == (
        "INVALID_INPUT",
        "parentId",
    )
    assert await rejected(client, db, {**other, "parentId": root["id"], "text": "x"}) == (
        "INVALID_INPUT",
        "parentId",
    )

    thread = await listed(client, plans.staf.id, t="IKI", ti=iki)
    assert [(f["id"], f["parentId"]) for f in thread] == [
        (root["id"], None),
        (reply["id"], root["id"]),
        (correction["id"], reply["id"]),
    ]
    assert thread[1]["author"]["id"] == str(small_org.ids["emp:staf"])


async def test_feedback_cannot_be_edited_or_deleted(
    client: httpx.AsyncClient, plans: Plans
) -> None:
    """Append-only by construction: the API has no mutation that changes or removes feedback
    (marking a thread read records the reader's progress, not a change to a comment)."""
    await as_user(client, "hradmin")
    data = await run(client, "{ __schema { mutationType { fields { name } } } }")
    names = {f["name"] for f in data["__schema"]["mutationType"]["fields"]}
    touching = {n for n in names if "feedback" in n.lower() and "phrase" not in n.lower()}
    assert touching == {"addFeedback", "markFeedbackRead"}


# ---------------------------------------------------------------- standard phrases


async def _phrase(db: Database, text: str, active: bool = True) -> int:
    async with db.write() as s:
        row = FeedbackPhrase(text=text, active=active)
        s.add(row)
        await s.flush()
        return row.id


async def test_assessor_picks_a_standard_phrase(
    client: httpx.AsyncClient, db: Database, plans: Plans
) -> None:
    phrase_id = await _phrase(db, "Hasil kerja sudah sesuai target.")
    await as_user(client, "kabid")
    alone = await add_ok(
        client, {"planId": str(plans.staf.id), "target": "SKP", "phraseId": str(phrase_id)}
    )
    assert alone["text"] == "Hasil kerja sudah sesuai target."
    assert alone["phrase"] == {"id": str(phrase_id), "text": "Hasil kerja sudah sesuai target."}
    blank = await add_ok(client, {**skp(plans, "   "), "phraseId": str(phrase_id)})
    assert blank["text"] == "Hasil kerja sudah sesuai target."
    both = await add_ok(client, {**skp(plans, " Pertahankan. "), "phraseId": str(phrase_id)})
    assert both["text"] == "Hasil kerja sudah sesuai target.\nPertahankan."
    await as_user(client, "kadis")  # the atasan penilai is a penilai too
    assert (await add_ok(client, {**skp(plans, "Setuju."), "phraseId": str(phrase_id)}))["phrase"]
    events = await audit_events(db, "feedback.create")
    assert events[0].after is not None
    assert events[0].after["phrase_id"] == phrase_id


async def test_phrase_rules(client: httpx.AsyncClient, db: Database, plans: Plans) -> None:
    active = await _phrase(db, "Aktif")
    inactive = await _phrase(db, "Lama", active=False)
    await as_user(client, "staf")  # the pegawai writes their own words
    assert await rejected(client, db, {**skp(plans), "phraseId": str(active)}) == (
        "FORBIDDEN",
        "phraseId",
    )
    await as_user(client, "kabid")
    for phrase_id in (inactive, 999_999):
        assert await rejected(client, db, {**skp(plans), "phraseId": str(phrase_id)}) == (
            "INVALID_INPUT",
            "phraseId",
        )
    # The phrase and the own text together are bounded like any comment.
    assert await rejected(client, db, {**skp(plans, "y" * 3999), "phraseId": str(active)}) == (
        "INVALID_INPUT",
        "text",
    )
    assert await rejected(client, db, {**skp(plans, "z\x00"), "phraseId": str(active)}) == (
        "INVALID_INPUT",
        "text",
    )
