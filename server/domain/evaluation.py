"""Evaluation rules (PermenPANRB 6/2022; SE MenPANRB 3/2023; DOMAIN.md §4, §5, §7, §10).

Everything a regulation change could move is policy data with an effective date: the 3 × 3
predicate matrix, the rule that proposes a rating from per-RHK judgements, and the allowed
distribution of predicates per organisation predicate. The functions here are pure.
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction

from server.domain.enums import EvaluationStatus, OrgPredicate, Predicate, Rating

R = Rating
P = Predicate

FINALISED = frozenset({EvaluationStatus.DITETAPKAN, EvaluationStatus.DITERIMA})
"""Evaluation states whose predicate counts (set by the assessor, acknowledged or not)."""

PREDICATE_ORDER: tuple[Predicate, ...] = (
    P.SANGAT_BAIK,
    P.BAIK,
    P.BUTUH_PERBAIKAN,
    P.KURANG,
    P.SANGAT_KURANG,
)
PREDICATE_LABELS = {
    P.SANGAT_BAIK: "Sangat Baik",
    P.BAIK: "Baik",
    P.BUTUH_PERBAIKAN: "Butuh Perbaikan",
    P.KURANG: "Kurang/Misconduct",
    P.SANGAT_KURANG: "Sangat Kurang",
}
RATING_LABELS = {
    R.DI_ATAS_EKSPEKTASI: "Di Atas Ekspektasi",
    R.SESUAI_EKSPEKTASI: "Sesuai Ekspektasi",
    R.DI_BAWAH_EKSPEKTASI: "Di Bawah Ekspektasi",
}


@dataclass(frozen=True)
class PredicateMatrix:
    """(Rating Hasil Kerja, Rating Perilaku Kerja) → predikat, valid from a date."""

    effective_from: date
    cells: Mapping[tuple[Rating, Rating], Predicate]
    source: str

    def predicate(self, result: Rating, behavior: Rating) -> Predicate:
        return self.cells[(result, behavior)]


MATRIX_2022 = PredicateMatrix(
    effective_from=date(2022, 1, 1),
    source=(
        "Peraturan Menteri PANRB Nomor 6 Tahun 2022 tentang Pengelolaan Kinerja Pegawai "
        "Aparatur Sipil Negara, Lampiran: matriks Predikat Kinerja Pegawai"
    ),
    cells={
        (R.DI_ATAS_EKSPEKTASI, R.DI_BAWAH_EKSPEKTASI): P.KURANG,
        (R.DI_ATAS_EKSPEKTASI, R.SESUAI_EKSPEKTASI): P.BAIK,
        (R.DI_ATAS_EKSPEKTASI, R.DI_ATAS_EKSPEKTASI): P.SANGAT_BAIK,
        (R.SESUAI_EKSPEKTASI, R.DI_BAWAH_EKSPEKTASI): P.KURANG,
        (R.SESUAI_EKSPEKTASI, R.SESUAI_EKSPEKTASI): P.BAIK,
        (R.SESUAI_EKSPEKTASI, R.DI_ATAS_EKSPEKTASI): P.BAIK,
        (R.DI_BAWAH_EKSPEKTASI, R.DI_BAWAH_EKSPEKTASI): P.SANGAT_KURANG,
        (R.DI_BAWAH_EKSPEKTASI, R.SESUAI_EKSPEKTASI): P.BUTUH_PERBAIKAN,
        (R.DI_BAWAH_EKSPEKTASI, R.DI_ATAS_EKSPEKTASI): P.BUTUH_PERBAIKAN,
    },
)
MATRICES: tuple[PredicateMatrix, ...] = (MATRIX_2022,)


def matrix_on(day: date) -> PredicateMatrix:
    """The matrix in force on ``day`` (the newest one that has started)."""
    valid = [m for m in MATRICES if m.effective_from <= day]
    if not valid:
        raise ValueError(f"no predicate matrix is in force on {day.isoformat()}")
    return max(valid, key=lambda m: m.effective_from)


@dataclass(frozen=True)
class ProposalRule:
    """How the system proposes a rating from judgements [P/I: the regulation says "most or all"].

    - Di Atas: at least ``above_share`` of items above expectation and no key item below;
    - Di Bawah: more than ``below_share`` of items below expectation, or more than
      ``key_below_share`` of the key items (hasil kerja utama) below;
    - otherwise Sesuai.
    """

    effective_from: date = date(2022, 1, 1)
    above_share: Fraction = Fraction(1, 2)
    below_share: Fraction = Fraction(1, 2)
    key_below_share: Fraction = Fraction(1, 3)
    # Printed on the Dokumen Evaluasi Kinerja: official wording only. The shares are the
    # instansi's policy (configurable), the principle is the regulation's.
    source: str = (
        "Peraturan Menteri PANRB Nomor 6 Tahun 2022 (rating menurut sebagian besar atau seluruh "
        "hasil kerja dan perilaku kerja); ambang persentase menurut ketentuan penilaian kinerja "
        "instansi"
    )


DEFAULT_PROPOSAL_RULE = ProposalRule()


@dataclass(frozen=True)
class Judged:
    """One judged item: an RHK (``key`` = Utama) or a BerAKHLAK value (never key)."""

    rating: Rating
    key: bool = False


@dataclass(frozen=True)
class Proposal:
    rating: Rating
    reasons: tuple[str, ...]


def propose_rating(items: Sequence[Judged], rule: ProposalRule = DEFAULT_PROPOSAL_RULE) -> Proposal:
    """The proposed rating, with the reasons a person can read."""
    if not items:
        raise ValueError("a rating needs at least one judged item")
    total = len(items)
    counts = Counter(i.rating for i in items)
    keys = [i for i in items if i.key]
    key_below = sum(1 for i in keys if i.rating is R.DI_BAWAH_EKSPEKTASI)
    above = Fraction(counts[R.DI_ATAS_EKSPEKTASI], total)
    below = Fraction(counts[R.DI_BAWAH_EKSPEKTASI], total)
    summary = (
        f"{counts[R.DI_ATAS_EKSPEKTASI]} di atas, {counts[R.SESUAI_EKSPEKTASI]} sesuai, "
        f"{counts[R.DI_BAWAH_EKSPEKTASI]} di bawah ekspektasi dari {total}"
    )
    if below > rule.below_share:
        return Proposal(R.DI_BAWAH_EKSPEKTASI, (summary, "sebagian besar di bawah ekspektasi"))
    if keys and Fraction(key_below, len(keys)) > rule.key_below_share:
        return Proposal(
            R.DI_BAWAH_EKSPEKTASI,
            (summary, f"{key_below} dari {len(keys)} hasil kerja utama di bawah ekspektasi"),
        )
    if above >= rule.above_share and key_below == 0:
        return Proposal(
            R.DI_ATAS_EKSPEKTASI,
            (summary, "sebagian besar di atas ekspektasi dan tidak ada hasil kerja utama di bawah"),
        )
    reasons = [summary, "sebagian besar sesuai ekspektasi"]
    if key_below:
        reasons.append(f"hanya sebagian kecil hasil kerja utama ({key_below}) di bawah ekspektasi")
    return Proposal(R.SESUAI_EKSPEKTASI, tuple(reasons))


ORG_TO_RESULT_RATING: Mapping[OrgPredicate, Rating] = {
    OrgPredicate.ISTIMEWA: R.DI_ATAS_EKSPEKTASI,
    OrgPredicate.BAIK: R.SESUAI_EKSPEKTASI,
    OrgPredicate.BUTUH_PERBAIKAN: R.DI_BAWAH_EKSPEKTASI,
    OrgPredicate.KURANG: R.DI_BAWAH_EKSPEKTASI,
    OrgPredicate.SANGAT_KURANG: R.DI_BAWAH_EKSPEKTASI,
}
"""Head of the organisation: the organisation's achievement becomes their Rating Hasil Kerja [I]."""


