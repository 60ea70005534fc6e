"""Indeks Kepuasan Masyarakat (PermenPANRB 14/2017, DOMAIN.md §11).

NRR_i is the mean score (1–4) of unsur i over its valid answers; IKM = Σ NRR_i × 1/9 with the
exact weight 1/9 (not 0.111); the converted value is IKM × 25. Computed with exact fractions,
rounded half-up to two decimals only for display and banding, so band edges never wobble.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction


class Unsur(StrEnum):
    """The nine SKM elements. Stored by code, never by position."""

    U1 = "U1"
    U2 = "U2"
    U3 = "U3"
    U4 = "U4"
    U5 = "U5"
    U6 = "U6"
    U7 = "U7"
    U8 = "U8"
    U9 = "U9"


@dataclass(frozen=True)
class UnsurInfo:
    code: Unsur
    name: str
    answers: tuple[str, str, str, str]  # labels for scores 1, 2, 3, 4


UNSUR: tuple[UnsurInfo, ...] = (
    UnsurInfo(
        Unsur.U1, "Persyaratan", ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai")
    ),
    UnsurInfo(
        Unsur.U2,
        "Sistem, Mekanisme, dan Prosedur",
        ("Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"),
    ),
    UnsurInfo(
        Unsur.U3, "Waktu Penyelesaian", ("Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat")
    ),
    UnsurInfo(Unsur.U4, "Biaya/Tarif", ("Sangat mahal", "Cukup mahal", "Murah", "Gratis")),
    UnsurInfo(
        Unsur.U5,
        "Produk Spesifikasi Jenis Pelayanan",
        ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    ),
    UnsurInfo(
        Unsur.U6,
        "Kompetensi Pelaksana",
        ("Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"),
    ),
    UnsurInfo(
        Unsur.U7,
        "Perilaku Pelaksana",
        (
            "Tidak sopan dan ramah",
            "Kurang sopan dan ramah",
            "Sopan dan ramah",
            "Sangat sopan dan ramah",
        ),
    ),
    UnsurInfo(
        Unsur.U8,
        "Penanganan Pengaduan, Saran dan Masukan",
        (
            "Tidak ada",
            "Ada tetapi tidak berfungsi",
            "Berfungsi kurang maksimal",
            "Dikelola dengan baik",
        ),
    ),
    UnsurInfo(Unsur.U9, "Sarana dan Prasarana", ("Buruk", "Cukup", "Baik", "Sangat baik")),
)

BY_CODE: Mapping[Unsur, UnsurInfo] = {u.code: u for u in UNSUR}
WEIGHT = Fraction(1, 9)
CONVERSION_FACTOR = 25
TWO_PLACES = Decimal("0.01")


class Band(StrEnum):
    """Mutu pelayanan on the converted IKM (the 2017 bands; never the 2004 ones)."""

    A = "A"  # 88,31–100: Sangat Baik
    B = "B"  # 76,61–88,30: Baik
    C = "C"  # 65,00–76,60: Kurang Baik
    D = "D"  # 25,00–64,99: Tidak Baik


BAND_LABELS = {Band.A: "Sangat Baik", Band.B: "Baik", Band.C: "Kurang Baik", Band.D: "Tidak Baik"}
# Lower bounds of each band on the converted value, as published (two decimals).
BAND_FLOORS: tuple[tuple[Decimal, Band], ...] = (
    (Decimal("88.31"), Band.A),
    (Decimal("76.61"), Band.B),
    (Decimal("65.00"), Band.C),
    (Decimal("25.00"), Band.D),
)


def round2(value: Fraction | Decimal) -> Decimal:
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def band_of(converted: Decimal) -> Band:
    """The band of a converted value, compared at the published two-decimal precision."""
    shown = round2(converted)
    for floor, band in BAND_FLOORS:
        if shown >= floor:
            return band
    raise ValueError(f"converted IKM {shown} is below 25.00: not a valid IKM")


@dataclass(frozen=True)
class IkmResult:
    responses: int
    nrr: Mapping[Unsur, Fraction | None]  # None: no valid answer for that unsur
    ikm: Fraction | None  # None unless every unsur has at least one valid answer
    converted: Decimal | None
    band: Band | None


def score_is_valid(score: object) -> bool:
    return isinstance(score, int) and not isinstance(score, bool) and 1 <= score <= 4


def compute_ikm(responses: Iterable[Mapping[Unsur, int | None]]) -> IkmResult:
    """IKM over survey responses; an answer outside 1–4 (or missing) is not a valid answer."""
    totals = dict.fromkeys(Unsur, 0)
    counts = dict.fromkeys(Unsur, 0)
    n = 0
    for response in responses:
        n += 1
        for code in Unsur:
            score = response.get(code)
            if score_is_valid(score):
                assert isinstance(score, int)
                totals[code] += score
                counts[code] += 1
    nrr: dict[Unsur, Fraction | None] = {
        code: Fraction(totals[code], counts[code]) if counts[code] else None for code in Unsur
    }
    return ikm_from_nrr(nrr, n)


def ikm_from_nrr(nrr: Mapping[Unsur, Fraction | None], responses: int) -> IkmResult:
    if any(nrr.get(code) is None for code in Unsur):
        return IkmResult(responses, nrr, None, None, None)
    ikm = sum((nrr[code] * WEIGHT for code in Unsur), Fraction(0))  # type: ignore[operator]
    converted = round2(ikm * CONVERSION_FACTOR)
    return IkmResult(responses, nrr, ikm, converted, band_of(converted))


CHI_SQUARE = Decimal("3.841")  # χ² for 1 degree of freedom at 95 %
PROPORTION = Decimal("0.5")
MARGIN = Decimal("0.05")


LARGE_POPULATION = 100_000
LARGE_POPULATION_SAMPLE = 384  # the published table's value for N ≥ 100 000 (the limit 384,1)


def required_sample(population: int) -> int:
    """Krejcie–Morgan sample size: s = χ²NP(1−P) / (d²(N−1) + χ²P(1−P)).

    Rounded to the nearest whole respondent as the published table is (N 50 → 44, 100 → 80,
    1 000 → 278, 10 000 → 370); from 100 000 up the table gives 384, the formula's limit.
    """
    if population < 0:
        raise ValueError("population must not be negative")
    if population == 0:
        return 0
    if population >= LARGE_POPULATION:
        return LARGE_POPULATION_SAMPLE
    p_q = PROPORTION * (1 - PROPORTION)
    numerator = CHI_SQUARE * population * p_q
    denominator = MARGIN * MARGIN * (population - 1) + CHI_SQUARE * p_q
    return int((numerator / denominator).quantize(Decimal(1), rounding=ROUND_HALF_UP))
