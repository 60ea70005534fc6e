import { describe, expect, it } from 'vitest';
import { fitLabel } from './useWidth';

describe('fitLabel', () => {
  it('keeps a label that fits and cuts a long one with an ellipsis', () => {
    expect(fitLabel('Dinas Sosial', 300)).toBe('Dinas Sosial');
    const cut = fitLabel('Dinas Pemberdayaan Perempuan dan Perlindungan Anak', 150);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(20);
  });
});
