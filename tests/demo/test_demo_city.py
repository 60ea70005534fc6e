"""The synthetic demo city: deterministic, structurally complete, realistic and consistent."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

import pytest

from server.demo import DEMO_PASSWORD, DemoCity, DemoEmployee, DemoPosition, generate_city
from server.demo.assessors import DemoAssessors
from server.demo.names import CHRISTIAN_FEMALE_LAST, CHRISTIAN_MALE_LAST, FEMALE_LAST, MALE_LAST
from server.domain.enums import (
    ActingKind,
    AsnType,
    AssessorBasis,
    EmployeeStatus,
    FunctionalLevel,
    Gender,
    PositionKind,
    Role,
    UnitKind,
)
from server.domain.golongan import parse_golongan
from server.domain.nip import parse_nip
from server.domain.organisation import (
    functional_level_consistent,
    is_valid_code,
    parent_kind_allowed,
)

TODAY = date(2026, 11, 27)

KECAMATAN = {
    "Kecamatan Sidorejo": {
        "Blotongan",
        "Bugel",
        "Kauman Kidul",
        "Pulutan",
        "Salatiga",
        "Sidorejo Lor",
    },
    "Kecamatan Tingkir": {
        "Gendongan",
        "Kalibening",
        "Kutowinangun Kidul",
        "Kutowinangun Lor",
        "Sidorejo Kidul",
        "Tingkir Lor",
        "Tingkir Tengah",
    },
    "Kecamatan Argomulyo": {
        "Cebongan",
        "Kumpulrejo",
        "Ledok",
        "Noborejo",
        "Randuacir",
        "Tegalrejo",
    },
    "Kecamatan Sidomukti": {"Dukuh", "Kalicacing", "Kecandran", "Mangunsari"},
}

REQUIRED_PERANGKAT_DAERAH = {
    "Sekretariat Daerah",
    "Sekretariat Dewan Perwakilan Rakyat Daerah",
    "Inspektorat Daerah",
    "Badan Perencanaan Pembangunan Daerah",
    "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
    "Badan Pengelolaan Keuangan dan Pendapatan Daerah",
    "Badan Kesatuan Bangsa dan Politik",
    "Badan Penanggulangan Bencana Daerah",
    "Dinas Komunikasi dan Informatika",
    "Dinas Pendidikan dan Kebudayaan",
    "Dinas Kesehatan",
    "Rumah Sakit Umum Daerah Kota Salatiga",
    "Dinas Pekerjaan Umum dan Penataan Ruang",
    "Dinas Perumahan dan Kawasan Permukiman",
    "Dinas Lingkungan Hidup",
    "Dinas Pangan dan Pertanian",
    "Dinas Perpustakaan dan Kearsipan",
    "Dinas Kependudukan dan Pencatatan Sipil",
    "Dinas Sosial",
    "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
    "Dinas Perhubungan",
    "Satuan Polisi Pamong Praja",
}

SETDA_BAGIAN = {
    "Bagian Pemerintahan",
    "Bagian Hukum",
    "Bagian Organisasi",
    "Bagian Umum",
    "Bagian Perekonomian",
    "Bagian Pengadaan Barang/Jasa",
    "Bagian Protokol dan Komunikasi Pimpinan",
    "Bagian Kesejahteraan Rakyat",
    "Bagian Perencanaan dan Keuangan",
}

PUSKESMAS = {
    f"UPTD Puskesmas {name}"
    for name in (
        "Sidorejo Lor",
        "Sidorejo Kidul",
        "Tegalrejo",
        "Kalicacing",
        "Cebongan",
        "Mangunsari",
    )
}

JPT = {PositionKind.JPT_UTAMA, PositionKind.JPT_MADYA, PositionKind.JPT_PRATAMA}


@pytest.fixture(scope="module")
def city() -> DemoCity:
    return generate_city(seed=3373, employees=400, today=TODAY)


@pytest.fixture(scope="module")
def full_city() -> DemoCity:
    return generate_city(today=TODAY)


def _positions(city: DemoCity) -> dict[str, DemoPosition]:
    return {p.key: p for p in city.positions}


def _holders(city: DemoCity) -> dict[str, DemoEmployee]:
    return {e.position_key: e for e in city.employees if e.position_key is not None}


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


# -- determinism ------------------------------------------------------------------------------


def test_same_seed_gives_identical_city(city: DemoCity) -> None:
    assert generate_city(seed=3373, employees=400, today=TODAY) == city


def test_different_seed_changes_people_not_structure(city: DemoCity) -> None:
    other = generate_city(seed=42, employees=400, today=TODAY)
    assert other.units == city.units
    assert [p.key for p in other.positions] == [p.key for p in city.positions]
    assert {e.nip for e in other.employees} != {e.nip for e in city.employees}
    assert {e.name for e in other.employees} != {e.name for e in city.employees}


def test_rejects_an_empty_city() -> None:
    with pytest.raises(ValueError, match="positive"):
        generate_city(employees=0, today=TODAY)


# -- structure ----------------------------------------------------------------------------------


def test_units_are_unique_valid_and_listed_parents_first(city: DemoCity) -> None:
    seen: dict[str, UnitKind] = {}
    for unit in city.units:
        assert unit.code not in seen, unit.code
        assert is_valid_code(unit.code), unit.code
        parent_kind = None if unit.parent_code is None else seen[unit.parent_code]
        assert parent_kind_allowed(unit.kind, parent_kind), (unit.code, parent_kind)
        seen[unit.code] = unit.kind
    roots = [u for u in city.units if u.parent_code is None]
    assert [(u.code, u.name, u.kind) for u in roots] == [
        ("PEMKOT", "Pemerintah Kota Salatiga", UnitKind.INSTANSI)
    ]
    assert 150 <= len(city.units) <= 320


def test_positions_are_unique_and_listed_parents_first(city: DemoCity) -> None:
    units = {u.code for u in city.units}
    seen: set[str] = set()
    for p in city.positions:
        assert p.key not in seen, p.key
        assert p.unit_code in units, p.key
        assert p.parent_key is None or p.parent_key in seen, p.key
        assert functional_level_consistent(p.kind, p.functional_level), p.key
        seen.add(p.key)
    tops = [p for p in city.positions if p.parent_key is None]
    assert [(p.key, p.name, p.kind) for p in tops] == [
        ("SETDA.SEKDA", "Sekretaris Daerah", PositionKind.JPT_PRATAMA)
    ]


def test_texts_fit_the_database_columns(full_city: DemoCity) -> None:
    # Column sizes of the tables the loader fills (unit.code 64, position.code 120, names 200).
    assert max(len(u.code) for u in full_city.units) <= 64
    assert max(len(p.key) for p in full_city.positions) <= 120
    names = [u.name for u in full_city.units] + [p.name for p in full_city.positions]
    assert max(len(n) for n in names + [e.name for e in full_city.employees]) <= 200
    assert max(len(a.login) for a in full_city.accounts) <= 64


def test_every_unit_below_the_root_has_exactly_one_head(city: DemoCity) -> None:
    heads = Counter(p.unit_code for p in city.positions if p.is_unit_head)
    assert all(count == 1 for count in heads.values())
    assert set(heads) == {u.code for u in city.units if u.parent_code is not None}


def test_kecamatan_and_kelurahan_are_exact(city: DemoCity) -> None:
    by_code = {u.code: u for u in city.units}
    kecamatan = {u.name for u in city.units if u.kind is UnitKind.KECAMATAN}
    assert kecamatan == set(KECAMATAN)
    kelurahan: dict[str, set[str]] = {}
    for u in city.units:
        if u.kind is UnitKind.KELURAHAN:
            assert u.parent_code is not None
            parent = by_code[u.parent_code]
            kelurahan.setdefault(parent.name, set()).add(u.name.removeprefix("Kelurahan "))
    assert kelurahan == KECAMATAN
    assert sum(map(len, kelurahan.values())) == 23
    for kec in (u for u in city.units if u.kind is UnitKind.KECAMATAN):
        children = {u.name for u in city.units if u.parent_code == kec.code}
        assert {"Sekretariat", "Seksi Pemerintahan", "Seksi Pelayanan Umum"} <= children


def test_required_perangkat_daerah_exist(city: DemoCity) -> None:
    perangkat = {u.name for u in city.units if u.kind is UnitKind.PERANGKAT_DAERAH}
    assert perangkat >= REQUIRED_PERANGKAT_DAERAH
    uptd = {u.name for u in city.units if u.kind is UnitKind.UPTD}
    assert uptd >= PUSKESMAS | {"UPTD Laboratorium Kesehatan Daerah"}


def test_setda_has_its_bagian_each_with_two_or_three_subbagian(city: DemoCity) -> None:
    bagian = [u for u in city.units if u.parent_code == "SETDA" and u.kind is UnitKind.BAGIAN]
    assert {u.name for u in bagian} == SETDA_BAGIAN
    for b in bagian:
        subbagian = [u for u in city.units if u.parent_code == b.code]
        assert 2 <= len(subbagian) <= 3, b.name
        assert all(u.kind is UnitKind.SUBBAGIAN for u in subbagian)


def test_each_dinas_and_badan_has_a_sekretariat_and_bidang(city: DemoCity) -> None:
    children: dict[str, list[UnitKind]] = {}
    for u in city.units:
        if u.parent_code is not None:
            children.setdefault(u.parent_code, []).append(u.kind)
    dinas = [
        u
        for u in city.units
        if u.kind is UnitKind.PERANGKAT_DAERAH and u.code not in {"SETDA", "SETWAN", "RSUD"}
    ]
    assert len(dinas) >= 20
    for d in dinas:
        kinds = Counter(children[d.code])
        assert kinds[UnitKind.SEKRETARIAT] == 1, d.name
        assert 2 <= kinds[UnitKind.BIDANG] <= 4, d.name
        sekretariat = f"{d.code}.SEKRETARIAT"
        assert 2 <= children[sekretariat].count(UnitKind.SUBBAGIAN) <= 3, d.name


def test_position_parents_follow_the_penilai_mapping(city: DemoCity) -> None:
    """DOMAIN.md §8: pelaksana → Pengawas/Administrator; JF by jenjang; Pengawas → Administrator."""
    positions = _positions(city)
    entry = {
        FunctionalLevel.AHLI_PERTAMA,
        FunctionalLevel.TERAMPIL,
        FunctionalLevel.MAHIR,
        FunctionalLevel.PENYELIA,
    }
    for p in city.positions:
        if p.parent_key is None:
            continue
        parent = positions[p.parent_key]
        if p.kind is PositionKind.PELAKSANA or p.functional_level in entry:
            assert parent.kind in {PositionKind.PENGAWAS, PositionKind.ADMINISTRATOR}, p.key
        elif p.functional_level is FunctionalLevel.AHLI_MUDA:
            assert parent.kind in JPT | {PositionKind.ADMINISTRATOR}, p.key
        elif p.functional_level is FunctionalLevel.AHLI_MADYA:
            assert parent.kind in JPT, p.key
        elif p.kind is PositionKind.PENGAWAS and parent.kind is PositionKind.PENGAWAS:
            # Only inside a kelurahan or UPTD: the Lurah / Kepala UPTD rates its Sekretaris, Kasi.
            assert parent.is_unit_head, p.key
            assert parent.unit_code == p.unit_code, p.key
        elif p.kind is PositionKind.PENGAWAS:
            assert parent.kind is PositionKind.ADMINISTRATOR, p.key
        elif p.kind is PositionKind.ADMINISTRATOR:
            assert parent.kind in JPT | {PositionKind.ADMINISTRATOR}, p.key
        else:
            assert p.kind in JPT, p.key
            assert parent.key == "SETDA.SEKDA", p.key
    camat = [p for p in city.positions if p.name.startswith("Camat ")]
    assert len(camat) == 4
    assert all(p.parent_key == "SETDA.SEKDA" for p in camat)
    lurah = [p for p in city.positions if p.name.startswith("Lurah ")]
    assert len(lurah) == 23
    assert all(positions[p.parent_key or ""].name.startswith("Camat ") for p in lurah)


# -- people ------------------------------------------------------------------------------------


def test_one_holder_per_filled_position(city: DemoCity) -> None:
    positions = _positions(city)
    held = Counter(e.position_key for e in city.employees if e.position_key is not None)
    assert max(held.values()) == 1
    assert set(held) <= set(positions)
    for e in city.employees:
        if e.position_key is None:
            assert e.status is EmployeeStatus.TUGAS_BELAJAR
            assert e.asn_type is AsnType.PNS  # tugas belajar is for PNS only
        else:
            assert e.unit_code == positions[e.position_key].unit_code
    assert len(city.employees) == 400


def test_employee_records_are_consistent(city: DemoCity) -> None:
    _check_people(city, TODAY)


def _check_people(city: DemoCity, today: date) -> None:
    positions = _positions(city)
    nips = [e.nip for e in city.employees]
    assert len(set(nips)) == len(nips)
    for e in city.employees:
        nip = parse_nip(e.nip, expected_type=e.asn_type, today=today)
        assert re.fullmatch(r"\d{18}", e.nip)
        assert nip.gender is e.gender
        assert nip.birth_date == e.birth_date
        assert nip.appointment_year == e.appointment_date.year
        if e.asn_type is AsnType.PNS:
            assert nip.appointment_month == e.appointment_date.month
        else:
            assert e.appointment_date.year >= 2019
            assert e.golongan in {"V", "VI", "VII", "VIII", "IX", "X", "XI"}
        parse_golongan(e.golongan, e.asn_type)
        assert 22 <= _age(e.birth_date, today) <= 58, e
        assert _age(e.birth_date, e.appointment_date) >= 18, e
        assert e.appointment_date <= e.assignment_start <= today, e
        if e.position_key is not None and e.asn_type is AsnType.PPPK:
            kind = positions[e.position_key].kind
            assert kind in {PositionKind.FUNGSIONAL, PositionKind.PELAKSANA}, e


def test_golongan_fits_the_jabatan(city: DemoCity) -> None:
    positions = _positions(city)
    for e in city.employees:
        if e.position_key is None or e.asn_type is AsnType.PPPK:
            continue
        p = positions[e.position_key]
        rank = parse_golongan(e.golongan, AsnType.PNS).rank
        if p.kind in JPT:
            assert rank >= parse_golongan("IV/c", AsnType.PNS).rank, e
        elif p.kind is PositionKind.ADMINISTRATOR:
            assert e.golongan in {"IV/a", "IV/b"}, e
        elif p.kind is PositionKind.PENGAWAS:
            assert e.golongan in {"III/c", "III/d", "IV/a"}, e
        elif p.kind is PositionKind.PELAKSANA:
            assert e.golongan in {"II/a", "II/b", "II/c", "II/d", "III/a", "III/b"}, e
    sekda = _holders(city)["SETDA.SEKDA"]
    assert sekda.golongan == "IV/d"


def test_names_match_gender_and_profession(full_city: DemoCity) -> None:
    positions = _positions(full_city)
    female = set(FEMALE_LAST) | set(CHRISTIAN_FEMALE_LAST)
    male = set(MALE_LAST) | set(CHRISTIAN_MALE_LAST)
    for e in full_city.employees:
        given = re.sub(r"^(?:Dr\. )?(?:dr\.|drg\.|drh\.)? ?", "", e.name).split(",")[0]
        assert given.split()[-1] in (female if e.gender is Gender.PEREMPUAN else male), e.name
        if e.position_key is None:
            continue
        job = positions[e.position_key].name
        if job.startswith("Dokter Gigi"):
            assert "drg. " in e.name
        elif job.startswith("Dokter"):
            assert e.name.startswith(("dr. ", "Dr. dr. ")), e.name
        elif job.startswith("Bidan"):
            assert e.gender is Gender.PEREMPUAN
        elif job.startswith("Guru"):
            assert "S.Pd" in e.name or "S.Or." in e.name or "S.Si." in e.name, e.name
    bases = [e.name.split(",")[0] for e in full_city.employees]
    assert len(set(bases)) / len(bases) > 0.97  # repeats happen, but rarely


# -- staged situations ---------------------------------------------------------------------------


def test_vacancies_include_a_kasi_and_a_kabid(city: DemoCity) -> None:
    held = set(_holders(city))
    vacant = [p for p in city.positions if p.key not in held]
    assert 0.02 <= len(vacant) / len(city.positions) <= 0.05
    assert any(p.name.startswith("Kepala Seksi") for p in vacant)
    assert any(p.name.startswith("Kepala Bidang") for p in vacant)
    assert all(p.kind not in JPT for p in vacant)


def test_overrides_name_acting_officials_for_filled_positions(city: DemoCity) -> None:
    positions = _positions(city)
    holders = _holders(city)
    kinds = {o.acting_kind for o in city.overrides}
    assert {ActingKind.PLT, ActingKind.PLH} <= kinds
    for o in city.overrides:
        assert o.position_key in holders, o
        assert o.assessor_position_key in holders, o
        assert o.position_key != o.assessor_position_key
        assert o.reason
        parent = positions[o.position_key].parent_key
        assert parent is not None
        if o.acting_kind is ActingKind.PLT:
            assert parent not in holders  # a Plt stands in for a vacant post
        else:
            assert holders[parent].status is EmployeeStatus.CUTI  # a Plh for an absent holder


def test_leave_and_study_leave_statuses(city: DemoCity) -> None:
    statuses = Counter(e.status for e in city.employees)
    assert statuses[EmployeeStatus.AKTIF] > 0.95 * len(city.employees)
    assert statuses[EmployeeStatus.CUTI] >= 1
    assert statuses[EmployeeStatus.TUGAS_BELAJAR] >= 1


# -- accounts ----------------------------------------------------------------------------------


def test_accounts_cover_every_role_and_link_real_employees(city: DemoCity) -> None:
    employees = {e.nip for e in city.employees}
    logins = [a.login for a in city.accounts]
    assert len(set(logins)) == len(logins)
    # Every role has a login but the Wakil Wali Kota's, who rates no one.
    assert {r for a in city.accounts for r in a.roles} == set(Role) - {Role.WAKIL_KEPALA_DAERAH}
    assert len(DEMO_PASSWORD) >= 12
    by_login = {a.login: a for a in city.accounts}
    for a in city.accounts:
        assert a.password == DEMO_PASSWORD
        assert a.description
        assert a.employee_nip is None or a.employee_nip in employees
        if re.fullmatch(r"\d{18}", a.login):
            assert a.employee_nip == a.login
    assert by_login["admin.sistem"].employee_nip is None
    assert by_login["pengelola.diskominfo"].managed_unit_code == "DISKOMINFO"
    holders = {e.nip: e for e in city.employees}
    for login, unit_prefix in (
        ("admin.bkpsdm", "BKPSDM"),
        ("auditor.inspektorat", "INSPEKTORAT"),
        ("pengelola.diskominfo", "DISKOMINFO"),
    ):
        nip = by_login[login].employee_nip
        assert nip is not None
        assert holders[nip].unit_code.startswith(unit_prefix)
    assert len(city.accounts) == 12  # only demo accounts, never one per employee


def test_demo_accounts_follow_a_rating_chain(city: DemoCity) -> None:
    positions = _positions(city)
    holders = _holders(city)
    people = {e.nip: e for e in city.employees}
    assessors = DemoAssessors(city.positions, city.employees, city.overrides)
    nip_accounts = [a.employee_nip for a in city.accounts if not a.roles]
    assert all(nip is not None for nip in nip_accounts)
    pelaksana, kasi, kabid, kadis, _sekda, orphan, acting = (people[n or ""] for n in nip_accounts)

    assert positions[pelaksana.position_key or ""].kind is PositionKind.PELAKSANA
    assert pelaksana.unit_code.startswith("DISKOMINFO.")
    for subject, boss in ((pelaksana, kasi), (kasi, kabid), (kabid, kadis)):
        found = assessors.resolve(subject.nip)
        assert found is not None
        assert found.basis is AssessorBasis.PARENT_POSITION
        assert assessors.assessor_of(subject.nip) == boss
    assert positions[kadis.position_key or ""].parent_key == "SETDA.SEKDA"

    orphan_position = positions[orphan.position_key or ""]
    assert orphan_position.kind is PositionKind.PELAKSANA
    assert orphan_position.parent_key not in holders  # the direct superior's post is vacant
    found = assessors.resolve(orphan.nip)
    assert found is not None
    assert found.basis is AssessorBasis.NEXT_FILLED_POSITION

    found = assessors.resolve(acting.nip)
    assert found is not None
    assert found.basis is AssessorBasis.OVERRIDE
    assert found.acting_kind is ActingKind.PLT


# -- sizes -------------------------------------------------------------------------------------


def test_small_city_keeps_every_unit(city: DemoCity) -> None:
    tiny = generate_city(employees=300, today=TODAY)
    assert tiny.units == city.units
    heads = {p.unit_code for p in tiny.positions if p.is_unit_head}
    assert heads == {u.code for u in tiny.units if u.parent_code is not None}
    assert 300 <= len(tiny.employees) < 330  # the heads alone need about 300 people


def test_dates_follow_the_given_today() -> None:
    later = date(2031, 3, 15)
    city = generate_city(employees=400, today=later)
    _check_people(city, later)


def test_full_size_city_has_a_realistic_pyramid(full_city: DemoCity) -> None:
    positions = _positions(full_city)
    assert len(full_city.employees) == 4000
    _check_people(full_city, TODAY)
    kinds = Counter(positions[e.position_key].kind for e in full_city.employees if e.position_key)
    jpt = sum(kinds[k] for k in JPT)
    assert 20 <= jpt <= 35
    assert 90 <= kinds[PositionKind.ADMINISTRATOR] <= 150
    assert 200 <= kinds[PositionKind.PENGAWAS] <= 400
    assert (
        kinds[PositionKind.FUNGSIONAL]
        > kinds[PositionKind.PELAKSANA]
        > 2 * (kinds[PositionKind.PENGAWAS])
    )
    pppk = sum(e.asn_type is AsnType.PPPK for e in full_city.employees)
    assert 0.10 <= pppk / len(full_city.employees) <= 0.20
    guru = sum(
        positions[e.position_key].name.startswith("Guru")
        for e in full_city.employees
        if e.position_key
    )
    assert guru > 500
    held = {e.position_key for e in full_city.employees}
    vacant = sum(p.key not in held for p in full_city.positions)
    assert 0.02 <= vacant / len(full_city.positions) <= 0.04
