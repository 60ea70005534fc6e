"""NIP (PNS) and NI PPPK: parsing, validation, formatting and the demo-data generator."""

from __future__ import annotations

import pickle
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from server.domain.enums import AsnType, Gender
from server.domain.nip import (
    InvalidNip,
    Nip,
    NipErrorKind,
    format_nip,
    is_valid_nip,
    make_nip,
    normalize_nip,
    parse_nip,
)

TODAY = date(2025, 6, 15)
PNS_NIP = "198609262015051001"
PPPK_NI = "199003142022212004"

# Property tests write no example database into the shared working tree and have no deadline
# (the first call can be slow on a busy machine).
PROPERTY = settings(database=None, deadline=None, max_examples=300)


# --- valid numbers ---------------------------------------------------------------------------


def test_parse_pns_nip() -> None:
    nip = parse_nip(PNS_NIP, today=TODAY)
    assert nip == Nip(
        digits=PNS_NIP,
        asn_type=AsnType.PNS,
        birth_date=date(1986, 9, 26),
        appointment_year=2015,
        appointment_month=5,
        gender=Gender.LAKI_LAKI,
        sequence=1,
    )
    assert nip.formatted == "19860926 201505 1 001"
    assert str(nip) == PNS_NIP


def test_parse_pppk_ni() -> None:
    nip = parse_nip(PPPK_NI, today=TODAY)
    assert nip == Nip(
        digits=PPPK_NI,
        asn_type=AsnType.PPPK,
        birth_date=date(1990, 3, 14),
        appointment_year=2022,
        appointment_month=None,
        gender=Gender.PEREMPUAN,
        sequence=4,
    )
    assert nip.formatted == "19900314 202221 2 004"
    assert str(nip) == PPPK_NI


@pytest.mark.parametrize(
    ("raw", "expected_type", "asn_type"),
    [
        (PNS_NIP, AsnType.PNS, AsnType.PNS),
        (PPPK_NI, AsnType.PPPK, AsnType.PPPK),
        (PNS_NIP, None, AsnType.PNS),
        (PPPK_NI, None, AsnType.PPPK),
    ],
)
def test_expected_type_matching(raw: str, expected_type: AsnType | None, asn_type: AsnType) -> None:
    assert parse_nip(raw, expected_type=expected_type, today=TODAY).asn_type is asn_type


@pytest.mark.parametrize(
    "raw",
    [
        "19860926 201505 1 001",
        "19860926.201505.1.001",
        "19860926-201505-1-001",
        "  198609262015051001  ",
        "19860926 - 201505 - 1 - 001",
        "1986.09.26 2015.05 1 001",
        "19860926\u00a0201505\u00a01\u00a0001",  # no-break spaces from a copied document
        "\t19860926 201505 1 001\n",
    ],
)
def test_separators_are_tolerated(raw: str) -> None:
    assert parse_nip(raw, today=TODAY).digits == PNS_NIP


@pytest.mark.parametrize(
    ("raw", "today", "field", "value"),
    [
        # Earliest plausible birth year.
        ("194001011958011001", TODAY, "birth_date", date(1940, 1, 1)),
        # Leap day.
        ("198802292010011001", TODAY, "birth_date", date(1988, 2, 29)),
        # TMT in the very month of the 18th birthday (the NIP only records the month).
        ("198609262004091001", TODAY, "appointment_month", 9),
        # TMT in the current month.
        ("198609262025061001", TODAY, "appointment_year", 2025),
        # Highest sequence.
        ("198609262015051999", TODAY, "sequence", 999),
        # First PPPK year.
        ("199003142019212004", TODAY, "appointment_year", 2019),
        # PPPK appointed in the year of the 18th birthday.
        ("200112312019211001", TODAY, "appointment_year", 2019),
        # PPPK appointed this year.
        ("199003142025212004", TODAY, "appointment_year", 2025),
    ],
)
def test_boundaries_accepted(raw: str, today: date, field: str, value: object) -> None:
    assert getattr(parse_nip(raw, today=today), field) == value


