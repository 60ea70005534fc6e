"""Dokumen Evaluasi Kinerja Pegawai: printable HTML and PDF, who may read them, escaping, CSP."""

from __future__ import annotations

import re
import zlib

import httpx
import pytest

from server.db.engine import Database
from server.domain.enums import Role
from server.http.evaluation_document.pdf import latin1
from server.services.actor import system_actor
from server.services.organisation import accounts
from tests.api.evaluation.conftest import (
    FINALISE,
    JUDGE,
    SELF,
    EvalFixture,
    all_behaviors,
    confirm,
    ok,
    start,
)
from tests.conftest import PASSWORD, ClientFactory, SmallOrg, mutate

A, S = "DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI"
HOSTILE = "<script>alert(1)</script> & \"kutip\" 'x'"


@pytest.fixture
async def finalised(client_for: ClientFactory, ev: EvalFixture) -> str:
    """staf's Bulan 1 evaluation, set by kabid: predicate Baik with an override reason."""
    kabid, staf = await client_for("kabid"), await client_for("staf")
    e = ok(await start(kabid, ev.plan, ev.period(1)))
    ok(
        await mutate(
            staf,
            SELF,
            {"input": {"evaluationId": e["id"], "resultRating": A, "behaviorRating": A}},
        )
    )
    ok(
        await mutate(
            kabid,
            JUDGE,
            {
                "input": {
                    "evaluationId": e["id"],
                    "workResults": [
                        {"workResultId": str(ev.rhk[0]), "rating": S, "feedback": HOSTILE},
                        {"workResultId": str(ev.rhk[1]), "rating": S, "feedback": "Rapi"},
                    ],
                    "behaviors": all_behaviors(S),
                }
            },
        )
    )
    ok(await confirm(kabid, e["id"], resultRating=A, resultOverrideReason="Melampaui target"))
    done = ok(await mutate(kabid, FINALISE, {"id": e["id"]}))
    assert done["predicate"] == "BAIK"
    assert done["documentUrl"] == f"/api/evaluations/{e['id']}/document"
    return str(e["id"])


async def _manager_of_dinas2(db: Database, small_org: SmallOrg) -> None:
    await accounts.create_account(
        db,
        system_actor(),
        accounts.AccountInput(
            "manager2",
            PASSWORD,
            frozenset({Role.UNIT_MANAGER}),
            managed_unit_id=small_org.ids["DINAS2"],
        ),
    )


READERS = ["staf", "kabid", "kadis", "hradmin", "auditor", "manager"]
OUTSIDERS = ["staf2", "manager2", "sysadmin", "kadis2"]


@pytest.mark.parametrize(
    ("user", "status"), [(u, 200) for u in READERS] + [(u, 404) for u in OUTSIDERS]
)
@pytest.mark.parametrize("suffix", ["document", "document.pdf"])
async def test_who_may_read_the_document(
    client_for: ClientFactory,
    finalised: str,
    db: Database,
    small_org: SmallOrg,
    user: str,
    status: int,
    suffix: str,
) -> None:
    await _manager_of_dinas2(db, small_org)
    c = await client_for(user)
    r = await c.get(f"/api/evaluations/{finalised}/{suffix}")
    assert r.status_code == status, r.text
    if status == 404:
        assert r.json()["error"]["code"] == "NOT_FOUND"
        assert "Pegawai Staf" not in r.text
        return
    assert r.headers["cache-control"] == "private, no-store"
    assert r.headers["x-content-type-options"] == "nosniff"
    if suffix == "document":
        assert r.headers["content-type"] == "text/html; charset=utf-8"
        assert r.headers["content-disposition"] == "inline"
    else:
        assert r.headers["content-type"] == "application/pdf"
        nip = small_org.nips["staf"]
        assert r.headers["content-disposition"] == (
            f'attachment; filename="evaluasi-{nip}-bulan-1-2025.pdf"'
        )


@pytest.mark.parametrize("suffix", ["document", "document.pdf"])
async def test_no_session_is_401(client: httpx.AsyncClient, finalised: str, suffix: str) -> None:
    r = await client.get(f"/api/evaluations/{finalised}/{suffix}")
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "UNAUTHENTICATED"


