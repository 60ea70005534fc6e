import { afterEach, describe, expect, it, vi } from 'vitest';
import { leavePractice, resetPractice, startPractice } from './practice';

afterEach(() => vi.unstubAllGlobals());

function answer(status: number, body: unknown): Response {
  return new Response(body === null ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

describe('the Latihan requests', () => {
  it('start a practice session as a persona, with JSON the server accepts', async () => {
    const fetchMock = vi.fn(async () => answer(200, { ok: true, persona: 'penilai' }));
    vi.stubGlobal('fetch', fetchMock);
    expect(await startPractice('penilai')).toEqual({ ok: true });
    const [path, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(path).toBe('/auth/latihan');
    expect(init.method).toBe('POST');
    expect(new Headers(init.headers).get('Content-Type')).toBe('application/json');
    expect(JSON.parse(String(init.body))).toEqual({ persona: 'penilai' });
  });
  it('say why when the server refuses, and when it cannot be reached', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => answer(429, { error: { code: 'TOO_SOON', message: 'Latihan baru saja diatur ulang.' } })));
    expect(await resetPractice()).toEqual({ ok: false, code: 'TOO_SOON', message: 'Latihan baru saja diatur ulang.' });
    vi.stubGlobal('fetch', vi.fn(async () => new Response('oops', { status: 502 })));
    expect(await resetPractice()).toEqual({ ok: false, code: 'HTTP_502', message: null });
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('offline'))));
    expect(await leavePractice()).toEqual({ ok: false, code: 'NETWORK', message: null });
  });
  it('leave with 204 No Content', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(null, { status: 204 })));
    expect(await leavePractice()).toEqual({ ok: true });
  });
});
