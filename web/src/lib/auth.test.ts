import { describe, expect, it } from 'vitest';
import { login, logout, parseRetryAfter } from './auth';

function fakeFetch(status: number, body: unknown, headers: Record<string, string> = {}, seen: RequestInit[] = []) {
  return (async (_input: RequestInfo | URL, init?: RequestInit) => {
    seen.push(init ?? {});
    return new Response(body === null ? null : JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json', ...headers },
    });
  }) as typeof fetch;
}

describe('login', () => {
  it('posts the credentials as JSON and succeeds on 200', async () => {
    const seen: RequestInit[] = [];
    const result = await login('199001012020121001', 'rahasia', fakeFetch(200, { ok: true, expiresAt: '2026-11-28T04:00:00+00:00' }, {}, seen));
    expect(result).toEqual({ ok: true, expiresAt: '2026-11-28T04:00:00+00:00' });
    expect(JSON.parse(String(seen[0]?.body))).toEqual({ login: '199001012020121001', password: 'rahasia' });
    expect(seen[0]?.credentials).toBe('same-origin');
    expect((seen[0]?.headers as Record<string, string>)['Content-Type']).toBe('application/json');
  });

  it('maps 401 to INVALID_CREDENTIALS', async () => {
    const result = await login('x', 'y', fakeFetch(401, { error: { code: 'INVALID_CREDENTIALS', message: 'no' } }));
    expect(result).toMatchObject({ ok: false, code: 'INVALID_CREDENTIALS', retryAfter: null });
  });

  it('reads retryAfter from the body, else from the Retry-After header', async () => {
    const fromBody = await login('x', 'y', fakeFetch(429, { error: { code: 'TOO_MANY_ATTEMPTS', message: 'slow', retryAfter: 42 } }, { 'Retry-After': '40' }));
    expect(fromBody).toMatchObject({ ok: false, code: 'TOO_MANY_ATTEMPTS', retryAfter: 42 });
    const fromHeader = await login('x', 'y', fakeFetch(429, null, { 'Retry-After': '17' }));
    expect(fromHeader).toMatchObject({ ok: false, code: 'TOO_MANY_ATTEMPTS', retryAfter: 17 });
  });

  it('reports network failures', async () => {
    const failing = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    expect(await login('x', 'y', failing)).toMatchObject({ ok: false, code: 'NETWORK' });
  });
});

describe('parseRetryAfter', () => {
  it('accepts whole seconds only', () => {
    expect(parseRetryAfter(undefined, '  30 ')).toBe(30);
    expect(parseRetryAfter(undefined, 'Wed, 21 Oct 2015 07:28:00 GMT')).toBeNull();
    expect(parseRetryAfter(2.2, null)).toBe(3);
    expect(parseRetryAfter(-1, null)).toBeNull();
  });
});

describe('logout', () => {
  it('posts an empty JSON object and treats 204 and 401 as done', async () => {
    const seen: RequestInit[] = [];
    expect(await logout(fakeFetch(204, null, {}, seen))).toBe(true);
    expect(seen[0]?.body).toBe('{}');
    expect(await logout(fakeFetch(401, null))).toBe(true);
    expect(await logout(fakeFetch(500, null))).toBe(false);
  });
});
