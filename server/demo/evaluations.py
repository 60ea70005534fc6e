"""generate_evaluations: the PREVIOUS appraisal year of the demo city, fully evaluated.

Pure and deterministic: the same city, ``seed`` and ``today`` always give the same records. The
year before ``today.year`` is evaluated per quarter (TRIWULAN, to keep the row count modest next
to the monthly current year) and for the whole year, following the portal's own rules:

* every employee holding a position who was appointed before that year has a DITETAPKAN SKP
  (RHKs from the same text banks as the current year; a JPT's from the organisation goals;
  everyone else's intervene their Pejabat Penilai's RHKs) and a realisasi per IKI per quarter;
* each quarter has a finalised PERIODIK evaluation with a judgement per RHK and the seven
  BerAKHLAK observations; the judgements reproduce the rating through the proposal rule
  (server.domain.evaluation.propose_rating), except a few assessor overrides with a reason;
* the TAHUNAN evaluation's ratings are the most frequent periodic ones (three quarters of four
  always agree), so the annual proposal reproduces them; the predicate comes from the matrix;
* the heads of perangkat daerah and kecamatan take their Rating Hasil Kerja from the
  organisation predicate (set per unit for the year and, equal to it, per quarter);
* predicates cover the whole spectrum (mostly Baik, some Sangat Baik, a handful low); one
  calibration decision per perangkat daerah/kecamatan (subunits included), with a written
  justification when the unit falls outside the allowed pattern;
* a few keberatan against annual results (some rejected, some changing the result, keeping the
  previous one), and a coaching plan with check-ins for every low annual predicate;
* a few keberatan filed during the year against a quarterly result (Triwulan I–III), each inside
  the filing window and rejected by the Atasan Pejabat Penilai inside the decision window: at
  most one per person, only by people who held their position (and whose decider held theirs)
  all year, never by, against or for a demo login (its persona stays as the e2e tests know it).

The org structure is today's (the demo has no history of transfers): synthetic, as all of it.
"""

from __future__ import annotations

import functools
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from server import clock
from server.demo.assessors import DemoAssessors
from server.demo.performance import (
    LEVEL_UNITS,
    DemoIndicator,
    DemoOrgGoal,
    DemoWorkResult,
)
from server.demo.performance_texts import (
    Bank,
    GoalTemplate,
    fungsional_bank,
    goals_for,
    pelaksana_bank,
    structural_bank,
)
from server.demo.records import DemoCity, DemoEmployee, DemoPosition, DemoUnit
from server.domain.deadlines import (
    DEFAULT_POLICY,
    ObjectionPolicy,
    decision_deadline,
    filing_deadline,
)
from server.domain.enums import (
    Cadence,
    CoachingStatus,
    CoreValue,
    EvaluationStatus,
    IndicatorAspect,
    ObjectionStatus,
    OrgPredicate,
    Perspective,
    PositionKind,
    Predicate,
    Rating,
    UnitKind,
    WorkResultKind,
)
from server.domain.evaluation import (
    COACHING_MONTHS,
    LOW_PREDICATES,
    ORG_TO_RESULT_RATING,
    Judged,
    add_months,
    check_distribution,
    matrix_on,
    policy_on,
    propose_rating,
)
from server.domain.planning import PeriodSpec, build_periods, period_label

R = Rating
P = Predicate
ATAS, SESUAI, BAWAH = R.DI_ATAS_EKSPEKTASI, R.SESUAI_EKSPEKTASI, R.DI_BAWAH_EKSPEKTASI

CADENCE = Cadence.TRIWULAN
REALIZATION_DUE_DAYS = 10
CALIBRATION_KINDS = frozenset({UnitKind.PERANGKAT_DAERAH, UnitKind.KECAMATAN})
UNACKNOWLEDGED_SHARE = 0.03  # results set but not (yet) acknowledged: DITETAPKAN
OVERRIDE_SHARE = 0.015  # periodic results the assessor set against the proposal, with a reason
SELF_ASSESSMENT_SHARE = 0.85
QUARTER_WOBBLE = 0.3  # one quarter differs from the year's rating
OBJECTION_SHARE = 0.003
IN_YEAR_OBJECTION_SHARE = 0.01  # of the SKPs: keberatan against a Triwulan I–III result
IN_YEAR_OBJECTION_MIN = 5  # enough that a small demo city publishes its total (threshold 5)
IN_YEAR_OBJECTION_QUARTERS = (1, 2, 3)  # the fourth one's window runs into the next year

# Annual predicate weights of people in a unit with this organisation predicate.
PREDICATE_WEIGHTS: dict[OrgPredicate, tuple[float, float, float, float, float]] = {
    OrgPredicate.ISTIMEWA: (0.5, 0.44, 0.04, 0.01, 0.01),
    OrgPredicate.BAIK: (0.25, 0.69, 0.04, 0.015, 0.005),
    OrgPredicate.BUTUH_PERBAIKAN: (0.05, 0.62, 0.28, 0.04, 0.01),
}
SPECTRUM = (P.SANGAT_BAIK, P.BAIK, P.BUTUH_PERBAIKAN, P.KURANG, P.SANGAT_KURANG)
CELLS: dict[Predicate, tuple[tuple[tuple[Rating, Rating], float], ...]] = {
    P.SANGAT_BAIK: (((ATAS, ATAS), 1.0),),
    P.BAIK: (((ATAS, SESUAI), 0.15), ((SESUAI, SESUAI), 0.7), ((SESUAI, ATAS), 0.15)),
    P.BUTUH_PERBAIKAN: (((BAWAH, SESUAI), 0.85), ((BAWAH, ATAS), 0.15)),
    P.KURANG: (((SESUAI, BAWAH), 0.7), ((ATAS, BAWAH), 0.3)),
    P.SANGAT_KURANG: (((BAWAH, BAWAH), 1.0),),
}
NEIGHBOURS = {ATAS: (SESUAI,), SESUAI: (ATAS, BAWAH), BAWAH: (SESUAI,)}

