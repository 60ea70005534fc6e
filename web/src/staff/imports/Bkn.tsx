/** /portal/bkpsdm/bkn: the BKN e-Kinerja files — export (SKPs or appraisal results of a year, CSV or
 * JSON, the whole instansi or one unit's subtree: `GET /api/interop/…`) and import of SKPs set in
 * BKN with the preview of ./CsvImport.tsx. */
import { useState } from 'preact/hooks';
import { EmptyState, PageHeading } from '../../components';
import { useStaffQuery } from '../api';
import { QueryView } from '../ui/states';
import { CsvImport } from './CsvImport';
import { ImportYearsDocument, type ImportYearsQuery } from './ImportYears.generated';
import { useImportMessages } from './messages';
import { Help, LabelWithHelp } from '../ui/help';

type Year = ImportYearsQuery['appraisalYears'][number];
const UNIT_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** The running year if there is one, else the latest. */
function defaultYear(years: Year[]): number {
  const open = years.filter((y) => y.status === 'DIBUKA').map((y) => y.year);
  const all = years.map((y) => y.year);
  return Math.max(...(open.length > 0 ? open : all));
}

export function BknPage() {
  const { t } = useImportMessages();
  const query = useStaffQuery(ImportYearsDocument, {});
  return (
    <>
      <PageHeading>{t('bkn.title')}</PageHeading>
      <p class="lead">{t('bkn.lead')}</p>
      <QueryView query={query}>
        {(data) =>
          data.appraisalYears.length === 0 ? (
            <EmptyState testId="bkn-no-years">
              <p>{t('imp.noYears')}</p>
            </EmptyState>
          ) : (
            <>
              <ExportSection years={data.appraisalYears} />
              <ImportSection years={data.appraisalYears} />
            </>
          )
        }
      </QueryView>
    </>
  );
}

function YearSelect(props: { id: string; years: Year[]; value: number; hint?: string; onChange: (year: number) => void }) {
  const { t } = useImportMessages();
  const years = [...props.years].sort((a, b) => b.year - a.year);
  return (
    <div class="field">
      <LabelWithHelp for={props.id} topic={t('imp.year')} help={t('imp.help.year')}>
        {t('imp.year')}
      </LabelWithHelp>
      {props.hint ? (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <select id={props.id} value={String(props.value)} aria-describedby={props.hint ? `${props.id}-hint` : undefined} onChange={(event) => props.onChange(Number(event.currentTarget.value))}>
        {years.map((y) => (
          <option key={y.id} value={String(y.year)}>
            {y.year}
          </option>
        ))}
      </select>
    </div>
  );
}

function ExportSection(props: { years: Year[] }) {
  const { t } = useImportMessages();
  const [year, setYear] = useState(() => defaultYear(props.years));
  const [what, setWhat] = useState<'skp' | 'evaluations'>('skp');
  const [format, setFormat] = useState<'csv' | 'json'>('csv');
  const [unit, setUnit] = useState('');
  const unitCode = unit.trim().toUpperCase();
  const unitBad = unitCode !== '' && !UNIT_CODE.test(unitCode);
  const params = new URLSearchParams({ year: String(year) });
  if (unitCode) params.set('unitCode', unitCode);
  const href = `/api/interop/${what}.${format}?${params.toString()}`;
  const file = `bkn-${what === 'skp' ? 'skp' : 'penilaian'}-${year}${unitCode ? `-${unitCode}` : ''}.${format}`;
  return (
    <section class="section" aria-labelledby="bkn-export">
      <h2 id="bkn-export">{t('bkn.export')}</h2>
      <p>{t('bkn.exportLead')}</p>
      <div class="form bkn-export" data-testid="bkn-export">
        <YearSelect id="bkn-export-year" years={props.years} value={year} onChange={setYear} />
        <fieldset class="field radio-group">
          <legend>{t('bkn.what')}</legend>
          <Help id="bkn-what-help" topic={t('bkn.what')}>
            <p>{t('bkn.help.what')}</p>
          </Help>
          {(['skp', 'evaluations'] as const).map((value) => (
            <label key={value} class="radio">
              <input type="radio" name="bkn-what" value={value} checked={what === value} onChange={() => setWhat(value)} data-testid={`bkn-what-${value}`} /> {t(`bkn.what.${value}`)}
            </label>
          ))}
        </fieldset>
        <fieldset class="field radio-group">
          <legend>{t('bkn.format')}</legend>
          <Help id="bkn-format-help" topic={t('bkn.format')}>
            <p>{t('bkn.help.format')}</p>
          </Help>
          {(['csv', 'json'] as const).map((value) => (
            <label key={value} class="radio">
              <input type="radio" name="bkn-format" value={value} checked={format === value} onChange={() => setFormat(value)} data-testid={`bkn-format-${value}`} /> {value.toUpperCase()}
            </label>
          ))}
        </fieldset>
        <div class={unitBad ? 'field field-invalid' : 'field'}>
          <LabelWithHelp for="bkn-export-unit" topic={t('bkn.unit')} help={t('bkn.help.unit')}>
            {t('bkn.unit')} <span class="field-optional">({t('imp.optional')})</span>
          </LabelWithHelp>
          <p class="hint" id="bkn-export-unit-hint">
            {t('bkn.unitHint')}
          </p>
          {unitBad ? (
            <p class="field-error" id="bkn-export-unit-error" data-testid="error-unitCode">
              {t('bkn.unitBad')}
            </p>
          ) : null}
          <input
            id="bkn-export-unit"
            type="text"
            maxLength={64}
            value={unit}
            aria-invalid={unitBad ? 'true' : undefined}
            aria-describedby={`bkn-export-unit-hint${unitBad ? ' bkn-export-unit-error' : ''}`}
            onInput={(event) => setUnit(event.currentTarget.value)}
          />
        </div>
        <p class="form-actions">
          {unitBad ? (
            <span class="button button-primary button-disabled" aria-disabled="true">
              {t('bkn.download', { file })}
            </span>
          ) : (
            <a class="button button-primary" href={href} download={file} data-testid="bkn-download">
              {t('bkn.download', { file })}
            </a>
          )}
        </p>
      </div>
    </section>
  );
}

function ImportSection(props: { years: Year[] }) {
  const { t } = useImportMessages();
  const [year, setYear] = useState(() => defaultYear(props.years));
  return (
    <section class="section" aria-labelledby="bkn-import">
      <h2 id="bkn-import">{t('bkn.import')}</h2>
      <p>{t('imp.kindHint.BKN_SKP')}</p>
      <YearSelect id="bkn-import-year" years={props.years} value={year} hint={t('imp.yearHint')} onChange={setYear} />
      <CsvImport key={year} kind="BKN_SKP" year={year} idPrefix="bkn-import" />
    </section>
  );
}
