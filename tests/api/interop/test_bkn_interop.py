"""BKN e-Kinerja interoperability: export layout, round trip into another database, import rules,
hostile files, authorisation, and the documented layout."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from server.db.engine import Database
from server.db.models import (
    AppraisalPeriod,
    AuditEvent,
    Employee,
    Evaluation,
    Indicator,
    PerformancePlan,
    PlanVersion,
    WorkResult,
)
from server.domain.enums import (
    EvaluationKind,
    EvaluationStatus,
    PlanStatus,
    Predicate,
    Rating,
)
from server.services.interop.bkn_layout import (
    EVALUATION_COLUMNS,
    SKP_COLUMNS,
    markdown_table,
)
from server.services.interop.export import to_csv
from server.services.interop.import_skp import import_skp
from server.services.planning.snapshots import plan_content
from tests.api.interop.conftest import HR, YEAR, InteropFixture, _csv, count, export_csv, parse_csv
from tests.builders import filing_deadline_of
from tests.conftest import SmallOrg, gql, login

ROOT = Path(__file__).resolve().parents[3]


async def normalised_content(db: Database) -> dict[str, Any]:
    """Every SKP of the year by NIP, ids replaced by what they point at (comparable across DBs)."""
    out: dict[str, Any] = {}
    async with db.read() as s:
        plans = (await s.scalars(sa.select(PerformancePlan))).all()
        nip_of: dict[int, str] = dict(
            (await s.execute(sa.text("SELECT id, nip FROM employee"))).all()
        )
        rhk_owner = {
            rid: (nip_of[emp], text)
            for rid, text, emp in (
                await s.execute(
                    sa.select(WorkResult.id, WorkResult.text, PerformancePlan.employee_id).join(
                        PerformancePlan, PerformancePlan.id == WorkResult.plan_id
                    )
                )
            ).all()
        }
        goal_text: dict[int, str] = dict(
            (await s.execute(sa.text("SELECT id, text FROM org_goal"))).all()
        )
        for plan in plans:
            content = await plan_content(s, plan)
            out[nip_of[plan.employee_id]] = {
                "status": plan.status,
                "assessor": nip_of[plan.assessor_employee_id or 0],
                "approach": content["approach"],
                "approved_on": plan.approved_at.date() if plan.approved_at else None,
                "lampiran": content["lampiran"],
                "work_results": [
                    {
                        "kind": r["kind"],
                        "text": r["text"],
                        "parent": rhk_owner.get(r["parent_id"]),
                        "goal": goal_text.get(r["org_goal_id"]),
                        "indicators": [
                            {k: v for k, v in i.items() if k not in ("id", "ordinal")}
                            for i in r["indicators"]
                        ],
                    }
                    for r in content["work_results"]
                ],
            }
    return out


# --- export ---------------------------------------------------------------------------------


async def test_export_rows_follow_the_layout(
    db: Database, small_org: SmallOrg, skps: InteropFixture
) -> None:
    rows = parse_csv(await export_csv(db))
    assert list(rows[0]) == [c.name for c in SKP_COLUMNS]
    nips = small_org.nips
    by_nip: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_nip.setdefault(row["nip_pegawai"], []).append(row)
    # One row per IKI: kadis 1, kabid 3, staf 2, staf2 1.
    assert {k: len(by_nip[nips[k]]) for k in ("kadis", "kabid", "staf", "staf2")} == {
        "kadis": 1,
        "kabid": 3,
        "staf": 2,
        "staf2": 1,
    }
    kadis = by_nip[nips["kadis"]][0]
    assert (kadis["sasaran_organisasi"], kadis["nip_atasan_rhk"], kadis["target"]) == (
        "Meningkatnya kualitas layanan arsip daerah",
        "",
        "90.5",
    )
    staf = by_nip[nips["staf"]]
    assert [(r["no_rhk"], r["rhk"], r["nip_atasan_rhk"], r["rhk_atasan"]) for r in staf] == [
        ("1", "Penataan arsip", nips["kabid"], "Layanan arsip bidang"),
        ("2", "Pelatihan arsip", nips["kabid"], '\'=Pembinaan; arsiparis, "muda"'),
    ]
    assert staf[0]["tanggal_penetapan"] == "2026-01-12"  # 03:00 UTC is 10:00 WIB
    staf2 = by_nip[nips["staf2"]][0]
    assert (staf2["pendekatan"], staf2["target"], staf2["target_kualitatif"]) == (
        "KUALITATIF",
        "",
        "Peminjaman dilayani tanpa keluhan",
    )


async def test_export_uses_the_set_version_during_a_revision(
    db: Database, small_org: SmallOrg, skps: InteropFixture
) -> None:
    async with db.write() as s:
        plan = await s.get(PerformancePlan, skps.plans["staf"])
        assert plan is not None
        s.add(
            PlanVersion(
                plan_id=plan.id,
                revision=0,
                content=await plan_content(s, plan),
                approved_at=datetime(YEAR, 1, 12, 3, tzinfo=UTC),
            )
        )
        plan.status = PlanStatus.REVISI_DRAFT
        row = await s.get(WorkResult, skps.rhk["staf"][0])
        assert row is not None
        row.text = "Draf revisi yang belum ditetapkan"
    texts = {r["rhk"] for r in parse_csv(await export_csv(db))}
    assert "Penataan arsip" in texts
    assert "Draf revisi yang belum ditetapkan" not in texts


# --- round trip -----------------------------------------------------------------------------


async def test_round_trip_into_another_database(
    db: Database, second_db: Database, small_org: SmallOrg, skps: InteropFixture
) -> None:
    exported = await export_csv(db)
    assert await count(second_db, PerformancePlan) == 0

    report = await import_skp(second_db, HR, YEAR, exported)
    assert (report.errors, report.created, report.unchanged) == ([], 4, 0)
    assert await export_csv(second_db) == exported
    assert await normalised_content(second_db) == await normalised_content(db)
    async with second_db.read() as s:
        plans = (await s.scalars(sa.select(PerformancePlan))).all()
        assert {p.status for p in plans} == {PlanStatus.DITETAPKAN}
        assert all(p.identity_snapshot and p.identity_snapshot["pegawai"]["nip"] for p in plans)
        versions = (await s.scalars(sa.select(PlanVersion))).all()
        assert sorted(v.plan_id for v in versions) == sorted(p.id for p in plans)
        actions = list(await s.scalars(sa.select(AuditEvent.action).order_by(AuditEvent.seq)))
    assert actions[-1] == "import.skp_bkn"
    assert actions.count("import.skp_bkn") == 1

    # Re-importing the same file changes nothing.
    counts = [await count(second_db, m) for m in (PerformancePlan, WorkResult, Indicator)]
    events = await count(second_db, AuditEvent)
    again = await import_skp(second_db, HR, YEAR, exported)
    assert (again.errors, again.created, again.unchanged) == ([], 0, 4)
    assert [await count(second_db, m) for m in (PerformancePlan, WorkResult, Indicator)] == counts
    assert await count(second_db, AuditEvent) == events


async def test_subordinates_link_to_an_existing_superior_skp(
    db: Database, second_db: Database, small_org: SmallOrg, skps: InteropFixture
) -> None:
    rows = parse_csv(await export_csv(db))
    nips = small_org.nips
    upper = [r for r in rows if r["nip_pegawai"] in (nips["kadis"], nips["kabid"])]
    lower = [r for r in rows if r["nip_pegawai"] not in (nips["kadis"], nips["kabid"])]
    first = await import_skp(second_db, HR, YEAR, _csv(upper))
    assert (first.errors, first.created) == ([], 2)
    second = await import_skp(second_db, HR, YEAR, _csv(lower))
    assert (second.errors, second.created) == ([], 2)
    assert await normalised_content(second_db) == await normalised_content(db)


# --- import rules and hostile files -----------------------------------------------------------


def _base_rows(nips: dict[str, str]) -> list[dict[str, str]]:
    """A valid two-SKP file: kabid (penilai kadis, no link) and staf intervening kabid's RHK."""
    common = {c.name: "" for c in SKP_COLUMNS}

    def row(**values: str) -> dict[str, str]:
        return {
            **common,
            "tahun": str(YEAR),
            "pendekatan": "KUANTITATIF",
            "status": "DITETAPKAN",
            "aspek": "KUANTITAS",
            "target": "5",
            "satuan": "dokumen",
            "no_iki": "1",
            "no_rhk": "1",
            "jenis_rhk": "UTAMA",
            **values,
        }

    return [
        row(
            nip_pegawai=nips["kabid"],
            nip_penilai=nips["kadis"],
            rhk="RHK bidang",
            indikator="IKI bidang",
        ),
        row(
            nip_pegawai=nips["staf"],
            nip_penilai=nips["kabid"],
            rhk="RHK staf",
            indikator="IKI staf",
            nip_atasan_rhk=nips["kabid"],
            rhk_atasan="RHK bidang",
        ),
    ]


