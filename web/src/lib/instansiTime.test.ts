import { describe, expect, it } from 'vitest';
import { currentYear, INSTANSI_TIME_ZONE, todayInstansi } from './instansiTime';

const sources = import.meta.glob<string>('../**/*.{ts,tsx}', { query: '?raw', import: 'default', eager: true });

describe('the instansi calendar in the browser', () => {
  it('turns the day at midnight WIB, not at midnight UTC', () => {
    expect(todayInstansi(new Date('2026-12-04T16:59:00Z'))).toBe('2026-12-04');
    expect(todayInstansi(new Date('2026-12-04T17:00:00Z'))).toBe('2026-12-05');
    expect(currentYear(new Date('2026-12-31T17:30:00Z'))).toBe(2027);
  });

  it('names the time zone in one place only', () => {
    const elsewhere = Object.entries(sources)
      .filter(([path]) => !path.endsWith('/instansiTime.ts') && !path.includes('.test.'))
      .filter(([, text]) => text.includes(INSTANSI_TIME_ZONE))
      .map(([path]) => path);
    expect(elsewhere).toEqual([]);
  });
});
