/** /portal/bkpsdm/impor: organisation (units and jabatan) and employee CSV import for BKPSDM,
 * with the preview of ./CsvImport.tsx. The chosen kind is in the URL (`?jenis=`). */
import { useLocation } from 'preact-iso';
import { PageHeading } from '../../components';
import type { ImportKind } from '../../graphql/internal/types';
import { portalPaths } from '../paths';
import { CsvImport } from './CsvImport';
import { useImportMessages } from './messages';
import { Help } from '../ui/help';

const KINDS: ReadonlyArray<{ kind: ImportKind; param: string }> = [
  { kind: 'ORGANISATION', param: 'organisasi' },
  { kind: 'EMPLOYEES', param: 'pegawai' },
];

export function ImportsPage() {
  const { t } = useImportMessages();
  const { query, route } = useLocation();
  const chosen = KINDS.find((k) => k.param === query['jenis']) ?? KINDS[0]!;
  return (
    <>
      <PageHeading>{t('imp.title')}</PageHeading>
      <p class="lead">{t('imp.lead')}</p>
      <fieldset class="field radio-group" data-testid="import-kinds">
        <legend>{t('imp.kind')}</legend>
        <Help id="import-kind-help" topic={t('imp.kind')}>
          <p>{t('imp.help.kind')}</p>
        </Help>
        {KINDS.map(({ kind, param }) => (
          <div key={kind} class="radio-option">
            <label class="radio">
              <input
                type="radio"
                name="import-kind"
                value={param}
                checked={kind === chosen.kind}
                aria-describedby={`kind-hint-${param}`}
                data-testid={`import-kind-${kind}`}
                onChange={() => route(`${portalPaths.imports()}?jenis=${param}`, true)}
              />{' '}
              {t(`imp.kind.${kind}`)}
            </label>
            <p id={`kind-hint-${param}`} class="hint">
              {t(`imp.kindHint.${kind}`)}
            </p>
          </div>
        ))}
      </fieldset>
      <CsvImport key={chosen.kind} kind={chosen.kind} idPrefix={`import-${chosen.param}`} />
    </>
  );
}