def _mutate(rows: list[dict[str, str]], line: int, **changes: str) -> list[dict[str, str]]:
    rows = [dict(r) for r in rows]
    rows[line - 2].update(changes)
    return rows


HOSTILE: list[tuple[str, Any, list[tuple[int, str | None]]]] = [
    ("year mismatch", lambda r, n: _mutate(r, 2, tahun="2025"), [(2, "tahun")]),
    ("bad NIP", lambda r, n: _mutate(r, 3, nip_pegawai="12345"), [(3, "nip_pegawai")]),
    (
        "unknown NIP",
        lambda r, n: _mutate(
            r, 3, nip_penilai="199001012015011999", nip_atasan_rhk="199001012015011999"
        ),
        [(3, "nip_penilai")],
    ),
    ("self as penilai", lambda r, n: _mutate(r, 2, nip_penilai=n["kabid"]), [(2, "nip_penilai")]),
    # Only the one the Kepala Daerah rates (nobody above in the tree) may leave it empty.
    ("no penilai below the top", lambda r, n: _mutate(r, 2, nip_penilai=""), [(2, "nip_penilai")]),
    ("draft status", lambda r, n: _mutate(r, 2, status="DRAFT"), [(2, "status")]),
    ("unknown aspect", lambda r, n: _mutate(r, 3, aspek="GAJI"), [(3, "aspek")]),
    ("negative target", lambda r, n: _mutate(r, 3, target="-4"), [(3, "target")]),
    ("target not a number", lambda r, n: _mutate(r, 3, target="NaN"), [(3, "target")]),
    ("huge target", lambda r, n: _mutate(r, 3, target="1e30"), [(3, "target")]),
    ("no target at all", lambda r, n: _mutate(r, 3, target=""), [(3, "target")]),
    ("control character", lambda r, n: _mutate(r, 3, rhk="RHK\x07staf"), [(3, "rhk")]),
    ("bidi override", lambda r, n: _mutate(r, 3, indikator="IKI \u202e fatsi"), [(3, "indikator")]),
    ("text too long", lambda r, n: _mutate(r, 3, rhk="x" * 1001), [(3, "rhk")]),
    ("no_rhk zero", lambda r, n: _mutate(r, 3, no_rhk="0"), [(3, "no_rhk")]),
    ("no_rhk huge", lambda r, n: _mutate(r, 3, no_rhk="99999999999999999999"), [(3, "no_rhk")]),
    (
        "unknown superior RHK",
        lambda r, n: _mutate(r, 3, rhk_atasan="Tidak ada"),
        [(3, "rhk_atasan")],
    ),
    ("link without NIP", lambda r, n: _mutate(r, 3, nip_atasan_rhk=""), [(3, "rhk_atasan")]),
    (
        "link to someone else",
        lambda r, n: _mutate(r, 3, nip_atasan_rhk=n["kadis"]),
        [(3, "nip_atasan_rhk")],
    ),
    (
        "goal for a non-JPT",
        lambda r, n: _mutate(r, 2, sasaran_organisasi="Sasaran"),
        [(2, "sasaran_organisasi")],
    ),
    (
        "perspective for a non-JPT",
        lambda r, n: _mutate(r, 2, perspektif="ANGGARAN"),
        [(2, "perspektif")],
    ),
    (
        "bad date",
        lambda r, n: _mutate(r, 2, tanggal_penetapan="31-01-2026"),
        [(2, "tanggal_penetapan")],
    ),
    ("duplicate IKI", lambda r, n: [*r, r[1]], [(4, "no_iki")]),
    (
        "header disagrees within an SKP",
        lambda r, n: [*r, {**r[1], "no_iki": "2", "pendekatan": "KUALITATIF"}],
        [(4, "pendekatan")],
    ),
    (
        "penilai cycle",
        lambda r, n: [*_mutate(r, 2, nip_penilai=n["staf"])],
        [(2, "nip_penilai"), (3, "nip_penilai")],
    ),
]


