import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTranslator } from '../i18n';
import { draftKey, clearDraft, readDraft, writeDraft } from '../lib/drafts';
import { runMutation } from './api';
import { MarkNotificationsReadDocument, type MarkNotificationsReadMutation } from './notifications/MarkNotificationsRead.generated';
import { daysBetween, formatDay, periodLabel, useStaffMessages } from './messages';
import { navItems, navSections } from './routes';
import { roleLines, type Me } from './session';
import { currentYear } from '../lib/instansiTime';

afterEach(() => vi.unstubAllGlobals());

const { id, en } = useStaffMessages.catalogues;
const tOf =
  (catalogue: Record<string, string>) =>
  (key: string, params?: Record<string, string | number>): string =>
    (catalogue[key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(params?.[name] ?? `{${name}}`));

function me(over: Partial<Me> = {}): Me {
  return {
    login: '199309212019101001',
    displayName: 'Sigit Rahmat Setiawan, A.Md.',
    officeTitle: null,
    roles: [],
    rateeCount: 0,
    managedUnit: null,
    employee: { id: '1', position: { name: 'Pengolah Data' }, unit: { name: 'Seksi Aplikasi' } },
    ...over,
  };
}

describe('roles are named for what the person does', () => {
  it('in Indonesian', () => {
    const t = tOf(id);
    expect(roleLines(me(), t)).toEqual(['Pegawai']);
    expect(roleLines(me({ rateeCount: 9 }), t)).toEqual(['Pejabat Penilai bagi 9 pegawai']);
    expect(roleLines(me({ roles: ['UNIT_MANAGER'], managedUnit: { id: '4', name: 'Dinas Kesehatan' } }), t)).toEqual([
      'Pengelola Kinerja Dinas Kesehatan',
    ]);
    expect(roleLines(me({ roles: ['HR_ADMIN', 'AUDITOR'], rateeCount: 1 }), t)).toEqual([
      'Pejabat Penilai bagi 1 pegawai',
      'Admin BKPSDM',
      'Auditor',
    ]);
    expect(roleLines(me({ roles: ['SYSADMIN'], employee: null, displayName: 'admin.sistem' }), t)).toEqual(['Admin Sistem']);
    expect(roleLines(me({ employee: null }), t)).toEqual([]);
    const waliKota = { roles: ['KEPALA_DAERAH'] as Me['roles'], employee: null, officeTitle: 'Wali Kota Salatiga' };
    expect(roleLines(me({ ...waliKota, rateeCount: 1 }), t)).toEqual(['Wali Kota Salatiga', 'Pejabat Penilai bagi 1 pegawai']);
  });
  it('in English, with the singular', () => {
    const t = tOf(en);
    expect(roleLines(me({ rateeCount: 1 }), t)).toEqual(['Pejabat Penilai (assessor) of 1 employee']);
    expect(roleLines(me({ rateeCount: 3 }), t)).toEqual(['Pejabat Penilai (assessor) of 3 employees']);
  });
});

describe('the menu', () => {
  it('shows the notifications only to employees (system accounts have none)', () => {
    expect(navItems(me()).map((i) => i.href)).toEqual([
      '/portal',
      `/portal/skp/${currentYear()}`,
      '/portal/kerja',
      '/portal/penilaian',
      '/portal/keberatan',
      '/portal/pembinaan',
      '/portal/notifikasi',
      '/portal/panduan',
      '/portal/profil',
    ]);
    // The unit screens: a unit manager with a unit, and BKPSDM (any unit); not a role without a unit.
    const unitScreens = ['/portal/unit/pegawai', '/portal/unit/kelengkapan', '/portal/unit/layanan', '/portal/unit/komentar', '/portal/unit/tindak-lanjut'];
    const manager = navItems(me({ roles: ['UNIT_MANAGER'], managedUnit: { id: '4', name: 'Diskominfo' } })).map((i) => i.href);
    expect(manager.filter((href) => href.startsWith('/portal/unit/'))).toEqual([
      '/portal/unit/pegawai',
      '/portal/unit/kelengkapan',
      '/portal/unit/sasaran',
      '/portal/unit/sebaran',
      '/portal/unit/jabatan',
      '/portal/unit/layanan',
      '/portal/unit/komentar',
      '/portal/unit/tindak-lanjut',
    ]);
    expect(navItems(me({ roles: ['HR_ADMIN'] })).map((i) => i.href)).toEqual(expect.arrayContaining(unitScreens));
    expect(navItems(me({ roles: ['UNIT_MANAGER'] })).some((i) => i.href.startsWith('/portal/unit/'))).toBe(false);
    expect(navItems(me({ roles: ['AUDITOR'] })).some((i) => i.href.startsWith('/portal/unit/'))).toBe(false);
    // BKPSDM's imports and BKN files are BKPSDM's only.
    const hr = navItems(me({ employee: null, roles: ['HR_ADMIN'] })).map((i) => i.href);
    expect(hr).toContain('/portal/bkpsdm/impor');
    expect(hr).toContain('/portal/bkpsdm/bkn');
    expect(navItems(me({ employee: null, roles: ['SYSADMIN', 'AUDITOR'] })).map((i) => i.href)).not.toContain('/portal/bkpsdm/impor');
    expect(navItems(me({ employee: null, roles: ['SYSADMIN'] })).map((i) => i.href)).toEqual(['/portal', '/portal/audit', '/portal/admin/akun', '/portal/panduan', '/portal/profil']);
    expect(navItems(me({ employee: null, roles: ['AUDITOR'] })).map((i) => i.href)).toEqual(['/portal', '/portal/audit', '/portal/panduan', '/portal/profil']);
    // The Wali Kota and BKPSDM hear of their work through their own bell.
    for (const role of ['KEPALA_DAERAH', 'HR_ADMIN'] as const) {
      expect(navItems(me({ employee: null, roles: [role] })).map((i) => i.href)).toContain('/portal/notifikasi');
    }
  });

  // BKPSDM (issue 11 point 1): its screens only for HR_ADMIN; a unit manager gets the positions
  // screen of their own unit (to propose a Pejabat Penilai), never BKPSDM's.
  it('shows BKPSDM screens to BKPSDM and the unit positions to a unit manager', () => {
    const bkpsdm = ['/portal/bkpsdm/kalibrasi', '/portal/bkpsdm/jabatan', '/portal/bkpsdm/karier', '/portal/bkpsdm/pembinaan'];
    const hr = navItems(me({ roles: ['HR_ADMIN'] })).map((i) => i.href);
    for (const href of bkpsdm) expect(hr).toContain(href);
    expect(hr).not.toContain('/portal/unit/jabatan');
    const manager = navItems(me({ roles: ['UNIT_MANAGER'], managedUnit: { id: '92', name: 'Diskominfo' } })).map((i) => i.href);
    expect(manager).toContain('/portal/unit/jabatan');
    for (const href of bkpsdm) expect(manager).not.toContain(href);
    for (const role of ['AUDITOR', 'SYSADMIN'] as const) {
      const items = navItems(me({ employee: null, roles: [role] })).map((i) => i.href);
      for (const href of [...bkpsdm, '/portal/unit/jabatan']) expect(items).not.toContain(href);
    }
  });

  it('shows BKPSDM its screens, and organisation goals to a unit manager too', () => {
    expect(navItems(me({ employee: null, roles: ['HR_ADMIN'] })).map((i) => i.href)).toEqual([
      '/portal',
      '/portal/unit/pegawai',
      '/portal/unit/kelengkapan',
      '/portal/unit/sasaran',
      '/portal/unit/layanan',
      '/portal/unit/komentar',
      '/portal/unit/tindak-lanjut',
      '/portal/bkpsdm/tahun',
      '/portal/bkpsdm/predikat',
      '/portal/bkpsdm/kalibrasi',
      '/portal/bkpsdm/jabatan',
      '/portal/bkpsdm/pembinaan',
      '/portal/bkpsdm/karier',
      '/portal/bkpsdm/laporan',
      '/portal/bkpsdm/rilis',
      '/portal/bkpsdm/impor',
      '/portal/bkpsdm/bkn',
      '/portal/audit',
      '/portal/notifikasi',
      '/portal/panduan',
      '/portal/profil',
    ]);
    // Twenty links in sections: my own work, the unit, BKPSDM, the system.
    const sections = navSections(me({ employee: null, roles: ['HR_ADMIN'] }));
    expect(sections.map((section) => section.group)).toEqual(['mine', 'unit', 'bkpsdm', 'system']);
    expect(sections.find((section) => section.group === 'unit')?.items.map((i) => i.href)).toContain('/portal/unit/sasaran');
    expect(sections.find((section) => section.group === 'system')?.items.map((i) => i.href)).toEqual(['/portal/audit']);
    // A pegawai has one section only (no label is shown for it).
    expect(navSections(me()).map((section) => section.group)).toEqual(['mine']);
    const manager = navItems(me({ roles: ['UNIT_MANAGER'], managedUnit: { id: '4', name: 'Dinas Kesehatan' } })).map((i) => i.href);
    expect(manager).toContain('/portal/unit/sasaran');
    expect(manager.filter((href) => href.startsWith('/portal/bkpsdm'))).toEqual([]);
    expect(navItems(me({ roles: ['UNIT_MANAGER'] })).map((i) => i.href)).not.toContain('/portal/unit/sasaran');
  });
});

describe('periods and dates', () => {
  it('label periods of each cadence', () => {
    const t = tOf(id);
    expect(periodLabel(t, 'BULANAN', 3)).toBe('Bulan 3');
    expect(periodLabel(t, 'TRIWULAN', 2)).toBe('Triwulan II');
    expect(periodLabel(t, 'SEMESTER', 1)).toBe('Semester I');
    expect(periodLabel(t, 'BULANAN', null)).toBe('Tahunan');
    expect(periodLabel(tOf(en), 'TRIWULAN', 4)).toBe('Quarter IV');
  });
  it('count days to a deadline across months and years', () => {
    expect(daysBetween('2026-04-03', '2026-04-05')).toBe(2);
    expect(daysBetween('2026-04-03', '2026-04-03')).toBe(0);
    expect(daysBetween('2026-04-03', '2026-03-30')).toBe(-4);
    expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3);
  });
  it('write dates in the interface language', () => {
    expect(formatDay('2026-04-05', 'id-ID')).toBe('5 April 2026');
    expect(formatDay('2026-04-05', 'en-GB')).toBe('5 April 2026');
    expect(formatDay('2026-08-17', 'id-ID')).toBe('17 Agustus 2026');
    expect(formatDay('not a date', 'id-ID')).toBe('not a date');
  });
  it('share the app translator for the public catalogue', () => {
    expect(createTranslator('en').t('app.synthetic')).toContain('Synthetic');
  });
});

