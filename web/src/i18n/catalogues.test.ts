import { describe, expect, it } from 'vitest';
import { en } from './en';
import { id } from './id';
import { catalogues, createTranslator, formatMessage } from './index';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('i18n catalogues', () => {
  it('have exactly the same keys in Indonesian and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(id).sort());
  });

  it('have no empty messages', () => {
    for (const catalogue of Object.values(catalogues)) {
      for (const [key, value] of Object.entries(catalogue)) {
        expect(value.trim(), key).not.toBe('');
      }
    }
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(id) as Array<keyof typeof id>) {
      expect(placeholders(en[key]), key).toEqual(placeholders(id[key]));
    }
  });

  it('translate every enum value used by the API', () => {
    const enums: Record<string, string[]> = {
      unitKind: ['INSTANSI', 'PERANGKAT_DAERAH', 'KECAMATAN', 'SEKRETARIAT', 'BIDANG', 'BAGIAN', 'SUBBAGIAN', 'SEKSI', 'UPTD', 'KELURAHAN'],
      band: ['A', 'B', 'C', 'D'],
      unsur: ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9'],
    };
    for (const [group, codes] of Object.entries(enums)) {
      for (const code of codes) expect(Object.keys(id), `${group}.${code}`).toContain(`${group}.${code}`);
    }
  });

  it('carry the required wording', () => {
    expect(id['app.synthetic']).toBe('Data demo sintetis — semua nama dan angka adalah rekaan');
    expect(en['app.synthetic']).toBe('Synthetic demo data — all names and numbers are invented');
    expect(id['withheld.belowThreshold']).toBe('disembunyikan: menyangkut kurang dari {n} orang');
    // The nine unsur of PermenPANRB 14/2017, in Indonesian.
    expect(id['unsur.U1']).toBe('Persyaratan');
    expect(id['unsur.U8']).toBe('Penanganan Pengaduan, Saran dan Masukan');
    expect(id['band.C']).toBe('C (Kurang Baik)');
  });
});

describe('translator', () => {
  it('formats the rate-limit message in both languages', () => {
    expect(createTranslator('id').t('login.errorTooMany', { seconds: 42 })).toBe(
      'Terlalu banyak percobaan. Coba lagi dalam 42 detik.',
    );
    expect(createTranslator('en').t('login.errorTooMany', { seconds: 42 })).toBe('Too many attempts. Try again in 42 s.');
  });

  it('formats numbers with the locale and leaves unknown placeholders alone', () => {
    expect(formatMessage('{n} unit {x}', { n: 1234 }, 'id-ID')).toBe('1.234 unit {x}');
    expect(formatMessage('{n} units', { n: 1234 }, 'en-GB')).toBe('1,234 units');
  });

  it('labels enum codes and falls back to the code when unknown', () => {
    const { te } = createTranslator('id');
    expect(te('unitKind', 'KECAMATAN')).toBe('Kecamatan');
    expect(te('unitKind', 'NEW_KIND')).toBe('NEW_KIND');
  });
});
