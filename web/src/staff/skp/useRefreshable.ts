/**
 * A staff query whose data can be refreshed after a mutation without going back to the loading
 * state: the screen stays as it is (focus, open forms) and only the data changes.
 */
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { TypedDocument } from '../../graphql/client';
import { staffRequest, useStaffQuery, type QueryState } from '../api';

export interface Refreshable<R> {
  query: QueryState<R>;
  /** Loads the data again in the background; resolves when the screen shows the new data. */
  refresh: () => Promise<void>;
}

export function useRefreshableQuery<R, V>(document: TypedDocument<R, V>, variables: V): Refreshable<R> {
  const query = useStaffQuery(document, variables);
  const key = JSON.stringify(variables ?? {});
  const [fresh, setFresh] = useState<{ key: string; data: R } | null>(null);
  useEffect(() => setFresh(null), [key, query.status]);
  const refresh = useCallback(async () => {
    try {
      const data = await staffRequest(document, variables);
      setFresh({ key, data });
    } catch {
      query.reload(); // show the error state with its retry
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [document, key, query]);
  const shown = useMemo<QueryState<R>>(
    () => (fresh !== null && fresh.key === key && query.status === 'success' ? { ...query, data: fresh.data } : query),
    [fresh, key, query],
  );
  return { query: shown, refresh };
}