# --- invalid numbers: one case (at least) per error kind ----------------------------------------

ERROR_CASES: list[tuple[str, AsnType | None, NipErrorKind, str]] = [
    ("", None, NipErrorKind.EMPTY, "wajib diisi"),
    ("   ", AsnType.PPPK, NipErrorKind.EMPTY, "NI PPPK wajib diisi"),
    ("19860926 2015O5 1 001", None, NipErrorKind.NOT_DIGITS, '"O" pada posisi 14'),
    ("19860926/201505/1/001", None, NipErrorKind.NOT_DIGITS, '"/" pada posisi 9'),
    ("NIP 198609262015051001", None, NipErrorKind.NOT_DIGITS, '"N" pada posisi 1'),
    ("19860926\u200b201505 1 001", None, NipErrorKind.NOT_DIGITS, "U+200B"),
    ("19860926 20150\u0665 1 001", None, NipErrorKind.NOT_DIGITS, '"\u0665"'),
    ("-198609262015051001", None, NipErrorKind.NOT_DIGITS, 'diawali dengan "-"'),
    ("198609262015051001.", None, NipErrorKind.NOT_DIGITS, 'diakhiri dengan "."'),
    ("...", None, NipErrorKind.NOT_DIGITS, '"."'),
    (
        "19860926201505100",
        None,
        NipErrorKind.WRONG_LENGTH,
        "NIP harus 18 digit (diterima 17 digit).",
    ),
    ("1986092620150510011", None, NipErrorKind.WRONG_LENGTH, "(diterima 19 digit)"),
    ("1", AsnType.PPPK, NipErrorKind.WRONG_LENGTH, "NI PPPK harus 18 digit (diterima 1 digit)"),
    ("198613322015051001", None, NipErrorKind.INVALID_BIRTH_DATE, "Tanggal lahir 19861332"),
    ("198502292015051001", None, NipErrorKind.INVALID_BIRTH_DATE, "Tanggal lahir 19850229"),
    ("000000002015051001", None, NipErrorKind.INVALID_BIRTH_DATE, "Tanggal lahir 00000000"),
    ("202601012015051001", None, NipErrorKind.BIRTH_DATE_IN_FUTURE, "20260101 (1 Januari 2026)"),
    ("202506162025061001", None, NipErrorKind.BIRTH_DATE_IN_FUTURE, "20250616"),
    ("193912311958011001", None, NipErrorKind.BIRTH_DATE_TOO_EARLY, "19391231"),
    ("198609262015131001", None, NipErrorKind.INVALID_TMT_MONTH, "TMT CPNS 201513"),
    ("198609262015001001", None, NipErrorKind.INVALID_TMT_MONTH, "bulan 00"),
    ("198609262015221001", AsnType.PNS, NipErrorKind.INVALID_TMT_MONTH, "201522"),
    ("199003142022132004", AsnType.PPPK, NipErrorKind.INVALID_TMT_MONTH, "202213"),
    ("198609262004081001", None, NipErrorKind.TMT_BEFORE_18TH_BIRTHDAY, "TMT CPNS 200408"),
    ("200401012021211001", None, NipErrorKind.TMT_BEFORE_18TH_BIRTHDAY, "pengangkatan 2021"),
    ("198609262025071001", None, NipErrorKind.TMT_IN_FUTURE, "TMT CPNS 202507 (Juli 2025)"),
    ("199003142026212004", None, NipErrorKind.TMT_IN_FUTURE, "pengangkatan 2026"),
    ("198609262015053001", None, NipErrorKind.INVALID_GENDER_DIGIT, "jenis kelamin 3"),
    ("199003142022210004", None, NipErrorKind.INVALID_GENDER_DIGIT, "jenis kelamin 0"),
    ("198609262015051000", None, NipErrorKind.ZERO_SEQUENCE, "Nomor urut 000 pada NIP"),
    ("199003142022212000", None, NipErrorKind.ZERO_SEQUENCE, "Nomor urut 000 pada NI PPPK"),
    ("199003142018212004", None, NipErrorKind.PPPK_YEAR_TOO_EARLY, "pengangkatan 2018"),
    ("199003140000212004", AsnType.PPPK, NipErrorKind.PPPK_YEAR_TOO_EARLY, "pengangkatan 0000"),
    (PPPK_NI, AsnType.PNS, NipErrorKind.WRONG_ASN_TYPE, "19900314 202221 2 004 adalah NI PPPK"),
    (PNS_NIP, AsnType.PPPK, NipErrorKind.WRONG_ASN_TYPE, "bagian tengah 201505"),
]


