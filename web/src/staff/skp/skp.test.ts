import { describe, expect, it } from 'vitest';
import { decimalOf } from './parts';
import { documentOfVersion, formatNip, targetText } from './planData';
import { currentYear } from '../../lib/instansiTime';

describe('SKP document data', () => {
  it('reads a set version (the frozen JSON) with the intervened RHK it knows', () => {
    const content = {
      format: 1,
      approach: 'KUANTITATIF',
      work_results: [
        {
          id: 7,
          kind: 'UTAMA',
          text: 'Laporan bulanan',
          parent_id: 3,
          org_goal_id: null,
          ordinal: 1,
          indicators: [{ id: 9, aspect: 'KUANTITAS', text: 'Jumlah laporan', target_value: '12', target_unit: 'laporan', target_description: null, perspective: null, ordinal: 1 }],
        },
        { id: 8, kind: 'TAMBAHAN', text: 'Tugas lain', parent_id: 4, org_goal_id: null, ordinal: 2, indicators: [] },
      ],
      behavior_expectations: [{ value: 'KOLABORATIF', expectation: 'Aktif berbagi data' }],
      lampiran: { resource_support: 'Laptop', accountability_scheme: null, consequences: null },
      identity_snapshot: {
        taken_on: '2026-01-05',
        pegawai: { name: 'Ani', nip: '199309212019101001', pangkat: 'Penata Muda', golongan: 'III/a', jabatan: 'Analis', unit: 'Seksi A' },
        penilai: { name: 'Budi', nip: '197911202004011001', pangkat: null, golongan: 'III/d', jabatan: 'Kepala Seksi', unit: 'Seksi A' },
      },
    };
    const known = new Map([['3', { text: 'RHK kepala seksi', ownerName: 'Budi' }]]);
    const doc = documentOfVersion(content, { year: 2026, jpt: false, approvedAt: '2026-01-08T02:00:00Z', known });
    expect(doc.pegawai).toEqual({ name: 'Ani', nip: '19930921 201910 1 001', rank: 'Penata Muda, III/a', position: 'Analis', unit: 'Seksi A' });
    expect(doc.penilai?.rank).toBe('III/d');
    expect(doc.workResults[0]?.parent).toEqual({ id: '3', text: 'RHK kepala seksi', ownerName: 'Budi' });
    expect(doc.workResults[1]?.parent).toEqual({ id: '4', text: null, ownerName: null });
    expect(doc.workResults[0]?.indicators[0]?.targetValue).toBe('12');
    expect(doc.expectations).toEqual({ KOLABORATIF: 'Aktif berbagi data' });
    expect(doc.lampiran.resourceSupport).toBe('Laptop');
  });

  it('survives content it does not understand', () => {
    const doc = documentOfVersion('garbage', { year: 2026, jpt: true, approvedAt: '2026-01-08T02:00:00Z', known: new Map() });
    expect(doc.workResults).toEqual([]);
    expect(doc.penilai).toBeNull();
  });

  it('writes targets as on the form', () => {
    expect(targetText({ targetValue: '12', targetUnit: 'laporan', targetDescription: null }, 'id-ID')).toBe('12 laporan');
    expect(targetText({ targetValue: '95.5', targetUnit: '%', targetDescription: null }, 'id-ID')).toBe('95,5 %');
    expect(targetText({ targetValue: null, targetUnit: null, targetDescription: 'Tanpa temuan' }, 'id-ID')).toBe('Tanpa temuan');
    expect(targetText({ targetValue: null, targetUnit: null, targetDescription: null }, 'en-GB')).toBe('');
  });

  it('reads decimal targets typed with a comma or a dot, and refuses other text', () => {
    expect(decimalOf(' 12,5 ')).toBe('12.5');
    expect(decimalOf('14')).toBe('14');
    expect(decimalOf('')).toBeNull();
    expect(decimalOf('12 laporan')).toBeUndefined();
    expect(decimalOf('1e5')).toBeUndefined();
  });

  it('formats an 18-digit NIP with the official spaces and leaves others alone', () => {
    expect(formatNip('197911202004011001')).toBe('19791120 200401 1 001');
    expect(formatNip('admin')).toBe('admin');
  });

  it('takes the current year in the instansi zone (Asia/Jakarta)', () => {
    expect(currentYear(new Date('2026-12-31T17:30:00Z'))).toBe(2027);
    expect(currentYear(new Date('2026-12-31T16:30:00Z'))).toBe(2026);
  });
});
