"""The public GraphQL API over releases: content, pagination, series, examples, descriptions."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from graphql import GraphQLEnumType, GraphQLObjectType, get_introspection_query

from server.api.public.schema import schema as public_schema
from server.config import Settings
from server.db.engine import Database
from tests.api.releases.conftest import (
    Org,
    add_follow_up,
    add_service,
    public,
    publish,
    set_plans,
)

EXAMPLES = sorted((Path(__file__).resolve().parents[3] / "schema" / "examples").glob("*.graphql"))
EXAMPLE_TEXT = {p.stem: p.read_text(encoding="utf-8") for p in EXAMPLES}
GOOD = [4, 4, 3, 4, 3, 4, 4, 3, 4]


@pytest.fixture
async def seeded(db: Database, settings: Settings, org: Org) -> Org:
    await set_plans(db, org.employees["BADAN"][:20] + org.employees["DINAS"][:10])
    await add_service(db, org, "BADAN", "LAY-KTP", [GOOD] * 12, users=100)
    await add_service(db, org, "BID-C", "LAY-IZIN", [[3] * 9] * 4)  # 4 responses: withheld
    await add_follow_up(db, org, "DINAS", "Menambah loket antrean")
    await publish(db, settings)
    return org


async def test_releases_and_city_summary(client: httpx.AsyncClient, seeded: Org) -> None:
    body = await public(
        client,
        "{ releases { number periodCode periodStart periodEnd methodologyVersion supersedesNumber } "
        "latestRelease { number city { scope code headcount skpCoveragePct survey { responses } } } "
        "release(number: 1) { periodCode } missing: release(number: 99) { number } }",
    )
    assert "errors" not in body, body
    data = body["data"]
    assert data["releases"] == [
        {
            "number": 1,
            "periodCode": "2026-S1",
            "periodStart": "2026-01-01",
            "periodEnd": "2026-06-30",
            "methodologyVersion": "1.1",
            "supersedesNumber": None,
        }
    ]
    city = data["latestRelease"]["city"]
    assert city["scope"] == "CITY"
    assert city["code"] is None
    assert city["headcount"] == 103
    assert city["skpCoveragePct"] == round(100 * 30 / 103, 2)
    assert city["survey"]["responses"] == 16
    assert data["missing"] is None


async def test_pagination_sorting_and_page_size_limit(
    client: httpx.AsyncClient, seeded: Org
) -> None:
    query = (
        "query($first: Int, $after: String) { latestRelease { units(first: $first, after: $after, "
        "orderBy: HEADCOUNT, descending: true) { totalCount pageInfo { hasNextPage endCursor } "
        "edges { node { code headcount } } } } }"
    )
    first = (await public(client, query, {"first": 3}))["data"]["latestRelease"]["units"]
    assert first["totalCount"] == 7
    assert [e["node"]["code"] for e in first["edges"]] == ["KOTA", "DINAS", "BID-C"]
    assert first["pageInfo"]["hasNextPage"] is True
    rest = await public(client, query, {"first": 10, "after": first["pageInfo"]["endCursor"]})
    nodes = [e["node"] for e in rest["data"]["latestRelease"]["units"]["edges"]]
    assert [n["code"] for n in nodes] == ["BADAN", "KECIL", "BID-A", "BID-B"]
    assert [n["headcount"] for n in nodes[-2:]] == [None, None]  # withheld values come last
    too_big = await public(client, query, {"first": 101})
    assert too_big["data"]["latestRelease"] is None
    assert "100" in too_big["errors"][0]["message"]
    bad = await public(client, query, {"first": 2, "after": "bm9wZQ=="})
    assert "cursor" in bad["errors"][0]["message"].lower()


async def test_unit_services_ikm_and_follow_ups(client: httpx.AsyncClient, seeded: Org) -> None:
    body = await public(
        client,
        '{ latestRelease { unit(code: "badan") { name survey { responses ikm ikmConverted band '
        "requiredSample sampleSufficient unsur { unsur nrr } } } "
        "city { survey { responses ikm ikmConverted band unsur { nrr } } } "
        'dinas: unit(code: "DINAS") { followUps { action unsur targetDate done } survey { responses status } } '
        "services { edges { node { code unitCode survey { responses ikmConverted status unsur { nrr nrrStatus } } } } } } }",
    )
    assert "errors" not in body, body
    release = body["data"]["latestRelease"]
    badan = release["unit"]["survey"]
    # The city (16) is BADAN (12) and DINAS (4): with BADAN's scores shown, DINAS's would be
    # the city's minus BADAN's. BADAN's row is the complement: its IKM and NRR are withheld.
    assert (badan["responses"], badan["ikm"], badan["ikmConverted"], badan["band"]) == (
        12,
        None,
        None,
        None,
    )
    assert {u["nrr"] for u in badan["unsur"]} == {None}
    assert (badan["requiredSample"], badan["sampleSufficient"]) == (80, False)
    # The city: 12 × (4, 4, 3, 4, 3, 4, 4, 3, 4) and 4 × 3 everywhere. NRR U1 (48 + 12) / 16 =
    # 3.75, U3 (36 + 12) / 16 = 3; IKM (12 × 33 + 4 × 27) / (16 × 9) = 3.5 → 87.5 (B).
    city = release["city"]["survey"]
    assert (city["responses"], city["ikm"], city["ikmConverted"], city["band"]) == (
        16,
        3.5,
        87.5,
        "B",
    )
    assert [u["nrr"] for u in city["unsur"]][:3] == [3.75, 3.75, 3.0]
    dinas = release["dinas"]
    assert dinas["followUps"] == [
        {
            "action": "Menambah loket antrean",
            "unsur": "U3",
            "targetDate": "2026-09-30",
            "done": False,
        }
    ]
    # DINAS pools BID-C's 4 answers: fewer than 10 people, withheld with the reason.
    assert dinas["survey"] == {"responses": 4, "status": "WITHHELD"}
    services = {e["node"]["code"]: e["node"] for e in release["services"]["edges"]}
    assert services["LAY-IZIN"]["survey"]["ikmConverted"] is None
    assert services["LAY-IZIN"]["survey"]["status"] == "WITHHELD"
    assert {u["nrrStatus"] for u in services["LAY-IZIN"]["survey"]["unsur"]} == {"WITHHELD"}
    assert services["LAY-KTP"]["unitCode"] == "BADAN"


async def test_time_series_across_releases(
    client: httpx.AsyncClient, db: Database, settings: Settings, seeded: Org
) -> None:
    await publish(db, settings, "2026-S2")
    await publish(db, settings, "2026-S2", supersede=True)
    body = await public(
        client,
        '{ a: unitTimeSeries(code: "BADAN") { releaseNumber periodCode headcount } '
        'b: unitTimeSeries(code: "BADAN", includeSuperseded: true) { releaseNumber } }',
    )
    assert "errors" not in body, body
    assert body["data"]["a"] == [
        {"releaseNumber": 1, "periodCode": "2026-S1", "headcount": 25},
        {"releaseNumber": 3, "periodCode": "2026-S2", "headcount": 25},
    ]
    assert [p["releaseNumber"] for p in body["data"]["b"]] == [1, 2, 3]


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
async def test_example_queries_run(client: httpx.AsyncClient, seeded: Org, path: Path) -> None:
    text = EXAMPLE_TEXT[path.stem]
    # The examples default to a demo unit (test_demo_examples runs them on the demo); this
    # fixture's organisation has its own codes.
    body = await public(client, text, {"code": "DINAS"} if "$code" in text else None)
    assert "errors" not in body, body

    def non_empty(value: Any) -> bool:
        if isinstance(value, dict):
            return any(non_empty(v) for v in value.values())
        if isinstance(value, list):
            return any(non_empty(v) for v in value)
        return value is not None

    assert non_empty(body["data"]), body


def test_there_are_examples() -> None:
    assert len(EXAMPLES) >= 4


def test_every_type_and_field_is_described_in_both_languages() -> None:
    missing: list[str] = []
    for name, type_ in public_schema._schema.type_map.items():
        if name.startswith("__") or name in {
            "String",
            "Int",
            "Float",
            "Boolean",
            "ID",
            "Date",
            "DateTime",
        }:
            continue
        if not type_.description or " / " not in type_.description:
            missing.append(name)
        if isinstance(type_, GraphQLObjectType):
            for field_name, field in type_.fields.items():
                if not field.description or " / " not in field.description:
                    missing.append(f"{name}.{field_name}")
        if isinstance(type_, GraphQLEnumType) and name != "UnitKind":
            assert type_.description
    assert missing == []


PERSONAL = re.compile(
    r"nip|nik\b|person|pegawaiName|employee|penilai|assessor|rating|predikat|predicate|score_?of|login|email|phone|alamat|address|birth|gender",
    re.IGNORECASE,
)


async def test_introspection_finds_nothing_personal(client: httpx.AsyncClient, seeded: Org) -> None:
    body = await public(client, get_introspection_query(descriptions=False))
    assert "errors" not in body, body
    names: set[str] = set()
    for t in body["data"]["__schema"]["types"]:
        if t["name"].startswith("__"):
            continue
        names.add(t["name"])
        for f in t.get("fields") or []:
            names.add(f["name"])
            names.update(a["name"] for a in f.get("args") or [])
    assert {"headcount", "distribution", "unitTimeSeries", "ikmConverted"} <= names
    assert sorted(n for n in names if PERSONAL.search(n)) == []


async def test_answers_never_contain_people(client: httpx.AsyncClient, seeded: Org) -> None:
    text = ""
    for path in EXAMPLES:
        response = await client.post(
            "/public/graphql", json={"query": path.read_text(encoding="utf-8")}
        )
        text += response.text
    assert text
    for nip in seeded.nips:
        assert nip not in text
    assert "Warga Rekaan" not in text


async def test_filters_for_level_sample_and_several_kinds(
    client: httpx.AsyncClient, db: Database, settings: Settings, org: Org
) -> None:
    """Issue 10 point 4: lists filter by organisation level (an enum), by Krejcie–Morgan
    sample sufficiency and by several unit kinds; names come with codes (no join)."""
    from server.services.releases.builder import EvaluationFacts

    await add_service(db, org, "BID-C", "LAY-CUKUP", [[4] * 9] * 50, users=50)
    await add_service(db, org, "BADAN", "LAY-KURANG", [[3] * 9] * 10, users=50)
    await add_service(db, org, "KECIL", "LAY-TANPA-N", [[3] * 9] * 10)
    facts = EvaluationFacts(
        distribution=None, org_predicates={"BID-C": "BAIK", "BADAN": "ISTIMEWA"}
    )
    await publish(db, settings, evaluation=facts)

    async def units(args: str) -> list[dict[str, Any]]:
        body = await public(
            client,
            "{ release(number: 1) { units(" + args + ", orderBy: CODE) { totalCount edges "
            "{ node { code parentCode parentName orgPerformance orgPerformanceLevel kind } } } } }",
        )
        assert "errors" not in body, body
        return [e["node"] for e in body["data"]["release"]["units"]["edges"]]

    baik = await units("orgPerformanceLevels: [BAIK, ISTIMEWA]")
    assert [(u["code"], u["orgPerformanceLevel"]) for u in baik] == [
        ("BADAN", "ISTIMEWA"),
        ("BID-C", "BAIK"),
    ]
    assert baik[1]["orgPerformance"] == "BAIK"  # the deprecated string agrees
    assert (baik[1]["parentCode"], baik[1]["parentName"]) == ("DINAS", "Unit DINAS")
    kinds = await units("kinds: [BIDANG, INSTANSI]")
    assert {u["kind"] for u in kinds} == {"BIDANG", "INSTANSI"}
    assert len(kinds) == 4
    assert {u["code"] for u in await units("sampleSufficient: true")} >= {"BID-C"}
    assert "KECIL" not in {u["code"] for u in await units("sampleSufficient: true")}
    assert "KECIL" not in {u["code"] for u in await units("sampleSufficient: false")}

    async def services(args: str) -> list[dict[str, Any]]:
        body = await public(
            client,
            "{ release(number: 1) { services(" + args + ") { edges { node { code unitCode "
            "unitName survey { sampleSufficient unsur { unsur name } } } } } } }",
        )
        assert "errors" not in body, body
        return [e["node"] for e in body["data"]["release"]["services"]["edges"]]

    assert [s["code"] for s in await services("sampleSufficient: true")] == ["LAY-CUKUP"]
    assert [s["code"] for s in await services("sampleSufficient: false")] == ["LAY-KURANG"]
    by_kind = await services("unitKinds: [PERANGKAT_DAERAH]")
    assert sorted(s["code"] for s in by_kind) == ["LAY-KURANG", "LAY-TANPA-N"]
    first = (await services("unitKinds: [BIDANG]"))[0]
    assert (first["unitCode"], first["unitName"]) == ("BID-C", "Unit BID-C")
    assert first["survey"]["unsur"][0] == {"unsur": "U1", "name": "Persyaratan"}
    # Wrong input: an unknown level is a validation error; too many values a clear error.
    bad = await public(client, "{ release(number: 1) { units(orgPerformanceLevels: [HEBAT]) "
                       "{ totalCount } } }")  # fmt: skip
    assert bad["errors"]
    assert bad.get("data") is None
    many = ", ".join(["BIDANG"] * 21)
    body = await public(
        client, "{ release(number: 1) { units(kinds: [" + many + "]) { totalCount } } }"
    )
    assert body["errors"][0]["extensions"]["code"] == "BAD_FILTER"
    listed = await public(client, "{ units(kinds: [BIDANG, INSTANSI]) { code kind } }")
    assert {u["kind"] for u in listed["data"]["units"]} == {"BIDANG", "INSTANSI"}
