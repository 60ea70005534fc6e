"""generate_performance: one year of synthetic performance work for the demo city.

Pure and deterministic: the same city, ``seed`` and ``today`` always give the same records; no
database, no files, no clock. Everything follows the portal's own rules:

* the appraisal year is ``today.year``, monthly (BULANAN), SKP to be set by 31 January and
  realisasi due 10 days after each month;
* every employee holding a position gets an SKP (PerformancePlan). A JPT's RHKs reference the
  organisation goals (Perjanjian Kinerja) of their unit; everyone else's RHKs each intervene one
  RHK of their Pejabat Penilai's SKP (found by the domain rule, as the portal finds it);
* nearly all SKPs are DITETAPKAN; a handful of people who rate nobody are still DRAFT, DIAJUKAN
  or DITOLAK so that assessors have something to review (the demo Kepala Seksi at Diskominfo
  always has one submitted SKP waiting, when the seksi has more than the demo pelaksana);
* in-force SKPs have a realisasi per IKI for every month that has ended, except a few people
  who have not yet reported the last one; a few were confirmed late or are still proposals;
* a few work-log entries per person per month, bukti dukung referring to eight small generated
  files (stored once) or to links, feedback threads on some SKPs and a few dialog kinerja notes.

Records refer to each other by natural keys (NIP, ordinals, period numbers, timestamps), which
the loader maps to database ids.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from server import clock
from server.demo.assessors import DemoAssessors
from server.demo.evidence_files import DEMO_FILES, DOCUMENT_FILES, PHOTO_FILES, DemoFile
from server.demo.performance_texts import (
    ASSESSOR_FOLLOW_UPS,
    DIALOGUE_SUMMARIES,
    EXPECTATIONS,
    OWNER_REPLIES,
    REJECTION_REASONS,
    WORK_DETAILS,
    Bank,
    GoalTemplate,
    RhkTemplate,
    activity_of,
    fungsional_bank,
    goals_for,
    pelaksana_bank,
    structural_bank,
)
from server.demo.records import DemoCity, DemoEmployee, DemoPosition, DemoUnit
from server.demo.scenarios import DEMO_SEKSI
from server.domain.dates_id import month_name_id
from server.domain.enums import (
    Approach,
    Cadence,
    CoreValue,
    FeedbackTarget,
    IndicatorAspect,
    Perspective,
    PlanStatus,
    PositionKind,
    RealizationStatus,
    UnitKind,
    WorkResultKind,
)
from server.domain.planning import IN_FORCE, PeriodSpec, build_periods

REALIZATION_DUE_DAYS = 10  # the default of the portal (services.planning.years)
GOAL_UNIT_KINDS = frozenset({UnitKind.PERANGKAT_DAERAH, UnitKind.KECAMATAN, UnitKind.INSTANSI})
LEVEL_UNITS = frozenset({"%", "nilai", "indeks", "level", "hari", "opini WTP"})
"""Targets that are a level reached each month (not a count adding up over the year)."""

# Indexes into server.services.feedback.DEFAULT_FEEDBACK_PHRASES (kept pure: no service import).
PHRASE_ON_TARGET = 0
PHRASE_ABOVE_TARGET = 1
PHRASE_BELOW_TARGET = 2
PHRASE_EVIDENCE_MISSING = 3
PHRASE_CLARIFY = 4
PHRASE_COORDINATE = 6
PHRASE_DIALOGUE = 11

PENDING_SHARE = 0.004  # of people who rate nobody, per status DRAFT / DIAJUKAN / DITOLAK
LAGGARD_SHARE = 0.03  # in-force SKPs without the last month's realisasi yet
LATE_SHARE = 0.03
PROPOSED_SHARE = 0.03  # last month's realisasi still USULAN (proposed from the work log)
FILE_EVIDENCE_SHARE = 0.28
LINK_EVIDENCE_SHARE = 0.05
LOG_EVIDENCE_SHARE = 0.1
FEEDBACK_SHARE = 0.15
DIALOGUE_SHARE = 0.04
EXPECTATION_SHARE = 0.12
ENTRIES_PER_MONTH = (1, 2, 2, 3)

ONE = Decimal(1)
TENTH = Decimal("0.1")
HUNDRED = Decimal(100)


# --- records -----------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoYear:
    """Periode Penilaian of the demo."""

    year: int
    cadence: Cadence
    plan_deadline: date
    realization_due_days: int
    periods: tuple[PeriodSpec, ...]
    completed_periods: int  # periods that ended before ``today``


@dataclass(frozen=True)
class DemoOrgGoal:
    """A Perjanjian Kinerja target of a perangkat daerah or kecamatan."""

    unit_code: str
    ordinal: int  # 1-based within the unit
    text: str
    indicator: str
    target: str  # "85 %"


@dataclass(frozen=True)
class DemoIndicator:
    """IKI: 1-based ordinal within its RHK."""

    ordinal: int
    aspect: IndicatorAspect
    text: str
    target_value: Decimal
    target_unit: str
    perspective: Perspective | None


@dataclass(frozen=True)
class DemoWorkResult:
    """RHK: 1-based ordinal within the SKP; the parent is named by its ordinal in the assessor's
    SKP, the organisation goal by its ordinal in the owner's unit."""

    ordinal: int
    kind: WorkResultKind
    text: str
    parent_ordinal: int | None
    org_goal_ordinal: int | None
    indicators: tuple[DemoIndicator, ...]