@pytest.mark.parametrize(("raw", "expected_type", "kind", "fragment"), ERROR_CASES)
def test_invalid_numbers(
    raw: str, expected_type: AsnType | None, kind: NipErrorKind, fragment: str
) -> None:
    with pytest.raises(InvalidNip) as caught:
        parse_nip(raw, expected_type=expected_type, today=TODAY)
    assert caught.value.kind is kind
    assert fragment in caught.value.message
    assert str(caught.value) == caught.value.message
    assert not is_valid_nip(raw, expected_type=expected_type, today=TODAY)


def test_every_error_kind_has_a_case() -> None:
    assert {kind for _, _, kind, _ in ERROR_CASES} == set(NipErrorKind)


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        # Left to right: a bad birth date wins over a bad month, gender and sequence.
        ("198613322015130000", NipErrorKind.INVALID_BIRTH_DATE),
        # A bad month wins over gender and sequence.
        ("198609262015130000", NipErrorKind.INVALID_TMT_MONTH),
        # Gender before sequence.
        ("198609262015050000", NipErrorKind.INVALID_GENDER_DIGIT),
        # Characters before length.
        ("12x", NipErrorKind.NOT_DIGITS),
    ],
)
def test_first_problem_is_reported(raw: str, kind: NipErrorKind) -> None:
    with pytest.raises(InvalidNip) as caught:
        parse_nip(raw, today=TODAY)
    assert caught.value.kind is kind


def test_invalid_nip_is_a_picklable_value_error() -> None:
    error = InvalidNip(NipErrorKind.ZERO_SEQUENCE, "Nomor urut 000 pada NIP tidak valid.")
    assert isinstance(error, ValueError)
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own object
    assert (copy.kind, copy.message) == (error.kind, error.message)


# --- formatting ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "formatted"),
    [
        (PNS_NIP, "19860926 201505 1 001"),
        (PPPK_NI, "19900314 202221 2 004"),
        ("19860926-201505-1-001", "19860926 201505 1 001"),
        (" 1986 0926 2015 0510 01 ", "19860926 201505 1 001"),
        # Only the shape is checked: stored legacy numbers can always be displayed.
        ("198613322015131000", "19861332 201513 1 000"),
    ],
)
def test_format_nip(raw: str, formatted: str) -> None:
    assert format_nip(raw) == formatted


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        ("", NipErrorKind.EMPTY),
        ("1986092620150510", NipErrorKind.WRONG_LENGTH),
        ("19860926 201505 1 00a", NipErrorKind.NOT_DIGITS),
    ],
)
def test_format_nip_rejects_wrong_shape(raw: str, kind: NipErrorKind) -> None:
    with pytest.raises(InvalidNip) as caught:
        format_nip(raw)
    assert caught.value.kind is kind


def test_normalize_nip() -> None:
    assert normalize_nip("19900314.202221.2.004") == PPPK_NI


@pytest.mark.parametrize(
    ("raw", "expected_type", "valid"),
    [
        (PNS_NIP, None, True),
        (PPPK_NI, AsnType.PPPK, True),
        (PPPK_NI, AsnType.PNS, False),
        ("19860926 201505 1 001", AsnType.PNS, True),
        ("abc", None, False),
    ],
)
def test_is_valid_nip(raw: str, expected_type: AsnType | None, valid: bool) -> None:
    assert is_valid_nip(raw, expected_type=expected_type, today=TODAY) is valid


