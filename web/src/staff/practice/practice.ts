/**
 * The training sandbox (Latihan) from the browser: start a practice session as a demo persona,
 * reset the sandbox, leave it (server/http/sandbox_routes.py). The practice session lives in its
 * own HttpOnly cookie; the server sends this browser's /api requests to the sandbox database
 * while it is set, so after each change the portal reloads to show the other world.
 */
export type PracticePersona = 'pegawai' | 'penilai';

export type PracticeOutcome = { ok: true } | { ok: false; code: string; message: string | null };

async function post(path: string, body: Record<string, string>): Promise<PracticeOutcome> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    return { ok: false, code: 'NETWORK', message: null };
  }
  if (response.ok) return { ok: true };
  let message: string | null = null;
  let code = `HTTP_${response.status}`;
  try {
    const parsed = (await response.json()) as { error?: { code?: string; message?: string } };
    message = parsed.error?.message ?? null;
    code = parsed.error?.code ?? code;
  } catch {
    // not JSON: the status says enough
  }
  return { ok: false, code, message };
}

export const startPractice = (persona: PracticePersona) => post('/auth/latihan', { persona });
export const leavePractice = () => post('/auth/latihan/selesai', {});
export const resetPractice = () => post('/auth/latihan/reset', {});

/** A full load of `to`, so the staff shell asks again who is signed in (real or practice). */
export function reloadTo(to: string): void {
  window.location.assign(to);
}