@dataclass(frozen=True)
class DemoPlan:
    """SKP of one employee (``nip``) for the demo year."""

    nip: str
    assessor_nip: str | None  # who rates them today; parents come from this person's SKP
    unit_code: str  # unit of the owner's position (JPT goals belong to it)
    status: PlanStatus
    approach: Approach
    created_at: datetime
    submitted_at: datetime | None
    approved_at: datetime | None
    rejection_reason: str | None
    work_results: tuple[DemoWorkResult, ...]
    expectations: tuple[tuple[CoreValue, str], ...]

    @property
    def in_force(self) -> bool:
        return self.status in IN_FORCE


@dataclass(frozen=True)
class DemoRealization:
    """Realisasi of IKI (rhk, iki) of ``nip``'s SKP in period ``period``."""

    nip: str
    rhk: int
    iki: int
    period: int
    value: Decimal
    description: str
    status: RealizationStatus
    filed_at: datetime
    confirmed_at: datetime | None


@dataclass(frozen=True)
class DemoWorkLogEntry:
    """Catatan kerja harian; (nip, work_date, text) is unique."""

    nip: str
    work_date: date
    rhk: int
    iki: int | None
    text: str
    minutes_spent: int
    quantity: Decimal | None
    created_at: datetime


@dataclass(frozen=True)
class DemoEvidence:
    """Bukti dukung of a realisasi (rhk, iki, period) or a work-log entry (work_date, text)."""

    nip: str  # the SKP owner, who added it
    realization: tuple[int, int, int] | None
    work_log: tuple[date, str] | None
    file_index: int | None  # into DEMO_FILES
    url: str | None
    original_name: str | None
    title: str
    created_at: datetime


@dataclass(frozen=True)
class DemoFeedback:
    """Umpan balik on ``nip``'s SKP; ``created_at`` is unique per SKP and names the comment."""

    nip: str
    target: FeedbackTarget
    rhk: int | None
    iki: int | None
    period: int | None
    author_nip: str
    phrase_index: int | None
    text: str | None  # own words after the phrase (None: the phrase alone)
    created_at: datetime
    reply_to: datetime | None


@dataclass(frozen=True)
class DemoDialogue:
    """Dialog kinerja note on ``nip``'s SKP."""

    nip: str
    held_on: date
    participant_nips: tuple[str, ...]
    summary: str
    follow_ups: str
    recorded_by_nip: str
    created_at: datetime


