"""Fixtures for the acceptance tests of issue 3: the people of ``small_org`` (plus a unit manager
of another unit), one logged-in HTTP client per person, the owner's data for the authorisation
matrix (built with the ORM: the matrix is about who may act, not about how the data came to be),
and a fingerprint of the database to prove that a refused request changed nothing."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from starlette.applications import Starlette
from strawberry.types.base import get_object_definition
from strawberry.utils.str_converters import to_camel_case

from server import clock
from server.config import Settings
from server.db.engine import Database
from server.db.models import (
    ActionPlan,
    AppraisalPeriod,
    AssessorOverrideProposal,
    Evidence,
    Feedback,
    FeedbackPhrase,
    Indicator,
    OrgGoal,
    PerformanceDialogue,
    PerformancePlan,
    PlanVersion,
    Realization,
    StoredFile,
    WorkLogEntry,
    WorkResult,
)
from server.domain.audit_actions import AuditAction
from server.domain.enums import (
    ActingKind,
    Approach,
    EvidenceKind,
    FeedbackTarget,
    IndicatorAspect,
    PlanStatus,
    ProposalStatus,
    RealizationStatus,
    Role,
    WorkResultKind,
)
from server.services.actor import system_actor
from server.services.audit import record_event
from server.services.planning.snapshots import plan_content
from server.storage.evidence_store import EvidenceStore
from tests.builders import create_year
from tests.conftest import SmallOrg, add_login, gql, login


def acceptance_year(today: date | None = None) -> int:
    """A year whose first quarter lies wholly in the past (the work log refuses future dates)."""
    today = today or clock.today()
    return today.year if today.month > 3 else today.year - 1


YEAR = acceptance_year()

# Every kind of person the matrix runs as, seen from the owner's (staf's) SKP.
ROLES: dict[str, str] = {
    "staf": "pegawai pemilik SKP",
    "kabid": "Pejabat Penilai",
    "kadis": "atasan Pejabat Penilai",
    "staf2": "rekan kerja (penilai yang sama)",
    "manager": "pengelola kinerja unit pegawai (DINAS)",
    "manager2": "pengelola kinerja unit lain (DINAS2)",
    "hradmin": "Admin BKPSDM",
    "auditor": "auditor",
    "sysadmin": "admin sistem",
    "walikota": "Wali Kota (Kepala Daerah, bukan pegawai): menilai Sekda saja",
}

# What a refusal may say: whether someone else's data exists is itself not for everyone.
REFUSAL_CODES = {"FORBIDDEN", "NOT_FOUND"}


def operation_field(document: str) -> str:
    """The top-level field of a one-operation document (``submitPlan`` in
    ``mutation(...) { submitPlan(...) {...} }``)."""
    return document.split("{", 2)[1].split("(", 1)[0].strip()


def payload_went_through(body: dict[str, Any], field: str) -> bool:
    """A payload mutation's answer: True when it went through, False when refused with a refusal
    code; anything else fails the test."""
    assert "errors" not in body, body
    payload = body["data"][field]
    if payload["errors"]:
        assert payload["result"] is None, payload
        codes = {e["code"] for e in payload["errors"]}
        assert codes <= REFUSAL_CODES, payload
        return False
    assert payload["result"] is not None, payload
    return True


def query_refused(body: dict[str, Any]) -> bool:
    """A query's answer is an error with a refusal code (any other error fails the test)."""
    if body.get("errors"):
        codes = {e.get("extensions", {}).get("code") for e in body["errors"]}
        assert codes <= REFUSAL_CODES, body
        return True
    return False


def assert_verdict(
    operation: str,
    role: str,
    allowed_roles: frozenset[str],
    permitted: bool,
    writes: bool,
    changed: list[str],
) -> None:
    """One cell of an authorization matrix: allowed or refused as the table (``allowed_roles``)
    says; an allowed write leaves an audit event, anything else (a refusal, a read) changes no
    table at all."""
    expected = role in allowed_roles
    assert permitted is expected, (
        f"{operation} as {role} ({ROLES[role]}): expected "
        f"{'allowed' if expected else 'refused'}, got {'allowed' if permitted else 'refused'}"
    )
    if permitted and writes:
        assert "audit_event" in changed, changed  # every write is audited
    else:
        assert changed == [], f"{operation} as {role} changed {changed}"


def mutation_names(*types: type) -> set[str]:
    """The GraphQL names of the mutations the given Strawberry types declare."""
    return {
        to_camel_case(f.python_name)
        for t in types
        for f in get_object_definition(t, strict=True).fields
    }


def sample_pdf(tag: str) -> bytes:
    """A tiny valid PDF; ``tag`` makes its content (and so its SHA-256) unique."""
    return (
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
        b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
        + f"% bukti {tag}\n".encode()
        + b"trailer << /Root 1 0 R >>\n%%EOF\n"
    )


