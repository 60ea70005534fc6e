"""Issue 8 point 1: who may name a Pejabat Penilai (Plt/Plh/penunjukan).

Found from outside: a unit manager could set an override on their own Kepala Dinas's position
naming themselves, then approve the Kepala Dinas's SKP. Now only BKPSDM sets overrides; a unit
manager proposes one, BKPSDM approves or refuses it (notified both ways, audited); the
appointee may not be the position's holder, the person acting, or someone below the position.
Every refusal is shown to change no row of the database.

small_org: SEKDA → KADIS (DINAS) → KABID → KASI (vacant) → STAF, KABID → STAF2; KADIS2 (DINAS2).
"manager" manages DINAS, "manager2" DINAS2; hradmin, auditor and manager have no employee.
"""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa

from server.db.engine import Database
from server.db.models import AccountRole, AssessorOverride
from server.domain.enums import Role
from tests.api.acceptance.conftest import ERR, SET, Users, override
from tests.conftest import SmallOrg
from tests.db_state import changed_tables, fingerprint

pytestmark = pytest.mark.usefixtures("manager2")

PROPOSE = f"""mutation($i: SetAssessorOverrideInput!) {{ proposeAssessorOverride(input: $i) {{
  result {{ id status version position {{ code }} assessor {{ name }} }} {ERR} }} }}"""
APPROVE = f"""mutation($id: ID!, $v: Int) {{ approveAssessorOverrideProposal(id: $id,
  expectedVersion: $v) {{ result {{ id status decidedAt }} {ERR} }} }}"""
REFUSE = f"""mutation($id: ID!, $r: String!) {{ refuseAssessorOverrideProposal(id: $id,
  reason: $r) {{ result {{ id status decisionNote }} {ERR} }} }}"""
PROPOSALS = """query($s: ProposalStatus) { assessorOverrideProposals(status: $s) {
  id status reason position { code } assessor { name } } }"""
NOTIFICATIONS = "{ myNotifications { nodes { kind message } } unreadNotificationCount }"
ASSESSOR_OF = """query($id: ID!) { employee(id: $id) { assessor { basis actingKind
  employee { name } } } }"""


async def refused(
    db: Database,
    users: Users,
    user: str,
    document: str,
    variables: dict[str, Any],
    code: str,
    field: str | None = None,
) -> str:
    """The mutation answers one error with ``code`` (and ``field``) and changes no row."""
    await users.client(user)  # signing in is not part of what is compared
    before = await fingerprint(db)
    payload = await users.mutate(user, document, variables)
    assert payload["result"] is None, payload
    assert [e["code"] for e in payload["errors"]] == [code], payload
    if field is not None:
        assert payload["errors"][0]["field"] == field, payload
    assert changed_tables(before, await fingerprint(db)) == []
    message: str = payload["errors"][0]["message"]
    return message


async def make_hr(db: Database, login_name: str) -> None:
    """Give an employee's own account the BKPSDM role (an HR officer who is also a pegawai)."""
    async with db.write() as s:
        account_id = await s.scalar(
            sa.text("SELECT id FROM user_account WHERE login = :l"), {"l": login_name}
        )
        s.add(AccountRole(account_id=account_id, role=Role.HR_ADMIN))


async def test_the_finding_a_manager_cannot_name_themself_or_anyone_for_their_own_head(
    db: Database, users: Users, small_org: SmallOrg
) -> None:
    # The manager also holds a position here (kabid is made manager of DINAS): as reported.
    async with db.write() as s:
        await s.execute(
            sa.text("UPDATE user_account SET managed_unit_id = :u WHERE login = 'kabid'"),
            {"u": small_org.ids["DINAS"]},
        )
        kabid = await s.scalar(sa.text("SELECT id FROM user_account WHERE login = 'kabid'"))
        s.add(AccountRole(account_id=kabid, role=Role.UNIT_MANAGER))
    for user, assessor in (("kabid", "kabid"), ("manager", "kadis2")):
        message = await refused(
            db, users, user, SET, {"i": override(small_org, "KADIS", assessor)}, "FORBIDDEN"
        )
        assert "BKPSDM" in message
    # Proposing themself is refused too (and by its own code, not by the role).
    await refused(
        db,
        users,
        "kabid",
        PROPOSE,
        {"i": override(small_org, "STAF", "kabid")},
        "ASSESSOR_IS_ACTOR",
        "assessorEmployeeId",
    )


