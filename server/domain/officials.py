"""Officials who are not ASN pegawai: the Kepala Daerah (Wali Kota) and the Wakil Kepala Daerah.

They sign in with an account of their role, linked to the instansi's root unit, and have no
employee record (no NIP, no SKP of their own). The Kepala Daerah is the Pejabat Penilai Kinerja
of whoever has nobody above them in the position tree (the Sekretaris Daerah) and decides
keberatan where no Atasan Pejabat Penilai exists; the Wakil has no rating rights of its own.
"""

from __future__ import annotations

from server.domain.enums import Role

# The office's name as people read it (on the SKP header, the session line, the profile).
OFFICE_TITLES: dict[Role, str] = {
    Role.KEPALA_DAERAH: "Wali Kota Salatiga",
    Role.WAKIL_KEPALA_DAERAH: "Wakil Wali Kota Salatiga",
}
OFFICIAL_ROLES = frozenset(OFFICE_TITLES)


def office_title(roles: frozenset[Role] | set[Role]) -> str | None:
    """The title of the highest office among ``roles`` (None: not an official)."""
    for role in (Role.KEPALA_DAERAH, Role.WAKIL_KEPALA_DAERAH):
        if role in roles:
            return OFFICE_TITLES[role]
    return None


def kepala_daerah_identity(
    root_unit_id: int | None, root_unit_name: str | None
) -> dict[str, object]:
    """The Pejabat Penilai part of an SKP's identity snapshot when the Kepala Daerah rates."""
    title = OFFICE_TITLES[Role.KEPALA_DAERAH]
    return {
        "employee_id": None,
        "official": Role.KEPALA_DAERAH.value,
        "name": title,
        "nip": None,
        "golongan": None,
        "pangkat": None,
        "position_id": None,
        "jabatan": title,
        "position_kind": None,
        "unit_id": root_unit_id,
        "unit": root_unit_name,
    }
