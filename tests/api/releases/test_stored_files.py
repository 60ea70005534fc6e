"""Release files are rendered once at publication and served byte for byte from the database;
keberatan outcomes are columns of the unit rows, not pseudo-categories of the distribution."""

from __future__ import annotations

import asyncio
import csv
import hashlib
import io
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from server.config import Settings
from server.db.engine import Database
from server.db.migrate import downgrade_database, upgrade_database
from server.db.models import AuditEvent, ReleaseDistribution, ReleaseFile, ReleaseUnit
from server.services.releases import datasets
from server.services.releases.builder import CATEGORIES, EvaluationFacts, ObjectionTally
from server.services.releases.datasets import Column
from tests.api.releases.conftest import Org, add_follow_up, add_service, public, publish

FILES = [f"{d}.{ext}" for d in datasets.DATASET_TITLES for ext in ("csv", "json")]
OUTCOMES = ("filed", "upheld", "rejected", "pending")
# Direct staff: DINAS 20, BADAN 25; every count at or above the threshold of 5, or zero.
FACTS = EvaluationFacts(
    distribution=None,
    objections={
        "DINAS": ObjectionTally(filed=15, upheld=5, rejected=5, pending=5),
        "BADAN": ObjectionTally(filed=12, upheld=6, rejected=6, pending=0),
    },
)


async def _download_all(client: httpx.AsyncClient, number: int) -> dict[str, httpx.Response]:
    out: dict[str, httpx.Response] = {}
    for name in [*FILES, "datapackage.json"]:
        response = await client.get(
            f"/public/data/{number}/{name}", headers={"accept-encoding": "identity"}
        )
        assert response.status_code == 200, (name, response.text)
        out[name] = response
    return out


def _assert_checksums(served: dict[str, httpx.Response]) -> None:
    package = served["datapackage.json"].json()
    assert {r["path"] for r in package["resources"]} == set(FILES)
    for resource in package["resources"]:
        content = served[resource["path"]].content
        digest = hashlib.sha256(content).hexdigest()
        assert resource["hash"] == f"sha256:{digest}"
        assert resource["bytes"] == len(content)
        assert served[resource["path"]].headers["etag"] == f'"{digest}"'
    digest = hashlib.sha256(served["datapackage.json"].content).hexdigest()
    assert served["datapackage.json"].headers["etag"] == f'"{digest}"'


async def test_objection_outcomes_round_trip_through_columns(
    client: httpx.AsyncClient, db: Database, settings: Settings, org: Org
) -> None:
    await publish(db, settings, evaluation=FACTS)
    async with db.read() as s:
        stored = {u.unit_code: u for u in await s.scalars(sa.select(ReleaseUnit))}
        categories = set(await s.scalars(sa.select(ReleaseDistribution.category).distinct()))
    assert categories <= set(CATEGORIES)  # no keberatan pseudo-categories any more
    expected = {
        "DINAS": (15, 5, 5, 5),
        "BID-A": (0, 0, 0, 0),
        "BADAN": (12, 6, 6, 0),
        None: (27, 11, 11, 5),  # the city
        "KOTA": (27, 11, 11, 5),
    }
    for code, values in expected.items():
        row = stored[code]
        assert tuple(getattr(row, f"objections_{p}") for p in OUTCOMES) == values, code
        assert all(getattr(row, f"objections_{p}_status") is None for p in OUTCOMES), code

    fields = " ".join(
        f"objections{p.capitalize()} objections{p.capitalize()}Status" for p in OUTCOMES
    )
    body = await public(
        client,
        "{ release(number: 1) { city { " + fields + ' } unit(code: "DINAS") { ' + fields + " } } }",
    )
    assert "errors" not in body, body
    for key, code in (("city", None), ("unit", "DINAS")):
        node = body["data"]["release"][key]
        assert tuple(node[f"objections{p.capitalize()}"] for p in OUTCOMES) == expected[code]
        assert all(node[f"objections{p.capitalize()}Status"] is None for p in OUTCOMES)

    text = (await client.get("/public/data/1/units.csv")).content.decode("utf-8")
    rows = {r["unit_code"]: r for r in csv.DictReader(io.StringIO(text))}
    for code, values in expected.items():
        line = rows[code or ""]
        assert tuple(line[f"objections_{p}"] for p in OUTCOMES) == tuple(map(str, values))
        assert all(line[f"objections_{p}_status"] == "" for p in OUTCOMES)
    dist = (await client.get("/public/data/1/distribution.csv")).content.decode("utf-8")
    assert "OBJECTIONS" not in dist