@pytest.mark.parametrize(
    ("position", "assessor", "code"),
    [
        ("STAF", "staf", "ASSESSOR_IS_HOLDER"),  # the holder would rate themself
        ("KADIS", "kabid", "ASSESSOR_BELOW_POSITION"),  # kabid sits under KADIS
        ("KADIS", "staf", "ASSESSOR_BELOW_POSITION"),  # several levels (past a vacancy)
        ("KASI", "staf", "ASSESSOR_BELOW_POSITION"),  # under a vacant position too
        ("KADIS", "kadis", "ASSESSOR_IS_HOLDER"),
    ],
)
async def test_an_appointee_who_may_not_rate_is_refused_with_a_clear_code(
    db: Database, users: Users, small_org: SmallOrg, position: str, assessor: str, code: str
) -> None:
    for user, document in (("hradmin", SET), ("manager", PROPOSE)):
        await refused(
            db,
            users,
            user,
            document,
            {"i": override(small_org, position, assessor)},
            code,
            "assessorEmployeeId",
        )


async def test_bkpsdm_officer_cannot_name_themself(
    db: Database, users: Users, small_org: SmallOrg
) -> None:
    await make_hr(db, "kadis2")
    await refused(
        db,
        users,
        "kadis2",
        SET,
        {"i": override(small_org, "STAF", "kadis2")},
        "ASSESSOR_IS_ACTOR",
        "assessorEmployeeId",
    )
    # Someone else is fine for them.
    payload = await users.mutate("kadis2", SET, {"i": override(small_org, "STAF", "sekda")})
    assert payload["errors"] == []
    assert payload["result"] == {"code": "STAF"}


async def test_proposal_approved_by_bkpsdm_sets_the_override_with_notifications_and_audit(
    db: Database, users: Users, small_org: SmallOrg
) -> None:
    proposal = await users.ok(
        "manager", PROPOSE, {"i": override(small_org, "STAF", "kadis2", actingKind="PLH")}
    )
    assert proposal["status"] == "DIAJUKAN"
    assert proposal["position"] == {"code": "STAF"}
    assert proposal["assessor"] == {"name": "Pegawai Kadis2"}
    async with db.read() as s:
        assert await s.scalar(sa.select(sa.func.count(AssessorOverride.id))) == 0

    # BKPSDM is told and sees it pending; the proposer's unit manager sees it; nobody else.
    hr_bell = await users.query("hradmin", NOTIFICATIONS)
    assert hr_bell["unreadNotificationCount"] == 1
    assert hr_bell["myNotifications"]["nodes"][0]["kind"] == "USULAN_PENILAI_DIAJUKAN"
    assert "Jabatan STAF" in hr_bell["myNotifications"]["nodes"][0]["message"]
    for user in ("hradmin", "auditor", "manager"):
        listed = (await users.query(user, PROPOSALS))["assessorOverrideProposals"]
        assert [p["id"] for p in listed] == [proposal["id"]], user
    assert (await users.query("manager2", PROPOSALS))["assessorOverrideProposals"] == []
    body = await (await users.client("staf")).post(
        "/api/graphql", json={"query": PROPOSALS}, headers={"content-type": "application/json"}
    )
    assert body.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"

    # Neither the proposer nor the approved-of decides; BKPSDM does.
    for user in ("manager", "staf", "kadis2", "auditor"):
        await refused(db, users, user, APPROVE, {"id": proposal["id"]}, "FORBIDDEN")
    await refused(db, users, "hradmin", APPROVE, {"id": proposal["id"], "v": 7}, "CONFLICT")
    approved = await users.ok("hradmin", APPROVE, {"id": proposal["id"], "v": 1})
    assert approved["status"] == "DISETUJUI"
    assert approved["decidedAt"]
    await refused(db, users, "hradmin", APPROVE, {"id": proposal["id"]}, "INVALID_STATE")
    await refused(
        db, users, "hradmin", REFUSE, {"id": proposal["id"], "r": "Terlambat"}, "INVALID_STATE"
    )

    who = await users.query("hradmin", ASSESSOR_OF, {"id": str(small_org.ids["emp:staf"])})
    assert who["employee"]["assessor"] == {
        "basis": "OVERRIDE",
        "actingKind": "PLH",
        "employee": {"name": "Pegawai Kadis2"},
    }
    bell = await users.query("manager", NOTIFICATIONS)
    assert [n["kind"] for n in bell["myNotifications"]["nodes"]] == ["USULAN_PENILAI_DIPUTUS"]
    assert "disetujui" in bell["myNotifications"]["nodes"][0]["message"]
    audit = await users.query(
        "auditor",
        """query($id: String!) { auditEvents(objectType: "assessor_override_proposal",
          objectId: $id) { nodes { action actorLabel } } }""",
        {"id": proposal["id"]},
    )
    assert [(n["action"], n["actorLabel"]) for n in audit["auditEvents"]["nodes"]] == [
        ("assessor_override.proposal_approve", "hradmin"),
        ("assessor_override.propose", "manager"),
    ]
    assert (await users.query("hradmin", PROPOSALS))["assessorOverrideProposals"] == []


