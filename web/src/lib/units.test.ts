import { describe, expect, it } from 'vitest';
import type { LandingUnit, UnitKind } from '../public/types';
import { buildUnitTree, countNodes, filterUnitTree, normaliseText, topLevelNodes, type UnitNode } from './units';

const u = (code: string, name: string, kind: UnitKind, parentCode: string | null): LandingUnit => ({
  code,
  name,
  kind,
  parentCode,
});

const UNITS: LandingUnit[] = [
  u('KEC-SDM', 'Kecamatan Sidomukti', 'KECAMATAN', 'PEMKOT'),
  u('KEL-KCB', 'Kelurahan Kecandran', 'KELURAHAN', 'KEC-SDM'),
  u('KEL-DUK', 'Kelurahan Dukuh', 'KELURAHAN', 'KEC-SDM'),
  u('DINKES-SEK', 'Sekretariat', 'SEKRETARIAT', 'DINKES'),
  u('DINKES', 'Dinas Kesehatan', 'PERANGKAT_DAERAH', 'PEMKOT'),
  u('DINKES-P2P', 'Bidang Pencegahan dan Pengendalian Penyakit', 'BIDANG', 'DINKES'),
  u('DINKES-UPTD', 'UPTD Puskesmas Sidorejo Lor', 'UPTD', 'DINKES'),
  u('PEMKOT', 'Pemerintah Kota Salatiga', 'INSTANSI', null),
  u('BKPSDM', 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia', 'PERANGKAT_DAERAH', 'PEMKOT'),
];

const names = (nodes: readonly UnitNode[]): string[] => nodes.map((n) => n.unit.code);

describe('buildUnitTree', () => {
  it('builds one instansi root with perangkat daerah before kecamatan', () => {
    const roots = buildUnitTree(UNITS);
    expect(names(roots)).toEqual(['PEMKOT']);
    expect(names(roots[0]!.children)).toEqual(['BKPSDM', 'DINKES', 'KEC-SDM']);
  });

  it('orders siblings by kind (sekretariat, bidang, UPTD) and then by name', () => {
    const dinkes = buildUnitTree(UNITS)[0]!.children.find((n) => n.unit.code === 'DINKES')!;
    expect(names(dinkes.children)).toEqual(['DINKES-SEK', 'DINKES-P2P', 'DINKES-UPTD']);
    const kecamatan = buildUnitTree(UNITS)[0]!.children.find((n) => n.unit.code === 'KEC-SDM')!;
    expect(names(kecamatan.children)).toEqual(['KEL-DUK', 'KEL-KCB']);
  });

  it('keeps every unit exactly once', () => {
    expect(countNodes(buildUnitTree(UNITS))).toBe(UNITS.length);
  });

  it('turns units with an unknown parent into roots instead of dropping them', () => {
    const roots = buildUnitTree([...UNITS, u('ORPHAN', 'Unit Yatim', 'BIDANG', 'NOPE')]);
    expect(names(roots)).toContain('ORPHAN');
    expect(countNodes(roots)).toBe(UNITS.length + 1);
  });

  it('breaks parent cycles and self-references without losing units', () => {
    const roots = buildUnitTree([
      u('A', 'A', 'BIDANG', 'B'),
      u('B', 'B', 'BIDANG', 'A'),
      u('C', 'C', 'SEKSI', 'C'),
    ]);
    expect(countNodes(roots)).toBe(3);
    expect(roots.length).toBe(2);
  });

  it('returns an empty forest for an empty list', () => {
    expect(buildUnitTree([])).toEqual([]);
  });
});

describe('topLevelNodes', () => {
  it('shows the children of a single instansi root at the top level', () => {
    const { instansi, nodes } = topLevelNodes(buildUnitTree(UNITS));
    expect(instansi?.name).toBe('Pemerintah Kota Salatiga');
    expect(names(nodes)).toEqual(['BKPSDM', 'DINKES', 'KEC-SDM']);
  });

  it('falls back to the roots when there is no single instansi', () => {
    const { instansi, nodes } = topLevelNodes(buildUnitTree(UNITS.filter((x) => x.code !== 'PEMKOT')));
    expect(instansi).toBeNull();
    expect(names(nodes)).toEqual(['BKPSDM', 'DINKES', 'KEC-SDM']);
  });
});

describe('filterUnitTree', () => {
  const top = topLevelNodes(buildUnitTree(UNITS)).nodes;

  it('keeps everything for an empty or blank query', () => {
    const result = filterUnitTree(top, '   ');
    expect(countNodes(result.nodes)).toBe(countNodes(top));
    expect(result.expanded.size).toBe(0);
  });

  it('keeps a deep match with its ancestors, which are expanded', () => {
    const result = filterUnitTree(top, 'dukuh');
    expect(names(result.nodes)).toEqual(['KEC-SDM']);
    expect(names(result.nodes[0]!.children)).toEqual(['KEL-DUK']);
    expect([...result.expanded]).toEqual(['KEC-SDM']);
    expect([...result.matched]).toEqual(['KEL-DUK']);
  });

  it('is case- and accent-insensitive and requires every word', () => {
    expect([...filterUnitTree(top, 'KELURAHAN kécandran').matched]).toEqual(['KEL-KCB']);
    expect(filterUnitTree(top, 'kelurahan zzz').nodes).toEqual([]);
  });

  it('keeps the whole subtree of a matching unit', () => {
    const result = filterUnitTree(top, 'dinas kesehatan');
    expect(names(result.nodes)).toEqual(['DINKES']);
    expect(result.nodes[0]!.children.length).toBe(3);
  });

  it('matches unit codes too', () => {
    expect([...filterUnitTree(top, 'bkpsdm').matched]).toEqual(['BKPSDM']);
  });

  it('matches several branches at once', () => {
    const result = filterUnitTree(top, 'sido');
    // "Sidomukti" (kecamatan) and "Puskesmas Sidorejo Lor" (UPTD under Dinkes).
    expect(names(result.nodes)).toEqual(['DINKES', 'KEC-SDM']);
    expect(names(result.nodes[0]!.children)).toEqual(['DINKES-UPTD']);
    expect(result.matched).toEqual(new Set(['KEC-SDM', 'DINKES-UPTD']));
  });

  it('does not mutate the input tree', () => {
    const before = countNodes(top);
    filterUnitTree(top, 'dukuh');
    expect(countNodes(top)).toBe(before);
  });
});

describe('normaliseText', () => {
  it('lower-cases, strips accents and collapses whitespace', () => {
    expect(normaliseText('  Kécamatan   ARGOMULYO ')).toBe('kecamatan argomulyo');
  });
});
