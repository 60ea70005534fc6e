import { describe, expect, it } from 'vitest';
import { navItems } from '../routes';
import type { Me } from '../session';
import { useTourMessages } from './messages';
import { tourSteps } from './steps';

function me(over: Partial<Me> = {}): Me {
  return { login: 'x', displayName: 'X', officeTitle: null, roles: [], rateeCount: 0, managedUnit: null, employee: { id: '1', position: { name: 'P' }, unit: { name: 'U' } }, ...over };
}

const people: Record<string, Me> = {
  pegawai: me(),
  penilai: me({ rateeCount: 4 }),
  unit: me({ roles: ['UNIT_MANAGER'], managedUnit: { id: '3', name: 'Dinas' } }),
  hr: me({ employee: null, roles: ['HR_ADMIN'] }),
  auditor: me({ employee: null, roles: ['AUDITOR'] }),
  sysadmin: me({ employee: null, roles: ['SYSADMIN'] }),
  walikota: me({ employee: null, roles: ['KEPALA_DAERAH'], rateeCount: 1, officeTitle: 'Wali Kota Salatiga' }),
  nothing: me({ employee: null }),
};

describe('the guided first visit', () => {
  it('has 3 to 5 steps for every kind of person, from welcome to the Panduan', () => {
    for (const [who, person] of Object.entries(people)) {
      const steps = tourSteps(person);
      expect(steps.length, who).toBeGreaterThanOrEqual(3);
      expect(steps.length, who).toBeLessThanOrEqual(5);
      expect(steps[0]?.id).toBe('welcome');
      expect(steps.at(-1)?.id).toBe('guide');
      // Every highlighted item is in that person's menu.
      const menu = new Set(navItems(person).map((item) => item.href));
      for (const step of steps) for (const href of step.highlight) expect(menu.has(href), `${who} ${href}`).toBe(true);
    }
  });
  it('shows each role what matters to it', () => {
    expect(tourSteps(people.pegawai!).map((s) => s.id)).toEqual(['welcome', 'skp', 'work', 'result', 'guide']);
    expect(tourSteps(people.penilai!).map((s) => s.id)).toEqual(['welcome', 'skp', 'work', 'team', 'guide']);
    expect(tourSteps(people.sysadmin!).map((s) => s.id)).toEqual(['welcome', 'accounts', 'audit', 'guide']);
    expect(tourSteps(people.auditor!).map((s) => s.id)).toEqual(['welcome', 'audit', 'guide']);
    expect(tourSteps(people.walikota!).map((s) => s.id)).toEqual(['welcome', 'team', 'guide']);
    expect(tourSteps(people.nothing!).map((s) => s.id)).toEqual(['welcome', 'home', 'guide']);
  });
  it('names the buttons the brief asks for', () => {
    expect(useTourMessages.catalogues.id['tour.skip']).toBe('Lewati');
    expect(useTourMessages.catalogues.id['tour.next']).toBe('Berikutnya');
  });
});
