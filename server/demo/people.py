"""Invented employees (pegawai) for the synthetic demo city: careers, NIPs and names.

Nobody here exists. Each person is drawn to fit the position they hold: golongan within the range
usual for the jabatan, a schooling that allows that golongan, a TMT CPNS far enough back to have
climbed from the entry golongan (about four years per step), and a birth date that puts the person
between 22 and 57 years old. The NIP is then built from those facts (DOMAIN.md §12), so gender,
birth date and TMT always agree with it.
"""

from __future__ import annotations

import calendar
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from server.demo.jobs import FAMILIES, GENERIC_S1, GENERIC_S2, Education, Family, Job, Schooling
from server.demo.names import invent_name, with_titles
from server.demo.records import DemoEmployee, DemoPosition
from server.domain.enums import AsnType, EmployeeStatus, FunctionalLevel, Gender, PositionKind
from server.domain.golongan import PNS_GOLONGAN
from server.domain.nip import PPPK_FIRST_YEAR, make_nip

_PNS_CODES = tuple(g.code for g in PNS_GOLONGAN)
_RANK = {code: index for index, code in enumerate(_PNS_CODES)}

# Golongan range usual for each kind / jenjang of jabatan.
_STRUCTURAL_RANGE: dict[PositionKind, tuple[str, str]] = {
    PositionKind.JPT_PRATAMA: ("IV/c", "IV/d"),
    PositionKind.ADMINISTRATOR: ("IV/a", "IV/b"),
    PositionKind.PENGAWAS: ("III/c", "IV/a"),
    PositionKind.PELAKSANA: ("II/a", "III/b"),
}
_LEVEL_RANGE: dict[FunctionalLevel, tuple[str, str]] = {
    FunctionalLevel.AHLI_PERTAMA: ("III/a", "III/b"),
    FunctionalLevel.AHLI_MUDA: ("III/c", "III/d"),
    FunctionalLevel.AHLI_MADYA: ("IV/a", "IV/c"),
    FunctionalLevel.AHLI_UTAMA: ("IV/d", "IV/e"),
    FunctionalLevel.PEMULA: ("II/a", "II/a"),
    FunctionalLevel.TERAMPIL: ("II/b", "II/d"),
    FunctionalLevel.MAHIR: ("III/a", "III/b"),
    FunctionalLevel.PENYELIA: ("III/c", "III/c"),
}
# Entry golongan of a new CPNS by schooling; later degrees do not change it.
_ENTRY: dict[Schooling, str] = {
    Schooling.SMA: "II/a",
    Schooling.D3: "II/c",
    Schooling.S1: "III/a",
    Schooling.S2: "III/a",
    Schooling.S3: "III/a",
}
_ENTRY_AGE: dict[Schooling, tuple[int, int]] = {
    Schooling.SMA: (19, 27),
    Schooling.D3: (21, 30),
    Schooling.S1: (22, 32),
    Schooling.S2: (22, 32),
    Schooling.S3: (22, 32),
}
# PPPK golongan follows the diploma presented at appointment (V SMA, VII D3, IX S1, X S2, XI S3).
_PPPK_GOLONGAN: dict[Schooling, str] = {
    Schooling.SMA: "V",
    Schooling.D3: "VII",
    Schooling.S1: "IX",
    Schooling.S2: "X",
    Schooling.S3: "XI",
}
# Most CPNS start in January or March; a few intakes started late in the year.
_TMT_MONTHS = (1, 1, 1, 1, 3, 3, 3, 4, 6, 10, 12, 12)
_PPPK_MONTHS = (1, 1, 3, 4, 7, 10)
_PPPK_YEAR_WEIGHTS = {2019: 1, 2020: 1, 2021: 3, 2022: 5, 2023: 5, 2024: 4, 2025: 4}
MAX_AGE = 57  # under the batas usia pensiun of every jabatan in the demo (58 and above)
MIN_AGE = 22

