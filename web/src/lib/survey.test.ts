import { describe, expect, it } from 'vitest';
import {
  buildPayload,
  commentLength,
  emptyState,
  firstUnanswered,
  interpretSubmit,
  loadSurvey,
  minutesToWait,
  submitSurvey,
  validateSurvey,
  SurveyLoadError,
  type SurveyInfo,
  type SurveyState,
} from './survey';

const INFO: SurveyInfo = {
  service: { code: 'KTP-EL', name: 'KTP elektronik', description: null, unit: 'Disdukcapil' },
  questions: Array.from({ length: 9 }, (_, i) => ({
    field: `u${i + 1}`,
    unsur: `U${i + 1}`,
    name: `Unsur ${i + 1}`,
    english: `Element ${i + 1}`,
    question: `Pertanyaan ${i + 1}?`,
    answers: [1, 2, 3, 4].map((value) => ({ value, label: `Pilihan ${value}` })),
  })),
  profile: [
    {
      field: 'gender',
      label: 'Jenis kelamin',
      hint: 'Gender',
      choices: [
        { code: 'LAKI_LAKI', label: 'Laki-laki', hint: 'Male' },
        { code: 'PEREMPUAN', label: 'Perempuan', hint: 'Female' },
      ],
    },
    { field: 'age_band', label: 'Usia', hint: 'Age', choices: [{ code: '20_29', label: '20–29 tahun', hint: '20–29' }] },
  ],
  minAnswered: 5,
  commentMaxLength: 20,
  honeypotField: 'website',
};

function answered(n: number, extra: Partial<SurveyState> = {}): SurveyState {
  const answers: Record<string, number> = {};
  for (let i = 1; i <= n; i += 1) answers[`u${i}`] = ((i - 1) % 4) + 1;
  return { ...emptyState(), answers, ...extra };
}

describe('survey payload', () => {
  it('sends the answered unsur as numbers and leaves out everything empty', () => {
    expect(buildPayload(INFO, answered(9))).toEqual({ u1: 1, u2: 2, u3: 3, u4: 4, u5: 1, u6: 2, u7: 3, u8: 4, u9: 1 });
    expect(buildPayload(INFO, answered(5))).not.toHaveProperty('u6');
  });

  it('adds known profile codes and the trimmed comment, never unknown fields', () => {
    const state = answered(5, {
      profile: { gender: 'PEREMPUAN', age_band: '', occupation: 'SPY' },
      comment: '  Antrean\r\nlama  ',
    });
    const payload = buildPayload(INFO, state);
    expect(payload.gender).toBe('PEREMPUAN');
    expect(payload).not.toHaveProperty('age_band');
    expect(payload).not.toHaveProperty('occupation');
    expect(payload.comment).toBe('Antrean\nlama');
    for (const key of Object.keys(payload)) expect(['name', 'phone', 'address', 'nama', 'telepon', 'alamat']).not.toContain(key);
  });

  it('refuses an answer value the question does not offer', () => {
    const state = answered(5);
    state.answers.u1 = 7;
    expect(buildPayload(INFO, state)).not.toHaveProperty('u1');
  });

  it('passes a filled honeypot on so the server refuses it with its reason', () => {
    expect(buildPayload(INFO, answered(5))).not.toHaveProperty('website');
    expect(buildPayload(INFO, answered(5, { honeypot: 'http://spam' })).website).toBe('http://spam');
  });
});

describe('client-side validation', () => {
  it('asks for at least the minimum number of answers', () => {
    expect(validateSurvey(INFO, answered(4))).toEqual({ answers: { code: 'tooFewAnswers', min: 5, answered: 4 } });
    expect(validateSurvey(INFO, answered(5))).toEqual({});
    expect(firstUnanswered(INFO, answered(4))).toBe('u5');
    expect(firstUnanswered(INFO, answered(9))).toBeNull();
  });

  it('limits the comment as the server counts it (trimmed, code points)', () => {
    expect(commentLength('  😀😀 \r\n')).toBe(2);
    expect(validateSurvey(INFO, answered(9, { comment: `${'x'.repeat(20)}   ` }))).toEqual({});
    expect(validateSurvey(INFO, answered(9, { comment: 'x'.repeat(21) }))).toEqual({
      comment: { code: 'commentTooLong', max: 20, length: 21 },
    });
  });

  it('refuses control characters but allows line breaks and tabs', () => {
    expect(validateSurvey(INFO, answered(9, { comment: 'a\u0007b' }))).toEqual({ comment: { code: 'commentControl' } });
    expect(validateSurvey(INFO, answered(9, { comment: 'a\u202eb' }))).toEqual({ comment: { code: 'commentControl' } });
    expect(validateSurvey(INFO, answered(9, { comment: 'a\n\tb' }))).toEqual({});
  });
});

