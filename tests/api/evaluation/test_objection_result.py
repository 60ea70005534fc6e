"""``apply_objection_result``: a keberatan decided "result changed" rewrites the ratings and the
predicate (matrix in force at the end of the period), keeps every earlier line of the
explanation, appends the decision, and is audited; a draft or an empty reason is refused and
changes nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa

from server.db.engine import Database
from server.db.models import AuditEvent, Evaluation
from server.domain import evaluation as policy
from server.domain.enums import EvaluationKind, EvaluationStatus, Predicate, Rating
from server.services.actor import Actor
from server.services.errors import ErrorCode, ServiceError
from server.services.evaluation.evaluations import apply_objection_result
from tests.api.evaluation.conftest import FINALISE, EvalFixture, confirm, judge, ok, start
from tests.conftest import ClientFactory, SmallOrg, mutate

R = Rating
A, S, B = R.DI_ATAS_EKSPEKTASI, R.SESUAI_EKSPEKTASI, R.DI_BAWAH_EKSPEKTASI
EARLIER = "Target melampaui rencana"


def _kadis(small_org: SmallOrg) -> Actor:
    """The Atasan Pejabat Penilai of staf, who decides the objection."""
    return Actor(
        account_id=small_org.ids["acc:kadis"],
        login="kadis",
        employee_id=small_org.ids["emp:kadis"],
    )


async def _set(client_for: ClientFactory, ev: EvalFixture, month: int) -> int:
    """staf's evaluation of ``month``, set with an override (Di Atas × Sesuai → Baik)."""
    kabid = await client_for("kabid")
    e = ok(await start(kabid, ev.plan, ev.period(month)))
    ok(await judge(kabid, e["id"], [(ev.rhk[0], S.value), (ev.rhk[1], S.value)], S.value))
    ok(await confirm(kabid, e["id"], resultRating=A.value, resultOverrideReason=EARLIER))
    done = ok(await mutate(kabid, FINALISE, {"id": e["id"]}))
    assert done["predicate"] == "BAIK"
    return int(e["id"])


async def _apply(db: Database, evaluation_id: int, actor: Actor, **kw: Any) -> Evaluation:
    async with db.write() as session:
        row = await session.get(Evaluation, evaluation_id)
        assert row is not None
        await apply_objection_result(session, row, actor=actor, **kw)
    async with db.read() as session:  # what was stored, not what is in memory
        stored = await session.get(Evaluation, evaluation_id)
        assert stored is not None
        return stored


async def _objection_events(db: Database) -> list[AuditEvent]:
    async with db.read() as s:
        return list(
            await s.scalars(
                sa.select(AuditEvent)
                .where(AuditEvent.action == "evaluation.objection_applied")
                .order_by(AuditEvent.seq)
            )
        )


@pytest.mark.parametrize(
    ("result", "behavior", "predicate"),
    [
        (B, S, Predicate.BUTUH_PERBAIKAN),
        (A, A, Predicate.SANGAT_BAIK),
        (S, B, Predicate.KURANG),
        (B, B, Predicate.SANGAT_KURANG),
    ],
)
async def test_new_ratings_give_the_matrix_predicate_and_are_explained(
    client_for: ClientFactory,
    ev: EvalFixture,
    db: Database,
    small_org: SmallOrg,
    result: Rating,
    behavior: Rating,
    predicate: Predicate,
) -> None:
    eid = await _set(client_for, ev, 1)
    async with db.read() as s:
        before = await s.get(Evaluation, eid)
        assert before is not None
        assert isinstance(before.explanation, dict)
        earlier: dict[str, Any] = dict(before.explanation)
    row = await _apply(
        db,
        eid,
        _kadis(small_org),
        result_rating=result,
        behavior_rating=behavior,
        reason="  Bukti baru dari pegawai  ",
    )
    assert (row.result_rating, row.behavior_rating, row.predicate) == (result, behavior, predicate)
    assert row.status is EvaluationStatus.DITETAPKAN  # the status stays as it was
    explanation = row.explanation
    assert isinstance(explanation, dict)
    assert explanation["inputs"] == earlier["inputs"]
    assert explanation["rules_applied"] == earlier["rules_applied"]
    assert explanation["sources"] == earlier["sources"]
    *kept, last = explanation["overrides"]
    assert kept == earlier["overrides"]
    assert any(EARLIER in line for line in kept)  # the assessor's override is not erased
    assert last.startswith("Keputusan keberatan oleh Atasan Pejabat Penilai")
    assert policy.RATING_LABELS[result] in last
    assert policy.PREDICATE_LABELS[predicate] in last
    assert "predikat Baik →" in last
    assert last.endswith("Alasan: Bukti baru dari pegawai")
    (event,) = await _objection_events(db)
    assert isinstance(event.before, dict)
    assert isinstance(event.after, dict)
    assert event.actor_account_id == small_org.ids["acc:kadis"]
    assert (event.object_type, event.object_id) == ("evaluation", str(eid))
    assert event.before["predicate"] == "BAIK"
    assert event.after["predicate"] == predicate.value
    assert event.after["result_rating"] == result.value
    assert event.after["reason"] == "Bukti baru dari pegawai"


