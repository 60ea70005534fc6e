"""Golongan → pangkat for PNS, and the PPPK golongan scale."""

from __future__ import annotations

from itertools import pairwise

import pytest

from server.domain.enums import AsnType
from server.domain.golongan import (
    PNS_GOLONGAN,
    PPPK_GOLONGAN,
    Golongan,
    InvalidGolongan,
    pangkat_for,
    parse_golongan,
)

PNS_TABLE = [
    ("I/a", 1, "Juru Muda", "Juru Muda"),
    ("I/b", 2, "Juru Muda Tingkat I", "Juru Muda Tk. I"),
    ("I/c", 3, "Juru", "Juru"),
    ("I/d", 4, "Juru Tingkat I", "Juru Tk. I"),
    ("II/a", 5, "Pengatur Muda", "Pengatur Muda"),
    ("II/b", 6, "Pengatur Muda Tingkat I", "Pengatur Muda Tk. I"),
    ("II/c", 7, "Pengatur", "Pengatur"),
    ("II/d", 8, "Pengatur Tingkat I", "Pengatur Tk. I"),
    ("III/a", 9, "Penata Muda", "Penata Muda"),
    ("III/b", 10, "Penata Muda Tingkat I", "Penata Muda Tk. I"),
    ("III/c", 11, "Penata", "Penata"),
    ("III/d", 12, "Penata Tingkat I", "Penata Tk. I"),
    ("IV/a", 13, "Pembina", "Pembina"),
    ("IV/b", 14, "Pembina Tingkat I", "Pembina Tk. I"),
    ("IV/c", 15, "Pembina Utama Muda", "Pembina Utama Muda"),
    ("IV/d", 16, "Pembina Utama Madya", "Pembina Utama Madya"),
    ("IV/e", 17, "Pembina Utama", "Pembina Utama"),
]

PPPK_CODES = [
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
]


@pytest.mark.parametrize(("code", "rank", "pangkat", "short"), PNS_TABLE)
def test_pns_pangkat(code: str, rank: int, pangkat: str, short: str) -> None:
    golongan = parse_golongan(code, AsnType.PNS)
    assert golongan == Golongan(
        code=code, asn_type=AsnType.PNS, rank=rank, pangkat=pangkat, pangkat_short=short
    )
    assert PNS_GOLONGAN[rank - 1] == golongan
    assert pangkat_for(code) == pangkat
    assert str(golongan) == code


def test_pns_table_is_complete() -> None:
    assert [g.code for g in PNS_GOLONGAN] == [code for code, *_ in PNS_TABLE]


@pytest.mark.parametrize(("rank", "code"), list(enumerate(PPPK_CODES, start=1)))
def test_pppk_golongan(rank: int, code: str) -> None:
    golongan = parse_golongan(code, AsnType.PPPK)
    assert golongan == Golongan(
        code=code, asn_type=AsnType.PPPK, rank=rank, pangkat=None, pangkat_short=None
    )
    assert PPPK_GOLONGAN[rank - 1] == golongan
    assert pangkat_for(code) is None


def test_pppk_table_is_complete() -> None:
    assert [g.code for g in PPPK_GOLONGAN] == PPPK_CODES


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("III/a", "III/a"),
        ("iii/A", "III/a"),
        ("III a", "III/a"),
        ("III-a", "III/a"),
        ("III - A", "III/a"),
        ("  iv / e  ", "IV/e"),
        ("Ii/B", "II/b"),
        ("i\u00a0d", "I/d"),  # no-break space from a copied document
    ],
)
def test_pns_parsing_is_tolerant(raw: str, code: str) -> None:
    assert parse_golongan(raw, AsnType.PNS).code == code


