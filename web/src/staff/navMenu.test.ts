import { describe, expect, it } from 'vitest';
import { menuFolds, openSections, sectionOfPage, sectionsHolding } from './navMenu';
import { navSections } from './routes';
import type { Me } from './session';

const HOME = '/portal';

function me(over: Partial<Me> = {}): Me {
  return {
    login: '199001012015011001',
    displayName: 'Admin BKPSDM',
    officeTitle: null,
    roles: [],
    rateeCount: 0,
    managedUnit: null,
    employee: { id: '1', position: { name: 'Analis SDM Aparatur' }, unit: { name: 'BKPSDM' } },
    ...over,
  };
}

const hr = navSections(me({ roles: ['HR_ADMIN'] }));

describe('the staff menu on a phone', () => {
  it('folds only at narrow widths and only with more than one section', () => {
    expect(hr.length).toBeGreaterThan(1);
    expect(menuFolds(hr, true)).toBe(true);
    expect(menuFolds(hr, false)).toBe(false);
    const employee = navSections(me());
    expect(menuFolds(employee, true)).toBe(false);
  });

  it('has every section open at desktop width', () => {
    expect([...openSections(hr, '/portal/bkpsdm/tahun', HOME, false)]).toEqual(hr.map((s) => s.group));
    expect([...openSections(navSections(me()), '/portal', HOME, true)]).toEqual(['mine']);
  });

  it('opens only the section of the current page at narrow widths', () => {
    expect([...openSections(hr, '/portal/bkpsdm/tahun', HOME, true)]).toEqual(['bkpsdm']);
    expect([...openSections(hr, '/portal', HOME, true)]).toEqual(['mine']);
    expect([...openSections(hr, '/portal/unit/sasaran', HOME, true)]).toEqual(['unit']);
    expect([...openSections(hr, '/portal/audit', HOME, true)]).toEqual(['system']);
  });

  it('counts a page below a menu item as that item (the home page is no parent of all)', () => {
    expect(sectionOfPage(hr, '/portal/bkpsdm/karier', HOME)).toBe('bkpsdm');
    // A page under the home address that is not in the menu: no section is current, all fold.
    expect(sectionOfPage(hr, '/portal/tidak-ada', HOME)).toBeNull();
    expect([...openSections(hr, '/portal/tidak-ada', HOME, true)]).toEqual([]);
  });

  it('finds the sections of the links the tour marks', () => {
    expect(sectionsHolding(hr, ['/portal/bkpsdm/tahun', '/portal/audit'])).toEqual(['bkpsdm', 'system']);
    expect(sectionsHolding(hr, ['/nowhere'])).toEqual([]);
  });
});
