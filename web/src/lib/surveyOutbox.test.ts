import { afterEach, describe, expect, it, vi } from 'vitest';
import { emptyState } from './survey';
import { OUTBOX_PREFIX, hasAnswers, isClientKey, keep, loadKept, newClientKey, resolveRetry } from './surveyOutbox';

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (k: string) => items.get(k) ?? null,
    key: (i: number) => [...items.keys()][i] ?? null,
    removeItem: (k: string) => void items.delete(k),
    setItem: (k: string, v: string) => void items.set(k, v),
  };
}

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('survey outbox', () => {
  it('treats a duplicate after a lost reply as already received, and only then', () => {
    expect(resolveRetry({ kind: 'duplicate', message: '' }, true)).toEqual({ kind: 'alreadyReceived' });
    expect(resolveRetry({ kind: 'duplicate', message: 'x' }, false)).toEqual({ kind: 'duplicate', message: 'x' });
    expect(resolveRetry({ kind: 'ok', id: '1', commentStatus: null }, true).kind).toBe('ok');
    expect(resolveRetry({ kind: 'network' }, true).kind).toBe('network');
  });

  it('keeps only a form that has something in it', () => {
    expect(hasAnswers(emptyState())).toBe(false);
    expect(hasAnswers({ ...emptyState(), answers: { u1: 3 } })).toBe(true);
    expect(hasAnswers({ ...emptyState(), profile: { gender: '' } })).toBe(false);
    expect(hasAnswers({ ...emptyState(), comment: '  ' })).toBe(false);
    expect(hasAnswers({ ...emptyState(), comment: 'ramah' })).toBe(true);
  });

  it('reads nothing where there is no storage', () => {
    expect(loadKept('abc')).toBeNull();
  });
});

describe('idempotency key', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is a random UUID, also where crypto.randomUUID is missing (plain HTTP)', () => {
    const fallback: Pick<Crypto, 'getRandomValues'> = { getRandomValues: (a) => crypto.getRandomValues(a) };
    const keys = new Set(Array.from({ length: 200 }, () => newClientKey(fallback)));
    expect(keys.size).toBe(200);
    for (const k of keys) expect(k).toMatch(V4);
    expect(newClientKey({ ...fallback, randomUUID: () => '0b9e8c8e-1d2f-4a7b-9c3d-2e1f0a9b8c7d' })).toBe('0b9e8c8e-1d2f-4a7b-9c3d-2e1f0a9b8c7d');
    expect(newClientKey()).toMatch(V4);
  });

  it('is kept with the queued answers, and a broken or missing one is dropped', () => {
    const storage = memoryStorage();
    vi.stubGlobal('window', { localStorage: storage });
    const key = newClientKey();
    const state = { ...emptyState(), answers: { u1: 4 } };
    keep('tok', { state, pending: { u1: 4 }, replyLost: true, key });
    expect(loadKept('tok')).toMatchObject({ pending: { u1: 4 }, replyLost: true, key });
    for (const broken of ['x', 'A'.repeat(4000), 42, null]) {
      storage.setItem(OUTBOX_PREFIX + 'tok', JSON.stringify({ state, pending: { u1: 4 }, replyLost: true, key: broken }));
      expect(loadKept('tok')?.key).toBeNull();
    }
    // Kept by an older form (no key at all): sent without one.
    storage.setItem(OUTBOX_PREFIX + 'tok', JSON.stringify({ state, pending: { u1: 4 }, replyLost: false }));
    expect(loadKept('tok')?.key).toBeNull();
    // No pending answer: no key either.
    keep('tok', { state, pending: null, replyLost: false, key });
    expect(loadKept('tok')?.key).toBeNull();
    expect(isClientKey(key)).toBe(true);
    expect(isClientKey(key.toUpperCase())).toBe(false);
  });
});
