"""generate_city: a whole synthetic Kota Salatiga in memory (invented people, realistic structure).

Pure and deterministic: no database, no files, no clock. The same ``seed``, ``employees`` and
``today`` always give the same city; the unit tree and position keys depend only on ``employees``,
the people and the staged situations also on ``seed``.
"""

from __future__ import annotations

import random
from datetime import date

from server.demo.accounts import build_accounts
from server.demo.assessors import DemoAssessors
from server.demo.organisation import order_parents_first
from server.demo.people import PeopleFactory
from server.demo.records import DemoCity, DemoEmployee
from server.demo.salatiga import plan_salatiga
from server.demo.scenarios import planned_vacancies, stage
from server.domain.enums import EmployeeStatus

FULL_SIZE = 4000
"""Employees in the full-size city; the staff weights in salatiga.py are head counts at this size."""


def generate_city(*, seed: int = 3373, employees: int = FULL_SIZE, today: date) -> DemoCity:
    """Build the demo city with about ``employees`` ASN (exactly, unless that is too few).

    Every unit and every unit head exists at any size; smaller cities have fewer staff and fewer
    of the in-unit Pengawas (Sekretaris Kelurahan, Kasi …). Below about 300 employees the unit
    heads and the staff the demo scenarios need already exceed the request: the city is that big.
    """
    if employees < 1:
        raise ValueError("employees must be positive")
    rng = random.Random(seed)
    plan = plan_salatiga()
    scale = min(1.0, employees / FULL_SIZE)
    structural = plan.structural_positions(round(plan.full_size_extras * scale))

    vacancies, study_leaves = planned_vacancies(employees)
    # Filled posts + posts left by those on study leave = employees; vacancies include the latter.
    staff_total = max(plan.minimum_staff, employees + vacancies - study_leaves - len(structural))
    staff = plan.staff_positions(staff_total, structural)
    jobs = {position.key: job for position, job in staff}
    positions = order_parents_first([*structural, *(position for position, _ in staff)])
    scenario = stage(rng, positions, vacancies=vacancies, study_leaves=study_leaves)

    factory = PeopleFactory(rng, today)
    people: list[DemoEmployee] = []
    holders: dict[str, DemoEmployee] = {}
    for position in positions:
        if position.key in scenario.vacant and position.key not in scenario.study_leave:
            continue
        studying = position.key in scenario.study_leave
        person = factory.for_position(position, jobs.get(position.key), allow_pppk=not studying)
        if studying:
            # Relieved of the jabatan for the study (PNS on tugas belajar), so the post is vacant.
            start = factory.assignment_start(person, within_years=2)
            people.append(
                factory.employee(
                    person,
                    position=None,
                    unit_code=position.unit_code,
                    status=EmployeeStatus.TUGAS_BELAJAR,
                    assignment_start=start,
                )
            )
            continue
        status = EmployeeStatus.CUTI if position.key in scenario.on_leave else EmployeeStatus.AKTIF
        employee = factory.employee(
            person, position=position, unit_code=position.unit_code, status=status
        )
        people.append(employee)
        holders[position.key] = employee

    units = plan.units
    accounts = build_accounts(
        scenario.cast,
        units={u.code: u for u in units},
        positions={p.key: p for p in positions},
        holders=holders,
        assessors=DemoAssessors(positions, people, scenario.overrides),
    )
    return DemoCity(
        units=units,
        positions=positions,
        employees=tuple(people),
        overrides=scenario.overrides,
        accounts=accounts,
    )
