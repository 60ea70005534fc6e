"""Who is acting: the authenticated account with its roles, or the system (CLI, demo loader)."""

from __future__ import annotations

from dataclasses import dataclass, field

from server.domain.enums import Role


@dataclass(frozen=True)
class Actor:
    account_id: int | None
    login: str
    employee_id: int | None = None
    roles: frozenset[Role] = field(default_factory=frozenset)
    managed_unit_id: int | None = None
    client_address: str | None = None

    def has(self, *roles: Role) -> bool:
        return any(role in self.roles for role in roles)

    @property
    def is_system(self) -> bool:
        return self.account_id is None

    @property
    def is_kepala_daerah(self) -> bool:
        """The Wali Kota's account: no employee, rates those with nobody above them."""
        return self.employee_id is None and self.has(Role.KEPALA_DAERAH) and not self.is_system

    @property
    def sees_everything(self) -> bool:
        """BKPSDM and auditors read the whole instansi; the system actor too."""
        return self.is_system or self.has(Role.HR_ADMIN, Role.AUDITOR)


def system_actor(label: str = "system") -> Actor:
    """The actor of command-line actions; full rights, recorded as such in the audit log."""
    return Actor(account_id=None, login=label, roles=frozenset(Role))
