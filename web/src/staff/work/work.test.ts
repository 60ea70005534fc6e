import { describe, expect, it } from 'vitest';
import { failureOf, formatSize, isRetryable } from './upload';
import { currentWork } from './Work';
import { amountValue, trimAmount } from './WorkLog';

describe('upload failures', () => {
  it('names what each answer of /api/uploads means and which may be retried', () => {
    expect(failureOf(0, '')).toEqual({ kind: 'network' });
    expect(failureOf(413, '{"error":{"code":"TOO_LARGE","message":"x","maxBytes":20971520}}')).toEqual({ kind: 'tooLarge', maxBytes: 20971520 });
    expect(failureOf(415, '{"error":{"code":"UNSUPPORTED_TYPE","message":"Jenis berkas tidak diterima"}}')).toEqual({
      kind: 'type',
      message: 'Jenis berkas tidak diterima',
    });
    expect(failureOf(429, '{"error":{"message":"Terlalu banyak"}}').kind).toBe('quota');
    expect(failureOf(401, 'not json').kind).toBe('unauthenticated');
    expect(failureOf(507, '').kind).toBe('server');
    expect(failureOf(403, '{"error":{"message":"CSRF"}}')).toEqual({ kind: 'rejected', message: 'CSRF' });
    expect(isRetryable({ kind: 'network' })).toBe(true);
    expect(isRetryable({ kind: 'server', message: '' })).toBe(true);
    expect(isRetryable({ kind: 'tooLarge', maxBytes: 1 })).toBe(false);
    expect(isRetryable({ kind: 'type', message: '' })).toBe(false);
  });

  it('prints sizes in the interface language', () => {
    expect(formatSize(786, 'id-ID')).toBe('786 B');
    expect(formatSize(1536, 'id-ID')).toBe('1,5 KB');
    expect(formatSize(20 * 1024 * 1024, 'en-GB')).toBe('20 MB');
  });
});

describe('amounts', () => {
  it('sends a comma as a decimal point and shows stored decimals without trailing zeros', () => {
    expect(amountValue(' 2,5 ')).toBe('2.5');
    expect(amountValue('')).toBeNull();
    expect(trimAmount('3.5000')).toBe('3.5');
    expect(trimAmount('4.0000')).toBe('4');
    expect(trimAmount('12')).toBe('12');
  });
});

describe('the current period (the menu item)', () => {
  const plan = (year: number, starts: string[]) => ({ id: String(year), year: { year, periods: starts.map((startDate, i) => ({ number: i + 1, startDate })) } });
  it('is the period today falls in, of my SKP of this year', () => {
    expect(currentWork('2026-05-14', [plan(2026, ['2026-01-01', '2026-04-01', '2026-07-01', '2026-10-01']), plan(2025, ['2025-01-01'])])).toEqual({
      year: 2026,
      period: 2,
    });
  });
  it('is the last period of my latest SKP when I have none this year, and period 1 without any', () => {
    expect(currentWork('2027-01-05', [plan(2026, ['2026-01-01', '2026-07-01'])])).toEqual({ year: 2026, period: 2 });
    expect(currentWork('2027-01-05', [])).toEqual({ year: 2027, period: 1 });
  });
});