async def test_proposal_refused_with_a_reason_the_proposer_reads(
    db: Database, users: Users, small_org: SmallOrg
) -> None:
    proposal = await users.ok("manager", PROPOSE, {"i": override(small_org, "STAF2", "kadis2")})
    for bad, field in (("", "reason"), ("x" * 501, "reason"), ("alasan\x1b[2J", "reason")):
        await refused(
            db, users, "hradmin", REFUSE, {"id": proposal["id"], "r": bad}, "INVALID_INPUT", field
        )
    await refused(db, users, "manager", REFUSE, {"id": proposal["id"], "r": "Tidak"}, "FORBIDDEN")
    result = await users.ok(
        "hradmin", REFUSE, {"id": proposal["id"], "r": "Kabid hanya cuti dua minggu"}
    )
    assert result == {
        "id": proposal["id"],
        "status": "DITOLAK",
        "decisionNote": "Kabid hanya cuti dua minggu",
    }
    async with db.read() as s:
        assert await s.scalar(sa.select(sa.func.count(AssessorOverride.id))) == 0
    bell = await users.query("manager", NOTIFICATIONS)
    assert (
        "ditolak BKPSDM: Kabid hanya cuti dua minggu"
        in (bell["myNotifications"]["nodes"][0]["message"])
    )
    refused_list = await users.query("manager", PROPOSALS, {"s": "DITOLAK"})
    assert [p["id"] for p in refused_list["assessorOverrideProposals"]] == [proposal["id"]]


async def test_approval_checks_the_appointee_again_against_the_approver(
    db: Database, users: Users, small_org: SmallOrg
) -> None:
    """kadis2 (a pegawai) is proposed; if kadis2 is the BKPSDM officer deciding, the approval
    would be them naming themself."""
    proposal = await users.ok("manager", PROPOSE, {"i": override(small_org, "STAF", "kadis2")})
    await make_hr(db, "kadis2")
    await refused(
        db,
        users,
        "kadis2",
        APPROVE,
        {"id": proposal["id"]},
        "ASSESSOR_IS_ACTOR",
        "assessorEmployeeId",
    )
    await users.ok("hradmin", APPROVE, {"id": proposal["id"]})


async def test_proposals_refuse_bad_and_hostile_input_and_foreign_units(
    db: Database, users: Users, small_org: SmallOrg
) -> None:
    ok = override(small_org, "STAF", "kadis2")
    cases: list[tuple[dict[str, Any], str, str | None]] = [
        ({"positionId": "999999"}, "INVALID_INPUT", "positionId"),
        ({"positionId": "abc"}, "INVALID_INPUT", "positionId"),
        ({"positionId": "-1"}, "INVALID_INPUT", "positionId"),
        ({"assessorEmployeeId": "999999"}, "INVALID_INPUT", "assessorEmployeeId"),
        ({"assessorEmployeeId": "1e9"}, "INVALID_INPUT", "assessorEmployeeId"),
        ({"reason": ""}, "INVALID_INPUT", "reason"),
        ({"reason": "   "}, "INVALID_INPUT", "reason"),
        ({"reason": "r" * 10_000}, "INVALID_INPUT", "reason"),
        ({"reason": "<script>\x00</script>"}, "INVALID_INPUT", "reason"),
        ({"validUntil": "2024-01-01"}, "INVALID_INPUT", "validUntil"),
        # A position of another unit: not the manager's to propose for.
        ({"positionId": str(small_org.ids["KADIS2"])}, "FORBIDDEN", None),
    ]
    for change, code, field in cases:
        await refused(db, users, "manager", PROPOSE, {"i": {**ok, **change}}, code, field)
    for user in ("staf", "kabid", "auditor", "sysadmin", "manager2"):
        await refused(db, users, user, PROPOSE, {"i": ok}, "FORBIDDEN")
    for bad in ("0", "abc", "999999"):
        code = "NOT_FOUND" if bad == "999999" else "INVALID_INPUT"
        await refused(db, users, "hradmin", APPROVE, {"id": bad}, code)
