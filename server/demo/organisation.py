"""Machinery that turns a declared unit tree into units and positions (jabatan) for the demo city.

The tree itself (which dinas, bidang, seksi …) lives in ``salatiga.py``; this module knows the
rules that do not depend on the city:

* every unit except the root has one head position whose kind follows the unit kind;
* a head's Pejabat Penilai is the head of the nearest ancestor unit unless declared otherwise;
* staff positions (fungsional, pelaksana) get their parent from DOMAIN.md §8: pelaksana under a
  Pengawas (or the Administrator where the unit has no Pengawas), JF Ahli Pertama / keterampilan
  under the head of their unit, Ahli Muda under an Administrator or higher, Ahli Madya under a JPT;
* staff counts are the declared full-size weights scaled to the requested total, so a small city
  keeps every unit and head but has fewer staff per unit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from server.demo.jobs import Job
from server.demo.records import DemoPosition, DemoUnit
from server.domain.enums import FunctionalLevel, PositionKind, UnitKind

JPT_KINDS = frozenset({PositionKind.JPT_UTAMA, PositionKind.JPT_MADYA, PositionKind.JPT_PRATAMA})
ADMINISTRATOR_OR_ABOVE = JPT_KINDS | {PositionKind.ADMINISTRATOR}

HEAD_KIND: dict[UnitKind, PositionKind] = {
    UnitKind.PERANGKAT_DAERAH: PositionKind.JPT_PRATAMA,
    UnitKind.KECAMATAN: PositionKind.ADMINISTRATOR,  # Camat
    UnitKind.SEKRETARIAT: PositionKind.ADMINISTRATOR,  # Sekretaris dinas / kecamatan
    UnitKind.BIDANG: PositionKind.ADMINISTRATOR,
    UnitKind.BAGIAN: PositionKind.ADMINISTRATOR,
    UnitKind.SUBBAGIAN: PositionKind.PENGAWAS,
    UnitKind.SEKSI: PositionKind.PENGAWAS,
    UnitKind.UPTD: PositionKind.PENGAWAS,
    UnitKind.KELURAHAN: PositionKind.PENGAWAS,  # Lurah
}

# Jenjang rated by the head of their own unit (DOMAIN.md §8: a Pengawas or the Administrator).
_ENTRY_LEVELS = frozenset(
    {
        FunctionalLevel.AHLI_PERTAMA,
        FunctionalLevel.PEMULA,
        FunctionalLevel.TERAMPIL,
        FunctionalLevel.MAHIR,
        FunctionalLevel.PENYELIA,
    }
)


@dataclass(frozen=True)
class StaffSlot:
    """Staff positions of one job in one unit."""

    unit_code: str
    job: Job
    weight: float  # number of holders in the full-size city (about 4 000 employees)
    minimum: int = 0  # holders guaranteed at any size (the demo scenarios rely on them)


@dataclass(frozen=True)
class _Extra:
    """A Pengawas position inside a unit that it does not head (Sekretaris Kelurahan …)."""

    unit_code: str
    slug: str
    name: str
    priority: int  # lower first: small cities keep the most important ones


class OrgPlan:
    """A declared unit tree with its heads, optional Pengawas and staff weights."""

    def __init__(self) -> None:
        self._units: list[DemoUnit] = []
        self._unit_by_code: dict[str, DemoUnit] = {}
        self._heads: dict[str, DemoPosition] = {}
        self._extras: list[_Extra] = []
        self._slots: list[StaffSlot] = []
        self._others: list[DemoPosition] = []  # positions that head no unit (Asisten)

    # -- declaring the tree ---------------------------------------------------------------

    def unit(
        self,
        code: str,
        name: str,
        kind: UnitKind,
        parent_code: str | None,
        *,
        head: str | None,
        head_name: str | None = None,
        head_parent: str | None = None,
        top: bool = False,
    ) -> str:
        """Declare a unit and (unless ``head`` is None) its head position ``{code}.{head}``.

        ``head_parent`` names the head's parent position when it is not the head of the
        parent unit; ``top`` marks the one position with no parent (Sekretaris Daerah).
        """
        if code in self._unit_by_code:
            raise ValueError(f"duplicate unit code {code}")
        if parent_code is not None and parent_code not in self._unit_by_code:
            raise ValueError(f"unit {code} declared before its parent {parent_code}")
        unit = DemoUnit(code=code, name=name, kind=kind, parent_code=parent_code)
        self._units.append(unit)
        self._unit_by_code[code] = unit
        if head is not None:
            parent_key = None if top else (head_parent or self._ancestor_head_key(parent_code))
            if parent_key is None and not top:
                raise ValueError(f"head of {code} has no Pejabat Penilai")
            self._heads[code] = DemoPosition(
                key=f"{code}.{head}",
                name=head_name or f"Kepala {name}",
                kind=HEAD_KIND[kind] if not top else PositionKind.JPT_PRATAMA,
                functional_level=None,
                unit_code=code,
                parent_key=parent_key,
                is_unit_head=True,
            )
        return code

    def position(self, position: DemoPosition) -> None:
        """Declare a structural position that heads no unit (an Asisten of the Sekda)."""
        self._others.append(position)

    def add_pengawas(self, unit_code: str, slug: str, name: str, priority: int) -> None:
        """Declare a Pengawas inside ``unit_code``, rated by its head; kept in larger cities."""
        self._extras.append(_Extra(unit_code, slug, name, priority))

    def staff(self, unit_code: str, slots: Iterable[tuple[Job, float, int]]) -> None:
        """Declare staff (job, full-size count, guaranteed minimum) for a unit."""
        if unit_code not in self._unit_by_code:
            raise ValueError(f"staff declared for unknown unit {unit_code}")
        for job, weight, minimum in slots:
            self._slots.append(StaffSlot(unit_code, job, weight, minimum))

    def head_key(self, unit_code: str) -> str:
        return self._heads[unit_code].key

    def _ancestor_head_key(self, unit_code: str | None) -> str | None:
        while unit_code is not None:
            head = self._heads.get(unit_code)
            if head is not None:
                return head.key
            unit_code = self._unit_by_code[unit_code].parent_code
        return None

    # -- building -------------------------------------------------------------------------

    @property
    def units(self) -> tuple[DemoUnit, ...]:
        return tuple(self._units)  # declared parents first, checked in unit()

    @property
    def minimum_staff(self) -> int:
        return sum(slot.minimum for slot in self._slots)

    @property
    def full_size_extras(self) -> int:
        return len(self._extras)

    def structural_positions(self, extras: int) -> list[DemoPosition]:
        """Heads, Asisten and the ``extras`` most important in-unit Pengawas."""
        chosen = sorted(enumerate(self._extras), key=lambda item: (item[1].priority, item[0]))
        kept = sorted(index for index, _ in chosen[: max(0, extras)])
        positions = [*self._heads.values(), *self._others]
        for index in kept:
            extra = self._extras[index]
            positions.append(
                DemoPosition(
                    key=f"{extra.unit_code}.{extra.slug}",
                    name=extra.name,
                    kind=PositionKind.PENGAWAS,
                    functional_level=None,
                    unit_code=extra.unit_code,
                    parent_key=self._heads[extra.unit_code].key,
                )
            )
        return positions

    def staff_positions(
        self, total: int, structural: Sequence[DemoPosition]
    ) -> list[tuple[DemoPosition, Job]]:
        """``total`` staff positions spread over the declared slots by weight, with their job."""
        counts = allocate(
            [slot.weight for slot in self._slots], [slot.minimum for slot in self._slots], total
        )
        by_key = {p.key: p for p in structural}
        # Pelaksana report to a Pengawas of their unit; where the unit has Pengawas besides its
        # head (a kelurahan's Kasi), they are shared out among those.
        supervisors: dict[str, list[str]] = defaultdict(list)
        for p in structural:
            if not p.is_unit_head and p.kind is PositionKind.PENGAWAS:
                supervisors[p.unit_code].append(p.key)
        numbering: dict[tuple[str, str], int] = defaultdict(int)
        positions: list[tuple[DemoPosition, Job]] = []
        for slot, count in zip(self._slots, counts, strict=True):
            head = self._heads[slot.unit_code]
            for _ in range(count):
                numbering[(slot.unit_code, slot.job.slug)] += 1
                number = numbering[(slot.unit_code, slot.job.slug)]
                parent = _staff_parent(slot.job, head, supervisors[slot.unit_code], number, by_key)
                position = DemoPosition(
                    key=f"{slot.unit_code}.{slot.job.slug}.{number}",
                    name=slot.job.name,
                    kind=slot.job.kind,
                    functional_level=slot.job.level,
                    unit_code=slot.unit_code,
                    parent_key=parent,
                )
                positions.append((position, slot.job))
        return positions


def _staff_parent(
    job: Job,
    head: DemoPosition,
    supervisors: Sequence[str],
    number: int,
    by_key: dict[str, DemoPosition],
) -> str:
    if job.kind is PositionKind.PELAKSANA:
        if head.kind is PositionKind.PENGAWAS and supervisors:
            return supervisors[(number - 1) % len(supervisors)]
        return head.key
    if job.level in _ENTRY_LEVELS:
        return head.key
    wanted = ADMINISTRATOR_OR_ABOVE if job.level is FunctionalLevel.AHLI_MUDA else JPT_KINDS
    current: DemoPosition | None = head
    while current is not None:
        if current.kind in wanted:
            return current.key
        current = by_key.get(current.parent_key) if current.parent_key else None
    raise ValueError(f"no suitable Pejabat Penilai above {head.key} for {job.name}")


def allocate(weights: Sequence[float], minimums: Sequence[int], total: int) -> list[int]:
    """Split ``total`` into integer counts: minimums first, the rest by weight (largest remainder).

    Ties go to the earlier slot, so the result depends only on the inputs.
    """
    counts = list(minimums)
    rest = total - sum(counts)
    weight_sum = sum(weights)
    if rest <= 0 or weight_sum <= 0:
        return counts
    quotas = [w * rest / weight_sum for w in weights]
    floors = [int(q) for q in quotas]
    counts = [c + f for c, f in zip(counts, floors, strict=True)]
    leftover = rest - sum(floors)
    order = sorted(range(len(weights)), key=lambda i: (-(quotas[i] - floors[i]), i))
    for i in order[:leftover]:
        counts[i] += 1
    return counts


def order_parents_first(positions: Iterable[DemoPosition]) -> tuple[DemoPosition, ...]:
    """Depth-first from the top, children in declaration order: parents precede children."""
    items = list(positions)
    children: dict[str | None, list[DemoPosition]] = defaultdict(list)
    for p in items:
        children[p.parent_key].append(p)
    ordered: list[DemoPosition] = []
    stack = list(reversed(children[None]))
    while stack:
        p = stack.pop()
        ordered.append(p)
        stack.extend(reversed(children[p.key]))
    if len(ordered) != len(items):
        raise ValueError("positions contain a parent reference that does not resolve")
    return tuple(ordered)