# Profiles of structural officials: the typical schooling of the sector they lead.
_GENERAL = Family("Pemerintahan", (*GENERIC_S1, "S.STP"), (), GENERIC_S2)
_PAMONG = Family("Pamong", ("S.STP", "S.IP.", "S.Sos.", "S.H."), (), ("M.Si.", "M.A.P.", "M.H."))
_SECTOR: dict[str, tuple[Family, ...]] = {
    "SETDA": (FAMILIES["Analis Kebijakan"], FAMILIES["Analis Hukum"], _PAMONG),
    "SETWAN": (FAMILIES["Analis Kebijakan"], FAMILIES["Analis Hukum"]),
    "INSPEKTORAT": (FAMILIES["Auditor"],),
    "BAPPEDA": (FAMILIES["Perencana"],),
    "BKPSDM": (FAMILIES["Analis Sumber Daya Manusia Aparatur"],),
    "BPKPD": (FAMILIES["Analis Keuangan Pusat dan Daerah"],),
    "BAKESBANGPOL": (_PAMONG,),
    "BPBD": (FAMILIES["Analis Kebencanaan"],),
    "DISKOMINFO": (FAMILIES["Pranata Komputer"], FAMILIES["Pranata Hubungan Masyarakat"]),
    "DISDIKBUD": (FAMILIES["Guru"],),
    "DINKES": (FAMILIES["Dokter"], FAMILIES["Administrator Kesehatan"]),
    "RSUD": (FAMILIES["Dokter Rumah Sakit"], FAMILIES["Administrator Kesehatan"]),
    "DPUPR": (FAMILIES["Teknik Jalan dan Jembatan"], FAMILIES["Penata Ruang"]),
    "DISPERKIM": (FAMILIES["Teknik Tata Bangunan dan Perumahan"],),
    "DLH": (FAMILIES["Pengendali Dampak Lingkungan"],),
    "DISPANGTAN": (FAMILIES["Penyuluh Pertanian"], FAMILIES["Medik Veteriner"]),
    "DISPUSIP": (FAMILIES["Pustakawan"], FAMILIES["Arsiparis"]),
    "DINSOS": (FAMILIES["Pekerja Sosial"],),
    "DPMPTSP": (FAMILIES["Penata Perizinan"],),
    "SATPOLPP": (_PAMONG, FAMILIES["Polisi Pamong Praja"]),
    "KEC": (_PAMONG,),
    "KEL": (_PAMONG,),
}
# Structural jabatan: which keahlian jenjang's schooling mix fits (S2 common at the top).
_STRUCTURAL_SCHOOLING_LEVEL: dict[PositionKind, FunctionalLevel] = {
    PositionKind.JPT_PRATAMA: FunctionalLevel.AHLI_MADYA,
    PositionKind.ADMINISTRATOR: FunctionalLevel.AHLI_MUDA,
    PositionKind.PENGAWAS: FunctionalLevel.AHLI_PERTAMA,
}
_STRUCTURAL_FEMALE_SHARE: dict[PositionKind, float] = {
    PositionKind.JPT_PRATAMA: 0.3,
    PositionKind.ADMINISTRATOR: 0.4,
    PositionKind.PENGAWAS: 0.45,
}


@dataclass(frozen=True)
class Person:
    """Who fills a position: the parts of an employee record that do not depend on the post."""

    nip: str
    name: str
    asn_type: AsnType
    golongan: str
    gender: Gender
    birth_date: date
    appointment_date: date