@pytest.mark.parametrize(("label", "change", "expected"), HOSTILE, ids=[c[0] for c in HOSTILE])
async def test_hostile_rows_are_reported_by_line_and_nothing_is_written(
    db: Database,
    small_org: SmallOrg,
    skps: InteropFixture,
    label: str,
    change: Any,
    expected: list[tuple[int, str | None]],
) -> None:
    await _clear_plans(db)
    events = await count(db, AuditEvent)
    report = await import_skp(
        db, HR, YEAR, _csv(change(_base_rows(small_org.nips), small_org.nips))
    )
    assert [(e.line, e.field) for e in report.errors] == expected, report.errors
    assert report.created == 0
    assert await count(db, PerformancePlan) == 0
    assert await count(db, AuditEvent) == events


async def test_the_base_file_is_valid(
    db: Database, small_org: SmallOrg, skps: InteropFixture
) -> None:
    await _clear_plans(db)
    report = await import_skp(db, HR, YEAR, _csv(_base_rows(small_org.nips)))
    assert (report.errors, report.created) == ([], 2)


async def test_the_sekda_rated_by_the_kepala_daerah_has_no_penilai_nip(
    db: Database, small_org: SmallOrg, skps: InteropFixture
) -> None:
    """The Wali Kota is not ASN and has no NIP: BKN's file leaves nip_penilai empty for the
    Sekda, and the import keeps the Kepala Daerah as the SKP's Pejabat Penilai."""
    await _clear_plans(db)
    rows = _base_rows(small_org.nips)
    sekda = {**rows[0], "nip_pegawai": small_org.nips["sekda"], "nip_penilai": ""}
    sekda.update(rhk="RHK sekretariat daerah", indikator="IKI sekretariat daerah")
    report = await import_skp(db, HR, YEAR, _csv([sekda, *rows]))
    assert (report.errors, report.created) == ([], 3)
    async with db.read() as s:
        plan = (
            await s.scalars(
                sa.select(PerformancePlan)
                .join(Employee, Employee.id == PerformancePlan.employee_id)
                .where(Employee.nip == small_org.nips["sekda"])
            )
        ).one()
    assert plan.assessor_employee_id is None
    assert plan.assessed_by_kepala_daerah is True
    assert plan.identity_snapshot is not None
    assert plan.identity_snapshot["penilai"]["official"] == "KEPALA_DAERAH"


