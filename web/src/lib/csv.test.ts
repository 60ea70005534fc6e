import { describe, expect, it } from 'vitest';
import { csvCell, csvFileName, toCsv } from './csv';

describe('csvCell', () => {
  it('leaves plain text and numbers as they are', () => {
    expect(csvCell('Dinas Kesehatan')).toBe('Dinas Kesehatan');
    expect(csvCell(12)).toBe('12');
    expect(csvCell(-3)).toBe('-3'); // a number is data, not a formula
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it('prefixes what a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('+62 298')).toBe("'+62 298");
    expect(csvCell('-1+1')).toBe("'-1+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('quotes separators, quotes and line breaks', () => {
    expect(csvCell('Sekretariat, Bagian Umum')).toBe('"Sekretariat, Bagian Umum"');
    expect(csvCell('Kepala "Plt"')).toBe('"Kepala ""Plt"""');
    expect(csvCell('baris\nkedua')).toBe('"baris\nkedua"');
  });
});

describe('toCsv', () => {
  it('has a BOM, the header first and CRLF line ends', () => {
    const text = toCsv(['Pegawai', 'Unit'], [['Ana', 'Diskominfo'], ['=Budi', 'A, B']]);
    expect(text.startsWith('\ufeffPegawai,Unit\r\n')).toBe(true);
    expect(text).toBe("\ufeffPegawai,Unit\r\nAna,Diskominfo\r\n'=Budi,\"A, B\"\r\n");
  });

  it('is a header alone for an empty list', () => {
    expect(toCsv(['Pegawai'], [])).toBe('\ufeffPegawai\r\n');
  });
});

describe('csvFileName', () => {
  it('keeps letters and digits, joined by hyphens', () => {
    expect(csvFileName('talent pool', 2026, 'Dinas Pangan & Pertanian')).toBe('talent-pool-2026-dinas-pangan-pertanian.csv');
    expect(csvFileName('Rekomendasi penghargaan', 'Kecamatan Sidomukti')).toBe('rekomendasi-penghargaan-kecamatan-sidomukti.csv');
    expect(csvFileName('', '/')).toBe('data.csv');
  });
});