JUDGEMENT_FEEDBACK = {
    ATAS: (
        "Capaian melampaui target; pertahankan dan bagikan praktik baiknya.",
        "Hasil kerja di atas target dengan bukti dukung lengkap.",
    ),
    SESUAI: (
        "Capaian sesuai target dan bukti dukung lengkap.",
        "Hasil kerja sesuai ekspektasi; tetap jaga ketepatan waktu.",
        None,
    ),
    BAWAH: (
        "Capaian di bawah target; susun langkah perbaikan triwulan berikutnya.",
        "Realisasi belum memenuhi target dan bukti dukung belum lengkap.",
    ),
}
OBSERVATION_NOTES = {
    ATAS: "Menonjol dan menjadi teladan rekan kerja.",
    BAWAH: "Perlu perbaikan; sudah dibicarakan dalam dialog kinerja.",
}
OVERRIDE_REASONS = (
    "RHK utama yang tertinggal disebabkan penundaan anggaran di luar kendali pegawai.",
    "Bobot pekerjaan tambahan yang ditugaskan pimpinan pada triwulan ini sangat besar.",
    "Kualitas hasil kerja utama melampaui target meski jumlahnya belum semua tercapai.",
)
ORG_BASIS = {
    OrgPredicate.ISTIMEWA: "Capaian seluruh sasaran Perjanjian Kinerja di atas target; hasil "
    "evaluasi SAKIP dan pengawasan Inspektorat sangat baik (masukan Bappeda, BKPSDM, "
    "Inspektorat).",
    OrgPredicate.BAIK: "Sebagian besar sasaran Perjanjian Kinerja tercapai sesuai target "
    "(masukan Bappeda, BKPSDM, Inspektorat).",
    OrgPredicate.BUTUH_PERBAIKAN: "Beberapa sasaran Perjanjian Kinerja tidak tercapai dan "
    "realisasi anggaran rendah (masukan Bappeda, BKPSDM, Inspektorat).",
}
OBJECTION_REASONS = (
    "Beberapa hasil kerja utama tertunda karena menunggu persetujuan di luar unit saya; bukti "
    "surat menyurat terlampir dalam realisasi.",
    "Penilaian perilaku tidak mempertimbangkan penugasan tambahan yang saya laksanakan "
    "sepanjang tahun.",
    "Realisasi triwulan IV belum diperhitungkan karena bukti dukung diunggah setelah penilaian.",
)
IN_YEAR_OBJECTION_REASONS = (
    "Realisasi {quarter} sudah dilengkapi bukti dukung yang belum diperhitungkan dalam penilaian.",
    "Rating perilaku kerja {quarter} tidak sesuai dengan catatan dialog kinerja yang "
    "sudah dilakukan.",
    "Hasil kerja utama {quarter} tertunda karena menunggu data dari unit lain; bukti "
    "surat menyurat terlampir.",
)
COACHING_GOALS = (
    "Mencapai Rating Hasil Kerja Sesuai Ekspektasi pada dua triwulan berturut-turut dalam "
    "{months} bulan.",
    "Memperbaiki ketepatan waktu pelaporan realisasi dan kelengkapan bukti dukung dalam "
    "{months} bulan.",
)
COACHING_ACTIONS = (
    "Dialog kinerja bulanan dengan mentor; rencana aksi mingguan; pendampingan penyusunan "
    "laporan; pelatihan teknis sesuai kebutuhan.",
    "Pembagian target bulanan yang lebih rinci, pemeriksaan bukti dukung setiap dua minggu, "
    "dan coaching perilaku kerja BerAKHLAK.",
)
CHECK_IN_NOTES = (
    "Rencana aksi berjalan; target bulan ini tercapai sebagian, dibahas hambatannya.",
    "Ada kemajuan nyata pada ketepatan waktu laporan; lanjutkan pendampingan.",
    "Bukti dukung sudah lebih lengkap; fokus berikutnya pada kualitas hasil kerja utama.",
)


# --- records -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PastYear:
    year: int
    cadence: Cadence
    plan_deadline: date
    realization_due_days: int
    periods: tuple[PeriodSpec, ...]
    evaluated_at: tuple[datetime, ...]  # per period: when HR closed its evaluation
    closed_at: datetime


@dataclass(frozen=True)
class PastPlan:
    """Last year's SKP of ``nip`` (DITETAPKAN)."""

    nip: str
    assessor_nip: str | None  # None: the Sekretaris Daerah, rated by the Wali Kota
    unit_code: str
    created_at: datetime
    submitted_at: datetime
    approved_at: datetime
    work_results: tuple[DemoWorkResult, ...]


