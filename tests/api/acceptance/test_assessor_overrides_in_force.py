"""Issue 11 point 1: the Pejabat Penilai appointments in force (``assessorOverrides``), for the
BKPSDM positions screen. BKPSDM and auditors see all, a unit manager those of their unit, any
other person none (refused, not an empty list); ended appointments are not listed; reading
changes nothing.

small_org: SEKDA → KADIS (DINAS) → KABID → KASI (vacant) → STAF, KABID → STAF2; KADIS2 (DINAS2).
"manager" manages DINAS, "manager2" DINAS2.
"""

from __future__ import annotations

import httpx
import pytest

from server.db.engine import Database
from tests.api.acceptance.conftest import SET, Users, override
from tests.conftest import SmallOrg, gql
from tests.db_state import changed_tables, fingerprint

pytestmark = pytest.mark.usefixtures("manager2")

IN_FORCE = """{ assessorOverrides { actingKind reason validFrom validUntil
  position { code } assessor { name } } }"""


async def _appoint(users: Users, small_org: SmallOrg) -> None:
    """One appointment in force (STAF, open-ended) and one that has ended (KABID, June 2024)."""
    await users.ok("hradmin", SET, {"i": override(small_org, "STAF", "kadis2")})
    await users.ok(
        "hradmin",
        SET,
        {"i": override(small_org, "KABID", "kadis2", validUntil="2024-06-30", actingKind="PLH")},
    )


async def test_bkpsdm_and_auditors_see_the_appointments_in_force_only(
    db: Database, users: Users, small_org: SmallOrg
) -> None:
    await _appoint(users, small_org)
    for user in ("hradmin", "auditor"):
        await users.client(user)  # signing in is not part of what is compared
        before = await fingerprint(db)
        rows = (await users.query(user, IN_FORCE))["assessorOverrides"]
        assert [(r["position"]["code"], r["actingKind"], r["validUntil"]) for r in rows] == [
            ("STAF", "PLT", None)
        ], user
        assert rows[0]["reason"] == "Pejabat definitif cuti panjang"
        assert changed_tables(before, await fingerprint(db)) == []


async def test_a_unit_manager_sees_those_of_their_unit_only(
    users: Users, small_org: SmallOrg
) -> None:
    await _appoint(users, small_org)
    mine = (await users.query("manager", IN_FORCE))["assessorOverrides"]
    assert [r["position"]["code"] for r in mine] == ["STAF"]
    assert (await users.query("manager2", IN_FORCE))["assessorOverrides"] == []


@pytest.mark.parametrize("user", ["staf", "kabid", "kadis"])
async def test_other_people_are_refused(users: Users, small_org: SmallOrg, user: str) -> None:
    await _appoint(users, small_org)
    body = await gql(await users.client(user), IN_FORCE)
    assert body["data"] is None
    assert [e["extensions"]["code"] for e in body["errors"]] == ["FORBIDDEN"]


async def test_without_a_session_it_is_refused(
    users: Users, small_org: SmallOrg, client: httpx.AsyncClient
) -> None:
    await _appoint(users, small_org)
    body = await gql(client, IN_FORCE)
    assert body["data"] is None
    assert [e["extensions"]["code"] for e in body["errors"]] == ["UNAUTHENTICATED"]
