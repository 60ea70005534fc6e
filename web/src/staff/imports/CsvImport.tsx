/**
 * The one import flow of BKPSDM's CSV files (organisation, employees, SKPs from BKN): pick or drop
 * a file → the server checks it without writing (`previewImport`) → a table of the file with each
 * row's errors in place → "Terapkan" applies it in one transaction (only when every row is
 * correct) with a progress indicator → the summary. The browser only checks what it can know
 * without the data (a .csv, the size, UTF-8); every rule of the data is the server's.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ImportKind } from '../../graphql/internal/types';
import { runMutation, type FieldError, type MutationOutcome } from '../api';
import { useErrorText } from '../ui/form';
import { ApplyBknImportDocument } from './ApplyBknImport.generated';
import { ApplyEmployeesImportDocument } from './ApplyEmployeesImport.generated';
import { ApplyOrganisationImportDocument } from './ApplyOrganisationImport.generated';
import { PreviewImportDocument, type ImportOutcomeFragment, type PreviewImportMutation } from './PreviewImport.generated';
import { useImportMessages } from './messages';
import './imports.css';
import { HelpPanel, HelpToggle, useHelpToggle } from '../ui/help';

/** The API refuses a longer text (server/api/internal/interop.py MAX_CSV_TEXT). */
export const MAX_FILE_BYTES = 5_000_000;

export const TEMPLATES: Record<ImportKind, string> = {
  ORGANISATION: '/templat-impor-organisasi.csv',
  EMPLOYEES: '/templat-impor-pegawai.csv',
  BKN_SKP: '/templat-impor-skp-bkn.csv',
};

type Preview = NonNullable<PreviewImportMutation['previewImport']['result']>;
interface ChosenFile {
  name: string;
  size: number;
  text: string;
}
type Step =
  | { at: 'idle' }
  | { at: 'checking' }
  | { at: 'checked'; preview: Preview }
  | { at: 'applying'; preview: Preview }
  | { at: 'applied'; preview: Preview; outcome: ImportOutcomeFragment };

export type ReadResult = { ok: true; file: ChosenFile } | { ok: false; problem: 'notCsv' | 'tooLarge' | 'notUtf8' | 'unreadable' };

/** What the browser can check of a file before sending it: a CSV, the size, UTF-8 (BOM allowed). */
export async function readCsvFile(file: File): Promise<ReadResult> {
  const looksCsv = /\.csv$/i.test(file.name) || file.type === 'text/csv';
  if (!looksCsv) return { ok: false, problem: 'notCsv' };
  if (file.size > MAX_FILE_BYTES) return { ok: false, problem: 'tooLarge' };
  let bytes: ArrayBuffer;
  try {
    bytes = await file.arrayBuffer();
  } catch {
    return { ok: false, problem: 'unreadable' };
  }
  try {
    // fatal: a Latin-1 or UTF-16 file is refused here instead of arriving garbled.
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { ok: true, file: { name: file.name, size: file.size, text } };
  } catch {
    return { ok: false, problem: 'notUtf8' };
  }
}

function applyImport(kind: ImportKind, csv: string, year: number | null): Promise<MutationOutcome<ImportOutcomeFragment | null>> {
  if (kind === 'ORGANISATION') return runMutation(ApplyOrganisationImportDocument, { csv }, (d) => d.importOrganisation);
  if (kind === 'EMPLOYEES') return runMutation(ApplyEmployeesImportDocument, { csv }, (d) => d.importEmployees);
  return runMutation(ApplyBknImportDocument, { csv, year: year ?? 0 }, (d) => d.importSkpFromBkn);
}

function sizeText(bytes: number, locale: string): string {
  const kb = bytes / 1024;
  return kb < 1024 ? `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(kb)} KB` : `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(kb / 1024)} MB`;
}

