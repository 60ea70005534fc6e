"""The year of a pegawai and their Pejabat Penilai, through the staff portal's UI only, with the
demo logins (issue 9's acceptance walk):

the employee drafts and submits an SKP, the Pejabat Penilai rejects it with a reason, the
employee reads it, revises and resubmits, the Pejabat Penilai approves; the employee logs work
of the month, confirms the realisasi proposed from the log and uploads evidence with a progress
bar; the Pejabat Penilai and the employee exchange feedback on it; the Pejabat Penilai evaluates
a period and finalises; the employee acknowledges the result and files a keberatan; the Atasan
Pejabat Penilai decides it.

Each walk runs on a server of its own with a freshly seeded demo (it changes the demo for good),
once in Indonesian at 1280 px and once in English on a 360 px phone. axe-core checks every page
visited and screenshots of each step are saved in tests/e2e/artifacts/ (walk-<lang>-<width>-*).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.api.work import samples
from tests.e2e.conftest import LiveServer, running_demo_server
from tests.e2e.helpers import (
    assert_accessible,
    fits_width,
    graphql,
    login_as,
    new_page,
    screenshot,
    settle,
)
from tests.e2e.steps.assessor import evaluate_period
from tests.e2e.steps.evaluation import acknowledge, decide_objection, file_objection
from tests.e2e.steps.skp import (
    approve_skp,
    draft_and_submit_skp,
    reject_skp,
    revise_and_resubmit,
    see_rejection,
)
from tests.e2e.steps.work import (
    confirm_realisation,
    feedback_exchange,
    log_work,
    open_my_work,
    propose_realisations,
    upload_evidence,
)

REJECTION = "Target IKI terlalu rendah; sesuaikan dengan target seksi."
OBJECTION = (
    "Realisasi bulan ini terhambat gangguan jaringan di kantor kelurahan; bukti terlampir pada "
    "realisasi. Mohon predikat ditinjau kembali."
)
TO_DO = "{ myAgenda { evaluationsToDo { planId periodNumber } } }"
MY_PLANS = "{ myPlans { id status year { year } } }"


@pytest.fixture
def walk_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with running_demo_server(tmp_path_factory.mktemp("walk-data")) as server:
        yield server


def _check(page: Any, shots: str, step: str) -> None:
    settle(page)
    assert_accessible(page, f"{shots} {step}")
    assert fits_width(page), f"{shots} {step}: the page scrolls sideways"
    screenshot(page, f"{shots}-{step}")


def _evaluation_to_do(assessor: Any, live_server: LiveServer, plan_id: str) -> int:
    """The earliest period of ``plan_id`` the assessor's agenda asks them to evaluate."""
    items = graphql(assessor, live_server, TO_DO)["myAgenda"]["evaluationsToDo"]
    periods = [i["periodNumber"] for i in items if i["planId"] == plan_id and i["periodNumber"]]
    assert periods, f"nothing of plan {plan_id} to evaluate: {items}"
    return int(periods[0])


@pytest.mark.parametrize(("lang", "width"), [("id", 1280), ("en", 360)])
def test_the_year_through_the_ui(
    walk_server: LiveServer, browser: Any, tmp_path: Path, lang: str, width: int
) -> None:
    live_server = walk_server
    shots = f"walk-{lang}-{width}"
    pages = [new_page(browser, width=width, lang=lang) for _ in range(3)]
    employee, assessor, atasan = pages
    try:
        login_as(employee, live_server, "employee")
        login_as(assessor, live_server, "assessor")
        login_as(atasan, live_server, "assessors_assessor")

        # SKP: drafted and submitted, rejected with a reason, revised, approved.
        plan_id = draft_and_submit_skp(employee, live_server, shots=shots)
        reject_skp(assessor, live_server, plan_id, REJECTION, shots=shots)
        see_rejection(employee, live_server, REJECTION, shots=shots)
        revise_and_resubmit(employee, live_server, shots=shots)
        approve_skp(assessor, live_server, plan_id, shots=shots)
        plans = graphql(employee, live_server, MY_PLANS)["myPlans"]
        assert next(p["status"] for p in plans if p["id"] == plan_id) == "DITETAPKAN"

        # Work of the month: log entries, realisasi proposed from them and confirmed, evidence.
        open_my_work(employee, live_server)
        log_work(employee, "Menyusun rekap pengaduan layanan minggu pertama", quantity="1")
        log_work(employee, "Menyusun rekap pengaduan layanan minggu kedua", quantity="1")
        _check(employee, shots, "9-catatan-kerja")
        propose_realisations(employee)
        confirm_realisation(employee)
        evidence = tmp_path / "rekap-pengaduan.png"
        evidence.write_bytes(samples.png())
        upload_evidence(employee, evidence)
        _check(employee, shots, "10-realisasi-bukti")

        # Feedback on that realisasi, both ways.
        feedback_exchange(
            employee,
            assessor,
            live_server,
            assessor_text="Rekap sudah baik; lengkapi dengan jumlah pengaduan yang selesai.",
            reply_text="Baik, jumlah yang selesai saya tambahkan pada rekap berikutnya.",
        )
        _check(assessor, shots, "11-umpan-balik")

        # The Pejabat Penilai evaluates a period of this SKP and finalises it.
        period = _evaluation_to_do(assessor, live_server, plan_id)
        done = evaluate_period(
            assessor,
            live_server,
            plan_id,
            period,
            work="DI_BAWAH_EKSPEKTASI",
            behavior="SESUAI_EKSPEKTASI",
            shots=f"{shots}-12-penilaian",
        )
        assert_accessible(assessor, f"{shots} evaluation final")

        # The employee acknowledges the result and objects; the Atasan decides.
        acknowledge(employee, live_server, done.evaluation_id, shot=f"{shots}-13")
        objection_id = file_objection(
            employee, live_server, done.evaluation_id, OBJECTION, shot=f"{shots}-14"
        )
        decide_objection(atasan, live_server, objection_id, decision="DITOLAK", shot=f"{shots}-15")
        decided = graphql(
            employee,
            live_server,
            "query($id: ID!) { objection(id: $id) { status } }",
            {"id": objection_id},
        )["objection"]
        assert decided["status"] == "DITOLAK"
    finally:
        for page in pages:
            page.context.close()