@pytest.mark.parametrize(("raw", "code"), [("IX", "IX"), ("ix", "IX"), (" xvii ", "XVII")])
def test_pppk_parsing_is_tolerant(raw: str, code: str) -> None:
    assert parse_golongan(raw, AsnType.PPPK).code == code


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("", "wajib diisi"),
        ("   ", "wajib diisi"),
        ("V/a", '"V/a"'),
        ("III/f", '"III/f"'),
        ("I/e", '"I/e"'),
        ("IIII/a", '"IIII/a"'),
        ("3a", '"3a"'),
        ("3/a", '"3/a"'),
        ("IIIa", '"IIIa"'),
        ("III//a", '"III//a"'),
        ("III/ab", '"III/ab"'),
        ("ııı/a", '"ııı/a"'),  # dotless i: not a Roman numeral
        ("III", "III adalah golongan PPPK"),
        ("Penata Muda", '"Penata Muda"'),
    ],
)
def test_invalid_pns_golongan(raw: str, fragment: str) -> None:
    with pytest.raises(InvalidGolongan) as caught:
        parse_golongan(raw, AsnType.PNS)
    assert fragment in caught.value.message
    assert "I/a, I/b, I/c, I/d, II/a" in caught.value.message
    assert "IV/e." in caught.value.message
    assert str(caught.value) == caught.value.message


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("", "wajib diisi"),
        ("XVIII", '"XVIII"'),
        ("0", '"0"'),
        ("9", '"9"'),
        ("IIII", '"IIII"'),
        ("III/a", "III/a adalah golongan/ruang PNS"),
        ("X" * 40, "XXXXXXXXXXXXXXXXXXXX…"),
    ],
)
def test_invalid_pppk_golongan(raw: str, fragment: str) -> None:
    with pytest.raises(InvalidGolongan) as caught:
        parse_golongan(raw, AsnType.PPPK)
    assert fragment in caught.value.message
    assert "Golongan PPPK yang sah: I, II, III, IV, V" in caught.value.message
    assert "XVII." in caught.value.message


def test_invalid_golongan_is_a_value_error() -> None:
    assert issubclass(InvalidGolongan, ValueError)


@pytest.mark.parametrize(
    ("code", "pangkat"),
    [("iii/b", "Penata Muda Tingkat I"), ("IV-e", "Pembina Utama"), ("xi", None)],
)
def test_pangkat_for_is_tolerant(code: str, pangkat: str | None) -> None:
    assert pangkat_for(code) == pangkat


@pytest.mark.parametrize("code", ["", "V/a", "XVIII", "3a"])
def test_pangkat_for_unknown_code(code: str) -> None:
    with pytest.raises(InvalidGolongan, match="yang sah"):
        pangkat_for(code)


@pytest.mark.parametrize("scale", [PNS_GOLONGAN, PPPK_GOLONGAN])
def test_ranks_run_from_1_to_17(scale: tuple[Golongan, ...]) -> None:
    assert [g.rank for g in scale] == list(range(1, 18))
    assert sorted(reversed(scale)) == list(scale)
    assert all(lower < higher for lower, higher in pairwise(scale))


def test_ordering_operators() -> None:
    iii_a = parse_golongan("III/a", AsnType.PNS)
    iii_d = parse_golongan("III/d", AsnType.PNS)
    iv_a = parse_golongan("IV/a", AsnType.PNS)
    assert iii_a < iii_d < iv_a
    assert iv_a > iii_d >= iii_d
    assert iii_a <= iii_a
    assert max(iv_a, iii_a, iii_d) is iv_a
    assert parse_golongan("IX", AsnType.PPPK) > parse_golongan("VIII", AsnType.PPPK)


def test_pns_and_pppk_are_not_comparable() -> None:
    pns = parse_golongan("III/a", AsnType.PNS)
    pppk = parse_golongan("III", AsnType.PPPK)
    assert pns != pppk
    with pytest.raises(TypeError):
        _ = pns < pppk
    with pytest.raises(TypeError):
        _ = pppk >= pns


@pytest.mark.parametrize(
    ("raw", "asn_type", "code"), [("iii/a", "PNS", "III/a"), ("ix", "PPPK", "IX")]
)
def test_plain_string_asn_type_is_accepted(raw: str, asn_type: str, code: str) -> None:
    # API layers may hand over the stored code rather than the enum member.
    golongan = parse_golongan(raw, asn_type)  # type: ignore[arg-type]  # a str, under test
    assert (golongan.code, golongan.asn_type) == (code, AsnType(asn_type))
