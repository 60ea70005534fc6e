/**
 * A tiny typed GraphQL-over-HTTP client (POST, JSON). No cache, no normalisation: the pages
 * are forms and reports that load their data once.
 */
import type { TypedDocumentString } from './documents';

export const PUBLIC_ENDPOINT = '/public/graphql';
export const INTERNAL_ENDPOINT = '/api/graphql';

export interface GraphQLErrorItem {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: { code?: string; [key: string]: unknown };
}

export type RequestErrorKind = 'network' | 'http' | 'graphql' | 'unauthenticated';

export class RequestError extends Error {
  readonly kind: RequestErrorKind;
  readonly status: number | null;
  readonly errors: readonly GraphQLErrorItem[];

  constructor(
    kind: RequestErrorKind,
    message: string,
    status: number | null = null,
    errors: readonly GraphQLErrorItem[] = [],
  ) {
    super(message);
    this.name = 'RequestError';
    this.kind = kind;
    this.status = status;
    this.errors = errors;
  }
}

export interface RequestOptions {
  /** `/public/graphql` sends no cookies; `/api/graphql` needs the session cookie. */
  endpoint: string;
  signal?: AbortSignal;
  /** Injected in unit tests. */
  fetchFn?: typeof fetch;
}

interface GraphQLResponseBody<T> {
  data?: T | null;
  errors?: GraphQLErrorItem[];
}

/**
 * Runs one operation. Resolves with `data` when the server returned data and no errors;
 * rejects with a `RequestError` otherwise (kind `unauthenticated` for HTTP 401 or an
 * UNAUTHENTICATED error code, so callers can redirect to the login page).
 */
export async function request<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  options: RequestOptions,
): Promise<TResult> {
  const fetchFn = options.fetchFn ?? fetch;
  const isPublic = options.endpoint === PUBLIC_ENDPOINT;
  let response: Response;
  try {
    response = await fetchFn(options.endpoint, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/graphql-response+json, application/json',
      },
      body: JSON.stringify({ query: document, variables }),
      credentials: isPublic ? 'omit' : 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new RequestError('network', 'Network error');
  }

  let body: GraphQLResponseBody<TResult> | null = null;
  try {
    body = (await response.json()) as GraphQLResponseBody<TResult>;
  } catch {
    body = null;
  }
  const errors = body?.errors ?? [];
  const unauthenticated =
    response.status === 401 || errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
  if (unauthenticated) {
    throw new RequestError('unauthenticated', 'Unauthenticated', response.status, errors);
  }
  if (errors.length > 0) {
    throw new RequestError('graphql', errors[0]?.message ?? 'GraphQL error', response.status, errors);
  }
  if (!response.ok || body === null || body.data === undefined || body.data === null) {
    throw new RequestError('http', `HTTP ${response.status}`, response.status);
  }
  return body.data;
}
