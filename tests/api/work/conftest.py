"""Fixture SKPs for the work tests, built directly with the ORM (the planning services are
written elsewhere; these tests need only rows in the right states), and HTTP helpers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
import sqlalchemy as sa

from server.config import Settings
from server.db.engine import Database
from server.db.models import (
    AppraisalPeriod,
    Indicator,
    PerformancePlan,
    WorkResult,
)
from server.domain.enums import (
    Approach,
    IndicatorAspect,
    PlanStatus,
    WorkResultKind,
)
from server.storage.evidence_store import TEMP_DIR_NAME
from tests.builders import create_year
from tests.conftest import SmallOrg, mutate

YEAR = 2026


@dataclass
class WorkFixture:
    """staf's SKP 2026 (DITETAPKAN, penilai kabid) and staf2's DRAFT SKP.

    staf: RHK ``rhk[0]`` with IKIs ``iki[0]``, ``iki[1]``; RHK ``rhk[1]`` with IKI ``iki[2]``.
    staf2 (a colleague with the same penilai): ``draft_plan`` with ``draft_rhk`` / ``draft_iki``.
    """

    year_id: int
    periods: list[int]  # index 0 = Bulan 1
    plan: int
    rhk: list[int]
    iki: list[int]
    draft_plan: int
    draft_rhk: int
    draft_iki: int

    def period(self, month: int) -> int:
        return self.periods[month - 1]


@pytest.fixture
async def work(db: Database, small_org: SmallOrg) -> WorkFixture:
    async with db.write() as s:
        year, period_ids = await create_year(s, YEAR)
        plan = PerformancePlan(
            employee_id=small_org.ids["emp:staf"],
            year_id=year.id,
            approach=Approach.KUANTITATIF,
            status=PlanStatus.DITETAPKAN,
            assessor_employee_id=small_org.ids["emp:kabid"],
            submitted_at=datetime(YEAR, 1, 10, tzinfo=UTC),
            approved_at=datetime(YEAR, 1, 12, tzinfo=UTC),
        )
        draft = PerformancePlan(
            employee_id=small_org.ids["emp:staf2"],
            year_id=year.id,
            approach=Approach.KUANTITATIF,
            status=PlanStatus.DRAFT,
        )
        s.add_all([plan, draft])
        await s.flush()
        rhks = [
            WorkResult(plan_id=plan.id, kind=WorkResultKind.UTAMA, text="Layanan arsip", ordinal=0),
            WorkResult(plan_id=plan.id, kind=WorkResultKind.TAMBAHAN, text="Pelatihan", ordinal=1),
            WorkResult(plan_id=draft.id, kind=WorkResultKind.UTAMA, text="Draf RHK", ordinal=0),
        ]
        s.add_all(rhks)
        await s.flush()
        ikis = [
            Indicator(
                work_result_id=rhk.id,
                aspect=IndicatorAspect.KUANTITAS,
                text=text,
                target_value=Decimal(12),
                target_unit="dokumen",
                ordinal=n,
            )
            for rhk, text, n in (
                (rhks[0], "Jumlah arsip ditata", 0),
                (rhks[0], "Jumlah layanan peminjaman", 1),
                (rhks[1], "Jumlah pelatihan diikuti", 0),
                (rhks[2], "Draf IKI", 0),
            )
        ]
        s.add_all(ikis)
        await s.flush()
        return WorkFixture(
            year_id=year.id,
            periods=period_ids,
            plan=plan.id,
            rhk=[rhks[0].id, rhks[1].id],
            iki=[i.id for i in ikis[:3]],
            draft_plan=draft.id,
            draft_rhk=rhks[2].id,
            draft_iki=ikis[3].id,
        )


async def mark_evaluated(db: Database, period_id: int) -> None:
    async with db.write() as s:
        await s.execute(
            sa.update(AppraisalPeriod)
            .where(AppraisalPeriod.id == period_id)
            .values(evaluated_at=datetime(YEAR, 6, 1, tzinfo=UTC))
        )


async def count_rows(db: Database, model: Any) -> int:
    async with db.read() as s:
        return int(await s.scalar(sa.select(sa.func.count()).select_from(model)) or 0)


def stored_paths(settings: Settings) -> list[Path]:
    """Every committed evidence file (the temp directory excluded)."""
    root = settings.evidence_dir
    if not root.exists():
        return []
    return sorted(
        p for p in root.rglob("*") if p.is_file() and TEMP_DIR_NAME not in p.relative_to(root).parts
    )


def temp_paths(settings: Settings) -> list[Path]:
    temp = settings.evidence_dir / TEMP_DIR_NAME
    return sorted(p for p in temp.rglob("*") if p.is_file()) if temp.exists() else []


async def upload(
    client: httpx.AsyncClient,
    content: bytes,
    name: str = "bukti.pdf",
    *,
    csrf: bool = True,
    content_type: str = "application/octet-stream",
    encode_name: bool = True,
) -> httpx.Response:
    headers = {"Content-Type": content_type}
    if csrf:
        headers["X-Requested-With"] = "kinerja"
    headers["X-File-Name"] = quote(name, safe="") if encode_name else name
    return await client.post("/api/uploads", content=content, headers=headers)


async def upload_token(client: httpx.AsyncClient, content: bytes, name: str = "bukti.pdf") -> str:
    response = await upload(client, content, name)
    assert response.status_code == 201, response.text
    token: str = response.json()["uploadToken"]
    return token


SAVE_REALIZATION = """
mutation($input: SaveRealizationInput!) {
  saveRealization(input: $input) {
    result { id indicatorId periodId value description status version evidenceCount }
    errors { code field message }
  }
}"""

CREATE_ACTION_PLAN = """
mutation($input: CreateActionPlanInput!) {
  createActionPlan(input: $input) {
    result { id workResultId periodId text }
    errors { code field message }
  }
}"""

CREATE_WORK_LOG = """
mutation($input: CreateWorkLogEntryInput!) {
  createWorkLogEntry(input: $input) {
    result {
      id workDate text minutesSpent quantity workResultId indicatorId
      evidence { id kind name size mediaType url downloadUrl }
    }
    errors { code field message }
  }
}"""

ADD_EVIDENCE = """
mutation($input: AddEvidenceInput!) {
  addEvidence(input: $input) {
    result { id kind name title url downloadUrl }
    errors { code field message }
  }
}"""

REMOVE_EVIDENCE = """
mutation($id: ID!) {
  removeEvidence(id: $id) { result { id } errors { code field message } }
}"""


async def save_realization(
    client: httpx.AsyncClient, work: WorkFixture, *, iki: int = 0, month: int = 3, **extra: Any
) -> dict[str, Any]:
    variables = {
        "indicatorId": str(work.iki[iki]),
        "periodId": str(work.period(month)),
        "value": "4",
        "description": "Menata 4 boks arsip",
        **extra,
    }
    return await mutate(client, SAVE_REALIZATION, {"input": variables})