async def _clear_plans(db: Database) -> None:
    async with db.write() as s:
        await s.execute(sa.update(WorkResult).values(parent_id=None))
        await s.execute(sa.delete(Indicator))
        await s.execute(sa.delete(WorkResult))
        await s.execute(sa.delete(PlanVersion))
        await s.execute(sa.delete(PerformancePlan))


FILE_LEVEL: list[tuple[str, bytes]] = [
    ("empty", b""),
    ("not utf-8", b"nip_pegawai\n\xff\xfe"),
    ("missing columns", b"nip_pegawai,tahun\n1,2\n"),
    ("unknown column", ",".join([c.name for c in SKP_COLUMNS] + ["=cmd"]).encode() + b"\n"),
    ("NUL bytes", b"\x00" * 10),
]


@pytest.mark.parametrize(("label", "data"), FILE_LEVEL, ids=[c[0] for c in FILE_LEVEL])
async def test_unreadable_files_fail_on_line_one(
    db: Database, small_org: SmallOrg, skps: InteropFixture, label: str, data: bytes
) -> None:
    report = await import_skp(db, HR, YEAR, data)
    assert [e.line for e in report.errors] == [1]
    assert report.created == 0


async def test_an_existing_skp_with_other_content_is_not_overwritten(
    db: Database, small_org: SmallOrg, skps: InteropFixture
) -> None:
    rows = parse_csv(await export_csv(db))
    staf_line = next(
        n for n, r in enumerate(rows, start=2) if r["nip_pegawai"] == small_org.nips["staf"]
    )
    rows[staf_line - 2]["indikator"] = "Isi lain dari BKN"
    before = await normalised_content(db)
    report = await import_skp(db, HR, YEAR, _csv(rows))
    assert [(e.line, e.field) for e in report.errors] == [(staf_line, "nip_pegawai")]
    assert "tidak ditimpa" in report.errors[0].message
    assert await normalised_content(db) == before


