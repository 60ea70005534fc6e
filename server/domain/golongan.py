"""Golongan (pay grade) and pangkat (rank title) of ASN (DOMAIN.md §12).

* PNS have a golongan/ruang from I/a to IV/e (17 steps), each with a pangkat such as "Penata Muda"
  for III/a. The full pangkat name is stored ("Penata Muda Tingkat I"); ``pangkat_short`` is the
  abbreviation used on forms and in DOMAIN.md ("Penata Muda Tk. I").
* PPPK have a golongan from I to XVII in Roman numerals and no pangkat.

Codes are typed by HR admins and imported from spreadsheets, so parsing tolerates case and the usual
separators ("iii/A", "III a", "III - a"), but nothing that could be read two ways: Arabic numerals
and unknown codes are rejected with an Indonesian message that lists the valid values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from server.domain.enums import AsnType

__all__ = [
    "PNS_GOLONGAN",
    "PPPK_GOLONGAN",
    "Golongan",
    "InvalidGolongan",
    "pangkat_for",
    "parse_golongan",
]


@dataclass(frozen=True)
class Golongan:
    """One golongan of PNS (golongan/ruang, with pangkat) or of PPPK (no pangkat).

    ``rank`` orders golongan of the same jenis ASN from lowest to highest (I/a = 1 … IV/e = 17,
    PPPK I = 1 … XVII = 17). Comparison operators use it; comparing a PNS golongan with a PPPK one
    is a ``TypeError`` because the two scales are unrelated.
    """

    code: str
    asn_type: AsnType
    rank: int
    pangkat: str | None
    pangkat_short: str | None

    def __str__(self) -> str:
        return self.code

    def _rank_against(self, other: object) -> tuple[int, int] | None:
        """Both ranks when ``other`` is on the same scale, else ``None`` (not comparable)."""
        if isinstance(other, Golongan) and other.asn_type == self.asn_type:
            return self.rank, other.rank
        return None

    def __lt__(self, other: object) -> bool:
        ranks = self._rank_against(other)
        return NotImplemented if ranks is None else ranks[0] < ranks[1]

    def __le__(self, other: object) -> bool:
        ranks = self._rank_against(other)
        return NotImplemented if ranks is None else ranks[0] <= ranks[1]

    def __gt__(self, other: object) -> bool:
        ranks = self._rank_against(other)
        return NotImplemented if ranks is None else ranks[0] > ranks[1]

    def __ge__(self, other: object) -> bool:
        ranks = self._rank_against(other)
        return NotImplemented if ranks is None else ranks[0] >= ranks[1]


class InvalidGolongan(ValueError):
    """A golongan code that is not valid for the given jenis ASN; ``message`` is in Indonesian."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


_ROMAN = (
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
)

# (golongan/ruang, pangkat) from the lowest to the highest, per the PNS pangkat table.
_PNS_PANGKAT = (
    ("I/a", "Juru Muda"),
    ("I/b", "Juru Muda Tingkat I"),
    ("I/c", "Juru"),
    ("I/d", "Juru Tingkat I"),
    ("II/a", "Pengatur Muda"),
    ("II/b", "Pengatur Muda Tingkat I"),
    ("II/c", "Pengatur"),
    ("II/d", "Pengatur Tingkat I"),
    ("III/a", "Penata Muda"),
    ("III/b", "Penata Muda Tingkat I"),
    ("III/c", "Penata"),
    ("III/d", "Penata Tingkat I"),
    ("IV/a", "Pembina"),
    ("IV/b", "Pembina Tingkat I"),
    ("IV/c", "Pembina Utama Muda"),
    ("IV/d", "Pembina Utama Madya"),
    ("IV/e", "Pembina Utama"),
)


def _short(pangkat: str) -> str:
    return pangkat.replace(" Tingkat I", " Tk. I")


PNS_GOLONGAN: tuple[Golongan, ...] = tuple(
    Golongan(
        code=code, asn_type=AsnType.PNS, rank=rank, pangkat=pangkat, pangkat_short=_short(pangkat)
    )
    for rank, (code, pangkat) in enumerate(_PNS_PANGKAT, start=1)
)
"""PNS golongan/ruang I/a … IV/e, ordered by rank."""

PPPK_GOLONGAN: tuple[Golongan, ...] = tuple(
    Golongan(code=code, asn_type=AsnType.PPPK, rank=rank, pangkat=None, pangkat_short=None)
    for rank, code in enumerate(_ROMAN, start=1)
)
"""PPPK golongan I … XVII, ordered by rank."""

