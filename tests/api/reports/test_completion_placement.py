"""The completion report places each pegawai once, by the latest assignment open on the scope's
last day (counted per unit by the database): a pegawai holding two positions counts, with their
SKP, realisasi and evaluation, in the unit of the later one only."""

from __future__ import annotations

from datetime import date
from typing import Any

from server.db.models import PositionAssignment
from tests.api.reports.conftest import COMPLETION, COMPLETION_FIELDS, YEAR, Rep
from tests.conftest import ClientFactory, gql


async def staf_also_holds_kadis2(
    rep: Rep, client_for: ClientFactory, start: date, end: date | None = None
) -> list[dict[str, Any]]:
    """staf (assigned since 2020-01-01) gets a second position in DINAS2; the first quarter's
    completion rows afterwards."""
    async with rep.db.write() as s:
        s.add(
            PositionAssignment(
                employee_id=rep.emp("staf"),
                position_id=rep.org.ids["KADIS2"],
                start_date=start,
                end_date=end,
            )
        )
    body = await gql(await client_for("hradmin"), COMPLETION, {"y": YEAR, "p": 1})
    rows: list[dict[str, Any]] = body["data"]["completionReport"]
    return rows


async def test_a_pegawai_with_two_open_positions_counts_in_the_later_one(
    rep: Rep, client_for: ClientFactory
) -> None:
    found = await staf_also_holds_kadis2(rep, client_for, date(2022, 1, 1))
    rows = [tuple(r[f] for f in COMPLETION_FIELDS) for r in found]
    assert rows == [
        # kabid and staf2 left: kabid's SKP set, its one IKI on time, not rated yet.
        ("BIDANG", 2, 1, 50.0, 1, 1, 100.0, 1, 0, 0.0),
        ("DINAS", 1, 1, 100.0, 1, 0, 0.0, 1, 1, 100.0),
        # kadis2 and staf: staf's two IKI (one on time) and periodic evaluation move along.
        ("DINAS2", 2, 1, 50.0, 2, 1, 50.0, 1, 1, 100.0),
        ("PEMKOT", 1, 0, 0.0, 0, 0, None, 0, 0, None),
    ]


async def test_two_positions_from_the_same_day_count_in_the_one_assigned_last(
    rep: Rep, client_for: ClientFactory
) -> None:
    """Same start day as staf's own assignment: the later row (higher id) wins."""
    found = await staf_also_holds_kadis2(rep, client_for, date(2020, 1, 1))
    rows = {r["unitCode"]: r["employees"] for r in found}
    assert rows == {"BIDANG": 2, "DINAS": 1, "DINAS2": 2, "PEMKOT": 1}


async def test_a_later_position_ended_before_the_scope_ends_moves_nobody(
    rep: Rep, client_for: ClientFactory
) -> None:
    """Only an assignment still open on the scope's last day (31 March) supersedes another."""
    found = await staf_also_holds_kadis2(rep, client_for, date(YEAR, 1, 1), end=date(YEAR, 3, 30))
    rows = {r["unitCode"]: r["employees"] for r in found}
    assert rows == {"BIDANG": 3, "DINAS": 1, "DINAS2": 1, "PEMKOT": 1}
