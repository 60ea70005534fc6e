"""A correction and the release it replaces, read together (issue 10, item 2).

Both releases stay readable, so an attacker solves their published values together: the
answers are published whole, a row whose answers did not change has the same score sums, and
one answer more adds one to four points. A cell the first release withheld must not be pinned
by the pair: the correction withholds it again (server.services.releases.publish
``withheld_in``) and its audit protects it as it protects its own withheld cells. Nor may
a cell the correction withholds be pinned by what the first published: a row unchanged since
is known, so it never serves as a complement. The evaluation tables of both releases are
then audited as one programme (server.services.releases.pair_audit), which the attacker
here reads independently.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from decimal import Decimal

import httpx
import sqlalchemy as sa

from server.config import Settings
from server.db.engine import Database
from server.db.models import PublicService, SurveyResponse
from server.domain.disclosure import DisclosurePolicy
from server.domain.enums import SurveyChannel, UnitKind
from server.domain.ikm import Unsur
from server.services.releases import read
from server.services.releases.builder import (
    EvaluationFacts,
    RawRelease,
    RawService,
    RawUnit,
    SurveyTally,
    build_raw_release,
)
from server.services.releases.disclosure_tables import protect_release
from server.services.releases.evaluation_facts import build_evaluation_facts
from server.services.releases.pair_audit import protect_correction, published_figures
from server.services.releases.periods import parse_period
from server.services.releases.publish import withheld_in
from tests.api.releases.attacker import (
    Cell,
    Release,
    attack_release_pair,
    attack_survey_pair,
    pinned,
    release_figures,
)
from tests.api.releases.conftest import (
    add_service,
    add_staff,
    build_org,
    public,
    publish,
    set_plans,
)

PERIOD = parse_period("2026-S1")
POLICY = DisclosurePolicy()
LOW = [1] * 9  # every unsur at the lowest score: a sum at its bound tells its answers' scores


async def _answer(db: Database, service: str, scores: list[int], n: int) -> None:
    """One more response to ``service`` (the n-th), within the period."""
    async with db.write() as s:
        service_id = (
            await s.scalars(sa.select(PublicService.id).where(PublicService.code == service))
        ).one()
        s.add(
            SurveyResponse(
                service_id=service_id,
                submitted_at=datetime(2026, 4, 1 + n % 27, 10, tzinfo=UTC),
                channel=SurveyChannel.FORMULIR,
                submitter_fingerprint=f"fp-{service}-late-{n}",
                **{f"u{k + 1}": v for k, v in enumerate(scores)},
            )
        )


def _release(snapshot: read.ReleaseSnapshot) -> Release:
    return snapshot.city, list(snapshot.units), list(snapshot.services)


async def test_a_correction_keeps_a_withheld_survey_row_from_being_differenced(
    client: httpx.AsyncClient, db: Database, settings: Settings
) -> None:
    """SMALL: 9 responses, all scores 1, withheld (BIG, its sibling, as the complement). One
    response more (10, all 1 again) would publish NRR 1.0 for 10 answers: the first release's
    sums were then 9 each (10 − one to four points, at least 9), pinned from the pair."""
    tree = {
        "KOTA": (UnitKind.INSTANSI, None, 6),
        "DINAS": (UnitKind.PERANGKAT_DAERAH, "KOTA", 20),
        "BADAN": (UnitKind.PERANGKAT_DAERAH, "KOTA", 25),
    }
    org = await build_org(db, tree)
    await add_service(db, org, "DINAS", "SMALL", [LOW] * 9)
    await add_service(db, org, "DINAS", "BIG", [[3 + i % 2] * 9 for i in range(30)])
    await add_service(db, org, "BADAN", "OTHER", [[3] * 9] * 20)
    await publish(db, settings, "2026-S1")
    first = await read.load_release(db, 1)
    assert first is not None
    small = next(s for s in first.services if s.code == "SMALL").survey
    assert small.ikm_status == "WITHHELD"
    assert {x.nrr_status for x in small.unsur} == {"WITHHELD"}
    dinas = first.unit("DINAS")
    assert dinas is not None
    assert dinas.survey.ikm is not None  # the complement is BIG's row

    await _answer(db, "SMALL", LOW, 10)
    # Without the first release's cells, the correction's own protection publishes SMALL.
    evaluation = await build_evaluation_facts(db, PERIOD)
    alone = protect_release(await build_raw_release(db, PERIOD, evaluation), DisclosurePolicy())
    naive = published_figures(alone)
    naive_small = next(s for s in naive[2] if s.code == "SMALL").survey
    assert naive_small.ikm == Decimal(1)
    exposed = pinned([i for i in attack_survey_pair(_release(first), naive) if i.key[0] == "1"])
    assert {i.key[1:3] for i in exposed} >= {("V", "SMALL")}
    assert all(i.low == 9 for i in exposed if i.key[1:3] == ("V", "SMALL") and i.key[3] != "IKM")

    second_release = await publish(db, settings, "2026-S1", supersede=True)
    assert second_release.supersedes_number == 1
    second = await read.load_release(db, 2)
    assert second is not None
    small = next(s for s in second.services if s.code == "SMALL").survey
    assert small.survey_responses == 10
    assert small.ikm_status == "WITHHELD"
    assert {x.nrr_status for x in small.unsur} == {"WITHHELD"}
    intervals = attack_survey_pair(_release(first), _release(second))
    before = [i for i in intervals if i.key[0] == "1"]
    assert {i.key[1:3] for i in before} >= {("V", "SMALL"), ("V", "BIG")}
    assert not pinned(before), pinned(before)
    assert not pinned(intervals), pinned(intervals)
    # The public API serves the correction's SMALL as withheld too.
    body = await public(
        client,
        '{ release(number: 2) { services(unitCode: "DINAS") { edges { node { code '
        "survey { responses ikm status } } } } } }",
    )
    assert "errors" not in body, body
    services = {
        e["node"]["code"]: e["node"]["survey"] for e in body["data"]["release"]["services"]["edges"]
    }
    assert services["SMALL"] == {"responses": 10, "ikm": None, "status": "WITHHELD"}


def test_a_correction_withholds_the_on_time_totals_that_tell_a_replaced_withheld_part() -> None:
    """C's on-time percentage was withheld in the replaced release; C now has more people
    (no longer small) but stays withheld, and P at 100 % would tell C's 100 %: P is withheld
    too (``_bounded_ratios`` on the forced cell, as on a cell withheld now)."""
    units = [
        RawUnit("P", "P", "DINAS", None, headcount=0),
        RawUnit("A", "A", "BIDANG", "P", headcount=20),
        RawUnit("C", "C", "BIDANG", "P", headcount=12),
        RawUnit("B", "B", "BADAN", None, headcount=20),
        RawUnit("E", "E", "BADAN", None, headcount=20),
    ]
    on_time = {"A": (20, 60, 60), "C": (12, 30, 30), "B": (20, 50, 40), "E": (20, 30, 12)}
    for u in units:
        u.realized_people, u.realizations, u.realizations_on_time = on_time.get(u.code, (0, 0, 0))
    raw = RawRelease(PERIOD, units, [], [], False)
    fresh = {
        u.code: u.realization_on_time_pct for u in protect_release(raw, DisclosurePolicy()).units
    }
    assert fresh["C"].value == Decimal(100)
    assert fresh["P"].value == Decimal(100)
    corrected = protect_release(raw, DisclosurePolicy(), {"on_time": {("T", "C")}})
    pct = {u.code: u.realization_on_time_pct for u in corrected.units}
    assert (pct["C"].value, pct["C"].status) == (None, "WITHHELD")
    assert pct["P"].value is None
    # The city (P + B + E) then has P hidden: one more root is, so P is not city − B − E.
    assert [pct["B"].value, pct["E"].value].count(None) == 1


async def test_a_correction_does_not_hide_a_small_row_behind_a_row_alreadypublished_figures(
    db: Database, settings: Settings
) -> None:
    """SMALL appears in the correction (9 responses) beside BIG, whose 30 responses the
    replaced release published: BIG withheld now as SMALL's complement would be BIG's
    published sums again, and SMALL the unit's minus BIG's: BIG is published, another
    complement found."""
    tree = {
        "KOTA": (UnitKind.INSTANSI, None, 6),
        "DINAS": (UnitKind.PERANGKAT_DAERAH, "KOTA", 20),
        "BADAN": (UnitKind.PERANGKAT_DAERAH, "KOTA", 25),
    }
    org = await build_org(db, tree)
    await add_service(db, org, "DINAS", "BIG", [[3 + i % 2] * 9 for i in range(30)])
    await add_service(db, org, "BADAN", "OTHER", [[3] * 9] * 20)
    await publish(db, settings, "2026-S1")
    await add_service(db, org, "DINAS", "SMALL", [[2] * 9] * 9)
    await publish(db, settings, "2026-S1", supersede=True)
    first, second = await read.load_release(db, 1), await read.load_release(db, 2)
    assert first is not None
    assert second is not None
    small = next(s for s in second.services if s.code == "SMALL").survey
    assert small.ikm_status == "WITHHELD"
    big = [next(s for s in r.services if s.code == "BIG").survey for r in (first, second)]
    assert big[0] == big[1]
    assert big[1].ikm is not None
    intervals = attack_survey_pair(_release(first), _release(second))
    assert [i for i in intervals if i.key[1:3] == ("V", "SMALL")]
    assert not pinned(intervals), pinned(intervals)


async def test_a_head_count_correction_read_with_the_release_it_replaces(
    db: Database, settings: Settings
) -> None:
    """The differencing of issue 10 through the solver: NINE's 9 pegawai (coverage withheld),
    one added and corrected, the note telling so; nothing the first withheld is pinned."""
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
    first, second = await read.load_release(db, 1), await read.load_release(db, 2)
    assert first is not None
    assert second is not None
    changes: dict[Cell, tuple[float, float]] = {
        ("head", "D", "NINE"): (1.0, 1.0),
        ("skp_coverage_pct", "D", "NINE"): (0.0, 1.0),
    }
    intervals = attack_release_pair((first.city, first.units), (second.city, second.units), changes)
    withheld_first = [i for i in intervals if i.key[0] == "1"]
    assert ("1", "skp_coverage_pct", "T", "NINE") in {i.key for i in withheld_first}
    assert not pinned(withheld_first), pinned(withheld_first)


async def test_a_correction_does_not_hide_a_small_unit_behind_a_head_count_alreadypublished_figures(
    db: Database, settings: Settings
) -> None:
    """C has no pegawai, then 3 in the correction: B (12, published in the replaced release
    and unchanged) withheld as C's complement would be 12 from the pair, and C the rest."""
    tree = {
        "KOTA": (UnitKind.INSTANSI, None, 20),
        "A": (UnitKind.PERANGKAT_DAERAH, "KOTA", 25),
        "B": (UnitKind.PERANGKAT_DAERAH, "KOTA", 12),
        "C": (UnitKind.PERANGKAT_DAERAH, "KOTA", 0),
    }
    org = await build_org(db, tree)
    await publish(db, settings, "2026-S1")
    await add_staff(db, org, "C", 3)
    await publish(db, settings, "2026-S1", supersede=True)
    first, second = await read.load_release(db, 1), await read.load_release(db, 2)
    assert first is not None
    assert second is not None
    c = second.unit("C")
    assert c is not None
    assert (c.headcount, c.headcount_status) == (None, "WITHHELD")
    # The note tells that C grew, not by how much; every other unit is as before.
    changes: dict[Cell, tuple[float, float]] = {("head", "D", "C"): (0.0, float("inf"))}
    intervals = attack_release_pair((first.city, first.units), (second.city, second.units), changes)
    assert ("2", "head", "T", "C") in {i.key for i in intervals}
    assert not pinned(intervals), pinned(intervals)


