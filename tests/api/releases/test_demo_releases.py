"""The demo publishes audited releases with survey data, and a solver on their published
figures pins none of their withheld head counts, counts, percentages above zero or survey
scores."""

from __future__ import annotations

from datetime import UTC, datetime, time

from server import clock
from server.config import Settings
from server.db.engine import Database
from server.demo.seed_survey import demo_release_periods, load_demo_surveys
from server.services.actor import system_actor
from server.services.releases import read
from server.services.releases.publish import options_from_settings, publish_release
from tests.api.releases.attacker import attack_release, attack_survey, pinned
from tests.bench_support import DEMO_TODAY, seed_demo


async def test_demo_releases_have_data_and_survive_the_solver(
    db: Database, settings: Settings
) -> None:
    with clock.frozen(datetime.combine(DEMO_TODAY, time(5), tzinfo=UTC)):
        await seed_demo(settings, 120, migrate=False)
        surveys = await load_demo_surveys(db)
        assert surveys.services >= 10
        assert surveys.responses > 500
        numbers = []
        for period, provisional in demo_release_periods(DEMO_TODAY):
            options = options_from_settings(settings, provisional=provisional)
            result = await publish_release(db, system_actor("test"), period, options)
            numbers.append(result.number)
    assert len(numbers) == 2
    threshold = settings.disclosure_min_headcount
    annual = await read.load_release(db, numbers[0])
    assert annual is not None
    assert annual.info.period_code == str(DEMO_TODAY.year - 1)
    # Keberatan filed during last year (against quarterly results, all rejected) are counted
    # in last year's release: the city total is published and above zero.
    city = annual.city
    assert city.objections_filed is not None
    assert city.objections_filed >= threshold
    assert city.objections_rejected == city.objections_filed
    assert (city.objections_upheld, city.objections_pending) == (0, 0)
    # Per unit: every published objection count is zero or about enough people.
    for unit in annual.units:
        for part in ("filed", "upheld", "rejected", "pending"):
            value = getattr(unit, f"objections_{part}")
            status = getattr(unit, f"objections_{part}_status")
            assert (value is None) == (status is not None), (unit.code, part)
            assert value is None or value == 0 or value >= threshold, (unit.code, part, value)
    for number in numbers:
        snapshot = await read.load_release(db, number)
        assert snapshot is not None
        report = snapshot.info.audit_report
        assert report is not None
        total = report["total"]
        assert isinstance(total, dict)
        # The time the audit took is stored (no limit asserted: these machines are shared).
        assert isinstance(total["seconds"], int | float)
        assert total["seconds"] >= 0
        # The audit across the tables ran (distributed ≤ evaluated ≤ eligible ≤ head count).
        tables = report["tables"]
        assert isinstance(tables, dict)
        assert "joint" in tables
        bands = {s.survey.ikm_band for s in snapshot.services} - {None}
        assert len(bands) >= 3, bands
        assert any(s.survey.sample_sufficient is False for s in snapshot.services)
        intervals = attack_release(snapshot.city, list(snapshot.units))
        assert intervals
        # A withheld zero under a published zero total is known to be zero: it describes no
        # one (the primary rule's own reading of zero). Anything else pinned is a disclosure.
        exposed = [i for i in pinned(intervals) if i.high > 0]
        assert not exposed, exposed[:10]
        # The survey: score sums (NRR × answers) over services, units and the city, and IKM.
        survey = attack_survey(snapshot.city, list(snapshot.units), list(snapshot.services))
        assert not pinned(survey), pinned(survey)[:10]