async def test_the_matrix_in_force_at_the_end_of_the_period_applies(
    client_for: ClientFactory,
    ev: EvalFixture,
    db: Database,
    small_org: SmallOrg,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A (hypothetical) matrix from 1 February 2025 rates B × S as Kurang: Bulan 1 (ending
    31 January) keeps the 2022 matrix, Bulan 2 gets the new one, the annual one too."""
    later = replace(
        policy.MATRIX_2022,
        effective_from=date(2025, 2, 1),
        source="Uji",
        cells={**policy.MATRIX_2022.cells, (B, S): Predicate.KURANG},
    )
    monkeypatch.setattr(policy, "MATRICES", (policy.MATRIX_2022, later))
    jan, feb = await _set(client_for, ev, 1), await _set(client_for, ev, 2)
    async with db.write() as s:
        annual = Evaluation(
            plan_id=ev.plan,
            kind=EvaluationKind.TAHUNAN,
            period_id=None,
            status=EvaluationStatus.DITERIMA,
            result_rating=S,
            behavior_rating=S,
            predicate=Predicate.BAIK,
            explanation=None,  # an explanation missing altogether is started afresh
        )
        s.add(annual)
        await s.flush()
        annual_id = annual.id
    kadis = _kadis(small_org)
    got = {}
    for eid in (jan, feb, annual_id):
        row = await _apply(
            db, eid, kadis, result_rating=B, behavior_rating=S, reason="Keputusan atasan"
        )
        got[eid] = row.predicate
        if eid == annual_id:
            assert row.status is EvaluationStatus.DITERIMA
            assert isinstance(row.explanation, dict)
            assert len(row.explanation["overrides"]) == 1
    assert got == {
        jan: Predicate.BUTUH_PERBAIKAN,
        feb: Predicate.KURANG,
        annual_id: Predicate.KURANG,
    }


@pytest.mark.parametrize(
    ("case", "code", "field"),
    [
        ("draft", ErrorCode.INVALID_STATE, None),
        ("empty", ErrorCode.INVALID_INPUT, "reason"),
        ("blank", ErrorCode.INVALID_INPUT, "reason"),
        ("control", ErrorCode.INVALID_INPUT, "reason"),
        ("too_long", ErrorCode.INVALID_INPUT, "reason"),
    ],
)
async def test_refusals_change_nothing(
    client_for: ClientFactory,
    ev: EvalFixture,
    db: Database,
    small_org: SmallOrg,
    case: str,
    code: ErrorCode,
    field: str | None,
) -> None:
    if case == "draft":
        kabid = await client_for("kabid")
        eid = int(ok(await start(kabid, ev.plan, ev.period(1)))["id"])
    else:
        eid = await _set(client_for, ev, 1)
    reason = {
        "draft": "Alasan",
        "empty": "",
        "blank": "  \n ",
        "control": "Alasan\x00",
        "too_long": "x" * 2001,
    }[case]
    async with db.read() as s:
        row = await s.get(Evaluation, eid)
        assert row is not None
        snapshot = (row.status, row.result_rating, row.predicate, row.explanation, row.version)
    with pytest.raises(ServiceError) as raised:
        await _apply(db, eid, _kadis(small_org), result_rating=B, behavior_rating=B, reason=reason)
    assert raised.value.code is code
    if field is not None:
        assert raised.value.field == field
    async with db.read() as s:
        row = await s.get(Evaluation, eid)
        assert row is not None
        assert (
            row.status,
            row.result_rating,
            row.predicate,
            row.explanation,
            row.version,
        ) == snapshot
    assert await _objection_events(db) == []