async def test_without_an_appraisal_year_outcomes_are_not_available(
    client: httpx.AsyncClient, db: Database, settings: Settings, org: Org
) -> None:
    await publish(db, settings, evaluation=EvaluationFacts(distribution=None, objections=None))
    async with db.read() as s:
        rows = list(await s.scalars(sa.select(ReleaseUnit)))
    for row in rows:
        for p in OUTCOMES:
            assert getattr(row, f"objections_{p}") is None
            assert getattr(row, f"objections_{p}_status") == "NOT_AVAILABLE"


async def test_files_are_stored_at_publication_with_their_checksums(
    client: httpx.AsyncClient, db: Database, settings: Settings, org: Org
) -> None:
    await add_service(db, org, "BADAN", "LAY-KTP", [[4] * 9] * 10, users=50)
    await publish(db, settings, evaluation=FACTS)
    async with db.read() as s:
        files = {f.name: f for f in await s.scalars(sa.select(ReleaseFile))}
        audit = (
            await s.scalars(sa.select(AuditEvent).where(AuditEvent.action == "release.publish"))
        ).one()
    assert set(files) == {*FILES, "datapackage.json"}
    for f in files.values():
        assert f.sha256 == hashlib.sha256(f.content).hexdigest()
        assert f.size == len(f.content)
    assert files["units.csv"].media_type == "text/csv; charset=utf-8"
    assert files["datapackage.json"].media_type == "application/json"
    # The audit event of the publication pins the checksums too.
    assert audit.after is not None
    assert audit.after["files"] == {name: f.sha256 for name, f in files.items()}
    served = await _download_all(client, 1)
    for name, response in served.items():
        assert response.content == files[name].content
    _assert_checksums(served)


