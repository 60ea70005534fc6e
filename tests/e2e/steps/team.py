"""Browser steps for the assessor's team overview, "who is behind" (tests/e2e/
test_team_details.py). UI only; the API is read to compare.

    behind = behind_from_api(page, live_server)     # who is behind, from the raw API data
    open_team(page, live_server)                    # (steps.assessor)
    assert shown_behind_count(page) == len(behind)
"""

from __future__ import annotations

import re
from typing import Any

from tests.e2e.conftest import LiveServer
from tests.e2e.helpers import graphql

TEAM = """
query($year: Int!) {
  myAgenda { today }
  appraisalYear(year: $year) { periods { number realizationDue } }
  assessorInbox(year: $year) {
    entries {
      employee { id }
      plan { status workResults { indicators { latestRealization { periodNumber } } } }
    }
  }
}"""


def server_today(page: Any, live_server: LiveServer) -> str:
    return str(graphql(page, live_server, "{ myAgenda { today } }")["myAgenda"]["today"])


def behind_from_api(page: Any, live_server: LiveServer) -> set[str]:
    """Ids of the people the signed-in assessor rates who are behind this year (the server's
    today): a set SKP with an IKI whose latest realisasi does not reach the last period whose
    realisasi deadline has passed."""
    year = int(server_today(page, live_server)[:4])
    data = graphql(page, live_server, TEAM, {"year": year})
    today = data["myAgenda"]["today"]
    due = [p["number"] for p in data["appraisalYear"]["periods"] if p["realizationDue"] < today]
    if not due:
        return set()
    last = max(due)
    behind: set[str] = set()
    for entry in data["assessorInbox"]["entries"]:
        plan = entry["plan"]
        if plan is None or plan["status"] != "DITETAPKAN":
            continue
        indicators = [i for w in plan["workResults"] for i in w["indicators"]]
        filled = [
            i
            for i in indicators
            if i["latestRealization"] is not None and i["latestRealization"]["periodNumber"] >= last
        ]
        if len(filled) < len(indicators):
            behind.add(entry["employee"]["id"])
    return behind


def shown_behind_count(page: Any) -> int:
    """The number in the overview's "who is behind" warning (0 when there is none)."""
    warning = page.get_by_test_id("team-behind-count")
    if warning.count() == 0:
        return 0
    found = re.search(r"\d+", warning.inner_text())
    assert found, warning.inner_text()
    return int(found.group())