class PeopleFactory:
    """Invents people one position at a time from a seeded random source.

    Keeps the NIP sequence counters (one per birth date + TMT + gender, as BKN numbers them) and
    the names already used, so NIPs are unique and names rarely repeat.
    """

    def __init__(self, rng: random.Random, today: date) -> None:
        if today.year < PPPK_FIRST_YEAR + 1:
            raise ValueError("the demo city needs a date after 2019 (PPPK appointments)")
        self._rng = rng
        self._today = today
        self._sequences: dict[tuple[date, str, Gender], int] = {}
        self._names: set[str] = set()
        self._pppk_years = list(range(PPPK_FIRST_YEAR, today.year + 1))
        self._pppk_weights = [_PPPK_YEAR_WEIGHTS.get(y, 4) for y in self._pppk_years]

    def for_position(
        self, position: DemoPosition, job: Job | None, *, allow_pppk: bool = True
    ) -> Person:
        """A person who plausibly holds ``position`` (``job`` is None for structural posts).

        ``allow_pppk=False`` forces a PNS, e.g. for tugas belajar, which PPPK cannot take.
        """
        rng = self._rng
        if job is None:
            female_share = _STRUCTURAL_FEMALE_SHARE.get(position.kind, 0.4)
            educations = _structural_educations(position)
            pppk_share = 0.0  # PPPK do not hold structural jabatan
            low, high = _STRUCTURAL_RANGE[position.kind]
        else:
            female_share = job.female_share
            educations = job.educations
            pppk_share = job.pppk_share
            low, high = (
                _STRUCTURAL_RANGE[PositionKind.PELAKSANA]
                if job.level is None
                else _LEVEL_RANGE[job.level]
            )
        if position.parent_key is None:  # the Sekretaris Daerah: the most senior PNS of the city
            low = high = "IV/d"
        gender = Gender.PEREMPUAN if rng.random() < female_share else Gender.LAKI_LAKI
        education = _pick(rng, educations)
        if rng.random() < pppk_share and allow_pppk:
            return self._pppk(gender, education)
        return self._pns(gender, education, low, high)

    def _pns(self, gender: Gender, education: Education, low: str, high: str) -> Person:
        rng, today = self._rng, self._today
        entry = _ENTRY[education.schooling]
        if education.prefix.startswith(("dr", "Dr. dr")):
            entry = "III/b"  # physicians enter as III/b after their profession year
        lowest = max(_RANK[low], _RANK[entry])
        rank = rng.randint(lowest, max(lowest, _RANK[high]))
        steps = rank - _RANK[entry]
        first_age, last_age = _ENTRY_AGE[education.schooling]
        entry_age = rng.randint(first_age, last_age)
        if education.prefix.startswith(("dr", "Dr. dr")):
            entry_age = max(entry_age, 25)
        # About four years per kenaikan pangkat, and many stay longer in their last golongan.
        service = sum(rng.randint(4, 5) for _ in range(steps)) + rng.randint(0, 12)
        service = max(service, MIN_AGE + 1 - entry_age)
        if entry_age + service > MAX_AGE:  # a late starter who was promoted faster than usual
            entry_age = first_age
            service = min(service, MAX_AGE - entry_age)
        tmt_year = today.year - service
        tmt_month = rng.choice(_TMT_MONTHS)
        if tmt_year == today.year and tmt_month > today.month:
            tmt_month = rng.randint(1, today.month)
        appointment = date(tmt_year, tmt_month, 1)
        birth = _random_day(rng, tmt_year - entry_age)
        sequence = self._next_sequence(birth, f"{tmt_year:04d}{tmt_month:02d}", gender)
        nip = make_nip(birth, appointment, gender, sequence, AsnType.PNS, today=today)
        name = with_titles(self._fresh_name(gender), education)
        return Person(nip, name, AsnType.PNS, _PNS_CODES[rank], gender, birth, appointment)

    def _pppk(self, gender: Gender, education: Education) -> Person:
        rng, today = self._rng, self._today
        year = rng.choices(self._pppk_years, weights=self._pppk_weights)[0]
        month = rng.choice(_PPPK_MONTHS)
        if year == today.year and month > today.month:
            month = rng.randint(1, today.month)
        appointment = date(year, month, 1)
        # Many PPPK were long-serving honorer before appointment, hence the older ages.
        youngest = max(MIN_AGE + 1, 21 + today.year - year)
        age = rng.randint(youngest, max(youngest, 55))
        birth = _random_day(rng, today.year - age)
        sequence = self._next_sequence(birth, f"{year:04d}21", gender)
        nip = make_nip(birth, year, gender, sequence, AsnType.PPPK, today=today)
        name = with_titles(self._fresh_name(gender), education)
        golongan = _PPPK_GOLONGAN[education.schooling]
        return Person(nip, name, AsnType.PPPK, golongan, gender, birth, appointment)

    def _next_sequence(self, birth: date, middle: str, gender: Gender) -> int:
        key = (birth, middle, gender)
        self._sequences[key] = self._sequences.get(key, 0) + 1
        return self._sequences[key]

    def _fresh_name(self, gender: Gender) -> str:
        # A couple of retries keep duplicates rare without forbidding them outright.
        name = invent_name(self._rng, gender)
        for _ in range(2):
            if name not in self._names:
                break
            name = invent_name(self._rng, gender)
        self._names.add(name)
        return name

    def employee(
        self,
        person: Person,
        *,
        position: DemoPosition | None,
        unit_code: str,
        status: EmployeeStatus,
        assignment_start: date | None = None,
    ) -> DemoEmployee:
        """The employee record for ``person`` in ``position`` (None: relieved for study)."""
        start = assignment_start or self.assignment_start(person)
        return DemoEmployee(
            nip=person.nip,
            name=person.name,
            asn_type=person.asn_type,
            golongan=person.golongan,
            gender=person.gender,
            birth_date=person.birth_date,
            status=status,
            position_key=position.key if position else None,
            assignment_start=start,
            unit_code=unit_code,
            appointment_date=person.appointment_date,
        )

    def assignment_start(self, person: Person, *, within_years: int = 8) -> date:
        """When the person took up the current post: after appointment, within the last years."""
        earliest = max(person.appointment_date, self._today - timedelta(days=365 * within_years))
        span = (self._today - earliest).days
        return earliest + timedelta(days=self._rng.randint(0, max(0, span)))


def _structural_educations(position: DemoPosition) -> tuple[tuple[float, Education], ...]:
    level = _STRUCTURAL_SCHOOLING_LEVEL[position.kind]
    sector = position.unit_code.split(".")[0].split("-")[0]
    # Heads of a dinas, bidang or UPTD tend to come from its profession (a doctor leads a
    # Puskesmas); office heads (Kasubbag, Sekretaris Kelurahan …) are generalists.
    leads_the_work = position.is_unit_head and ".SUBBAG-" not in position.unit_code
    families = _SECTOR.get(sector, ()) if leads_the_work else ()
    mix: list[tuple[float, Education]] = []
    # Most officials come from the sector's own profession, the rest are generalists.
    sector_share = 0.6 if families else 0.0
    for family in families:
        for weight, education in family.level_educations(level):
            mix.append((weight * sector_share / len(families), education))
    for weight, education in _GENERAL.level_educations(level):
        mix.append((weight * (1 - sector_share), education))
    return tuple(mix)


def _pick(rng: random.Random, options: Sequence[tuple[float, Education]]) -> Education:
    return rng.choices([o for _, o in options], weights=[w for w, _ in options])[0]


def _random_day(rng: random.Random, year: int) -> date:
    month = rng.randint(1, 12)
    return date(year, month, rng.randint(1, calendar.monthrange(year, month)[1]))
