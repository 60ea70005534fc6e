/**
 * CSV files made in the browser from data a screen already holds (lists that are not one of the
 * server's report definitions). The same shape as the server's report CSVs: UTF-8 with a BOM (so
 * a spreadsheet reads "ä" and "—" right), comma separated, CRLF line ends, a header row first.
 * A cell that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
 * return: names and unit names come from people) gets a leading apostrophe.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell, neutralised against formula injection and quoted when it needs to be. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The file's text: BOM, header row, one row per record, CRLF after each line. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>): string {
  const lines = [header, ...rows].map((cells) => cells.map(csvCell).join(','));
  return `\ufeff${lines.map((line) => `${line}\r\n`).join('')}`;
}

/** A file name safe on every system: lower case letters, digits and hyphens, then ".csv". */
export function csvFileName(...parts: ReadonlyArray<string | number>): string {
  const stem = parts
    .map((p) =>
      String(p)
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, ''),
    )
    .filter(Boolean)
    .join('-');
  return `${stem || 'data'}.csv`;
}

/** Saves the text as a download (an object URL on a temporary link, released afterwards). */
export function saveCsv(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Later, not now: some browsers read the URL after click() returns.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
