"""Why this predicate: the inputs, the rules applied (with source and effective date) and the
overrides, as human-readable Indonesian sentences stored with the evaluation (JSON).

The shape is ``{"inputs": [...], "rules_applied": [...], "overrides": [...], "sources": [...]}``
where ``sources`` lists ``{"rule", "source", "effective_from"}`` of each policy used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from server.domain.dates_id import long_date_id
from server.domain.enums import Predicate, Rating
from server.domain.evaluation import (
    DEFAULT_PROPOSAL_RULE,
    MATRIX_2022,
    PREDICATE_LABELS,
    RATING_LABELS,
    Proposal,
)
from server.services.evaluation.proposals import (
    ANNUAL_RULE_SOURCE,
    HEAD_OF_UNIT_SOURCE,
    predicate_for,
    proposal_rule_on,
)

MATRIX_SOURCE = MATRIX_2022.source
DEFAULT_PROPOSAL_SOURCE = DEFAULT_PROPOSAL_RULE.source


def rating_label(rating: Rating | None) -> str:
    return RATING_LABELS[rating] if rating is not None else "belum ada"


@dataclass
class ExplanationBuilder:
    """Collects sentences while the proposals are computed; ``build`` gives the JSON."""

    rating_day: date
    inputs: list[str] = field(default_factory=list)
    rules_applied: list[str] = field(default_factory=list)
    overrides: list[str] = field(default_factory=list)
    sources: list[dict[str, str]] = field(default_factory=list)

    def _source(self, rule: str, source: str, effective_from: date | None) -> None:
        entry = {
            "rule": rule,
            "source": source,
            "effective_from": effective_from.isoformat() if effective_from else "",
        }
        if entry not in self.sources:
            self.sources.append(entry)

    def proposal(self, what: str, proposal: Proposal | None, *, rule: str) -> None:
        """A proposal from judgements (``rule`` is "judgements" or "annual")."""
        if proposal is None:
            self.rules_applied.append(
                f"Usulan {what}: belum dapat dihitung (penilaian belum lengkap)."
            )
            return
        reasons = "; ".join(proposal.reasons)
        if rule == "annual":
            self.rules_applied.append(
                f"Usulan {what}: {RATING_LABELS[proposal.rating]} — {reasons} "
                "(aturan usulan tahunan)."
            )
            self._source("Usulan rating tahunan", ANNUAL_RULE_SOURCE, None)
            return
        policy = proposal_rule_on(self.rating_day)
        self.rules_applied.append(
            f"Usulan {what}: {RATING_LABELS[proposal.rating]} — {reasons} (aturan usulan "
            f"berlaku sejak {policy.effective_from:%d-%m-%Y}: di atas bila ≥ "
            f"{_pct(policy.above_share)} di atas ekspektasi tanpa hasil kerja utama di bawah; di "
            f"bawah bila > {_pct(policy.below_share)} di bawah atau > "
            f"{_pct(policy.key_below_share)} hasil kerja utama di bawah)."
        )
        self._source("Aturan usulan rating", policy.source, policy.effective_from)

    def head_of_unit(self, unit: str, org_label: str | None, rating: Rating | None) -> None:
        if org_label is None:
            self.rules_applied.append(
                f"Pegawai memimpin {unit}: Rating Hasil Kerja mengikuti predikat kinerja "
                "organisasi, yang belum ditetapkan."
            )
        else:
            self.rules_applied.append(
                f"Pegawai memimpin {unit}: predikat kinerja organisasi {org_label} menjadi Rating "
                f"Hasil Kerja {rating_label(rating)}."
            )
        self._source("Rating Hasil Kerja pimpinan unit", HEAD_OF_UNIT_SOURCE, None)

    def override(self, what: str, proposed: Rating | None, chosen: Rating, reason: str) -> None:
        self.overrides.append(
            f"{what} ditetapkan {RATING_LABELS[chosen]} (usulan sistem: "
            f"{rating_label(proposed)}). Alasan: {reason}"
        )

    def predicate(self, result: Rating | None, behavior: Rating | None) -> Predicate | None:
        if result is None or behavior is None:
            self.rules_applied.append(
                "Predikat belum ditentukan: Rating Hasil Kerja dan Rating Perilaku Kerja belum "
                "ditetapkan penilai."
            )
            return None
        found = predicate_for(result, behavior, self.rating_day)
        self.rules_applied.append(
            f"Matriks predikat: Rating Hasil Kerja {RATING_LABELS[result]} × Rating Perilaku "
            f"Kerja {RATING_LABELS[behavior]} → {PREDICATE_LABELS[found.predicate]} (matriks "
            f"berlaku sejak {found.matrix.effective_from:%d-%m-%Y})."
        )
        if behavior is Rating.DI_BAWAH_EKSPEKTASI:
            self.rules_applied.append(
                "Perilaku di bawah ekspektasi membatasi predikat paling tinggi Kurang/Misconduct."
            )
        self._source("Matriks predikat kinerja", found.matrix.source, found.matrix.effective_from)
        return found.predicate

    def build(self) -> dict[str, Any]:
        return {
            "inputs": self.inputs,
            "rules_applied": self.rules_applied,
            "overrides": self.overrides,
            "sources": self.sources,
        }


def _pct(share: Any) -> str:
    return f"{float(share) * 100:.0f} %"


def add_objection_override(
    explanation: Any, old: dict[str, Any], new: dict[str, Any], reason: str
) -> dict[str, Any]:
    """An objection decision is appended to the explanation; nothing earlier is erased."""
    data: dict[str, Any] = dict(explanation) if isinstance(explanation, dict) else {}
    overrides = list(data.get("overrides", []))
    overrides.append(
        "Keputusan keberatan oleh Atasan Pejabat Penilai: Rating Hasil Kerja "
        f"{rating_label(_rating(old['result_rating']))} → "
        f"{rating_label(_rating(new['result_rating']))}, Rating Perilaku Kerja "
        f"{rating_label(_rating(old['behavior_rating']))} → "
        f"{rating_label(_rating(new['behavior_rating']))}, predikat "
        f"{_predicate_label(old['predicate'])} → {_predicate_label(new['predicate'])}. "
        f"Alasan: {reason}"
    )
    data["overrides"] = overrides
    return data


def _rating(value: Any) -> Rating | None:
    return Rating(value) if value else None


def _predicate_label(value: Any) -> str:
    return PREDICATE_LABELS[Predicate(value)] if value else "belum ada"


# --- Reading a stored explanation -------------------------------------------------------------

# Explanations are stored with the evaluation, so records set before the sources were worded
# officially still carry internal references; they are read through ``official_text``.
_LEGACY_SOURCES = {
    "PermenPANRB 6/2022 Lampiran; DOMAIN.md §5": MATRIX_SOURCE,
    'PermenPANRB 6/2022 ("sebagian besar/seluruh"); shares are policy [I]': DEFAULT_PROPOSAL_SOURCE,
    "Usulan tahunan: rating periodik yang paling sering muncul; bila sama banyak, yang lebih "
    "rendah [I: kebijakan aplikasi, PermenPANRB 6/2022 tidak mengatur cara merangkum]": (
        ANNUAL_RULE_SOURCE
    ),
    "PermenPANRB 6/2022: pimpinan unit kerja mendapat Rating Hasil Kerja dari capaian "
    "organisasi (pemetaan predikat organisasi → rating [I])": HEAD_OF_UNIT_SOURCE,
}
# Internal markers of the project's own notes: "DOMAIN.md §5", "[I]", "[P]", "[I: …]".
_INTERNAL = re.compile(
    r"\s*;?\s*\b[A-Z_]+\.md\b(?:\s*§\s*\d+(?:\s*,\s*§\s*\d+)*)?|\s*\[(?:I|P|P/I|I/P)(?::[^\]]*)?\]"
)


def official_text(text: str) -> str:
    """A stored sentence as it may be shown or printed: internal references removed."""
    known = _LEGACY_SOURCES.get(text)
    if known is not None:
        return known
    return _INTERNAL.sub("", text).strip()


def source_lines(data: Any) -> list[str]:
    """The ``sources`` of a stored explanation as sentences: rule, source, since when."""
    d: dict[str, Any] = data if isinstance(data, dict) else {}
    lines = []
    for s in d.get("sources", []):
        if not isinstance(s, dict):
            continue
        line = f"{official_text(str(s.get('rule', '')))}: {official_text(str(s.get('source', '')))}"
        since = s.get("effective_from")
        if since:
            try:
                line += f" (berlaku sejak {long_date_id(date.fromisoformat(str(since)))})"
            except ValueError:
                line += f" (berlaku sejak {since})"
        lines.append(line)
    return lines


def text_lines(data: Any, key: str) -> list[str]:
    """``inputs``, ``rules_applied`` or ``overrides`` of a stored explanation, shown officially."""
    d: dict[str, Any] = data if isinstance(data, dict) else {}
    return [official_text(str(x)) for x in d.get(key, [])]
