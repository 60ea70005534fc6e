"""The BerAKHLAK core values and their behaviour indicators (SE MenPANRB 20/2021, DOMAIN.md §6)."""

from __future__ import annotations

from dataclasses import dataclass

from server.domain.enums import CoreValue


@dataclass(frozen=True)
class CoreValueInfo:
    value: CoreValue
    label: str
    indicators: tuple[str, ...]


CORE_VALUES: tuple[CoreValueInfo, ...] = (
    CoreValueInfo(
        CoreValue.BERORIENTASI_PELAYANAN,
        "Berorientasi Pelayanan",
        (
            "Memahami dan memenuhi kebutuhan masyarakat",
            "Ramah, cekatan, solutif, dan dapat diandalkan",
            "Melakukan perbaikan tiada henti",
        ),
    ),
    CoreValueInfo(
        CoreValue.AKUNTABEL,
        "Akuntabel",
        (
            "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin, dan berintegritas tinggi",
            "Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, dan efisien",
            "Tidak menyalahgunakan kewenangan jabatan",
        ),
    ),
    CoreValueInfo(
        CoreValue.KOMPETEN,
        "Kompeten",
        (
            "Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
            "Membantu orang lain belajar",
            "Melaksanakan tugas dengan kualitas terbaik",
        ),
    ),
    CoreValueInfo(
        CoreValue.HARMONIS,
        "Harmonis",
        (
            "Menghargai setiap orang apapun latar belakangnya",
            "Suka menolong orang lain",
            "Membangun lingkungan kerja yang kondusif",
        ),
    ),
    CoreValueInfo(
        CoreValue.LOYAL,
        "Loyal",
        (
            "Memegang teguh ideologi Pancasila, UUD 1945, setia kepada NKRI serta pemerintahan yang sah",
            "Menjaga nama baik sesama ASN, pimpinan, instansi, dan negara",
            "Menjaga rahasia jabatan dan negara",
        ),
    ),
    CoreValueInfo(
        CoreValue.ADAPTIF,
        "Adaptif",
        (
            "Cepat menyesuaikan diri menghadapi perubahan",
            "Terus berinovasi dan mengembangkan kreativitas",
            "Bertindak proaktif",
        ),
    ),
    CoreValueInfo(
        CoreValue.KOLABORATIF,
        "Kolaboratif",
        (
            "Memberi kesempatan kepada berbagai pihak untuk berkontribusi",
            "Terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
            "Menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama",
        ),
    ),
)

BY_VALUE = {info.value: info for info in CORE_VALUES}
