"""Honest release history: latest = newest period, series of one granularity, public notes,
changelogs and the audit's figures."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from server.config import Settings
from server.db.engine import Database
from server.services.actor import system_actor
from server.services.releases import publish as publish_module
from server.services.releases.pair_audit import protect_correction, protect_single
from server.services.releases.publish import options_from_settings, publish_release
from tests.api.releases.conftest import Org, add_staff, public, publish


async def test_latest_is_the_newest_periods_current_release(
    client: httpx.AsyncClient, db: Database, settings: Settings, org: Org
) -> None:
    await publish(db, settings, "2026-S1")  # 1
    await publish(db, settings, "2025")  # 2: published later, about an older period
    await publish(db, settings, "2025-S2")  # 3
    options = options_from_settings(
        settings, supersede=True, provisional=True, note="Koreksi: satu pegawai terlewat"
    )
    await publish_release(db, system_actor("test"), "2025", options)  # 4 replaces 2
    body = await public(client, "{ latestRelease { number periodCode granularity } }")
    assert body["data"]["latestRelease"] == {
        "number": 1,
        "periodCode": "2026-S1",
        "granularity": "SEMESTER",
    }
    assert (
        (await client.get("/public/data/latest/units.csv"))
        .headers["location"]
        .startswith("/public/data/1/")
    )
    series = """query($g: PeriodGranularity) { unitTimeSeries(code: "BADAN", granularity: $g) {
      releaseNumber periodCode } }"""
    semesters = (await public(client, series))["data"]["unitTimeSeries"]
    assert [(s["releaseNumber"], s["periodCode"]) for s in semesters] == [
        (3, "2025-S2"),
        (1, "2026-S1"),
    ]
    years = (await public(client, series, {"g": "YEAR"}))["data"]["unitTimeSeries"]
    assert [(s["releaseNumber"], s["periodCode"]) for s in years] == [(4, "2025")]
    notes = await public(client, "{ release(number: 4) { note supersedesNumber } }")
    assert notes["data"]["release"] == {
        "note": "Koreksi: satu pegawai terlewat",
        "supersedesNumber": 2,
    }


async def test_every_release_has_a_changelog_and_its_audit_figures(
    client: httpx.AsyncClient, db: Database, settings: Settings, org: Org
) -> None:
    await publish(db, settings, "2026-S1")
    await add_staff(db, org, "BADAN", 1)
    await publish(db, settings, "2026-S1", supersede=True)
    query = """query($n: Int!) { release(number: $n) {
      changes { unitCode figure previous current }
      protectionReport { cellsWithheld cellsAdded linearProgrammes seconds } } }"""
    first = (await public(client, query, {"n": 1}))["data"]["release"]
    second = (await public(client, query, {"n": 2}))["data"]["release"]
    assert first["changes"] == []
    assert {"unitCode": "BADAN", "figure": "headcount", "previous": "25", "current": "26"} in (
        second["changes"]
    )
    assert {"unitCode": None, "figure": "headcount", "previous": "103", "current": "104"} in (
        second["changes"]
    )
    audit = first["protectionReport"]
    assert audit["cellsWithheld"] > 0
    assert audit["linearProgrammes"] > 0
    assert audit["seconds"] >= 0  # recorded; no limit asserted (the machines are shared)


async def test_the_audit_runs_off_the_event_loop_for_a_release_and_a_correction(
    db: Database, settings: Settings, org: Org, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Auditing a large release takes a minute: on the event loop's thread it would stop the
    server answering anyone else meanwhile (an e2e login timed out behind one)."""
    loop_thread = threading.get_ident()
    audited_on: list[int] = []

    def on_thread(audit: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any) -> Any:
            audited_on.append(threading.get_ident())
            return audit(*args)

        return run

    monkeypatch.setattr(publish_module, "protect_single", on_thread(protect_single))
    monkeypatch.setattr(publish_module, "protect_correction", on_thread(protect_correction))
    await publish(db, settings, "2025")
    options = options_from_settings(settings, supersede=True, provisional=True, note="Koreksi")
    await publish_release(db, system_actor("test"), "2025", options)
    assert len(audited_on) == 2
    assert loop_thread not in audited_on
