import { describe, expect, it } from 'vitest';
import type { UnitPeopleQuery } from './UnitPeople.generated';
import { sortPeople } from './UnitPeople';
import { unitQuery } from './scope';

type Person = UnitPeopleQuery['unitPeople']['people'][number];

function person(name: string, over: Partial<Person> = {}): Person {
  return {
    unitId: '1',
    unitCode: 'A',
    unitName: 'Bidang A',
    planId: '9',
    planStatus: 'DITETAPKAN',
    indicators: 4,
    periodFilled: 2,
    periodConfirmed: 1,
    dueConfirmed: 4,
    behind: false,
    behindReasons: [],
    employee: { id: name, name, position: null, assessor: null },
    ...over,
  };
}

describe('the unit people list', () => {
  const ani = person('Ani', { unitName: 'Sekretariat', periodFilled: 4 });
  const budi = person('Budi', { planId: null, planStatus: null, indicators: 0, periodFilled: 0, behind: true, behindReasons: ['SKP_NOT_SET'] });
  const citra = person('Citra', { planStatus: 'DIAJUKAN', behind: true, behindReasons: ['SKP_NOT_SET'] });
  const dedi = person('Dedi');
  const all = [dedi, citra, budi, ani];
  const names = (list: Person[]) => list.map((p) => p.employee.name);

  it('sorts by name, unit, SKP status, progress and state, both ways', () => {
    expect(names(sortPeople(all, 'name', false))).toEqual(['Ani', 'Budi', 'Citra', 'Dedi']);
    expect(names(sortPeople(all, 'name', true))).toEqual(['Dedi', 'Citra', 'Budi', 'Ani']);
    expect(names(sortPeople(all, 'unit', false))).toEqual(['Budi', 'Citra', 'Dedi', 'Ani']);
    // No SKP first, then submitted, then set.
    expect(names(sortPeople(all, 'skp', false))).toEqual(['Budi', 'Citra', 'Ani', 'Dedi']);
    expect(names(sortPeople(all, 'progress', true))).toEqual(['Ani', 'Citra', 'Dedi', 'Budi']);
    // Those behind first when descending; ties keep the name order.
    expect(names(sortPeople(all, 'state', true))).toEqual(['Budi', 'Citra', 'Ani', 'Dedi']);
  });
  it('does not change the list it sorts', () => {
    sortPeople(all, 'name', false);
    expect(names(all)).toEqual(['Dedi', 'Citra', 'Budi', 'Ani']);
  });
  it("keeps BKPSDM's chosen unit in the links between the unit screens", () => {
    expect(unitQuery({ unit: '12', tahun: '2026' })).toBe('?unit=12');
    expect(unitQuery({}, { tahun: 2026, sub: '', urut: null })).toBe('?tahun=2026');
    expect(unitQuery({ unit: '3' }, { status: 'DITOLAK' })).toBe('?unit=3&status=DITOLAK');
  });
});