@dataclass(frozen=True)
class DemoPerformance:
    year: DemoYear
    org_goals: tuple[DemoOrgGoal, ...]
    plans: tuple[DemoPlan, ...]  # assessors before the people they rate
    realizations: tuple[DemoRealization, ...]
    work_log: tuple[DemoWorkLogEntry, ...]
    evidence: tuple[DemoEvidence, ...]
    feedback: tuple[DemoFeedback, ...]  # a reply always after the comment it answers
    dialogues: tuple[DemoDialogue, ...]
    files: tuple[DemoFile, ...]


@dataclass(frozen=True)
class DemoCastNips:
    """NIPs of the demo accounts' pelaksana at Diskominfo and their Kepala Seksi."""

    pelaksana: str
    kasi: str


def demo_cast(city: DemoCity) -> DemoCastNips:
    kasi_key = f"{DEMO_SEKSI}.KASI"
    positions = {p.key: p for p in city.positions}
    pelaksana = kasi = None
    for e in city.employees:
        if e.position_key is None:
            continue
        p = positions[e.position_key]
        if e.position_key == kasi_key:
            kasi = e.nip
        elif pelaksana is None and p.unit_code == DEMO_SEKSI and p.kind is PositionKind.PELAKSANA:
            pelaksana = e.nip
    if pelaksana is None or kasi is None:
        raise ValueError("the demo city lacks the Diskominfo demo cast")
    return DemoCastNips(pelaksana, kasi)


# --- helpers -----------------------------------------------------------------------------


def _goal_target(template: GoalTemplate) -> str:
    return f"{_number_text(template.target)} {template.unit}"


def _number_text(value: Decimal) -> str:
    return format(value.normalize(), "f")


@functools.lru_cache(maxsize=1024)
def _weekdays(first: date, last: date) -> tuple[date, ...]:
    days = []
    day = first
    while day <= last:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return tuple(days)


