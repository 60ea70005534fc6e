import { describe, expect, it } from 'vitest';
import { matchPath, normalisePath } from './router';

describe('matchPath', () => {
  it('matches static and parameterised routes', () => {
    expect(matchPath('/kinerja', '/kinerja')).toEqual({});
    expect(matchPath('/kinerja/unit/:code', '/kinerja/unit/DINKES')).toEqual({ code: 'DINKES' });
    expect(matchPath('/layanan/:token', '/layanan/abc_DEF-123')).toEqual({ token: 'abc_DEF-123' });
  });

  it('decodes parameters and refuses malformed ones', () => {
    expect(matchPath('/kinerja/unit/:code', '/kinerja/unit/KEC%20A')).toEqual({ code: 'KEC A' });
    expect(matchPath('/kinerja/unit/:code', '/kinerja/unit/%E0%A4%A')).toBeNull();
  });

  it('does not match other lengths or an empty segment', () => {
    expect(matchPath('/kinerja/unit/:code', '/kinerja/unit')).toBeNull();
    expect(matchPath('/kinerja/unit/:code', '/kinerja/unit/A/B')).toBeNull();
    expect(matchPath('/layanan/:token', '/layanan/')).toBeNull();
    expect(matchPath('/kinerja', '/kinerja/metodologi')).toBeNull();
    expect(matchPath('/layanan/:token', normalisePath('/layanan/tok/'))).toEqual({ token: 'tok' });
  });
});
