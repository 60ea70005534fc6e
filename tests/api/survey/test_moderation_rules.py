"""The officer-name heuristic that keeps named comments out of anything public."""

from __future__ import annotations

import pytest

from server.domain.enums import CommentStatus
from server.services.survey.moderation import initial_comment_status, names_an_officer


@pytest.mark.parametrize(
    "text",
    [
        "Pak Budi di loket 2 kurang ramah.",
        "pelayanan pak Budi lambat",
        "Terima kasih Bu Sri!",
        "Mbak Rina sangat membantu",
        "Bapak Ahmad Fauzi",
        "Ibu Dewi",
        "Sdr. Anton tidak ada di tempat",
        "Mas Joko",
        "petugas NIP 198609262015051001 lambat",
        "NIP 19860926 201505 1 001",
        # Hostile spellings (issue 10 point 5): separators, titles, capitals, degrees.
        "NIP 19860926.201505.1.001",
        "nip: 1986-0926-2015-05-1-001",
        "1986 0926 2015 05 1 001 yang menangani",
        "Bapak Dr. Ahmad Fauzi akan melatih petugas",
        "Ibu Dra. Sri Wahyuni",
        "Bpk. H. Slamet",
        "Pak BUDI",
        "dr. Rina Kusuma memeriksa ulang",
        "Hj. Siti Aminah",
        "koordinator: Indah Retno Susanti, S.Sos.",
        "ditangani Budi, S.T. mulai Juli",
    ],
)
def test_names_are_detected(text: str) -> None:
    assert names_an_officer(text)
    assert initial_comment_status(text) is CommentStatus.DITERUSKAN


@pytest.mark.parametrize(
    "text",
    [
        "Pelayanan cepat dan ramah.",
        "bapak-bapak petugas ramah",
        "pak petugas tadi sopan",
        "Nomor antrean 12345 lama dipanggil",
        "12345678901234567 (17 digit)",
        "1234567890123456789 (19 digit)",
        "Kapan buka? Jam 08.00 WIB.",
        "Kompak semua",  # 'pak' inside a word
        "Antrean dipercepat 30 menit, loket 2 dan 3 dibuka pukul 07.30",
        "Biaya Rp 150.000 dihapus mulai 2026.",
        "Telepon pengaduan 0298 123 456",
        "Sistem antrean daring (S1–S3) mulai Juli",
    ],
)
def test_ordinary_comments_wait_for_moderation(text: str) -> None:
    assert not names_an_officer(text)
    assert initial_comment_status(text) is CommentStatus.MENUNGGU


def test_no_comment_has_no_status() -> None:
    assert initial_comment_status(None) is None
