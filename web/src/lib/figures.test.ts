import { describe, expect, it } from 'vitest';
import { createTranslator } from '../i18n';
import { bandOf, formatDate, formatPct, showFigure, withheldReason, distributionShares } from './figures';

const th = { headcount: 5, distribution: 10 };

describe('withheld values', () => {
  it('are shown as a dash with the reason, never as 0', () => {
    const shown = showFigure({ value: null, status: 'BELOW_THRESHOLD' }, 'pct', 'share', 'id-ID', th);
    expect(shown.withheld).toBe(true);
    expect(shown.text).toBe('—');
    expect(shown.text).not.toContain('0');
    if (!shown.withheld) throw new Error('unreachable');
    const { t } = createTranslator('id');
    expect(t(shown.reason, shown.params)).toBe('disembunyikan: menyangkut kurang dari 10 orang');
    expect(t(shown.short, shown.params)).toBe('disembunyikan: < 10 orang');
  });

  it('quote the head-count threshold for head counts and the distribution threshold for shares', () => {
    expect(withheldReason('BELOW_THRESHOLD', 'headcount', th).params).toEqual({ n: 5 });
    expect(withheldReason('BELOW_THRESHOLD', 'share', th).params).toEqual({ n: 10 });
    expect(withheldReason('BELOW_THRESHOLD', 'share', { headcount: 3, distribution: 20 }).params).toEqual({ n: 20 });
  });

  it('explain complementary suppression and missing data', () => {
    const { t } = createTranslator('en');
    expect(t(withheldReason('COMPLEMENTARY', 'share').reason)).toContain('cannot be worked out from the totals');
    expect(t(withheldReason('NOT_AVAILABLE', 'share').short)).toBe('not available yet');
    // A null without a status still is not a zero.
    expect(showFigure({ value: null, status: null }, 'count', 'headcount', 'en-GB').text).toBe('—');
  });

  it('show real zeros as zeros', () => {
    expect(showFigure({ value: 0, status: null }, 'count', 'headcount', 'id-ID')).toEqual({ withheld: false, text: '0' });
    expect(showFigure({ value: 0, status: null }, 'pct', 'share', 'id-ID')).toEqual({ withheld: false, text: '0,0 %' });
  });
});

describe('number and date formats', () => {
  it('formats percentages per language', () => {
    expect(formatPct(97.24, 'id-ID')).toBe('97,2 %');
    expect(formatPct(97.24, 'en-GB')).toBe('97.2%');
    expect(showFigure({ value: 75.5, status: null }, 'ikm', 'share', 'id-ID').text).toBe('75,50');
    expect(showFigure({ value: 1234, status: null }, 'count', 'headcount', 'id-ID').text).toBe('1.234');
  });

  it('formats calendar dates and timestamps (WIB)', () => {
    expect(formatDate('2026-01-01', 'id-ID')).toBe('1 Januari 2026');
    // 21:35 UTC is already the next day in Salatiga (UTC+7).
    expect(formatDate('2026-11-27T21:35:20+00:00', 'id-ID')).toBe('28 November 2026');
    expect(formatDate('not a date', 'id-ID')).toBe('not a date');
  });

  it('bands the converted IKM at the 2017 edges', () => {
    expect(bandOf(88.31)).toBe('A');
    expect(bandOf(88.3)).toBe('B');
    expect(bandOf(76.61)).toBe('B');
    expect(bandOf(76.6)).toBe('C');
    expect(bandOf(65)).toBe('C');
    expect(bandOf(64.99)).toBe('D');
  });
});

describe('distributionShares', () => {
  it('orders categories on the scale and gives shares when every count is published', () => {
    const shares = distributionShares([
      { category: 'BAIK', count: 30, status: null },
      { category: 'SANGAT_BAIK', count: 10, status: null },
      { category: 'BUTUH_PERBAIKAN', count: 0, status: null },
      { category: 'KURANG', count: 0, status: null },
      { category: 'SANGAT_KURANG', count: 0, status: null },
    ]);
    expect(shares.map((s) => s.category)).toEqual(['SANGAT_BAIK', 'BAIK', 'BUTUH_PERBAIKAN', 'KURANG', 'SANGAT_KURANG']);
    expect(shares[0]!.pct).toBe(25);
    expect(shares[1]!.pct).toBe(75);
  });

  it('gives no share when a count is withheld, and a missing category is not available (never 0)', () => {
    const shares = distributionShares([
      { category: 'BAIK', count: 30, status: null },
      { category: 'SANGAT_BAIK', count: null, status: 'BELOW_THRESHOLD' },
    ]);
    expect(shares.every((s) => s.pct === null)).toBe(true);
    expect(shares[2]!.figure).toEqual({ value: null, status: 'NOT_AVAILABLE' });
  });
});
