"""``myAgenda`` (the staff home page): each person sees what needs them, and only that, with the
portal link of each job; the statement count does not grow with the people one rates."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from server import clock
from server.config import Settings
from server.db.engine import Database
from server.db.models import Evaluation, Objection, PerformancePlan
from server.domain.enums import (
    EvaluationKind,
    EvaluationStatus,
    ObjectionStatus,
    PlanStatus,
    Rating,
    Role,
)
from server.services.actor import Actor
from server.services.agenda import Agenda, load_agenda
from server.services.evaluation.evaluations import save_self_assessment, start_evaluation
from server.services.notifications import send_due_reminders
from server.services.planning.years import set_realization_due
from tests.api.notifications.conftest import (
    TODAY,
    ReminderData,
    add_employees,
    add_set_plan,
    set_values,
)
from tests.conftest import SmallOrg, count_statements, gql, login


def actor_of(small_org: SmallOrg, key: str) -> Actor:
    return Actor(
        account_id=small_org.ids[f"acc:{key}"], login=key, employee_id=small_org.ids[f"emp:{key}"]
    )


async def agenda_of(db: Database, small_org: SmallOrg, key: str, today: date = TODAY) -> Agenda:
    return await load_agenda(db, actor_of(small_org, key), today=today)


async def test_the_employee_sees_realisasi_due_results_objections_and_coaching(
    db: Database, small_org: SmallOrg, data: ReminderData
) -> None:
    agenda = await agenda_of(db, small_org, "staf")
    assert agenda.my_plan is None  # the SKP is set: nothing to do on it
    assert agenda.work_log_plan_id == data.plan  # …but the daily work log goes there
    assert agenda.plans_to_approve == []
    assert agenda.evaluations_to_do == []
    # Month 3 is due on 5 April and lacks a confirmed realisasi; month 4 is due in May.
    assert [(r.period_number, r.due, r.indicators_missing) for r in agenda.realizations_due] == [
        (3, date(2026, 4, 5), 1)
    ]
    # Months 1, 2 and the annual result are set but not acknowledged; their filing window
    # (14 days from 10 March) is over.
    assert sorted((r.kind.value, r.period_number) for r in agenda.my_results) == [
        ("PERIODIK", 1),
        ("PERIODIK", 2),
        ("TAHUNAN", None),
    ]
    assert all(r.objection_deadline is None for r in agenda.my_results)
    assert [(o.objection_id, o.decision_deadline) for o in agenda.my_objections] == [
        (data.objection_due, TODAY + timedelta(days=2)),
        (data.objection_later, TODAY + timedelta(days=17)),
    ]
    assert agenda.objections_to_decide == []
    coaching = {c.coaching_plan_id: c for c in agenda.coaching}
    assert set(coaching) == {data.coaching["A"], data.coaching["B"], data.coaching["C"]}
    assert not any(c.as_mentor for c in coaching.values())
    assert coaching[data.coaching["A"]].check_in_due  # 45 days, never met
    assert not coaching[data.coaching["C"]].check_in_due  # met 10 days ago


async def test_a_moved_realisation_deadline_is_the_one_the_agenda_shows(
    db: Database, small_org: SmallOrg, data: ReminderData
) -> None:
    """BKPSDM moves month 3 later and month 4 earlier (to its last day, this month): the agenda
    reads each period's stored deadline, not one computed from the year's number of days."""
    hr = Actor(
        account_id=small_org.ids["acc:hradmin"], login="hradmin", roles=frozenset({Role.HR_ADMIN})
    )
    await set_realization_due(db, hr, data.periods[2], date(2026, 4, 20))
    await set_realization_due(db, hr, data.periods[3], date(2026, 4, 30))
    agenda = await agenda_of(db, small_org, "staf")
    assert [(r.period_number, r.due) for r in agenda.realizations_due] == [
        (3, date(2026, 4, 20)),
        (4, date(2026, 4, 30)),
    ]


async def test_the_assessor_sees_what_to_approve_evaluate_and_coach(
    db: Database, small_org: SmallOrg, data: ReminderData
) -> None:
    agenda = await agenda_of(db, small_org, "kabid")
    assert [(p.plan_id, p.employee_name, p.status) for p in agenda.plans_to_approve] == [
        (data.plan2, "Pegawai Staf2", PlanStatus.DIAJUKAN)
    ]
    assert [
        (e.plan_id, e.employee_name, e.period_number, e.other_periods)
        for e in agenda.evaluations_to_do
    ] == [(data.plan, "Pegawai Staf", 3, 0)]
    assert [(c.coaching_plan_id, c.as_mentor, c.check_in_due) for c in agenda.coaching] == [
        (data.coaching["A"], True, True)
    ]
    assert agenda.realizations_due == []
    assert agenda.my_results == []

    kadis = await agenda_of(db, small_org, "kadis")
    assert [o.objection_id for o in kadis.objections_to_decide] == [
        data.objection_due,
        data.objection_later,
    ]
    assert [o.employee_name for o in kadis.objections_to_decide] == ["Pegawai Staf"] * 2
    sekda = await agenda_of(db, small_org, "sekda")
    assert [(c.coaching_plan_id, c.as_mentor) for c in sekda.coaching] == [
        (data.coaching["B"], True)
    ]


async def test_my_plan_to_draft_revise_or_wait(
    db: Database, small_org: SmallOrg, data: ReminderData
) -> None:
    # kabid has no SKP for 2026 yet: to draft, with the year's deadline.
    kabid = await agenda_of(db, small_org, "kabid")
    assert kabid.my_plan is not None
    assert (kabid.my_plan.year, kabid.my_plan.plan_id, kabid.my_plan.status) == (2026, None, None)
    assert kabid.work_log_plan_id is None
    # staf2's SKP is waiting for kabid; rejected, it is staf2's to revise, with the reason.
    staf2 = await agenda_of(db, small_org, "staf2")
    assert staf2.my_plan is not None
    assert staf2.my_plan.status is PlanStatus.DIAJUKAN
    await set_values(
        db, PerformancePlan, data.plan2, status=PlanStatus.DITOLAK, rejection_reason="IKI kurang"
    )
    staf2 = await agenda_of(db, small_org, "staf2")
    assert staf2.my_plan is not None
    assert (staf2.my_plan.status, staf2.my_plan.rejection_reason) == (
        PlanStatus.DITOLAK,
        "IKI kurang",
    )
    assert (await agenda_of(db, small_org, "kabid")).plans_to_approve == []


async def test_a_fresh_result_offers_the_objection_window_until_its_last_day(
    db: Database, small_org: SmallOrg, data: ReminderData
) -> None:
    # The annual result set on 1 April (08:00 WIB): acknowledged, no objection yet.
    async with db.read() as s:
        annual = await s.scalar(
            sa.select(Evaluation.id).where(
                Evaluation.plan_id == data.plan, Evaluation.period_id.is_(None)
            )
        )
    assert annual is not None
    await set_values(
        db,
        Evaluation,
        annual,
        status=EvaluationStatus.DITERIMA,
        finalised_at=datetime(2026, 4, 1, 1, 0, tzinfo=UTC),
        objection_filing_deadline=date(2026, 4, 15),  # fixed on the record when the result was set
    )
    last_day = date(2026, 4, 15)
    for today, expected in (
        (TODAY, last_day),
        (last_day, last_day),
        (last_day + timedelta(1), None),
    ):
        results = {
            r.evaluation_id: r for r in (await agenda_of(db, small_org, "staf", today)).my_results
        }
        if expected is None:
            assert annual not in results  # acknowledged and the window closed: nothing to do
        else:
            assert results[annual].objection_deadline == expected
    async with db.write() as s:
        s.add(
            Objection(
                evaluation_id=annual,
                filed_by_employee_id=small_org.ids["emp:staf"],
                decider_employee_id=small_org.ids["emp:kadis"],
                reasons="Uji",
                status=ObjectionStatus.DIAJUKAN,
                filing_deadline=last_day,
                decision_deadline=TODAY + timedelta(days=14),
            )
        )
    listed = {r.evaluation_id for r in (await agenda_of(db, small_org, "staf")).my_results}
    assert annual not in listed  # filed: it shows among my objections instead


async def test_a_started_unrated_draft_waits_for_my_self_assessment(
    db: Database, small_org: SmallOrg, data: ReminderData
) -> None:
    assert (await agenda_of(db, small_org, "staf")).self_assessments_due == []
    started = await start_evaluation(
        db,
        actor_of(small_org, "kabid"),
        data.plan,
        EvaluationKind.PERIODIK,
        data.period(3),
        today=TODAY,
    )
    due = (await agenda_of(db, small_org, "staf")).self_assessments_due
    assert [(d.evaluation_id, d.period_number, d.assessor_name) for d in due] == [
        (started.id, 3, "Pegawai Kabid")
    ]
    # Only mine: the penilai's agenda does not list it.
    assert (await agenda_of(db, small_org, "kabid")).self_assessments_due == []
    # Entered: nothing waits any more.
    await save_self_assessment(
        db,
        actor_of(small_org, "staf"),
        started.id,
        result_rating=Rating.SESUAI_EKSPEKTASI,
        behavior_rating=None,
        note=None,
        version=started.version,
        today=TODAY,
    )
    assert (await agenda_of(db, small_org, "staf")).self_assessments_due == []
    # Rated by the penilai before I entered anything: too late, not listed.
    await set_values(
        db,
        Evaluation,
        started.id,
        self_result_rating=None,
        result_rating=Rating.SESUAI_EKSPEKTASI,
    )
    assert (await agenda_of(db, small_org, "staf")).self_assessments_due == []


async def test_accounts_without_an_employee_have_an_empty_agenda(
    db: Database, small_org: SmallOrg, data: ReminderData
) -> None:
    actor = Actor(account_id=small_org.ids["acc:hradmin"], login="hradmin")
    agenda = await load_agenda(db, actor, today=TODAY)
    assert agenda == Agenda(today=TODAY)


async def test_statement_count_does_not_grow_with_the_people_one_rates(
    db: Database, small_org: SmallOrg, data: ReminderData
) -> None:
    kabid = small_org.ids["emp:kabid"]

    async def add_people(first: int, count: int) -> None:
        for employee_id in await add_employees(db, first, count):
            await add_set_plan(db, employee_id, kabid, data.year_id, data.periods)

    async def measured() -> tuple[int, Agenda]:
        with count_statements(db) as statements:
            agenda = await agenda_of(db, small_org, "kabid")
        return len(statements), agenda

    await add_people(1, 3)
    few, agenda = await measured()
    assert len(agenda.evaluations_to_do) == 4
    await add_people(4, 30)
    many, agenda = await measured()
    assert len(agenda.evaluations_to_do) == 34
    # Months 1 to 3 of the new SKPs are all unevaluated: the earliest is named, two more counted.
    assert {(e.period_number, e.other_periods) for e in agenda.evaluations_to_do[1:]} >= {(1, 2)}
    assert few == many, (few, many)


AGENDA = """
{
  me { login displayName rateeCount }
  myAgenda {
    today taskCount unreadNotifications
    myPlan { year planId status link }
    plansToApprove { planId employeeName link }
    realizationsDue { periodNumber due overdue indicatorsMissing link }
    evaluationsToDo { planId periodNumber otherPeriods link }
    myResults { evaluationId status objectionDeadline link objectionLink }
    objectionsToDecide { objectionId employeeName decisionDeadline overdue link }
    myObjections { objectionId link }
    coaching { coachingPlanId asMentor checkInDue link }
  }
}"""


@pytest.fixture
def on_today() -> Iterator[None]:
    # The API takes "today" from the one calendar; fix it to the scenario's day (midday WIB).
    with clock.frozen(clock.at(TODAY, 12)):
        yield


async def _agenda(client: httpx.AsyncClient, user: str) -> dict[str, Any]:
    assert (await login(client, user)).status_code == 200
    body = await gql(client, AGENDA)
    assert "errors" not in body, body
    data: dict[str, Any] = body["data"]
    return data


async def test_the_api_gives_each_person_their_own_agenda_with_portal_links(
    client: httpx.AsyncClient,
    db: Database,
    settings: Settings,
    small_org: SmallOrg,
    data: ReminderData,
    on_today: None,
) -> None:
    await send_due_reminders(db, settings, TODAY)
    kabid = await _agenda(client, "kabid")
    assert kabid["me"] == {"login": "kabid", "displayName": "Pegawai Kabid", "rateeCount": 2}
    a = kabid["myAgenda"]
    assert a["today"] == "2026-04-03"
    assert a["myPlan"] == {"year": 2026, "planId": None, "status": None, "link": "/portal/skp/2026"}
    assert a["plansToApprove"] == [
        {
            "planId": str(data.plan2),
            "employeeName": "Pegawai Staf2",
            "link": f"/portal/tim/skp/{data.plan2}",
        }
    ]
    assert a["evaluationsToDo"] == [
        {
            "planId": str(data.plan),
            "periodNumber": 3,
            "otherPeriods": 0,
            "link": f"/portal/tim/penilaian/{data.plan}/3",
        }
    ]
    assert a["coaching"] == [
        {
            "coachingPlanId": str(data.coaching["A"]),
            "asMentor": True,
            "checkInDue": True,
            "link": f"/portal/pembinaan/{data.coaching['A']}",
        }
    ]
    assert a["unreadNotifications"] == 3  # approval, evaluation and coaching reminders
    assert a["taskCount"] == 4  # draft own SKP, approve, evaluate, meet
    assert a["realizationsDue"] == []
    assert a["myResults"] == []
    assert a["objectionsToDecide"] == []

    staf = await _agenda(client, "staf")
    assert staf["me"]["rateeCount"] == 0
    s = staf["myAgenda"]
    assert s["realizationsDue"] == [
        {
            "periodNumber": 3,
            "due": "2026-04-05",
            "overdue": False,
            "indicatorsMissing": 1,
            "link": "/portal/kerja/2026/3",
        }
    ]
    # Months 1, 2 and the annual result: set, not acknowledged, the filing window closed.
    results = s["myResults"]
    assert len(results) == 3
    assert {f"/portal/penilaian/{e}" for e in data.evaluations} <= {r["link"] for r in results}
    assert all(r["link"] == f"/portal/penilaian/{r['evaluationId']}" for r in results)
    assert all(r["status"] == "DITETAPKAN" and r["objectionLink"] is None for r in results)
    assert s["taskCount"] == 4  # realisasi due and three results to acknowledge
    assert [o["link"] for o in s["myObjections"]] == [
        f"/portal/keberatan/{data.objection_due}",
        f"/portal/keberatan/{data.objection_later}",
    ]
    assert s["plansToApprove"] == []
    assert s["evaluationsToDo"] == []

    kadis = (await _agenda(client, "kadis"))["myAgenda"]
    assert [
        (o["employeeName"], o["decisionDeadline"], o["overdue"])
        for o in kadis["objectionsToDecide"]
    ] == [
        ("Pegawai Staf", "2026-04-05", False),
        ("Pegawai Staf", "2026-04-20", False),
    ]

    hr = await _agenda(client, "hradmin")
    assert hr["me"] == {"login": "hradmin", "displayName": "hradmin", "rateeCount": 0}
    assert hr["myAgenda"]["myPlan"] is None
    assert hr["myAgenda"]["taskCount"] == 0
