"""Periodic and annual evaluation through the internal API: transitions, forbidden actions,
the nine matrix cells, the head-of-unit rule, the annual proposal, explanations, notification."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from server import clock
from server.db.engine import Database
from server.db.models import Evaluation, Notification, OrgPredicateAssignment
from server.domain.enums import OrgPredicate
from tests.api.evaluation.conftest import (
    ACK,
    CLOSE,
    FINALISE,
    SELF,
    EvalFixture,
    confirm,
    judge,
    ok,
    start,
)
from tests.conftest import ClientFactory, SmallOrg, audit_actions, error_codes, gql, mutate

A, S, B = "DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"


async def _rated(
    client_for: ClientFactory, ev: EvalFixture, month: int, result: str, beh: str
) -> str:
    kabid = await client_for("kabid")
    e = ok(await start(kabid, ev.plan, ev.period(month)))
    ok(await judge(kabid, e["id"], [(ev.rhk[0], result), (ev.rhk[1], result)], beh))
    return str(e["id"])


MATRIX = [
    (A, B, "KURANG"),
    (A, S, "BAIK"),
    (A, A, "SANGAT_BAIK"),
    (S, B, "KURANG"),
    (S, S, "BAIK"),
    (S, A, "BAIK"),
    (B, B, "SANGAT_KURANG"),
    (B, S, "BUTUH_PERBAIKAN"),
    (B, A, "BUTUH_PERBAIKAN"),
]


@pytest.mark.parametrize(("result", "behavior", "predicate"), MATRIX)
async def test_nine_matrix_cells(
    client_for: ClientFactory, ev: EvalFixture, result: str, behavior: str, predicate: str
) -> None:
    kabid = await client_for("kabid")
    eid = await _rated(client_for, ev, 1, result, behavior)
    rated = ok(await confirm(kabid, eid))
    assert (rated["resultRating"], rated["behaviorRating"]) == (result, behavior)
    assert rated["predicate"] == predicate
    assert any("Matriks predikat" in r for r in rated["explanation"]["rulesApplied"])


MATRIX_QUERY = """
query($id: ID!) {
  evaluation(id: $id) {
    predicateMatrix { effectiveFrom source cells { resultRating behaviorRating predicate } }
  }
}"""


async def test_the_matrix_the_screen_previews_is_the_one_that_rates(
    client_for: ClientFactory, ev: EvalFixture
) -> None:
    """The evaluation screen shows the predicate live from ``predicateMatrix``: its nine cells
    are the cells the server rates with, for the evaluation's day, and only those who may read
    the evaluation get it."""
    kabid = await client_for("kabid")
    e = ok(await start(kabid, ev.plan, ev.period(1)))
    body = await gql(kabid, MATRIX_QUERY, {"id": e["id"]})
    matrix = body["data"]["evaluation"]["predicateMatrix"]
    assert matrix["effectiveFrom"] == "2022-01-01"
    assert "Peraturan Menteri PANRB Nomor 6 Tahun 2022" in matrix["source"]
    cells = {(c["resultRating"], c["behaviorRating"]): c["predicate"] for c in matrix["cells"]}
    assert cells == {(r, b): p for r, b, p in MATRIX}
    colleague = await client_for("staf2")
    hidden = await gql(colleague, MATRIX_QUERY, {"id": e["id"]})
    assert hidden["data"]["evaluation"] is None


async def test_full_periodic_flow_with_self_assessment_and_notification(
    client_for: ClientFactory, ev: EvalFixture, db: Database, small_org: SmallOrg
) -> None:
    kabid, staf = await client_for("kabid"), await client_for("staf")
    e = ok(await start(kabid, ev.plan, ev.period(1)))
    assert e["status"] == "DRAFT"
    assert e["proposedResultRating"] is None
    mine = ok(
        await mutate(
            staf,
            SELF,
            {
                "input": {
                    "evaluationId": e["id"],
                    "resultRating": A,
                    "behaviorRating": A,
                    "note": "Saya menata\narsip",
                }
            },
        )
    )
    assert mine["selfResultRating"] == A
    assert mine["selfNote"] == "Saya menata\narsip"
    judged = ok(await judge(kabid, e["id"], [(ev.rhk[0], A), (ev.rhk[1], S)], S))
    assert judged["proposedResultRating"] == A
    assert judged["proposedBehaviorRating"] == S
    rated = ok(await confirm(kabid, e["id"]))
    assert rated["predicate"] == "BAIK"
    expl = rated["explanation"]
    assert any("Layanan arsip" in i for i in expl["inputs"])
    assert any("Penilaian diri" in i for i in expl["inputs"])
    assert any("2022" in s for s in expl["sources"])
    assert expl["overrides"] == []
    # after the penilai rated, the self-assessment is closed
    late = await mutate(staf, SELF, {"input": {"evaluationId": e["id"], "resultRating": S}})
    assert error_codes(late) == ["INVALID_STATE"]
    done = ok(await mutate(kabid, FINALISE, {"id": e["id"]}))
    assert done["status"] == "DITETAPKAN"
    assert done["finalisedAt"]
    assert done["identitySnapshot"]["pegawai"]["name"] == "Pegawai Staf"
    assert done["identitySnapshot"]["penilai"]["name"] == "Pegawai Kabid"
    async with db.read() as s:
        notes = (await s.scalars(sa.select(Notification))).all()
        stored = await s.get(Evaluation, int(e["id"]))
    # The unit the pegawai sat in, copied out of the snapshot for calibration's index.
    assert stored is not None
    assert stored.identity_snapshot is not None
    assert stored.rated_unit_id == stored.identity_snapshot["pegawai"]["unit_id"]
    assert stored.rated_unit_id is not None
    assert [(n.employee_id, n.kind, n.dedupe_key) for n in notes] == [
        (small_org.ids["emp:staf"], "evaluation.finalised", f"evaluation.finalised:{e['id']}")
    ]
    # no changes after finalisation
    assert error_codes(await judge(kabid, e["id"], [(ev.rhk[0], B)])) == ["INVALID_STATE"]
    assert error_codes(
        await mutate(staf, SELF, {"input": {"evaluationId": e["id"], "resultRating": S}})
    ) == ["INVALID_STATE"]
    assert error_codes(await mutate(kabid, ACK, {"id": e["id"]})) == ["FORBIDDEN"]
    acked = ok(await mutate(staf, ACK, {"id": e["id"]}))
    assert acked["status"] == "DITERIMA"
    assert acked["acknowledgedAt"]
    assert error_codes(await mutate(staf, ACK, {"id": e["id"]})) == ["INVALID_STATE"]
    actions = await audit_actions(db)
    assert [a for a in actions if a.startswith("evaluation.")] == [
        "evaluation.start",
        "evaluation.self_assess",
        "evaluation.judge",
        "evaluation.rate",
        "evaluation.finalise",
        "evaluation.acknowledge",
    ]


async def test_override_needs_reason_and_is_explained(
    client_for: ClientFactory, ev: EvalFixture
) -> None:
    kabid = await client_for("kabid")
    eid = await _rated(client_for, ev, 2, S, S)
    missing = await confirm(kabid, eid, resultRating=A)
    assert error_codes(missing) == ["INVALID_INPUT"]
    assert missing["errors"][0]["field"] == ("resultOverrideReason")
    blank = await confirm(kabid, eid, resultRating=A, resultOverrideReason="   ")
    assert error_codes(blank) == ["INVALID_INPUT"]
    rated = ok(await confirm(kabid, eid, resultRating=A, resultOverrideReason="Target melampaui"))
    assert rated["resultRating"] == A
    assert rated["resultOverrideReason"] == "Target melampaui"
    assert rated["predicate"] == "BAIK"
    assert "Target melampaui" in rated["explanation"]["overrides"][0]
    # the override stands when judgements change; a plain confirmation would lapse
    again = ok(await judge(kabid, eid, [(ev.rhk[1], B)], None))
    assert again["resultRating"] == A
    assert again["behaviorRating"] == S


async def test_finalise_and_confirm_need_all_judgements(
    client_for: ClientFactory, ev: EvalFixture
) -> None:
    kabid = await client_for("kabid")
    e = ok(await start(kabid, ev.plan, ev.period(1)))
    assert error_codes(await mutate(kabid, FINALISE, {"id": e["id"]})) == ["INVALID_STATE"]
    ok(await judge(kabid, e["id"], [(ev.rhk[0], S)], None))
    assert error_codes(await confirm(kabid, e["id"])) == ["INVALID_STATE"]
    ok(await judge(kabid, e["id"], [(ev.rhk[1], S)], None))
    not_observed = await confirm(kabid, e["id"])
    assert error_codes(not_observed) == ["INVALID_STATE"]
    assert "BerAKHLAK" in (not_observed["errors"][0]["message"])
    ok(await judge(kabid, e["id"], [], S))
    assert error_codes(await mutate(kabid, FINALISE, {"id": e["id"]})) == ["INVALID_STATE"]
    ok(await confirm(kabid, e["id"]))
    assert ok(await mutate(kabid, FINALISE, {"id": e["id"]}))["status"] == "DITETAPKAN"


@pytest.mark.parametrize("user", ["staf", "staf2", "hradmin", "auditor", "kadis", "manager"])
async def test_only_the_assessor_rates(
    client_for: ClientFactory, ev: EvalFixture, user: str
) -> None:
    kabid = await client_for("kabid")
    e = ok(await start(kabid, ev.plan, ev.period(1)))
    other = await client_for(user)
    denied = {"FORBIDDEN", "NOT_FOUND"}
    assert set(error_codes(await start(other, ev.plan, ev.period(2)))) <= denied
    assert set(error_codes(await judge(other, e["id"], [(ev.rhk[0], A)]))) <= denied
    assert set(error_codes(await confirm(other, e["id"]))) <= denied
    assert set(error_codes(await mutate(other, FINALISE, {"id": e["id"]}))) <= denied
    # a colleague sees nothing at all
    if user == "staf2":
        assert error_codes(await confirm(other, e["id"])) == ["NOT_FOUND"]


async def test_one_evaluation_per_period_and_period_rules(
    client_for: ClientFactory, ev: EvalFixture
) -> None:
    kabid = await client_for("kabid")
    ok(await start(kabid, ev.plan, ev.period(1)))
    assert error_codes(await start(kabid, ev.plan, ev.period(1))) == ["DUPLICATE"]
    assert error_codes(await start(kabid, ev.plan, None)) == ["INVALID_STATE"]  # no periodic yet
    assert error_codes(await start(kabid, 999_999, ev.period(1))) == ["NOT_FOUND"]


async def test_head_of_unit_takes_the_org_predicate(
    client_for: ClientFactory, ev: EvalFixture, db: Database, small_org: SmallOrg
) -> None:
    sekda = await client_for("sekda")
    e = ok(await start(sekda, ev.kadis_plan, ev.period(1)))
    ok(await judge(sekda, e["id"], [(ev.kadis_rhk, B)], A))
    missing = await confirm(sekda, e["id"])
    assert error_codes(missing) == ["INVALID_STATE"]
    assert "predikat kinerja organisasi" in missing["errors"][0]["message"]
    async with db.write() as s:
        s.add(
            OrgPredicateAssignment(
                unit_id=small_org.ids["DINAS"],
                year_id=ev.year_id,
                period_id=ev.period(1),
                predicate=OrgPredicate.ISTIMEWA,
                basis="Capaian IKU",
            )
        )
    forced = await confirm(sekda, e["id"], resultRating=B, resultOverrideReason="coba")
    assert error_codes(forced) == ["INVALID_INPUT"]
    rated = ok(await confirm(sekda, e["id"]))
    assert rated["resultRating"] == A
    assert rated["predicate"] == "SANGAT_BAIK"
    assert any("Istimewa" in r for r in rated["explanation"]["rulesApplied"])


async def test_annual_proposal_from_periodic_ties_go_lower(
    client_for: ClientFactory, ev: EvalFixture
) -> None:
    kabid = await client_for("kabid")
    for month, result, beh in ((1, A, S), (2, S, S), (3, A, A), (4, S, A)):
        eid = await _rated(client_for, ev, month, result, beh)
        ok(await confirm(kabid, eid))
        ok(await mutate(kabid, FINALISE, {"id": eid}))
    annual = ok(await start(kabid, ev.plan, None))
    assert annual["kind"] == "TAHUNAN"
    assert annual["proposedResultRating"] == S  # 2 above, 2 as expected: the lower one
    assert annual["proposedBehaviorRating"] == S
    assert any("sama banyak" in r for r in annual["explanation"]["rulesApplied"])
    rated = ok(
        await confirm(kabid, annual["id"], behaviorRating=A, behaviorOverrideReason="Teladan")
    )
    assert rated["predicate"] == "BAIK"
    assert ok(await mutate(kabid, FINALISE, {"id": annual["id"]}))["status"] == "DITETAPKAN"


async def test_close_period_is_hr_only(client_for: ClientFactory, ev: EvalFixture) -> None:
    kabid, hr = await client_for("kabid"), await client_for("hradmin")
    assert error_codes(await mutate(kabid, CLOSE, {"id": str(ev.period(1))})) == ["FORBIDDEN"]
    closed = ok(await mutate(hr, CLOSE, {"id": str(ev.period(1))}))
    assert closed["evaluatedAt"]
    assert error_codes(await mutate(hr, CLOSE, {"id": str(ev.period(1))})) == ["INVALID_STATE"]


READS = """
query($id: ID!, $plan: ID!, $year: Int!, $period: ID) {
  evaluation(id: $id) { id workResults { text rating indicators { indicator { text }
    realizations { value evidenceCount } } } behaviors { value rating }
    sideBySide { aspect selfRating assessorRating } }
  evaluationsOfPlan(planId: $plan) { id }
  myEvaluations(year: $year) { id }
  evaluationsToDo(year: $year, periodId: $period) { plan { id } evaluation { id } }
}"""


async def test_reads_are_scoped(client_for: ClientFactory, ev: EvalFixture) -> None:
    kabid = await client_for("kabid")
    e = ok(await start(kabid, ev.plan, ev.period(1)))
    ok(await judge(kabid, e["id"], [(ev.rhk[0], A)], None))
    variables = {"id": e["id"], "plan": str(ev.plan), "year": 2025, "period": str(ev.period(1))}
    mine = (await gql(kabid, READS, variables))["data"]
    sheet = mine["evaluation"]["workResults"]
    assert [(w["text"], w["rating"]) for w in sheet] == [("Layanan arsip", A), ("Pelatihan", None)]
    assert sheet[0]["indicators"][0]["realizations"] == [{"value": "3", "evidenceCount": 1}]
    assert len(mine["evaluation"]["behaviors"]) == 7
    assert [t["plan"]["id"] for t in mine["evaluationsToDo"]] == [str(ev.plan), str(ev.plan2)]
    assert mine["evaluationsToDo"][0]["evaluation"] == {"id": e["id"]}
    staf = (await gql(await client_for("staf"), READS, variables))["data"]
    assert staf["evaluation"]["id"] == e["id"]
    assert staf["myEvaluations"] == [{"id": e["id"]}]
    assert staf["evaluationsToDo"] == []
    other = (await gql(await client_for("staf2"), READS, variables))["data"]
    assert other["evaluation"] is None
    assert other["evaluationsOfPlan"] == []
    assert other["myEvaluations"] == []


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("feedback", "x" * 5000),
        ("feedback", "bad\u202etext"),
        ("feedback", "nul\x00"),
    ],
)
async def test_hostile_input(
    client_for: ClientFactory, ev: EvalFixture, field: str, value: str
) -> None:
    kabid = await client_for("kabid")
    e = ok(await start(kabid, ev.plan, ev.period(1)))
    payload = await mutate(
        kabid,
        "mutation($input: SaveEvaluationJudgementsInput!) { saveEvaluationJudgements(input: $input)"
        " { result { id } errors { code field } } }",
        {
            "input": {
                "evaluationId": e["id"],
                "workResults": [{"workResultId": str(ev.rhk[0]), "rating": A, field: value}],
            }
        },
    )
    assert error_codes(payload) == ["INVALID_INPUT"]
    dup = await judge(kabid, e["id"], [(ev.rhk[0], A), (ev.rhk[0], B)], None)
    assert error_codes(dup) == ["INVALID_INPUT"]
    foreign = await judge(kabid, e["id"], [(ev.rhk2, A)], None)
    assert error_codes(foreign) == ["INVALID_INPUT"]
    body = await gql(kabid, 'query { evaluation(id: "abc") { id } }')
    assert body["data"] is None or body["data"]["evaluation"] is None
    assert clock.today().year >= 2025


async def test_realisasi_of_round_hundreds_reads_without_an_exponent(
    client_for: ClientFactory, ev: EvalFixture, db: Database
) -> None:
    """100.0000 in the database is "100" on the evaluation sheet, never normalize()'s "1E+2"."""
    from decimal import Decimal

    from server.db.models import Realization

    kabid = await client_for("kabid")
    e = ok(await start(kabid, ev.plan, ev.period(1)))
    async with db.write() as s:
        await s.execute(sa.update(Realization).values(value=Decimal("100.0000")))
    variables = {"id": e["id"], "plan": str(ev.plan), "year": 2025, "period": str(ev.period(1))}
    sheet = (await gql(kabid, READS, variables))["data"]["evaluation"]["workResults"]
    assert sheet[0]["indicators"][0]["realizations"] == [{"value": "100", "evidenceCount": 1}]