def test_a_correction_does_not_hide_a_coverage_behind_one_alreadypublished_figures() -> None:
    """BIDANG2's SKP coverage (3 of 14) was published; one pegawai without an SKP added to
    DINAS's own staff changes DINAS's total, and the correction's complement for it would be
    BIDANG2 (the smallest numerator): 3 again from the pair, and pinned. The same coverage of
    the same head count is published again and never a complement (``_percent_cells``)."""
    units = [
        RawUnit("KOTA", "Kota", "INSTANSI", None, headcount=0),
        RawUnit("DINAS", "Dinas", "PERANGKAT_DAERAH", "KOTA", headcount=9, skp_set=8),
        RawUnit("BIDANG1", "Bidang 1", "BIDANG", "DINAS", headcount=9, skp_set=6),
        RawUnit("BIDANG2", "Bidang 2", "BIDANG", "DINAS", headcount=14, skp_set=3),
    ]
    first = release_figures(protect_release(RawRelease(PERIOD, units, [], [], True), POLICY))
    coverage = {u.code: u.skp_coverage_pct for u in first[1]}
    assert coverage["BIDANG2"] == Decimal("21.43")
    assert coverage["BIDANG1"] is None
    forced = withheld_in(*first, [])
    units[1] = dataclasses.replace(units[1], headcount=10)
    second = release_figures(
        protect_release(RawRelease(PERIOD, units, [], [], True), POLICY, forced)
    )
    assert {u.code: u.skp_coverage_pct for u in second[1]}["BIDANG2"] == Decimal("21.43")
    changes: dict[Cell, tuple[float, float]] = {
        ("head", "D", "DINAS"): (1.0, 1.0),
        ("skp_coverage_pct", "D", "DINAS"): (0.0, 1.0),
    }
    intervals = attack_release_pair(first, second, changes)
    withheld = [i for i in intervals if i.key[1] == "skp_coverage_pct" and i.key[2] == "T"]
    assert ("2", "skp_coverage_pct", "T", "BIDANG1") in {i.key for i in withheld}
    assert not pinned(intervals), pinned(intervals)


