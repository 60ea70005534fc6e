"""Bulk downloads: files, data dictionary, checksums, immutable caching, latest redirect."""

from __future__ import annotations

import csv
import hashlib
import io

import httpx
import orjson

from server.config import Settings
from server.db.engine import Database
from tests.api.releases.conftest import Org, add_service, publish

DATASETS = ("units", "services", "ikm_unsur", "distribution", "follow_ups")


async def test_datapackage_checksums_match_the_bytes(
    client: httpx.AsyncClient, db: Database, settings: Settings, org: Org
) -> None:
    await add_service(db, org, "BADAN", "LAY-KTP", [[4] * 9] * 10, users=50)
    await publish(db, settings)
    response = await client.get("/public/data/1/datapackage.json")
    assert response.status_code == 200
    package = response.json()
    assert package["release"] == 1
    assert package["licenses"][0]["name"] == "CC BY 4.0"
    assert package["published_at"]
    assert package["methodology"]["headcount_threshold"] == 5
    names = {r["path"] for r in package["resources"]}
    assert names == {f"{d}.{ext}" for d in DATASETS for ext in ("csv", "json")}
    for resource in package["resources"]:
        served = await client.get(
            f"/public/data/1/{resource['path']}", headers={"accept-encoding": "identity"}
        )
        assert served.status_code == 200
        assert resource["hash"] == "sha256:" + hashlib.sha256(served.content).hexdigest()
        assert resource["bytes"] == len(served.content)
        assert served.headers["cache-control"] == "public, max-age=31536000, immutable"
        assert served.headers["etag"] == f'"{hashlib.sha256(served.content).hexdigest()}"'
        for field in resource["schema"]["fields"]:
            assert field["description_id"]
            assert field["description_en"]


async def test_csv_has_stable_headers_and_reasons_for_nulls(
    client: httpx.AsyncClient, db: Database, settings: Settings, org: Org
) -> None:
    await publish(db, settings)
    text = (await client.get("/public/data/1/units.csv")).content.decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    header = text.splitlines()[0].split(",")
    assert header[:14] == [
        "release",
        "period",
        "period_label",
        "period_start",
        "period_end",
        "scope",
        "unit_code",
        "unit_name",
        "unit_kind",
        "parent_code",
        "parent_name",
        "depth",
        "headcount",
        "headcount_status",
    ]
    small = next(r for r in rows if r["unit_code"] == "BID-A")
    assert (small["headcount"], small["headcount_status"]) == ("", "WITHHELD")
    city = next(r for r in rows if r["scope"] == "CITY")
    assert city["headcount"] == "103"
    as_json = orjson.loads((await client.get("/public/data/1/units.json")).content)
    assert len(as_json["rows"]) == len(rows)
    assert next(r for r in as_json["rows"] if r["unit_code"] == "BID-A")["headcount"] is None


async def test_etag_304_latest_redirect_and_404(
    client: httpx.AsyncClient, db: Database, settings: Settings, org: Org
) -> None:
    assert (await client.get("/public/data/latest/units.csv")).status_code == 404
    await publish(db, settings)
    await publish(db, settings, "2026-S2")
    first = await client.get("/public/data/1/units.csv")
    again = await client.get(
        "/public/data/1/units.csv", headers={"if-none-match": first.headers["etag"]}
    )
    assert again.status_code == 304
    latest = await client.get("/public/data/latest/units.json")
    assert latest.status_code == 302
    assert latest.headers["location"] == "/public/data/2/units.json"
    assert "immutable" not in latest.headers["cache-control"]
    assert (await client.get("/public/data/9/units.csv")).status_code == 404
    assert (await client.get("/public/data/1/secrets.csv")).status_code == 404
    index = (await client.get("/public/data/")).json()
    assert [r["number"] for r in index["releases"]] == [2, 1]
    # Release 1's bytes did not change when release 2 appeared.
    assert (await client.get("/public/data/1/units.csv")).content == first.content


