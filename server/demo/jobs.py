"""Catalogue of jabatan fungsional and pelaksana used in the synthetic demo city.

A job says what a staff position is called, its kind and jenjang, and what kind of person
typically holds it (schooling and academic titles, share of women, share of PPPK). The people
themselves are invented; only the job names follow Indonesian civil-service nomenclature.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from server.domain.enums import FunctionalLevel, PositionKind


class Schooling(StrEnum):
    """Highest schooling: decides the entry golongan of a PNS and the golongan of a PPPK."""

    SMA = "SMA"
    D3 = "D3"
    S1 = "S1"  # also D4 / profession degrees such as dr., Ners, Apt.
    S2 = "S2"
    S3 = "S3"


@dataclass(frozen=True)
class Education:
    """A schooling level with the titles written around the name ("dr. … , M.Kes.")."""

    schooling: Schooling
    prefix: str = ""
    suffix: str = ""


Weighted = tuple[tuple[float, Education], ...]


@dataclass(frozen=True)
class Job:
    """A staff jabatan (fungsional or pelaksana) and the profile of its typical holder."""

    slug: str  # uppercase slug used in position keys, e.g. "PRANATA-KOMPUTER-AHLI-PERTAMA"
    name: str  # "Pranata Komputer Ahli Pertama"
    kind: PositionKind
    level: FunctionalLevel | None
    educations: Weighted
    female_share: float
    pppk_share: float


LEVEL_LABELS: dict[FunctionalLevel, str] = {
    FunctionalLevel.AHLI_PERTAMA: "Ahli Pertama",
    FunctionalLevel.AHLI_MUDA: "Ahli Muda",
    FunctionalLevel.AHLI_MADYA: "Ahli Madya",
    FunctionalLevel.AHLI_UTAMA: "Ahli Utama",
    FunctionalLevel.PEMULA: "Pemula",
    FunctionalLevel.TERAMPIL: "Terampil",
    FunctionalLevel.MAHIR: "Mahir",
    FunctionalLevel.PENYELIA: "Penyelia",
}


# Titles any graduate may carry when no profession-specific one fits.
GENERIC_S1 = ("S.E.", "S.Sos.", "S.H.", "S.Kom.", "S.IP.", "S.AP.", "S.T.", "S.Psi.", "S.Ak.")
GENERIC_S2 = ("M.M.", "M.Si.", "M.A.P.", "M.H.", "M.E.")


def slugify(text: str) -> str:
    """ "Pranata Komputer Ahli Pertama" → "PRANATA-KOMPUTER-AHLI-PERTAMA"."""
    cleaned = "".join(ch if ch.isalnum() else " " for ch in text.upper())
    return "-".join(cleaned.split())


@dataclass(frozen=True)
class Family:
    """A jabatan fungsional family (e.g. Perawat) with the titles its holders carry."""

    name: str  # the jabatan name, e.g. "Dokter"
    s1: tuple[str, ...] = ()  # suffixes of graduates; ("",) when the title is a prefix (dr.)
    d3: tuple[str, ...] = ()  # suffixes of diploma holders (keterampilan jenjang)
    s2: tuple[str, ...] = ("M.M.", "M.Si.")
    prefix: str = ""  # "dr.", "drg.", "drh."
    female_share: float = 0.5
    pppk_share: float = 0.1  # share of PPPK among Ahli Pertama / Terampil holders
    key: str = ""  # catalogue key when two profiles share one jabatan name; defaults to name

    def level_educations(self, level: FunctionalLevel) -> Weighted:
        graduates = tuple(Education(Schooling.S1, self.prefix, s) for s in self.s1)
        masters = tuple(
            Education(Schooling.S2, self.prefix, _join(s1, s2)) for s1 in self.s1 for s2 in self.s2
        )
        doctors = tuple(
            Education(Schooling.S3, _join("Dr.", self.prefix, sep=" "), _join(s1, s2))
            for s1 in self.s1[:2]
            for s2 in self.s2[:2]
        )
        diplomas = tuple(Education(Schooling.D3, "", s) for s in self.d3) or graduates
        shares: tuple[tuple[float, tuple[Education, ...]], ...]
        if level is FunctionalLevel.AHLI_PERTAMA:
            shares = ((0.88, graduates), (0.12, masters))
        elif level is FunctionalLevel.AHLI_MUDA:
            shares = ((0.55, graduates), (0.45, masters))
        elif level in (FunctionalLevel.AHLI_MADYA, FunctionalLevel.AHLI_UTAMA):
            shares = ((0.8, masters), (0.2, doctors))
        else:  # keterampilan: mostly diploma holders, a few graduates stay in the track
            shares = ((0.85, diplomas), (0.15, graduates))
        return tuple(
            (share / len(options), option) for share, options in shares for option in options
        )


def _join(*parts: str, sep: str = ", ") -> str:
    return sep.join(p for p in parts if p)


def _families() -> dict[str, Family]:
    fams = (
        Family(
            "Guru",
            ("S.Pd.", "S.Pd.SD", "S.Or.", "S.Si."),
            (),
            ("M.Pd.",),
            female_share=0.66,
            pppk_share=0.4,
        ),
        Family("Pengawas Sekolah", ("S.Pd.",), (), ("M.Pd.",), female_share=0.5),
        Family("Penilik", ("S.Pd.", "S.Sos."), (), ("M.Pd.",), female_share=0.55),
        Family("Pamong Belajar", ("S.Pd.",), (), ("M.Pd.",), female_share=0.6, pppk_share=0.3),
        Family("Pamong Budaya", ("S.S.", "S.Sn.", "S.Hum."), (), ("M.Hum.",), female_share=0.45),
        Family("Dokter", ("",), (), ("M.Kes.",), prefix="dr.", female_share=0.6, pppk_share=0.15),
        Family(
            "Dokter",
            ("",),
            (),
            ("Sp.PD", "Sp.A", "Sp.OG", "Sp.B", "Sp.An.", "Sp.P", "Sp.N", "Sp.Rad.", "Sp.PK"),
            prefix="dr.",
            female_share=0.5,
            pppk_share=0.1,
            key="Dokter Rumah Sakit",  # hospital doctors: the senior ones are specialists
        ),
        Family(
            "Dokter Gigi", ("",), (), ("M.Kes.",), prefix="drg.", female_share=0.75, pppk_share=0.15
        ),
        Family(
            "Perawat",
            ("S.Kep., Ners",),
            ("A.Md.Kep.",),
            ("M.Kep.",),
            female_share=0.7,
            pppk_share=0.3,
        ),
        Family(
            "Bidan",
            ("S.Tr.Keb.", "S.Keb., Bd."),
            ("A.Md.Keb.",),
            ("M.Keb.",),
            female_share=1.0,
            pppk_share=0.3,
        ),
        Family("Apoteker", ("S.Farm., Apt.",), (), ("M.Farm.",), female_share=0.75, pppk_share=0.2),
        Family(
            "Tenaga Teknis Kefarmasian",
            ("S.Farm.",),
            ("A.Md.Farm.",),
            female_share=0.75,
            pppk_share=0.3,
        ),
        Family(
            "Pranata Laboratorium Kesehatan",
            ("S.Tr.Kes.",),
            ("A.Md.AK.",),
            female_share=0.7,
            pppk_share=0.25,
        ),
        Family("Radiografer", ("S.Tr.Rad.",), ("A.Md.Rad.",), female_share=0.4, pppk_share=0.2),
        Family("Fisioterapis", ("S.Ft.",), ("A.Md.Ftr.",), female_share=0.6, pppk_share=0.2),
        Family(
            "Nutrisionis", ("S.Gz.",), ("A.Md.Gz.",), ("M.Gz.",), female_share=0.85, pppk_share=0.25
        ),
        Family("Perekam Medis", ("S.Tr.Kes.",), ("A.Md.Kes.",), female_share=0.6, pppk_share=0.3),
        Family(
            "Tenaga Sanitasi Lingkungan",
            ("S.KM.", "S.Tr.Kes."),
            ("A.Md.KL.",),
            ("M.Kes.",),
            female_share=0.55,
            pppk_share=0.25,
        ),
        Family("Penyuluh Kesehatan Masyarakat", ("S.KM.",), (), ("M.Kes.",), female_share=0.7),
        Family("Epidemiolog Kesehatan", ("S.KM.",), (), ("M.Epid.", "M.Kes."), female_share=0.6),
        Family(
            "Administrator Kesehatan", ("S.KM.", "S.E."), (), ("M.Kes.", "M.M."), female_share=0.55
        ),
        Family(
            "Pranata Komputer",
            ("S.Kom.", "S.T."),
            ("A.Md.Kom.", "A.Md.T."),
            ("M.Kom.", "M.T."),
            female_share=0.35,
            pppk_share=0.15,
        ),
        Family(
            "Pranata Hubungan Masyarakat",
            ("S.I.Kom.", "S.Sos."),
            ("A.Md.",),
            ("M.I.Kom.",),
            female_share=0.5,
        ),
        Family("Statistisi", ("S.Si.", "S.Stat."), ("A.Md.",), ("M.Si.",), female_share=0.5),
        Family("Sandiman", ("S.Kom.", "S.Tr.Kom."), ("A.Md.",), ("M.Kom.",), female_share=0.3),
        Family(
            "Analis Sumber Daya Manusia Aparatur",
            ("S.E.", "S.Psi.", "S.Sos.", "S.H."),
            (),
            ("M.M.", "M.Si.", "M.Psi."),
            female_share=0.55,
        ),
        Family("Pranata Sumber Daya Manusia Aparatur", ("S.Sos.",), ("A.Md.",), female_share=0.5),
        Family("Auditor", ("S.E., Ak.", "S.Ak.", "S.E."), (), ("M.Ak.", "M.Si."), female_share=0.5),
        Family(
            "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah",
            ("S.H.", "S.T.", "S.Sos."),
            (),
            ("M.H.", "M.Si."),
            female_share=0.45,
        ),
        Family(
            "Perencana",
            ("S.T.", "S.E.", "S.P.", "S.Si.", "S.PWK."),
            (),
            ("M.T.", "M.Si.", "M.E."),
            female_share=0.45,
        ),
        Family(
            "Analis Keuangan Pusat dan Daerah",
            ("S.E.", "S.Ak."),
            (),
            ("M.Ak.", "M.Si."),
            female_share=0.55,
        ),
        Family(
            "Analis Kebijakan",
            ("S.Sos.", "S.IP.", "S.H."),
            (),
            ("M.A.P.", "M.Si."),
            female_share=0.45,
        ),
        Family(
            "Perancang Peraturan Perundang-undangan", ("S.H.",), (), ("M.H.",), female_share=0.5
        ),
        Family("Analis Hukum", ("S.H.",), (), ("M.H.",), female_share=0.5),
        Family(
            "Pengelola Pengadaan Barang/Jasa",
            ("S.T.", "S.E."),
            (),
            ("M.T.", "M.M."),
            female_share=0.35,
        ),
        Family("Teknik Jalan dan Jembatan", ("S.T.",), ("A.Md.T.",), ("M.T.",), female_share=0.2),
        Family("Teknik Pengairan", ("S.T.",), ("A.Md.T.",), ("M.T.",), female_share=0.2),
        Family(
            "Teknik Tata Bangunan dan Perumahan",
            ("S.T.", "S.Ars."),
            ("A.Md.T.",),
            ("M.T.",),
            female_share=0.3,
        ),
        Family("Penata Ruang", ("S.T.", "S.PWK."), (), ("M.T.",), female_share=0.4),
        Family(
            "Pengendali Dampak Lingkungan",
            ("S.T.", "S.Si."),
            (),
            ("M.Sc.", "M.T."),
            female_share=0.45,
        ),
        Family("Penyuluh Lingkungan Hidup", ("S.Si.", "S.P."), (), ("M.Si.",), female_share=0.5),
        Family(
            "Penyuluh Pertanian",
            ("S.P.", "S.ST."),
            ("A.Md.P.",),
            ("M.P.",),
            female_share=0.4,
            pppk_share=0.4,
        ),
        Family("Medik Veteriner", ("",), (), ("M.Sc.",), prefix="drh.", female_share=0.45),
        Family("Paramedik Veteriner", ("S.Pt.",), ("A.Md.Vet.",), female_share=0.3, pppk_share=0.3),
        Family(
            "Analis Ketahanan Pangan", ("S.P.", "S.TP."), (), ("M.P.", "M.Si."), female_share=0.5
        ),
        Family("Pustakawan", ("S.I.P.", "S.Hum."), ("A.Md.",), ("M.Hum.",), female_share=0.7),
        Family("Arsiparis", ("S.Hum.", "S.Sos."), ("A.Md.Ars.",), ("M.Hum.",), female_share=0.6),
        Family(
            "Administrator Database Kependudukan",
            ("S.Kom.", "S.Sos."),
            ("A.Md.",),
            female_share=0.5,
        ),
        Family(
            "Pekerja Sosial",
            ("S.Sos.", "S.Tr.Sos."),
            ("A.Md.",),
            ("M.Kesos.",),
            female_share=0.6,
            pppk_share=0.2,
        ),
        Family("Penyuluh Sosial", ("S.Sos.",), (), ("M.Si.",), female_share=0.55),
        Family(
            "Penata Perizinan", ("S.H.", "S.E.", "S.Sos."), (), ("M.H.", "M.M."), female_share=0.5
        ),
        Family("Penguji Kendaraan Bermotor", ("S.T.", "S.Tr.T."), ("A.Md.T.",), female_share=0.1),
        Family(
            "Polisi Pamong Praja",
            ("S.H.", "S.Sos."),
            ("A.Md.",),
            ("M.H.",),
            female_share=0.15,
            pppk_share=0.15,
        ),
        Family("Analis Kebakaran", ("S.T.",), (), ("M.T.",), female_share=0.1),
        Family("Inspektur Kebakaran", ("S.T.",), ("A.Md.",), female_share=0.05, pppk_share=0.2),
        Family("Analis Kebencanaan", ("S.T.", "S.Si."), (), ("M.Si.",), female_share=0.3),
        Family("Penata Penanggulangan Bencana", ("S.Sos.",), ("A.Md.",), female_share=0.2),
        Family(
            "Penyuluh Keluarga Berencana",
            ("S.Sos.", "S.KM."),
            (),
            ("M.Si.",),
            female_share=0.7,
            pppk_share=0.2,
        ),
        Family("Penera", ("S.T.",), ("A.Md.",), female_share=0.3),
        Family("Pengawas Perdagangan", ("S.E.",), (), ("M.M.",), female_share=0.45),
    )
    return {f.key or f.name: f for f in fams}


FAMILIES = _families()


def _pelaksana(name: str, female: float, pppk: float, *options: tuple[float, Schooling]) -> Job:
    educations: list[tuple[float, Education]] = []
    for share, schooling in options:
        if schooling is Schooling.SMA:
            educations.append((share, Education(Schooling.SMA)))
        elif schooling is Schooling.D3:
            educations.append((share, Education(Schooling.D3, "", "A.Md.")))
        else:
            per = share / len(GENERIC_S1)
            educations.extend((per, Education(Schooling.S1, "", s)) for s in GENERIC_S1)
    return Job(slugify(name), name, PositionKind.PELAKSANA, None, tuple(educations), female, pppk)


# Pelaksana nomenclature after the 2024 simplification, plus the long-standing Pengelola Keuangan.
PELAKSANA_JOBS: dict[str, Job] = {
    job.name: job
    for job in (
        _pelaksana(
            "Pengadministrasi Perkantoran",
            0.55,
            0.12,
            (0.65, Schooling.SMA),
            (0.25, Schooling.D3),
            (0.10, Schooling.S1),
        ),
        _pelaksana(
            "Operator Layanan Operasional", 0.25, 0.12, (0.8, Schooling.SMA), (0.2, Schooling.D3)
        ),
        _pelaksana(
            "Pengolah Data dan Informasi", 0.5, 0.08, (0.5, Schooling.D3), (0.5, Schooling.S1)
        ),
        _pelaksana(
            "Pengelola Layanan Operasional", 0.5, 0.08, (0.6, Schooling.D3), (0.4, Schooling.S1)
        ),
        _pelaksana("Penata Layanan Operasional", 0.5, 0.1, (1.0, Schooling.S1)),
        _pelaksana("Pengelola Keuangan", 0.6, 0.05, (0.4, Schooling.D3), (0.6, Schooling.S1)),
    )
}


def fungsional(family: str, level: FunctionalLevel) -> Job:
    """The Job for one jenjang of a jabatan fungsional family."""
    fam = FAMILIES[family]
    name = f"{fam.name} {LEVEL_LABELS[level]}"
    entry = level in (FunctionalLevel.AHLI_PERTAMA, FunctionalLevel.TERAMPIL)
    return Job(
        slug=slugify(name),
        name=name,
        kind=PositionKind.FUNGSIONAL,
        level=level,
        educations=fam.level_educations(level),
        female_share=fam.female_share,
        # PPPK are recruited into entry jenjang only; higher jenjang are career PNS.
        pppk_share=fam.pppk_share if entry else 0.0,
    )


def pelaksana(name: str) -> Job:
    """The Job for a jabatan pelaksana by its name."""
    return PELAKSANA_JOBS[name]