def test_a_correction_with_the_same_percentages_publishes_them_again() -> None:
    """SKP coverage and completion (of the eligible: head count × coverage) a replaced
    release published are published again by a correction with the same figures, the
    completion's denominator derived from the published head count and coverage."""
    units = [
        RawUnit("KOTA", "Kota", "INSTANSI", None, headcount=0),
        RawUnit("DINAS", "Dinas", "PERANGKAT_DAERAH", "KOTA", headcount=9, skp_set=8),
        RawUnit("BIDANG1", "Bidang 1", "BIDANG", "DINAS", headcount=9, skp_set=6),
        RawUnit("BIDANG2", "Bidang 2", "BIDANG", "DINAS", headcount=14, skp_set=12),
        RawUnit("BIDANG3", "Bidang 3", "BIDANG", "DINAS", headcount=16, skp_set=13),
    ]
    evaluation = EvaluationFacts(
        None,
        eligible={u.code: u.skp_set for u in units},
        completed={"DINAS": 5, "BIDANG1": 3, "BIDANG2": 10, "BIDANG3": 7},
    )
    raw = RawRelease(PERIOD, units, [], [], True, evaluation)
    first = release_figures(protect_release(raw, POLICY))
    second = release_figures(protect_release(raw, POLICY, withheld_in(*first, [])))
    for before, after in zip((first[0], *first[1]), (second[0], *second[1]), strict=True):
        assert (before.skp_coverage_pct, before.evaluation_completion_pct) == (
            after.skp_coverage_pct,
            after.evaluation_completion_pct,
        )
    assert {u.code: u.evaluation_completion_pct for u in second[1]}["BIDANG2"] == Decimal("83.33")


