"""IKM worked examples against hand computations (PermenPANRB 14/2017)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from server.domain.ikm import Band, Unsur, band_of, compute_ikm, ikm_from_nrr, required_sample


def _all(score: int) -> dict[Unsur, int | None]:
    return dict.fromkeys(Unsur, score)


def test_all_fours_is_100_and_band_a() -> None:
    result = compute_ikm([_all(4), _all(4)])
    assert result.ikm == 4
    assert result.converted == Decimal("100.00")
    assert result.band is Band.A


def test_hand_computed_example_with_exact_one_ninth_weights() -> None:
    # Two respondents. NRR: U1..U8 = 3.5 (4 and 3), U9 = 2 (2 and 2).
    first = {**_all(4), Unsur.U9: 2}
    second = {**_all(3), Unsur.U9: 2}
    result = compute_ikm([first, second])
    assert result.nrr[Unsur.U1] == Fraction(7, 2)
    assert result.nrr[Unsur.U9] == 2
    # IKM = (8 × 3.5 + 2) / 9 = 30 / 9 = 3.3333…; × 25 = 83.333… → 83.33, band B.
    assert result.ikm == Fraction(30, 9)
    assert result.converted == Decimal("83.33")
    assert result.band is Band.B


def test_invalid_or_missing_answers_are_left_out_of_that_unsur_only() -> None:
    broken: dict[Unsur, int | None] = {**_all(2), Unsur.U3: 7, Unsur.U4: None}
    result = compute_ikm([broken, _all(4)])
    assert result.responses == 2
    assert result.nrr[Unsur.U3] == 4  # only the valid answer counts
    assert result.nrr[Unsur.U4] == 4
    assert result.nrr[Unsur.U1] == 3


def test_no_valid_answer_for_an_unsur_means_no_ikm_rather_than_a_wrong_one() -> None:
    result = compute_ikm([{**_all(3), Unsur.U8: None}])
    assert result.ikm is None
    assert result.band is None
    assert result.nrr[Unsur.U8] is None


@pytest.mark.parametrize(
    ("converted", "band"),
    [
        ("100", Band.A),
        ("88.31", Band.A),
        ("88.30", Band.B),
        ("76.61", Band.B),
        ("76.60", Band.C),
        ("65.00", Band.C),
        ("64.99", Band.D),
        ("25.00", Band.D),
        ("88.305", Band.A),  # shown as 88.31 (half-up), so it is an A, as published
        ("88.304", Band.B),
    ],
)
def test_band_edges(converted: str, band: Band) -> None:
    assert band_of(Decimal(converted)) is band


def test_below_25_is_not_a_valid_ikm() -> None:
    with pytest.raises(ValueError, match="below 25"):
        band_of(Decimal("24.99"))


def test_converted_value_rounds_half_up_at_two_decimals() -> None:
    # IKM exactly 3.5322 (8 unsur at 3.53, 1 at 3.5718) would be awkward; use exact NRRs instead:
    nrr = dict.fromkeys(Unsur, Fraction(35322, 10000))
    result = ikm_from_nrr(nrr, 10)
    assert result.converted == Decimal("88.31")  # 88.305 → 88.31
    assert result.band is Band.A


@pytest.mark.parametrize(
    ("population", "sample"),
    [
        (0, 0),
        (10, 10),
        (50, 44),
        (100, 80),
        (1_000, 278),
        (10_000, 370),
        (100_000, 384),
        (5_000_000, 384),
    ],
)
def test_krejcie_morgan_table(population: int, sample: int) -> None:
    assert required_sample(population) == sample


def test_negative_population_is_an_error() -> None:
    with pytest.raises(ValueError, match="negative"):
        required_sample(-1)