async def test_a_later_renderer_does_not_change_a_published_release(
    client: httpx.AsyncClient,
    db: Database,
    settings: Settings,
    org: Org,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    await add_service(db, org, "BADAN", "LAY-KTP", [[4] * 9] * 10, users=50)
    await add_follow_up(db, org, "BADAN", "Perbaiki antrean")
    await publish(db, settings, evaluation=FACTS)
    before = await _download_all(client, 1)

    # A later version of the layout: one more column in every dataset.
    added = Column("added", "string", "Kolom baru", "New column")
    to_csv, to_json = datasets.to_csv, datasets.to_json

    def new_csv(columns: Sequence[Column], rows: list[list[Any]]) -> bytes:
        return to_csv((*columns, added), [[*r, "baru"] for r in rows])

    def new_json(
        release: int, name: str, columns: Sequence[Column], rows: list[list[Any]]
    ) -> bytes:
        return to_json(release, name, (*columns, added), [[*r, "baru"] for r in rows])

    monkeypatch.setattr(datasets, "to_csv", new_csv)
    monkeypatch.setattr(datasets, "to_json", new_json)
    datasets.forget_cached_files()  # as a restarted (upgraded) server would

    after = await _download_all(client, 1)
    for name in before:
        assert after[name].content == before[name].content, name
        assert after[name].headers["etag"] == before[name].headers["etag"]
        assert after[name].headers["cache-control"] == "public, max-age=31536000, immutable"
    _assert_checksums(after)
    # The GraphQL API still reads the release rows.
    body = await public(client, "{ release(number: 1) { city { headcount objectionsFiled } } }")
    assert body["data"]["release"]["city"] == {"headcount": 103, "objectionsFiled": 27}

    # The new layout reaches the next release only.
    await publish(db, settings, "2026-S2", evaluation=FACTS)
    second = await _download_all(client, 2)
    assert second["units.csv"].content.decode("utf-8").splitlines()[0].endswith(",added")
    assert not before["units.csv"].content.decode("utf-8").splitlines()[0].endswith(",added")
    _assert_checksums(second)
    assert (await client.get("/public/data/1/units.csv")).content == before["units.csv"].content


async def test_a_release_without_stored_files_is_frozen_once(
    client: httpx.AsyncClient, db: Database, settings: Settings, org: Org
) -> None:
    """Releases published before migration 0007 get their files on first download."""
    await publish(db, settings, evaluation=FACTS)
    before = await _download_all(client, 1)
    async with db.write() as s:
        await s.execute(sa.delete(ReleaseFile))
    datasets.forget_cached_files()

    async def frozen_events() -> int:
        async with db.read() as s:
            return len(
                list(
                    await s.scalars(
                        sa.select(AuditEvent.id).where(AuditEvent.action == "release.files_frozen")
                    )
                )
            )

    after = await _download_all(client, 1)
    assert {n: r.content for n, r in after.items()} == {n: r.content for n, r in before.items()}
    assert await frozen_events() == 1
    datasets.forget_cached_files()
    await _download_all(client, 1)
    assert await frozen_events() == 1
    async with db.read() as s:
        assert len(list(await s.scalars(sa.select(ReleaseFile.id)))) == len(FILES) + 1


async def test_migration_0007_moves_outcomes_into_columns(db: Database, db_url: str) -> None:
    await db.dispose()
    await asyncio.to_thread(downgrade_database, db_url, "0006")
    try:
        old = Database(db_url)
        try:
            async with old.write() as s:
                ids = []
                for number in (1, 2):
                    release_id = (
                        await s.execute(
                            sa.text(
                                "INSERT INTO release (number, period_code, year, period_start, "
                                "period_end, methodology_version, headcount_threshold, "
                                "distribution_threshold, licence, licence_url, published_at, "
                                "published_by) VALUES (:n, '2026-S1', 2026, :start, :end, '1', "
                                "5, 10, 'CC BY 4.0', 'https://x', :at, 'cli') RETURNING id"
                            ),
                            {
                                "n": number,
                                "start": date(2026, 1, 1),
                                "end": date(2026, 6, 30),
                                "at": datetime(2026, 7, 1, tzinfo=UTC),
                            },
                        )
                    ).scalar_one()
                    ids.append(release_id)
                    for scope, code in (("CITY", None), ("UNIT", "DINAS")):
                        await s.execute(
                            sa.text(
                                "INSERT INTO release_unit (release_id, scope, unit_code, "
                                "unit_name, depth, survey_responses, objections_filed) "
                                "VALUES (:r, :scope, :code, 'x', 0, 0, 9)"
                            ),
                            {"r": release_id, "scope": scope, "code": code},
                        )
                cells = [
                    (None, "SANGAT_BAIK", 7, None),
                    (None, "OBJECTIONS_UPHELD", 6, None),
                    (None, "OBJECTIONS_REJECTED", None, "COMPLEMENTARY"),
                    (None, "OBJECTIONS_PENDING", None, "BELOW_THRESHOLD"),
                    ("DINAS", "OBJECTIONS_UPHELD", 5, None),
                    ("DINAS", "OBJECTIONS_REJECTED", 0, None),
                    ("DINAS", "OBJECTIONS_PENDING", 4, None),
                ]
                for code, category, count, status in cells:  # release 2 has none
                    await s.execute(
                        sa.text(
                            "INSERT INTO release_distribution (release_id, unit_code, category, "
                            "count, count_status) VALUES (:r, :code, :cat, :count, :status)"
                        ),
                        {"r": ids[0], "code": code, "cat": category, "count": count,
                         "status": status},
                    )  # fmt: skip
        finally:
            await old.dispose()
        await asyncio.to_thread(upgrade_database, db_url)

        new = Database(db_url)
        try:
            async with new.read() as s:
                units = {
                    (u.release_id, u.unit_code): u
                    for u in await s.scalars(sa.select(ReleaseUnit))
                    if u.release_id in ids
                }
                left = [
                    d.category
                    for d in await s.scalars(sa.select(ReleaseDistribution))
                    if d.release_id in ids
                ]
        finally:
            await new.dispose()

        def outcomes(u: ReleaseUnit) -> list[tuple[int | None, str | None]]:
            return [
                (getattr(u, f"objections_{p}"), getattr(u, f"objections_{p}_status"))
                for p in ("upheld", "rejected", "pending")
            ]

        assert left == ["SANGAT_BAIK"]
        assert outcomes(units[(ids[0], None)]) == [
            (6, None),
            (None, "COMPLEMENTARY"),
            (None, "BELOW_THRESHOLD"),
        ]
        assert outcomes(units[(ids[0], "DINAS")]) == [(5, None), (0, None), (4, None)]
        for code in (None, "DINAS"):
            assert outcomes(units[(ids[1], code)]) == [(None, "NOT_AVAILABLE")] * 3
            assert units[(ids[1], code)].objections_filed == 9

        # Down again: the outcomes go back to the distribution table.
        await asyncio.to_thread(downgrade_database, db_url, "0006")
        old = Database(db_url)
        try:
            async with old.read() as s:
                back = (
                    await s.execute(
                        sa.text(
                            "SELECT count FROM release_distribution WHERE release_id = :r "
                            "AND unit_code = 'DINAS' AND category = 'OBJECTIONS_PENDING'"
                        ),
                        {"r": ids[0]},
                    )
                ).scalar_one()
        finally:
            await old.dispose()
        assert back == 4
    finally:
        await asyncio.to_thread(upgrade_database, db_url)