async def test_a_unit_without_pegawai_that_gains_one_is_not_pinned_by_the_pair(
    db: Database, settings: Settings
) -> None:
    """Leak (a) of the carried-over correction, found by random search: NOL had no pegawai
    (its own 0 published) and gains one. Every other unit is unchanged, so the change of the
    published totals above it is NOL's: its own head count was pinned at 1 by the pair though
    each release alone hides it. The joint audit withholds the totals that tell the change."""
    tree = {
        "KOTA": (UnitKind.INSTANSI, None, 3),
        "KOSONG": (UnitKind.PERANGKAT_DAERAH, "KOTA", 0),
        "NOL": (UnitKind.PERANGKAT_DAERAH, "KOTA", 0),
        "BIDANG": (UnitKind.BIDANG, "NOL", 2),
        "SEMBILAN": (UnitKind.PERANGKAT_DAERAH, "KOTA", 9),
        "BESAR": (UnitKind.PERANGKAT_DAERAH, "KOTA", 30),
    }
    org = await build_org(db, tree)
    await publish(db, settings, "2026-S1")
    first = await read.load_release(db, 1)
    assert first is not None
    await add_staff(db, org, "NOL", 1)
    # The note tells that NOL grew, not by how much; every other unit is as before.
    changes: dict[Cell, tuple[float, float]] = {("head", "D", "NOL"): (0.0, float("inf"))}
    # Without the joint audit (the replaced release's cells carried in only), it is pinned.
    raw = await build_raw_release(db, PERIOD, await build_evaluation_facts(db, PERIOD))
    forced = withheld_in(first.city, first.units, first.services)
    carried = release_figures(protect_release(raw, POLICY, forced))
    exposed = pinned(attack_release_pair((first.city, first.units), carried, changes))
    assert ("2", "head", "D", "NOL") in {i.key for i in exposed}

    await publish(db, settings, "2026-S1", supersede=True)
    second = await read.load_release(db, 2)
    assert second is not None
    nol = second.unit("NOL")
    assert nol is not None
    assert (nol.direct_headcount, nol.direct_headcount_status) == (None, "WITHHELD")
    intervals = attack_release_pair((first.city, first.units), (second.city, second.units), changes)
    assert ("2", "head", "D", "NOL") in {i.key for i in intervals}
    assert not pinned(intervals), pinned(intervals)
    # The stored report has the pair's figures.
    report = second.info.audit_report
    assert report is not None
    pair = report["pair"]
    assert isinstance(pair, dict)
    assert pair["cells_added"] >= 1
    assert pair["linear_programmes"] > 0
    assert "pair" not in (first.info.audit_report or {})


