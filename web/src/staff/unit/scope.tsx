/**
 * What every unit screen starts from: the unit (a unit manager's own; BKPSDM picks any unit with
 * `?unit=<id>`) and the appraisal years. Also the strip of links between the unit screens.
 *
 * A unit manager's queries leave `unitCode` empty: the server narrows them to the managed unit's
 * subtree itself, so nothing here widens what they may read.
 */
import type { ComponentChildren } from 'preact';
import { useLocation } from 'preact-iso';
import { EmptyState } from '../../components';
import { useStaffQuery } from '../api';
import { portalPaths } from '../paths';
import { hasRole, useSession } from '../session';
import { currentYear } from '../../lib/instansiTime';
import { QueryView } from '../ui/states';
import { useUnitMessages } from './messages';
import { UnitScopesDocument, type UnitScopesQuery } from './UnitScopes.generated';

export type AppraisalYear = UnitScopesQuery['appraisalYears'][number];

export interface UnitChoice {
  id: string;
  /** Null for a unit manager: the server uses the unit they manage. */
  code: string | null;
  name: string;
  /** The appraisal years (for the year and period pickers). */
  years: AppraisalYear[];
}

/** The query string that keeps BKPSDM's chosen unit when moving between unit screens. */
export function unitQuery(params: Record<string, string | undefined>, extra: Record<string, string | number | null | undefined> = {}): string {
  const query = new URLSearchParams();
  if (params['unit']) query.set('unit', params['unit']);
  for (const [key, value] of Object.entries(extra)) if (value !== null && value !== undefined && value !== '') query.set(key, String(value));
  const text = query.toString();
  return text ? `?${text}` : '';
}

export function UnitNav(props: { current: 'people' | 'completion' | 'services' | 'comments' | 'followUps' }) {
  const { t } = useUnitMessages();
  const { query: params } = useLocation();
  const q = unitQuery(params);
  const links = [
    ['people', portalPaths.unitPeople()],
    ['completion', portalPaths.unitCompletion()],
    ['services', portalPaths.unitServices()],
    ['comments', portalPaths.unitComments()],
    ['followUps', portalPaths.unitFollowUps()],
  ] as const;
  return (
    <nav class="subnav" aria-label={t('unit.nav')} data-testid="unit-nav">
      <ul>
        {links.map(([key, href]) => (
          <li key={key}>
            <a href={`${href}${q}`} aria-current={props.current === key ? 'page' : undefined}>
              {t(`unit.nav.${key}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Renders `children` with the unit in scope, or the picker (BKPSDM) / the reason there is none. */
export function UnitScope(props: { action: string; children: (unit: UnitChoice) => ComponentChildren }) {
  const { t } = useUnitMessages();
  const { me } = useSession();
  const managed = hasRole(me, 'UNIT_MANAGER') ? me.managedUnit : null;
  const picks = managed === null && hasRole(me, 'HR_ADMIN');
  const query = useStaffQuery(UnitScopesDocument, { withUnits: picks });
  const { query: params } = useLocation();
  if (managed === null && !picks) {
    return (
      <EmptyState testId="unit-no-unit">
        <p>{t('unit.noUnit')}</p>
      </EmptyState>
    );
  }
  return (
    <QueryView query={query}>
      {(data) => {
        if (managed !== null) return props.children({ id: managed.id, code: null, name: managed.name, years: data.appraisalYears });
        const units = [...(data.units ?? [])].sort((a, b) => a.name.localeCompare(b.name));
        const chosen = units.find((u) => u.id === params['unit']) ?? null;
        return (
          <>
            <UnitPicker action={props.action} units={units} chosen={chosen?.id ?? null} />
            {chosen ? (
              props.children({ id: chosen.id, code: chosen.code, name: chosen.name, years: data.appraisalYears })
            ) : (
              <EmptyState testId="unit-pick-first">
                <p>{t('unit.pickFirst')}</p>
              </EmptyState>
            )}
          </>
        );
      }}
    </QueryView>
  );
}

function UnitPicker(props: { action: string; units: Array<{ id: string; name: string; code: string }>; chosen: string | null }) {
  const { t } = useUnitMessages();
  const { route } = useLocation();
  return (
    <form
      class="scope-picker"
      method="get"
      action={props.action}
      onSubmit={(event) => {
        event.preventDefault();
        const unit = String(new FormData(event.currentTarget).get('unit') ?? '');
        route(`${props.action}${unit ? `?unit=${encodeURIComponent(unit)}` : ''}`);
      }}
    >
      <label for="unit-picker">{t('unit.pick')}</label>
      <select id="unit-picker" name="unit" key={props.chosen ?? ''} data-testid="unit-picker">
        <option value="">{t('unit.pickEmpty')}</option>
        {props.units.map((u) => (
          <option key={u.id} value={u.id} selected={u.id === props.chosen}>
            {u.name} ({u.code})
          </option>
        ))}
      </select>
      <button type="submit" class="button button-secondary button-small">
        {t('unit.show')}
      </button>
    </form>
  );
}

/** The year to show: `?tahun=` if opened, else the one containing today, else the newest. */
export function pickYear(years: AppraisalYear[], asked: string | undefined): AppraisalYear | null {
  if (years.length === 0) return null;
  const now = currentYear();
  return years.find((y) => String(y.year) === asked) ?? years.find((y) => y.year === now) ?? [...years].sort((a, b) => b.year - a.year)[0]!;
}