# --- generator ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((date(1986, 9, 26), date(2015, 5, 1), Gender.LAKI_LAKI, 1), PNS_NIP),
        ((date(1986, 9, 26), date(2015, 5, 31), Gender.LAKI_LAKI, 1), PNS_NIP),
        ((date(1990, 3, 14), 2022, Gender.PEREMPUAN, 4, AsnType.PPPK), PPPK_NI),
        ((date(1990, 3, 14), date(2022, 1, 1), Gender.PEREMPUAN, 4, AsnType.PPPK), PPPK_NI),
        ((date(1975, 12, 1), date(2001, 3, 1), Gender.PEREMPUAN, 123), "197512012001032123"),
    ],
)
def test_make_nip(args: tuple[date, date | int, Gender, int], expected: str) -> None:
    assert make_nip(*args, today=TODAY) == expected


@pytest.mark.parametrize(
    ("appointment", "sequence", "asn_type", "kind"),
    [
        (date(2004, 8, 1), 1, AsnType.PNS, NipErrorKind.TMT_BEFORE_18TH_BIRTHDAY),
        (date(2030, 1, 1), 1, AsnType.PNS, NipErrorKind.TMT_IN_FUTURE),
        (date(2015, 5, 1), 0, AsnType.PNS, NipErrorKind.ZERO_SEQUENCE),
        (2018, 1, AsnType.PPPK, NipErrorKind.PPPK_YEAR_TOO_EARLY),
        (2004, 1, AsnType.PPPK, NipErrorKind.PPPK_YEAR_TOO_EARLY),
        (2030, 1, AsnType.PPPK, NipErrorKind.TMT_IN_FUTURE),
    ],
)
def test_make_nip_refuses_rule_breaking_numbers(
    appointment: date | int, sequence: int, asn_type: AsnType, kind: NipErrorKind
) -> None:
    with pytest.raises(InvalidNip) as caught:
        make_nip(date(1986, 9, 26), appointment, Gender.LAKI_LAKI, sequence, asn_type, today=TODAY)
    assert caught.value.kind is kind


@pytest.mark.parametrize(
    ("appointment", "sequence", "asn_type"),
    [
        (date(2015, 5, 1), 1000, AsnType.PNS),
        (date(2015, 5, 1), -1, AsnType.PNS),
        (2015, 1, AsnType.PNS),  # a PNS needs the TMT month
        (10000, 1, AsnType.PPPK),
    ],
)
def test_make_nip_rejects_unencodable_values(
    appointment: date | int, sequence: int, asn_type: AsnType
) -> None:
    with pytest.raises(ValueError, match=r"dikodekan|TMT CPNS") as caught:
        make_nip(date(1986, 9, 26), appointment, Gender.LAKI_LAKI, sequence, asn_type, today=TODAY)
    assert not isinstance(caught.value, InvalidNip)


# --- properties ---------------------------------------------------------------------------------

todays = st.dates(min_value=date(2019, 1, 1), max_value=date(2100, 12, 31))
genders = st.sampled_from(Gender)
sequences = st.integers(min_value=1, max_value=999)