class _Generator:
    def __init__(self, city: DemoCity, seed: int, today: date) -> None:
        self.city = city
        self.today = today
        self.rng = random.Random(f"performance:{seed}")
        self.assessors = DemoAssessors(city.positions, city.employees, city.overrides)
        self.positions = {p.key: p for p in city.positions}
        self.units = {u.code: u for u in city.units}
        # Nothing may claim to have happened after the end of yesterday (local calendar).
        self.ceiling = clock.start_of(today) - timedelta(minutes=1)
        periods = tuple(build_periods(today.year, Cadence.BULANAN, REALIZATION_DUE_DAYS))
        self.year = DemoYear(
            year=today.year,
            cadence=Cadence.BULANAN,
            plan_deadline=date(today.year, 1, 31),
            realization_due_days=REALIZATION_DUE_DAYS,
            periods=periods,
            completed_periods=sum(1 for p in periods if p.end < today),
        )
        self.holders = [e for e in city.employees if e.position_key is not None]
        self.assessor_of: dict[str, str | None] = {}
        for e in self.holders:
            boss = self.assessors.assessor_of(e.nip)
            self.assessor_of[e.nip] = boss.nip if boss is not None else None

    def clamp(self, moment: datetime) -> datetime:
        return min(moment, self.ceiling)

    @functools.cache  # noqa: B019 - one generator per call; the cache dies with it
    def depth(self, nip: str) -> int:
        boss = self.assessor_of.get(nip)
        return 0 if boss is None else self.depth(boss) + 1

    # --- organisation goals --------------------------------------------------------------

    def org_goals(self) -> dict[str, tuple[GoalTemplate, ...]]:
        codes = [u.code for u in self.city.units if u.kind in GOAL_UNIT_KINDS]
        for e in self.holders:
            p = self.positions[e.position_key or ""]
            if p.kind.is_jpt and p.unit_code not in codes:
                codes.append(p.unit_code)
        return {code: goals_for(code, self.units[code].name) for code in codes}

    # --- SKP content ---------------------------------------------------------------------

    def bank_for(self, position: DemoPosition, unit: DemoUnit) -> Bank:
        if position.kind is PositionKind.FUNGSIONAL:
            return fungsional_bank(position.name)
        if position.kind is PositionKind.PELAKSANA:
            return pelaksana_bank(position.name)
        return structural_bank(
            unit.name, unit.kind, administrator=position.kind is PositionKind.ADMINISTRATOR
        )

    def indicators(self, template: RhkTemplate) -> tuple[DemoIndicator, ...]:
        found = []
        for number, t in enumerate(template.indicators, start=1):
            target = t.target
            if t.unit not in LEVEL_UNITS and t.unit != "bulan" and target >= 4:
                # Counts differ a little from person to person.
                factor = Decimal(str(self.rng.choice((0.8, 0.9, 1, 1, 1.1, 1.2))))
                target = max(Decimal(1), (target * factor).quantize(Decimal(1), ROUND_HALF_UP))
            found.append(DemoIndicator(number, t.aspect, t.text, target, t.unit, None))
        return tuple(found)

    def jpt_results(self, goals: tuple[GoalTemplate, ...]) -> tuple[DemoWorkResult, ...]:
        perspectives = (
            Perspective.PENERIMA_LAYANAN,
            Perspective.PROSES_BISNIS,
            Perspective.PENGUATAN_INTERNAL,
        )
        results = []
        chosen = goals[:4]
        for number, g in enumerate(chosen, start=1):
            indicators = [
                DemoIndicator(
                    1,
                    IndicatorAspect.KUALITAS
                    if g.unit in LEVEL_UNITS
                    else IndicatorAspect.KUANTITAS,
                    g.indicator,
                    g.target,
                    g.unit,
                    perspectives[(number - 1) % len(perspectives)],
                )
            ]
            if number == len(chosen):
                indicators.append(
                    DemoIndicator(
                        2,
                        IndicatorAspect.BIAYA,
                        "Persentase realisasi anggaran",
                        Decimal(95),
                        "%",
                        Perspective.ANGGARAN,
                    )
                )
            results.append(
                DemoWorkResult(
                    number, WorkResultKind.UTAMA, g.text, None, number, tuple(indicators)
                )
            )
        return tuple(results)

    def staff_results(
        self, bank: Bank, parents: tuple[DemoWorkResult, ...]
    ) -> tuple[DemoWorkResult, ...]:
        rng = self.rng
        count = min(len(bank), rng.choice((2, 3, 3, 4)))
        rest = sorted(rng.sample(range(1, len(bank)), count - 1))
        templates = [bank[0], *(bank[i] for i in rest)]
        utama_parents = [p for p in parents if p.kind is WorkResultKind.UTAMA] or list(parents)
        offset = rng.randrange(len(utama_parents))
        results = []
        for number, template in enumerate(templates, start=1):
            extra = number == 4 or (number == 3 == count and rng.random() < 0.15)
            kind = WorkResultKind.TAMBAHAN if extra else WorkResultKind.UTAMA
            parent = (
                rng.choice(parents)
                if extra
                else utama_parents[(number - 1 + offset) % len(utama_parents)]
            )
            results.append(
                DemoWorkResult(
                    number, kind, template.text, parent.ordinal, None, self.indicators(template)
                )
            )
        return tuple(results)

    def expectations(self) -> tuple[tuple[CoreValue, str], ...]:
        values = sorted(self.rng.sample(list(EXPECTATIONS), self.rng.choice((1, 1, 2))))
        return tuple((v, self.rng.choice(EXPECTATIONS[v])) for v in values)

    def pending_statuses(self) -> dict[str, PlanStatus]:
        """The handful of SKPs not yet set, all of people who rate nobody."""
        cast = demo_cast(self.city)
        protected = {a.employee_nip for a in self.city.accounts if a.employee_nip}
        raters = {boss for boss in self.assessor_of.values() if boss is not None}
        leaves = [
            e.nip
            for e in self.holders
            if e.nip not in raters and e.nip not in protected and self.assessor_of[e.nip]
        ]
        statuses: dict[str, PlanStatus] = {}
        # The demo Kepala Seksi has one SKP to review (from someone other than the demo account).
        waiting = [n for n in leaves if self.assessor_of[n] == cast.kasi and n != cast.pelaksana]
        if waiting:
            statuses[waiting[-1]] = PlanStatus.DIAJUKAN
        each = max(1, round(len(leaves) * PENDING_SHARE))
        pool = [n for n in leaves if n not in statuses]
        picked = self.rng.sample(pool, min(len(pool), 3 * each))
        for index, nip in enumerate(picked):
            statuses[nip] = (PlanStatus.DRAFT, PlanStatus.DIAJUKAN, PlanStatus.DITOLAK)[index % 3]
        return statuses

    def plans(self, goals: dict[str, tuple[GoalTemplate, ...]]) -> tuple[DemoPlan, ...]:
        rng = self.rng
        statuses = self.pending_statuses()
        year_start = date(self.year.year, 1, 1)
        ordered = sorted(self.holders, key=lambda e: self.depth(e.nip))  # stable: city order
        made: dict[str, DemoPlan] = {}
        for e in ordered:
            position = self.positions[e.position_key or ""]
            unit = self.units[position.unit_code]
            boss = self.assessor_of[e.nip]
            if position.kind.is_jpt:
                results = self.jpt_results(goals[position.unit_code])
            else:
                assert boss is not None, f"{position.key} has nobody above it"
                results = self.staff_results(self.bank_for(position, unit), made[boss].work_results)
            status = statuses.get(e.nip, PlanStatus.DITETAPKAN)
            submitted: datetime | None
            approved: datetime | None = None
            reason = None
            if status is PlanStatus.DITETAPKAN:
                # Top-down in January: an assessor's SKP is set before their people submit.
                day = year_start + timedelta(days=1 + 3 * self.depth(e.nip) + rng.randrange(3))
                submitted = self.clamp(clock.at(day, rng.randint(8, 15), rng.randrange(60)))
                approved = self.clamp(submitted + timedelta(days=rng.randint(1, 3), hours=1))
                created = submitted - timedelta(days=rng.randint(1, 5))
            else:
                recent = max(year_start, self.today - timedelta(days=rng.randint(2, 12)))
                created = self.clamp(clock.at(recent, 9, rng.randrange(60)) - timedelta(days=7))
                submitted = (
                    None
                    if status is PlanStatus.DRAFT
                    else self.clamp(clock.at(recent, rng.randint(9, 15), rng.randrange(60)))
                )
                if status is PlanStatus.DITOLAK:
                    reason = rng.choice(REJECTION_REASONS)
            expectations = (
                self.expectations()
                if status is PlanStatus.DITETAPKAN and boss and rng.random() < EXPECTATION_SHARE
                else ()
            )
            made[e.nip] = DemoPlan(
                nip=e.nip,
                assessor_nip=boss,
                unit_code=position.unit_code,
                status=status,
                approach=Approach.KUANTITATIF,
                created_at=created,
                submitted_at=submitted,
                approved_at=approved,
                rejection_reason=reason,
                work_results=results,
                expectations=expectations,
            )
        return tuple(made.values())

    # --- doing the work ------------------------------------------------------------------

    def monthly_value(self, indicator: DemoIndicator, pace: float) -> Decimal:
        random_ = self.rng.random
        unit = indicator.target_unit
        target = indicator.target_value
        if unit == "bulan":
            return ONE
        if unit in LEVEL_UNITS:
            spread = 0.7 + 0.6 * random_() if unit == "hari" else (0.88 + 0.18 * random_()) * pace
            value = target * Decimal(round(spread, 3))
            if unit == "%":
                value = min(value, HUNDRED)
            return value.quantize(TENTH, ROUND_HALF_UP)
        expected = float(target) / 12 * pace * (0.6 + 0.8 * random_())
        whole = int(expected)
        return Decimal(whole + (1 if random_() < expected - whole else 0))

    def filed_at(self, period: PeriodSpec, late: bool) -> datetime:
        """When a pegawai reported a month: within the due days, or a few days after them."""
        random_ = self.rng.random
        if late:
            day = period.realization_due + timedelta(days=1 + int(random_() * 10))
        else:
            day = period.end + timedelta(days=1 + int(random_() * self.year.realization_due_days))
        return self.clamp(clock.at(day, 8, int(random_() * 480)))

    def work(
        self, plans: Sequence[DemoPlan]
    ) -> tuple[list[DemoRealization], list[DemoWorkLogEntry], list[DemoEvidence]]:
        # Hot loop (about 150 000 realisasi for the full city late in the year): plain
        # random() arithmetic instead of randint/choice keeps the generator to a few seconds.
        rng = self.rng
        random_ = rng.random
        realizations: list[DemoRealization] = []
        entries: list[DemoWorkLogEntry] = []
        evidence: list[DemoEvidence] = []
        completed = self.year.completed_periods
        year = self.year.year
        cast = demo_cast(self.city)
        yesterday = self.today - timedelta(days=1)
        done = self.year.periods[:completed]
        labels = {
            p.number: (month_name_id(p.number), f"{month_name_id(p.number)} {year}") for p in done
        }
        confirmed, proposed_status = RealizationStatus.DIKONFIRMASI, RealizationStatus.USULAN
        file_names = {
            (i, p.number): (
                f"{DEMO_FILES[i].stem}-{labels[p.number][0].lower()}-{year}"
                f"{DEMO_FILES[i].extension}",
                f"{DEMO_FILES[i].title} {labels[p.number][1]}",
            )
            for i in range(len(DEMO_FILES))
            for p in done
        }
        for plan in plans:
            if not plan.in_force:
                continue
            pace = 0.85 + 0.27 * random_()
            laggard = plan.nip != cast.pelaksana and random_() < LAGGARD_SHARE
            indicators = [(r, i) for r in plan.work_results for i in r.indicators]
            for period in done:
                last = period.number == completed
                if last and laggard:
                    continue
                # All IKIs of a month are reported in one sitting.
                filed = self.filed_at(period, random_() < LATE_SHARE)
                proposed = last and random_() < PROPOSED_SHARE
                label = labels[period.number][1]
                for result, indicator in indicators:
                    value = self.monthly_value(indicator, pace)
                    realizations.append(
                        DemoRealization(
                            nip=plan.nip,
                            rhk=result.ordinal,
                            iki=indicator.ordinal,
                            period=period.number,
                            value=value,
                            description=(
                                f"Capaian {label}: {_number_text(value)} {indicator.target_unit} "
                                f"untuk IKI \u201c{indicator.text}\u201d, sesuai catatan kerja dan "
                                "bukti dukung."
                            ),
                            status=proposed_status if proposed else confirmed,
                            filed_at=filed,
                            confirmed_at=None if proposed else filed,
                        )
                    )
                    key = (result.ordinal, indicator.ordinal, period.number)
                    draw = random_()
                    if draw < FILE_EVIDENCE_SHARE:
                        files = PHOTO_FILES if draw < FILE_EVIDENCE_SHARE / 4 else DOCUMENT_FILES
                        index = files[int(random_() * len(files))]
                        name, title = file_names[index, period.number]
                        evidence.append(
                            DemoEvidence(plan.nip, key, None, index, None, name, title, filed)
                        )
                    elif draw < FILE_EVIDENCE_SHARE + LINK_EVIDENCE_SHARE:
                        url = (
                            f"https://arsip.salatiga.example/bukti/{year}/{period.number:02d}/"
                            f"{plan.nip[-6:]}-{result.ordinal}-{indicator.ordinal}"
                        )
                        title = f"Dokumen pendukung {label} (tautan)"
                        evidence.append(
                            DemoEvidence(plan.nip, key, None, None, url, None, title, filed)
                        )
            self.log_work(plan, yesterday, entries, evidence)
        return realizations, entries, evidence

    def log_work(
        self,
        plan: DemoPlan,
        yesterday: date,
        entries: list[DemoWorkLogEntry],
        evidence: list[DemoEvidence],
    ) -> None:
        """A few catatan kerja per month up to yesterday, including the current month."""
        random_ = self.rng.random
        start = clock.day_of(plan.approved_at or plan.created_at)
        results = plan.work_results
        for period in self.year.periods[: self.today.month]:
            days = _weekdays(max(period.start, start), min(period.end, yesterday))
            if not days:
                continue
            used: set[tuple[date, str]] = set()
            for _ in range(ENTRIES_PER_MONTH[int(random_() * len(ENTRIES_PER_MONTH))]):
                result = results[int(random_() * len(results))]
                logged = result.indicators[0] if random_() < 0.6 else None
                day = days[int(random_() * len(days))]
                detail = WORK_DETAILS[int(random_() * len(WORK_DETAILS))]
                text = f"{activity_of(result.text)}: {detail}"
                if (day, text) in used:
                    continue
                used.add((day, text))
                counts = logged is not None and logged.target_unit not in LEVEL_UNITS
                created = self.clamp(clock.at(day, 14, int(random_() * 150)))
                entries.append(
                    DemoWorkLogEntry(
                        nip=plan.nip,
                        work_date=day,
                        rhk=result.ordinal,
                        iki=logged.ordinal if logged else None,
                        text=text,
                        minutes_spent=30 * (1 + int(random_() * 12)),
                        quantity=(
                            Decimal(1 + int(random_() * 3))
                            if counts and logged and logged.target_unit != "bulan"
                            else None
                        ),
                        created_at=created,
                    )
                )
                if random_() < LOG_EVIDENCE_SHARE:
                    index = PHOTO_FILES[int(random_() * len(PHOTO_FILES))]
                    f = DEMO_FILES[index]
                    name = f"{f.stem}-{day.isoformat()}{f.extension}"
                    evidence.append(
                        DemoEvidence(
                            plan.nip, None, (day, text), index, None, name, f.title, created
                        )
                    )

    # --- feedback and dialogues ----------------------------------------------------------

    def feedback(
        self, plans: Sequence[DemoPlan], realizations: Sequence[DemoRealization]
    ) -> tuple[list[DemoFeedback], list[DemoDialogue]]:
        rng = self.rng
        cast = demo_cast(self.city)
        completed = self.year.completed_periods
        latest: dict[str, list[DemoRealization]] = {}
        for r in realizations:
            if r.period >= completed - 1:  # comments are about the last month or two
                latest.setdefault(r.nip, []).append(r)
        comments: list[DemoFeedback] = []
        dialogues: list[DemoDialogue] = []
        for plan in plans:
            boss = plan.assessor_nip
            if boss is None:
                continue
            if plan.status is PlanStatus.DITOLAK and plan.submitted_at is not None:
                comments.append(
                    DemoFeedback(
                        plan.nip, FeedbackTarget.SKP, None, None, None, boss, PHRASE_CLARIFY,
                        plan.rejection_reason, self.clamp(plan.submitted_at + timedelta(hours=20)),
                        None,
                    )
                )  # fmt: skip
                continue
            if not plan.in_force:
                continue
            chosen = plan.nip == cast.pelaksana or rng.random() < FEEDBACK_SHARE
            if chosen:
                comments.extend(self.thread(plan, boss, latest.get(plan.nip, [])))
            if plan.nip == cast.pelaksana or rng.random() < DIALOGUE_SHARE:
                dialogue = self.dialogue(plan, boss)
                if dialogue is not None:
                    dialogues.append(dialogue)
        return comments, dialogues

    def thread(
        self, plan: DemoPlan, boss: str, recent: list[DemoRealization]
    ) -> list[DemoFeedback]:
        """One or two comments by the assessor; some answered by the pegawai, and again."""
        rng = self.rng
        found: list[DemoFeedback] = []
        taken: set[datetime] = set()

        def moment_after(earlier: datetime, gap: timedelta) -> datetime | None:
            # None when it would lie in the future: the conversation has not happened yet.
            moment = earlier + gap
            while moment in taken:
                moment += timedelta(seconds=1)
            if moment > self.ceiling:
                return None
            taken.add(moment)
            return moment

        for _ in range(rng.choice((1, 1, 2))):
            target: tuple[FeedbackTarget, int, int | None, int | None]
            if recent:
                r = rng.choice(recent)
                indicator = next(
                    i
                    for w in plan.work_results
                    if w.ordinal == r.rhk
                    for i in w.indicators
                    if i.ordinal == r.iki
                )
                counts = indicator.target_unit not in LEVEL_UNITS
                monthly = indicator.target_value / 12 if counts else indicator.target_value
                if indicator.target_unit == "bulan" or indicator.target_unit == "hari":
                    phrase = PHRASE_ON_TARGET
                elif r.value < monthly * Decimal("0.9"):
                    phrase = PHRASE_BELOW_TARGET
                elif r.value > monthly * Decimal("1.15"):
                    phrase = PHRASE_ABOVE_TARGET
                else:
                    phrase = rng.choice((PHRASE_ON_TARGET, PHRASE_EVIDENCE_MISSING, PHRASE_CLARIFY))
                target = (FeedbackTarget.REALISASI, r.rhk, r.iki, r.period)
                root = moment_after(
                    r.filed_at, timedelta(days=rng.randint(1, 4), hours=rng.randint(0, 5))
                )
            else:
                result = rng.choice(plan.work_results)
                phrase = rng.choice((PHRASE_COORDINATE, PHRASE_CLARIFY, PHRASE_DIALOGUE))
                target = (FeedbackTarget.RHK, result.ordinal, None, None)
                root = moment_after(
                    plan.approved_at or plan.created_at,
                    timedelta(days=rng.randint(2, 20), hours=rng.randint(0, 5)),
                )
            if root is None:
                continue
            kind, rhk_no, iki_no, period_no = target
            found.append(
                DemoFeedback(
                    plan.nip, kind, rhk_no, iki_no, period_no, boss, phrase, None, root, None
                )
            )
            if rng.random() >= 0.5:
                continue
            reply = moment_after(root, timedelta(hours=rng.randint(2, 30)))
            if reply is None:
                continue
            found.append(
                DemoFeedback(
                    plan.nip, kind, rhk_no, iki_no, period_no, plan.nip, None,
                    rng.choice(OWNER_REPLIES), reply, root,
                )
            )  # fmt: skip
            if rng.random() >= 0.3:
                continue
            again = moment_after(reply, timedelta(hours=rng.randint(1, 24)))
            if again is not None:
                found.append(
                    DemoFeedback(
                        plan.nip, kind, rhk_no, iki_no, period_no, boss, None,
                        rng.choice(ASSESSOR_FOLLOW_UPS), again, reply,
                    )
                )  # fmt: skip
        return found

    def dialogue(self, plan: DemoPlan, boss: str) -> DemoDialogue | None:
        rng = self.rng
        start = clock.day_of(plan.approved_at or plan.created_at) + timedelta(days=7)
        days = _weekdays(start, self.today - timedelta(days=1))
        if not days:
            return None
        held = rng.choice(days)
        summary, follow_ups = rng.choice(DIALOGUE_SUMMARIES)
        return DemoDialogue(
            nip=plan.nip,
            held_on=held,
            participant_nips=(plan.nip, boss),
            summary=summary,
            follow_ups=follow_ups,
            recorded_by_nip=boss,
            created_at=self.clamp(clock.at(held, 15, rng.randrange(60))),
        )


def generate_performance(city: DemoCity, *, seed: int = 3373, today: date) -> DemoPerformance:
    """One year of SKPs and documented work for ``city``, as of ``today``."""
    gen = _Generator(city, seed, today)
    goal_templates = gen.org_goals()
    goals = tuple(
        DemoOrgGoal(code, number, g.text, g.indicator, _goal_target(g))
        for code, templates in goal_templates.items()
        for number, g in enumerate(templates, start=1)
    )
    plans = gen.plans(goal_templates)
    realizations, entries, evidence = gen.work(plans)
    comments, dialogues = gen.feedback(plans, realizations)
    return DemoPerformance(
        year=gen.year,
        org_goals=goals,
        plans=plans,
        realizations=tuple(realizations),
        work_log=tuple(entries),
        evidence=tuple(evidence),
        feedback=tuple(comments),
        dialogues=tuple(dialogues),
        files=DEMO_FILES,
    )


def employees_by_nip(city: DemoCity) -> dict[str, DemoEmployee]:
    return {e.nip: e for e in city.employees}