def test_a_late_evaluation_is_not_differenced_through_coverage_and_completion() -> None:
    """The pair attacker reads completion too: evaluated = head count × coverage × completion.
    X's completion (9 evaluated of 9 with an SKP: too few) was withheld; the correction has one
    SKP and one evaluation more (10 of 10, no longer small). Published, its 100 % of the
    eligible (12 × 83.33 %) tells 10 evaluated now, so 9 of 9 before: the correction keeps it
    withheld, and the joint audit hides what would tell Z's withheld completion too."""
    units = [
        RawUnit("KOTA", "Kota", "INSTANSI", None, headcount=0),
        RawUnit("X", "X", "PERANGKAT_DAERAH", "KOTA", headcount=12, skp_set=9),
        RawUnit("Y", "Y", "PERANGKAT_DAERAH", "KOTA", headcount=30, skp_set=28),
        RawUnit("Z", "Z", "PERANGKAT_DAERAH", "KOTA", headcount=25, skp_set=20),
    ]

    def raw(rows: list[RawUnit], completed: dict[str, int]) -> RawRelease:
        eligible = {u.code: u.skp_set for u in rows}
        evaluation = EvaluationFacts(None, eligible=eligible, completed=completed)
        return RawRelease(PERIOD, rows, [], [], True, evaluation)

    first = release_figures(protect_release(raw(units, {"X": 9, "Y": 20, "Z": 15}), POLICY))
    assert {u.code: u.evaluation_completion_pct for u in first[1]}["X"] is None
    units[1] = dataclasses.replace(units[1], skp_set=10)
    corrected = raw(units, {"X": 10, "Y": 20, "Z": 15})
    changes: dict[Cell, tuple[float, float]] = {
        ("skp_coverage_pct", "D", "X"): (1.0, 1.0),
        ("evaluation_completion_pct", "D", "X"): (0.0, 1.0),
    }
    naive = release_figures(protect_release(corrected, POLICY))
    exposed = {i.key for i in pinned(attack_release_pair(first, naive, changes))}
    assert ("1", "evaluation_completion_pct", "T", "X") in exposed
    second = release_figures(
        protect_correction(corrected, POLICY, withheld_in(*first, []), (*first, []))
    )
    assert {u.code: u.evaluation_completion_pct for u in second[1]}["X"] is None
    intervals = attack_release_pair(first, second, changes)
    assert ("2", "evaluation_completion_pct", "T", "X") in {i.key for i in intervals}
    assert not pinned(intervals), pinned(intervals)