@PROPERTY
@given(data=st.data(), today=todays, gender=genders, sequence=sequences)
def test_pns_round_trip(data: st.DataObject, today: date, gender: Gender, sequence: int) -> None:
    # Born early enough to have turned 18 by the current month.
    birth = data.draw(st.dates(date(1940, 1, 1), date(today.year - 18, today.month, 1)))
    first = (birth.year + 18) * 12 + birth.month - 1
    last = today.year * 12 + today.month - 1
    index = data.draw(st.integers(first, last))
    day = data.draw(st.integers(1, 28))
    tmt = date(index // 12, index % 12 + 1, day)

    digits = make_nip(birth, tmt, gender, sequence, today=today)
    nip = parse_nip(digits, expected_type=AsnType.PNS, today=today)

    assert nip.digits == digits
    assert nip.asn_type is AsnType.PNS
    assert nip.birth_date == birth
    assert (nip.appointment_year, nip.appointment_month) == (tmt.year, tmt.month)
    assert nip.gender is gender
    assert nip.sequence == sequence
    assert parse_nip(nip.formatted, today=today) == nip


@PROPERTY
@given(data=st.data(), today=todays, gender=genders, sequence=sequences)
def test_pppk_round_trip(data: st.DataObject, today: date, gender: Gender, sequence: int) -> None:
    birth = data.draw(st.dates(date(1940, 1, 1), date(today.year - 18, 12, 31)))
    year = data.draw(st.integers(max(2019, birth.year + 18), today.year))

    digits = make_nip(birth, year, gender, sequence, AsnType.PPPK, today=today)
    nip = parse_nip(digits, expected_type=AsnType.PPPK, today=today)

    assert nip.digits == digits
    assert nip.asn_type is AsnType.PPPK
    assert nip.birth_date == birth
    assert (nip.appointment_year, nip.appointment_month) == (year, None)
    assert nip.gender is gender
    assert nip.sequence == sequence
    assert parse_nip(nip.formatted, today=today) == nip


def _two(low: int, high: int) -> st.SearchStrategy[str]:
    return st.integers(low, high).map(lambda n: f"{n:02d}")


# 18-digit strings near the valid space, so that every rule gets exercised (uniformly random digits
# almost always fail on the birth date).
plausible_digits = st.tuples(
    st.integers(1900, 2100).map(str),
    _two(0, 13),
    _two(0, 32),
    st.integers(1950, 2100).map(str),
    st.sampled_from(["00", "01", "06", "12", "13", "21", "99"]),
    st.sampled_from("0123456789"),
    st.sampled_from(["000", "001", "999", "123"]),
).map("".join)
any_digits = st.text(alphabet="0123456789", min_size=18, max_size=18)
expected_types = st.sampled_from([None, AsnType.PNS, AsnType.PPPK])


def _parses_or_invalid(raw: str, expected_type: AsnType | None, today: date) -> None:
    """The only exception parse_nip may raise is InvalidNip, always with a kind and a message."""
    error: InvalidNip | None = None
    try:
        nip = parse_nip(raw, expected_type=expected_type, today=today)
    except InvalidNip as caught:
        error = caught
    if error is not None:
        assert isinstance(error.kind, NipErrorKind)
        assert error.message
        return
    assert len(nip.digits) == 18
    assert format_nip(nip.digits) == nip.formatted
    assert expected_type in (None, nip.asn_type)


@PROPERTY
@given(raw=st.one_of(any_digits, plausible_digits), expected_type=expected_types, today=todays)
def test_any_18_digits_parse_or_raise_invalid_nip(
    raw: str, expected_type: AsnType | None, today: date
) -> None:
    assert len(raw) == 18
    _parses_or_invalid(raw, expected_type, today)


@PROPERTY
@given(raw=st.text(), expected_type=expected_types, today=todays)
def test_any_text_parses_or_raises_invalid_nip(
    raw: str, expected_type: AsnType | None, today: date
) -> None:
    _parses_or_invalid(raw, expected_type, today)


@pytest.mark.parametrize(
    ("raw", "expected_type", "fragment"),
    [(PNS_NIP, "PPPK", "bukan NI PPPK"), (PPPK_NI, "PNS", "bukan NIP PNS")],
)
def test_plain_string_asn_type_is_accepted(raw: str, expected_type: str, fragment: str) -> None:
    # API layers may hand over the stored code rather than the enum member.
    with pytest.raises(InvalidNip) as caught:
        # A plain str where AsnType is declared: the case under test.
        parse_nip(raw, expected_type=expected_type, today=TODAY)  # type: ignore[arg-type]
    assert caught.value.kind is NipErrorKind.WRONG_ASN_TYPE
    assert fragment in caught.value.message
    # Plain strs where the enums are declared: the case under test.
    digits = make_nip(date(1986, 9, 26), date(2015, 5, 1), "LAKI_LAKI", 1, "PNS", today=TODAY)  # type: ignore[arg-type]
    assert digits == PNS_NIP
