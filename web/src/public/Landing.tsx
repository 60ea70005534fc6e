import { useMemo, useState } from 'preact/hooks';
import { LoadError, Loading, PageHeading } from '../components';
import type { LandingQuery } from './types';
import { useI18n } from '../i18n';
import { useAsync } from '../lib/useAsync';
import { unitHref } from '../lib/units';
import { loadLanding } from '../lib/landingData';
import { buildUnitTree, countNodes, filterUnitTree, topLevelNodes, type UnitNode } from '../lib/units';

export function LandingPage() {
  const { t } = useI18n();
  const landing = useAsync(loadLanding);

  return (
    <>
      <PageHeading>{t('landing.title')}</PageHeading>
      <div class="lead">
        <p>{t('landing.intro')}</p>
        <p>{t('landing.introStaff')}</p>
        <p>
          <a href="/masuk" class="button button-primary">
            {t('landing.login')}
          </a>
        </p>
      </div>
      <section aria-labelledby="kinerja-heading" class="card kinerja-teaser">
        <h2 id="kinerja-heading">{t('landing.kinerjaHeading')}</h2>
        <p>{t('landing.kinerjaBody')}</p>
        <p>
          <a href="/kinerja" class="button button-secondary">
            {t('landing.kinerjaLink')}
          </a>
        </p>
      </section>
      <section aria-labelledby="units-heading" class="units">
        <h2 id="units-heading">{t('landing.unitsHeading')}</h2>
        {landing.status === 'loading' ? <Loading /> : null}
        {landing.status === 'error' ? <LoadError onRetry={landing.reload} /> : null}
        {landing.status === 'success' ? <UnitBrowser data={landing.data} /> : null}
      </section>
    </>
  );
}

function UnitBrowser(props: { data: LandingQuery }) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const tree = useMemo(() => topLevelNodes(buildUnitTree(props.data.units)), [props.data.units]);
  const total = props.data.units.length;
  const filtered = useMemo(() => filterUnitTree(tree.nodes, query), [tree, query]);
  const filtering = query.trim() !== '';
  const shown = filtering ? countNodes(filtered.nodes) : total;

  return (
    <>
      <p class="units-count">{t('landing.unitsCount', { count: total })}</p>
      <div class="field">
        <label for="unit-filter">{t('landing.filterLabel')}</label>
        <input
          id="unit-filter"
          type="search"
          autoComplete="off"
          spellcheck={false}
          aria-describedby="unit-filter-hint"
          value={query}
          onInput={(event) => setQuery(event.currentTarget.value)}
        />
        <p id="unit-filter-hint" class="hint">
          {t('landing.filterHint')}
        </p>
      </div>
      <p class="filter-status" role="status" aria-live="polite">
        {filtering
          ? filtered.nodes.length === 0
            ? t('landing.filterNone', { query: query.trim() })
            : t('landing.filterResult', { shown, total })
          : ''}
      </p>
      {tree.instansi ? <p class="tree-root">{tree.instansi.name}</p> : null}
      <ul class="unit-tree" data-testid="unit-tree" aria-label={t('landing.treeLabel')}>
        {filtered.nodes.map((node) => (
          <UnitItem
            key={node.unit.code}
            node={node}
            expanded={filtered.expanded}
            matched={filtered.matched}
            filtering={filtering}
          />
        ))}
      </ul>
    </>
  );
}

function UnitItem(props: { node: UnitNode; expanded: Set<string>; matched: Set<string>; filtering: boolean }) {
  const { t, te } = useI18n();
  const { unit, children } = props.node;
  const isMatch = props.filtering && props.matched.has(unit.code);
  const label = (
    <>
      <a href={unitHref(unit.code)} class={isMatch ? 'unit-name unit-match' : 'unit-name'}>
        {unit.name}
      </a>{' '}
      <span class="unit-kind">{te('unitKind', unit.kind)}</span>
    </>
  );
  if (children.length === 0) {
    return (
      <li class="unit-item unit-leaf" data-testid="unit-item" data-unit-code={unit.code}>
        <span class="unit-label">{label}</span>
      </li>
    );
  }
  // Keyed on the filter state so that clearing the filter resets what the user had opened.
  const open = props.filtering && props.expanded.has(unit.code);
  return (
    <li class="unit-item" data-testid="unit-item" data-unit-code={unit.code}>
      {/* The name links to the unit's page; the disclosure below only opens its sub-units (a
          link inside <summary> would nest two controls). */}
      <span class="unit-label unit-branch-label">{label}</span>
      <details key={props.filtering ? 'filtered' : 'all'} open={open}>
        <summary>
          <span class="unit-subcount">{t('landing.subunits', { count: children.length })}</span>
          <span class="visually-hidden"> {unit.name}</span>
        </summary>
        <ul>
          {children.map((child) => (
            <UnitItem
              key={child.unit.code}
              node={child}
              expanded={props.expanded}
              matched={props.matched}
              filtering={props.filtering}
            />
          ))}
        </ul>
      </details>
    </li>
  );
}