@pytest.mark.parametrize("raw", ["0", "999999", "abc", "-1", "1e3", str(2**63), "%20"])
async def test_bad_ids_are_404(client_for: ClientFactory, finalised: str, raw: str) -> None:
    hr = await client_for("hradmin")
    for suffix in ("document", "document.pdf"):
        r = await hr.get(f"/api/evaluations/{raw}/{suffix}")
        assert r.status_code == 404, (raw, suffix)


async def test_html_content_escaping_and_csp(client_for: ClientFactory, finalised: str) -> None:
    staf = await client_for("staf")
    r = await staf.get(f"/api/evaluations/{finalised}/document")
    page = r.text
    assert page.startswith('<!DOCTYPE html><html lang="id">')
    for expected in [
        "Dokumen Evaluasi Kinerja Pegawai",
        "Pemerintah Kota Salatiga",
        "Bulan 1 2025",
        "Kuantitatif",
        "Pegawai Staf",  # pegawai
        "Pegawai Kabid",  # Pejabat Penilai
        "Layanan arsip",
        "Jumlah arsip ditata",
        "12 dokumen",
        "Bulan 1: 3 — Menata 3 boks arsip (1 bukti dukung)",
        "Berorientasi Pelayanan",
        "Kolaboratif",
        "Predikat Kinerja Pegawai: <strong>Baik</strong>",
        "Matriks predikat",
        "Melampaui target",  # the override and its reason
        "Pejabat Penilai Kinerja,",
        "Pegawai yang Dinilai,",
        "DATA DEMO SINTETIS",
        '<link rel="stylesheet" href="/api/evaluations/document.css">',
    ]:
        assert expected in page, expected
    assert page.count("Di Atas Ekspektasi") >= 2  # self-assessment beside the assessor's
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;kutip&quot; &#x27;x&#x27;" in page
    lowered = page.lower()
    assert "<script" not in lowered
    assert "<style" not in lowered
    assert re.search(r"\sstyle\s*=", lowered) is None
    assert re.search(r"\son[a-z]+\s*=", lowered) is None
    assert "DRAF" not in page


async def test_stylesheet_has_print_rules(client: httpx.AsyncClient) -> None:
    r = await client.get("/api/evaluations/document.css")
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/css; charset=utf-8"
    assert "@media print" in r.text
    assert "size:A4" in r.text


async def test_draft_document_is_marked(client_for: ClientFactory, ev: EvalFixture) -> None:
    kabid = await client_for("kabid")
    e = ok(await start(kabid, ev.plan, ev.period(2)))
    r = await kabid.get(f"/api/evaluations/{e['id']}/document")
    assert r.status_code == 200
    assert "DRAF — penilaian belum ditetapkan" in r.text
    assert "belum ditetapkan</strong>" in r.text  # no predicate yet
    assert "Pegawai Staf" in r.text  # today's identities until the evaluation is set


def _pdf_text(body: bytes) -> str:
    """The text drawn in a PDF: every (Flate) content stream inflated, literal strings joined."""
    chunks = []
    for raw in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", body, re.S):
        try:
            chunks.append(zlib.decompress(raw))
        except zlib.error:
            chunks.append(raw)
    content = b"\n".join(chunks).decode("latin-1")
    return " ".join(re.findall(r"\(((?:\\.|[^\\)])*)\)\s*Tj", content)).replace("\\", "")


async def test_pdf_content(client_for: ClientFactory, finalised: str) -> None:
    hr = await client_for("hradmin")
    r = await hr.get(f"/api/evaluations/{finalised}/document.pdf")
    assert r.content.startswith(b"%PDF-")
    text = _pdf_text(r.content)
    for expected in [
        "DOKUMEN EVALUASI KINERJA PEGAWAI",
        "Predikat Kinerja Pegawai: Baik",
        "Pegawai Staf",
        "Pegawai Kabid",
        "DATA DEMO SINTETIS",
        "Matriks predikat",
    ]:
        assert expected in text, expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("RHK “Layanan” — x ≥ 60 % × 2 → y…", 'RHK "Layanan" - x >= 60 % x 2 -> y...'),
        ("Nguyễn Ōta Ñ", "Nguyen Ota Ñ"),
        ("Sigit Prasetyo", "Sigit Prasetyo"),
        ("日本", "??"),
    ],
)
def test_pdf_text_is_latin1_safe(text: str, expected: str) -> None:
    assert latin1(text) == expected
    latin1(text).encode("latin-1")
