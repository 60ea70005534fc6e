"""Glue between evaluation rows and the pure rules of :mod:`server.domain.evaluation`.

Everything here is pure: rows go in as plain values, proposals and predicates come out with the
policy (source, effective date) that produced them, so the explanation can name it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from server.domain.enums import OrgPredicate, Predicate, Rating, WorkResultKind
from server.domain.evaluation import (
    DEFAULT_PROPOSAL_RULE,
    ORG_TO_RESULT_RATING,
    RATING_LABELS,
    Judged,
    PredicateMatrix,
    Proposal,
    ProposalRule,
    matrix_on,
    propose_rating,
)

# Worst first: a tie between equally frequent periodic ratings goes to the lower one.
RATING_WORST_FIRST: tuple[Rating, ...] = (
    Rating.DI_BAWAH_EKSPEKTASI,
    Rating.SESUAI_EKSPEKTASI,
    Rating.DI_ATAS_EKSPEKTASI,
)

# Printed on the Dokumen Evaluasi Kinerja: official wording only (no internal references).
# Summarising the periodic ratings is the instansi's policy: the regulation does not say how.
ANNUAL_RULE_SOURCE = (
    "Ketentuan penilaian kinerja instansi: usulan rating tahunan adalah rating periodik yang "
    "paling sering ditetapkan, dan bila sama banyak yang lebih rendah (Peraturan Menteri PANRB "
    "Nomor 6 Tahun 2022 tidak mengatur cara merangkum penilaian periodik)"
)
HEAD_OF_UNIT_SOURCE = (
    "Peraturan Menteri PANRB Nomor 6 Tahun 2022: Rating Hasil Kerja pimpinan unit kerja "
    "mengikuti Predikat Kinerja Organisasi (pemetaan menurut ketentuan penilaian kinerja instansi)"
)


def proposal_rule_on(day: date) -> ProposalRule:
    """The proposal rule in force (one today; kept as a function so a new one can be dated)."""
    del day
    return DEFAULT_PROPOSAL_RULE


def propose_result(kinds: Sequence[tuple[WorkResultKind, Rating]], day: date) -> Proposal:
    """Rating Hasil Kerja from the per-RHK judgements (RHK Utama are the key items)."""
    items = [Judged(rating, key=kind is WorkResultKind.UTAMA) for kind, rating in kinds]
    return propose_rating(items, proposal_rule_on(day))


def propose_behavior(ratings: Sequence[Rating], day: date) -> Proposal:
    """Rating Perilaku Kerja from the seven BerAKHLAK observations (none is a key item)."""
    return propose_rating([Judged(r) for r in ratings], proposal_rule_on(day))


def propose_annual(ratings: Sequence[Rating]) -> Proposal:
    """Annual rating from the year's finalised periodic ratings: the most frequent one, and
    on a tie the lower one (a reviewer must argue upwards, never the system) [I]."""
    if not ratings:
        raise ValueError("an annual proposal needs at least one periodic rating")
    counts = Counter(ratings)
    best = max(counts.values())
    chosen = next(r for r in RATING_WORST_FIRST if counts[r] == best)
    summary = ", ".join(
        f"{counts[r]} {RATING_LABELS[r]}" for r in reversed(RATING_WORST_FIRST) if counts[r]
    )
    reasons = [f"{len(ratings)} penilaian periodik yang ditetapkan: {summary}"]
    if sum(1 for c in counts.values() if c == best) > 1:
        reasons.append(f"jumlah sama banyak: dipilih yang lebih rendah ({RATING_LABELS[chosen]})")
    else:
        reasons.append(f"paling sering: {RATING_LABELS[chosen]}")
    return Proposal(chosen, tuple(reasons))


def head_of_unit_rating(org_predicate: OrgPredicate) -> Rating:
    return ORG_TO_RESULT_RATING[org_predicate]


@dataclass(frozen=True)
class PredicateResult:
    predicate: Predicate
    matrix: PredicateMatrix


def predicate_for(result: Rating, behavior: Rating, day: date) -> PredicateResult:
    matrix = matrix_on(day)
    return PredicateResult(matrix.predicate(result, behavior), matrix)