@dataclass(frozen=True)
class PastRealization:
    nip: str
    rhk: int
    iki: int
    period: int
    value: Decimal
    description: str
    filed_at: datetime


@dataclass(frozen=True)
class DemoJudgement:
    rhk: int  # ordinal in the SKP
    rating: Rating
    feedback: str | None


@dataclass(frozen=True)
class DemoObservation:
    value: CoreValue
    rating: Rating
    note: str | None


@dataclass(frozen=True)
class DemoEvaluation:
    """A finalised evaluation of ``nip``'s SKP: ``period`` None is the annual one."""

    nip: str
    period: int | None
    assessor_nip: str | None
    head_of_unit: str | None  # the unit code whose organisation predicate gave the result
    status: EvaluationStatus
    self_result: Rating | None
    self_behavior: Rating | None
    proposed_result: Rating
    result: Rating
    result_override_reason: str | None
    proposed_behavior: Rating
    behavior: Rating
    predicate: Predicate
    judgements: tuple[DemoJudgement, ...]
    observations: tuple[DemoObservation, ...]
    finalised_at: datetime
    objection_filing_deadline: date
    acknowledged_at: datetime | None


@dataclass(frozen=True)
class DemoOrgPredicate:
    unit_code: str
    period: int | None  # None: the year
    predicate: OrgPredicate
    basis: str


@dataclass(frozen=True)
class DemoCalibration:
    """The annual calibration of a perangkat daerah/kecamatan, subunits included."""

    unit_code: str
    org_predicate: OrgPredicate
    within_pattern: bool
    violations: tuple[str, ...]
    justification: str | None
    members: tuple[str, ...]  # NIPs of the annual evaluations counted
    policy_effective_from: date
    decided_at: datetime


@dataclass(frozen=True)
class DemoObjection:
    """Keberatan against ``nip``'s evaluation of ``period`` (None: the annual one); DIUBAH keeps
    the previous result."""

    nip: str
    decider_nip: str
    reasons: str
    status: ObjectionStatus
    filed_at: datetime
    filing_deadline: date
    decision_deadline: date
    employee_explanation: str
    assessor_explanation: str
    decision_note: str
    previous: tuple[Rating, Rating, Predicate] | None  # result, behaviour, predicate before
    decided_at: datetime
    period: int | None = None  # the quarter of a periodic evaluation; None: the annual one


@dataclass(frozen=True)
class DemoCheckIn:
    held_on: date
    note: str
    recorded_by_nip: str


@dataclass(frozen=True)
class DemoCoaching:
    nip: str  # for the annual evaluation of this employee
    mentor_nip: str | None
    goals: str
    actions: str
    starts_on: date
    ends_on: date
    status: CoachingStatus
    outcome: str | None
    created_at: datetime
    check_ins: tuple[DemoCheckIn, ...]


@dataclass(frozen=True)
class DemoEvaluations:
    year: PastYear
    org_goals: tuple[DemoOrgGoal, ...]
    plans: tuple[PastPlan, ...]  # assessors before the people they rate
    realizations: tuple[PastRealization, ...]
    evaluations: tuple[DemoEvaluation, ...]  # per plan: periods in order, then the annual one
    org_predicates: tuple[DemoOrgPredicate, ...]
    calibrations: tuple[DemoCalibration, ...]
    objections: tuple[DemoObjection, ...]
    coaching: tuple[DemoCoaching, ...]


# --- helpers -----------------------------------------------------------------------------


def _number_text(value: Decimal) -> str:
    return format(value.normalize(), "f")


def propose(ratings: Sequence[Rating], keys: Sequence[bool], day: date) -> Rating:
    """The system's proposal (as services.evaluation.proposals computes it)."""
    del day  # one proposal rule today
    return propose_rating([Judged(r, k) for r, k in zip(ratings, keys, strict=True)]).rating


# --- the generator -----------------------------------------------------------------------


