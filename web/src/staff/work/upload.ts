/**
 * Evidence upload to `POST /api/uploads` (server/http/uploads.py): the raw file as the body,
 * its name percent-encoded in `X-File-Name`, and `X-Requested-With: kinerja` (the CSRF header).
 *
 * XMLHttpRequest rather than fetch: only XHR reports upload progress (`upload.onprogress`), which
 * the progress bar shows. The answer's `uploadToken` is then attached by the `addEvidence`
 * mutation, which decides authorisation and the period lock.
 */

export interface Uploaded {
  uploadToken: string;
  fileName: string;
  mediaType: string;
  size: number;
}

/** Why an upload failed: `network` and `server` may succeed when retried, the others will not. */
export type UploadFailure =
  | { kind: 'network' }
  | { kind: 'aborted' }
  | { kind: 'tooLarge'; maxBytes: number | null }
  | { kind: 'type'; message: string }
  | { kind: 'quota'; message: string }
  | { kind: 'unauthenticated' }
  | { kind: 'rejected'; message: string }
  | { kind: 'server'; message: string };

export class UploadError extends Error {
  readonly failure: UploadFailure;

  constructor(failure: UploadFailure) {
    super(failure.kind);
    this.name = 'UploadError';
    this.failure = failure;
  }
}

export const UPLOAD_ENDPOINT = '/api/uploads';

export function isRetryable(failure: UploadFailure): boolean {
  return failure.kind === 'network' || failure.kind === 'server' || failure.kind === 'aborted';
}

interface ErrorBody {
  error?: { code?: string; message?: string; maxBytes?: number };
  code?: string;
  message?: string;
  maxBytes?: number;
}

function parseBody(text: string): ErrorBody {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as ErrorBody) : {};
  } catch {
    return {};
  }
}

/** The failure an HTTP answer means (exported for unit tests). */
export function failureOf(status: number, text: string): UploadFailure {
  const body = parseBody(text);
  const message = body.error?.message ?? body.message ?? '';
  if (status === 0) return { kind: 'network' };
  if (status === 401) return { kind: 'unauthenticated' };
  if (status === 413) return { kind: 'tooLarge', maxBytes: body.error?.maxBytes ?? body.maxBytes ?? null };
  if (status === 415) return { kind: 'type', message };
  if (status === 429) return { kind: 'quota', message };
  if (status >= 500) return { kind: 'server', message };
  return { kind: 'rejected', message };
}

/**
 * Sends one file; `onProgress(loaded, total)` follows the bytes sent. Rejects with an
 * `UploadError`. `signal` aborts it.
 */
export function uploadFile(file: File, onProgress: (loaded: number, total: number) => void, signal?: AbortSignal): Promise<Uploaded> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', UPLOAD_ENDPOINT);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('X-Requested-With', 'kinerja');
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name || 'berkas'));
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    };
    xhr.onload = () => {
      if (xhr.status === 201) {
        const body = parseBody(xhr.responseText) as Partial<Uploaded>;
        if (typeof body.uploadToken === 'string') {
          onProgress(file.size, file.size);
          resolve({
            uploadToken: body.uploadToken,
            fileName: String(body.fileName ?? file.name),
            mediaType: String(body.mediaType ?? ''),
            size: Number(body.size ?? file.size),
          });
          return;
        }
        reject(new UploadError({ kind: 'server', message: '' }));
        return;
      }
      reject(new UploadError(failureOf(xhr.status, xhr.responseText)));
    };
    xhr.onerror = () => reject(new UploadError({ kind: 'network' }));
    xhr.ontimeout = () => reject(new UploadError({ kind: 'network' }));
    xhr.onabort = () => reject(new UploadError({ kind: 'aborted' }));
    if (signal) {
      if (signal.aborted) {
        reject(new UploadError({ kind: 'aborted' }));
        return;
      }
      signal.addEventListener('abort', () => xhr.abort(), { once: true });
    }
    xhr.send(file);
  });
}

/** "786 B", "1,2 MB" in the interface's locale. */
export function formatSize(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}