@dataclass(frozen=True)
class Bound:
    """A constraint on the share of one or more predicates in a unit."""

    predicates: frozenset[Predicate]
    at_least: Fraction | None = None
    at_most: Fraction | None = None
    min_count: int | None = None  # e.g. "at least one Butuh Perbaikan or Kurang"
    description: str = ""


@dataclass(frozen=True)
class DistributionRule:
    largest: Predicate | None  # the predicate that must be the largest group, if any
    bounds: tuple[Bound, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class DistributionPolicy:
    """Allowed distribution of individual predicates per organisation predicate [P]."""

    effective_from: date
    rules: Mapping[OrgPredicate, DistributionRule]
    source: str


def _b(*predicates: Predicate, **kw: object) -> Bound:
    return Bound(frozenset(predicates), **kw)  # type: ignore[arg-type]


POLICY_2023 = DistributionPolicy(
    effective_from=date(2023, 1, 1),
    source="SE MenPANRB 3/2023 as summarised in one secondary source [P]; DOMAIN.md §7",
    rules={
        OrgPredicate.ISTIMEWA: DistributionRule(
            largest=P.SANGAT_BAIK,
            bounds=(_b(P.SANGAT_BAIK, at_most=Fraction(7, 10), description="Sangat Baik ≤ 70 %"),),
        ),
        OrgPredicate.BAIK: DistributionRule(
            largest=P.BAIK,
            bounds=(
                _b(P.BAIK, at_most=Fraction(7, 10), description="Baik ≤ 70 %"),
                _b(
                    P.BUTUH_PERBAIKAN,
                    P.KURANG,
                    min_count=1,
                    description="setidaknya satu Butuh Perbaikan atau Kurang/Misconduct",
                ),
            ),
        ),
        OrgPredicate.BUTUH_PERBAIKAN: DistributionRule(
            largest=None,
            bounds=(
                _b(
                    P.BUTUH_PERBAIKAN,
                    at_least=Fraction(6, 10),
                    description="Butuh Perbaikan ≥ 60 %",
                ),
                _b(P.SANGAT_BAIK, at_most=Fraction(1, 10), description="Sangat Baik ≤ 10 %"),
            ),
        ),
        OrgPredicate.KURANG: DistributionRule(
            largest=None,
            bounds=(
                _b(P.KURANG, at_least=Fraction(6, 10), description="Kurang/Misconduct ≥ 60 %"),
                _b(
                    P.BUTUH_PERBAIKAN,
                    at_least=Fraction(1, 10),
                    description="Butuh Perbaikan ≥ 10 %",
                ),
                _b(P.SANGAT_BAIK, at_most=Fraction(1, 10), description="Sangat Baik ≤ 10 %"),
            ),
        ),
        OrgPredicate.SANGAT_KURANG: DistributionRule(
            largest=None,
            bounds=(
                _b(P.SANGAT_KURANG, at_least=Fraction(6, 10), description="Sangat Kurang ≥ 60 %"),
                _b(
                    P.KURANG,
                    P.BUTUH_PERBAIKAN,
                    at_least=Fraction(1, 10),
                    description="Kurang/Misconduct atau Butuh Perbaikan ≥ 10 %",
                ),
                _b(P.SANGAT_BAIK, at_most=Fraction(0), description="tidak ada Sangat Baik"),
            ),
        ),
    },
)
POLICIES: tuple[DistributionPolicy, ...] = (POLICY_2023,)


def policy_on(day: date) -> DistributionPolicy:
    valid = [p for p in POLICIES if p.effective_from <= day]
    if not valid:
        raise ValueError(f"no distribution policy is in force on {day.isoformat()}")
    return max(valid, key=lambda p: p.effective_from)


@dataclass(frozen=True)
class DistributionCheck:
    counts: Mapping[Predicate, int]
    total: int
    violations: tuple[str, ...]

    @property
    def within(self) -> bool:
        return not self.violations


def check_distribution(
    counts: Mapping[Predicate, int], org_predicate: OrgPredicate, policy: DistributionPolicy
) -> DistributionCheck:
    """Compare a unit's predicates with the allowed pattern. It never changes a rating.

    Rounding for small units is unspecified [P]: outside the pattern means a written
    justification is needed to finalise, not that a rating must change.
    """
    full = {p: counts.get(p, 0) for p in PREDICATE_ORDER}
    total = sum(full.values())
    rule = policy.rules[org_predicate]
    violations: list[str] = []
    if total == 0:
        return DistributionCheck(full, 0, ())
    if rule.largest is not None:
        top = full[rule.largest]
        if any(full[p] > top for p in PREDICATE_ORDER if p is not rule.largest):
            violations.append(f"{PREDICATE_LABELS[rule.largest]} harus menjadi kelompok terbesar")
    for bound in rule.bounds:
        count = sum(full[p] for p in bound.predicates)
        share = Fraction(count, total)
        if bound.at_least is not None and share < bound.at_least:
            violations.append(f"{bound.description} (sekarang {_percent(share)})")
        if bound.at_most is not None and share > bound.at_most:
            violations.append(f"{bound.description} (sekarang {_percent(share)})")
        if bound.min_count is not None and count < bound.min_count:
            violations.append(f"{bound.description} (sekarang {count})")
    return DistributionCheck(full, total, tuple(violations))


def _percent(share: Fraction) -> str:
    value = Decimal(share.numerator) / Decimal(share.denominator) * 100
    return f"{value.quantize(Decimal('0.1'))} %"


ANGKA_KREDIT_PERCENT: Mapping[Predicate, int] = {
    P.SANGAT_BAIK: 150,
    P.BAIK: 100,
    P.BUTUH_PERBAIKAN: 75,
    P.KURANG: 50,
    P.SANGAT_KURANG: 25,
}


def angka_kredit(predicate: Predicate, annual_coefficient: Decimal, months: int = 12) -> Decimal:
    """JF angka kredit: predicate % × annual coefficient (× months/12 for a part year)."""
    if not 1 <= months <= 12:
        raise ValueError("months must be between 1 and 12")
    value = annual_coefficient * ANGKA_KREDIT_PERCENT[predicate] / 100 * months / 12
    return value.quantize(Decimal("0.001"))


LOW_PREDICATES = frozenset({P.BUTUH_PERBAIKAN, P.KURANG, P.SANGAT_KURANG})
"""Predicates that open a coaching plan (rencana pembinaan)."""

COACHING_MONTHS = 6


def eligible_for_promotion(last_two_years: Sequence[Predicate | None]) -> bool:
    """Kenaikan pangkat and talent pool: at least Baik in both of the last two years."""
    return len(last_two_years) == 2 and all(p in (P.SANGAT_BAIK, P.BAIK) for p in last_two_years)


def talent_pool_priority(last_two_years: Sequence[Predicate | None]) -> bool:
    """Sangat Baik twice in a row gives talent-pool priority."""
    return len(last_two_years) == 2 and all(p is P.SANGAT_BAIK for p in last_two_years)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it is shorter (the end of a
    coaching window of COACHING_MONTHS)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