def test_a_correction_of_an_unchanged_period_with_no_evaluation_yet_ispublished_figures() -> None:
    """Nobody evaluated yet (0 % completion everywhere): A's head count is withheld (the
    complement of DINAS's one own pegawai), and with it A's completion, a zero that DINAS's
    0 % tells and that tells nothing. A correction repeating the same figures carries it
    over and must still publish (the demo's semester correction failed: the carried zero was
    judged as if hiding more could protect it)."""
    units = [
        RawUnit("KOTA", "Kota", "INSTANSI", None, headcount=0),
        RawUnit("DINAS", "Dinas", "PERANGKAT_DAERAH", "KOTA", headcount=1, skp_set=1),
        RawUnit("A", "A", "BIDANG", "DINAS", headcount=10, skp_set=10),
        RawUnit("B", "B", "BIDANG", "DINAS", headcount=11, skp_set=11),
        RawUnit("C", "C", "BIDANG", "DINAS", headcount=21, skp_set=20),
        RawUnit("BADAN", "Badan", "PERANGKAT_DAERAH", "KOTA", headcount=30, skp_set=30),
    ]
    evaluation = EvaluationFacts(None, eligible={u.code: u.skp_set for u in units}, completed={})
    raw = RawRelease(PERIOD, units, [], [], True, evaluation)
    first = release_figures(protect_release(raw, POLICY))
    completion = {u.code: u.evaluation_completion_pct for u in first[1]}
    assert {u.code: u.headcount for u in first[1]}["A"] is None
    assert (completion["A"], completion["DINAS"]) == (None, Decimal(0))
    second = release_figures(protect_correction(raw, POLICY, withheld_in(*first, []), (*first, [])))
    assert {u.code: u.evaluation_completion_pct for u in second[1]} == completion


def _tally(scores: list[list[int]]) -> SurveyTally:
    tally = SurveyTally()
    for row in scores:
        tally.responses += 1
        for unsur, score in zip(Unsur, row, strict=True):
            tally.sums[unsur] += score
            tally.counts[unsur] += 1
    return tally


def test_a_survey_answer_added_before_a_correction_is_not_differenced() -> None:
    """A's services R and W (20 respondents each) were published; Z had none. Before the
    correction R gets one answer more and Z three (too few: withheld), all scores 1. The
    correction's own audit hides R beside Z (R changed, so it may), but R was published
    before: R now is R then plus one to four points per unsur, so A − W − R leaves Z at its
    lowest, 3, pinned. The joint audit reads the survey tables of both releases and hides
    more (issue 10, item 2)."""

    def raw(services: dict[str, tuple[str, list[list[int]]]]) -> RawRelease:
        units = [
            RawUnit("A", "A", "DINAS", None, headcount=20),
            RawUnit("B", "B", "DINAS", None, headcount=20),
        ]
        rows = [RawService(code, code, unit, _tally(s)) for code, (unit, s) in services.items()]
        for u in units:
            for row in rows:
                if row.unit_code == u.code:
                    u.survey.add(row.survey)
        return RawRelease(PERIOD, units, rows, [], False)

    r = [[3 + i % 2] * 9 for i in range(20)]
    services = {
        "R": ("A", r),
        "W": ("A", [[3] * 9] * 20),
        "Z": ("A", []),
        "O": ("B", [[2 + i % 3] * 9 for i in range(20)]),
    }
    first = published_figures(protect_release(raw(services), POLICY))
    assert all(s.survey.ikm is not None for s in first[2] if s.code != "Z")
    corrected = raw({**services, "R": ("A", [*r, LOW]), "Z": ("A", [LOW] * 3)})
    forced = withheld_in(*first)
    naive = published_figures(protect_release(corrected, POLICY, forced))
    assert next(s for s in naive[2] if s.code == "R").survey.ikm is None  # R hides Z
    exposed = {i.key[1:3] for i in pinned(attack_survey_pair(first, naive))}
    assert ("V", "Z") in exposed
    protected = protect_correction(corrected, POLICY, forced, first)
    assert protected.pair is not None
    assert protected.pair.cells_added > 0
    second = published_figures(protected)
    assert next(s for s in second[2] if s.code == "Z").survey.ikm is None
    intervals = attack_survey_pair(first, second)
    assert ("2", "V", "Z", "U1") in {i.key for i in intervals}
    assert not pinned(intervals), pinned(intervals)
