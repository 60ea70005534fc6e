"""Keberatan: the filing window on both sides of the boundary, the decider, a changed result,
finality, authorisation by role, notifications, counts for publication, hostile input."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from server import clock
from server.db.models import Notification, Objection
from server.domain.deadlines import ObjectionPolicy
from server.domain.enums import ObjectionStatus, Predicate, Rating, Role
from server.services.errors import ErrorCode, ServiceError
from server.services.evaluation import objections
from tests.conftest import ClientFactory, add_login, audit_actions, error_codes, mutate
from tests.rated_world import Cal

P = Predicate
FILE = """
mutation($input: FileObjectionInput!) {
  fileObjection(input: $input) {
    result { id status filingDeadline decisionDeadline overdue reasons version
             decider { name } filedBy { name } }
    errors { code field message }
  }
}"""
DECIDE = """
mutation($input: DecideObjectionInput!) {
  decideObjection(input: $input) {
    result { id status previousResult decisionNote employeeExplanation assessorExplanation }
    errors { code field message }
  }
}"""
EXPLAIN = """
mutation($input: ObjectionExplanationsInput!) {
  recordObjectionExplanations(input: $input) {
    result { id version employeeExplanation assessorExplanation }
    errors { code field message }
  }
}"""
READ = "query($id: ID!) { objection(id: $id) { id status overdue } }"
READ_DECIDE = """mutation($id: ID!) { decideObjection(input: {id: $id, decision: DITOLAK,
  note: "Tetap."}) { result { id } errors { code field message } } }"""


def _now() -> datetime:
    return clock.now()


async def _file(client: Any, evaluation_id: int, **extra: Any) -> dict[str, Any]:
    data = {"evaluationId": str(evaluation_id), "reasons": "Capaian RHK 1 tidak dihitung.", **extra}
    return await mutate(client, FILE, {"input": data})


@pytest.mark.parametrize(
    ("days_after", "allowed"), [(0, True), (13, True), (14, True), (15, False), (40, False)]
)
async def test_filing_window_boundary(cal: Cal, days_after: int, allowed: bool) -> None:
    # Set at 23:30 WIB on 1 July (16:30 UTC): the day counted is the local one.
    evaluation = await cal.evaluate(
        "staf", P.BAIK, finalised_at=datetime(2026, 7, 1, 16, 30, tzinfo=UTC)
    )
    today = date(2026, 7, 1) + timedelta(days=days_after)
    call = objections.file_objection(
        cal.db, cal.actor("staf"), evaluation_id=evaluation, reasons="Alasan keberatan", today=today
    )
    if allowed:
        row = await call
        assert row.filing_deadline == date(2026, 7, 15)
        assert row.decision_deadline == today + timedelta(days=14)
    else:
        with pytest.raises(ServiceError) as caught:
            await call
        assert caught.value.code is ErrorCode.INVALID_STATE
        assert "berakhir pada 15-07-2026" in caught.value.message
        assert "14 hari" in caught.value.message


async def test_configured_window(cal: Cal) -> None:
    # The filing window is the one fixed when the result was set (7 days); the policy at
    # filing time gives only the decision window (its filing days no longer matter).
    evaluation = await cal.evaluate(
        "staf",
        P.BAIK,
        finalised_at=datetime(2026, 7, 1, 3, tzinfo=UTC),
        policy=ObjectionPolicy(filing_days=7, decision_days=30),
    )
    policy = ObjectionPolicy(filing_days=30, decision_days=3)
    with pytest.raises(ServiceError, match="08-07-2026"):
        await objections.file_objection(
            cal.db,
            cal.actor("staf"),
            evaluation_id=evaluation,
            reasons="Alasan",
            policy=policy,
            today=date(2026, 7, 9),
        )
    row = await objections.file_objection(
        cal.db,
        cal.actor("staf"),
        evaluation_id=evaluation,
        reasons="Alasan",
        policy=policy,
        today=date(2026, 7, 8),
    )
    assert row.decision_deadline == date(2026, 7, 11)
    assert not objections.is_overdue(row, date(2026, 7, 11))
    assert objections.is_overdue(row, date(2026, 7, 12))
    overdue = await objections.list_objections(
        cal.db, cal.actor("hradmin"), overdue_only=True, today=date(2026, 7, 12)
    )
    assert [o.id for o in overdue] == [row.id]


async def test_an_objection_that_changes_the_result(cal: Cal, client_for: ClientFactory) -> None:
    evaluation = await cal.evaluate("staf", P.BUTUH_PERBAIKAN, finalised_at=_now())
    staf, kabid, kadis = [await client_for(u) for u in ("staf", "kabid", "kadis")]
    filed = await _file(
        staf, evaluation, evidenceLinks=["https://arsip.salatiga.go.id/laporan.pdf"]
    )
    assert filed["errors"] == [], filed
    objection = filed["result"]
    assert objection["status"] == "DIAJUKAN"
    assert objection["decider"] == {"name": "Pegawai Kadis"}  # the Atasan Pejabat Penilai
    assert "https://arsip.salatiga.go.id/laporan.pdf" in objection["reasons"]
    oid = objection["id"]

    # One objection per evaluation.
    assert error_codes(await _file(staf, evaluation)) == ["DUPLICATE"]
    # The Pejabat Penilai reads it but does not decide.
    decision = {
        "id": oid,
        "decision": "DIUBAH",
        "note": "Bukti capaian RHK 1 sah.",
        "resultRating": "SESUAI_EKSPEKTASI",
        "behaviorRating": "SESUAI_EKSPEKTASI",
    }
    assert error_codes(await mutate(kabid, DECIDE, {"input": decision})) == ["FORBIDDEN"]
    # Both sides' explanations first.
    assert error_codes(await mutate(kadis, DECIDE, {"input": decision}))[0] == "INVALID_INPUT"
    explained = await mutate(
        kadis,
        EXPLAIN,
        {
            "input": {
                "id": oid,
                "employeeExplanation": "Laporan terlambat diunggah.",
                "assessorExplanation": "Laporan belum ada saat menilai.",
                "version": 1,
            }
        },
    )
    assert explained["errors"] == []
    assert explained["result"]["version"] == 2
    stale = await mutate(kadis, DECIDE, {"input": {**decision, "version": 1}})
    assert error_codes(stale) == ["CONFLICT"]
    decided = await mutate(kadis, DECIDE, {"input": {**decision, "version": 2}})
    assert decided["errors"] == [], decided
    assert decided["result"]["status"] == "DIUBAH"
    assert decided["result"]["previousResult"] == {
        "result_rating": "DI_BAWAH_EKSPEKTASI",
        "behavior_rating": "SESUAI_EKSPEKTASI",
        "predicate": "BUTUH_PERBAIKAN",
    }
    row = await cal.evaluation(evaluation)
    assert row.predicate is P.BAIK  # recomputed by the matrix

    # Final: no second decision, no second objection.
    again = await mutate(kadis, DECIDE, {"input": {"id": oid, "decision": "DITOLAK", "note": "x"}})
    assert error_codes(again) == ["INVALID_STATE"]
    assert error_codes(await _file(staf, evaluation)) == ["DUPLICATE"]

    async with cal.db.read() as s:
        notes = (await s.execute(sa.select(Notification.employee_id, Notification.kind))).all()
    assert set(notes) == {
        (cal.emp("kadis"), "KEBERATAN_DIAJUKAN"),
        (cal.emp("staf"), "KEBERATAN_DIPUTUS"),
    }
    actions = await audit_actions(cal.db)
    for action in ("objection.file", "objection.explanations", "objection.decide"):
        assert actions.count(action) == 1
    assert "evaluation.objection_applied" in actions


async def test_rejected_objection_keeps_the_result(cal: Cal) -> None:
    evaluation = await cal.evaluate("staf", P.KURANG, finalised_at=_now())
    row = await objections.file_objection(
        cal.db, cal.actor("staf"), evaluation_id=evaluation, reasons="Alasan"
    )
    with pytest.raises(ServiceError) as same:
        await objections.decide_objection(
            cal.db,
            cal.actor("kadis"),
            objection_id=row.id,
            decision=ObjectionStatus.DIUBAH,
            note="Tetap",
            result_rating=RATING_S,
            behavior_rating=RATING_B,
            employee_explanation="a",
            assessor_explanation="b",
        )
    assert same.value.code is ErrorCode.INVALID_INPUT  # same ratings: that is a rejection
    decided = await objections.decide_objection(
        cal.db,
        cal.actor("kadis"),
        objection_id=row.id,
        decision=ObjectionStatus.DITOLAK,
        note="Perilaku tidak sesuai terbukti.",
        employee_explanation="a",
        assessor_explanation="b",
    )
    assert decided.status is ObjectionStatus.DITOLAK
    assert decided.previous_result is None
    assert (await cal.evaluation(evaluation)).predicate is P.KURANG


RATING_S = Rating.SESUAI_EKSPEKTASI
RATING_B = Rating.DI_BAWAH_EKSPEKTASI


@pytest.mark.parametrize(
    ("user", "file_code", "read"),
    [
        ("staf", None, True),  # the pegawai
        ("kabid", "NOT_FOUND", True),  # Pejabat Penilai
        ("kadis", "NOT_FOUND", True),  # Atasan Pejabat Penilai (decider)
        ("staf2", "NOT_FOUND", False),  # colleague
        ("manager", "NOT_FOUND", True),  # pengelola kinerja of DINAS
        ("hradmin", "NOT_FOUND", True),
        ("auditor", "NOT_FOUND", True),
        ("sysadmin", "NOT_FOUND", False),
    ],
)
async def test_objection_authorisation(
    cal: Cal, client_for: ClientFactory, user: str, file_code: str | None, read: bool
) -> None:
    evaluation = await cal.evaluate("staf", P.BAIK, finalised_at=_now())
    client = await client_for(user)
    payload = await _file(client, evaluation)
    assert (error_codes(payload)[0] if payload["errors"] else None) == file_code
    if file_code is not None:
        await objections.file_objection(
            cal.db, cal.actor("staf"), evaluation_id=evaluation, reasons="Alasan"
        )
    async with cal.db.read() as s:
        oid = await s.scalar(sa.select(Objection.id))
    from tests.conftest import gql

    body = await gql(client, READ, {"id": str(oid)})
    assert ("errors" not in body) is read, body
    listed = await gql(client, "{ objections { id } }")
    assert len(listed["data"]["objections"]) == (1 if read else 0)


async def test_no_atasan_pejabat_penilai_is_a_clear_error(cal: Cal) -> None:
    """kadis → sekda → nobody, and no Kepala Daerah account in the data."""
    evaluation = await cal.evaluate("kadis", P.BAIK, finalised_at=_now())  # kadis → sekda → none
    with pytest.raises(ServiceError) as caught:
        await objections.file_objection(
            cal.db, cal.actor("kadis"), evaluation_id=evaluation, reasons="Alasan"
        )
    assert caught.value.code is ErrorCode.INVALID_STATE
    assert "Atasan Pejabat Penilai" in caught.value.message


async def test_the_kepala_daerah_decides_where_no_atasan_pejabat_penilai_exists(
    cal: Cal, client_for: ClientFactory
) -> None:
    """Issue 8: kadis → sekda → the Wali Kota (an account, no employee) decides."""
    wali_id = await add_login(
        cal.db, "walikota", Role.KEPALA_DAERAH, managed_unit_id=cal.org.ids["PEMKOT"]
    )
    evaluation = await cal.evaluate("kadis", P.BAIK, finalised_at=_now())
    row = await objections.file_objection(
        cal.db, cal.actor("kadis"), evaluation_id=evaluation, reasons="Alasan keberatan"
    )
    assert row.decided_by_kepala_daerah
    assert row.decider_employee_id is None
    async with cal.db.read() as s:
        told = (
            await s.scalars(sa.select(Notification).where(Notification.account_id == wali_id))
        ).all()
    assert [n.kind for n in told] == ["KEBERATAN_DIAJUKAN"]
    wk = await client_for("walikota")
    explained = await mutate(
        wk,
        EXPLAIN,
        {
            "input": {
                "id": str(row.id),
                "employeeExplanation": "Capaian dinas naik.",
                "assessorExplanation": "Sesuai data triwulan.",
            }
        },
    )
    assert explained["errors"] == [], explained
    decided = await mutate(
        wk,
        DECIDE,
        {"input": {"id": str(row.id), "decision": "DITOLAK", "note": "Hasil tetap."}},
    )
    assert decided["errors"] == [], decided
    assert decided["result"]["status"] == "DITOLAK"
    # The Sekda, the assessor, reads it but does not decide.
    sekda = await client_for("sekda")
    assert error_codes(await mutate(sekda, READ_DECIDE, {"id": str(row.id)})) == ["FORBIDDEN"]


@pytest.mark.parametrize(
    "extra",
    [
        {"reasons": "   "},
        {"reasons": "alasan\x00"},
        {"reasons": "x" * 4001},
        {"evidenceLinks": ["javascript:alert(1)"]},
        {"evidenceLinks": ["https://user:pw@evil.example/"]},
        {"evidenceLinks": ["https://a.example/x y"]},
        {"evidenceLinks": ["https://a.example/"] * 11},
        {"evaluationId": "0"},
        {"evaluationId": "abc"},
        {"evaluationId": "999999"},
    ],
)
async def test_hostile_objection_input_changes_nothing(
    cal: Cal, client_for: ClientFactory, extra: dict[str, Any]
) -> None:
    evaluation = await cal.evaluate("staf", P.BAIK, finalised_at=_now())
    staf = await client_for("staf")
    payload = await _file(staf, evaluation, **extra)
    assert payload["result"] is None
    assert error_codes(payload)[0] in ("INVALID_INPUT", "NOT_FOUND")
    assert "objection.file" not in await audit_actions(cal.db)


async def test_counts_by_unit_for_publication(cal: Cal) -> None:
    today = clock.today()
    staf = await cal.evaluate("staf", P.KURANG, finalised_at=_now())
    staf2 = await cal.evaluate("staf2", P.KURANG, finalised_at=_now())
    kabid = await cal.evaluate("kabid", P.KURANG, finalised_at=_now())
    rows = {}
    for key, ev in (("staf", staf), ("staf2", staf2), ("kabid", kabid)):
        rows[key] = await objections.file_objection(
            cal.db, cal.actor(key), evaluation_id=ev, reasons="Alasan"
        )
    await objections.decide_objection(
        cal.db,
        cal.actor("kadis"),
        objection_id=rows["staf"].id,
        decision=ObjectionStatus.DIUBAH,
        note="Diubah",
        result_rating=RATING_S,
        behavior_rating=RATING_S,
        employee_explanation="a",
        assessor_explanation="b",
    )
    await objections.decide_objection(
        cal.db,
        cal.actor("kadis"),
        objection_id=rows["staf2"].id,
        decision=ObjectionStatus.DITOLAK,
        note="Ditolak",
        employee_explanation="a",
        assessor_explanation="b",
    )
    counts = await objections.objection_counts_by_unit(cal.db, today, today)
    assert counts == [
        objections.ObjectionCounts(cal.org.ids["BIDANG"], filed=3, upheld=1, rejected=1, pending=1)
    ]
    assert (
        await objections.objection_counts_by_unit(
            cal.db, today - timedelta(days=30), today - timedelta(days=1)
        )
        == []
    )
