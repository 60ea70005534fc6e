"""The disclosure audit against the attacks of issue 10: a solver on the published figures."""

from __future__ import annotations

import httpx
import pytest

from server.config import Settings
from server.db.engine import Database
from server.domain.disclosure import DisclosurePolicy
from server.domain.disclosure_audit import DisclosureAuditError, Problem, Relation, audit, protect
from server.domain.enums import UnitKind
from server.services.releases import read
from server.services.releases.builder import EvaluationFacts, ObjectionTally, RawRelease, RawUnit
from server.services.releases.disclosure_tables import protect_release
from server.services.releases.pair_audit import protect_single
from server.services.releases.periods import parse_period
from tests.api.releases.attacker import attack_release, pinned, release_figures
from tests.api.releases.conftest import Org, add_staff, build_org, public, publish, set_plans

PERIOD = parse_period("2026-S1")


def _raw(
    tree: dict[str, tuple[str | None, int]], evaluation: EvaluationFacts | None = None
) -> RawRelease:
    units = [
        RawUnit(code, f"Unit {code}", "BIDANG", parent, headcount=n)
        for code, (parent, n) in tree.items()
    ]
    return RawRelease(PERIOD, units, [], [], False, evaluation=evaluation)


def test_parent_of_18_with_children_5_5_and_two_small_ones() -> None:
    """Two statuses gave ranges (below threshold: 1–4), and 18 − 5 − 5 = 8 pinned both at 4."""
    values = {"P": 18.0, "D": 0.0, "a": 5.0, "b": 5.0, "c": 4.0, "d": 4.0}
    relation = [Relation.total("P", ["D", "a", "b", "c", "d"])]
    told_a_range = Problem(
        values, relation, {"c", "d"}, lower={"c": 1, "d": 1}, upper={"c": 4, "d": 4}
    )
    assert [(i.low, i.high) for i in audit(told_a_range)] == [(4, 4), (4, 4)]
    one_status = Problem(values, relation, {"c", "d"}, sensitive={"c", "d"})
    assert [(i.low, i.high, i.passed) for i in audit(one_status)] == [(0, 8, True), (0, 8, True)]
    # Through the release's own protection: the small children are WITHHELD, never pinned.
    protected = protect_release(
        _raw({"P": (None, 0), "A": ("P", 5), "B": ("P", 5), "C": ("P", 4), "E": ("P", 4)}),
        DisclosurePolicy(),
    )
    by_code = {u.code: u for u in protected.units}
    assert [by_code[c].headcount.status for c in ("C", "E")] == ["WITHHELD", "WITHHELD"]
    assert by_code["P"].headcount.value == 18
    assert protected.audit["headcount"].intervals[("T", "C")] == (0.0, 8.0)


def test_a_wider_protection_interval_makes_the_audit_add_cells() -> None:
    values = {"P": 18.0, "D": 0.0, "a": 5.0, "b": 5.0, "c": 4.0, "d": 4.0}
    problem = Problem(
        values,
        [Relation.total("P", ["D", "a", "b", "c", "d"])],
        {"c", "d"},
        sensitive={"c", "d"},
        protection={"c": 10.0, "d": 10.0},
    )
    report = protect(problem, may_hide=lambda k: values[k] != 0)
    assert report.cells_added == 1  # one 5 is enough: c + d + a = 13
    assert [i.passed for i in audit(problem)] == [True, True, True]


def test_publication_fails_loudly_when_nothing_can_protect_a_cell() -> None:
    problem = Problem({"T": 3.0, "x": 3.0}, [Relation.total("T", ["x"])], {"x"}, sensitive={"x"})
    with pytest.raises(DisclosureAuditError, match="no published cell is left"):
        protect(problem, may_hide=lambda _k: False)


def test_objections_filed_is_upheld_plus_rejected_plus_pending() -> None:
    """A row of 6 filers with 1 upheld: upheld is small, and the row and the tree both tell it."""
    tree = {"P": (None, 0), "A": ("P", 20), "B": ("P", 20)}
    objections = {"A": ObjectionTally(6, 1, 5, 0), "B": ObjectionTally(7, 2, 5, 0)}
    facts = EvaluationFacts(distribution=None, objections=objections)
    protected = protect_release(_raw(tree, evaluation=facts), DisclosurePolicy())
    by_code = {u.code: u for u in protected.units}
    assert by_code["A"].objections_upheld.status == "WITHHELD"
    intervals = attack_release(*release_figures(protected))
    assert not [
        i
        for i in intervals
        if i.key[0] == "upheld" and i.key[2] in ("A", "B") and i.high - i.low < 1
    ]


