"""Table tests of the evaluation rules (server/domain/evaluation) and the annual proposal."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from server.domain.enums import OrgPredicate, Predicate, Rating
from server.domain.evaluation import (
    ORG_TO_RESULT_RATING,
    Judged,
    angka_kredit,
    eligible_for_promotion,
    matrix_on,
    propose_rating,
    talent_pool_priority,
)
from server.services.evaluation.proposals import propose_annual

A, S, B = Rating.DI_ATAS_EKSPEKTASI, Rating.SESUAI_EKSPEKTASI, Rating.DI_BAWAH_EKSPEKTASI
P = Predicate


@pytest.mark.parametrize(
    ("result", "behavior", "predicate"),
    [
        (A, B, P.KURANG),
        (A, S, P.BAIK),
        (A, A, P.SANGAT_BAIK),
        (S, B, P.KURANG),
        (S, S, P.BAIK),
        (S, A, P.BAIK),
        (B, B, P.SANGAT_KURANG),
        (B, S, P.BUTUH_PERBAIKAN),
        (B, A, P.BUTUH_PERBAIKAN),
    ],
)
def test_matrix(result: Rating, behavior: Rating, predicate: Predicate) -> None:
    assert matrix_on(date(2025, 6, 30)).predicate(result, behavior) is predicate


def test_no_matrix_before_2022() -> None:
    with pytest.raises(ValueError, match="no predicate matrix"):
        matrix_on(date(2021, 12, 31))


def j(rating: Rating, key: bool = False) -> Judged:
    return Judged(rating, key)


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ([j(A), j(A)], A),  # all above
        ([j(A), j(S)], A),  # exactly half above (boundary: ≥ 1/2)
        ([j(A), j(S), j(S)], S),  # one third above
        ([j(A, True), j(A), j(B)], A),  # a non-key item below does not block
        ([j(A, True), j(A, True), j(A), j(B, True)], S),  # a key item below blocks Di Atas
        ([j(A), j(A), j(B, True)], B),  # the only key item below: Di Bawah
        ([j(B), j(S)], S),  # exactly half below (boundary: > 1/2 needed)
        ([j(B), j(B), j(S)], B),  # most below
        ([j(B, True), j(S, True), j(S, True)], S),  # 1/3 of key below: boundary, not more
        ([j(B, True), j(B, True), j(S, True), j(S), j(S), j(S)], B),  # 2/3 key items below
        ([j(S)], S),
    ],
)
def test_proposal_rule(items: list[Judged], expected: Rating) -> None:
    assert propose_rating(items).rating is expected


def test_proposal_needs_items() -> None:
    with pytest.raises(ValueError, match="at least one"):
        propose_rating([])


@pytest.mark.parametrize(
    ("ratings", "expected"),
    [
        ([A], A),
        ([A, A, S], A),
        ([A, S], S),  # tie → lower
        ([S, B], B),
        ([A, B], B),
        ([A, A, S, S, B, B], B),
        ([B, S, S], S),
    ],
)
def test_annual_proposal(ratings: list[Rating], expected: Rating) -> None:
    assert propose_annual(ratings).rating is expected


@pytest.mark.parametrize(
    ("org", "rating"),
    [
        (OrgPredicate.ISTIMEWA, A),
        (OrgPredicate.BAIK, S),
        (OrgPredicate.BUTUH_PERBAIKAN, B),
        (OrgPredicate.KURANG, B),
        (OrgPredicate.SANGAT_KURANG, B),
    ],
)
def test_head_of_unit_mapping(org: OrgPredicate, rating: Rating) -> None:
    assert ORG_TO_RESULT_RATING[org] is rating


@pytest.mark.parametrize(
    ("predicate", "months", "expected"),
    [
        (P.SANGAT_BAIK, 12, "18.750"),
        (P.BAIK, 12, "12.500"),
        (P.BUTUH_PERBAIKAN, 12, "9.375"),
        (P.KURANG, 12, "6.250"),
        (P.SANGAT_KURANG, 12, "3.125"),
        (P.BAIK, 6, "6.250"),
        (P.BAIK, 1, "1.042"),
    ],
)
def test_angka_kredit(predicate: Predicate, months: int, expected: str) -> None:
    assert angka_kredit(predicate, Decimal("12.5"), months) == Decimal(expected)


@pytest.mark.parametrize("months", [0, 13])
def test_angka_kredit_months(months: int) -> None:
    with pytest.raises(ValueError, match="months"):
        angka_kredit(P.BAIK, Decimal(1), months)


@pytest.mark.parametrize(
    ("years", "promotion", "talent"),
    [
        ([P.BAIK, P.BAIK], True, False),
        ([P.SANGAT_BAIK, P.BAIK], True, False),
        ([P.SANGAT_BAIK, P.SANGAT_BAIK], True, True),
        ([P.BAIK, P.BUTUH_PERBAIKAN], False, False),
        ([None, P.SANGAT_BAIK], False, False),
        ([P.SANGAT_BAIK], False, False),
    ],
)
def test_promotion_and_talent(years: list[Predicate | None], promotion: bool, talent: bool) -> None:
    assert eligible_for_promotion(years) is promotion
    assert talent_pool_priority(years) is talent