export function CsvImport(props: { kind: ImportKind; year?: number | null; idPrefix: string }) {
  const { t, lang, locale } = useImportMessages();
  const errorText = useErrorText();
  const { kind, idPrefix } = props;
  const year = props.year ?? null;
  const picker = useRef<HTMLInputElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const [dragging, setDragging] = useState(false);
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [fileErrors, setFileErrors] = useState<string[]>([]);
  const [step, setStep] = useState<Step>({ at: 'idle' });
  // Server messages are Indonesian: marked so in the English interface.
  const serverLang = lang === 'id' ? undefined : 'id';

  useEffect(() => {
    if (step.at === 'checked' || step.at === 'applied') resultRef.current?.focus();
  }, [step.at]);

  const choose = async (files: FileList | null) => {
    const picked = files?.[0];
    if (!picked) return;
    setStep({ at: 'checking' });
    setFile(null);
    setFileErrors([]);
    const read = await readCsvFile(picked);
    if (!read.ok) {
      setStep({ at: 'idle' });
      setFileErrors([t(`imp.${read.problem}`, { name: picked.name, size: sizeText(picked.size, locale) })]);
      return;
    }
    setFile(read.file);
    const outcome = await runMutation(PreviewImportDocument, { kind, csv: read.file.text, year }, (d) => d.previewImport);
    if (outcome.ok) setStep({ at: 'checked', preview: outcome.result });
    else {
      setStep({ at: 'idle' });
      setFileErrors(outcome.errors.map((e: FieldError) => errorText(e)));
    }
  };

  const apply = async (preview: Preview) => {
    if (!file) return;
    setStep({ at: 'applying', preview });
    const outcome = await applyImport(kind, file.text, year);
    if (!outcome.ok || outcome.result === null) {
      setStep({ at: 'checked', preview });
      setFileErrors(outcome.ok ? [t('imp.applyFailed')] : [t('imp.applyFailed'), ...outcome.errors.map((e) => errorText(e))]);
      return;
    }
    if (!outcome.result.ok) {
      // The data changed since the preview: show the new errors in place, nothing was written.
      setStep({ at: 'checked', preview: { ...preview, result: outcome.result } });
      return;
    }
    setStep({ at: 'applied', preview, outcome: outcome.result });
  };

  const inputId = `${idPrefix}-file`;
  const errorId = `${inputId}-error`;
  const busy = step.at === 'checking' || step.at === 'applying';
  const fileHelp = useHelpToggle();
  return (
    <div class="csv-import" data-testid="csv-import" data-kind={kind}>
      <p>
        <a href={TEMPLATES[kind]} download data-testid="import-template">
          {t('imp.template', { kind: t(`imp.kind.${kind}`) })}
        </a>
      </p>
      <div
        class={dragging ? 'dropzone dropzone-active' : 'dropzone'}
        data-testid="import-dropzone"
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          if (!busy) void choose(event.dataTransfer?.files ?? null);
        }}
      >
        <div class="field-label-row">
          <p class="dropzone-title" id={`${inputId}-title`}>
            {t('imp.file')}
          </p>
          <HelpToggle open={fileHelp.open} onToggle={fileHelp.toggle} controls={`${inputId}-help`} topic={t('imp.file')} />
        </div>
        <HelpPanel id={`${inputId}-help`} open={fileHelp.open}>
          <p>{t('imp.help.file')}</p>
        </HelpPanel>
        <p class="hint" id={`${inputId}-hint`}>
          {t('imp.fileHint')}
        </p>
        {fileErrors.length > 0 ? (
          <div id={errorId} class="field-error" role="alert" data-testid="import-file-error">
            {fileErrors.map((message, index) => (
              <p key={index}>{message}</p>
            ))}
          </div>
        ) : null}
        <div class="dropzone-actions">
          <button
            type="button"
            class="button button-secondary"
            id={inputId}
            disabled={busy}
            aria-describedby={`${inputId}-title ${inputId}-hint${fileErrors.length > 0 ? ` ${errorId}` : ''}`}
            onClick={() => picker.current?.click()}
            data-testid="import-pick"
          >
            {t('imp.pick')}
          </button>
          <span class="dropzone-drop" aria-hidden="true">
            {dragging ? t('imp.dropActive') : t('imp.drop')}
          </span>
        </div>
        <p class="import-file-name" data-testid="import-file-name">
          {file ? t('imp.chosen', { name: file.name, size: sizeText(file.size, locale) }) : t('imp.none')}
        </p>
        <input
          ref={picker}
          type="file"
          accept=".csv,text/csv"
          hidden
          data-testid="import-file-input"
          onChange={(event) => {
            void choose(event.currentTarget.files);
            event.currentTarget.value = '';
          }}
        />
      </div>
      <div role="status" aria-live="polite" class="import-status">
        {step.at === 'checking' ? (
          <p class="loading" data-testid="import-checking">
            {t('imp.checking')}
          </p>
        ) : null}
        {step.at === 'applying' && file ? (
          <div class="import-progress" data-testid="import-progress">
            <progress aria-label={t('imp.applying', { name: file.name })} />
            <p>{t('imp.applying', { name: file.name })}</p>
          </div>
        ) : null}
      </div>
      {step.at === 'applied' && file ? (
        <div
          ref={resultRef}
          tabIndex={-1}
          class="notice notice-info import-summary"
          data-testid="import-summary"
          data-created={step.outcome.created}
          data-updated={step.outcome.updated}
          data-unchanged={step.outcome.unchanged}
        >
          <p class="import-summary-title">{t('imp.appliedTitle', { name: file.name })}</p>
          <p>{t('imp.applied', { created: step.outcome.created, updated: step.outcome.updated, unchanged: step.outcome.unchanged })}</p>
          <button
            type="button"
            class="button button-secondary button-small"
            onClick={() => {
              setStep({ at: 'idle' });
              setFile(null);
              picker.current?.click();
            }}
          >
            {t('imp.again')}
          </button>
        </div>
      ) : null}
      {(step.at === 'checked' || step.at === 'applying') && file ? (
        <PreviewTable preview={step.preview} fileName={file.name} resultRef={resultRef} serverLang={serverLang} idPrefix={idPrefix} applying={step.at === 'applying'} onApply={() => void apply(step.preview)} />
      ) : null}
    </div>
  );
}

