import { describe, expect, it } from 'vitest';
import { appendPage } from './morePages';
import { periodCodeLabel } from './Releases';
import { reportUrl } from './Reports';
import { defaultYear, sortedUnits } from './scopes';
import { useHrMessages } from './hrMessages';

const { id, en } = useHrMessages.catalogues;
const tOf =
  (catalogue: Record<string, string>) =>
  (key: string, params?: Record<string, string | number>): string =>
    (catalogue[key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(params?.[name] ?? `{${name}}`));

describe('BKPSDM screens', () => {
  it('append a next page without showing a row twice (one moved between pages)', () => {
    const first = [{ id: '1' }, { id: '2' }];
    expect(appendPage(first, [{ id: '2' }, { id: '3' }]).map((n) => n.id)).toEqual(['1', '2', '3']);
    expect(appendPage([], [{ id: '9' }]).map((n) => n.id)).toEqual(['9']);
    expect(appendPage(first, [])).toEqual(first);
  });
  it('build report links with the query string the server reads', () => {
    expect(reportUrl('completion', 'csv', 2026, null, null)).toBe('/api/reports/completion.csv?year=2026');
    expect(reportUrl('predicate-distribution', 'xlsx', 2026, 3, 'DISKOMINFO')).toBe('/api/reports/predicate-distribution.xlsx?year=2026&periodNumber=3&unitCode=DISKOMINFO');
    expect(reportUrl('completion', 'csv', 2026, null, 'A&B')).toBe('/api/reports/completion.csv?year=2026&unitCode=A%26B');
  });
  it('name release periods in both languages', () => {
    expect(periodCodeLabel('2026', tOf(id), 'id-ID')).toBe('Tahun 2026');
    expect(periodCodeLabel('2026-S1', tOf(id), 'id-ID')).toBe('Semester 1 2026');
    expect(periodCodeLabel('2026-Q2', tOf(en), 'en-GB')).toBe('Quarter 2 of 2026');
    expect(periodCodeLabel('2026-M04', tOf(id), 'id-ID')).toBe('April 2026');
    expect(periodCodeLabel('2026-M08', tOf(en), 'en-GB')).toBe('August 2026');
    expect(periodCodeLabel('2026-01-01..2026-03-31', tOf(id), 'id-ID')).toBe('2026-01-01..2026-03-31');
  });
  it('choose an open year and sort units by name', () => {
    expect(defaultYear([{ year: 2099, status: 'DIBUKA' }, { year: 2000, status: 'DITUTUP' }]).year).toBe(2099);
    expect(sortedUnits([{ name: 'Kecamatan Sidorejo' }, { name: 'Badan Kepegawaian' }]).map((u) => u.name)).toEqual(['Badan Kepegawaian', 'Kecamatan Sidorejo']);
  });
});
