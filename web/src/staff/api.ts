/**
 * The one way staff screens talk to the internal API (`/api/graphql`):
 *
 * - `useStaffQuery(Document, variables)`: loads on mount and when the variables change;
 *   `{ status: 'loading' | 'success' | 'error', data?, error?, reload() }`. Render it with
 *   `<QueryView query={…}>{(data) => …}</QueryView>` (ui/states.tsx) for the loading and error states.
 * - `runMutation(Document, variables, (data) => data.someMutation)`: the payload's
 *   `errors { field message code }` come back as data (`{ ok: false, errors }`), ready for the
 *   form layer (ui/form.tsx) to show next to the fields.
 *
 * A request answered "unauthenticated" (the session expired) sends the person to the login
 * page, which brings them back here afterwards; forms keep what was typed as a draft.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { INTERNAL_ENDPOINT, RequestError, request, type TypedDocument } from '../graphql/client';
import type { ErrorCode } from '../graphql/internal/types';
import { loginUrl, navigate } from '../lib/navigation';

export type QueryState<T> =
  | { status: 'loading'; reload: () => void }
  | { status: 'success'; data: T; reload: () => void }
  | { status: 'error'; error: unknown; reload: () => void };

let sessionSeen = false;

/** Called once the portal knows who is signed in: a later 401 means the session ran out. */
export function markSessionSeen(): void {
  sessionSeen = true;
}

/** To the login page, coming back to this page afterwards (drafts are kept). */
export function goToLogin(): void {
  const here = window.location.pathname + window.location.search;
  navigate(loginUrl(here, sessionSeen), { replace: !sessionSeen, force: true });
}

export function isUnauthenticated(error: unknown): boolean {
  return error instanceof RequestError && error.kind === 'unauthenticated';
}

/** One internal operation; a 401 leads to the login page (and the promise rejects). */
export async function staffRequest<R, V>(document: TypedDocument<R, V>, variables: V, signal?: AbortSignal): Promise<R> {
  try {
    return await request(document, variables, { endpoint: INTERNAL_ENDPOINT, signal });
  } catch (error) {
    if (isUnauthenticated(error)) goToLogin();
    throw error;
  }
}

export function useStaffQuery<R, V>(document: TypedDocument<R, V>, variables: V): QueryState<R> {
  const key = JSON.stringify(variables ?? {});
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<{ status: 'loading' } | { status: 'success'; data: R } | { status: 'error'; error: unknown }>({
    status: 'loading',
  });
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    staffRequest(document, variables, controller.signal).then(
      (data) => !controller.signal.aborted && setState({ status: 'success', data }),
      (error: unknown) => !controller.signal.aborted && setState({ status: 'error', error }),
    );
    return () => controller.abort();
    // The variables are compared by value (`key`); the document is a module constant.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [document, key, attempt]);
  return useMemo(() => ({ ...state, reload: () => setAttempt((n) => n + 1) }), [state]);
}

/** An error of a mutation payload (`errors { field message code }`), or of the request itself. */
export interface FieldError {
  /** The input field the server named (e.g. `text`, `reasons`, `evidence.0`), or null. */
  field: string | null;
  message: string;
  code: ErrorCode | 'NETWORK' | 'UNAUTHENTICATED' | 'UNKNOWN';
  /** Set on errors of client-side checks: their message is already in the interface language. */
  local?: boolean;
}

export type MutationOutcome<T> = { ok: true; result: T } | { ok: false; errors: FieldError[] };

interface Payload<T> {
  result: T | null;
  errors: ReadonlyArray<{ field: string | null; message: string; code: ErrorCode }>;
}

/**
 * Runs a mutation whose payload is `{ result, errors { field message code } }`. Expected
 * failures (validation, state, conflict) and request failures both come back as `{ ok: false }`;
 * an expired session goes to the login page.
 */
export async function runMutation<R, V, T>(
  document: TypedDocument<R, V>,
  variables: V,
  payloadOf: (data: R) => Payload<T>,
): Promise<MutationOutcome<T>> {
  let data: R;
  try {
    data = await staffRequest(document, variables);
  } catch (error) {
    if (isUnauthenticated(error)) {
      // Already on the way to the login page; the form keeps its draft.
      return { ok: false, errors: [{ field: null, message: '', code: 'UNAUTHENTICATED' }] };
    }
    if (error instanceof RequestError && error.kind === 'network') {
      return { ok: false, errors: [{ field: null, message: '', code: 'NETWORK' }] };
    }
    const message = error instanceof RequestError ? error.message : '';
    return { ok: false, errors: [{ field: null, message, code: 'UNKNOWN' }] };
  }
  const payload = payloadOf(data);
  if (payload.errors.length > 0 || payload.result === null) {
    return {
      ok: false,
      errors: payload.errors.length > 0 ? payload.errors.map((e) => ({ ...e })) : [{ field: null, message: '', code: 'UNKNOWN' }],
    };
  }
  return { ok: true, result: payload.result };
}
