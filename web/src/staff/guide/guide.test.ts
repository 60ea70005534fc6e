import { describe, expect, it } from 'vitest';
import { staffRoutes } from '../routes';
import type { Me } from '../session';
import { GUIDE_ROLES, ROLE_GUIDES, myGuideRoles } from './content';
import { useGuideMessages } from './messages';

function me(over: Partial<Me> = {}): Me {
  return { login: 'x', displayName: 'X', officeTitle: null, roles: [], rateeCount: 0, managedUnit: null, employee: { id: '1', position: { name: 'P' }, unit: { name: 'U' } }, ...over };
}

/** Does a route pattern of the staff table match this /portal address? */
function routed(href: string): boolean {
  const rest = href.replace(/^\/portal/, '') || '/';
  return staffRoutes.some((route) => new RegExp(`^${route.path.replace(/:[a-zA-Z]+/g, '[^/]+')}$`).test(rest));
}

describe('the Panduan', () => {
  it('has a page for every role, with tasks whose links lead to existing screens', () => {
    expect(GUIDE_ROLES).toHaveLength(7);
    for (const role of GUIDE_ROLES) {
      const guide = ROLE_GUIDES[role];
      expect(guide.tasks.length).toBeGreaterThan(0);
      for (const task of guide.tasks) {
        if (task.where) expect(routed(task.where.href()), `${role}: ${task.where.href()}`).toBe(true);
      }
    }
    expect(routed('/portal/panduan/pegawai')).toBe(true);
  });
  it('says the regulation’s numbers right in both languages', () => {
    const { id, en } = useGuideMessages.catalogues;
    for (const catalogue of [id, en]) {
      expect(catalogue['term.keberatan.body']).toContain('14');
      expect(catalogue['term.predikat.body']).toContain('Sangat Baik');
      expect(catalogue['term.predikat.body']).toContain('Kurang/Misconduct');
    }
  });
  it('puts the person’s own roles first', () => {
    expect(myGuideRoles(me())).toEqual(['pegawai']);
    expect(myGuideRoles(me({ rateeCount: 3 }))).toEqual(['pegawai', 'pejabat-penilai']);
    expect(myGuideRoles(me({ employee: null, roles: ['AUDITOR'] }))).toEqual(['auditor']);
    expect(myGuideRoles(me({ employee: null, roles: ['KEPALA_DAERAH'], rateeCount: 1 }))).toEqual(['pejabat-penilai', 'kepala-daerah']);
    // An account with no role the guide knows still gets a page.
    expect(myGuideRoles(me({ employee: null }))).toEqual(['pegawai']);
  });
});
