"""Issue 10 point 3: every example query the /api-publik page offers (schema/examples, the
same files /public/examples/<name>.graphql serves) returns data on the demo and names only
codes that exist in it."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

import httpx

from server import clock
from server.config import Settings
from server.db.engine import Database
from server.demo.seed_survey import demo_release_periods, load_demo_surveys
from server.services.actor import system_actor
from server.services.releases.publish import options_from_settings, publish_release
from tests.api.releases.conftest import public
from tests.bench_support import DEMO_TODAY, seed_demo

EXAMPLES = Path(__file__).resolve().parents[3] / "schema" / "examples"
# A code in a variable default or an argument: `$code: String! = "DPUPR"`, `unit(code: "X")`.
CODE = re.compile(r"\b(?:code|unitCode|parentCode)\b[^\"\n]*?\"([^\"]+)\"")
# Lists that are empty by definition on some releases (a period's first release has no
# changelog); everything else an example asks for must have rows on the demo.
MAY_BE_EMPTY = {"changes"}


def _empty_lists(value: Any, path: str = "") -> list[str]:
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _empty_lists(v, f"{path}.{k}")]
    if isinstance(value, list):
        if not value:
            return [] if path.rsplit(".", 1)[-1] in MAY_BE_EMPTY else [path]
        return [p for i, v in enumerate(value) for p in _empty_lists(v, f"{path}[{i}]")]
    return []


def _nulls_at_root(data: dict[str, Any]) -> list[str]:
    """Root fields, and the objects right under them, that came back null (a wrong code or
    release number gives exactly that)."""
    found = [k for k, v in data.items() if v is None]
    for k, v in data.items():
        if isinstance(v, dict):
            found += [f"{k}.{f}" for f, x in v.items() if x is None and f in {"unit", "city"}]
    return found


async def test_every_example_returns_demo_data_and_uses_existing_codes(
    client: httpx.AsyncClient, db: Database, settings: Settings
) -> None:
    with clock.frozen(datetime.combine(DEMO_TODAY, time(5), tzinfo=UTC)):
        await seed_demo(settings, 120, migrate=False)
        await load_demo_surveys(db)
        for period, provisional in demo_release_periods(DEMO_TODAY):
            options = options_from_settings(settings, provisional=provisional)
            await publish_release(db, system_actor("test"), period, options)
        existing = {
            u["code"] for u in (await public(client, "{ units { code } }"))["data"]["units"]
        }
        files = sorted(EXAMPLES.glob("*.graphql"))
        assert len(files) >= 6
        for path in files:
            text = path.read_text(encoding="utf-8")
            codes = CODE.findall(text)
            assert set(codes) <= existing, (path.name, set(codes) - existing)
            served = await client.get(f"/public/examples/{path.name}")
            assert served.status_code == 200
            assert served.text == text  # what the page opens is what is checked here
            body = await public(client, text)  # also checks extensions.cost
            assert "errors" not in body, (path.name, body)
            assert body["data"], path.name
            assert _nulls_at_root(body["data"]) == [], (path.name, body["data"])
            assert _empty_lists(body["data"]) == [], path.name
