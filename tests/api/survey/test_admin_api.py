"""Internal API of survey administration: the permission matrix, services, user counts,
follow-ups, comment moderation and the IKM query. Errors come back as data."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from server.db.engine import Database
from server.db.models import AuditEvent, PublicService, SurveyResponse
from server.domain.enums import CommentStatus
from tests.api.survey.conftest import SurveyOrg, as_user, payload, store_responses
from tests.conftest import audit_actions, gql

CREATE = """
mutation($input: CreateSurveyServiceInput!) {
  createSurveyService(input: $input) {
    result { id code name active surveyUrl qrSvgPath qrPngPath unit { code } }
    errors { code field message }
  }
}"""
UPDATE = """
mutation($input: UpdateSurveyServiceInput!) {
  updateSurveyService(input: $input) { result { id name active version } errors { code field } }
}"""
ROTATE = """
mutation($id: ID!) { rotateSurveyToken(id: $id) { result { surveyToken } errors { code } } }"""
SET_COUNT = """
mutation($input: SetServiceUserCountInput!) {
  setServiceUserCount(input: $input) { result { year month users } errors { code field } }
}"""
CREATE_FOLLOW_UP = """
mutation($input: CreateSurveyFollowUpInput!) {
  createSurveyFollowUp(input: $input) {
    result { id year unsur action targetDate done unit { code } } errors { code field }
  }
}"""
UPDATE_FOLLOW_UP = """
mutation($input: UpdateSurveyFollowUpInput!) {
  updateSurveyFollowUp(input: $input) { result { id unsur done } errors { code } }
}"""
DELETE_FOLLOW_UP = """
mutation($id: ID!) { deleteSurveyFollowUp(id: $id) { result { id } errors { code } } }"""
MODERATE = """
mutation($input: ModerateSurveyCommentInput!) {
  moderateSurveyComment(input: $input) { result { id status comment } errors { code message } }
}"""
SERVICES = """
query($unitId: ID, $all: Boolean!) {
  surveyServices(unitId: $unitId, includeInactive: $all) { code active unit { code } }
}"""
COMMENTS = """
query($serviceId: ID, $unitId: ID, $status: CommentStatus) {
  surveyComments(serviceId: $serviceId, unitId: $unitId, status: $status) {
    totalCount nodes { id serviceCode comment status unit { code } }
  }
}"""
IKM = """
query($serviceId: ID, $unitId: ID, $year: Int!, $quarter: Int) {
  surveyIkm(serviceId: $serviceId, unitId: $unitId, year: $year, quarter: $quarter) {
    periodStart periodEnd responses ikm converted band bandLabel population requiredSample
    sampleSufficient unsur { unsur name answers nrr } trend { month responses converted band }
  }
}"""
FOLLOW_UPS = """
query($year: Int!, $unitId: ID) { surveyFollowUps(year: $year, unitId: $unitId) { action } }"""


def payload_list(body: dict[str, Any], name: str) -> list[dict[str, Any]]:
    """A field that answers a list of objects."""
    assert "errors" not in body, body
    result: list[dict[str, Any]] = body["data"][name]
    return result


def error_code(body: dict[str, Any]) -> str:
    return str(body["errors"][0]["extensions"]["code"])


# --- the permission matrix ------------------------------------------------------------------

WRITERS_DINAS = {"hradmin": True, "manager": True}
NOBODY_ELSE = ("staf", "kadis", "auditor", "sysadmin", "kadis2")


@pytest.mark.parametrize(
    ("user", "unit", "allowed"),
    [
        ("hradmin", "DINAS2", True),
        ("manager", "DINAS", True),
        ("manager", "BIDANG", True),  # inside the managed subtree
        ("manager", "DINAS2", False),  # outside it
        ("manager", "PEMKOT", False),  # its parent
        *[(u, "DINAS", False) for u in NOBODY_ELSE],
    ],
)
async def test_who_may_register_a_service(
    client: httpx.AsyncClient,
    db: Database,
    survey_org: SurveyOrg,
    user: str,
    unit: str,
    allowed: bool,
) -> None:
    await as_user(client, user)
    body = await gql(
        client,
        CREATE,
        {"input": {"unitId": str(survey_org.ids[unit]), "code": "baru-1", "name": "Layanan Baru"}},
    )
    p = payload(body, "createSurveyService")
    async with db.read() as s:
        stored = await s.scalar(sa.select(PublicService.id).where(PublicService.code == "BARU-1"))
    if allowed:
        assert p["errors"] == []
        assert p["result"]["code"] == "BARU-1"
        assert p["result"]["unit"]["code"] == unit
        assert stored is not None
    else:
        assert p["result"] is None
        assert [e["code"] for e in p["errors"]] == ["FORBIDDEN"]
        assert stored is None


@pytest.mark.parametrize(
    ("user", "service", "allowed"),
    [
        ("hradmin", "IZIN", True),
        ("manager", "KTP", True),
        ("manager", "AKTA", True),
        ("manager", "IZIN", False),
        *[(u, "KTP", False) for u in NOBODY_ELSE],
    ],
)
async def test_write_matrix_for_existing_services(
    client: httpx.AsyncClient, survey_org: SurveyOrg, user: str, service: str, allowed: bool
) -> None:
    await as_user(client, user)
    sid = str(survey_org.ids[f"svc:{service}"])
    unit = str(survey_org.ids["DINAS2" if service == "IZIN" else "DINAS"])
    results = [
        payload(
            await gql(client, UPDATE, {"input": {"id": sid, "name": "Nama Baru"}}),
            "updateSurveyService",
        ),
        payload(await gql(client, ROTATE, {"id": sid}), "rotateSurveyToken"),
        payload(
            await gql(
                client,
                SET_COUNT,
                {"input": {"serviceId": sid, "year": 2026, "month": 1, "users": 100}},
            ),
            "setServiceUserCount",
        ),
        payload(
            await gql(
                client,
                CREATE_FOLLOW_UP,
                {"input": {"unitId": unit, "year": 2026, "action": "Tambah loket"}},
            ),
            "createSurveyFollowUp",
        ),
    ]
    for r in results:
        if allowed:
            assert r["errors"] == [], r
        else:
            assert [e["code"] for e in r["errors"]] == ["FORBIDDEN"], r
            assert r["result"] is None


@pytest.mark.parametrize(
    ("user", "visible"),
    [
        ("hradmin", ["KTP", "LAMA", "AKTA", "IZIN"]),
        ("auditor", ["KTP", "LAMA", "AKTA", "IZIN"]),
        ("manager", ["KTP", "LAMA", "AKTA"]),
    ],
)
async def test_service_list_is_scoped(
    client: httpx.AsyncClient, survey_org: SurveyOrg, user: str, visible: list[str]
) -> None:
    await as_user(client, user)
    rows = payload_list(await gql(client, SERVICES, {"all": True}), "surveyServices")
    assert sorted(r["code"] for r in rows) == sorted(visible)
    active = payload_list(await gql(client, SERVICES, {"all": False}), "surveyServices")
    assert "LAMA" not in {r["code"] for r in active}


@pytest.mark.parametrize("user", ["staf", "kadis", "sysadmin"])
async def test_others_cannot_read_survey_administration(
    client: httpx.AsyncClient, survey_org: SurveyOrg, user: str
) -> None:
    await as_user(client, user)
    assert error_code(await gql(client, SERVICES, {"all": True})) == "FORBIDDEN"
    assert error_code(await gql(client, COMMENTS, {})) == "FORBIDDEN"
    assert error_code(await gql(client, IKM, {"year": 2026})) == "FORBIDDEN"
    assert error_code(await gql(client, FOLLOW_UPS, {"year": 2026})) == "FORBIDDEN"


async def test_manager_outside_their_unit_is_refused_reads(
    client: httpx.AsyncClient, survey_org: SurveyOrg
) -> None:
    await as_user(client, "manager")
    dinas2 = str(survey_org.ids["DINAS2"])
    izin = str(survey_org.ids["svc:IZIN"])
    assert error_code(await gql(client, SERVICES, {"unitId": dinas2, "all": True})) == "FORBIDDEN"
    assert error_code(await gql(client, COMMENTS, {"serviceId": izin})) == "FORBIDDEN"
    assert error_code(await gql(client, IKM, {"year": 2026, "unitId": dinas2})) == "FORBIDDEN"
    # The whole instansi is for BKPSDM and auditors.
    assert error_code(await gql(client, IKM, {"year": 2026})) == "FORBIDDEN"


# --- services, counts and follow-ups --------------------------------------------------------


async def test_service_lifecycle(
    client: httpx.AsyncClient, db: Database, survey_org: SurveyOrg
) -> None:
    await as_user(client, "manager")
    dinas = str(survey_org.ids["DINAS"])
    p = payload(
        await gql(
            client, CREATE, {"input": {"unitId": dinas, "code": "kk", "name": " Kartu  Keluarga "}}
        ),
        "createSurveyService",
    )["result"]
    assert p["name"] == "Kartu Keluarga"
    assert p["surveyUrl"].startswith("http://127.0.0.1:8000/survei/")
    token = p["surveyUrl"].rsplit("/", 1)[1]
    assert len(token) >= 32
    assert p["qrSvgPath"] == f"/public/survey/{token}/qr.svg"
    assert (await client.get(f"/survei/{token}")).status_code == 200

    dup = payload(
        await gql(client, CREATE, {"input": {"unitId": dinas, "code": "KK", "name": "Lagi"}}),
        "createSurveyService",
    )
    assert [(e["code"], e["field"]) for e in dup["errors"]] == [("DUPLICATE", "code")]
    bad = payload(
        await gql(client, CREATE, {"input": {"unitId": dinas, "code": "a b", "name": ""}}),
        "createSurveyService",
    )
    assert bad["errors"][0]["code"] == "INVALID_INPUT"

    closed = payload(
        await gql(
            client, UPDATE, {"input": {"id": p["id"], "active": False, "expectedVersion": 1}}
        ),
        "updateSurveyService",
    )
    assert closed["result"]["active"] is False
    assert (await client.get(f"/survei/{token}")).status_code == 404
    stale = payload(
        await gql(client, UPDATE, {"input": {"id": p["id"], "name": "X", "expectedVersion": 1}}),
        "updateSurveyService",
    )
    assert stale["errors"][0]["code"] == "CONFLICT"
    moved = payload(
        await gql(
            client, UPDATE, {"input": {"id": p["id"], "unitId": str(survey_org.ids["DINAS2"])}}
        ),
        "updateSurveyService",
    )
    assert moved["errors"][0]["code"] == "FORBIDDEN"
    assert await audit_actions(db, "survey_service.") == [
        "survey_service.create",
        "survey_service.create",
        "survey_service.create",
        "survey_service.create",
        "survey_service.update",
        "survey_service.create",
        "survey_service.update",
    ]


async def test_user_counts_are_validated_and_replaced(
    client: httpx.AsyncClient, survey_org: SurveyOrg
) -> None:
    await as_user(client, "manager")
    sid = str(survey_org.ids["svc:KTP"])

    async def put(month: int, users: int) -> dict[str, Any]:
        return payload(
            await gql(
                client,
                SET_COUNT,
                {"input": {"serviceId": sid, "year": 2026, "month": month, "users": users}},
            ),
            "setServiceUserCount",
        )

    assert (await put(13, 5))["errors"][0]["field"] == "month"
    assert (await put(2, -1))["errors"][0]["field"] == "users"
    assert (await put(2, 40))["result"] == {"year": 2026, "month": 2, "users": 40}
    assert (await put(2, 45))["result"]["users"] == 45
    body = await gql(
        client,
        "query($id: ID!) { serviceUserCounts(serviceId: $id, year: 2026) { month users } }",
        {"id": sid},
    )
    assert payload_list(body, "serviceUserCounts") == [{"month": 2, "users": 45}]


async def test_follow_ups(client: httpx.AsyncClient, survey_org: SurveyOrg) -> None:
    await as_user(client, "manager")
    dinas = str(survey_org.ids["DINAS"])
    created = payload(
        await gql(
            client,
            CREATE_FOLLOW_UP,
            {
                "input": {
                    "unitId": dinas,
                    "year": 2026,
                    "action": "Menambah kursi ruang tunggu",
                    "unsur": "U9",
                    "targetDate": "2026-09-30",
                }
            },
        ),
        "createSurveyFollowUp",
    )["result"]
    assert created["unsur"] == "U9"
    assert created["unit"]["code"] == "DINAS"
    done = payload(
        await gql(
            client, UPDATE_FOLLOW_UP, {"input": {"id": created["id"], "done": True, "unsur": None}}
        ),
        "updateSurveyFollowUp",
    )["result"]
    assert done == {"id": created["id"], "unsur": None, "done": True}
    listed = payload_list(await gql(client, FOLLOW_UPS, {"year": 2026}), "surveyFollowUps")
    assert listed == [{"action": "Menambah kursi ruang tunggu"}]
    await as_user(client, "auditor")
    refused = payload(
        await gql(client, DELETE_FOLLOW_UP, {"id": created["id"]}), "deleteSurveyFollowUp"
    )
    assert refused["errors"][0]["code"] == "FORBIDDEN"
    await as_user(client, "hradmin")
    deleted = payload(
        await gql(client, DELETE_FOLLOW_UP, {"id": created["id"]}), "deleteSurveyFollowUp"
    )
    assert deleted["result"] == {"id": created["id"]}
    assert payload_list(await gql(client, FOLLOW_UPS, {"year": 2026}), "surveyFollowUps") == []


# --- comments -------------------------------------------------------------------------------


async def _comment(db: Database, service_id: int, text: str, status: CommentStatus) -> int:
    async with db.write() as s:
        row = SurveyResponse(
            service_id=service_id,
            channel="FORMULIR",
            submitter_fingerprint="a" * 64,
            comment=text,
            comment_status=status,
            **{f"u{i}": 3 for i in range(1, 10)},
        )
        s.add(row)
        await s.flush()
        return row.id


async def test_comments_are_listed_in_scope_and_moderated(
    client: httpx.AsyncClient, db: Database, survey_org: SurveyOrg
) -> None:
    ids = survey_org.ids
    plain = await _comment(db, ids["svc:KTP"], "Antrean tertib.", CommentStatus.MENUNGGU)
    named = await _comment(db, ids["svc:AKTA"], "Mas Joko membantu.", CommentStatus.DITERUSKAN)
    await _comment(db, ids["svc:IZIN"], "Parkir sempit.", CommentStatus.MENUNGGU)

    await as_user(client, "manager")
    page = payload(await gql(client, COMMENTS, {}), "surveyComments")
    assert page["totalCount"] == 2
    assert {n["serviceCode"] for n in page["nodes"]} == {"KTP", "AKTA"}
    inbox = payload(await gql(client, COMMENTS, {"status": "DITERUSKAN"}), "surveyComments")
    assert [n["comment"] for n in inbox["nodes"]] == ["Mas Joko membantu."]
    assert inbox["nodes"][0]["unit"]["code"] == "BIDANG"

    async def moderate(rid: int, status: str, expected: str | None = None) -> dict[str, Any]:
        inp: dict[str, Any] = {"id": str(rid), "status": status}
        if expected:
            inp["expectedStatus"] = expected
        if status == "DITOLAK":  # hiding needs a reason (test_hiding_a_comment_needs_a_reason)
            inp["reason"] = "Bukan tentang layanan."
        return payload(await gql(client, MODERATE, {"input": inp}), "moderateSurveyComment")

    assert (await moderate(plain, "DISETUJUI", "MENUNGGU"))["result"]["status"] == "DISETUJUI"
    stale = await moderate(plain, "DITOLAK", "MENUNGGU")
    assert stale["errors"][0]["code"] == "CONFLICT"
    never = await moderate(named, "DISETUJUI")
    assert never["errors"][0]["code"] == "INVALID_STATE"
    assert "tidak pernah dipublikasikan" in never["errors"][0]["message"]
    assert (await moderate(named, "DITOLAK"))["errors"][0]["code"] == "INVALID_STATE"
    # A moderator forwards a comment by hand; a named one cannot be approved even if unflagged.
    assert (await moderate(plain, "DITERUSKAN"))["result"]["status"] == "DITERUSKAN"
    sneaky = await _comment(db, ids["svc:KTP"], "Bu Sari judes.", CommentStatus.MENUNGGU)
    assert (await moderate(sneaky, "DISETUJUI"))["errors"][0]["code"] == "INVALID_STATE"
    assert (await moderate(sneaky, "MENUNGGU"))["errors"][0]["code"] == "INVALID_INPUT"
    outside = await _comment(db, ids["svc:IZIN"], "Bagus.", CommentStatus.MENUNGGU)
    assert (await moderate(outside, "DISETUJUI"))["errors"][0]["code"] == "FORBIDDEN"
    assert (await moderate(999_999, "DISETUJUI"))["errors"][0]["code"] == "NOT_FOUND"

    await as_user(client, "auditor")
    assert payload(await gql(client, COMMENTS, {}), "surveyComments")["totalCount"] == 5
    assert (await moderate(outside, "DITOLAK"))["errors"][0]["code"] == "FORBIDDEN"
    await as_user(client, "hradmin")
    assert (await moderate(outside, "DITOLAK"))["result"]["status"] == "DITOLAK"
    assert await audit_actions(db, "survey_comment.") == ["survey_comment.moderate"] * 3


async def test_hiding_a_comment_needs_a_reason(
    client: httpx.AsyncClient, db: Database, survey_org: SurveyOrg
) -> None:
    """Hiding without a reason, with an oversized or hostile one: refused, nothing changed."""
    ids = survey_org.ids
    rid = await _comment(db, ids["svc:KTP"], "Iklan obat murah.", CommentStatus.MENUNGGU)
    await as_user(client, "manager")
    query = """mutation($input: ModerateSurveyCommentInput!) {
      moderateSurveyComment(input: $input) {
        result { id status reason } errors { code field message } } }"""

    async def moderate(**extra: Any) -> dict[str, Any]:
        inp = {"id": str(rid), "status": "DITOLAK", **extra}
        return payload(await gql(client, query, {"input": inp}), "moderateSurveyComment")

    for bad in ({}, {"reason": "   "}, {"reason": "x" * 501}, {"reason": "a\x00b"}):
        refused = await moderate(**bad)
        assert refused["result"] is None
        assert refused["errors"][0]["code"] == "INVALID_INPUT"
        assert refused["errors"][0]["field"] == "reason"
    assert await audit_actions(db, "survey_comment.") == []
    listed = """{ surveyComments(status: MENUNGGU) { nodes { id status reason } } }"""
    assert {"id": str(rid), "status": "MENUNGGU", "reason": None} in payload(
        await gql(client, listed, {}), "surveyComments"
    )["nodes"]

    done = await moderate(reason="  Promosi, bukan tentang layanan.  ")
    assert done["result"] == {
        "id": str(rid),
        "status": "DITOLAK",
        "reason": "Promosi, bukan tentang layanan.",
    }
    # Approving may carry a reason too, and replaces the earlier one.
    approved = payload(
        await gql(client, query, {"input": {"id": str(rid), "status": "DISETUJUI"}}),
        "moderateSurveyComment",
    )
    assert approved["result"]["reason"] is None
    assert await audit_actions(db, "survey_comment.") == ["survey_comment.moderate"] * 2
    async with db.read() as session:
        hidden_event = await session.scalar(
            sa.select(AuditEvent)
            .where(AuditEvent.action == "survey_comment.moderate")
            .order_by(AuditEvent.seq)
        )
    assert hidden_event is not None
    assert hidden_event.object_id == str(rid)
    assert hidden_event.before == {"comment_status": "MENUNGGU", "reason": None}
    assert hidden_event.after == {
        "comment_status": "DITOLAK",
        "reason": "Promosi, bukan tentang layanan.",
    }
    await as_user(client, "auditor")
    assert (await moderate(reason="Bukan wewenang."))["errors"][0]["code"] == "FORBIDDEN"


# --- IKM ------------------------------------------------------------------------------------


async def test_ikm_query_for_a_unit(
    client: httpx.AsyncClient, db: Database, survey_org: SurveyOrg
) -> None:
    ids = survey_org.ids
    rows = [
        [4, 3, 3, 4, 3, 3, 4, 2, 3],
        [3, 3, 2, 4, 3, 4, 4, 3, 3],
        [4, 4, 3, 4, 4, 3, 3, 3, 4],
        [3, 2, 3, 4, 3, 3, 4, 3, 2],
    ]
    await store_responses(db, ids["svc:KTP"], rows[:2])
    await store_responses(db, ids["svc:AKTA"], rows[2:])
    await store_responses(db, ids["svc:IZIN"], [[1] * 9])
    await as_user(client, "manager")
    await gql(
        client,
        SET_COUNT,
        {"input": {"serviceId": str(ids["svc:KTP"]), "year": 2026, "month": 3, "users": 100}},
    )
    report = payload(
        await gql(client, IKM, {"year": 2026, "quarter": 1, "unitId": str(ids["DINAS"])}),
        "surveyIkm",
    )
    assert report["periodStart"] == "2026-01-01"
    assert report["periodEnd"] == "2026-03-31"
    assert report["responses"] == 4
    assert report["ikm"] == "3.2500"
    assert report["converted"] == "81.25"
    assert (report["band"], report["bandLabel"]) == ("B", "Baik")
    assert (report["population"], report["requiredSample"], report["sampleSufficient"]) == (
        100,
        80,
        False,
    )
    assert report["unsur"][0] == {
        "unsur": "U1",
        "name": "Persyaratan",
        "answers": 4,
        "nrr": "3.500",
    }
    assert [t["responses"] for t in report["trend"]] == [0, 0, 4]
    one = payload(
        await gql(client, IKM, {"year": 2026, "serviceId": str(ids["svc:AKTA"])}), "surveyIkm"
    )
    assert one["responses"] == 2
    assert len(one["trend"]) == 12
    await as_user(client, "hradmin")
    city = payload(await gql(client, IKM, {"year": 2026}), "surveyIkm")
    assert city["responses"] == 5
    bad = await gql(client, IKM, {"year": 2026, "quarter": 5})
    assert error_code(bad) == "INVALID_INPUT"
