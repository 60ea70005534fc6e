"""Situations the demo city stages on purpose: vacancies, acting officials, leave and study leave.

A realistic city always has unfilled posts and officials standing in for others, and these are
exactly the cases the Pejabat Penilai rules must handle (DOMAIN.md §8):

* about 3 % of positions are vacant, always including the Kepala Bidang Bina Marga of DPUPR and
  the Kepala Seksi Identitas Penduduk of Disdukcapil, so some assessors are found by walking up;
* the Sekretaris DPUPR is Plt. Kepala Bidang Bina Marga, an override for the Kabid's subordinates;
* the Kepala Seksi Manajemen dan Rekayasa Lalu Lintas of Dishub is on leave (CUTI) and the Kepala
  Seksi Pengendalian dan Operasional is Plh. for his or her subordinates;
* a few employees are on tugas belajar: relieved of their jabatan, which is left vacant.

The people involved are invented like everyone else in the demo data.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from server.demo.records import DemoAssessorOverride, DemoPosition
from server.domain.enums import ActingKind, FunctionalLevel, PositionKind

VACANT_KABID = "DPUPR.BID-BM.KABID"
PLT_KABID = "DPUPR.SEKRETARIAT.SEKRETARIS"
VACANT_KASI = "DISDUKCAPIL.BID-DAFDUK.SEKSI-IDENTITAS.KASI"
ON_LEAVE_KASI = "DISHUB.BID-LALIN.SEKSI-MRLL.KASI"
PLH_KASI = "DISHUB.BID-LALIN.SEKSI-DALOPS.KASI"

DEMO_SEKSI = "DISKOMINFO.BID-APTIKA.SEKSI-APLIKASI"
DEMO_KABID = "DISKOMINFO.BID-APTIKA.KABID"
DEMO_KADIS = "DISKOMINFO.KADIS"
DEMO_UMPEG = "DISKOMINFO.SEKRETARIAT.SUBBAG-UMPEG.KASUBBAG"
PLT_SUBJECT = "DPUPR.BID-BM.SEKSI-PEMBANGUNAN.KASI"

VACANCY_RATE = 0.03
STUDY_LEAVE_RATE = 0.003
LEAVE_RATE = 0.01

_STUDY_LEVELS = frozenset({FunctionalLevel.AHLI_PERTAMA, FunctionalLevel.AHLI_MUDA})


@dataclass(frozen=True)
class Cast:
    """Positions whose holders get the NIP demo accounts (or a role account)."""

    pelaksana: str  # a pelaksana at Diskominfo
    kasi: str  # their Kepala Seksi, the Pejabat Penilai
    kabid: str
    kadis: str
    orphan: str  # a pelaksana whose Kepala Seksi post is vacant
    acting_subject: str  # rated by a Plt because their Kabid post is vacant
    hr_admin: str  # an Analis SDM Aparatur at BKPSDM
    auditor: str  # an auditor at the Inspektorat
    unit_manager: str  # Kasubbag Umum dan Kepegawaian of Diskominfo (pengelola kinerja OPD)


@dataclass(frozen=True)
class Scenario:
    vacant: frozenset[str]  # positions without a holder (includes those left for study)
    study_leave: tuple[str, ...]  # vacant because the holder is on tugas belajar
    on_leave: frozenset[str]  # positions whose holder has status CUTI
    overrides: tuple[DemoAssessorOverride, ...]
    cast: Cast


def planned_vacancies(filled_target: int) -> tuple[int, int]:
    """(vacancies, study leaves) so that about 3 % of all positions end up vacant."""
    study = max(1, round(filled_target * STUDY_LEAVE_RATE))
    vacancies = max(2 + study, round(filled_target * VACANCY_RATE / (1 - VACANCY_RATE)))
    return vacancies, study


def stage(
    rng: random.Random,
    positions: Sequence[DemoPosition],
    *,
    vacancies: int,
    study_leaves: int,
) -> Scenario:
    """Choose the vacancies, leaves and acting officials among ``positions``."""
    by_key = {p.key: p for p in positions}
    children: dict[str, list[DemoPosition]] = {}
    for p in positions:
        if p.parent_key is not None:
            children.setdefault(p.parent_key, []).append(p)

    def first_in(unit_code: str, kind: PositionKind, name_prefix: str = "") -> str:
        for p in positions:
            if p.unit_code == unit_code and p.kind is kind and p.name.startswith(name_prefix):
                return p.key
        raise ValueError(f"the demo city has no {kind} {name_prefix!r} in {unit_code}")

    cast = Cast(
        pelaksana=first_in(DEMO_SEKSI, PositionKind.PELAKSANA),
        kasi=f"{DEMO_SEKSI}.KASI",
        kabid=DEMO_KABID,
        kadis=DEMO_KADIS,
        orphan=first_in(VACANT_KASI.removesuffix(".KASI"), PositionKind.PELAKSANA),
        acting_subject=PLT_SUBJECT,
        hr_admin=first_in(
            "BKPSDM.BID-PKAP",
            PositionKind.FUNGSIONAL,
            "Analis Sumber Daya Manusia Aparatur Ahli Muda",
        ),
        auditor=first_in("INSPEKTORAT.IRBAN-1", PositionKind.FUNGSIONAL, "Auditor"),
        unit_manager=DEMO_UMPEG,
    )
    leave_subject = first_in(ON_LEAVE_KASI.removesuffix(".KASI"), PositionKind.PELAKSANA)
    for key in (
        VACANT_KABID,
        PLT_KABID,
        VACANT_KASI,
        ON_LEAVE_KASI,
        PLH_KASI,
        *vars(cast).values(),
    ):
        if key not in by_key:
            raise ValueError(f"the demo city lacks position {key}")

    # Never vacate a post the staged situations or the demo accounts rely on, nor anyone in the
    # chain above a demo account (its description names the assessor).
    protected = {VACANT_KABID, PLT_KABID, VACANT_KASI, ON_LEAVE_KASI, PLH_KASI, leave_subject}
    for key in vars(cast).values():
        current: str | None = key
        while current is not None:
            protected.add(current)
            current = by_key[current].parent_key
    protected.update(p.key for p in children.get(VACANT_KABID, []) if p.is_unit_head)

    # Random vacancies fall on staff and Pengawas posts; higher posts are filled in the demo
    # except the staged Kabid.
    pool = [
        p.key
        for p in positions
        if p.key not in protected
        and p.kind in (PositionKind.PENGAWAS, PositionKind.FUNGSIONAL, PositionKind.PELAKSANA)
    ]
    study_pool = [
        k
        for k in pool
        if by_key[k].kind is PositionKind.FUNGSIONAL and by_key[k].functional_level in _STUDY_LEVELS
    ]
    chosen = set(rng.sample(study_pool, min(study_leaves, len(study_pool))))
    study = [k for k in pool if k in chosen]
    remaining = [k for k in pool if k not in chosen]
    extra = max(0, vacancies - 2 - len(study))
    random_vacant = rng.sample(remaining, min(extra, len(remaining)))
    vacant = frozenset({VACANT_KABID, VACANT_KASI, *study, *random_vacant})

    # Staff on leave (cuti besar, cuti melahirkan …); their assessors stay in place.
    staff = [
        k
        for k in remaining
        if k not in vacant and by_key[k].kind in (PositionKind.FUNGSIONAL, PositionKind.PELAKSANA)
    ]
    leave_count = max(0, round(len(positions) * LEAVE_RATE) - 1)
    on_leave = frozenset({ON_LEAVE_KASI, *rng.sample(staff, min(leave_count, len(staff)))})

    kabid = by_key[VACANT_KABID]
    plt = by_key[PLT_KABID]
    kasi = by_key[ON_LEAVE_KASI]
    plh = by_key[PLH_KASI]

    def acting_for_staff_of(
        head: str, acting: str, kind: ActingKind, reason: str
    ) -> list[DemoAssessorOverride]:
        """The (filled) positions under ``head`` are rated by ``acting`` as Plt./Plh."""
        return [
            DemoAssessorOverride(
                position_key=p.key, assessor_position_key=acting, acting_kind=kind, reason=reason
            )
            for p in children.get(head, [])
            if p.key not in vacant
        ]

    overrides = acting_for_staff_of(
        VACANT_KABID,
        PLT_KABID,
        ActingKind.PLT,
        f"Plt. {kabid.name} dirangkap {plt.name} selama jabatan Kepala Bidang lowong "
        "(Surat Perintah Wali Kota; data sintetis).",
    ) + acting_for_staff_of(
        ON_LEAVE_KASI,
        PLH_KASI,
        ActingKind.PLH,
        f"Plh. {kasi.name} oleh {plh.name} selama pejabat definitif menjalani cuti "
        "(Surat Perintah Kepala Dinas; data sintetis).",
    )
    return Scenario(
        vacant=vacant,
        study_leave=tuple(study),
        on_leave=on_leave,
        overrides=tuple(overrides),
        cast=cast,
    )