_BY_CODE: dict[AsnType, dict[str, Golongan]] = {
    AsnType.PNS: {g.code: g for g in PNS_GOLONGAN},
    AsnType.PPPK: {g.code: g for g in PPPK_GOLONGAN},
}

# Explicit ASCII classes rather than IGNORECASE: Unicode case folding would let look-alikes such as
# the dotless "ı" through.
_PNS_PATTERN = re.compile(r"(?P<group>[IVXivx]+)(?:\s*[/-]\s*|\s+)(?P<ruang>[A-Za-z])")
_PPPK_PATTERN = re.compile(r"[IVXivx]+")

_MAX_SHOWN = 20


def _canonical(text: str, asn_type: AsnType) -> str | None:
    """The canonical spelling of ``text`` if it has the shape of a code of ``asn_type``."""
    if asn_type == AsnType.PNS:
        match = _PNS_PATTERN.fullmatch(text)
        if match is None:
            return None
        return f"{match['group'].upper()}/{match['ruang'].lower()}"
    return text.upper() if _PPPK_PATTERN.fullmatch(text) else None


def _lookup(text: str, asn_type: AsnType) -> Golongan | None:
    code = _canonical(text, asn_type)
    return None if code is None else _BY_CODE[asn_type].get(code)


def _valid_values(asn_type: AsnType) -> str:
    if asn_type == AsnType.PNS:
        return "Golongan/ruang PNS yang sah: " + ", ".join(g.code for g in PNS_GOLONGAN) + "."
    return "Golongan PPPK yang sah: " + ", ".join(g.code for g in PPPK_GOLONGAN) + "."


def parse_golongan(raw: str, asn_type: AsnType) -> Golongan:
    """Read a golongan code for a PNS or PPPK, tolerating case and separators.

    PNS: Roman group, then "/", "-" or spaces, then the ruang letter ("III/a", "iii/A", "III a",
    "III-a"). PPPK: a Roman numeral I … XVII ("IX", "ix"). Surrounding whitespace is ignored.
    Raises :class:`InvalidGolongan` otherwise, with a hint when the code belongs to the other jenis
    ASN (a frequent mix-up when PNS and PPPK are entered on the same screen).
    """
    asn_type = AsnType(asn_type)  # a plain "PNS"/"PPPK" string from an API layer is fine too
    text = raw.strip()
    type_name = "PNS" if asn_type == AsnType.PNS else "PPPK"
    if not text:
        raise InvalidGolongan(f"Golongan wajib diisi. {_valid_values(asn_type)}")
    found = _lookup(text, asn_type)
    if found is not None:
        return found

    shown = text if len(text) <= _MAX_SHOWN else text[:_MAX_SHOWN] + "…"
    message = f'Golongan "{shown}" tidak dikenal untuk {type_name}.'
    other_type = AsnType.PPPK if asn_type == AsnType.PNS else AsnType.PNS
    other = _lookup(text, other_type)
    if other is not None and asn_type == AsnType.PNS:
        message += (
            f" {other.code} adalah golongan PPPK; golongan PNS selalu disertai ruang (mis. III/a)."
        )
    elif other is not None:
        message += f" {other.code} adalah golongan/ruang PNS; golongan PPPK tidak memiliki ruang."
    raise InvalidGolongan(f"{message} {_valid_values(asn_type)}")


def pangkat_for(code: str) -> str | None:
    """Full pangkat name for a PNS golongan/ruang code; ``None`` for a PPPK golongan.

    The code alone tells the jenis ASN apart (PNS codes carry a ruang letter, PPPK codes never do).
    An unknown code raises :class:`InvalidGolongan` rather than returning ``None``, so a typo is
    never mistaken for "PPPK, no pangkat".
    """
    text = code.strip()
    pns = _lookup(text, AsnType.PNS)
    if pns is not None:
        return pns.pangkat
    if _lookup(text, AsnType.PPPK) is not None:
        return None
    shown = text if len(text) <= _MAX_SHOWN else text[:_MAX_SHOWN] + "…"
    raise InvalidGolongan(
        f'Golongan "{shown}" tidak dikenal. {_valid_values(AsnType.PNS)} '
        f"{_valid_values(AsnType.PPPK)}"
    )