@pytest.fixture
async def manager2(db: Database, small_org: SmallOrg) -> int:
    """A pengelola kinerja of DINAS2: a unit manager, but not of the owner's unit."""
    return await add_login(
        db, "manager2", Role.UNIT_MANAGER, managed_unit_id=small_org.ids["DINAS2"]
    )


class Users:
    """One logged-in client per person (each with its own cookie jar), opened on first use."""

    def __init__(self, app: Starlette) -> None:
        self._app = app
        self._clients: dict[str, httpx.AsyncClient] = {}

    async def client(self, user: str) -> httpx.AsyncClient:
        if user not in self._clients:
            transport = httpx.ASGITransport(app=self._app, client=("10.1.2.3", 5555))
            c = httpx.AsyncClient(transport=transport, base_url="http://testserver")
            response = await login(c, user)
            assert response.status_code == 200, response.text
            self._clients[user] = c
        return self._clients[user]

    async def query(
        self, user: str, query: str, variables: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """The ``data`` of a query that must not fail."""
        body = await gql(await self.client(user), query, variables)
        assert "errors" not in body, body
        data: dict[str, Any] = body["data"]
        return data

    async def mutate(
        self, user: str, query: str, variables: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """The payload (``{result, errors}``) of a single-field mutation."""
        data = await self.query(user, query, variables)
        (payload,) = data.values()
        assert isinstance(payload, dict)
        return payload

    async def ok(
        self, user: str, query: str, variables: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """The result of a mutation that must succeed."""
        payload = await self.mutate(user, query, variables)
        assert payload["errors"] == [], payload
        assert payload["result"] is not None, payload
        result: dict[str, Any] = payload["result"]
        return result

    async def ok_list(
        self, user: str, query: str, variables: dict[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        """The result of a mutation that must succeed and answers a list."""
        payload = await self.mutate(user, query, variables)
        assert payload["errors"] == [], payload
        assert isinstance(payload["result"], list), payload
        result: list[dict[str, Any]] = payload["result"]
        return result

    async def close(self) -> None:
        for c in self._clients.values():
            await c.aclose()


@pytest.fixture
async def users(app: Starlette, small_org: SmallOrg) -> AsyncIterator[Users]:
    found = Users(app)
    yield found
    await found.close()


# --- "nothing changed" -------------------------------------------------------------------

# Signing in writes a session (and an audit event, before the fingerprint is taken); nothing
# else may change when a request is refused.


# --- the owner's data for the authorisation matrix ---------------------------------------


@dataclass
class World:
    """staf's SKP (set by kabid) with everything documented against it, and its neighbours.

    - ``plan``: staf's SKP, DITETAPKAN, penilai kabid (KASI is vacant), atasan penilai kadis;
      RHK ``rhk`` (utama, IKIs ``iki`` and ``spare_iki``) and ``rhk2`` (tambahan, IKI
      ``iki2``, nothing documented against it) both intervene kabid's ``kabid_rhk``;
    - in month 2: realisasi ``realization`` (USULAN) with a link ``link_evidence`` and a file
      ``file_evidence``; work-log entry ``entry`` (IKI ``iki``); rencana aksi ``action_plan``;
    - kabid's feedback ``feedback`` on ``rhk``, a dialogue ``dialogue``, an active standard
      phrase ``phrase``, an organisation goal ``goal`` of BIDANG nobody references;
    - ``draft``: staf2's DRAFT SKP (RHK ``draft_rhk`` intervening ``kabid_rhk``);
    - ``next_year``: an open year without any SKP;
    - ``proposal``: manager's pending proposal that kadis2 rate staf2 (Plt), for BKPSDM.
    """

    db: Database
    org: SmallOrg
    year: int
    year_id: int
    next_year: int
    periods: list[int]  # index 0 = month 1
    kabid_plan: int
    kabid_rhk: int
    plan: int
    rhk: int
    rhk2: int
    iki: int
    spare_iki: int
    iki2: int
    realization: int
    link_evidence: int
    file_evidence: int
    file_bytes: bytes
    entry: int
    action_plan: int
    feedback: int
    dialogue: int
    phrase: int
    goal: int
    draft: int
    draft_rhk: int
    proposal: int  # manager's pending proposal: kadis2 to rate staf2 (Plt)

    def period(self, month: int) -> int:
        return self.periods[month - 1]

    def emp(self, key: str) -> int:
        return self.org.ids[f"emp:{key}"]

    async def version_of(self, plan_id: int) -> int:
        async with self.db.read() as s:
            return int(
                await s.scalar(
                    sa.select(PerformancePlan.version).where(PerformancePlan.id == plan_id)
                )
                or 0
            )

    async def realization_version(self) -> int:
        async with self.db.read() as s:
            return int(
                await s.scalar(
                    sa.select(Realization.version).where(Realization.id == self.realization)
                )
                or 0
            )

    async def close_periods(self, *months: int) -> None:
        """BKPSDM closed the evaluation of these months (all when none is named)."""
        ids = [self.period(m) for m in months] if months else self.periods
        async with self.db.write() as s:
            await s.execute(
                sa.update(AppraisalPeriod)
                .where(AppraisalPeriod.id.in_(ids))
                .values(evaluated_at=datetime(self.year + 1, 1, 15, tzinfo=UTC))
            )

    async def set_status(self, status: PlanStatus) -> None:
        """Put staf's SKP in the state an operation needs (as the workflow would leave it)."""
        async with self.db.write() as s:
            plan = await s.get(PerformancePlan, self.plan)
            assert plan is not None
            plan.status = status
            if status is PlanStatus.DITOLAK:
                plan.rejection_reason = "Target belum sesuai."
            if status in (PlanStatus.REVISI_DRAFT, PlanStatus.REVISI_DIAJUKAN):
                plan.revision_reason = "Penyesuaian target triwulan."
            if status is PlanStatus.REVISI_DIAJUKAN:
                plan.submitted_at = datetime(self.year, 2, 1, tzinfo=UTC)


def _indicator(rhk: WorkResult, text: str, ordinal: int = 0) -> Indicator:
    return Indicator(
        work_result_id=rhk.id,
        aspect=IndicatorAspect.KUANTITAS,
        text=text,
        target_value=Decimal(12),
        target_unit="dokumen",
        ordinal=ordinal,
    )


@pytest.fixture
async def world(
    db: Database, small_org: SmallOrg, manager2: int, walikota: int, settings: Settings
) -> World:
    ids = small_org.ids
    pdf = sample_pdf("matriks")
    store = EvidenceStore(settings.evidence_dir)

    async def chunks() -> AsyncIterator[bytes]:
        yield pdf

    stored = await store.receive(chunks(), len(pdf))
    await store.commit(stored)
    set_at = datetime(YEAR, 1, 20, tzinfo=UTC)
    async with db.write() as s:
        year, period_ids = await create_year(s, YEAR, realization_due_days=10)
        await create_year(s, YEAR + 1, realization_due_days=10)
        feb_id = period_ids[1]

        kabid_plan = PerformancePlan(
            employee_id=ids["emp:kabid"],
            year_id=year.id,
            approach=Approach.KUANTITATIF,
            status=PlanStatus.DITETAPKAN,
            assessor_employee_id=ids["emp:kadis"],
            submitted_at=set_at,
            approved_at=set_at,
        )
        plan = PerformancePlan(
            employee_id=ids["emp:staf"],
            year_id=year.id,
            approach=Approach.KUANTITATIF,
            status=PlanStatus.DITETAPKAN,
            assessor_employee_id=ids["emp:kabid"],
            submitted_at=set_at,
            approved_at=set_at,
        )
        draft = PerformancePlan(
            employee_id=ids["emp:staf2"],
            year_id=year.id,
            approach=Approach.KUANTITATIF,
            status=PlanStatus.DRAFT,
        )
        s.add_all([kabid_plan, plan, draft])
        await s.flush()
        kabid_rhk = WorkResult(
            plan_id=kabid_plan.id, kind=WorkResultKind.UTAMA, text="Tertatanya arsip bidang"
        )
        s.add(kabid_rhk)
        await s.flush()
        rhk = WorkResult(
            plan_id=plan.id,
            kind=WorkResultKind.UTAMA,
            text="Tertatanya arsip seksi",
            parent_id=kabid_rhk.id,
            ordinal=0,
        )
        rhk2 = WorkResult(
            plan_id=plan.id,
            kind=WorkResultKind.TAMBAHAN,
            text="Terselenggaranya pelatihan arsip",
            parent_id=kabid_rhk.id,
            ordinal=1,
        )
        draft_rhk = WorkResult(
            plan_id=draft.id,
            kind=WorkResultKind.UTAMA,
            text="Terlayaninya peminjaman arsip",
            parent_id=kabid_rhk.id,
        )
        s.add_all([rhk, rhk2, draft_rhk])
        await s.flush()
        iki = _indicator(rhk, "Jumlah boks arsip ditata")
        spare_iki = _indicator(rhk, "Jumlah daftar arsip disusun", 1)
        iki2 = _indicator(rhk2, "Jumlah pelatihan diselenggarakan")
        s.add_all(
            [
                _indicator(kabid_rhk, "Persentase arsip tertata"),
                iki,
                spare_iki,
                iki2,
                _indicator(draft_rhk, "Jumlah layanan peminjaman"),
            ]
        )
        await s.flush()
        # The set version, as approvePlan would have frozen it.
        s.add(
            PlanVersion(
                plan_id=plan.id,
                revision=0,
                content=await plan_content(s, plan),
                approved_at=set_at,
                approved_by_employee_id=ids["emp:kabid"],
            )
        )
        realization = Realization(
            indicator_id=iki.id,
            period_id=feb_id,
            value=Decimal(3),
            description="Usulan dari catatan kerja",
            status=RealizationStatus.USULAN,
        )
        s.add(realization)
        await s.flush()
        s.add(StoredFile(sha256=stored.sha256, size=stored.size, media_type="application/pdf"))
        await s.flush()
        link_evidence = Evidence(
            realization_id=realization.id,
            kind=EvidenceKind.LINK,
            url="https://arsip.salatiga.go.id/bukti/1",
            title="Foto boks arsip",
            added_by_employee_id=ids["emp:staf"],
        )
        file_evidence = Evidence(
            realization_id=realization.id,
            kind=EvidenceKind.FILE,
            sha256=stored.sha256,
            original_name="berita-acara.pdf",
            added_by_employee_id=ids["emp:staf"],
        )
        entry = WorkLogEntry(
            employee_id=ids["emp:staf"],
            plan_id=plan.id,
            work_result_id=rhk.id,
            indicator_id=iki.id,
            work_date=date(YEAR, 2, 10),
            text="Menata 2 boks arsip",
            minutes_spent=90,
            quantity=Decimal(2),
        )
        action_plan = ActionPlan(
            work_result_id=rhk.id, period_id=feb_id, text="Menata arsip gudang timur"
        )
        phrase = FeedbackPhrase(text="Pertahankan kinerja yang baik.")
        goal = OrgGoal(unit_id=ids["BIDANG"], year_id=year.id, text="Meningkatnya tertib arsip")
        s.add_all([link_evidence, file_evidence, entry, action_plan, phrase, goal])
        await s.flush()
        feedback = Feedback(
            plan_id=plan.id,
            target=FeedbackTarget.RHK,
            target_id=rhk.id,
            author_employee_id=ids["emp:kabid"],
            text="Mohon lampirkan daftar boks yang ditata.",
        )
        dialogue = PerformanceDialogue(
            plan_id=plan.id,
            held_on=date(YEAR, 2, 20),
            participants={"employee_ids": [ids["emp:kabid"], ids["emp:staf"]], "guests": []},
            summary="Membahas capaian Februari.",
            recorded_by_employee_id=ids["emp:kabid"],
        )
        proposal = AssessorOverrideProposal(
            position_id=ids["STAF2"],
            assessor_employee_id=ids["emp:kadis2"],
            acting_kind=ActingKind.PLT,
            reason="Kabid cuti panjang",
            valid_from=date(YEAR, 6, 1),
            status=ProposalStatus.DIAJUKAN,
            proposed_by_account_id=ids["acc:manager"],
        )
        s.add_all([feedback, dialogue, proposal])
        await s.flush()
        # An audit trail to read back (the ORM writes above are not audited themselves).
        await record_event(
            s,
            system_actor("test"),
            AuditAction.PLAN_APPROVE,
            "performance_plan",
            plan.id,
            after={"status": "DITETAPKAN"},
        )
        return World(
            db=db,
            org=small_org,
            year=YEAR,
            year_id=year.id,
            next_year=YEAR + 1,
            periods=period_ids,
            kabid_plan=kabid_plan.id,
            kabid_rhk=kabid_rhk.id,
            plan=plan.id,
            rhk=rhk.id,
            rhk2=rhk2.id,
            iki=iki.id,
            spare_iki=spare_iki.id,
            iki2=iki2.id,
            realization=realization.id,
            link_evidence=link_evidence.id,
            file_evidence=file_evidence.id,
            file_bytes=pdf,
            entry=entry.id,
            action_plan=action_plan.id,
            feedback=feedback.id,
            dialogue=dialogue.id,
            phrase=phrase.id,
            goal=goal.id,
            draft=draft.id,
            draft_rhk=draft_rhk.id,
            proposal=proposal.id,
        )


ERR = "errors { code field message }"
SET = f"""mutation($i: SetAssessorOverrideInput!) {{ setAssessorOverride(input: $i) {{
  result {{ code }} {ERR} }} }}"""


def override(org: SmallOrg, position: str, assessor: str, **extra: Any) -> dict[str, Any]:
    return {
        "positionId": str(org.ids[position]),
        "assessorEmployeeId": str(org.ids[f"emp:{assessor}"]),
        "actingKind": "PLT",
        "reason": "Pejabat definitif cuti panjang",
        "validFrom": "2024-06-01",
        **extra,
    }
