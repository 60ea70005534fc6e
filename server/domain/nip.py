"""NIP (Nomor Induk Pegawai, for PNS) and NI PPPK (Nomor Induk PPPK): parse, validate, format.

Both numbers are 18 digits and share one layout, shown with spaces as ``8 6 1 3`` digits:

* NIP PNS ``19860926 201505 1 001``: birth date YYYYMMDD, TMT CPNS YYYYMM (the month the person
  became a candidate civil servant), gender digit (1 laki-laki, 2 perempuan), sequence 001 upwards.
* NI PPPK ``19900314 202221 2 004``: the same, except that the middle part is the year of
  appointment YYYY followed by ``21``. Since 21 can never be a month, the middle part alone tells
  the two kinds apart (DOMAIN.md §12).

People type or paste these numbers from SK documents and spreadsheets, so spaces, dots and
hyphens between digit groups are tolerated and removed; everything else is rejected with an error
kind of its own and an Indonesian message that quotes the offending part, because the message is
shown as-is to the HR admin who has to fix the number.

Pure code: no clock is read; callers pass ``today`` (the services take it from server.clock).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from server.domain.dates_id import long_date_id, month_name_id
from server.domain.enums import AsnType, Gender

__all__ = [
    "EARLIEST_BIRTH_YEAR",
    "NIP_LENGTH",
    "PPPK_FIRST_YEAR",
    "PPPK_MARKER",
    "InvalidNip",
    "Nip",
    "NipErrorKind",
    "format_nip",
    "is_valid_nip",
    "make_nip",
    "normalize_nip",
    "parse_nip",
]

NIP_LENGTH = 18
"""Every NIP and NI PPPK has exactly 18 digits."""

PPPK_MARKER = "21"
"""Digits 13–14 of an NI PPPK: not a month, so they mark the number as PPPK."""

PPPK_FIRST_YEAR = 2019
"""PPPK were first appointed in 2019 (the first PPPK intake under PP 49/2018)."""

EARLIEST_BIRTH_YEAR = 1940
"""Birth years before this are implausible: such a person retired long before e-Kinerja existed,
so the number is far more likely mistyped than genuine."""

ADULT_AGE = 18
"""Minimum age for appointment as CPNS or PPPK."""

_SEPARATORS = frozenset(".-")
"""Besides whitespace, the punctuation tolerated between digit groups (titik, tanda hubung)."""

_ASCII_DIGITS = frozenset("0123456789")


class NipErrorKind(StrEnum):
    """Why a NIP / NI PPPK was rejected. Values are stable codes for APIs and UI catalogues."""

    EMPTY = "EMPTY"  # nothing but whitespace
    NOT_DIGITS = "NOT_DIGITS"  # a character other than 0–9 and the tolerated separators
    WRONG_LENGTH = "WRONG_LENGTH"  # not 18 digits once separators are removed
    INVALID_BIRTH_DATE = "INVALID_BIRTH_DATE"  # digits 1–8 are not a calendar date
    BIRTH_DATE_IN_FUTURE = "BIRTH_DATE_IN_FUTURE"  # born after today
    BIRTH_DATE_TOO_EARLY = "BIRTH_DATE_TOO_EARLY"  # born before 1940: implausible
    INVALID_TMT_MONTH = "INVALID_TMT_MONTH"  # digits 13–14 neither a month 01–12 nor the PPPK "21"
    TMT_BEFORE_18TH_BIRTHDAY = "TMT_BEFORE_18TH_BIRTHDAY"  # appointed before turning 18
    TMT_IN_FUTURE = "TMT_IN_FUTURE"  # appointed after today
    INVALID_GENDER_DIGIT = "INVALID_GENDER_DIGIT"  # digit 15 is not 1 or 2
    ZERO_SEQUENCE = "ZERO_SEQUENCE"  # digits 16–18 are 000
    PPPK_YEAR_TOO_EARLY = "PPPK_YEAR_TOO_EARLY"  # PPPK appointed before 2019
    WRONG_ASN_TYPE = "WRONG_ASN_TYPE"  # a PPPK number for a PNS, or the other way round


class InvalidNip(ValueError):
    """A NIP / NI PPPK that cannot be accepted.

    ``kind`` is the machine-readable reason; ``message`` is the Indonesian sentence for the user and
    always quotes the offending part of the number.
    """

    def __init__(self, kind: NipErrorKind, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message

    def __reduce__(self) -> tuple[type[InvalidNip], tuple[NipErrorKind, str]]:
        # Keep the exception picklable (e.g. across process pools) despite the two-argument init.
        return (type(self), (self.kind, self.message))


@dataclass(frozen=True)
class Nip:
    """A validated NIP (PNS) or NI PPPK, decomposed into its parts.

    Build it with :func:`parse_nip`; the constructor itself does not validate.
    ``appointment_year``/``appointment_month`` are the TMT CPNS for PNS; for PPPK only the year of
    appointment is encoded, so ``appointment_month`` is ``None``.
    """

    digits: str
    asn_type: AsnType
    birth_date: date
    appointment_year: int
    appointment_month: int | None
    gender: Gender
    sequence: int

    @property
    def formatted(self) -> str:
        """Display form with spaces between the groups, e.g. ``19860926 201505 1 001``."""
        return _group(self.digits)

    def __str__(self) -> str:
        # The canonical (stored) form is the bare digits; use ``formatted`` for display.
        return self.digits


def _label(asn_type: AsnType | None) -> str:
    """What the number is called in messages: "NI PPPK" for PPPK, otherwise "NIP"."""
    return "NI PPPK" if asn_type == AsnType.PPPK else "NIP"


def _group(digits: str) -> str:
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"


def _show_char(ch: str) -> str:
    """Quote a rejected character so that invisible ones (zero-width space …) are still visible."""
    return f'"{ch}"' if ch.isprintable() else f"U+{ord(ch):04X}"


def _month_year_id(year: int, month: int) -> str:
    return f"{month_name_id(month)} {year}"


def normalize_nip(raw: str, *, expected_type: AsnType | None = None) -> str:
    """Strip the tolerated separators and return the bare digits, checking only the shape.

    Whitespace (including the no-break space that comes with copy-paste from documents), dots and
    hyphens are accepted between digit groups, never at the start or end. Only ASCII digits count:
    other Unicode digits would silently change the number's meaning in other systems.
    Raises :class:`InvalidNip` with kind EMPTY, NOT_DIGITS or WRONG_LENGTH.
    """
    label = _label(expected_type)
    stripped = raw.strip()
    if not stripped:
        raise InvalidNip(NipErrorKind.EMPTY, f"{label} wajib diisi.")
    offset = len(raw) - len(raw.lstrip())
    digits: list[str] = []
    for index, ch in enumerate(stripped):
        if ch in _ASCII_DIGITS:
            digits.append(ch)
        elif not (ch.isspace() or ch in _SEPARATORS):
            raise InvalidNip(
                NipErrorKind.NOT_DIGITS,
                f"{label} hanya boleh berisi angka 0–9 (spasi, titik dan tanda hubung di antara "
                f"kelompok angka diperbolehkan); karakter {_show_char(ch)} pada posisi "
                f"{offset + index + 1} tidak diperbolehkan.",
            )
    for where, ch in (("diawali", stripped[0]), ("diakhiri", stripped[-1])):
        if ch in _SEPARATORS:
            raise InvalidNip(
                NipErrorKind.NOT_DIGITS,
                f"{label} tidak boleh {where} dengan {_show_char(ch)}; tanda baca hanya "
                "diperbolehkan di antara kelompok angka.",
            )
    if len(digits) != NIP_LENGTH:
        raise InvalidNip(
            NipErrorKind.WRONG_LENGTH,
            f"{label} harus {NIP_LENGTH} digit (diterima {len(digits)} digit).",
        )
    return "".join(digits)


def format_nip(digits: str) -> str:
    """Display form ``19860926 201505 1 001`` of an 18-digit NIP or NI PPPK.

    Only the shape is checked (separators are tolerated as in :func:`parse_nip`), not the dates, so
    that numbers already stored, even questionable legacy ones, can always be displayed.
    Raises :class:`InvalidNip` (EMPTY, NOT_DIGITS, WRONG_LENGTH) if there are not 18 digits.
    """
    return _group(normalize_nip(digits))


def parse_nip(raw: str, *, today: date, expected_type: AsnType | None = None) -> Nip:
    """Parse and validate a NIP (PNS) or NI PPPK typed by a person.

    The kind of number is read from its middle part (``…21`` means PPPK). When the caller knows the
    jenis ASN of the person, ``expected_type`` makes a number of the other kind an error
    (WRONG_ASN_TYPE). ``today`` is used for the "not in the future" rules. The number is
    checked left to right, each part also against the parts before it, and the first problem
    found is raised as :class:`InvalidNip`.
    """
    # Coerce so that a plain "PNS"/"PPPK" string from an API layer behaves like the enum.
    expected_type = None if expected_type is None else AsnType(expected_type)
    digits = normalize_nip(raw, expected_type=expected_type)
    label = _label(expected_type)

    birth_date = _parse_birth_date(digits[:8], label, today)

    middle = digits[8:14]
    year, marker = int(middle[:4]), middle[4:]
    asn_type = AsnType.PPPK if marker == PPPK_MARKER else AsnType.PNS
    if asn_type == AsnType.PNS and not 1 <= int(marker) <= 12:
        if expected_type == AsnType.PPPK:
            message = (
                f"Bagian tahun pengangkatan {middle} pada NI PPPK tidak valid: harus berupa tahun "
                f"diikuti {PPPK_MARKER} (mis. 2022{PPPK_MARKER})."
            )
        else:
            message = (
                f"TMT CPNS {middle} pada NIP tidak valid: bulan {marker} harus 01–12 "
                f"(atau {PPPK_MARKER} untuk NI PPPK)."
            )
        raise InvalidNip(NipErrorKind.INVALID_TMT_MONTH, message)
    if expected_type is not None and asn_type != expected_type:
        actual = "NI PPPK" if asn_type == AsnType.PPPK else "NIP PNS"
        wanted = "NI PPPK" if expected_type == AsnType.PPPK else "NIP PNS"
        raise InvalidNip(
            NipErrorKind.WRONG_ASN_TYPE,
            f"Nomor {_group(digits)} adalah {actual} (bagian tengah {middle}), bukan {wanted} "
            f"seperti jenis ASN pegawai ini.",
        )
    label = _label(asn_type)

    month: int | None
    if asn_type == AsnType.PPPK:
        month = None
        _check_pppk_year(year, birth_date, today)
    else:
        month = int(marker)
        _check_tmt_cpns(middle, year, month, birth_date, today)

    gender_digit = digits[14]
    if gender_digit == "1":
        gender = Gender.LAKI_LAKI
    elif gender_digit == "2":
        gender = Gender.PEREMPUAN
    else:
        raise InvalidNip(
            NipErrorKind.INVALID_GENDER_DIGIT,
            f"Kode jenis kelamin {gender_digit} pada {label} tidak valid "
            "(1 = laki-laki, 2 = perempuan).",
        )

    sequence_part = digits[15:]
    sequence = int(sequence_part)
    if sequence == 0:
        raise InvalidNip(
            NipErrorKind.ZERO_SEQUENCE,
            f"Nomor urut {sequence_part} pada {label} tidak valid (nomor urut dimulai dari 001).",
        )

    return Nip(
        digits=digits,
        asn_type=asn_type,
        birth_date=birth_date,
        appointment_year=year,
        appointment_month=month,
        gender=gender,
        sequence=sequence,
    )


def _parse_birth_date(part: str, label: str, today: date) -> date:
    try:
        birth_date = date(int(part[:4]), int(part[4:6]), int(part[6:]))
    except ValueError:
        raise InvalidNip(
            NipErrorKind.INVALID_BIRTH_DATE, f"Tanggal lahir {part} pada {label} tidak valid."
        ) from None
    if birth_date > today:
        raise InvalidNip(
            NipErrorKind.BIRTH_DATE_IN_FUTURE,
            f"Tanggal lahir {part} ({long_date_id(birth_date)}) pada {label} berada di masa depan.",
        )
    if birth_date.year < EARLIEST_BIRTH_YEAR:
        raise InvalidNip(
            NipErrorKind.BIRTH_DATE_TOO_EARLY,
            f"Tanggal lahir {part} ({long_date_id(birth_date)}) pada {label} tidak wajar: "
            f"tahun lahir sebelum {EARLIEST_BIRTH_YEAR}.",
        )
    return birth_date


def _check_tmt_cpns(middle: str, year: int, month: int, birth_date: date, today: date) -> None:
    """TMT CPNS must fall between the 18th birthday and today.

    The NIP records the TMT to the month only, so both comparisons are made by month: a TMT in the
    month of the 18th birthday is accepted rather than rejecting a number we cannot prove wrong.
    """
    adult = (birth_date.year + ADULT_AGE, birth_date.month)
    if (year, month) < adult:
        raise InvalidNip(
            NipErrorKind.TMT_BEFORE_18TH_BIRTHDAY,
            f"TMT CPNS {middle} ({_month_year_id(year, month)}) pada NIP lebih awal dari usia "
            f"18 tahun pegawai (lahir {long_date_id(birth_date)}, berusia 18 tahun pada "
            f"{_month_year_id(*adult)}).",
        )
    if (year, month) > (today.year, today.month):
        raise InvalidNip(
            NipErrorKind.TMT_IN_FUTURE,
            f"TMT CPNS {middle} ({_month_year_id(year, month)}) pada NIP berada di masa depan.",
        )


def _check_pppk_year(year: int, birth_date: date, today: date) -> None:
    """The year of appointment must be 2019 or later, not before the 18th birthday, not future.

    Only the year is encoded, so the 18th-birthday rule compares years.
    """
    if year < PPPK_FIRST_YEAR:
        raise InvalidNip(
            NipErrorKind.PPPK_YEAR_TOO_EARLY,
            f"Tahun pengangkatan {year:04d} pada NI PPPK tidak valid: PPPK baru ada sejak "
            f"{PPPK_FIRST_YEAR}.",
        )
    adult_year = birth_date.year + ADULT_AGE
    if year < adult_year:
        raise InvalidNip(
            NipErrorKind.TMT_BEFORE_18TH_BIRTHDAY,
            f"Tahun pengangkatan {year} pada NI PPPK lebih awal dari usia 18 tahun pegawai "
            f"(lahir {long_date_id(birth_date)}, berusia 18 tahun pada {adult_year}).",
        )
    if year > today.year:
        raise InvalidNip(
            NipErrorKind.TMT_IN_FUTURE,
            f"Tahun pengangkatan {year} pada NI PPPK berada di masa depan.",
        )


def is_valid_nip(raw: str, *, today: date, expected_type: AsnType | None = None) -> bool:
    """True when :func:`parse_nip` would accept ``raw``; for form checks that need no reason."""
    try:
        parse_nip(raw, expected_type=expected_type, today=today)
    except InvalidNip:
        return False
    return True


def make_nip(
    birth_date: date,
    appointment: date | int,
    gender: Gender,
    sequence: int,
    asn_type: AsnType = AsnType.PNS,
    *,
    today: date | None = None,
) -> str:
    """Build a valid 18-digit number for demo data and tests.

    ``appointment`` is the TMT CPNS for PNS (its year and month are used) and the year of
    appointment for PPPK (a date is also accepted; its year is used). The result is run through
    :func:`parse_nip`, so a combination that breaks a rule (TMT before the 18th birthday, PPPK
    before 2019 …) raises :class:`InvalidNip` instead of producing a number the portal would reject.
    Raises plain ``ValueError`` for values that cannot be encoded at all. Without ``today`` the
    "not in the future" rules are left out: the caller builds a number of the past.
    """
    asn_type, gender = AsnType(asn_type), Gender(gender)
    if not 0 <= sequence <= 999:
        raise ValueError(f"Nomor urut {sequence} tidak dapat dikodekan dalam 3 digit (001–999).")
    if asn_type == AsnType.PNS:
        if not isinstance(appointment, date):
            raise ValueError("NIP PNS memerlukan TMT CPNS berupa tanggal (tahun dan bulan).")
        middle = f"{appointment.year:04d}{appointment.month:02d}"
    else:
        year = appointment.year if isinstance(appointment, date) else appointment
        if not 0 <= year <= 9999:
            raise ValueError(f"Tahun pengangkatan {year} tidak dapat dikodekan dalam 4 digit.")
        middle = f"{year:04d}{PPPK_MARKER}"
    gender_digit = "1" if gender == Gender.LAKI_LAKI else "2"
    birth = f"{birth_date.year:04d}{birth_date.month:02d}{birth_date.day:02d}"
    digits = f"{birth}{middle}{gender_digit}{sequence:03d}"
    parse_nip(digits, expected_type=asn_type, today=today or date.max)
    return digits
