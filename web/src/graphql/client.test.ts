import { describe, expect, it } from 'vitest';
import { INTERNAL_ENDPOINT, PUBLIC_ENDPOINT, RequestError, request } from './client';
import { HomeDocument, LandingDocument } from './documents';

function fakeFetch(status: number, body: unknown, seen: RequestInit[] = []): typeof fetch {
  return (async (_input: RequestInfo | URL, init?: RequestInit) => {
    seen.push(init ?? {});
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });
  }) as typeof fetch;
}

describe('documents', () => {
  it('load the operation text from the .graphql files', () => {
    expect(LandingDocument).toContain('query Landing');
    expect(LandingDocument).toContain('parentCode');
    expect(HomeDocument).toContain('query Home');
    expect(HomeDocument).toContain('assessorsAssessor');
  });
});

describe('request', () => {
  it('posts JSON and returns data; public requests send no cookies', async () => {
    const seen: RequestInit[] = [];
    const data = { about: { instansi: 'X' }, units: [] };
    const result = await request(LandingDocument, {}, { endpoint: PUBLIC_ENDPOINT, fetchFn: fakeFetch(200, { data }, seen) });
    expect(result).toEqual(data);
    expect(seen[0]?.method).toBe('POST');
    expect(seen[0]?.credentials).toBe('omit');
    expect(JSON.parse(String(seen[0]?.body))).toEqual({ query: LandingDocument, variables: {} });
  });

  it('sends the session cookie to the internal endpoint', async () => {
    const seen: RequestInit[] = [];
    await request(HomeDocument, {}, { endpoint: INTERNAL_ENDPOINT, fetchFn: fakeFetch(200, { data: { me: null } }, seen) });
    expect(seen[0]?.credentials).toBe('same-origin');
  });

  it('reports HTTP 401 as unauthenticated', async () => {
    const body = { data: null, errors: [{ message: 'no session', extensions: { code: 'UNAUTHENTICATED' } }] };
    const error = await request(HomeDocument, {}, { endpoint: INTERNAL_ENDPOINT, fetchFn: fakeFetch(401, body) }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RequestError);
    expect((error as RequestError).kind).toBe('unauthenticated');
  });

  it('reports GraphQL errors and non-JSON answers', async () => {
    const gql = await request(HomeDocument, {}, {
      endpoint: INTERNAL_ENDPOINT,
      fetchFn: fakeFetch(200, { data: null, errors: [{ message: 'boom' }] }),
    }).catch((e: unknown) => e);
    expect((gql as RequestError).kind).toBe('graphql');
    expect((gql as RequestError).message).toBe('boom');
    const html = await request(HomeDocument, {}, { endpoint: INTERNAL_ENDPOINT, fetchFn: fakeFetch(502, '<html>') }).catch(
      (e: unknown) => e,
    );
    expect((html as RequestError).kind).toBe('http');
    expect((html as RequestError).status).toBe(502);
  });

  it('reports a failed fetch as a network error', async () => {
    const failing = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    const error = await request(HomeDocument, {}, { endpoint: INTERNAL_ENDPOINT, fetchFn: failing }).catch((e: unknown) => e);
    expect((error as RequestError).kind).toBe('network');
  });
});
