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

    def nip_account(key: str, description: str) -> DemoAccount:
        return DemoAccount(
            login=holders[key].nip,
            password=DEMO_PASSWORD,
            roles=(),
            employee_nip=holders[key].nip,
            managed_unit_code=None,
            description=description,
        )

    root = next(u for u in units.values() if u.parent_code is None)
    # Whoever has nobody above in the tree is rated by the Wali Kota (the Sekretaris Daerah).
    tops = [k for k, p in positions.items() if p.parent_key is None and k in holders]
    sekda = ", ".join(who(k) for k in tops) or "Sekretaris Daerah (lowong)"
    orphan_parent = positions[positions[cast.orphan].parent_key or ""]
    acting_parent = positions[positions[cast.acting_subject].parent_key or ""]
    return (
        DemoAccount(
            login="admin.sistem",
            password=DEMO_PASSWORD,
            roles=(Role.SYSADMIN,),
            employee_nip=None,
            managed_unit_code=None,
            description="Administrator sistem: akun pengguna dan pengaturan aplikasi (bukan pegawai).",
        ),
        DemoAccount(
            login="walikota",
            password=DEMO_PASSWORD,
            roles=(Role.KEPALA_DAERAH,),
            employee_nip=None,
            managed_unit_code=root.code,
            description=(
                f"{OFFICE_TITLES[Role.KEPALA_DAERAH]} (Kepala Daerah, bukan pegawai ASN): "
                f"Pejabat Penilai Kinerja {sekda}."
            ),
        ),
        DemoAccount(
            login="admin.bkpsdm",
            password=DEMO_PASSWORD,
            roles=(Role.HR_ADMIN,),
            employee_nip=holders[cast.hr_admin].nip,
            managed_unit_code=None,
            description=(
                "Pengelola kinerja BKPSDM untuk seluruh Pemerintah Kota Salatiga (data master, "
                f"periode, pemantauan, predikat organisasi): {who(cast.hr_admin)}."
            ),
        ),
        DemoAccount(
            login="auditor.inspektorat",
            password=DEMO_PASSWORD,
            roles=(Role.AUDITOR,),
            employee_nip=holders[cast.auditor].nip,
            managed_unit_code=None,
            description=(
                "Auditor Inspektorat: hanya-baca di seluruh instansi, termasuk jejak audit: "
                f"{who(cast.auditor)}."
            ),
        ),
        DemoAccount(
            login="pengelola.diskominfo",
            password=DEMO_PASSWORD,
            roles=(Role.UNIT_MANAGER,),
            employee_nip=holders[cast.unit_manager].nip,
            managed_unit_code=positions[cast.kadis].unit_code,
            description=(
                f"Pengelola kinerja Diskominfo dan seluruh sub-unitnya: {who(cast.unit_manager)}."
            ),
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