function PreviewTable(props: {
  preview: Preview;
  fileName: string;
  resultRef: { current: HTMLDivElement | null };
  serverLang: string | undefined;
  idPrefix: string;
  applying: boolean;
  onApply: () => void;
}) {
  const { t } = useImportMessages();
  const { preview, serverLang, idPrefix } = props;
  const outcome = preview.result;
  const shownLines = new Set(preview.rows.map((r) => r.line));
  const byLine = new Map<number, ImportOutcomeFragment['errors']>();
  for (const error of outcome.errors) byLine.set(error.line, [...(byLine.get(error.line) ?? []), error]);
  // Errors of the file as a whole (line 1, the header) or of a line the table does not hold.
  const fileLevel = outcome.errors.filter((e) => e.line <= 1 || !shownLines.has(e.line));
  const badRows = new Set(outcome.errors.filter((e) => e.line > 1).map((e) => e.line)).size;
  const captionId = `${idPrefix}-preview-caption`;
  const blockedId = `${idPrefix}-apply-blocked`;
  return (
    <section class="section import-preview" aria-labelledby={`${idPrefix}-preview-title`} data-testid="import-preview" data-ok={String(outcome.ok)} data-rows={preview.rowCount}>
      <h3 id={`${idPrefix}-preview-title`}>{t('imp.preview')}</h3>
      <div ref={props.resultRef} tabIndex={-1} class={outcome.ok ? 'notice notice-info' : 'notice notice-warning'} data-testid="import-verdict">
        <p>{t('imp.rows', { count: preview.rowCount })}</p>
        {outcome.ok ? (
          <p data-testid="import-ready">
            {outcome.created + outcome.updated === 0 ? t('imp.nothingNew') : t('imp.ready', { created: outcome.created, updated: outcome.updated, unchanged: outcome.unchanged })}
          </p>
        ) : badRows > 0 ? (
          <p data-testid="import-bad-count" data-count={badRows}>
            {t('imp.badCount', { count: badRows })}
          </p>
        ) : null}
        {fileLevel.length > 0 ? (
          <div data-testid="import-file-errors">
            <p>{t('imp.fileProblem')}</p>
            <ul>
              {fileLevel.map((e, index) => (
                <li key={index} lang={serverLang} data-line={e.line}>
                  {e.line > 1 ? `${t('imp.col.line')} ${e.line}: ` : ''}
                  {e.field ? t('imp.cellError', { column: e.field, message: e.message }) : e.message}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
      {/* Before the table: a long file would push the button far down. */}
      <div class="form-actions">
        <button
          type="button"
          class="button button-primary"
          disabled={!outcome.ok || props.applying}
          aria-describedby={outcome.ok ? undefined : blockedId}
          onClick={props.onApply}
          data-testid="import-apply"
        >
          {t('imp.apply')}
        </button>
        {outcome.ok ? null : (
          <span id={blockedId} class="hint">
            {t('imp.applyBlocked')}
          </span>
        )}
      </div>
      {preview.columns.length > 0 && preview.rows.length > 0 ? (
        <>
          {preview.rows.length < preview.rowCount ? <p class="hint">{t('imp.rowsShown', { shown: preview.rows.length, count: preview.rowCount })}</p> : null}
          <div class="table-scroll" tabIndex={0} role="region" aria-labelledby={captionId}>
            <table class="data-table import-table">
              <caption id={captionId}>{t('imp.previewCaption', { name: props.fileName })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('imp.col.line')}</th>
                  <th scope="col">{t('imp.col.status')}</th>
                  {preview.columns.map((column) => (
                    <th key={column} scope="col">
                      <code>{column}</code>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((row) => {
                  const errors = byLine.get(row.line) ?? [];
                  const rowWide = errors.filter((e) => e.field === null || !preview.columns.includes(e.field));
                  return (
                    <tr key={row.line} class={errors.length > 0 ? 'row-invalid' : undefined} data-testid="import-row" data-line={row.line} data-ok={String(errors.length === 0)}>
                      <th scope="row">{row.line}</th>
                      <td>
                        {errors.length === 0 ? (
                          t('imp.rowOk')
                        ) : (
                          <>
                            <strong class="cell-error-title">{t('imp.rowBad', { line: row.line })}</strong>
                            {errors.some((e) => e.field !== null && preview.columns.includes(e.field)) ? (
                              // Where to look (the messages are in the cells): visible at 360 px without scrolling.
                              <span class="cell-error-where">
                                {t('imp.seeColumns', { columns: [...new Set(errors.flatMap((e) => (e.field !== null && preview.columns.includes(e.field) ? [e.field] : [])))].join(', ') })}
                              </span>
                            ) : null}
                            {rowWide.map((e, index) => (
                              <span key={index} class="cell-error" lang={serverLang} data-testid="import-row-error">
                                {e.message}
                              </span>
                            ))}
                          </>
                        )}
                      </td>
                      {preview.columns.map((column, index) => {
                        const here = errors.filter((e) => e.field === column);
                        return (
                          <td key={column} class={here.length > 0 ? 'cell-invalid' : undefined}>
                            <span class="cell-value">{row.cells[index]}</span>
                            {here.map((e, i) => (
                              <span key={i} class="cell-error" lang={serverLang} data-testid="import-cell-error" data-field={column}>
                                {e.message}
                              </span>
                            ))}
                          </td>
                        );
                      })}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}