describe('server answers', () => {
  it('accepts ok with the id', () => {
    expect(interpretSubmit(200, { ok: true, id: '12', commentStatus: null }, null)).toEqual({
      kind: 'ok',
      id: '12',
      commentStatus: null,
    });
  });

  it('maps field errors, duplicates, rate limits and unknown links', () => {
    expect(
      interpretSubmit(422, { error: { code: 'INVALID_INPUT', message: 'Periksa', fields: { u1: 'Pilih', x: 3 } } }, null),
    ).toEqual({ kind: 'invalid', message: 'Periksa', fields: { u1: 'Pilih' } });
    expect(interpretSubmit(422, { error: { code: 'INVALID_FORM', message: 'Formulir tidak valid.' } }, null).kind).toBe(
      'invalidForm',
    );
    expect(interpretSubmit(409, { error: { code: 'DUPLICATE', message: 'sama' } }, null).kind).toBe('duplicate');
    expect(interpretSubmit(429, { error: { code: 'RATE_LIMITED', message: 'banyak' } }, '125')).toEqual({
      kind: 'rateLimited',
      message: 'banyak',
      retryAfter: 125,
    });
    expect(interpretSubmit(429, { error: { code: 'RATE_LIMITED', retryAfter: 30 } }, null)).toMatchObject({ retryAfter: 30 });
    expect(interpretSubmit(429, null, 'soon')).toMatchObject({ kind: 'rateLimited', retryAfter: null });
    expect(interpretSubmit(404, { error: { code: 'NOT_FOUND', message: 'x' } }, null).kind).toBe('notFound');
    expect(interpretSubmit(500, null, null)).toEqual({ kind: 'unknown', status: 500 });
    expect(minutesToWait(125)).toBe(3);
    expect(minutesToWait(1)).toBe(1);
  });
});

describe('fetching', () => {
  const reply = (status: number, body: unknown, headers: Record<string, string> = {}): typeof fetch =>
    (async () => new Response(JSON.stringify(body), { status, headers })) as typeof fetch;

  it('posts JSON without credentials and reads Retry-After', async () => {
    let seen: RequestInit | undefined;
    let url = '';
    const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
      url = String(input);
      seen = init;
      return new Response(JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'm' } }), {
        status: 429,
        headers: { 'Retry-After': '60' },
      });
    }) as typeof fetch;
    const result = await submitSurvey('tok/en', { u1: 4 }, null, fetchFn);
    expect(url).toBe('/public/survey/tok%2Fen');
    expect(seen?.method).toBe('POST');
    expect(seen?.credentials).toBe('omit');
    expect((seen?.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    expect('Idempotency-Key' in (seen?.headers as Record<string, string>)).toBe(false);
    expect(seen?.body).toBe('{"u1":4}');
    expect(result).toEqual({ kind: 'rateLimited', message: 'm', retryAfter: 60 });
  });

  it('sends the idempotency key, and reads a repeat as already received', async () => {
    const key = '0b9e8c8e-1d2f-4a7b-9c3d-2e1f0a9b8c7d';
    const sent: Array<Record<string, string>> = [];
    const fetchFn = (async (_input: RequestInfo | URL, init?: RequestInit) => {
      sent.push(init?.headers as Record<string, string>);
      const again = sent.length > 1;
      return new Response(JSON.stringify({ ok: true, id: '7', commentStatus: null, alreadyReceived: again }), { status: 200 });
    }) as typeof fetch;
    expect(await submitSurvey('t', { u1: 4 }, key, fetchFn)).toEqual({ kind: 'ok', id: '7', commentStatus: null });
    expect(await submitSurvey('t', { u1: 4 }, key, fetchFn)).toEqual({ kind: 'alreadyReceived' });
    expect(sent.map((h) => h['Idempotency-Key'])).toEqual([key, key]);
    expect(interpretSubmit(200, { ok: true, id: '7', alreadyReceived: 'yes' }, null).kind).toBe('ok');
  });

  it('reports a network failure without throwing', async () => {
    const fetchFn = (async () => {
      throw new TypeError('offline');
    }) as typeof fetch;
    expect(await submitSurvey('t', {}, null, fetchFn)).toEqual({ kind: 'network' });
  });

  it('loads the form, and tells an unknown link from a failure', async () => {
    expect((await loadSurvey('t', undefined, reply(200, INFO))).service.code).toBe('KTP-EL');
    await expect(loadSurvey('t', undefined, reply(404, { error: { code: 'NOT_FOUND' } }))).rejects.toMatchObject({
      notFound: true,
    });
    await expect(loadSurvey('t', undefined, reply(200, { nope: 1 }))).rejects.toBeInstanceOf(SurveyLoadError);
  });
});
