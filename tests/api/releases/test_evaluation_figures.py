"""Evaluation figures of a release from the evaluation tables: completion, predicate
distribution, organisation predicate and keberatan counts, under disclosure control."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import httpx
import orjson
import pytest
import sqlalchemy as sa

from server.config import Settings
from server.db.engine import Database
from server.db.models import (
    AppraisalPeriod,
    AppraisalYear,
    Evaluation,
    Objection,
    OrgPredicateAssignment,
    PerformancePlan,
)
from server.domain.enums import (
    Approach,
    Cadence,
    EvaluationKind,
    EvaluationStatus,
    ObjectionStatus,
    OrgPredicate,
    PlanStatus,
    Predicate,
    UnitKind,
    YearStatus,
)
from server.domain.planning import build_periods
from server.services.releases import read
from server.services.releases.builder import CATEGORIES, ObjectionTally
from server.services.releases.evaluation_facts import build_evaluation_facts
from server.services.releases.periods import parse_period
from tests.api.releases.attacker import attack_release, pinned
from tests.api.releases.conftest import Org, add_staff, build_org, public, publish
from tests.builders import filing_deadline_of
from tests.conftest import count_statements

YEAR = 2025
PERIOD = f"{YEAR}-S1"
SB, B, BP, K, SK = (
    Predicate.SANGAT_BAIK,
    Predicate.BAIK,
    Predicate.BUTUH_PERBAIKAN,
    Predicate.KURANG,
    Predicate.SANGAT_KURANG,
)
# code: (kind, parent, direct staff). DINAS has no staff of its own: its own-staff part of
# every sum is a zero anyone can tell, so it must never be what hides a sub-unit.
TREE: dict[str, tuple[UnitKind, str | None, int]] = {
    "KOTA": (UnitKind.INSTANSI, None, 6),
    "DINAS": (UnitKind.PERANGKAT_DAERAH, "KOTA", 0),
    "BID-A": (UnitKind.BIDANG, "DINAS", 12),
    "BID-B": (UnitKind.BIDANG, "DINAS", 7),
    "BID-C": (UnitKind.BIDANG, "DINAS", 11),
    "BADAN": (UnitKind.PERANGKAT_DAERAH, "KOTA", 16),
}
# Finalised predicates of the first semester, per unit (order of the unit's staff).
PREDICATES: dict[str, list[Predicate]] = {
    "BID-A": [SB, SB, B, B, B, B, B, B, B, BP, BP, K],  # 12: published
    "BID-B": [SB, B, B, B, B, BP, SK],  # 7: withheld
    "BID-C": [SB, B, B, B, B, B, B, B, BP, BP],  # 10 of 11 (one still a draft)
    "BADAN": [SB, SB, SB, B, B, B, B, B, B, B, BP, K],  # 12 of 15 with an SKP
}
# (unit, number of filers, status of their objection)
OBJECTIONS: list[tuple[str, int, ObjectionStatus]] = [
    ("BID-A", 6, ObjectionStatus.DIUBAH),
    ("BID-A", 5, ObjectionStatus.DITOLAK),
    ("BID-B", 1, ObjectionStatus.DIUBAH),
    ("BID-B", 1, ObjectionStatus.DITOLAK),
    ("BID-C", 5, ObjectionStatus.DITOLAK),
]


@dataclass
class Evaluated:
    org: Org
    period_ids: list[int]


async def _evaluate(db: Database, org: Org) -> Evaluated:
    async with db.write() as s:
        year = AppraisalYear(
            year=YEAR,
            cadence=Cadence.SEMESTER,
            plan_deadline=date(YEAR, 1, 31),
            realization_due_days=5,
            status=YearStatus.DIBUKA,
        )
        s.add(year)
        await s.flush()
        periods = [
            AppraisalPeriod(
                year_id=year.id,
                number=p.number,
                start_date=p.start,
                end_date=p.end,
                realization_due=p.realization_due,
            )
            for p in build_periods(YEAR, Cadence.SEMESTER, 5)
        ]
        s.add_all(periods)
        await s.flush()
        first = periods[0].id
        evaluations: dict[int, int] = {}  # employee → evaluation id
        with_plan = {
            "BID-A": org.employees["BID-A"],
            "BID-B": org.employees["BID-B"],
            "BID-C": org.employees["BID-C"],
            "BADAN": org.employees["BADAN"][:15],  # one pegawai without an SKP
        }
        for code, employees in with_plan.items():
            predicates = PREDICATES[code]
            for i, employee_id in enumerate(employees):
                plan = PerformancePlan(
                    employee_id=employee_id,
                    year_id=year.id,
                    approach=Approach.KUANTITATIF,
                    status=PlanStatus.DITETAPKAN,
                )
                s.add(plan)
                await s.flush()
                if i < len(predicates):
                    status = EvaluationStatus.DITERIMA if i % 2 else EvaluationStatus.DITETAPKAN
                    predicate: Predicate | None = predicates[i]
                elif code == "BADAN" and i == len(employees) - 1:
                    continue  # no evaluation at all yet
                else:
                    status, predicate = EvaluationStatus.DRAFT, None
                row = Evaluation(
                    plan_id=plan.id,
                    kind=EvaluationKind.PERIODIK,
                    period_id=first,
                    status=status,
                    predicate=predicate,
                    finalised_at=datetime(YEAR, 7, 3, tzinfo=UTC) if predicate else None,
                    objection_filing_deadline=filing_deadline_of(
                        datetime(YEAR, 7, 3, tzinfo=UTC) if predicate else None
                    ),
                )
                s.add(row)
                await s.flush()
                evaluations[employee_id] = row.id
        used: dict[str, int] = {}
        for code, n, outcome in OBJECTIONS:
            start = used.get(code, 0)
            for employee_id in org.employees[code][start : start + n]:
                s.add(
                    Objection(
                        evaluation_id=evaluations[employee_id],
                        filed_by_employee_id=employee_id,
                        reasons="Keberatan atas predikat",
                        status=outcome,
                        filing_deadline=date(YEAR, 7, 17),
                        decision_deadline=date(YEAR, 7, 31),
                        created_at=datetime(YEAR, 6, 20, 3, tzinfo=UTC),
                    )
                )
            used[code] = start + n
        for code, period_id, level in (
            ("BID-A", first, OrgPredicate.ISTIMEWA),
            ("DINAS", None, OrgPredicate.BAIK),  # for the year only
            ("BADAN", None, OrgPredicate.KURANG),
            ("BADAN", first, OrgPredicate.BAIK),  # the period's wins over the year's
        ):
            s.add(
                OrgPredicateAssignment(
                    unit_id=org.unit_ids[code],
                    year_id=year.id,
                    period_id=period_id,
                    predicate=level,
                    basis="Capaian Perjanjian Kinerja",
                )
            )
    return Evaluated(org, [p.id for p in periods])


@pytest.fixture
async def evaluated(db: Database) -> Evaluated:
    return await _evaluate(db, await build_org(db, TREE))


FIELDS = """code parentCode directHeadcount
evaluationCompletionPct evaluationCompletionPctStatus orgPerformance orgPerformanceStatus
objectionsFiled objectionsFiledStatus objectionsUpheld objectionsUpheldStatus
objectionsRejected objectionsRejectedStatus objectionsPending objectionsPendingStatus
distributionStatus distribution { category count status }"""


async def release_figures(client: httpx.AsyncClient) -> dict[str | None, dict[str, Any]]:
    body = await public(
        client,
        "{ latestRelease { city { " + FIELDS + " } units(first: 100) { edges { node { "
        + FIELDS + " } } } } }",
    )  # fmt: skip
    assert "errors" not in body, body
    release = body["data"]["latestRelease"]
    rows = {e["node"]["code"]: e["node"] for e in release["units"]["edges"]}
    rows[None] = release["city"]
    return rows


def _counts(unit: dict[str, Any]) -> list[int | None]:
    return [d["count"] for d in unit["distribution"]]


def _whole(counts: list[int | None]) -> list[int] | None:
    """The counts when every one is shown, None when any is withheld."""
    shown = [n for n in counts if n is not None]
    return shown if len(shown) == len(counts) else None


async def test_distribution_completion_and_org_predicate(
    client: httpx.AsyncClient, db: Database, settings: Settings, evaluated: Evaluated
) -> None:
    await publish(db, settings, PERIOD)  # the evaluation figures are read by publish itself
    units = await release_figures(client)
    a, b = units["BID-A"], units["BID-B"]
    # Every distribution row lists the categories in order.
    badan = units["BADAN"]
    assert [d["category"] for d in badan["distribution"]] == list(CATEGORIES)
    # BADAN: 12 finalised evaluations (of 15 with an SKP), shown as counted where shown.
    assert [n for n in _counts(badan) if n is not None] == [
        n
        for n, d in zip([3, 7, 1, 1, 0], badan["distribution"], strict=True)
        if d["count"] is not None
    ]
    # 7: withheld whole, with the reason, never as zeros.
    assert b["distributionStatus"] == "WITHHELD"
    assert all(d["count"] is None and d["status"] == "WITHHELD" for d in b["distribution"])
    # DINAS has no staff of its own, so DINAS − A − C would be B: wherever all three are shown,
    # B's count is a zero (it describes no one).
    for i, category in enumerate(CATEGORIES):
        shown = [units[x]["distribution"][i]["count"] for x in ("DINAS", "BID-A", "BID-C")]
        if None not in shown:
            assert shown[0] - shown[1] - shown[2] == 0, (category, shown)
    assert [d["count"] for d in a["distribution"] if d["status"] is None] == [
        n for n, d in zip([2, 7, 2, 1, 0], a["distribution"], strict=True) if d["status"] is None
    ]
    # Every distribution shown whole describes at least 10 people.
    for unit in units.values():
        counts = _whole(_counts(unit))
        if counts is not None and sum(counts) > 0:
            assert sum(counts) >= settings.disclosure_min_distribution
    # Completion: finalised (DITETAPKAN or DITERIMA) / pegawai with a set SKP. Everyone in
    # DINAS has an SKP and was evaluated: DINAS's distribution (29 people) with A's and C's
    # head counts would pin B's coverage and completion, 7 of 7 (distributed ≤ evaluated ≤
    # eligible ≤ head count). The audit across tables withholds what that takes, and the
    # attacker, reading the same relations, pins no withheld cell above zero.
    assert b["evaluationCompletionPct"] is None
    for unit in units.values():
        pct = unit["evaluationCompletionPct"]
        assert pct is None or unit["evaluationCompletionPctStatus"] is None
    snapshot = await read.load_release(db, 1)
    assert snapshot is not None
    exposed = [i for i in pinned(attack_release(snapshot.city, list(snapshot.units))) if i.high > 0]
    assert not exposed, exposed
    report = snapshot.info.audit_report
    assert isinstance(report, dict)
    assert "joint" in report["tables"]  # type: ignore[operator]

    # The organisation predicate: a fact about a unit, published as is.
    org = {code: (u["orgPerformance"], u["orgPerformanceStatus"]) for code, u in units.items()}
    assert org["BID-A"] == ("ISTIMEWA", None)
    assert org["DINAS"] == ("BAIK", None)  # the year's, none set for the period
    assert org["BADAN"] == ("BAIK", None)  # the period's, over the year's KURANG
    assert org["BID-B"] == (None, "NOT_AVAILABLE")
    assert org[None] == (None, "NOT_AVAILABLE")


OBJECTION_FIELDS = ("Filed", "Upheld", "Rejected", "Pending")


def _objections(unit: dict[str, Any]) -> dict[str, tuple[int | None, str | None]]:
    return {f: (unit[f"objections{f}"], unit[f"objections{f}Status"]) for f in OBJECTION_FIELDS}


async def test_objection_counts_below_five_are_suppressed_and_complemented(
    client: httpx.AsyncClient, db: Database, settings: Settings, evaluated: Evaluated
) -> None:
    await publish(db, settings, PERIOD)
    units = await release_figures(client)
    a = _objections(units["BID-A"])
    assert a["Filed"] == (11, None)
    assert a["Upheld"] == (6, None)
    # BID-B's 1 upheld and 1 rejected would follow from DINAS − A − C. Complementary
    # suppression chose A's rejected, but A's row pins it (11 − 6 upheld − 0 pending, DINAS's
    # 0 pending making every pending a zero): the audit publishes it, since it tells nothing
    # new, and relies on C's rejected, which no published figure pins.
    assert a["Rejected"] == (5, None)
    assert units["BID-C"]["objectionsRejected"] is None
    assert _objections(units[None]) == {
        "Filed": (18, None),
        "Upheld": (7, None),
        "Rejected": (11, None),
        "Pending": (0, None),
    }
    # 2 filers: the whole row is withheld, zeros included.
    assert _objections(units["BID-B"]) == dict.fromkeys(OBJECTION_FIELDS, (None, "WITHHELD"))
    # Nothing revealed by subtraction: every row sum and every sum over DINAS's sub-units
    # (DINAS has no own staff) and the city has none or at least two withheld members, or
    # gives a zero (BID-B's pending: a zero of a small row describes no one).
    for unit in units.values():
        row = [unit[f"objections{f}"] for f in OBJECTION_FIELDS]
        assert sum(v is None for v in row) != 1, (unit["code"], row)
    for f in OBJECTION_FIELDS:
        members = [units[x][f"objections{f}"] for x in ("DINAS", "BID-A", "BID-B", "BID-C")]
        if sum(v is None for v in members) == 1:
            assert members[0] == sum(v or 0 for v in members[1:]), (f, members)
        assert units[None][f"objections{f}"] == units["KOTA"][f"objections{f}"]
    # The city is about 18 filers: 7 upheld, 11 rejected, 0 pending. Shown exactly.
    assert _objections(units[None]) == {
        "Filed": (18, None),
        "Upheld": (7, None),
        "Rejected": (11, None),
        "Pending": (0, None),
    }
    hidden_c = [v for v, _s in _objections(units["BID-C"]).values() if v is None]
    assert hidden_c, "BID-C or BID-A must complement BID-B"


async def test_facts_count_people_and_the_latest_ended_period(
    db: Database, evaluated: Evaluated
) -> None:
    period = parse_period(PERIOD)
    facts = await build_evaluation_facts(db, period, today=date(YEAR, 7, 1))
    assert facts.completed == {"BID-A": 12, "BID-B": 7, "BID-C": 10, "BADAN": 12}
    assert facts.eligible == {"BID-A": 12, "BID-B": 7, "BID-C": 11, "BADAN": 15}
    assert facts.distribution is not None
    assert facts.distribution["BID-A"] == {"SANGAT_BAIK": 2, "BAIK": 7, "BUTUH_PERBAIKAN": 2,
                                           "KURANG": 1}  # fmt: skip
    assert facts.objections == {
        "BID-A": ObjectionTally(filed=11, upheld=6, rejected=5, pending=0),
        "BID-B": ObjectionTally(filed=2, upheld=1, rejected=1, pending=0),
        "BID-C": ObjectionTally(filed=5, upheld=0, rejected=5, pending=0),
    }
    # Published on the semester's last day: it has not ended, so nothing is available yet;
    # the organisation predicates fall back to the year's.
    early = await build_evaluation_facts(db, period, today=date(YEAR, 6, 30))
    assert early.distribution is None
    assert early.completed is None
    assert early.org_predicates == {"DINAS": "BAIK", "BADAN": "KURANG"}
    # A whole-year release evaluates its latest ended period: semester 2 has no finalised
    # evaluation yet, so completion is 0 where there are SKPs and nothing is distributed.
    year = await build_evaluation_facts(db, parse_period(str(YEAR)), today=date(YEAR + 1, 1, 5))
    assert year.completed == {}
    assert year.distribution == {}
    assert year.eligible == facts.eligible
    # No appraisal year at all: not available.
    none = await build_evaluation_facts(db, parse_period("2024"), today=date(2025, 1, 5))
    assert none.distribution is None
    assert none.objections is None


async def test_statement_count_does_not_grow_with_employees(
    db: Database, evaluated: Evaluated
) -> None:
    period = parse_period(PERIOD)

    async def count() -> int:
        with count_statements(db) as statements:
            await build_evaluation_facts(db, period, today=date(YEAR, 7, 1))
        return len(statements)

    small = await count()
    more = await add_staff(db, evaluated.org, "BADAN", 40)
    async with db.write() as s:
        year_id = (
            await s.scalars(sa.select(AppraisalYear.id).where(AppraisalYear.year == YEAR))
        ).one()
        for employee_id in more:
            plan = PerformancePlan(employee_id=employee_id, year_id=year_id,
                                   approach=Approach.KUANTITATIF, status=PlanStatus.DITETAPKAN)  # fmt: skip
            s.add(plan)
            await s.flush()
            s.add(Evaluation(plan_id=plan.id, kind=EvaluationKind.PERIODIK,
                             period_id=evaluated.period_ids[0],
                             status=EvaluationStatus.DITETAPKAN, predicate=Predicate.BAIK))  # fmt: skip
    assert await count() == small
    facts = await build_evaluation_facts(db, period, today=date(YEAR, 7, 1))
    assert facts.completed is not None
    assert facts.completed["BADAN"] == 52


async def test_downloads_and_methodology_carry_the_new_figures(
    client: httpx.AsyncClient, db: Database, settings: Settings, evaluated: Evaluated
) -> None:
    await publish(db, settings, PERIOD)
    text = (await client.get("/public/data/1/units.csv")).content.decode("utf-8")
    header = text.splitlines()[0].split(",")
    for column in (
        "evaluation_completion_pct",
        "org_performance",
        "objections_filed",
        "objections_upheld",
        "objections_rejected",
        "objections_pending",
    ):
        assert column in header
        assert f"{column}_status" in header
        assert header.index(f"{column}_status") == header.index(column) + 1
    rows = {r["unit_code"]: r for r in csv.DictReader(io.StringIO(text))}
    kota = rows["KOTA"]  # shown as counted, or withheld by the audit across tables
    assert kota["evaluation_completion_pct"] in (str(round(100 * 41 / 45, 2)), "")
    assert (kota["evaluation_completion_pct"] == "") == (
        kota["evaluation_completion_pct_status"] == "WITHHELD"
    )
    assert rows["BID-A"]["org_performance"] == "ISTIMEWA"
    assert (rows["BID-A"]["objections_upheld"], rows["BID-A"]["objections_upheld_status"]) == (
        "6",
        "",
    )
    assert (rows["BID-B"]["objections_filed"], rows["BID-B"]["objections_filed_status"]) == (
        "",
        "WITHHELD",
    )
    assert rows[""]["objections_rejected"] == "11"  # the city
    as_json = orjson.loads((await client.get("/public/data/1/units.json")).content)
    b = next(r for r in as_json["rows"] if r["unit_code"] == "BID-B")
    assert b["objections_pending"] is None
    assert b["objections_pending_status"] == "WITHHELD"
    assert b["evaluation_completion_pct_status"] == "WITHHELD"
    # The distribution dataset holds predicate categories only.
    dist = list(
        csv.DictReader(
            io.StringIO((await client.get("/public/data/1/distribution.csv")).content.decode())
        )
    )
    assert {r["category"] for r in dist} == set(CATEGORIES)
    # BADAN's counts as counted where shown (the audit across tables may withhold some).
    badan = [r["count"] for r in dist if r["unit_code"] == "BADAN"]
    assert [int(n) for n in badan if n] == [
        n for n, shown in zip([3, 7, 1, 1, 0], badan, strict=True) if shown
    ]
    assert [(r["count"], r["count_status"]) for r in dist if r["unit_code"] == "BID-B"] == [
        ("", "WITHHELD")
    ] * 5
    # The data dictionary describes every new column and the methodology defines the figures.
    package = orjson.loads((await client.get("/public/data/1/datapackage.json")).content)
    fields = {
        f["name"]: f
        for r in package["resources"]
        if r["path"] == "units.csv"
        for f in r["schema"]["fields"]
    }
    for name in ("objections_upheld", "objections_rejected_status", "objections_pending"):
        assert fields[name]["description_id"]
        assert fields[name]["description_en"]
    definitions = {d["key"]: d for d in package["methodology"]["definitions"]}
    assert "DITERIMA" in definitions["evaluationCompletionPct"]["formula"]
    assert "NOT_AVAILABLE until" not in definitions["evaluationCompletionPct"]["description_en"]
    assert {"orgPerformance", "objections"} <= set(definitions)
    body = await public(client, "{ methodology { definitions { key descriptionEn } } }")
    keys = [d["key"] for d in body["data"]["methodology"]["definitions"]]
    assert "objections" in keys
    assert "orgPerformance" in keys
