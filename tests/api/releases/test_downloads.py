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
    assert header[:9] == [
        "release",
        "period",
        "scope",
        "unit_code",
        "unit_name",
        "unit_kind",
        "parent_code",
        "depth",
        "headcount",
    ]
    assert header[9] == "headcount_status"
    small = next(r for r in rows if r["unit_code"] == "BID-A")
    assert (small["headcount"], small["headcount_status"]) == ("", "BELOW_THRESHOLD")
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