HOSTILE = ('=HYPERLINK("http://x")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx")


async def test_formula_cells_are_neutralised_like_internal_exports(
    client: httpx.AsyncClient, db: Database, settings: Settings, org: Org
) -> None:
    """Issue 8 point 8: every public CSV text cell that would run as a formula is prefixed
    with an apostrophe by the same function as the internal exports; JSON keeps the text."""
    import sqlalchemy as sa

    from server.db.models import PublicService, SurveyFollowUp, Unit
    from server.services.csv_files import protect_cell
    from server.services.reports.tables import _csv_text
    from tests.api.releases.conftest import add_follow_up

    await add_service(db, org, "BADAN", "LAY-A", [[4] * 9] * 10, users=50)
    for text in HOSTILE:
        await add_follow_up(db, org, "BADAN", text)
    async with db.write() as s:
        await s.execute(
            sa.update(Unit).where(Unit.code == "BADAN").values(name=HOSTILE[0] + " Badan")
        )
        await s.execute(sa.update(PublicService).values(name=HOSTILE[3]))
        assert len(list(await s.scalars(sa.select(SurveyFollowUp)))) == len(HOSTILE)
    await publish(db, settings)

    def cells(name: str) -> list[dict[str, str]]:
        return list(csv.DictReader(io.StringIO(files[name].decode("utf-8"), newline="")))

    files = {
        name: (await client.get(f"/public/data/1/{name}")).content
        for name in ("units.csv", "services.csv", "follow_ups.csv", "follow_ups.json")
    }
    badan = next(r for r in cells("units.csv") if r["unit_code"] == "BADAN")
    assert badan["unit_name"] == "'" + HOSTILE[0] + " Badan"
    assert cells("services.csv")[0]["service_name"] == "'" + HOSTILE[3]
    actions = [r["action"] for r in cells("follow_ups.csv")]
    assert actions == ["'" + t for t in HOSTILE]
    assert actions == [protect_cell(t) for t in HOSTILE]
    # One rule for every CSV the application writes: the reports give the same cells.
    assert [_csv_text(t) for t in HOSTILE] == actions
    assert [r["action"] for r in orjson.loads(files["follow_ups.json"])["rows"]] == list(HOSTILE)
    # Numbers stay numbers: a negative count or an empty cell is not text to neutralise.
    for row in cells("units.csv"):
        assert not row["headcount"].startswith("'")


CONTEXT = ("release", "period", "period_label", "period_start", "period_end")
UNIT_CONTEXT = ("unit_code", "unit_name", "unit_kind", "parent_code", "parent_name")


async def test_every_csv_row_reads_without_a_join(
    client: httpx.AsyncClient, db: Database, settings: Settings, org: Org
) -> None:
    """Issue 10 point 4: period, release, unit and parent (code and name) on every row; unsur
    by their 14/2017 names; shares beside counts; no stray column; nothing empty reads 0."""
    from tests.api.releases.conftest import add_follow_up

    await add_service(db, org, "BID-C", "LAY-B", [[4, 3, 3, 2, 4, 4, 3, 3, 4]] * 12, users=40)
    await add_follow_up(db, org, "BID-C", "Memperpendek antrean loket")
    await publish(db, settings)
    package = (await client.get("/public/data/1/datapackage.json")).json()
    assert package["synthetic"] is settings.demo_mode
    assert package["period"]["label"] == "Semester 1 2026"
    for dataset in DATASETS:
        text = (await client.get(f"/public/data/1/{dataset}.csv")).content.decode("utf-8")
        rows = list(csv.DictReader(io.StringIO(text)))
        assert rows, dataset
        resource = next(r for r in package["resources"] if r["path"] == f"{dataset}.csv")
        described = [f["name"] for f in resource["schema"]["fields"]]
        assert described == list(rows[0]), dataset  # the dictionary names every column
        assert "objections_pending_status" not in rows[0] or dataset == "units"
        for row in rows:
            assert [row[c] for c in CONTEXT] == [
                "1",
                "2026-S1",
                "Semester 1 2026",
                "2026-01-01",
                "2026-06-30",
            ], dataset
            for c in UNIT_CONTEXT:
                assert c in row, (dataset, c)
            if row["unit_code"]:
                assert row["unit_name"] == f"Unit {row['unit_code']}", (dataset, row)
                if row["unit_code"] != "KOTA":
                    assert row["parent_name"] == f"Unit {row['parent_code']}", (dataset, row)
    services = list(
        csv.DictReader(io.StringIO((await client.get("/public/data/1/services.csv")).text))
    )
    assert list(services[0])[-8:] == [
        "survey_responses",
        "ikm",
        "ikm_converted",
        "ikm_band",
        "ikm_status",
        "service_population",
        "required_sample",
        "sample_sufficient",
    ]
    row = services[0]
    assert (row["unit_code"], row["unit_name"], row["parent_code"], row["parent_name"]) == (
        "BID-C",
        "Unit BID-C",
        "DINAS",
        "Unit DINAS",
    )
    unsur = list(
        csv.DictReader(io.StringIO((await client.get("/public/data/1/ikm_unsur.csv")).text))
    )
    names = {r["unsur"]: r["unsur_name"] for r in unsur}
    assert names["U1"] == "Persyaratan"
    assert names["U8"] == "Penanganan Pengaduan, Saran dan Masukan"
    assert len(names) == 9
    # Only scopes someone answered for: a unit with no survey has no nine empty rows.
    assert {r["unit_code"] for r in unsur if r["scope"] == "UNIT"} == {"BID-C", "DINAS", "KOTA"}
    follow = list(
        csv.DictReader(io.StringIO((await client.get("/public/data/1/follow_ups.csv")).text))
    )
    assert (follow[0]["unsur"], follow[0]["unsur_name"]) == ("U3", "Waktu Penyelesaian")
    # No evaluation in this fixture: the distribution is not available — empty, never 0.
    dist = list(
        csv.DictReader(io.StringIO((await client.get("/public/data/1/distribution.csv")).text))
    )
    assert dist
    assert {(r["count"], r["count_status"], r["share_pct"]) for r in dist} == {
        ("", "NOT_AVAILABLE", "")
    }
    as_json = orjson.loads((await client.get("/public/data/1/distribution.json")).content)
    assert {r["count"] for r in as_json["rows"]} == {None}


async def test_distribution_shares_only_when_every_count_is_published(
    client: httpx.AsyncClient, db: Database, settings: Settings, org: Org
) -> None:
    from server.services.releases.builder import EvaluationFacts

    facts = EvaluationFacts(
        distribution={
            "BID-C": {"SANGAT_BAIK": 6, "BAIK": 20, "BUTUH_PERBAIKAN": 4},
            "BID-B": {"BAIK": 12},
        }
    )
    await publish(db, settings, evaluation=facts)
    dist = list(
        csv.DictReader(io.StringIO((await client.get("/public/data/1/distribution.csv")).text))
    )
    by_unit: dict[str, list[dict[str, str]]] = {}
    for r in dist:
        by_unit.setdefault(r["unit_code"], []).append(r)
    for code, rows in by_unit.items():
        published = all(r["count"] != "" for r in rows)
        if published:
            total = sum(int(r["count"]) for r in rows)
            for r in rows:
                assert float(r["share_pct"]) == round(int(r["count"]) * 100 / total, 2), code
        else:
            assert {r["share_pct"] for r in rows} == {""}, code
    bid_c = {r["category"]: r for r in by_unit["BID-C"]}
    assert bid_c["BAIK"]["category_label"] == "Baik"
    # Withheld by the audit across tables (pair_audit.audit_single) where the distribution
    # and head counts would pin a coverage: no share then.
    assert bid_c["BAIK"]["share_pct"] == ("66.67" if bid_c["BAIK"]["count"] else "")
    # A unit no one was distributed in is not available, not five zeros.
    assert {r["count_status"] for r in by_unit["BADAN"]} == {"NOT_AVAILABLE"}


async def test_datapackage_says_synthetic_for_the_demo(
    client: httpx.AsyncClient, db: Database, settings: Settings, org: Org
) -> None:
    import dataclasses

    from server.services.actor import system_actor
    from server.services.releases.publish import options_from_settings, publish_release

    demo = dataclasses.replace(settings, demo_mode=True)
    options = options_from_settings(demo, provisional=True)
    assert options.synthetic is True
    real = dataclasses.replace(settings, demo_mode=False)
    assert options_from_settings(real, provisional=True).synthetic is False
    await publish_release(db, system_actor("test"), "2026-S1", options)
    package = (await client.get("/public/data/1/datapackage.json")).json()
    assert package["synthetic"] is True
    assert package["title"].startswith("[DEMO]")
    assert "SINTETIS" in package["description"]
