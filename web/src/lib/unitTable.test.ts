import { describe, expect, it } from 'vitest';
import type { UnitKind, UnitStatisticsRow, ValueStatus } from '../public/types';
import { filterRows, kindsPresent, nextSort, sortRows } from './unitTable';

function row(
  code: string,
  name: string,
  kind: UnitKind,
  values: { headcount?: number | null; skp?: number | null; ikm?: number | null } = {},
): UnitStatisticsRow {
  const status = (v: number | null | undefined): ValueStatus | null => (v === null ? 'BELOW_THRESHOLD' : null);
  return {
    code,
    name,
    kind,
    parentCode: 'PEMKOT',
    headcount: values.headcount ?? null,
    headcountStatus: status(values.headcount ?? null),
    skpCoveragePct: values.skp ?? null,
    skpCoveragePctStatus: status(values.skp ?? null),
    realizationOnTimePct: null,
    realizationOnTimePctStatus: 'NOT_AVAILABLE',
    survey: { responses: 0, ikmConverted: values.ikm ?? null, band: null, status: values.ikm == null ? 'NOT_AVAILABLE' : null },
  };
}

const ROWS = [
  row('KEL-DUKUH', 'Kelurahan Dukuh', 'KELURAHAN', { headcount: 6 }),
  row('KEC-TINGKIR', 'Kecamatan Tingkir', 'KECAMATAN', { headcount: 17, skp: 100, ikm: 80 }),
  row('DINKES', 'Dinas Kesehatan', 'PERANGKAT_DAERAH', { headcount: 32, skp: 98, ikm: 70 }),
  row('BPBD', 'Badan Penanggulangan Bencana Daerah', 'PERANGKAT_DAERAH', { headcount: 8, skp: null }),
  row('PEMKOT', 'Pemerintah Kota Salatiga', 'INSTANSI', { headcount: 399, skp: 99 }),
  row('DINKES.SEK', 'Sekretariat', 'SEKRETARIAT', { headcount: null }),
];

const codes = (rows: UnitStatisticsRow[]): Array<string | null> => rows.map((r) => r.code);

describe('units table', () => {
  it('shows perangkat daerah and kecamatan by default, perangkat daerah first', () => {
    const rows = sortRows(filterRows(ROWS, 'MAIN'), { key: 'name', direction: 'ascending' });
    expect(codes(rows)).toEqual(['BPBD', 'DINKES', 'KEC-TINGKIR']);
  });

  it('filters by one kind or shows all', () => {
    expect(codes(filterRows(ROWS, 'KELURAHAN'))).toEqual(['KEL-DUKUH']);
    expect(filterRows(ROWS, 'ALL')).toHaveLength(ROWS.length);
    expect(kindsPresent(ROWS)).toEqual(['PERANGKAT_DAERAH', 'KECAMATAN', 'INSTANSI', 'SEKRETARIAT', 'KELURAHAN']);
  });

  it('sorts by a figure with withheld values last in both directions', () => {
    const down = sortRows(ROWS, { key: 'skp', direction: 'descending' });
    expect(codes(down)).toEqual(['KEC-TINGKIR', 'PEMKOT', 'DINKES', 'BPBD', 'DINKES.SEK', 'KEL-DUKUH']);
    const up = sortRows(ROWS, { key: 'skp', direction: 'ascending' });
    expect(codes(up).slice(0, 3)).toEqual(['DINKES', 'PEMKOT', 'KEC-TINGKIR']);
    expect(codes(up).slice(3)).toEqual(['BPBD', 'DINKES.SEK', 'KEL-DUKUH']);
  });

  it('sorts head counts and IKM numerically', () => {
    expect(codes(sortRows(ROWS, { key: 'headcount', direction: 'ascending' }))).toEqual([
      'KEL-DUKUH',
      'BPBD',
      'KEC-TINGKIR',
      'DINKES',
      'PEMKOT',
      'DINKES.SEK',
    ]);
    expect(codes(sortRows(ROWS, { key: 'ikm', direction: 'descending' })).slice(0, 2)).toEqual(['KEC-TINGKIR', 'DINKES']);
  });

  it('does not change the input', () => {
    const before = codes(ROWS);
    sortRows(ROWS, { key: 'headcount', direction: 'descending' });
    expect(codes(ROWS)).toEqual(before);
  });

  it('flips the direction on the same column and starts figures high-first', () => {
    expect(nextSort({ key: 'name', direction: 'ascending' }, 'name')).toEqual({ key: 'name', direction: 'descending' });
    expect(nextSort({ key: 'name', direction: 'ascending' }, 'ikm')).toEqual({ key: 'ikm', direction: 'descending' });
    expect(nextSort({ key: 'ikm', direction: 'descending' }, 'ikm')).toEqual({ key: 'ikm', direction: 'ascending' });
  });
});