class _Generator:
    def __init__(self, city: DemoCity, seed: int, today: date, policy: ObjectionPolicy) -> None:
        self.city = city
        self.today = today
        self.policy = policy
        self.rng = random.Random(f"evaluations:{seed}")
        # Nothing may claim to have happened after the end of yesterday (local calendar).
        self.ceiling = clock.start_of(today) - timedelta(minutes=1)
        self.yesterday = today - timedelta(days=1)
        year = today.year - 1
        periods = tuple(build_periods(year, CADENCE, REALIZATION_DUE_DAYS))
        self.year = PastYear(
            year=year,
            cadence=CADENCE,
            plan_deadline=date(year, 1, 31),
            realization_due_days=REALIZATION_DUE_DAYS,
            periods=periods,
            evaluated_at=tuple(
                self.clamp(clock.at(p.end + timedelta(days=35), 10)) for p in periods
            ),
            closed_at=self.clamp(clock.at(date(year + 1, 2, 16), 9)),
        )
        self.rating_day = date(year, 12, 31)
        self.positions = {p.key: p for p in city.positions}
        self.units = {u.code: u for u in city.units}
        assessors = DemoAssessors(city.positions, city.employees, city.overrides)
        first_day = date(year, 1, 1)
        self.holders = [
            e
            for e in city.employees
            if e.position_key is not None and e.appointment_date < first_day
        ]
        planned = {e.nip for e in self.holders}
        self.assessor_of: dict[str, str | None] = {}
        for e in self.holders:
            boss = assessors.assessor_of(e.nip)
            # Rated by the nearest official above who had an SKP that year.
            while boss is not None and boss.nip not in planned:
                boss = assessors.assessor_of(boss.nip)
            self.assessor_of[e.nip] = boss.nip if boss is not None else None

    def clamp(self, moment: datetime) -> datetime:
        return min(moment, self.ceiling)

    def filing_deadline(self, finalised: datetime) -> date:
        return filing_deadline(clock.day_of(finalised), self.policy)

    @functools.cache  # noqa: B019 - one generator per call; the cache dies with it
    def depth(self, nip: str) -> int:
        boss = self.assessor_of.get(nip)
        return 0 if boss is None else self.depth(boss) + 1

    def top_unit(self, unit_code: str) -> str | None:
        code: str | None = unit_code
        while code is not None:
            unit = self.units[code]
            if unit.kind in CALIBRATION_KINDS:
                return code
            code = unit.parent_code
        return None

    def head_unit(self, position: DemoPosition) -> str | None:
        """The perangkat daerah/kecamatan this position heads, if any."""
        unit = self.units[position.unit_code]
        if not position.is_unit_head or unit.kind not in CALIBRATION_KINDS:
            return None
        return unit.code

    # --- SKPs ----------------------------------------------------------------------------

    def bank_for(self, position: DemoPosition, unit: DemoUnit) -> Bank:
        if position.kind is PositionKind.FUNGSIONAL:
            return fungsional_bank(position.name)
        if position.kind is PositionKind.PELAKSANA:
            return pelaksana_bank(position.name)
        return structural_bank(
            unit.name, unit.kind, administrator=position.kind is PositionKind.ADMINISTRATOR
        )

    def jpt_results(self, goals: tuple[GoalTemplate, ...]) -> tuple[DemoWorkResult, ...]:
        perspectives = tuple(Perspective)
        results = []
        for number, g in enumerate(goals[:3], start=1):
            aspect = (
                IndicatorAspect.KUALITAS if g.unit in LEVEL_UNITS else IndicatorAspect.KUANTITAS
            )
            indicator = DemoIndicator(
                1, aspect, g.indicator, g.target, g.unit, perspectives[(number - 1) % 3]
            )
            results.append(
                DemoWorkResult(number, WorkResultKind.UTAMA, g.text, None, number, (indicator,))
            )
        return tuple(results)

    def staff_results(
        self, bank: Bank, parents: tuple[DemoWorkResult, ...]
    ) -> tuple[DemoWorkResult, ...]:
        rng = self.rng
        count = min(len(bank), rng.choice((2, 3, 3)))
        rest = sorted(rng.sample(range(1, len(bank)), count - 1))
        templates = [bank[0], *(bank[i] for i in rest)]
        utama = [p for p in parents if p.kind is WorkResultKind.UTAMA] or list(parents)
        offset = rng.randrange(len(utama))
        results = []
        for number, t in enumerate(templates, start=1):
            extra = number == 3 and rng.random() < 0.2
            indicators = tuple(
                DemoIndicator(n, i.aspect, i.text, Decimal(str(i.target)), i.unit, None)
                for n, i in enumerate(t.indicators[:2], start=1)
            )
            results.append(
                DemoWorkResult(
                    number,
                    WorkResultKind.TAMBAHAN if extra else WorkResultKind.UTAMA,
                    t.text,
                    utama[(number - 1 + offset) % len(utama)].ordinal,
                    None,
                    indicators,
                )
            )
        return tuple(results)

    def plans(self) -> tuple[tuple[PastPlan, ...], tuple[DemoOrgGoal, ...]]:
        rng = self.rng
        year_start = date(self.year.year, 1, 1)
        goals: dict[str, tuple[GoalTemplate, ...]] = {}
        made: dict[str, PastPlan] = {}
        for e in sorted(self.holders, key=lambda e: self.depth(e.nip)):
            position = self.positions[e.position_key or ""]
            unit = self.units[position.unit_code]
            boss = self.assessor_of[e.nip]
            if position.kind.is_jpt or boss is None:
                if unit.code not in goals:
                    goals[unit.code] = goals_for(unit.code, unit.name)
                results = self.jpt_results(goals[unit.code])
            else:
                results = self.staff_results(self.bank_for(position, unit), made[boss].work_results)
            day = year_start + timedelta(days=1 + 3 * self.depth(e.nip) + rng.randrange(3))
            submitted = clock.at(day, rng.randint(8, 15), rng.randrange(60))
            made[e.nip] = PastPlan(
                nip=e.nip,
                assessor_nip=boss,
                unit_code=position.unit_code,
                created_at=submitted - timedelta(days=rng.randint(1, 5)),
                submitted_at=submitted,
                approved_at=submitted + timedelta(days=rng.randint(1, 3), hours=1),
                work_results=results,
            )
        org_goals = tuple(
            DemoOrgGoal(code, n, g.text, g.indicator, f"{_number_text(g.target)} {g.unit}")
            for code, templates in goals.items()
            for n, g in enumerate(templates, start=1)
        )
        return tuple(made.values()), org_goals

    # --- organisation predicates ---------------------------------------------------------

    def org_predicates(self) -> dict[str, OrgPredicate]:
        codes = sorted(u.code for u in self.city.units if u.kind in CALIBRATION_KINDS)
        shuffled = self.rng.sample(codes, len(codes))
        few = max(1, len(codes) // 12)
        found = {code: OrgPredicate.BAIK for code in codes}
        for code in shuffled[:few]:
            found[code] = OrgPredicate.ISTIMEWA
        for code in shuffled[few : 2 * few]:
            found[code] = OrgPredicate.BUTUH_PERBAIKAN
        return found

    # --- ratings -------------------------------------------------------------------------

    def annual_cells(
        self, plans: Sequence[PastPlan], org: dict[str, OrgPredicate]
    ) -> dict[str, tuple[Rating, Rating]]:
        rng = self.rng
        matrix = matrix_on(self.rating_day)
        cells: dict[str, tuple[Rating, Rating]] = {}
        free: list[str] = []
        for plan in plans:
            position = self.positions[self.employee(plan.nip).position_key or ""]
            head = self.head_unit(position)
            if head is not None:
                result = ORG_TO_RESULT_RATING[org[head]]
                behavior = ATAS if org[head] is OrgPredicate.ISTIMEWA else SESUAI
                cells[plan.nip] = (result, behavior)
                continue
            top = self.top_unit(plan.unit_code)
            weights = PREDICATE_WEIGHTS[org[top] if top else OrgPredicate.BAIK]
            predicate = rng.choices(SPECTRUM, weights)[0]
            options = CELLS[predicate]
            cells[plan.nip] = rng.choices([c for c, _ in options], [w for _, w in options])[0]
            free.append(plan.nip)
        # The whole spectrum, even in a small city.
        present = {matrix.predicate(*c) for c in cells.values()}
        baik = [n for n in free if matrix.predicate(*cells[n]) is P.BAIK]
        for predicate in SPECTRUM:
            if predicate not in present and baik:
                nip = baik.pop(rng.randrange(len(baik)))
                cells[nip] = CELLS[predicate][0][0]
        return cells

    @functools.cache  # noqa: B019
    def employee_index(self) -> dict[str, int]:
        return {e.nip: i for i, e in enumerate(self.city.employees)}

    def employee(self, nip: str) -> DemoEmployee:
        return self.city.employees[self.employee_index()[nip]]

    def quarters(self, rating: Rating, fixed: bool) -> list[Rating]:
        """Four quarterly ratings whose most frequent value is ``rating``."""
        found = [rating] * len(self.year.periods)
        if not fixed and self.rng.random() < QUARTER_WOBBLE:
            found[self.rng.randrange(len(found))] = self.rng.choice(NEIGHBOURS[rating])
        return found

    def draw(self, target: Rating) -> Rating:
        x = self.rng.random()
        if target is ATAS:
            return ATAS if x < 0.8 else SESUAI
        if target is BAWAH:
            return BAWAH if x < 0.8 else SESUAI
        return SESUAI if x < 0.8 else (ATAS if x < 0.95 else BAWAH)

    def ratings_for(self, target: Rating, keys: Sequence[bool], day: date) -> list[Rating]:
        """Judged items whose proposal is ``target`` (random first, plain when that fails)."""
        for _ in range(4):
            drawn = [self.draw(target) for _ in keys]
            if propose(drawn, keys, day) is target:
                return drawn
        return [target] * len(keys)

    def self_view(self, rating: Rating) -> Rating | None:
        x = self.rng.random()
        if x > SELF_ASSESSMENT_SHARE:
            return None
        if x < 0.3 and rating is not ATAS:
            return ATAS if rating is SESUAI else SESUAI  # people rate themselves a bit higher
        if x < 0.36 and rating is not BAWAH:
            return SESUAI if rating is ATAS else BAWAH
        return rating

    def acknowledged(self, finalised: datetime) -> datetime | None:
        if self.rng.random() < UNACKNOWLEDGED_SHARE:
            return None
        moment = finalised + timedelta(days=self.rng.randint(1, 5), hours=self.rng.randint(0, 6))
        return moment if moment <= self.ceiling else None

    def evaluations(
        self, plans: Sequence[PastPlan], org: dict[str, OrgPredicate]
    ) -> list[DemoEvaluation]:
        rng = self.rng
        cells = self.annual_cells(plans, org)
        matrix = matrix_on(self.rating_day)
        found: list[DemoEvaluation] = []
        values = list(CoreValue)
        for plan in plans:
            head = self.head_unit(self.positions[self.employee(plan.nip).position_key or ""])
            result, behavior = cells[plan.nip]
            results = self.quarters(result, fixed=head is not None)
            behaviors = self.quarters(behavior, fixed=False)
            keys = [r.kind is WorkResultKind.UTAMA for r in plan.work_results]
            for period, q_result, q_behavior in zip(
                self.year.periods, results, behaviors, strict=True
            ):
                reason = None
                proposed = q_result
                if head is None and rng.random() < OVERRIDE_SHARE:
                    proposed = rng.choice(NEIGHBOURS[q_result])
                    reason = rng.choice(OVERRIDE_REASONS)
                judged = self.ratings_for(proposed, keys, period.end)
                observed = self.ratings_for(q_behavior, [False] * len(values), period.end)
                finalised = self.clamp(
                    clock.at(period.end + timedelta(days=rng.randint(12, 25)), rng.randint(9, 15))
                )
                ack = self.acknowledged(finalised)
                found.append(
                    DemoEvaluation(
                        nip=plan.nip,
                        period=period.number,
                        assessor_nip=plan.assessor_nip,
                        head_of_unit=head,
                        status=EvaluationStatus.DITERIMA if ack else EvaluationStatus.DITETAPKAN,
                        self_result=self.self_view(q_result),
                        self_behavior=self.self_view(q_behavior),
                        proposed_result=proposed,
                        result=q_result,
                        result_override_reason=reason,
                        proposed_behavior=q_behavior,
                        behavior=q_behavior,
                        predicate=matrix_on(period.end).predicate(q_result, q_behavior),
                        judgements=tuple(
                            DemoJudgement(r.ordinal, j, rng.choice(JUDGEMENT_FEEDBACK[j]))
                            for r, j in zip(plan.work_results, judged, strict=True)
                        ),
                        observations=tuple(
                            DemoObservation(v, o, OBSERVATION_NOTES.get(o))
                            for v, o in zip(values, observed, strict=True)
                        ),
                        finalised_at=finalised,
                        objection_filing_deadline=self.filing_deadline(finalised),
                        acknowledged_at=ack,
                    )
                )
            finalised = self.clamp(
                clock.at(date(self.year.year + 1, 1, rng.randint(8, 22)), rng.randint(9, 15))
            )
            ack = self.acknowledged(finalised)
            found.append(
                DemoEvaluation(
                    nip=plan.nip,
                    period=None,
                    assessor_nip=plan.assessor_nip,
                    head_of_unit=head,
                    status=EvaluationStatus.DITERIMA if ack else EvaluationStatus.DITETAPKAN,
                    self_result=self.self_view(result),
                    self_behavior=self.self_view(behavior),
                    proposed_result=result,
                    result=result,
                    result_override_reason=None,
                    proposed_behavior=behavior,
                    behavior=behavior,
                    predicate=matrix.predicate(result, behavior),
                    judgements=(),
                    observations=(),
                    finalised_at=finalised,
                    objection_filing_deadline=self.filing_deadline(finalised),
                    acknowledged_at=ack,
                )
            )
        return found

    # --- realisasi -----------------------------------------------------------------------

    def realizations(
        self, plans: Sequence[PastPlan], evaluations: Sequence[DemoEvaluation]
    ) -> list[PastRealization]:
        random_ = self.rng.random
        judged = {
            (e.nip, e.period, j.rhk): j.rating
            for e in evaluations
            if e.period is not None
            for j in e.judgements
        }
        pace_of = {ATAS: 1.12, SESUAI: 1.0, BAWAH: 0.7}
        found = []
        year = self.year.year
        for plan in plans:
            for period in self.year.periods:
                filed = self.clamp(
                    clock.at(
                        period.end + timedelta(days=1 + int(random_() * 9)), 8, int(random_() * 480)
                    )
                )
                for r in plan.work_results:
                    pace = pace_of[judged[plan.nip, period.number, r.ordinal]]
                    for i in r.indicators:
                        value = self.quarter_value(i, pace * (0.95 + 0.1 * random_()))
                        found.append(
                            PastRealization(
                                plan.nip, r.ordinal, i.ordinal, period.number, value,
                                f"Capaian Triwulan {period.number} {year}: "
                                f"{_number_text(value)} {i.target_unit}.",
                                filed,
                            )
                        )  # fmt: skip
        return found

    @staticmethod
    def quarter_value(indicator: DemoIndicator, pace: float) -> Decimal:
        target = indicator.target_value
        if indicator.target_unit == "bulan":
            return Decimal(3)
        if indicator.target_unit in LEVEL_UNITS:
            value = target * Decimal(str(round(pace, 3)))
            if indicator.target_unit == "%":
                value = min(value, Decimal(100))
            return value.quantize(Decimal("0.1"), ROUND_HALF_UP)
        return (target / 4 * Decimal(str(round(pace, 3)))).quantize(Decimal(1), ROUND_HALF_UP)

    # --- calibration, objections, coaching -----------------------------------------------

    def calibrations(
        self,
        plans: Sequence[PastPlan],
        annual: dict[str, DemoEvaluation],
        org: dict[str, OrgPredicate],
    ) -> list[DemoCalibration]:
        policy = policy_on(self.rating_day)
        members: dict[str, list[str]] = {}
        for plan in plans:
            top = self.top_unit(plan.unit_code)
            if top is not None:
                members.setdefault(top, []).append(plan.nip)
        found = []
        for code in sorted(members):
            nips = members[code]
            counts = Counter(annual[n].predicate for n in nips)
            check = check_distribution(counts, org[code], policy)
            justification = None
            if not check.within:
                justification = (
                    f"Sebaran predikat {len(nips)} pegawai mengikuti hasil penilaian masing-masing "
                    "pegawai yang didukung bukti kinerja; pola distribusi tidak dipaksakan pada "
                    f"unit ini ({'; '.join(check.violations)})."
                )
            latest = max(annual[n].finalised_at for n in nips)
            found.append(
                DemoCalibration(
                    unit_code=code,
                    org_predicate=org[code],
                    within_pattern=check.within,
                    violations=check.violations,
                    justification=justification,
                    members=tuple(sorted(nips)),
                    policy_effective_from=policy.effective_from,
                    decided_at=self.clamp(latest + timedelta(days=2)),
                )
            )
        return found

    def objections(
        self, plans: Sequence[PastPlan], annual: dict[str, DemoEvaluation]
    ) -> tuple[list[DemoObjection], dict[str, DemoEvaluation]]:
        """A few keberatan; returns them and the annual evaluations as changed by them."""
        rng = self.rng
        matrix = matrix_on(self.rating_day)
        deciders = {
            p.nip: self.assessor_of.get(p.assessor_nip) if p.assessor_nip else None for p in plans
        }
        eligible = [p.nip for p in plans if deciders[p.nip] and not annual[p.nip].head_of_unit]
        low = [n for n in eligible if annual[n].predicate in LOW_PREDICATES]
        others = [n for n in eligible if annual[n].predicate not in LOW_PREDICATES]
        wanted = max(4, round(len(plans) * OBJECTION_SHARE))
        chosen = rng.sample(low, min(len(low), wanted // 2))
        chosen += rng.sample(others, min(len(others), wanted - len(chosen)))
        found = []
        changed = dict(annual)
        for index, nip in enumerate(chosen):
            ev = annual[nip]
            received = clock.day_of(ev.finalised_at)
            filed = self.clamp(clock.at(received + timedelta(days=rng.randint(2, 10)), 10))
            filed_day = clock.day_of(filed)
            decided = self.clamp(filed + timedelta(days=rng.randint(4, 12), hours=3))
            new = self.raised(ev.result, ev.behavior)
            status = ObjectionStatus.DIUBAH if index % 2 == 0 and new else ObjectionStatus.DITOLAK
            previous = None
            note = "Penjelasan Pejabat Penilai dan bukti kinerja mendukung hasil semula."
            if status is ObjectionStatus.DIUBAH and new:
                previous = (ev.result, ev.behavior, ev.predicate)
                note = "Bukti dukung yang diajukan pegawai membuktikan capaian lebih tinggi."
                changed[nip] = _replace(ev, new[0], new[1], matrix.predicate(*new))
            found.append(
                DemoObjection(
                    nip=nip,
                    decider_nip=deciders[nip] or "",
                    reasons=rng.choice(OBJECTION_REASONS),
                    status=status,
                    filed_at=filed,
                    filing_deadline=ev.objection_filing_deadline,
                    decision_deadline=decision_deadline(
                        filed_day, ev.objection_filing_deadline, self.policy
                    ),
                    employee_explanation="Pegawai menjelaskan kendala dan menunjukkan bukti "
                    "dukung tambahan.",
                    assessor_explanation="Pejabat Penilai menjelaskan dasar penilaian dari "
                    "realisasi dan pengamatan perilaku.",
                    decision_note=note,
                    previous=previous,
                    decided_at=decided,
                )
            )
        return found, changed

    def in_year_objections(
        self,
        plans: Sequence[PastPlan],
        evaluations: Sequence[DemoEvaluation],
        annual_objections: Sequence[DemoObjection],
        seed: int,
    ) -> list[DemoObjection]:
        """A few keberatan filed during the year against a Triwulan I–III result, all rejected
        (the quarterly results, and so the annual proposals, stay as they are).

        Its own random stream: everything generated before and after stays the same."""
        rng = random.Random(f"evaluations:{seed}:in-year-objections")
        year_start = date(self.year.year, 1, 1)
        logins = {a.employee_nip for a in self.city.accounts if a.employee_nip}
        objected = {o.nip for o in annual_objections}

        def all_year(nip: str) -> bool:
            return self.employee(nip).assignment_start <= year_start

        # Nobody objects to Sangat Baik.
        options: dict[str, list[DemoEvaluation]] = {}
        for e in evaluations:
            if e.period in IN_YEAR_OBJECTION_QUARTERS and e.predicate is not P.SANGAT_BAIK:
                options.setdefault(e.nip, []).append(e)
        deciders: dict[str, str] = {}
        for plan in plans:
            decider = self.assessor_of.get(plan.assessor_nip) if plan.assessor_nip else None
            if (
                decider is not None
                and plan.nip in options
                and plan.nip not in objected
                and not {plan.nip, plan.assessor_nip, decider} & logins
                and all_year(plan.nip)
                and all_year(decider)
                and not self.head_unit(self.positions[self.employee(plan.nip).position_key or ""])
            ):
                deciders[plan.nip] = decider
        wanted = max(IN_YEAR_OBJECTION_MIN, round(len(plans) * IN_YEAR_OBJECTION_SHARE))
        chosen = sorted(rng.sample(sorted(deciders), min(wanted, len(deciders))))
        return [self.in_year_objection(rng.choice(options[n]), deciders[n], rng) for n in chosen]

    def in_year_objection(
        self, ev: DemoEvaluation, decider: str, rng: random.Random
    ) -> DemoObjection:
        """Filed after the result was set (and acknowledged, if it was), by the filing
        deadline; rejected after filing, by the decision deadline; all inside the year."""
        assert ev.period is not None
        last_day = date(self.year.year, 12, 31)
        received = clock.day_of(ev.finalised_at)
        earliest = received + timedelta(days=1)
        if ev.acknowledged_at is not None:
            earliest = max(earliest, clock.day_of(ev.acknowledged_at) + timedelta(days=1))
        earliest = min(earliest, ev.objection_filing_deadline)
        latest = min(ev.objection_filing_deadline, earliest + timedelta(days=8), last_day)
        filed_day = earliest + timedelta(days=rng.randint(0, max(0, (latest - earliest).days)))
        filed = clock.at(filed_day, rng.randint(8, 11), rng.randrange(60))
        deadline = decision_deadline(filed_day, ev.objection_filing_deadline, self.policy)
        last_decision = min(deadline, filed_day + timedelta(days=10), last_day)
        span = (last_decision - filed_day).days
        decided_day = filed_day + timedelta(days=rng.randint(min(3, span), span))
        decided = max(
            clock.at(decided_day, rng.randint(9, 15), rng.randrange(60)),
            filed + timedelta(hours=4),
        )
        quarter = period_label(CADENCE, ev.period)
        return DemoObjection(
            nip=ev.nip,
            decider_nip=decider,
            reasons=rng.choice(IN_YEAR_OBJECTION_REASONS).format(quarter=quarter),
            status=ObjectionStatus.DITOLAK,
            filed_at=filed,
            filing_deadline=ev.objection_filing_deadline,
            decision_deadline=deadline,
            employee_explanation=f"Pegawai menjelaskan kendala {quarter} dan menunjukkan bukti "
            "dukung tambahan.",
            assessor_explanation="Pejabat Penilai menjelaskan dasar penilaian dari realisasi "
            f"{quarter} dan pengamatan perilaku.",
            decision_note=f"Bukti dukung tambahan sudah diperhitungkan dalam penilaian {quarter}; "
            "hasil semula tetap.",
            previous=None,
            decided_at=decided,
            period=ev.period,
        )

    @staticmethod
    def raised(result: Rating, behavior: Rating) -> tuple[Rating, Rating] | None:
        """The result an objection that succeeds gives: one step up where it matters."""
        if behavior is BAWAH:
            return result, SESUAI
        if result is BAWAH:
            return SESUAI, behavior
        if result is SESUAI and behavior is ATAS:
            return ATAS, behavior
        return None

    def coaching(
        self, plans: Sequence[PastPlan], annual: dict[str, DemoEvaluation]
    ) -> list[DemoCoaching]:
        rng = self.rng
        found = []
        for plan in plans:
            ev = annual[plan.nip]
            if ev.predicate not in LOW_PREDICATES:
                continue
            start = min(
                clock.day_of(ev.finalised_at) + timedelta(days=rng.randint(20, 30)), self.yesterday
            )
            end = add_months(start, COACHING_MONTHS)
            mentor = plan.assessor_nip
            recorder = mentor or plan.nip
            check_ins = []
            day = start + timedelta(days=rng.randint(20, 35))
            for _ in range(rng.choice((1, 2, 2))):
                if day > min(end, self.yesterday):
                    break
                check_ins.append(DemoCheckIn(day, rng.choice(CHECK_IN_NOTES), recorder))
                day += timedelta(days=rng.randint(28, 45))
            status, outcome = CoachingStatus.BERJALAN, None
            if end < self.today:
                if rng.random() < 0.7:
                    status = CoachingStatus.BERHASIL
                    outcome = "Target pembinaan tercapai; kinerja kembali sesuai ekspektasi."
                else:
                    status = CoachingStatus.TIDAK_BERHASIL
                    outcome = "Target pembinaan belum tercapai; diteruskan ke BKPSDM."
            found.append(
                DemoCoaching(
                    nip=plan.nip,
                    mentor_nip=mentor,
                    goals=rng.choice(COACHING_GOALS).format(months=COACHING_MONTHS),
                    actions=rng.choice(COACHING_ACTIONS),
                    starts_on=start,
                    ends_on=end,
                    status=status,
                    outcome=outcome,
                    created_at=self.clamp(clock.at(start, 9)),
                    check_ins=tuple(check_ins),
                )
            )
        return found


def _replace(
    ev: DemoEvaluation, result: Rating, behavior: Rating, predicate: Predicate
) -> DemoEvaluation:
    return replace(ev, result=result, behavior=behavior, predicate=predicate)


def generate_evaluations(
    city: DemoCity, *, seed: int = 3373, today: date, policy: ObjectionPolicy = DEFAULT_POLICY
) -> DemoEvaluations:
    """Last year (``today.year - 1``) of ``city``, evaluated and closed, as of ``today``;
    keberatan deadlines follow ``policy``."""
    gen = _Generator(city, seed, today, policy)
    plans, goals = gen.plans()
    org = gen.org_predicates()
    evaluations = gen.evaluations(plans, org)
    realizations = gen.realizations(plans, evaluations)
    annual = {e.nip: e for e in evaluations if e.period is None}
    calibrations = gen.calibrations(plans, annual, org)
    objections, final = gen.objections(plans, annual)
    objections += gen.in_year_objections(plans, evaluations, objections, seed)
    evaluations = [final[e.nip] if e.period is None else e for e in evaluations]
    coaching = gen.coaching(plans, final)
    org_rows = [
        DemoOrgPredicate(code, period, predicate, ORG_BASIS[predicate])
        for code, predicate in sorted(org.items())
        for period in (None, *(p.number for p in gen.year.periods))
    ]
    return DemoEvaluations(
        year=gen.year,
        org_goals=goals,
        plans=plans,
        realizations=tuple(realizations),
        evaluations=tuple(evaluations),
        org_predicates=tuple(org_rows),
        calibrations=tuple(calibrations),
        objections=tuple(objections),
        coaching=tuple(coaching),
    )
