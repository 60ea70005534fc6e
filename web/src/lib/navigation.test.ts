import { afterEach, describe, expect, it, vi } from 'vitest';
import { SPA_SCOPE, confirmLeave, hasUnsavedChanges, isStaffPath, loginUrl, navigate, safeReturnPath, setUnsaved } from './navigation';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('SPA_SCOPE', () => {
  it('takes over the pages of the SPA', () => {
    for (const href of ['/', '/masuk', '/kinerja/unit/DINKES', '/portal', '/portal/skp/2026', '/layanan/abc', '/publikasi']) {
      expect(SPA_SCOPE.test(href), href).toBe(true);
    }
  });
  it('leaves server routes to the browser (API, downloads, the no-JS survey form)', () => {
    for (const href of ['/api/reports/x.csv', '/api/evaluations/3/document', '/public/data/1/units.csv', '/auth/logout', '/survei/abc', '/assets/x.js', '/healthz']) {
      expect(SPA_SCOPE.test(href), href).toBe(false);
    }
  });
});

describe('return after login', () => {
  it('accepts only portal paths of this site', () => {
    expect(safeReturnPath('/portal/skp/2026?tab=iki')).toBe('/portal/skp/2026?tab=iki');
    expect(safeReturnPath('/portal')).toBe('/portal');
    for (const bad of [undefined, null, '', 'portal', '//evil.example/portal', '/\\evil', 'https://evil.example/portal', '/kinerja', '/portalx']) {
      expect(safeReturnPath(bad), String(bad)).toBeNull();
    }
  });
  it('builds the login address with the way back and the reason', () => {
    expect(loginUrl('/portal/notifikasi', true)).toBe('/masuk?kembali=%2Fportal%2Fnotifikasi&sesi=berakhir');
    expect(loginUrl('/portal', false)).toBe('/masuk?kembali=%2Fportal');
    expect(loginUrl('//evil.example', false)).toBe('/masuk');
  });
  it('knows the staff area', () => {
    expect(isStaffPath('/portal')).toBe(true);
    expect(isStaffPath('/portal/tim')).toBe(true);
    expect(isStaffPath('/portalx')).toBe(false);
    expect(isStaffPath('/')).toBe(false);
  });
});

describe('unsaved changes', () => {
  it('ask before leaving, and forget them once the person agrees', () => {
    const token = Symbol('form');
    const confirm = vi.fn().mockReturnValueOnce(false).mockReturnValueOnce(true);
    vi.stubGlobal('window', { confirm });
    expect(confirmLeave()).toBe(true); // nothing unsaved: no question
    expect(confirm).not.toHaveBeenCalled();
    setUnsaved(token, 'Tinggalkan?');
    expect(hasUnsavedChanges()).toBe(true);
    expect(confirmLeave()).toBe(false); // stays
    expect(hasUnsavedChanges()).toBe(true);
    expect(confirmLeave()).toBe(true); // leaves
    expect(confirm).toHaveBeenCalledWith('Tinggalkan?');
    expect(hasUnsavedChanges()).toBe(false);
  });
  it('block navigate() when the person stays, unless forced (the session ran out)', () => {
    const token = Symbol('form');
    const assign = vi.fn();
    vi.stubGlobal('window', { confirm: () => false });
    vi.stubGlobal('location', { assign });
    setUnsaved(token, 'Tinggalkan?');
    expect(navigate('/portal/profil')).toBe(false);
    expect(assign).not.toHaveBeenCalled();
    expect(navigate('/masuk?sesi=berakhir', { force: true })).toBe(true);
    expect(assign).toHaveBeenCalledWith('/masuk?sesi=berakhir');
    expect(hasUnsavedChanges()).toBe(false);
  });
});
