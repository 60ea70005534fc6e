/** Session login/logout against the server's non-GraphQL auth routes. */

export type LoginErrorCode =
  | 'BAD_REQUEST'
  | 'INVALID_CREDENTIALS'
  | 'TOO_MANY_ATTEMPTS'
  | 'NETWORK'
  | 'UNKNOWN';

export type LoginResult =
  | { ok: true; expiresAt: string | null }
  | { ok: false; code: LoginErrorCode; message: string | null; retryAfter: number | null };

const KNOWN_CODES: readonly LoginErrorCode[] = ['BAD_REQUEST', 'INVALID_CREDENTIALS', 'TOO_MANY_ATTEMPTS'];

interface ErrorBody {
  error?: { code?: string; message?: string; retryAfter?: number };
}

/** Seconds to wait, from the JSON body or else the Retry-After header (seconds form). */
export function parseRetryAfter(bodyValue: unknown, header: string | null): number | null {
  if (typeof bodyValue === 'number' && Number.isFinite(bodyValue) && bodyValue >= 0) {
    return Math.ceil(bodyValue);
  }
  if (header !== null && /^\s*\d+\s*$/.test(header)) return Number.parseInt(header, 10);
  return null;
}

export async function login(
  loginName: string,
  password: string,
  fetchFn: typeof fetch = fetch,
): Promise<LoginResult> {
  let response: Response;
  try {
    response = await fetchFn('/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ login: loginName, password }),
      credentials: 'same-origin',
    });
  } catch {
    return { ok: false, code: 'NETWORK', message: null, retryAfter: null };
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (response.ok) {
    const expiresAt = (body as { expiresAt?: unknown } | null)?.expiresAt;
    return { ok: true, expiresAt: typeof expiresAt === 'string' ? expiresAt : null };
  }
  const error = (body as ErrorBody | null)?.error;
  const rawCode = error?.code;
  let code: LoginErrorCode = KNOWN_CODES.find((c) => c === rawCode) ?? 'UNKNOWN';
  if (code === 'UNKNOWN' && response.status === 429) code = 'TOO_MANY_ATTEMPTS';
  if (code === 'UNKNOWN' && response.status === 401) code = 'INVALID_CREDENTIALS';
  return {
    ok: false,
    code,
    message: typeof error?.message === 'string' ? error.message : null,
    retryAfter:
      code === 'TOO_MANY_ATTEMPTS'
        ? parseRetryAfter(error?.retryAfter, response.headers.get('Retry-After'))
        : null,
  };
}

/** Revokes the session. Resolves true when it is gone (2xx, or 401: there was none). */
export async function logout(fetchFn: typeof fetch = fetch): Promise<boolean> {
  try {
    const response = await fetchFn('/auth/logout', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
      credentials: 'same-origin',
    });
    return response.ok || response.status === 401;
  } catch {
    return false;
  }
}
