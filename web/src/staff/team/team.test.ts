import { describe, expect, it } from 'vitest';
import { navItems } from '../routes';
import type { Me } from '../session';
import { currentPeriod, filledUpTo, lastDuePeriod, predicateFrom, type MatrixCell } from './progress';

const periods = [1, 2, 3].map((n) => ({
  number: n,
  startDate: `2026-0${n}-01`,
  endDate: `2026-0${n}-28`,
  realizationDue: `2026-0${n + 1}-05`,
}));

describe('team progress', () => {
  it('finds the running period and the last one due', () => {
    expect(currentPeriod(periods, '2026-02-10')?.number).toBe(2);
    expect(currentPeriod(periods, '2026-05-01')).toBeNull();
    expect(lastDuePeriod(periods, '2026-02-10')?.number).toBe(1);
    expect(lastDuePeriod(periods, '2026-02-05')).toBeNull(); // due that day: not yet late
    expect(lastDuePeriod(periods, '2026-04-06')?.number).toBe(3);
  });

  it('counts IKI filled up to a period', () => {
    const indicators = [{ latestRealization: { periodNumber: 2 } }, { latestRealization: { periodNumber: 1 } }, { latestRealization: null }];
    expect(filledUpTo(indicators, 1)).toBe(2);
    expect(filledUpTo(indicators, 2)).toBe(1);
    expect(filledUpTo(indicators, 3)).toBe(0);
  });
});

describe('live predicate', () => {
  const cells: MatrixCell[] = [
    { resultRating: 'DI_ATAS_EKSPEKTASI', behaviorRating: 'DI_ATAS_EKSPEKTASI', predicate: 'SANGAT_BAIK' },
    { resultRating: 'DI_BAWAH_EKSPEKTASI', behaviorRating: 'SESUAI_EKSPEKTASI', predicate: 'BUTUH_PERBAIKAN' },
  ];
  it('reads the cell the server sent, and nothing for an incomplete choice', () => {
    expect(predicateFrom(cells, 'DI_ATAS_EKSPEKTASI', 'DI_ATAS_EKSPEKTASI')).toBe('SANGAT_BAIK');
    expect(predicateFrom(cells, 'DI_BAWAH_EKSPEKTASI', 'SESUAI_EKSPEKTASI')).toBe('BUTUH_PERBAIKAN');
    expect(predicateFrom(cells, '', 'SESUAI_EKSPEKTASI')).toBeNull();
  });
});

describe('menu', () => {
  const base: Me = { login: 'x', displayName: 'X', officeTitle: null, roles: [], rateeCount: 0, managedUnit: null, employee: { id: '1', position: null, unit: null } };
  it('shows Tim Saya to people who rate someone, the distribution to unit managers', () => {
    const labels = (me: Me) => navItems(me).map((i) => i.label);
    expect(labels(base)).not.toContain('nav.team');
    expect(labels({ ...base, rateeCount: 2 })).toContain('nav.team');
    expect(labels({ ...base, roles: ['UNIT_MANAGER'] })).not.toContain('nav.unitDistribution');
    expect(labels({ ...base, roles: ['UNIT_MANAGER'], managedUnit: { id: '9', name: 'Diskominfo' } })).toContain('nav.unitDistribution');
  });
});
