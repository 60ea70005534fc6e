"""Dokumen Evaluasi Kinerja: official wording only, words never broken between letters, and
consistent with the data it prints (judgements, evidence), read back from the HTML and from the
PDF's text (pypdf)."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from typing import Any

import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from server.db.engine import Database
from server.db.models import Evaluation
from server.http.evaluation_document.html import DOCUMENT_CSS, render_html
from server.http.evaluation_document.pdf import render_pdf
from server.services.evaluation.document import (
    BehaviorRow,
    EvaluationDocument,
    IndicatorRow,
    Person,
    RatingRow,
    WorkResultRow,
)
from tests.api.evaluation.conftest import FINALISE, EvalFixture, confirm, judge, ok, start
from tests.conftest import ClientFactory, mutate

A, S, B = "DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"
# Internal references that must never reach a printed document.
INTERNAL = re.compile(r"DOMAIN\.md|\.md\b|§|\[I\b|\[P\b|\[I:|kebijakan aplikasi|shares are policy")


def pdf_text(body: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(body)).pages)


def words(text: str) -> set[str]:
    return set(re.findall(r"[0-9A-Za-zÀ-ÿ]+", text))


async def _finalise(
    client_for: ClientFactory, ev: EvalFixture, month: int, rhk: list[tuple[int, str]], beh: str
) -> str:
    kabid = await client_for("kabid")
    e = ok(await start(kabid, ev.plan, ev.period(month)))
    ok(await judge(kabid, e["id"], rhk, beh))
    ok(await confirm(kabid, e["id"]))
    ok(await mutate(kabid, FINALISE, {"id": e["id"]}))
    return str(e["id"])


@pytest.mark.parametrize("suffix", ["document", "document.pdf"])
async def test_sources_are_official_and_judgements_are_printed(
    client_for: ClientFactory, ev: EvalFixture, suffix: str
) -> None:
    eid = await _finalise(client_for, ev, 1, [(ev.rhk[0], S), (ev.rhk[1], A)], S)
    r = await (await client_for("staf")).get(f"/api/evaluations/{eid}/{suffix}")
    assert r.status_code == 200
    text = r.text if suffix == "document" else pdf_text(r.content)
    flat = " ".join(text.split())
    assert INTERNAL.search(text) is None, INTERNAL.search(text)
    assert "Peraturan Menteri PANRB Nomor 6 Tahun 2022" in flat
    assert "berlaku sejak 1 Januari 2022" in flat
    # The predicate is printed, so every RHK shows its judgement, never "belum dinilai".
    assert "Baik" in flat
    assert "belum dinilai" not in flat
    assert "belum diamati" not in flat
    assert "Sesuai Ekspektasi" in flat
    assert "Di Atas Ekspektasi" in flat
    # Evidence counted from the data: one link on the Bulan 1 realisasi of the first IKI.
    assert "(1 bukti dukung)" in flat
    assert "0 bukti dukung" not in flat


async def test_annual_document_prints_the_periodic_judgements(
    client_for: ClientFactory, ev: EvalFixture
) -> None:
    await _finalise(client_for, ev, 1, [(ev.rhk[0], S), (ev.rhk[1], S)], S)
    await _finalise(client_for, ev, 2, [(ev.rhk[0], A), (ev.rhk[1], S)], A)
    kabid = await client_for("kabid")
    annual = ok(await start(kabid, ev.plan, None))
    ok(await confirm(kabid, annual["id"]))
    ok(await mutate(kabid, FINALISE, {"id": annual["id"]}))
    staf = await client_for("staf")
    page = (await staf.get(f"/api/evaluations/{annual['id']}/document")).text
    assert "belum dinilai" not in page
    assert "belum diamati" not in page
    assert "Bulan 1: Sesuai Ekspektasi; Bulan 2: Di Atas Ekspektasi" in page
    assert "Bulan 1: Sesuai Ekspektasi; Bulan 2: Sesuai Ekspektasi" in page
    pdf = " ".join(
        pdf_text((await staf.get(f"/api/evaluations/{annual['id']}/document.pdf")).content).split()
    )
    assert "Bulan 2: Di Atas Ekspektasi" in pdf
    assert "belum dinilai" not in pdf
    assert INTERNAL.search(page) is None
    assert INTERNAL.search(pdf) is None


async def test_a_draft_says_what_is_not_yet_judged(
    client_for: ClientFactory, ev: EvalFixture
) -> None:
    kabid = await client_for("kabid")
    e = ok(await start(kabid, ev.plan, ev.period(3)))
    ok(await judge(kabid, e["id"], [(ev.rhk[0], S)], None))
    page = (await kabid.get(f"/api/evaluations/{e['id']}/document")).text
    assert "belum dinilai" in page  # rhk[1] is really not judged yet
    assert "belum diamati" in page
    assert "belum ditetapkan</strong>" in page  # and no predicate is printed


async def test_explanations_stored_with_old_wording_print_officially(
    client_for: ClientFactory, ev: EvalFixture, db: Database
) -> None:
    eid = await _finalise(client_for, ev, 1, [(ev.rhk[0], S), (ev.rhk[1], S)], S)
    old: dict[str, Any] = {
        "inputs": ["Jenis penilaian: Bulan 1."],
        "rules_applied": ["Usulan x [I: kebijakan aplikasi, tidak diatur]."],
        "overrides": [],
        "sources": [
            {
                "rule": "Matriks predikat kinerja",
                "source": "PermenPANRB 6/2022 Lampiran; DOMAIN.md §5",
                "effective_from": "2022-01-01",
            },
            {
                "rule": "Usulan rating tahunan",
                "source": "Usulan tahunan: rating periodik yang paling sering muncul; bila sama "
                "banyak, yang lebih rendah [I: kebijakan aplikasi, PermenPANRB 6/2022 tidak "
                "mengatur cara merangkum]",
                "effective_from": "",
            },
        ],
    }
    async with db.write() as s:
        await s.execute(
            sa.update(Evaluation).where(Evaluation.id == int(eid)).values(explanation=old)
        )
    staf = await client_for("staf")
    for suffix in ("document", "document.pdf"):
        r = await staf.get(f"/api/evaluations/{eid}/{suffix}")
        text = r.text if suffix == "document" else pdf_text(r.content)
        assert INTERNAL.search(text) is None, (suffix, INTERNAL.search(text))
        assert "Ketentuan penilaian kinerja instansi" in " ".join(text.split())
    api = await staf.post(
        "/api/graphql",
        json={
            "query": "query($id: ID!) { evaluation(id: $id) { explanation { rulesApplied sources } } }",
            "variables": {"id": eid},
        },
    )
    explanation = api.json()["data"]["evaluation"]["explanation"]
    assert INTERNAL.search(str(explanation)) is None
    assert explanation["rulesApplied"] == ["Usulan x."]


def test_the_stylesheet_never_breaks_words_between_letters() -> None:
    assert "anywhere" not in DOCUMENT_CSS
    assert "break-all" not in DOCUMENT_CSS
    assert "overflow-wrap:break-word" in DOCUMENT_CSS
    assert "hyphens:manual" in DOCUMENT_CSS


LONG_WORDS = [
    "Pertanggungjawaban",
    "Penyelenggaraan",
    "Ketatausahaan",
    "Kependudukan",
    "Terselenggaranya",
    "Dipertahankan",
    "Berorientasi",
    "Akuntabilitas",
]


def _narrow_document() -> EvaluationDocument:
    person = Person("Pegawai Contoh", "199001012015011001", "Penata / III/c", "Analis", "Dinas")
    text = " ".join(LONG_WORDS)
    return EvaluationDocument(
        evaluation_id=1,
        instansi="Pemerintah Kota Salatiga",
        period="Bulan 1 2025",
        period_dates="1 Januari 2025 – 31 Januari 2025",
        period_slug="bulan-1-2025",
        approach="Kuantitatif",
        status="Ditetapkan",
        is_draft=False,
        demo=False,
        pegawai=person,
        penilai=replace(person, name="Penilai Contoh"),
        work_results=[
            WorkResultRow(
                1,
                "Utama",
                f"Rencana Hasil Kerja {text}",
                [IndicatorRow(f"Indikator {text}", "12 dokumen", f"Bulan 1: 3 — {text}")],
                "Sesuai Ekspektasi",
                f"Umpan balik {text}",
            )
        ],
        behaviors=[BehaviorRow(1, "Berorientasi Pelayanan", text, "Di Bawah Ekspektasi", text)],
        ratings=[
            RatingRow(
                "Rating Hasil Kerja",
                "Di Atas Ekspektasi",
                "Sesuai Ekspektasi",
                "Sesuai Ekspektasi",
                text,
            )
        ],
        predicate="Baik",
        self_note="-",
        assessor_note="-",
        inputs=[],
        rules_applied=[],
        overrides=[],
        sources=[],
        finalised_on="3 Februari 2025",
        acknowledged_on="-",
        identities_on="3 Februari 2025",
        printed_on="4 Februari 2025",
    )


def test_pdf_keeps_every_word_whole_in_narrow_columns() -> None:
    doc = _narrow_document()
    found = words(pdf_text(render_pdf(doc)))
    expected = {
        "Rencana",
        "Hasil",
        "Kerja",
        "Indikator",
        "Kinerja",
        "Individu",
        "Realisasi",
        "Penilaian",
        "Umpan",
        "Balik",
        "Ekspektasi",
        "Pimpinan",
        "Pengamatan",
        "Catatan",
        "Diri",
        "Pegawai",
        "Usulan",
        "Sistem",
        "Ditetapkan",
        *LONG_WORDS,
    }
    assert expected <= found, sorted(expected - found)
    # No fragment of a long word stands on its own (as "Rencan" + "a" would).
    fragments = {w[:k] for w in LONG_WORDS for k in range(3, len(w))}
    assert not fragments & found, sorted(fragments & found)


def test_html_keeps_long_words_in_one_text_node() -> None:
    page = render_html(_narrow_document())
    for word in LONG_WORDS:
        assert word in page
    assert "&shy;" not in page
    assert "<wbr" not in page
