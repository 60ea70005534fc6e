import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, readCsvFile } from './CsvImport';
import { useImportMessages } from './messages';

function file(parts: BlobPart[], name: string, type = 'text/csv'): File {
  return new File(parts, name, { type });
}

describe('what the browser checks of an import file before sending it', () => {
  it('reads UTF-8 and drops the BOM Excel writes', async () => {
    const read = await readCsvFile(file([new Uint8Array([0xef, 0xbb, 0xbf]), 'nip,nama\n1,Ré\n'], 'pegawai.csv'));
    expect(read).toEqual({ ok: true, file: { name: 'pegawai.csv', size: 18, text: 'nip,nama\n1,Ré\n' } });
  });
  it('refuses a Latin-1 file instead of sending it garbled', async () => {
    const read = await readCsvFile(file([new Uint8Array([0x6e, 0x61, 0x6d, 0x61, 0x0a, 0x52, 0xe9])], 'latin1.csv'));
    expect(read).toEqual({ ok: false, problem: 'notUtf8' });
  });
  it('refuses what is not a CSV, and a file over the limit', async () => {
    expect(await readCsvFile(file(['x'], 'foto.png', 'image/png'))).toEqual({ ok: false, problem: 'notCsv' });
    expect(await readCsvFile(file([new Uint8Array(MAX_FILE_BYTES + 1)], 'besar.csv'))).toEqual({ ok: false, problem: 'tooLarge' });
  });
  it('accepts a .csv whatever type the system gives it', async () => {
    expect((await readCsvFile(file(['a\n'], 'DATA.CSV', 'application/vnd.ms-excel'))).ok).toBe(true);
  });
});

describe('the import catalogue', () => {
  it('has a message for every problem readCsvFile reports', () => {
    const { id, en } = useImportMessages.catalogues;
    for (const problem of ['notCsv', 'tooLarge', 'notUtf8', 'unreadable'] as const) {
      expect(id[`imp.${problem}`]).toBeTruthy();
      expect(en[`imp.${problem}`]).toBeTruthy();
    }
  });
});
