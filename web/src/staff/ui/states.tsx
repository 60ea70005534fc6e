/**
 * Loading, error and empty states of a staff query, in one component:
 *
 *   const q = useStaffQuery(AgendaDocument, {});
 *   <QueryView query={q}>{(data) => <Agenda data={data} />}</QueryView>
 *
 * An expired session never shows an error here: the request already went to the login page.
 */
import type { ComponentChildren } from 'preact';
import { LoadError, Loading } from '../../components';
import { isUnauthenticated, type QueryState } from '../api';

export { EmptyState, Loading, LoadError } from '../../components';

export function QueryView<T>(props: { query: QueryState<T>; loadingLabel?: string; children: (data: T) => ComponentChildren }) {
  const { query } = props;
  if (query.status === 'loading') return <Loading label={props.loadingLabel} />;
  if (query.status === 'error') {
    if (isUnauthenticated(query.error)) return <Loading />;
    return <LoadError error={query.error} onRetry={query.reload} />;
  }
  return <>{props.children(query.data)}</>;
}