async def test_unknown_year_is_an_error(db: Database, small_org: SmallOrg) -> None:
    from server.services.errors import ServiceError

    with pytest.raises(ServiceError) as caught:
        await import_skp(db, HR, 2031, _csv(_base_rows(small_org.nips)))
    assert caught.value.field == "year"


# --- authorisation --------------------------------------------------------------------------


@asynccontextmanager
async def _client(app: Any, user: str | None) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, client=("10.1.2.3", 5555))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        if user is not None:
            assert (await login(client, user)).status_code == 200
        yield client


DOWNLOADS = [
    # user, query, status, NIP keys expected in the file
    ("hradmin", "", 200, {"kadis", "kabid", "staf", "staf2"}),
    ("auditor", "", 200, {"kadis", "kabid", "staf", "staf2"}),
    ("hradmin", "&unitCode=BIDANG", 200, {"kabid", "staf", "staf2"}),
    ("manager", "", 200, {"kadis", "kabid", "staf", "staf2"}),  # DINAS and below
    ("manager", "&unitCode=bidang", 200, {"kabid", "staf", "staf2"}),
    ("manager", "&unitCode=DINAS2", 403, None),
    ("hradmin", "&unitCode=NOPE", 404, None),
    ("kabid", "", 403, None),
    ("staf", "", 403, None),
    ("sysadmin", "", 403, None),
    (None, "", 401, None),
]


@pytest.mark.parametrize(("user", "query", "status", "expected"), DOWNLOADS)
async def test_download_access(
    app: Any,
    small_org: SmallOrg,
    skps: InteropFixture,
    user: str | None,
    query: str,
    status: int,
    expected: set[str] | None,
) -> None:
    async with _client(app, user) as client:
        for fmt in ("csv", "json"):
            response = await client.get(f"/api/interop/skp.{fmt}?year={YEAR}{query}")
            assert response.status_code == status, response.text
            if expected is None:
                continue
            assert response.headers["cache-control"] == "private, no-store"
            assert response.headers["content-disposition"].startswith("attachment;")
            if fmt == "csv":
                nips = {r["nip_pegawai"] for r in parse_csv(response.content)}
            else:
                body = response.json()
                assert body["columns"] == [c.name for c in SKP_COLUMNS]
                nips = {r["nip_pegawai"] for r in body["rows"]}
            assert nips == {small_org.nips[k] for k in expected}


@pytest.mark.parametrize("query", ["", "?year=abc", "?year=99999", "?year=2031"])
async def test_download_needs_a_known_year(
    app: Any, small_org: SmallOrg, skps: InteropFixture, query: str
) -> None:
    async with _client(app, "hradmin") as client:
        response = await client.get(f"/api/interop/skp.csv{query}")
    assert response.status_code == (404 if query == "?year=2031" else 400)


IMPORT = """
mutation($year: Int!, $csv: String!) {
  importSkpFromBkn(year: $year, csv: $csv) {
    result { ok created unchanged errors { line field message } }
    errors { code field message }
  }
}"""


