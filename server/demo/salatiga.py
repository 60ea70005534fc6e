"""The organisation of the synthetic Kota Salatiga: perangkat daerah, their sub-units and staff.

Unit names follow DOMAIN.md §13 and the usual nomenclature of a kota after the 2021–2024
simplification (many bidang without seksi, staff as jabatan fungsional). The structure is
realistic but not the official SOTK; staff weights are head counts in the full-size city of about
4 000 ASN and are scaled for smaller demo cities. No real person is described anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from server.demo.jobs import Job, fungsional, pelaksana
from server.demo.organisation import OrgPlan
from server.demo.records import DemoPosition
from server.domain.enums import FunctionalLevel, PositionKind, UnitKind

Staff = tuple[tuple[Job, float, int], ...]

_LEVELS = {
    "ap": FunctionalLevel.AHLI_PERTAMA,
    "am": FunctionalLevel.AHLI_MUDA,
    "md": FunctionalLevel.AHLI_MADYA,
    "t": FunctionalLevel.TERAMPIL,
    "m": FunctionalLevel.MAHIR,
    "p": FunctionalLevel.PENYELIA,
}


def jf(family: str, **levels: float) -> Staff:
    """JF staff by jenjang: ``jf("Perawat", t=8, ap=6)``."""
    return tuple((fungsional(family, _LEVELS[code]), w, 0) for code, w in levels.items())


def pl(name: str, weight: float) -> Staff:
    """Pelaksana staff."""
    return ((pelaksana(name), weight, 0),)


def at_least(staff: Staff, minimum: int) -> Staff:
    """The same staff with a guaranteed number of holders per job at any city size."""
    return tuple((job, weight, max(floor, minimum)) for job, weight, floor in staff)


ADM = "Pengadministrasi Perkantoran"
OPR = "Operator Layanan Operasional"
PDI = "Pengolah Data dan Informasi"
PLO = "Pengelola Layanan Operasional"
PTL = "Penata Layanan Operasional"
KEU = "Pengelola Keuangan"


@dataclass(frozen=True)
class Seksi:
    slug: str
    name: str
    staff: Staff = ()


@dataclass(frozen=True)
class Bidang:
    slug: str
    name: str
    staff: Staff = ()  # staff of the bidang itself, rated by the Kabid (or higher)
    seksi: tuple[Seksi, ...] = ()
    head: str = "KABID"
    head_name: str | None = None
    kind: UnitKind = UnitKind.BIDANG


@dataclass(frozen=True)
class Uptd:
    slug: str
    name: str
    staff: Staff
    supervisor_bidang: str  # the Kabid who rates the Kepala UPTD
    extras: tuple[tuple[str, str, int], ...] = ()  # (slug, name, priority) in-unit Pengawas


@dataclass(frozen=True)
class Dinas:
    code: str
    name: str
    bidang: tuple[Bidang, ...]
    head: str = "KADIS"
    head_name: str | None = None  # default "Kepala {name}"
    subbag: int = 2
    size: float = 1.0  # scales the sekretariat staff
    uptd: tuple[Uptd, ...] = ()
    secretary_name: str | None = None  # default "Sekretaris {name}"


SEKDA_KEY = "SETDA.SEKDA"


def _sekretariat_staff(subbag: int, size: float) -> list[tuple[str, str, Staff]]:
    def scale(staff: Staff) -> Staff:
        return tuple((job, weight * size, minimum) for job, weight, minimum in staff)

    umpeg = (
        "SUBBAG-UMPEG",
        "Subbagian Umum dan Kepegawaian",
        scale(
            pl(ADM, 2)
            + pl(OPR, 1.5)
            + pl(PLO, 1)
            + jf("Arsiparis", t=0.3)
            + jf("Pranata Sumber Daya Manusia Aparatur", t=0.3)
        ),
    )
    if subbag >= 3:
        return [
            umpeg,
            (
                "SUBBAG-PEP",
                "Subbagian Perencanaan, Evaluasi dan Pelaporan",
                scale(pl(PDI, 1) + jf("Perencana", ap=0.7)),
            ),
            (
                "SUBBAG-KEU",
                "Subbagian Keuangan",
                scale(pl(KEU, 2) + jf("Analis Keuangan Pusat dan Daerah", ap=0.5)),
            ),
        ]
    return [
        umpeg,
        (
            "SUBBAG-RENKEU",
            "Subbagian Perencanaan dan Keuangan",
            scale(
                pl(KEU, 2)
                + pl(PDI, 1)
                + jf("Perencana", ap=0.4)
                + jf("Analis Keuangan Pusat dan Daerah", ap=0.4)
            ),
        ),
    ]


def _add_dinas(plan: OrgPlan, d: Dinas) -> None:
    plan.unit(
        d.code,
        d.name,
        UnitKind.PERANGKAT_DAERAH,
        "PEMKOT",
        head=d.head,
        head_name=d.head_name or f"Kepala {d.name}",
        head_parent=SEKDA_KEY,
    )
    sek = plan.unit(
        f"{d.code}.SEKRETARIAT",
        "Sekretariat",
        UnitKind.SEKRETARIAT,
        d.code,
        head="SEKRETARIS",
        head_name=d.secretary_name or f"Sekretaris {d.name}",
    )
    for slug, name, staff in _sekretariat_staff(d.subbag, d.size):
        code = plan.unit(f"{sek}.{slug}", name, UnitKind.SUBBAGIAN, sek, head="KASUBBAG")
        plan.staff(code, staff)
    for b in d.bidang:
        _add_bidang(plan, d.code, b)
    for u in d.uptd:
        code = plan.unit(
            f"{d.code}.{u.slug}",
            u.name,
            UnitKind.UPTD,
            d.code,
            head="KEPALA",
            head_parent=plan.head_key(f"{d.code}.{u.supervisor_bidang}"),
        )
        plan.staff(code, u.staff)
        for slug, name, priority in u.extras:
            plan.add_pengawas(code, slug, name, priority)


def _add_bidang(plan: OrgPlan, parent: str, b: Bidang, head_parent: str | None = None) -> None:
    code = plan.unit(
        f"{parent}.{b.slug}",
        b.name,
        b.kind,
        parent,
        head=b.head,
        head_name=b.head_name,
        head_parent=head_parent,
    )
    plan.staff(code, b.staff)
    child_kind = UnitKind.SUBBAGIAN if b.kind is UnitKind.BAGIAN else UnitKind.SEKSI
    child_head = "KASUBBAG" if child_kind is UnitKind.SUBBAGIAN else "KASI"
    for s in b.seksi:
        seksi = plan.unit(f"{code}.{s.slug}", s.name, child_kind, code, head=child_head)
        plan.staff(seksi, s.staff)


def _bagian(slug: str, name: str, staff: Staff, *subbag: Seksi) -> Bidang:
    return Bidang(slug, name, staff, subbag, head="KABAG", kind=UnitKind.BAGIAN)


def _add_setda(plan: OrgPlan) -> None:
    plan.unit(
        "SETDA",
        "Sekretariat Daerah",
        UnitKind.PERANGKAT_DAERAH,
        "PEMKOT",
        head="SEKDA",
        head_name="Sekretaris Daerah",
        top=True,
    )
    asisten = {
        "ASISTEN-PEMKESRA": "Asisten Pemerintahan dan Kesejahteraan Rakyat",
        "ASISTEN-EKBANG": "Asisten Perekonomian dan Pembangunan",
        "ASISTEN-ADMUM": "Asisten Administrasi Umum",
    }
    for slug, name in asisten.items():
        plan.position(
            DemoPosition(
                key=f"SETDA.{slug}",
                name=name,
                kind=PositionKind.JPT_PRATAMA,
                functional_level=None,
                unit_code="SETDA",
                parent_key=SEKDA_KEY,
            )
        )
    office = pl(ADM, 1.5) + pl(PTL, 1)
    bagian = {
        "ASISTEN-PEMKESRA": (
            _bagian(
                "BAG-PEM",
                "Bagian Pemerintahan",
                jf("Analis Kebijakan", am=0.5),
                Seksi("SUBBAG-PEMUM", "Subbagian Pemerintahan Umum", office),
                Seksi("SUBBAG-OTDA", "Subbagian Otonomi Daerah", office),
                Seksi("SUBBAG-KERJASAMA", "Subbagian Kerja Sama", office),
            ),
            _bagian(
                "BAG-HUKUM",
                "Bagian Hukum",
                jf("Perancang Peraturan Perundang-undangan", am=1) + jf("Analis Hukum", am=1),
                Seksi(
                    "SUBBAG-PERUNDANGAN",
                    "Subbagian Perundang-undangan",
                    pl(ADM, 1) + jf("Perancang Peraturan Perundang-undangan", ap=2),
                ),
                Seksi(
                    "SUBBAG-BANKUM",
                    "Subbagian Bantuan Hukum",
                    pl(ADM, 1) + jf("Analis Hukum", ap=1.5),
                ),
                Seksi(
                    "SUBBAG-DOKUM",
                    "Subbagian Dokumentasi dan Informasi Hukum",
                    pl(PDI, 1) + jf("Arsiparis", t=0.5),
                ),
            ),
            _bagian(
                "BAG-KESRA",
                "Bagian Kesejahteraan Rakyat",
                (),
                Seksi("SUBBAG-BINTAL", "Subbagian Bina Mental Spiritual", office),
                Seksi("SUBBAG-KESSOS", "Subbagian Kesejahteraan Sosial", office),
            ),
        ),
        "ASISTEN-EKBANG": (
            _bagian(
                "BAG-EKON",
                "Bagian Perekonomian",
                jf("Analis Kebijakan", am=0.5),
                Seksi(
                    "SUBBAG-PEREKONOMIAN",
                    "Subbagian Perekonomian",
                    office + jf("Analis Kebijakan", ap=0.5),
                ),
                Seksi("SUBBAG-BUMD", "Subbagian Pembinaan Badan Usaha Milik Daerah", office),
            ),
            _bagian(
                "BAG-PBJ",
                "Bagian Pengadaan Barang/Jasa",
                jf("Pengelola Pengadaan Barang/Jasa", am=1.5),
                Seksi(
                    "SUBBAG-PENGADAAN",
                    "Subbagian Pengelolaan Pengadaan Barang/Jasa",
                    pl(ADM, 1) + jf("Pengelola Pengadaan Barang/Jasa", ap=2),
                ),
                Seksi(
                    "SUBBAG-LPSE",
                    "Subbagian Pengelolaan Layanan Pengadaan Secara Elektronik",
                    pl(PDI, 1) + jf("Pranata Komputer", ap=1),
                ),
                Seksi(
                    "SUBBAG-ADVOKASI",
                    "Subbagian Pembinaan dan Advokasi Pengadaan Barang/Jasa",
                    pl(ADM, 1) + jf("Pengelola Pengadaan Barang/Jasa", ap=1),
                ),
            ),
        ),
        "ASISTEN-ADMUM": (
            _bagian(
                "BAG-ORG",
                "Bagian Organisasi",
                jf("Analis Kebijakan", am=0.5),
                Seksi(
                    "SUBBAG-KELEMBAGAAN",
                    "Subbagian Kelembagaan dan Analisis Jabatan",
                    office + jf("Analis Sumber Daya Manusia Aparatur", ap=0.5),
                ),
                Seksi(
                    "SUBBAG-YANPUB",
                    "Subbagian Pelayanan Publik dan Tata Laksana",
                    office + jf("Analis Kebijakan", ap=0.5),
                ),
                Seksi("SUBBAG-RB", "Subbagian Kinerja dan Reformasi Birokrasi", office),
            ),
            _bagian(
                "BAG-UMUM",
                "Bagian Umum",
                (),
                Seksi("SUBBAG-TU", "Subbagian Tata Usaha Pimpinan", pl(ADM, 3) + pl(PLO, 1)),
                Seksi("SUBBAG-RT", "Subbagian Rumah Tangga", pl(OPR, 6) + pl(ADM, 1)),
            ),
            _bagian(
                "BAG-PROKOMPIM",
                "Bagian Protokol dan Komunikasi Pimpinan",
                (),
                Seksi("SUBBAG-PROTOKOL", "Subbagian Protokol", pl(PLO, 2) + pl(OPR, 1)),
                Seksi(
                    "SUBBAG-KOMPIM",
                    "Subbagian Komunikasi Pimpinan",
                    pl(ADM, 1) + jf("Pranata Hubungan Masyarakat", ap=1, t=1),
                ),
                Seksi("SUBBAG-DOKPIM", "Subbagian Dokumentasi Pimpinan", pl(PDI, 1.5)),
            ),
            _bagian(
                "BAG-RENKEU",
                "Bagian Perencanaan dan Keuangan",
                (),
                Seksi("SUBBAG-PERENCANAAN", "Subbagian Perencanaan", jf("Perencana", ap=1)),
                Seksi(
                    "SUBBAG-KEUANGAN",
                    "Subbagian Keuangan",
                    pl(KEU, 3) + jf("Analis Keuangan Pusat dan Daerah", ap=1),
                ),
            ),
        ),
    }
    for asisten_slug, bagian_list in bagian.items():
        for b in bagian_list:
            _add_bidang(plan, "SETDA", b, head_parent=f"SETDA.{asisten_slug}")


def _add_setwan(plan: OrgPlan) -> None:
    plan.unit(
        "SETWAN",
        "Sekretariat Dewan Perwakilan Rakyat Daerah",
        UnitKind.PERANGKAT_DAERAH,
        "PEMKOT",
        head="SEKWAN",
        head_name="Sekretaris Dewan Perwakilan Rakyat Daerah",
        head_parent=SEKDA_KEY,
    )
    for b in (
        _bagian(
            "BAG-UMKEU",
            "Bagian Umum dan Keuangan",
            (),
            Seksi(
                "SUBBAG-TU",
                "Subbagian Tata Usaha dan Kepegawaian",
                pl(ADM, 3) + pl(OPR, 6),
            ),
            Seksi("SUBBAG-KEU", "Subbagian Keuangan", pl(KEU, 3)),
        ),
        _bagian(
            "BAG-SIDANG",
            "Bagian Persidangan dan Perundang-undangan",
            jf("Perancang Peraturan Perundang-undangan", am=1),
            Seksi("SUBBAG-RISALAH", "Subbagian Persidangan dan Risalah", pl(PTL, 2) + pl(PDI, 1)),
            Seksi(
                "SUBBAG-PERUNDANGAN",
                "Subbagian Perundang-undangan",
                jf("Perancang Peraturan Perundang-undangan", ap=1) + jf("Analis Hukum", ap=1),
            ),
        ),
        _bagian(
            "BAG-FASILITASI",
            "Bagian Fasilitasi Penganggaran dan Pengawasan",
            (),
            Seksi(
                "SUBBAG-ANGGARAN",
                "Subbagian Fasilitasi Penganggaran",
                pl(PTL, 1) + jf("Analis Kebijakan", ap=1),
            ),
            Seksi(
                "SUBBAG-PENGAWASAN",
                "Subbagian Fasilitasi Pengawasan",
                pl(PTL, 1) + jf("Analis Kebijakan", ap=1),
            ),
        ),
    ):
        _add_bidang(plan, "SETWAN", b)


def _add_inspektorat(plan: OrgPlan) -> None:
    plan.unit(
        "INSPEKTORAT",
        "Inspektorat Daerah",
        UnitKind.PERANGKAT_DAERAH,
        "PEMKOT",
        head="INSPEKTUR",
        head_name="Inspektur",
        head_parent=SEKDA_KEY,
    )
    sek = plan.unit(
        "INSPEKTORAT.SEKRETARIAT",
        "Sekretariat",
        UnitKind.SEKRETARIAT,
        "INSPEKTORAT",
        head="SEKRETARIS",
        head_name="Sekretaris Inspektorat",
    )
    for slug, name, staff in (
        ("SUBBAG-UMKEU", "Subbagian Umum dan Keuangan", pl(ADM, 2) + pl(KEU, 1.5) + pl(OPR, 1)),
        (
            "SUBBAG-PEP",
            "Subbagian Perencanaan, Evaluasi dan Pelaporan",
            pl(PDI, 1) + jf("Perencana", ap=0.5),
        ),
    ):
        plan.staff(
            plan.unit(f"{sek}.{slug}", name, UnitKind.SUBBAGIAN, sek, head="KASUBBAG"), staff
        )
    for number, roman in enumerate(("I", "II", "III", "IV"), start=1):
        auditors = jf("Auditor", ap=2.5, am=2, md=0.6) + jf(
            "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah", ap=1.2, am=1
        )
        if number == 1:
            auditors = at_least(auditors[:2], 1) + auditors[2:]  # the auditor demo account
        _add_bidang(
            plan,
            "INSPEKTORAT",
            Bidang(
                f"IRBAN-{number}",
                f"Inspektorat Pembantu Wilayah {roman}",
                auditors + pl(ADM, 1),
                head="IRBAN",
                head_name=f"Inspektur Pembantu Wilayah {roman}",
            ),
        )


def _puskesmas_staff(size: float) -> Staff:
    staff = (
        jf("Dokter", ap=3.5, am=1.5)
        + jf("Dokter Gigi", ap=1)
        + jf("Perawat", t=7, m=2, ap=5, am=1)
        + jf("Bidan", t=6, m=2, ap=3)
        + jf("Apoteker", ap=1)
        + jf("Tenaga Teknis Kefarmasian", t=2)
        + jf("Pranata Laboratorium Kesehatan", t=2)
        + jf("Nutrisionis", t=1.5)
        + jf("Tenaga Sanitasi Lingkungan", t=1.5)
        + jf("Perekam Medis", t=1.5)
        + jf("Penyuluh Kesehatan Masyarakat", ap=1)
        + jf("Epidemiolog Kesehatan", ap=0.5)
        + pl(ADM, 2)
        + pl(OPR, 2)
        + pl(KEU, 1)
    )
    return tuple((job, weight * size, minimum) for job, weight, minimum in staff)


PUSKESMAS = (
    ("SIDOREJO-LOR", "Sidorejo Lor", 1.3),
    ("SIDOREJO-KIDUL", "Sidorejo Kidul", 1.0),
    ("TEGALREJO", "Tegalrejo", 1.0),
    ("KALICACING", "Kalicacing", 1.1),
    ("CEBONGAN", "Cebongan", 0.9),
    ("MANGUNSARI", "Mangunsari", 1.0),
)

TU = (("KASUBBAG-TU", "Kepala Subbagian Tata Usaha", 2),)

DINAS: tuple[Dinas, ...] = (
    Dinas(
        "BAPPEDA",
        "Badan Perencanaan Pembangunan Daerah",
        (
            Bidang(
                "BID-P2EPD",
                "Bidang Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah",
                jf("Perencana", ap=3, am=2, md=1) + pl(PDI, 2),
            ),
            Bidang(
                "BID-EKSDA",
                "Bidang Perekonomian dan Sumber Daya Alam",
                jf("Perencana", ap=2, am=2) + pl(ADM, 1),
            ),
            Bidang(
                "BID-PPM",
                "Bidang Pemerintahan dan Pembangunan Manusia",
                jf("Perencana", ap=2, am=2) + pl(ADM, 1),
            ),
            Bidang(
                "BID-IPW",
                "Bidang Infrastruktur dan Pengembangan Wilayah",
                jf("Perencana", ap=2, am=1.5) + jf("Penata Ruang", ap=1) + pl(PDI, 1),
            ),
        ),
        head="KABAN",
        size=1.1,
    ),
    Dinas(
        "BKPSDM",
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        (
            Bidang(
                "BID-PPIK",
                "Bidang Pengadaan, Pemberhentian dan Informasi Kepegawaian",
                jf("Analis Sumber Daya Manusia Aparatur", ap=3, am=1.5)
                + jf("Pranata Sumber Daya Manusia Aparatur", t=2)
                + jf("Pranata Komputer", ap=1, t=1)
                + pl(ADM, 2),
            ),
            Bidang(
                "BID-MUTASI",
                "Bidang Mutasi dan Promosi",
                jf("Analis Sumber Daya Manusia Aparatur", ap=3, am=1.5, md=0.5)
                + jf("Pranata Sumber Daya Manusia Aparatur", t=2)
                + pl(ADM, 2),
            ),
            Bidang(
                "BID-BANGKOM",
                "Bidang Pengembangan Kompetensi Aparatur",
                jf("Analis Sumber Daya Manusia Aparatur", ap=2, am=1) + pl(ADM, 1.5),
            ),
            Bidang(
                "BID-PKAP",
                "Bidang Penilaian Kinerja Aparatur dan Penghargaan",
                at_least(jf("Analis Sumber Daya Manusia Aparatur", am=1.5), 1)
                + jf("Analis Sumber Daya Manusia Aparatur", ap=2.5)
                + jf("Pranata Sumber Daya Manusia Aparatur", t=1)
                + pl(PDI, 1),
            ),
        ),
        head="KABAN",
        size=1.2,
    ),
    Dinas(
        "BPKPD",
        "Badan Pengelolaan Keuangan dan Pendapatan Daerah",
        (
            Bidang(
                "BID-ANGGARAN",
                "Bidang Anggaran",
                jf("Analis Keuangan Pusat dan Daerah", ap=3, am=2) + pl(KEU, 2),
            ),
            Bidang(
                "BID-PERBEN",
                "Bidang Perbendaharaan dan Akuntansi",
                jf("Analis Keuangan Pusat dan Daerah", ap=3, am=2, md=0.5)
                + pl(KEU, 5)
                + pl(PDI, 2),
            ),
            Bidang(
                "BID-PENDAPATAN",
                "Bidang Pendapatan Daerah",
                jf("Analis Keuangan Pusat dan Daerah", ap=2, am=1)
                + pl(PLO, 6)
                + pl(OPR, 4)
                + pl(PDI, 2),
            ),
            Bidang(
                "BID-ASET",
                "Bidang Pengelolaan Aset Daerah",
                jf("Analis Keuangan Pusat dan Daerah", ap=1.5, am=1) + pl(PLO, 3) + pl(ADM, 2),
            ),
        ),
        head="KABAN",
        subbag=3,
        size=1.3,
    ),
    Dinas(
        "BAKESBANGPOL",
        "Badan Kesatuan Bangsa dan Politik",
        (
            Bidang(
                "BID-IDEOLOGI",
                "Bidang Ideologi, Wawasan Kebangsaan dan Karakter Bangsa",
                jf("Analis Kebijakan", ap=1, am=0.5) + pl(PTL, 1.5),
            ),
            Bidang(
                "BID-POLDAGRI",
                "Bidang Politik Dalam Negeri dan Organisasi Kemasyarakatan",
                jf("Analis Kebijakan", ap=1, am=0.5) + pl(PTL, 1.5),
            ),
            Bidang(
                "BID-KETAHANAN",
                "Bidang Ketahanan Ekonomi, Sosial, Budaya, Agama dan Penanganan Konflik",
                jf("Analis Kebijakan", ap=1) + pl(PTL, 1.5),
            ),
        ),
        head="KABAN",
        size=0.7,
    ),
    Dinas(
        "BPBD",
        "Badan Penanggulangan Bencana Daerah",
        (
            Bidang(
                "BID-PK",
                "Bidang Pencegahan dan Kesiapsiagaan",
                jf("Analis Kebencanaan", ap=1.5, am=0.5) + pl(OPR, 3),
            ),
            Bidang(
                "BID-KL",
                "Bidang Kedaruratan dan Logistik",
                jf("Penata Penanggulangan Bencana", t=3, m=1) + pl(OPR, 6),
            ),
            Bidang(
                "BID-RR",
                "Bidang Rehabilitasi dan Rekonstruksi",
                jf("Analis Kebencanaan", ap=1) + jf("Teknik Tata Bangunan dan Perumahan", ap=1),
            ),
        ),
        head="KALAKSA",
        head_name="Kepala Pelaksana Badan Penanggulangan Bencana Daerah",
        size=0.8,
    ),
    Dinas(
        "DISKOMINFO",
        "Dinas Komunikasi dan Informatika",
        (
            Bidang(
                "BID-IKP",
                "Bidang Informasi dan Komunikasi Publik",
                jf("Pranata Hubungan Masyarakat", am=1),
                (
                    Seksi(
                        "SEKSI-INFOPUB",
                        "Seksi Pengelolaan Informasi Publik",
                        jf("Pranata Hubungan Masyarakat", ap=2, t=1) + pl(PDI, 1),
                    ),
                    Seksi(
                        "SEKSI-KOMPUB",
                        "Seksi Komunikasi Publik",
                        jf("Pranata Hubungan Masyarakat", ap=1.5) + pl(OPR, 1.5),
                    ),
                ),
            ),
            Bidang(
                "BID-APTIKA",
                "Bidang Aplikasi Informatika",
                jf("Pranata Komputer", am=2),
                (
                    Seksi(
                        "SEKSI-APLIKASI",
                        "Seksi Pengembangan Aplikasi",
                        at_least(pl(PDI, 2), 1) + jf("Pranata Komputer", ap=3, t=1),
                    ),
                    Seksi(
                        "SEKSI-INFRA",
                        "Seksi Infrastruktur Teknologi Informasi dan Komunikasi",
                        jf("Pranata Komputer", ap=2, t=2) + pl(OPR, 1),
                    ),
                    Seksi(
                        "SEKSI-EGOV",
                        "Seksi Tata Kelola Pemerintahan Berbasis Elektronik",
                        jf("Pranata Komputer", ap=1.5) + pl(PDI, 1),
                    ),
                ),
            ),
            Bidang(
                "BID-STATSANDI",
                "Bidang Statistik dan Persandian",
                (),
                (
                    Seksi(
                        "SEKSI-STATISTIK", "Seksi Statistik", jf("Statistisi", ap=2) + pl(PDI, 1)
                    ),
                    Seksi("SEKSI-SANDI", "Seksi Persandian", jf("Sandiman", ap=1, t=1)),
                ),
            ),
        ),
    ),
    Dinas(
        "DISDIKBUD",
        "Dinas Pendidikan dan Kebudayaan",
        (
            Bidang(
                "BID-PAUDNF",
                "Bidang Pembinaan Pendidikan Anak Usia Dini dan Pendidikan Nonformal",
                jf("Guru", ap=28, am=8)
                + jf("Penilik", ap=2, am=2)
                + jf("Pamong Belajar", ap=3)
                + pl(ADM, 3),
            ),
            Bidang(
                "BID-SD",
                "Bidang Pembinaan Sekolah Dasar",
                jf("Guru", ap=270, am=105, md=32)
                + jf("Pengawas Sekolah", am=4, md=6)
                + pl(PTL, 22)
                + pl(ADM, 40)
                + pl(OPR, 18),
            ),
            Bidang(
                "BID-SMP",
                "Bidang Pembinaan Sekolah Menengah Pertama",
                jf("Guru", ap=145, am=68, md=24)
                + jf("Pengawas Sekolah", am=3, md=4)
                + pl(PTL, 14)
                + pl(ADM, 24)
                + pl(OPR, 10),
            ),
            Bidang(
                "BID-BUDAYA",
                "Bidang Kebudayaan",
                jf("Pamong Budaya", ap=3, am=1) + pl(ADM, 2),
            ),
        ),
        subbag=3,
        size=1.6,
    ),
    Dinas(
        "DINKES",
        "Dinas Kesehatan",
        (
            Bidang(
                "BID-KESMAS",
                "Bidang Kesehatan Masyarakat",
                jf("Nutrisionis", ap=2)
                + jf("Penyuluh Kesehatan Masyarakat", ap=3, am=1)
                + jf("Tenaga Sanitasi Lingkungan", ap=2)
                + pl(ADM, 2),
            ),
            Bidang(
                "BID-P2P",
                "Bidang Pencegahan dan Pengendalian Penyakit",
                jf("Epidemiolog Kesehatan", ap=3, am=2, md=1)
                + jf("Tenaga Sanitasi Lingkungan", t=2)
                + jf("Perawat", ap=2)
                + pl(ADM, 2),
            ),
            Bidang(
                "BID-YANKES",
                "Bidang Pelayanan dan Sumber Daya Kesehatan",
                jf("Administrator Kesehatan", ap=3, am=2) + jf("Apoteker", ap=2, am=1) + pl(PDI, 2),
            ),
        ),
        subbag=3,
        size=1.2,
        uptd=(
            *(
                Uptd(
                    f"PKM-{slug}",
                    f"UPTD Puskesmas {name}",
                    _puskesmas_staff(size),
                    "BID-YANKES",
                    TU,
                )
                for slug, name, size in PUSKESMAS
            ),
            Uptd(
                "LABKESDA",
                "UPTD Laboratorium Kesehatan Daerah",
                jf("Pranata Laboratorium Kesehatan", t=6, m=2, ap=2)
                + jf("Dokter", ap=1)
                + pl(ADM, 2),
                "BID-YANKES",
                (("KASUBBAG-TU", "Kepala Subbagian Tata Usaha", 3),),
            ),
        ),
    ),
    Dinas(
        "DPUPR",
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        (
            Bidang(
                "BID-SDA",
                "Bidang Sumber Daya Air",
                jf("Teknik Pengairan", ap=2, am=1, t=2) + pl(OPR, 6),
            ),
            Bidang(
                "BID-BM",
                "Bidang Bina Marga",
                at_least(jf("Teknik Jalan dan Jembatan", am=1.5), 1),
                (
                    Seksi(
                        "SEKSI-PEMBANGUNAN",
                        "Seksi Pembangunan Jalan dan Jembatan",
                        jf("Teknik Jalan dan Jembatan", ap=2, t=2) + pl(ADM, 1),
                    ),
                    Seksi(
                        "SEKSI-PEMELIHARAAN",
                        "Seksi Pemeliharaan Jalan dan Jembatan",
                        at_least(jf("Teknik Jalan dan Jembatan", ap=1.5), 1) + pl(OPR, 8),
                    ),
                ),
            ),
            Bidang(
                "BID-CIPTAKARYA",
                "Bidang Cipta Karya",
                jf("Teknik Tata Bangunan dan Perumahan", ap=2, am=1, t=2) + pl(PLO, 2),
            ),
            Bidang(
                "BID-TATARUANG",
                "Bidang Penataan Ruang",
                jf("Penata Ruang", ap=2, am=1) + pl(PDI, 1),
            ),
        ),
        size=1.2,
    ),
    Dinas(
        "DISPERKIM",
        "Dinas Perumahan dan Kawasan Permukiman",
        (
            Bidang(
                "BID-PERUMAHAN",
                "Bidang Perumahan",
                jf("Teknik Tata Bangunan dan Perumahan", ap=2, t=1) + pl(ADM, 1),
            ),
            Bidang(
                "BID-KAWASAN",
                "Bidang Kawasan Permukiman",
                jf("Teknik Tata Bangunan dan Perumahan", ap=1.5, am=1) + pl(PLO, 1),
            ),
            Bidang(
                "BID-PERTAMANAN",
                "Bidang Pertamanan dan Pemakaman",
                pl(OPR, 10) + pl(ADM, 1),
            ),
        ),
        size=0.9,
    ),
    Dinas(
        "DLH",
        "Dinas Lingkungan Hidup",
        (
            Bidang(
                "BID-TATALING",
                "Bidang Tata Lingkungan",
                jf("Pengendali Dampak Lingkungan", ap=2, am=1) + pl(PDI, 1),
            ),
            Bidang(
                "BID-SAMPAH",
                "Bidang Pengelolaan Sampah dan Limbah Bahan Berbahaya dan Beracun",
                jf("Penyuluh Lingkungan Hidup", ap=1.5) + pl(OPR, 12) + pl(ADM, 1),
            ),
            Bidang(
                "BID-PPKL",
                "Bidang Pengendalian Pencemaran dan Kerusakan Lingkungan",
                jf("Pengendali Dampak Lingkungan", ap=2, am=1) + pl(PLO, 1),
            ),
        ),
        uptd=(
            Uptd(
                "UPTD-TPA",
                "UPTD Tempat Pemrosesan Akhir Sampah",
                pl(OPR, 14) + pl(ADM, 2) + jf("Pengendali Dampak Lingkungan", ap=1),
                "BID-SAMPAH",
                (("KASUBBAG-TU", "Kepala Subbagian Tata Usaha", 3),),
            ),
        ),
    ),
    Dinas(
        "DISPANGTAN",
        "Dinas Pangan dan Pertanian",
        (
            Bidang(
                "BID-KETAPANG",
                "Bidang Ketahanan Pangan",
                jf("Analis Ketahanan Pangan", ap=2, am=1) + pl(ADM, 1),
            ),
            Bidang(
                "BID-TPH",
                "Bidang Tanaman Pangan dan Hortikultura",
                jf("Penyuluh Pertanian", ap=7, am=3, t=5, m=3) + pl(OPR, 2),
            ),
            Bidang(
                "BID-NAKKESWAN",
                "Bidang Peternakan dan Kesehatan Hewan",
                jf("Medik Veteriner", ap=2, am=1)
                + jf("Paramedik Veteriner", t=3, m=1)
                + pl(OPR, 3),
            ),
            Bidang(
                "BID-PERIKANAN",
                "Bidang Perikanan",
                jf("Penyuluh Pertanian", ap=1.5) + pl(OPR, 1.5),
            ),
        ),
    ),
    Dinas(
        "DISPUSIP",
        "Dinas Perpustakaan dan Kearsipan",
        (
            Bidang(
                "BID-PERPUSTAKAAN",
                "Bidang Perpustakaan",
                jf("Pustakawan", ap=3, am=1, t=4, m=1) + pl(PLO, 3),
            ),
            Bidang(
                "BID-KEARSIPAN",
                "Bidang Kearsipan",
                jf("Arsiparis", ap=3, am=1, t=3, m=1) + pl(ADM, 2),
            ),
        ),
        size=0.8,
    ),
    Dinas(
        "DISDUKCAPIL",
        "Dinas Kependudukan dan Pencatatan Sipil",
        (
            Bidang(
                "BID-DAFDUK",
                "Bidang Pelayanan Pendaftaran Penduduk",
                (),
                (
                    Seksi(
                        "SEKSI-IDENTITAS",
                        "Seksi Identitas Penduduk",
                        at_least(pl(OPR, 3), 2) + jf("Administrator Database Kependudukan", t=1),
                    ),
                    Seksi(
                        "SEKSI-PINDATANG",
                        "Seksi Pindah Datang dan Pendataan Penduduk",
                        pl(OPR, 2) + pl(ADM, 1),
                    ),
                ),
            ),
            Bidang(
                "BID-CAPIL",
                "Bidang Pelayanan Pencatatan Sipil",
                (),
                (
                    Seksi(
                        "SEKSI-KELAHIRAN", "Seksi Kelahiran dan Kematian", pl(OPR, 2) + pl(ADM, 1)
                    ),
                    Seksi(
                        "SEKSI-PERKAWINAN",
                        "Seksi Perkawinan, Perceraian, Perubahan Status Anak dan Kewarganegaraan",
                        pl(OPR, 1.5) + pl(ADM, 1),
                    ),
                ),
            ),
            Bidang(
                "BID-PIAK",
                "Bidang Pengelolaan Informasi Administrasi Kependudukan",
                jf("Administrator Database Kependudukan", am=1),
                (
                    Seksi(
                        "SEKSI-SIAK",
                        "Seksi Sistem Informasi Administrasi Kependudukan",
                        jf("Administrator Database Kependudukan", ap=2, t=1),
                    ),
                    Seksi(
                        "SEKSI-PENGOLAHAN",
                        "Seksi Pengolahan dan Penyajian Data Kependudukan",
                        jf("Pranata Komputer", ap=1) + pl(PDI, 1.5),
                    ),
                ),
            ),
            Bidang(
                "BID-PDIP",
                "Bidang Pemanfaatan Data dan Inovasi Pelayanan",
                (),
                (
                    Seksi("SEKSI-KERJASAMA", "Seksi Kerja Sama", pl(PTL, 1.5)),
                    Seksi("SEKSI-INOVASI", "Seksi Inovasi Pelayanan", pl(PTL, 1) + pl(PDI, 1)),
                ),
            ),
        ),
    ),
    Dinas(
        "DINSOS",
        "Dinas Sosial",
        (
            Bidang(
                "BID-LINJAMSOS",
                "Bidang Perlindungan dan Jaminan Sosial",
                jf("Pekerja Sosial", ap=2, t=1) + pl(PDI, 2),
            ),
            Bidang(
                "BID-REHSOS",
                "Bidang Rehabilitasi Sosial",
                jf("Pekerja Sosial", ap=2, am=1, t=2) + pl(OPR, 1),
            ),
            Bidang(
                "BID-DAYASOS",
                "Bidang Pemberdayaan Sosial dan Penanganan Fakir Miskin",
                jf("Penyuluh Sosial", ap=2) + pl(PTL, 2),
            ),
        ),
    ),
    Dinas(
        "DPMPTSP",
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        (
            Bidang(
                "BID-PM",
                "Bidang Penanaman Modal",
                jf("Analis Kebijakan", ap=1, am=1) + pl(PDI, 1),
            ),
            Bidang(
                "BID-PERIZINAN",
                "Bidang Pelayanan Perizinan dan Nonperizinan",
                jf("Penata Perizinan", ap=3, am=1) + pl(PLO, 4),
            ),
            Bidang(
                "BID-PENGADUAN",
                "Bidang Pengaduan, Kebijakan dan Pelaporan Layanan",
                jf("Penata Perizinan", ap=1) + pl(PTL, 2),
            ),
        ),
    ),
    Dinas(
        "DISHUB",
        "Dinas Perhubungan",
        (
            Bidang(
                "BID-LALIN",
                "Bidang Lalu Lintas",
                (),
                (
                    Seksi(
                        "SEKSI-MRLL",
                        "Seksi Manajemen dan Rekayasa Lalu Lintas",
                        at_least(pl(OPR, 4), 1) + pl(PDI, 1),
                    ),
                    Seksi(
                        "SEKSI-DALOPS",
                        "Seksi Pengendalian dan Operasional",
                        pl(OPR, 10) + pl(ADM, 1),
                    ),
                ),
            ),
            Bidang(
                "BID-ANGKUTAN",
                "Bidang Angkutan",
                (),
                (
                    Seksi("SEKSI-ANGKUTAN", "Seksi Angkutan Orang dan Barang", pl(PLO, 2)),
                    Seksi("SEKSI-TERMINAL", "Seksi Terminal", pl(OPR, 5)),
                ),
            ),
            Bidang(
                "BID-SARPRAS",
                "Bidang Sarana dan Prasarana",
                (),
                (
                    Seksi(
                        "SEKSI-PKB",
                        "Seksi Pengujian Kendaraan Bermotor",
                        jf("Penguji Kendaraan Bermotor", t=3, m=2, ap=1) + pl(ADM, 1),
                    ),
                    Seksi("SEKSI-PJU", "Seksi Perlengkapan Jalan", pl(OPR, 4)),
                ),
            ),
        ),
        uptd=(
            Uptd(
                "UPTD-PARKIR",
                "UPTD Perparkiran",
                pl(OPR, 10) + pl(KEU, 2) + pl(ADM, 1),
                "BID-ANGKUTAN",
                (("KASUBBAG-TU", "Kepala Subbagian Tata Usaha", 3),),
            ),
        ),
    ),
    Dinas(
        "DISDAG",
        "Dinas Perdagangan",
        (
            Bidang(
                "BID-PASAR",
                "Bidang Pengelolaan Pasar",
                pl(PLO, 6) + pl(OPR, 10) + pl(KEU, 2),
            ),
            Bidang(
                "BID-PERDAGANGAN",
                "Bidang Perdagangan",
                jf("Pengawas Perdagangan", ap=2, am=1) + pl(PTL, 1),
            ),
        ),
        uptd=(
            Uptd(
                "UPTD-METROLOGI",
                "UPTD Metrologi Legal",
                jf("Penera", t=3, m=2, ap=1) + pl(ADM, 1),
                "BID-PERDAGANGAN",
            ),
        ),
    ),
    Dinas(
        "DP3APPKB",
        "Dinas Pemberdayaan Perempuan dan Perlindungan Anak, "
        "Pengendalian Penduduk dan Keluarga Berencana",
        (
            Bidang(
                "BID-PPPA",
                "Bidang Pemberdayaan Perempuan dan Perlindungan Anak",
                jf("Analis Kebijakan", ap=1) + jf("Pekerja Sosial", ap=1) + pl(PTL, 1.5),
            ),
            Bidang(
                "BID-DALDUK",
                "Bidang Pengendalian Penduduk dan Keluarga Berencana",
                jf("Penyuluh Keluarga Berencana", ap=5, am=2, t=2) + pl(ADM, 1),
            ),
        ),
    ),
    Dinas(
        "SATPOLPP",
        "Satuan Polisi Pamong Praja",
        (
            Bidang(
                "BID-GAKPERDA",
                "Bidang Penegakan Peraturan Daerah",
                jf("Polisi Pamong Praja", ap=2, am=1, t=4, m=2) + pl(ADM, 1),
            ),
            Bidang(
                "BID-TIBUM",
                "Bidang Ketertiban Umum dan Ketenteraman Masyarakat",
                jf("Polisi Pamong Praja", ap=1, t=14, m=6, p=2) + pl(OPR, 10),
            ),
            Bidang(
                "BID-LINMAS",
                "Bidang Perlindungan Masyarakat",
                jf("Polisi Pamong Praja", t=3) + pl(PTL, 2),
            ),
            Bidang(
                "BID-DAMKAR",
                "Bidang Pemadam Kebakaran dan Penyelamatan",
                jf("Analis Kebakaran", ap=1) + jf("Inspektur Kebakaran", t=10, m=4) + pl(OPR, 12),
            ),
        ),
        head="KASATPOL",
        head_name="Kepala Satuan Polisi Pamong Praja",
        size=1.1,
    ),
)


def _add_rsud(plan: OrgPlan) -> None:
    plan.unit(
        "RSUD",
        "Rumah Sakit Umum Daerah Kota Salatiga",
        UnitKind.PERANGKAT_DAERAH,
        "PEMKOT",
        head="DIREKTUR",
        head_name="Direktur Rumah Sakit Umum Daerah Kota Salatiga",
        head_parent=SEKDA_KEY,
    )
    for b in (
        _bagian(
            "BAG-UMKEU",
            "Bagian Umum dan Keuangan",
            jf("Administrator Kesehatan", am=2),
            Seksi(
                "SUBBAG-UMPEG",
                "Subbagian Umum dan Kepegawaian",
                pl(ADM, 6) + pl(OPR, 12) + pl(PLO, 4),
            ),
            Seksi(
                "SUBBAG-KEU",
                "Subbagian Keuangan",
                pl(KEU, 8) + jf("Analis Keuangan Pusat dan Daerah", ap=2),
            ),
            Seksi(
                "SUBBAG-PEP",
                "Subbagian Perencanaan, Evaluasi dan Pelaporan",
                jf("Perencana", ap=2) + pl(PDI, 4) + jf("Pranata Komputer", ap=2, t=2),
            ),
        ),
        Bidang(
            "BID-YANMED",
            "Bidang Pelayanan Medik",
            jf("Dokter Rumah Sakit", am=14, md=6),
            (
                Seksi(
                    "SEKSI-YANMED",
                    "Seksi Pelayanan Medik",
                    jf("Dokter Rumah Sakit", ap=14)
                    + jf("Dokter Gigi", ap=2)
                    + jf("Perekam Medis", t=8)
                    + pl(ADM, 4),
                ),
                Seksi(
                    "SEKSI-PENUNJANG",
                    "Seksi Penunjang Medik",
                    jf("Apoteker", ap=4)
                    + jf("Tenaga Teknis Kefarmasian", t=10)
                    + jf("Pranata Laboratorium Kesehatan", t=10)
                    + jf("Radiografer", t=6)
                    + jf("Fisioterapis", t=4)
                    + jf("Nutrisionis", t=5)
                    + pl(OPR, 4),
                ),
            ),
        ),
        Bidang(
            "BID-KEPERAWATAN",
            "Bidang Keperawatan",
            jf("Perawat", am=15, p=10) + jf("Bidan", am=3),
            (
                Seksi(
                    "SEKSI-ASKEP",
                    "Seksi Asuhan Keperawatan",
                    jf("Perawat", t=85, m=28, ap=55) + jf("Bidan", t=18, ap=6),
                ),
                Seksi(
                    "SEKSI-MUTU",
                    "Seksi Mutu dan Etika Keperawatan",
                    jf("Perawat", ap=8, t=10) + jf("Administrator Kesehatan", ap=2),
                ),
            ),
        ),
    ):
        _add_bidang(plan, "RSUD", b)


KECAMATAN: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Sidorejo",
        ("Blotongan", "Bugel", "Kauman Kidul", "Pulutan", "Salatiga", "Sidorejo Lor"),
    ),
    (
        "Tingkir",
        (
            "Gendongan",
            "Kalibening",
            "Kutowinangun Kidul",
            "Kutowinangun Lor",
            "Sidorejo Kidul",
            "Tingkir Lor",
            "Tingkir Tengah",
        ),
    ),
    ("Argomulyo", ("Cebongan", "Kumpulrejo", "Ledok", "Noborejo", "Randuacir", "Tegalrejo")),
    ("Sidomukti", ("Dukuh", "Kalicacing", "Kecandran", "Mangunsari")),
)

_KEC_SEKSI = (
    ("SEKSI-PEM", "Seksi Pemerintahan", pl(PTL, 1) + pl(ADM, 1)),
    (
        "SEKSI-TRANTIB",
        "Seksi Ketenteraman dan Ketertiban Umum",
        pl(OPR, 1) + jf("Polisi Pamong Praja", t=1),
    ),
    ("SEKSI-PM", "Seksi Pemberdayaan Masyarakat", pl(PTL, 1) + pl(ADM, 0.5)),
    ("SEKSI-YANUM", "Seksi Pelayanan Umum", pl(PLO, 1.5) + pl(ADM, 1)),
)

_KEL_EXTRAS = (
    ("SEKEL", "Sekretaris Kelurahan", 1),
    ("KASI-PEMTRANTIB", "Kepala Seksi Pemerintahan, Ketenteraman dan Ketertiban", 2),
    ("KASI-PMK", "Kepala Seksi Pemberdayaan Masyarakat dan Kesejahteraan Sosial", 3),
    ("KASI-PELAYANAN", "Kepala Seksi Pelayanan Umum dan Pembangunan", 4),
)


def _code_slug(name: str) -> str:
    return "-".join(name.upper().split())


def _add_kecamatan(plan: OrgPlan) -> None:
    for kecamatan, kelurahan_list in KECAMATAN:
        kec = plan.unit(
            f"KEC-{_code_slug(kecamatan)}",
            f"Kecamatan {kecamatan}",
            UnitKind.KECAMATAN,
            "PEMKOT",
            head="CAMAT",
            head_name=f"Camat {kecamatan}",
            head_parent=SEKDA_KEY,  # in a kota the Camat answers to the Wali Kota through the Sekda
        )
        sek = plan.unit(
            f"{kec}.SEKRETARIAT",
            "Sekretariat",
            UnitKind.SEKRETARIAT,
            kec,
            head="SEKCAM",
            head_name=f"Sekretaris Kecamatan {kecamatan}",
        )
        plan.staff(sek, pl(ADM, 3) + pl(KEU, 1.5) + pl(OPR, 2) + jf("Perencana", ap=0.3))
        for slug, name, staff in _KEC_SEKSI:
            plan.staff(plan.unit(f"{kec}.{slug}", name, UnitKind.SEKSI, kec, head="KASI"), staff)
        for kelurahan in kelurahan_list:
            kel = plan.unit(
                f"KEL-{_code_slug(kelurahan)}",
                f"Kelurahan {kelurahan}",
                UnitKind.KELURAHAN,
                kec,
                head="LURAH",
                head_name=f"Lurah {kelurahan}",
            )
            for slug, name, priority in _KEL_EXTRAS:
                title = f"{name} {kelurahan}" if slug == "SEKEL" else name
                plan.add_pengawas(kel, slug, title, priority)
            plan.staff(kel, pl(ADM, 2) + pl(OPR, 1.5) + pl(PTL, 1) + pl(PDI, 0.5))


def plan_salatiga() -> OrgPlan:
    """The full unit tree of the synthetic Pemerintah Kota Salatiga."""
    plan = OrgPlan()
    plan.unit("PEMKOT", "Pemerintah Kota Salatiga", UnitKind.INSTANSI, None, head=None)
    _add_setda(plan)
    _add_setwan(plan)
    _add_inspektorat(plan)
    for d in DINAS:
        _add_dinas(plan, d)
    _add_rsud(plan)
    _add_kecamatan(plan)
    return plan
