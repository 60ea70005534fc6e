"""seed-demo: the demo employee sees a recent Butuh Perbaikan result inside the keberatan
window and can object; the demo Kepala Bidang (his Atasan Pejabat Penilai) has it to decide;
after the window the filing is refused with the deadline named."""

from __future__ import annotations

from datetime import date, timedelta

import httpx
import pytest
from starlette.applications import Starlette

from server import clock
from server.config import Settings
from server.db.engine import Database
from server.demo import generate_city
from server.demo.accounts import DEMO_PASSWORD
from server.demo.performance import demo_cast, generate_performance
from server.demo.seed import load_demo_city
from server.demo.seed_performance import load_demo_performance
from server.demo.seed_recent_result import RecentResult, stage_recent_result
from server.services.actor import system_actor
from server.storage.evidence_store import EvidenceStore
from tests.conftest import gql, login

TODAY = date(2026, 6, 20)  # January to May have ended: the result is for Bulan 5
EMPLOYEES = 400

AGENDA = """{ myAgenda { myResults { evaluationId predicate status objectionDeadline
  objectionLink link } objectionsToDecide { objectionId employeeName } } }"""
READ = """query($id: ID!) { evaluation(id: $id) { predicate status objectionFilingDeadline
  period { number } workResults { rating } behaviors { rating } explanation { sources } } }"""
FILE = """mutation($input: FileObjectionInput!) { fileObjection(input: $input) {
  result { id status filingDeadline decisionDeadline } errors { field code message } } }"""


@pytest.fixture
async def staged(db: Database, settings: Settings) -> tuple[RecentResult, str, str]:
    city = generate_city(seed=3373, employees=EMPLOYEES, today=TODAY)
    actor = system_actor("test-demo")
    await load_demo_city(db, city, actor)
    await load_demo_performance(
        db,
        city,
        generate_performance(city, seed=3373, today=TODAY),
        actor,
        EvidenceStore(settings.evidence_dir),
    )
    with clock.frozen(clock.at(TODAY, 8)):
        recent = await stage_recent_result(db, city, today=TODAY)
    assert recent is not None
    cast = demo_cast(city)
    kabid = next(a.login for a in city.accounts if a.description.startswith("Kepala Bidang"))
    return recent, cast.pelaksana, kabid


async def _client(app: Starlette, user: str) -> httpx.AsyncClient:
    c = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver")
    assert (await login(c, user, DEMO_PASSWORD)).status_code == 200
    return c


async def test_the_demo_employee_sees_a_recent_low_result_and_may_object(
    app: Starlette, staged: tuple[RecentResult, str, str]
) -> None:
    recent, employee, kabid = staged
    assert recent.period_number == 5
    assert recent.objection_deadline == TODAY + timedelta(days=14)
    with clock.frozen(clock.at(TODAY + timedelta(days=2), 9)):
        me = await _client(app, employee)
        agenda = (await gql(me, AGENDA))["data"]["myAgenda"]
        mine = [r for r in agenda["myResults"] if r["evaluationId"] == str(recent.evaluation_id)]
        assert len(mine) == 1
        assert mine[0]["predicate"] == "BUTUH_PERBAIKAN"
        assert mine[0]["status"] == "DITETAPKAN"
        assert mine[0]["objectionDeadline"] == recent.objection_deadline.isoformat()
        assert mine[0]["link"] == f"/portal/penilaian/{recent.evaluation_id}"
        assert mine[0]["objectionLink"] == f"/portal/penilaian/{recent.evaluation_id}/keberatan"
        ev = (await gql(me, READ, {"id": str(recent.evaluation_id)}))["data"]["evaluation"]
        assert ev["predicate"] == "BUTUH_PERBAIKAN"
        assert all(w["rating"] == "DI_BAWAH_EKSPEKTASI" for w in ev["workResults"])
        assert all(b["rating"] == "SESUAI_EKSPEKTASI" for b in ev["behaviors"])
        doc = (await me.get(f"/api/evaluations/{recent.evaluation_id}/document")).text
        assert "Butuh Perbaikan" in doc
        assert "belum dinilai" not in doc
        filed = await gql(
            me,
            FILE,
            {
                "input": {
                    "evaluationId": str(recent.evaluation_id),
                    "reasons": "Target bulan ini tertunda karena server aplikasi rusak selama "
                    "dua minggu; bukti berita acara terlampir.",
                }
            },
        )
        payload = filed["data"]["fileObjection"]
        assert payload["errors"] == []
        assert payload["result"]["status"] == "DIAJUKAN"
        boss = await _client(app, kabid)
        to_decide = (await gql(boss, AGENDA))["data"]["myAgenda"]["objectionsToDecide"]
        assert payload["result"]["id"] in [o["objectionId"] for o in to_decide]
        await me.aclose()
        await boss.aclose()


async def test_after_the_window_the_filing_is_refused_with_its_deadline(
    app: Starlette, staged: tuple[RecentResult, str, str]
) -> None:
    recent, employee, _ = staged
    with clock.frozen(clock.at(recent.objection_deadline + timedelta(days=1), 9)):
        me = await _client(app, employee)
        filed = await gql(
            me,
            FILE,
            {"input": {"evaluationId": str(recent.evaluation_id), "reasons": "Terlambat sekali."}},
        )
        payload = filed["data"]["fileObjection"]
        assert payload["result"] is None
        assert payload["errors"][0]["code"] == "INVALID_STATE"
        assert f"{recent.objection_deadline:%d-%m-%Y}" in payload["errors"][0]["message"]
        await me.aclose()