@pytest.mark.parametrize(
    ("user", "code"),
    [
        ("hradmin", None),
        ("manager", "FORBIDDEN"),
        ("staf", "FORBIDDEN"),
        ("auditor", "FORBIDDEN"),
    ],
)
async def test_import_mutation_is_for_hr_only(
    app: Any, db: Database, small_org: SmallOrg, skps: InteropFixture, user: str, code: str | None
) -> None:
    await _clear_plans(db)
    async with _client(app, user) as client:
        body = await gql(
            client, IMPORT, {"year": YEAR, "csv": _csv(_base_rows(small_org.nips)).decode()}
        )
    payload = body["data"]["importSkpFromBkn"]
    if code is None:
        assert payload["result"] == {"ok": True, "created": 2, "unchanged": 0, "errors": []}
    else:
        assert [e["code"] for e in payload["errors"]] == [code]
        assert await count(db, PerformancePlan) == 0


# --- evaluations ----------------------------------------------------------------------------


async def test_evaluation_export_has_one_row_per_finalised_evaluation(
    app: Any, db: Database, small_org: SmallOrg, skps: InteropFixture
) -> None:
    async with db.write() as s:
        period = (
            await s.scalars(
                sa.select(AppraisalPeriod).where(AppraisalPeriod.year_id == skps.year_id)
            )
        ).first()
        if period is None:
            period = AppraisalPeriod(
                year_id=skps.year_id,
                number=2,
                start_date=datetime(YEAR, 4, 1).date(),
                end_date=datetime(YEAR, 6, 30).date(),
                realization_due=datetime(YEAR, 7, 5).date(),
            )
            s.add(period)
            await s.flush()
        common = {"plan_id": skps.plans["staf"], "assessor_employee_id": small_org.ids["emp:kabid"]}
        s.add_all(
            [
                Evaluation(
                    **common,
                    kind=EvaluationKind.PERIODIK,
                    period_id=period.id,
                    status=EvaluationStatus.DITERIMA,
                    result_rating=Rating.DI_ATAS_EKSPEKTASI,
                    behavior_rating=Rating.SESUAI_EKSPEKTASI,
                    predicate=Predicate.BAIK,
                    finalised_at=datetime(YEAR, 7, 2, 20, tzinfo=UTC),
                    objection_filing_deadline=filing_deadline_of(
                        datetime(YEAR, 7, 2, 20, tzinfo=UTC)
                    ),
                ),
                Evaluation(**common, kind=EvaluationKind.TAHUNAN, status=EvaluationStatus.DRAFT),
            ]
        )
    async with _client(app, "hradmin") as client:
        response = await client.get(f"/api/interop/evaluations.csv?year={YEAR}")
        as_json = (await client.get(f"/api/interop/evaluations.json?year={YEAR}")).json()
    rows = parse_csv(response.content)
    assert list(rows[0]) == [c.name for c in EVALUATION_COLUMNS]
    assert as_json["rows"] == rows
    (row,) = rows  # the draft is not a result
    assert {
        k: row[k]
        for k in (
            "nip_pegawai",
            "nip_penilai",
            "jenis_penilaian",
            "periode",
            "rating_hasil_kerja",
            "rating_perilaku",
            "predikat",
            "tanggal_penetapan",
        )
    } == {
        "nip_pegawai": small_org.nips["staf"],
        "nip_penilai": small_org.nips["kabid"],
        "jenis_penilaian": "PERIODIK",
        "periode": f"Triwulan {['I', 'II', 'III', 'IV'][int(row['nomor_periode']) - 1]}",
        "rating_hasil_kerja": "DI_ATAS_EKSPEKTASI",
        "rating_perilaku": "SESUAI_EKSPEKTASI",
        "predikat": "BAIK",
        "tanggal_penetapan": "2026-07-03",  # 20:00 UTC is the next day in Salatiga
    }


# --- the documented layout --------------------------------------------------------------------


def test_the_document_carries_the_layout_tables() -> None:
    text = (ROOT / "docs" / "interop-bkn.md").read_text(encoding="utf-8")
    assert markdown_table(SKP_COLUMNS) in text
    assert markdown_table(EVALUATION_COLUMNS) in text
    assert "docs/interop-bkn.md" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_json_layout_matches_the_csv(db: Database) -> None:
    from server.services.interop.export import to_json

    rows = [{c.name: f"v{n}" for n, c in enumerate(SKP_COLUMNS)}]
    document = json.loads(to_json("x", YEAR, SKP_COLUMNS, rows))
    assert document["rows"] == parse_csv(to_csv(SKP_COLUMNS, rows))
