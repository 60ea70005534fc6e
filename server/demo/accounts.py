"""Demo logins for the synthetic city: one per role, and NIP logins along a rating chain.

Only these few accounts exist (the loader does not create 4 000 passwords). Every account shares
one demo password, printed by ``make run``; descriptions are Indonesian one-liners for the person
trying the demo, naming who rates whom. All people named are invented.
"""

from __future__ import annotations

from collections.abc import Mapping

from server.demo.assessors import DemoAssessors
from server.demo.records import DemoAccount, DemoEmployee, DemoPosition, DemoUnit
from server.demo.scenarios import Cast
from server.domain.enums import Role
from server.domain.officials import OFFICE_TITLES

# Deliberately public: `make run` prints it so anyone can try the demo. Never used in production.
DEMO_PASSWORD = "demo-salatiga-2026"  # noqa: S105


def build_accounts(
    cast: Cast,
    *,
    units: Mapping[str, DemoUnit],
    positions: Mapping[str, DemoPosition],
    holders: Mapping[str, DemoEmployee],
    assessors: DemoAssessors,
) -> tuple[DemoAccount, ...]:
    """The demo accounts, for the holders of the cast positions."""

    def who(key: str) -> str:
        """ "Nama (Jabatan, Seksi X, Dinas Y)", leaving out what the jabatan already says."""
        person, position = holders[key], positions[key]
        unit = top = units[position.unit_code]
        while top.parent_code is not None and units[top.parent_code].parent_code is not None:
            top = units[top.parent_code]
        places = [top] if position.is_unit_head else [unit, top]
        where = [u.name for u in dict.fromkeys(places) if not position.name.endswith(u.name)]
        return f"{person.name} ({', '.join([position.name, *where])})"

    def rated_by(key: str) -> str:
        found = assessors.resolve(holders[key].nip)
        boss = assessors.assessor_of(holders[key].nip)
        if found is None or boss is None:
            return "tanpa penilai"
        boss_position = assessors.position_of(boss)
        title = boss_position.name if boss_position else "?"
        if found.acting_kind is not None:
            title = f"{found.acting_kind.value.capitalize()}. {title}"
        return f"penilainya {boss.name} ({title})"

    def account(
        login: str,
        roles: tuple[Role, ...],
        holder: str | None,
        description: str,
        managed_unit_code: str | None = None,
    ) -> DemoAccount:
        """A login with the demo password; ``holder`` is the cast position of the pegawai it
        belongs to (None: not a pegawai)."""
        return DemoAccount(
            login=login,
            password=DEMO_PASSWORD,
            roles=roles,
            employee_nip=None if holder is None else holders[holder].nip,
            managed_unit_code=managed_unit_code,
            description=description,
        )

    def nip_account(key: str, description: str) -> DemoAccount:
        return account(holders[key].nip, (), key, description)

    root = next(u for u in units.values() if u.parent_code is None)
    # Whoever has nobody above in the tree is rated by the Wali Kota (the Sekretaris Daerah).
    tops = [k for k, p in positions.items() if p.parent_key is None and k in holders]
    sekda = ", ".join(who(k) for k in tops) or "Sekretaris Daerah (lowong)"
    orphan_parent = positions[positions[cast.orphan].parent_key or ""]
    acting_parent = positions[positions[cast.acting_subject].parent_key or ""]
    return (
        account(
            "admin.sistem",
            (Role.SYSADMIN,),
            None,
            "Administrator sistem: akun pengguna dan pengaturan aplikasi (bukan pegawai).",
        ),
        account(
            "walikota",
            (Role.KEPALA_DAERAH,),
            None,
            f"{OFFICE_TITLES[Role.KEPALA_DAERAH]} (Kepala Daerah, bukan pegawai ASN): "
            f"Pejabat Penilai Kinerja {sekda}.",
            managed_unit_code=root.code,
        ),
        account(
            "admin.bkpsdm",
            (Role.HR_ADMIN,),
            cast.hr_admin,
            "Pengelola kinerja BKPSDM untuk seluruh Pemerintah Kota Salatiga (data master, "
            f"periode, pemantauan, predikat organisasi): {who(cast.hr_admin)}.",
        ),
        account(
            "auditor.inspektorat",
            (Role.AUDITOR,),
            cast.auditor,
            "Auditor Inspektorat: hanya-baca di seluruh instansi, termasuk jejak audit: "
            f"{who(cast.auditor)}.",
        ),
        account(
            "pengelola.diskominfo",
            (Role.UNIT_MANAGER,),
            cast.unit_manager,
            f"Pengelola kinerja Diskominfo dan seluruh sub-unitnya: {who(cast.unit_manager)}.",
            managed_unit_code=positions[cast.kadis].unit_code,
        ),
        nip_account(
            cast.pelaksana,
            f"Pegawai pelaksana di Diskominfo: {who(cast.pelaksana)}; {rated_by(cast.pelaksana)}.",
        ),
        nip_account(
            cast.kasi,
            f"Kepala Seksi, penilai pegawai pelaksana di atas: {who(cast.kasi)}; "
            f"{rated_by(cast.kasi)}.",
        ),
        nip_account(
            cast.kabid,
            f"Kepala Bidang, atasan penilai pegawai pelaksana: {who(cast.kabid)}; "
            f"{rated_by(cast.kabid)}.",
        ),
        nip_account(
            cast.kadis,
            f"Kepala Dinas Diskominfo: {who(cast.kadis)}; {rated_by(cast.kadis)}.",
        ),
        *(
            nip_account(
                key,
                f"Sekretaris Daerah: {who(key)}; penilainya {OFFICE_TITLES[Role.KEPALA_DAERAH]} "
                "(akun walikota).",
            )
            for key in tops[:1]
        ),
        nip_account(
            cast.orphan,
            f"Pegawai pelaksana yang atasan langsungnya lowong ({orphan_parent.name}): "
            f"{who(cast.orphan)}; {rated_by(cast.orphan)}.",
        ),
        nip_account(
            cast.acting_subject,
            f"Pegawai yang dinilai pejabat Plt. karena {acting_parent.name} lowong: "
            f"{who(cast.acting_subject)}; {rated_by(cast.acting_subject)}.",
        ),
    )