function respond(status: number, body: unknown): typeof fetch {
  return (async () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })) as typeof fetch;
}

describe('runMutation', () => {
  const pick = (d: MarkNotificationsReadMutation) => d.markNotificationsRead;

  it('returns the result', async () => {
    vi.stubGlobal('fetch', respond(200, { data: { markNotificationsRead: { result: { markedCount: 2, unreadCount: 0 }, errors: [] } } }));
    expect(await runMutation(MarkNotificationsReadDocument, { ids: null }, pick)).toEqual({
      ok: true,
      result: { markedCount: 2, unreadCount: 0 },
    });
  });
  it('returns the payload errors as data, for the fields', async () => {
    const errors = [{ field: 'ids', message: 'Notifikasi tidak ditemukan.', code: 'NOT_FOUND' }];
    vi.stubGlobal('fetch', respond(200, { data: { markNotificationsRead: { result: null, errors } } }));
    expect(await runMutation(MarkNotificationsReadDocument, { ids: ['9'] }, pick)).toEqual({ ok: false, errors });
  });
  it('turns a network failure into a form-level error', async () => {
    vi.stubGlobal('fetch', (async () => {
      throw new TypeError('offline');
    }) as typeof fetch);
    expect(await runMutation(MarkNotificationsReadDocument, { ids: null }, pick)).toEqual({
      ok: false,
      errors: [{ field: null, message: '', code: 'NETWORK' }],
    });
  });
  it('sends an expired session to the login page, keeping the way back', async () => {
    const assign = vi.fn();
    vi.stubGlobal('fetch', respond(401, { errors: [{ message: 'x', extensions: { code: 'UNAUTHENTICATED' } }] }));
    vi.stubGlobal('window', { location: { pathname: '/portal/notifikasi', search: '' }, confirm: () => true });
    vi.stubGlobal('location', { assign });
    const outcome = await runMutation(MarkNotificationsReadDocument, { ids: null }, pick);
    expect(outcome).toEqual({ ok: false, errors: [{ field: null, message: '', code: 'UNAUTHENTICATED' }] });
    expect(assign).toHaveBeenCalledWith('/masuk?kembali=%2Fportal%2Fnotifikasi');
  });
});

describe('drafts', () => {
  it('are kept per page and form, and survive a reload of the module', () => {
    const store = new Map<string, string>();
    vi.stubGlobal('window', {
      location: { pathname: '/portal' },
      sessionStorage: {
        getItem: (k: string) => store.get(k) ?? null,
        setItem: (k: string, v: string) => void store.set(k, v),
        removeItem: (k: string) => void store.delete(k),
      },
    });
    const key = draftKey('quick-log');
    expect(key).toBe('ekinerja.draft:/portal#quick-log');
    expect(draftKey('quick-log', '/portal/skp/2026')).not.toBe(key);
    expect(readDraft(key)).toBeNull();
    writeDraft(key, { text: 'Menyusun laporan' });
    expect(readDraft(key)).toEqual({ text: 'Menyusun laporan' });
    store.set(key, '{broken');
    expect(readDraft(key)).toBeNull(); // a damaged draft is ignored, not a crash
    clearDraft(key);
    expect(store.has(key)).toBe(false);
  });
});