def test_evaluated_from_head_count_and_rates_cannot_pin_a_head_count() -> None:
    """A head count withheld as a complement, its coverage published, gave the head count back
    (evaluated = head count × coverage × completion), and with it the small sibling."""
    tree = {"P": (None, 40), "SMALL": ("P", 3), "TWELVE": ("P", 12), "BIG": ("P", 30)}
    raw = _raw(tree)
    raw.skp_available = True
    for u in raw.units:
        u.skp_set = u.headcount
    protected = protect_release(raw, DisclosurePolicy())
    by_code = {u.code: u for u in protected.units}
    assert by_code["SMALL"].headcount.status == "WITHHELD"
    hidden_heads = [c for c in ("TWELVE", "BIG") if by_code[c].headcount.value is None]
    assert hidden_heads  # the complement
    for code in hidden_heads:
        assert by_code[code].skp_coverage_pct.value is None
    intervals = attack_release(*release_figures(protected))
    small = next(i for i in intervals if i.key == ("head", "T", "SMALL"))
    assert small.high - small.low >= 1


async def test_a_correction_cannot_be_differenced_against_the_release_it_replaces(
    client: httpx.AsyncClient, db: Database, settings: Settings
) -> None:
    """9 pegawai, coverage withheld; one added (10), corrected: 90 % would tell 9 of 9."""
    tree = {
        "KOTA": (UnitKind.INSTANSI, None, 20),
        "NINE": (UnitKind.PERANGKAT_DAERAH, "KOTA", 9),
        "BIG": (UnitKind.PERANGKAT_DAERAH, "KOTA", 25),
    }
    org = await build_org(db, tree)
    await set_plans(db, [e for ids in org.employees.values() for e in ids][:40])
    await publish(db, settings, "2026-S1")
    await add_staff(db, org, "NINE", 1)
    await publish(db, settings, "2026-S1", supersede=True)
    query = """query($n: Int!) { release(number: $n) { unit(code: "NINE") {
      headcount skpCoveragePct skpCoveragePctStatus } } }"""
    first = (await public(client, query, {"n": 1}))["data"]["release"]["unit"]
    second = (await public(client, query, {"n": 2}))["data"]["release"]["unit"]
    assert (first["headcount"], first["skpCoveragePct"]) == (9, None)
    assert second["headcount"] == 10
    assert (second["skpCoveragePct"], second["skpCoveragePctStatus"]) == (None, "WITHHELD")


async def test_no_withheld_head_count_or_small_count_of_the_fixtures_can_be_pinned(
    client: httpx.AsyncClient, db: Database, settings: Settings, org: Org
) -> None:
    await set_plans(db, [e for ids in org.employees.values() for e in ids][:50])
    await publish(db, settings)
    snapshot = await read.load_release(db, 1)
    assert snapshot is not None
    intervals = attack_release(snapshot.city, list(snapshot.units))
    assert intervals
    heads = [i for i in intervals if i.key[0] == "head"]
    assert heads
    assert not pinned(heads), pinned(heads)


def test_a_distribution_counting_everyone_does_not_tell_the_withheld_coverage() -> None:
    """The people of a distribution were evaluated, and the evaluated had a set SKP: a total
    whose published distribution counts its whole published head count tells that its
    withheld coverage and completion are 100 % (issue 10, item 1; the demo's 2025 PEMKOT).
    Each table's own audit does not see it; the audit across the tables does."""
    tree = {"P": (None, 0), "A": ("P", 20), "B": ("P", 20), "C": ("P", 3)}
    units = [
        RawUnit(code, f"Unit {code}", "BIDANG", parent, headcount=n, skp_set=n)
        for code, (parent, n) in tree.items()
    ]
    everyone = {code: n for code, (_parent, n) in tree.items()}
    facts = EvaluationFacts(
        distribution={c: {"BAIK": n - n // 3, "SANGAT_BAIK": n // 3} for c, n in everyone.items()},
        eligible=everyone,
        completed=everyone,
    )
    raw = RawRelease(PERIOD, units, [], [], True, evaluation=facts)
    tables_alone = release_figures(protect_release(raw, DisclosurePolicy()))
    told = {i.key for i in pinned(attack_release(*tables_alone)) if i.high > 0}
    assert ("skp_coverage_pct", "T", "P") in told  # 43 distributed of 43: 100 %
    protected = protect_single(raw, DisclosurePolicy())
    assert not [i for i in pinned(attack_release(*release_figures(protected))) if i.high > 0]
    joint = protected.audit["joint"]
    assert joint.cells_added > 0
    assert joint.cells_withheld == 0  # the tables count them
    total = protected.audit_report()["total"]
    assert isinstance(total, dict)
    assert total["cells_added"] >= joint.cells_added
